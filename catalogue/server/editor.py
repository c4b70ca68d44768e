"""The editor's sign-in: forms that work without JavaScript (POST, redirect, GET), a session cookie whose token
the store keeps as a hash, a CSRF token in every form (or the ``X-CSRF-Token`` header), throttled sign-in, and a
home page listing the signed-in officer's agencies, roles and records (drafts included: they are members)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from ..formats.calendar import STATUS_NAMES
from ..editing.service import Editing
from ..store import Store
from ..store.accounts import FAILURE_WINDOW, SignIn
from ..store.schema import memberships
from .editor_api import add_editor_api
from .editor_pages import CSRF_FIELD, CSRF_HEADER, NO_STORE, SESSION_COOKIE, EditorPages, form_fields_of, secure
from .editor_records import KIND_LABELS, STAGE_LABELS, add_record_routes

LOGIN_COOKIE = "catalogue_login_csrf"
EXPIRED = "The form has expired: reload the page and sign in again."
THROTTLED = "Too many failed sign-ins: try again in 15 minutes."
REFUSED = "Wrong name or password."
MESSAGES = (EXPIRED, THROTTLED, REFUSED)
"""What the sign-in page may say (translated by the interface catalogues)."""
STATUS_LABELS = {"draft": "draft", "published": "published", **STATUS_NAMES}
"""A record's status as the interface names it: a dataset's, or a release's (gettext message ids)."""
STATIC_FILES = {"htmx.min.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}


def add_editor(app: FastAPI, store: Store, clock: Callable[[], datetime], info: Callable[[], Any],
               files: Callable[[], Path], separate_duties: bool = True) -> None:
    """The editor's routes on ``app`` (``info``: the catalogue record, for its language and title; ``files``: the
    folder of the store's files, for previews; ``separate_duties``: see ``Editing``)."""
    pages = EditorPages(store, clock, info, files)
    editing = Editing(store, clock, separate_duties=separate_duties)
    """One per worker: it keeps the shared records and indexed codelists between requests."""
    accounts, page, gettext = pages.accounts, pages.page, pages.gettext

    def login_form(request: Request, status: int = 200, problem: str | None = None, name: str = "",
                   headers: dict[str, str] | None = None) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = page(request, "login.html", status, csrf_token=token, problem=problem, name=name)
        response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="lax", secure=secure(request),
                            path="/editor/login")
        response.headers.update(headers or {})
        return response

    @app.get("/editor/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC_FILES:
            return Response("not found\n", status_code=404, media_type="text/plain")
        content = (resources.files("catalogue") / "editor_static" / name).read_bytes()
        return Response(content, media_type=STATIC_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/editor/login", include_in_schema=False)
    def login_page(request: Request) -> Response:
        return login_form(request)

    @app.post("/editor/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await form_fields_of(request)
        expected = request.cookies.get(LOGIN_COOKIE, "")
        if not expected or not secrets.compare_digest(expected, form.get(CSRF_FIELD, "")):
            return page(request, "login.html", 403, csrf_token="", name="",
                        problem=gettext(request, EXPIRED))
        name = form.get("name", "")
        outcome, token = accounts.sign_in(name, form.get("password", ""), clock())
        if outcome is SignIn.THROTTLED:
            return login_form(request, 429, gettext(request, THROTTLED), name,
                              {"Retry-After": str(int(FAILURE_WINDOW.total_seconds()))})
        if outcome is SignIn.REFUSED or token is None:
            return login_form(request, 401, gettext(request, REFUSED), name)
        response = RedirectResponse("/editor/", status_code=303, headers=NO_STORE)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path="/")
        response.delete_cookie(LOGIN_COOKIE, path="/editor/login")
        return response

    @app.get("/editor/", include_in_schema=False)
    def home(request: Request) -> Response:
        signed_in = pages.session_of(request)
        if signed_in is None:
            return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        _, session = signed_in
        with store.engine.connect() as connection:
            roles = connection.execute(select(memberships.c.agency, memberships.c.role)
                                       .where(memberships.c.user_name == session.user)
                                       .order_by(memberships.c.agency)).all()
        owned = editing.records_of(session.user) if roles else []
        return page(request, "home.html", user=session.user, memberships=roles, records=owned,
                    csrf_token=session.csrf_token,
                    status_labels=STATUS_LABELS, stage_labels=STAGE_LABELS, kinds=KIND_LABELS,
                    creatable=[kind for kind in KIND_LABELS if kind != "catalogue"],
                    admin_of=[agency for agency, role in roles if role == "admin"],
                    catalogue_publisher=info().publisher)

    def signed_out(request: Request) -> Response:
        response = RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        response.delete_cookie(SESSION_COOKIE, path="/", secure=secure(request), httponly=True, samesite="lax")
        return response

    @app.post("/editor/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        accounts.sign_out(checked[0])
        return signed_out(request)

    @app.post("/editor/logout-everywhere", include_in_schema=False)
    async def logout_everywhere(request: Request) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        accounts.sign_out_everywhere(checked[1].user)
        return signed_out(request)

    add_record_routes(app, pages, editing)
    add_editor_api(app, store, editing)


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "LOGIN_COOKIE", "SESSION_COOKIE", "add_editor"]
