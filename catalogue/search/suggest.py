"""Suggestions as a searcher types (OpenSearch suggestions): the titles, in the searcher's language, of released
datasets whose title has a word that begins as the last word typed, and holds the words before it. The release
condition is in the query, as in every search: nothing not yet released is suggested."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Connection, Integer, cast, func, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import REGCONFIG

from catalogue.search.folding import search_terms
from catalogue.store.schema import search_datasets, search_titles

MOST_SUGGESTIONS = 10


def suggestions(connection: Connection, typed: str, language: str, as_of: datetime,
                limit: int = MOST_SUGGESTIONS) -> list[str]:
    """Up to ``limit`` titles (their folded form, as the index keeps them: what a searcher then searches for)."""
    terms = search_terms(typed)
    as_of = as_of.astimezone(timezone.utc)  # as the index keeps release times
    if not terms or len(terms[-1]) < 2:
        return []
    if connection.dialect.name == "postgresql":
        prefix = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        query = func.to_tsquery(cast("simple", REGCONFIG), prefix)
        titled = func.ts_filter(search_datasets.c.vector, literal_column("'{a}'::\"char\"[]")) \
            .op("@@", return_type=Boolean)(query)
    else:
        match = " AND ".join(f'"{term}"' for term in terms[:-1])
        match = f'title : ({match + " AND " if match else ""}"{terms[-1]}"*)'
        titled = search_datasets.c.id.in_(text("SELECT rowid FROM search_text WHERE search_text MATCH :match")
                                          .bindparams(match=match).columns(rowid=Integer()))
    found = select(search_datasets.c.dataset_id).where(
        titled, or_(search_datasets.c.release_time.is_(None), search_datasets.c.release_time <= as_of))
    rows = connection.execute(
        select(search_titles.c.sort_title).where(search_titles.c.language == language,
                                                 search_titles.c.dataset_id.in_(found))
        .group_by(search_titles.c.sort_title).order_by(search_titles.c.sort_title).limit(limit))
    return [str(title) for title in rows.scalars()]

