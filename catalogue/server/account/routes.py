"""The researchers' pages: every form works without JavaScript (POST, then a page or a redirect), says what is wrong
at its field in the researcher's language, and tells nobody whether an address has an account (registering an
address twice, or asking a new password for one without an account, answers the same page; the address's owner
learns the rest by e-mail). An e-mail's link opens a page whose button does what the link is for: a mail filter
that follows links uses nothing up."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from catalogue.access.profile import checked_email, checked_password, checked_profile
from catalogue.errors import MailError, ResearcherFormError
from catalogue.i18n import translations
from catalogue.server.account.pages import FORM_COOKIE, RESEARCHER_COOKIE, AccountPages, after_sign_in
from catalogue.server.editor.pages import NO_STORE, secure
from catalogue.server.editor.signin import DEVICE_LIFETIME
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import FAILURE_WINDOW, SignIn

router = RouteGroup()
DEVICE_COOKIE = "catalogue_researcher_device"
EXPIRED = "The form has expired: reload the page and try again."
CLOSED = "Accounts for researchers are not open on this server: it sends no e-mail."
SENT = "If the address can take it, a message with a link is on its way to it. The link works for a limited time."
USED = "This link has expired or was used already."
THROTTLED = "Too many failed sign-ins: try again in 15 minutes."
REFUSED = "Wrong address or password, or an address not confirmed yet."
SAVED = "The new password is saved: sign in with it."
WRONG_PASSWORD = "Wrong password."
BUSY = "Too many registrations from this network: try again in 15 minutes."
TITLES = ("Register", "Check your e-mail", "Confirm the address", "Forgotten password", "Choose a new password")
MESSAGES = (EXPIRED, CLOSED, SENT, USED, THROTTLED, REFUSED, SAVED, WRONG_PASSWORD, BUSY, *TITLES)
"""What the researchers' pages say besides their templates (translated by the interface catalogues)."""


async def account_pages(request: Request) -> AccountPages:
    return cast(AccountPages, request.app.state.account_pages)


AccountDep = Annotated[AccountPages, Depends(account_pages)]


def message_page(pages: AccountPages, request: Request, title: str, text: str, status: int = 200) -> Response:
    return pages.page(request, "message.html", status, title=pages.gettext(request, title),
                      text=pages.gettext(request, text))


def said_problems(pages: AccountPages, request: Request, error: ResearcherFormError) -> dict[str, str]:
    language = pages.language(request)
    return {field: message.said(translations(language)) for field, message in error.problems.items()}


# -- the account's page --------------------------------------------------------------------------------------------
@router.get_and_head("/account/", include_in_schema=False)
def home(request: Request, pages: AccountDep) -> Response:
    signed_in = pages.researcher_of(request)
    if signed_in is None:
        return RedirectResponse("/account/sign-in", status_code=303, headers=NO_STORE)
    researcher = pages.researchers.researcher(signed_in[1].email)
    assert researcher is not None
    return pages.page(request, "home.html", researcher=researcher, csrf_token=signed_in[1].csrf_token, fields=None,
                      access_requests=pages.requests.of_researcher(signed_in[1].email),
                      request_saved=request.query_params.get("saved") == "1")


# -- registering ---------------------------------------------------------------------------------------------------
@router.get_and_head("/account/register", include_in_schema=False)
def register_page(request: Request, pages: AccountDep) -> Response:
    if pages.mail is None:
        return message_page(pages, request, "Register", CLOSED, 404)
    return pages.form_page(request, "register.html", fields={"language": pages.language(request)})


@router.post("/account/register", include_in_schema=False)
async def register(request: Request, pages: AccountDep) -> Response:
    if pages.mail is None:
        return message_page(pages, request, "Register", CLOSED, 404)
    form = await pages.anonymous_form(request)
    if form is None:
        return pages.form_page(request, "register.html", 403, problem=pages.gettext(request, EXPIRED), fields={})
    kept = {k: form.get(k, "") for k in ("email", "name", "organisation", "country", "orcid", "language")}
    problems: dict[str, str] = {}
    checked: list[Any] = []
    for check in (lambda: checked_email(form.get("email", "")),
                  lambda: checked_password(form.get("password", ""), form.get("password_again", "")),
                  lambda: checked_profile(form, list(pages.info().languages))):
        try:
            checked.append(check())
        except ResearcherFormError as error:  # every field's problem said at once
            problems.update(said_problems(pages, request, error))
    if problems:
        return pages.form_page(request, "register.html", 422, problems=problems, fields=kept)
    email, password, profile = checked
    now, address = pages.clock(), request.client.host if request.client else ""
    if not await run_in_threadpool(pages.researchers.may_register, address, now):
        answer = message_page(pages, request, "Register", BUSY, 429)
        answer.headers["Retry-After"] = str(int(FAILURE_WINDOW.total_seconds()))
        return answer

    def register_and_mail() -> None:
        kind, token, language = pages.researchers.register(email, password, profile, now)
        if not kind:
            return
        try:
            pages.send(kind, email, language, token or "")
        except MailError:  # no account nobody can confirm: registering again starts afresh
            if token is not None:
                pages.researchers.forget_unconfirmed(email, token)

    answer = message_page(pages, request, "Check your e-mail", SENT)
    answer.background = BackgroundTask(register_and_mail)  # after the page: its time tells nothing of the address
    return answer


