"""Issue 34, point 5, in a real browser (Debian's Chromium through Playwright), without JavaScript on SQLite: an
officer edits the example's SIMS report in the form its structure lays out (languages side by side), writes a
French text, marks a value not for publication, adds a second occurrence of a repeatable concept and saves; a
reviewer approves; the publisher publishes; the public page shows the new texts and not the value held back."""

from __future__ import annotations

import pytest

from .browser import launch_arguments, live_server, screenshot
from .test_editor_browser import officer

REPORT = "/editor/metadata_report/LFS_SIMS_2024"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_arguments()}


@pytest.fixture
def server(tmp_path):
    yield from live_server(f"sqlite:///{tmp_path / 'catalogue.db'}")


def test_an_officer_edits_a_sims_report_from_its_form_to_its_public_page(browser, server):
    public = browser.new_context(java_script_enabled=False, base_url=server.url).new_page()
    before = public.goto("/fr/reports/LFS_SIMS_2024/index.html")
    assert before.status == 200 and "coefficient de variation" in public.content()

    ed = officer(browser, server, "ed", False)
    ed.goto(REPORT)
    organisation = ed.locator('[id="f-report-CONTACT-0_CONTACT_ORGANISATION-0"] .languages label')
    boxes = [organisation.nth(index).bounding_box() for index in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]  # side by side, default language first
    assert "18.3" in ed.locator('[id="f-report-STAT_PROCESS-0_COLL_METHOD-0"] .number').inner_text()
    ed.fill('[name="report:STAT_PROCESS~0/COLL_METHOD~0:text:fr"]',
            "<p>Entretiens en face à face et par téléphone, assistés par ordinateur.</p>")
    ed.locator('[id="f-report-ACCURACY-0_SAMPLING_ERR-0"]').get_by_label("Not for publication").check()
    frequency = ed.locator('[id="f-report-FREQ_DISS-0"]')
    frequency.get_by_role("button", name="Add another").click()  # the form again, with a second occurrence
    ed.wait_for_url(f"**{REPORT}")
    second = ed.locator('[name="report:FREQ_DISS~1:text:en"]')
    second.wait_for()
    assert ed.input_value('[name="report:STAT_PROCESS~0/COLL_METHOD~0:text:fr"]').startswith("<p>Entretiens en face")
    second.fill("Yearly tables in the statistical yearbook.")
    ed.fill('[name="report:FREQ_DISS~1:text:fr"]', "Tableaux annuels dans l'annuaire statistique.")
    screenshot(ed, "report-form")
    ed.fill('[name="message"]', "French collection method, yearbook tables, sampling error held back")
    ed.get_by_role("button", name="Save draft").first.click()
    ed.wait_for_url(f"**{REPORT}")
    assert "0 errors," in ed.locator("#problems").inner_text()
    ed.get_by_role("button", name="Submit for review").click()
    ed.wait_for_url(f"**{REPORT}")

    rita = officer(browser, server, "rita", False)
    rita.goto(REPORT)
    rita.get_by_role("button", name="Approve").click()
    rita.wait_for_url(f"**{REPORT}")
    paul = officer(browser, server, "paul", False)
    paul.goto(REPORT)
    paul.get_by_role("button", name="Publish").click()
    paul.wait_for_url(f"**{REPORT}")
    assert "Published" in paul.locator(".stage").inner_text()

    reader = browser.new_context(java_script_enabled=False, base_url=server.url).new_page()  # no cached copy
    page = reader.goto("/fr/reports/LFS_SIMS_2024/index.html")
    assert page.status == 200
    text = reader.content()
    assert "Entretiens en face à face et par téléphone, assistés par ordinateur." in text
    assert "Tableaux annuels dans l'annuaire statistique." in text
    assert "coefficient de variation" not in text  # held back by the switch
    assert "Note interne" not in text
    history = ed.goto(f"{REPORT}/history")
    assert history.status == 200 and "sampling error held back" in ed.locator("table").first.inner_text()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_form_has_no_accessibility_violation(browser, server, language):
    from .test_accessibility import signed_in, violations

    admin = signed_in(browser, server, language)
    admin.goto(REPORT)
    assert admin.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert violations(admin) == []
