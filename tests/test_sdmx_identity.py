"""Issue 32: SDMX identity. Hostile specimens of what real agencies' structure messages hold: agencies nested in an
agency's own scheme, maintainers a message does not define (known to every SDMX registry, or to nobody), and stub
codelists; each imports into a catalogue that ``check`` accepts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sdmx
from fastapi.testclient import TestClient
from lxml import etree
from pysdmx.io import read_sdmx as pysdmx_read

from catalogue.conformance.validators import sdmx_xsd_errors
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.server import create_app
from catalogue.store import Store, open_store

from .conftest import by_id, run, served
from .test_import_sdmx import catalogue_folder

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
  xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
  xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
<mes:Header><mes:ID>IDREF1</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2026-01-01T00:00:00</mes:Prepared>
<mes:Sender id="IMF"/></mes:Header>
<mes:Structures>
"""
TAIL = "</mes:Structures>\n</mes:Structure>\n"

NESTED = HEAD + """
<str:OrganisationSchemes>
  <str:AgencyScheme agencyID="SDMX" id="AGENCIES" version="1.0">
    <com:Name xml:lang="en">SDMX Agency Scheme</com:Name>
    <str:Agency urn="urn:sdmx:org.sdmx.infomodel.base.Agency=IMF" id="IMF"><com:Name xml:lang="en">International Monetary Fund</com:Name></str:Agency>
  </str:AgencyScheme>
  <str:AgencyScheme agencyID="IMF" id="AGENCIES" version="1.0">
    <com:Name xml:lang="en">IMF agencies</com:Name>
    <str:Agency urn="urn:sdmx:org.sdmx.infomodel.base.Agency=IMF.RES" id="RES"><com:Name xml:lang="en">Research Department</com:Name></str:Agency>
    <str:Agency id="FAD"><com:Name xml:lang="en">Fiscal Affairs Department</com:Name></str:Agency>
  </str:AgencyScheme>
</str:OrganisationSchemes>
<str:Codelists>
  <str:Codelist agencyID="IMF.RES" id="CL_WEO_UNIT" version="1.0">
    <com:Name xml:lang="en">WEO units</com:Name>
    <str:Code id="USD"><com:Name xml:lang="en">US dollars</com:Name></str:Code>
    <str:Code id="PCT"><com:Name xml:lang="en">Percent</com:Name></str:Code>
  </str:Codelist>
  <str:Codelist agencyID="ISO" id="CL_CURRENCY" version="2.0" urn="urn:sdmx:org.sdmx.infomodel.codelist.Codelist=ISO:CL_CURRENCY(2.0)">
    <com:Name xml:lang="en">Currencies (ISO 4217)</com:Name>
  </str:Codelist>
  <str:Codelist agencyID="ZZ9" id="CL_LOCAL" version="1.0">
    <com:Name xml:lang="en">A local list</com:Name>
    <str:Code id="A"><com:Name xml:lang="en">A</com:Name></str:Code>
  </str:Codelist>
</str:Codelists>
<str:Concepts>
  <str:ConceptScheme agencyID="IMF.FAD" id="CS_FAD" version="1.0">
    <com:Name xml:lang="en">FAD concepts</com:Name>
    <str:Concept id="UNIT"><com:Name xml:lang="en">Unit</com:Name></str:Concept>
    <str:Concept id="CURRENCY"><com:Name xml:lang="en">Currency</com:Name></str:Concept>
    <str:Concept id="TIME_PERIOD"><com:Name xml:lang="en">Time</com:Name></str:Concept>
    <str:Concept id="OBS_VALUE"><com:Name xml:lang="en">Value</com:Name></str:Concept>
  </str:ConceptScheme>
</str:Concepts>
<str:DataStructures>
  <str:DataStructure agencyID="IMF.RES" id="DSD_WEO" version="1.0">
    <com:Name xml:lang="en">World Economic Outlook</com:Name>
    <str:DataStructureComponents>
      <str:DimensionList id="DimensionDescriptor">
        <str:Dimension id="UNIT" position="1">
          <str:ConceptIdentity><Ref maintainableParentID="CS_FAD" maintainableParentVersion="1.0" agencyID="IMF.FAD" id="UNIT" class="Concept" package="conceptscheme"/></str:ConceptIdentity>
          <str:LocalRepresentation><str:Enumeration><Ref agencyID="IMF.RES" id="CL_WEO_UNIT" version="1.0" class="Codelist" package="codelist"/></str:Enumeration></str:LocalRepresentation>
        </str:Dimension>
        <str:Dimension id="CURRENCY" position="2">
          <str:ConceptIdentity><Ref maintainableParentID="CS_FAD" maintainableParentVersion="1.0" agencyID="IMF.FAD" id="CURRENCY" class="Concept" package="conceptscheme"/></str:ConceptIdentity>
          <str:LocalRepresentation><str:Enumeration><Ref agencyID="ISO" id="CL_CURRENCY" version="2.0" class="Codelist" package="codelist"/></str:Enumeration></str:LocalRepresentation>
        </str:Dimension>
        <str:TimeDimension id="TIME_PERIOD" position="3">
          <str:ConceptIdentity><Ref maintainableParentID="CS_FAD" maintainableParentVersion="1.0" agencyID="IMF.FAD" id="TIME_PERIOD" class="Concept" package="conceptscheme"/></str:ConceptIdentity>
          <str:LocalRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:LocalRepresentation>
        </str:TimeDimension>
      </str:DimensionList>
      <str:MeasureList id="MeasureDescriptor">
        <str:PrimaryMeasure id="OBS_VALUE">
          <str:ConceptIdentity><Ref maintainableParentID="CS_FAD" maintainableParentVersion="1.0" agencyID="IMF.FAD" id="OBS_VALUE" class="Concept" package="conceptscheme"/></str:ConceptIdentity>
        </str:PrimaryMeasure>
      </str:MeasureList>
    </str:DataStructureComponents>
  </str:DataStructure>
</str:DataStructures>
<str:Dataflows>
  <str:Dataflow agencyID="IMF.RES" id="WEO" version="1.0">
    <com:Name xml:lang="en">World Economic Outlook</com:Name>
    <str:Structure><Ref agencyID="IMF.RES" id="DSD_WEO" version="1.0" class="DataStructure" package="datastructure"/></str:Structure>
  </str:Dataflow>
</str:Dataflows>
""" + TAIL


