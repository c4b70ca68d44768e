"""The release calendar as feeds, one per language: iCalendar (RFC 5545, written with the ``icalendar``
library) and Atom (RFC 4287). Both are made from the calendar entries of the public view only, and
their bytes depend on the entries alone (no "now"): the same calendar gives the same files.

iCalendar: a ``VEVENT`` per release, its ``UID`` stable (the entry's key at the catalogue's host),
``SEQUENCE`` the number of date changes, ``STATUS:CANCELLED`` when cancelled (``CONFIRMED`` once
confirmed or released, ``TENTATIVE`` otherwise), ``DTSTAMP`` the last public change.
Atom: an entry per release, updated at its last public change, whose summary states the status and
every earlier date.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timezone
from urllib.parse import urlsplit

from catalogue.policy.calendar import CalendarEntry
from catalogue.choices import RELEASE_STATUS_NAMES
from catalogue.model import CatalogueInfo
from catalogue.formats.xmlwriter import XmlWriter
from catalogue.formats.text import pick

ICS_STATUS = {"cancelled": "CANCELLED", "confirmed": "CONFIRMED", "released": "CONFIRMED",
              "scheduled": "TENTATIVE", "postponed": "TENTATIVE"}
STATUS_NAMES = RELEASE_STATUS_NAMES
"""Each status as the interface names it (gettext message ids)."""
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

Translate = Callable[[str], str]


def moment(value: datetime) -> str:
    """A release time as people read it: in its own time zone, to the minute."""
    offset = value.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{value:%Y-%m-%d %H:%M} {zone}"


def summary(entry: CalendarEntry, language: str, translate: Translate) -> str:
    """The status, earlier dates and reason of an entry, in one paragraph."""
    parts = [f"{translate(STATUS_NAMES[entry.status])}: {moment(entry.planned)}."]
    for change in entry.history:
        parts.append(f"{translate('Previously planned')}: {moment(change.planned)}"
                     + (f" ({pick(change.reason, language)})" if change.reason else "") + ".")
    if entry.reason:
        parts.append(f"{translate('Reason')}: {pick(entry.reason, language)}")
    description = pick(entry.description, language)
    return " ".join(([description] if description else []) + parts)


def entry_link(entry: CalendarEntry, page_url: str, dataset_url: Callable[[str], str]) -> str:
    """The dataset once released; before, the entry on the calendar page."""
    return dataset_url(entry.dataset) if entry.dataset else f"{page_url}#{entry.key}"


def write_ics(entries: tuple[CalendarEntry, ...], info: CatalogueInfo, language: str, translate: Translate,
              page_url: str, dataset_url: Callable[[str], str]) -> bytes:
    """The calendar as an iCalendar file in one language."""
    from icalendar import Calendar, Event, vText

    host = urlsplit(info.base_uri).hostname or info.id
    calendar = Calendar()
    calendar.add("prodid", "-//nso-catalogue//release calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # an X- property has no type of its own: as TEXT, a line break in the title is escaped
    calendar.add("x-wr-calname", vText(f"{pick(info.title, language)} – {translate('Release calendar')}"))
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.key}@{host}")
        event.add("dtstamp", entry.updated.astimezone(timezone.utc))
        event.add("created", entry.announced.astimezone(timezone.utc))
        event.add("last-modified", entry.updated.astimezone(timezone.utc))
        event.add("dtstart", entry.planned.astimezone(timezone.utc))
        event.add("dtend", entry.planned.astimezone(timezone.utc))
        event.add("summary", pick(entry.title, language) or entry.key)
        event.add("description", summary(entry, language, translate))
        event.add("sequence", entry.sequence)
        event.add("status", ICS_STATUS[entry.status])
        event.add("transp", "TRANSPARENT")
        event.add("url", entry_link(entry, page_url, dataset_url))
        if entry.series:
            event.add("categories", [pick(entry.series, language) or ""])
        calendar.add_component(event)
    return calendar.to_ical()


def _atom_time(value: datetime) -> str:
    return f"{value.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


def write_atom(entries: tuple[CalendarEntry, ...], info: CatalogueInfo, language: str, translate: Translate,
               page_url: str, feed_url: str, dataset_url: Callable[[str], str], publisher: str) -> bytes:
    """Announcements and their changes as an Atom feed in one language, the latest change first."""
    host = urlsplit(info.base_uri).hostname or info.id
    ordered = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)
    updated = max((e.updated for e in entries), default=EPOCH)
    stream = io.BytesIO()
    out = XmlWriter(stream)
    out.declaration()
    with out.element("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": language}):
        out.leaf("id", feed_url)
        out.leaf("title", f"{pick(info.title, language)} – {translate('Release calendar')}")
        out.leaf("updated", _atom_time(updated))
        with out.element("author"):
            out.leaf("name", publisher)
        out.leaf("link", None, {"rel": "self", "href": feed_url, "type": "application/atom+xml"})
        out.leaf("link", None, {"rel": "alternate", "href": page_url, "type": "text/html"})
        for entry in ordered:
            with out.element("entry"):
                out.leaf("id", f"tag:{host},{entry.announced:%Y-%m-%d}:release/{entry.key}")
                out.leaf("title", pick(entry.title, language) or entry.key)
                out.leaf("published", _atom_time(entry.announced))
                out.leaf("updated", _atom_time(entry.updated))
                out.leaf("link", None, {"rel": "alternate", "href": entry_link(entry, page_url, dataset_url)})
                if entry.series:
                    out.leaf("category", None, {"term": pick(entry.series, language) or ""})
                out.leaf("category", None, {"term": entry.status, "label": translate(STATUS_NAMES[entry.status])})
                out.leaf("summary", summary(entry, language, translate))
    out.write("\n")
    out.finish()
    return stream.getvalue()


__all__ = ["STATUS_NAMES", "moment", "summary", "write_atom", "write_ics"]
