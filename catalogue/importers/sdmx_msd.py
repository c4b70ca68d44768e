"""SDMX-ML metadata structure definitions (2.1 report structures, 3.0 attribute lists) read into metadata
structure record data: each attribute in document order, under its parent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogue.importers.sdmx_xml import children, local_name, reference_of

NUMBER_TYPES = frozenset({"Integer", "Long", "Short", "BigInteger", "Count", "Decimal", "Double", "Float", "Numeric",
                          "InclusiveValueRange", "ExclusiveValueRange", "Incremental"})
DATE_TYPES = frozenset({"GregorianDay", "DateTime", "GregorianYear", "Year", "GregorianYearMonth", "YearMonth",
                        "ObservationalTimePeriod", "StandardTimePeriod", "ReportingTimePeriod", "TimeRange",
                        "BasicTimePeriod", "GregorianTimePeriod", "Month", "MonthDay", "Day", "Time", "Duration"})
"""SDMX text types a report gives as a number, or as a date or a period; ``XHTML`` is XHTML, ``URI`` a URL, the
others text."""
MAX_LEVELS = 32
"""How deep attributes may nest (SIMS nests four levels)."""


def metadata_structures(element: Any, agency: str, head: dict[str, Any], version: str,
                        report: Callable[[Any, str], None]) -> list[dict[str, Any]]:
    """The record data of an MSD: one record, or in 2.1 one per report structure when it has several (SDMX 3.0's
    model: an MSD is one list of attributes; its targets move to the metadataflow)."""
    components = next(iter(children(element, "MetadataStructureComponents")), None)
    if components is None:
        report(element, "a metadata structure without components: not imported")
        return []
    for target in children(components, "MetadataTarget"):
        report(target, "metadata target: a report names its target (a series, a dataset, the catalogue or an "
                       "agency) itself")
    lists = children(components, "ReportStructure") or children(components, "MetadataAttributeList")
    records = []
    for attribute_list in lists:
        own_id = len(lists) > 1 and attribute_list.get("id")
        attributes = _attributes(attribute_list, report)
        if attributes is None:
            continue
        data = {**head, "agency": agency, "version": version, "attributes": attributes}
        if own_id:
            data["id"] = own_id
            report(attribute_list, f"one of {len(lists)} report structures: imported as the metadata structure "
                                   f"'{own_id}'")
        records.append(data)
    return records


def _attributes(top: Any, report: Callable[[Any, str], None]) -> list[dict[str, Any]] | None:
    """Every attribute under ``top`` in document order, each naming its parent by path (``None``: nested deeper
    than ``MAX_LEVELS``, reported)."""
    found: list[dict[str, Any]] = []
    pending: list[tuple[Any, str | None, int]] = [(element, None, 1) for element in
                                                 reversed(children(top, "MetadataAttribute"))]
    while pending:
        element, parent_path, level = pending.pop()
        if level > MAX_LEVELS:
            report(element, f"attributes nested deeper than {MAX_LEVELS} levels: the structure is not imported")
            return None
        attribute = _attribute(element, parent_path, report)
        found.append(attribute)
        path = f"{parent_path}.{attribute['id']}" if parent_path else str(attribute["id"])
        pending.extend((child, path, level + 1) for child in reversed(children(element, "MetadataAttribute")))
    return found


def _attribute(element: Any, parent_path: str | None, report: Callable[[Any, str], None]) -> dict[str, Any]:
    identity = next(iter(children(element, "ConceptIdentity")), None)
    concept = reference_of(identity) if identity is not None else None
    attribute: dict[str, Any] = {"id": element.get("id") or (concept.item if concept else None)}
    if concept is not None and concept.item:
        attribute["concept"] = f"{concept.written()}.{concept.item}" if concept.agency else concept.item
    if parent_path is not None:
        attribute["parent"] = parent_path
    if (element.get("isPresentational") or "").lower() == "true":
        attribute["representation"] = None
    else:
        attribute.update(_representation(element, report))
    attribute["min_occurs"] = _occurs(element, "minOccurs", report)
    attribute["max_occurs"] = None if element.get("maxOccurs") == "unbounded" else \
        _occurs(element, "maxOccurs", report)
    return attribute


def _occurs(element: Any, name: str, report: Callable[[Any, str], None]) -> int:
    """``minOccurs`` or ``maxOccurs`` (SDMX's default: 1); one that is not a whole number is reported, as 1."""
    given = (element.get(name) or "1").strip()
    if given.isascii() and given.isdigit():
        return int(given)
    report(element, f"{name} '{given[:40]}' is not a whole number: imported as 1")
    return 1


def _representation(element: Any, report: Callable[[Any, str], None]) -> dict[str, Any]:
    local = next(iter(children(element, "LocalRepresentation")), None)
    if local is None:
        return {"representation": "text"}  # SDMX: a string, unless its concept says otherwise
    enumeration = next(iter(children(local, "Enumeration")), None)
    if enumeration is not None:
        reference = reference_of(enumeration)
        if reference is not None:
            return {"representation": "code",
                    "codelist": reference.written() if reference.agency else reference.id}
    text_format = next((c for c in local if local_name(c) in ("TextFormat", "EnumerationFormat")), None)
    text_type = (text_format.get("textType") or text_format.get("dataType") or "String") \
        if text_format is not None else "String"
    if text_type == "XHTML":
        return {"representation": "xhtml"}
    if text_type == "URI":
        return {"representation": "url"}
    if text_type in NUMBER_TYPES or text_type in DATE_TYPES:
        return {"representation": "number" if text_type in NUMBER_TYPES else "date"}
    if text_type not in ("String", "Alpha", "AlphaNumeric"):
        report(element, f"text type '{text_type}': imported as text")
    return {"representation": "text"}
