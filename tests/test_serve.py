"""Issue 12 (points 3–5, first part): `catalogue serve` on SQLite and PostgreSQL — the site's pages from the
same renderer, paged and negotiated DCAT, the feeds, HTTP caching that never hides a release, clear
errors, and nothing hidden, not even by a status code."""

from __future__ import annotations

import posixpath
import re
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import unquote

import pytest
import rdflib
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from sqlalchemy.exc import OperationalError

import catalogue.publish.paths as paths_module
from catalogue.conformance.validators import shacl_results, standards_dir
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.server.snapshot import Snapshots
from catalogue.store import open_store

from .conftest import EXAMPLE, run
from .strategies import AS_OF, SECRET, catalogues
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

EMBARGOED = "DS_POP_PROJECTIONS"
BUILT_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(BUILT_AT)


@pytest.fixture
def client(db, clock):  # noqa: F811
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "serve")
    with TestClient(create_app(store, clock)) as test_client:
        yield test_client
    store.engine.dispose()


STAMPED = {"sdmx/structure-2.1.xml", "sdmx/structure-3.0.xml", "sdmx/metadata-2.1.xml", "sdmx/metadata-3.0.xml",
           "sdmx/metadata-specific-2.1.xml",
           "sdmx/report-structures-2.1.xml", "sdmx/metadata.json"}
"""The SDMX messages: their header's id and time are the moment each was made from."""


def _unstamped(message: bytes) -> bytes:
    message = re.sub(rb'^\{"meta":\{"schema":"[^"]*","id":"[^"]*","test":false,"prepared":"[^"]*"', b"", message)
    return re.sub(rb"<mes:(ID|Prepared)>[^<]*</mes:(ID|Prepared)>", b"", message)


PAGED = {"catalog.ttl", "catalog.jsonld", "catalog.rdf"}
"""The server pages the catalogue's DCAT (hydra); the static site has it in one file."""


@pytest.mark.parametrize("per_page", [500, 1])
def test_every_page_and_link_is_the_static_sites(client, cli, tmp_path, monkeypatch, per_page):
    """Crawl the served site from its home page: every page and every file a page links to answers, with
    the static site's bytes (the DCAT files excepted: the server pages them); with one dataset a catalogue
    page, every page of the list too."""
    monkeypatch.setattr(paths_module, "DATASETS_PER_PAGE", per_page)
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", BUILT_AT.isoformat()).exit_code == 0
    static = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    seen, queue = set(), ["index.html"]
    while queue:
        relative = queue.pop()
        if relative in seen:
            continue
        seen.add(relative)
        response = client.get(f"/{relative}")
        assert response.status_code == 200, relative
        if relative in STAMPED:  # a build stamps its as-of, the server the latest public change (test_hostile_review)
            assert _unstamped(response.content) == _unstamped((site / relative).read_bytes()), relative
        elif relative not in PAGED:
            assert response.content == (site / relative).read_bytes(), relative
        if relative.endswith(".html"):
            for href in re.findall(r'href="([^"#:]+)"', response.text):
                queue.append(posixpath.normpath(posixpath.join(posixpath.dirname(relative), unquote(href))))
        if relative.endswith("datapackage.json"):
            queue += [posixpath.join(posixpath.dirname(relative), r["path"]) for r in response.json()["resources"]
                      if isinstance(r.get("path"), str) and "://" not in r["path"]]
    parts = {p for p in static if "filter/" in p}  # the filter's index: read by the page's script, not linked
    for relative in sorted(parts):
        assert client.get(f"/{relative}").content == (site / relative).read_bytes(), relative
    assert parts and seen == static - parts - {"sitemap.xml", ".catalogue-output", ".catalogue-build.json"}
    assert client.get("/sitemap.xml").content == (site / "sitemap.xml").read_bytes()
    front = client.get("/")  # the live server's front page is its search page
    assert front.status_code == 200 and 'role="search"' in front.text
    assert set(re.findall(r'href="datasets/([^/]+)/index.html"', front.text)) == {
        p.split("/")[1] for p in static if p.startswith("datasets/") and p.endswith("/index.html")}


