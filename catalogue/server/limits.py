"""Bounds on what one request may cost, before any route runs: the body's size (by ``Content-Length`` at once, and
counted as it arrives when the body is chunked), who may send a body at all (the editor's routes authenticate
first: an anonymous body is never read), and how many requests a worker works on at once (beyond that, ``503``
with ``Retry-After`` at once, so that ``/health`` and the requests already taken stay fast).

Pure ASGI middlewares: they see the bytes as they come, which Starlette's ``BaseHTTPMiddleware`` would not let
them refuse early.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from catalogue.access.application import MOST_FORM_BYTES
from catalogue.editing.files import MAX_FOLDER, MAX_UPLOAD
from catalogue.support.strict import whole_number

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRY_AFTER_BUSY = 2
"""Seconds a client refused for load is asked to wait."""
MAX_BODY = 16 * 1024 * 1024
"""Bytes of a request's body at most (a form, a record sent to the API), but for uploads (``body_cap``)."""
SIGN_IN_BODY = 16 * 1024
"""Bytes of the sign-in form at most (a name, a password and a token)."""
MAX_IN_FLIGHT = 64
"""Requests a worker takes at once (answering them, or waiting for one of its threads); beyond them it refuses at
once (503). What each costs is bounded elsewhere (a document of the whole catalogue is made by one at a time), and
``/health`` is answered on a thread of its own."""


def refusal(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    """A refusal before any route ran: JSON ``{"error": …}``, never cached."""
    return Response(json.dumps({"error": text}) + "\n", status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store", **(headers or {})})


def body_cap(path: str, content_type: str) -> int:
    """The largest body an address takes: a data file or a records folder's zip (sent as a file of a multipart
    form), the sign-in form, else a form or a record."""
    if content_type.startswith("multipart/form-data"):
        if path == "/editor/folder":
            return MAX_FOLDER + 1024 * 1024
        if path.startswith("/editor/dataset/") and path.endswith("/files"):
            return MAX_UPLOAD + 1024 * 1024
    if path.startswith("/account/apply/"):  # an application's answers (read only with a researcher's session)
        return MOST_FORM_BYTES
    if path == "/editor/login" or path.startswith("/account/"):  # the researchers' other forms are small
        return SIGN_IN_BODY
    return MAX_BODY


class BodyLimit:
    """Refuse a body larger than ``cap(path)`` bytes: by its ``Content-Length`` before reading a byte, or, when it
    is chunked, as soon as it grows beyond it (the route then sees the client gone; the answer is ``413``)."""

    def __init__(self, app: ASGIApp, cap: Callable[[str, str], int]) -> None:
        self.app, self.cap = app, cap
        """``cap(path, content type)``: the bytes a body may hold there."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Request(scope).headers
        cap = self.cap(scope["path"], headers.get("content-type", ""))
        too_large = refusal(413, f"the body is larger than this address takes ({cap} bytes)")
        declared = headers.get("content-length")
        if declared is not None:
            size = whole_number(declared.strip())
            if size is None:
                await refusal(400, "Content-Length is not a whole number")(scope, receive, send)
                return
            if size > cap:
                await too_large(scope, receive, send)
                return
        received, started, refused = 0, False, False

        async def counted() -> Message:
            nonlocal received, refused, started
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    refused = True
                    if not started:
                        started = True
                        await too_large(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def answered(message: Message) -> None:
            nonlocal started
            if refused:  # the refusal was sent: what the route answers after it goes nowhere
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, answered)
        except Exception:
            if not refused:  # the route saw the client gone because the body was cut off: that is answered
                raise


class AuthenticateFirst:
    """Read no body of a request that ``refuse`` refuses (it runs in a thread: it may ask the store), and answer
    its refusal instead; ``refuse`` is asked only of requests with a body."""

    def __init__(self, app: ASGIApp, refuse: Callable[[Request], Response | None]) -> None:
        self.app, self.refuse = app, refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in BODY_METHODS:
            refused = await run_in_threadpool(self.refuse, Request(scope))
            if refused is not None:
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)


class LoadShedding:
    """At most ``limit`` requests of this worker are being answered at once (until their answer starts); one more
    is refused at once with ``503`` and ``Retry-After``. The ``exempt`` paths (``/health``) are never refused and
    never counted."""

    def __init__(self, app: ASGIApp, limit: int, exempt: frozenset[str] = frozenset({"/health"})) -> None:
        self.app, self.limit, self.exempt = app, limit, exempt
        self.working = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        if self.working >= self.limit:
            busy = refusal(503, "the server is busy: try again shortly", {"Retry-After": str(RETRY_AFTER_BUSY)})
            await busy(scope, receive, send)
            return
        self.working += 1
        counted = True

        async def started(message: Message) -> None:
            nonlocal counted
            if counted and message["type"] == "http.response.start":
                counted = False
                self.working -= 1
            await send(message)

        async def waited() -> Message:
            """Waiting for the client's body is not work: a slow client holds no place meanwhile."""
            nonlocal counted
            if not counted:
                return await receive()
            counted = False
            self.working -= 1
            try:
                return await receive()
            finally:
                counted = True
                self.working += 1

        try:
            await self.app(scope, waited, started)
        finally:
            if counted:
                self.working -= 1


__all__ = ["AuthenticateFirst", "BODY_METHODS", "BodyLimit", "LoadShedding", "MAX_BODY", "MAX_IN_FLIGHT",
           "SIGN_IN_BODY", "body_cap", "refusal"]
