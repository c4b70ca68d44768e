"""The HTTP status that answers each kind of error: one table, read by every handler of the server."""

from __future__ import annotations

from catalogue.errors import (BadForm, BadRequest, Busy, CatalogueError, Conflict, EditingError, Forbidden, NotFound,
                              NotReady, PreconditionFailed, PreconditionRequired, QueryError, RequestError,
                              StoreError, Unauthenticated)

STATUS: dict[type[CatalogueError], int] = {
    RequestError: 400,
    BadRequest: 400,
    BadForm: 400,
    Unauthenticated: 401,
    PreconditionFailed: 412,
    PreconditionRequired: 428,
    EditingError: 400,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    NotReady: 422,
    StoreError: 503,
    Busy: 503,
}
"""Each kind of error and its status; a kind not here takes that of its nearest ancestor that is."""

SDMX_STATUS = {100: 404, 110: 401, 130: 413, 140: 400, 150: 403, 406: 406, 500: 500, 501: 501, 503: 503, 510: 413}
"""The HTTP status of each SDMX-REST error code, as the SDMX-REST specification pairs them (406: not acceptable)."""


def status_of(error: CatalogueError) -> int:
    """The HTTP status that answers ``error`` (400 for bad input of any other kind)."""
    if isinstance(error, QueryError):
        return SDMX_STATUS.get(error.code, 500)
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]  # type: ignore[index]
    return 400
