"""Applying for restricted data (issue 36, point 2): a signed-in researcher answers the questions of a released
dataset's terms of use — the terms' own, or the standard ones in the researcher's language — chooses the files of
a licensed dataset, and follows the request on its page; on SQLite and PostgreSQL, the researcher's account made
through a real SMTP server on 127.0.0.1. What takes no application (open, unknown, not yet released) answers alike;
a request is its researcher's alone; one request per dataset is open at a time, however many are sent at once."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from catalogue.access.application import AskedQuestion, checked_answers
from catalogue.access.requests import AccessRequests, Decision
from catalogue.errors import AccessRequestError, ResearcherFormError
from catalogue.model.licence import Question, TermsOfUse
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.audit import audit_rows
from catalogue.support.mail import MailSettings

from .conftest import EXAMPLE, replace_in, run
from .test_researchers import NOW, follow, form, register, sign_in, smtp  # noqa: F401 (the SMTP server fixture)
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

LICENSED = TermsOfUse(id="LICENSED", name={"en": "Licensed microdata", "fr": "Microdonnées sous licence"},
                      access_level="restricted", access_type="licensed",
                      conditions={"en": "For registered researchers with an approved project.",
                                  "fr": "Pour des chercheurs inscrits dont le projet est approuvé."},
                      questions=[Question(id="title", label={"en": "Title of the study", "fr": "Titre de l'étude"},
                                          kind="line"),
                                 Question(id="funding", label={"en": "Funding"}, kind="paragraph", required=False),
                                 Question(id="pledge", label={"en": "I will not identify anyone",
                                                              "fr": "Je n'identifierai personne"}, kind="accept")])
EMBARGOED = "DS_POP_PROJECTIONS"


def catalogue_with_licensed_data():
    """The example, its public-use file under licence (a file kept in the store) and its embargoed dataset too."""
    catalogue = read_catalogue(EXAMPLE)
    datasets = dict(catalogue.datasets)
    for dataset_id in ("DS_HHS_PUF", EMBARGOED):
        datasets[dataset_id] = datasets[dataset_id].model_copy(update={"terms": "LICENSED"})
    return catalogue.model_copy(update={"terms": {**catalogue.terms, "LICENSED": LICENSED}, "datasets": datasets})


@pytest.fixture
def applying(db, smtp):  # noqa: F811
    inbox, port = smtp
    store = open_store(db)
    store.load(catalogue_with_licensed_data(), EXAMPLE, "ana", "requests")
    moment = [NOW]
    app = create_app(store, lambda: moment[0], base_url="https://catalogue.example.org/",
                     mail=MailSettings("127.0.0.1", port, "catalogue@example.org"))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client, inbox, moment, store, app


def researcher(app, inbox, email: str, **profile: str) -> TestClient:
    """A browser signed in to a new, confirmed researcher's account."""
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    assert register(client, email, **profile).status_code == 200
    assert follow(client, inbox.link(email)).status_code == 303
    return client


def csrf(client: TestClient, path: str) -> str:
    return form(client, path)["csrf_token"]


STANDARD_ANSWERS = {"q_project": "Household income dynamics", "q_purpose": "We study how incomes change.",
                    "q_team": "Amina Diallo, Université de Belmar\nJo Smith, Belmar Institute",
                    "q_outputs": "A paper.", "q_security": "An encrypted laptop; destroyed after the project.",
                    "q_accept": "yes"}


