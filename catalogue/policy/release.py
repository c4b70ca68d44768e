"""The release rule, once: a dataset is public when it is published and its release time, if it has one, has come.

The store asks the same of its rows in SQL (``store.public.PublicRecords.released``); a property test keeps the
two equal on generated records, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

PUBLISHED = "published"
"""The status of a dataset record that may be released (the other is ``draft``)."""


def released(status: str | None, release_time: datetime | None, as_of: datetime) -> bool:
    """Published, and past its release time (to the second it names: a release at ``as_of`` is public)."""
    return status == PUBLISHED and (release_time is None or release_time <= as_of)
