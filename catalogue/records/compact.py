"""Records made when they are read. A loader may leave a record as a maker (``defer``): a record checked before,
whose findings are known, is made (validated again from the parse cache) only when something reads it, so that
``check`` of an unchanged catalogue never makes it. ``MadeOnRead`` keeps each record once made; when a catalogue is
large, ``CompactRecords`` keeps it pickled and compressed instead (about 1 KB a dataset instead of 30 KB of
objects) and makes it again each time it is read (about 0.1 ms). Up to ``KEEP_OBJECTS_UP_TO`` records objects are
kept: a catalogue of that size fits in memory as objects, and reading them is free."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any, Generic, TypeVar

T = TypeVar("T")

KEEP_OBJECTS_UP_TO = 20_000
"""Datasets kept as objects; a larger catalogue keeps them compact (a 100,000-dataset catalogue would need
about 3 GB as objects)."""


class _Maker:
    """A record not made yet: how to make it."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class MadeOnRead(MutableMapping[str, T], Generic[T]):
    """A mapping of id to record, in insertion order, whose records may be left as makers until read; a record is
    kept as it is once made."""

    def __init__(self, items: Iterable[tuple[str, T]] = ()) -> None:
        self._items: dict[str, Any] = {}
        for key, value in items:
            self[key] = value

    def defer(self, key: str, make: Callable[[], T]) -> None:
        """Hold ``key``'s record as ``make``, called when the record is first read."""
        self._items[key] = _Maker(make)

    def _kept(self, record: T) -> Any:
        return record

    def _record(self, kept: Any) -> T:
        return kept  # type: ignore[no-any-return]

    def __getitem__(self, key: str) -> T:
        kept = self._items[key]
        if type(kept) is _Maker:
            record: T = kept.make()
            self._items[key] = self._kept(record)
            return record
        return self._record(kept)

    def __setitem__(self, key: str, value: T) -> None:
        self._items[key] = self._kept(value)

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def _with(self, items: dict[str, Any]) -> MadeOnRead[T]:
        """A mapping of the same kind holding these kept records and makers as they are (not made again)."""
        chosen = type(self)()
        chosen._items = items
        return chosen

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} records)"


class MadeEachRead(MadeOnRead[T]):
    """A mapping whose deferred records are made each time they are read, never kept (a server reading 100,000
    stored datasets one after another keeps none of them)."""

    def __getitem__(self, key: str) -> T:
        kept = self._items[key]
        return kept.make() if type(kept) is _Maker else self._record(kept)  # type: ignore[no-any-return]


class CompactRecords(MadeOnRead[T]):
    """A mapping of id to record that stores each record pickled and compressed, in insertion order."""

    def _kept(self, record: T) -> Any:
        return zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def _record(self, kept: Any) -> T:
        return pickle.loads(zlib.decompress(kept))  # type: ignore[no-any-return]


def sorted_by_key(mapping: MutableMapping[str, T]) -> MutableMapping[str, T]:
    """The same records in the order of their ids (records not made are not made to be sorted)."""
    if isinstance(mapping, MadeOnRead):
        return mapping._with({key: mapping._items[key] for key in sorted(mapping._items)})
    return dict(sorted(mapping.items()))


def select(mapping: MutableMapping[str, T], keys: Iterable[str]) -> MutableMapping[str, T]:
    """The records of ``keys``, in that order, in a mapping of the same kind (compact ones and makers are shared,
    not copied)."""
    if isinstance(mapping, MadeOnRead):
        return mapping._with({key: mapping._items[key] for key in keys})
    return {key: mapping[key] for key in keys}


def records_for(count: int) -> MadeOnRead[T]:
    """An empty mapping for about ``count`` records: compact records for a large catalogue."""
    return CompactRecords() if count > KEEP_OBJECTS_UP_TO else MadeOnRead()


def like(template: object, items: Iterable[tuple[str, T]]) -> MutableMapping[str, T]:
    """``items`` in a mapping of the same kind as ``template`` (compact when it is)."""
    if isinstance(template, CompactRecords):
        return CompactRecords(items)
    return dict(items)


__all__ = ["KEEP_OBJECTS_UP_TO", "CompactRecords", "MadeEachRead", "MadeOnRead", "like", "records_for", "select", "sorted_by_key"]
