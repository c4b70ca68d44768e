"""Issue 32: SDMX identity. Hostile specimens of what real agencies' structure messages hold: agencies nested in an
agency's own scheme, maintainers a message does not define (known to every SDMX registry, or to nobody), and stub
codelists; each imports into a catalogue that ``check`` accepts."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone
from pathlib import Path

import sdmx
from fastapi.testclient import TestClient
from lxml import etree
from pysdmx.io import read_sdmx as pysdmx_read

from catalogue.conformance.validators import sdmx_xsd_errors
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store

from .conftest import run
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
    assert catalogue.codelists["CL_WEO_UNIT"].agency == "IMF.RES"
    assert catalogue.concept_schemes["CS_FAD"].agency == "IMF.FAD"
    # a stub codelist (no codes, not flagged external) is a reference to it by URN, reported
    stub = catalogue.codelists["CL_CURRENCY"]
    assert stub.external_urn == "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=ISO:CL_CURRENCY(2.0)"
    assert not stub.codes and "a stub of the codelist" in output
    dataset = catalogue.datasets["DS_WEO"]
    assert dataset.publisher == "IMF.RES"
    assert {v.id: v.codelist for v in dataset.variables}["CURRENCY"] == "CL_CURRENCY"


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
