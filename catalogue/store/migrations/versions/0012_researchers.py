"""Researchers' accounts (issue 36): the accounts, the one-time tokens of their e-mails, their sessions, the
browsers they signed in with.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "researchers",
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("orcid", sa.String(19)),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "researcher_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), sa.ForeignKey("researchers.email"), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_researcher_tokens_email", "researcher_tokens", ["email"])
    op.create_table(
        "researcher_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), sa.ForeignKey("researchers.email"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_researcher_sessions_email", "researcher_sessions", ["email"])
    op.create_table(
        "researcher_devices",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), sa.ForeignKey("researchers.email"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_researcher_devices_email", "researcher_devices", ["email"])


def downgrade() -> None:
    op.drop_table("researcher_devices")
    op.drop_table("researcher_sessions")
    op.drop_table("researcher_tokens")
    op.drop_table("researchers")
