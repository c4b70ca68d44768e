"""Inputs given as URLs: fetched with a time-out and a size limit into a temporary folder, so the importers
read files only. A DCAT endpoint is followed page after page through ``hydra:next`` (a page seen twice, or
more pages than the limit, stops the walk: a portal's bad link cannot make the import loop)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from rdflib import Graph, URIRef

from catalogue.errors import ImportTargetError, RdfReadError
from catalogue.importers.dcat_us import is_data_json
from catalogue.rdf.reading import RDF_FORMATS, parse_rdf_file
from catalogue.rdf.terms import NAMESPACES

TIMEOUT = 30.0
"""Seconds to connect and between bytes."""
MAX_BYTES = 512 * 1024 * 1024
MAX_PAGES = 10_000
SUFFIXES = {"text/turtle": ".ttl", "application/rdf+xml": ".rdf", "application/ld+json": ".jsonld",
            "application/n-triples": ".nt", "application/json": ".json", "application/xml": ".xml",
            "text/xml": ".xml"}
HYDRA_NEXT = NAMESPACES["hydra"] + "next"


def is_url(value: str) -> bool:
    return re.match(r"^https?://", value) is not None


def fetch(url: str, folder: Path, name: str, client: Any = None, max_bytes: int = MAX_BYTES) -> Path:
    """Download ``url`` into ``folder`` (at most ``max_bytes``); the file's suffix follows its media type."""
    import httpx

    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    try:
        with client.stream("GET", url, headers={"Accept": "text/turtle, application/vnd.sdmx.structure+xml;"
                                                          "version=2.1, application/xml;q=0.9, */*;q=0.5"}) as response:
            if response.status_code != 200:
                raise ImportTargetError(f"{url}: the server answered {response.status_code}")
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            suffix = SUFFIXES.get(media) or ("." + url.rsplit(".", 1)[-1] if re.search(r"\.\w{2,6}$", url) else ".xml")
            target = folder / f"{name}{suffix}"
            size = 0
            with target.open("wb") as out:
                for block in response.iter_bytes():
                    size += len(block)
                    if size > max_bytes:
                        raise ImportTargetError(f"{url}: larger than {max_bytes:,} bytes: not imported")
                    out.write(block)
    except httpx.HTTPError as error:
        raise ImportTargetError(f"{url}: cannot be fetched ({type(error).__name__}: {error})") from None
    finally:
        if own:
            client.close()
    return target


def fetch_pages(url: str, folder: Path, client: Any = None, max_pages: int = MAX_PAGES) -> list[Path]:
    """A DCAT endpoint's pages, following ``hydra:next`` until there is none, a page comes back, or the limit."""
    pages: list[Path] = []
    seen: set[str] = set()
    following: str | None = url
    while following and following not in seen and len(pages) < max_pages:
        seen.add(following)
        page = fetch(following, folder, f"page-{len(pages) + 1:05d}", client)
        pages.append(page)
        following = _next_page(page, following)
    return pages


def _next_page(page: Path, url: str) -> str | None:
    """The page's ``hydra:next``, read as RDF (any serialization); a DCAT-US ``data.json`` has none."""

    if is_data_json(page):
        return None
    graph = Graph()
    try:
        parse_rdf_file(graph, page, RDF_FORMATS.get(page.suffix, "turtle"))
    except RdfReadError as error:
        raise ImportTargetError(f"{url}: {error}") from None
    except Exception as error:  # every parser's syntax error
        raise ImportTargetError(f"{url}: not readable as RDF ({str(error).splitlines()[0][:200]})") from None
    following = next(iter(graph.objects(None, URIRef(HYDRA_NEXT))), None)
    return urljoin(url, str(following)) if following is not None else None


def resolve_inputs(values: list[str], folder: Path, paged: bool, client: Any = None) -> list[Path]:
    """Files and folders as given, URLs fetched (every page of a paged DCAT endpoint when ``paged``)."""
    inputs: list[Path] = []
    for index, value in enumerate(values):
        if is_url(value):
            inputs += fetch_pages(value, folder, client) if paged else [fetch(value, folder, f"input-{index + 1}", client)]
            continue
        path = Path(value)
        if not path.exists():
            raise ImportTargetError(f"{value}: no such file or folder")
        inputs.append(path)
    return inputs
