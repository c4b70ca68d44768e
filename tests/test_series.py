"""Issue 33, first part: series of releases and versions of a dataset, in the model, the checks, the public view and
DCAT-AP 3 (``dcat:DatasetSeries``, ``dcat:inSeries``, first/last/prev/next, ``dcat:previousVersion``)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import rdflib
import sdmx
import yaml

from catalogue.conformance.validators import shacl_results
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.store.public import PublicRecords

from .conftest import EXAMPLE, STANDARDS, line_of, replace_in, run
from .exports import dcat_graph
from .test_incremental_build import assert_same_tree, build

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
QUARTERS = {"DS_LFS_2024Q1": ("2024-01-01", "2024-05-15"), "DS_LFS_2024Q2": ("2024-04-01", "2024-08-14"),
            "DS_LFS_2024Q3": ("2024-07-01", "2024-11-14"), "DS_LFS_2024Q4": ("2024-10-01", "2025-02-13")}
CORRECTED = "DS_LFS_2024Q2_R"
EMBARGOED = "DS_LFS_2025Q1"


def quarterly_series(folder: Path) -> Path:
    """Census with a series, LFS, of four quarterly releases sharing the data structure DSD_LFS, a corrected second
    quarter (a new version that replaces it), and a first quarter of 2025 embargoed until 2030."""
    shutil.copytree(EXAMPLE, folder)
    for release in (folder / "datasets").glob("DS_LFS_2024*.yaml"):  # the example's own releases of LFS
        release.unlink()
    replace_in(folder / "releases" / "REL_LFS_2026Q4.yaml", "in_series: [LFS]", "")
    (folder / "series" / "LFS.yaml").write_text(yaml.safe_dump({
        "id": "LFS", "publisher": "BSO", "frequency": "quarterly", "contact_point": "HHS_UNIT", "terms": "OPEN",
        "title": {"en": "Labour Force Survey, quarterly results", "fr": "Enquête sur les forces de travail, résultats"
                                                                        " trimestriels"},
        "description": {"en": "Labour force status of persons aged 15 or over, every quarter.",
                        "fr": "Situation au regard de l'activité des personnes de 15 ans ou plus, chaque trimestre."},
        "process": {"en": "Continuous Household Survey", "fr": "Enquête continue auprès des ménages"}},
        allow_unicode=True), encoding="utf-8")
    source = yaml.safe_load((folder / "datasets" / "DS_LFS_QUARTERLY.yaml").read_text(encoding="utf-8"))
    releases = {**QUARTERS, CORRECTED: ("2024-04-01", "2024-09-02"), EMBARGOED: ("2025-01-01", "2030-05-15")}
    for dataset_id, (start, issued) in releases.items():
        data = {**source, "id": dataset_id, "identifier": dataset_id, "series": ["LFS"], "related": [],
                "structure": "DSD_LFS", "variables": [],  # one structure: the series is one SDMX dataflow
                "issued": issued, "modified": issued, "temporal_coverage": {"start": start},
                "title": {language: f"{text} {dataset_id[-6:]}" for language, text in source["title"].items()}}
        if dataset_id == CORRECTED:
            data.update({"previous_version": "DS_LFS_2024Q2", "version": "3.3",
                         "version_notes": {"en": "Corrects the weights of the Northern Region.",
                                           "fr": "Corrige les pondérations de la Région du Nord."}})
        if dataset_id == EMBARGOED:
            data["release_time"] = "2030-05-15T10:00:00+00:00"
        (folder / "datasets" / f"{dataset_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                                 encoding="utf-8")
    return folder


def stored(folder: Path, tmp_path: Path, *editors: str):
    """A SQLite store loaded with the records of ``folder``, with ``editors`` as editors of BSO."""
    from catalogue.store import open_store
    from catalogue.store.accounts import Accounts

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(folder), folder, "ana", "load")
    for name in editors:
        Accounts(store.engine).add_user(name, None)
        Accounts(store.engine).set_role(name, "BSO", "editor")
    return store


def test_a_series_of_releases_is_checked_and_ordered_by_period_then_issue(tmp_path):
    loaded = load_catalogue(quarterly_series(tmp_path / "c"))
    assert loaded.ok, [str(p) for p in loaded.errors]
    view = public_view(loaded.catalogue, AS_OF)
    # the corrected second quarter replaces the first version in the order; the embargoed quarter is not there
    assert view.releases["LFS"] == ("DS_LFS_2024Q1", CORRECTED, "DS_LFS_2024Q3", "DS_LFS_2024Q4")
    assert view.neighbours(CORRECTED, "LFS") == ("DS_LFS_2024Q1", "DS_LFS_2024Q3")
    assert view.newer_versions["DS_LFS_2024Q2"] == (CORRECTED,)
    assert "DS_LFS_2024Q2" in view.datasets  # an earlier version stays public
    assert EMBARGOED not in view.datasets
    later = public_view(loaded.catalogue, datetime(2031, 1, 1, tzinfo=timezone.utc))
    assert later.releases["LFS"][-1] == EMBARGOED  # last once released, to the second


def test_each_mistake_in_a_series_is_told_where_it_is_made(tmp_path):
    folder = quarterly_series(tmp_path / "c")
    replace_in(folder / "datasets" / f"{CORRECTED}.yaml", "previous_version: DS_LFS_2024Q2",
               "previous_version: DS_NOPE")
    replace_in(folder / "datasets" / "DS_LFS_2024Q3.yaml", "- LFS", "- LFS_NOPE")
    replace_in(folder / "series" / "LFS.yaml", "frequency: quarterly", "frequency: every-blue-moon")
    errors = {(Path(p.file).name, p.line, p.path, p.message.split(" (")[0]) for p in load_catalogue(folder).errors}
    assert errors == {
        (f"{CORRECTED}.yaml", line_of(folder / "datasets" / f"{CORRECTED}.yaml", "DS_NOPE"), "previous_version",
         "unknown dataset 'DS_NOPE'"),
        ("DS_LFS_2024Q3.yaml", line_of(folder / "datasets" / "DS_LFS_2024Q3.yaml", "LFS_NOPE"), "series[0]",
         "unknown series 'LFS_NOPE'"),
        ("LFS.yaml", line_of(folder / "series" / "LFS.yaml", "every-blue-moon"), "frequency",
         "unknown frequency 'every-blue-moon'"),
    }


def test_dcat_ap_3_says_the_series_and_versions_and_validates(tmp_path):
    view = public_view(read_catalogue(quarterly_series(tmp_path / "c")), AS_OF)
    graph = dcat_graph(view)
    base = view.info.base_uri.rstrip("/") + "/"
    series = rdflib.URIRef(base + "series/LFS")
    dataset = lambda i: rdflib.URIRef(base + f"dataset/{i}")  # noqa: E731
    assert (series, rdflib.RDF.type, DCAT.DatasetSeries) in graph
    assert graph.value(series, DCAT.first) == dataset("DS_LFS_2024Q1")
    assert graph.value(series, DCAT.last) == dataset("DS_LFS_2024Q4")
    assert set(graph.subjects(DCAT.inSeries, series)) == {dataset(i) for i in [*QUARTERS, CORRECTED]}
    assert graph.value(dataset(CORRECTED), DCAT.prev) == dataset("DS_LFS_2024Q1")
    assert graph.value(dataset(CORRECTED), DCAT.next) == dataset("DS_LFS_2024Q3")
    assert graph.value(dataset(CORRECTED), DCAT.previousVersion) == dataset("DS_LFS_2024Q2")
    assert "Corrects the weights" in str(graph.value(dataset(CORRECTED),
                                                   rdflib.URIRef("http://www.w3.org/ns/adms#versionNotes")))
    assert EMBARGOED not in graph.serialize(format="turtle")
    assert [r for r in shacl_results(graph, STANDARDS) if r.severity == "Violation"] == []


def test_a_new_release_moves_the_last_and_the_previous_releases_next_in_an_incremental_build(cli, tmp_path):
    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    quarterly_series(records)
    build(cli, records, site, AS_OF)
    later = datetime(2031, 1, 1, tzinfo=timezone.utc)  # the embargoed quarter is out
    build(cli, records, site, later)
    build(cli, records, full, later)
    assert_same_tree(site, full)
    text = (site / "catalog.ttl").read_text(encoding="utf-8")
    assert EMBARGOED in text
    graph = rdflib.Graph().parse(site / "catalog.ttl")
    base = read_catalogue(records).info.base_uri.rstrip("/") + "/"
    assert graph.value(rdflib.URIRef(base + "dataset/DS_LFS_2024Q4"), DCAT.next) == \
        rdflib.URIRef(base + f"dataset/{EMBARGOED}")
    assert run(cli, "check", str(records)).exit_code == 0
    flows = sdmx.read_sdmx(site / "sdmx" / "structure-2.1.xml").dataflow  # the series' one dataflow, made again
    assert [a.id for a in flows["DF_LFS"].annotations if a.type == "RELEASE"][-1] == EMBARGOED


def _dataset_file(folder: Path, dataset_id: str) -> Path:
    return folder / "datasets" / f"{dataset_id}.yaml"


def _set(folder: Path, dataset_id: str, **fields: object) -> None:
    path = _dataset_file(folder, dataset_id)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_what_would_break_the_order_is_refused_where_it_is_written(tmp_path):
    folder = quarterly_series(tmp_path / "c")
    _set(folder, "DS_LFS_2024Q1", previous_version=CORRECTED)  # Q2_R → Q2 … and Q1 → Q2_R: not a circle
    _set(folder, "DS_LFS_2024Q2", previous_version="DS_LFS_2024Q1")  # Q2_R → Q2 → Q1 → Q2_R: a circle
    _set(folder, "DS_LFS_2024Q3", series=["LFS", "LFS"])
    errors = {(Path(p.file).name, p.path, p.message.split(":")[0]) for p in load_catalogue(folder).errors}
    assert {(f"{i}.yaml", "previous_version", "its versions go round in a circle (" + chain + ")")
            for i, chain in (("DS_LFS_2024Q1", f"DS_LFS_2024Q1 → {CORRECTED} → DS_LFS_2024Q2 → DS_LFS_2024Q1"),
                             (CORRECTED, f"{CORRECTED} → DS_LFS_2024Q2 → DS_LFS_2024Q1 → {CORRECTED}"),
                             ("DS_LFS_2024Q2", f"DS_LFS_2024Q2 → DS_LFS_2024Q1 → {CORRECTED} → DS_LFS_2024Q2"))} \
        <= errors, errors
    assert ("DS_LFS_2024Q3.yaml", "series[1]", "series 'LFS' is named twice") in errors


def test_a_release_of_another_publishers_series_is_refused(tmp_path):
    folder = quarterly_series(tmp_path / "c")
    (folder / "agencies" / "MIN.yaml").write_text("id: MIN\nname: {en: A ministry, fr: Un ministère}\n",
                                                  encoding="utf-8")
    _set(folder, "DS_LFS_2024Q4", publisher="MIN", contact_point=None)
    messages = [str(p) for p in load_catalogue(folder).errors]
    assert any("series[0]: a release of series 'LFS' is published by its publisher, 'BSO'" in m for m in messages)


def test_a_version_outside_the_series_leaves_the_release_in_it_and_two_series_give_no_prev_next(tmp_path):
    folder = quarterly_series(tmp_path / "c")
    _set(folder, CORRECTED, series=[])  # the correction is in no series: the second quarter keeps its place
    (folder / "series" / "OTHER.yaml").write_text((folder / "series" / "LFS.yaml").read_text(encoding="utf-8")
                                                   .replace("id: LFS", "id: OTHER"), encoding="utf-8")
    _set(folder, "DS_LFS_2024Q3", series=["LFS", "OTHER"])
    _set(folder, "DS_LFS_2024Q4", temporal_coverage=None)  # ordered by its issue date, said
    loaded = load_catalogue(folder)
    assert loaded.ok, [str(p) for p in loaded.errors]
    assert any(w.path == "temporal_coverage" and "DS_LFS_2024Q4" in w.file for w in loaded.warnings)
    view = public_view(loaded.catalogue, AS_OF)
    assert view.releases["LFS"] == ("DS_LFS_2024Q1", "DS_LFS_2024Q2", "DS_LFS_2024Q3", "DS_LFS_2024Q4")
    graph = dcat_graph(view)
    base = view.info.base_uri.rstrip("/") + "/"
    q3 = rdflib.URIRef(base + "dataset/DS_LFS_2024Q3")
    assert len(list(graph.objects(q3, DCAT.inSeries))) == 2
    assert graph.value(q3, DCAT.prev) is None and graph.value(q3, DCAT.next) is None


def test_the_editor_checks_a_new_version_against_the_one_it_replaces(tmp_path):
    from catalogue.editing.service import Editing

    folder = quarterly_series(tmp_path / "c")
    store = stored(folder, tmp_path, "bob")
    editing = Editing(store, lambda: AS_OF, separate_duties=False)
    data = {**editing.open("bob", "dataset", CORRECTED).data, "id": "DS_LFS_2024Q2_R2", "version": "3.4"}
    record, issues = editing.check("dataset", data, "bob")
    assert record is not None and not [i for i in issues if i.is_error], [str(i) for i in issues]
    records = PublicRecords(store, store.shared_records(), AS_OF)  # the live server's view of one dataset
    corrected = records.get(CORRECTED)
    assert records.view([corrected]).datasets[CORRECTED].previous_version == "DS_LFS_2024Q2"


def test_a_circle_of_versions_is_not_kept_as_a_finding_of_one_file(tmp_path):
    """The circle is of several files: a file left as it was, checked again beside others that no longer close
    the circle, is not found in one (the checked files are kept between loads)."""
    closed = quarterly_series(tmp_path / "closed")
    _set(closed, "DS_LFS_2024Q1", previous_version=CORRECTED)
    _set(closed, "DS_LFS_2024Q2", previous_version="DS_LFS_2024Q1")
    assert any("go round in a circle" in str(p) for p in load_catalogue(closed).errors)
    assert load_catalogue(quarterly_series(tmp_path / "open")).ok  # the same CORRECTED file, no circle


def test_every_output_tells_the_series_and_versions_and_validates(tmp_path):
    """schema.org ``isPartOf``, DDI-Codebook ``serStmt`` and ``verStmt/notes`` (valid against its XSD), the Data
    Package's ``version``, and the dataset page: previous and next releases, the version it replaces, and a notice
    on the replaced one that a newer version exists."""
    from .exports import every_export
    from catalogue.conformance.validators import ddi_xsd_errors
    from catalogue.publish.site import SiteBuilder

    folder = quarterly_series(tmp_path / "c")
    view = public_view(read_catalogue(folder), AS_OF)
    texts = every_export(view)
    assert all(EMBARGOED not in text for text in texts.values())
    schema = json.loads(texts["schema.org"])
    corrected = next(d for d in schema["dataset"] if d["@id"].endswith(CORRECTED))
    assert [part["@id"].rsplit("/", 1)[-1] for part in corrected["isPartOf"]] == ["LFS"]
    codebook = texts[f"ddi-2.5/{CORRECTED}"]
    assert '<serStmt URI="' in codebook and 'abbr="LFS"' in codebook
    assert "Corrects the weights" in codebook
    written = tmp_path / "codebook.xml"
    written.write_text(codebook, encoding="utf-8")
    assert ddi_xsd_errors(written, STANDARDS) == []
    assert json.loads(texts[f"datapackage/{CORRECTED}"])["version"] == "3.3"
    site = SiteBuilder(view, folder)
    page = site.pages[0]
    html = site.dataset_page(page, view.datasets[CORRECTED])
    assert 'rel="prev">' in html and "../DS_LFS_2024Q1/index.html" in html and "../DS_LFS_2024Q3/index.html" in html
    assert "../DS_LFS_2024Q2/index.html" in html  # the version it replaces
    replaced = site.dataset_page(page, view.datasets["DS_LFS_2024Q2"])
    assert "A newer version of this dataset exists" in replaced and f"../{CORRECTED}/index.html" in replaced
    last = site.dataset_page(page, view.datasets["DS_LFS_2024Q4"])
    assert 'rel="next"' not in last and EMBARGOED not in last


def test_the_live_server_tells_the_series_on_every_page_of_its_dcat(tmp_path):
    """The server's views are a page of datasets at a time: the order of a series comes from every release (once per
    version of the public view), so a page tells the first, last, previous and next as the build does, and an
    embargoed release comes in at its time."""
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = quarterly_series(tmp_path / "c")
    store = stored(folder, tmp_path)
    moment = [AS_OF]
    base = read_catalogue(folder).info.base_uri.rstrip("/") + "/"
    with TestClient(create_app(store, lambda: moment[0])) as client:
        def graph(path: str) -> rdflib.Graph:
            answer = client.get(path, headers={"Accept": "text/turtle"})
            assert answer.status_code == 200, answer.text
            return rdflib.Graph().parse(data=answer.text, format="turtle")

        page = graph(f"/datasets/{CORRECTED}")
        assert page.value(rdflib.URIRef(base + f"dataset/{CORRECTED}"), DCAT.next) == \
            rdflib.URIRef(base + "dataset/DS_LFS_2024Q3")
        whole = graph("/catalog.ttl")
        assert whole.value(rdflib.URIRef(base + "series/LFS"), DCAT.last) == \
            rdflib.URIRef(base + "dataset/DS_LFS_2024Q4")
        assert EMBARGOED not in whole.serialize(format="turtle")
        moment[0] = datetime(2031, 1, 1, tzinfo=timezone.utc)
        later = graph("/catalog.ttl")
        assert later.value(rdflib.URIRef(base + "series/LFS"), DCAT.last) == \
            rdflib.URIRef(base + f"dataset/{EMBARGOED}")


def test_the_live_servers_dataset_page_names_the_releases_around_it(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = quarterly_series(tmp_path / "c")
    store = stored(folder, tmp_path)
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        page = client.get(f"/datasets/{CORRECTED}/index.html").text
        assert 'rel="prev"' in page and "../DS_LFS_2024Q1/index.html" in page and "../DS_LFS_2024Q3/index.html" in page
        replaced = client.get("/datasets/DS_LFS_2024Q2/index.html").text
        assert "A newer version of this dataset exists" in replaced
        last = client.get("/datasets/DS_LFS_2024Q4/index.html").text
        assert 'rel="next"' not in last and EMBARGOED not in last


def test_dcat_ap_3_series_and_versions_come_back_through_the_importer(cli, tmp_path):
    from .test_import_sdmx import catalogue_folder

    view = public_view(read_catalogue(quarterly_series(tmp_path / "c")), AS_OF)
    exported = tmp_path / "catalog.ttl"
    exported.write_text(dcat_graph(view).serialize(format="turtle"), encoding="utf-8")
    folder = catalogue_folder(tmp_path / "imported", ["en", "fr"], "en")
    result = run(cli, "import", "dcat", str(exported), "--into", str(folder), "--terms", "OPEN", "--agency", "OFFICE")
    assert result.exit_code == 0, result.output
    imported = read_catalogue(folder)
    assert imported.series["LFS"].title == view.series["LFS"].title
    assert imported.series["LFS"].frequency == "quarterly"
    assert {i for i, d in imported.datasets.items() if d.series == ["LFS"]} == {*QUARTERS, CORRECTED}
    corrected = imported.datasets[CORRECTED]
    assert corrected.previous_version == "DS_LFS_2024Q2" and corrected.version == "3.3"
    assert corrected.version_notes == view.datasets[CORRECTED].version_notes
