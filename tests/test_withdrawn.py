"""Issue 33, point 2: a withdrawn release stays public, says so on its page and its series' page, points at the
version that replaces it, is never its series' first, last, previous or next, and leaves the DCAT-AP feed as
StatDCAT-AP 3 says a withdrawn dataset should (``adms:status`` withdrawn, ``dct:isReplacedBy``)."""

from __future__ import annotations

from pathlib import Path

import rdflib

from catalogue.conformance.validators import shacl_results
from catalogue.policy.view import public_view
from catalogue.publish.site import SiteBuilder
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import STANDARDS
from .exports import dcat_graph
from .test_series import AS_OF, CORRECTED, _set, quarterly_series, stored
from .test_series_pages import rows

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
ADMS_STATUS = rdflib.URIRef("http://www.w3.org/ns/adms#status")
WITHDRAWN = rdflib.URIRef("http://publications.europa.eu/resource/authority/dataset-status/WITHDRAWN")
REASON = {"en": "An error in the weighting of the third quarter.", "fr": "Une erreur de pondération du troisième trimestre."}


def withdrawn_quarters(folder: Path) -> Path:
    """The quarterly series with its third quarter withdrawn (nothing replaces it) and its second quarter withdrawn
    too (the corrected second quarter replaces it)."""
    quarterly_series(folder)
    _set(folder, "DS_LFS_2024Q3", withdrawn={"date": "2024-12-01", "reason": REASON})
    _set(folder, "DS_LFS_2024Q2", withdrawn={"date": "2024-09-02", "reason": REASON})
    return folder


def test_a_withdrawn_release_stays_public_out_of_the_order_and_the_feed_marks_it(tmp_path):
    loaded = load_catalogue(withdrawn_quarters(tmp_path / "c"))
    assert loaded.ok, [str(p) for p in loaded.errors]
    view = public_view(loaded.catalogue, AS_OF)
    assert view.releases["LFS"] == ("DS_LFS_2024Q1", CORRECTED, "DS_LFS_2024Q4")
    assert view.withdrawn_releases["LFS"] == ("DS_LFS_2024Q3",)  # Q2 is replaced: its correction stands for it
    assert {"DS_LFS_2024Q2", "DS_LFS_2024Q3"} <= set(view.datasets)
    graph = dcat_graph(view)
    base = view.info.base_uri.rstrip("/") + "/"
    dataset = lambda i: rdflib.URIRef(base + f"dataset/{i}")  # noqa: E731
    assert graph.value(dataset("DS_LFS_2024Q3"), ADMS_STATUS) == WITHDRAWN
    assert graph.value(dataset("DS_LFS_2024Q2"), rdflib.URIRef("http://purl.org/dc/terms/isReplacedBy")) == \
        dataset(CORRECTED)
    assert graph.value(dataset("DS_LFS_2024Q3"), DCAT.prev) is None and graph.value(dataset("DS_LFS_2024Q3"),
                                                                                    DCAT.next) is None
    assert graph.value(dataset(CORRECTED), DCAT.next) == dataset("DS_LFS_2024Q4")
    assert graph.value(dataset("DS_LFS_2024Q4"), DCAT.prev) == dataset(CORRECTED)
    assert (dataset("DS_LFS_2024Q3"), DCAT.inSeries, rdflib.URIRef(base + "series/LFS")) in graph
    assert [r for r in shacl_results(graph, STANDARDS) if r.severity == "Violation"] == []


def test_its_page_and_its_series_page_say_it_was_withdrawn_and_point_at_its_replacement(tmp_path):
    folder = withdrawn_quarters(tmp_path / "c")
    view = public_view(read_catalogue(folder), AS_OF)
    site = SiteBuilder(view, folder)
    english = next(page for page in site.pages if page.language == "en")
    page = site.dataset_page(english, view.datasets["DS_LFS_2024Q2"])
    assert "This release was withdrawn on 2024-09-02." in page and REASON["en"] in page
    assert f"../{CORRECTED}/index.html" in page
    series_page = site.series_page(english, view.series["LFS"])
    assert rows(series_page) == ["DS_LFS_2024Q4", CORRECTED, "DS_LFS_2024Q1"]
    withdrawn = series_page.split('id="withdrawn-heading"', 1)[1]
    assert "../../datasets/DS_LFS_2024Q3/index.html" in withdrawn and "withdrawn on 2024-12-01" in withdrawn