def _imported(cli, tmp_path: Path, message: str) -> tuple[object, str]:
    folder = catalogue_folder(tmp_path / "catalogue", ["en"], "en")
    source = tmp_path / "message.xml"
    source.write_text(textwrap.dedent(message), encoding="utf-8")
    result = run(cli, "import", "sdmx", str(source), "--into", str(folder), "--terms", "OPEN")
    output = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "finds 0 error(s)" in output, result.output
    loaded = load_catalogue(folder)
    assert loaded.ok, "\n".join(map(str, loaded.errors))
    return loaded.catalogue, output


def test_nested_and_undefined_maintainers_and_stub_codelists_import_whole(cli, tmp_path):
    catalogue, output = _imported(cli, tmp_path, NESTED)
    agencies = catalogue.agencies
    # nested in IMF's own scheme: by its URN, or by the scheme's maintainer when it has none
    assert agencies["IMF.RES"].name == {"en": "Research Department"}
    assert agencies["IMF.FAD"].name == {"en": "Fiscal Affairs Department"}
    assert "RES" not in agencies and "FAD" not in agencies
    # maintainers the message does not define: known to every registry (named from the mappings), or to nobody
    assert agencies["ISO"].name["en"] == "International Organization for Standardization"
    assert agencies["ZZ9"].name == {"en": "ZZ9"} and "agency ZZ9: maintains artefacts of the message" in output
    assert by_id(catalogue.codelists)["CL_WEO_UNIT"].agency == "IMF.RES"
    assert by_id(catalogue.concept_schemes)["CS_FAD"].agency == "IMF.FAD"
    # a stub codelist (no codes, not flagged external) is a reference to it by URN, reported
    stub = by_id(catalogue.codelists)["CL_CURRENCY"]
    assert stub.external_urn == "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=ISO:CL_CURRENCY(2.0)"
    assert not stub.codes and "a stub of the codelist" in output
    dataset = catalogue.datasets["DS_WEO"]
    assert dataset.publisher == "IMF.RES"
    assert {v.id: v.codelist for v in dataset.variables}["CURRENCY"] == "ISO:CL_CURRENCY(2.0)"


def test_nested_agencies_go_out_in_their_parents_scheme_and_come_back(cli, tmp_path):
    _imported(cli, tmp_path, NESTED)
    exported = tmp_path / "structures.xml"
    result = run(cli, "export", "sdmx", str(tmp_path / "catalogue"), "-o", str(exported))
    assert result.exit_code == 0, result.output
    assert sdmx_xsd_errors(exported, "2.1") == []
    schemes = {scheme.get("agencyID"): [agency.get("id") for agency in scheme.iter("{*}Agency")]
               for scheme in etree.parse(str(exported)).iter("{*}AgencyScheme")}
    assert sorted(schemes["IMF"]) == ["FAD", "RES"]
    assert sorted(schemes["SDMX"]) == ["IMF", "ISO", "OFFICE", "ZZ9"]  # top-level agencies: items of SDMX's scheme
    message = sdmx.read_sdmx(exported)  # independent readers: sdmx1, and pysdmx in both versions
    assert {"RES", "FAD"} <= {agency.id for scheme in message.organisation_scheme.values() for agency in scheme}
    for version in ("2.1", "3.0"):
        written = tmp_path / f"structures-{version}.xml"
        assert run(cli, "export", "sdmx", str(tmp_path / "catalogue"), "-o", str(written),
                   "--sdmx-version", version).exit_code == 0
        assert sdmx_xsd_errors(written, version) == []
        schemes = {(scheme.agency, scheme.id): sorted(item.id for item in scheme.items)
                   for scheme in pysdmx_read(str(written)).structures if type(scheme).__name__ == "AgencyScheme"}
        assert schemes == {("SDMX", "AGENCIES"): ["IMF", "ISO", "OFFICE", "ZZ9"],
                           ("IMF", "AGENCIES"): ["IMF.FAD", "IMF.RES"]}, version
    again = catalogue_folder(tmp_path / "again", ["en"], "en")
    back = run(cli, "import", "sdmx", str(exported), "--into", str(again), "--terms", "OPEN")
    assert back.exit_code == 0, back.output
    agencies = load_catalogue(again).catalogue.agencies
    assert agencies["IMF.RES"].name == {"en": "Research Department"} and "RES" not in agencies


