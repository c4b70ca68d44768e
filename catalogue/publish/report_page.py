"""A metadata report's page: every concept of its structure in order, with its number and name, and what the
report gives for it (its text, its XHTML sanitized, a code with its name, a number, a date, a link), from the
public view alone: a value not for publication is not there to show."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from catalogue.formats.registry import (SDMX_METADATA, SDMX_METADATA_JSON, SDMX_METADATA_SPECIFIC_21,
                                        SDMX_REPORT_STRUCTURES_21)
from catalogue.formats.text import pick
from catalogue.model import MetadataAttribute, MetadataReport, MetadataStructure, ReportedAttribute
from catalogue.model.types import check_url
from catalogue.policy.view import PublicView
from catalogue.publish.series_page import series_relative
from catalogue.support.xhtml import sanitized

DEEPEST_HEADING = 6
_Under = tuple[str | None, str, list[ReportedAttribute]]
"""An attribute's path, its number and the values given under it."""


def report_relative(report_id: str) -> str:
    """Where a report's page lies below a language's root."""
    return f"reports/{report_id}/index.html"


def target_link(view: PublicView, report: MetadataReport, language: str, root: str) -> dict[str, str] | None:
    """The page of what a report is on (``root``: the way to the language's root), with its title."""
    target = report.target
    if target.kind == "series" and target.id is not None and target.id in view.series:
        return {"href": f"{root}{series_relative(target.id)}", "title": pick(view.series[target.id].title, language)
                or target.id}
    if target.kind == "dataset" and target.id is not None and target.id in view.datasets:
        return {"href": f"{root}datasets/{target.id}/index.html",
                "title": pick(view.datasets[target.id].title, language) or target.id}
    if target.kind == "agency" and target.id is not None and target.id in view.agencies:
        return {"href": f"{root}index.html", "title": pick(view.agencies[target.id].name, language) or target.id}
    return {"href": f"{root}index.html", "title": pick(view.info.title, language) or view.info.id}


def report_title(view: PublicView, report: MetadataReport, language: str) -> str:
    """A report's title, else its structure's name and its target's title."""
    own = pick(report.title, language)
    if own:
        return own
    structure = view.metadata_structures.get(view.report_structures.get(report.id, ""))
    target = target_link(view, report, language, "")
    return " – ".join(part for part in (pick(structure.name, language) if structure else report.id,
                                        target["title"] if target else None) if part)


def report_links(view: PublicView, kind: str, target_id: str | None, language: str, root: str) -> list[dict[str, Any]]:
    """The public reports on a record, as its page links them."""
    return [{"href": f"{root}{report_relative(r.id)}", "title": report_title(view, r, language), "period": r.period}
            for r in view.reports_on(kind, target_id)]


def report_context(view: PublicView, report: MetadataReport, language: str, root: str,
                   site_root: str) -> dict[str, Any]:
    """What a report's page shows, in ``language`` (``root``: the way to its language's pages; ``site_root``: to
    the site's, where the feeds are)."""
    structure = view.metadata_structures[view.report_structures[report.id]]
    return {"title": report_title(view, report, language), "target": target_link(view, report, language, root),
            "structure": {"name": pick(structure.name, language), "id": f"{structure.agency}:{structure.id}"
                          f"({structure.version})"},
            "period": report.period,
            "publisher": pick(view.agencies[report.publisher].name, language) if report.publisher in view.agencies
            else report.publisher,
            "entries": _entries(view, structure, report.values, language),
            "machine": [*({"href": f"{site_root}{path}", "name": f"SDMX-ML {version} reference metadata"}
                          for path, version in SDMX_METADATA.items()),
                        {"href": f"{site_root}{SDMX_METADATA_SPECIFIC_21}",
                         "name": "SDMX-ML 2.1 structure-specific reference metadata"},
                        {"href": f"{site_root}{SDMX_METADATA_JSON}", "name": "SDMX-JSON 2.0 reference metadata"},
                        {"href": f"{site_root}{SDMX_REPORT_STRUCTURES_21}", "name": "SDMX-ML 2.1 metadata structures"}]}


def _entries(view: PublicView, structure: MetadataStructure, values: list[ReportedAttribute],
             language: str) -> list[dict[str, Any]]:
    """Each attribute of the structure, in order (each followed by those under it) and numbered by its place, once
    per value the report gives for it (once, with nothing, when it gives none)."""
    tree = structure.children()

    def block(parent: str | None, number: str, given: list[ReportedAttribute]) -> list[tuple[dict[str, Any], _Under]]:
        found: list[tuple[dict[str, Any], _Under]] = []
        for place, attribute in enumerate(tree.get(parent, {}).values(), start=1):
            own = f"{number}.{place}" if number else str(place)
            occurrences: list[ReportedAttribute | None] = [v for v in given if v.attribute == attribute.id]
            for index, value in enumerate(occurrences or [None]):
                entry = _entry(view, attribute, value, own, language)
                entry["anchor"] = f"{own}-{attribute.id}" + (f"-{index + 1}" if index else "")  # one per value
                found.append((entry, (attribute.path, own, value.values if value is not None else [])))
        return found

    entries: list[dict[str, Any]] = []
    stack = [block(None, "", values)]
    while stack:
        if not stack[-1]:
            stack.pop()
            continue
        entry, under = stack[-1].pop(0)
        entries.append(entry)
        stack.append(block(*under))
    return entries


def _entry(view: PublicView, attribute: MetadataAttribute, value: ReportedAttribute | None, number: str,
           language: str) -> dict[str, Any]:
    concept = view.concept(attribute.concept)
    depth = number.count(".")
    entry: dict[str, Any] = {"number": number, "id": attribute.id, "level": min(2 + depth, DEEPEST_HEADING),
                             "name": pick(concept.name, language) if concept else attribute.id,
                             "heading": attribute.representation is None, "given": value is not None}
    if value is None:
        return entry
    if value.text is not None:
        text = pick(value.text, language) or ""
        entry["lang"] = language if language in value.text else next(iter(value.text))
        entry["html" if attribute.representation == "xhtml" else "text"] = \
            Markup(sanitized(text)) if attribute.representation == "xhtml" else text  # noqa: S704 - sanitized
    elif value.value is not None:
        entry["value"] = value.value
        if attribute.representation == "url" and _is_link(value.value):  # never a link the check did not pass
            entry["url"] = value.value
        codelist = view.codelist(attribute.codelist) if attribute.representation == "code" else None
        code = next((c for c in codelist.codes if c.id == value.value), None) if codelist else None
        if code is not None:
            entry["code_name"] = pick(code.name, language)
    return entry


def _is_link(value: str) -> bool:
    try:
        check_url(value)
    except ValueError:
        return False
    return True