def test_a_researcher_applies_in_a_research_data_centre_with_the_standard_questions(applying):
    _, inbox, _, _, app = applying
    client = researcher(app, inbox, "amina@example.org")  # French, as the profile says
    page = client.get("/datasets/DS_HHS_RDC/index.html")
    assert page.status_code == 200 and 'href="../../account/apply/DS_HHS_RDC"' in page.text
    shown = client.get("/account/apply/DS_HHS_RDC")
    assert shown.status_code == 200 and 'lang="fr"' in shown.text
    assert "Titre du projet" in shown.text and "Sécurité des données" in shown.text and 'type="checkbox"' in shown.text
    assert "rendez-vous" in shown.text and 'name="files"' not in shown.text  # an appointment: no file to choose
    token = csrf(client, "/account/apply/DS_HHS_RDC")
    refused = client.post("/account/apply/DS_HHS_RDC", data={"csrf_token": token, **STANDARD_ANSWERS,
                                                               "q_purpose": "  ", "q_accept": ""})
    assert refused.status_code == 422
    assert 'id="q_purpose-problem"' in refused.text and 'id="q_accept-problem"' in refused.text
    assert "Household income dynamics" in refused.text  # what was written is kept
    sent = client.post("/account/apply/DS_HHS_RDC", data={"csrf_token": token, **STANDARD_ANSWERS})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/account/requests/")
    request_page = client.get(sent.headers["location"])
    assert request_page.status_code == 200 and "Envoyée : l&#39;office l&#39;examine" in request_page.text
    assert "Jo Smith, Belmar Institute" in request_page.text and "Accepté" in request_page.text
    reference = sent.headers["location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{16}", reference) and reference in client.get("/account/").text
    again = client.get("/account/apply/DS_HHS_RDC")  # one open request per dataset: the form leads to it
    assert again.status_code == 303 and again.headers["location"] == f"/account/requests/{reference}"
    twice = client.post("/account/apply/DS_HHS_RDC", data={"csrf_token": token, **STANDARD_ANSWERS})
    assert twice.status_code == 409 and "déjà une demande" in twice.text
    [kept] = AccessRequests(applying[3].engine).of_researcher("amina@example.org")
    assert (kept.dataset_id, kept.agency, kept.terms_id, kept.access_type, kept.state, kept.files) == (
        "DS_HHS_RDC", "BSO", "RDC", "enclave", "submitted", [])
    assert kept.answers["team"] == "Amina Diallo, Université de Belmar\nJo Smith, Belmar Institute"
    assert [q.label for q in kept.questions][0] == "Titre du projet"  # the questions as they were asked
    with applying[3].engine.connect() as connection:
        [entry] = [row for row in audit_rows(connection, "BSO", 50) if row.kind == "access_request"]
    assert (entry.user_name, entry.action, entry.record_id, entry.detail) == (
        "amina@example.org", "submit", reference, "DS_HHS_RDC")  # in the agency's audit log


def test_the_terms_own_questions_and_the_files_of_a_licensed_dataset(applying):
    _, inbox, _, store, app = applying
    client = researcher(app, inbox, "jo@example.org", language="en")
    shown = client.get("/account/apply/DS_HHS_PUF")
    assert shown.status_code == 200 and "Title of the study" in shown.text and "Project title" not in shown.text
    assert "For registered researchers" in shown.text and shown.text.count('name="files"') == 1
    token = csrf(client, "/account/apply/DS_HHS_PUF")
    answers = {"csrf_token": token, "q_title": "Incomes", "q_pledge": "yes"}
    no_file = client.post("/account/apply/DS_HHS_PUF", data={**answers, "files": "NOT_A_FILE"})
    assert no_file.status_code == 422 and 'id="files-problem"' in no_file.text
    [file_id] = re.findall(r'name="files" type="checkbox" value="([^"]+)"', shown.text)
    sent = client.post("/account/apply/DS_HHS_PUF", data={**answers, "files": [file_id, "NOT_A_FILE"]})
    assert sent.status_code == 303
    [kept] = AccessRequests(store.engine).of_researcher("jo@example.org")
    assert kept.files == [file_id] and kept.answers == {"title": "Incomes", "pledge": "yes"}  # no empty funding
    assert (kept.access_type, kept.terms_id) == ("licensed", "LICENSED")


def test_what_takes_no_application_answers_alike_and_an_embargoed_dataset_at_its_release(applying):
    _, inbox, moment, store, app = applying
    client = researcher(app, inbox, "jo@example.org", language="en")
    answers = {dataset_id: client.get(f"/account/apply/{dataset_id}")
               for dataset_id in ("DS_HH_SIZE_REGION", "DS_NOWHERE", EMBARGOED, "x" * 300)}
    assert {a.status_code for a in answers.values()} == {404}
    assert len({a.text for a in answers.values()}) == 1  # open, unknown, not released, too long: the same page
    token = csrf(client, "/account/")
    assert client.post(f"/account/apply/{EMBARGOED}", data={"csrf_token": token, "q_title": "x",
                                                            "q_pledge": "yes"}).status_code == 404
    assert AccessRequests(store.engine).of_researcher("jo@example.org") == []
    release = read_catalogue(EXAMPLE).datasets[EMBARGOED].release_time
    moment[0] = release - timedelta(seconds=1)
    assert sign_in(client, "jo@example.org").status_code == 303  # the session of months ago has ended
    assert client.get(f"/account/apply/{EMBARGOED}").status_code == 404
    moment[0] = release
    assert client.get(f"/account/apply/{EMBARGOED}").status_code == 200


