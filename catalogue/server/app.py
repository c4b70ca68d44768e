"""``catalogue serve``: the site and its feeds from a store, with the public view evaluated at each request.

The same page renderer (``publish.pages.Pages``) and the same exporters as ``catalogue build`` make every page and
document; the server adds paging, negotiation and HTTP caching. Nothing hidden is ever disclosed, not
even by a status code: a draft or an embargoed dataset answers exactly like one that does not exist.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import hashlib
import io
import json
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy.exc import SQLAlchemyError

from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.ddi import DdiBuilder
from catalogue.formats.dcat import DcatBuilder
from catalogue.formats.dcat_us import dcat_us_stream
from catalogue.formats.jsonstream import indented_json
from catalogue.formats.schema_org import schema_org_stream
from catalogue.model import Dataset
from catalogue.policy.calendar import CalendarEntry
from catalogue.policy.view import PublicView, now_utc
from catalogue.rdf.terms import HYDRA, IRI, RDF, Literal, XSD, Resource
from catalogue.rdf.writers import write_rdf
from catalogue.publish import paths
from catalogue.publish.pages import Pages
from catalogue.publish.paths import CALENDAR_ATOM, CALENDAR_ICS, CALENDAR_PAGE, SEARCH_INDEX, catalogue_page_name
from catalogue.publish.feeds import write_sdmx_structures
from catalogue.store import Store
from catalogue.store.public import PublicRecords
from catalogue.support.moments import parse_moment
from catalogue.support.strict import whole_number
from catalogue.server.errors import status_of
from catalogue.server.cache import DEFAULT_BYTES, KeptBodies, ResponseCache, WrittenBody, file_chunks
from catalogue.server.prepared import WHOLE_WAIT, Listing, Prepared
from catalogue.errors import BadForm, BadRequest, Busy, Unavailable
from catalogue.server.editor import add_editor
from fastapi.exceptions import RequestValidationError

from catalogue.server.headers import FILE_POLICY, SecurityHeaders, add_docs
from catalogue.server.limits import AuthenticateFirst, BodyLimit, LoadShedding
from catalogue.editing.files import MAX_FOLDER, MAX_UPLOAD
from catalogue.server.negotiation import RDF_MEDIA_TYPES, SUFFIXES, choose
from catalogue.formats.sdmx import Structures
from catalogue.server.sdmx_rest import add_sdmx_rest, stored_structures
from catalogue.server.snapshot import Snapshot, Snapshots

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MAX_AGE = 300
"""Seconds a response may be cached, at most; less when a release is due sooner."""
STALE_MAX_AGE = 5
"""Seconds a cache keeps a document of the whole catalogue made at an earlier version than the request's."""
RETRY_AFTER = 30
MAX_BODY = 16 * 1024 * 1024
"""Bytes of a request's body at most (a form, a record sent to the API), but for uploads (``body_cap``)."""
SIGN_IN_BODY = 16 * 1024
"""Bytes of the sign-in form at most (a name, a password and a token)."""
MAX_IN_FLIGHT = 64
"""Requests a worker takes at once (answering them, or waiting for one of its threads); beyond them it refuses at
once (503). What each costs is bounded elsewhere (a document of the whole catalogue is made by one at a time), and
``/health`` is answered on a thread of its own."""
CALENDAR_MEDIA_TYPES = {CALENDAR_PAGE: "text/html; charset=utf-8", CALENDAR_ICS: "text/calendar; charset=utf-8",
                        CALENDAR_ATOM: "application/atom+xml"}


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status,
                        headers={"Cache-Control": "no-store"})


def _not_found() -> JSONResponse:
    """The one answer for what does not exist and for what is hidden."""
    return _error(404, "not found")