# -- confirming ----------------------------------------------------------------------------------------------------
def _link_page(pages: AccountPages, request: Request, token: str, purpose: str, title: str, template: str
               ) -> Response:
    """The page an e-mail's link opens: its form (the token in it), or that the link is spent."""
    if not token or len(token) > 100 or not pages.researchers.token_is_live(token, purpose, pages.clock()):
        return message_page(pages, request, title, USED, 404)
    return pages.form_page(request, template, token=token)


@router.get_and_head("/account/confirm", include_in_schema=False)
def confirm_page(request: Request, pages: AccountDep, token: str = "") -> Response:
    return _link_page(pages, request, token, "confirm", "Confirm the address", "confirm.html")


@router.post("/account/confirm", include_in_schema=False)
async def confirm(request: Request, pages: AccountDep) -> Response:
    form = await pages.anonymous_form(request)
    if form is None:
        return message_page(pages, request, "Confirm the address", EXPIRED, 403)
    token, now = form.get("token", "")[:100], pages.clock()
    if not await run_in_threadpool(pages.researchers.token_is_live, token, "confirm", now):
        return message_page(pages, request, "Confirm the address", USED, 404)
    address = request.client.host if request.client else ""
    outcome, session, email = await run_in_threadpool(pages.researchers.confirm, token,
                                                      form.get("password", "")[:1025], now, address)
    if outcome is SignIn.THROTTLED:
        return _throttled(pages, request, "confirm.html", token=token)
    if session is None or email is None:
        return pages.form_page(request, "confirm.html", 401, token=token,
                               problem=pages.gettext(request, WRONG_PASSWORD))
    return await _signed_in(pages, request, email, session)


# -- signing in and out --------------------------------------------------------------------------------------------
@router.get_and_head("/account/sign-in", include_in_schema=False)
def sign_in_page(request: Request, pages: AccountDep) -> Response:
    return pages.form_page(request, "sign_in.html", email="",
                           next=after_sign_in(request.query_params.get("next", "")[:300]))


@router.post("/account/sign-in", include_in_schema=False)
async def sign_in(request: Request, pages: AccountDep) -> Response:
    form = await pages.anonymous_form(request)
    if form is None:
        return pages.form_page(request, "sign_in.html", 403, problem=pages.gettext(request, EXPIRED), email="")
    to = after_sign_in(form.get("next", "")[:300])
    given = form.get("email", "")[:254]
    try:
        email = checked_email(given)
    except ResearcherFormError:  # no account has it: nothing to look up (a NUL is no text PostgreSQL takes)
        return pages.form_page(request, "sign_in.html", 401, email=given, problem=pages.gettext(request, REFUSED),
                               next=to)
    password = form.get("password", "")[:1025]
    address = request.client.host if request.client else ""
    device = request.cookies.get(DEVICE_COOKIE)
    outcome, token = await run_in_threadpool(pages.researchers.sign_in, email, password, pages.clock(), address,
                                             False, device)
    if outcome is SignIn.THROTTLED:
        return _throttled(pages, request, "sign_in.html", email=email, next=to)
    if outcome is SignIn.REFUSED or token is None:
        return pages.form_page(request, "sign_in.html", 401, email=email, problem=pages.gettext(request, REFUSED),
                               next=to)
    return await _signed_in(pages, request, email, token, to)


def _throttled(pages: AccountPages, request: Request, template: str, **values: str) -> Response:
    answer = pages.form_page(request, template, 429, problem=pages.gettext(request, THROTTLED), **values)
    answer.headers["Retry-After"] = str(int(FAILURE_WINDOW.total_seconds()))
    return answer


