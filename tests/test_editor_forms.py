"""Issue 14, points 2–4 and 6–8 over HTTP, without JavaScript (SQLite and PostgreSQL): one form machinery for every
kind of record, texts side by side per language, the checks of `check` linked to their field, list editing, the
workflow up to the public page, comments with suggestions, history with a diff per field and language, restore,
and the conflict page that keeps the officer's input."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.model.dataset import STRUCTURES
from catalogue.editing.fields import form_fields
from catalogue.editing.formdata import decode
from catalogue.server.editor.record_form import report_values
from catalogue.model import RECORD_KINDS
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.store.store import record_context

from .browser import Clock
from .conftest import EXAMPLE
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"
DATASET = "DS_POP_AGE_SEX_REGION"


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def store(db):  # noqa: F811
    opened = open_store(db)
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    for name, role in (("ed", "editor"), ("eve", "editor"), ("rita", "reviewer"), ("paul", "publisher")):
        accounts.add_user(name, PASSWORD)
        accounts.set_role(name, "BSO", role)
    yield opened
    opened.engine.dispose()


def browser(store, clock, name: str) -> TestClient:
    client = TestClient(create_app(store, clock), base_url="https://testserver", follow_redirects=False)
    form = client.get("/editor/login")
    token = re.search(r'name="csrf_token" value="([^"]*)"', form.text).group(1)
    assert client.post("/editor/login", data={"name": name, "password": PASSWORD,
                                              "csrf_token": token}).status_code == 303
    return client


def record_form(page_text: str) -> tuple[dict[str, str], str]:
    """What a browser sends for the record form (no button pressed), and the form's CSRF token."""
    tree = html.fromstring(page_text)
    [form] = tree.xpath('//form[@id="record-form"]')
    values: dict[str, str] = {}
    for name, value in form.form_values():  # a multiple select sends its name once per value: one per line
        values[name] = f"{values[name]}\n{value}" if name in values else value
    return values, values["csrf_token"]


def post_form(client: TestClient, url: str, values: dict[str, str], **extra: str):
    return client.post(url, data={**values, **extra})


