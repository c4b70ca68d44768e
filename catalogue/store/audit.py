"""The audit log: every action of the editor, per agency — who did what to which record, when.

Every function takes the caller's connection: an action and its entry are written in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Row

from catalogue.store.schema import audit_log


def log_action(connection: Connection, at: datetime, user: str, agency: str, action: str, kind: str, record_id: str,
               revision: int | None, detail: str = "") -> None:
    """An entry in ``agency``'s audit log: ``user`` did ``action`` to the record (its revision after it, if any)."""
    connection.execute(insert(audit_log).values(at=at, user_name=user, agency=agency, action=action, kind=kind,
                                                record_id=record_id, revision=revision, detail=detail))


def audit_rows(connection: Connection, agency: str, limit: int) -> list[Row[Any]]:
    """The agency's latest ``limit`` entries, newest first."""
    return list(connection.execute(select(audit_log).where(audit_log.c.agency == agency)
                                   .order_by(audit_log.c.id.desc()).limit(limit)))
