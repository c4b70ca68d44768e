"""Search on the live server (issue 35, point 1): the index kept on write, folding (case, accents, Arabic letter
variants), facets whose counts are a brute-force count's, filters that combine, orders and keyset pages, the
release condition to the second, nothing hidden in results, counts or words; the API, the page, the feed and the
OpenSearch description; bad parameters refused with their name, never a 500."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from catalogue.model import Dataset
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.search.folding import fold
from catalogue.search.counts import kept_counts, released
from catalogue.search.query import FACET_VALUES, count_facets, parse_search, run_search
from catalogue.server import create_app
from catalogue.store import open_store

from .conftest import EXAMPLE
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import SECRET, catalogues
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
EMBARGOED = "DS_POP_PROJECTIONS"


def search(store, as_of: datetime = NOW, lang: str = "en", **parameters) -> object:
    """A search in the store as the server runs it (``lang``: the searcher's language)."""
    query = parse_search({k: v if isinstance(v, list) else [v] for k, v in parameters.items()}, lang)
    with store.engine.connect() as connection:
        return run_search(connection, query, as_of)


def every_page(store, as_of: datetime = NOW, **parameters) -> list[str]:
    """Every result of a search, page after page (two at a time)."""
    found, after = [], None
    for _ in range(100):  # a cursor that does not move on would loop for ever
        extra = {"after": after} if after else {}
        result = search(store, as_of, limit="2", **parameters, **extra)
        found += [hit.dataset_id for hit in result.hits]
        if result.next is None:
            return found
        after = result.next
    raise AssertionError(f"the pages do not end: {found[:20]}")


def loaded(url: str, catalogue=None):
    store = open_store(url)
    store.load(catalogue or read_catalogue(EXAMPLE), EXAMPLE, "ana", "search")
    return store


def multilingual(catalogue):
    """The example with Spanish and Arabic titles on two datasets (the catalogue in four languages)."""
    info = catalogue.info.model_copy(update={"languages": ["en", "fr", "es", "ar"]})
    population = catalogue.datasets["DS_POP_AGE_SEX_REGION"]
    households = catalogue.datasets["DS_HH_SIZE_REGION"]
    datasets = {**catalogue.datasets,
                population.id: population.model_copy(update={"title": {**population.title,
                                                                       "es": "Población por edad, sexo y región",
                                                                       "ar": "الإحصاء السكاني حسب العمر"}}),
                households.id: households.model_copy(update={"title": {**households.title,
                                                                       "es": "Hogares por tamaño",
                                                                       "ar": "الأسر في المستشفى"}})}
    return catalogue.model_copy(update={"info": info, "datasets": datasets})


@pytest.mark.parametrize("typed, indexed", [
    ("poblacion", "DS_POP_AGE_SEX_REGION"), ("POBLACIÓN", "DS_POP_AGE_SEX_REGION"), ("población", "DS_POP_AGE_SEX_REGION"),
    ("الاحصاء", "DS_POP_AGE_SEX_REGION"), ("الإحصاء", "DS_POP_AGE_SEX_REGION"), ("الأحصاء", "DS_POP_AGE_SEX_REGION"),
    ("المستشفي", "DS_HH_SIZE_REGION"), ("المستشفى", "DS_HH_SIZE_REGION"), ("الاسر", "DS_HH_SIZE_REGION"),
])
def test_folding_finds_the_same_datasets(db, typed, indexed):  # noqa: F811
    """é/e and case, hamza on alef or not, alef maksura or yeh: one word, the same datasets."""
    store = loaded(db, multilingual(read_catalogue(EXAMPLE)))
    assert indexed in [hit.dataset_id for hit in search(store, q=typed, lang="es").hits]
    assert fold(typed) == fold(typed.upper())


def test_embargoed_dataset_is_never_found_counted_or_suggested_before_its_release_to_the_second(db):  # noqa: F811
    store = loaded(db)
    release = read_catalogue(EXAMPLE).datasets[EMBARGOED].release_time
    for moment, found in ((release - timedelta(seconds=1), False), (release, True)):
        result = search(store, moment, q="projections")
        assert (EMBARGOED in [hit.dataset_id for hit in result.hits]) == found
        assert (result.total == 1) == found
        everything = search(store, moment)
        counted = dict(everything.facets["source_type"])
        assert ("mixed" in counted) == found  # the only dataset whose source is mixed
        assert (EMBARGOED in every_page(store, moment)) == found


def test_confidential_variables_and_drafts_are_not_in_the_words(db, tmp_path):  # noqa: F811
    """A word only a confidential variable's label, description or codes hold, or only a draft's title, finds
    nothing; the same word on a public variable finds its dataset."""
    catalogue = read_catalogue(EXAMPLE)
    datasets = dict(catalogue.datasets)
    for dataset in datasets.values():
        if any(v.confidential for v in dataset.variables):
            datasets[dataset.id] = dataset.model_copy(update={"variables": [
                v.model_copy(update={"label": {"en": "Zconfidentialq", "fr": "Zconfidentialq"},
                                     "description": {"en": "Zconfidentialdescq", "fr": "Zconfidentialdescq"}})
                if v.confidential else v for v in dataset.variables]})
    marked = [d.id for d in datasets.values() if any(v.confidential for v in d.variables)]
    assert marked
    public = datasets[marked[0]]
    opened = public.model_copy(update={"id": "DS_OPENED", "variables": [
        v.model_copy(update={"confidential": False}) for v in public.variables]})
    draft = public.model_copy(update={"id": "DS_A_DRAFT", "status": "draft", "title": {"en": "Zdraftq", "fr": "Zdraftq"},
                                      "variables": []})
    store = loaded(db, catalogue.model_copy(update={"datasets": {**datasets, opened.id: opened, draft.id: draft}}))
    assert [hit.dataset_id for hit in search(store, q="zconfidentialq").hits] == ["DS_OPENED"]
    assert search(store, q="zdraftq").total == 0


def test_filters_combine_and_pages_follow_each_order(db):  # noqa: F811
    store = loaded(db)
    catalogue = read_catalogue(EXAMPLE)
    public = public_view(catalogue, NOW).datasets
    labour = {d.id for d in public.values() if "LABOUR" in d.themes}
    both = {d for d in labour if "REGIONS" in public[d].themes}
    assert set(every_page(store, theme="LABOUR")) == labour
    assert set(every_page(store, theme=["LABOUR", "REGIONS"])) == {d.id for d in public.values()
                                                                  if {"LABOUR", "REGIONS"} & set(d.themes)}
    assert set(every_page(store, theme="LABOUR", publisher="BSO")) == labour
    assert set(every_page(store, theme="LABOUR", format="NO_SUCH_FORMAT")) == set()
    assert both <= labour
    by_title = every_page(store, sort="title")
    assert by_title == sorted(public, key=lambda i: (fold(public[i].title["en"]), i))
    by_modified = every_page(store, sort="modified")
    assert by_modified == sorted(public, key=lambda i: (-(public[i].modified or date(1, 1, 1)).toordinal(), i))
    relevant = every_page(store, q="labour force")
    assert len(relevant) == len(set(relevant)) == search(store, q="labour force").total
    titled = [i for i in relevant if "labour" in fold(public[i].title["en"]) and "force" in fold(public[i].title["en"])]
    assert relevant[:len(titled)] == titled  # title matches first


def expected_facets(dataset: Dataset, catalogue) -> set[tuple[str, str]]:
    """A public dataset's facet values, worked out here from the record (the oracle of the counts)."""
    values = {("theme", t) for t in dataset.themes} | {("publisher", dataset.publisher)}
    values |= {("keyword", f"{language}:{k}") for language, ks in (dataset.keywords or {}).items() for k in ks}
    values |= {("format", d.format) for d in dataset.distributions}
    values |= {("licence", x) for x in {dataset.licence, *(d.licence for d in dataset.distributions)} if x}
    values |= {("access", catalogue.terms[dataset.terms].access_level)} if dataset.terms in catalogue.terms else set()
    values |= {("frequency", dataset.frequency)} if dataset.frequency else set()
    values |= {("series", s) for s in dataset.series} | {("language", language) for language in dataset.title}
    coverage = dataset.temporal_coverage
    if coverage and (coverage.start or coverage.end):
        first, last = (coverage.start or coverage.end).year, (coverage.end or coverage.start).year
        values |= {("year", str(y)) for y in range(max(first, last - 299), last + 1)}
    values |= {("source_type", dataset.source_type)} if dataset.source_type else set()
    return values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues(), data=st.data())
