"""Issue 15, point 3 (DCAT-AP part): `catalogue import dcat` — our own DCAT-AP (Turtle, RDF/XML, JSON-LD) comes
back as the datasets it describes, up to what DCAT cannot carry, into records `check` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogue.formats.uris import Uris
from catalogue.records import load_catalogue

from .conftest import EXAMPLE, run
from .exports import example_view
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)


def shared_records(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    return folder


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_our_own_dcat_comes_back(cli, tmp_path, suffix):
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", "2026-01-01").exit_code == 0
    folder = shared_records(tmp_path)
    result = run(cli, "import", "dcat", str(site / f"catalog.{suffix}"), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s), 0 warning(s)" in result.output, result.output
    loaded = load_catalogue(folder)
    assert loaded.ok
    view = example_view()
    assert set(loaded.catalogue.datasets) == set(view.datasets)
    for dataset_id, dataset in loaded.catalogue.datasets.items():
        source = view.datasets[dataset_id]
        assert dataset.status == "draft"
        # DCAT carries the EU data theme only: two themes of the catalogue with one EU theme come back as the first
        eu = {t.id: t.eu_theme for t in view.info.themes}
        assert {eu[t] for t in dataset.themes} == {eu[t] for t in source.themes}
        for field in ("title", "description", "issued", "frequency", "landing_page", "version", "licence",
                      "contact_point", "publisher", "terms", "temporal_coverage", "spatial_coverage"):
            assert getattr(dataset, field) == getattr(source, field), (dataset_id, field)
        assert dataset.keywords == {k: sorted(v) for k, v in (source.keywords or {}).items()}
        ours = {d.id: d for d in dataset.distributions}
        for distribution in source.distributions:
            mine = ours[distribution.id]
            assert (mine.format, mine.byte_size, mine.checksum, mine.availability) == \
                (distribution.format, distribution.byte_size, distribution.checksum, distribution.availability)
            if distribution.download_url:
                assert mine.download_url == distribution.download_url
        components = {v.id for v in source.variables if v.role in ("dimension", "time_dimension", "attribute")}
        assert {v.id for v in dataset.variables} == components
        assert {v.id: v.label for v in dataset.variables} == {v.id: v.label for v in source.variables
                                                               if v.id in components}


def test_an_unreadable_file_is_one_clear_error(cli, tmp_path):
    folder = shared_records(tmp_path)
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset", encoding="utf-8")
    result = run(cli, "import", "dcat", str(broken), "--into", str(folder))
    assert result.exit_code == 1 and "not readable as turtle" in result.output and "Traceback" not in result.output
    hostile = tmp_path / "hostile.rdf"
    hostile.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
                       encoding="utf-8")
    result = run(cli, "import", "dcat", str(hostile), "--into", str(folder))
    assert result.exit_code == 1 and "declares a DTD or entities: refused" in result.output


def test_our_own_data_json_comes_back(cli, tmp_path):
    """DCAT-US carries one language: the default language's texts, dates, coverage, frequency, licence,
    contact, terms by access level, themes by name and the distributions' URLs come back."""
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", "2026-01-01").exit_code == 0
    folder = shared_records(tmp_path)
    result = run(cli, "import", "dcat", str(site / "data.json"), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    loaded = load_catalogue(folder)
    assert loaded.ok
    view = example_view()
    default = view.info.default_language
    assert set(loaded.catalogue.datasets) == set(view.datasets)
    for dataset_id, dataset in loaded.catalogue.datasets.items():
        source = view.datasets[dataset_id]
        assert dataset.title == {default: source.title[default]}
        assert (dataset.issued, dataset.frequency, dataset.temporal_coverage, dataset.licence, dataset.contact_point,
                dataset.landing_page, dataset.themes) == \
            (source.issued, source.frequency, source.temporal_coverage, source.licence, source.contact_point,
             source.landing_page, source.themes)
        level = loaded.catalogue.terms[dataset.terms].access_level
        assert level == view.terms[source.terms].access_level
        downloads = {d.download_url for d in dataset.distributions if d.download_url}
        local = Uris(view.info).local_file  # a local file is downloaded from the site
        assert downloads == {d.download_url or local(d.path) for d in source.distributions
                             if d.download_url or (d.path and view.is_open_access(source))}


def test_a_paged_endpoint_is_followed_through_hydra_next(db, tmp_path):  # noqa: F811
    """The live server's paged DCAT (two datasets a page) read as a portal would be: every page fetched
    through the same HTTP client code as a URL input (here the test client: no network), then imported."""
    from fastapi.testclient import TestClient

    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.dcat import import_dcat
    from catalogue.importers.fetch import resolve_inputs
    from catalogue.records import read_catalogue
    from catalogue.server import create_app
    from catalogue.store import open_store

    from .test_serve import BUILT_AT, Clock

    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "for the harvest")
    pages_folder = tmp_path / "pages"
    pages_folder.mkdir()
    with TestClient(create_app(store, Clock(BUILT_AT))) as client:
        pages = resolve_inputs(["http://testserver/catalog.ttl?page_size=2"], pages_folder, paged=True, client=client)
    store.engine.dispose()
    assert len(pages) == 3 and all(p.suffix == ".ttl" for p in pages)
    folder = shared_records(tmp_path)
    report = import_dcat(pages, RecordWriter(folder, update=False, dry_run=False), None, None)
    assert report.created["dataset"] == 5
    assert set(load_catalogue(folder).catalogue.datasets) == set(example_view().datasets)


def test_a_looping_next_link_or_a_large_answer_stops_the_fetch(tmp_path):
    import httpx

    from catalogue.importers.apply import ImportTargetError
    from catalogue.importers.fetch import fetch, fetch_pages, resolve_inputs

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        following = 1 if page == 3 else page + 1  # the third page points back at the first
        body = f"<http://x/p{page}> <http://www.w3.org/ns/hydra/core#next> <http://portal/catalog?page={following}> ."
        return httpx.Response(200, text=body, headers={"content-type": "application/n-triples"})

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        pages = fetch_pages("http://portal/catalog?page=1", tmp_path, client)
        assert len(pages) == 3
        with pytest.raises(ImportTargetError, match="larger than 10 bytes"):
            fetch("http://portal/catalog?page=1", tmp_path, "big", client, max_bytes=10)
    with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(404))) as client:
        with pytest.raises(ImportTargetError, match="the server answered 404"):
            fetch("http://portal/missing", tmp_path, "missing", client)
    with pytest.raises(ImportTargetError, match="no such file or folder"):
        resolve_inputs([str(tmp_path / "nothing.ttl")], tmp_path, paged=False)
