"""Researchers' requests for restricted data (issue 36): the requests and their steps.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(24), nullable=False, unique=True),
        sa.Column("email", sa.String(254), sa.ForeignKey("researchers.email"), nullable=False),
        sa.Column("dataset_id", sa.String(255), nullable=False),
        sa.Column("agency", sa.String(255), nullable=False),
        sa.Column("terms_id", sa.String(255), nullable=False),
        sa.Column("access_type", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("questions", sa.Text, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_access_requests_email", "access_requests", ["email"])
    op.create_index("ix_access_requests_agency_state", "access_requests", ["agency", "state"])
    open_states = sa.text("state IN ('submitted', 'more')")
    op.create_index("ix_access_requests_open", "access_requests", ["email", "dataset_id"], unique=True,
                    sqlite_where=open_states, postgresql_where=open_states)
    op.create_table(
        "access_request_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("access_requests.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_access_request_steps_request", "access_request_steps", ["request_id"])


def downgrade() -> None:
    op.drop_table("access_request_steps")
    op.drop_table("access_requests")