def test_a_request_is_its_researchers_alone_and_forms_need_a_session_and_its_token(applying):
    _, inbox, _, _, app = applying
    amina = researcher(app, inbox, "amina@example.org")
    token = csrf(amina, "/account/apply/DS_HHS_RDC")
    location = amina.post("/account/apply/DS_HHS_RDC", data={"csrf_token": token, **STANDARD_ANSWERS}
                          ).headers["location"]
    jo = researcher(app, inbox, "jo@example.org")
    other = jo.get(location)
    assert other.status_code == 404 and other.text == jo.get("/account/requests/0123456789abcdef").text
    assert "Household income" not in other.text and "Household income" not in jo.get("/account/").text
    stranger = TestClient(app, base_url="https://testserver", follow_redirects=False)
    assert stranger.get(location).status_code == 303  # to the sign-in page
    assert stranger.get("/account/apply/DS_HHS_RDC").status_code == 303
    assert stranger.post("/account/apply/DS_HHS_RDC", data=STANDARD_ANSWERS).headers["location"] == \
        "/account/sign-in"
    forged = jo.post("/account/apply/DS_HHS_RDC", data={"csrf_token": token, **STANDARD_ANSWERS})
    assert forged.status_code == 403  # amina's token is not jo's
    assert jo.post("/account/apply/DS_HHS_RDC", data={"csrf_token": csrf(jo, "/account/"), **STANDARD_ANSWERS},
                   headers={"sec-fetch-site": "cross-site"}).status_code == 403


def test_one_open_request_per_dataset_however_many_are_sent_at_once(applying):
    _, inbox, _, store, app = applying
    researcher(app, inbox, "amina@example.org")
    requests = AccessRequests(store.engine)
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def send() -> None:
        start.wait()
        try:
            outcomes.append(requests.submit("amina@example.org", "DS_HHS_RDC", "BSO", "RDC", "enclave", [], {}, [],
                                            NOW))
        except AccessRequestError:
            outcomes.append("refused")

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 5 and len(requests.of_researcher("amina@example.org")) == 1


@pytest.mark.parametrize("kind, given, problem", [
    ("line", "a\x07b", "Remove the control characters."),
    ("line", "x" * 301, "At most %(count)s characters."),
    ("paragraph", "x" * 5001, "At most %(count)s characters."),
    ("people", "\n".join(f"Person {n}, Org" for n in range(51)), "At most %(count)s lines."),
    ("accept", "on", "Tick the box to accept."),
    ("paragraph", "\u202eevil", "Remove the control characters."),
])
def test_answers_are_checked_as_their_kind_says(kind, given, problem):
    question = AskedQuestion("q", "Q", None, kind, True)
    with pytest.raises(ResearcherFormError) as refused:
        checked_answers([question], {"q_q": given})
    assert refused.value.problems["q_q"].msgid == problem


def test_answers_keep_their_lines_and_lose_what_surrounds_them():
    questions = [AskedQuestion("team", "Team", None, "people", True), AskedQuestion("title", "T", None, "line", True),
                 AskedQuestion("zwnj", "Name", None, "line", True)]
    answers = checked_answers(questions, {"q_team": "  Amina, Belmar \r\n\r\n Jo, X  ", "q_title": " a \n b ",
                                          "q_zwnj": "می\u200cخواهم"})
    assert answers == {"team": "Amina, Belmar\nJo, X", "title": "a b", "zwnj": "می\u200cخواهم"}


def test_questions_are_checked_in_the_terms_record_file(census, cli):
    terms = census / "terms" / "OPEN.yaml"
    terms.write_text(terms.read_text(encoding="utf-8") + "questions:\n  - {id: why, label: {en: Why?}}\n"
                     "  - {id: why, label: {en: Why again?}}\n", encoding="utf-8")
    result = run(cli, "check", str(census))
    assert result.exit_code != 0
    assert "questions are asked only by terms whose access is by application (licensed)" in result.output
    assert "question 'why' appears more than once" in result.output and "OPEN.yaml" in result.output
    replace_in(terms, "access_type: open", "access_type: licensed")
    replace_in(terms, "access_level: public", "access_level: restricted")
    result = run(cli, "check", str(census))
    assert "questions are asked only" not in result.output and "question 'why' appears more than once" in result.output