def test_a_nested_agency_needs_its_parent(census):
    (census / "agencies" / "XYZ.DEPT.yaml").write_text("id: XYZ.DEPT\nname: {en: A department}\n", encoding="utf-8")
    found = [str(problem) for problem in load_catalogue(census).errors]
    assert any("'XYZ.DEPT' is nested under the agency 'XYZ', which is not an agency of the catalogue" in problem
               for problem in found), found


def test_sdmx_rest_answers_by_nested_agency(cli, tmp_path):
    _imported(cli, tmp_path, NESTED)
    folder = tmp_path / "catalogue"
    record = folder / "datasets" / "DS_WEO.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                      encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(folder), folder, "ana", "load")
    with TestClient(create_app(store, lambda: datetime(2026, 7, 1, tzinfo=timezone.utc))) as client:
        scheme = client.get("/sdmx/rest/agencyscheme/IMF/AGENCIES/1.0")
        assert scheme.status_code == 200
        assert sorted(a.get("id") for a in etree.fromstring(scheme.content).iter("{*}Agency")) == ["FAD", "RES"]
        for path in ("/sdmx/rest/codelist/IMF.RES/CL_WEO_UNIT", "/sdmx/v2/structure/codelist/IMF.RES/CL_WEO_UNIT/~",
                     "/sdmx/rest/datastructure/IMF.RES/all/latest?references=all"):
            answer = client.get(path)
            assert answer.status_code == 200 and b"IMF.RES" in answer.content, path
        assert client.get("/sdmx/rest/codelist/IMF/CL_WEO_UNIT").status_code == 404  # the parent is another agency
    store.engine.dispose()


IMPERSONATING = HEAD + """
<str:OrganisationSchemes>
  <str:AgencyScheme agencyID="SDMX" id="AGENCIES" version="1.0">
    <com:Name xml:lang="en">SDMX Agency Scheme</com:Name>
    <str:Agency id="OTH"><com:Name xml:lang="en">Other office</com:Name></str:Agency>
  </str:AgencyScheme>
  <str:AgencyScheme agencyID="OTH" id="AGENCIES" version="1.0">
    <com:Name xml:lang="en">OTH agencies</com:Name>
    <str:Agency id="EVIL" urn="urn:sdmx:org.sdmx.infomodel.base.Agency=OFFICE"><com:Name xml:lang="en">Not the office</com:Name></str:Agency>
    <str:Agency id="SUB" urn="urn:sdmx:org.sdmx.infomodel.base.Agency=OFFICE.SUB"><com:Name xml:lang="en">A fake child</com:Name></str:Agency>
    <str:Agency id="DESK" urn="urn:sdmx:org.sdmx.infomodel.base.Agency=SDMX:AGENCIES(1.0).OFFICE"><com:Name xml:lang="en">Not the office either</com:Name></str:Agency>
  </str:AgencyScheme>
</str:OrganisationSchemes>
""" + TAIL


def test_an_agency_urn_cannot_make_an_item_another_agency(cli, tmp_path):
    """An item of OTH's scheme is OTH's, whatever its URN claims: a message cannot rename or overwrite another
    agency's record, nor add a child under it."""
    catalogue, output = _imported(cli, tmp_path, IMPERSONATING)
    assert catalogue.agencies["OFFICE"].name == {"en": "The office"}  # untouched
    assert {"OTH.EVIL", "OTH.SUB", "OTH.DESK"} <= set(catalogue.agencies) and "OFFICE.SUB" not in catalogue.agencies
    assert output.count("which is not the agency its scheme makes it") == 3
    updated = run(cli, "import", "sdmx", str(tmp_path / "message.xml"), "--into", str(tmp_path / "catalogue"),
                  "--update")
    assert updated.exit_code == 0 and load_catalogue(tmp_path / "catalogue").catalogue.agencies["OFFICE"].name == \
        {"en": "The office"}


def _codelist(agency: str, version: str, codes: str) -> str:
    items = "".join(f'<str:Code id="{code}"><com:Name xml:lang="en">{code}</com:Name></str:Code>' for code in codes)
    return (f'<str:Codelist agencyID="{agency}" id="CL_FREQ" version="{version}"><com:Name xml:lang="en">Frequency '
            f'of {agency} {version}</com:Name>{items}</str:Codelist>')


