"""Issue 15, point 2 (first part): `catalogue import sdmx` — real agencies' structure messages import into
catalogues that `check` accepts, with the counts sdmx1 reads from the same files, every language kept
(within the catalogue's), a report of what is not carried over; our own export comes back whole; hostile
XML is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sdmx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, REPO, by_id, codelist_named, concept_named, run
from .exports import example_view, sdmx_codelist_message
from .strategies import catalogues

SAMPLES = REPO.parent / "shared" / "samples" / "sdmx"
CASES = {
    # file: (catalogue languages, default, what sdmx1 can read of it)
    "ECB_EXR_1_structure-full.xml": (["en"], "en"),
    "ESTAT_demography-structure.xml": (["en", "fr"], "en"),
    "INSEE_IPI-2010-A21-structure.xml": (["fr", "en"], "fr"),
    "IMF_CL_FREQ-3.0-structure.xml": (["en", "ar", "es", "fr", "ja", "pt", "ru", "zh"], "en"),
}


def catalogue_folder(root: Path, languages: list[str], default: str) -> Path:
    (root / "terms").mkdir(parents=True)
    (root / "agencies").mkdir()
    (root / "catalogue.yaml").write_text(
        f"id: IMPORT_TEST\nbase_uri: https://data.example.org/\ndefault_language: {default}\n"
        f"languages: [{', '.join(languages)}]\ntitle: {{{default}: Imported structures}}\n"
        f"description: {{{default}: A catalogue that imports structures.}}\npublisher: OFFICE\n", encoding="utf-8")
    (root / "agencies" / "OFFICE.yaml").write_text(f"id: OFFICE\nname: {{{default}: The office}}\n", encoding="utf-8")
    (root / "terms" / "OPEN.yaml").write_text(f"id: OPEN\nname: {{{default}: Open data}}\naccess_level: public\n"
                                              "access_type: open\n", encoding="utf-8")
    return root


needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside this checkout")


@needs_samples
@pytest.mark.parametrize("name", CASES)
def test_real_structure_messages_import_into_a_catalogue_that_check_accepts(cli, tmp_path, name):
    languages, default = CASES[name]
    folder = catalogue_folder(tmp_path / "catalogue", languages, default)
    result = run(cli, "import", "sdmx", str(SAMPLES / name), "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert "finds 0 error(s)" in result.output
    loaded = load_catalogue(folder)
    assert loaded.ok, "\n".join(map(str, loaded.errors))
    catalogue = loaded.catalogue
    message = sdmx.read_sdmx(SAMPLES / name)
    read_codelists = {c.id: c for c in message.codelist.values() if len(c)}
    assert {i for i, c in by_id(catalogue.codelists).items() if c.codes} == set(read_codelists)
    # a codelist the file declares as an external reference stays one (sdmx1 also makes one of a codelist
    # the message merely refers to, which is not in the file: those are reported, not imported)
    declared = {e.get("id") for e in etree.parse(str(SAMPLES / name)).iter("{*}Codelist")
                if e.get("isExternalReference") == "true"}
    assert {i for i, c in by_id(catalogue.codelists).items() if c.external_urn} == declared
    for codelist_id, codelist in by_id(catalogue.codelists).items():
        if not codelist.codes:
            continue
        theirs = read_codelists[codelist_id]
        assert [code.id for code in codelist.codes] == [code.id for code in theirs]
        for code in codelist.codes:
            expected = {lang: text for lang, text in theirs[code.id].name.localizations.items() if lang in languages}
            assert code.name == expected, (codelist_id, code.id)
            parent = theirs[code.id].parent
            assert code.parent == (parent.id if parent is not None and parent is not theirs else None)
    schemes = {s.id: s for s in message.concept_scheme.values() if not s.is_external_reference}
    assert {k: [c.id for c in v.concepts] for k, v in by_id(catalogue.concept_schemes).items()} == \
        {k: [c.id for c in v] for k, v in schemes.items()}
    for structure in message.structure.values():
        flows = [f for f in message.dataflow.values() if f.structure is structure]
        dataset_id = "DS_" + (flows[0].id.removeprefix("DF_") if flows else structure.id.removeprefix("DSD_"))
        if dataset_id not in catalogue.datasets:
            assert f"DataStructure[{structure.maintainer.id}:{structure.id}({structure.version})]" in \
                " ".join(result.output.split())
            continue  # not self-contained (its concepts are elsewhere): reported
        variables = catalogue.datasets[dataset_id].variables
        expected = len(structure.dimensions) + len(structure.measures) + len(structure.attributes)
        assert len(variables) == expected
        assert catalogue.datasets[dataset_id].status == "draft" and catalogue.datasets[dataset_id].terms == "OPEN"
        # one data structure record per structure, which every dataset of its dataflows names
        key = f"{structure.maintainer.id}:{structure.id}({structure.version})"
        assert catalogue.data_structures[key].variables == variables
        assert {d.id for d in catalogue.datasets.values() if d.structure == key} == \
            ({"DS_" + f.id.removeprefix("DF_") for f in flows} or {dataset_id})


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_our_own_export_comes_back_whole(cli, tmp_path, version):
    """Every codelist (codes, names in every language, parents — 3.0's PARENT annotations too) and concept
    scheme of the example's structure message; its statistical tables as draft datasets with their variables."""
    view = example_view()
    stream = io.BytesIO()
    export_sdmx(build_structures(view), stream, DIALECTS[version], "TEST", view.as_of)
    message = tmp_path / "structures.xml"
    message.write_bytes(stream.getvalue())
    folder = catalogue_folder(tmp_path / "catalogue", view.info.languages, view.info.default_language)
    result = run(cli, "import", "sdmx", str(message), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    imported = read_catalogue(folder)
    original = read_catalogue(EXAMPLE)
    for codelist_id, codelist in by_id(view.codelists).items():
        mine = by_id(imported.codelists)[codelist_id]
        assert [(c.id, c.name, c.description, c.parent) for c in mine.codes] == \
            [(c.id, c.name, c.description, c.parent) for c in codelist.codes], codelist_id
        assert mine.name == codelist.name
        # an external codelist keeps its URN (3.0 writes its version with three parts: 2.1.0 for 2.1)
        assert (mine.external_urn or "").split("(")[0] == (codelist.external_urn or "").split("(")[0]
    assert by_id(imported.concept_schemes)["CS_BSO"].concepts == [
        c for c in by_id(original.concept_schemes)["CS_BSO"].concepts if c.id in {c.id for c in by_id(view.concept_schemes)["CS_BSO"].concepts}]
    table = imported.datasets["DS_POP_AGE_SEX_REGION"]
    source = view.datasets["DS_POP_AGE_SEX_REGION"]
    components = [v for v in source.variables if v.role in ("dimension", "time_dimension", "measure", "attribute")]
    assert [(v.role, codelist_named(imported, v.codelist), concept_named(imported, v.concept))
            for v in table.variables] == \
        [(v.role, codelist_named(view, v.codelist), concept_named(view, v.concept)) for v in components]
    assert table.title == source.title and table.status == "draft"
    # this catalogue has no themes: the categories are reported, and the datasets have none
    assert not table.themes and source.themes
    for theme in source.themes:
        assert f"Category[{theme}]: not a theme of the catalogue" in " ".join(result.output.split())


def test_an_existing_record_is_kept_unless_update(cli, tmp_path):
    folder = catalogue_folder(tmp_path / "catalogue", ["en", "fr"], "en")
    message = sdmx_codelist_message(tmp_path / "sex.xml")
    # the codelist's maintainer is not in the message: its record is named by its id (issue 32), and reported
    first = run(cli, "import", "sdmx", str(message), "--into", str(folder))
    assert first.exit_code == 0 and "agency BSO: maintains artefacts of the message" in " ".join(first.output.split())
    assert read_catalogue(folder).agencies["BSO"].name == {"en": "BSO"}
    (folder / "agencies" / "BSO.yaml").write_text("id: BSO\nname: {en: Belmar Statistical Office}\n", encoding="utf-8")
    assert run(cli, "import", "sdmx", str(message), "--into", str(folder)).exit_code == 0
    path = folder / "codelists" / "BSO" / "CL_SEX" / "1.0.yaml"
    edited = path.read_text(encoding="utf-8").replace("Female", "Women")
    path.write_text(edited, encoding="utf-8")
    again = run(cli, "import", "sdmx", str(message), "--into", str(folder))
    assert "exists and differs: left as it was (give --update to replace it)" in " ".join(again.output.split())
    assert path.read_text(encoding="utf-8") == edited
    dry = run(cli, "import", "sdmx", str(message), "--into", str(folder), "--update", "--dry-run")
    assert dry.exit_code == 0 and path.read_text(encoding="utf-8") == edited
    updated = run(cli, "import", "sdmx", str(message), "--into", str(folder), "--update")
    assert updated.exit_code == 0 and "Women" not in path.read_text(encoding="utf-8")
    same = run(cli, "import", "sdmx", str(message), "--into", str(folder))
    assert "exists and differs" not in same.output


@pytest.mark.parametrize("document, expected", [
    ('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<m>&x;</m>',
     "declares a DTD or entities: refused"),
    ('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<m>&b;</m>',
     "declares a DTD or entities: refused"),
    ('<?xml version="1.0"?>\n<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">'
     "<mes:Structures><str:Codelists", "not a readable XML document"),
])
def test_hostile_or_broken_xml_is_one_clear_error(cli, tmp_path, document, expected):
    folder = catalogue_folder(tmp_path / "catalogue", ["en"], "en")
    path = tmp_path / "hostile.xml"
    path.write_text(document, encoding="utf-8")
    result = run(cli, "import", "sdmx", str(path), "--into", str(folder))
    assert result.exit_code == 1 and expected in " ".join(result.output.split())
    assert "Traceback" not in result.output and not (folder / "codelists").exists()


def test_a_folder_that_is_not_a_catalogue_is_refused(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(cli, "import", "sdmx", str(EXAMPLE / "catalogue.yaml"), "--into", str(tmp_path / "empty"))
    assert result.exit_code == 1 and "no catalogue.yaml" in result.output and "--language TAG" in result.output


@needs_samples
def test_an_import_starts_a_new_catalogue(cli, tmp_path):
    """`--into` a folder that does not exist, with the new catalogue's languages, publisher, base URI and
    title: its catalogue.yaml is written, and the imported records make a catalogue `check` accepts."""
    folder = tmp_path / "ecb"
    new = ["--language", "en", "--language", "fr", "--agency", "ECB", "--base-uri", "https://data.ecb.example.org/",
           "--title", "ECB structures"]
    sample = str(SAMPLES / "ECB_EXR_1_structure-full.xml")
    dry = run(cli, "import", "sdmx", sample, "--into", str(folder), *new, "--dry-run")
    assert dry.exit_code == 0 and not folder.exists(), dry.output
    result = run(cli, "import", "sdmx", sample, "--into", str(folder), *new)
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    catalogue = read_catalogue(folder)
    assert (catalogue.info.languages, catalogue.info.default_language, catalogue.info.publisher) == (["en", "fr"], "en",
                                                                                                    "ECB")
    assert catalogue.info.title == {"en": "ECB structures"} and catalogue.info.base_uri == "https://data.ecb.example.org/"
    assert catalogue.agencies["ECB"].name["en"] == "European Central Bank"  # the message's agency replaces the table's
    assert "CL_FREQ" in by_id(catalogue.codelists)
    again = run(cli, "import", "sdmx", sample, "--into", str(folder), "--language", "de")
    assert again.exit_code == 1 and "already has its catalogue.yaml" in again.output


@pytest.mark.parametrize(("options", "expected"), [
    (["--language", "en"], "missing: --agency ID, --base-uri URL, --title TEXT"),
    (["--language", "en", "--agency", "ECB", "--base-uri", "ftp://x", "--title", "T"], "base_uri"),
    (["--language", "english", "--agency", "ECB", "--base-uri", "https://x.org/", "--title", "T"], "language"),
])
def test_a_new_catalogue_without_what_it_needs_is_refused(cli, tmp_path, options, expected):
    result = run(cli, "import", "sdmx", str(EXAMPLE / "catalogue.yaml"), "--into", str(tmp_path / "new"), *options)
    assert result.exit_code == 1 and expected in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output and not (tmp_path / "new").exists()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), version=st.sampled_from(["2.1", "3.0"]))
def test_generated_catalogues_come_back_through_sdmx(tmp_path_factory, catalogue, version):
    """Round trip (issue 15, point 7): export a generated catalogue's public view as SDMX-ML, import it into a
    folder with the same catalogue record, agencies and terms: the codelists, concept schemes and statistical
    tables' components are those of the view, every language kept."""
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx
    from catalogue.policy.view import public_view
    from catalogue.records.writer import write_catalogue

    from .strategies import AS_OF

    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("sdmx-round-trip")
    message = root / "structures.xml"
    with message.open("wb") as stream:
        export_sdmx(build_structures(view), stream, DIALECTS[version], "TEST", view.as_of)
    folder = root / "catalogue"
    write_catalogue(catalogue.model_copy(update={"codelists": {}, "concept_schemes": {}, "data_structures": {},
                                                 "datasets": {}, "releases": {}, "metadata_structures": {},
                                                 "metadata_reports": {}}), folder)
    report = import_sdmx([message], RecordWriter(folder, update=False, dry_run=False), terms=next(iter(catalogue.terms)))
    imported = read_catalogue(folder)
    for codelist_id, codelist in by_id(view.codelists).items():
        mine = by_id(imported.codelists)[codelist_id]
        assert [(c.id, c.name, c.description, c.parent) for c in mine.codes] == \
            [(c.id, c.name, c.description, c.parent) for c in codelist.codes], (codelist_id, report.unmapped)
        assert (mine.name, mine.version) == (codelist.name, codelist.version if version == "2.1" else mine.version)
    for scheme_id, scheme in by_id(view.concept_schemes).items():
        assert [(c.id, c.name, c.description) for c in by_id(imported.concept_schemes)[scheme_id].concepts] == \
            [(c.id, c.name, c.description) for c in scheme.concepts]
    structures = build_structures(view)
    described = [(flow, view.datasets[structures.origins[flow.ref]]) for flow in structures.dataflows.values()
                 if flow.ref in structures.origins]  # a dataset's own dataflow, or its series' (a dataset per release)
    described += [(flow, view.datasets[str(a.id)]) for flow in structures.dataflows.values()
                  for a in flow.annotations if a.type == "RELEASE"]
    for flow, dataset in described:
        mine = imported.datasets["DS_" + dataset.id.removeprefix("DS_")]
        assert structures.series_origins[flow.ref] in mine.series if flow.ref in structures.series_origins \
            else mine.series == []
        components = [v for v in dataset.variables if v.role in ("dimension", "time_dimension", "measure", "attribute")]
        by_role = {role: [v for v in components if v.role == role]
                   for role in ("dimension", "time_dimension", "measure", "attribute")}
        expected = by_role["dimension"] + by_role["time_dimension"] + by_role["measure"][:1 if version == "2.1" else None] \
            + by_role["attribute"]
        assert [(v.role, concept_named(imported, v.concept), codelist_named(imported, v.codelist))
                for v in mine.variables] == \
            [(v.role, concept_named(view, v.concept), codelist_named(view, v.codelist)) for v in expected]
        themes = [c.category for c in structures.categorisations.values() if c.source == flow.ref]
        if flow.ref in structures.series_origins:  # a release of several series has the themes of each
            assert set(themes) <= set(mine.themes)
        else:  # categorisations back to the catalogue's themes
            assert mine.themes == themes


def test_import_into_a_store_is_one_revision_per_new_record(cli, tmp_path):
    """`--db`: the store's records written out, the import checked with them, then loaded in one transaction:
    a revision for each new record, none for the rest; an import that would break the catalogue changes
    nothing."""
    from catalogue.store import open_store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert run(cli, "load", str(EXAMPLE), "--db", url, "--author", "ana", "-m", "first").exit_code == 0
    store = open_store(url)
    before = len(store.history("codelist", "BSO:CL_SEX(1.0)"))
    stream = io.BytesIO()
    structures = build_structures(example_view())
    export_sdmx(structures.select([("codelist", "CL_SEX")], False), stream, DIALECTS["2.1"], "T",
                example_view().as_of)
    new = stream.getvalue().replace(b'id="CL_SEX"', b'id="CL_SEX_NEW"')
    message = tmp_path / "sex.xml"
    message.write_bytes(new)
    result = run(cli, "import", "sdmx", str(message), "--db", url)
    assert result.exit_code == 0 and "1 revision(s) written to the store" in result.output, result.output
    catalogue = store.catalogue()
    assert catalogue is not None and "CL_SEX_NEW" in by_id(catalogue.codelists)
    assert len(store.history("codelist", "BSO:CL_SEX(1.0)")) == before
    assert run(cli, "import", "sdmx", str(message), "--into", str(tmp_path), "--db", url).exit_code == 2
    whole = tmp_path / "whole.xml"
    with whole.open("wb") as out:
        export_sdmx(structures, out, DIALECTS["2.1"], "T", example_view().as_of)
    revisions = len(store.history("dataset", "DS_POP_AGE_SEX_REGION"))
    refused = run(cli, "import", "sdmx", str(whole), "--db", url, "--terms", "NO_SUCH_TERMS", "--update")
    assert refused.exit_code == 1 and "the store was not changed" in refused.output
    assert len(store.history("dataset", "DS_POP_AGE_SEX_REGION")) == revisions
    store.engine.dispose()


@needs_samples
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_codelist_past_the_record_bound_is_refused_even_in_a_dry_run(tmp_path, monkeypatch, dry_run):
    """A dry run measures the record file as a write would: it reports the same refusal, and nothing is written."""
    from catalogue.importers import apply
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx

    monkeypatch.setattr(apply, "MAX_ENTRIES", 200)  # CL_CURRENCY of the ECB sample has hundreds of codes
    folder = catalogue_folder(tmp_path / "catalogue", ["en"], "en")
    report = import_sdmx([SAMPLES / "ECB_EXR_1_structure-full.xml"], RecordWriter(folder, False, dry_run), None)
    refusals = [item for item in report.unmapped if "would hold more than 200 lines" in item.why]
    assert any(item.where.startswith("Codelist[ECB:CL_CURRENCY") for item in refusals)
    assert not (folder / "codelists" / "CL_CURRENCY.yaml").exists()
    assert not list(folder.rglob("*.tmp"))  # no temporary file left behind
