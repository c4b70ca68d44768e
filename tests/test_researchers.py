"""Researchers' accounts (issue 36, point 1): registering with an address confirmed through an e-mail's link, signing
in and out, a new password through a one-time link, the profile; every e-mail sent through a real SMTP server on
127.0.0.1 (aiosmtpd) and read back from it. Nobody learns from the pages whether an address has an account; links
are used once, expire, and a mail filter that follows them uses nothing up; a researcher's session opens nothing of
the editor, an officer's nothing here; bodies are refused before they are read without a session."""

from __future__ import annotations

import re
import socket
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import Message as EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from catalogue.access.profile import orcid_checked
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.support.mail import MailSettings

from .conftest import EXAMPLE, run
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 6, 1, 9, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"
PROFILE = {"name": "Amina Diallo", "organisation": "Université de Belmar", "country": "SN",
           "orcid": "https://orcid.org/0000-0002-1825-0097", "language": "fr"}


class Inbox:
    """What the SMTP server on 127.0.0.1 received."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=default_policy)))
        return "250 OK"

    def last(self, to: str) -> EmailMessage:
        return next(message for recipients, message in reversed(self.messages) if to in recipients)

    def link(self, to: str) -> str:
        body = self.last(to).get_body(("plain",)).get_content()
        return re.search(r"https?://\S+", body).group(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def served(db, smtp):  # noqa: F811
    inbox, port = smtp
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "researchers")
    moment = [NOW]
    app = create_app(store, lambda: moment[0], base_url="https://catalogue.example.org/",
                     mail=MailSettings("127.0.0.1", port, "catalogue@example.org"))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client, inbox, moment, store


def form(client: TestClient, path: str) -> dict[str, str]:
    """The hidden fields of the form a page shows (its CSRF token, a link's token)."""
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))


def hidden_of(page) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))


def register(client: TestClient, email: str, **changes: str):
    fields = {**form(client, "/account/register"), "email": email, "password": PASSWORD, "password_again": PASSWORD,
              **PROFILE, **changes}
    return client.post("/account/register", data=fields)


def follow(client: TestClient, link: str, password: str = PASSWORD):
    """Open an e-mail's confirmation link, give the account's password and press the page's button."""
    path = link.removeprefix("https://catalogue.example.org")
    hidden = form(client, path)
    return client.post(path.split("?")[0], data={**hidden, "password": password})


def sign_in(client: TestClient, email: str, password: str = PASSWORD):
    return client.post("/account/sign-in", data={**form(client, "/account/sign-in"), "email": email,
                                                  "password": password})


def test_register_confirm_sign_in_and_edit_the_profile(served):
    client, inbox, _, _ = served
    answer = register(client, "Amina@Example.org")
    assert answer.status_code == 200 and "role=\"status\"" in answer.text
    mail = inbox.last("amina@example.org")
    assert mail["From"].addresses[0].addr_spec == "catalogue@example.org" and mail["From"].addresses[0].display_name
    assert mail["Subject"].startswith("Confirmez votre adresse électronique pour ")  # in the researcher's language
    body = mail.get_body(("plain",)).get_content()
    assert body.startswith("Bonjour,") and "48 heures" in body and "Amina" not in body  # nothing a stranger wrote
    assert sign_in(client, "amina@example.org").status_code == 401  # not confirmed yet
    link = inbox.link("amina@example.org")
    assert link.startswith("https://catalogue.example.org/account/confirm?token=")
    confirmed = follow(client, link)
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/account/"  # and signed in
    assert client.get(link.removeprefix("https://catalogue.example.org")).status_code == 404  # used once
    signed_in = sign_in(client, "AMINA@example.org")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/account/"
    home = client.get("/account/")
    assert home.status_code == 200 and 'lang="fr"' in home.text and "0000-0002-1825-0097" in home.text
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', home.text))
    saved = client.post("/account/profile", data={**hidden, **PROFILE, "organisation": "Institut X", "language": "en"})
    assert saved.status_code == 303
    home = client.get("/account/")
    assert 'lang="en"' in home.text and "Institut X" in home.text and "Saved." not in home.text
    refused = client.post("/account/profile", data={**hidden, **PROFILE, "orcid": "0000-0002-1825-0098",
                                                    "country": "XX"})
    assert refused.status_code == 422
    assert 'id="orcid-problem"' in refused.text and 'id="country-problem"' in refused.text
    assert "Institut X" in client.get("/account/").text  # nothing changed
    out = client.post("/account/sign-out", data={"csrf_token": hidden["csrf_token"]})
    assert out.status_code == 303 and client.get("/account/").status_code == 303


