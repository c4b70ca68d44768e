"""A search of the released datasets: full text (FTS5 on SQLite, text search on PostgreSQL), facet filters that
combine (any value of one facet, every facet), facet counts, an order (relevance, recently modified, title) and keyset
paging. The release condition is in every query: a dataset not yet released is never found, counted or suggested."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (Boolean, Connection, ColumnElement, Integer, and_, case, cast, func, literal_column, or_,
                        select, text, true)
from sqlalchemy.dialects.postgresql import DOUBLE_PRECISION, REGCONFIG

from catalogue.errors import SearchQueryError
from catalogue.messages import Message
from catalogue.search.counts import DATASETS, kept_counts, released
from catalogue.search.documents import FACETS
from catalogue.search.folding import MOST_TERMS, search_terms
from catalogue.search.index import configuration
from catalogue.store.schema import search_datasets, search_facets, search_titles

SORTS = ("relevance", "modified", "title")
MOST_QUERY = 200
MOST_FILTERS = 32
MOST_PAGE = 100
FACET_VALUES = 20
"""The values of a facet a result lists (the most frequent; the chosen ones always)."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What no parameter may hold: control characters (a database refuses NUL; XML takes none), lone surrogates and the
two non-characters XML refuses."""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str = "relevance"
    after: str | None = None
    limit: int = 20
    language: str = "en"

    @property
    def terms(self) -> list[str]:
        return search_terms(self.text)

    def chosen(self, facet: str) -> tuple[str, ...]:
        return next((values for name, values in self.filters if name == facet), ())


@dataclass
class Hit:
    dataset_id: str
    shown: dict[str, Any]


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    next: str | None = None
    """The cursor of the next page (``None``: this is the last)."""


def parse_search(parameters: Mapping[str, Sequence[str]], language: str) -> SearchQuery:
    """A search from query parameters (``q``, ``sort``, ``after``, ``limit`` and one per facet, repeated for several
    values), each bounded before any work; ``SearchQueryError`` says which is wrong."""
    for name, given in parameters.items():
        if any(CONTROL.search(value) for value in given):
            raise SearchQueryError(name[:40], Message("'%(name)s' holds a control character", name=name[:40]))

    def one(name: str, default: str = "") -> str:
        values = parameters.get(name) or [default]
        if len(values) > 1:
            raise SearchQueryError(name, Message("'%(name)s' is given more than once", name=name))
        return values[0]

    query_text = one("q")
    if len(query_text) > MOST_QUERY:
        raise SearchQueryError("q", Message("the search is longer than %(count)s characters", count=MOST_QUERY))
    sort = one("sort", "relevance" if search_terms(query_text) else "title")
    if sort not in SORTS:
        raise SearchQueryError("sort", Message("'%(value)s' is not an order: relevance, modified or title",
                                               value=sort[:40]))
    try:
        limit = int(one("limit", "20"))
    except ValueError:
        raise SearchQueryError("limit", Message("the number of results per page is a whole number")) from None
    if not 1 <= limit <= MOST_PAGE:
        raise SearchQueryError("limit", Message("the number of results per page is from 1 to %(count)s",
                                                count=MOST_PAGE))
    filters, count = [], 0
    for facet in FACETS:
        values = tuple(dict.fromkeys(v for v in parameters.get(facet, ()) if v))
        count += len(values)
        if any(len(v) > 500 for v in values):
            raise SearchQueryError(facet, Message("a value of '%(name)s' is too long", name=facet))
        if values:
            filters.append((facet, values))
    if count > MOST_FILTERS:
        raise SearchQueryError("filters", Message("more than %(count)s filter values", count=MOST_FILTERS))
    after = one("after") or None
    sort = sort if search_terms(query_text) or sort != "relevance" else "title"
    if after is not None:
        cursor_values(after, sort)  # refused now, before any work
    return SearchQuery(query_text, tuple(filters), sort, after, limit, language)


def run_search(connection: Connection, query: SearchQuery, as_of: datetime) -> SearchResult:
    """The page of results, the total and the facet counts of ``query`` among the datasets released at ``as_of``
    (``query.language``: one of the catalogue's languages, whose titles the index keeps)."""
    as_of = as_of.astimezone(timezone.utc)  # as the index keeps release times (SQLite keeps no offset)
    if connection.dialect.name == "postgresql":
        # no JIT compilation for this transaction's statements: the cost of a word's facet count passes
        # PostgreSQL's threshold, and compiling took longer than the counting it sped up
        connection.execute(text("SET LOCAL jit = off"))
    order, condition = _matching(connection, query)
    condition = and_(condition, released(as_of))
    for facet, values in query.filters:
        condition = and_(condition, search_datasets.c.dataset_id.in_(
            select(search_facets.c.dataset_id).where(search_facets.c.facet == facet, search_facets.c.value.in_(values))))
    kept = kept_counts(connection, as_of, FACET_VALUES) if not query.terms and not query.filters else None
    total, counted = kept if kept is not None else count_facets(connection, condition)
    facets = {name: list(counted.get(name, {}).items()) for name in FACETS}
    page_condition = condition if query.after is None else and_(condition, _after(order, query.after, query.sort))
    keys = [expression.label(f"k{number}") for number, (expression, _) in enumerate(order)]
    page = select(search_datasets.c.dataset_id, search_datasets.c.shown, *keys)
    if not query.terms and query.sort != "modified":  # the titles walked in order, each dataset's release checked
        page = page.select_from(search_datasets.join(search_titles, and_(
            search_titles.c.dataset_id == search_datasets.c.dataset_id, search_titles.c.language == query.language)))
    rows = connection.execute(page.where(page_condition)
                              .order_by(*(e.desc() if descending else e.asc() for e, descending in order))
                              .limit(query.limit + 1)).all()
    hits = [Hit(row.dataset_id, json.loads(row.shown)) for row in rows[:query.limit]]
    following = None
    if len(rows) > query.limit:
        last = rows[query.limit - 1]
        following = _cursor([_plain(getattr(last, f"k{number}")) for number in range(len(order))])
    return SearchResult(total, hits, {name: _top(values, query.chosen(name)) for name, values in facets.items()},
                        following)


def count_facets(connection: Connection, condition: Any) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of datasets that meet ``condition`` and the count of each facet value among them, in one pass."""
    matched = select(search_datasets.c.dataset_id).where(condition)
    rows = connection.execute(
        select(search_facets.c.facet, search_facets.c.value, func.count().label("n"))
        .where(search_facets.c.dataset_id.in_(matched)).group_by(search_facets.c.facet, search_facets.c.value))
    total, counted = 0, dict[str, dict[str, int]]()
    for row in rows:
        if (row.facet, row.value) == DATASETS:
            total = row.n
        else:
            counted.setdefault(row.facet, {})[row.value] = row.n
    return total, counted


def _matching(connection: Connection, query: SearchQuery) -> tuple[list[tuple[Any, bool]], Any]:
    """The order (expression, descending) and the full-text condition of a query. Relevance is worked out from each
    dataset alone, never from the collection (FTS5's BM25 counts every row it holds, embargoed ones too: a score
    would tell of them): PostgreSQL's ``ts_rank``; on SQLite, how many of the words its title holds."""
    order: list[tuple[Any, bool]]
    if query.sort == "modified":
        order = [(search_datasets.c.modified, True), (search_datasets.c.dataset_id, False)]  # walked by its index
    elif not query.terms:  # joined by run_search: the walk of one language's titles in order
        order = [(search_titles.c.sort_title, False), (search_datasets.c.dataset_id, False)]
    else:  # a dataset's title in the language, found by the unique index of (dataset, language): the datasets found
        # are walked, never every title for each (a join lets a planner start from the titles, and a word list is
        # then run again for each)
        title = select(search_titles.c.sort_title).where(search_titles.c.dataset_id == search_datasets.c.dataset_id,
                                                         search_titles.c.language == query.language).scalar_subquery()
        order = [(func.coalesce(title, ""), False), (search_datasets.c.dataset_id, False)]
    terms = query.terms
    if not terms:
        return order, true()
    condition: Any
    title_hit: Any
    if connection.dialect.name == "postgresql":
        phrase = " ".join(terms)
        tsquery = func.websearch_to_tsquery(cast(configuration(connection, query.language), REGCONFIG), phrase) \
            .op("||")(func.websearch_to_tsquery(cast("simple", REGCONFIG), phrase))
        condition = search_datasets.c.vector.op("@@", return_type=Boolean)(tsquery)
        title_hit = func.ts_filter(search_datasets.c.vector, literal_column("'{a}'::\"char\"[]")) \
            .op("@@", return_type=Boolean)(tsquery)
        # as a double: a real (float4) read back as text and sent again is not the same number, and a page's cursor
        # must name its last row exactly
        rank = cast(func.ts_rank(search_datasets.c.vector, tsquery), DOUBLE_PRECISION)
        relevance = [(cast(title_hit, Integer()), True), (rank, True), (search_datasets.c.dataset_id, False)]
    else:
        named = iter(range(MOST_TERMS + 2))

        def matching(expression: str) -> Any:  # each its own parameter: text() keeps the names it is given
            name = f"match_{next(named)}"
            return text(f"SELECT rowid FROM search_text WHERE search_text MATCH :{name}") \
                .bindparams(**{name: expression}).columns(rowid=Integer())

        words_matched = " AND ".join(f'"{term}"*' for term in terms)
        condition = search_datasets.c.id.in_(matching(words_matched))
        in_title = [case((search_datasets.c.id.in_(matching(f'title : "{term}"*')), -1), else_=0) for term in terms]
        title_hit = case((search_datasets.c.id.in_(matching(f"title : ({words_matched})")), 1), else_=0)
        relevance = [(title_hit, True), (sum(in_title[1:], in_title[0]), False), (search_datasets.c.dataset_id, False)]
    return relevance if query.sort == "relevance" else order, condition


CURSOR_TYPES = {"relevance": (int, (int, float), str), "modified": (str, str), "title": (str, str)}
"""What a cursor of each order holds: relevance (title matched, score, id), modified (day, id), title (title, id)."""


def cursor_values(cursor: str, sort: str) -> list[Any]:
    """The sort keys a cursor holds (``SearchQueryError`` when it is not one of a search in that order)."""
    refused = SearchQueryError("after", Message("not a page of this search"))
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor[:2000].encode("ascii")))
    except (ValueError, binascii.Error, UnicodeEncodeError, RecursionError):
        raise refused from None
    kinds = CURSOR_TYPES[sort]
    if not isinstance(values, list) or len(values) != len(kinds) or len(cursor) > 2000 or not all(
            isinstance(v, kind) and not isinstance(v, bool) for v, kind in zip(values, kinds)):
        raise refused
    if sort == "modified":
        try:
            values[0] = date.fromisoformat(values[0][2:]) if values[0].startswith("d:") else None
        except ValueError:
            raise refused from None
        if values[0] is None:
            raise refused
    for value in values:  # what a store takes: finite numbers of its range, text without NUL or lone surrogates
        if isinstance(value, (int, float)) and not (-1e9 <= value <= 1e9) \
                or isinstance(value, str) and (len(value) > 600 or CONTROL.search(value)):
            raise refused
    return values


def _after(order: list[tuple[Any, bool]], cursor: str, sort: str) -> ColumnElement[bool]:
    """The rows after the cursor's in ``order`` (a keyset: each page starts where the last ended)."""
    values = cursor_values(cursor, sort)
    clauses = []
    for position, (expression, descending) in enumerate(order):
        equal = [e == values[i] for i, (e, _) in enumerate(order[:position])]
        beyond = expression < values[position] if descending else expression > values[position]
        clauses.append(and_(*equal, beyond))
    return or_(*clauses)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return f"d:{value.isoformat()}"
    if isinstance(value, bool):
        return int(value)
    return value


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode("ascii")


def _top(values: list[tuple[str, int]], chosen: Sequence[str]) -> list[tuple[str, int]]:
    ranked = sorted(values, key=lambda item: (-item[1], item[0]))
    kept = ranked[:FACET_VALUES]
    kept += [item for item in ranked[FACET_VALUES:] if item[0] in chosen]
    return kept
