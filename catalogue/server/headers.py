"""What every answer of the server carries to keep content passive: a Content-Security-Policy that runs only the
server's own scripts (and the inline scripts of the catalogue's and the datasets' pages, by their hashes), no
framing, no type sniffing."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from importlib import resources

from starlette.types import ASGIApp, Message, Receive, Scope, Send

FILE_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
"""For a user's file (a data file): nothing in it runs, whatever it holds."""


def _inline_script_hashes() -> list[str]:
    """The CSP source of each inline script of the public site's templates (fixed text, hashed once)."""
    found = []
    for name in ("catalogue.html", "dataset.html"):
        template = (resources.files("catalogue") / "site_templates" / name).read_text(encoding="utf-8")
        for script in re.findall(r"<script>(.*?)</script>", template, flags=re.DOTALL):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            found.append(f"'sha256-{digest}'")
    return found


PAGE_POLICY = ("default-src 'self'; script-src 'self' " + " ".join(_inline_script_hashes()) +
               "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
               "form-action 'self'; frame-ancestors 'none'")
"""For every other answer: the server's own scripts and styles only (inline styles carry no code: the pages set a
code's depth in a hierarchy with one)."""
FAILED = b'{"error":"the server failed to answer; the failure is logged"}'
"""The body of an answer that failed before it started."""
LOG = logging.getLogger(__name__)
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"))


class SecurityHeaders:
    """ASGI middleware: the security headers on every answer (a Content-Security-Policy the route set is kept).
    An answer that fails before it starts (a fault of the server, logged) is a 500 with them too, and the connection
    stays open for the client's next request; one that fails once started is cut off (its body is not whole)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(name, value) for name, value in message.get("headers", [])
                           if name.lower() not in {h for h, _ in SECURITY_HEADERS}]
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                message["headers"] = [*headers, *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if started:
                raise
            LOG.exception("the answer to %s %s failed", scope.get("method"), scope.get("path"))
            await with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(FAILED)).encode()),
                (b"cache-control", b"no-store")]})
            await send({"type": "http.response.body", "body": FAILED})
