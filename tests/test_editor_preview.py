"""Issue 14, point 9: previews — a dataset's public page as it will appear once published, in each language (with
what the public view withholds withheld), and the public view as of a chosen moment, showing the embargoes of the
member's own agencies lifted, never another agency's."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.editing.service import Editing
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE
from .test_editing import new_dataset

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    for name, agency in (("ed", "BSO"), ("otto", "SDMX")):
        accounts.add_user(name, PASSWORD)
        accounts.set_role(name, agency, "admin")
    yield opened
    opened.engine.dispose()


def signed_in(store, name: str) -> TestClient:
    client = TestClient(create_app(store, lambda: NOW), base_url="https://testserver", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/login").text).group(1)
    client.post("/editor/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client


def test_a_draft_is_previewed_as_its_public_page_in_each_language(store):
    editing = Editing(store, lambda: NOW)
    data = new_dataset(id="DS_PREVIEW")
    data["variables"].append({"id": "INCOME", "label": {"en": "Income secret", "fr": "Revenu secret"},
                              "role": "attribute", "data_type": "integer", "concept": "INCOME",
                              "confidential": "true"})
    editing.create("ed", "dataset", data)
    client = signed_in(store, "ed")
    english = client.get("/editor/dataset/DS_PREVIEW/preview")
    assert english.status_code == 200 and "noindex" in english.headers["x-robots-tag"]
    tree = html.fromstring(english.text)
    assert tree.xpath("string(//h1)") == "New survey"
    assert tree.xpath("//base/@href") == ["/datasets/DS_PREVIEW/index.html"]
    assert "not public yet" in tree.xpath("string(//*[@id='preview-banner'])")
    assert "Income secret" not in english.text  # the public view withholds confidential variables
    french = html.fromstring(client.get("/editor/dataset/DS_PREVIEW/preview", params={"language": "fr"}).text)
    assert french.xpath("string(//h1)") == "Nouvelle enquête" and french.xpath("//base/@href") == [
        "/fr/datasets/DS_PREVIEW/index.html"]
    public = TestClient(create_app(store, lambda: NOW))
    assert public.get("/datasets/DS_PREVIEW/index.html").status_code == 404  # previewing publishes nothing
    assert signed_in(store, "otto").get("/editor/dataset/DS_PREVIEW/preview").status_code == 404  # not known to them


def test_a_record_with_errors_has_no_preview(store):
    Editing(store, lambda: NOW).create("ed", "dataset", new_dataset(id="DS_BROKEN", terms="NOPE"))
    refused = signed_in(store, "ed").get("/editor/dataset/DS_BROKEN/preview")
    assert refused.status_code == 422 and "error" in refused.text


def test_the_public_view_at_a_later_moment_lifts_only_the_members_embargoes(store):
    editing = Editing(store, lambda: NOW, separate_duties=False)  # each agency an office of one
    release = NOW + timedelta(days=3)
    for name, agency, dataset_id in (("ed", "BSO", "DS_LATER_BSO"), ("otto", "SDMX", "DS_LATER_SDMX")):
        opened = editing.create(name, "dataset", new_dataset(id=dataset_id, publisher=agency, terms="OPEN"))
        opened = editing.approve(name, "dataset", dataset_id, editing.submit(name, "dataset", dataset_id,
                                                                            opened.revision).revision)
        editing.publish(name, "dataset", dataset_id, opened.revision, release)
    client = signed_in(store, "ed")
    now = client.get("/editor/preview").text
    later = client.get("/editor/preview", params={"at": release.isoformat()}).text
    assert "DS_LATER_BSO" not in now and "DS_LATER_BSO" in later
    assert "DS_LATER_SDMX" not in later  # another agency's embargo stays its own
    assert "2026-01-04 00:00:00" in html.fromstring(later).xpath("string(//*[@id='preview-banner'])")
    assert client.get("/editor/preview", params={"at": "tomorrow"}).status_code == 400
