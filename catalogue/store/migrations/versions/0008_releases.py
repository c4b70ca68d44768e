"""Released versions: each stable version of a codelist or a concept scheme ever published, in a table of its own
(``store.released``). Filled from the revisions that loads and publications wrote, by each document's own identity
(a revision that an earlier store kept under another version's key counts for its own). Before this rule a store
could correct a version in place: its release is what it published last, what agencies harvested most recently.

Revision ID: 0008
Revises: 0007
"""

import json

import sqlalchemy as sa
from alembic import op

from catalogue.checks.released import release_key

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "releases",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("release_key", sa.String(300), primary_key=True),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
    )
    connection = op.get_bind()
    found: dict[tuple[str, str], dict[str, object]] = {}
    rows = connection.execute(sa.text(
        "SELECT kind, record_id, document, created_at FROM revisions WHERE kind IN ('codelist', 'concept_scheme') "
        "AND stage IS NULL AND document IS NOT NULL ORDER BY id"))
    for row in rows:
        try:
            data = json.loads(row.document)
        except ValueError:
            continue
        if not isinstance(data, dict) or not all(isinstance(data.get(n), str) for n in ("agency", "id")):
            continue
        version = data.get("version", "1.0")
        identity = f"{data['agency']}:{data['id']}({version})"
        key = release_key(row.kind, identity) if isinstance(version, str) else None
        if key is not None:  # the latest: a store before this rule may have corrected a version in place
            found[(row.kind, key)] = {"kind": row.kind, "release_key": key, "record_id": identity,
                                      "document": row.document, "released_at": row.created_at}
    if found:  # the times as the revisions hold them (SQLite gives them back as text)
        connection.execute(sa.text("INSERT INTO releases (kind, release_key, record_id, document, released_at) "
                                   "VALUES (:kind, :release_key, :record_id, :document, :released_at)"),
                           list(found.values()))


def downgrade() -> None:
    op.drop_table("releases")