def test_facet_counts_equal_a_brute_force_count_and_nothing_hidden_is_found(catalogue, data):
    """At the generated catalogue's moment, or a second before or at one of its release times: the results, the
    total and every count are those of the datasets public then, worked out here."""
    releases = sorted({d.release_time for d in catalogue.datasets.values() if d.release_time is not None})
    moment = data.draw(st.sampled_from([GENERATED_AS_OF, *(r - timedelta(seconds=s) for r in releases
                                                            for s in (0, 1))]))
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'c.db'}")
        store.load(catalogue, Path(folder), "ana", "generated")
        public = public_view(catalogue, moment).datasets
        facets = {dataset_id: expected_facets(dataset, catalogue) for dataset_id, dataset in public.items()}
        chosen = sorted({value for values in facets.values() for value in values})
        filters: dict[str, list[str]] = {}
        for facet, value in data.draw(st.lists(st.sampled_from(chosen), max_size=2)) if chosen else []:
            filters.setdefault(facet, []).append(value)
        matching = {i for i, values in facets.items()
                    if all(any((facet, v) in values for v in chosen_values) for facet, chosen_values in filters.items())}
        result = search(store, moment, catalogue.info.default_language, limit="100", **filters)
        assert result.total == len(matching)
        assert {hit.dataset_id for hit in result.hits} == matching
        brute: dict[tuple[str, str], int] = {}
        for dataset_id in matching:
            for value in facets[dataset_id]:
                brute[value] = brute.get(value, 0) + 1
        counted = {(facet, value): count for facet, values in result.facets.items() for value, count in values}
        assert all(brute[key] == count for key, count in counted.items())  # each listed count is exact
        for facet in {f for f, _ in brute}:  # and the most frequent values are listed
            listed = [v for v, _ in result.facets[facet]]
            assert len(listed) == min(20, len({v for f, v in brute if f == facet}))
        secret = search(store, GENERATED_AS_OF, catalogue.info.default_language, q=SECRET)
        assert secret.total == 0 and not any(SECRET in str(v) for values in secret.facets.values() for v in values)
        if moment <= GENERATED_AS_OF:  # the marker is of what is hidden at the generated moment (and so before it)
            assert not any(SECRET in value for values in result.facets.values() for value, _ in values)
        store.engine.dispose()