def _structure(agency: str, flow: str, codelist: tuple[str, str], concept: tuple[str, str, str]) -> str:
    freq = (f'<str:Dimension id="FREQ" position="1"><str:ConceptIdentity><Ref maintainableParentID="{concept[1]}" '
            f'maintainableParentVersion="{concept[2]}" agencyID="{concept[0]}" id="FREQ" class="Concept" '
            f'package="conceptscheme"/></str:ConceptIdentity><str:LocalRepresentation><str:Enumeration>'
            f'<Ref agencyID="{codelist[0]}" id="CL_FREQ" version="{codelist[1]}" class="Codelist" package="codelist"/>'
            f'</str:Enumeration></str:LocalRepresentation></str:Dimension>')
    cross = ('maintainableParentID="CROSS_DOMAIN_CONCEPTS" maintainableParentVersion="2.0" agencyID="SDMX" '
             'class="Concept" package="conceptscheme"')
    return f"""
  <str:DataStructure agencyID="{agency}" id="DSD_{flow}" version="1.0">
    <com:Name xml:lang="en">{flow}</com:Name>
    <str:DataStructureComponents>
      <str:DimensionList id="DimensionDescriptor">{freq}
        <str:TimeDimension id="TIME_PERIOD" position="2"><str:ConceptIdentity><Ref {cross} id="TIME_PERIOD"/></str:ConceptIdentity></str:TimeDimension>
      </str:DimensionList>
      <str:MeasureList id="MeasureDescriptor">
        <str:PrimaryMeasure id="OBS_VALUE"><str:ConceptIdentity><Ref {cross} id="OBS_VALUE"/></str:ConceptIdentity></str:PrimaryMeasure>
      </str:MeasureList>
    </str:DataStructureComponents>
  </str:DataStructure>"""


FREQUENCIES = HEAD + f"""
<str:Codelists>
  {_codelist("SDMX", "2.0", "AQ")}
  {_codelist("SDMX", "2.1", "AQM")}
  {_codelist("ECB", "1.0", "AQMD")}
  {_codelist("ESTAT", "3.0.0", "AQMW")}
</str:Codelists>
<str:Concepts>
  <str:ConceptScheme agencyID="SDMX" id="CROSS_DOMAIN_CONCEPTS" version="2.0">
    <com:Name xml:lang="en">SDMX cross-domain concepts</com:Name>
    <str:Concept id="FREQ"><com:Name xml:lang="en">Frequency</com:Name></str:Concept>
    <str:Concept id="TIME_PERIOD"><com:Name xml:lang="en">Time period</com:Name></str:Concept>
    <str:Concept id="OBS_VALUE"><com:Name xml:lang="en">Observation value</com:Name></str:Concept>
  </str:ConceptScheme>
  <str:ConceptScheme agencyID="ESTAT" id="CS_ESTAT" version="1.0">
    <com:Name xml:lang="en">Eurostat concepts</com:Name>
    <str:Concept id="FREQ"><com:Name xml:lang="en">Frequency (Eurostat)</com:Name></str:Concept>
  </str:ConceptScheme>
</str:Concepts>
<str:DataStructures>{_structure("SDMX", "OLD", ("SDMX", "2.0"), ("SDMX", "CROSS_DOMAIN_CONCEPTS", "2.0"))}
{_structure("SDMX", "NEW", ("SDMX", "2.1"), ("SDMX", "CROSS_DOMAIN_CONCEPTS", "2.0"))}
{_structure("ECB", "EXR", ("ECB", "1.0"), ("SDMX", "CROSS_DOMAIN_CONCEPTS", "2.0"))}
{_structure("ESTAT", "NAMA", ("ESTAT", "3.0.0"), ("ESTAT", "CS_ESTAT", "1.0"))}
</str:DataStructures>
""" + TAIL
CL_FREQS = {"SDMX:CL_FREQ(2.0)": "AQ", "SDMX:CL_FREQ(2.1)": "AQM", "ECB:CL_FREQ(1.0)": "AQMD",
            "ESTAT:CL_FREQ(3.0.0)": "AQMW"}


def _structure_file(folder: Path, dataset: str) -> Path:
    """The record file of the data structure an imported dataset names (its variables are there)."""
    return folder / "structures" / "SDMX" / f"DSD_{dataset.removeprefix('DS_')}" / "1.0.yaml"


def _published(folder: Path) -> None:
    for path in (folder / "datasets").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                        encoding="utf-8")


