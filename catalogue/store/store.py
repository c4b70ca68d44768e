"""The store: every record as validated canonical JSON, every change a revision, local files as blobs.

SQLite by default (one file, nothing to install), PostgreSQL (``postgresql+psycopg://…``) for offices
that outgrow one machine. Only a catalogue that ``check`` accepts is ever written: the command that
loads a folder checks it first, and the whole folder is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from pydantic import BaseModel
from sqlalchemy import Engine, bindparam, create_engine, delete, event, insert, inspect, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from catalogue.errors import RecordsInvalid, StoreError
from catalogue.support.fileio import resolve_inside
from catalogue.i18n import OFFICE_FOLDER
from catalogue.model import RECORD_KINDS, Catalogue, CatalogueInfo
from catalogue.records.writer import canonical_json, write_catalogue
from catalogue.model.kinds import CATALOGUE_FIELDS, CATALOGUE_KIND, KIND_FOLDERS, MAINTAINABLE_KINDS, records_of
from catalogue.policy.secret import SECRET_FILE, existing_secret
from catalogue.store.released import release
from catalogue.store.revisions import last_revisions
import catalogue.search.index as search_index  # a module (not its names): it reads the store's tables in turn
from catalogue.store.schema import (blobs, dataset_files, files, records, revisions, search_datasets, search_facets,
                                    settings, working_copies)

CALENDAR_SECRET = "calendar_secret"


def record_context(info: CatalogueInfo) -> dict[str, Any]:
    """What validating a record needs to know of its catalogue."""
    return {"default_language": info.default_language, "languages": info.languages}


def _digest(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


RECORDS_LOCK = 7_260_301
"""The PostgreSQL advisory lock that transactions changing the records take (``Store.changing_records``)."""
_INSERT_RECORD = insert(records)
_INSERT_REVISION = insert(revisions)
_UPDATE_RECORD = update(records).where(records.c.kind == bindparam("key_kind"),
                                       records.c.record_id == bindparam("key_id"))
_DELETE_RECORD = delete(records).where(records.c.kind == bindparam("key_kind"),
                                       records.c.record_id == bindparam("key_id"))


class _Writes:
    """Statements executed many rows at a time (in order of first use per statement; a load's statements
    do not depend on one another's order within one transaction)."""

    BATCH = 1000

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pending: dict[Any, list[dict[str, Any]]] = {}

    def add(self, statement: Any, values: dict[str, Any]) -> None:
        rows = self.pending.setdefault(statement, [])
        rows.append(values)
        if len(rows) >= self.BATCH:
            self.connection.execute(statement, rows)
            rows.clear()

    def flush(self) -> None:
        for statement, rows in self.pending.items():
            if rows:
                self.connection.execute(statement, rows)
                rows.clear()


def local_files(catalogue: Catalogue, root: Path) -> dict[str, Path]:
    """The files a catalogue needs besides its records: distributions' local files and the office's
    interface translations, by their path relative to the folder (with '/')."""
    wanted: dict[str, Path] = {}
    for dataset in catalogue.datasets.values():
        for distribution in dataset.distributions:
            if distribution.path:
                wanted[distribution.path.replace("\\", "/")] = resolve_inside(root, distribution.path)
    folder = root / OFFICE_FOLDER
    if folder.is_dir():
        for path in sorted(folder.glob("*.po")):
            wanted[f"{OFFICE_FOLDER}/{path.name}"] = path
    return wanted


def record_columns(kind: str, record: BaseModel) -> dict[str, Any]:
    """The columns of ``records`` that queries need, beside the document, of a validated record (``kind`` names
    its kind): its status, owning agency, release time in UTC and ``modified`` date (falling back on ``issued``:
    what an incremental harvest asks for is "new or changed since")."""
    release = getattr(record, "release_time", None)
    return {
        "status": getattr(record, "status", None),
        "agency": getattr(record, "publisher", None) or getattr(record, "agency", None),
        "release_time": release.astimezone(timezone.utc) if release else None,
        "modified": getattr(record, "modified", None) or getattr(record, "issued", None),
    }


@dataclass
class LoadReport:
    """What a load changed, per kind of record."""

    created: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    files: int = 0

    @property
    def revisions(self) -> int:
        return sum(self.created.values()) + sum(self.changed.values()) + sum(self.deleted.values())


class Store:
    """One catalogue in a database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._secret: bytes | None = None
        self.commits = 0
        """Transactions committed through this store's engine (in this process), counted once their connection is
        back in the pool (the commit done): what a reader that keeps what it read checks to see its own process's
        changes at once, never before they can be read."""
        self._committing_mark = f"catalogue.committing.{id(self)}"
        """Set on a connection whose transaction commits, until it is returned."""
        event.listen(engine, "commit", self._committing)
        event.listen(engine, "checkin", self._checked_in)

    @staticmethod
    def changing_records(connection: Connection) -> None:
        """Called first in a transaction that changes the records: such transactions run one at a time, so the ids
        of their revisions follow the order of their commits (on PostgreSQL an id is taken at the insert: one that
        commits later with a smaller id would leave ``Snapshots.fingerprint``, the largest id, unchanged, and a
        withdrawal unseen). SQLite writes one transaction at a time already."""
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECORDS_LOCK})

    def _committing(self, connection: Connection) -> None:
        connection.info[self._committing_mark] = True

    def _checked_in(self, dbapi_connection: Any, record: Any) -> None:
        if record is not None and record.info.pop(self._committing_mark, False):
            self.commits += 1

    def calendar_secret(self) -> bytes:
        """What names the calendar's entries (made by the migration; a loaded folder's own when it had one)."""
        if self._secret is None:
            with self.engine.connect() as connection:
                value = connection.execute(select(settings.c.value).where(settings.c.name == CALENDAR_SECRET)
                                           ).scalar_one()
            self._secret = value.encode()
        return self._secret

    def upgrade(self) -> None:
        """Bring the database to the latest schema (Alembic migrations shipped in the package)."""
        config = Config()
        config.set_main_option("script_location", str(resources.files("catalogue.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if not search_index.current(connection):  # made by another version of the catalogue: made again
                self.changing_records(connection)
                search_index.rebuild(connection)

    # -- writing -------------------------------------------------------------------------------
    def load(self, catalogue: Catalogue, root: Path, author: str, message: str,
             now: datetime | None = None) -> LoadReport:
        """Write a checked catalogue and its files in one transaction: new and changed records get a
        revision, records no longer in the folder a deleting revision, unchanged ones nothing. A released version
        that the catalogue holds changed refuses the whole load (``RecordsInvalid``)."""
        now = now or datetime.now(timezone.utc)
        report = LoadReport()
        with self.engine.begin() as connection:
            self.changing_records(connection)
            stored = self._stored_digests(connection)
            edited = edited_revisions(connection)
            writes = _Writes(connection)
            seen = set()
            kept: list[tuple[str, str, int]] = []
            # a record made again after a deletion goes on counting its revisions (its key is all that is read here:
            # a catalogue whose datasets are made on reading makes each once, below)
            keys = [(CATALOGUE_KIND, catalogue.info.id), *((kind, key) for kind, field in CATALOGUE_FIELDS.items()
                                                             for key in getattr(catalogue, field))]
            earlier = last_revisions(connection, [key for key in keys if key not in stored])
            made: list[tuple[str, str, BaseModel]] = []
            changed: list[tuple[str, str]] = []
            for kind, record_id, record in records_of(catalogue):
                key = (kind, record_id)
                seen.add(key)
                document = canonical_json(record)
                previous = stored.get(key)
                if previous is not None and previous[0] == _digest(document):
                    report.unchanged[kind] += 1
                    continue
                if kind in MAINTAINABLE_KINDS:
                    made.append((kind, record_id, record))
                changed.append(key)
                revision = max(previous[1] if previous else earlier.get(key, 0), edited.get(key, 0)) + 1
                values = {"kind": kind, "record_id": record_id, "document": document, "revision": revision,
                          "changed_at": now, **record_columns(kind, record)}
                if previous is None:
                    writes.add(_INSERT_RECORD, values)
                    report.created[kind] += 1
                else:
                    writes.add(_UPDATE_RECORD, {**values, "key_kind": kind, "key_id": record_id})
                    report.changed[kind] += 1
                writes.add(_INSERT_REVISION, {"kind": kind, "record_id": record_id, "revision": revision,
                                               "document": document, "author": author, "message": message,
                                               "created_at": now})
            refused = release(connection, made, record_context(catalogue.info), now)
            if refused:  # a released version changed: nothing of the load is written
                raise RecordsInvalid(refused)
            for (kind, record_id), (_, revision) in sorted(stored.items()):
                if (kind, record_id) not in seen:
                    writes.add(_DELETE_RECORD, {"key_kind": kind, "key_id": record_id})
                    changed.append((kind, record_id))
                    revision = max(revision, edited.get((kind, record_id), 0))
                    writes.add(_INSERT_REVISION, {"kind": kind, "record_id": record_id, "revision": revision + 1,
                                                   "document": None, "author": author, "message": message,
                                                   "created_at": now})
                    report.deleted[kind] += 1
                    if (kind, record_id) in edited:
                        kept.append((kind, record_id, revision + 2))
            writes.flush()
            self._keep_working_copies(connection, kept, author, now)
            report.files = self._store_files(connection, local_files(catalogue, root))
            secret = existing_secret(root)
            if secret is not None:
                connection.execute(update(settings).where(settings.c.name == CALENDAR_SECRET)
                                   .values(value=secret.decode()))
                self._secret = None
            self._index_files(connection, catalogue)
            search_index.refresh(connection, changed, catalogue, now)
            if connection.dialect.name == "postgresql" and report.revisions:
                # fresh statistics: without them the planner walks every released dataset to find one
                for table in (records, revisions, dataset_files, search_datasets, search_facets):
                    connection.execute(text(f"ANALYZE {table.name}"))
        return report

    @staticmethod
    def _keep_working_copies(connection: Connection, kept: list[tuple[str, str, int]], author: str,
                             now: datetime) -> None:
        """A record the load deleted while the editor held a working copy of it: the copy is not lost; it begins the
        record's new life, as a revision after the deleting one (what came before stays with the deleted record)."""
        for kind, record_id, revision in kept:
            key = (working_copies.c.kind == kind, working_copies.c.record_id == record_id)
            copy = connection.execute(select(working_copies.c.document, working_copies.c.stage).where(*key)).one()
            connection.execute(insert(revisions).values(
                kind=kind, record_id=record_id, revision=revision, document=copy.document, author=author,
                message="the editor's working copy kept: the import deleted the record", created_at=now,
                stage=copy.stage))
            connection.execute(update(working_copies).where(*key).values(revision=revision, base_revision=None))

    @staticmethod
    def _index_files(connection: Connection, catalogue: Catalogue) -> None:
        """Which dataset each local file belongs to."""
        connection.execute(delete(dataset_files))
        rows = sorted({(d.path.replace("\\", "/"), dataset.id) for dataset in catalogue.datasets.values()
                       for d in dataset.distributions if d.path})
        if rows:
            connection.execute(insert(dataset_files), [{"path": path, "dataset_id": i} for path, i in rows])

    @staticmethod
    def _stored_digests(connection: Connection) -> dict[tuple[str, str], tuple[str, int]]:
        """(kind, id) → (digest of the document, revision) of every stored record, read as a stream (the
        documents themselves are not kept)."""
        query = select(records.c.kind, records.c.record_id, records.c.document, records.c.revision)
        result = connection.execute(query, execution_options={"stream_results": True, "max_row_buffer": 1000})
        return {(row.kind, row.record_id): (_digest(row.document), row.revision) for row in result}

    @staticmethod
    def _store_files(connection: Connection, wanted: dict[str, Path]) -> int:
        """Keep each file's bytes once (by sha256) and where it lies; forget paths no longer used, but for those
        the editor's working copies name (a file uploaded to a draft is not lost to a load that does not hold it)."""
        known = set(connection.execute(select(blobs.c.sha256)).scalars())
        drafted = _paths_in_working_copies(connection) - set(wanted)
        connection.execute(delete(files).where(files.c.path.not_in(sorted(drafted))) if drafted else delete(files))
        for relative, path in sorted(wanted.items()):
            content = path.read_bytes()
            digest = hashlib.sha256(content).hexdigest()
            if digest not in known:
                connection.execute(insert(blobs).values(sha256=digest, size=len(content), content=content))
                known.add(digest)
            connection.execute(insert(files).values(path=relative, sha256=digest))
        used = set(connection.execute(select(files.c.sha256)).scalars())
        connection.execute(delete(blobs).where(blobs.c.sha256.not_in(used) if used else blobs.c.sha256.is_not(None)))
        return len(wanted)

    # -- reading -------------------------------------------------------------------------------
    def catalogue(self) -> Catalogue | None:
        """The stored catalogue, or ``None`` when nothing was loaded yet."""
        return self._read(with_datasets=True)

    def shared_records(self) -> Catalogue | None:
        """Every record but the datasets (what datasets refer to), or ``None`` when nothing was loaded.

        Not validated as a whole: the datasets that complete it are read page by page."""
        return self._read(with_datasets=False)

    def _read(self, with_datasets: bool) -> Catalogue | None:
        query = select(records.c.kind, records.c.record_id, records.c.document).order_by(records.c.kind,
                                                                                          records.c.record_id)
        if not with_datasets:
            query = query.where(records.c.kind != "dataset")
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        info_row = next((row for row in rows if row.kind == CATALOGUE_KIND), None)
        if info_row is None:
            return None
        info = CatalogueInfo.model_validate(json.loads(info_row.document))
        context = record_context(info)
        kinds: dict[str, dict[str, BaseModel]] = {CATALOGUE_FIELDS[kind]: {} for kind in KIND_FOLDERS}
        for row in rows:
            if row.kind != CATALOGUE_KIND:
                model = RECORD_KINDS[row.kind]
                kinds[CATALOGUE_FIELDS[row.kind]][row.record_id] = model.model_validate_json(row.document,
                                                                                            context=context)
        values: dict[str, Any] = {"info": info, **kinds}
        return Catalogue.model_validate(values) if with_datasets else Catalogue.model_construct(**values)

    def write_folder(self, target: Path) -> Catalogue:
        """Write the stored catalogue as a records folder (``target`` must not exist): the record files as
        the project writes them, and every stored file at its path."""
        catalogue = self.catalogue()
        if catalogue is None:
            raise StoreError("the store holds no catalogue yet: load one with `catalogue load SOURCE --db URL`")
        write_catalogue(catalogue, target)
        self.write_files(target)
        secret = target / SECRET_FILE
        secret.write_text(self.calendar_secret().decode() + "\n", encoding="ascii")
        secret.chmod(0o600)
        return catalogue

    def write_files(self, target: Path) -> None:
        """Write every stored file (data files, the office's translations) at its path under ``target``."""
        with self.engine.connect() as connection:
            for relative, content in connection.execute(select(files.c.path, blobs.c.content)
                                                        .join(blobs, files.c.sha256 == blobs.c.sha256)):
                path = resolve_inside(target, relative)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)

    def history(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """Every revision of one record, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(revisions).where(revisions.c.kind == kind,
                                                              revisions.c.record_id == record_id)
                                      .order_by(revisions.c.revision))
            return [dict(row._mapping) for row in rows]


def edited_revisions(connection: Connection) -> dict[tuple[str, str], int]:
    """(kind, id) → the latest revision of each record that has a working copy in the editor."""
    rows = connection.execute(select(working_copies.c.kind, working_copies.c.record_id, working_copies.c.revision))
    return {(row.kind, row.record_id): row.revision for row in rows}


def open_store(url: str, create: bool = True) -> Store:
    """Connect to the store at ``url`` (an SQLAlchemy URL) and bring its schema up to date; ``create=False``: a
    store that does not exist yet is an error, not made."""
    try:
        engine = create_engine(url)
    except (ArgumentError, ValueError) as error:
        raise StoreError(f"'{url}' is not a database URL (e.g. sqlite:///catalogue.db or "
                         f"postgresql+psycopg://user@host/dbname): {error}") from None
    except ImportError as error:
        raise StoreError(f"no driver for '{url}': {error}") from None
    store = Store(engine)
    try:
        no_file = engine.url.get_backend_name() == "sqlite" and not (
            engine.url.database and Path(engine.url.database).is_file())  # SQLite would make the file
        if not create and (no_file or not inspect(engine).has_table("records")):
            raise StoreError(f"no store at {engine.url.render_as_string(hide_password=True)}")
        store.upgrade()
    except OperationalError as error:
        raise StoreError(f"cannot reach the store at {engine.url.render_as_string(hide_password=True)}: "
                         f"{str(error.orig).strip().splitlines()[0] if error.orig else error}") from None
    except SQLAlchemyError as error:
        raise StoreError(f"the store at {engine.url.render_as_string(hide_password=True)} cannot be used: "
                         f"{error}") from None
    return store


def _paths_in_working_copies(connection: Connection) -> set[str]:
    """The local files the datasets being edited name."""
    query = select(working_copies.c.document).where(working_copies.c.kind == "dataset",
                                                    working_copies.c.document.like('%"path"%'))
    named: set[str] = set()
    for document in connection.execute(query).scalars():
        try:
            data = json.loads(document)
        except ValueError:
            continue
        distributions = data.get("distributions") if isinstance(data, dict) else None
        for distribution in distributions if isinstance(distributions, list) else []:
            path = distribution.get("path") if isinstance(distribution, dict) else None
            if isinstance(path, str):
                named.add(path.replace("\\", "/"))
    return named

