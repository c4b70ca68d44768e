"""A record's past in the editor: its revisions since it was last made, what each held, and restoring one. What
came before a deletion belongs to the record that was deleted, never to one made again under its id."""

from __future__ import annotations

import json
from typing import Any

from catalogue.errors import NotFound
from catalogue.messages import Message
from catalogue.model.kinds import KIND_NAMES, identity_fields
from catalogue.store.revisions import document_at, history_rows, life_start
from catalogue.support.moments import aware
from catalogue.editing.core import EditingCore
from catalogue.editing.opened import Opened
from catalogue.editing.workflow import PUBLISHED

MAX_REVISION = 2**31 - 1
HISTORY_PAGE = 100
"""Revisions a page of a record's history shows."""
MAX_HISTORY_PAGE = 1000
"""Revisions one request may ask for."""
"""The largest revision number a store holds (a larger one asked for names no revision)."""


def history(editing: EditingCore, user: str, kind: str, record_id: str, limit: int = HISTORY_PAGE,
            before: int | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` revisions of the record since it was last made (older than ``before``), newest first
    (members of the owning agency only)."""
    editing.open(user, kind, record_id)
    with editing.store.engine.connect() as connection:
        rows = history_rows(connection, kind, record_id, life_start(connection, kind, record_id),
                            max(1, min(limit, MAX_HISTORY_PAGE + 1)), before)
    return [{**row._asdict(), "created_at": aware(row.created_at), "stage": row.stage or PUBLISHED} for row in rows]


def revision_document(editing: EditingCore, kind: str, record_id: str, revision: int) -> dict[str, Any] | None:
    """What a revision of the record since it was last made held (``None``: none, or one before)."""
    if not 0 < revision <= MAX_REVISION:  # no database stores a larger number: none such
        return None
    with editing.store.engine.connect() as connection:
        if revision <= life_start(connection, kind, record_id):
            return None
        document = document_at(connection, kind, record_id, revision)
    return None if document is None else dict(json.loads(document))


def restore(editing: EditingCore, user: str, kind: str, record_id: str, revision: int, old: int) -> Opened:
    """A new draft revision holding what revision ``old`` held."""
    current = editing.fresh(user, kind, record_id, revision, "edit")
    document = revision_document(editing, kind, record_id, old)
    if document is None:
        raise NotFound(Message("revision %(revision)s of %(kind)s '%(id)s' holds no record", revision=old,
                               kind=KIND_NAMES.get(kind, kind), id=record_id))
    document.update(identity_fields(kind, record_id))  # an old revision may hold the id it was saved under
    return editing.change(user, current, document, "restore", f"restored revision {old}", f"revision {old}")
