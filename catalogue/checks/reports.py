"""Metadata reports: their publisher and target, and their values against the metadata structure they follow
(each attribute known under its parent, as often as it may be given, in its representation; XHTML that is
published as written)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from catalogue.checks.findings import missing
from catalogue.errors import FieldPath, Problem, UnresolvedReference
from catalogue.formats.sdmx.periods import period_coverage
from catalogue.messages import Message
from catalogue.model import Catalogue, MetadataAttribute, MetadataReport, MetadataStructure, ReportedAttribute
from catalogue.model.kinds import KIND_NAMES
from catalogue.model.references import Shared, referenced_id
from catalogue.model.types import check_url
from catalogue.conformance.validators import xhtml_errors
from catalogue.support.xhtml import XHTML, removed, xhtml_element
from catalogue.vocab import Vocabulary

KIND = "metadata_report"
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
SHOWN_CODES = 12


def check_metadata_reports(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Every metadata report of the catalogue."""
    structures = catalogue.report_structures()
    shared = catalogue.shared()
    for key, report in catalogue.metadata_reports.items():
        yield from missing(KIND, key, ("publisher",), Message("agency"), report.publisher, catalogue.agencies)
        yield from _target(catalogue, key, report)
        if report.period is not None and period_coverage(report.period) is None:
            yield Problem.in_record(KIND, key, ("period",), Message(
                "'%(period)s' is not a reporting period such as 2024, 2024-Q1, 2024-03 or 2024-01-01/2024-06-30",
                period=report.period))
        try:
            structure = catalogue.metadata_structures[structures.resolve(report.structure)]
        except UnresolvedReference as problem:
            yield Problem.in_record(KIND, key, ("structure",), problem.message, reference=(
                Message("metadata structure"), referenced_id(report.structure) or report.structure))
            continue
        yield from _values(key, report, structure, shared)


def _target(catalogue: Catalogue, key: str, report: MetadataReport) -> Iterator[Problem]:
    """The target is a record of the report's publisher (the catalogue: when its publisher is the report's)."""
    target = report.target
    records: dict[str, Mapping[str, Any]] = {"series": catalogue.series, "dataset": catalogue.datasets,
                                             "agency": catalogue.agencies}
    known = records.get(target.kind)
    if known is not None and target.id not in known:
        if target.kind == "dataset":  # never a list of datasets: there may be a million, and some hidden
            yield Problem.in_record(KIND, key, ("target", "id"), Message(
                "no dataset '%(ref)s' that its publisher may report on", ref=target.id),
                reference=(Message("dataset"), target.id or ""))
        else:
            yield from missing(KIND, key, ("target", "id"), KIND_NAMES[target.kind], target.id, known)
        return
    owner: str | None = catalogue.info.publisher
    if target.kind == "agency":
        owner = target.id
    elif known is not None and target.id is not None:
        owner = getattr(known[target.id], "publisher", None)
    if owner != report.publisher:
        yield Problem.in_record(KIND, key, ("target",), Message(
            "a report is on a record of its publisher '%(publisher)s' (this one is '%(owner)s''s)",
            publisher=report.publisher, owner=owner))


def _values(key: str, report: MetadataReport, structure: MetadataStructure, shared: Shared) -> Iterator[Problem]:
    """Each value, from the top down (no deeper than the structure: an unknown attribute's values are not read)."""
    tree = structure.children()
    pending: list[tuple[str | None, FieldPath, list[ReportedAttribute]]] = [(None, (), report.values)]
    while pending:
        parent, at, values = pending.pop()
        allowed = tree.get(parent, {})
        yield from _occurrences(key, parent, at, values, allowed)
        for index, value in enumerate(values):
            path: FieldPath = (*at, "values", index)
            attribute = allowed.get(value.attribute)
            if attribute is None:
                yield Problem.in_record(KIND, key, (*path, "attribute"), Message(
                    "no attribute '%(attribute)s' %(where)s in %(structure)s (known: %(known)s)",
                    attribute=value.attribute, where=Message("under '%(parent)s'", parent=parent) if parent else
                    Message("at the top"), structure=report.structure,
                    known=", ".join(list(allowed)[:SHOWN_CODES]) or Message("none")))
                continue
            yield from _representation(key, path, attribute, value, shared)
            pending.append((attribute.path, path, value.values))


