"""Issue 15, point 5: `catalogue import ddi` — our own DDI-Codebook 2.5 and 2.6 come back as the datasets
they were made from (study, variables with labels, questions, codes, missing values and units, the access
type of the terms), and a codebook written the way NADA exports one (valid against the DDI 2.5 XSD) imports
into records `check` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.conformance.validators import ddi_xsd_errors, standards_dir
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, run, by_id
from .strategies import catalogues

NADA_STYLE = """<?xml version="1.0" encoding="UTF-8"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5" ID="KEN_2019_HBS" xml:lang="en">
  <stdyDscr>
    <citation>
      <titlStmt>
        <titl>Household Budget Survey 2019</titl>
        <IDNo>KEN-NBS-HBS-2019-v01</IDNo>
      </titlStmt>
      <prodStmt><producer abbr="OFFICE">The office</producer><prodDate date="2020-03-02">2020-03-02</prodDate></prodStmt>
    </citation>
    <stdyInfo>
      <subject><keyword>expenditure</keyword><keyword>households</keyword></subject>
      <abstract>Expenditure and income of private households.</abstract>
      <sumDscr>
        <timePrd event="start" date="2019-01-01">2019</timePrd>
        <timePrd event="end" date="2019-12-31">2019</timePrd>
        <anlyUnit>Households</anlyUnit>
        <universe>All private households</universe>
        <dataKind>Sample survey data [ssd]</dataKind>
      </sumDscr>
    </stdyInfo>
    <method>
      <dataColl><sampProc>Stratified two-stage sample.</sampProc><collMode>Face-to-face [f2f]</collMode></dataColl>
      <anlyInfo><respRate>86%</respRate></anlyInfo>
    </method>
    <dataAccs>
      <setAvail><avlStatus>Licensed files</avlStatus></setAvail>
      <useStmt>
        <confDec>Identifying information was removed.</confDec>
        <citReq>National Bureau of Statistics, HBS 2019.</citReq>
        <conditions>Access is granted to registered researchers.</conditions>
      </useStmt>
    </dataAccs>
  </stdyDscr>
  <fileDscr ID="F1" URI="https://microdata.example.org/files/hbs2019.csv">
    <fileTxt><fileName>hbs2019.csv</fileName><fileCont>Household records.</fileCont></fileTxt>
  </fileDscr>
  <dataDscr>
    <var ID="V1" name="hhid" files="F1" dcml="0" intrvl="contin">
      <labl>Household identifier</labl>
      <varFormat type="numeric" schema="other"/>
    </var>
    <var ID="V2" name="region" files="F1" intrvl="discrete">
      <labl>Region</labl>
      <qstn><qstnLit>In which region does the household live?</qstnLit></qstn>
      <catgry ID="C1" catgry="C2 C3"><catValu>0</catValu><labl>All</labl></catgry>
      <catgry ID="C2"><catValu>1</catValu><labl>Coast</labl></catgry>
      <catgry ID="C3"><catValu>2</catValu><labl>Highlands</labl></catgry>
      <catgry missing="Y"><catValu>9</catValu><labl>Not stated</labl></catgry>
      <varFormat type="character" schema="other"/>
    </var>
    <var ID="V3" name="wt" files="F1" intrvl="contin" wgt="wgt">
      <labl>Household weight</labl>
      <varFormat type="numeric" schema="other"/>
    </var>
  </dataDscr>
