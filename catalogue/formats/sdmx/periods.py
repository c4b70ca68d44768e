"""The SDMX reporting period a release covers: ``2024-Q1`` for a quarter, ``2024`` for a year, as SDMX-REST's
``startPeriod`` and ``endPeriod`` take them."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {"S": 6, "Q": 3, "M": 1}
"""Periods of whole months: their length, each starting in January."""


def reporting_period(start: date | None, end: date | None, frequency: str | None) -> str | None:
    """The SDMX time period of the coverage ``start``–``end`` at a frequency's CL_FREQ code (``A``, ``S``, ``Q``,
    ``M``, ``W``, ``D``); an ISO 8601 interval (``2024-01-01/2024-06-15``) when it is not one such period. Without an
    end, the period of the frequency that begins at ``start``, else the start alone; ``None`` without a start."""
    if start is None:
        return None
    try:
        if end is None:
            whole = _period_end(start, frequency)
            return reporting_period(start, whole, frequency) if whole is not None else start.isoformat()
        return _period(start, end, frequency)
    except (ValueError, OverflowError):  # a period ending past the year 9999
        return start.isoformat() if end is None else f"{start.isoformat()}/{end.isoformat()}"


def _period(start: date, end: date, frequency: str | None) -> str:
    if frequency == "A" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    months = _MONTHS.get(frequency or "")
    if months is not None and start.day == 1 and (start.month - 1) % months == 0 and \
            end == _month_end(start, months) and start.year == end.year:
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        return f"{start.year}-{frequency}{(start.month - 1) // months + 1}"
    if frequency == "W" and start.isoweekday() == 1 and end == start + timedelta(days=6):
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "D" and start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _period_end(start: date, frequency: str | None) -> date | None:
    """The last day of the period of the frequency that begins at ``start`` (``None``: none begins there)."""
    months = 12 if frequency == "A" else _MONTHS.get(frequency or "")
    if months is not None:
        return _month_end(start, months) if start.day == 1 and (start.month - 1) % months == 0 else None
    if frequency == "W":
        return start + timedelta(days=6) if start.isoweekday() == 1 else None
    return start if frequency == "D" else None


def _month_end(start: date, months: int) -> date:
    """The last day of the ``months`` months from ``start`` (the first of a month)."""
    last = start.month + months - 1
    year, month = start.year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


_PERIOD = re.compile(r"^([0-9]{4})(?:-(?:(S)([12])|(Q)([1-4])|(W)([0-9]{2})|([0-9]{2})(?:-([0-9]{2}))?))?$")


def period_coverage(period: str) -> tuple[date, date, str | None] | None:
    """The first and last day a ``reporting_period`` covers, and its frequency's CL_FREQ code (``None`` for an
    interval); ``None`` when it is none of those forms."""
    start_text, slash, end_text = period.partition("/")
    try:
        if slash:
            start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
            return (start, end, None) if start <= end else None
        found = _PERIOD.match(period)
        if found is None:
            return None
        year, half, semester, quarter_mark, quarter, week_mark, week, month, day = found.groups()
        if half or quarter_mark:
            months = 6 if half else 3
            start = date(int(year), (int(semester or quarter) - 1) * months + 1, 1)
            return start, _month_end(start, months), "S" if half else "Q"
        if week_mark:
            start = date.fromisocalendar(int(year), int(week), 1)
            return start, start + timedelta(days=6), "W"
        if day:
            moment = date(int(year), int(month), int(day))
            return moment, moment, "D"
        if month:
            start = date(int(year), int(month), 1)
            return start, _month_end(start, 1), "M"
        return date(int(year), 1, 1), date(int(year), 12, 31), "A"
    except (ValueError, OverflowError):  # a month 13, a week 54, a day that is not one, a week past 9999
        return None
