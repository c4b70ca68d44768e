"""Moments given as text (``--as-of``, a query's or a form's date and time): ISO 8601, read one way everywhere."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from catalogue.messages import Message
from catalogue.model.types import ascii_visible


_DATE_THEN = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2}|\d{8})(?P<rest>.*)", re.ASCII | re.DOTALL)
_OFFSET = re.compile(r"Z|[+-]\d{2}:?\d{2}", re.ASCII)


def parse_moment(text: str, *, offset_required: bool = False, keep_offset: bool = False) -> datetime:
    """The moment ``text`` names: an ISO 8601 date, or date and time (``Z`` for UTC accepted), in UTC. A date with
    an offset (``2026-01-01+05:00``) is the first moment of that day there.

    Without an offset it is a moment in UTC, unless ``offset_required`` (then it is refused). With ``keep_offset``
    the moment keeps the offset it was written with (it is still refused when it cannot be told in UTC).

    Raises ``ValueError`` with one line naming the value (control characters escaped) when ``text`` is no ISO 8601
    date or time, has no offset that is required, or is out of range once converted to UTC (``0001-01-01T00:00+01:00``).
    """
    shown = ascii_visible(text)
    not_a_moment = ValueError(Message("'%(text)s' is not a date and time: write e.g. 2026-06-30T10:00:00+02:00",
                                      text=shown))
    parts = _DATE_THEN.fullmatch(text)
    if parts is not None and parts["rest"]:
        if _OFFSET.fullmatch(parts["rest"]):  # a date with an offset (as XML Schema writes one): its first moment
            text = f"{parts['date']}T00:00{parts['rest']}"
        elif parts["rest"][0] not in "Tt ":  # Python would read any character here as the date's end
            raise not_a_moment
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise not_a_moment from None
    if moment.tzinfo is None:
        if offset_required:
            raise ValueError(Message("'%(text)s' has no time zone: write e.g. 2026-06-30T10:00:00+02:00 or …Z",
                                     text=shown))
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        in_utc = moment.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(Message("'%(text)s' is out of range once converted to UTC", text=shown)) from None
    return moment if keep_offset else in_utc


def aware(moment: datetime) -> datetime:
    """The moment with its time zone: a naive one is in UTC (SQLite gives back the times the store holds naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