def encode_cursor(dataset_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": dataset_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        after = data["after"]
        if not isinstance(after, str):
            raise ValueError
        after.encode("utf-8")  # a lone surrogate is no id
        return after
    except (ValueError, KeyError, TypeError, UnicodeError):
        raise BadRequest("cursor", "a cursor this server gave (take the hydra:next link of a page)") from None


CATALOGUE_PAGE = re.compile(r"index(-[0-9]+)?\.html")
"""The catalogue's pages (``index.html``, ``index-2.html``...), made from the whole public view."""

def _page_size(value: str | None) -> int:
    if value is None:
        return PAGE_SIZE
    size = whole_number(value)
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest("page_size", f"a whole number from 1 to {MAX_PAGE_SIZE}, not '{value[:40]}'")
    return size


def _modified_since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_moment(value, keep_offset=True).date()  # the day as written, not as in UTC
    except ValueError:
        raise BadRequest("modified_since", f"an ISO 8601 date or date and time, not '{value[:40]}'") from None


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

    def last_modified(self) -> datetime:
        released = self.last_release
        moments = [self.snapshot.changed_at] + ([released] if released else [])
        return max(moments).astimezone(timezone.utc).replace(microsecond=0)

    def max_age(self) -> int:
        upcoming = self.next_release
        return MAX_AGE if upcoming is None else max(0, min(MAX_AGE, int((upcoming - self.now).total_seconds())))


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
        if looked:
            self.prepared.renew(state)  # the whole catalogue's documents made at a new version before anyone asks
        return state

    def base_url(self, state: State) -> str:
        """Where the server is reached, ending in ``/``: as configured, else the catalogue's base URI (as a build
        makes its links); never the request's ``Host``, which any client may set."""
        base = self._base_url or state.snapshot.shared.info.base_uri
        return base if base.endswith("/") else base + "/"

    # -- responses -----------------------------------------------------------------------------
    def _headers(self, state: State, etag: str, vary: str | None, max_age: int | None = None,
                 earlier: bool = False) -> tuple[dict[str, str], datetime | None]:
        """The caching headers of an answer at ``state``; ``earlier``: made at an earlier version (kept a few
        seconds, revalidated by its ETag alone: the state's Last-Modified is not its own)."""
        age = state.max_age() if max_age is None else min(max_age, state.max_age())
        if earlier:
            age = min(age, STALE_MAX_AGE)
        headers = {"ETag": etag, "Cache-Control": f"public, max-age={age}"}
        modified = None if earlier else state.last_modified()
        if modified is not None:
            headers["Last-Modified"] = format_datetime(modified, usegmt=True)
        if vary:
            headers["Vary"] = vary
        return headers, modified

    def respond(self, request: Request, body: bytes, media_type: str, state: State,
                vary: str | None = None, max_age: int | None = None, earlier: bool = False) -> Response:
        """A response with an ETag of its bytes, Last-Modified from the store (or the last release), and a
        max-age that ends before the next release (and ``max_age``); 304 when the client has it already."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers, modified = self._headers(state, etag, vary, max_age, earlier)
        if _not_modified(request, etag, modified):
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
            return _not_found()
        return self.respond(request, made[0], made[1], state, vary)

    def render_written(self, request: Request, state: State, key: tuple[Any, ...],
                       write: Callable[[IO[bytes]], str], vary: str | None = None, version: str | None = None) -> Response:
        """What ``write`` writes (it returns the media type), made once per version of the public view (or per
        ``version``: what it was made from) and kept (in memory, or on disk when large: memory stays flat in its
        size)."""
        full_key = (version or state.version, *key)
        earlier = full_key[0] != state.version
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
        headers, modified = self._headers(state, etag, vary, earlier=earlier)
        if _not_modified(request, etag, modified):
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
        headers, modified = self._headers(state, made.etag, None, earlier=made.version != state.version)
        if _not_modified(request, made.etag, modified):
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


def _search_index(at: State, out: IO[bytes], language: str) -> str:
    """The search index of the site's pages in ``language``, written at a state."""
    site = Pages(at.records.view([]), at.snapshot.root)
    page = site.page(language)
    if page is None:
        raise KeyError(language)
    _write_text(out, site.search_index(page, (d for view in at.records.batches() for d in view.datasets.values())))
    return "application/json"


def _write_text(out: IO[bytes], pieces: Iterable[str]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")  # buffered: few large writes
    text.writelines(pieces)
    text.flush()
    text.detach()


def _not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, OverflowError):
            return False
        return modified is not None and since.tzinfo is not None and modified <= since
    return False


def _wants_html(request: Request) -> bool:
    """Whether an unknown address is answered with a page: one that names a page, or a browser's request."""
    path = request.url.path
    return path.endswith((".html", "/")) or "text/html" in request.headers.get("accept", "")


def _negotiated(request: Request, languages: list[str], default: str) -> str:
    """The visitor's first language (``Accept-Language``) among ``languages``, else ``default``."""
    wanted = [tag.split(";")[0].strip() for tag in request.headers.get("accept-language", "").split(",")]
    for tag in wanted:
        for candidate in (tag, tag.split("-")[0]):
            if candidate in languages:
                return candidate
    return default


def _rdf_media_type(request: Request, suffix: str | None) -> str | None:
    if suffix:
        return SUFFIXES.get(suffix)
    return choose(request.headers.get("accept"))


def _not_acceptable() -> JSONResponse:
    return _error(406, "none of the media types this resource has is acceptable",
                  available=list(RDF_MEDIA_TYPES))


def _hydra_page(page_uri: str, first: str, following: str | None, total: int) -> Resource:
    statements: list[tuple[IRI, Any]] = [(RDF.type, HYDRA.PartialCollectionView),
                                         (HYDRA.first, IRI(first)),
                                         (HYDRA.totalItems, Literal(str(total), datatype=XSD.nonNegativeInteger))]
    if following:
        statements.append((HYDRA.next, IRI(following)))
    return IRI(page_uri), statements


def body_cap(path: str, content_type: str) -> int:
    """The largest body an address takes: a data file or a records folder's zip (sent as a file of a multipart
    form), the sign-in form, else a form or a record."""
    if content_type.startswith("multipart/form-data"):
        if path == "/editor/folder":
            return MAX_FOLDER + 1024 * 1024
        if path.startswith("/editor/dataset/") and path.endswith("/files"):
            return MAX_UPLOAD + 1024 * 1024
    if path == "/editor/login":
        return SIGN_IN_BODY
    return MAX_BODY


def create_app(store: Store, clock: Callable[[], datetime] = now_utc, cache_bytes: int = DEFAULT_BYTES,
               separate_duties: bool = True, max_in_flight: int = MAX_IN_FLIGHT, base_url: str | None = None,
               prepared_folder: Path | None = None) -> FastAPI:
    """The ASGI application serving one store (``cache_bytes``: rendered responses kept per worker;
    ``separate_duties``: the last editor of a change may neither approve nor publish it; ``max_in_flight``:
    requests a worker answers at once, beyond which it refuses with 503; ``base_url``: where the server is
    reached, for the links it writes; the catalogue's base URI by default; ``prepared_folder``: where the documents
    of the whole catalogue are kept, shared by the workers of a machine; one of its own by default)."""
    server = CatalogueServer(store, clock, cache_bytes, base_url, prepared_folder)
    app = FastAPI(title="nso-catalogue", description="Official statistics metadata: pages, DCAT, DCAT-US, "
                  "schema.org and Data Packages from the public view of a store.", docs_url=None, redoc_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    add_docs(app)

    def get(path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A route that answers GET and HEAD (caches and harvesters check with HEAD); the OpenAPI
        description lists the GET (one operation id per operation)."""
        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            app.api_route(path, methods=["HEAD"], **{**options, "include_in_schema": False})(function)
            return app.api_route(path, methods=["GET"], **options)(function)

        return register

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, error: BadRequest) -> JSONResponse:
        return _error(status_of(error), f"{error.parameter}: expected {error.message}", parameter=error.parameter)

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, error: BadForm) -> JSONResponse:
        return _error(status_of(error), str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        """FastAPI's 422, without the values sent (a non-finite number cannot be written back as JSON)."""
        found = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                 for e in error.errors()[:20]]
        return JSONResponse({"error": "the request does not match what this address takes", "detail": found},
                            status_code=422, headers={"Cache-Control": "no-store"})

    @app.exception_handler(Busy)
    async def busy(request: Request, error: Busy) -> JSONResponse:
        response = _error(status_of(error), "the server is making a document of the whole catalogue: try again shortly")
        response.headers["Retry-After"] = str(int(WHOLE_WAIT))
        return response

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, error: Unavailable) -> JSONResponse:
        response = _error(status_of(error), "the store is not available")
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    unauthenticated = add_editor(app, store, clock, lambda: server.state().snapshot.shared.info,
                                 lambda: server.state().snapshot.root, separate_duties)
    app.add_middleware(BodyLimit, cap=body_cap)  # the last added runs first
    app.add_middleware(AuthenticateFirst, refuse=unauthenticated)
    app.add_middleware(LoadShedding, limit=max_in_flight)
    app.add_middleware(SecurityHeaders)

    health_thread = ThreadPoolExecutor(1, thread_name_prefix="health")

    @get("/health")
    async def health() -> JSONResponse:
        """Whether this worker reaches its store: asked on a thread of its own, so a worker whose request threads
        are all busy still answers at once."""
        try:
            await asyncio.get_running_loop().run_in_executor(health_thread, server.snapshots.fingerprint)
        except SQLAlchemyError:
            raise Unavailable() from None
        return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})

    def page_not_found(request: Request) -> Response:
        """The page for an address that names no page (a dataset not released is not one either), in the
        language of the address, else the visitor's (``Accept-Language``) among the catalogue's."""
        state = server.state()
        info = state.snapshot.shared.info
        first = request.url.path.strip("/").split("/")[0]
        language = first if first in info.languages else _negotiated(request, info.languages, info.default_language)
        site = Pages(state.records.view([]), state.snapshot.root)
        page = site.page(language)
        assert page is not None
        return Response(site.not_found_page(page), status_code=404, media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-store", "Content-Language": language,
                                 "Vary": "Accept-Language"})

    @app.exception_handler(StarletteHTTPException)
    async def unknown(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404 and _wants_html(request):
            return await run_in_threadpool(page_not_found, request)
        return _error(error.status_code, "not found" if error.status_code == 404 else str(error.detail))

    def html(request: Request, language: str | None, relative: str) -> Response:
        answer = _html(request, language, relative)
        return page_not_found(request) if answer.status_code == 404 else answer

    def _html(request: Request, language: str | None, relative: str) -> Response:
        """A page of the site, made from what it shows alone: a dataset's page from the dataset (and those it
        links to), a page of the catalogue's list from its datasets and their count, the search index streamed
        (kept on disk per version of the public view). No request reads every dataset at once."""
        state = server.state()
        records = state.records
        info = state.snapshot.shared.info
        if language is not None and (language == info.default_language or language not in info.languages):
            return _not_found()
        language = language or info.default_language
        if relative == SEARCH_INDEX:
            if Pages(records.view([]), state.snapshot.root).page(language) is None:
                return _not_found()
            return server.document(request, state, f"{language}-{SEARCH_INDEX}",
                                   partial(_search_index, language=language))
        listed = CATALOGUE_PAGE.fullmatch(relative)

        def make() -> tuple[bytes, str] | None:
            if listed is not None:
                number = whole_number(listed.group(1)[1:]) if listed.group(1) else 1
                total = server.count(state, None)
                if number is None or number < 1 or catalogue_page_name(number) != relative or \
                        number > max(1, -(-total // paths.DATASETS_PER_PAGE)):
                    return None
                per_page = paths.DATASETS_PER_PAGE
                datasets = records.at((number - 1) * per_page, per_page)
                site = Pages(records.view(datasets), state.snapshot.root)
                page = site.page(language)
                if page is None:
                    return None
                entries = site.catalogue_entries(page, datasets)
                return site.catalogue_page(page, number, entries, total).encode(), "text/html; charset=utf-8"
            dataset = records.get(relative)
            if dataset is None:
                return None
            site = Pages(records.view([dataset], with_related=True), state.snapshot.root)
            page = site.page(language)
            if page is None:
                return None
            return site.dataset_page(page, site.view.datasets[relative]).encode(), "text/html; charset=utf-8"

        return server.render(request, state, ("html", language, relative), make)

    @get("/", include_in_schema=False)
    @get("/index.html")
    def index(request: Request) -> Response:
        return html(request, None, "index.html")

    @get("/{language}/index.html")
    def index_in(request: Request, language: str) -> Response:
        return html(request, language, "index.html")

    @get("/index-{number}.html")
    def index_page(request: Request, number: str) -> Response:
        return html(request, None, f"index-{number}.html")

    @get("/{language}/index-{number}.html")
    def index_page_in(request: Request, language: str, number: str) -> Response:
        return html(request, language, f"index-{number}.html")

    @get(f"/{SEARCH_INDEX}")
    def search_index(request: Request) -> Response:
        return html(request, None, SEARCH_INDEX)

    @get(f"/{{language}}/{SEARCH_INDEX}")
    def search_index_in(request: Request, language: str) -> Response:
        return html(request, language, SEARCH_INDEX)

    @get("/datasets/{dataset_id}/index.html")
    def dataset_page(request: Request, dataset_id: str) -> Response:
        return html(request, None, dataset_id)

    @get("/{language}/datasets/{dataset_id}/index.html")
    def dataset_page_in(request: Request, language: str, dataset_id: str) -> Response:
        return html(request, language, dataset_id)

    def calendar(request: Request, language: str | None, name: str) -> Response:
        """The release calendar as of the request: it turns at a release time, or when an announcement or a
        date change is made public, without a revision (so its entries are kept only until that moment)."""
        if name not in CALENDAR_MEDIA_TYPES:
            return _not_found()
        state = server.state()
        info = state.snapshot.shared.info
        if language is not None and (language == info.default_language or language not in info.languages):
            return _not_found()
        entries, upcoming = server.calendar(state)
        site = Pages(replace(state.records.view([]), calendar=entries), state.snapshot.root)
        page = site.page(language or info.default_language)
        assert page is not None
        made = {CALENDAR_PAGE: lambda: site.calendar_page(page).encode(), CALENDAR_ICS: lambda: site.calendar_ics(page),
                CALENDAR_ATOM: lambda: site.calendar_atom(page)}[name]()
        max_age = None if upcoming is None else max(0, int((upcoming - state.now).total_seconds()))
        return server.respond(request, made, CALENDAR_MEDIA_TYPES[name], state, max_age=max_age)

    @get("/releases.{extension}")
    def calendar_default(request: Request, extension: str) -> Response:
        """The release calendar: its page (``.html``), iCalendar (``.ics``) and Atom (``.atom``)."""
        return calendar(request, None, f"releases.{extension}")

    @get("/{language}/releases.{extension}")
    def calendar_in(request: Request, language: str, extension: str) -> Response:
        return calendar(request, language, f"releases.{extension}")

    @get("/site.css", include_in_schema=False)
    def style(request: Request) -> Response:
        state = server.state()
        css = Pages(state.records.view([]), state.snapshot.root).style()
        return server.respond(request, css.encode(), "text/css; charset=utf-8", state)

    def catalog(request: Request, suffix: str | None) -> Response:
        media_type = _rdf_media_type(request, suffix)
        page_size = _page_size(request.query_params.get("page_size"))
        cursor = request.query_params.get("cursor")
        after = decode_cursor(cursor) if cursor is not None else None
        since = _modified_since(request.query_params.get("modified_since"))
        if media_type is None:
            return _not_acceptable()
        state = server.state()
        records = state.records

        def make() -> tuple[bytes, str]:
            total = server.count(state, since)
            selected = records.keyed_page(after, page_size + 1, since)  # keyset paging by id: never an offset
            more = len(selected) > page_size
            page = [dataset for _, dataset in selected[:page_size]]
            last = selected[page_size - 1][0] if more else None
            base = server.base_url(state) + request.url.path.lstrip("/")
            fixed = {k: v for k, v in (("page_size", str(page_size) if "page_size" in request.query_params else None),
                                       ("modified_since", request.query_params.get("modified_since"))) if v}
            first = f"{base}?{urlencode(fixed)}" if fixed else base
            following = f"{base}?{urlencode({**fixed, 'cursor': encode_cursor(last)})}" if last else None
            stream = io.StringIO()
            view = replace(records.view(page), calendar=server.calendar(state)[0])  # the calendar's data service
            resources = [*DcatBuilder(view).resources(),
                         _hydra_page(base + (f"?{request.url.query}" if request.url.query else ""), first,
                                     following, total)]
            write_rdf(iter(resources), stream, RDF_MEDIA_TYPES[media_type])
            return stream.getvalue().encode(), f"{media_type}; charset=utf-8"

        return server.render(request, state, ("catalog", request.url.path, request.url.query, media_type), make,
                             vary="Accept")

    @get("/catalog")
    def catalog_negotiated(request: Request) -> Response:
        """DCAT-AP, paged (``page_size``, ``cursor``, ``modified_since``), negotiated by ``Accept``."""
        return catalog(request, None)

    @get("/catalog{suffix}")
    def catalog_suffixed(request: Request, suffix: str) -> Response:
        if suffix not in SUFFIXES:
            return _not_found()
        return catalog(request, suffix)

    def dataset_document(request: Request, dataset_id: str, suffix: str | None) -> Response:
        media_type = _rdf_media_type(request, suffix)
        state = server.state()
        records = state.records
        if media_type is None:
            return _not_found() if records.get(dataset_id) is None else _not_acceptable()

        def make() -> tuple[bytes, str] | None:
            dataset = records.get(dataset_id)
            if dataset is None:
                return None
            stream = io.StringIO()
            write_rdf(DcatBuilder(records.view([dataset])).resources(), stream, RDF_MEDIA_TYPES[media_type])
            return stream.getvalue().encode(), f"{media_type}; charset=utf-8"

        return server.render(request, state, ("dataset", dataset_id, media_type), make, vary="Accept")

    @get("/datasets/{dataset_id}")
    def dataset_negotiated(request: Request, dataset_id: str) -> Response:
        for suffix in SUFFIXES:
            if dataset_id.endswith(suffix):
                return dataset_document(request, dataset_id[: -len(suffix)], suffix)
        return dataset_document(request, dataset_id, None)

    def streamed_feed(path: str, writer: Callable[..., Iterable[str]], media_type: str, summary: str) -> None:
        def write(at: State, out: IO[bytes]) -> str:
            _write_text(out, writer(at.records.view([]), at.records.batches()))
            return media_type

        def route(request: Request) -> Response:
            return server.document(request, server.state(), path, write)

        get(f"/{path}", summary=summary)(route)

    streamed_feed("data.json", dcat_us_stream, "application/json", "DCAT-US 1.1, streamed")
    streamed_feed("schema-org.jsonld", schema_org_stream, "application/ld+json",
                  "The schema.org DataCatalog, streamed")

    def package(state: State, dataset_id: str, name: str | None) -> tuple[bytes, str] | None:
        """A dataset's Data Package descriptor (``name`` None: with its web URLs), or a file of its package
        folder as the site has it (the descriptor or a copied data file)."""
        dataset = state.records.get(dataset_id)
        if dataset is None:
            return None
        view = state.records.view([dataset])
        builder = DataPackageBuilder(view, state.snapshot.root, strip_confidential=True)
        public = view.datasets[dataset_id]
        if not builder.has_package(public):
            return None
        if name is None:
            return indented_json(builder.package(public, None)).encode(), "application/json"
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            descriptor = builder.package(public, folder)
            if name == "datapackage.json":
                return (indented_json(descriptor) + "\n").encode(), "application/json"
            resource = next((r for r in descriptor["resources"] if r.get("path") == name), None)
            if resource is None or "/" in name or not (folder / name).is_file():
                return None
            return (folder / name).read_bytes(), resource.get("mediatype") or "application/octet-stream"

    @get("/datasets/{dataset_id}/datapackage.json")
    def datapackage(request: Request, dataset_id: str) -> Response:
        state = server.state()
        return server.render(request, state, ("package", dataset_id), lambda: package(state, dataset_id, None))

    @get("/datapackages/{dataset_id}/{name}")
    def datapackage_folder(request: Request, dataset_id: str, name: str) -> Response:
        """The site's package folders: ``datapackage.json`` with the data files beside it (a data file as an
        attachment)."""
        state = server.state()
        response = server.render(request, state, ("package", dataset_id, name),
                                 lambda: package(state, dataset_id, name))
        if name != "datapackage.json" and response.status_code in (200, 304):
            _as_attachment(response, name)
        return response

    @get("/sdmx/structure-{version}.xml")
    def sdmx_structures(request: Request, version: str) -> Response:
        """The site's SDMX-ML structure messages (2.1 and 3.0) of every public dataset."""
        if version not in ("2.1", "3.0"):
            return _not_found()
        def write(at: State, out: IO[bytes]) -> str:
            structures = server.prepared.made_now("structures", at, server.make_structures)
            write_sdmx_structures(at.records.view([]), out, version, structures)
            return "application/xml"

        return server.document(request, server.state(), f"structure-{version}.xml", write)

    add_sdmx_rest(app, server, get)

    @get("/ddi/{name}")
    def codebook(request: Request, name: str) -> Response:
        """A public dataset's DDI-Codebook 2.5, as the site has it (``ddi/<id>.xml``)."""
        state = server.state()

        def make() -> tuple[bytes, str] | None:
            dataset = state.records.get(name.removesuffix(".xml")) if name.endswith(".xml") else None
            if dataset is None:
                return None
            view = state.records.view([dataset])
            builder = DdiBuilder(view, state.snapshot.root)
            public = view.datasets[dataset.id]
            if not builder.has_codebook(public):
                return None
            stream = io.BytesIO()
            builder.write(public, stream, "2.5")
            return stream.getvalue(), "application/xml"

        return server.render(request, state, ("ddi", name), make)

    def sitemap_file(request: Request, number: int | None) -> Response:
        """The sitemap, or one of its parts: made from the public datasets' ids only (no document is read)."""
        state = server.state()

        def make() -> tuple[bytes, str] | None:
            site = Pages(state.records.view([]), state.snapshot.root)
            ids = state.records.ids()
            made = site.sitemap(ids) if number is None else site.sitemap_part(ids, number)
            return None if made is None else (made.encode(), "application/xml")

        return server.render(request, state, ("sitemap", number), make)

    @get("/sitemap.xml")
    def sitemap(request: Request) -> Response:
        """Every page with its languages; past 10,000 addresses, the index of its parts (``/sitemap-N.xml``)."""
        return sitemap_file(request, None)

    @get("/sitemap-{number}.xml")
    def sitemap_part(request: Request, number: str) -> Response:
        part = whole_number(number)
        return sitemap_file(request, part) if part is not None else _not_found()

    @get("/data/{path:path}")
    def data_file(request: Request, path: str) -> Response:
        """A local data file of an open dataset, as the site serves it."""
        state = server.state()
        wanted = f"data/{path}"
        owner = state.records.owner_of_file(wanted)
        if owner is None:
            return _not_found()
        view = state.records.view([owner])
        dataset = view.datasets[owner.id]
        if not view.is_open_access(dataset):
            return _not_found()
        for distribution in dataset.distributions:
            if distribution.path and distribution.path.replace("\\", "/") == wanted:
                return _served_file(request, server, view, state, dataset, distribution.id)
        return _not_found()

    return app


def _served_file(request: Request, server: CatalogueServer, view: PublicView, state: State,
                 dataset: Dataset, distribution_id: str) -> Response:
    distribution = next(d for d in dataset.distributions if d.id == distribution_id)
    # the server never publishes a confidential column: it serves the file without them
    builder = DataPackageBuilder(view, state.snapshot.root, strip_confidential=True)
    with tempfile.TemporaryDirectory() as folder:
        copied = builder.copy(dataset, distribution, Path(folder))
        body = copied.read_bytes()
    media_type = distribution.media_type or builder.vocab.file_formats[distribution.format].media_type
    response = server.respond(request, body, media_type, state)
    _as_attachment(response, PurePosixPath(distribution.path or "data").name)
    return response


def _as_attachment(response: Response, name: str) -> None:
    """A user's file is downloaded, never shown as a page of this origin: nothing in it may run here."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "data"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    response.headers["Content-Security-Policy"] = FILE_POLICY
