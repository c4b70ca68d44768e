"""Metadata structures (MSDs) as records: read from agencies' SDMX-ML 2.1 and 3.0 structure messages, and
checked where they are written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, line_of, run
from .test_sdmx_identity import HEAD, TAIL

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "sdmx-metadata"
ESMS = SAMPLES / "v21_xml_demography_esms.xml"
SDG = SAMPLES / "IAEG-SDGs_metadatastructure-0.xml"
NEW_CATALOGUE = ["--language", "en", "--agency", "ESTAT", "--base-uri", "https://example.org/", "--title", "T"]

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside the repository")


def test_the_esms_structure_of_eurostat_imports_as_one_record_per_report_structure(cli, tmp_path):
    folder = tmp_path / "esms"
    result = run(cli, "import", "sdmx", str(ESMS), "--into", str(folder), *NEW_CATALOGUE)
    assert result.exit_code == 0, result.output
    assert "one of 2 report structures" in result.output and "metadata target" in result.output
    loaded = load_catalogue(folder)
    assert loaded.errors == []
    structures = {s.id: s for s in loaded.catalogue.metadata_structures.values()}
    assert set(structures) == {"ESMS_SIMPLE_REPORT", "ESMS_UPDATE_REPORT"}
    simple = structures["ESMS_SIMPLE_REPORT"]
    assert (simple.agency, simple.version, simple.name) == ("ESTAT", "1.0", {"en": "Simple Eurostat SDMX Metadata "
                                                                                   "Structure"})
    by_path = {a.path: a for a in simple.attributes}
    assert by_path["CONTACT"].representation is None  # presentational: a heading
    assert (by_path["CONTACT.ADDRESS.STREET"].min_occurs, by_path["CONTACT.ADDRESS.STREET"].max_occurs) == (1, 3)
    assert by_path["CONTACT.NAME"].min_occurs == 0
    country = by_path["CONTACT.ADDRESS.COUNTRY"]
    assert (country.representation, country.codelist) == ("code", "ESTAT:CL_COUNTRY(1.0)")
    assert by_path["STAT_PRES.DATA_DESCR"].representation == "xhtml"
    assert {"META_UPDATE.POSTED.NEXT", "META_UPDATE.UPDATED.NEXT"} <= set(by_path)  # one id under two parents
    assert by_path["CONTACT"].concept == "ESTAT:ESMS_CONCEPTS(1.0).CONTACT"
    order = [a.path for a in simple.attributes]
    assert order.index("CONTACT") < order.index("CONTACT.ADDRESS") < order.index("CONTACT.ADDRESS.STREET")


def test_the_sdg_structure_imports_once_its_concepts_are_known(cli, tmp_path):
    """SDMX-ML 3.0: the IAEG-SDGs MSD names its concepts by URN, from a scheme published apart."""
    folder = tmp_path / "sdg"
    result = run(cli, "import", "sdmx", str(SDG), "--into", str(folder), *NEW_CATALOGUE)
    assert result.exit_code == 0, result.output
    assert "import their concept scheme first" in " ".join(result.output.split())
    assert not load_catalogue(folder).catalogue.metadata_structures
    concepts = sorted(set(re.findall(r"SDG_META_CONCEPTS\(1\.0\)\.([A-Z_]+)<", SDG.read_text(encoding="utf-8"))))
    scheme = folder / "concepts" / "IAEG-SDGs" / "SDG_META_CONCEPTS" / "1.0.yaml"
    scheme.parent.mkdir(parents=True)
    scheme.write_text(yaml.safe_dump({"id": "SDG_META_CONCEPTS", "agency": "IAEG-SDGs", "version": "1.0",
                                      "name": {"en": "SDG metadata concepts"},
                                      "concepts": [{"id": c, "name": {"en": c}} for c in concepts]}),
                      encoding="utf-8")
    result = run(cli, "import", "sdmx", str(SDG), "--into", str(folder))
    assert result.exit_code == 0, result.output
    loaded = load_catalogue(folder)
    assert loaded.errors == []
    (msd,) = loaded.catalogue.metadata_structures.values()
    assert (msd.agency, msd.id, len(msd.attributes)) == ("IAEG-SDGs", "SDG_MSD", len(concepts))
    assert {(a.min_occurs, a.max_occurs, a.parent) for a in msd.attributes} == {(0, 1, None)}
    assert {a.id for a in msd.attributes if a.representation != "text"} == {"META_LAST_UPDATE"}  # GregorianDay
    assert next(a for a in msd.attributes if a.id == "META_LAST_UPDATE").representation == "date"


def test_each_mistake_in_a_metadata_structure_is_told_where_it_is(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".catalogue-secret"))
    path = folder / "metadata_structures" / "BSO" / "MSD_QUALITY" / "1.0.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump({"id": "MSD_QUALITY", "agency": "BSO", "version": "1.0",
                                    "name": {"en": "Quality report", "fr": "Rapport qualité"}, "attributes": [
                                        {"id": "CONTACT", "concept": "REF_AREA", "representation": None},
                                        {"id": "AREA", "concept": "REF_AREA", "parent": "CONTACT"},
                                        {"id": "AREA", "concept": "SEX", "parent": "CONTACT"},
                                        {"id": "CODED", "concept": "SEX", "representation": "code"},
                                        {"id": "ODD", "parent": "NOWHERE", "concept": "NO_SUCH_CONCEPT",
                                         "codelist": "CL_SEX", "min_occurs": 3, "max_occurs": 2}]},
                                   sort_keys=False), encoding="utf-8")
    problems = {(p.line, p.path, p.message.split(" (")[0]) for p in load_catalogue(folder).errors}
    assert problems == {
        (_lines(path, "- id: AREA")[1], "attributes[2].id", "the attribute 'CONTACT.AREA' appears more than once"),
        (line_of(path, "representation: code") - 2, "attributes[3].codelist",
         "a coded attribute names the codelist of its codes"),
        (line_of(path, "parent: NOWHERE"), "attributes[4].parent",
         "the parent 'NOWHERE' is not an attribute listed before this one"),
        (line_of(path, "concept: NO_SUCH_CONCEPT"), "attributes[4].concept", "unknown concept 'NO_SUCH_CONCEPT'"),
        (line_of(path, "codelist: CL_SEX"), "attributes[4].codelist", "only a coded attribute"),  # (representation…)
        (line_of(path, "max_occurs: 2"), "attributes[4].max_occurs",
         "at most 2 value(s), fewer than the 3 at least")}
    path.write_text(path.read_text(encoding="utf-8").replace("agency: BSO", "agency: NOBODY"), encoding="utf-8")
    assert any(p.path == "agency" and "unknown agency 'NOBODY'" in p.message for p in load_catalogue(folder).errors)


def _lines(path: Path, fragment: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if fragment in line]


def test_a_metadata_structure_round_trips_through_its_record_file(tmp_path):
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx
    from catalogue.records.writer import write_catalogue

    folder = tmp_path / "esms"
    write_catalogue(read_catalogue(EXAMPLE).model_copy(update={"datasets": {}, "series": {}, "releases": {},
                                                                "metadata_reports": {}}), folder)
    import_sdmx([ESMS], RecordWriter(folder, update=False, dry_run=False), terms=None)
    first = read_catalogue(folder)
    assert {"ESTAT:ESMS_SIMPLE_REPORT(1.0)", "ESTAT:ESMS_UPDATE_REPORT(1.0)"} <= first.metadata_structures.keys()
    write_catalogue(first, tmp_path / "again")
    assert read_catalogue(tmp_path / "again").metadata_structures == first.metadata_structures


def test_an_attribute_whose_codelist_is_nowhere_is_imported_as_text(cli, tmp_path):
    body = ESMS.read_text(encoding="utf-8")
    body = re.sub(r"<structure:Codelists>.*</structure:Codelists>", "", body, flags=re.S)
    path = tmp_path / "esms-without-codelists.xml"
    path.write_text(body, encoding="utf-8")
    result = run(cli, "import", "sdmx", str(path), "--into", str(tmp_path / "c"), *NEW_CATALOGUE)
    assert result.exit_code == 0, result.output
    assert "its codelist 'ESTAT:CL_COUNTRY(1.0)' is neither in the message nor in the catalogue: the attribute is " \
           "imported as text" in " ".join(result.output.split())
    structure = next(s for s in read_catalogue(tmp_path / "c").metadata_structures.values()
                     if s.id == "ESMS_SIMPLE_REPORT")
    country = next(a for a in structure.attributes if a.path == "CONTACT.ADDRESS.COUNTRY")
    assert (country.representation, country.codelist) == ("text", None)


HOSTILE = HEAD + """
  <str:Concepts><str:ConceptScheme id="CS" agencyID="ESTAT" version="1.0"><com:Name xml:lang="en">C</com:Name>
   <str:Concept id="A"><com:Name xml:lang="en">A</com:Name></str:Concept></str:ConceptScheme></str:Concepts>
  <str:MetadataStructures>
   <str:MetadataStructure id="ODD" agencyID="ESTAT" version="1.0"><com:Name xml:lang="en">Odd</com:Name>
    <str:MetadataStructureComponents><str:ReportStructure id="R">{attributes}</str:ReportStructure>
    </str:MetadataStructureComponents></str:MetadataStructure>
  </str:MetadataStructures>
