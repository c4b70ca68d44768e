"""The editor's report form (issue 34, point 5): generated from the report's metadata structure (every concept in
order, numbered, its texts side by side, codes from its codelist, the publication switch per attribute); saved
through the same workflow, history, conflicts and checks as every record; nested values never lost by a save; the
forms work without JavaScript (add or remove an occurrence by buttons)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.editing.report_form import read_values, report_action, report_anchor
from catalogue.errors import EditingError
from catalogue.records.loader import read_catalogue

from .conftest import EXAMPLE
from .test_editor_codes import NOW, signed_in, store  # noqa: F401 - the fixture, with an editor of BSO

REPORT = "/editor/metadata_report/LFS_SIMS_2024"


def form_of(page: str) -> tuple[str, list[tuple[str, str]]]:
    """The record form's action and its inputs as a browser sends them (checkboxes checked only; no button)."""
    [form] = html.fromstring(page).xpath('//form[@id="record-form"]')
    fields = []
    for element in form.xpath(".//input|.//textarea|.//select"):
        name = element.get("name")
        if not name or element.get("type") == "submit":
            continue
        if element.tag == "input" and element.get("type") == "checkbox":
            if element.get("checked") is not None:
                fields.append((name, element.get("value") or "on"))
        elif element.tag == "select":
            chosen = element.xpath("./option[@selected]")
            fields.append((name, chosen[0].get("value") if chosen else ""))
        elif element.tag == "textarea":
            fields.append((name, element.text or ""))
        else:
            fields.append((name, element.get("value") or ""))
    return form.action, fields


def post(client: TestClient, action: str, fields: list[tuple[str, str]]):
    """A form sent as a browser sends it (inputs in document order, names repeated where they are)."""
    from urllib.parse import urlencode
    return client.post(action, content=urlencode(fields), headers={"Content-Type": "application/x-www-form-urlencoded"})


