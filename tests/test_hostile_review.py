"""What a hostile review of the reorganised server found (issue 31's review), each closed on the path it took: a
draft whose fields have the wrong shape (saved, created, or put there by applying a suggestion) made the record's
editor pages answer 500; a data file's media type outside visible ASCII made the public file routes answer 500."""

from __future__ import annotations

import time
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from fastapi.testclient import TestClient

from catalogue.model.dataset import Distribution
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.server import create_app
from catalogue.server.responses import header_media_type
from catalogue.store import open_store

from .conftest import EXAMPLE, replace_in
from .test_editing import new_dataset
from .test_editor_api import API, NOW, api, as_, tokens  # noqa: F401 (fixtures)
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

@pytest.fixture
def store(db):  # noqa: F811
    """The example, loaded the day before the moment the tests' clocks start at (as a store's records precede its
    answers)."""
    opened = open_store(db)
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load", now=NOW - timedelta(days=1))
    yield opened
    opened.engine.dispose()


MISSHAPEN = [
    ({"temporal_coverage": "x"}, "temporal_coverage: this field holds an object, not a single value"),
    ({"study": [1]}, "study: this field holds an object, not a list"),
    ({"variables": ["SEX"]}, "variables[0]: this field holds an object, not a single value"),
    ({"title": {"en": ["a"]}}, "title.en: this field holds a single value, not a list"),
    ({"distributions": [{"id": "D", "format": "CSV", "dialect": "x"}]},
     "distributions[0].dialect: this field holds an object, not a single value"),
]


@pytest.mark.parametrize("change, message", MISSHAPEN)
def test_a_misshapen_draft_is_refused_on_create_and_on_save_and_nothing_changes(api, tokens, change, message):
    created = api.post(f"{API}/dataset", json={"data": new_dataset(**change)}, headers=as_(tokens["ed"]))
    assert created.status_code == 422 and message in created.json()["error"]
    assert api.get(f"{API}/dataset/DS_NEW", headers=as_(tokens["ed"])).status_code == 404
    made = api.post(f"{API}/dataset", json={"data": new_dataset()}, headers=as_(tokens["ed"]))
    saved = api.put(f"{API}/dataset/DS_NEW", json={"data": {**new_dataset(), **change}},
                    headers=as_(tokens["ed"], **{"If-Match": made.headers["etag"]}))
    assert saved.status_code == 422 and message in saved.json()["error"]
    after = api.get(f"{API}/dataset/DS_NEW", headers=as_(tokens["ed"]))
    assert after.headers["etag"] == made.headers["etag"] and after.json()["data"] == made.json()["data"]


def test_a_misshapen_suggestion_cannot_be_applied(api, tokens):
    made = api.post(f"{API}/codelist", json={"data": {"id": "CL_NEW", "agency": "BSO", "name": {"en": "New"},
                                                      "codes": [{"id": "A", "name": {"en": "A"}}]}},
                    headers=as_(tokens["ed"]))
    assert made.status_code == 201, made.text
    submitted = api.post(f"{API}/codelist/BSO:CL_NEW(1.0)/submit", headers=as_(tokens["ed"], **{"If-Match": made.headers["etag"]}))
    comment = api.post(f"{API}/codelist/BSO:CL_NEW(1.0)/comments", json={"path": "codes", "text": "Simpler",
                                                                 "suggestion": ["x"]}, headers=as_(tokens["rita"]))
    assert comment.status_code == 201
    back = api.post(f"{API}/codelist/BSO:CL_NEW(1.0)/send-back",
                    headers=as_(tokens["rita"], **{"If-Match": submitted.headers["etag"]}))
    applied = api.post(f"{API}/codelist/BSO:CL_NEW(1.0)/comments/{comment.json()['id']}/apply",
                       headers=as_(tokens["ed"], **{"If-Match": back.headers["etag"]}))
    assert applied.status_code == 422 and "codes[0]: this field holds an object" in applied.json()["error"]
    after = api.get(f"{API}/codelist/BSO:CL_NEW(1.0)", headers=as_(tokens["ed"]))
    assert after.headers["etag"] == back.headers["etag"] and after.json()["data"]["codes"][0]["id"] == "A"


