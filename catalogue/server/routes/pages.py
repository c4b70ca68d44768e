"""The site's pages as a build writes them, made at each request from what each shows alone: the catalogue's list,
a dataset's page, a series' page, the search index, the release calendar, the style sheet, the sitemap, and the page for an address
that names none."""

import json
import re
from dataclasses import replace
from functools import partial
from typing import IO

from fastapi import Request
from fastapi.responses import Response

from catalogue.formats.registry import OUTPUT
from catalogue.model import CatalogueInfo
from catalogue.publish import paths
from catalogue.publish.filter_index import FILTER_FOLDER, filter_parts
from catalogue.publish.pages import Pages
from catalogue.publish.paths import CALENDAR_ATOM, CALENDAR_ICS, CALENDAR_PAGE, SEARCH_INDEX, catalogue_page_name
from catalogue.server.catalogue_server import CatalogueServer, ServerDep, State
from catalogue.server.responses import not_found, write_text
from catalogue.server.negotiation import accepted_languages
from catalogue.server.routing import RouteGroup
from catalogue.support.strict import whole_number

CATALOGUE_PAGE = re.compile(r"index(-[0-9]+)?\.html")
"""The catalogue's pages (``index.html``, ``index-2.html``...), made from the whole public view."""
CALENDAR_MEDIA_TYPES = {CALENDAR_PAGE: "text/html; charset=utf-8",
                        CALENDAR_ICS: OUTPUT["calendar-ics"].media_type, CALENDAR_ATOM: OUTPUT["calendar-atom"].media_type}

router = RouteGroup()


def not_found_page(server: CatalogueServer, request: Request) -> Response:
    """The page for an address that names no page (a dataset not released is not one either), in the
    language of the address, else the visitor's (``Accept-Language``) among the catalogue's."""
    state = server.state()
    info = state.snapshot.shared.info
    first = request.url.path.strip("/").split("/")[0]
    language = first if first in info.languages else negotiated_language(request, info.languages, info.default_language)
    site = Pages(state.records.view([]), state.snapshot.root)
    page = site.page(language)
    assert page is not None
    return Response(site.not_found_page(page), status_code=404, media_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store", "Content-Language": language,
                             "Vary": "Accept-Language"})


def served_language(info: CatalogueInfo, language: str | None) -> str | None:
    """The language of a page asked for at the root (``None``: the default one) or under a language's prefix;
    ``None`` when no page is there (the default language has no prefix)."""
    if language is not None and (language == info.default_language or language not in info.languages):
        return None
    return language or info.default_language


def negotiated_language(request: Request, languages: list[str], default: str) -> str:
    """The visitor's preferred language (``Accept-Language``, by its q-values; one with q=0 is refused) among
    ``languages``, else ``default``."""
    known = {language.lower(): language for language in languages}
    for tag in accepted_languages(request.headers.get("accept-language", "")[:1000]) or []:
        for candidate in (tag, tag.split("-")[0]):
            if candidate in known:
                return known[candidate]
    return default


def _html(server: CatalogueServer, request: Request, language: str | None, relative: str) -> Response:
    """A page of the site, or the page that says there is none."""
    answer = _page(server, request, language, relative)
    return not_found_page(server, request) if answer.status_code == 404 else answer


def _page(server: CatalogueServer, request: Request, language: str | None, relative: str) -> Response:
    """A page of the site, made from what it shows alone: a dataset's page from the dataset (and those it
    links to), a page of the catalogue's list from its datasets and their count, the search index streamed
    (kept on disk per version of the public view). No request reads every dataset at once."""
    state = server.state()
    records = state.records
    served = served_language(state.snapshot.shared.info, language)
    if served is None:
        return not_found()
    language = served
    if relative == SEARCH_INDEX:
        if Pages(records.view([]), state.snapshot.root).page(language) is None:
            return not_found()
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
        site.applications = request.app.state.account_pages.mail is not None
        page = site.page(language)
        if page is None:
            return None
        return site.dataset_page(page, site.view.datasets[relative]).encode(), "text/html; charset=utf-8"

    return server.render(request, state, ("html", language, relative), make)


def _search_index(at: State, out: IO[bytes], language: str) -> str:
    """The search index of the site's pages in ``language``, written at a state."""
    site = Pages(at.records.view([]), at.snapshot.root)
    page = site.page(language)
    if page is None:
        raise KeyError(language)
    write_text(out, site.search_index(page, (d for view in at.records.batches() for d in view.datasets.values())))
    return "application/json"


@router.get_and_head("/index.html")
def index(request: Request, server: ServerDep) -> Response:
    return _html(server, request, None, "index.html")


