"""Search on the live server: the search page (``/search``, ``/<language>/search``) that works without JavaScript,
its JSON API (``/api/search``), an Atom feed of any search (``/search.atom``) and the OpenSearch description that
names them. Every answer is made once per version of the public view: a release is found from its release time, to
the second, as every other answer changes then."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from fastapi import Request
from fastapi.responses import Response

from catalogue.errors import SearchQueryError
from catalogue.i18n import translations
from catalogue.publish.pages import Pages
from catalogue.publish.search_page import query_string, search_context
from catalogue.search.query import CONTROL, MOST_QUERY, SearchQuery, parse_search, run_search
from catalogue.search.suggest import suggestions
from catalogue.server.catalogue_server import CatalogueServer, ServerDep, State
from catalogue.server.responses import error
from catalogue.server.routes.pages import negotiated_language, not_found_page, served_language
from catalogue.server.routing import RouteGroup

router = RouteGroup()
JSON = "application/json"
SUGGESTIONS = "application/x-suggestions+json"
ATOM = "application/atom+xml"


def _parameters(request: Request) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        found.setdefault(key, []).append(value)
    return found


def _key(query: SearchQuery) -> str:
    """A search as a short key of the answers kept (a search's parameters can be long: its digest is not)."""
    return hashlib.sha256(repr(query).encode()).hexdigest()


def _run(server: CatalogueServer, state: State, query: SearchQuery, language: str, absolute: bool = True
         ) -> dict[str, Any]:
    """The context of a search's answer (its results, facets and links) in ``language``; a dataset's address is
    absolute (the API, the feed) or relative to the language's folder, where the page is (the page)."""
    base = server.base_url(state)
    prefix = "" if language == state.snapshot.shared.info.default_language else f"{language}/"
    where = f"{base}{prefix}" if absolute else ""
    with server.store.engine.connect() as connection:
        result = run_search(connection, query, state.now)
    pages = Pages(state.records.view([]), state.snapshot.root)
    gettext = pages.gettext(language).gettext
    return search_context(pages, state.snapshot.shared, query, result, language,
                          lambda dataset_id: f"{where}datasets/{dataset_id}/index.html", gettext)


def _api_language(request: Request, state: State) -> str:
    info = state.snapshot.shared.info
    asked = request.query_params.get("lang")
    if asked in info.languages:
        return str(asked)
    return negotiated_language(request, info.languages, info.default_language)


@router.get_and_head("/api/search", summary="Search the released datasets: words, facets with counts, order, pages",
                     description="`q`: words (folded: case, accents, Arabic letter variants; stemmed where the "
                                 "store can); one parameter per facet to filter by (`theme`, `keyword` as "
                                 "`<language>:<keyword>`, `publisher`, `format`, `licence`, `access`, `frequency`, "
                                 "`series`, `language`, `year`, `source_type`; several values of one facet: any of "
                                 "them; several facets: all); `sort`: relevance, modified or title; `limit` (1-100); "
                                 "`after`: the cursor `next` gives; `lang`: the language of the labels and texts "
                                 "(else `Accept-Language`).")
def api_search(request: Request, server: ServerDep) -> Response:
    state = server.state()
    language = _api_language(request, state)
    try:
        query = parse_search(_parameters(request), language)
    except SearchQueryError as problem:
        return error(400, problem.message.said(translations(language, state.snapshot.root)),
                     parameter=problem.parameter)

    def make() -> tuple[bytes, str]:
        context = _run(server, state, query, language)
        base = f"{server.base_url(state)}api/search"
        body = {"language": language, "total": context["total"], "results": context["results"],
                "facets": [{"name": f["name"], "label": f["label"],
                            "values": [{k: v[k] for k in ("value", "label", "count", "selected")}
                                       for v in f["options"]]}
                           for f in context["facets"]],
                "next": f"{base}{context['next']}&lang={language}" if context["next"] else None}
        return json.dumps(body, ensure_ascii=False).encode(), JSON

    return server.render(request, state, ("api-search", language, _key(query)), make, vary="Accept-Language")


def _page(server: CatalogueServer, request: Request, language: str | None, front: bool = False) -> Response:
    """The search page in a language (``front``: the catalogue's front page, with its description, reports and
    feeds)."""
    state = server.state()
    info = state.snapshot.shared.info
    served = served_language(info, language)
    if served is None:
        return not_found_page(server, request)
    pages = Pages(state.records.view([]), state.snapshot.root)
    page = pages.page(served)
    assert page is not None
    root = "../" if page.prefix else ""
    gettext = pages.gettext(served)
    try:
        query, problem = parse_search(_parameters(request), served), None
    except SearchQueryError as refused:
        query, problem = SearchQuery(language=served), refused.message.said(gettext)

    def make() -> tuple[bytes, str]:
        context = _run(server, state, query, served, absolute=False)
        links = pages.catalogue_links(page, root) if front else {}
        html = pages.render("search.html", page, **pages.common(page, root, "" if front else "search"), q=query.text,
                            error=problem, front=front, action="search", feed=f"search.atom?{query_string(query)}",
                            **links, **context)
        return html.encode(), "text/html; charset=utf-8"

    key = ("search-page", served, _key(query), problem, front)
    return server.render(request, state, key, make, vary="Accept-Language")


@router.get_and_head("/", summary="The catalogue's front page: the search page with the catalogue's description")
def front_page(request: Request, server: ServerDep) -> Response:
    return _page(server, request, None, front=True)


@router.get_and_head("/{language}/", summary="The catalogue's front page in another of its languages")
def front_page_in(request: Request, language: str, server: ServerDep) -> Response:
    return _page(server, request, language, front=True)


@router.get_and_head("/static/htmx.min.js", include_in_schema=False)
def htmx() -> Response:
    """htmx (vendored with the editor), which the search page loads to change its results in place."""
    content = (resources.files("catalogue") / "editor_static" / "htmx.min.js").read_bytes()
    return Response(content, media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get_and_head("/search", summary="The search page (HTML), in the catalogue's default language")
def search_page(request: Request, server: ServerDep) -> Response:
    return _page(server, request, None)


@router.get_and_head("/{language}/search", summary="The search page (HTML) in another of the catalogue's languages")
def search_page_in(request: Request, language: str, server: ServerDep) -> Response:
    return _page(server, request, language)


@router.get_and_head("/search.atom", summary="The results of a search as an Atom feed (the latest modified first)")
def search_feed(request: Request, server: ServerDep) -> Response:
    state = server.state()
    info = state.snapshot.shared.info
    language = _api_language(request, state)
    parameters = {**_parameters(request), "sort": ["modified"]}
    parameters.pop("after", None)
    try:
        query = parse_search(parameters, language)
    except SearchQueryError as problem:
        return error(400, problem.message.said(translations(language, state.snapshot.root)),
                     parameter=problem.parameter)

    def make() -> tuple[bytes, str]:
        context = _run(server, state, query, language)
        base = server.base_url(state)
        updated = max((hit["modified"] for hit in context["results"] if hit["modified"]), default="1970-01-01")
        title = info.title.get(language) or next(iter(info.title.values()))
        entries = "".join(
            f"<entry><id>{escape(hit['url'])}</id><title>{escape(hit['title'])}</title>"
            f"<link href=\"{escape(hit['url'])}\"/><updated>{hit['modified'] or '1970-01-01'}T00:00:00Z</updated>"
            f"<summary>{escape(hit['description'])}</summary></entry>" for hit in context["results"])
        feed = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
                f'xml:lang="{escape(language)}"><id>{escape(base)}search.atom?{escape(query_string(query))}</id>'
                f"<title>{escape(title)}: {escape(query.text)}</title><updated>{updated}T00:00:00Z</updated>"
                f"<author><name>{escape(info.publisher)}</name></author>"
                f'<link rel="self" href="{escape(base)}search.atom?{escape(query_string(query))}"/>'
                f"{entries}</feed>\n")
        return feed.encode(), ATOM

    return server.render(request, state, ("search-feed", language, _key(query)), make, vary="Accept-Language")


@router.get_and_head("/api/search/suggest", summary="Suggestions as one types (OpenSearch suggestions JSON)",
                     description="`q`: what is typed so far (its last word a beginning); `lang`: the language of "
                                 "the titles suggested (else `Accept-Language`). Answers `[q, [title, ...]]`: up "
                                 "to ten titles of released datasets, folded as the index keeps them.")
def suggest(request: Request, server: ServerDep) -> Response:
    state = server.state()
    language = _api_language(request, state)
    typed = request.query_params.get("q", "")
    if len(typed) > MOST_QUERY or CONTROL.search(typed):
        return error(400, "q: up to 200 characters, no control character", parameter="q")

    def make() -> tuple[bytes, str]:
        with server.store.engine.connect() as connection:
            found = suggestions(connection, typed, language, state.now)
        return json.dumps([typed, found], ensure_ascii=False).encode(), SUGGESTIONS

    return server.render(request, state, ("suggest", language, hashlib.sha256(typed.encode()).hexdigest()), make, vary="Accept-Language")


@router.get_and_head("/opensearch.xml", summary="The OpenSearch description of the catalogue's search")
def opensearch(request: Request, server: ServerDep) -> Response:
    state = server.state()
    info = state.snapshot.shared.info
    base = escape(server.base_url(state))
    name = escape((info.title.get(info.default_language) or info.id)[:16])
    body = (f'<?xml version="1.0" encoding="utf-8"?>\n<OpenSearchDescription '
            f'xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>{name}</ShortName>'
            f"<Description>{escape(info.title.get(info.default_language) or info.id)}</Description>"
            f"<InputEncoding>UTF-8</InputEncoding>"
            f'<Url type="text/html" template="{base}search?q={{searchTerms}}"/>'
            f'<Url type="{ATOM}" template="{base}search.atom?q={{searchTerms}}"/>'
            f'<Url type="{JSON}" template="{base}api/search?q={{searchTerms}}"/>'
            f'<Url type="{SUGGESTIONS}" template="{base}api/search/suggest?q={{searchTerms}}"/>'
            f"<Language>{escape(info.default_language)}</Language></OpenSearchDescription>\n")
    return server.respond(request, body.encode(), "application/opensearchdescription+xml", state)

