"""Reference metadata in SDMX (issue 34, point 3): the metadata structures and a metadataflow per publisher and
structure in the structure messages, the public reports as SDMX-ML 2.1 generic metadata and 3.0 metadata sets;
valid against the official XSDs (their XHTML against XHTML 1.1's), read by pysdmx and sdmx1, read back by our
importer, written by the build and answered by the live server without anything not for publication."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import sdmx
from hypothesis import HealthCheck, given, settings
from pysdmx.io import read_sdmx

from catalogue.conformance.validators import sdmx_json_errors, sdmx_metadata_xsd_errors, sdmx_xsd_errors
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.model import MetadataReport, ReportedAttribute, ReportTarget
from catalogue.policy.view import public_view
from catalogue.publish.feeds import write_report_structures, write_sdmx_metadata, write_sdmx_metadata_json
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, run
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import SECRET, catalogues

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
HIDDEN = "Internal note"
VERSIONS = ("2.1", "3.0")


def metadata(view, version: str) -> bytes:
    stream = io.BytesIO()
    write_sdmx_metadata(view, stream, version)
    return stream.getvalue()


def structure_message(view, version: str) -> bytes:
    stream = io.BytesIO()
    if version == "2.1":
        write_report_structures(view, stream)
    else:
        export_sdmx(build_structures(view), stream, DIALECTS["3.0"], "T", view.as_of)
    return stream.getvalue()


def english_report_on_bso():
    """The public view of the example with one report, ``ON_BSO``: the SIMS report's values in English alone, on
    the agency BSO (what sdmx1's metadata readers take)."""
    catalogue = read_catalogue(EXAMPLE)
    english = catalogue.info.model_copy(update={"languages": ["en"]})
    report = catalogue.metadata_reports["LFS_SIMS_2024"]

    def only_english(values: list[ReportedAttribute]) -> list[ReportedAttribute]:
        return [v.model_copy(update={"text": {"en": v.text["en"]} if v.text else None,
                                     "values": only_english(v.values)}) for v in values]

    on_agency = report.model_copy(update={"id": "ON_BSO", "target": ReportTarget(kind="agency", id="BSO"),
                                          "values": only_english(report.values), "title": {"en": "On BSO"}})
    on_agency = MetadataReport.model_validate(on_agency.model_dump(), context={"default_language": "en",
                                                                                "languages": ["en"]})
    return public_view(catalogue.model_copy(update={"info": english, "metadata_reports": {"ON_BSO": on_agency}}),
                       AS_OF)


def tree(values: list[ReportedAttribute]) -> list[tuple]:
    """A report's values as (attribute, value or texts, what is under it)."""
    return [(v.attribute, v.value or v.text, tree(v.values)) for v in values]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_examples_sims_report_is_valid_sdmx_ml_without_what_is_not_for_publication(version):
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    body = metadata(view, version)
    assert sdmx_metadata_xsd_errors(body, version) == []
    assert sdmx_xsd_errors(structure_message(view, version), version) == []
    assert b"LFS_SIMS_2024" in body and HIDDEN.encode() not in body and b"CONF_DATA_TR" not in body
    assert b"DF_LFS" in body  # on the series' dataflow


def test_pysdmx_reads_the_3_0_structures_and_the_report_as_published(tmp_path):
    catalogue = read_catalogue(EXAMPLE)
    view = public_view(catalogue, AS_OF)
    (tmp_path / "structure.xml").write_bytes(structure_message(view, "3.0"))
    (tmp_path / "metadata.xml").write_bytes(metadata(view, "3.0"))
    structures = read_sdmx(str(tmp_path / "structure.xml"))
    msd = next(m for m in structures.get_metadata_structures() if m.id == "SIMS")
    flow = next(f for f in structures.get_metadataflows() if f.id == "MF_ESTAT_SIMS")
    assert {m.id for m in structures.get_metadata_structures()} == {"SIMS", "SDG_MSD"}
    record = catalogue.metadata_structures["ESTAT:SIMS(2.0)"]
    assert (msd.id, msd.agency.id if hasattr(msd.agency, "id") else msd.agency) == ("SIMS", "ESTAT")
    assert [a.id for a in msd.components] == [a.id for a in record.attributes if a.parent is None]
    assert flow.id == "MF_ESTAT_SIMS" and "SIMS" in str(flow.structure)
    # pysdmx validates against the SDMX XSD alone, which leaves XHTML to its own schema: validated above with it
    reports = {r.id: r for r in read_sdmx(str(tmp_path / "metadata.xml"), validate=False).get_reports()}
    assert set(reports) == {"LFS_SIMS_2024", "SDG_8_5_2_BELMAR"}
    report = reports["LFS_SIMS_2024"]
    assert report.id == "LFS_SIMS_2024" and report.targets == (
        "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=BSO:DF_LFS(1.0.0)",)

    def read(attributes) -> set[tuple]:  # pysdmx (1.21) keeps the tree and each Value, not the texts, nor the order
        return {(a.id, a.value, frozenset(read(a.attributes or []))) for a in attributes}

    def published(values: list[ReportedAttribute]) -> set[tuple]:
        return {(v.attribute, v.value, frozenset(published(v.values))) for v in values}

    assert read(report.attributes) == published(view.reports["LFS_SIMS_2024"].values)


def test_sdmx1_reads_the_2_1_structure_and_a_report_on_an_agency_in_one_language(tmp_path):
    """sdmx1 (2.28) reads a 2.1 report whose texts are in one language (as a ``value``, as the SDMX 2.1 samples
    give them) on an item (an agency): its reader takes neither ``Text`` elements nor a maintainable target."""
    catalogue = read_catalogue(EXAMPLE)
    view = english_report_on_bso()
    (tmp_path / "structure.xml").write_bytes(structure_message(view, "2.1"))
    (tmp_path / "metadata.xml").write_bytes(metadata(view, "2.1"))
    assert sdmx_metadata_xsd_errors(tmp_path / "metadata.xml", "2.1") == []
    msd = sdmx.read_sdmx(tmp_path / "structure.xml").metadatastructure["SIMS"]
    assert [a.id for a in msd.report_structure["SIMS"].components] == [
        a.id for a in catalogue.metadata_structures["ESTAT:SIMS(2.0)"].attributes if a.parent is None]
    [found] = sdmx.read_sdmx(tmp_path / "metadata.xml", structure=msd).data[0].report

    def read(attributes) -> list[tuple]:
        return [(a.value_for, a.value if isinstance(getattr(a, "value", None), str) else None, read(a.child or []))
                for a in attributes]

    published = view.reports["ON_BSO"]
    expected = [(v.attribute, v.value or (v.text["en"] if v.text and "<" not in v.text["en"] else None),
                 []) for v in published.values]
    assert [(a, v) for a, v, _ in read(found.metadata)] == [(a, v) for a, v, _ in expected]


@pytest.mark.parametrize("version", VERSIONS)
def test_our_metadata_structure_comes_back_through_import_sdmx(cli, tmp_path, version):
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    path = tmp_path / "structures.xml"
    path.write_bytes(structure_message(view, version))
    result = run(cli, "import", "sdmx", str(path), "--into", str(tmp_path / "c"), "--language", "en", "--language",
                 "fr", "--agency", "ESTAT", "--base-uri", "https://example.org/", "--title", "T")
    assert result.exit_code == 0, result.output
    found = read_catalogue(tmp_path / "c").metadata_structures
    assert sorted(s.id for s in found.values()) == ["SDG_MSD", "SIMS"]  # 2.0 (2.1), 2.0.0 (3.0)
    imported = next(s for s in found.values() if s.id == "SIMS")
    original = read_catalogue(EXAMPLE).metadata_structures["ESTAT:SIMS(2.0)"]
    assert [(a.path, a.representation, a.min_occurs, a.max_occurs, a.concept.rsplit(".", 1)[1])
            for a in imported.attributes] == [
        (a.path, a.representation, a.min_occurs, a.max_occurs, a.concept.rsplit(".", 1)[1])
        for a in original.attributes]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_reports_give_valid_messages_without_secrets(catalogue):
    view = public_view(catalogue, GENERATED_AS_OF)
    structures = build_structures(view)
    written = {s.report.id for s in structures.metadata_sets.values()}
    assert written <= set(view.reports)  # a report on a dataset that is not statistical has no dataflow to be on
    assert {r.id for r in view.reports.values() if r.target.kind in ("catalogue", "agency")} <= written
    if not written:
        return  # no message: the build writes none, the server answers 404
    for version in VERSIONS:
        body = metadata(view, version)
        assert sdmx_metadata_xsd_errors(body, version) == [], version
        assert SECRET.encode() not in body
    stream = io.BytesIO()
    write_sdmx_metadata_json(view, stream, structures)
    message = json.loads(stream.getvalue())
    assert sdmx_json_errors(message, "metadata") == [] and SECRET not in stream.getvalue().decode()
    assert {s["id"] for s in message["data"]["metadataSets"]} == \
        {s.report.id for s in structures.metadata_sets.values() if s.report.values}
    assert sdmx_xsd_errors(structure_message(view, "2.1"), "2.1") == []


def test_the_build_writes_them_and_the_server_answers_them_from_a_reports_release(cli, tmp_path):
    """A report on an embargoed dataset is in no message before the dataset's release, to the second."""
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    from .test_metadata_reports import edit, with_report
    from .test_series import stored

    folder = with_report(tmp_path / "c")
    catalogue = read_catalogue(folder)
    embargoed = next(d for d in catalogue.datasets.values() if d.status == "published" and d.release_time
                     and d.release_time > AS_OF)
    edit(folder, lambda data: data.update(target={"kind": "dataset", "id": embargoed.id}))
    site = tmp_path / "site"
    assert run(cli, "build", str(folder), "--out", str(site), "--as-of", AS_OF.isoformat(), "--quiet").exit_code == 0
    assert b"LFS_QUALITY" not in (site / "sdmx" / "metadata-3.0.xml").read_bytes()  # the SIMS report only
    assert b"LFS_SIMS_2024" in (site / "sdmx" / "metadata.json").read_bytes()
    assert run(cli, "validate", str(site)).exit_code == 0
    moment = [AS_OF]
    with TestClient(create_app(stored(folder, tmp_path), lambda: moment[0])) as client:
        for path in ("/sdmx/metadata-2.1.xml", "/sdmx/metadata-3.0.xml", "/sdmx/metadata.json",
                     "/sdmx/report-structures-2.1.xml"):
            assert client.get(path).status_code == 200, path
        assert "LFS_QUALITY" not in client.get("/sdmx/metadata-3.0.xml").text
        moment[0] = embargoed.release_time - timedelta(seconds=1)
        assert "LFS_QUALITY" not in client.get("/sdmx/metadata-3.0.xml").text
        moment[0] = embargoed.release_time
        answer = client.get("/sdmx/metadata-3.0.xml")
        assert "LFS_QUALITY" in answer.text and sdmx_metadata_xsd_errors(answer.content, "3.0") == []
        assert "Interviewer notes" not in answer.text  # its value not for publication
        found = client.get("/sdmx/v2/structure/metadatastructure/BSO/QUALITY/~")
        assert found.status_code == 200 and sdmx_xsd_errors(found.content, "3.0") == []
        assert client.get("/sdmx/v2/structure/metadataflow/BSO/MF_BSO_QUALITY/~").status_code == 200


def test_export_writes_the_reports_message_or_says_there_is_none(cli, census, tmp_path):
    for version in VERSIONS:
        written = tmp_path / f"metadata-{version}.xml"
        result = run(cli, "export", "sdmx-metadata", "-o", str(written), str(census), "--sdmx-version", version,
                     "--as-of", AS_OF.isoformat())
        assert result.exit_code == 0, result.output
        assert sdmx_metadata_xsd_errors(written, version) == [] and b"LFS_SIMS_2024" in written.read_bytes()
    for report in (census / "metadata_reports").iterdir():
        report.unlink()
    result = run(cli, "export", "sdmx-metadata", "-o", str(tmp_path / "none.xml"), str(census))
    assert result.exit_code == 2 and "no reference metadata report is public" in " ".join(result.output.split())


def test_two_agencies_structures_of_one_id_are_two_flows_and_each_report_names_its_own(tmp_path):
    """Review: BSO:QUALITY and ESTAT:QUALITY gave one flow BSO:MF_QUALITY, on whichever structure came first; and
    the header's ids of two flows could coincide (an invalid message)."""
    from .test_metadata_reports import REPORT, with_report

    folder = with_report(tmp_path / "c")
    theirs = folder / "metadata_structures" / "ESTAT" / "QUALITY" / "1.0.yaml"
    theirs.parent.mkdir(parents=True)
    theirs.write_text((folder / "metadata_structures" / "BSO" / "QUALITY" / "1.0.yaml").read_text(encoding="utf-8")
                      .replace("agency: BSO", "agency: ESTAT"), encoding="utf-8")
    (folder / "metadata_reports" / "ON_ESTAT.yaml").write_text(
        (folder / REPORT).read_text(encoding="utf-8").replace("id: LFS_QUALITY", "id: ON_ESTAT")
        .replace("structure: BSO:QUALITY(1.0)", "structure: ESTAT:QUALITY(1.0)"), encoding="utf-8")
    view = public_view(read_catalogue(folder), AS_OF)
    structures = build_structures(view)
    flows = {s.report.id: (s.flow.id, structures.metadataflows[s.flow].structure.agency)
             for s in structures.metadata_sets.values()}
    assert flows["LFS_QUALITY"] == ("MF_BSO_QUALITY", "BSO") and flows["ON_ESTAT"] == ("MF_ESTAT_QUALITY", "ESTAT")
    for version in VERSIONS:
        body = metadata(view, version)
        assert sdmx_metadata_xsd_errors(body, version) == [], version
        assert len(set(re.findall(rb'structureID="([^"]+)"', body))) == len({f for f, _ in flows.values()})


def test_xhtml_that_is_not_xhtml_1_1_is_refused_and_never_makes_a_message_invalid(tmp_path):
    """Review: nh3 keeps what XHTML 1.1 refuses (text directly in a list, an empty list, a block in a span), and one
    such text made the whole message invalid."""
    from .test_metadata_reports import edit, with_report

    folder = with_report(tmp_path / "c")
    bad = "<ul>text<li>a</li></ul><blockquote>bare</blockquote><span><p>x</p></span>"
    edit(folder, lambda data: data["values"][1].update(text={"en": bad, "fr": "<p>bien</p>"}))
    [problem] = [p for p in load_catalogue(folder).errors if p.path == "values[1].text.en"]
    assert problem.message.startswith("the XHTML is not XHTML 1.1, which SDMX takes: Element 'ul': Character "
                                      "content other than whitespace")
    view = public_view(read_catalogue_unchecked(folder), AS_OF)  # as if the check had not been run
    for version in VERSIONS:
        body = metadata(view, version)
        assert sdmx_metadata_xsd_errors(body, version) == [] and b"bare" in body  # its text, still


def read_catalogue_unchecked(folder):
    """The records of ``folder`` without the rules of ``check`` (the model's checks only)."""
    from catalogue.records.loader import load_catalogue as load

    loaded = load(folder)
    assert loaded.catalogue is not None
    return loaded.catalogue


def test_a_value_not_for_publication_edited_moves_no_header_time(tmp_path):
    """Review: the server stamped the metadata messages with the report record's change, so an edit of a value
    not for publication moved their Prepared time."""
    import time

    from fastapi.testclient import TestClient

    from catalogue.server import create_app
    from catalogue.store import open_store

    from .test_metadata_reports import HIDDEN, edit, with_report

    folder = with_report(tmp_path / "c")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(folder), folder, "ana", "load")

    def prepared() -> dict[str, bytes]:
        with TestClient(create_app(store, lambda: AS_OF)) as client:
            return {path: re.search(rb"<mes:Prepared>([^<]+)<", client.get(path).content).group(1)
                    for path in ("/sdmx/metadata-2.1.xml", "/sdmx/metadata-3.0.xml",
                                 "/sdmx/report-structures-2.1.xml")}

    before = prepared()
    time.sleep(1.1)
    edit(folder, lambda data: data["values"][2]["text"].update(en=f"{HIDDEN}, again"))
    store.load(read_catalogue(folder), folder, "ana", "a note not for publication")
    assert prepared() == before