@router.get_and_head("/{language}/index.html")
def index_in(request: Request, language: str, server: ServerDep) -> Response:
    return _html(server, request, language, "index.html")


@router.get_and_head("/index-{number}.html")
def index_page(request: Request, number: str, server: ServerDep) -> Response:
    return _html(server, request, None, f"index-{number}.html")


@router.get_and_head("/{language}/index-{number}.html")
def index_page_in(request: Request, language: str, number: str, server: ServerDep) -> Response:
    return _html(server, request, language, f"index-{number}.html")


@router.get_and_head(f"/{SEARCH_INDEX}")
def search_index(request: Request, server: ServerDep) -> Response:
    return _html(server, request, None, SEARCH_INDEX)


@router.get_and_head(f"/{{language}}/{SEARCH_INDEX}")
def search_index_in(request: Request, language: str, server: ServerDep) -> Response:
    return _html(server, request, language, SEARCH_INDEX)


@router.get_and_head(f"/{FILTER_FOLDER}/{{name}}", include_in_schema=False)
def filter_part(request: Request, name: str, server: ServerDep) -> Response:
    return _filter_part(server, request, None, name)


@router.get_and_head(f"/{{language}}/{FILTER_FOLDER}/{{name}}", include_in_schema=False)
def filter_part_in(request: Request, language: str, name: str, server: ServerDep) -> Response:
    return _filter_part(server, request, language, name)


def _filter_part(server: CatalogueServer, request: Request, language: str | None, name: str) -> Response:
    """A part of the filter index of the catalogue's pages, as a build writes it: every part of a language is made
    in one pass over the released datasets, once per version of the public view."""
    state = server.state()
    served = served_language(state.snapshot.shared.info, language)
    if served is None:
        return not_found()
    parts = server.prepared.made_now(("filter", served), state, partial(_filter_parts, language=served))
    content = parts.get(name)
    if content is None:
        return not_found()
    return server.respond(request, content, "application/json", state)


def _filter_parts(at: State, language: str) -> dict[str, bytes]:
    site = Pages(at.records.view([]), at.snapshot.root)
    page = site.page(language)
    assert page is not None
    rows = (json.loads(site.search_row(page, d)) for view in at.records.batches() for d in view.datasets.values())
    return filter_parts(rows)


@router.get_and_head("/datasets/{dataset_id}/index.html")
def dataset_page(request: Request, dataset_id: str, server: ServerDep) -> Response:
    return _html(server, request, None, dataset_id)


@router.get_and_head("/{language}/datasets/{dataset_id}/index.html")
def dataset_page_in(request: Request, language: str, dataset_id: str, server: ServerDep) -> Response:
    return _html(server, request, language, dataset_id)


def _series_page(server: CatalogueServer, request: Request, language: str | None, series_id: str) -> Response:
    """A public series' page: made from its public releases (and the versions they replace) and the calendar's
    entries that announce its next release, once per version of the public view and of those entries."""
    state = server.state()
    records = state.records
    served = served_language(state.snapshot.shared.info, language)
    if served is None:
        return not_found_page(server, request)
    language = served
    _, ordered, withdrawn = records.placement() if records.placement is not None else ({}, {}, {})
    releases = (*ordered.get(series_id, ()), *withdrawn.get(series_id, ()))
    if not releases:
        return not_found_page(server, request)
    entries = tuple(entry for entry in server.calendar(state)[0] if series_id in entry.series_ids)

    def make() -> tuple[bytes, str] | None:
        datasets = [dataset for release in releases if (dataset := records.get(release)) is not None]
        site = Pages(replace(records.view(datasets, with_related=True), calendar=entries), state.snapshot.root)
        page = site.page(language)
        series = site.view.series.get(series_id)
        if page is None or series is None:
            return None
        return site.series_page(page, series).encode(), "text/html; charset=utf-8"

    answer = server.render(request, state, ("series", language, series_id, tuple(map(repr, entries))), make)
    return not_found_page(server, request) if answer.status_code == 404 else answer


@router.get_and_head("/series/{series_id}/index.html")
def series_page(request: Request, series_id: str, server: ServerDep) -> Response:
    """A series' page: its releases over time, and its next release as the calendar announces it."""
    return _series_page(server, request, None, series_id)


@router.get_and_head("/{language}/series/{series_id}/index.html")
def series_page_in(request: Request, language: str, series_id: str, server: ServerDep) -> Response:
    return _series_page(server, request, language, series_id)


