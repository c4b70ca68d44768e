"""Moments given as text (``--as-of``, a query's or a form's date and time): ISO 8601, read one way everywhere."""

from __future__ import annotations

from datetime import datetime, timezone

from catalogue.messages import Message
from catalogue.model.types import ascii_visible


def parse_moment(text: str, *, offset_required: bool = False, keep_offset: bool = False) -> datetime:
    """The moment ``text`` names: an ISO 8601 date, or date and time (``Z`` for UTC accepted), in UTC.

    Without an offset it is a moment in UTC, unless ``offset_required`` (then it is refused). With ``keep_offset``
    the moment keeps the offset it was written with (it is still refused when it cannot be told in UTC).

    Raises ``ValueError`` with one line naming the value (control characters escaped) when ``text`` is no ISO 8601
    date or time, has no offset that is required, or is out of range once converted to UTC (``0001-01-01T00:00+01:00``).
    """
    shown = ascii_visible(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(Message("'%(text)s' is not a date and time: write e.g. 2026-06-30T10:00:00+02:00",
                                 text=shown)) from None
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
