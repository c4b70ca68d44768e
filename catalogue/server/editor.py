"""The editor's sign-in: forms that work without JavaScript (POST, redirect, GET), a session cookie whose token
the store keeps as a hash, a CSRF token in every form (or the ``X-CSRF-Token`` header), throttled sign-in, and a
home page listing the signed-in officer's agencies, roles and records (drafts included: they are members)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from ..formats.calendar import STATUS_NAMES
from ..formats.text import pick
from ..i18n import direction, translations
from ..store import Store
from ..store.accounts import FAILURE_WINDOW, Accounts, Session, SignIn
from ..store.schema import memberships, records

SESSION_COOKIE = "catalogue_session"
LOGIN_COOKIE = "catalogue_login_csrf"
CSRF_FIELD, CSRF_HEADER = "csrf_token", "X-CSRF-Token"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
NO_STORE = {"Cache-Control": "no-store"}
EXPIRED = "The form has expired: reload the page and sign in again."
THROTTLED = "Too many failed sign-ins: try again in 15 minutes."
REFUSED = "Wrong name or password."
MESSAGES = (EXPIRED, THROTTLED, REFUSED)
"""What the sign-in page may say (translated by the interface catalogues)."""
STATUS_LABELS = {"draft": "draft", "published": "published", **STATUS_NAMES}
"""A record's status as the interface names it: a dataset's, or a release's (gettext message ids)."""


def _environment() -> Environment:
    return Environment(loader=PackageLoader("catalogue", "editor_templates"), autoescape=select_autoescape(["html"]),
                       extensions=["jinja2.ext.i18n"])


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the first value of each)."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    fields = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


def _secure(request: Request) -> bool:
    """Cookies are ``Secure`` everywhere but on the machine itself (where the editor may run over plain HTTP)."""
    return request.url.hostname not in LOCAL_HOSTS


def _csrf_given(request: Request, form: dict[str, str]) -> str:
    return form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")


def add_editor(app: FastAPI, store: Store, clock: Callable[[], datetime], info: Callable[[], Any]) -> None:
    """The editor's routes on ``app`` (``info``: the catalogue record, for its language and title)."""
    accounts = Accounts(store.engine)
    env = _environment()

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        catalogue = info()
        language = catalogue.default_language
        env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
        html = env.get_template(template).render(lang=language, dir=direction(language),
                                                 catalogue_title=pick(catalogue.title, language), **values)
        return HTMLResponse(html, status_code=status, headers=NO_STORE)

    def session_of(request: Request) -> tuple[str, Session] | None:
        token = request.cookies.get(SESSION_COOKIE)
        session = accounts.session(token, clock()) if token else None
        return (token, session) if token and session else None

    def login_form(request: Request, status: int = 200, problem: str | None = None, name: str = "",
                   headers: dict[str, str] | None = None) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = page("login.html", status, csrf_token=token, problem=problem, name=name)
        response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="lax", secure=_secure(request),
                            path="/editor/login")
        response.headers.update(headers or {})
        return response

    def gettext(text: str) -> str:
        return str(translations(info().default_language).gettext(text))

    @app.get("/editor/login", include_in_schema=False)
    def login_page(request: Request) -> Response:
        return login_form(request)

    @app.post("/editor/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await _form(request)
        expected = request.cookies.get(LOGIN_COOKIE, "")
        if not expected or not secrets.compare_digest(expected, form.get(CSRF_FIELD, "")):
            return page("login.html", 403, csrf_token="", name="",
                        problem=gettext(EXPIRED))
        name = form.get("name", "")
        outcome, token = accounts.sign_in(name, form.get("password", ""), clock())
        if outcome is SignIn.THROTTLED:
            return login_form(request, 429, gettext(THROTTLED), name,
                              {"Retry-After": str(int(FAILURE_WINDOW.total_seconds()))})
        if outcome is SignIn.REFUSED or token is None:
            return login_form(request, 401, gettext(REFUSED), name)
        response = RedirectResponse("/editor/", status_code=303, headers=NO_STORE)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=_secure(request), path="/")
        response.delete_cookie(LOGIN_COOKIE, path="/editor/login")
        return response

    @app.get("/editor/", include_in_schema=False)
    def home(request: Request) -> Response:
        signed_in = session_of(request)
        if signed_in is None:
            return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        _, session = signed_in
        with store.engine.connect() as connection:
            roles = connection.execute(select(memberships.c.agency, memberships.c.role)
                                       .where(memberships.c.user_name == session.user)
                                       .order_by(memberships.c.agency)).all()
            owned = connection.execute(
                select(records.c.agency, records.c.kind, records.c.record_id, records.c.status, records.c.revision)
                .where(records.c.agency.in_([agency for agency, _ in roles]))
                .order_by(records.c.agency, records.c.kind, records.c.record_id)).all() if roles else []
        return page("home.html", user=session.user, memberships=roles, records=owned, csrf_token=session.csrf_token,
                    status_labels=STATUS_LABELS)

    async def signed_in_post(request: Request) -> tuple[str, Session] | Response:
        """The session of a form sent by a signed-in officer, or the refusal (403 without a valid CSRF token)."""
        signed_in = session_of(request)
        form = await _form(request)
        if signed_in is None:
            return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        if not secrets.compare_digest(signed_in[1].csrf_token, _csrf_given(request, form)):
            return Response("the form's CSRF token is missing or wrong\n", status_code=403, headers=NO_STORE,
                            media_type="text/plain")
        return signed_in

    def signed_out(request: Request) -> Response:
        response = RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        response.delete_cookie(SESSION_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="lax")
        return response

    @app.post("/editor/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        checked = await signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        accounts.sign_out(checked[0])
        return signed_out(request)

    @app.post("/editor/logout-everywhere", include_in_schema=False)
    async def logout_everywhere(request: Request) -> Response:
        checked = await signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        accounts.sign_out_everywhere(checked[1].user)
        return signed_out(request)


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "LOGIN_COOKIE", "SESSION_COOKIE", "add_editor"]