def test_the_catalogue_page_passes_the_dcat_ap_shapes(client):
    response = client.get("/catalog", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    violations = [r for r in shacl_results(graph, standards_dir()) if r.severity == "Violation"]
    assert violations == []


@pytest.mark.parametrize("accept, expected", [
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml;q=0.9, text/turtle;q=0.2",
                                                      "application/rdf+xml"),
    ("application/n-triples", "application/n-triples"), ("*/*", "text/turtle"), (None, "text/turtle")])
def test_dcat_is_negotiated(client, accept, expected):
    response = client.get("/catalog", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]


def test_suffixes_and_a_406_with_the_list(client):
    assert client.get("/catalog.jsonld").headers["content-type"].startswith("application/ld+json")
    assert client.get("/datasets/DS_HH_SIZE_REGION.rdf").headers["content-type"].startswith("application/rdf+xml")
    response = client.get("/catalog", headers={"Accept": "text/html"})
    assert response.status_code == 406 and "text/turtle" in response.json()["available"]


def harvest(client, url: str) -> list[str]:
    """Follow hydra:next from page to page; the dataset IRIs in the order met."""
    seen = []
    while url:
        graph = rdflib.Graph().parse(data=client.get(url).text, format="turtle")
        seen += sorted(str(o) for o in graph.objects(None, DCAT.dataset))
        following = list(graph.objects(None, HYDRA.next))
        url = str(following[0]).replace("http://testserver", "") if following else ""
    return seen


def test_paging_collects_every_public_dataset_once(client):
    everything = harvest(client, "/catalog?page_size=1000")
    assert len(everything) == 10
    assert harvest(client, "/catalog?page_size=2") == everything
    graph = rdflib.Graph().parse(data=client.get("/catalog?page_size=2").text, format="turtle")
    assert int(next(graph.objects(None, HYDRA.totalItems))) == 10
    assert list(graph.objects(None, HYDRA.first))


def test_modified_since_keeps_later_datasets(client):
    recent = harvest(client, "/catalog?modified_since=2024-01-01")
    assert 0 < len(recent) < 10


@pytest.mark.parametrize("query, parameter", [("page_size=0", "page_size"), ("page_size=1001", "page_size"),
                                              ("page_size=x", "page_size"), ("cursor=%%%", "cursor"),
                                              ("cursor=bm90IGpzb24", "cursor"), ("modified_since=yesterday",
                                                                                 "modified_since")])
def test_bad_parameters_are_400_naming_them(client, query, parameter):
    response = client.get(f"/catalog?{query}")
    assert response.status_code == 400 and response.json()["parameter"] == parameter


def test_hidden_answers_like_unknown(client):
    """A draft or an embargoed dataset answers exactly like one that does not exist: the same JSON for a
    document, the same page (in the address's language) for a page."""
    for path in (f"/datasets/{EMBARGOED}", "/datasets/DS_CENSUS_COMMUTING", f"/datasets/{EMBARGOED}/index.html",
                 f"/fr/datasets/{EMBARGOED}/index.html", f"/datasets/{EMBARGOED}/datapackage.json"):
        unknown = client.get(path.replace(EMBARGOED, "DS_NO_SUCH_THING").replace("DS_CENSUS_COMMUTING",
                                                                                 "DS_NO_SUCH_THING"))
        response = client.get(path)
        assert response.status_code == 404
        assert (response.status_code, response.content) == (unknown.status_code, unknown.content), path
        assert dict(response.headers) == dict(unknown.headers) | {"content-length": response.headers["content-length"]}


