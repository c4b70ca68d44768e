"""Who may send the editor a body: a request without a live API token (the JSON API) or a live session (the forms,
but the sign-in form) is refused before a byte of its body is read (``limits.AuthenticateFirst``)."""

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from catalogue.server.editor.api import PREFIX as API_PREFIX
from catalogue.server.editor.pages import NO_STORE, EditorPages
from catalogue.server.limits import refusal


def unauthenticated(pages: EditorPages, request: Request) -> Response | None:
    """The refusal of a body for the editor's API without a live token, or for a form of the editor (but the
    sign-in form) without a live session; ``None``: the body may be read."""
    path = request.url.path
    if path.startswith(f"{API_PREFIX}/"):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or pages.accounts.token_user(token.strip()) is None:
            return refusal(401, "an API token is missing or not valid", {"WWW-Authenticate": "Bearer"})
    elif path.startswith("/editor/") and path != "/editor/login" and pages.session_of(request) is None:
        return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
    return None
