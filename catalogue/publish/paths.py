"""The site's paths: every catalogue-wide feed, the pages of the catalogue, the calendar and the sitemap, as
the build writes them and the server answers them."""

from __future__ import annotations

FEEDS = [
    ("catalog.ttl", "text/turtle", "DCAT-AP 3 (Turtle)"),
    ("catalog.jsonld", "application/ld+json", "DCAT-AP 3 (JSON-LD)"),
    ("catalog.rdf", "application/rdf+xml", "DCAT-AP 3 (RDF/XML)"),
    ("data.json", "application/json", "DCAT-US 1.1 (data.json)"),
    ("sdmx/structure-2.1.xml", "application/xml", "SDMX-ML 2.1 structures"),
    ("sdmx/structure-3.0.xml", "application/xml", "SDMX-ML 3.0 structures"),
    ("schema-org.jsonld", "application/ld+json", "schema.org DataCatalog (JSON-LD)"),
]
"""Every catalogue-wide feed: (path in the site, media type, name)."""
RDF_FEEDS = {"catalog.ttl": "turtle", "catalog.jsonld": "jsonld", "catalog.rdf": "xml"}
SDMX_FEEDS = {"sdmx/structure-2.1.xml": "2.1", "sdmx/structure-3.0.xml": "3.0"}
SCHEMA_ORG_FEED = "schema-org.jsonld"
DATASETS_PER_PAGE = 500
"""Datasets listed on one page of the catalogue (about 200 KB of HTML): 100,000 datasets make 200 pages."""
SEARCH_INDEX = "search-index.json"
MATCHES_SHOWN = 200
"""Matches of a filter listed at once; more ask for more words."""
DDI_PATH = "ddi/{id}.xml"
CALENDAR_PAGE, CALENDAR_ICS, CALENDAR_ATOM = "releases.html", "releases.ics", "releases.atom"
"""The release calendar of each language, beside its catalogue page."""


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
