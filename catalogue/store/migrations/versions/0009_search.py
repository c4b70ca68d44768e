"""Search: the published datasets as search finds them (``catalogue.search``), their facet values and the records
their words come from; their words in an FTS5 table on SQLite, a text search vector with a GIN index on PostgreSQL.
Filled by ``Store.upgrade`` (the index is made again whenever its version changes).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_datasets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.String(255), nullable=False, unique=True),
        sa.Column("release_time", sa.DateTime(timezone=True)),
        sa.Column("modified", sa.Date),
        sa.Column("shown", sa.Text, nullable=False),
        sa.Column("vector", sa.Text().with_variant(TSVECTOR(), "postgresql")),
    )
    op.create_index("ix_search_release", "search_datasets", ["release_time"])
    op.create_table(
        "search_titles",
        sa.Column("language", sa.String(35), primary_key=True),
        sa.Column("sort_title", sa.String(512), primary_key=True),
        sa.Column("dataset_id", sa.String(255), primary_key=True),
    )
    op.create_index("ix_search_titles_dataset", "search_titles", ["dataset_id"])
    op.create_table(
        "search_facets",
        sa.Column("facet", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(512), primary_key=True),
        sa.Column("dataset_id", sa.String(255), primary_key=True),
    )
    op.create_index("ix_search_facets_dataset", "search_facets", ["dataset_id"])
    op.create_table(
        "search_uses",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("dataset_id", sa.String(255), primary_key=True),
    )
    op.create_index("ix_search_uses_dataset", "search_uses", ["dataset_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_vector ON search_datasets USING GIN (vector)")
    else:  # the words of each row of search_datasets (rowid: its id), folded before they are written
        op.execute("CREATE VIRTUAL TABLE search_text USING fts5(title, body, "
                   "tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE search_text")
    op.drop_table("search_uses")
    op.drop_table("search_facets")
    op.drop_table("search_titles")
    op.drop_table("search_datasets")
