"""Issue 15, point 3 (DCAT-AP part): `catalogue import dcat` — our own DCAT-AP (Turtle, RDF/XML, JSON-LD) comes
back as the datasets it describes, up to what DCAT cannot carry, into records `check` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from catalogue.formats.uris import Uris
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, replace_in, run
from .exports import example_view
from .strategies import catalogues
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)


def shared_records(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    return folder


def test_a_theme_named_in_the_default_language_is_taken_before_one_of_that_name_in_another(cli, census, tmp_path):
    """data.json names themes in the default language: another theme bearing that name in another language (here
    POPULATION, listed first, is 'Regional statistics' in French) is not taken for it."""
    replace_in(census / "catalogue.yaml", "fr: Population et recensement", "fr: Regional statistics")
    site = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(site), "--quiet", "--as-of", "2026-01-01").exit_code == 0
    folder = tmp_path / "catalogue"
    shutil.copytree(census, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    result = run(cli, "import", "dcat", str(site / "data.json"), "--into", str(folder))
    assert result.exit_code == 0, result.output
    imported, source = load_catalogue(folder).catalogue, load_catalogue(census).catalogue
    assert imported is not None and source is not None
    regional = [i for i, dataset in imported.datasets.items() if "REGIONS" in source.datasets[i].themes]
    assert regional and all(imported.datasets[i].themes == source.datasets[i].themes for i in regional)


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


@pytest.mark.parametrize("context", ['"https://contexts.example.org/dcat.jsonld"',
                                     '["https://contexts.example.org/a.jsonld", {"dcat": "http://www.w3.org/ns/dcat#"}]',
                                     '{"@import": "https://contexts.example.org/b.jsonld"}'])
def test_a_json_ld_context_to_fetch_is_refused_and_nothing_fetched(cli, tmp_path, monkeypatch, context):
    """rdflib fetches a JSON-LD document's remote context (RDFLib/rdflib#1844): such a document is refused first."""
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the network was asked for")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    folder = shared_records(tmp_path)
    document = tmp_path / "portal.jsonld"
    document.write_text('{"@context": %s, "@id": "http://x/d", "@type": "dcat:Dataset"}' % context, encoding="utf-8")
    result = run(cli, "import", "dcat", str(document), "--into", str(folder))
    assert result.exit_code == 1 and "would have to be fetched, which is never done" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_data_json_url_is_fetched_without_paging(tmp_path):
    """A DCAT-US catalogue given by URL is fetched once (it has no hydra:next), and read as DCAT-US."""
    import httpx

    from catalogue.importers.dcat_us import is_data_json
    from catalogue.importers.fetch import resolve_inputs

    body = '{"@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema", ' \
           '"@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "dataset": []}'
    requests = []

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(str(request.url))
        return httpx.Response(200, text=body, headers={"content-type": "application/json"})

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        [page] = resolve_inputs(["https://data.example.gov/data.json"], tmp_path, paged=True, client=client)
    assert requests == ["https://data.example.gov/data.json"] and is_data_json(page)


SUFFIXES = {"turtle": "ttl", "xml": "rdf", "jsonld": "jsonld"}
SPECIMENS = Path(__file__).parent / "specimens" / "dcat"


