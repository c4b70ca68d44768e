"""Search: the facet counts of every released dataset kept (``search_counts``, as of ``search_counts_as_of``), so that
a search with neither words nor filters reads them instead of counting every dataset; an index of the order by
recency (a dataset without a day of modification is kept as modified on 0001-01-01). Filled by ``Store.upgrade``
(the index's version changed: it is made again).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_counts",
        sa.Column("facet", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(512), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":  # the values in code point order, as the query ranks ties
        op.execute('CREATE INDEX ix_search_counts_top ON search_counts (facet, n DESC, value COLLATE "C")')
    else:  # SQLite's own order is by code point
        op.create_index("ix_search_counts_top", "search_counts", ["facet", sa.text("n DESC"), "value"])
    op.create_index("ix_search_modified", "search_datasets", [sa.text("modified DESC"), "dataset_id"])
    op.create_table(
        "search_counts_as_of",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_search_modified", table_name="search_datasets")
    op.drop_table("search_counts_as_of")
    op.drop_index("ix_search_counts_top", table_name="search_counts")
    op.drop_table("search_counts")