def test_an_embargo_lifts_to_the_second(client, clock):
    release = read_catalogue(EXAMPLE).datasets[EMBARGOED].release_time
    clock.moment = release - timedelta(seconds=1)
    before = client.get("/catalog")
    assert client.get(f"/datasets/{EMBARGOED}").status_code == 404 and EMBARGOED not in before.text
    max_age = int(before.headers["cache-control"].split("max-age=")[1])
    assert max_age <= 1  # a cache must not hide the release
    clock.moment = release
    assert client.get(f"/datasets/{EMBARGOED}").status_code == 200
    assert EMBARGOED in client.get("/catalog").text


def test_etag_last_modified_and_304(client):
    first = client.get("/data.json")
    assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
    again = client.get("/data.json", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get("/data.json", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    earlier = format_datetime(datetime(2000, 1, 1, tzinfo=timezone.utc), usegmt=True)
    assert client.get("/data.json", headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.head("/data.json").status_code == 200


def test_feeds_files_and_gzip(client):
    assert client.get("/data.json").json()["dataset"]
    assert client.get("/schema-org.jsonld").json()["@type"] == "DataCatalog"
    package = client.get("/datasets/DS_HH_SIZE_REGION/datapackage.json").json()
    assert package["name"] == "ds_hh_size_region"
    data = client.get("/data/households_size_region_2021.csv")
    assert data.status_code == 200 and data.content == (EXAMPLE / "data" / "households_size_region_2021.csv").read_bytes()
    assert client.get("/data/nothing.csv").status_code == 404
    compressed = client.get("/data.json", headers={"Accept-Encoding": "gzip"})
    assert compressed.headers.get("content-encoding") == "gzip"
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/docs").status_code == 200


def test_an_unreachable_store_is_503_with_retry_after(client, monkeypatch):
    def down(self):
        raise OperationalError("select 1", {}, Exception("connection refused"))

    monkeypatch.setattr(Snapshots, "fingerprint", down)
    for path in ("/health", "/catalog", "/data.json", "/"):
        response = client.get(path)
        assert response.status_code == 503 and response.headers["retry-after"], path


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_nothing_hidden_reaches_any_response(tmp_path_factory, catalogue):
    """The wave-one leak test over HTTP: drafts, embargoes on both sides of the request time and
    confidential variables never appear in a body or a header, on any route."""
    root = tmp_path_factory.mktemp("leak")
    store = open_store(f"sqlite:///{root / 'c.db'}")
    store.load(catalogue, root, "ana", "leak test")
    with TestClient(create_app(store, Clock(AS_OF))) as client:
        paths = ["/", "/index.html", "/catalog", "/catalog.jsonld", "/catalog.rdf", "/catalog.nt", "/data.json",
                 "/schema-org.jsonld", "/catalog?page_size=1", "/sdmx/structure-2.1.xml", "/sdmx/structure-3.0.xml",
                 "/sitemap.xml"]
        for dataset_id in catalogue.datasets:
            paths += [f"/datasets/{dataset_id}", f"/datasets/{dataset_id}.ttl", f"/datasets/{dataset_id}/index.html",
                      f"/datasets/{dataset_id}/datapackage.json", f"/datapackages/{dataset_id}/datapackage.json",
                      f"/ddi/{dataset_id}.xml", f"/citations/{dataset_id}.bib", f"/citations/{dataset_id}.ris",
                      f"/citations/{dataset_id}.json", f"/datacite/{dataset_id}.xml"]
        unknown = {p: client.get(p.replace("{}", "NO_SUCH_DATASET")) for p in
                   ("/datasets/{}", "/datasets/{}/index.html", "/datasets/{}/datapackage.json", "/ddi/{}.xml",
                    "/citations/{}.bib", "/citations/{}.ris", "/citations/{}.json", "/datacite/{}.xml")}
        paths += [f"/{language}/{name}" for language in catalogue.info.languages
                  for name in ("index.html", "index-2.html", "search-index.json")]
        paths += ["/search-index.json", "/index-2.html", "/api/search?limit=100", "/search", "/search.atom",
                  "/api/search?sort=modified", *(f"/{language}/search" for language in catalogue.info.languages[1:])]
        secret_search = client.get("/api/search", params={"q": SECRET}).json()  # the words hold nothing hidden
        assert secret_search["total"] == 0 and all(v["count"] == 0 for f in secret_search["facets"]
                                                   for v in f["values"])
        paths += [f"/{prefix}releases.{extension}" for extension in ("html", "ics", "atom")
                  for prefix in ["", *(f"{language}/" for language in catalogue.info.languages[1:])]]
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            assert SECRET not in response.text, path
            assert SECRET not in str(dict(response.headers)), path
            if SECRET in path:
                assert response.status_code == 404
                name = path.split("/")[2]
                name = name.rpartition(".")[0] if path.startswith(("/ddi/", "/citations/", "/datacite/")) else name
                shape = next((p for p in unknown if path == p.replace("{}", name)), None)
                if shape is not None:  # exactly the answer of an id that never existed
                    assert response.content == unknown[shape].content
                    assert dict(response.headers) == dict(unknown[shape].headers)
    store.engine.dispose()


def test_a_new_revision_is_served_at_once(db, clock):  # noqa: F811
    """Rendered answers are kept per worker, but a revision added by anyone (another worker, `load`)
    changes every answer at the next request."""
    store = open_store(db)
    catalogue = read_catalogue(EXAMPLE)
    store.load(catalogue, EXAMPLE, "ana", "first")
    with TestClient(create_app(store, clock)) as client:
        before = [client.get(path) for path in ("/datasets/DS_HH_SIZE_REGION/index.html", "/catalog.ttl")]
        assert all("Renamed table" not in response.text for response in before)
        dataset = catalogue.datasets["DS_HH_SIZE_REGION"]
        renamed = dataset.model_copy(update={"title": {**dataset.title, "en": "Renamed table"}})
        store.load(catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset.id: renamed}}),
                   EXAMPLE, "ben", "rename")
        after = [client.get(path) for path in ("/datasets/DS_HH_SIZE_REGION/index.html", "/catalog.ttl")]
        assert all("Renamed table" in response.text for response in after)
        assert [a.headers["etag"] != b.headers["etag"] for a, b in zip(after, before)] == [True, True]
    store.engine.dispose()


