"""The editor's sign-in: forms that work without JavaScript (POST, redirect, GET), a session cookie whose token
the store keeps as a hash, a CSRF token in every form (or the ``X-CSRF-Token`` header), throttled sign-in, and a
home page listing the signed-in officer's agencies, roles and records (drafts included: they are members)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from catalogue.formats.calendar import STATUS_NAMES
from catalogue.editing.service import Editing, Opened, release_moment
from catalogue.editing.workflow import PUBLISHED
from catalogue.store import Store
from catalogue.store.accounts import FAILURE_WINDOW, SignIn
from catalogue.store.schema import memberships
from catalogue.server.editor_api import PREFIX as API_PREFIX, add_editor_api
from catalogue.support.strict import whole_number
from catalogue.server.limits import refusal
from catalogue.server.editor_pages import (CSRF_FIELD, CSRF_HEADER, NO_STORE, SESSION_COOKIE, EditorPages, cross_site,
                           form_fields_of, same_token, secure)
from catalogue.server.editor_records import KIND_LABELS, STAGE_LABELS, add_record_routes

LOGIN_COOKIE = "catalogue_login_csrf"
DEVICE_COOKIE = "catalogue_device"
"""A browser that signed in as a user before (``Accounts.sign_in``): failures elsewhere never lock it out."""
DEVICE_LIFETIME = 365 * 24 * 3600
SIGN_IN_FORM_LIFETIME = 2 * 3600
"""Seconds a sign-in form's token is good for."""
EXPIRED = "The form has expired: reload the page and sign in again."
THROTTLED = "Too many failed sign-ins: try again in 15 minutes."
REFUSED = "Wrong name or password."
MESSAGES = (EXPIRED, THROTTLED, REFUSED)
"""What the sign-in page may say (translated by the interface catalogues)."""
STATUS_LABELS = {"draft": "draft", "published": "published", **STATUS_NAMES}
"""A record's status as the interface names it: a dataset's, or a release's (gettext message ids)."""
STATIC_FILES = {"htmx.min.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}


def add_editor(app: FastAPI, store: Store, clock: Callable[[], datetime], info: Callable[[], Any],
               files: Callable[[], Path], separate_duties: bool = True) -> Callable[[Request], Response | None]:
    """The editor's routes on ``app`` (``info``: the catalogue record, for its language and title; ``files``: the
    folder of the store's files, for previews; ``separate_duties``: see ``Editing``); what it gives back says,
    before a request's body is read, whether the request is refused as unauthenticated (``AuthenticateFirst``)."""
    pages = EditorPages(store, clock, info, files)
    editing = Editing(store, clock, separate_duties=separate_duties)
    """One per worker: it keeps the shared records and indexed codelists between requests."""
    accounts, page, gettext = pages.accounts, pages.page, pages.gettext

    signing_key = hmac.new(accounts.signing_secret(), b"sign-in form", hashlib.sha256).digest()

    def form_token(nonce: str) -> str:
        """The sign-in form's token: the cookie's nonce signed with the store's secret, so that a cookie planted
        by another site (a sibling domain may set one) comes with no token that matches it. The nonce holds the
        moment it was made: a token is good for ``SIGN_IN_FORM_LIFETIME`` only."""
        made = whole_number(nonce.partition(".")[0])  # the cookie is the client's: "²" or 5,000 digits are no moment
        fresh = made is not None and 0 <= clock().timestamp() - made <= SIGN_IN_FORM_LIFETIME
        return hmac.new(signing_key, nonce.encode(), hashlib.sha256).hexdigest() if fresh else ""

    def login_form(request: Request, status: int = 200, problem: str | None = None, name: str = "",
                   headers: dict[str, str] | None = None) -> HTMLResponse:
        nonce = f"{int(clock().timestamp())}.{secrets.token_urlsafe(32)}"
        response = page(request, "login.html", status, csrf_token=form_token(nonce), problem=problem, name=name)
        response.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="lax", secure=secure(request),
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
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        expected = form_token(nonce) if nonce else ""
        if not expected or not same_token(expected, form.get(CSRF_FIELD, "")) \
                or cross_site(request):
            return page(request, "login.html", 403, csrf_token="", name="",
                        problem=gettext(request, EXPIRED))
        name = form.get("name", "")
        device = request.cookies.get(DEVICE_COOKIE)
        outcome, token = await run_in_threadpool(accounts.sign_in, name, form.get("password", ""), clock(),
                                                 request.client.host if request.client else "", device)
        if outcome is SignIn.THROTTLED:
            return login_form(request, 429, gettext(request, THROTTLED), name,
                              {"Retry-After": str(int(FAILURE_WINDOW.total_seconds()))})
        if outcome is SignIn.REFUSED or token is None:
            return login_form(request, 401, gettext(request, REFUSED), name)
        response = RedirectResponse("/editor/", status_code=303, headers=NO_STORE)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path="/")
        response.delete_cookie(LOGIN_COOKIE, path="/editor/login")
        if not await run_in_threadpool(accounts.trusts, name, device):
            response.set_cookie(DEVICE_COOKIE, await run_in_threadpool(accounts.trust_device, name, clock()),
                                max_age=DEVICE_LIFETIME, httponly=True, samesite="strict", secure=secure(request),
                                path="/editor/login")
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
        now = clock()

        def public_side(record: Opened) -> tuple[str, str | None]:
            """What the public sees of a record beside its stage: its published version under a working copy, an
            embargo not yet lifted (with its moment)."""
            if record.editing and record.published_revision is not None:
                release = record.published_release
                return ("published version embargoed until", release.isoformat()) if release and release > now \
                    else ("published version online", None)
            release = release_moment(record.data.get("release_time")) if record.stage == PUBLISHED else None
            return ("embargoed until", release.isoformat()) if release and release > now else ("", None)

        return page(request, "home.html", user=session.user, memberships=roles, records=owned,
                    public_side={(r.kind, r.record_id): public_side(r) for r in owned},
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

    def unauthenticated(request: Request) -> Response | None:
        """A body for the editor's API without a live token, or for a form of the editor (but the sign-in form)
        without a live session: refused before a byte of it is read."""
        path = request.url.path
        if path.startswith(f"{API_PREFIX}/"):
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip() or accounts.token_user(token.strip()) is None:
                return refusal(401, "an API token is missing or not valid", {"WWW-Authenticate": "Bearer"})
        elif path.startswith("/editor/") and path != "/editor/login" and pages.session_of(request) is None:
            return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        return None

    return unauthenticated


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "LOGIN_COOKIE", "SESSION_COOKIE", "add_editor"]