def _report_page(server: CatalogueServer, request: Request, language: str | None, report_id: str) -> Response:
    """A public metadata report's page: made from the view of its target (the releases of its series, its dataset,
    or none for the catalogue and an agency), once per version of the public view."""
    state = server.state()
    records = state.records
    served = served_language(state.snapshot.shared.info, language)
    report = state.snapshot.shared.metadata_reports.get(report_id)
    if served is None or report is None:
        return not_found_page(server, request)
    language = served
    target = report.target

    def make() -> tuple[bytes, str] | None:
        if target.kind == "series":
            _, ordered, withdrawn = records.placement() if records.placement is not None else ({}, {}, {})
            releases = (*ordered.get(target.id or "", ()), *withdrawn.get(target.id or "", ()))
            datasets = [dataset for release in releases if (dataset := records.get(release)) is not None]
        else:
            found = records.get(target.id) if target.kind == "dataset" and target.id is not None else None
            datasets = [found] if found is not None else []
        site = Pages(records.view(datasets), state.snapshot.root)
        page = site.page(language)
        public = site.view.reports.get(report_id)
        if page is None or public is None:
            return None
        return site.report_page(page, public).encode(), "text/html; charset=utf-8"

    answer = server.render(request, state, ("report", language, report_id), make)
    return not_found_page(server, request) if answer.status_code == 404 else answer


@router.get_and_head("/reports/{report_id}/index.html")
def report_page(request: Request, report_id: str, server: ServerDep) -> Response:
    """A metadata report's page: every concept of its structure, in order, with what the report gives for it."""
    return _report_page(server, request, None, report_id)


@router.get_and_head("/{language}/reports/{report_id}/index.html")
def report_page_in(request: Request, language: str, report_id: str, server: ServerDep) -> Response:
    return _report_page(server, request, language, report_id)


def _calendar(server: CatalogueServer, request: Request, language: str | None, name: str) -> Response:
    """The release calendar as of the request: it turns at a release time, or when an announcement or a
    date change is made public, without a revision; caches keep it until the next release it announces (a change
    not announced, as any publication, shows within the longest max-age)."""
    if name not in CALENDAR_MEDIA_TYPES:
        return not_found()
    state = server.state()
    served = served_language(state.snapshot.shared.info, language)
    if served is None:
        return not_found()
    entries, _ = server.calendar(state)
    site = Pages(replace(state.records.view([]), calendar=entries), state.snapshot.root)
    page = site.page(served)
    assert page is not None
    made = {CALENDAR_PAGE: lambda: site.calendar_page(page).encode(), CALENDAR_ICS: lambda: site.calendar_ics(page),
            CALENDAR_ATOM: lambda: site.calendar_atom(page)}[name]()
    return server.respond(request, made, CALENDAR_MEDIA_TYPES[name], state)  # kept until the next announced release


@router.get_and_head("/releases.{extension}")
def calendar_default(request: Request, extension: str, server: ServerDep) -> Response:
    """The release calendar: its page (``.html``), iCalendar (``.ics``) and Atom (``.atom``)."""
    return _calendar(server, request, None, f"releases.{extension}")


@router.get_and_head("/{language}/releases.{extension}")
def calendar_in(request: Request, language: str, extension: str, server: ServerDep) -> Response:
    return _calendar(server, request, language, f"releases.{extension}")


@router.get_and_head("/site.css", include_in_schema=False)
def style(request: Request, server: ServerDep) -> Response:
    state = server.state()
    css = Pages(state.records.view([]), state.snapshot.root).style()
    return server.respond(request, css.encode(), "text/css; charset=utf-8", state)


def _sitemap_file(server: CatalogueServer, request: Request, number: int | None) -> Response:
    """The sitemap, or one of its parts: made from the public datasets' ids only (no document is read)."""
    state = server.state()

    def make() -> tuple[bytes, str] | None:
        reported = sorted({r.target.id for r in state.snapshot.shared.metadata_reports.values()
                           if r.target.kind == "dataset" and r.target.id is not None})
        on = [d for i in sorted(state.records.released_among(reported)) if (d := state.records.get(i)) is not None]
        site = Pages(state.records.view(on), state.snapshot.root)  # the reports on released datasets, too
        ids = state.records.ids()
        made = site.sitemap(ids) if number is None else site.sitemap_part(ids, number)
        return None if made is None else (made.encode(), "application/xml")

    return server.render(request, state, ("sitemap", number), make)


@router.get_and_head("/sitemap.xml")
def sitemap(request: Request, server: ServerDep) -> Response:
    """Every page with its languages; past 10,000 addresses, the index of its parts (``/sitemap-N.xml``)."""
    return _sitemap_file(server, request, None)


@router.get_and_head("/sitemap-{number}.xml")
def sitemap_part(request: Request, number: str, server: ServerDep) -> Response:
    part = whole_number(number)
    return _sitemap_file(server, request, part) if part is not None else not_found()
