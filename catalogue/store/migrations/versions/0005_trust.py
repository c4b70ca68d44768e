"""Who last changed a working copy's content (separation of duties), and the store's secrets.

Revision ID: 0005
Revises: 0004
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("working_copies") as batch:
        batch.add_column(sa.Column("last_editor", sa.String(255)))
    op.execute("UPDATE working_copies SET last_editor = updated_by")
    settings = op.create_table(
        "settings",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(settings, [{"name": "calendar_secret", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("settings")
    with op.batch_alter_table("working_copies") as batch:
        batch.drop_column("last_editor")