@pytest.mark.parametrize("media_type", ["text/csv; charset=utf-8; x=\u2603", "text/csv\r\nX-Injected: 1", "text",
                                        "text/csv; q"])
def test_a_media_type_outside_rfc_6838_is_an_error_of_the_record(media_type):
    with pytest.raises(ValueError, match="media_type"):
        Distribution(id="D", format="CSV", media_type=media_type)
    assert header_media_type(media_type) == "application/octet-stream"


def test_a_dataset_with_such_a_media_type_cannot_go_to_review(api, tokens):
    distribution = {"id": "CSV", "format": "CSV", "media_type": "text/csv; x=\u2603",
                    "download_url": "https://data.example.org/x.csv"}
    made = api.post(f"{API}/dataset", json={"data": new_dataset(distributions=[distribution])},
                    headers=as_(tokens["ed"]))
    assert made.status_code == 201
    errors = [issue for issue in made.json()["issues"] if issue["severity"] == "error"]
    assert [issue["path"] for issue in errors] == ["distributions[0].media_type"], errors
    submitted = api.post(f"{API}/dataset/DS_NEW/submit", headers=as_(tokens["ed"], **{"If-Match": made.headers["etag"]}))
    assert submitted.status_code == 422


@pytest.mark.parametrize("media_type", ["text/csv", "text/csv; charset=utf-8", 'text/csv; charset="utf-8"',
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
def test_media_types_as_iana_writes_them_are_kept(media_type):
    assert Distribution(id="D", format="CSV", media_type=media_type).media_type == media_type
    assert header_media_type(media_type) == media_type


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


WATCHED = ["/site.css", "/index.html", "/data.json", "/schema-org.jsonld", "/catalog", "/sitemap.xml",
           "/search-index.json", "/releases.ics", "/sdmx/rest/codelist/BSO/CL_SEX", "/sdmx/rest/codelist/all/all/latest",
           "/sdmx/rest/dataflow/all/all/latest", "/sdmx/structure-2.1.xml", "/sdmx/structure-3.0.xml"]


def _looked(client) -> dict[str, tuple]:
    seen = {}
    for url in WATCHED:
        for _ in range(100):  # a whole-catalogue document is made in the background: 503 until it is
            answer = client.get(url)
            if answer.status_code != 503:
                break
            time.sleep(0.1)
        seen[url] = (answer.status_code, answer.headers.get("cache-control"), answer.headers.get("last-modified"),
                     answer.headers.get("etag"), answer.content)
    return seen


def _published(client, tokens, kind: str, data: dict, **body) -> object:
    made = client.post(f"{API}/{kind}", json={"data": data}, headers=as_(tokens["ed"]))
    record = made.headers["location"]
    submitted = client.post(f"{record}/submit", headers=as_(tokens["ed"], **{"If-Match": made.headers["etag"]}))
    approved = client.post(f"{record}/approve", headers=as_(tokens["rita"], **{"If-Match": submitted.headers["etag"]}))
    published = client.post(f"{record}/publish", json=body,
                            headers=as_(tokens["paul"], **{"If-Match": approved.headers["etag"]}))
    assert published.status_code == 200, (made.text, submitted.text, approved.text, published.text)
    return published


def test_an_embargoed_publication_changes_no_public_answer_nor_header(store, tokens):
    """An unannounced dataset published under embargo, with a codelist of its own published before it: until its
    release, every public answer (its bytes, ETag, Last-Modified and max-age) is what it was, so no one learns that
    it exists or when it will be released."""
    clock = Clock(NOW)
    with TestClient(create_app(store, clock), base_url="https://testserver") as client:
        before = _looked(client)
        clock.moment = NOW + timedelta(seconds=3)
        codelist = {"id": "CL_NEW", "agency": "BSO", "name": {"en": "New", "fr": "Nouveau"},
                    "codes": [{"id": "A", "name": {"en": "A", "fr": "A"}}]}
        assert _published(client, tokens, "codelist", codelist).status_code == 200
        variables = [*new_dataset()["variables"], {"id": "NEW", "label": {"en": "New", "fr": "Nouveau"},
                                                   "role": "attribute", "data_type": "string", "codelist": "CL_NEW",
                                                   "concept": "OBS_STATUS", "attachment": "observation"}]
        made = client.post(f"{API}/dataset", json={"data": new_dataset(variables=variables)}, headers=as_(tokens["ed"]))
        submitted = client.post(f"{API}/dataset/DS_NEW/submit",
                                headers=as_(tokens["ed"], **{"If-Match": made.headers["etag"]}))
        approved = client.post(f"{API}/dataset/DS_NEW/approve",
                               headers=as_(tokens["rita"], **{"If-Match": submitted.headers["etag"]}))
        clock.moment = NOW + timedelta(seconds=7)
        release = clock.moment + timedelta(seconds=123)
        published = client.post(f"{API}/dataset/DS_NEW/publish", json={"release_time": release.isoformat()},
                                headers=as_(tokens["paul"], **{"If-Match": approved.headers["etag"]}))
        assert published.status_code == 200, published.text
        assert client.get("/datasets/DS_NEW/index.html").status_code == 404
        after = _looked(client)
        for url in WATCHED:
            assert after[url][:4] == before[url][:4] and after[url][4] == before[url][4], url
        clock.moment = release
        assert client.get("/datasets/DS_NEW/index.html").status_code == 200
        assert _looked(client)["/data.json"][3] != before["/data.json"][3]  # released: the feed changed


@pytest.mark.parametrize("file_format, name", [("XLSX", "puf.xlsx"), ("ZIP", "puf.zip"), ("PDF", "tables.pdf")])
def test_a_local_file_that_is_no_table_of_a_dataset_with_confidential_variables_is_refused(census, file_format, name):
    """The catalogue removes a confidential variable's column only from a table it can read; any other local file of
    such a dataset would be published byte for byte, confidential column and all."""
    (census / "data" / name).write_bytes(b"PK\x03\x04 a spreadsheet holding every column")
    replace_in(census / "datasets" / "DS_HHS_PUF.yaml", "    path: data/hhs2023_puf_sample.csv\n    format: CSV\n",
               f"    path: data/{name}\n    format: {file_format}\n")
    found = [str(problem) for problem in load_catalogue(census).errors]
    assert any(f"distributions[1].format: a local {file_format} file of a dataset with confidential variables cannot "
               "be published" in problem for problem in found), found


def test_a_records_history_comes_a_page_at_a_time(api, tokens, monkeypatch):
    made = api.post(f"{API}/dataset", json={"data": new_dataset()}, headers=as_(tokens["ed"]))
    etag = made.headers["etag"]
    for number in range(5):
        saved = api.put(f"{API}/dataset/DS_NEW", json={"data": new_dataset(version=f"{number + 2}.0")},
                        headers=as_(tokens["ed"], **{"If-Match": etag}))
        etag = saved.headers["etag"]
    first = api.get(f"{API}/dataset/DS_NEW/history?limit=4", headers=as_(tokens["ed"]))
    assert [row["revision"] for row in first.json()] == [6, 5, 4, 3]
    following = first.headers["link"].split(">")[0].lstrip("<")
    second = api.get(following, headers=as_(tokens["ed"]))
    assert [row["revision"] for row in second.json()] == [2, 1] and "link" not in second.headers
    for query in ("limit=0", "limit=1001", "before=0", "before=99999999999", "limit=x"):
        assert api.get(f"{API}/dataset/DS_NEW/history?{query}", headers=as_(tokens["ed"])).status_code == 422, query


def test_a_record_takes_a_bounded_number_of_comments(api, tokens, monkeypatch):
    monkeypatch.setattr("catalogue.editing.review.MAX_COMMENTS", 3)
    api.post(f"{API}/dataset", json={"data": new_dataset()}, headers=as_(tokens["ed"]))
    said = [api.post(f"{API}/dataset/DS_NEW/comments", json={"path": "title.en", "text": f"Note {n}"},
                     headers=as_(tokens["rita"])).status_code for n in range(4)]
    assert said == [201, 201, 201, 422]
    assert len(api.get(f"{API}/dataset/DS_NEW/comments", headers=as_(tokens["rita"])).json()) == 3


def _republished(client, tokens, dataset_id: str, **changes) -> None:
    record = f"{API}/dataset/{dataset_id}"
    current = client.get(record, headers=as_(tokens["ed"]))
    saved = client.put(record, json={"data": {**current.json()["data"], **changes}},
                       headers=as_(tokens["ed"], **{"If-Match": current.headers["etag"]}))
    submitted = client.post(f"{record}/submit", headers=as_(tokens["ed"], **{"If-Match": saved.headers["etag"]}))
    approved = client.post(f"{record}/approve", headers=as_(tokens["rita"], **{"If-Match": submitted.headers["etag"]}))
    published = client.post(f"{record}/publish", json={},
                            headers=as_(tokens["paul"], **{"If-Match": approved.headers["etag"]}))
    assert published.status_code == 200, published.text


def test_last_modified_never_goes_back_when_the_bytes_return(store, tokens):
    """A title published, then published back: the answer's bytes are those of before, but a client holding the
    withdrawn title and asking If-Modified-Since must get the bytes again, never a 304."""
    clock = Clock(NOW)
    with TestClient(create_app(store, clock), base_url="https://testserver") as client:
        first = client.get("/search-index.json")
        title = client.get(f"{API}/dataset/DS_HH_SIZE_REGION", headers=as_(tokens["ed"])).json()["data"]["title"]
        clock.moment = NOW + timedelta(seconds=30)
        _republished(client, tokens, "DS_HH_SIZE_REGION", title={**title, "en": "A title withdrawn later"})
        changed = client.get("/search-index.json")
        assert changed.headers["etag"] != first.headers["etag"] and "withdrawn later" in changed.text
        clock.moment = NOW + timedelta(seconds=60)
        _republished(client, tokens, "DS_HH_SIZE_REGION", title=title)
        back = client.get("/search-index.json")
        assert back.headers["etag"] == first.headers["etag"]  # the same bytes as at first
        assert parsedate_to_datetime(back.headers["last-modified"]) > parsedate_to_datetime(
            changed.headers["last-modified"]) > parsedate_to_datetime(first.headers["last-modified"])
        asked = client.get("/search-index.json", headers={"If-Modified-Since": changed.headers["last-modified"]})
        assert asked.status_code == 200 and asked.content == back.content
        assert client.get("/search-index.json",
                          headers={"If-Modified-Since": back.headers["last-modified"]}).status_code == 304


def test_bytes_changed_within_the_second_get_no_last_modified_until_the_next(store, tokens):
    clock = Clock(NOW)
    with TestClient(create_app(store, clock), base_url="https://testserver") as client:
        first = client.get("/search-index.json")
        title = client.get(f"{API}/dataset/DS_HH_SIZE_REGION", headers=as_(tokens["ed"])).json()["data"]["title"]
        _republished(client, tokens, "DS_HH_SIZE_REGION", title={**title, "en": "Changed in the same second"})
        same_second = client.get("/search-index.json")
        assert same_second.headers["etag"] != first.headers["etag"] and "last-modified" not in same_second.headers
        assert client.get("/search-index.json",
                          headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 200
        clock.moment = NOW + timedelta(seconds=1)
        later = client.get("/search-index.json")
        assert parsedate_to_datetime(later.headers["last-modified"]) > parsedate_to_datetime(
            first.headers["last-modified"])


def test_a_worker_that_never_saw_the_bytes_in_between_does_not_answer_304_to_them(store, tokens):
    """Two workers of one store: the title changes and comes back while the second worker answers nothing. A client
    holding the title in between, from the first worker, asks the second If-Modified-Since: it gets the bytes."""
    clock = Clock(NOW)
    with TestClient(create_app(store, clock), base_url="https://testserver") as first, \
            TestClient(create_app(store, clock), base_url="https://testserver") as second:
        before = second.get("/search-index.json")
        title = first.get(f"{API}/dataset/DS_HH_SIZE_REGION", headers=as_(tokens["ed"])).json()["data"]["title"]
        clock.moment = NOW + timedelta(seconds=30)
        _republished(first, tokens, "DS_HH_SIZE_REGION", title={**title, "en": "A title withdrawn later"})
        between = first.get("/search-index.json")
        assert "withdrawn later" in between.text
        clock.moment = NOW + timedelta(seconds=60)
        _republished(first, tokens, "DS_HH_SIZE_REGION", title=title)
        time.sleep(0.3)  # a worker looks at the store again a quarter of a second after it last did
        asked = second.get("/search-index.json", headers={"If-Modified-Since": between.headers["last-modified"]})
        assert asked.status_code == 200 and asked.content == before.content
