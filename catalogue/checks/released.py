"""A released version never changes: a codelist or a concept scheme published with a stable version (``1.0``,
``2.1.0``; not ``0.3.0`` nor ``2.2.0-draft``) holds what it held when first published. A change is a new version.

A version is one however it is spelt (``1``, ``1.0`` and ``1.0.0`` are one): releases are known by their
*release key*, the artefact with its version as SDMX 3.0 writes it. The rule is the same wherever what was released
is known: the store (``store.released``: every first publication, even of a version deleted since), the editor, and
``check --since`` (a folder, or a store)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from catalogue.errors import Problem
from catalogue.messages import Message
from catalogue.model import Catalogue
from catalogue.model.identity import identity, parse_identity
from catalogue.model.kinds import CATALOGUE_FIELDS, MAINTAINABLE_KINDS
from catalogue.model.versions import Version, is_version
from catalogue.records.writer import record_data

if TYPE_CHECKING:
    from catalogue.records.loader import SourceRecord


def release_key(kind: str, key: str) -> str | None:
    """``AGENCY:ID(X.Y.Z)`` for a record that is released once published (a maintainable artefact's stable
    version, however spelt); ``None`` for any other."""
    parts = parse_identity(key) if kind in MAINTAINABLE_KINDS else None
    if parts is None or not is_version(parts[2]):
        return None
    version = Version.parse(parts[2])
    return identity(parts[0], parts[1], version.semantic()) if version.stable else None


def content(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a release holds, compared as data (how a file writes it is free, and so is its version's spelling)."""
    return {name: value for name, value in data.items() if name != "version"}


def released_message(key: str) -> Message:
    return Message("'%(key)s' is released: it cannot change; make the change in a new version", key=key)


def changed_release(kind: str, key: str) -> Problem:
    """The refusal of a change of the released version ``key``."""
    return Problem.in_record(kind, key, ("version",), released_message(key))


def releases_of(catalogue: Catalogue) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, release key) → data of each stable version a catalogue holds: what it released, when it is a release
    (a folder as published)."""
    found = {}
    for kind in sorted(MAINTAINABLE_KINDS):
        for key, record in getattr(catalogue, CATALOGUE_FIELDS[kind]).items():
            released = release_key(kind, key)
            if released is not None:
                found[(kind, released)] = record_data(record)
    return found


def changed_releases(released: Mapping[tuple[str, str], Mapping[str, Any]], current: Catalogue) -> Iterator[Problem]:
    """Each released version that ``current`` holds with another content (a version it no longer holds is not a
    change: withdrawing a version is allowed, publishing another content under it is not)."""
    for kind in sorted(MAINTAINABLE_KINDS):
        for key, record in getattr(current, CATALOGUE_FIELDS[kind]).items():
            old = released.get((kind, release_key(kind, key) or ""))
            if old is not None and content(old) != content(record_data(record)):
                yield changed_release(kind, key)


def placed_changes(released: Mapping[tuple[str, str], Mapping[str, Any]], current: Catalogue,
                   sources: Mapping[tuple[str, str], SourceRecord]) -> list[Problem]:
    """``changed_releases``, each at the version in its record file."""
    from catalogue.records.loader import in_files

    return in_files(changed_releases(released, current), sources)
