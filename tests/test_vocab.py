"""The mappings load, cover what the exporters need, and agree with the official EU tables."""

from __future__ import annotations

import re

import pytest

from catalogue.vocab import vocabulary

from .conftest import STANDARDS

EU_TABLES = STANDARDS / "dcat" / "vocabularies" / "eu-authority"


def test_required_licences_are_mapped():
    licences = vocabulary().licences
    for spdx in ("CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "ODC-By-1.0", "ODbL-1.0", "PDDL-1.0", "OGL-UK-3.0"):
        assert spdx in licences
        assert licences[spdx].open_definition_id
    # Open Definition and SPDX ids differ: Data Package needs the former
    assert licences["PDDL-1.0"].open_definition_id == "ODC-PDDL-1.0"
    assert licences["ODbL-1.0"].open_definition_id == "ODC-ODbL-1.0"


def test_access_levels_map_to_eu_and_dcat_us():
    levels = vocabulary().access_levels
    assert {k: v.dcat_us for k, v in levels.items()} == {
        "public": "public", "restricted": "restricted public", "non_public": "non-public"}
    assert levels["non_public"].eu_uri.endswith("/access-right/NON_PUBLIC")


def test_every_data_type_and_frequency_has_each_target():
    vocab = vocabulary()
    assert all(entry.xsd and entry.sdmx and entry.table_schema.type for entry in vocab.data_types.values())
    assert vocab.frequencies["annual"].sdmx == "A" and vocab.frequencies["annual"].iso8601 == "P1Y"


@pytest.mark.parametrize(("table", "attribute", "file"), [
    ("licences", "eu_uri", "licences-skos.rdf"),
    ("file_formats", "eu_uri", "filetypes-skos.rdf"),
])
def test_eu_uris_exist_in_the_official_tables(table, attribute, file):
    official = EU_TABLES / file
    if not official.is_file():
        pytest.skip(f"{official} is absent (../shared/standards is not beside this clone)")
    uris = set(re.findall(r'rdf:about="([^"]+)"', official.read_text(encoding="utf-8")))
    for code, entry in getattr(vocabulary(), table).items():
        uri = getattr(entry, attribute)
        assert uri is None or uri in uris, f"{table}.{code}: {uri}"


def test_eu_themes_exist_in_the_official_table():
    official = EU_TABLES / "data-theme-skos.rdf"
    if not official.is_file():
        pytest.skip(f"{official} is absent (../shared/standards is not beside this clone)")
    codes = set(re.findall(r"authority/data-theme/([A-Z_]+)\"", official.read_text(encoding="utf-8")))
    assert set(vocabulary().themes) == codes


def test_file_format_media_types_agree_with_the_eu_table():
    official = EU_TABLES / "filetypes-skos.rdf"
    if not official.is_file():
        pytest.skip(f"{official} is absent (../shared/standards is not beside this clone)")
    text = official.read_text(encoding="utf-8")
    for code, entry in vocabulary().file_formats.items():
        block = re.search(rf'file-type/{code}" .*?</skos:Concept>', text, re.S)
        assert block, code
        declared = re.findall(r"mime-type-cellar</dc:source><at:legacy-code>([^<;]*)", block.group(0))
        assert not declared or entry.media_type in declared, (code, declared)


def test_eu_theme_labels_are_the_official_ones_in_every_language():
    """mappings/themes.yaml keeps the labels of the EU data-theme table (tools/eu_theme_labels.py)."""
    import pytest

    from .conftest import STANDARDS

    table = STANDARDS / "dcat" / "vocabularies" / "eu-authority" / "data-theme-skos.rdf"
    if not table.is_file():
        pytest.skip(f"{table} is absent (../shared/standards is beside the clone in CI)")
    from catalogue.vocab import vocabulary

    from tools.eu_theme_labels import official_labels

    official = official_labels(table)
    themes = vocabulary().themes
    assert set(themes) == set(official)
    for code, entry in themes.items():
        assert entry.label == official[code], code
        assert {"es", "fr", "de", "en"} <= set(entry.label)
