"""The routes' logic over a store's snapshots: what a request reads (``State``), and how an answer is made once per
version of the public view, kept, and served with its caching headers (``CatalogueServer``). ``create_app`` keeps
one on ``app.state``; a route is handed it as a dependency (``ServerDep``)."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import IO, Annotated, Any, cast

from fastapi import Depends, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.exc import SQLAlchemyError

from catalogue.errors import Busy, Unavailable
from catalogue.formats.sdmx import Structures
from catalogue.policy.calendar import CalendarEntry
from catalogue.policy.view import Placement, now_utc
from catalogue.server.cache import DEFAULT_BYTES, KeptBodies, ResponseCache, WrittenBody, file_chunks
from catalogue.server.prepared import Listing, Prepared
from catalogue.server.responses import not_found, not_modified
from catalogue.server.sdmx_rest import stored_structures
from catalogue.server.snapshot import Snapshot, Snapshots
from catalogue.store import Store
from catalogue.store.public import PublicRecords

MAX_AGE = 300
"""Seconds a response may be cached, at most; less when a release the calendar announces is due sooner. A change
nobody was told of (an unannounced release, a publication) shows through caches within this time."""
FIRST_SEEN_KEPT = 20_000
"""Addresses whose last answer (its ETag and Last-Modified) a worker remembers."""
STALE_MAX_AGE = 5
"""Seconds a cache keeps a document of the whole catalogue made at an earlier version than the request's."""


@dataclass(frozen=True)
class State:
    """What one request reads: the store's snapshot and its released datasets at the request's moment."""

    snapshot: Snapshot
    records: PublicRecords
    now: datetime
    last_release: datetime | None
    """The latest release time that has passed (what changed the public view last)."""
    next_release: datetime | None
    """The next moment an embargo lifts."""

    @property
    def version(self) -> str:
        """Changes whenever the public view may have: a revision was added, or an embargo lifted."""
        last = self.last_release
        return f"{self.snapshot.fingerprint[0]}-{self.snapshot.fingerprint[1]}-{last.isoformat() if last else ''}"


RECHECK = 0.25
"""Seconds a worker serves what it read of the store before it looks again for a change it did not make."""


@dataclass(frozen=True)
class _Checked:
    """What a worker read of the store last, and when."""

    snapshot: Snapshot
    last: datetime | None
    next: datetime | None
    commits: int
    checked: float


