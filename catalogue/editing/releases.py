"""Releases and versions of datasets in the editor: a series' releases as the officer's agency is making them (any
stage, drafts and those in review among them), the next release made from the latest one, and a new version of a
dataset that replaces it. Both are new drafts of the officer's agency, checked and published as any record."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from catalogue.errors import NotReady
from catalogue.editing.core import EditingCore
from catalogue.editing.opened import Opened
from catalogue.messages import Message
from catalogue.model.versions import Version
from catalogue.vocab import vocabulary

DATASET = "dataset"
NOT_CARRIED = ("identifier", "issued", "modified", "release_time", "announcement", "previous_version", "version_notes",
               "withdrawn", "dataflow")
"""What a new release or version does not take from the dataset it is made from: its identity (its dataflow's id
is its own), dates and announcement, and what it says of its own version."""
FILE_FIELDS = ("path", "byte_size", "checksum")
"""What a distribution says of its data file: a file belongs to the dataset that stored it."""
DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


def _day(value: Any) -> date | None:
    """A date as a draft may hold it (anything the form took): ``None`` when it is not one."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _coverage(data: dict[str, Any]) -> dict[str, Any]:
    coverage = data.get("temporal_coverage")
    return dict(coverage) if isinstance(coverage, dict) else {}


def order_key(data: dict[str, Any]) -> tuple[str, str, str]:
    """Where a release falls among its series' (as the public view orders them): the start of the period it
    covers, else its issue date; then its issue date and id."""
    start = str(_coverage(data).get("start") or "")
    issued = str(data.get("issued") or "")
    return start or issued, issued, str(data.get("id", ""))


def releases_of(editing: EditingCore, user: str, series_id: str) -> list[Opened]:
    """The datasets of the officer's agencies that name the series, in any stage, in the series' order."""
    found = [opened for opened in editing.records_of(user)
             if opened.kind == DATASET and series_id in (opened.data.get("series") or [])]
    return sorted(found, key=lambda opened: order_key(opened.data))


def _source(editing: EditingCore, user: str, dataset_id: str, action: str = "edit") -> dict[str, Any]:
    """The dataset a new release or version is made from, as the officer sees it (their role allowing ``action``)."""
    opened = editing.open(user, DATASET, dataset_id)
    editing.require(user, opened.agency, action)
    return dict(opened.data)


def _carried(data: dict[str, Any], new_id: str) -> dict[str, Any]:
    """What a new release or version takes: everything but ``NOT_CARRIED``; distributions without their files (a
    distribution left naming nothing is dropped)."""
    carried = {key: value for key, value in data.items() if key not in NOT_CARRIED}
    distributions = []
    for distribution in (d for d in data.get("distributions") or [] if isinstance(d, dict)):
        kept = {key: value for key, value in distribution.items() if key not in FILE_FIELDS}
        if kept.get("download_url") or kept.get("access_url"):
            distributions.append(kept)
    return {**carried, "id": new_id, "distributions": distributions}


