"""Issue 14, point 5: codelists in the editor — a pasted CSV (id, parent, a name column per language) adds or updates
codes, with the line and column of each problem; server-side search and the hierarchy a level at a time, on a
100,000-code codelist; a long codelist's form leaves its codes out and keeps them; pickers offer the catalogue's
records."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.editing.codes import CODES_IN_FORM, index_codes, merge_codes, read_codes_csv
from catalogue.editing.service import Editing
from catalogue.errors import BadPaste
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


def test_a_pasted_csv_reads_names_per_language_and_parents():
    pasted = read_codes_csv("id;parent;name_en;name.fr\nEU;;Europe;Europe\nFR;EU;France;France\n\nDE;EU;Germany;\n",
                            ["en", "fr"])
    assert pasted.problems == []
    assert pasted.codes == [{"id": "EU", "name": {"en": "Europe", "fr": "Europe"}},
                            {"id": "FR", "name": {"en": "France", "fr": "France"}, "parent": "EU"},
                            {"id": "DE", "name": {"en": "Germany"}, "parent": "EU"}]
    tabbed = read_codes_csv("id\ten\tfr\nA\tAlpha\tAlpha (fr)\n", ["en", "fr"])
    assert tabbed.codes == [{"id": "A", "name": {"en": "Alpha", "fr": "Alpha (fr)"}}]


@pytest.mark.parametrize("text, message", [
    ("", "the CSV is empty"),
    ("code,name_en\nA,Alpha\n", "line 1: no 'id' column (the header is code, name_en)"),
    ("id,name_de\nA,Alpha\n", "line 1: column name_de is not id, parent or a name in one of the catalogue's "
                              "languages (en, fr)"),
    ("id,name_en\nA,Alpha\n,Beta\n", "line 3, column 1: the id is empty"),
    ("id,name_en\nA,Alpha\nB,Beta\nA,Again\n", "line 4, column 1: code 'A' is also on line 2"),
])
def test_a_bad_paste_says_where(text, message):
    problems = read_codes_csv(text, ["en", "fr"]).problems
    assert problems and problems[0].message.startswith(message)


def test_merging_adds_at_the_end_and_updates_in_place():
    existing = [{"id": "A", "name": {"en": "Alpha", "fr": "Alpha"}}, {"id": "B", "name": {"en": "Beta"}}]
    merged, added, updated = merge_codes(existing, [{"id": "B", "name": {"fr": "Bêta"}, "parent": "A"},
                                                    {"id": "C", "name": {"en": "Gamma"}},
                                                    {"id": "A", "name": {"en": "Alpha"}}])
    assert (added, updated) == (1, 1)
    assert merged == [{"id": "A", "name": {"en": "Alpha", "fr": "Alpha"}},
                      {"id": "B", "name": {"en": "Beta", "fr": "Bêta"}, "parent": "A"},
                      {"id": "C", "name": {"en": "Gamma"}}]


def big_codelist(count: int) -> list[dict]:
    """Regions, each with districts, each with localities: ``count`` codes in three levels."""
    codes = []
    for number in range(count):
        level = 0 if number < 20 else 1 if number < 1000 else 2
        parent = None if level == 0 else f"R{number % 20:02d}" if level == 1 else f"D{20 + number % 980:05d}"
        prefix = ("R", "D", "L")[level]
        code = {"id": f"{prefix}{number:05d}" if level else f"R{number:02d}",
                "name": {"en": f"Place {number}", "fr": f"Lieu {number}"}}
        if parent:
            code["parent"] = parent
        codes.append(code)
    return codes


def test_search_and_tree_on_100000_codes():
    index = index_codes(big_codelist(100_000))
    found, more = index.search("l09999")
    assert [code["id"] for code in found] == ["L09999"] and not more
    found, more = index.search("Place 1000")
    assert [code["id"] for code in found] == ["L01000", *(f"L{n}" for n in range(10000, 10010))] and not more
    found, more = index.search("Place 100")  # 111 match: the first 50, and "more"
    assert len(found) == 50 and found[0]["name"]["en"] == "Place 100" and more
    found, _ = index.search("d0002")  # ids that start with it first, then ids and names that hold it
    assert found[0]["id"] == "D00020" and all(code["id"].startswith("D0002") for code in found[:10])
    found, more = index.search("Lieu 99998")
    assert [code["id"] for code in found] == ["L99998"] and not more
    top, total = index.below(None)
    assert total == 20 and top[0][0]["id"] == "R00" and top[0][1] == 49  # each region with its 49 districts
    districts, total = index.below("R03", limit=10)
    assert total == 49 and len(districts) == 10
    assert [code["id"] for code in index.path_to("L50000")] == ["R00", "D00040", "L50000"]


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    accounts.add_user("ed", PASSWORD)
    accounts.set_role("ed", "BSO", "editor")
    yield opened
    opened.engine.dispose()


def signed_in(store) -> TestClient:
    client = TestClient(create_app(store, lambda: NOW), base_url="https://testserver", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/login").text).group(1)
    client.post("/editor/login", data={"name": "ed", "password": PASSWORD, "csrf_token": token})
    return client


def test_pasting_codes_in_the_browser_makes_a_revision_and_a_bad_paste_keeps_the_text(store):
    client = signed_in(store)
    released = client.get("/editor/codelist/BSO:CL_SEX(1.0)/codes")  # a released version: no paste, a new version
    assert released.status_code == 200 and not html.fromstring(released.text).xpath('//form[@method="post"]')
    versions = client.get("/editor/codelist/BSO:CL_SEX(1.0)/versions")
    [form] = html.fromstring(versions.text).xpath('//form[@method="post"]')
    assert dict(form.form_values())["version"] == "1.1"
    made = client.post(form.action, data=dict(form.form_values()))
    assert made.status_code == 303 and made.headers["location"] == "/editor/codelist/BSO:CL_SEX(1.1)"
    page = client.get("/editor/codelist/BSO:CL_SEX(1.1)/codes")
    assert page.status_code == 200
    [form] = html.fromstring(page.text).xpath('//form[@method="post"]')
    values = dict(form.form_values())
    bad = client.post("/editor/codelist/BSO:CL_SEX(1.1)/codes", data={**values, "csv": "id,name_en\nX,Other\n,Blank\n"})
    assert bad.status_code == 422 and "line 3, column 1: the id is empty" in bad.text
    assert "X,Other" in html.fromstring(bad.text).xpath("string(//textarea)")  # nothing typed is lost
    good = client.post("/editor/codelist/BSO:CL_SEX(1.1)/codes", data={**values, "csv": "id,name_en,name_fr\nX,Other,Autre\n"})
    assert good.status_code == 303
    editing = Editing(store, lambda: NOW)
    opened = editing.current("codelist", "BSO:CL_SEX(1.1)")
    assert opened.data["codes"][-1] == {"id": "X", "name": {"en": "Other", "fr": "Autre"}}
    assert editing.history("ed", "codelist", "BSO:CL_SEX(1.1)")[0]["message"] == "1 code(s) added and 0 updated from a pasted CSV"
    with pytest.raises(BadPaste):
        editing.paste_codes("ed", "BSO:CL_SEX(1.1)", opened.revision, "name_en\nNo id\n")


def test_a_long_codelist_is_searched_on_its_own_page_and_its_form_keeps_its_codes(store):
    editing = Editing(store, lambda: NOW)
    codes = big_codelist(5_000)
    created = editing.create("ed", "codelist", {"id": "CL_PLACES", "agency": "BSO", "version": "1.0",
                                                "name": {"en": "Places", "fr": "Lieux"}, "codes": codes})
    assert len(created.data["codes"]) == 5_000 > CODES_IN_FORM
    client = signed_in(store)
    page = client.get("/editor/codelist/BSO:CL_PLACES(1.0)")
    tree = html.fromstring(page.text)
    assert not tree.xpath('//input[starts-with(@name, "codes.0")]')  # no form field per code
    assert tree.xpath('//a[@href="/editor/codelist/BSO:CL_PLACES(1.0)/codes"]')
    [form] = tree.xpath('//form[@id="record-form"]')
    values = dict(form.form_values())
    values["name.en"] = "Places of the country"
    assert client.post("/editor/codelist/BSO:CL_PLACES(1.0)", data={**values, "action": "save"}).status_code == 303
    saved = editing.current("codelist", "BSO:CL_PLACES(1.0)")
    assert saved.data["name"]["en"] == "Places of the country" and saved.data["codes"] == codes
    results = client.get("/editor/codelist/BSO:CL_PLACES(1.0)/codes", params={"q": "Lieu 4321"})
    rows = html.fromstring(results.text).xpath('//div[@id="code-results"]//tbody/tr')
    assert [row.xpath("string(td[1])") for row in rows] == ["L04321"]
    below = client.get("/editor/codelist/BSO:CL_PLACES(1.0)/codes", params={"parent": "R05"})
    listed = html.fromstring(below.text).xpath('//ul[@class="codes"]/li')
    assert len(listed) == 49 and listed[0].text_content().startswith("D00025")


def test_reference_fields_offer_the_catalogues_records(store):
    client = signed_in(store)
    tree = html.fromstring(client.get("/editor/dataset/DS_POP_AGE_SEX_REGION").text)
    assert tree.xpath('//input[@name="variables.0.codelist"]/@list') == ["p-codelist"]
    offered = {option.get("value") for option in tree.xpath('//datalist[@id="p-codelist"]/option')}
    assert {"CL_SEX", "CL_AGE", "CL_AREA"} <= offered
    assert {"OPEN", "RDC"} <= {option.get("value") for option in tree.xpath('//datalist[@id="p-terms"]/option')}
    assert tree.xpath('//select[@name="frequency"]/option[@value="annual"]')  # from mappings/frequencies.yaml
    assert tree.xpath('//select[@name="distributions.0.format"]/option[@value="CSV"]')
    themes = tree.xpath('//select[@name="themes"][@multiple]/option')
    assert {option.get("value") for option in themes} >= {"POPULATION"} and themes[0].get("selected") is not None
    contacts = {option.get("value") for option in tree.xpath('//datalist[@id="p-contact_point"]/option')}
    assert contacts and tree.xpath('//input[@name="contact_point"]/@list') == ["p-contact_point"]
    codes = html.fromstring(client.get("/editor/codelist/BSO:CL_AGE(1.1)").text)
    assert codes.xpath('//input[@name="codes.1.parent"]/@list') == ["p-parent"]
    assert {"_T"} <= {option.get("value") for option in codes.xpath('//datalist[@id="p-parent"]/option')}
