"""SDMX-ML metadata structure definitions (2.1 report structures, 3.0 attribute lists) read into metadata
structure record data: each attribute in document order, under its parent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from catalogue.importers.sdmx_xml import children, local_name, reference_of

NUMBER_TYPES = frozenset({"Integer", "Long", "Short", "BigInteger", "Count", "Decimal", "Double", "Float", "Numeric",
                          "InclusiveValueRange", "ExclusiveValueRange", "Incremental"})
DATE_TYPES = frozenset({"GregorianDay", "DateTime", "GregorianYear", "Year", "GregorianYearMonth", "YearMonth",
                        "ObservationalTimePeriod", "StandardTimePeriod", "ReportingTimePeriod", "TimeRange",
                        "BasicTimePeriod", "GregorianTimePeriod", "Month", "MonthDay", "Day", "Time", "Duration"})
"""SDMX text types a report gives as a number, or as a date or a period; ``XHTML`` is XHTML, ``URI`` a URL, the
others text."""


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
        data = {**head, "agency": agency, "version": version,
                "attributes": list(_attributes(attribute_list, None, report))}
        if own_id:
            data["id"] = own_id
            report(attribute_list, f"one of {len(lists)} report structures: imported as the metadata structure "
                                   f"'{own_id}'")
        records.append(data)
    return records


def _attributes(parent: Any, parent_id: str | None, report: Callable[[Any, str], None]) -> Iterator[dict[str, Any]]:
    for element in children(parent, "MetadataAttribute"):
        identity = next(iter(children(element, "ConceptIdentity")), None)
        concept = reference_of(identity) if identity is not None else None
        attribute: dict[str, Any] = {"id": element.get("id") or (concept.item if concept else None)}
        if concept is not None and concept.item:
            attribute["concept"] = f"{concept.written()}.{concept.item}" if concept.agency else concept.item
        if parent_id is not None:
            attribute["parent"] = parent_id
        if (element.get("isPresentational") or "").lower() == "true":
            attribute["representation"] = None
        else:
            attribute.update(_representation(element, report))
        attribute["min_occurs"] = int(element.get("minOccurs") or 1)
        most = element.get("maxOccurs") or "1"
        attribute["max_occurs"] = None if most == "unbounded" else int(most)
        yield attribute
        yield from _attributes(element, f"{parent_id}.{attribute['id']}" if parent_id else attribute["id"], report)


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