def test_one_codelist_of_three_agencies_and_two_versions_side_by_side(cli, tmp_path):
    catalogue, _ = _imported(cli, tmp_path, FREQUENCIES)
    assert {key: "".join(c.id for c in codelist.codes) for key, codelist in catalogue.codelists.items()} == CL_FREQS
    folder = tmp_path / "catalogue"
    assert sorted(p.relative_to(folder / "codelists").as_posix() for p in (folder / "codelists").rglob("*.yaml")) \
        == ["ECB/CL_FREQ/1.0.yaml", "ESTAT/CL_FREQ/3.0.0.yaml", "SDMX/CL_FREQ/2.0.yaml", "SDMX/CL_FREQ/2.1.yaml"]
    shared = catalogue.shared()
    named = {dataset_id: {v.id: (v.codelist, v.concept) for v in dataset.variables}["FREQ"]
             for dataset_id, dataset in catalogue.datasets.items()}
    assert named == {"DS_OLD": ("SDMX:CL_FREQ(2.0)", "SDMX:CROSS_DOMAIN_CONCEPTS(2.0).FREQ"),
                     "DS_NEW": ("SDMX:CL_FREQ(2.1)", "SDMX:CROSS_DOMAIN_CONCEPTS(2.0).FREQ"),
                     "DS_EXR": ("ECB:CL_FREQ(1.0)", "SDMX:CROSS_DOMAIN_CONCEPTS(2.0).FREQ"),
                     "DS_NAMA": ("ESTAT:CL_FREQ(3.0.0)", "ESTAT:CS_ESTAT(1.0).FREQ")}
    assert shared.concepts.resolve("ESTAT:CS_ESTAT(1.0).FREQ")[1].name == {"en": "Frequency (Eurostat)"}
    _published(folder)
    for version in ("2.1", "3.0"):  # every URN goes out, and comes back
        exported = tmp_path / f"structures-{version}.xml"
        assert run(cli, "export", "sdmx", str(folder), "-o", str(exported), "--sdmx-version", version).exit_code == 0
        assert sdmx_xsd_errors(exported, version) == []
        urns = {e.get("urn") for e in etree.parse(str(exported)).iter("{*}Codelist")}
        assert {urn.split("=", 1)[1] for urn in urns} == (set(CL_FREQS) if version == "2.1" else {
            "SDMX:CL_FREQ(2.0.0)", "SDMX:CL_FREQ(2.1.0)", "ECB:CL_FREQ(1.0.0)", "ESTAT:CL_FREQ(3.0.0)"})
        read = {(c.agency, c.id, c.version): [code.id for code in c.items]
                for c in pysdmx_read(str(exported)).structures if type(c).__name__ == "Codelist"}
        assert {f"{a}:{i}": codes for (a, i, _), codes in read.items()} .keys() == {"SDMX:CL_FREQ", "ECB:CL_FREQ",
                                                                                   "ESTAT:CL_FREQ"}
        assert len(read) == 4
    again = catalogue_folder(tmp_path / "again", ["en"], "en")
    back = run(cli, "import", "sdmx", str(tmp_path / "structures-2.1.xml"), "--into", str(again), "--terms", "OPEN")
    assert back.exit_code == 0, back.output
    assert set(load_catalogue(again).catalogue.codelists) == set(CL_FREQS)


@pytest.fixture(scope="module")
def frequencies(tmp_path_factory) -> Iterator[Store]:
    """A store of the specimen's structures, published."""
    from typer.testing import CliRunner

    root = tmp_path_factory.mktemp("frequencies")
    _imported(CliRunner(), root, FREQUENCIES)
    _published(root / "catalogue")
    store = open_store(f"sqlite:///{root / 'store.db'}")
    store.load(read_catalogue(root / "catalogue"), root / "catalogue", "ana", "load")
    yield store
    store.engine.dispose()


@pytest.mark.parametrize(("path", "expected"), [
    ("/sdmx/v2/structure/codelist/SDMX/CL_FREQ/~", {"SDMX:CL_FREQ(2.1.0)"}),
    ("/sdmx/v2/structure/codelist/SDMX/CL_FREQ/+", {"SDMX:CL_FREQ(2.1.0)"}),
    ("/sdmx/v2/structure/codelist/SDMX/CL_FREQ/*", {"SDMX:CL_FREQ(2.0.0)", "SDMX:CL_FREQ(2.1.0)"}),
    ("/sdmx/v2/structure/codelist/SDMX/CL_FREQ/2.0.0", {"SDMX:CL_FREQ(2.0.0)"}),
    ("/sdmx/v2/structure/codelist/SDMX/CL_FREQ/2.0+.0", {"SDMX:CL_FREQ(2.1.0)"}),
    ("/sdmx/v2/structure/codelist/*/CL_FREQ/~", {"SDMX:CL_FREQ(2.1.0)", "ECB:CL_FREQ(1.0.0)",
                                                 "ESTAT:CL_FREQ(3.0.0)"}),
    ("/sdmx/v2/structure/codelist/ECB,ESTAT/CL_FREQ/1.0.0,3.0.0", {"ECB:CL_FREQ(1.0.0)", "ESTAT:CL_FREQ(3.0.0)"}),
    ("/sdmx/rest/codelist/SDMX/CL_FREQ/2.0", {"SDMX:CL_FREQ(2.0)"}),
    ("/sdmx/rest/codelist/all/CL_FREQ/latest", {"SDMX:CL_FREQ(2.1)", "ECB:CL_FREQ(1.0)", "ESTAT:CL_FREQ(3.0.0)"}),
])
def test_sdmx_rest_selects_agencies_and_versions(frequencies, path, expected):
    with TestClient(create_app(frequencies, lambda: datetime(2026, 7, 1, tzinfo=timezone.utc))) as client:
        answer = client.get(path)
        assert answer.status_code == 200, answer.text
        urns = {e.get("urn").split("=", 1)[1] for e in etree.fromstring(answer.content).iter("{*}Codelist")}
        assert urns == expected


