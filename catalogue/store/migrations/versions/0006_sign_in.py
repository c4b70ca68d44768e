"""Sign-in that an attacker cannot turn against its owner: failures counted per source (a browser that signed in
before, or an address), browsers that signed in before, and a secret that signs the sign-in form.

Revision ID: 0006
Revises: 0005
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("login_failures") as batch:
        batch.add_column(sa.Column("source", sa.String(128), nullable=False, server_default=""))
    op.create_index("ix_login_failures_source", "login_failures", ["user_name", "source", "failed_at"])
    op.create_table(
        "trusted_devices",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(255), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_trusted_devices_user", "trusted_devices", ["user_name"])
    settings = sa.table("settings", sa.column("name", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(settings, [{"name": "signing_secret", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE name = 'signing_secret'")
    op.drop_index("ix_trusted_devices_user", "trusted_devices")
    op.drop_table("trusted_devices")
    op.drop_index("ix_login_failures_source", "login_failures")
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_column("source")