def changed(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    found = [(n, value if n == name else v) for n, v in fields]
    return found if any(n == name for n, _ in fields) else [*found, (name, value)]


def test_the_form_lays_out_every_concept_of_the_structure_in_order(store):
    page = signed_in(store).get(REPORT)
    assert page.status_code == 200
    tree = html.fromstring(page.text)
    names = [" ".join(p.text_content().split()) for p in tree.xpath('//div[contains(@class,"report-slot")]'
                                                                      '/p[@class="slot-name"]')]
    assert names[0] == "1 Contact CONTACT" and names[1].startswith("1.1 Contact organisation CONTACT_ORGANISATION")
    assert any(name.startswith("13 Accuracy and reliability ACCURACY") for name in names)
    assert len(names) >= 99  # every SIMS attribute, once at least
    english = tree.xpath('//textarea[@name="report:CONTACT~0/CONTACT_ORGANISATION~0:text:en"]')[0]
    french = tree.xpath('//textarea[@name="report:CONTACT~0/CONTACT_ORGANISATION~0:text:fr"]')[0]
    assert english.text == "Belmar Statistics Office" and french.text == "Office statistique du Belmar"
    switch = tree.xpath('//input[@name="report:CONF~0/CONF_DATA_TR~0:confidential"]')[0]
    assert switch.get("checked") is not None  # the value not for publication, shown to its officer
    assert not tree.xpath('//*[starts-with(@name, "values.")]')  # the generic list form, which lost nested values


def test_a_save_keeps_every_value_and_changes_only_what_was_typed(store):
    client = signed_in(store)
    before = client.get(REPORT)
    action, fields = form_of(before.text)
    fields = changed(fields, "report:STAT_PROCESS~0/COLL_METHOD~0:text:fr", "<p>Entretiens assistés.</p>")
    fields = changed(fields, "message", "collection method in French")
    saved = post(client, action, fields + [("action", "save")])
    assert saved.status_code == 303, saved.text[:2000]
    from catalogue.editing.service import Editing
    editing = Editing(store, lambda: NOW)
    data = editing.open("ed", "metadata_report", "LFS_SIMS_2024").data
    original = read_catalogue(EXAMPLE).metadata_reports["LFS_SIMS_2024"].model_dump(mode="json", exclude_none=True,
                                                                                  exclude_defaults=True)
    process = next(v for v in data["values"] if v["attribute"] == "STAT_PROCESS")
    method = next(v for v in process["values"] if v["attribute"] == "COLL_METHOD")
    assert method["text"] == {"en": "<p>Computer-assisted personal and telephone interviews.</p>",
                              "fr": "<p>Entretiens assistés.</p>"}
    method["text"]["fr"] = next(v for v in next(v for v in original["values"] if v["attribute"] == "STAT_PROCESS")
                                ["values"] if v["attribute"] == "COLL_METHOD")["text"]["fr"]
    assert data["values"] == original["values"]  # nothing else moved, nested values and the switch kept
    history = client.get(f"{REPORT}/history")
    assert "collection method in French" in history.text


def test_a_repeatable_attribute_gets_another_occurrence_without_javascript(store, tmp_path):
    client = signed_in(store)
    action, fields = form_of(client.get(REPORT).text)
    buttons = html.fromstring(client.get(REPORT).text).xpath('//button[starts-with(@value, "report-add:")]')
    assert buttons, "a repeatable attribute offers another occurrence"
    added = post(client, action, fields + [("action", buttons[0].get("value"))])
    assert added.status_code == 200  # the form again, nothing saved
    key = buttons[0].get("value").removeprefix("report-add:")
    second = key[:-1] + str(int(key[-1]) + 1)
    assert f'name="report:{second}:slot"' in added.text


def test_a_check_finding_is_shown_at_its_slot_and_a_bad_code_is_refused_at_save(store):
    client = signed_in(store)
    action, fields = form_of(client.get(REPORT).text)
    fields = changed(fields, "report:STAT_PRES~0/REF_AREA~0:text:en", "")
    fields = [f for f in fields if f[0] != "report:META_UPDATE~0/META_CERTIFIED~0:value"] + \
        [("report:META_UPDATE~0/META_CERTIFIED~0:value", "not a date")]
    page = post(client, action, fields + [("action", "report-add:NOSUCH~0")])
    tree = html.fromstring(page.text)
    slot = tree.xpath('//div[@id="f-report-META_UPDATE-0_META_CERTIFIED-0"]')[0]
    assert "not a date" in slot.xpath('.//input[contains(@name, ":value")]')[0].get("value")
    assert slot.xpath('.//ul[@class="issues"]'), "the finding is shown at the slot"
    links = [a.get("href") for a in tree.xpath('//section[@id="problems"]//a')]
    assert "#f-report-META_UPDATE-0_META_CERTIFIED-0" in links


def test_the_form_reader_refuses_hostile_names_and_bounds_the_work():
    with pytest.raises(EditingError):
        read_values({"report:_form": "1", "report:../etc~0:slot": "1"})
    with pytest.raises(EditingError):
        read_values({"report:_form": "1", "report:" + "/".join(["A~0"] * 40) + ":slot": "1"})
    assert read_values({"report:CONTACT~0:slot": "1"}) is None  # no form of values: they stay as they were
    values = read_values({"report:_form": "1", "report:A~0:slot": "1", "report:A~0/B~0:text:en": " x ",
                          "report:A~0/B~1:slot": "1", "report:C~0:value": "3", "report:C~0:confidential": "true",
                          "report:D~0:text:xx-<script>": "dropped"})
    assert values == [{"attribute": "A", "values": [{"attribute": "B", "text": {"en": "x"}}]},
                      {"attribute": "C", "value": "3", "confidential": True}]
    assert report_action(values, "report-add:A~0/B~0")[0]["values"] == [
        {"attribute": "B", "text": {"en": "x"}}, {"attribute": "B"}]
    assert report_action(values, "report-remove:C~0") == [values[0]]
    assert report_anchor(values, ("values", 0, "values", 0, "text", "en")) == "report-A-0_B-0"


def test_review_a_save_keeps_what_the_form_cannot_offer_and_a_mark_it_does_not_know(store):
    """Review: an unchanged save dropped a coded value whose codelist has no codes to offer, the value and children
    of an attribute the structure does not have, and a not-for-publication mark other than true (fail-open)."""
    from catalogue.editing.service import Editing

    editing = Editing(store, lambda: NOW)
    opened = editing.open("ed", "metadata_report", "LFS_SIMS_2024")
    values = [dict(v) for v in opened.data["values"]]
    values.append({"attribute": "NOT-IN_SIMS", "value": "kept", "values": [
        {"attribute": "UNDER", "text": {"en": "also kept"}, "confidential": "yes"}]})
    frequency = next(v for v in values if v["attribute"] == "FREQ_DISS")  # a text attribute given a value
    frequency["value"] = "NOT_A_CODE"
    editing.save("ed", "metadata_report", "LFS_SIMS_2024", {**opened.data, "values": values}, opened.revision, "odd")
    client = signed_in(store)
    action, fields = form_of(client.get(REPORT).text)
    assert post(client, action, fields + [("action", "save")]).status_code == 303
    saved = editing.open("ed", "metadata_report", "LFS_SIMS_2024").data["values"]
    assert {"attribute": "NOT-IN_SIMS", "value": "kept", "values": [
        {"attribute": "UNDER", "text": {"en": "also kept"}, "confidential": True}]} in saved
    assert next(v for v in saved if v["attribute"] == "FREQ_DISS")["value"] == "NOT_A_CODE"


def test_review_removing_an_empty_occurrence_removes_that_one():
    values = read_values({"report:_form": "1", "report:LINK~0:value": "https://a.example/", "report:LINK~1:slot": "1",
                          "report:LINK~2:value": "https://b.example/", "report:LINK~2:confidential": "true"},
                         prune=False)
    assert report_action(values, "report-remove:LINK~1") == [
        {"attribute": "LINK", "value": "https://a.example/"},
        {"attribute": "LINK", "value": "https://b.example/", "confidential": True}]
