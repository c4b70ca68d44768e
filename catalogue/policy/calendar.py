"""The release calendar: what is public of announced releases at one moment.

An announcement is public from its ``announced`` time, and then only its own fields: never the title,
description, variables or distributions of the dataset it announces, nor that dataset's id (an entry is
named by a digest of it) until the dataset is released; then the entry says "released" and links to it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from catalogue.model import Announcement, DateChange, Release


@dataclass(frozen=True)
class CalendarEntry:
    """One announced release as the calendar publishes it."""

    key: str
    """Stable and public: a release record's id, or a digest for a dataset's announcement."""
    publisher: str
    title: dict[str, str]
    description: dict[str, str] | None
    planned: datetime
    announced: datetime
    status: str
    reason: dict[str, str] | None
    series: dict[str, str] | None
    history: tuple[DateChange, ...]
    dataset: str | None
    """The released dataset it announced (``None`` until it is released)."""
    series_ids: tuple[str, ...] = ()
    """The public series whose next release it announces (its announcement's ``in_series``)."""

    @property
    def updated(self) -> datetime:
        """When the entry last changed in public: its last date change, or its announcement."""
        return self.history[-1].changed if self.history else self.announced

    @property
    def sequence(self) -> int:
        """How many times its date moved (iCalendar's SEQUENCE)."""
        return len(self.history)


def entry_key(secret: bytes, dataset_id: str) -> str:
    """The public name of a dataset's announcement: a keyed digest of its id (``secret``: the catalogue's calendar
    secret), so that nobody without the secret can confirm a guessed id from the calendar."""
    return "R" + hmac.new(secret, dataset_id.encode(), hashlib.sha256).hexdigest()[:20].upper()


def _entry(key: str, publisher: str, announcement: Announcement, dataset: str | None,
           as_of: datetime, series_ids: tuple[str, ...] = ()) -> CalendarEntry:
    """An announcement as it stands at ``as_of``: a date change made public later is not known yet (the
    planned time is the one that change replaces)."""
    known = tuple(change for change in announcement.history if change.changed <= as_of)
    later = [change for change in announcement.history if change.changed > as_of]
    return CalendarEntry(
        key=key, publisher=publisher, title=announcement.title, description=announcement.description,
        planned=later[0].planned if later else announcement.planned, announced=announcement.announced,
        status="released" if dataset is not None else announcement.status,
        reason=None if dataset is not None else announcement.reason, series=announcement.series,
        history=known, dataset=dataset, series_ids=series_ids)


def next_change(announcements: Iterable[Announcement], as_of: datetime) -> datetime | None:
    """The next moment the calendar changes by itself: an announcement or a date change made public."""
    moments = [moment for a in announcements for moment in (a.announced, *(c.changed for c in a.history))
               if moment > as_of]
    return min(moments, default=None)


Announced = tuple[str, str, Announcement, bool]
"""A dataset's announcement: the dataset's id, its publisher, the announcement, and whether the dataset is
released."""


def calendar_entries(releases: Mapping[str, Release], announced: Iterable[Announced], as_of: datetime,
                     secret: bytes, public_series: Container[str] = ()) -> tuple[CalendarEntry, ...]:
    """The public entries at ``as_of``, by planned time: standalone release records, and the announcements of
    datasets (``Announced``), named with ``secret``. An entry names the series among ``public_series`` (those with a
    public release) that its announcement says it is a release of (``in_series``, a field of the announcement like
    its title: never the dataset's own ``series``): it announces their next release."""
    def named(announcement: Announcement) -> tuple[str, ...]:
        return tuple(s for s in dict.fromkeys(announcement.in_series) if s in public_series)

    entries = [_entry(release.id, release.publisher, release, None, as_of, named(release))
               for release in releases.values() if release.announced <= as_of]
    entries += [_entry(entry_key(secret, dataset_id), publisher, announcement, dataset_id if released else None,
                       as_of, named(announcement))
                for dataset_id, publisher, announcement, released in announced if announcement.announced <= as_of]
    return tuple(sorted(entries, key=lambda e: (e.planned, e.key)))


__all__ = ["Announced", "CalendarEntry", "calendar_entries", "entry_key", "next_change"]
