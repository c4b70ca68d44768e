"""The site's paths: every catalogue-wide feed, the pages of the catalogue, the calendar and the sitemap, as
the build writes them and the server answers them."""

from __future__ import annotations

from catalogue.formats.registry import (CALENDAR_ATOM, CALENDAR_ICS, DDI_PATH, FEEDS, RDF_FEEDS, SCHEMA_ORG_FEED,  # noqa: F401
                                       SDMX_FEEDS)

DATASETS_PER_PAGE = 500
"""Datasets listed on one page of the catalogue (about 200 KB of HTML): 100,000 datasets make 200 pages."""
SEARCH_INDEX = "search-index.json"
MATCHES_SHOWN = 200
"""Matches of a filter listed at once; more ask for more words."""
CALENDAR_PAGE = "releases.html"
"""The release calendar of each language, beside its catalogue page (its iCalendar and Atom feeds too:
``formats.registry``)."""


URLS_PER_SITEMAP = 10_000
"""Addresses of one sitemap file at most (the protocol allows 50,000 and 50 MB: each address here carries a link
per language, so a file stays well within both)."""


def sitemap_part_names(parts: int) -> list[str]:
    """The files of a sitemap of ``parts`` parts beside ``sitemap.xml`` (none when it holds every address)."""
    return [f"sitemap-{number}.xml" for number in range(1, parts + 1)] if parts > 1 else []


def sitemap_part_number(name: str) -> int:
    return int(name.removeprefix("sitemap-").removesuffix(".xml"))


def catalogue_page_name(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"
