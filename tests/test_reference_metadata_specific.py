"""SDMX-ML 2.1 structure-specific reference metadata (issue 34, point 3): the schema SDMX-ML 2.1 derives from a
metadata structure, checked on Eurostat's own ESMS structure and report; the public reports written in it, valid
against the official XSD and their structure's schema, read back by our importer as the generic message gives them,
read by sdmx1; written by the build and `export`, answered by the server, never with what is not for publication."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from catalogue.conformance.validators import (XHTML_XSD, safe_xml_parser, sdmx_specific_metadata_errors,
                                              sdmx_xsd_path, standards_dir)
from catalogue.formats.sdmx import build_structures
from catalogue.formats.sdmx.metadata_schema import SchemaFiles, codelists_of, metadata_schema
from catalogue.importers.sdmx_reports import ReadValue, read_metadata_message
from catalogue.policy.view import public_view
from catalogue.publish.feeds import write_report_structures, write_sdmx_specific_metadata
from catalogue.records.loader import read_catalogue

from .conftest import EXAMPLE, run
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import SECRET, catalogues
from .test_metadata_reports import HIDDEN, edit, with_report
from .test_reference_metadata_sdmx import AS_OF, english_report_on_bso, metadata

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "sdmx-metadata"
ESMS_NAMESPACE = "urn:sdmx:org.sdmx.infomodel.metadatastructure.MetadataStructure=ESTAT:ESMS(1.0)"
SPECIFIC = "application/vnd.sdmx.structurespecificmetadata+xml;version=2.1"


def specific(view) -> bytes:
    stream = io.BytesIO()
    write_sdmx_specific_metadata(view, stream)
    return stream.getvalue()


def structures(view) -> bytes:
    stream = io.BytesIO()
    write_report_structures(view, stream)
    return stream.getvalue()


def esms_errors(document: bytes) -> list[str]:
    """Eurostat's report against the official XSD and the schema derived from Eurostat's ESMS structure (the
    report names the structure ESTAT:ESMS, the structure message defines it as ESTAT:ESMS_SIMPLE: the namespace is
    the one the report's header declares)."""
    message = etree.parse(str(SAMPLES / "v21_xml_demography_esms.xml"), safe_xml_parser()).getroot()
    msd = next(message.iter("{*}MetadataStructure"))
    sdmx_schemas = sdmx_xsd_path("2.1").parent
    files = SchemaFiles((sdmx_schemas / "SDMXMetadataStructureSpecific.xsd").as_uri(),
                        (sdmx_schemas / "SDMXCommon.xsd").as_uri())
    schema_text = metadata_schema(msd, codelists_of(message), files, ESMS_NAMESPACE)
    wrapper = etree.fromstring(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:esms="{ESMS_NAMESPACE}">'
        f'<xs:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="{(standards_dir() / XHTML_XSD).as_uri()}"/>'
        f'<xs:import namespace="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
        f'schemaLocation="{sdmx_xsd_path("2.1").as_uri()}"/></xs:schema>'.encode())
    derived = etree.fromstring(schema_text.encode(), safe_xml_parser(), base_url=sdmx_schemas.as_uri() + "/")
    schema = etree.XMLSchema(_combined(wrapper, derived))
    if schema.validate(etree.fromstring(document, safe_xml_parser())):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def _combined(wrapper, derived):
    """The wrapper schema importing the derived one, written beside it in a temporary folder."""
    import tempfile

    folder = Path(tempfile.mkdtemp())
    (folder / "esms.xsd").write_bytes(etree.tostring(derived))
    etree.SubElement(wrapper, "{http://www.w3.org/2001/XMLSchema}import", namespace=ESMS_NAMESPACE,
                     schemaLocation=(folder / "esms.xsd").as_uri())
    return wrapper


def test_eurostats_structured_esms_report_meets_the_schema_derived_from_its_structure_but_for_its_own_dates():
    """The three findings are the sample's: dates where the structure says DateTime (xs:dateTime, SDMX-ML 2.1's
    mapping); everything else of Eurostat's report (targets, nested attributes, codes, XHTML) is as derived."""
    errors = esms_errors((SAMPLES / "v21_xml_demography_esms_structured.xml").read_bytes())
    assert len(errors) == 3 and all("is not a valid value of the atomic type 'xs:dateTime'" in e for e in errors)
    assert {e.split("'")[1] for e in errors} == {"POSTED", "UPDATED", "NEXT"}


@pytest.mark.parametrize("change, finding", [
    (lambda s: s.replace(b'<COUNTRY value="LU"/>', b'<COUNTRY value="XX"/>'), "COUNTRY"),  # not of CL_COUNTRY
    (lambda s: s.replace(b'<ORGANISATION value="Eurostat, the statistical office of the European Union"/>', b""),
     "ORGANISATION"),  # a required attribute missing
    (lambda s: s.replace(b"<EMAIL value=", b"<E_MAIL value="), "E_MAIL"),  # no such attribute
    (lambda s: s.replace(b'<CITY value="LUXEMBOURG"/>', b"").replace(b'<POSTAL_CODE value="2721"/>',
                                                                     b'<POSTAL_CODE value="2721"/><CITY value="L"/>'),
     "CITY"),  # out of the structure's order
    (lambda s: s.replace(b'xsi:type="esms:CATEGORY_TARGET.ReportPeriodTarget"',
                         b'xsi:type="esms:CATEGORY_TARGET.CATEGORY"'), "ReportPeriod"),  # a period for an object
])
def test_what_breaks_the_structure_is_found(change, finding):
    document = change((SAMPLES / "v21_xml_demography_esms_structured.xml").read_bytes())
    errors = [e for e in esms_errors(document) if "xs:dateTime" not in e]
    assert errors and any(finding in e for e in errors), errors


def test_the_examples_reports_are_valid_structure_specific_metadata_without_what_is_not_for_publication():
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    body = specific(view)
    assert sdmx_specific_metadata_errors(body, structures(view)) == []
    assert b"LFS_SIMS_2024" in body and b"SDG_8_5_2_BELMAR" in body and b"CONF_DATA_TR" not in body
    assert b'xsi:type="ns1:SIMS"' in body and b"<CONTACT_ORGANISATION>" in body


def read_back(path: Path) -> dict[str, tuple]:
    """What our importer reads of a message: each set's structure, target, period and values (the values of one
    level in any order: a structure-specific message gives them in the structure's)."""
    def values(found: list[ReadValue]) -> list[tuple]:
        return sorted(((v.id, v.value, v.texts, v.xhtml, values(v.values)) for v in found), key=repr)

    return {s.id: (s.structure, s.target, s.period, values(s.values)) for s in read_metadata_message(path)}


def test_our_importer_reads_the_structure_specific_message_as_the_generic_one(tmp_path):
    """A round trip: the same sets, targets, periods and values (texts, XHTML, codes, nesting) either way."""
    view = public_view(read_catalogue(with_report(tmp_path / "c")), AS_OF)
    (tmp_path / "specific.xml").write_bytes(specific(view))
    (tmp_path / "generic.xml").write_bytes(metadata(view, "2.1"))
    from_specific, from_generic = read_back(tmp_path / "specific.xml"), read_back(tmp_path / "generic.xml")
    assert set(from_specific) == {"LFS_QUALITY", "LFS_SIMS_2024", "SDG_8_5_2_BELMAR"}
    assert from_specific == from_generic
    assert HIDDEN not in (tmp_path / "specific.xml").read_text(encoding="utf-8")


def test_a_report_short_of_a_required_attribute_is_in_the_generic_messages_only(tmp_path):
    """The quality structure requires a contact's organisation; withheld (not for publication), the report cannot
    meet its structure's schema: it is left out of this message, which stays valid, not made invalid."""
    folder = with_report(tmp_path / "c")
    edit(folder, lambda data: data["values"][0]["values"][0].update(confidential=True))
    view = public_view(read_catalogue(folder), AS_OF)
    body = specific(view)
    assert sdmx_specific_metadata_errors(body, structures(view)) == []
    assert b"LFS_QUALITY" not in body and b"LFS_SIMS_2024" in body
    assert b"LFS_QUALITY" in metadata(view, "2.1") and b"Labour statistics unit" not in metadata(view, "2.1")


def test_sdmx1_reads_a_structure_specific_report_on_an_agency_in_one_language(tmp_path):
    """sdmx1 (2.28) reads structure-specific 2.1 metadata with the structure it follows; like its generic reader,
    it takes one-language values and an item as target (not a maintainable dataflow)."""
    view = english_report_on_bso()
    (tmp_path / "structure.xml").write_bytes(structures(view))
    (tmp_path / "metadata.xml").write_bytes(specific(view))
    assert sdmx_specific_metadata_errors(tmp_path / "metadata.xml", tmp_path / "structure.xml") == []
    # in a process of its own: sdmx1 2.28 keeps a structure-specific message's namespaces after reading it, and
    # then fails on any SDMX-ML 3.0 message it reads in that process (Eurostat's ESMS sample does the same)
    script = (
        "import json, sys, sdmx\n"
        "msd = sdmx.read_sdmx(sys.argv[1]).metadatastructure['SIMS']\n"
        "[found] = sdmx.read_sdmx(sys.argv[2], structure=msd).data[0].report\n"
        "key = found.attaches_to.key_values\n"
        "print(json.dumps([key['AGENCY'].obj.id, key['REPORT_PERIOD_TARGET'].report_period,\n"
        "                  [getattr(a.value_for, 'id', a.value_for) for a in found.metadata]]))\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "structure.xml"), str(tmp_path / "metadata.xml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    agency, period, attributes = json.loads(done.stdout)
    assert (agency, period) == ("BSO", "2024")
    assert attributes == [v.attribute for v in view.reports["ON_BSO"].values]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_reports_give_valid_structure_specific_messages_without_secrets_that_read_back(catalogue):
    import tempfile

    view = public_view(catalogue, GENERATED_AS_OF)
    if not build_structures(view).metadata_sets:
        return  # no message: the build writes none, the server answers 404
    body = specific(view)
    assert sdmx_specific_metadata_errors(body, structures(view)) == []
    assert SECRET.encode() not in body
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "specific.xml").write_bytes(body)
        (Path(folder) / "generic.xml").write_bytes(metadata(view, "2.1"))
        assert read_back(Path(folder) / "specific.xml") == read_back(Path(folder) / "generic.xml")


def test_the_build_export_and_server_give_it(cli, tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    from .test_series import stored

    folder = with_report(tmp_path / "c")
    site = tmp_path / "site"
    assert run(cli, "build", str(folder), "--out", str(site), "--as-of", AS_OF.isoformat(), "--quiet").exit_code == 0
    built = (site / "sdmx" / "metadata-specific-2.1.xml").read_bytes()
    assert b"LFS_QUALITY" in built and HIDDEN.encode() not in built
    assert "metadata-specific-2.1.xml" in (site / "reports" / "LFS_QUALITY" / "index.html").read_text(encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 0 and "metadata-specific-2.1.xml" in result.output
    exported = tmp_path / "exported.xml"
    result = run(cli, "export", "sdmx-metadata", "-o", str(exported), str(folder), "--structure-specific",
                 "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    assert exported.read_bytes().split(b"<mes:Prepared>")[1:] and b"LFS_QUALITY" in exported.read_bytes()
    refused = run(cli, "export", "sdmx-metadata", "-o", str(tmp_path / "x.xml"), str(folder), "--structure-specific",
                  "--sdmx-version", "3.0")
    assert refused.exit_code == 2 and "2.1" in refused.output
    with TestClient(create_app(stored(folder, tmp_path), lambda: AS_OF)) as client:
        served = client.get("/sdmx/metadata-specific-2.1.xml")
        schemas = client.get("/sdmx/report-structures-2.1.xml").content
        assert served.status_code == 200 and sdmx_specific_metadata_errors(served.content, schemas) == []
        for asked in ({"headers": {"Accept": SPECIFIC}}, {"params": {"format": "structurespecificmetadata-2.1"}}):
            answer = client.get("/sdmx/rest/metadata/MF_BSO_QUALITY", **asked)
            assert answer.status_code == 200 and answer.headers["content-type"] == SPECIFIC
            assert sdmx_specific_metadata_errors(answer.content, schemas) == []
            assert b"LFS_QUALITY" in answer.content and b"LFS_SIMS_2024" not in answer.content
        generic = client.get("/sdmx/rest/metadata/MF_BSO_QUALITY", headers={"Accept": "application/xml"})
        assert generic.headers["content-type"].startswith("application/vnd.sdmx.genericmetadata+xml")
