"""Applying for restricted data: a signed-in researcher answers the questions of a released dataset's terms of use
(access by application, or in a research data centre), chooses the files, and follows the request on its page.
A dataset not released, unknown, or whose terms ask for no application answers alike: not found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catalogue.access.application import AskedQuestion, by_application, checked_answers, questions_of
from catalogue.errors import AccessRequestError, ResearcherFormError
from catalogue.formats.text import pick
from catalogue.i18n import translations
from catalogue.model import Dataset, TermsOfUse
from catalogue.server.account.pages import AccountPages, after_sign_in
from catalogue.server.account.routes import AccountDep, message_page, said_problems
from catalogue.server.editor.pages import NO_STORE
from catalogue.server.routing import RouteGroup

router = RouteGroup()
NOT_FOUND = "No dataset here takes applications."
NO_REQUEST = "None of your requests has this reference."
ASK_FILES = "Choose the files you apply for."
APPLYING_MESSAGES = (NOT_FOUND, NO_REQUEST, ASK_FILES, "Apply for access", "Your request")
"""What the pages of applying say besides their templates (translated by the interface catalogues)."""
DATASET_ID = re.compile(r"[A-Za-z0-9_@$\-]{1,255}")
"""What a dataset may be called (an SDMX id)."""


@dataclass(frozen=True)
class Applicable:
    """A released dataset a researcher may apply for, as the form shows it."""

    dataset: Dataset
    terms: TermsOfUse
    title: str
    files: list[tuple[str, str]]
    """The distributions with a file kept in the store (id, title), for access by application; none for a research
    data centre (an approval there is an appointment)."""


def applicable(request: Request, pages: AccountPages, dataset_id: str, language: str) -> Applicable | None:
    """The dataset, released now, whose terms take applications; ``None`` otherwise (unknown, hidden, or open)."""
    if not DATASET_ID.fullmatch(dataset_id):  # no look-up of what no dataset is called (a NUL, a path, 5,000 bytes)
        return None
    state = request.app.state.catalogue.state()
    dataset = state.records.get(dataset_id)
    if dataset is None:
        return None
    terms = state.snapshot.shared.terms.get(dataset.terms)
    if terms is None or not by_application(terms):
        return None
    default = pages.info().default_language
    files = [(d.id, pick(d.title, language) or pick(d.title, default) or d.id) for d in dataset.distributions
             if d.path] if terms.access_type == "licensed" else []
    return Applicable(dataset, terms, pick(dataset.title, language) or pick(dataset.title, default) or dataset.id,
                      files)


def _questions(pages: AccountPages, request: Request, found: Applicable) -> list[AskedQuestion]:
    language = pages.language(request)
    return questions_of(found.terms, language, pages.info().default_language, translations(language).gettext)


def _form(pages: AccountPages, request: Request, found: Applicable, csrf: str, status: int = 200,
          **values: Any) -> Response:
    language = pages.language(request)
    conditions = pick(found.terms.conditions, language) if found.terms.conditions else None
    values.setdefault("answers", {})
    values.setdefault("chosen", [file_id for file_id, _ in found.files] if len(found.files) == 1 else [])
    return pages.page(request, "apply.html", status, found=found, questions=_questions(pages, request, found),
                      conditions=conditions, csrf_token=csrf, **values)


@router.get_and_head("/account/apply/{dataset_id}", include_in_schema=False)
def apply_page(request: Request, dataset_id: str, pages: AccountDep) -> Response:
    signed_in = pages.researcher_of(request)
    if signed_in is None:  # back here after signing in (an address that is not a form's leads to the account)
        return RedirectResponse(f"/account/sign-in?next={quote(after_sign_in(f'/account/apply/{dataset_id}'))}",
                                status_code=303, headers=NO_STORE)
    found = applicable(request, pages, dataset_id, pages.language(request))
    if found is None:
        return message_page(pages, request, "Apply for access", NOT_FOUND, 404)
    waiting = pages.requests.open_for(signed_in[1].email, found.dataset.id)
    if waiting is not None:
        return RedirectResponse(f"/account/requests/{waiting}", status_code=303, headers=NO_STORE)
    return _form(pages, request, found, signed_in[1].csrf_token)


@router.post("/account/apply/{dataset_id}", include_in_schema=False)
async def apply(request: Request, dataset_id: str, pages: AccountDep) -> Response:
    sent = await pages.signed_in_form(request)
    if isinstance(sent, Response):
        return sent
    _, session, form = sent
    language = await run_in_threadpool(pages.language, request)
    found = await run_in_threadpool(applicable, request, pages, dataset_id, language)
    if found is None:
        return message_page(pages, request, "Apply for access", NOT_FOUND, 404)
    questions = _questions(pages, request, found)
    sent_files = set(form.get("files", "").split("\n"))  # a field sent more than once: its values one per line
    chosen = [file_id for file_id, _ in found.files if file_id in sent_files]
    problems: dict[str, str] = {}
    answers: dict[str, str] = {}
    try:
        answers = checked_answers(questions, form)
    except ResearcherFormError as error:
        problems = said_problems(pages, request, error)
    if found.files and not chosen:
        problems["files"] = pages.gettext(request, ASK_FILES)
    if problems:
        return _form(pages, request, found, session.csrf_token, 422, problems=problems,
                     answers={q.id: form.get(f"q_{q.id}", "") for q in questions}, chosen=chosen)
    try:
        reference = await run_in_threadpool(
            pages.requests.submit, session.email, found.dataset.id, found.dataset.publisher, found.terms.id,
            found.terms.access_type, questions, answers, chosen, pages.clock())
    except AccessRequestError as error:
        return pages.page(request, "message.html", 409, title=pages.gettext(request, "Apply for access"),
                          text=error.message.said(translations(language)))
    return RedirectResponse(f"/account/requests/{reference}", status_code=303, headers=NO_STORE)


@router.get_and_head("/account/requests/{reference}", include_in_schema=False)
def request_page(request: Request, reference: str, pages: AccountDep) -> Response:
    signed_in = pages.researcher_of(request)
    if signed_in is None:
        return RedirectResponse("/account/sign-in", status_code=303, headers=NO_STORE)
    found = pages.requests.one(signed_in[1].email, reference)
    if found is None:  # somebody else's and unknown alike
        return message_page(pages, request, "Your request", NO_REQUEST, 404)
    language = pages.language(request)
    dataset = request.app.state.catalogue.state().records.get(found.dataset_id)
    title = (pick(dataset.title, language) or dataset.id) if dataset is not None else found.dataset_id
    return pages.page(request, "request.html", access_request=found, dataset_title=title,
                      csrf_token=signed_in[1].csrf_token)


__all__ = ["APPLYING_MESSAGES", "Applicable", "applicable", "router"]