""" + TAIL
CONCEPT = '<str:ConceptIdentity><Ref agencyID="ESTAT" maintainableParentID="CS" maintainableParentVersion="1.0" ' \
          'id="A"/></str:ConceptIdentity>'


@pytest.mark.parametrize(("attributes", "said"), [
    (f'<str:MetadataAttribute id="A" minOccurs="many" maxOccurs="-1">{CONCEPT}</str:MetadataAttribute>',
     "minOccurs 'many' is not a whole number"),
    ("".join(f'<str:MetadataAttribute id="A{n}">{CONCEPT}' for n in range(32)) + "</str:MetadataAttribute>" * 32,
     "metadata_structure │ 1"),  # deep, within the limits
    ("".join(f'<str:MetadataAttribute id="A{n}">{CONCEPT}' for n in range(1000)) + "</str:MetadataAttribute>" * 1000,
     "attributes nested deeper than 32 levels: the structure is not imported"),
    ("".join(f'<str:MetadataAttribute id="A{n}">{CONCEPT}' for n in range(3000)) + "</str:MetadataAttribute>" * 3000,
     "odd.xml"),  # deeper than the XML reader goes: refused
    ('<str:MetadataAttribute minOccurs="0"><str:ConceptIdentity/></str:MetadataAttribute>', "not imported"),
    (f'<str:MetadataAttribute id="9BAD">{CONCEPT}</str:MetadataAttribute>', "not imported"),
])
def test_a_hostile_metadata_structure_is_told_not_crashed_on(cli, tmp_path, attributes, said):
    path = tmp_path / "odd.xml"
    path.write_text(HOSTILE.format(attributes=attributes), encoding="utf-8")
    result = run(cli, "import", "sdmx", str(path), "--into", str(tmp_path / "c"), *NEW_CATALOGUE)
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    assert said in " ".join(result.output.split()), result.output
