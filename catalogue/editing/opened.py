"""A record as the editor holds it (``Opened``): its working copy when it has one, else as published or loaded;
and who owns a record, and when a release time falls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Row

from catalogue.errors import NotFound
from catalogue.messages import Message
from catalogue.model.kinds import KIND_NAMES, OWNER_FIELDS
from catalogue.records.writer import own_fields
from catalogue.support.moments import aware
from catalogue.editing.workflow import PUBLISHED


@dataclass(frozen=True)
class Opened:
    """A record as the editor shows it: its data, the revision a form carries, its stage."""

    kind: str
    record_id: str
    agency: str
    data: dict[str, Any]
    revision: int
    stage: str
    published_revision: int | None
    updated_by: str
    updated_at: datetime
    editing: bool
    """A working copy exists (otherwise the record is as published or loaded)."""
    published_release: datetime | None = None
    """Of a working copy in the record list (``Editing.records_of``): the release time of the published version."""


def release_moment(value: Any) -> datetime | None:
    """A release time as a record holds it (ISO 8601 text), or ``None``."""
    if not isinstance(value, str):
        return value if isinstance(value, datetime) else None
    try:
        return aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def unknown_record(kind: str, record_id: str) -> Message:
    """The one answer for a record that does not exist and for one the officer may not know of."""
    return Message("no %(kind)s '%(id)s'", kind=KIND_NAMES.get(kind, kind), id=record_id)


def owner(kind: str, data: dict[str, Any], catalogue_publisher: str) -> str:
    """The agency that owns a record: a dataset's or release's publisher, a codelist's or concept scheme's
    maintainer, an agency itself; the catalogue's publisher for the catalogue, licences and terms."""
    value = data.get(OWNER_FIELDS.get(kind, ""))
    return value if isinstance(value, str) and value else catalogue_publisher


def opened_from(kind: str, record_id: str, record: Row[Any] | None, copy: Row[Any] | None,
                publisher: str) -> Opened:
    """The record from its rows in the store (``store.working.record_and_copy``): its working copy when it has one;
    ``NotFound`` with neither. ``publisher``: the catalogue's."""
    if copy is not None:
        data = own_fields(json.loads(copy.document))
        return Opened(kind, record_id, copy.agency, data, copy.revision, copy.stage,
                      record.revision if record is not None else None, copy.updated_by,
                      aware(copy.updated_at), True)
    if record is None:
        raise NotFound(unknown_record(kind, record_id))
    data = own_fields(json.loads(record.document))  # a dataset's structure gives its variables when it is checked
    stage = "draft" if record.status == "draft" else PUBLISHED
    return Opened(kind, record_id, owner(kind, data, publisher), data, record.revision, stage, record.revision,
                  "", aware(record.changed_at), False)