def _add_months(day: date, months: int) -> date:
    """``day`` moved on by whole months; the last day of a month stays the last day of its month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))


def _step(frequency: Any) -> tuple[int, int] | None:
    """One period of ``frequency`` as (months, days); ``None`` when it says no period."""
    entry = vocabulary().frequencies.get(frequency) if isinstance(frequency, str) else None
    match = DURATION.fullmatch(entry.iso8601) if entry is not None else None
    if match is None or not any(match.groups()):
        return None
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    return 12 * years + months, 7 * weeks + days


def moved_on(day: date, frequency: Any) -> date | None:
    """``day`` one period of ``frequency`` later (``None``: the frequency says no period, or the date would pass
    the calendar's last year)."""
    step = _step(frequency)
    if step is None:
        return None
    try:
        return _add_months(day, step[0]) + timedelta(days=step[1])
    except (ValueError, OverflowError):
        return None


def _period_tokens(day: date, months: int) -> list[str]:
    """How an id, a title or a link may name the period of ``months`` months starting at ``day`` (none for a
    period of days or of several years: its name is not told apart from another's)."""
    if months == 3:
        return [f"{day.year}Q{(day.month - 1) // 3 + 1}"]
    if months == 1:
        return [f"{day.year}M{day.month:02d}", f"{day.year}-{day.month:02d}"]
    if months == 6:
        return [f"{day.year}S{(day.month - 1) // 6 + 1}"]
    return [str(day.year)] if months % 12 == 0 and months else []


def _renamed(text: str, old: date, new: date, months: int) -> str:
    """``text`` with the name of the period starting at ``old`` changed to that of the one at ``new`` (in capitals or
    not, as written)."""
    for before, after in zip(_period_tokens(old, months), _period_tokens(new, months)):
        text = text.replace(before, after).replace(before.lower(), after.lower())
    return text


def _next_links(distribution: dict[str, Any], start: date, after: date, months: int) -> dict[str, Any]:
    """A distribution of the next release: its links renamed where they name the period; a download link that
    does not is left out (it is the earlier release's file)."""
    links = {key: _renamed(str(distribution[key]), start, after, months) for key in ("access_url", "download_url")
             if isinstance(distribution.get(key), str)}
    if links.get("download_url") == distribution.get("download_url"):
        links.pop("download_url", None)
        return {**{k: v for k, v in distribution.items() if k != "download_url"}, **links}
    return {**distribution, **links}


def next_release(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The next release of a series made from ``data`` (a release): its texts and structure, its period moved on by
    its frequency (its id, texts and links renamed where they name the period), as version 1.0; and the id
    suggested (None when its id names no period)."""
    coverage = _coverage(data)
    start = _day(coverage.get("start"))
    after = moved_on(start, data.get("frequency")) if start else None
    step = _step(data.get("frequency"))
    made = dict(data)
    if start is None or after is None or step is None:
        return {**made, "version": "1.0"}, None
    coverage["start"] = after.isoformat()
    end = _day(coverage.get("end"))
    following = moved_on(end + timedelta(days=1), data.get("frequency")) if end and end < date.max else None
    if following is not None:  # the day before the period after it ends (2024-03-31 → 2024-06-30)
        coverage["end"] = (following - timedelta(days=1)).isoformat()
    made["temporal_coverage"] = coverage
    renamed = _renamed(str(data.get("id", "")), start, after, step[0])
    for field in ("title", "description"):
        if isinstance(data.get(field), dict):
            made[field] = {language: _renamed(str(text), start, after, step[0]) for language, text in data[field].items()}
    made["distributions"] = [_next_links(d, start, after, step[0])
                             for d in data.get("distributions") or [] if isinstance(d, dict)]
    return {**made, "version": "1.0"}, renamed if renamed != data.get("id") else None


def next_release_data(editing: EditingCore, user: str, dataset_id: str, new_id: str) -> dict[str, Any]:
    """The data of the next release after ``dataset_id``, the latest release of its series the officer's agency
    has; refused for a dataset in no series, or one a later release follows."""
    source = _source(editing, user, dataset_id)
    series = list(source.get("series") or [])
    if not series:
        raise NotReady(Message("'%(id)s' is a release of no series: name its series first", id=dataset_id))
    for series_id in series:
        later = [o.record_id for o in releases_of(editing, user, series_id) if order_key(o.data) > order_key(source)]
        if later:
            raise NotReady(Message("'%(id)s' is not the latest release of series '%(series)s': make the next "
                                   "release from '%(latest)s'", id=dataset_id, series=series_id, latest=later[-1]))
    made, _ = next_release(source)
    return _carried(made, new_id)


def new_version_data(editing: EditingCore, user: str, dataset_id: str, new_id: str, version: str,
                     notes: str) -> dict[str, Any]:
    """The data of a new version of ``dataset_id`` that replaces it: what it holds, as ``version``, with the
    officer's notes (in the catalogue's default language) on what it changes."""
    source = _source(editing, user, dataset_id)
    try:
        Version.parse(version)
    except ValueError:
        raise NotReady(Message("'%(version)s' is not a version: write it as '1.1', '1.1.0' or '1.1.0-draft'",
                               version=version[:60])) from None
    if not notes.strip():
        raise NotReady(Message("say what this version changes (its version notes)"))
    return {**_carried(source, new_id), "version": version, "previous_version": dataset_id,
            "version_notes": {editing.info().default_language: notes.strip()}}


def suggested_version_id(editing: EditingCore, user: str, dataset_id: str) -> tuple[str, str]:
    """The id and version a new version of ``dataset_id`` suggests: its id with ``_R`` (``_R2``... when taken) and
    the next minor version."""
    source = _source(editing, user, dataset_id, "view drafts")
    taken = {opened.record_id for opened in editing.records_of(user) if opened.kind == DATASET}
    candidate, number = f"{dataset_id}_R", 1
    while candidate in taken:
        number += 1
        candidate = f"{dataset_id}_R{number}"
    try:
        version = Version.parse(str(source.get("version") or "1.0")).following().text
    except ValueError:
        version = ""
    return candidate, version


__all__ = ["new_version_data", "next_release", "next_release_data", "order_key", "releases_of", "suggested_version_id"]
