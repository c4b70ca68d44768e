"""The editor's sign-in: a form that works without JavaScript (POST, redirect, GET), a session cookie whose token
the store keeps as a hash, a sign-in form's token signed with the store's secret, throttled sign-in, a trusted
device that failures elsewhere never lock out, and signing out (here, or everywhere)."""

import hashlib
import hmac
import secrets

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catalogue.server.editor.dependencies import PagesDep
from catalogue.server.editor.pages import (CSRF_FIELD, NO_STORE, SESSION_COOKIE, EditorPages, cross_site,
                                           form_fields_of, same_token, secure)
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import FAILURE_WINDOW, SignIn
from catalogue.support.strict import whole_number

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

router = RouteGroup()


def form_token(pages: EditorPages, nonce: str) -> str:
    """The sign-in form's token: the cookie's nonce signed with the store's secret, so that a cookie planted
    by another site (a sibling domain may set one) comes with no token that matches it. The nonce holds the
    moment it was made: a token is good for ``SIGN_IN_FORM_LIFETIME`` only."""
    made = whole_number(nonce.partition(".")[0])  # the cookie is the client's: "²" or 5,000 digits are no moment
    fresh = made is not None and 0 <= pages.clock().timestamp() - made <= SIGN_IN_FORM_LIFETIME
    return hmac.new(pages.sign_in_key, nonce.encode(), hashlib.sha256).hexdigest() if fresh else ""


def _login_form(pages: EditorPages, request: Request, status: int = 200, problem: str | None = None,
                name: str = "", headers: dict[str, str] | None = None) -> HTMLResponse:
    """The sign-in page, with a fresh nonce in its cookie and the form's token signed from it."""
    nonce = f"{int(pages.clock().timestamp())}.{secrets.token_urlsafe(32)}"
    response = pages.page(request, "login.html", status, csrf_token=form_token(pages, nonce), problem=problem,
                          name=name)
    response.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="lax", secure=secure(request),
                        path="/editor/login")
    response.headers.update(headers or {})
    return response


@router.get("/editor/login", include_in_schema=False)
def login_page(request: Request, pages: PagesDep) -> Response:
    return _login_form(pages, request)


@router.post("/editor/login", include_in_schema=False)
async def login(request: Request, pages: PagesDep) -> Response:
    form = await form_fields_of(request)
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    expected = form_token(pages, nonce) if nonce else ""
    if not expected or not same_token(expected, form.get(CSRF_FIELD, "")) \
            or cross_site(request):
        return pages.page(request, "login.html", 403, csrf_token="", name="",
                          problem=pages.gettext(request, EXPIRED))
    name = form.get("name", "")
    device = request.cookies.get(DEVICE_COOKIE)
    accounts = pages.accounts
    outcome, token = await run_in_threadpool(accounts.sign_in, name, form.get("password", ""), pages.clock(),
                                             request.client.host if request.client else "", device)
    if outcome is SignIn.THROTTLED:
        return _login_form(pages, request, 429, pages.gettext(request, THROTTLED), name,
                           {"Retry-After": str(int(FAILURE_WINDOW.total_seconds()))})
    if outcome is SignIn.REFUSED or token is None:
        return _login_form(pages, request, 401, pages.gettext(request, REFUSED), name)
    response = RedirectResponse("/editor/", status_code=303, headers=NO_STORE)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/editor/login")
    if not await run_in_threadpool(accounts.trusts, name, device):
        response.set_cookie(DEVICE_COOKIE, await run_in_threadpool(accounts.trust_device, name, pages.clock()),
                            max_age=DEVICE_LIFETIME, httponly=True, samesite="strict", secure=secure(request),
                            path="/editor/login")
    return response


def _signed_out(request: Request) -> Response:
    response = RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=secure(request), httponly=True, samesite="lax")
    return response


@router.post("/editor/logout", include_in_schema=False)
async def logout(request: Request, pages: PagesDep) -> Response:
    checked = await pages.signed_in_post(request)
    if isinstance(checked, Response):
        return checked
    pages.accounts.sign_out(checked[0])
    return _signed_out(request)


@router.post("/editor/logout-everywhere", include_in_schema=False)
async def logout_everywhere(request: Request, pages: PagesDep) -> Response:
    checked = await pages.signed_in_post(request)
    if isinstance(checked, Response):
        return checked
    pages.accounts.sign_out_everywhere(checked[1].user)
    return _signed_out(request)
