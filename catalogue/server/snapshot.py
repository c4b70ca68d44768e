"""What the server reads from the store: the catalogue as of the latest revision, kept until the next one.

The store is the only state (several workers or machines can serve one database); each worker keeps
the records that datasets refer to (catalogue, agencies, licences, terms, concepts, codelists) and the
stored files, and reads them again when a revision was added. Datasets are never held: each request
reads the released ones it needs, so an embargo lifts to the second and memory does not grow with
the catalogue.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from sqlalchemy import select

from catalogue.model import Catalogue
from catalogue.store import Store
from catalogue.store.schema import revisions


@dataclass(frozen=True)
class Snapshot:
    """The shared records at one revision of the store, with its files written out under ``root``."""

    fingerprint: tuple[int, int]
    shared: Catalogue
    """Every record but the datasets."""
    root: Path
    changed_at: datetime
    """When the store last changed (the ``Last-Modified`` of what does not depend on the time)."""

    @cached_property
    def shared_key(self) -> str:
        """What the shared records hold (equal for two snapshots whose shared records are the same)."""
        return hashlib.sha256(self.shared.model_dump_json().encode()).hexdigest()


class Snapshots:
    """The latest snapshot of a store, renewed when a revision is added."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._current: Snapshot | None = None
        self._lock = threading.Lock()
        self._folder = Path(tempfile.mkdtemp(prefix="catalogue-serve-"))
        atexit.register(shutil.rmtree, self._folder, True)

    def fingerprint(self) -> tuple[tuple[int, int], datetime | None]:
        """(id of the latest revision of the records, its time in microseconds) and that time: one index lookup,
        whatever the number of revisions (revisions are only ever added; the editor's saves of working copies
        change no record, so they are not counted)."""
        with self.store.engine.connect() as connection:
            latest = connection.execute(select(revisions.c.id, revisions.c.created_at)
                                        .where(revisions.c.stage.is_(None))
                                        .order_by(revisions.c.id.desc()).limit(1)).one_or_none()
        if latest is None:
            return (0, 0), None
        changed = latest.created_at if latest.created_at.tzinfo else latest.created_at.replace(tzinfo=timezone.utc)
        return (int(latest.id), int(changed.timestamp() * 1_000_000)), changed

    def current(self) -> Snapshot | None:
        """The snapshot of the store now (``None`` while it holds no catalogue)."""
        fingerprint, changed = self.fingerprint()
        if fingerprint[0] == 0:
            return None
        snapshot = self._current
        if snapshot is not None and snapshot.fingerprint == fingerprint:
            return snapshot
        with self._lock:
            if self._current is not None and self._current.fingerprint == fingerprint:
                return self._current
            root = self._folder / f"{fingerprint[0]}-{fingerprint[1]}"
            if root.exists():
                shutil.rmtree(root)
            try:
                shared = self.store.shared_records()
                root.mkdir(parents=True)
                self.store.write_files(root)
            except Exception:
                shutil.rmtree(root, ignore_errors=True)
                raise
            previous = self._current
            moment = changed if changed is None or changed.tzinfo else changed.replace(tzinfo=timezone.utc)
            if shared is None:
                shutil.rmtree(root, ignore_errors=True)
                return None
            self._current = Snapshot(fingerprint, shared, root, moment or datetime.now(timezone.utc))
            if previous is not None:
                shutil.rmtree(previous.root, ignore_errors=True)
            return self._current

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
