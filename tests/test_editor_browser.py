"""Issue 14 in a real browser (Debian's Chromium through Playwright), on SQLite and PostgreSQL, with JavaScript and
without: an officer signs in, creates a dataset with three variables in two languages side by side, picks a
codelist, saves a draft with an error and follows its link, fixes it and submits; a reviewer comments with a
suggestion and sends it back; the officer applies it in one click and submits again; the reviewer approves; the
publisher publishes with a release time one minute ahead, and the public page appears only after it. Two officers
then edit the same record: the second save gets the conflict page with both versions, and nothing is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .browser import PASSWORD, launch_arguments, live_server, screenshot
from .test_store import _postgres_database


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_arguments()}


MODES = {"javascript-postgresql": True, "no-javascript-sqlite": False}
"""Each mode and store once, in pairs (the store's own behaviour on both is tested below the browser:
tests/test_editing.py): the officer with JavaScript on PostgreSQL, without it on SQLite."""


@pytest.fixture(params=list(MODES))
def mode(request, tmp_path):
    if request.param.endswith("sqlite"):
        yield MODES[request.param], f"sqlite:///{tmp_path / 'catalogue.db'}"
    else:
        for url in _postgres_database():
            yield MODES[request.param], url


@pytest.fixture
def server(mode):
    yield from live_server(mode[1])


@pytest.fixture
def javascript(mode) -> bool:
    return mode[0]


def officer(browser, server, name: str, javascript: bool):
    context = browser.new_context(java_script_enabled=javascript, base_url=server.url,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/editor/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/editor/")
    return page


def problems(page) -> str:
    return page.locator("#problems").inner_text()


VARIABLES = [
    {"id": "REGION", "en": "Region", "fr": "Région", "role": "dimension", "data_type": "string",
     "codelist": "CL_NOPE", "concept": "REF_AREA"},
    {"id": "SEX", "en": "Sex", "fr": "Sexe", "role": "dimension", "data_type": "string", "codelist": "CL_SEX",
     "concept": "SEX"},
    {"id": "OBS_VALUE", "en": "Nights", "fr": "Nuitées", "role": "measure", "data_type": "integer",
     "concept": "OBS_VALUE"},
]


def test_a_dataset_from_first_draft_to_its_public_page(browser, server, javascript):
    ed = officer(browser, server, "ed", javascript)
    ed.get_by_role("link", name="Dataset").click()
    ed.fill('[name="id"]', "DS_TOURISM")
    title = ed.locator("#f-title .languages label")
    assert title.nth(0).get_attribute("lang") == "en" and title.nth(1).get_attribute("lang") == "fr"
    boxes = [title.nth(index).bounding_box() for index in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]  # side by side, default language first
    ed.fill('[name="title.en"]', "Tourism nights")
    ed.fill('[name="title.fr"]', "Nuitées touristiques")
    ed.fill('[name="description.en"]', "Nights spent by tourists in hotels, by region of the country, each month.")
    ed.fill('[name="description.fr"]', "Nuitées des touristes dans les hôtels, par région du pays, chaque mois.")
    ed.fill('[name="terms"]', "OPEN")
    for _ in VARIABLES:
        ed.get_by_role("button", name="Add: Variables").click()
    for index, variable in enumerate(VARIABLES):
        prefix = f"variables.{index}."
        ed.fill(f'[name="{prefix}id"]', variable["id"])
        ed.fill(f'[name="{prefix}label.en"]', variable["en"])
        ed.fill(f'[name="{prefix}label.fr"]', variable["fr"])
        ed.select_option(f'[name="{prefix}role"]', variable["role"])
        ed.select_option(f'[name="{prefix}data_type"]', variable["data_type"])
        ed.fill(f'[name="{prefix}concept"]', variable["concept"])
        if "codelist" in variable:
            ed.fill(f'[name="{prefix}codelist"]', variable["codelist"])  # offered by a list of the codelists
    assert ed.locator('[name="variables.1.codelist"]').get_attribute("list") == "p-codelist"
    assert ed.locator('#p-codelist option[value="CL_SEX"]').count() == 1
    screenshot(ed, "dataset-form", top=True)
    ed.get_by_role("button", name="Save draft").first.click()
    ed.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert "1 error," in problems(ed)  # saved as a draft all the same
    link = ed.locator("#problems a", has_text="variables[0].codelist")
    link.click()
    assert ed.url.endswith("#f-variables.0.codelist")
    assert "unknown codelist 'CL_NOPE'" in ed.locator('[id="i-variables.0.codelist"]').inner_text()
    assert ed.locator('[id="f-variables.0.codelist"]').get_attribute("aria-invalid") == "true"
    screenshot(ed, "dataset-error")
    assert ed.get_by_role("button", name="Submit for review").count() == 0  # not offered: the record has an error
    assert "Fix the errors" in ed.locator("#workflow-heading + p, .actions [role=note]").first.inner_text()
    ed.goto("/editor/dataset/DS_TOURISM")
    ed.fill('[name="variables.0.codelist"]', "CL_AREA")
    if javascript:  # the panel follows what is typed, before any save
        # a locator waits without running the page's own script: the editor's Content-Security-Policy holds
        expect(ed.locator("#problems")).not_to_contain_text("CL_NOPE")
        assert "0 errors," in problems(ed)
    ed.get_by_role("button", name="Save draft").first.click()
    ed.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert "0 errors," in problems(ed)
    ed.get_by_role("button", name="Submit for review").click()
    ed.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert "In review" in ed.locator(".stage").inner_text()

    rita = officer(browser, server, "rita", javascript)
    rita.goto("/editor/dataset/DS_TOURISM")
    rita.get_by_label("Field (e.g.").fill("title.en")
    rita.get_by_label("Comment", exact=True).fill("Say which establishments are counted.")
    rita.get_by_label("Suggested value (optional)").fill("Nights in hotels")
    rita.get_by_role("button", name="Add the comment").click()
    rita.get_by_role("button", name="Send back to draft").click()
    rita.wait_for_url("**/editor/dataset/DS_TOURISM")
    rita.locator("#comments-heading").scroll_into_view_if_needed()
    screenshot(rita, "review-comment")

    ed.goto("/editor/dataset/DS_TOURISM")
    ed.get_by_role("button", name="Apply the suggestion").click()
    ed.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert ed.input_value('[name="title.en"]') == "Nights in hotels"
    ed.get_by_role("button", name="Submit for review").click()
    rita.goto("/editor/dataset/DS_TOURISM")
    rita.get_by_role("button", name="Approve").click()
    rita.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert rita.get_by_role("button", name="Publish").count() == 0  # a reviewer does not publish

    paul = officer(browser, server, "paul", javascript)
    paul.goto("/editor/dataset/DS_TOURISM")
    release = server.clock.now + timedelta(minutes=1)
    paul.get_by_label("Date and time").fill(release.strftime("%Y-%m-%dT%H:%M"))  # a date and time picker
    paul.get_by_label("Time zone (offset from UTC)").select_option("+00:00")
    paul.get_by_label("Date and time").scroll_into_view_if_needed()
    screenshot(paul, "publish")
    paul.get_by_role("button", name="Publish").click()
    paul.wait_for_url("**/editor/dataset/DS_TOURISM")
    assert "Published" in paul.locator(".stage").inner_text()

    public = browser.new_context(java_script_enabled=javascript, base_url=server.url).new_page()
    server.clock.now = release - timedelta(seconds=1)
    assert public.goto("/datasets/DS_TOURISM/index.html").status == 404
    server.clock.now = release
    shown = public.goto("/datasets/DS_TOURISM/index.html")
    assert shown.status == 200 and "Nights in hotels" in public.locator("h1").inner_text()
    screenshot(public, "public-page", top=True)

    assert ed.goto("/editor/dataset/DS_TOURISM/history").status == 200
    assert "applied the suggestion of rita on title.en" in ed.locator("table").first.inner_text()
    ed.get_by_label("From 1", exact=True).check()
    ed.get_by_role("button", name="Compare").click()
    ed.wait_for_url(lambda url: "from=1" in url)
    changes = ed.locator("table.diff tbody tr")
    assert changes.filter(has_text="title.en").inner_text().split("\t")[1:] == ["Tourism nights", "Nights in hotels"]
    screenshot(ed, "history", top=True)


def test_two_officers_save_the_same_record_and_nothing_is_lost(browser, server, javascript):
    ed = officer(browser, server, "ed", javascript)
    eve = officer(browser, server, "eve", javascript)
    record = "/editor/dataset/DS_POP_AGE_SEX_REGION"
    ed.goto(record)
    eve.goto(record)
    eve.fill('[name="title.en"]', "Eve's title")
    eve.fill('[name="version"]', "3.0")
    eve.get_by_role("button", name="Save draft").first.click()
    eve.wait_for_url(f"**{record}")
    ed.fill('[name="title.en"]', "Ed's title")
    ed.get_by_role("button", name="Save draft").first.click()
    conflict = ed.locator("#conflict")
    conflict.wait_for()
    rows = conflict.locator("tbody tr")
    title_row = rows.filter(has_text="title.en")
    assert "Eve's title" in title_row.inner_text() and "Ed's title" in title_row.inner_text()
    assert ed.input_value('[name="title.en"]') == "Ed's title"  # this person's input is kept
    screenshot(ed, "conflict")
    rows.filter(has_text="version").get_by_role("button", name="Take theirs").click()
    ed.locator('[name="version"]').wait_for()
    assert ed.input_value('[name="version"]') == "3.0" and ed.input_value('[name="title.en"]') == "Ed's title"
    ed.get_by_role("button", name="Save draft").first.click()
    ed.wait_for_url(f"**{record}")
    eve.goto(record)
    assert eve.input_value('[name="title.en"]') == "Ed's title" and eve.input_value('[name="version"]') == "3.0"
