"""Issue 14, accessibility: axe-core (vendored from npm) finds no violation of the WCAG 2.x A and AA rules on any
page type of the editor, of the public site and of the researchers' pages (30 page types), in a left-to-right
language (Spanish) and a right-to-left one (Arabic), as Debian's Chromium renders them."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.access.profile import Profile
from catalogue.access.researchers import Researchers
from catalogue.support.mail import MailSettings

from .browser import PASSWORD, launch_arguments, live_server
from .conftest import ALMARA

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
         "resultTypes": ["violations"]}
DATASET = "DS_POB_MUNICIPIO"
ENCLAVE = "DS_ENCUESTA_HOGARES"
"""A dataset whose terms take applications (in the research data centre)."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_arguments()}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    nowhere = MailSettings("127.0.0.1", 9, "catalogue@example.org", timeout=1)  # the forms show; no mail is sent
    yield from live_server(f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'c.db'}", ALMARA, "INEA", nowhere)


def violations(page) -> list[str]:
    page.add_script_tag(content=AXE)
    found = page.evaluate("options => axe.run(document, options)", RULES)["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
            for v in found]


def signed_in(browser, server, language: str):
    context = browser.new_context(bypass_csp=True, base_url=server.url, locale=language, extra_http_headers={
        "Accept-Language": language})
    page = context.new_page()
    page.goto("/editor/login")
    page.get_by_role("textbox").first.fill("ada")
    page.locator('input[type="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').click()
    page.wait_for_url("**/editor/")
    return page


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_violation_on_any_page_of_the_editor_or_the_site(browser, server, language):
    anonymous = browser.new_context(bypass_csp=True, base_url=server.url, locale=language,
                                    extra_http_headers={"Accept-Language": language}).new_page()
    prefix = "" if language == "es" else f"/{language}"
    pages = {"sign-in": (anonymous, "/editor/login"),
             "catalogue page": (anonymous, f"{prefix}/index.html"),
             "front page (search)": (anonymous, f"{prefix}/"),
             "search with a filter": (anonymous, f"{prefix}/search?q=poblacion&theme=POBLACION"),
             "search that finds nothing": (anonymous, f"{prefix}/search?q=zzzz"),
             "dataset page": (anonymous, f"{prefix}/datasets/{DATASET}/index.html"),
             "release calendar": (anonymous, f"{prefix}/releases.html"),
             "series page": (anonymous, f"{prefix}/series/PADRON/index.html"),
             "researcher registration": (anonymous, "/account/register"),
             "researcher sign-in": (anonymous, "/account/sign-in"),
             "forgotten password": (anonymous, "/account/password")}
    officer = signed_in(browser, server, language)
    pages |= {"editor home": (officer, "/editor/"),
              "dataset form": (officer, f"/editor/dataset/{DATASET}"),
              "new dataset form": (officer, "/editor/dataset/new"),
              "codelist form": (officer, "/editor/codelist/BSO:CL_SEX(1.0)"),
              "history": (officer, f"/editor/dataset/{DATASET}/history"),
              "untranslated texts": (officer, f"/editor/dataset/{DATASET}/translations"),
              "audit log": (officer, "/editor/audit/INEA"),
              "data files": (officer, f"/editor/dataset/{DATASET}/files"),
              "codes of a codelist": (officer, "/editor/codelist/BSO:CL_SEX(1.0)/codes?q=M"),
              "versions of a codelist": (officer, "/editor/codelist/BSO:CL_SEX(1.0)/versions"),
              "releases of a dataset": (officer, f"/editor/dataset/{DATASET}/releases"),
              "releases of a series": (officer, "/editor/series/PADRON/releases"),
              "records folder": (officer, "/editor/folder"),
              "dataset preview": (officer, f"/editor/dataset/{DATASET}/preview?language={language}"),
              "public view preview": (officer, f"/editor/preview?at=2030-01-01T00:00:00Z&language={language}"),
              "refusal": (officer, "/editor/dataset/NO_SUCH_DATASET")}
    found = {}
    for name, (page, path) in pages.items():
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), (name, path)
        found[name] = violations(page)
    # the pages that only a form leads to: forms with an error beside their field, and the conflict page
    anonymous.goto("/account/register")
    anonymous.fill("#email", f"a11y-{language}@example.org")
    anonymous.fill("#password", PASSWORD)
    anonymous.fill("#password_again", PASSWORD)
    anonymous.fill("#name", "Amina Diallo")
    anonymous.fill("#organisation", "Université de Belmar")
    anonymous.select_option("#country", "SN")
    anonymous.fill("#orcid", "0000-0000-0000-0000")  # a wrong check digit
    anonymous.locator('form button[type="submit"]').click()
    anonymous.locator("#orcid-problem").wait_for()
    found["registration with an error"] = violations(anonymous)
    officer.goto(f"/editor/dataset/{DATASET}")
    revision = officer.locator('#record-form input[name="revision"]').get_attribute("value")
    officer.fill('[name="variables.0.codelist"]', f"CL_NOPE_{language.upper()}")  # a change in every language's run (one store)
    officer.locator('#record-form button[value="save"]').last.click()
    officer.wait_for_url(f"**/editor/dataset/{DATASET}")
    found["form with an error"] = violations(officer)
    officer.evaluate("revision => { document.querySelector('#record-form input[name=revision]').value = revision; }",
                     revision)
    officer.locator('#record-form button[value="save"]').last.click()
    officer.locator("#conflict").wait_for()
    found["conflict page"] = violations(officer)
    found |= applying_pages(browser, server, language)
    assert {name: problems for name, problems in found.items() if problems} == {}


def applying_pages(browser, server, language: str) -> dict[str, list[str]]:
    """A researcher's pages of applying (in the researcher's own language): the form, the form with its errors,
    the request's page and the list of requests."""
    email = f"applicant-{language}@example.org"
    researchers = Researchers(server.store.engine)
    _, token, _ = researchers.register(email, PASSWORD, Profile("Amina Diallo", "Université de Belmar", "SN", None,
                                                                 language), server.clock())
    assert token is not None and researchers.confirm(token, PASSWORD, server.clock(), "192.0.2.1")[1] is not None
    page = browser.new_context(bypass_csp=True, base_url=server.url, locale=language).new_page()
    page.goto("/account/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator('form button[type="submit"]').click()
    page.wait_for_url("**/account/")
    found = {}
    page.goto(f"/account/apply/{ENCLAVE}")
    found["application form"] = violations(page)
    page.fill("#q_project", "Ingresos de los hogares")
    page.evaluate("() => document.querySelector('form[action^=\"/account/apply\"]').noValidate = true")
    page.locator('form[action^="/account/apply"] button[type="submit"]').click()
    page.locator("#q_purpose-problem").wait_for()
    found["application form with errors"] = violations(page)
    for name in ("q_purpose", "q_team", "q_outputs", "q_security"):
        page.fill(f"#{name}", "…")
    page.check("#q_accept")
    page.locator('form[action^="/account/apply"] button[type="submit"]').click()
    page.wait_for_url("**/account/requests/*")
    found["request page"] = violations(page)
    page.goto("/account/")
    found["researcher's page with requests"] = violations(page)
    return found


def test_the_check_would_catch_a_violation(browser, server):
    page = browser.new_context(bypass_csp=True, base_url=server.url).new_page()
    page.goto("/editor/login")
    page.evaluate("""() => { const image = document.createElement('img'); image.src = '/site.css';
                             document.querySelector('main').append(image);
                             document.querySelector('#name').removeAttribute('id'); }""")
    found = violations(page)
    assert any(item.startswith("image-alt") for item in found) and any(item.startswith("label") for item in found)
