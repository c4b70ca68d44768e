"""SDMX reference metadata messages read into metadata sets: SDMX-ML 2.1 generic and structure-specific metadata,
SDMX-ML 3.0 generic metadata and SDMX-JSON 2.0 metadata; each set with what names its structure (the MSD, or the
metadataflow), its target's URN, its reporting period and its values as a tree, each where it is in the file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.errors import SdmxImportError
from catalogue.importers.sdmx import refuse_doctype
from catalogue.importers.sdmx_xml import (XML_LANG, Reference, children, local_name, reference_of, texts_of,
                                         urn_reference)
from catalogue.support.xhtml import markup_of

MOST_BYTES = 50_000_000
"""The largest metadata message read (a SIMS report is some hundred kilobytes)."""
MOST_LEVELS = 32
"""How deep reported attributes may nest."""


@dataclass
class ReadValue:
    """A reported attribute: a value, texts (plain or XHTML, per language), the attributes under it."""

    id: str
    where: str
    value: str | None = None
    texts: dict[str, str] | None = None
    xhtml: dict[str, str] | None = None
    values: list[ReadValue] = field(default_factory=list)


@dataclass
class ReadSet:
    """A metadata set (a report) as its message gives it."""

    id: str
    where: str
    agency: str | None
    names: dict[str, str]
    structure: Reference | None
    flow: Reference | None
    target: str | None
    period: str | None
    values: list[ReadValue]
    report_structure: str | None = None
    """2.1: the report structure of the MSD it follows (an MSD of several is imported as one per report
    structure, by that id)."""


def read_metadata_message(path: Path) -> list[ReadSet]:
    """Every metadata set of one message (SDMX-JSON when it starts with ``{``, else SDMX-ML)."""
    if path.stat().st_size > MOST_BYTES:
        raise SdmxImportError(path, f"larger than {MOST_BYTES // 1_000_000} MB: not read")
    with path.open("rb") as stream:
        start = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"{", b"[")):
        return _json_sets(path)
    return _xml_sets(path)


# -- SDMX-ML -----------------------------------------------------------------------------------------
def _xml_sets(path: Path) -> list[ReadSet]:
    from lxml import etree

    from catalogue.conformance.validators import safe_xml_parser

    refuse_doctype(path)
    try:
        root = etree.parse(str(path), safe_xml_parser()).getroot()
    except etree.XMLSyntaxError as error:
        raise SdmxImportError(path, f"not a readable XML document: {error.msg}", error.lineno or None) from None
    kind = local_name(root)
    if kind not in ("GenericMetadata", "StructureSpecificMetadata"):
        raise SdmxImportError(path, f"a {kind} message holds no reference metadata: expected GenericMetadata or "
                                    "StructureSpecificMetadata", root.sourceline)
    header = next(iter(children(root, "Header")), None)
    sender = next(iter(children(header, "Sender")), None) if header is not None else None
    structures = _header_structures(header)
    sets = []
    for number, element in enumerate(children(root, "MetadataSet"), start=1):
        named = element.get("structureRef") or next((v for k, v in element.attrib.items()
                                                     if k.endswith("}structureRef")), None)
        structure, flow = structures.get(named or "", (None, None))
        if structure is None and flow is None and len(structures) == 1:
            structure, flow = next(iter(structures.values()))
        where = f"{path.name}:{element.sourceline}"
        names = texts_of(element, "Name")
        flow_element = next(iter(children(element, "Metadataflow")), None)
        if flow_element is not None:  # 3.0: each set names its flow
            flow = reference_of(flow_element) or flow
        reports = children(element, "Report")
        if not reports:  # 3.0: the set is the report
            target = next(iter(children(element, "Target")), None)
            sets.append(ReadSet(element.get("id") or f"REPORT_{number}", where, element.get("agencyID"), names,
                                structure, flow, (target.text or "").strip() if target is not None else None,
                                element.get("publicationPeriod"), _xml_values(element, where, 1)))
            continue
        for index, report in enumerate(reports, start=1):
            set_id = element.get("setID") or next((v for k, v in element.attrib.items() if k.endswith("}setID")),
                                                  f"{path.stem}_{number}")  # structure-specific: qualified
            target_urn, period = _target_21(report)
            attribute_set = next(iter(children(report, "AttributeSet")), None)
            sets.append(ReadSet(set_id if len(reports) == 1 else f"{set_id}_{index}", f"{path.name}:{report.sourceline}",
                                sender.get("id") if sender is not None else None, names, structure, flow, target_urn,
                                period, _xml_values(attribute_set, where, 1) if attribute_set is not None else [],
                                report.get("id")))
    return sets


def _header_structures(header: Any) -> dict[str, tuple[Reference | None, Reference | None]]:
    """Each structure the header names, by its ``structureID``: (the MSD, the metadataflow), one of them."""
    found: dict[str, tuple[Reference | None, Reference | None]] = {}
    for element in children(header, "Structure") if header is not None else []:
        msd = next(iter(children(element, "Structure")), None)
        usage = next(iter(children(element, "StructureUsage")), None)
        found[element.get("structureID", "")] = (reference_of(msd) if msd is not None else None,
                                                 reference_of(usage) if usage is not None else None)
    return found


def _target_21(report: Any) -> tuple[str | None, str | None]:
    """A 2.1 report's target object (the URN of its first object reference) and reporting period."""
    urn = period = None
    for target in children(report, "Target"):
        for value in children(target, "ReferenceValue"):
            for reference in children(value, "ObjectReference"):
                found = next(iter(children(reference, "URN")), None)
                if urn is None and found is not None and "DataProvider=" not in (found.text or ""):
                    urn = (found.text or "").strip()
            for reported in children(value, "ReportPeriod"):
                period = (reported.text or "").strip() or period
    return urn, period


def _xml_values(parent: Any, where: str, level: int) -> list[ReadValue]:
    """The reported attributes under ``parent``: 2.1 generic ``ReportedAttribute``, 3.0 ``Attribute``, or (2.1
    structure-specific) an element named by the attribute's id; their children in an ``AttributeSet`` (2.1) or
    directly (3.0)."""
    if level > MOST_LEVELS:
        raise SdmxImportError(Path(where.split(":")[0]), f"attributes nested deeper than {MOST_LEVELS} levels",
                              parent.sourceline)
    values = []
    for element in parent:
        if not isinstance(element.tag, str) or local_name(element) in ("Name", "Metadataflow", "Target",
                                                                       "MetadataProvisionAgreement", "Annotations",
                                                                       "Description", "Text", "StructuredText",
                                                                       "Value", "AttributeSet"):
            continue
        name = local_name(element)
        attribute_id = element.get("id") if name in ("ReportedAttribute", "Attribute") else name
        at = f"{where.split(':')[0]}:{element.sourceline}"
        read = ReadValue(attribute_id or "", at, value=element.get("value"))
        given = next(iter(children(element, "Value")), None)
        if given is not None and given.text is not None:
            read.value = given.text.strip()
        texts = texts_of(element, "Text")
        if texts:
            read.texts = texts
        try:
            structured = {child.get(XML_LANG) or "en": markup_of(child) for child in children(element, "StructuredText")}
        except (ValueError, RecursionError) as error:  # lxml's errors are ValueErrors: too deep, not well formed
            raise SdmxImportError(Path(at.split(":")[0]), f"formatted text that cannot be read: {error}",
                                  element.sourceline) from None
        if structured:
            read.xhtml = structured
        nested = next(iter(children(element, "AttributeSet")), None)
        read.values = _xml_values(nested if nested is not None else element, at, level + 1)
        values.append(read)
    return values


# -- SDMX-JSON ---------------------------------------------------------------------------------------
def _json_sets(path: Path) -> list[ReadSet]:
    try:
        message = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise SdmxImportError(path, f"not a readable JSON document: {error}") from None
    except RecursionError:
        raise SdmxImportError(path, "not a readable JSON document: nested deeper than a reader allows") from None
    data = message.get("data") if isinstance(message, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("metadataSets"), list):
        raise SdmxImportError(path, "not an SDMX-JSON metadata message: no data.metadataSets")
    meta = message.get("meta")
    links = _list(meta.get("links")) if isinstance(meta, dict) else []
    structure = next((_urn_reference(link.get("urn")) for link in links if isinstance(link, dict)
                      and link.get("rel") == "metadatastructure" and link.get("urn")), None)
    sets = []
    for number, item in enumerate(data["metadataSets"]):
        where = f"{path.name}:/data/metadataSets/{number}"
        if not isinstance(item, dict):
            raise SdmxImportError(path, f"{where}: a metadata set is an object")
        own = next((_urn_reference(link.get("urn")) for link in _list(item.get("links")) if isinstance(link, dict)
                    and link.get("rel") == "metadatastructure" and link.get("urn")), None)
        given = item.get("names")
        names: dict[Any, Any] = given if isinstance(given, dict) else \
            ({"en": item["name"]} if isinstance(item.get("name"), str) else {})
        targets = _list(item.get("targets"))
        agency, period = item.get("agencyID"), item.get("publicationPeriod")
        given_id = item.get("id")
        sets.append(ReadSet(given_id if isinstance(given_id, str) and given_id else f"{path.stem}_{number + 1}", where,
                            agency if isinstance(agency, str) else None,
                            {str(k): v for k, v in names.items() if isinstance(v, str)}, own or structure,
                            _urn_reference(item.get("metadataflow")),
                            str(targets[0]) if targets else None, period if isinstance(period, str) else None,
                            _json_values(_list(item.get("attributes")), where + "/attributes", path, 1)))
    return sets


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _json_values(items: list[Any], where: str, path: Path, level: int) -> list[ReadValue]:
    if level > MOST_LEVELS:
        raise SdmxImportError(path, f"{where}: attributes nested deeper than {MOST_LEVELS} levels")
    values = []
    for number, item in enumerate(items if isinstance(items, list) else []):
        at = f"{where}/{number}"
        if not isinstance(item, dict):
            raise SdmxImportError(path, f"{at}: an attribute is an object")
        read = ReadValue(str(item.get("id") or ""), f"{path.name}:{at}")
        given = item.get("value")
        form = item.get("format")
        xhtml = isinstance(form, dict) and form.get("dataType") == "XHTML"
        if isinstance(given, dict):
            texts = {str(k): v for k, v in given.items() if isinstance(v, str)}  # a text is a string per language
            if xhtml:
                read.xhtml = {language: _json_markup(text) for language, text in texts.items()}
            else:
                read.texts = texts
        elif isinstance(given, bool):
            read.value = "true" if given else "false"
        elif given is not None:
            read.value = str(given)
        read.values = _json_values(_list(item.get("attributes")), at + "/attributes", path, level + 1)
        values.append(read)
    return values


def _json_markup(text: str) -> str:
    """An XHTML value of SDMX-JSON (a ``div`` of the XHTML namespace, or bare markup) as a report keeps it."""
    from lxml import etree

    from catalogue.conformance.validators import safe_xml_parser

    try:
        return markup_of(etree.fromstring(f"<text>{text}</text>".encode(), safe_xml_parser()))
    except (ValueError, RecursionError):  # lxml's errors are ValueErrors
        return text  # markup that is not XML (or too deep to be): the sanitizer reads it as HTML



def _urn_reference(urn: Any) -> Reference | None:
    return urn_reference(urn) if isinstance(urn, str) else None