def test_signing_in_from_a_dataset_s_link_comes_back_to_its_form_and_nowhere_else(applying):
    _, inbox, _, _, app = applying
    researcher(app, inbox, "jo@example.org", language="en")
    browser = TestClient(app, base_url="https://testserver", follow_redirects=False)
    sent_away = browser.get("/account/apply/DS_HHS_RDC")
    assert sent_away.status_code == 303
    assert sent_away.headers["location"] == "/account/sign-in?next=/account/apply/DS_HHS_RDC"
    page = browser.get(sent_away.headers["location"])
    assert '<input type="hidden" name="next" value="/account/apply/DS_HHS_RDC">' in page.text
    for given, expected in [("/account/apply/DS_HHS_RDC", "/account/apply/DS_HHS_RDC"),
                            ("https://evil.example/", "/account/"), ("//evil.example/account/apply/X", "/account/"),
                            ("/account/apply/../../editor/", "/account/"), ("/account/apply/X\r\nSet-Cookie: a=b",
                                                                             "/account/")]:
        hidden = form(browser, "/account/sign-in")
        answer = browser.post("/account/sign-in", data={**hidden, "email": "jo@example.org",
                                                        "password": "correct horse battery", "next": given})
        assert (answer.status_code, answer.headers["location"]) == (303, expected), given
    assert "next" not in form(browser, "/account/sign-in?next=https://evil.example/")


def _submitted(store, email: str = "amina@example.org", dataset_id: str = "DS_HHS_PUF",
               access_type: str = "licensed", files: tuple[str, ...] = ("F1", "F2")) -> str:
    return AccessRequests(store.engine).submit(email, dataset_id, "BSO", "LICENSED", access_type, [], {"t": "x"},
                                               list(files), NOW)