def test_a_second_registration_of_an_address_looks_the_same_and_mails_its_owner_a_notice(served):
    client, inbox, _, store = served
    first = register(client, "owner@example.org")
    follow(client, inbox.link("owner@example.org"))
    second = register(client, "owner@example.org", name="Someone Else", language="en")
    unknown = register(client, "nobody@example.org", language="en")
    assert first.status_code == second.status_code == unknown.status_code == 200
    assert re.sub(r"<[^>]+>", "", second.text) == re.sub(r"<[^>]+>", "", unknown.text)
    notice = inbox.last("owner@example.org")
    body = notice.get_body(("plain",)).get_content()
    assert "token=" not in body and "/account/password" in body  # it asks for a link; it is none
    assert "Someone Else" not in body
    assert sign_in(client, "owner@example.org").status_code == 303  # the first password still opens it


def test_a_new_password_through_a_link_that_works_once_and_expires(served):
    client, inbox, moment, _ = served
    register(client, "reset@example.org")
    follow(client, inbox.link("reset@example.org"))
    asked = client.post("/account/password", data={**form(client, "/account/password"), "email": "reset@example.org"})
    unknown = client.post("/account/password", data={**form(client, "/account/password"),
                                                      "email": "unknown@example.org"})
    assert asked.status_code == unknown.status_code == 200
    assert re.sub(r"<[^>]+>", "", asked.text) == re.sub(r"<[^>]+>", "", unknown.text)
    assert not any("unknown@example.org" in recipients for recipients, _ in inbox.messages)
    link = inbox.link("reset@example.org")
    path = link.removeprefix("https://catalogue.example.org")
    client.get(path)  # a mail filter following the link uses nothing up
    hidden = form(client, path)
    short = client.post("/account/password/new", data={**hidden, "password": "short", "password_again": "short"})
    assert short.status_code == 422 and 'id="password-problem"' in short.text
    hidden = hidden_of(short)  # each page's form has its own token
    differ = client.post("/account/password/new", data={**hidden, "password": "a" * 12, "password_again": "b" * 12})
    assert differ.status_code == 422 and 'id="password_again-problem"' in differ.text
    hidden = hidden_of(differ)
    new = "a new and longer password"
    saved = client.post("/account/password/new", data={**hidden, "password": new, "password_again": new})
    assert saved.status_code == 200
    assert client.post("/account/password/new", data={**form(client, "/account/sign-in"), "token": hidden["token"],
                                                       "password": new, "password_again": new}).status_code == 404
    assert sign_in(client, "reset@example.org").status_code == 401
    assert sign_in(client, "reset@example.org", new).status_code == 303
    client.post("/account/password", data={**form(client, "/account/password"), "email": "reset@example.org"})
    late = inbox.link("reset@example.org").removeprefix("https://catalogue.example.org")
    moment[0] = NOW + timedelta(hours=1, seconds=1)
    assert client.get(late).status_code == 404  # an hour later: expired


def test_a_signed_in_researcher_s_sessions_end_with_a_new_password_and_when_disabled(served):
    client, inbox, _, store = served
    register(client, "ends@example.org")
    follow(client, inbox.link("ends@example.org"))
    sign_in(client, "ends@example.org")
    assert client.get("/account/").status_code == 200
    from catalogue.access.researchers import Researchers

    Researchers(store.engine).set_disabled("ends@example.org", True)
    assert client.get("/account/").status_code == 303
    assert sign_in(client, "ends@example.org").status_code == 401


def test_forms_without_their_token_or_from_another_site_change_nothing(served):
    client, inbox, _, _ = served
    fields = {"email": "csrf@example.org", "password": PASSWORD, "password_again": PASSWORD, **PROFILE}
    assert client.post("/account/register", data=fields).status_code == 403
    hidden = form(client, "/account/register")
    assert client.post("/account/register", data={**hidden, **fields},
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert not inbox.messages
    refused = client.post("/account/profile", data={"name": "x"})  # no session: no body read
    assert refused.status_code == 303 and refused.headers["location"] == "/account/sign-in"


def test_sign_in_is_throttled_and_says_when_to_come_back(served):
    client, inbox, _, _ = served
    register(client, "throttle@example.org")
    follow(client, inbox.link("throttle@example.org"))
    for _ in range(5):
        assert sign_in(client, "throttle@example.org", "wrong password!").status_code == 401
    throttled = sign_in(client, "throttle@example.org")
    assert throttled.status_code == 429 and throttled.headers["retry-after"] == "900"


def test_an_address_gets_three_mails_an_hour_at_most(served):
    client, inbox, _, _ = served
    register(client, "flood@example.org")
    for _ in range(5):
        client.post("/account/password", data={**form(client, "/account/password"), "email": "flood@example.org"})
    assert sum("flood@example.org" in recipients for recipients, _ in inbox.messages) == 3


def test_researchers_and_officers_sessions_open_nothing_of_each_other(served):
    client, inbox, _, store = served
    register(client, "apart@example.org")
    follow(client, inbox.link("apart@example.org"))
    sign_in(client, "apart@example.org")
    assert client.get("/editor/").headers.get("location") == "/editor/login"
    accounts = Accounts(store.engine)
    accounts.add_user("officer", "officer password 1")
    token = accounts.open_session("officer", NOW)
    other = TestClient(client.app, base_url="https://testserver", follow_redirects=False)
    other.cookies.set("catalogue_session", token)
    assert other.get("/account/").status_code == 303
    other.cookies.set("catalogue_researcher", token)
    assert other.get("/account/").status_code == 303


def test_a_mail_server_that_is_down_leaves_no_account_behind(db):  # noqa: F811
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "researchers")
    app = create_app(store, lambda: NOW, mail=MailSettings("127.0.0.1", free_port(), "catalogue@example.org",
                                                            timeout=2))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        assert register(client, "down@example.org").status_code == 200  # the page says the same to everyone
        from catalogue.access.researchers import Researchers

        assert Researchers(store.engine).researcher("down@example.org") is None