def test_catalogue_serve_of_the_example_answers_curl(tmp_path):
    """The README's command, as a user runs it: `catalogue serve examples/census` (two workers), then
    `curl -H 'Accept: text/turtle' …/catalog` gives a page that passes the DCAT-AP shapes."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "catalogue", "serve", str(EXAMPLE), "--port", str(port),
                                "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.communicate()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        response = httpx.get(f"http://127.0.0.1:{port}/catalog", headers={"Accept": "text/turtle"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        assert len(set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))) == 10
        assert [r for r in shacl_results(graph, standards_dir()) if r.severity == "Violation"] == []
        assert httpx.get(f"http://127.0.0.1:{port}/").text.startswith("<!DOCTYPE html>")
        paged = httpx.get(f"http://127.0.0.1:{port}/catalog.ttl?page_size=2", headers={"Host": "evil.example"})
        assert paged.status_code == 200, paged.text
        following = list(rdflib.Graph().parse(data=paged.text, format="turtle").objects(None, HYDRA.next))
        assert str(following[0]).startswith(f"http://127.0.0.1:{port}/catalog.ttl?")  # where it listens, not Host
    finally:
        process.terminate()
        process.wait(30)


def test_the_openapi_description_has_one_id_per_operation(client):
    """GET and HEAD answer every path, and /docs describes each GET once (no duplicate operation ids)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        description = client.get("/openapi.json").json()
    ids = [operation["operationId"] for path in description["paths"].values() for operation in path.values()]
    assert len(ids) == len(set(ids)) and "/catalog" in description["paths"]
    assert client.head("/catalog").status_code == 200