def test_sdmx1_and_pysdmx_ask_a_served_catalogue_for_versions(frequencies):
    from pysdmx.api.fmr import RegistryClient

    with served(create_app(frequencies)) as address:
        registry = RegistryClient(f"{address}/sdmx/v2")
        for version, codes in (("~", "AQM"), ("+", "AQM"), ("2.0.0", "AQ"), ("2.1.0", "AQM")):
            assert "".join(c.id for c in registry.get_codes("SDMX", "CL_FREQ", version).codes) == codes, version
        assert "".join(c.id for c in registry.get_codes("ECB", "CL_FREQ", "1.0.0").codes) == "AQMD"
        sdmx.add_source({"id": "IDENTITY_TEST", "url": f"{address}/sdmx/v2", "name": "serve",
                         "versions": ["3.0.0"]}, override=True)
        client = sdmx.Client("IDENTITY_TEST")
        every = client.get("codelist", agency_id="SDMX", resource_id="CL_FREQ", version="*")
        assert sorted(c.version for c in every.codelist.values()) == ["2.0.0", "2.1.0"]
        exact = client.get("codelist", agency_id="ESTAT", resource_id="CL_FREQ", version="3.0.0")
        assert [code.id for code in exact.codelist["CL_FREQ"]] == list("AQMW")


CORE = HEAD + """
<str:Codelists>
  <str:Codelist agencyID="IMF" id="CL_COUNTRY" version="1.9.0"><com:Name xml:lang="en">Countries</com:Name>
    <str:Code id="FR"><com:Name xml:lang="en">France</com:Name></str:Code>
    <str:Code id="IT"><com:Name xml:lang="en">Italy</com:Name></str:Code>
  </str:Codelist>
</str:Codelists>
<str:Concepts>
  <str:ConceptScheme agencyID="IMF" id="CS_MASTER" version="1.0">
    <com:Name xml:lang="en">Master concepts</com:Name>
    <str:Concept id="COUNTRY"><com:Name xml:lang="en">Country</com:Name>
      <str:CoreRepresentation><str:Enumeration><Ref agencyID="IMF" id="CL_COUNTRY" version="1.9.0" class="Codelist" package="codelist"/></str:Enumeration></str:CoreRepresentation>
    </str:Concept>
    <str:Concept id="TIME_PERIOD"><com:Name xml:lang="en">Time</com:Name>
      <str:CoreRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:CoreRepresentation>
    </str:Concept>
    <str:Concept id="OBS_VALUE"><com:Name xml:lang="en">Value</com:Name>
      <str:CoreRepresentation><str:TextFormat textType="Double"/></str:CoreRepresentation>
    </str:Concept>
  </str:ConceptScheme>
</str:Concepts>
<str:DataStructures>
  <str:DataStructure agencyID="IMF" id="DSD_GFS" version="1.0">
    <com:Name xml:lang="en">Government finance</com:Name>
    <str:DataStructureComponents>
      <str:DimensionList id="DimensionDescriptor">
        <str:Dimension id="COUNTRY" position="1"><str:ConceptIdentity><Ref maintainableParentID="CS_MASTER" maintainableParentVersion="1.0" agencyID="IMF" id="COUNTRY" class="Concept" package="conceptscheme"/></str:ConceptIdentity></str:Dimension>
        <str:TimeDimension id="TIME_PERIOD" position="2"><str:ConceptIdentity><Ref maintainableParentID="CS_MASTER" maintainableParentVersion="1.0" agencyID="IMF" id="TIME_PERIOD" class="Concept" package="conceptscheme"/></str:ConceptIdentity></str:TimeDimension>
      </str:DimensionList>
      <str:MeasureList id="MeasureDescriptor">
        <str:PrimaryMeasure id="OBS_VALUE"><str:ConceptIdentity><Ref maintainableParentID="CS_MASTER" maintainableParentVersion="1.0" agencyID="IMF" id="OBS_VALUE" class="Concept" package="conceptscheme"/></str:ConceptIdentity></str:PrimaryMeasure>
      </str:MeasureList>
    </str:DataStructureComponents>
  </str:DataStructure>
</str:DataStructures>
""" + TAIL


def test_a_component_without_a_representation_takes_its_concepts_core_one(cli, tmp_path):
    """Found measuring IMF's GFS structure: SDMX gives a component without a local representation its concept's
    core representation; the COUNTRY dimension was imported uncoded, and said nothing."""
    catalogue, _ = _imported(cli, tmp_path, CORE)
    variables = {v.id: (v.codelist, v.data_type) for v in catalogue.datasets["DS_GFS"].variables}
    assert variables == {"COUNTRY": ("IMF:CL_COUNTRY(1.9.0)", "string"), "TIME_PERIOD": (None, "time_period"),
                         "OBS_VALUE": (None, "decimal")}
    assert [c.id for c in catalogue.shared().codelist("IMF:CL_COUNTRY(1.9.0)").codes] == ["FR", "IT"]