def _audited(store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as connection:
        return [(row.user_name, row.action, row.record_id) for row in reversed(audit_rows(connection, "BSO", 500))
                if row.kind == "access_request"]


def test_an_approver_s_decisions_move_a_request_and_leave_their_steps_and_audit(applying):
    _, inbox, _, store, app = applying
    researcher(app, inbox, "amina@example.org")
    requests = AccessRequests(store.engine)
    reference = _submitted(store)
    assert [r.reference for r in requests.queue("BSO")] == [reference] and requests.queue("SDMX") == []
    assert requests.of_agency("SDMX", reference) is None  # another agency's approvers see nothing of it
    asked = requests.decide("BSO", reference, "olga", Decision("ask", note="Name the secure room."), NOW)
    assert asked.state == "more" and requests.queue("BSO") == []
    with pytest.raises(AccessRequestError):  # waiting for the researcher, not the office
        requests.decide("BSO", reference, "olga", Decision("deny", note="No."), NOW)
    with pytest.raises(AccessRequestError):  # another researcher cannot answer it
        requests.resubmit("jo@example.org", reference, {"t": "y"}, ["F1"], NOW)
    requests.resubmit("amina@example.org", reference, {"t": "Room 4, locked."}, ["F1", "F2"], NOW)
    forwarded = requests.decide("BSO", reference, "olga", Decision("forward", to="piet"), NOW)
    assert (forwarded.state, forwarded.assignee) == ("submitted", "piet")
    approved = requests.decide("BSO", reference, "piet", Decision(
        "approve", files=("F2",), expires_at=NOW + timedelta(days=30), max_downloads=3), NOW)
    assert (approved.state, approved.granted_files, approved.max_downloads, approved.downloads) == (
        "approved", ("F2",), 3, 0)
    assert approved.expires_at == NOW + timedelta(days=30) and approved.answers == {"t": "Room 4, locked."}
    assert [(s.actor, s.action, s.note) for s in approved.steps] == [
        ("amina@example.org", "submit", None), ("olga", "ask", "Name the secure room."),
        ("amina@example.org", "resubmit", None), ("olga", "forward", "piet"), ("piet", "approve", None)]
    assert _audited(store) == [("amina@example.org", "submit", reference), ("olga", "ask", reference),
                               ("amina@example.org", "resubmit", reference), ("olga", "forward", reference),
                               ("piet", "approve", reference)]  # every step in the agency's audit log


@pytest.mark.parametrize("decision", [
    Decision("approve", files=(), expires_at=NOW + timedelta(days=1), max_downloads=1),  # no file
    Decision("approve", files=("F9",), expires_at=NOW + timedelta(days=1), max_downloads=1),  # not asked for
    Decision("approve", files=("F1",), expires_at=NOW, max_downloads=1),  # ends now
    Decision("approve", files=("F1",), expires_at=NOW + timedelta(days=400), max_downloads=1),  # past a year
    Decision("approve", files=("F1",), expires_at=NOW + timedelta(days=1), max_downloads=0),
    Decision("approve", files=("F1",), expires_at=NOW + timedelta(days=1), max_downloads=101),
    Decision("deny", note="   "), Decision("ask", note="x" * 5001), Decision("forward", to=""),
    Decision("publish"),
])
def test_a_decision_refused_changes_nothing(applying, decision):
    _, inbox, _, store, app = applying
    researcher(app, inbox, "amina@example.org")
    requests = AccessRequests(store.engine)
    reference = _submitted(store)
    before, audited = requests.of_agency("BSO", reference), _audited(store)
    with pytest.raises(AccessRequestError):
        requests.decide("BSO", reference, "olga", decision, NOW)
    assert requests.of_agency("BSO", reference) == before and _audited(store) == audited
    with pytest.raises(AccessRequestError):  # another agency's, or unknown: the same refusal
        requests.decide("SDMX", reference, "olga", Decision("deny", note="No."), NOW)


def test_a_research_data_centre_approval_grants_no_file_and_two_decisions_at_once_make_one(applying):
    _, inbox, _, store, app = applying
    researcher(app, inbox, "amina@example.org")
    requests = AccessRequests(store.engine)
    reference = _submitted(store, dataset_id="DS_HHS_RDC", access_type="enclave", files=())
    with pytest.raises(AccessRequestError):
        requests.decide("BSO", reference, "olga", Decision("approve", files=("F1",),
                                                            expires_at=NOW + timedelta(days=9)), NOW)
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def decide(number: int) -> None:
        start.wait()
        try:
            requests.decide("BSO", reference, f"officer{number}", Decision("approve", expires_at=NOW +
                                                                           timedelta(days=9)) if number % 2 else
                            Decision("deny", note="Not a research project."), NOW)
            outcomes.append("decided")
        except AccessRequestError:
            outcomes.append("refused")

    threads = [threading.Thread(target=decide, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    decided = requests.of_agency("BSO", reference)
    assert outcomes.count("decided") == 1 and decided.state in ("approved", "denied")
    assert decided.granted_files == () and decided.max_downloads is None
    assert [s.action for s in decided.steps][1:] in (["approve"], ["deny"]) and len(_audited(store)) == 2


def test_hostile_forms_and_addresses_get_answers_not_500s(applying):
    _, inbox, _, store, app = applying
    client = researcher(app, inbox, "jo@example.org", language="en")
    token = csrf(client, "/account/apply/DS_HHS_PUF")
    for raw in (b"q_title=%ED%A0%80&q_pledge=yes", b"q_title=a%00b&q_pledge=yes"):  # a surrogate's bytes, a NUL
        answer = client.post("/account/apply/DS_HHS_PUF", content=raw + f"&csrf_token={token}".encode(),
                             headers={"content-type": "application/x-www-form-urlencoded"})
        assert answer.status_code in (400, 422), (answer.status_code, answer.text[:200])
    bodies = [
        {"csrf_token": token, "q_title": "<script>alert(1)</script>", "q_pledge": "yes",
         "files": ["\n".join(["F"] * 5000)] * 3},  # one file id repeated, and lines in a field
        {"csrf_token": token, "q_title": "x" * 100_000, "q_pledge": "yes" * 1000},
    ]
    for body in bodies:
        answer = client.post("/account/apply/DS_HHS_PUF", data=body)
        assert answer.status_code in (400, 422), (answer.status_code, answer.text[:200])
        assert "<script>alert(1)</script>" not in answer.text  # escaped where it is shown again
    for path in ("/account/apply/%00", "/account/apply/..%2F..%2Feditor", "/account/requests/%00",
                 "/account/requests/" + "f" * 5000, "/account/apply/DS_HHS_PUF%0d%0aX:y"):
        assert client.get(path).status_code in (404, 400), path
    multipart = client.post("/account/apply/DS_HHS_PUF", data={"csrf_token": token, "q_title": "T",
                                                               "q_pledge": "yes"},
                            files={"files": ("a.csv", b"F1", "text/csv")})  # a file where a field is asked
    assert multipart.status_code in (400, 422)
    assert AccessRequests(store.engine).of_researcher("jo@example.org") == []  # nothing was made
    arabic = "ب" * 4900  # long answers in a script of two bytes a letter: far past the sign-in form's bound
    token = csrf(client, "/account/apply/DS_HHS_RDC")
    long_form = client.post("/account/apply/DS_HHS_RDC", data={
        "csrf_token": token, **STANDARD_ANSWERS, **{name: arabic for name in ("q_purpose", "q_outputs", "q_security")}})
    assert long_form.status_code == 303, long_form.text[:200]
    [kept] = AccessRequests(store.engine).of_researcher("jo@example.org")
    assert kept.answers["purpose"] == arabic
