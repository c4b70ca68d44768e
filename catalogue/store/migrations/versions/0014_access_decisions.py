"""What an approver decides on a request for restricted data (issue 36): the files granted, until when, how many
downloads, how many used, and to whom the request was forwarded.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("access_requests") as table:
        table.add_column(sa.Column("granted_files", sa.Text))
        table.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        table.add_column(sa.Column("max_downloads", sa.Integer))
        table.add_column(sa.Column("downloads", sa.Integer, nullable=False, server_default="0"))
        table.add_column(sa.Column("assignee", sa.String(255)))


def downgrade() -> None:
    with op.batch_alter_table("access_requests") as table:
        for column in ("assignee", "downloads", "max_downloads", "expires_at", "granted_files"):
            table.drop_column(column)
