"""A series in SDMX: one dataflow for its releases (``DF_`` and the series' id), each release told apart by a
``RELEASE`` annotation that gives its period, its id and its URI; checked by the official XSDs and schema, sdmx1
and pysdmx, against the public view at each moment."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime, timezone

import pytest
import sdmx
from pysdmx.io import read_sdmx

from catalogue.conformance.validators import sdmx_json_errors, sdmx_xsd_errors
from catalogue.formats.sdmx import build_structures
from catalogue.formats.sdmx.json_writer import sdmx_json
from catalogue.formats.sdmx.periods import period_coverage, reporting_period
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE
from .exports import example_view
from .test_sdmx import message
from .test_series import AS_OF, CORRECTED, EMBARGOED, _set, quarterly_series, stored

LATER = datetime(2031, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(("start", "end", "frequency", "period"), [
    (date(2024, 1, 1), date(2024, 12, 31), "A", "2024"),
    (date(2024, 7, 1), date(2024, 12, 31), "S", "2024-S2"),
    (date(2024, 10, 1), date(2024, 12, 31), "Q", "2024-Q4"),
    (date(2024, 2, 1), date(2024, 2, 29), "M", "2024-02"),
    (date(2024, 12, 30), date(2025, 1, 5), "W", "2025-W01"),  # an ISO week of the next year
    (date(2024, 3, 5), date(2024, 3, 5), "D", "2024-03-05"),
    (date(2025, 1, 1), None, "Q", "2025-Q1"),  # a start alone: the period of the frequency that begins there
    (date(2025, 1, 5), None, "Q", "2025-01-05"),  # no quarter begins there
    (date(2024, 1, 1), date(2024, 6, 15), "Q", "2024-01-01/2024-06-15"),  # not one quarter: the interval
    (date(2024, 1, 1), date(2024, 3, 31), None, "2024-01-01/2024-03-31"),
    (None, None, "A", None),
    (date(9999, 10, 1), date(9999, 12, 31), "Q", "9999-Q4"),  # the last quarter there is
    (date(9999, 12, 27), None, "W", "9999-12-27"),  # its week ends past the year 9999: the start alone
])
def test_a_release_is_told_by_the_sdmx_period_it_covers(start, end, frequency, period):
    assert reporting_period(start, end, frequency) == period


@pytest.mark.parametrize("period", ["2024-Q5", "2024-13", "2024-W54", "9999-W52", "\u0662\u0660\u0662\u0664-Q1",
                                    "2024-06-15/2024-01-01", "2024-Q1/2024-Q2", ""])
def test_what_is_not_an_sdmx_period_is_said_so(period):
    assert period_coverage(period) is None


def _release_annotations(flow) -> list[tuple[str, str, str]]:
    return [(a.id, str(a.title), str(a.url)) for a in flow.annotations if a.type == "RELEASE"]


def test_the_examples_labour_force_survey_is_one_dataflow_read_by_sdmx1_pysdmx_and_the_official_schemas(tmp_path):
    view = example_view()
    base = view.info.base_uri.rstrip("/") + "/dataset/"
    written = {version: message(view, version) for version in ("2.1", "3.0")}
    assert [sdmx_xsd_errors(body, version) for version, body in written.items()] == [[], []]
    read = sdmx.read_sdmx(io.BytesIO(written["2.1"]))
    flow = read.dataflow["DF_LFS"]
    assert flow.structure.id == "DSD_LFS"
    assert flow.name.localizations == view.series["LFS"].title
    assert _release_annotations(flow) == [  # in order; the correction takes the third quarter's place
        ("DS_LFS_2024Q1", "2024-Q1", base + "DS_LFS_2024Q1"), ("DS_LFS_2024Q2", "2024-Q2", base + "DS_LFS_2024Q2"),
        ("DS_LFS_2024Q3_R", "2024-Q3", base + "DS_LFS_2024Q3_R"), ("DS_LFS_2024Q4", "2024-Q4", base + "DS_LFS_2024Q4")]
    texts = {a.id: a.text.localizations for a in flow.annotations if a.type == "RELEASE"}
    assert texts["DS_LFS_2024Q3_R"] == view.datasets["DS_LFS_2024Q3_R"].title
    assert "LICENCE" in [str(a.type) for a in flow.annotations]  # the terms of the latest release
    # a current release has no dataflow of its own; the replaced version keeps its own, as it was published
    assert {i for i in read.dataflow if i.startswith("DF_LFS_2024")} == {"DF_LFS_2024Q3"}
    sources = sorted(c.category.id for c in read.categorisation.values() if c.artefact.id == "DF_LFS")
    assert sources == ["LABOUR", "REGIONS"]
    path = tmp_path / "structure-3.0.xml"
    path.write_bytes(written["3.0"])
    flows = {f.id: f for f in read_sdmx(str(path)).structures if type(f).__name__ == "Dataflow"}
    assert [(a.id, a.title) for a in flows["DF_LFS"].annotations if a.type == "RELEASE"] == \
        [(i, period) for i, period, _ in _release_annotations(flow)]
    document = json.loads("".join(sdmx_json(build_structures(view), "TEST", AS_OF, view.info.languages)))
    assert sdmx_json_errors(document) == []
    written_flow = next(f for f in document["data"]["dataflows"] if f["id"] == "DF_LFS")
    assert [a["id"] for a in written_flow["annotations"] if a["type"] == "RELEASE"] == \
        [i for i, _, _ in _release_annotations(flow)]


def _series_flow(view):
    structures = build_structures(view)
    flows = {ref.id: flow for ref, flow in structures.dataflows.items()}
    return flows.get("DF_LFS"), flows


def test_the_series_dataflow_names_a_release_only_from_its_release_time(tmp_path):
    folder = quarterly_series(tmp_path / "c")
    before, flows = _series_flow(public_view(read_catalogue(folder), AS_OF))
    assert [a.id for a in before.annotations if a.type == "RELEASE"] == \
        ["DS_LFS_2024Q1", CORRECTED, "DS_LFS_2024Q3", "DS_LFS_2024Q4"]
    assert "DF_LFS_2025Q1" not in flows and EMBARGOED not in message(public_view(read_catalogue(folder), AS_OF),
                                                                         "2.1").decode()
    after, _ = _series_flow(public_view(read_catalogue(folder), LATER))
    released = [(a.id, a.title) for a in after.annotations if a.type == "RELEASE"]
    assert released[-1] == (EMBARGOED, "2025-Q1")


def test_releases_that_cannot_share_one_dataflow_keep_their_own(tmp_path):
    """A release naming a dataflow of its own, or a dataset outside the series whose dataflow would be the
    series': then each release keeps its dataflow, as before."""
    folder = quarterly_series(tmp_path / "own")
    _set(folder, "DS_LFS_2024Q4", dataflow="LFS_2024Q4")
    series_flow, flows = _series_flow(public_view(read_catalogue(folder), AS_OF))
    assert series_flow is None and {"LFS_2024Q4", "DF_LFS_2024Q1", f"DF_{CORRECTED[3:]}"} <= set(flows)
    folder = quarterly_series(tmp_path / "taken")
    shutil.copy(folder / "datasets" / "DS_LFS_QUARTERLY.yaml", folder / "datasets" / "DS_LFS.yaml")
    _set(folder, "DS_LFS", id="DS_LFS", identifier="DS_LFS", related=None)
    assert read_catalogue(folder).datasets["DS_LFS"].series == []
    series_flow, flows = _series_flow(public_view(read_catalogue(folder), AS_OF))
    assert flows["DF_LFS"].name == read_catalogue(folder).datasets["DS_LFS"].title and "DF_LFS_2024Q1" in flows
    warned = [p for p in load_catalogue(folder).warnings if "would be 'DF_LFS'" in str(p)]
    assert len(warned) == 1 and "series/LFS.yaml" in str(warned[0]) and "dataflow: LFS" in str(warned[0])
    _set(folder, "DS_LFS", dataflow="LFS")  # as the warning says: the dataset's dataflow is LFS, the series' DF_LFS
    series_flow, flows = _series_flow(public_view(read_catalogue(folder), AS_OF))
    assert series_flow is not None and "LFS" in flows and "DF_LFS_2024Q1" not in flows
    assert not [p for p in load_catalogue(folder).warnings if "would be 'DF_LFS'" in str(p)]
    _set(folder, "DS_LFS", dataflow=None, series=["LFS"], temporal_coverage={"start": "2023-10-01"},
         structure="DSD_LFS", variables=[])
    series_flow, flows = _series_flow(public_view(read_catalogue(folder), AS_OF))  # a release of its own: no clash
    assert "DS_LFS" in [a.id for a in series_flow.annotations if a.type == "RELEASE"] and "LFS" not in flows
    assert not [p for p in load_catalogue(folder).warnings if "would be 'DF_LFS'" in str(p)]


