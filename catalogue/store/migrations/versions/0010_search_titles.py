"""Search: a dataset's title in a language found by a unique index of (dataset, language), so that the order by
title looks each one up instead of walking every title of the language for each dataset.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_search_titles_dataset", table_name="search_titles")
    op.create_index("ux_search_titles", "search_titles", ["dataset_id", "language"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_search_titles", table_name="search_titles")
    op.create_index("ix_search_titles_dataset", "search_titles", ["dataset_id"])