async def _signed_in(pages: AccountPages, request: Request, email: str, token: str,
                     to: str = "/account/") -> Response:
    """The session's cookie, and a device cookie for a browser new to the account (failures elsewhere never lock
    it out); then ``to``."""
    response = RedirectResponse(to, status_code=303, headers=NO_STORE)
    response.set_cookie(RESEARCHER_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path="/")
    response.delete_cookie(FORM_COOKIE, path="/account/")
    device = request.cookies.get(DEVICE_COOKIE)
    if not await run_in_threadpool(pages.researchers.trusts, email, device):
        trusted = await run_in_threadpool(pages.researchers.trust_device, email, pages.clock())
        response.set_cookie(DEVICE_COOKIE, trusted, max_age=DEVICE_LIFETIME, httponly=True, samesite="strict",
                            secure=secure(request), path="/account/")
    return response


@router.post("/account/sign-out", include_in_schema=False)
async def sign_out(request: Request, pages: AccountDep) -> Response:
    checked = await pages.signed_in_form(request)
    if isinstance(checked, Response):
        return checked
    await run_in_threadpool(pages.researchers.sign_out, checked[0])
    response = RedirectResponse("/account/sign-in", status_code=303, headers=NO_STORE)
    response.delete_cookie(RESEARCHER_COOKIE, path="/", secure=secure(request), httponly=True, samesite="lax")
    return response


# -- a new password ------------------------------------------------------------------------------------------------
@router.get_and_head("/account/password", include_in_schema=False)
def password_page(request: Request, pages: AccountDep) -> Response:
    if pages.mail is None:
        return message_page(pages, request, "Forgotten password", CLOSED, 404)
    return pages.form_page(request, "password.html", email="")


@router.post("/account/password", include_in_schema=False)
async def password(request: Request, pages: AccountDep) -> Response:
    if pages.mail is None:
        return message_page(pages, request, "Forgotten password", CLOSED, 404)
    form = await pages.anonymous_form(request)
    if form is None:
        return pages.form_page(request, "password.html", 403, problem=pages.gettext(request, EXPIRED), email="")
    try:
        email = checked_email(form.get("email", ""))
    except ResearcherFormError as error:
        return pages.form_page(request, "password.html", 422, problems=said_problems(pages, request, error),
                               email=form.get("email", "")[:254])
    now = pages.clock()

    def link_and_mail() -> None:
        token, language = pages.researchers.request_reset(email, now)
        if token is None:
            return
        try:
            pages.send("reset", email, language, token)
        except MailError:  # a link no mail carries is no link; asking again sends another
            pages.researchers.forget_token(token)

    answer = message_page(pages, request, "Check your e-mail", SENT)
    answer.background = BackgroundTask(link_and_mail)  # after the page: its time tells nobody of an account
    return answer


@router.get_and_head("/account/password/new", include_in_schema=False)
def new_password_page(request: Request, pages: AccountDep, token: str = "") -> Response:
    return _link_page(pages, request, token, "reset", "Choose a new password", "new_password.html")


@router.post("/account/password/new", include_in_schema=False)
async def new_password(request: Request, pages: AccountDep) -> Response:
    form = await pages.anonymous_form(request)
    if form is None:
        return message_page(pages, request, "Choose a new password", EXPIRED, 403)
    token = form.get("token", "")[:100]
    try:
        chosen = checked_password(form.get("password", ""), form.get("password_again", ""))
    except ResearcherFormError as error:
        return pages.form_page(request, "new_password.html", 422, problems=said_problems(pages, request, error),
                               token=token)
    email = await run_in_threadpool(pages.researchers.reset, token, chosen, pages.clock())
    if email is None:
        return message_page(pages, request, "Choose a new password", USED, 404)
    response = message_page(pages, request, "Choose a new password", SAVED)
    response.delete_cookie(RESEARCHER_COOKIE, path="/", secure=secure(request), httponly=True, samesite="lax")
    return response


# -- the profile ---------------------------------------------------------------------------------------------------
@router.post("/account/profile", include_in_schema=False)
async def profile(request: Request, pages: AccountDep) -> Response:
    checked = await pages.signed_in_form(request)
    if isinstance(checked, Response):
        return checked
    _, session, form = checked
    researcher = pages.researchers.researcher(session.email)
    assert researcher is not None
    try:
        changed = checked_profile(form, list(pages.info().languages))
    except ResearcherFormError as error:
        return pages.page(request, "home.html", 422, researcher=researcher, csrf_token=session.csrf_token,
                          problems=said_problems(pages, request, error),
                          fields={k: form.get(k, "") for k in ("name", "organisation", "country", "orcid", "language")})
    await run_in_threadpool(pages.researchers.update_profile, session.email, changed)
    return RedirectResponse("/account/?saved=1", status_code=303, headers=NO_STORE)