SILENT = HEAD + """
<str:OrganisationSchemes>
  <str:DataProviderScheme agencyID="BIS" id="DATA_PROVIDERS" version="1.0">
    <com:Name xml:lang="en">Data providers</com:Name>
    <str:DataProvider id="CB"><com:Name xml:lang="en">Central banks</com:Name></str:DataProvider>
  </str:DataProviderScheme>
</str:OrganisationSchemes>
<str:CategorySchemes>
  <str:CategoryScheme agencyID="BIS" id="BISWEB_CATSCHEME" version="1.0">
    <com:Name xml:lang="en">Topics</com:Name>
    <str:Category id="FX"><com:Name xml:lang="en">Exchange rates</com:Name></str:Category>
  </str:CategoryScheme>
</str:CategorySchemes>
<str:Categorisations>
  <str:Categorisation agencyID="BIS" id="CAT_WS_XRU" version="1.0">
    <com:Name xml:lang="en">Exchange rates</com:Name>
    <str:Source><Ref agencyID="BIS" id="WS_XRU" version="1.0" class="Dataflow" package="datastructure"/></str:Source>
    <str:Target><Ref maintainableParentID="BISWEB_CATSCHEME" maintainableParentVersion="1.0" agencyID="BIS" id="FX" class="Category" package="categoryscheme"/></str:Target>
  </str:Categorisation>
</str:Categorisations>
""" + TAIL


def test_what_a_message_holds_that_the_model_does_not_is_said_not_dropped(cli, tmp_path):
    """Found measuring real files (BIS, UNICEF): a data provider scheme, and a category scheme and categorisation
    of a dataflow not in the message, were dropped without a word."""
    _, output = _imported(cli, tmp_path, SILENT)
    assert "DataProviderScheme: no record of the model corresponds to it" in output
    assert "categorises a dataflow that is not in the message" in output
    assert "Category[FX]: not a theme of the catalogue" in output


def test_a_draft_version_goes_out_as_sdmx_says_and_comes_back(cli, tmp_path):
    """``2.2.0-draft`` beside its release ``2.2.0``: SDMX 3.0 writes both, with their extensions; SDMX 2.1, whose
    versions have no extension, writes the release only (final), and a draft alone as ``2.2.0``, not final."""
    _imported(cli, tmp_path, FREQUENCIES)
    folder = tmp_path / "catalogue"
    _published(folder)
    source = folder / "codelists" / "SDMX" / "CL_FREQ"
    draft = (source / "2.1.yaml").read_text(encoding="utf-8").replace("version: '2.1'", "version: 2.2.0-draft")
    assert "2.2.0-draft" in draft
    (source / "2.2.0-draft.yaml").write_text(draft, encoding="utf-8")
    (source / "2.2.0.yaml").write_text(draft.replace("2.2.0-draft", "2.2.0").replace("- id: Q", "- id: W"),
                                       encoding="utf-8")
    for dataset, version in (("DS_NEW", "2.2.0-draft"), ("DS_OLD", "2.2.0")):
        path = _structure_file(folder, dataset)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("SDMX:CL_FREQ(2.1)", f"SDMX:CL_FREQ({version})")
                        .replace("SDMX:CL_FREQ(2.0)", f"SDMX:CL_FREQ({version})"), encoding="utf-8")
    checked = run(cli, "check", str(folder))
    assert checked.exit_code == 0, checked.output
    assert "is a draft of a version that is released" in " ".join(checked.output.split())
    finals = {}
    for version in ("2.1", "3.0"):
        exported = tmp_path / f"drafts-{version}.xml"
        assert run(cli, "export", "sdmx", str(folder), "-o", str(exported), "--sdmx-version", version).exit_code == 0
        assert sdmx_xsd_errors(exported, version) == []
        finals[version] = {e.get("urn").split("=", 1)[1]: e.get("isFinal")
                           for e in etree.parse(str(exported)).iter("{*}Codelist") if e.get("agencyID") == "SDMX"}
    assert finals["3.0"] == {"SDMX:CL_FREQ(2.2.0-draft)": None, "SDMX:CL_FREQ(2.2.0)": None}
    assert finals["2.1"] == {"SDMX:CL_FREQ(2.2.0)": "true"}
    read = {c.version for c in pysdmx_read(str(tmp_path / "drafts-3.0.xml")).structures
            if type(c).__name__ == "Codelist" and c.agency == "SDMX"}
    assert read == {"2.2.0-draft", "2.2.0"}
    again = catalogue_folder(tmp_path / "again", ["en"], "en")
    back = run(cli, "import", "sdmx", str(tmp_path / "drafts-3.0.xml"), "--into", str(again), "--terms", "OPEN")
    assert back.exit_code == 0, back.output
    assert {"SDMX:CL_FREQ(2.2.0-draft)", "SDMX:CL_FREQ(2.2.0)"} <= set(load_catalogue(again).catalogue.codelists)
    (source / "2.2.0.yaml").unlink()  # a draft alone: 2.1 writes it as its release's number, not final
    path = _structure_file(folder, "DS_OLD")
    path.write_text(path.read_text(encoding="utf-8").replace("SDMX:CL_FREQ(2.2.0)", "SDMX:CL_FREQ(2.1)"),
                    encoding="utf-8")
    exported = tmp_path / "draft-alone-2.1.xml"
    assert run(cli, "export", "sdmx", str(folder), "-o", str(exported), "--sdmx-version", "2.1").exit_code == 0
    assert sdmx_xsd_errors(exported, "2.1") == []
    assert {e.get("urn").split("=", 1)[1]: e.get("isFinal") for e in etree.parse(str(exported)).iter("{*}Codelist")
            if e.get("agencyID") == "SDMX"} == {"SDMX:CL_FREQ(2.2.0)": "false", "SDMX:CL_FREQ(2.1)": "true"}


