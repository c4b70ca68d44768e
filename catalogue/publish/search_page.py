"""What a search shows, in one language: its results, its facets with their labels and counts, the links that add or
remove a filter (working without JavaScript), for the live server's search page, its JSON API and its Atom feed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from catalogue.formats.text import pick
from catalogue.i18n import autonym
from catalogue.model import Catalogue
from catalogue.publish.pages import Pages
from catalogue.search.documents import FACETS
from catalogue.search.query import SearchQuery, SearchResult

FACET_NAMES = {"theme": "Theme", "keyword": "Keyword", "publisher": "Publisher", "format": "Format",
               "licence": "Licence", "access": "Access", "frequency": "Frequency", "series": "Series",
               "language": "Language", "year": "Year", "source_type": "Source of the data"}
"""Each facet's name in the interface (translated by gettext)."""
SORT_NAMES = {"relevance": "Relevance", "modified": "Recently modified", "title": "Title"}


def facet_labels(pages: Pages, shared: Catalogue, language: str) -> Callable[[str, str], str | None]:
    """A facet value's label in ``language`` (``None``: not shown in that language, a keyword of another)."""
    vocab, info = pages.vocab, shared.info
    themes = {theme.id: theme.name for theme in info.themes}

    def named(text: Mapping[str, str] | None, value: str) -> str:
        return pick(dict(text), language) if text else value  # type: ignore[return-value]

    def label(facet: str, value: str) -> str | None:
        if facet == "keyword":
            keyword_language, _, keyword = value.partition(":")
            wanted = language if any(v == language for v in info.languages) else info.default_language
            return keyword if keyword_language == wanted else None
        if facet == "theme":
            return named(themes.get(value), value)
        if facet == "publisher":
            agency = shared.agencies.get(value)
            return named(agency.name if agency else None, value)
        if facet == "licence":
            licence = shared.licences.get(value)
            return named(licence.title if licence else None, value)
        if facet == "series":
            series = shared.series.get(value)
            return named(series.title if series else None, value)
        vocabularies: dict[str, Mapping[str, Any]] = {"access": vocab.access_levels, "frequency": vocab.frequencies,
                                                      "format": vocab.file_formats, "source_type": vocab.source_types}
        entries = vocabularies.get(facet, {})
        if value in entries:
            return pages.label(entries[value].label, language) or value
        if facet == "language":
            return autonym(value)
        return value

    return label


def query_string(query: SearchQuery, **changes: Any) -> str:
    """The parameters of ``query`` (with ``changes``: ``toggle=(facet, value)``, ``after``, ``sort``), as a link's."""
    filters = {facet: list(values) for facet, values in query.filters}
    toggle = changes.get("toggle")
    if toggle is not None:
        facet, value = toggle
        chosen = filters.setdefault(facet, [])
        chosen.remove(value) if value in chosen else chosen.append(value)
    if changes.get("clear"):
        filters = {}
    pairs: list[tuple[str, str]] = [("q", query.text)] if query.text else []
    sort = changes.get("sort", query.sort)
    if sort != ("relevance" if query.terms else "title"):
        pairs.append(("sort", sort))
    pairs += [(facet, value) for facet in FACETS for value in filters.get(facet, [])]
    if changes.get("after"):
        pairs.append(("after", changes["after"]))
    if query.limit != 20:
        pairs.append(("limit", str(query.limit)))
    return urlencode(pairs)


def search_context(pages: Pages, shared: Catalogue, query: SearchQuery, result: SearchResult, language: str,
                   dataset_url: Callable[[str], str], gettext: Callable[[str], str]) -> dict[str, Any]:
    """What the search page, the API and the feed show of a result."""
    label = facet_labels(pages, shared, language)
    facets = []
    for facet in FACETS:
        values: list[dict[str, Any]] = []
        for value, count in result.facets.get(facet, []):
            named = label(facet, value)
            if named is None:
                continue
            chosen = value in query.chosen(facet)
            values.append({"value": value, "label": named, "count": count, "selected": chosen,
                           "href": "?" + query_string(query, toggle=(facet, value))})
        if facet == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        if values:
            facets.append({"name": facet, "label": gettext(FACET_NAMES[facet]), "options": values})
    hits = []
    for hit in result.hits:
        shown: dict[str, Any] = hit.shown
        publisher = shared.agencies.get(str(shown.get("publisher")))
        hits.append({"id": hit.dataset_id, "url": dataset_url(hit.dataset_id),
                     "title": pick(shown["title"], language) or hit.dataset_id,
                     "description": pick(shown.get("description") or {}, language) or "",
                     "publisher": {"id": shown.get("publisher"),
                                   "name": pick(publisher.name, language) if publisher else shown.get("publisher")},
                     "modified": shown.get("modified")})
    return {"total": result.total, "results": hits, "facets": facets,
            "next": "?" + query_string(query, after=result.next) if result.next else None,
            "sorts": [{"value": value, "label": gettext(name), "selected": value == query.sort}
                      for value, name in SORT_NAMES.items() if value != "relevance" or query.terms],
            "chosen": [{"facet": facet, "value": value} for facet, values in query.filters for value in values],
            "clear": "?" + query_string(query, clear=True) if query.filters else None}
