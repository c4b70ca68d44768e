"""The paging of ``/catalog``: by dataset id (a cursor, never an offset), a page size, a ``modified_since`` day,
and the Hydra view that links a page to the first and the next."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from catalogue.errors import BadRequest
from catalogue.rdf.terms import HYDRA, IRI, RDF, XSD, Literal, Resource
from catalogue.support.moments import parse_moment
from catalogue.support.strict import whole_number

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def encode_cursor(dataset_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": dataset_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        after = data["after"]
        if not isinstance(after, str):
            raise ValueError
        after.encode("utf-8")  # a lone surrogate is no id
        return after
    except (ValueError, KeyError, TypeError, UnicodeError):
        raise BadRequest("cursor", "a cursor this server gave (take the hydra:next link of a page)") from None


def page_size(value: str | None) -> int:
    if value is None:
        return PAGE_SIZE
    size = whole_number(value)
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest("page_size", f"a whole number from 1 to {MAX_PAGE_SIZE}, not '{value[:40]}'")
    return size


def modified_since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_moment(value, keep_offset=True).date()  # the day as written, not as in UTC
    except ValueError:
        raise BadRequest("modified_since", f"an ISO 8601 date or date and time, not '{value[:40]}'") from None


def hydra_page(page_uri: str, first: str, following: str | None, total: int) -> Resource:
    statements: list[tuple[IRI, Any]] = [(RDF.type, HYDRA.PartialCollectionView),
                                         (HYDRA.first, IRI(first)),
                                         (HYDRA.totalItems, Literal(str(total), datatype=XSD.nonNegativeInteger))]
    if following:
        statements.append((HYDRA.next, IRI(following)))
    return IRI(page_uri), statements