def test_without_a_mail_server_registering_is_closed(db):  # noqa: F811
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "researchers")
    with TestClient(create_app(store, lambda: NOW), base_url="https://testserver") as client:
        assert client.get("/account/register").status_code == 404  # no page to fill in: none would be confirmed
        assert client.get("/account/sign-in").status_code == 200


@pytest.mark.parametrize("value, expected", [
    ("0000-0002-1825-0097", "0000-0002-1825-0097"), ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
    ("0000-0002-1694-233X", "0000-0002-1694-233X"), ("0000-0002-1694-233x", "0000-0002-1694-233X"),
    ("0000-0002-1825-0098", None), ("0000-0002-1825-009", None), ("javascript:alert(1)", None),
    ("٠٠٠٠-٠٠٠٢-١٦٩٤-٢٣٣X", None)])
def test_orcid_ids_are_checked_by_their_check_digit(value, expected):
    assert orcid_checked(value) == expected


def test_hostile_values_are_refused_at_their_field(served):
    client, inbox, _, _ = served
    for changes, field in (({"email": "not an address"}, "email"), ({"name": "x" * 201}, "name"),
                           ({"email": '"victim"@example.org'}, "email"), ({"country": "AC"}, "country"),
                           ({"country": "ıt"}, "country"), ({"name": "محمد\u200cرضا"}, None),
                           ({"organisation": "a\u202eb"}, "organisation"), ({"language": "xx"}, "language"),
                           ({"name": "<script>alert(1)</script>"}, None)):
        email = changes.pop("email", f"hostile{len(inbox.messages)}@example.org")
        answer = register(client, email, **changes)
        assert answer.status_code == (422 if field else 200), (changes, answer.status_code)
        if field:
            assert f'id="{field}-problem"' in answer.text
        assert "<script>alert" not in answer.text


def test_an_administrator_lists_disables_and_enables_researchers(served, cli, db):  # noqa: F811
    client, inbox, _, _ = served
    register(client, "listed@example.org")
    follow(client, inbox.link("listed@example.org"))
    listed = run(cli, "researcher", "list", "--db", db)
    assert "listed@example.org: Amina Diallo, Université de Belmar (SN), confirmed" in listed.output
    assert run(cli, "researcher", "disable", "Listed@Example.org", "--db", db).exit_code == 0
    assert "disabled" in run(cli, "researcher", "list", "--db", db).output
    assert sign_in(client, "listed@example.org").status_code == 401
    assert run(cli, "researcher", "enable", "listed@example.org", "--db", db).exit_code == 0
    assert sign_in(client, "listed@example.org").status_code == 303
    missing = run(cli, "researcher", "disable", "nobody@example.org", "--db", db)
    assert missing.exit_code == 1 and "no researcher 'nobody@example.org'" in missing.output


def test_registering_somebody_elses_address_gets_it_confirmed_by_nobody(served):
    client, inbox, _, _ = served
    register(client, "victim@example.org", name="Mallory")  # a stranger's password
    link = inbox.link("victim@example.org")
    refused = follow(client, link, password="the owner's own password")
    assert refused.status_code == 401 and 'id="problem"' in refused.text
    assert sign_in(client, "victim@example.org").status_code == 401  # still unconfirmed: the stranger is not in
    client.post("/account/password", data={**form(client, "/account/password"), "email": "victim@example.org"})
    path = inbox.link("victim@example.org").removeprefix("https://catalogue.example.org")
    owner = "the owner's own password"
    assert client.post("/account/password/new", data={**form(client, path), "password": owner,
                                                       "password_again": owner}).status_code == 200
    assert sign_in(client, "victim@example.org").status_code == 401  # the stranger's password opens nothing
    assert sign_in(client, "victim@example.org", owner).status_code == 303


