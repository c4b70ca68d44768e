"""What the store released (the ``releases`` table): the first publication of each stable version of a codelist or
a concept scheme, by its release key (``checks.released``). Every later load and publication of that version must
hold the same, even after the version was deleted: deleting it and making it again cannot change it either."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from catalogue.checks.released import changed_release, content, release_key
from catalogue.errors import Problem
from catalogue.model import RECORD_KINDS
from catalogue.records.writer import canonical_json, record_data
from catalogue.store.schema import releases

_CHUNK = 500


def released_documents(connection: Connection, kind: str, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Release key → what it held when first published, for each of ``keys`` (release keys) ever published."""
    wanted = sorted(set(keys))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = connection.execute(select(releases.c.release_key, releases.c.document).where(
            releases.c.kind == kind, releases.c.release_key.in_(wanted[start:start + _CHUNK])))
        found |= {row.release_key: json.loads(row.document) for row in rows}
    return found


def every_release(connection: Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, release key) → what each release held when first published (``check --since`` a store)."""
    rows = connection.execute(select(releases.c.kind, releases.c.release_key, releases.c.document))
    return {(row.kind, row.release_key): json.loads(row.document) for row in rows}


def _as_published(kind: str, data: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """A stored record's data as the model writes it today (a default added since does not count as a change)."""
    try:
        return record_data(RECORD_KINDS[kind].model_validate(data, context=context))
    except ValidationError:
        return data


def release(connection: Connection, changes: Iterable[tuple[str, str, BaseModel]], context: dict[str, Any],
            now: datetime) -> list[Problem]:
    """Of the records ``changes`` publishes (kind, key, record): a refusal for each that holds another content
    than its version's release; when none is refused, the stable versions published for the first time are
    recorded as released."""
    wanted: dict[str, dict[str, list[tuple[str, BaseModel]]]] = {}
    for kind, key, record in changes:
        released = release_key(kind, key)
        if released is not None:
            wanted.setdefault(kind, {}).setdefault(released, []).append((key, record))
    problems, new = [], []
    for kind, records in sorted(wanted.items()):
        known = {key: content(_as_published(kind, data, context))
                 for key, data in released_documents(connection, kind, records).items()}
        for released, spellings in sorted(records.items()):
            for key, record in spellings:  # (one version spelt twice in one load: the first spelling releases it)
                if released not in known:
                    known[released] = content(record_data(record))
                    new.append({"kind": kind, "release_key": released, "record_id": key,
                                "document": canonical_json(record), "released_at": now})
                elif known[released] != content(record_data(record)):
                    problems.append(changed_release(kind, key))
    if not problems and new:
        connection.execute(insert(releases), new)
    return problems
