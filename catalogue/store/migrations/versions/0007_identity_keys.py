"""Codelists and concept schemes keyed by their SDMX identity, ``AGENCY:ID(VERSION)``, no longer by their id alone:
several agencies' artefacts of one id, and several versions of one artefact, then live side by side. Every table
that names a record (records, revisions, working copies, comments, the audit log) is rekeyed; each record's key
comes from its latest document that tells its agency (a working copy that tells none keeps its key).

Revision ID: 0007
Revises: 0006
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KINDS = ("codelist", "concept_scheme")
TABLES = ("records", "revisions", "working_copies", "comments", "audit_log")
IDENTITY = re.compile(r"(?P<agency>[^:()]+):(?P<id>[^:()]+)\((?P<version>[^()]+)\)")


def _identity(document: str | None) -> str | None:
    try:
        data = json.loads(document) if document else None
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(name), str) for name in ("agency", "id")):
        return None
    version = data.get("version", "1.0")
    return f"{data['agency']}:{data['id']}({version})" if isinstance(version, str) else None


def _rekey(connection: sa.Connection, kind: str, keys: dict[str, str]) -> None:
    for table in TABLES:
        for old, new in keys.items():
            if old != new:
                connection.execute(sa.text(f"UPDATE {table} SET record_id = :new WHERE kind = :kind AND "
                                           "record_id = :old"), {"new": new, "old": old, "kind": kind})


def upgrade() -> None:
    connection = op.get_bind()
    for kind in KINDS:
        keys: dict[str, str] = {}
        sources = [  # the oldest first: a later document tells the key
            "SELECT record_id, document FROM revisions WHERE kind = :kind AND document IS NOT NULL ORDER BY id",
            "SELECT record_id, document FROM working_copies WHERE kind = :kind",
            "SELECT record_id, document FROM records WHERE kind = :kind",
        ]
        for query in sources:
            for row in connection.execute(sa.text(query), {"kind": kind}):
                key = _identity(row.document)
                if key is not None and key.split(":", 1)[1].startswith(f"{row.record_id}("):
                    keys[row.record_id] = key
        _rekey(connection, kind, keys)


def downgrade() -> None:
    connection = op.get_bind()
    for kind in KINDS:
        rows = connection.execute(sa.text("SELECT DISTINCT record_id FROM records WHERE kind = :kind "
                                          "UNION SELECT DISTINCT record_id FROM revisions WHERE kind = :kind "
                                          "UNION SELECT DISTINCT record_id FROM working_copies WHERE kind = :kind"),
                                  {"kind": kind})
        keys = {row.record_id: match["id"] for row in rows if (match := IDENTITY.fullmatch(row.record_id))}
        ids = list(keys.values())
        if len(ids) != len(set(ids)):
            raise RuntimeError(f"several {kind}s share an id: keyed by id alone, they would be one record")
        _rekey(connection, kind, keys)