def test_a_release_on_a_new_version_of_the_structure_moves_the_series_dataflow_to_it(tmp_path):
    """The series keeps its dataflow when its structure is revised: the dataflow takes the version its latest
    release names, and the earlier releases' structure is still written."""
    folder = quarterly_series(tmp_path / "c")
    revised = folder / "structures" / "BSO" / "DSD_LFS" / "1.1.yaml"
    revised.write_text((revised.parent / "1.0.yaml").read_text(encoding="utf-8").replace('version: "1.0"',
                                                                                          'version: "1.1"'))
    for release in ("DS_LFS_2024Q1", CORRECTED, "DS_LFS_2024Q3"):  # they keep the version they took
        _set(folder, release, structure="BSO:DSD_LFS(1.0)")
    _set(folder, "DS_LFS_2024Q4", structure="BSO:DSD_LFS(1.1)")
    view = public_view(read_catalogue(folder), AS_OF)
    structures = build_structures(view)
    flow = next(f for f in structures.dataflows.values() if f.ref.id == "DF_LFS")
    assert (flow.ref.version, flow.structure.version) == ("1.1", "1.1")
    assert {ref.version for ref in structures.data_structures if ref.id == "DSD_LFS"} == {"1.0", "1.1"}
    assert [ref.id for ref in structures.dataflows if ref.id.startswith("DF_LFS_2024")] == ["DF_LFS_2024Q2"]  # replaced
    assert sdmx_xsd_errors(message(view, "3.0"), "3.0") == []