def test_an_expired_unconfirmed_registration_frees_the_address(served):
    client, inbox, moment, store = served
    register(client, "squat@example.org", name="Squatter")
    moment[0] = NOW + timedelta(hours=49)
    register(client, "squat@example.org", name="Owner")
    from catalogue.access.researchers import Researchers

    assert Researchers(store.engine).researcher("squat@example.org").profile.name == "Owner"
    assert "token=" in inbox.last("squat@example.org").get_body(("plain",)).get_content()


def test_attempts_and_mails_at_the_same_moment_are_counted_as_they_come(served):
    from concurrent.futures import ThreadPoolExecutor

    from catalogue.access.researchers import MAILS_PER_HOUR, Researchers
    from catalogue.store.accounts import MAX_FAILURES

    _, _, _, store = served
    researchers = Researchers(store.engine)
    register(served[0], "race@example.org")
    with ThreadPoolExecutor(8) as pool:
        claimed = list(pool.map(lambda _: researchers.request_reset("race@example.org", NOW)[0], range(16)))
        allowed = list(pool.map(lambda _: researchers.attempt("race", "192.0.2.1", NOW), range(24)))
    # never more than the limit (each counts every one written before it counts: some may count more than came
    # before them, so fewer may pass, never more); one after another, exactly the limit
    assert sum(token is not None for token in claimed) <= MAILS_PER_HOUR - 1  # the registration's link was one
    assert sum(row is not None for row in allowed) <= MAX_FAILURES
    one_by_one = [researchers.attempt("one by one", "192.0.2.2", NOW) for _ in range(8)]
    assert [row is not None for row in one_by_one] == [True] * MAX_FAILURES + [False] * 3


def test_registrations_from_one_address_are_limited(served):
    client, inbox, _, _ = served
    answers = [register(client, f"many{n}@example.org").status_code for n in range(7)]
    assert answers == [200] * 5 + [429] * 2
    assert len(inbox.messages) == 5


def test_text_that_is_not_unicode_and_a_nul_are_refused_not_a_500(served):
    client, _, _, _ = served
    hidden = form(client, "/account/sign-in")
    body = ("--X\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + hidden["csrf_token"]
            + "\r\n--X\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@example.org\r\n--X\r\n"
            "Content-Disposition: form-data; name=\"password\"\r\n\r\n\\ud800aaaaaaaaaaaaa\r\n--X--\r\n")
    answer = client.post("/account/sign-in", content=body.encode(),
                         headers={"Content-Type": "multipart/form-data; boundary=X; charset=unicode_escape"})
    assert answer.status_code == 400
    nul = client.post("/account/sign-in", data={**form(client, "/account/sign-in"), "email": "victim\x00@example.org",
                                                 "password": PASSWORD})
    assert nul.status_code == 401


def test_forms_in_other_tabs_keep_working(served):
    client, inbox, _, _ = served
    registration = form(client, "/account/register")
    form(client, "/account/sign-in")  # another tab
    answer = client.post("/account/register", data={**registration, "email": "tabs@example.org", "password": PASSWORD,
                                                    "password_again": PASSWORD, **PROFILE})
    assert answer.status_code == 200 and inbox.last("tabs@example.org")


def test_guesses_from_everywhere_never_lock_the_owner_out_of_a_browser_it_signed_in_with(served):
    from catalogue.access.researchers import Researchers, throttle_name
    from catalogue.store.accounts import SignIn

    client, inbox, _, store = served
    register(client, "owner2@example.org")
    follow(client, inbox.link("owner2@example.org"))  # confirmed and signed in: this browser is known
    device = client.cookies.get("catalogue_researcher_device")
    assert device
    researchers = Researchers(store.engine)
    assert researchers.sign_in("owner2@example.org", "a wrong guess!", NOW, "2001:db8::ff")[0] is SignIn.REFUSED
    for n in range(60):  # a failed guess from each of sixty addresses (as sign_in writes one, without its hash)
        researchers.attempt(throttle_name("owner2@example.org"), f"2001:db8::{n}", NOW)
    assert researchers.sign_in("owner2@example.org", PASSWORD, NOW, "198.51.100.7")[0] is SignIn.THROTTLED
    assert researchers.sign_in("owner2@example.org", PASSWORD, NOW, "198.51.100.7", device=device)[0] \
        is SignIn.ACCEPTED
    assert sign_in(client, "owner2@example.org").status_code == 303  # the form sends the device's cookie


def test_registrations_from_everywhere_never_close_registering_for_all(served):
    from catalogue.access.researchers import Researchers

    _, _, _, store = served
    researchers = Researchers(store.engine)
    for n in range(60):  # one registration from each of sixty addresses
        assert researchers.may_register(f"2001:db8::{n}", NOW)
    assert researchers.may_register("198.51.100.9", NOW)
