"""How a page of the editor answers: shown to the signed-in officer, a form acted on once its CSRF token is
checked, an upload refused before its body is read; else the way to sign in, or the refusal's page."""

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catalogue.errors import EditingError
from catalogue.server.editor.pages import CSRF_HEADER, NO_STORE, EditorPages, cross_site, same_token
from catalogue.server.errors import status_of
from catalogue.store.accounts import Session


def to_login() -> Response:
    return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)


def done(url: str) -> Response:
    """After a form was acted on: the page to show next (POST, redirect, GET)."""
    return RedirectResponse(url, status_code=303, headers=NO_STORE)


def refused(pages: EditorPages, request: Request, error: EditingError, back: str | None = None) -> Response:
    return pages.page(request, "problem.html", status_of(error), problem=error, back=back)


def signed_in_user(pages: EditorPages, request: Request) -> tuple[str, str] | None:
    """The signed-in officer's name and CSRF token, or ``None``."""
    signed_in = pages.session_of(request)
    return (signed_in[1].user, signed_in[1].csrf_token) if signed_in else None


def shown(pages: EditorPages, request: Request, make: Callable[[str, str], Response],
          back: str | None = "/editor/") -> Response:
    """A page for the signed-in officer (``make(name, csrf_token)``), the way to sign in, or the refusal."""
    signed_in = signed_in_user(pages, request)
    if signed_in is None:
        return to_login()
    try:
        return make(*signed_in)
    except EditingError as error:
        return refused(pages, request, error, back)


async def acted(pages: EditorPages, request: Request, act: Callable[[Session, dict[str, str]], Response],
                back: str | None = None) -> Response:
    """A form sent by the signed-in officer, acted on (``act(session, fields)``) once its CSRF token is checked;
    or the way to sign in, or the refusal."""
    checked = await pages.signed_in_post(request)
    if isinstance(checked, Response):
        return checked
    _, session, form = checked

    def answer() -> Response:
        try:
            return act(session, form)
        except EditingError as error:
            return refused(pages, request, error, back)
    return await run_in_threadpool(answer)  # the work is off the event loop: other requests go on


async def before_upload(pages: EditorPages, request: Request, may: Callable[[str], Any],
                        back: str) -> Response | None:
    """What refuses an upload before its body is read: no live session, a form from another site, a CSRF header
    that is not the session's, or a role that does not allow it. ``None``: read it (the form's token, in the
    body, is checked once it is read: only an officer allowed to upload here gets that far)."""
    signed_in = await run_in_threadpool(pages.session_of, request)
    if signed_in is None:
        return to_login()
    session = signed_in[1]
    given = request.headers.get(CSRF_HEADER)
    if cross_site(request) or (given is not None and not same_token(session.csrf_token, given)):
        return Response("the form's CSRF token is missing or wrong\n", status_code=403, headers=NO_STORE,
                        media_type="text/plain")
    try:
        await run_in_threadpool(may, session.user)
    except EditingError as error:
        return refused(pages, request, error, back)
    return None