@pytest.fixture
def client(db):  # noqa: F811
    moment = [NOW]
    with TestClient(create_app(loaded(db, multilingual(read_catalogue(EXAMPLE))), lambda: moment[0])) as client:
        yield client, moment


def test_the_api_answers_results_facets_and_the_next_page(client):
    client, _ = client
    answer = client.get("/api/search", params={"q": "labour", "limit": 2, "lang": "fr"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["language"] == "fr" and body["total"] == 7 and len(body["results"]) == 2
    assert body["results"][0]["url"].startswith("https://data.bso.example.org/fr/datasets/")
    themes = next(f for f in body["facets"] if f["name"] == "theme")
    assert themes["label"] == "Thème" and {"value": "LABOUR", "label": "Marché du travail", "count": 7,
                                           "selected": False} in themes["values"]
    following = client.get(body["next"].removeprefix("https://data.bso.example.org"))
    assert following.status_code == 200 and following.json()["results"][0]["id"] != body["results"][0]["id"]
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("parameters, parameter", [
    ({"limit": "0"}, "limit"), ({"limit": "x"}, "limit"), ({"limit": "101"}, "limit"), ({"sort": "price"}, "sort"),
    ({"q": "x" * 201}, "q"), ({"after": "not-a-cursor"}, "after"), ({"after": "W1tbW1tbWzFdXV1dXV0="}, "after"),
    ({"theme": [f"T{n}" for n in range(33)]}, "filters"), ({"q": ["a", "b"]}, "q"),
])
def test_bad_parameters_are_refused_by_name(client, parameters, parameter):
    client, _ = client
    answer = client.get("/api/search", params=parameters)
    assert answer.status_code == 400 and answer.json()["parameter"] == parameter
    page = client.get("/es/search", params=parameters)
    assert page.status_code == 200 and 'role="alert"' in page.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parameters=st.dictionaries(st.sampled_from(["q", "sort", "after", "limit", "theme", "year", "lang", "x"]),
                                  st.text(max_size=60), max_size=4))
def test_no_parameters_make_a_500(client, parameters):
    client, _ = client
    for path in ("/api/search", "/search", "/ar/search", "/search.atom"):
        assert client.get(path, params=parameters).status_code in (200, 400), (path, parameters)


def test_the_page_works_without_javascript_in_arabic_with_facet_links(client):
    client, _ = client
    page = client.get("/ar/search", params={"q": "الاحصاء"})
    assert page.status_code == 200 and 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    tree = etree.HTML(page.text)
    assert [a.get("href") for a in tree.iterfind(".//main//h3/a")] == [
        "datasets/DS_POP_AGE_SEX_REGION/index.html"]  # beside the page, in /ar/
    link = tree.find(".//nav[@class='facets']//a").get("href")
    narrowed = client.get("/ar/search" + link)
    assert narrowed.status_code == 200 and 'aria-current="true"' in narrowed.text
    assert client.get("/xx/search").status_code == 404


def test_the_feed_and_the_opensearch_description(client):
    client, moment = client
    feed = etree.fromstring(client.get("/search.atom", params={"q": "projections"}).content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed" and feed.findall(f"{atom}entry") == []
    moment[0] = read_catalogue(EXAMPLE).datasets[EMBARGOED].release_time
    feed = etree.fromstring(client.get("/search.atom", params={"q": "projections"}).content)
    assert [e.findtext(f"{atom}title") for e in feed.findall(f"{atom}entry")] == [
        read_catalogue(EXAMPLE).datasets[EMBARGOED].title["en"]]
    description = etree.fromstring(client.get("/opensearch.xml").content)
    templates = {u.get("type"): u.get("template") for u in description.iter("{*}Url")}
    assert templates["application/json"] == "https://data.bso.example.org/api/search?q={searchTerms}"


def test_suggestions_complete_the_last_word_and_never_name_what_is_not_released(client):
    client, moment = client
    answer = client.get("/api/search/suggest", params={"q": "population proj", "lang": "en"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/x-suggestions+json"
    assert answer.json() == ["population proj", []]  # the projections are embargoed
    moment[0] = read_catalogue(EXAMPLE).datasets[EMBARGOED].release_time
    assert client.get("/api/search/suggest", params={"q": "population proj"}).json()[1] == [
        fold(read_catalogue(EXAMPLE).datasets[EMBARGOED].title["en"])]
    assert client.get("/api/search/suggest", params={"q": "Pobl", "lang": "es"}).json()[1] == [
        "poblacion por edad, sexo y region"]
    for typed in ("", "p", "__", "_ _", '"', "*", "title:x"):
        assert client.get("/api/search/suggest", params={"q": typed}).json() == [typed, []], typed
    assert client.get("/api/search/suggest", params={"q": "\x00"}).status_code == 400
    assert 'type="application/x-suggestions+json"' in client.get("/opensearch.xml").text


@pytest.mark.parametrize("typed", ["__", "_", "a_b", '"', "'", "*", "-", "title:", "NEAR(a b)", "a OR b", "!", "<->",
                                   "&", "|", ":*", "\\", "()"])
def test_words_of_no_letter_and_query_syntax_are_words_not_syntax(client, typed):
    client, _ = client
    answer = client.get("/api/search", params={"q": typed})
    assert answer.status_code == 200, (typed, answer.text[:300])


def test_a_release_time_in_another_zone_is_found_at_its_utc_moment_to_the_second(db, tmp_path):  # noqa: F811
    """Review: SQLite kept the index's release times as local wall-clock times (no offset): a release at 09:00-05:00
    was found at 09:00Z, five hours early; the server's answer made at the wrong moment was kept."""
    catalogue = read_catalogue(EXAMPLE)
    embargoed = catalogue.datasets[EMBARGOED]
    release = datetime(2099, 6, 30, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    catalogue = catalogue.model_copy(update={"datasets": {**catalogue.datasets, EMBARGOED: embargoed.model_copy(
        update={"release_time": release})}})
    moment = [datetime(2099, 6, 30, 9, 0, tzinfo=timezone.utc)]
    with TestClient(create_app(loaded(db, catalogue), lambda: moment[0])) as client:
        for at, found in ((release - timedelta(seconds=1), 0), (release, 1), (release + timedelta(days=400), 1)):
            moment[0] = at.astimezone(timezone.utc)
            answer = client.get("/api/search", params={"q": "projections"}).json()
            assert answer["total"] == found, at
            assert (client.get(f"/datasets/{EMBARGOED}/index.html").status_code == 200) == bool(found)


def test_nothing_hidden_moves_the_order_or_the_cursors(tmp_path):
    """Review: FTS5's BM25 counted the embargoed rows (how many, which words): the order of two public datasets
    and the scores in the cursors changed with them. The answers are the same with the hidden dataset or without."""
    catalogue = read_catalogue(EXAMPLE)
    without = catalogue.model_copy(update={"datasets": {k: v for k, v in catalogue.datasets.items() if k != EMBARGOED}})
    answers = []
    for number, version in enumerate((catalogue, without)):
        with TestClient(create_app(loaded(f"sqlite:///{tmp_path / f'{number}.db'}", version), lambda: NOW)) as client:
            answers.append([client.get("/api/search", params={"q": q, "limit": 1}).content
                            for q in ("census", "identifier annee", "population", "region sex", "survey 2024")])
    assert answers[0] == answers[1]


@pytest.mark.parametrize("values, sort", [
    (["\ud800", "x"], "title"), (["\u0000", "x"], "title"), (["d:2024-01-01", "\u0000"], "modified"),
    ([1, 10 ** 23, "x"], "relevance"), ([10 ** 23, 1.0, "x"], "relevance"), ([1, float("nan"), "x"], "relevance"),
    (["\uffff", "x"], "title"), ([True, 1, "x"], "relevance"),
])
def test_forged_cursors_are_refused_not_a_500(client, values, sort):
    import base64
    import json

    client, _ = client
    cursor = base64.urlsafe_b64encode(json.dumps(values).encode()).decode()
    parameters = {"after": cursor, "sort": sort, **({"q": "population"} if sort == "relevance" else {})}
    for path in ("/api/search", "/search", "/", "/fr/search"):
        answer = client.get(path, params=parameters)
        assert answer.status_code in (400, 200), (path, answer.status_code)
        assert answer.status_code == 400 or 'role="alert"' in answer.text


def test_non_characters_are_refused_so_the_feed_stays_xml(client):
    client, _ = client
    for typed in ("\uffff", "\ufffe", "a\x0bb"):
        assert client.get("/search.atom", params={"q": typed}).status_code == 400
    etree.fromstring(client.get("/search.atom", params={"q": "a<b&c]]>"}).content)


@pytest.mark.parametrize("header, language", [("ar;q=0, en", "en"), ("en;q=0.1, ar;q=0.9", "ar"),
                                              ("fr-CA, es;q=0.5", "fr"), ("xx, es;q=0", "en"), ("q=1;ar", "en")])
def test_accept_language_is_read_with_its_q_values(client, header, language):
    client, _ = client
    assert client.get("/api/search", headers={"Accept-Language": header}).json()["language"] == language


def test_a_changed_terms_or_codelist_record_indexes_its_datasets_again(db):  # noqa: F811
    """The access facet comes from the terms record, words from the codelists variables use: a load that changes one
    of them changes what search finds of its datasets, and the old words do not linger."""
    catalogue = read_catalogue(EXAMPLE)
    users = {d.id for d in public_view(catalogue, NOW).datasets.values() if d.terms == "PUBLIC_USE"}
    used = next(v.codelist for d in catalogue.datasets.values() if d.id in users for v in d.variables
                if v.codelist and not v.confidential)
    key = next(k for k, c in catalogue.codelists.items() if c.id == used.split(":")[-1].split("(")[0])

    def named(word: str, version: str | None = None):
        """The codelists with the first code of the one used named ``word`` (in a new ``version``: a released
        version never changes; the variables name the codelist without a version, so they take the latest)."""
        codelist = catalogue.codelists[key]
        first = codelist.codes[0].model_copy(update={"name": {language: word for language in codelist.codes[0].name}})
        changed = codelist.model_copy(update={"codes": [first, *codelist.codes[1:]], "version": version or
                                              codelist.version})
        return {(f"{codelist.agency}:{codelist.id}({version})" if version else key): changed}

    store = loaded(db, catalogue.model_copy(update={"codelists": {**catalogue.codelists, **named("Zoldcodeq")}}))
    assert users and users <= set(every_page(store, access="public"))
    assert users <= set(every_page(store, q="zoldcodeq"))
    terms = catalogue.terms["PUBLIC_USE"].model_copy(update={"access_level": "restricted"})
    store.load(catalogue.model_copy(update={"terms": {**catalogue.terms, "PUBLIC_USE": terms},
                                            "codelists": {**catalogue.codelists, **named("Zoldcodeq"),
                                                          **named("Zrenamedcodeq", "9.0")}}),
               EXAMPLE, "ana", "terms and codes")
    assert users <= set(every_page(store, access="restricted")) and not users & set(every_page(store, access="public"))
    assert users <= set(every_page(store, q="zrenamedcodeq"))
    assert every_page(store, q="zoldcodeq") == []


def test_kept_counts_follow_loads_withdrawals_and_releases_to_the_second(db):  # noqa: F811
    """A search with neither words nor filters reads the facet counts kept as of the last write and adds what was
    released since: at each moment, after each write, they are a count of the datasets released then."""
    catalogue = read_catalogue(EXAMPLE)
    store = open_store(db)
    store.load(catalogue, EXAMPLE, "ana", "search", now=NOW)
    release = catalogue.datasets[EMBARGOED].release_time
    assert release is not None

    def same_as_a_count(moment: datetime, kept_expected: bool = True) -> dict[str, dict[str, int]]:
        with store.engine.connect() as connection:
            kept = kept_counts(connection, moment, FACET_VALUES)
            total, live = count_facets(connection, released(moment))
        assert (kept is not None) == kept_expected
        result = search(store, moment)
        listed = {facet: dict(values) for facet, values in result.facets.items() if values}
        assert result.total == total == len(public_view(catalogue, moment).datasets)
        assert listed == {facet: dict(sorted(values.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES])
                          for facet, values in live.items() if values}  # the most frequent, ties by value
        return listed

    assert same_as_a_count(NOW - timedelta(seconds=1), kept_expected=False)  # counted as of later: a count
    before = same_as_a_count(release - timedelta(seconds=1))
    after = same_as_a_count(release)  # released since the counts' moment: added
    assert "mixed" not in before["source_type"] and after["source_type"]["mixed"] == 1
    later = datetime.now(timezone.utc) + timedelta(days=1)
    withdrawn = "DS_HH_SIZE_REGION"
    catalogue = catalogue.model_copy(update={"datasets": {k: v for k, v in catalogue.datasets.items()
                                                          if k != withdrawn}})
    store.load(catalogue, EXAMPLE, "ana", "withdrawn", now=later)
    assert same_as_a_count(later)["publisher"]["BSO"] == before["publisher"]["BSO"] - 1
    assert same_as_a_count(release)["source_type"]["mixed"] == 1
    assert same_as_a_count(later - timedelta(seconds=1), kept_expected=False)
    catalogue = read_catalogue(EXAMPLE)
    store.load(catalogue, EXAMPLE, "ana", "after its release", now=release + timedelta(days=1))  # counted since
    assert same_as_a_count(release + timedelta(days=1))["source_type"]["mixed"] == 1
    assert same_as_a_count(release, kept_expected=False)["source_type"]["mixed"] == 1
    assert "mixed" not in same_as_a_count(release - timedelta(seconds=1), kept_expected=False)["source_type"]
    store.engine.dispose()
