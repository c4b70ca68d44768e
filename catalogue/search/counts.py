"""The facet counts of the released datasets, kept: ``search_counts`` counts the indexed datasets released at one
moment (``search_counts_as_of``) per facet value, and ``("", "")`` the datasets themselves. Each write of the index
first moves that moment to its own time (adding the datasets released since), then adds what it indexes and takes
away what it removes, in its transaction. A search with neither words nor filters reads the counts kept and adds the
datasets released between that moment and its own, in one statement (one snapshot) that checks the counts are still
of that moment: it never counts every dataset, and never one before its release."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from datetime import datetime, timezone

from sqlalchemy import (ColumnElement, CompoundSelect, Connection, Select, and_, delete, exists, func, insert, literal,
                        or_, select, union_all, update)
from sqlalchemy.dialects import postgresql, sqlite

from catalogue.search.documents import FACETS
from catalogue.store.schema import search_counts, search_counts_as_of, search_datasets, search_facets
from catalogue.support.moments import aware

DATASETS = ("", "")
"""The (facet, value) every indexed dataset holds once: its count is the number of datasets."""
STATE = 1
"""The one row of ``search_counts_as_of``."""


def released(as_of: datetime) -> ColumnElement[bool]:
    """The release condition of an indexed dataset at ``as_of``."""
    as_of = as_of.astimezone(timezone.utc)  # as the index keeps release times (SQLite keeps no offset)
    return or_(search_datasets.c.release_time.is_(None), search_datasets.c.release_time <= as_of)


def _facet_counts(*where: ColumnElement[bool]) -> Select[Any]:
    """Each facet value of the indexed datasets that meet ``where``, and how many hold it."""
    return (select(search_facets.c.facet, search_facets.c.value, func.count().label("n"))
            .select_from(search_facets.join(search_datasets,
                                            search_datasets.c.dataset_id == search_facets.c.dataset_id))
            .where(*where).group_by(search_facets.c.facet, search_facets.c.value))


def recount(connection: Connection, now: datetime) -> None:
    """The counts made again from the whole index, as of ``now``."""
    now = now.astimezone(timezone.utc)
    connection.execute(delete(search_counts))
    connection.execute(delete(search_counts_as_of))
    connection.execute(insert(search_counts).from_select(["facet", "value", "n"], _facet_counts(released(now))))
    connection.execute(insert(search_counts_as_of).values(id=STATE, as_of=now))


def advance(connection: Connection, now: datetime) -> datetime:
    """Move the counts to ``now`` (adding the datasets released since they were counted) and hold them until the
    transaction ends (a PostgreSQL row lock: two writers of the index take turns). Returns the moment they count."""
    now = now.astimezone(timezone.utc)
    chosen = select(search_counts_as_of.c.as_of).where(search_counts_as_of.c.id == STATE)
    if connection.dialect.name == "postgresql":
        chosen = chosen.with_for_update()
    before = connection.execute(chosen).scalar()
    if before is None:
        recount(connection, now)
        return now
    before = aware(before)  # SQLite keeps no offset
    if now <= before:
        return before
    since = connection.execute(_facet_counts(search_datasets.c.release_time > before,
                                             search_datasets.c.release_time <= now)).all()
    _add(connection, Counter({(row[0], row[1]): row[2] for row in since}))
    connection.execute(update(search_counts_as_of).where(search_counts_as_of.c.id == STATE).values(as_of=now))
    return now


def counted(release_time: datetime | None, as_of: datetime) -> bool:
    """Whether a dataset released at ``release_time`` is in the counts kept as of ``as_of``."""
    return release_time is None or release_time.astimezone(timezone.utc) <= as_of


def removing(connection: Connection, dataset_ids: list[str], as_of: datetime) -> None:
    """Take away the facet values of the indexed datasets about to be removed that the counts hold."""
    rows = connection.execute(_facet_counts(search_datasets.c.dataset_id.in_(dataset_ids), released(as_of))).all()
    _add(connection, Counter({(row[0], row[1]): -row[2] for row in rows}))


def adding(connection: Connection, facets: Iterable[tuple[str, str]]) -> None:
    """Add the facet values of indexed datasets the counts hold (each given once per dataset)."""
    _add(connection, Counter(facets))


def _add(connection: Connection, changes: Counter[tuple[str, str]]) -> None:
    rows: list[dict[str, str | int]] = [{"facet": f, "value": v, "n": n} for (f, v), n in sorted(changes.items()) if n]
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(search_counts)
    connection.execute(statement.on_conflict_do_update(
        index_elements=[search_counts.c.facet, search_counts.c.value],
        set_={"n": search_counts.c.n + statement.excluded.n}), rows)
    if any(n < 0 for n in changes.values()):
        connection.execute(delete(search_counts).where(search_counts.c.n <= 0))


def kept_counts(connection: Connection, as_of: datetime, most: int) -> tuple[int, dict[str, dict[str, int]]] | None:
    """The number of datasets released at ``as_of`` and, per facet, the counts of its ``most`` most frequent values
    and of every value a dataset released since the counts' moment holds (enough to rank the first ``most`` exactly:
    any other value counts no more than the last of those, and comes after it in the same order); ``None`` when the
    counts are of a moment after ``as_of``."""
    as_of = as_of.astimezone(timezone.utc)
    for _ in range(3):  # the moment is read first, so that the planner knows it (a parameter it does not know, it
        # takes for a wide range of release times: PostgreSQL then plans parallel workers, ten times the time);
        # the statement checks that the counts are still of it, in its own snapshot, or says nothing
        moment = connection.execute(select(search_counts_as_of.c.as_of)
                                    .where(search_counts_as_of.c.id == STATE)).scalar()
        if moment is None or aware(moment) > as_of:
            return None
        rows = connection.execute(_kept_statement(connection, moment, as_of, most)).all()
        if any(row[0] == 0 for row in rows):
            return _merged(rows)
    return None  # written again and again meanwhile: counted as the other searches are


def _kept_statement(connection: Connection, moment: datetime, as_of: datetime, most: int) -> CompoundSelect:
    ready = exists().where(search_counts_as_of.c.id == STATE, search_counts_as_of.c.as_of == moment)
    value = search_counts.c.value.collate("C") if connection.dialect.name == "postgresql" else search_counts.c.value
    since = _facet_counts(ready, search_datasets.c.release_time > moment,
                          search_datasets.c.release_time <= as_of).cte("since")
    parts = [select(literal(0).label("kind"), literal("").label("facet"), literal("").label("value"),
                    literal(0).label("n")).where(ready),
             select(literal(2), since.c.facet, since.c.value, since.c.n),
             select(literal(3), search_counts.c.facet, search_counts.c.value, search_counts.c.n).select_from(
                 search_counts.join(since, and_(since.c.facet == search_counts.c.facet,
                                                since.c.value == search_counts.c.value))).where(ready)]
    for facet in ("", *FACETS):
        parts.append(select(literal(1), search_counts.c.facet, search_counts.c.value, search_counts.c.n)
                     .where(ready, search_counts.c.facet == facet)
                     .order_by(search_counts.c.n.desc(), value).limit(most).subquery().select())
    return union_all(*parts)


def _merged(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, dict[str, int]]]:
    """The counts of the statement's rows: those kept, plus the datasets released since."""
    base: dict[tuple[str, str], int] = {}
    added: Counter[tuple[str, str]] = Counter()
    for kind, facet, facet_value, n in rows:
        if kind in (1, 3):
            base[(facet, facet_value)] = n
        elif kind == 2:
            added[(facet, facet_value)] += n
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    total = 0
    for key in base.keys() | added.keys():
        n = base.get(key, 0) + added[key]
        if key == DATASETS:
            total = n
        elif key[0] in facets and n > 0:
            facets[key[0]][key[1]] = n
    return total, facets
