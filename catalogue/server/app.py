"""``catalogue serve``: the site and its feeds from a store, with the public view evaluated at each request, and the
editor.

The same page renderer (``publish.pages.Pages``) and the same exporters as ``catalogue build`` make every page and
document; the server adds paging, negotiation and HTTP caching. Nothing hidden is ever disclosed, not
even by a status code: a draft or an embargoed dataset answers exactly like one that does not exist.

Here, the wiring alone: the shared objects on ``app.state`` (the routes are handed them as dependencies), the error
handlers, the middleware and the routers, in the order their addresses are matched.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from catalogue.editing.service import Editing
from catalogue.errors import BadForm, BadRequest, Busy, Unavailable
from catalogue.policy.view import now_utc
from catalogue.server.account import applying, routes as account
from catalogue.server.account.pages import AccountPages, anonymous_body_refused
from catalogue.server.cache import DEFAULT_BYTES
from catalogue.server.catalogue_server import CatalogueServer
from catalogue.server.editor import codes, files, home, previews, records, releases, signin, versions
from catalogue.server.editor import api as editor_api
from catalogue.server.editor.access import unauthenticated
from catalogue.server.editor.pages import EditorPages
from catalogue.server.error_handlers import bad_form, bad_request, busy, invalid_request, unavailable, unknown
from catalogue.server.headers import SecurityHeaders
from catalogue.server.limits import MAX_IN_FLIGHT, AuthenticateFirst, BodyLimit, LoadShedding, body_cap
from catalogue.server.routes import docs, feeds, health, pages, sdmx_rest, search
from catalogue.server.routing import RouteGroup
from catalogue.store import Store
from catalogue.support.mail import MailSettings

EDITOR_PAGES: tuple[RouteGroup, ...] = (
    home.router, signin.router, previews.router, files.router, codes.router, versions.router, releases.router,
    records.router,  # after the editor's other pages: /editor/{kind}/{record_id} takes any two names
)
"""The editor's pages, after the API's documentation and before the editor's API, in the order their addresses are
matched (the first route that matches answers)."""
PUBLIC: tuple[RouteGroup, ...] = (
    health.router,
    account.router,  # before the pages: /account/sign-in is no page of a language
    applying.router,
    search.router,  # before the pages: /{language}/search is a search, not a page
    pages.router,  # before the feeds: /{language}/index.html takes any first name
    feeds.router,
    sdmx_rest.router,
)
"""The public routes, after the editor's, in the order their addresses are matched."""


def create_app(store: Store, clock: Callable[[], datetime] = now_utc, cache_bytes: int = DEFAULT_BYTES,
               separate_duties: bool = True, max_in_flight: int = MAX_IN_FLIGHT, base_url: str | None = None,
               prepared_folder: Path | None = None, mail: MailSettings | None = None) -> FastAPI:
    """The ASGI application serving one store (``cache_bytes``: rendered responses kept per worker;
    ``separate_duties``: the last editor of a change may neither approve nor publish it; ``max_in_flight``:
    requests a worker answers at once, beyond which it refuses with 503; ``base_url``: where the server is
    reached, for the links it writes; the catalogue's base URI by default; ``prepared_folder``: where the documents
    of the whole catalogue are kept, shared by the workers of a machine; one of its own by default; ``mail``: the
    SMTP server researchers' e-mails go through: without one, researchers cannot register)."""
    server = CatalogueServer(store, clock, cache_bytes, base_url, prepared_folder)
    app = FastAPI(title="nso-catalogue", description="Official statistics metadata: pages, DCAT, DCAT-US, "
                  "schema.org and Data Packages from the public view of a store.", docs_url=None, redoc_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1000)

    editor_pages = EditorPages(store, clock, lambda: server.state().snapshot.shared.info,
                               lambda: server.state().snapshot.root)
    account_pages = AccountPages(store, clock, lambda: server.state().snapshot.shared.info,
                                 lambda: server.state().snapshot.root, lambda: server.base_url(server.state()), mail)
    app.state.catalogue = server
    app.state.account_pages = account_pages
    app.state.editor_pages = editor_pages
    app.state.editing = Editing(store, clock, separate_duties=separate_duties)
    app.state.health_thread = ThreadPoolExecutor(1, thread_name_prefix="health")

    app.exception_handler(BadRequest)(bad_request)
    app.exception_handler(BadForm)(bad_form)
    app.exception_handler(RequestValidationError)(invalid_request)
    app.exception_handler(Busy)(busy)
    app.exception_handler(Unavailable)(unavailable)
    app.exception_handler(StarletteHTTPException)(unknown)
    for error in editor_api.API_ERRORS:  # the browser forms catch their EditingErrors and answer pages
        app.add_exception_handler(error, editor_api.problem)

    app.add_middleware(BodyLimit, cap=body_cap)  # the last added runs first
    app.add_middleware(AuthenticateFirst, refuse=lambda request: unauthenticated(editor_pages, request)
                       or anonymous_body_refused(account_pages, request))
    app.add_middleware(LoadShedding, limit=max_in_flight)
    app.add_middleware(SecurityHeaders)

    docs.router.add_to(app)
    for group in EDITOR_PAGES:
        group.add_to(app)
    app.include_router(editor_api.router)  # its own router, with its prefix and tags
    for group in PUBLIC:
        group.add_to(app)
    return app
