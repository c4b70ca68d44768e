"""Documents of the whole catalogue (the feeds, the search indexes, the SDMX structure files and artefacts), made
in the background once per version of the public view: no request makes one.

Each worker has a thread that makes what has been asked for, at the newest version seen. Files go to a folder the
workers of a machine share (``catalogue serve`` gives them one), where a file lock lets one worker make a file while
the others wait for it. Each document keeps its listing: the revision of every dataset it read, and the shared
records it was made with. A request waits a little for the document at its own version (``FRESH_WAIT``); then an
earlier one may answer it, but only if everything that document read is still public as it read it (the public view
only grew since: datasets published or released, none changed or withdrawn, no other record changed). Otherwise
the request waits for the new one, up to ``WHOLE_WAIT`` in all (then ``Busy``: 503 with ``Retry-After``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from catalogue.support.fileio import atomic_write_text
from catalogue.errors import Busy

FRESH_WAIT = 0.5
"""Seconds a request waits for a document at its own version before an earlier one may answer it."""
WHOLE_WAIT = 20.0
"""Seconds a request waits in all for a document it may be answered with."""
KEPT_VERSIONS = 3
"""Versions of the documents a machine keeps on disk (the newest ones)."""
KEPT_IN_MEMORY = 2
"""Versions of an object made in memory a worker keeps."""
RETRY_FAILED = 10.0
"""Seconds after which a document whose making failed (the store unavailable) is tried again."""
SETTLE_AFTER = 1.0
"""Seconds of making after which an object in memory is taken as large (``_settle``)."""
IDLE = 60.0
"""Seconds with nothing to make after which a worker's background thread ends (the next request starts one)."""

LOG = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Listing:
    """What a document was made from, or what the public view holds: datasets as "id<TAB>revision", and a key of
    the other records."""

    datasets: frozenset[str]
    shared: str

    def holds(self, made_from: Listing) -> bool:
        """Everything a document made from ``made_from`` holds is here as it was: the public view only grew."""
        return self.shared == made_from.shared and made_from.datasets <= self.datasets

    def dump(self) -> str:
        return json.dumps({"shared": self.shared, "datasets": sorted(self.datasets)})

    @staticmethod
    def load(text: str) -> Listing:
        data = json.loads(text)
        return Listing(frozenset(data["datasets"]), data["shared"])


Writer = Callable[[Any, IO[bytes]], str]
"""Writes a document of a state and returns its media type."""
Reading = Callable[[Any], tuple[Any, Callable[[], Listing]]]
"""A state that tells what it reads, and the listing of what it has read so far."""


@dataclass(frozen=True)
class File:
    """A document made at ``version``."""

    version: str
    path: Path
    media_type: str
    etag: str
    """Its bytes' (never its version's, which changes with what the public does not see)."""