def _occurrences(key: str, parent: str | None, at: FieldPath, values: list[ReportedAttribute],
                 allowed: dict[str, MetadataAttribute]) -> Iterator[Problem]:
    counts: dict[str, int] = {}
    for index, value in enumerate(values):
        counts[value.attribute] = counts.get(value.attribute, 0) + 1
        attribute = allowed.get(value.attribute)
        if attribute is not None and attribute.max_occurs is not None and counts[value.attribute] > \
                attribute.max_occurs:
            yield Problem.in_record(KIND, key, (*at, "values", index, "attribute"), Message.counted(
                "'%(attribute)s' may be given %(count)s time at most", "'%(attribute)s' may be given %(count)s times "
                "at most", count=attribute.max_occurs, attribute=attribute.path))
    for attribute in allowed.values():
        if counts.get(attribute.id, 0) < attribute.min_occurs:
            yield Problem.in_record(KIND, key, (*at, "values"), Message.counted(
                "'%(attribute)s' is to be given at least %(count)s time (given: %(given)s)",
                "'%(attribute)s' is to be given at least %(count)s times (given: %(given)s)",
                count=attribute.min_occurs, attribute=attribute.path, given=counts.get(attribute.id, 0)))


def _representation(key: str, path: FieldPath, attribute: MetadataAttribute, value: ReportedAttribute,
                    shared: Shared) -> Iterator[Problem]:
    kind = attribute.representation
    if kind is None:
        if value.text is not None or value.value is not None:
            yield Problem.in_record(KIND, key, path, Message(
                "'%(attribute)s' is a heading: it gives no text or value of its own, only the attributes under it",
                attribute=attribute.path))
        return
    if kind in ("text", "xhtml"):
        if value.value is not None:
            yield Problem.in_record(KIND, key, (*path, "value"), Message(
                "'%(attribute)s' takes a text (text:), not a value", attribute=attribute.path))
        if value.text is None and not value.values:
            yield Problem.in_record(KIND, key, path, Message("'%(attribute)s' gives no text", attribute=attribute.path))
        for language, text in (value.text or {}).items() if kind == "xhtml" else ():
            lost = removed(text)
            if lost:
                yield Problem.in_record(KIND, key, (*path, "text", language), Message(
                    "the XHTML holds what is never published (%(what)s): only text markup, lists, tables and http(s) "
                    "or mailto links are", what=", ".join(lost[:SHOWN_CODES])))
                continue
            invalid = xhtml_errors(xhtml_element(text))
            if invalid:
                yield Problem.in_record(KIND, key, (*path, "text", language), Message(
                    "the XHTML is not XHTML 1.1, which SDMX takes: %(problem)s",
                    problem=invalid[0].replace(f"{{{XHTML}}}", "")))
        return
    if value.text is not None:
        yield Problem.in_record(KIND, key, (*path, "text"), Message(
            "'%(attribute)s' takes a value (value:), not a text", attribute=attribute.path))
    if value.value is None:
        if not value.values and value.text is None:
            yield Problem.in_record(KIND, key, path, Message("'%(attribute)s' gives no value",
                                                             attribute=attribute.path))
        return
    problem = _invalid(kind, value.value, attribute, shared)
    if problem is not None:
        yield Problem.in_record(KIND, key, (*path, "value"), problem)


def _invalid(kind: str, value: str, attribute: MetadataAttribute, shared: Shared) -> str | None:
    """What is wrong with a coded, numeric, date or URL value (``None``: nothing)."""
    if kind == "code":
        codelist = shared.codelist(attribute.codelist)
        if codelist is None or codelist.external_urn is not None:
            return None  # the structure's check says so; an external codelist's codes are not known here
        codes = [code.id for code in codelist.codes]
        if value not in codes:
            return Message("'%(value)s' is not a code of %(codelist)s (codes: %(codes)s)", value=value,
                           codelist=attribute.codelist, codes=", ".join(codes[:SHOWN_CODES]))
    elif kind == "number":
        if not _NUMBER.match(value) or not math.isfinite(float(value)):
            return Message("'%(value)s' is not a number such as 12, -0.5 or 1.2E3", value=value)
    elif kind == "date":
        if period_coverage(value) is None and not _date_time(value):
            return Message("'%(value)s' is not a date, a date and time or a period such as 2024-03-31, "
                           "2024-03-31T09:00:00Z or 2024-Q1", value=value)
    elif kind == "url":
        try:
            check_url(value)
        except ValueError as problem:
            return problem.args[0] if isinstance(problem.args[0], Message) else str(problem)
    return None


def _date_time(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None and "T" in value
    except ValueError:
        return False
