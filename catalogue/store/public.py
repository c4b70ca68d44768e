"""The public view of a store at one moment, read a page at a time.

What is released is decided in the query (published, and no release time or one that has passed), so
a hidden dataset is never even read; every dataset that is read goes through the same policy as
``build`` (``view_of_released``). Nothing here holds the whole catalogue: a page, one dataset, or a
batch of a stream at a time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from catalogue.errors import UnresolvedReference
from catalogue.policy.calendar import CalendarEntry, calendar_entries, next_change
from catalogue.model import Announcement, Catalogue, Dataset
from catalogue.policy.release import PUBLISHED
from catalogue.policy.release import released as release_rule
from catalogue.policy.view import (DatasetFacts, Placement, PublicView, named_by_placement, series_order,
                                   view_of_released)
from catalogue.store.schema import dataset_files, records
from catalogue.store.store import Store, record_context

T = TypeVar("T")

DATASET_KIND = "dataset"
ALWAYS_SHOWN = ("catalogue", "agency")
"""The kinds of records every public view holds whole."""
BATCH = 500
"""Datasets read per query when streaming them all."""


def _resolved(resolve: Callable[[str], T], reference: str) -> T | None:
    try:
        return resolve(reference)
    except UnresolvedReference:
        return None


class PublicRecords:
    """The released datasets of a store at ``as_of``, with the shared records they refer to."""

    def __init__(self, store: Store, shared: Catalogue, as_of: datetime) -> None:
        if as_of.tzinfo is None:
            raise ValueError("the moment needs a time zone")
        self.store = store
        self.shared = shared
        self.as_of = as_of.astimezone(timezone.utc)
        self.context = record_context(shared.info)
        self._seen: set[str] | None = None
        """When told (``reading``): each released dataset read, as "id<TAB>revision"."""
        self._seen_lock = threading.Lock()
        self.placement: Callable[[], Placement] | None = None
        """The series' order of every released dataset, where the one reading the store keeps it (a server, once per
        version of the public view): a page's view then tells the series."""

    def series_placement(self) -> Placement:
        """The series' order and the newer versions of every released dataset, from the stored documents of those
        that are releases of a series or versions of another (a document names neither when it has neither)."""
        named = or_(records.c.document.like('%"series":%'), records.c.document.like('%"previous_version":%'))
        query = select(records.c.record_id, records.c.revision, records.c.document).where(and_(self.released(), named))
        with self.store.engine.connect() as connection:
            rows = connection.execute(query.execution_options(stream_results=True, max_row_buffer=500))
            facts = [DatasetFacts.of_document(json.loads(row.document)) for row in rows]
            read = {f.order[2] for f in facts}
            replaced = sorted({f.previous for f in facts if f.previous is not None and f.previous not in read})
            for start in range(0, len(replaced), BATCH):  # the versions they replace, in no series themselves
                chosen = select(records.c.document).where(and_(self.released(),
                                                                records.c.record_id.in_(replaced[start:start + BATCH])))
                facts += [DatasetFacts.of_document(json.loads(row.document)) for row in connection.execute(chosen)]
        return series_order(facts, self.shared.series)

    def reading(self) -> PublicRecords:
        """The same public view, telling which revision of each released dataset it read (``seen``): what a
        document made from it holds."""
        found = PublicRecords(self.store, self.shared, self.as_of)
        found._seen = set()
        found.placement = self.placement
        return found

    def seen(self) -> frozenset[str]:
        """Each released dataset read so far (by a view made with ``reading``), as "id<TAB>revision"."""
        with self._seen_lock:
            return frozenset(self._seen or ())

    def _saw(self, rows: Iterable[Any]) -> None:
        if self._seen is not None:
            with self._seen_lock:
                self._seen.update(f"{row.record_id}\t{row.revision}" for row in rows)

    def revisions(self) -> frozenset[str]:
        """Every released dataset, as "id<TAB>revision" (what ``seen`` says of a document made now, at most)."""
        query = select(records.c.record_id, records.c.revision).where(self.released())
        with self.store.engine.connect() as connection:
            return frozenset(f"{row.record_id}\t{row.revision}" for row in connection.execute(query))

    # -- queries -------------------------------------------------------------------------------
    def released(self) -> ColumnElement[bool]:
        """The condition a dataset's row meets when it is public at ``as_of``."""
        return and_(records.c.kind == DATASET_KIND, records.c.status == PUBLISHED,
                    or_(records.c.release_time.is_(None), records.c.release_time <= self.as_of))

    def _selected(self, since: date | None) -> ColumnElement[bool]:
        condition = self.released()
        return condition if since is None else and_(condition, records.c.modified >= since)

    def count(self, since: date | None = None) -> int:
        with self.store.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(records)
                                          .where(self._selected(since))).scalar_one())

    def page(self, after: str | None, limit: int, since: date | None = None) -> list[Dataset]:
        """Up to ``limit`` released datasets with an id after ``after``, by id (keyset paging)."""
        return [dataset for _, dataset in self.keyed_page(after, limit, since)]

    def keyed_page(self, after: str | None, limit: int, since: date | None = None) -> list[tuple[str, Dataset]]:
        """``page`` with the key of each row: what the next page starts after (the row's id, whatever its document
        says)."""
        condition = self._selected(since)
        if after is not None:
            condition = and_(condition, records.c.record_id > after)
        query = select(records.c.record_id, records.c.revision, records.c.document).where(condition) \
            .order_by(records.c.record_id).limit(limit)
        with self.store.engine.connect() as connection:
            rows = connection.execute(query).all()
        self._saw(rows)
        return [(row.record_id, self._parse(row.document)) for row in rows]

    def at(self, offset: int, limit: int) -> list[Dataset]:
        """``limit`` released datasets from the ``offset``-th in the order of ids (a page of the catalogue's list)."""
        query = select(records.c.record_id, records.c.revision, records.c.document).where(self.released()) \
            .order_by(records.c.record_id).offset(offset).limit(limit)
        with self.store.engine.connect() as connection:
            rows = connection.execute(query).all()
        self._saw(rows)
        return [self._parse(row.document) for row in rows]

    def ids(self) -> list[str]:
        """Every released dataset's id, in order (what the sitemap lists: no document is read)."""
        query = select(records.c.record_id, records.c.revision).where(self.released()).order_by(records.c.record_id)
        with self.store.engine.connect() as connection:
            rows = connection.execute(query).all()
        self._saw(rows)
        return [row.record_id for row in rows]

    def get(self, dataset_id: str) -> Dataset | None:
        """One released dataset, or ``None`` (unknown and hidden alike)."""
        query = select(records.c.record_id, records.c.revision, records.c.document) \
            .where(self.released(), records.c.record_id == dataset_id)
        with self.store.engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        self._saw([row])
        return self._parse(row.document)

    def released_among(self, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(records.c.record_id, records.c.revision)
                                      .where(self.released(), records.c.record_id.in_(wanted))).all()
        self._saw(rows)
        return {row.record_id for row in rows}

    def owner_of_file(self, path: str) -> Dataset | None:
        """The dataset a local file at ``path`` belongs to, if it is released: the one dataset that names it. A file
        that several datasets name has no owner here (it is not served: whose confidential columns would it
        lose?)."""
        with self.store.engine.connect() as connection:
            owners = connection.execute(select(dataset_files.c.dataset_id).where(dataset_files.c.path == path)
                                        .limit(2)).scalars().all()
        return self.get(owners[0]) if len(owners) == 1 else None

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, stored document as JSON data) of every released dataset, in order of ids, streamed: what is read of
        each without making it."""
        query = select(records.c.record_id, records.c.revision, records.c.document).where(self.released()) \
            .order_by(records.c.record_id)
        with self.store.engine.connect() as connection:
            for row in connection.execute(query.execution_options(stream_results=True, max_row_buffer=500)):
                self._saw([row])
                yield row.record_id, json.loads(row.document)

    def require(self, dataset_id: str) -> Dataset:
        """A released dataset read again (``KeyError``: no longer released)."""
        dataset = self.get(dataset_id)
        if dataset is None:
            raise KeyError(dataset_id)
        return dataset

    def shared_in_use(self) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str], frozenset[str]]:
        """The codelists (keys) and concepts (scheme key, concept id) that the public variables of the released
        datasets use, the data structures (keys) and the series they name: those the public view holds (read from
        the documents, without making the datasets)."""
        codelists: set[str] = set()
        concepts: set[str] = set()
        structures: set[str] = set()
        series: set[str] = set()
        query = select(records.c.record_id, records.c.revision, records.c.document).where(self.released())
        with self.store.engine.connect() as connection:
            for row in connection.execute(query.execution_options(stream_results=True)):
                self._saw([row])
                document = json.loads(row.document)
                if document.get("structure"):
                    structures.add(str(document["structure"]))
                series.update(str(s) for s in document.get("series") or ())
                for variable in document.get("variables") or ():
                    if variable.get("confidential"):
                        continue
                    if variable.get("codelist"):
                        codelists.add(variable["codelist"])
                    if variable.get("concept"):
                        concepts.add(variable["concept"])
        shared = self.shared.shared()
        named = self.shared.structures()
        return (frozenset(key for ref in codelists if (key := _resolved(shared.codelists.resolve, ref))),
                frozenset((found[0], found[1].id) for ref in concepts
                          if (found := _resolved(shared.concepts.resolve, ref))),
                frozenset(key for ref in structures if (key := _resolved(named.resolve, ref))), frozenset(series))

    def public_moment(self, shown: Mapping[str, Iterable[str]] | None = None) -> datetime | None:
        """The latest moment the public view is known to have changed: a released dataset's publication or release,
        whichever came last, a change of the catalogue record or of an agency (every page shows them), or of the
        records ``shown`` (kind → ids: those an answer shows). Nothing hidden moves it (an embargoed publication, a
        codelist only a draft uses), so it may stamp a public answer."""
        became_public = case((records.c.release_time > records.c.changed_at, records.c.release_time),
                             else_=records.c.changed_at)
        also = [and_(records.c.kind == kind, records.c.record_id.in_(sorted(set(ids))))
                for kind, ids in (shown or {}).items()]
        with self.store.engine.connect() as connection:
            moments = [connection.execute(select(func.max(became_public)).where(self.released())).scalar_one_or_none(),
                       connection.execute(select(func.max(records.c.changed_at))
                                          .where(or_(records.c.kind.in_(ALWAYS_SHOWN), *also))).scalar_one_or_none()]
        known = [moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc) for moment in moments if moment]
        return max(known) if known else None

    def last_release(self) -> datetime | None:
        """The latest release time that has passed (what changed the public view last)."""
        return self._release_bound(func.max, records.c.release_time <= self.as_of)

    def next_release(self) -> datetime | None:
        """The next moment an embargo lifts (a cache must not reach past it)."""
        return self._release_bound(func.min, records.c.release_time > self.as_of)

    def _release_bound(self, aggregate: Any, condition: ColumnElement[bool]) -> datetime | None:
        query = select(aggregate(records.c.release_time)).where(
            records.c.kind == DATASET_KIND, records.c.status == PUBLISHED, condition)
        with self.store.engine.connect() as connection:
            moment = connection.execute(query).scalar_one_or_none()
        if moment is None:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def calendar(self) -> tuple[tuple[CalendarEntry, ...], datetime | None]:
        """The release calendar at ``as_of`` — the standalone releases and, of every dataset that carries an
        announcement (released or not), the announcement alone, never the rest of its record — and the next
        moment it changes without a revision (an announcement or a date change made public later)."""
        query = select(records.c.record_id, records.c.document, records.c.status, records.c.release_time).where(
            records.c.kind == DATASET_KIND, records.c.document.like('%"announcement":{%'))
        announced = []
        with self.store.engine.connect() as connection:
            for row in connection.execute(query):
                document = json.loads(row.document)
                announcement = Announcement.model_validate(document["announcement"], context=self.context)
                release = row.release_time
                if release is not None and release.tzinfo is None:
                    release = release.replace(tzinfo=timezone.utc)
                released = release_rule(row.status, release, self.as_of)
                announced.append((row.record_id, document["publisher"], announcement, released))
        _, ordered, withdrawn = self.placement() if self.placement is not None else ({}, {}, {})
        public_series = {*ordered, *withdrawn}
        entries = calendar_entries(self.shared.releases, announced, self.as_of, self.store.calendar_secret(),
                                   public_series)
        every = [*self.shared.releases.values(), *(a for _, _, a, _ in announced)]
        return entries, next_change(every, self.as_of)

    def _parse(self, document: str) -> Dataset:
        return Dataset.model_validate_json(document, context=self.context)

    # -- views ---------------------------------------------------------------------------------
    def view(self, datasets: list[Dataset], with_related: bool = False, whole: bool = False) -> PublicView:
        """The public view of these released datasets; ``with_related`` adds the released datasets they
        name as related or as the version they replace, and their neighbours in their series and newer versions
        (a page shows their titles); ``whole``: they are every
        released dataset (the view then tells the series, whose order needs every release)."""
        placement = None if whole or self.placement is None else self.placement()
        related = {r for d in datasets for r in d.related} | {d.previous_version for d in datasets
                                                              if d.previous_version is not None}
        if with_related and placement is not None:  # its releases before and after, its newer versions
            related |= {other for d in datasets for other in named_by_placement(placement, d.id)}
        released_related = self.released_among(related)
        chosen = {d.id: d for d in datasets}
        if with_related:
            for other in sorted(released_related - chosen.keys()):
                dataset = self.get(other)
                if dataset is not None:
                    chosen[other] = dataset
        return view_of_released(self.shared, chosen, released_related | chosen.keys(), self.as_of, whole=whole,
                                placement=placement)

    def batches(self, size: int = BATCH) -> Iterator[PublicView]:
        """Every released dataset, by id, one view of ``size`` datasets at a time."""
        after: str | None = None
        while True:
            page = self.keyed_page(after, size)
            if not page:
                return
            yield self.view([dataset for _, dataset in page])
            after = page[-1][0]

    def whole(self) -> PublicView:
        """The public view of every released dataset at once (what one page of the whole catalogue needs)."""
        datasets: list[Dataset] = []
        after: str | None = None
        while page := self.keyed_page(after, BATCH):
            datasets.extend(dataset for _, dataset in page)
            after = page[-1][0]
        return self.view(datasets, whole=True)


class MembersView(PublicRecords):
    """The public view at a later moment (``as_of``), as members of ``agencies`` may see it ahead of time: what is
    public ``now``, and what their agencies' embargoes will have released by then."""

    def __init__(self, store: Store, shared: Catalogue, as_of: datetime, now: datetime, agencies: list[str]) -> None:
        super().__init__(store, shared, as_of)
        self.now_public = PublicRecords(store, self.shared, now)
        self.agencies = agencies

    def released(self) -> ColumnElement[bool]:
        return and_(super().released(), or_(self.now_public.released(), records.c.agency.in_(self.agencies)))
