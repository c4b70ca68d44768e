"""Working copies: the records being edited in the editor beside the published ones, each save a revision, and
the publication that writes one into the records.

Every function takes the caller's connection: the caller decides what one transaction holds and which locks it
takes first (``Store.changing_records`` before publishing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection, Row

from catalogue.store.revisions import add_revision
from catalogue.store.schema import records, working_copies
from catalogue.store.store import canonical_json, record_columns


@dataclass(frozen=True)
class CopySave:
    """A save of a working copy: what its new revision holds, who saved it, and when."""

    agency: str
    """The agency whose members may see and change it."""
    document: str
    """The record as entered (JSON)."""
    stage: str
    revision: int
    errors: int
    """How many errors the record has."""
    author: str
    at: datetime
    message: str
    edited: bool
    """Its content changed (its author becomes its last editor), not only its stage."""


def record_and_copy(connection: Connection, kind: str, record_id: str) -> tuple[Row[Any] | None, Row[Any] | None]:
    """The record's published (or loaded) row and its working copy, each ``None`` when there is none."""
    record = connection.execute(select(records).where(records.c.kind == kind,
                                                      records.c.record_id == record_id)).one_or_none()
    copy = connection.execute(select(working_copies).where(working_copies.c.kind == kind,
                                                           working_copies.c.record_id == record_id)).one_or_none()
    return record, copy


def record_head(connection: Connection, kind: str, record_id: str) -> tuple[str | None, int] | None:
    """The owning agency and the latest revision of a record (its working copy's when it has one), without reading
    the record; the agency is ``None`` for a published record of the catalogue's publisher or an agency itself;
    ``None`` for no such record."""
    copy = connection.execute(select(working_copies.c.agency, working_copies.c.revision).where(
        working_copies.c.kind == kind, working_copies.c.record_id == record_id)).one_or_none()
    if copy is not None:
        return copy.agency, copy.revision
    row = connection.execute(select(records.c.agency, records.c.revision).where(
        records.c.kind == kind, records.c.record_id == record_id)).one_or_none()
    return None if row is None else (row.agency, row.revision)


def last_content_editor(connection: Connection, kind: str, record_id: str) -> str | None:
    """Who last changed the content of the record's working copy (``None`` without one)."""
    return connection.execute(select(working_copies.c.last_editor).where(
        working_copies.c.kind == kind, working_copies.c.record_id == record_id)).scalar_one_or_none()


def keys_starting(connection: Connection, kind: str, prefix: str) -> list[str]:
    """The keys of the records and working copies of ``kind`` that begin with ``prefix`` (each version of an
    artefact: ``AGENCY:ID(``)."""
    found = set()
    for table in (records, working_copies):
        found |= set(connection.execute(select(table.c.record_id).where(
            table.c.kind == kind, table.c.record_id.startswith(prefix, autoescape=True))).scalars())
    return sorted(found)


def copies_of(connection: Connection, agencies: list[str]) -> Iterable[Row[Any]]:
    """The working copies of the agencies' records."""
    return connection.execute(select(working_copies).where(working_copies.c.agency.in_(agencies)))


def records_owned(connection: Connection, agencies: list[str], catalogue_publisher: bool) -> Iterable[Row[Any]]:
    """The published (or loaded) records the agencies own, read as a stream; with ``catalogue_publisher`` (one of
    them publishes the catalogue) also the catalogue, licences and terms."""
    # the agency column names a dataset's, release's, codelist's or concept scheme's owner; it is empty for an
    # agency (its own id) and for the records of the catalogue's publisher (catalogue, licences, terms)
    owned = or_(records.c.agency.in_(agencies),
                and_(records.c.agency.is_(None), records.c.kind == "agency", records.c.record_id.in_(agencies)))
    if catalogue_publisher:
        owned = or_(owned, and_(records.c.agency.is_(None), records.c.kind != "agency"))
    return connection.execute(select(records).where(owned).execution_options(stream_results=True))


def dataset_documents(connection: Connection, ids: list[str]) -> Iterable[Row[Any]]:
    """The record_id and document of each published (or loaded) dataset among ``ids``."""
    return connection.execute(select(records.c.record_id, records.c.document)
                              .where(records.c.kind == "dataset", records.c.record_id.in_(ids)))


def save_copy(connection: Connection, kind: str, record_id: str, save: CopySave, existing: bool,
              base_revision: int | None) -> None:
    """Write a new revision of the record's working copy: over the copy there is (``existing``), else as a new copy
    opened on the published revision ``base_revision`` (``None`` for a new record)."""
    values: dict[str, Any] = {"agency": save.agency, "document": save.document, "stage": save.stage,
                              "revision": save.revision, "errors": save.errors, "updated_by": save.author,
                              "updated_at": save.at}
    if save.edited:
        values["last_editor"] = save.author
    if existing:
        connection.execute(update(working_copies).where(working_copies.c.kind == kind,
                                                        working_copies.c.record_id == record_id).values(**values))
    else:
        connection.execute(insert(working_copies).values(kind=kind, record_id=record_id, base_revision=base_revision,
                                                         **values))
    add_revision(connection, kind, record_id, save.revision, save.document, save.author, save.message, save.at,
                 save.stage)


def publish_copy(connection: Connection, kind: str, record_id: str, record: BaseModel, revision: int, author: str,
                 at: datetime, replacing: bool) -> None:
    """Write a validated record into the records as revision ``revision`` (over the published one when
    ``replacing``), with its revision, and remove its working copy."""
    document = canonical_json(record)
    values = {"document": document, "revision": revision, "changed_at": at, **record_columns(kind, record)}
    if replacing:
        connection.execute(update(records).where(records.c.kind == kind, records.c.record_id == record_id)
                           .values(**values))
    else:
        connection.execute(insert(records).values(kind=kind, record_id=record_id, **values))
    add_revision(connection, kind, record_id, revision, document, author, "published", at, None)
    connection.execute(delete(working_copies).where(working_copies.c.kind == kind,
                                                    working_copies.c.record_id == record_id))
