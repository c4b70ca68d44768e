"""What the researchers' pages share: their templates (in the researcher's language), the signed-in researcher from
a cookie of its own (the editor's session opens nothing here, and this one nothing there), the CSRF checks (a
session's token; before signing in, a nonce cookie and its token signed with the store's secret, as the editor's
sign-in form has), and the e-mails with their links."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catalogue.access.mails import account_mail
from catalogue.access.profile import countries
from catalogue.access.requests import ACTIONS, STATES, AccessRequests
from catalogue.access.researchers import Researchers, ResearcherSession
from catalogue.formats.text import pick
from catalogue.i18n import INTERFACE_LANGUAGES, autonym, translations
from catalogue.server.editor.pages import (CSRF_FIELD, NO_STORE, EditorPages, cross_site, form_fields_of,
                                           same_token, secure)
from catalogue.server.editor.signin import form_token
from catalogue.store import Store
from catalogue.support.mail import MailSettings, send_mail
from catalogue.support.strict import whole_number

RESEARCHER_COOKIE = "catalogue_researcher"
FORM_COOKIE = "catalogue_account_form"
PREFIX = "/account/"
REUSE_NONCE = 3600
"""Seconds a form's nonce is given to the next form shown (then a new one: each is good for two hours)."""
ANONYMOUS = frozenset({"/account/register", "/account/confirm", "/account/sign-in", "/account/password",
                       "/account/password/new"})
"""The forms sent before signing in (every other form of ``/account/`` needs a researcher's session)."""


AFTER_SIGN_IN = re.compile(r"/account/apply/[A-Za-z0-9_@$\-]{1,255}")
"""Where signing in may lead, besides the researcher's page: the form of an application (a sign-in link from a
dataset's page comes back to it; no other address, so that no link leads elsewhere from here)."""


def after_sign_in(given: str) -> str:
    """Where signing in leads: ``given`` when it is the form of an application, else the researcher's page."""
    return given if AFTER_SIGN_IN.fullmatch(given) else "/account/"


class AccountPages(EditorPages):
    """The researchers' accounts, pages and mail of one server."""

    templates = "account_templates"

    def __init__(self, store: Store, clock: Callable[[], datetime], info: Callable[[], Any],
                 files: Callable[[], Path], base_url: Callable[[], str], mail: MailSettings | None) -> None:
        super().__init__(store, clock, info, files)
        self.researchers = Researchers(store.engine)
        self.requests = AccessRequests(store.engine)
        self.base_url, self.mail = base_url, mail

    # -- who is here -------------------------------------------------------------------------------------------
    def researcher_of(self, request: Request) -> tuple[str, ResearcherSession] | None:
        token = request.cookies.get(RESEARCHER_COOKIE)
        session = self.researchers.session(token, self.clock()) if token else None
        return (token, session) if token and session else None

    def language(self, request: Request) -> str:
        """The researcher's own language when signed in (one the interface has), else the browser's choice."""
        signed_in = self.researcher_of(request)
        if signed_in is not None:
            found = self.researchers.researcher(signed_in[1].email)
            if found is not None and found.profile.language in INTERFACE_LANGUAGES:
                return found.profile.language
        return super().language(request)

    def page(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        info = self.info()
        language = self.language(request)
        values.setdefault("languages", [(code, autonym(code)) for code in info.languages])
        values.setdefault("countries", countries(language))
        values.setdefault("signed_in", self.researcher_of(request) is not None)
        values.setdefault("problems", {})
        said = translations(language).gettext
        values.setdefault("states", {state: said(name) for state, name in STATES.items()})
        values.setdefault("actions", {action: said(name) for action, name in ACTIONS.items()})
        return super().page(request, template, status, **values)

    # -- forms -------------------------------------------------------------------------------------------------
    def form_page(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """A form sent before signing in, with a fresh nonce in its cookie and the form's token signed from it."""
        nonce = request.cookies.get(FORM_COOKIE, "")
        made = whole_number(nonce.partition(".")[0])
        token = form_token(self, nonce) if nonce and made is not None \
            and self.clock().timestamp() - made < REUSE_NONCE else ""
        if token:  # fresh: the forms open in other tabs keep working
            return self.page(request, template, status, csrf_token=token, **values)
        nonce = f"{int(self.clock().timestamp())}.{secrets.token_urlsafe(32)}"
        response = self.page(request, template, status, csrf_token=form_token(self, nonce), **values)
        response.set_cookie(FORM_COOKIE, nonce, httponly=True, samesite="lax", secure=secure(request),
                            path="/account/")
        return response

    async def anonymous_form(self, request: Request) -> dict[str, str] | None:
        """The fields of a form sent before signing in, or ``None`` when its token is not the one its cookie's
        nonce signs (expired, forged, or sent from another site)."""
        form = await form_fields_of(request)
        nonce = request.cookies.get(FORM_COOKIE, "")
        expected = form_token(self, nonce) if nonce else ""
        if not expected or not same_token(expected, form.get(CSRF_FIELD, "")) or cross_site(request):
            return None
        return form

    async def signed_in_form(self, request: Request) -> tuple[str, ResearcherSession, dict[str, str]] | Response:
        """The session and fields of a form sent by a signed-in researcher, or the refusal."""
        signed_in = await run_in_threadpool(self.researcher_of, request)
        if signed_in is None:  # no body is read for someone not signed in
            return RedirectResponse("/account/sign-in", status_code=303, headers=NO_STORE)
        form = await form_fields_of(request)
        if not same_token(signed_in[1].csrf_token, form.get(CSRF_FIELD, "")) or cross_site(request):
            return Response("the form's CSRF token is missing or wrong\n", status_code=403, headers=NO_STORE,
                            media_type="text/plain")
        return signed_in[0], signed_in[1], form

    # -- e-mail ------------------------------------------------------------------------------------------------
    def send(self, kind: str, email: str, language: str, token: str) -> None:
        """Send one of the account's e-mails (``MailError`` when the mail server does not take it)."""
        assert self.mail is not None
        base = self.base_url()
        link = {"confirm": f"{base}account/confirm?token={token}", "reset": f"{base}account/password/new?token={token}",
                "notice": f"{base}account/password"}[kind]  # a notice names no token: it asks for a link
        catalogue = pick(self.info().title, language) or ""
        mail = account_mail(kind, language, catalogue, link, f"{base}account/sign-in")
        send_mail(self.mail, email, mail.subject, mail.body, sender_name=catalogue)


def anonymous_body_refused(pages: AccountPages, request: Request) -> Response | None:
    """The refusal of a body sent to ``/account/`` without a researcher's session (but to the forms sent before
    signing in); ``None``: the body may be read."""
    path = request.url.path
    if path.startswith(PREFIX) and path not in ANONYMOUS and pages.researcher_of(request) is None:
        return RedirectResponse("/account/sign-in", status_code=303, headers=NO_STORE)
    return None