def test_the_live_servers_sdmx_rest_gives_the_series_dataflow_as_the_public_view_stands(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = quarterly_series(tmp_path / "c")
    store = stored(folder, tmp_path)
    moment = [AS_OF]
    with TestClient(create_app(store, lambda: moment[0])) as client:
        def flow():
            answer = client.get("/sdmx/rest/dataflow/BSO/DF_LFS/latest?references=all")
            assert answer.status_code == 200, answer.text
            assert sdmx_xsd_errors(answer.content, "2.1") == []
            read = sdmx.read_sdmx(io.BytesIO(answer.content))
            assert set(read.structure) == {"DSD_LFS"} and "CL_LABOUR_STATUS" in read.codelist
            return [a.id for a in read.dataflow["DF_LFS"].annotations if a.type == "RELEASE"]

        assert EMBARGOED not in flow()
        assert client.get("/sdmx/rest/dataflow/BSO/DF_LFS_2024Q1/latest").status_code == 404
        moment[0] = LATER
        assert flow()[-1] == EMBARGOED



@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_the_series_dataflow_comes_back_as_the_series_and_its_releases(tmp_path, version):
    """``import sdmx`` of our own message: the series' dataflow becomes the series record and a draft dataset per
    release, with its id, title and period, naming the series and the shared structure."""
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx
    from catalogue.records.writer import write_catalogue

    view = example_view()
    path = tmp_path / "structure.xml"
    path.write_bytes(message(view, version))
    folder = tmp_path / "imported"
    catalogue = read_catalogue(EXAMPLE)
    write_catalogue(catalogue.model_copy(update={"codelists": {}, "concept_schemes": {}, "data_structures": {},
                                                 "datasets": {}, "releases": {}, "series": {},
                                                 "metadata_structures": {}, "metadata_reports": {}}), folder)
    report = import_sdmx([path], RecordWriter(folder, update=False, dry_run=False), terms=None)
    assert not [u for u in report.unmapped if "RELEASE" in str(u) or "annotation" in str(u)]
    imported = read_catalogue(folder)
    series = imported.series["LFS"]
    assert (series.title, series.frequency, series.publisher) == (view.series["LFS"].title, "quarterly", "BSO")
    releases = {i: d for i, d in imported.datasets.items() if d.series == ["LFS"]}
    assert sorted(releases) == ["DS_LFS_2024Q1", "DS_LFS_2024Q2", "DS_LFS_2024Q3_R", "DS_LFS_2024Q4"]
    first = releases["DS_LFS_2024Q1"]
    assert first.title == view.datasets["DS_LFS_2024Q1"].title and first.status == "draft"
    assert (first.temporal_coverage.start, first.temporal_coverage.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert first.structure == f"BSO:DSD_LFS({'1.0' if version == '2.1' else '1.0.0'})"
    assert first.terms == "OPEN" and first.dataflow is None
    assert imported.datasets["DS_LFS_2024Q3"].series == []  # the replaced version: a dataflow of its own


def test_release_annotations_of_another_kind_of_dataflow_leave_it_one_dataset(tmp_path):
    """A dataflow whose RELEASE annotations do not name releases (no id) is imported as one dataset, and said so;
    no series is written."""
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx
    from catalogue.records.writer import write_catalogue

    body = message(example_view(), "2.1").decode()
    body = body.replace('<com:Annotation id="DS_LFS_2024Q1">', "<com:Annotation>")
    path = tmp_path / "foreign.xml"
    path.write_text(body, encoding="utf-8")
    folder = tmp_path / "imported"
    write_catalogue(read_catalogue(EXAMPLE).model_copy(update={
        "codelists": {}, "concept_schemes": {}, "data_structures": {}, "datasets": {}, "releases": {}, "series": {},
        "metadata_structures": {}, "metadata_reports": {}}),
        folder)
    report = import_sdmx([path], RecordWriter(folder, update=False, dry_run=False), terms=None)
    assert any("imported as one dataset" in str(u) for u in report.unmapped)
    imported = read_catalogue(folder)
    assert "DS_LFS" in imported.datasets and not imported.series
