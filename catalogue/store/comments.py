"""Reviewers' comments on a record's fields, each with an optional suggested value, until someone resolves them.

Every function takes the caller's connection: the caller decides what one transaction holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Row

from catalogue.store.schema import comments


def add_comment(connection: Connection, kind: str, record_id: str, revision: int, path: str, author: str, text: str,
                suggestion: str | None, at: datetime) -> int:
    """A new comment on the field ``path`` ('' for the whole record) of revision ``revision``; ``suggestion``: a
    value to apply (JSON), or ``None``. Its id."""
    result = connection.execute(insert(comments).values(
        kind=kind, record_id=record_id, revision=revision, path=path, author=author, text=text,
        suggestion=suggestion, created_at=at).returning(comments.c.id))
    return int(result.scalar_one())


def comment_rows(connection: Connection, kind: str, record_id: str, after: int) -> list[Row[Any]]:
    """The comments on the record's revisions after revision ``after``, oldest first."""
    return list(connection.execute(select(comments).where(comments.c.kind == kind, comments.c.record_id == record_id,
                                                          comments.c.revision > after)
                                   .order_by(comments.c.id)))


def comment_count(connection: Connection, kind: str, record_id: str, after: int) -> int:
    """How many comments the record's revisions after revision ``after`` have."""
    return int(connection.execute(select(func.count()).select_from(comments).where(
        comments.c.kind == kind, comments.c.record_id == record_id, comments.c.revision > after)).scalar_one())


def resolve_comment(connection: Connection, comment_id: int, user: str, at: datetime) -> None:
    """Mark the comment resolved by ``user``."""
    connection.execute(update(comments).where(comments.c.id == comment_id).values(resolved_by=user, resolved_at=at))


def resolve_open_comment(connection: Connection, kind: str, record_id: str, comment_id: int, after: int, user: str,
                         at: datetime) -> bool:
    """Mark the comment resolved by ``user`` if it is an unresolved one on the record's revisions after revision
    ``after``; whether it was."""
    done = connection.execute(update(comments).where(comments.c.id == comment_id, comments.c.kind == kind,
                                                     comments.c.record_id == record_id, comments.c.revision > after,
                                                     comments.c.resolved_by.is_(None))
                              .values(resolved_by=user, resolved_at=at))
    return bool(done.rowcount)