class CatalogueServer:
    """The routes' logic, over a store's snapshots."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = now_utc, cache_bytes: int = DEFAULT_BYTES,
                 base_url: str | None = None, prepared_folder: Path | None = None) -> None:
        self.store = store
        self._base_url = base_url
        self.snapshots = Snapshots(store)
        self.clock = clock
        self.cache = ResponseCache(cache_bytes)
        self.kept = KeptBodies()
        if prepared_folder is None:
            prepared_folder = Path(tempfile.mkdtemp(prefix="catalogue-prepared-"))
            atexit.register(shutil.rmtree, prepared_folder, True)
        self.prepared = Prepared(prepared_folder, _public_listing, _reading)
        self.prepared.share("structures", self.make_structures)
        self._state: _Checked | None = None
        self._calendar: tuple[str, datetime, tuple[CalendarEntry, ...], datetime | None] | None = None
        self._calendar_lock = threading.Lock()
        self._counts: dict[tuple[str, date | None], int] = {}
        self._seen: OrderedDict[tuple[str, str], tuple[str, datetime]] = OrderedDict()
        self._seen_lock = threading.Lock()
        self._moments: dict[tuple[Any, ...], datetime] = {}

    # -- state ---------------------------------------------------------------------------------
    def state(self) -> State:
        """The public view now: the store's latest snapshot and the release times around the moment, read again
        when this process committed a change, when the moment leaves those release times, and otherwise at most
        every ``RECHECK`` seconds (a change by another worker or machine is seen that late at most)."""
        now = self.clock()
        kept = self._state
        looked = False
        if kept is not None and time.monotonic() - kept.checked < RECHECK and kept.commits == self.store.commits \
                and (kept.last is None or kept.last <= now) and (kept.next is None or now < kept.next):
            snapshot, last, upcoming = kept.snapshot, kept.last, kept.next
        else:
            commits, checked = self.store.commits, time.monotonic()
            try:
                fresh = self.snapshots.current()
                if fresh is None:
                    raise Unavailable()
                snapshot = fresh
                bounds = PublicRecords(self.store, snapshot.shared, now)
                last, upcoming = bounds.last_release(), bounds.next_release()
            except SQLAlchemyError:
                raise Unavailable() from None
            self._state = _Checked(snapshot, last, upcoming, commits, checked)
            looked = True
        state = State(snapshot, PublicRecords(self.store, snapshot.shared, now), now, last, upcoming)
        state.records.placement = partial(self.prepared.made_now, "series", state, _series_placement)
        if looked:
            self.prepared.renew(state)  # the whole catalogue's documents made at a new version before anyone asks
        return state

    def base_url(self, state: State) -> str:
        """Where the server is reached, ending in ``/``: as configured, else the catalogue's base URI (as a build
        makes its links); never the request's ``Host``, which any client may set."""
        base = self._base_url or state.snapshot.shared.info.base_uri
        return base if base.endswith("/") else base + "/"

    # -- responses -----------------------------------------------------------------------------
    def _headers(self, request: Request, state: State, etag: str, vary: str | None, max_age: int | None = None,
                 earlier: bool = False) -> tuple[dict[str, str], datetime | None]:
        """The caching headers of an answer at ``state``, made only of what is public, so that no header tells of a
        hidden change (an embargoed publication, an announcement not yet made public): the ETag is the answer's
        bytes', Last-Modified the later of the moment this worker first gave those bytes at this address and the
        latest public change of the view (which every worker reads from the store alike), and the max-age ends
        before the next release the calendar announces. ``earlier``: made at an earlier version (kept a few
        seconds, revalidated by its ETag alone)."""
        age = self.max_age(state) if max_age is None else min(max_age, self.max_age(state))
        if earlier:
            age = min(age, STALE_MAX_AGE)
        headers = {"ETag": etag, "Cache-Control": f"public, max-age={age}"}
        modified = None if earlier else self._modified((request.url.path, request.url.query), etag, state.now)
        if modified is not None:  # never later than the answer (a clock of another machine may run ahead)
            modified = max(modified, min(self.public_moment(state), state.now.astimezone(timezone.utc)
                                         .replace(microsecond=0)))
            headers["Last-Modified"] = format_datetime(modified, usegmt=True)
        if vary:
            headers["Vary"] = vary
        return headers, modified

    def max_age(self, state: State) -> int:
        """``MAX_AGE``, or less when a release the calendar announces is due sooner (to the second)."""
        entries, _ = self.calendar(state)
        due = [entry.planned for entry in entries if entry.status != "cancelled" and entry.planned > state.now]
        if not due:
            return MAX_AGE
        return max(0, min(MAX_AGE, int((min(due) - state.now).total_seconds())))

    def _modified(self, address: tuple[str, str], etag: str, now: datetime) -> datetime | None:
        """The answer's Last-Modified: when this worker first gave these bytes at this address, after any other
        bytes it gave there (a public moment: an answer changes only when the public view does). It never goes
        back, even when the bytes return to what they were; ``None`` (no Last-Modified) when the bytes changed within
        the second the address last changed, which a later moment cannot tell apart yet."""
        second = now.astimezone(timezone.utc).replace(microsecond=0)
        with self._seen_lock:
            kept = self._seen.get(address)
            if kept is not None and kept[0] == etag:
                moment = kept[1]
                self._seen.move_to_end(address)
            else:
                moment = second if kept is None else max(second, kept[1] + timedelta(seconds=1))
                self._seen[address] = (etag, moment)
                self._seen.move_to_end(address)
                while len(self._seen) > FIRST_SEEN_KEPT:
                    self._seen.popitem(last=False)
        return moment if moment <= second else None

    def public_moment(self, state: State, shown: Mapping[str, Iterable[str]] | None = None) -> datetime:
        """The latest public change of the view (``PublicRecords.public_moment``), once per version, for what an
        answer is stamped with (an SDMX message's preparation time); the epoch in a store that has none (never the
        store's latest change, which may be hidden)."""
        key = (state.version, tuple(sorted((kind, tuple(sorted(ids))) for kind, ids in (shown or {}).items())))
        with self._seen_lock:
            known = self._moments.get(key)
        if known is None:
            known = state.records.public_moment(shown) or datetime(1970, 1, 1, tzinfo=timezone.utc)
            known = known.astimezone(timezone.utc).replace(microsecond=0)
            with self._seen_lock:
                if len(self._moments) > 64:
                    self._moments.clear()
                self._moments[key] = known
        return known

    def respond(self, request: Request, body: bytes, media_type: str, state: State,
                vary: str | None = None, max_age: int | None = None, earlier: bool = False) -> Response:
        """A response with the caching headers of ``_headers`` (a max-age of ``max_age`` at most); 304 when the
        client has it already."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers, modified = self._headers(request, state, etag, vary, max_age, earlier)
        if not_modified(request, etag, modified):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media_type, headers=headers)

    def count(self, state: State, since: date | None) -> int:
        """How many datasets are public (and changed since ``since``): once per version of the public view."""
        key = (state.version, since)
        if key not in self._counts:
            if len(self._counts) > 1000:
                self._counts.clear()
            self._counts[key] = state.records.count(since)
        return self._counts[key]

    def render(self, request: Request, state: State, key: tuple[Any, ...],
               make: Callable[[], tuple[bytes, str] | None], vary: str | None = None) -> Response:
        """``make``'s body (or 404 when it gives ``None``), made once per version of the public view."""
        made = self.cache.get_or_make((state.version, *key), make)
        if made is None:
            return not_found()
        return self.respond(request, made[0], made[1], state, vary)

    def render_written(self, request: Request, state: State, key: tuple[Any, ...],
                       write: Callable[[IO[bytes]], str], vary: str | None = None, version: str | None = None) -> Response:
        """What ``write`` writes (it returns the media type), made once per version of the public view (or per
        ``version``: that of the SDMX artefacts it was made from) and kept (in memory, or on disk when large:
        memory stays flat in its size)."""
        full_key = (version or state.version, *key)
        earlier = version is not None and not self.prepared.current(version, state, made="structures")
        kept = self.cache.get(full_key)
        if kept is not None:
            return self.respond(request, kept[0], kept[1], state, vary, earlier=earlier)
        on_disk = self._kept_file(request, state, full_key, vary, earlier)
        if on_disk is not None:
            return on_disk
        body = WrittenBody()
        try:
            media_type = write(cast(IO[bytes], body))
        except BaseException:
            body.discard()
            raise
        if self.cache.keeps(body.size):
            made = (body.read_all(), media_type)
            self.cache.put(full_key, made)
            return self.respond(request, made[0], made[1], state, vary, earlier=earlier)
        self.kept.put(full_key, body, media_type)
        on_disk = self._kept_file(request, state, full_key, vary, earlier)
        return on_disk if on_disk is not None else Response(status_code=503, headers={"Retry-After": "1"})

    def _kept_file(self, request: Request, state: State, full_key: tuple[Any, ...],
                   vary: str | None, earlier: bool = False) -> Response | None:
        entry = self.kept.get(full_key)
        if entry is None:
            return None
        path, etag, media_type = entry
        headers, modified = self._headers(request, state, etag, vary, earlier=earlier)
        if not_modified(request, etag, modified):
            return Response(status_code=304, headers=headers)
        if request.method == "HEAD":
            return Response(media_type=media_type, headers=headers)
        try:
            stream = path.open("rb")
        except FileNotFoundError:
            return None
        return StreamingResponse(file_chunks(stream), media_type=media_type, headers=headers)

    def calendar(self, state: State) -> tuple[tuple[CalendarEntry, ...], datetime | None]:
        """The release calendar at the request's moment and when it next changes without a revision: read once per
        version of the public view, until then (it reads every announcing dataset's document)."""
        with self._calendar_lock:
            kept = self._calendar
            if kept is not None and kept[0] == state.version and kept[1] <= state.now and \
                    (kept[3] is None or state.now < kept[3]):
                return kept[2], kept[3]
        entries, upcoming = state.records.calendar()
        with self._calendar_lock:
            self._calendar = (state.version, state.now, entries, upcoming)
        return entries, upcoming

    def structures(self, state: State) -> tuple[str, Structures]:
        """The SDMX artefacts of the public view (SDMX-REST answers from them), made in the background once per
        version of it: (the version they were made at, them)."""
        return self.prepared.made("structures", state, self.make_structures)

    @staticmethod
    def make_structures(state: State) -> Structures:
        return stored_structures(state.records, state.snapshot.shared)

    def document(self, request: Request, state: State, name: str, write: Callable[[State, IO[bytes]], str]) -> Response:
        """A document of the whole catalogue, made in the background (``write`` writes it at a state and returns
        its media type) and served from its file; its ETag names the version it was made at."""
        made = self.prepared.file(name, state, write)
        earlier = not self.prepared.current(made.version, state, file=name)
        headers, modified = self._headers(request, state, made.etag, None, earlier=earlier)
        if not_modified(request, made.etag, modified):
            return Response(status_code=304, headers=headers)
        if request.method == "HEAD":
            return Response(media_type=made.media_type, headers=headers)
        try:
            stream = made.path.open("rb")
        except FileNotFoundError:  # removed since as too old
            raise Busy() from None
        return StreamingResponse(file_chunks(stream), media_type=made.media_type, headers=headers)


def _public_listing(state: State) -> Listing:
    """What the public view holds at a request's state: each released dataset's revision, the shared records."""
    return Listing(state.records.revisions(), state.snapshot.shared_key)


def _reading(state: State) -> tuple[State, Callable[[], Listing]]:
    """The state to make a document of the whole catalogue from, and the listing of what it read."""
    records = state.records.reading()
    return replace(state, records=records), lambda: Listing(records.seen(), state.snapshot.shared_key)


async def catalogue_server(request: Request) -> CatalogueServer:
    """The application's ``CatalogueServer`` (a dependency of the public routes)."""
    return cast(CatalogueServer, request.app.state.catalogue)


ServerDep = Annotated[CatalogueServer, Depends(catalogue_server)]


def _series_placement(state: State) -> Placement:
    """The series' order of every release at ``state`` (made once per version of the public view)."""
    return state.records.series_placement()