def csrf(page_text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', page_text).group(1)


KINDS = {"catalogue": None, "agency": "agencies", "licence": "licences", "terms": "terms",
         "concept_scheme": "concept_schemes", "codelist": "codelists", "dataset": "datasets", "release": "releases",
         "metadata_report": "metadata_reports"}


def test_every_record_reads_back_from_its_own_form_unchanged(store, clock):
    shared = store.catalogue()
    context = {**record_context(shared.info), STRUCTURES: shared.structures()}  # a dataset takes its structure's
    for agency in ("SDMX", "ESTAT", "IAEG-SDGs"):  # the SDMX agency's record is its own, SIMS is Eurostat's
        Accounts(store.engine).set_role("ed", agency, "viewer")
    client = browser(store, clock, "ed")
    for kind, collection in KINDS.items():
        records = getattr(shared, collection) if collection else {shared.info.id: shared.info}
        for record_id, record in records.items():
            page = client.get(f"/editor/{kind}/{record_id}")
            assert page.status_code == 200
            values, _ = record_form(page.text)
            data = report_values(kind, values, decode(form_fields(kind), values), None)  # a report's: by its structure
            if kind in ("dataset", "metadata_report"):  # set by the workflow, not by the form
                data.update(status=record.status,
                            **({"release_time": record.release_time} if getattr(record, "release_time", None) else {}))
            assert RECORD_KINDS[kind].model_validate(data, context=context) == record, (kind, record_id)


def test_texts_stand_side_by_side_default_language_first_with_missing_ones_marked(store, clock):
    client = browser(store, clock, "ed")
    page = client.get(f"/editor/dataset/{DATASET}")
    tree = html.fromstring(page.text)
    [title] = tree.xpath('//fieldset[@id="f-title"]')
    labels = title.xpath('.//div[@class="languages"]/label')
    assert [label.get("lang") for label in labels] == ["en", "fr"]  # the catalogue's default language first
    values, token = record_form(page.text)
    values["title.fr"] = ""
    post_form(client, f"/editor/dataset/{DATASET}", values, action="save")
    tree = html.fromstring(client.get(f"/editor/dataset/{DATASET}").text)
    [french] = tree.xpath('//fieldset[@id="f-title"]//label[@lang="fr"]')
    assert "missing" in french.text_content()
    gaps = html.fromstring(client.get(f"/editor/dataset/{DATASET}/translations").text)
    rows = [row.text_content() for row in gaps.xpath("//tbody/tr")]
    assert any(row.startswith("title") and "Français" in row for row in rows)


def test_an_error_is_listed_linked_to_its_field_and_shown_beside_it_and_blocks_submission(store, clock):
    client = browser(store, clock, "ed")
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    values["variables.0.codelist"] = "CL_NOPE"
    saved = post_form(client, f"/editor/dataset/{DATASET}", values, action="save")
    assert saved.status_code == 303  # an invalid record is saved as a draft
    page = client.get(f"/editor/dataset/{DATASET}")
    tree = html.fromstring(page.text)
    links = tree.xpath('//section[@id="problems"]//a[contains(@href, "variables.0.codelist")]')
    assert links and links[0].text_content() == "variables[0].codelist"
    target = tree.xpath('//*[@id="f-variables.0.codelist"]')
    assert target and target[0].get("aria-invalid") == "true"
    beside = tree.xpath('//*[@id="i-variables.0.codelist"]')[0].text_content()
    assert "unknown codelist 'CL_NOPE'" in beside
    submitted = client.post(f"/editor/dataset/{DATASET}/workflow",
                            data={"csrf_token": csrf(page.text), "revision": values["revision"], "move": "submit"})
    assert submitted.status_code == 409  # the form's revision is stale: the save made a new one
    revision = tree.xpath('//form[@id="record-form"]//input[@name="revision"]')[0].get("value")
    refused = client.post(f"/editor/dataset/{DATASET}/workflow",
                          data={"csrf_token": csrf(page.text), "revision": revision, "move": "submit"})
    assert refused.status_code == 422 and "error" in refused.text


def test_the_checks_panel_answers_as_the_officer_types(store, clock):
    client = browser(store, clock, "ed")
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    values["terms"] = "NOPE"
    panel = client.post(f"/editor/dataset/{DATASET}/check", data=values)
    assert panel.status_code == 200 and panel.text.startswith('<section id="problems"')
    [problem] = html.fromstring(panel.text).xpath('//li[a[@href="#f-terms"]]')
    assert problem.text_content().startswith("terms: unknown terms of use 'NOPE'")


def test_lists_are_added_removed_and_reordered_without_javascript(store, clock):
    client = browser(store, clock, "ed")
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    count = len({name.split(".")[1] for name in values if name.startswith("variables.")})
    added = post_form(client, f"/editor/dataset/{DATASET}", values, action="add:variables")
    assert added.status_code == 200
    values, _ = record_form(added.text)
    assert f"variables.{count}._item" in values
    first, second = values["variables.0.id"], values["variables.1.id"]
    moved = post_form(client, f"/editor/dataset/{DATASET}", values, action="down:variables.0")
    values, _ = record_form(moved.text)
    assert (values["variables.0.id"], values["variables.1.id"]) == (second, first)
    removed = post_form(client, f"/editor/dataset/{DATASET}", values, action=f"remove:variables.{count}")
    values, _ = record_form(removed.text)
    assert f"variables.{count}._item" not in values
    assert post_form(client, f"/editor/dataset/{DATASET}", values, action="save").status_code == 303
    stored = client.get(f"/editor/dataset/{DATASET}")
    values, _ = record_form(stored.text)
    assert (values["variables.0.id"], values["variables.1.id"]) == (second, first)


def test_a_second_save_of_the_same_revision_gets_the_conflict_page_and_nothing_is_lost(store, clock):
    ed, eve = browser(store, clock, "ed"), browser(store, clock, "eve")
    mine, _ = record_form(ed.get(f"/editor/dataset/{DATASET}").text)
    theirs, _ = record_form(eve.get(f"/editor/dataset/{DATASET}").text)
    theirs["title.en"] = "Eve's title"
    theirs["version"] = "3.0"
    assert post_form(eve, f"/editor/dataset/{DATASET}", theirs, action="save").status_code == 303
    mine["title.en"] = "Ed's title"
    conflict = post_form(ed, f"/editor/dataset/{DATASET}", mine, action="save")
    assert conflict.status_code == 409
    tree = html.fromstring(conflict.text)
    rows = {row.xpath("string(th)"): [cell.text_content() for cell in row.xpath("td")[:2]]
            for row in tree.xpath('//section[@id="conflict"]//tbody/tr')}
    assert rows["title.en"] == ["Eve's title", "Ed's title"]
    values, _ = record_form(conflict.text)
    assert values["title.en"] == "Ed's title"  # this person's input is kept
    merged = post_form(ed, f"/editor/dataset/{DATASET}", values, action="take:version")
    values, _ = record_form(merged.text)
    assert (values["title.en"], values["version"]) == ("Ed's title", "3.0")
    assert post_form(ed, f"/editor/dataset/{DATASET}", values, action="save").status_code == 303
    final, _ = record_form(eve.get(f"/editor/dataset/{DATASET}").text)
    assert (final["title.en"], final["version"]) == ("Ed's title", "3.0")


def test_from_a_new_draft_to_a_public_page_after_its_release_time(store, clock):
    ed, rita, paul = (browser(store, clock, name) for name in ("ed", "rita", "paul"))
    page = ed.get("/editor/dataset/new")
    values, _ = record_form(page.text)
    assert values["publisher"] == "BSO"
    values.update({"id": "DS_NEW", "title.en": "Tourism nights", "title.fr": "Nuitées touristiques",
                   "description.en": "Nights spent by tourists in hotels, by region of the country, each month.",
                   "description.fr": "Nuitées des touristes dans les hôtels, par région du pays, chaque mois.",
                   "terms": "OPEN"})
    for _ in range(2):
        values, _ = record_form(post_form(ed, "/editor/dataset/new", values, action="add:variables").text)
    values.update({"variables.0.id": "REGION", "variables.0.label.en": "Region", "variables.0.label.fr": "Région",
                   "variables.0.role": "dimension", "variables.0.data_type": "string",
                   "variables.0.codelist": "CL_AREA", "variables.0.concept": "REF_AREA",
                   "variables.1.id": "OBS_VALUE", "variables.1.label.en": "Nights", "variables.1.label.fr": "Nuitées",
                   "variables.1.role": "measure", "variables.1.data_type": "integer", "variables.1.concept": "OBS_VALUE"})
    created = post_form(ed, "/editor/dataset/new", values, action="save")
    assert created.status_code == 303 and created.headers["location"] == "/editor/dataset/DS_NEW"
    page = ed.get("/editor/dataset/DS_NEW")
    assert "0 errors," in page.text, html.fromstring(page.text).xpath('string(//section[@id="problems"])')

    def move(client, step, **extra):
        text = client.get("/editor/dataset/DS_NEW").text
        revision = html.fromstring(text).xpath('//form[@id="record-form"]//input[@name="revision"]')[0].get("value")
        return client.post("/editor/dataset/DS_NEW/workflow",
                           data={"csrf_token": csrf(text), "revision": revision, "move": step, **extra})

    assert move(ed, "submit").status_code == 303
    text = rita.get("/editor/dataset/DS_NEW").text
    assert rita.post("/editor/dataset/DS_NEW/comments", data={
        "csrf_token": csrf(text), "path": "title.en", "text": "Say which establishments",
        "suggestion": "Nights in hotels"}).status_code == 303
    assert move(rita, "send_back").status_code == 303
    text = ed.get("/editor/dataset/DS_NEW").text
    [apply] = html.fromstring(text).xpath('//form[contains(@action, "/apply")]')
    assert ed.post(apply.get("action"), data=dict(apply.form_values())).status_code == 303
    assert record_form(ed.get("/editor/dataset/DS_NEW").text)[0]["title.en"] == "Nights in hotels"
    assert move(ed, "submit").status_code == 303
    assert move(ed, "approve").status_code == 403  # an editor does not approve
    assert move(rita, "approve").status_code == 303
    release = NOW + timedelta(minutes=1)
    assert move(rita, "publish", release_time=release.isoformat()).status_code == 403
    assert move(paul, "publish", release_time=release.isoformat()).status_code == 303
    public = TestClient(create_app(store, clock), base_url="https://testserver")
    clock.now = release - timedelta(seconds=1)
    assert public.get("/datasets/DS_NEW/index.html").status_code == 404
    clock.now = release
    shown = public.get("/datasets/DS_NEW/index.html")
    assert shown.status_code == 200 and "Nights in hotels" in shown.text


def test_history_shows_each_changed_field_and_language_and_restores(store, clock):
    client = browser(store, clock, "ed")
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    old_title = values["title.fr"]
    values["title.fr"] = "Titre changé"
    post_form(client, f"/editor/dataset/{DATASET}", values, action="save", message="French title")
    page = client.get(f"/editor/dataset/{DATASET}/history")
    tree = html.fromstring(page.text)
    rows = {row.xpath("string(th)"): [cell.text_content() for cell in row.xpath("td")]
            for row in tree.xpath('//table[@class="diff"]/tbody/tr')}
    assert rows == {"title.fr": [old_title, "Titre changé"]}
    assert "French title" in page.text
    [restore] = tree.xpath('//form[starts-with(@id, "restore-1")]')
    assert client.post(restore.get("action"), data=dict(restore.form_values())).status_code == 303
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    assert values["title.fr"] == old_title


def test_every_form_of_the_editor_needs_its_csrf_token(store, clock):
    client = browser(store, clock, "ed")
    for url in (f"/editor/dataset/{DATASET}", f"/editor/dataset/{DATASET}/check", f"/editor/dataset/{DATASET}/workflow",
                f"/editor/dataset/{DATASET}/comments", f"/editor/dataset/{DATASET}/comments/1/apply",
                f"/editor/dataset/{DATASET}/restore", "/editor/dataset/new"):
        assert client.post(url, data={"revision": "1"}).status_code == 403, url
        assert client.post(url, data={"revision": "1", "csrf_token": "wrong"}).status_code == 403, url


def test_hostile_text_is_shown_escaped_in_the_form_the_history_and_the_conflict_page(store, clock):
    client = browser(store, clock, "ed")
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)
    values["title.en"] = hostile
    post_form(client, f"/editor/dataset/{DATASET}", values, action="save", message=hostile)
    for url in (f"/editor/dataset/{DATASET}", f"/editor/dataset/{DATASET}/history",
                f"/editor/dataset/{DATASET}/translations", "/editor/"):
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
    stale = post_form(client, f"/editor/dataset/{DATASET}", values, action="save")
    assert stale.status_code == 409 and "<script>alert" not in stale.text


def test_a_form_reads_back_as_a_record_file_would_say_it():
    form = {"title.en": " Tourism ", "title.fr": "", "variables.1._item": "1", "variables.0._item": "1",
            "variables.0.id": "A", "variables.0.label.fr": "Région", "keywords.en": "nights\n\n hotels ",
            "themes": "ECONOMY\nTOURISM", "temporal_coverage.start": "", "version": "2.0"}
    assert decode(form_fields("dataset"), form) == {
        "title": {"en": "Tourism"}, "keywords": {"en": ["nights", "hotels"]}, "themes": ["ECONOMY", "TOURISM"],
        "version": "2.0", "variables": [{"id": "A", "label": {"fr": "Région"}}, {}]}  # an empty item stays in place


def test_a_reviewer_picks_the_field_of_a_comment_among_the_records_fields(store, clock):
    tree = html.fromstring(browser(store, clock, "rita").get(f"/editor/dataset/{DATASET}").text)
    assert tree.xpath('//input[@id="comment-path"]/@list') == ["p-paths"]
    offered = {option.get("value") for option in tree.xpath('//datalist[@id="p-paths"]/option')}
    assert {"title.en", "title.fr", "variables.0.label.fr", "keywords.en"} <= offered
