"""Issue 31, point 2: one release rule in Python (``policy.release.released``); the store's SQL condition
(``PublicRecords.released``) is kept equal to it on generated records, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.model import Catalogue
from catalogue.policy.release import released
from catalogue.records.loader import read_catalogue
from catalogue.store import open_store
from catalogue.store.public import PublicRecords
from catalogue.store.schema import records
from catalogue.store.store import record_columns

from .conftest import EXAMPLE
from .test_store import db  # noqa: F401 (the store on SQLite and on PostgreSQL)

AS_OF = datetime(2026, 6, 30, 10, 0, tzinfo=timezone.utc)
OFFSETS = [timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]

moments = st.builds(
    lambda seconds, offset: (AS_OF + timedelta(seconds=seconds)).astimezone(offset),
    st.one_of(st.integers(-3, 3), st.integers(-400 * 86400, 400 * 86400)),  # at the second, and far around it
    st.sampled_from(OFFSETS),
)
rows = st.lists(st.tuples(st.sampled_from(["published", "draft"]), st.none() | moments), min_size=1, max_size=12)


@pytest.fixture
def shared() -> Catalogue:
    return read_catalogue(EXAMPLE)


def test_the_rule_releases_at_the_second_it_names():
    assert released("published", AS_OF, AS_OF) and released("published", None, AS_OF)
    assert not released("published", AS_OF + timedelta(seconds=1), AS_OF)
    assert not released("draft", None, AS_OF) and not released(None, None, AS_OF)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets=rows, as_of=moments)
def test_the_store_releases_exactly_the_datasets_the_rule_releases(db, shared, datasets, as_of):  # noqa: F811
    store = open_store(db)
    now = datetime.now(timezone.utc)
    with store.engine.begin() as connection:
        connection.execute(sa.delete(records).where(records.c.kind == "dataset"))
        for index, (status, release_time) in enumerate(datasets):
            columns = record_columns("dataset", SimpleNamespace(status=status, release_time=release_time))
            connection.execute(sa.insert(records).values(kind="dataset", record_id=f"DS_{index}", document="{}",
                                                         revision=1, changed_at=now, **columns))
    public = PublicRecords(store, shared, as_of)
    with store.engine.connect() as connection:
        found = set(connection.execute(sa.select(records.c.record_id).where(public.released())).scalars())
    expected = {f"DS_{index}" for index, (status, release_time) in enumerate(datasets)
                if released(status, release_time, as_of)}
    assert found == expected
    passed = [t for status, t in datasets if status == "published" and t is not None and t <= as_of]
    coming = [t for status, t in datasets if status == "published" and t is not None and t > as_of]
    assert public.last_release() == (max(passed) if passed else None)
    assert public.next_release() == (min(coming) if coming else None)