def test_the_live_server_says_it_as_the_build_does(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = withdrawn_quarters(tmp_path / "c")
    store = stored(folder, tmp_path)
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        series_page = client.get("/series/LFS/index.html").text
        assert rows(series_page) == ["DS_LFS_2024Q4", CORRECTED, "DS_LFS_2024Q1"]
        assert "datasets/DS_LFS_2024Q3/index.html" in series_page.split('id="withdrawn-heading"', 1)[1]
        page = client.get("/datasets/DS_LFS_2024Q3/index.html").text
        assert "This release was withdrawn on 2024-12-01." in page and 'rel="next"' not in page
        graph = rdflib.Graph().parse(data=client.get("/datasets/DS_LFS_2024Q3",
                                                     headers={"Accept": "text/turtle"}).text, format="turtle")
        assert WITHDRAWN in set(graph.objects(None, ADMS_STATUS))


def test_the_editor_form_holds_the_withdrawal_and_reads_it_back(tmp_path):
    from catalogue.editing.fields import form_fields
    from catalogue.editing.formdata import decode
    from catalogue.model import Dataset
    from catalogue.store.store import record_context

    from .test_editor_forms import record_form
    from .test_trust import browser

    folder = withdrawn_quarters(tmp_path / "c")
    store = stored(folder, tmp_path, "bob")
    client, _ = browser(store, lambda: AS_OF, "bob")
    page = client.get("/editor/dataset/DS_LFS_2024Q3")
    assert page.status_code == 200 and REASON["fr"] in page.text
    values, _ = record_form(page.text)
    data = {**decode(form_fields("dataset"), values), "status": "published"}
    shared = store.catalogue()
    record = Dataset.model_validate(data, context=record_context(shared.info))
    assert record.withdrawn == shared.datasets["DS_LFS_2024Q3"].withdrawn


def test_a_withdrawn_correction_leaves_the_release_it_corrects_in_its_place(tmp_path):
    """From the hostile review: a version that is withdrawn takes no one's place in the order."""
    folder = quarterly_series(tmp_path / "c")
    _set(folder, CORRECTED, withdrawn={"date": "2024-10-01", "reason": REASON})
    view = public_view(read_catalogue(folder), AS_OF)
    assert view.releases["LFS"] == ("DS_LFS_2024Q1", "DS_LFS_2024Q2", "DS_LFS_2024Q3", "DS_LFS_2024Q4")
    assert view.withdrawn_releases["LFS"] == (CORRECTED,)


def test_every_release_withdrawn_still_gives_the_collection_its_releases_name_in_data_json(tmp_path):
    from catalogue.formats.dcat_us import dcat_us_catalogue

    folder = quarterly_series(tmp_path / "c")
    for dataset_id in ("DS_LFS_2024Q1", "DS_LFS_2024Q2", CORRECTED, "DS_LFS_2024Q3", "DS_LFS_2024Q4"):
        _set(folder, dataset_id, withdrawn={"date": "2025-01-01", "reason": REASON})
    entries = dcat_us_catalogue(public_view(read_catalogue(folder), AS_OF))["dataset"]
    assert {e["isPartOf"] for e in entries if "isPartOf" in e} <= {e["identifier"] for e in entries}
    assert any(e["identifier"].endswith("/series/LFS") for e in entries)


def test_the_live_server_finds_the_replacement_of_a_withdrawn_dataset_in_no_series(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = quarterly_series(tmp_path / "c")
    _set(folder, "DS_LFS_2024Q2", series=[], withdrawn={"date": "2024-09-02", "reason": REASON})
    _set(folder, CORRECTED, series=[])
    store = stored(folder, tmp_path)
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        graph = rdflib.Graph().parse(data=client.get("/datasets/DS_LFS_2024Q2",
                                                     headers={"Accept": "text/turtle"}).text, format="turtle")
        assert rdflib.URIRef(read_catalogue(folder).info.base_uri.rstrip("/") + f"/dataset/{CORRECTED}") in \
            set(graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/isReplacedBy")))
        assert f"../{CORRECTED}/index.html" in client.get("/datasets/DS_LFS_2024Q2/index.html").text


def test_the_catalogues_list_points_a_replaced_or_withdrawn_release_at_what_to_read_first(tmp_path):
    """Point 2: the newest released version is what the pages show first; an earlier one says a newer exists."""
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = withdrawn_quarters(tmp_path / "c")
    view = public_view(read_catalogue(folder), AS_OF)
    site = SiteBuilder(view, folder)
    english = next(page for page in site.pages if page.language == "en")
    built = site.catalogue_page(english)
    store = stored(folder, tmp_path)
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        served = client.get("/index.html" if view.info.default_language == "en" else "/en/index.html").text
    for html in (built, served):
        entry = html.split('href="datasets/DS_LFS_2024Q2/index.html"', 1)[1].split("</li>", 1)[0]
        assert f'href="datasets/{CORRECTED}/index.html"' in entry and "withdrawn on 2024-09-02" in entry
        untouched = html.split('href="datasets/DS_LFS_2024Q1/index.html"', 1)[1].split("</li>", 1)[0]
        assert "newer version" not in untouched and "withdrawn" not in untouched
