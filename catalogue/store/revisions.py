"""Revisions of a record: their numbers, the record's history since it was last made, and what each one held.

Every function takes the caller's connection: the caller decides what one transaction holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Row

from catalogue.store.schema import revisions


def next_revision(connection: Connection, kind: str, record_id: str) -> int:
    """The number of a record's next revision: after every one it ever had (a record deleted by a load and made
    again in the editor goes on counting)."""
    latest = connection.execute(select(func.max(revisions.c.revision)).where(
        revisions.c.kind == kind, revisions.c.record_id == record_id)).scalar_one_or_none()
    return int(latest or 0) + 1


def last_revisions(connection: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(kind, id) → the latest revision each of ``keys`` ever had, for those that had one (a record deleted and made
    again goes on counting)."""
    found: dict[tuple[str, str], int] = {}
    by_kind: dict[str, list[str]] = {}
    for kind, record_id in keys:
        by_kind.setdefault(kind, []).append(record_id)
    for kind, ids in sorted(by_kind.items()):
        for start in range(0, len(ids), 500):
            rows = connection.execute(
                select(revisions.c.record_id, func.max(revisions.c.revision))
                .where(revisions.c.kind == kind, revisions.c.record_id.in_(ids[start:start + 500]))
                .group_by(revisions.c.record_id))
            found |= {(kind, record_id): int(latest) for record_id, latest in rows}
    return found


def add_revision(connection: Connection, kind: str, record_id: str, revision: int, document: str, author: str,
                 message: str, at: datetime, stage: str | None) -> None:
    """A revision of the record holding ``document``; ``stage`` is ``None`` for a change of the records (a
    publication), else the stage of the working copy saved."""
    connection.execute(insert(revisions).values(kind=kind, record_id=record_id, revision=revision, document=document,
                                                author=author, message=message, created_at=at, stage=stage))


def life_start(connection: Connection, kind: str, record_id: str) -> int:
    """The revision that last deleted the record (0 if none): what came before belongs to the record that was
    deleted, and stays with its agency (its audit log), never with a record made again under that id."""
    deleted = connection.execute(select(func.max(revisions.c.revision)).where(
        revisions.c.kind == kind, revisions.c.record_id == record_id, revisions.c.document.is_(None))
    ).scalar_one_or_none()
    return int(deleted or 0)


def history_rows(connection: Connection, kind: str, record_id: str, after: int, limit: int,
                 before: int | None = None) -> list[Row[Any]]:
    """Up to ``limit`` of the record's revisions after revision ``after`` (and before ``before``), newest first:
    revision, author, message, created_at, stage (``None`` for a change of the records) and deleted (it held no
    record)."""
    newer = [] if before is None else [revisions.c.revision < before]
    return list(connection.execute(
        select(revisions.c.revision, revisions.c.author, revisions.c.message, revisions.c.created_at,
               revisions.c.stage, revisions.c.document.is_(None).label("deleted"))
        .where(revisions.c.kind == kind, revisions.c.record_id == record_id, revisions.c.revision > after, *newer)
        .order_by(revisions.c.revision.desc()).limit(limit)))


def document_at(connection: Connection, kind: str, record_id: str, revision: int) -> str | None:
    """What one revision of the record held (JSON), or ``None`` (no such revision, or one that deleted it)."""
    return connection.execute(select(revisions.c.document).where(
        revisions.c.kind == kind, revisions.c.record_id == record_id,
        revisions.c.revision == revision)).scalar_one_or_none()


def latest_records_change(connection: Connection) -> int | None:
    """The id of the latest revision of the records (a load or a publication, not a save of a working copy):
    what tells a reader that what it read of the records is still what they hold (one index lookup)."""
    return connection.execute(select(revisions.c.id).where(revisions.c.stage.is_(None))
                              .order_by(revisions.c.id.desc()).limit(1)).scalar_one_or_none()
