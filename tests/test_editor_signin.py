"""Issue 14, point 1 (second part): signing in to the editor on SQLite and PostgreSQL — a form that works
without JavaScript, the session in the store behind an HttpOnly, SameSite=Lax cookie (Secure outside
localhost) with a new token at each sign-in, CSRF on every form (hidden field or header), throttling, signing
out here or everywhere, a home page with the officer's agencies and their records (drafts included), and what
was typed shown escaped."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient

from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.server.editor.pages import SESSION_COOKIE
from catalogue.server.editor.signin import LOGIN_COOKIE
from catalogue.store import open_store
from catalogue.store.accounts import MAX_FAILURES, Accounts

from .conftest import EXAMPLE
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture
def store(db):  # noqa: F811
    opened = open_store(db)
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "editor")
    accounts = Accounts(opened.engine)
    accounts.add_user("ana", PASSWORD)
    accounts.set_role("ana", "BSO", "editor")
    accounts.add_user("sam", PASSWORD)
    accounts.set_role("sam", "SDMX", "viewer")
    yield opened
    opened.engine.dispose()


def client(store, base_url: str = "https://testserver") -> TestClient:
    return TestClient(create_app(store, lambda: NOW), base_url=base_url, follow_redirects=False)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert found, html
    return found.group(1)


def sign_in(browser: TestClient, name: str = "ana", password: str = PASSWORD):
    form = browser.get("/editor/login")
    return browser.post("/editor/login", data={"name": name, "password": password, "csrf_token": csrf_of(form.text)})


def cookie_header(response, name: str) -> str:
    return next(value for value in response.headers.get_list("set-cookie") if value.startswith(name + "="))


def test_sign_in_sets_a_new_protected_session_cookie_each_time(store):
    with client(store) as browser:
        assert browser.get("/editor/").headers["location"] == "/editor/login"
        form = browser.get("/editor/login")
        assert form.status_code == 200 and "no-store" in form.headers["cache-control"]
        login_cookie = cookie_header(form, LOGIN_COOKIE).lower()
        assert "httponly" in login_cookie and "samesite=lax" in login_cookie and "secure" in login_cookie
        first = sign_in(browser)
        assert first.status_code == 303 and first.headers["location"] == "/editor/"
        session_cookie = cookie_header(first, SESSION_COOKIE)
        assert all(flag in session_cookie.lower() for flag in ("httponly", "samesite=lax", "secure", "path=/"))
        home = browser.get("/editor/")
        assert home.status_code == 200 and "Signed in as ana" in home.text
        assert "DS_CENSUS_COMMUTING" in home.text and "Draft" in home.text  # a member sees the agency's drafts
        assert "Postponed" in home.text and "postponed" not in home.text  # a release's status as the interface names it
        second = sign_in(browser)
        assert cookie_header(second, SESSION_COOKIE) != session_cookie  # a new session id at each sign-in


def test_a_member_of_another_agency_does_not_see_its_records(store):
    with client(store) as browser:
        sign_in(browser, "sam")
        home = browser.get("/editor/")
        assert "viewer" in home.text and "DS_CENSUS_COMMUTING" not in home.text and "DS_HHS_PUF" not in home.text


def test_on_the_machine_itself_the_cookie_is_not_secure(store):
    with client(store, "http://localhost") as browser:
        response = sign_in(browser)
        assert response.status_code == 303 and "secure" not in cookie_header(response, SESSION_COOKIE).lower()


def test_csrf_is_required_on_every_form(store):
    with client(store) as browser:
        browser.get("/editor/login")
        refused = browser.post("/editor/login", data={"name": "ana", "password": PASSWORD, "csrf_token": "forged"})
        assert refused.status_code == 403 and SESSION_COOKIE not in refused.headers.get("set-cookie", "")
        sign_in(browser)
        token = csrf_of(browser.get("/editor/").text)
        assert browser.post("/editor/logout").status_code == 403
        assert browser.post("/editor/logout", data={"csrf_token": "wrong"}).status_code == 403
        assert browser.get("/editor/").status_code == 200  # still signed in
        out = browser.post("/editor/logout", headers={"X-CSRF-Token": token})
        assert out.status_code == 303 and browser.get("/editor/").status_code == 303


def test_sign_out_everywhere_ends_the_other_sessions(store):
    with client(store) as first, client(store) as second:
        sign_in(first)
        sign_in(second)
        assert second.get("/editor/").status_code == 200
        token = csrf_of(first.get("/editor/").text)
        assert first.post("/editor/logout-everywhere", data={"csrf_token": token}).status_code == 303
        assert second.get("/editor/").status_code == 303 and first.get("/editor/").status_code == 303


def test_wrong_passwords_then_throttling(store):
    with client(store) as browser:
        wrong = sign_in(browser, password="not the password")
        assert wrong.status_code == 401 and "Wrong name or password." in wrong.text
        for _ in range(MAX_FAILURES - 1):
            sign_in(browser, password="not the password")
        throttled = sign_in(browser)
        assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0
        assert SESSION_COOKIE not in throttled.headers.get("set-cookie", "")


def test_what_was_typed_is_shown_escaped(store):
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    with client(store) as browser:
        response = sign_in(browser, hostile)
        assert response.status_code == 401
        assert "<script>alert(2)" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;" in response.text or "&#34;&gt;&lt;img" in response.text


def test_the_interface_speaks_the_browsers_language_right_to_left_where_it_is_written_so(store):
    with client(store) as browser:
        arabic = browser.get("/editor/login", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"})
        assert 'lang="ar" dir="rtl"' in arabic.text and "تسجيل الدخول" in arabic.text
        assert arabic.headers["content-language"] == "ar" and "Accept-Language" in arabic.headers["vary"]
        french = browser.get("/editor/login", headers={"Accept-Language": "de-CH, fr;q=0.8"})
        assert 'lang="fr" dir="ltr"' in french.text and "Se connecter" in french.text
        unknown = browser.get("/editor/login", headers={"Accept-Language": "tlh"})
        assert 'lang="en"' in unknown.text  # the catalogue's default language