def test_dcat_names_each_version_of_a_codelist_and_each_schemes_concept(cli, tmp_path):
    """Point 5: a component's codelist is named by the URI of its version, and a concept by its scheme's identity
    (FREQ of SDMX's cross-domain concepts and FREQ of Eurostat's scheme are two concepts); the DCAT-AP shapes
    find nothing wrong."""
    import rdflib

    from catalogue.conformance.validators import shacl_results

    from .conftest import STANDARDS

    _imported(cli, tmp_path, FREQUENCIES)
    folder = tmp_path / "catalogue"
    _published(folder)
    exported = tmp_path / "catalog.ttl"
    assert run(cli, "export", "dcat", str(folder), "-o", str(exported)).exit_code == 0
    graph = rdflib.Graph().parse(exported)
    qb, skos = rdflib.Namespace("http://purl.org/linked-data/cube#"), rdflib.SKOS
    base = "https://data.example.org/"
    codelists = {str(o).removeprefix(base) for o in graph.objects(None, qb.codeList)}
    assert codelists == {"codelist/SDMX/CL_FREQ/2.0", "codelist/SDMX/CL_FREQ/2.1", "codelist/ECB/CL_FREQ/1.0",
                         "codelist/ESTAT/CL_FREQ/3.0.0"}
    for iri in graph.objects(None, qb.codeList):
        agency, codelist_id, version = str(iri).removeprefix(base + "codelist/").split("/")
        assert str(graph.value(iri, rdflib.DCTERMS.identifier)) == \
            f"urn:sdmx:org.sdmx.infomodel.codelist.Codelist={agency}:{codelist_id}({version})"
        assert (iri, rdflib.RDF.type, skos.ConceptScheme) in graph
    concepts = {str(o).removeprefix(base) for o in graph.objects(None, qb.concept)
                if str(graph.value(o, skos.notation)) == "FREQ"}
    assert concepts == {"concept/SDMX/CROSS_DOMAIN_CONCEPTS/2.0/FREQ", "concept/ESTAT/CS_ESTAT/1.0/FREQ"}
    assert [r for r in shacl_results(graph, STANDARDS) if r.severity == "Violation"] == []


def test_a_data_package_names_each_artefacts_codelist_apart(cli, tmp_path):
    """Two codelists of one id (SDMX's and ECB's CL_FREQ) in one table: two resources, named by agency, id and
    version, each the target of its own field's foreign key; the descriptor is valid against the official profile."""
    import json

    from frictionless import Package
    from jsonschema import Draft7Validator

    from .conftest import STANDARDS

    _imported(cli, tmp_path, FREQUENCIES)
    folder = tmp_path / "catalogue"
    _published(folder)
    path = _structure_file(folder, "DS_NEW")
    path.write_text(path.read_text(encoding="utf-8").replace("- id: TIME_PERIOD", textwrap.dedent("""\
        - id: FREQ_ECB
          label:
            en: Frequency (ECB)
          role: attribute
          data_type: string
          concept: ESTAT:CS_ESTAT(1.0).FREQ
          codelist: ECB:CL_FREQ(1.0)
        - id: TIME_PERIOD"""), 1), encoding="utf-8")
    out = tmp_path / "packages"
    result = run(cli, "export", "datapackage", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    descriptor = json.loads((out / "DS_NEW" / "datapackage.json").read_text(encoding="utf-8"))
    codelists = {r["name"]: [row[0] for row in r["data"][1:]] for r in descriptor["resources"]
                 if r["name"].startswith("codelist-")}
    assert codelists == {"codelist-sdmx-cl_freq-2.1": list("AQM"), "codelist-ecb-cl_freq-1.0": list("AQMD")}
    keys = {fk["fields"]: fk["reference"]["resource"] for r in descriptor["resources"]
            for fk in r.get("schema", {}).get("foreignKeys", []) if fk["reference"]["resource"]}
    assert keys == {"FREQ": "codelist-sdmx-cl_freq-2.1", "FREQ_ECB": "codelist-ecb-cl_freq-1.0"}
    profile = json.loads((STANDARDS / "datapackage" / "profiles-2.0" / "datapackage.json").read_text())
    assert [e.message for e in Draft7Validator(profile).iter_errors(descriptor)] == []
    report = Package(str(out / "DS_NEW" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