def _bytes_etag(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return '"' + digest.hexdigest()[:32] + '"'


@dataclass
class _Wanted(Generic[T]):
    state: Any
    make: Callable[[Any], T]


class Prepared:
    """The whole-catalogue documents of one server: files on disk (``file``) and objects in memory (``made``).

    ``listing(state)``: what the public view holds at a request's state (read from the store); ``reading(state)``:
    the state to make a document from, and the listing of what it read."""

    def __init__(self, folder: Path, listing: Callable[[Any], Listing], reading: Reading) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._listing = listing
        self._reading = reading
        self._changed = threading.Condition()
        self._wanted: dict[Hashable, _Wanted[Any]] = {}
        """Each document to make, with the newest state it was asked at and how to make it."""
        self._known: dict[Hashable, tuple[Callable[[Any], Any], Callable[[str], bool]]] = {}
        """Each document ever asked for, how to make it and whether it is made at a version: made again at each new
        version (``renew``)."""
        self._shared: dict[Hashable, Callable[[Any], Any]] = {}
        """The objects in memory every worker makes once any worker was asked for one (``share``)."""
        self._made: dict[Hashable, dict[str, tuple[Any, Callable[[], Listing]]]] = {}
        """Each object made in memory: version → (the object, the listing of what it read)."""
        self._failed: dict[tuple[Hashable, str], float] = {}
        """The documents whose making failed at a version, and when (tried again ``RETRY_FAILED`` later)."""
        self._listings: OrderedDict[str, Listing] = OrderedDict()
        """What the public view holds at the latest versions requests asked at."""
        self._listing_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- asking ----------------------------------------------------------------------------------
    def file(self, name: str, state: Any, write: Writer) -> File:
        """The document ``name`` to answer a request at ``state`` with (made by ``write`` in the background)."""
        def candidates() -> dict[str, Callable[[], Listing | None]]:
            return {version: partial(self._file_listing, name, version) for version in self._versions()
                    if self._file_at(name, version) is not None}

        version = self._answer(("file", name), state, lambda st: self._write(name, st, write),
                               lambda v: self._file_at(name, v) is not None, candidates)
        found = self._file_at(name, version)
        if found is None:  # removed as too old meanwhile
            raise Busy()
        return found

    def made(self, key: Hashable, state: Any, make: Callable[[Any], T]) -> tuple[str, T]:
        """The object ``key`` made by ``make`` in the background, to answer a request at ``state``: (its version,
        it)."""
        def candidates() -> dict[str, Callable[[], Listing | None]]:
            return {version: listing for version, (_, listing) in dict(self._made.get(("made", key), {})).items()}

        asked = self._asked(key)
        if not asked.exists():  # every worker makes it from now on (``share``)
            atomic_write_text(asked, repr(key))
        version = self._answer(("made", key), state, lambda st: self.made_now(key, st, make),
                               lambda v: v in self._made.get(("made", key), {}), candidates)
        found = self._made.get(("made", key), {}).get(version)
        if found is None:  # let go as too old meanwhile
            raise Busy()
        return version, found[0]

    def current(self, version: str, state: Any, file: str | None = None, made: Hashable | None = None) -> bool:
        """Whether the document ``file`` (or the object ``made``) at ``version`` was made from exactly what the public
        view holds at ``state``: then it is the current one, though made before a change the public does not see."""
        if version == state.version:
            return True
        try:
            if file is not None:
                made_from = self._file_listing(file, version)
            else:
                found = self._made.get(("made", made), {}).get(version)
                made_from = found[1]() if found is not None else None
            return made_from is not None and made_from == self.listing(state)
        except Exception:  # noqa: BLE001 - the store or the folder unavailable: taken as earlier
            LOG.exception("what the public view holds could not be read")
            return False

    def made_now(self, key: Hashable, state: Any, make: Callable[[Any], T]) -> T:
        """The object ``key`` at ``state``'s version, made by the caller if it is not yet (what a document made
        in the background uses: the thread does not wait for itself)."""
        found = self._made.get(("made", key), {}).get(state.version)
        if found is not None:
            return found[0]
        at, listing = self._reading(state)
        started = time.monotonic()
        made = make(at)
        large = time.monotonic() - started > SETTLE_AFTER
        with self._changed:
            versions = self._made.setdefault(("made", key), {})
            versions[state.version] = (made, listing)
            for older in sorted(versions, key=_order)[:-KEPT_IN_MEMORY]:
                del versions[older]
        if large:
            _settle()
        return made

    def share(self, key: Hashable, make: Callable[[Any], Any]) -> None:
        """The object ``key`` (``made``) is made by every worker once any worker was asked for it: a worker's first
        query of it then finds it made (at 100,000 datasets the SDMX artefacts take a worker 20 s)."""
        self._shared[key] = make

    def _asked(self, key: Hashable) -> Path:
        return self.folder / f".asked-{_folder_name(repr(key))}"

    def renew(self, state: Any) -> None:
        """Seen each time the worker looks at the store: what has been asked for so far (here, or by any worker
        for what is shared) and is not made at ``state``'s version is made at it, before anyone asks (a request then
        rarely waits)."""
        for key, make in self._shared.items():
            if ("made", key) not in self._known and self._asked(key).exists():
                with self._changed:
                    self._known[("made", key)] = (partial(self.made_now, key, make=make),
                                                  partial(self._is_made, ("made", key)))
        with self._changed:
            for key, (make, ready) in self._known.items():
                if not ready(state.version) and (key, state.version) not in self._failed:
                    self._want(key, state, make)

    def _is_made(self, key: Hashable, version: str) -> bool:
        return version in self._made.get(key, {})

    def _answer(self, key: Hashable, state: Any, make: Callable[[Any], Any], ready: Callable[[str], bool],
                candidates: Callable[[], dict[str, Callable[[], Listing | None]]]) -> str:
        """The version of ``key`` to answer ``state`` with: its own, or an earlier one whose document holds only
        what is still public as it was, waiting for either (``Busy`` after ``WHOLE_WAIT``, or when its making
        failed)."""
        version = state.version
        if ready(version):
            return version
        with self._changed:
            self._known[key] = (make, ready)
            self._want(key, state, make)
        start = time.monotonic()
        while True:
            with self._changed:
                if ready(version):
                    return version
                failed = self._failed.get((key, version))
                if failed is not None and time.monotonic() - failed < RETRY_FAILED:
                    raise Busy()
                waited = time.monotonic() - start
                if waited < FRESH_WAIT:
                    self._changed.wait(FRESH_WAIT - waited)
                    continue
            earlier = self._earlier(state, candidates)  # outside the lock: it may read the store
            if earlier is not None:
                return earlier
            with self._changed:
                waited = time.monotonic() - start
                if waited >= WHOLE_WAIT:
                    raise Busy()
                if not ready(version):
                    self._changed.wait(min(0.1, WHOLE_WAIT - waited))

    def _earlier(self, state: Any, candidates: Callable[[], dict[str, Callable[[], Listing | None]]]) -> str | None:
        """The newest earlier version whose document holds only what the public view at ``state`` holds."""
        try:
            found = candidates()
            found.pop(state.version, None)
            if not found:
                return None
            now = self.listing(state)
        except Exception:  # noqa: BLE001 - the store or the folder unavailable: nothing earlier may answer
            LOG.exception("what the public view holds could not be read")
            return None
        for version in sorted(found, key=_order, reverse=True):
            made_from = found[version]()
            if made_from is not None and now.holds(made_from):
                return version
        return None

    def listing(self, state: Any) -> Listing:
        """What the public view holds at ``state``, read once per version (by one thread at a time)."""
        version = state.version
        found = self._listings.get(version)
        if found is not None:
            return found
        with self._listing_lock:
            found = self._listings.get(version)
            if found is None:
                found = self._listing(state)
                self._listings[version] = found
                while len(self._listings) > KEPT_VERSIONS:
                    self._listings.popitem(last=False)
        return found

    def _want(self, key: Hashable, state: Any, make: Callable[[Any], Any]) -> None:
        """Called holding ``_changed``."""
        wanted = self._wanted.get(key)
        if wanted is None or _order(wanted.state.version) <= _order(state.version):
            self._wanted[key] = _Wanted(state, make)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="catalogue-prepared", daemon=True)
            self._thread.start()
        self._changed.notify_all()

    # -- making ----------------------------------------------------------------------------------
    def _run(self) -> None:
        """Make what is wanted, the newest version of each; end after ``IDLE`` seconds with nothing to do."""
        try:
            while True:
                with self._changed:
                    task = self._next()
                    idle = time.monotonic()
                    while task is None:
                        left = IDLE - (time.monotonic() - idle)
                        if left <= 0:
                            return
                        self._changed.wait(min(left, RETRY_FAILED))
                        task = self._next()
                key, wanted = task
                version = wanted.state.version
                try:
                    wanted.make(wanted.state)
                    made = True
                except Exception:  # noqa: BLE001 - logged; the requests waiting are refused (503); tried again
                    LOG.exception("a document of the whole catalogue could not be made: %s", key)
                    made = False
                with self._changed:
                    if made:
                        self._failed.pop((key, version), None)
                        if self._wanted.get(key) is wanted:
                            del self._wanted[key]
                    else:
                        moment = time.monotonic()
                        self._failed = {k: t for k, t in self._failed.items() if moment - t < 60 * RETRY_FAILED}
                        self._failed[(key, version)] = moment
                    self._changed.notify_all()
                self._remove_older()
        finally:
            with self._changed:
                self._thread = None
                self._changed.notify_all()

    def _next(self) -> tuple[Hashable, _Wanted[Any]] | None:
        now = time.monotonic()
        for key, wanted in self._wanted.items():
            failed = self._failed.get((key, wanted.state.version))
            if failed is None or now - failed >= RETRY_FAILED:
                return key, wanted
        return None

    def _write(self, name: str, state: Any, write: Writer) -> None:
        """The file at ``state``'s version, with the listing of what it read, made here unless another worker makes
        it (then waited for)."""
        removed = 0
        while self._file_at(name, state.version) is None:
            folder = self._version_folder(state.version)
            with _Lock(folder / f".{name}.lock") as lock:
                if not lock.held:  # another worker makes it
                    time.sleep(0.1)
                    continue
                if self._file_at(name, state.version) is not None:
                    return
                partial = folder / f".{name}.{uuid.uuid4().hex}.part"
                try:
                    at, listing = self._reading(state)
                    with partial.open("wb") as out:
                        media_type = write(at, out)
                    atomic_write_text(folder / f"{name}.listing.json", listing().dump())
                    atomic_write_text(folder / f"{name}.type", media_type)
                    atomic_write_text(folder / f"{name}.etag", _bytes_etag(partial))
                    os.replace(partial, folder / name)
                except FileNotFoundError:  # the folder of a version too old to keep, removed meanwhile
                    removed += 1
                    if removed >= 3:
                        raise
                finally:
                    partial.unlink(missing_ok=True)

    def _file_at(self, name: str, version: str) -> File | None:
        folder = self.folder / _folder_name(version)
        try:
            media_type = (folder / f"{name}.type").read_text()
        except OSError:
            return None
        path = folder / name
        try:
            etag = (folder / f"{name}.etag").read_text()
        except OSError:
            return None
        return File(version, path, media_type, etag) if path.exists() else None

    def _file_listing(self, name: str, version: str) -> Listing | None:
        try:
            return Listing.load((self.folder / _folder_name(version) / f"{name}.listing.json").read_text())
        except (OSError, ValueError, KeyError):
            return None

    # -- versions on disk ------------------------------------------------------------------------
    def _version_folder(self, version: str) -> Path:
        folder = self.folder / _folder_name(version)
        folder.mkdir(exist_ok=True)
        if not (folder / "version").exists():
            atomic_write_text(folder / "version", version)
        return folder

    def _versions(self) -> list[str]:
        """The versions a folder was made for, oldest first."""
        found = []
        for folder in self.folder.iterdir():
            try:
                found.append((folder / "version").read_text())
            except OSError:
                continue
        return sorted(found, key=_order)

    def _remove_older(self) -> None:
        """Only the newest ``KEPT_VERSIONS`` versions are kept (a file being read stays readable: POSIX)."""
        try:
            versions = self._versions()
        except OSError:
            return
        with self._changed:
            making = {wanted.state.version for wanted in self._wanted.values()}
        for version in versions[:-KEPT_VERSIONS]:
            if version not in making:
                shutil.rmtree(self.folder / _folder_name(version), ignore_errors=True)


def _settle() -> None:
    """What is alive now (a large object just made, the worker's long-lived state) is left out of Python's cyclic
    garbage collections from now on: a full collection over a worker holding the artefacts of 100,000 datasets stalls
    every request for about a second. Once per version, what an older version held is collected first."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _folder_name(version: str) -> str:
    return hashlib.sha256(version.encode()).hexdigest()[:24]


def _order(version: str) -> tuple[int, str]:
    """Versions in the order the store made them: the id of the latest revision, then the latest release."""
    revision, _, rest = version.partition("-")
    return (int(revision) if revision.isdigit() else -1, rest.partition("-")[2])


class _Lock:
    """An exclusive lock on a file, taken without waiting (``held``), released on leaving (or when the process
    ends: another worker then makes the file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.held = False
        self._descriptor: int | None = None

    def __enter__(self) -> _Lock:
        import fcntl

        self._descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.held = True
        except BlockingIOError:
            self.held = False
        return self

    def __exit__(self, *exc: object) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)


__all__ = ["FRESH_WAIT", "WHOLE_WAIT", "File", "Listing", "Prepared"]