def test_a_data_europa_eu_record_starts_a_catalogue(cli, tmp_path):
    """A dataset as data.europa.eu's hub serves it (RDF/XML, three languages) into a new catalogue: its texts in
    every language, EU vocabularies back to ours, terms made for its access right, and `check` accepts it."""
    folder = tmp_path / "eurostat"
    result = run(cli, "import", "dcat", str(SPECIMENS / "data-europa-eu.rdf"), "--into", str(folder),
                 "--language", "en", "--language", "de", "--language", "fr", "--agency", "ESTAT",
                 "--base-uri", "https://data.example.eu/", "--title", "Eurostat tables")
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    catalogue = read_catalogue(folder)
    dataset = catalogue.datasets["DEMO_PJAN"]
    assert set(dataset.title) == set(dataset.description) == {"en", "de", "fr"}
    assert dataset.keywords == {"en": ["age", "population"], "de": ["Bevölkerung"], "fr": ["population"]}
    assert (dataset.identifier, dataset.publisher, dataset.licence, dataset.frequency, dataset.version) == \
        ("demo_pjan", "ESTAT", "CC-BY-4.0", "annual", "2024.1")
    assert (str(dataset.issued), str(dataset.modified)) == ("2023-03-16", "2024-03-14")
    assert (str(dataset.temporal_coverage.start), str(dataset.temporal_coverage.end)) == ("1960-01-01", "2023-12-31")
    assert dataset.spatial_coverage[0].uri == "http://publications.europa.eu/resource/authority/continent/EUROPE"
    assert {d.id: d.format for d in dataset.distributions} == {"DEMO_PJAN-TSV": "TSV", "DEMO_PJAN-SDMX": "SDMX"}
    terms = catalogue.terms[dataset.terms]
    assert (terms.access_level, terms.access_type) == ("public", "open")
    assert "terms/T_PUBLIC.yaml: made for the public datasets" in result.output
    # a new catalogue takes the EU data theme as a theme of its own, named in its languages (was: reported)
    assert dataset.themes == ["SOCI"] and catalogue.info.themes[0].eu_theme == "SOCI"
    assert set(catalogue.info.themes[0].name) == {"en", "de", "fr"}


def test_a_ckan_catalogue_page_imports(cli, tmp_path):
    """A page of a CKAN portal's catalog.ttl (ckanext-dcat): literal formats and media types, the checksum and
    size, a WKT geometry as the bounding box; a publisher and contacts the catalogue does not know are reported."""
    folder = shared_records(tmp_path)
    result = run(cli, "import", "dcat", str(SPECIMENS / "ckan-catalog.ttl"), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    catalogue = read_catalogue(folder)
    lfs = catalogue.datasets["3F6C2A1E-0B5D-4C7E-9A51-6A1F0C2D9E10"]
    assert lfs.identifier == "3f6c2a1e-0b5d-4c7e-9a51-6a1f0c2d9e10" and set(lfs.title) == {"en", "fr"}
    assert (lfs.publisher, lfs.terms, lfs.licence, lfs.frequency) == ("BSO", "OPEN", "CC-BY-4.0", "quarterly")
    assert lfs.themes == ["LABOUR"]  # the catalogue's first theme with the EU theme ECON
    assert lfs.spatial_coverage[0].bbox == "POLYGON((-25 34, 45 34, 45 72, -25 72, -25 34))"
    csv = lfs.distributions[0]
    assert (csv.format, csv.byte_size, csv.checksum.algorithm) == ("CSV", 18243, "sha1")
    output = " ".join(result.output.split())
    assert "a publisher the catalogue does not know" in output
    assert "contact point Labour statistics team, lfs@nso.example.org: not a contact" in output
    assert "format API: not in mappings/file_formats.yaml" in output
    assert set(catalogue.datasets) >= {"B0E1D7C4-3A2F-4E88-8D07-5C9B61A4F233"}


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
    from catalogue.records.loader import read_catalogue
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
    assert len(pages) == 5 and all(p.suffix == ".ttl" for p in pages)  # ten public datasets, two a page
    folder = shared_records(tmp_path)
    report = import_dcat(pages, RecordWriter(folder, update=False, dry_run=False), None, None)
    assert report.created["dataset"] == 10
    imported = load_catalogue(folder).catalogue
    assert set(imported.datasets) == set(example_view().datasets)
    assert {i for i, d in imported.datasets.items() if d.series == ["LFS"]} == \
        {i for i, d in example_view().datasets.items() if d.series == ["LFS"]}


def test_a_looping_next_link_or_a_large_answer_stops_the_fetch(tmp_path):
    import httpx

    from catalogue.errors import ImportTargetError
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


@settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), rdf_format=st.sampled_from(["turtle", "xml", "jsonld"]))
def test_generated_catalogues_come_back_through_dcat(tmp_path_factory, catalogue, rdf_format):
    """Round trip (issue 15, point 7): a generated catalogue's public view as DCAT-AP, imported into a folder with
    the same shared records, gives back each public dataset up to what DCAT cannot carry (variables other than
    StatDCAT-AP's dimensions and attributes, studies, releases)."""
    from catalogue.formats.dcat import export_dcat
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.dcat import import_dcat
    from catalogue.policy.view import public_view
    from catalogue.records.writer import write_catalogue

    from .strategies import AS_OF

    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("dcat-round-trip")
    exported = root / f"catalog.{SUFFIXES[rdf_format]}"
    with exported.open("w", encoding="utf-8") as stream:
        export_dcat(view, stream, rdf_format)
    folder = root / "catalogue"
    write_catalogue(catalogue.model_copy(update={"datasets": {}, "releases": {}, "metadata_reports": {}}), folder)
    report = import_dcat([exported], RecordWriter(folder, update=False, dry_run=False), terms=None, agency=None)
    imported = read_catalogue(folder)
    assert set(imported.datasets) == set(view.datasets), report.unmapped
    names_of_places = {str(place.name) for dataset in view.datasets.values() for place in dataset.spatial_coverage}
    for dataset_id, source in view.datasets.items():
        mine = imported.datasets[dataset_id]
        for field in ("title", "description", "issued", "modified", "frequency", "version", "licence", "contact_point",
                      "publisher", "terms", "temporal_coverage", "themes"):
            assert getattr(mine, field) == getattr(source, field), (dataset_id, field)
        # a place is its IRI: one IRI named differently by two datasets has, in RDF, every one of those names
        assert [p.uri for p in mine.spatial_coverage] == [p.uri for p in source.spatial_coverage]
        if len(names_of_places) == 1:
            assert mine.spatial_coverage == source.spatial_coverage
        assert mine.keywords == {k: sorted(set(v)) for k, v in (source.keywords or {}).items()}  # RDF has no duplicates
        assert {(d.id, d.format, d.byte_size, d.access_url, d.download_url) for d in mine.distributions} == \
            {(d.id, d.format, d.byte_size, d.access_url, d.download_url) for d in source.distributions}
        components = [v for v in source.variables if v.role in ("dimension", "time_dimension", "attribute")]
        assert {v.id: v.label for v in mine.variables} == {v.id: v.label for v in components}


@settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues())
def test_generated_catalogues_come_back_through_data_json(tmp_path_factory, catalogue):
    """Round trip through DCAT-US 1.1: each public dataset's default-language texts, dates, coverage, frequency,
    licence, contact, themes and terms (by access level) come back; other languages are what it cannot carry."""
    import json

    from catalogue.formats.dcat_us import dcat_us_catalogue
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.dcat import import_dcat
    from catalogue.policy.view import public_view
    from catalogue.records.writer import write_catalogue

    from .strategies import AS_OF

    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("data-json-round-trip")
    exported = root / "data.json"
    exported.write_text(json.dumps(dcat_us_catalogue(view), ensure_ascii=False), encoding="utf-8")
    folder = root / "catalogue"
    write_catalogue(catalogue.model_copy(update={"datasets": {}, "releases": {}, "metadata_reports": {}}), folder)
    report = import_dcat([exported], RecordWriter(folder, update=False, dry_run=False), terms=None, agency=None)
    imported = read_catalogue(folder)
    assert set(imported.datasets) == set(view.datasets), report.unmapped
    default = view.info.default_language
    for dataset_id, source in view.datasets.items():
        mine = imported.datasets[dataset_id]
        assert (mine.title, mine.description) == ({default: source.title[default]},
                                                  {default: source.description[default]})
        assert (mine.issued, mine.frequency, mine.temporal_coverage, mine.licence, mine.contact_point,
                mine.publisher, mine.themes) == \
            (source.issued, source.frequency, source.temporal_coverage, source.licence, source.contact_point,
             source.publisher, source.themes)
        assert imported.terms[mine.terms].access_level == view.terms[source.terms].access_level
        assert {d.download_url for d in mine.distributions if d.download_url} == \
            {d.download_url for d in source.distributions if d.download_url}
