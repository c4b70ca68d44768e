"""Answers every public route shares: a JSON error never cached, the one answer for what is missing or hidden, the
conditional-request check, and text written to a document's file."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import IO, Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from catalogue.model.types import MEDIA_TYPE_PATTERN
from catalogue.server.headers import FILE_POLICY


def error(status: int, message: str, **extra: Any) -> JSONResponse:
    """``{"error": message, ...}`` with ``status``, never cached."""
    return JSONResponse({"error": message, **extra}, status_code=status,
                        headers={"Cache-Control": "no-store"})


def not_found() -> JSONResponse:
    """The one answer for what does not exist and for what is hidden."""
    return error(404, "not found")


def not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    """Whether the client has this answer already (``If-None-Match``, else ``If-Modified-Since``)."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, OverflowError):
            return False
        return modified is not None and since.tzinfo is not None and modified <= since
    return False


def as_attachment(response: Response, name: str) -> None:
    """A user's file is downloaded, never shown as a page of this origin: nothing in it may run here."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "data"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    response.headers["Content-Security-Policy"] = FILE_POLICY


def write_text(out: IO[bytes], pieces: Iterable[str]) -> None:
    """``pieces`` written to ``out`` as UTF-8, buffered: few large writes."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    text.writelines(pieces)
    text.flush()
    text.detach()


def header_media_type(value: str | None, fallback: str = "application/octet-stream") -> str:
    """``value`` where it can be a ``Content-Type`` (a media type in visible ASCII, as the model requires of a
    record's), else ``fallback``: a value stored before that rule, or made elsewhere, never breaks an answer."""
    return value if value and _MEDIA_TYPE.match(value) else fallback


_MEDIA_TYPE = re.compile(MEDIA_TYPE_PATTERN)