</codeBook>
"""


def shared_records(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    return folder


@pytest.mark.parametrize("version", ["2.5", "2.6"])
def test_our_own_codebooks_come_back(cli, tmp_path, version):
    exported = tmp_path / "ddi"
    assert run(cli, "export", "ddi", str(EXAMPLE), "-o", str(exported), "--version", version,
               "--as-of", "2026-01-01").exit_code == 0
    folder = shared_records(tmp_path)
    result = run(cli, "import", "ddi", str(exported), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    imported, original = read_catalogue(folder), read_catalogue(EXAMPLE)
    for dataset_id, dataset in imported.datasets.items():
        source = original.datasets[dataset_id]
        public = [v for v in source.variables if not v.confidential]
        assert dataset.title == source.title and dataset.description == source.description
        assert dataset.identifier == source.identifier and dataset.keywords == source.keywords
        coded = {i for i, c in by_id(original.codelists).items() if c.codes}  # an external codelist has no categories
        assert [(v.id, v.label, v.question, v.description, v.codelist, v.missing_values, v.unit) for v in dataset.variables] \
            == [(v.id, v.label, v.question, v.description, v.codelist if v.codelist in coded else None,
                 v.missing_values, v.unit) for v in public]
        assert [v.concept for v in dataset.variables] == [v.concept for v in public]
        assert [v.data_type for v in dataset.variables] == \
            [v.data_type if v.data_type in ("integer", "decimal") else "string" for v in public]
        terms, source_terms = imported.terms[dataset.terms], original.terms[source.terms]
        assert (terms.access_type, terms.access_level) == (source_terms.access_type, source_terms.access_level)
        assert terms.citation_requirement == source_terms.citation_requirement
        if source.study:
            assert dataset.study == source.study
    assert set(by_id(imported.codelists)) == set(by_id(original.codelists))  # every variable's codes matched its codelist


def test_a_nada_style_codebook_imports_into_records_check_accepts(cli, tmp_path):
    path = tmp_path / "hbs.xml"
    path.write_text(NADA_STYLE, encoding="utf-8")
    assert ddi_xsd_errors(path, standards_dir()) == []
    folder = shared_records(tmp_path)
    (folder / "agencies" / "OFFICE.yaml").write_text("id: OFFICE\nname: {en: The office}\n", encoding="utf-8")
    result = run(cli, "import", "ddi", str(path), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    loaded = load_catalogue(folder)
    assert loaded.ok
    dataset = loaded.catalogue.datasets["KEN_2019_HBS"]
    assert dataset.identifier == "KEN-NBS-HBS-2019-v01" and dataset.publisher == "OFFICE"
    assert dataset.study.weight == "wt" and dataset.study.response_rate == {"en": "86%"}
    terms = loaded.catalogue.terms[dataset.terms]
    assert (terms.access_type, terms.access_level) == ("licensed", "restricted")
    region = dataset.variables[1]
    codes = by_id(loaded.catalogue.codelists)[region.codelist].codes
    assert [(c.id, c.parent) for c in codes] == [("0", None), ("1", "0"), ("2", "0")]
    assert region.missing_values[0].code == "9" and region.question == {"en": "In which region does the household live?"}
    assert [v.data_type for v in dataset.variables] == ["integer", "string", "decimal"]
    # licensed data are applied for, never downloaded: the file's URI is where to ask
    assert dataset.distributions[0].access_url == "https://microdata.example.org/files/hbs2019.csv"
    assert dataset.distributions[0].download_url is None


def test_a_document_that_is_not_a_codebook_is_one_clear_error(cli, tmp_path):
    folder = shared_records(tmp_path)
    path = tmp_path / "other.xml"
    path.write_text("<html/>", encoding="utf-8")
    result = run(cli, "import", "ddi", str(path), "--into", str(folder))
    assert result.exit_code == 1 and "not a DDI-Codebook document" in result.output


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), version=st.sampled_from(["2.5", "2.6"]))
def test_generated_catalogues_come_back_through_ddi(tmp_path_factory, catalogue, version):
    """Round trip (issue 15, point 7): each public dataset's codebook, imported into a folder with the same
    shared records, gives back its variables (labels, questions, descriptions, codes, missing values, units),
    its study, its series, version and version notes, in every language."""
    import io

    from catalogue.formats.ddi import DdiBuilder
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.ddi import import_ddi
    from catalogue.policy.view import public_view
    from catalogue.records.writer import write_catalogue

    from .strategies import AS_OF

    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("ddi-round-trip")
    exported = root / "ddi"
    exported.mkdir()
    builder = DdiBuilder(view, root)
    for dataset in builder.datasets():
        stream = io.BytesIO()
        builder.write(dataset, stream, version)
        (exported / f"{dataset.id}.xml").write_bytes(stream.getvalue())
    folder = root / "catalogue"
    write_catalogue(catalogue.model_copy(update={"datasets": {}, "releases": {}, "metadata_reports": {}}), folder)
    import_ddi([exported], RecordWriter(folder, update=False, dry_run=False), terms=None, agency=None)
    imported = read_catalogue(folder)
    for dataset in builder.datasets():
        mine = imported.datasets[dataset.id]
        coded = {i for i, c in by_id(catalogue.codelists).items() if c.codes}
        assert [(v.id, v.label, v.question, v.description, v.missing_values, v.unit) for v in mine.variables] == \
            [(v.id, v.label, v.question, v.description, v.missing_values, v.unit) for v in dataset.variables]
        for theirs, ours in zip(dataset.variables, mine.variables):
            if theirs.codelist in coded:
                assert [c.id for c in by_id(imported.codelists)[ours.codelist].codes] == \
                    [c.id for c in by_id(catalogue.codelists)[theirs.codelist].codes]
        assert mine.title == dataset.title and mine.description == dataset.description
        assert mine.series == [s for s in dict.fromkeys(dataset.series) if s in view.series]
        assert (mine.version, mine.version_notes) == (dataset.version, dataset.version_notes)
        terms, source_terms = imported.terms[mine.terms], view.terms[dataset.terms]
        assert (terms.access_type, terms.access_level) == (source_terms.access_type, source_terms.access_level)


def test_a_codebook_starts_a_new_catalogue(cli, tmp_path):
    """A new catalogue from one codebook: catalogue.yaml from the options, the publisher's agency record from
    the SDMX agencies table (in the catalogue's languages), the study's terms from its access conditions."""
    path = tmp_path / "hbs.xml"
    path.write_text(NADA_STYLE, encoding="utf-8")
    folder = tmp_path / "new"
    result = run(cli, "import", "ddi", str(path), "--into", str(folder), "--language", "en", "--language", "fr",
                 "--agency", "WB", "--base-uri", "https://microdata.example.org/", "--title", "Microdata")
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    catalogue = read_catalogue(folder)
    assert catalogue.info.publisher == "WB" and catalogue.info.languages == ["en", "fr"]
    assert catalogue.agencies["WB"].name == {"en": "World Bank", "fr": "Banque mondiale"}
    dataset = catalogue.datasets["KEN_2019_HBS"]
    assert dataset.publisher == "WB" and catalogue.terms[dataset.terms].access_type == "licensed"


@pytest.mark.parametrize("version", ["2.5", "2.6"])
def test_a_release_comes_back_with_its_series_and_version(tmp_path, version):
    """Round trip of a release through its codebook: ``serStmt`` gives back the series (a series record from its
    name and information, in every language, when the catalogue lacks it; named only when it has it), and
    ``verStmt`` the version and its notes."""
    import io

    from catalogue.formats.ddi import DdiBuilder
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.ddi import import_ddi
    from catalogue.policy.view import public_view

    from .test_series import AS_OF, CORRECTED, quarterly_series

    source = quarterly_series(tmp_path / "source")
    view = public_view(read_catalogue(source), AS_OF)
    builder = DdiBuilder(view, source)
    stream = io.BytesIO()
    builder.write(view.datasets[CORRECTED], stream, version)
    codebook = tmp_path / f"{CORRECTED}.xml"
    codebook.write_bytes(stream.getvalue())
    assert ddi_xsd_errors(codebook, standards_dir()) == []
    folder = shared_records(tmp_path)
    shutil.rmtree(folder / "series", ignore_errors=True)
    report = import_ddi([codebook], RecordWriter(folder, update=False, dry_run=False), terms=None, agency=None)
    loaded = load_catalogue(folder)
    assert loaded.ok, [str(p) for p in loaded.errors]
    dataset, series, original = loaded.catalogue.datasets[CORRECTED], loaded.catalogue.series, view.datasets[CORRECTED]
    assert (dataset.series, dataset.version, dataset.version_notes) == (["LFS"], "3.3", original.version_notes)
    assert (series["LFS"].title, series["LFS"].description, series["LFS"].publisher) == \
        (view.series["LFS"].title, view.series["LFS"].description, "BSO")
    assert report.created["series"] == 1
    # into a catalogue that has the series: named, its record left as it is (a statement holds less)
    again = import_ddi([codebook], RecordWriter(folder, update=True, dry_run=False), terms=None, agency=None)
    assert not again.created["series"] and not again.updated["series"] and not again.kept["series"]
    assert read_catalogue(folder).datasets[CORRECTED].series == ["LFS"]


def test_a_series_statement_without_an_id_gets_one_from_its_name_and_a_bad_version_is_told_where(cli, tmp_path):
    """A NADA codebook's ``serStmt`` whose ``ID`` is no SDMX id: the series id comes from its name; a version that is
    not digits and dots is reported with its file, line and field, and the dataset keeps version 1.0."""
    text = NADA_STYLE.replace("</prodStmt>\n    </citation>", """</prodStmt>
      <serStmt ID="HBS.series">
        <serName>Household Budget Survey</serName>
        <serName xml:lang="fr">Enquête sur le budget des ménages</serName>
        <serInfo>Every five years.</serInfo>
      </serStmt>
      <verStmt><version>v01</version><notes>First edition.</notes></verStmt>
    </citation>""", 1)
    path = tmp_path / "hbs.xml"
    path.write_text(text, encoding="utf-8")
    assert ddi_xsd_errors(path, standards_dir()) == []
    folder = shared_records(tmp_path)
    (folder / "agencies" / "OFFICE.yaml").write_text("id: OFFICE\nname: {en: The office}\n", encoding="utf-8")
    result = run(cli, "import", "ddi", str(path), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    output = " ".join(result.output.split())
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "<version>" in row)
    assert f"hbs.xml: line {line}: verStmt/version" in output and "'v01' is not a version" in output
    loaded = load_catalogue(folder)
    assert loaded.ok, [str(p) for p in loaded.errors]
    dataset = loaded.catalogue.datasets["KEN_2019_HBS"]
    assert (dataset.series, dataset.version, dataset.version_notes) == \
        (["HOUSEHOLD_BUDGET_SURVEY"], "1.0", {"en": "First edition."})
    series = loaded.catalogue.series["HOUSEHOLD_BUDGET_SURVEY"]
    assert series.title == {"en": "Household Budget Survey", "fr": "Enquête sur le budget des ménages"}
    assert (series.description, series.publisher) == ({"en": "Every five years."}, "OFFICE")
