"""Which dataset each stored file belongs to; ``modified`` falls back on ``issued``.

Revision ID: 0002
Revises: 0001
"""

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dataset_files = op.create_table(
        "dataset_files",
        sa.Column("path", sa.String(1024), primary_key=True),
        sa.Column("dataset_id", sa.String(255), primary_key=True),
    )
    records = sa.table("records", sa.column("kind", sa.String), sa.column("record_id", sa.String),
                       sa.column("document", sa.Text), sa.column("modified", sa.Date))
    connection = op.get_bind()
    rows = connection.execute(sa.select(records.c.record_id, records.c.document, records.c.modified)
                              .where(records.c.kind == "dataset")).all()
    for record_id, document, modified in rows:
        data = json.loads(document)
        paths = sorted({d["path"].replace("\\", "/") for d in data.get("distributions", []) if d.get("path")})
        for path in paths:
            connection.execute(sa.insert(dataset_files).values(path=path, dataset_id=record_id))
        if modified is None and data.get("issued"):
            connection.execute(sa.update(records).where(records.c.kind == "dataset",
                                                        records.c.record_id == record_id)
                               .values(modified=date.fromisoformat(data["issued"])))


def downgrade() -> None:
    op.drop_table("dataset_files")
