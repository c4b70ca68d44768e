"""Issue 14, point 11 (SQLite and PostgreSQL): the editor's JSON API for scripts — a token per account, every
action of the forms on the same code, the revision as an ETag with If-Match (412 when stale, 428 without), the
roles of the browser, and the whole API in the OpenAPI description."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.store.public import PublicRecords

from .conftest import EXAMPLE
from .test_editing import new_dataset
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
API = "/api/editor/records"


@pytest.fixture
def store(db):  # noqa: F811
    opened = open_store(db)
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    yield opened
    opened.engine.dispose()


@pytest.fixture
def tokens(store) -> dict[str, str]:
    accounts = Accounts(store.engine)
    made = {}
    for name, role in (("ed", "editor"), ("rita", "reviewer"), ("paul", "publisher")):
        accounts.add_user(name, None)
        accounts.set_role(name, "BSO", role)
        made[name] = accounts.add_token(name, "script")
    return made


@pytest.fixture
def api(store):
    with TestClient(create_app(store, lambda: NOW), base_url="https://testserver") as client:
        yield client


def as_(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def test_a_script_takes_a_dataset_from_draft_to_publication(store, api, tokens):
    created = api.post(f"{API}/dataset", json={"data": new_dataset(), "message": "from a script"},
                       headers=as_(tokens["ed"]))
    assert created.status_code == 201 and created.headers["location"] == f"{API}/dataset/DS_NEW"
    body = created.json()
    assert (body["stage"], body["revision"], created.headers["etag"]) == ("draft", 1, '"1"')
    assert [issue for issue in body["issues"] if issue["severity"] == "error"] == []
    submitted = api.post(f"{API}/dataset/DS_NEW/submit", headers=as_(tokens["ed"], **{"If-Match": '"1"'}))
    assert submitted.json()["stage"] == "in_review"
    comment = api.post(f"{API}/dataset/DS_NEW/comments", json={"path": "title.en", "text": "Shorter",
                                                                "suggestion": "Survey"}, headers=as_(tokens["rita"]))
    assert comment.status_code == 201 and comment.json()["suggestion"] == "Survey"
    back = api.post(f"{API}/dataset/DS_NEW/send-back", headers=as_(tokens["rita"], **{"If-Match": submitted.headers["etag"]}))
    applied = api.post(f"{API}/dataset/DS_NEW/comments/{comment.json()['id']}/apply",
                       headers=as_(tokens["ed"], **{"If-Match": back.headers["etag"]}))
    assert applied.json()["data"]["title"]["en"] == "Survey"
    again = api.post(f"{API}/dataset/DS_NEW/submit", headers=as_(tokens["ed"], **{"If-Match": applied.headers["etag"]}))
    approved = api.post(f"{API}/dataset/DS_NEW/approve", headers=as_(tokens["rita"], **{"If-Match": again.headers["etag"]}))
    assert approved.json()["stage"] == "approved"
    release = NOW + timedelta(hours=2)
    refused = api.post(f"{API}/dataset/DS_NEW/publish", json={"release_time": release.isoformat()},
                       headers=as_(tokens["rita"], **{"If-Match": approved.headers["etag"]}))
    assert refused.status_code == 403 and "may not publish" in refused.json()["error"]
    published = api.post(f"{API}/dataset/DS_NEW/publish", json={"release_time": release.isoformat()},
                         headers=as_(tokens["paul"], **{"If-Match": approved.headers["etag"]}))
    assert published.status_code == 200 and published.json()["stage"] == "published"
    public = PublicRecords(store, store.shared_records(), release)
    assert public.get("DS_NEW") is not None
    assert PublicRecords(store, store.shared_records(), release - timedelta(seconds=1)).get("DS_NEW") is None
    history = api.get(f"{API}/dataset/DS_NEW/history", headers=as_(tokens["ed"])).json()
    assert [row["stage"] for row in history] == ["published", "approved", "in_review", "draft", "draft", "in_review",
                                                 "draft"]
    first = api.get(f"{API}/dataset/DS_NEW/revisions/1", headers=as_(tokens["ed"]))
    assert first.json()["title"]["en"] == "New survey"


def test_a_stale_etag_is_412_and_a_missing_one_428(api, tokens):
    opened = api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(tokens["ed"]))
    data = opened.json()["data"]
    first = api.put(f"{API}/dataset/DS_POP_AGE_SEX_REGION", json={"data": {**data, "version": "2.0"}},
                    headers=as_(tokens["ed"], **{"If-Match": opened.headers["etag"]}))
    assert first.status_code == 200 and first.headers["etag"] == '"2"'
    stale = api.put(f"{API}/dataset/DS_POP_AGE_SEX_REGION", json={"data": {**data, "version": "3.0"}},
                    headers=as_(tokens["ed"], **{"If-Match": opened.headers["etag"]}))
    assert stale.status_code == 412 and stale.headers["etag"] == '"2"' and stale.json()["revision"] == 2
    missing = api.put(f"{API}/dataset/DS_POP_AGE_SEX_REGION", json={"data": data}, headers=as_(tokens["ed"]))
    assert missing.status_code == 428
    now = api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(tokens["ed"])).json()
    assert now["data"]["version"] == "2.0"  # nothing was overwritten


def test_tokens_and_roles(api, tokens, store):
    assert api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION").status_code == 401
    assert api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_("cat_wrong")).status_code == 401
    accounts = Accounts(store.engine)
    accounts.add_user("otto", None)
    accounts.set_role("otto", "SDMX", "admin")
    otto = accounts.add_token("otto", "script")
    hidden = api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(otto))
    unknown = api.get(f"{API}/dataset/DS_NO_SUCH", headers=as_(otto))
    assert hidden.status_code == unknown.status_code == 404  # not even its owner is told to a non-member
    assert hidden.json()["error"] == unknown.json()["error"].replace("DS_NO_SUCH", "DS_POP_AGE_SEX_REGION")
    assert api.post(f"{API}/dataset", json={"data": new_dataset()}, headers=as_(otto)).status_code == 403
    accounts.disable("ed")
    assert api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(tokens["ed"])).status_code == 401
    assert api.get(f"{API}/nothing/X", headers=as_(tokens["rita"])).status_code == 404


def test_check_reports_what_check_would_without_saving(api, tokens):
    opened = api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(tokens["ed"])).json()
    data = opened["data"]
    data["variables"][0]["codelist"] = "CL_NOPE"
    issues = api.post(f"{API}/dataset/DS_POP_AGE_SEX_REGION/check", json={"data": data},
                      headers=as_(tokens["ed"])).json()
    assert {"path": "variables[0].codelist", "severity": "error"}.items() <= issues[0].items()
    assert api.get(f"{API}/dataset/DS_POP_AGE_SEX_REGION", headers=as_(tokens["ed"])).json()["revision"] == 1


def test_the_openapi_description_documents_every_editor_action(api):
    description = api.get("/openapi.json").json()
    paths = {path: set(methods) for path, methods in description["paths"].items() if path.startswith("/api/editor/")}
    assert paths == {
        "/api/editor/records/{kind}": {"post"},
        "/api/editor/records/{kind}/{record_id}": {"get", "put"},
        "/api/editor/records/{kind}/{record_id}/check": {"post"},
        "/api/editor/records/{kind}/{record_id}/submit": {"post"},
        "/api/editor/records/{kind}/{record_id}/approve": {"post"},
        "/api/editor/records/{kind}/{record_id}/send-back": {"post"},
        "/api/editor/records/{kind}/{record_id}/publish": {"post"},
        "/api/editor/records/{kind}/{record_id}/restore": {"post"},
        "/api/editor/records/{kind}/{record_id}/new-version": {"post"},
        "/api/editor/records/{kind}/{record_id}/versions": {"get"},
        "/api/editor/records/{kind}/{record_id}/compare": {"get"},
        "/api/editor/records/{kind}/{record_id}/comments": {"get", "post"},
        "/api/editor/records/{kind}/{record_id}/comments/{comment_id}/apply": {"post"},
        "/api/editor/records/{kind}/{record_id}/history": {"get"},
        "/api/editor/records/{kind}/{record_id}/revisions/{revision}": {"get"},
    }
    assert description["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    put = description["paths"]["/api/editor/records/{kind}/{record_id}"]["put"]
    assert any(parameter["name"] == "if-match" for parameter in put["parameters"])
