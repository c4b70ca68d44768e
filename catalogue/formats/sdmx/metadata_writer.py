"""Reference metadata in SDMX-ML: metadata structures (MSDs) and metadataflows in a structure message, and the
public reports as a metadata message, generic in 2.1 (``GenericMetadata``) and 3.0 (metadata sets), and 2.1
structure-specific (``StructureSpecificMetadata``, of the types ``metadata_schema`` derives)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import IO, Protocol

import lxml.html

from catalogue.formats.sdmx.artefacts import MetadataSet, Metadataflow, Ref, ReportAttribute, ReportStructure
from catalogue.formats.sdmx.dialect import DIALECTS, URN_CLASSES, Dialect
from catalogue.formats.xmlwriter import XmlWriter, escape_attribute, escape_text
from catalogue.model import ReportedAttribute
from catalogue.conformance.validators import xhtml_errors
from catalogue.support.xhtml import XHTML, sanitized, xhtml_element



class _Message(Protocol):
    """What a structure message's writer (``writer._Message``) gives the writing of an artefact."""

    s: str
    dialect: Dialect

    def element(self, tag: str, attributes: dict[str, str] | None = None) -> AbstractContextManager[None]: ...
    def leaf(self, tag: str, text: str | None = None, attributes: dict[str, str] | None = None) -> None: ...
    def names(self, name: dict[str, str] | None, description: dict[str, str] | None = None) -> None: ...
    def reference(self, tag: str, ref: Ref, item: str | None = None) -> None: ...
    def local_reference(self, tag: str, target: str) -> None: ...
    def attributes(self, ref: Ref, attributes: dict[str, str] | None = None) -> dict[str, str]: ...
    def stub(self, ref: Ref, name: dict[str, str] | None, description: dict[str, str] | None = None) -> bool: ...

TEXT_TYPES = {"text": "String", "xhtml": "XHTML", "number": "Decimal", "date": "ObservationalTimePeriod",
              "url": "URI"}
"""A representation → SDMX text type (a coded one is an enumeration; a heading has none)."""
OBJECT_TYPES = {"dataflow": "Dataflow", "agencyscheme": "Agency", "categoryscheme": "CategoryScheme"}
"""The kinds of artefact a report is on → SDMX 2.1 object type."""
TARGET_IDS = {"dataflow": "DATAFLOW", "agencyscheme": "AGENCY", "categoryscheme": "CATEGORY_SCHEME"}
"""The 2.1 metadata target (``<id>_TARGET``) and its identifiable object target, per kind of artefact."""
PERIOD_TARGET = "REPORT_PERIOD_TARGET"
DIALECTS_21 = DIALECTS["2.1"]
GENERIC_21 = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/metadata/generic"
GENERIC_30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/metadata/generic"
SPECIFIC_21 = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/metadata/structurespecific"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


# -- in a structure message ------------------------------------------------------------------------
def metadata_structure(message: _Message, msd: ReportStructure) -> None:
    """An MSD: 3.0's list of attributes; 2.1's metadata targets (a dataflow, an agency, a category scheme, each
    with a report period) and one report structure (the MSD's id) on all of them."""
    s, dialect = message.s, message.dialect
    with message.element(s + "MetadataStructure", message.attributes(msd.ref)):
        if message.stub(msd.ref, msd.name, msd.description):
            return
        message.names(msd.name, msd.description)
        with message.element(s + "MetadataStructureComponents"):
            if dialect.references_as_urn:
                with message.element(s + "MetadataAttributeList", {"id": "MetadataAttributeDescriptor"}):
                    _attributes(message, msd.attributes)
                return
            for kind, target in TARGET_IDS.items():
                with message.element(s + "MetadataTarget", {"id": f"{target}_TARGET"}):
                    with message.element(s + "ReportPeriodTarget", {"id": PERIOD_TARGET}):
                        with message.element(s + "LocalRepresentation"):
                            message.leaf(s + "TextFormat", None, {"textType": "ObservationalTimePeriod"})
                    with message.element(s + "IdentifiableObjectTarget", {"id": target,
                                                                          "objectType": OBJECT_TYPES[kind]}):
                        with message.element(s + "LocalRepresentation"):
                            message.leaf(s + "TextFormat", None, {"textType": "IdentifiableReference"})
            with message.element(s + "ReportStructure", {"id": msd.ref.id}):
                _attributes(message, msd.attributes)
                for target in TARGET_IDS.values():
                    message.local_reference(s + "MetadataTarget", f"{target}_TARGET")


def _attributes(message: _Message, attributes: Iterable[ReportAttribute]) -> None:
    s = message.s
    for attribute in attributes:
        occurs = {"id": attribute.id, "minOccurs": str(attribute.min_occurs),
                  "maxOccurs": "unbounded" if attribute.max_occurs is None else str(attribute.max_occurs)}
        if attribute.representation is None:
            occurs["isPresentational"] = "true"
        with message.element(s + "MetadataAttribute", occurs):
            message.reference(s + "ConceptIdentity", attribute.concept_scheme, attribute.concept)
            if attribute.codelist is not None:
                with message.element(s + "LocalRepresentation"):
                    message.reference(s + "Enumeration", attribute.codelist)
            elif attribute.representation is not None:
                with message.element(s + "LocalRepresentation"):
                    message.leaf(s + "TextFormat", None, {"textType": TEXT_TYPES[attribute.representation]})
            _attributes(message, attribute.children)


def metadataflow(message: _Message, flow: Metadataflow) -> None:
    """A metadataflow: its structure, and (3.0) what its reports may be on, as wildcard URNs."""
    s = message.s
    with message.element(s + "Metadataflow", message.attributes(flow.ref)):
        if not message.stub(flow.ref, flow.name):
            message.names(flow.name)
            message.reference(s + "Structure", flow.structure)
        if message.dialect.references_as_urn:  # a stub's too: 3.0 requires them
            for kind in flow.targets:
                message.leaf(s + "Target", wildcard(message.dialect, kind, flow.ref.agency))


def wildcard(dialect: Dialect, kind: str, agency: str) -> str:
    """What a metadataflow's reports may be on: a kind of artefact of an agency (any agency of any scheme)."""
    if kind == "agencyscheme":  # any agency of any scheme
        return "urn:sdmx:org.sdmx.infomodel.base.Agency=*:*(*).*"
    package, cls = {"dataflow": ("datastructure", "Dataflow"),
                    "categoryscheme": ("categoryscheme", "CategoryScheme")}[kind]
    return f"urn:sdmx:org.sdmx.infomodel.{package}.{cls}={agency}:*(*)"


# -- the metadata message --------------------------------------------------------------------------
def export_metadata(sets: Iterable[MetadataSet], flows: dict[Ref, Metadataflow], structures: dict[Ref, ReportStructure],
                    out: IO[bytes], dialect: Dialect, message_id: str, prepared: datetime, sender: str) -> None:
    """Stream the reports as one SDMX-ML generic metadata message (a metadata set per report; there is one at
    least: a message without a report is no valid message)."""
    chosen = list(sets)
    writer = XmlWriter(out)
    writer.declaration()
    generic = GENERIC_30 if dialect.references_as_urn else GENERIC_21
    namespaces = {"xmlns:mes": dialect.message, "xmlns:com": dialect.common, "xmlns:md": generic}
    with writer.element("mes:GenericMetadata", namespaces):
        with writer.element("mes:Header"):
            _identification(writer, message_id, prepared, sender)
            ids = _structure_ids(chosen)
            for flow, structure_id in ids.items():
                with writer.element("mes:Structure", {"structureID": structure_id}):
                    if dialect.references_as_urn:  # 3.0: the metadataflow; 2.1 readers expect the MSD itself
                        writer.leaf("com:StructureUsage", dialect.urn(flow))
                    else:
                        _reference(writer, dialect, "com:Structure", flows[flow].structure)
        for metadata_set in chosen:
            if not metadata_set.report.values and not dialect.references_as_urn:
                continue  # 2.1 wants a reported attribute in a report: one with no public value is in 3.0 only
            _metadata_set(writer, dialect, metadata_set, structures[metadata_set.structure], ids[metadata_set.flow])
    writer.write("\n")
    writer.finish()


def export_specific_metadata(sets: Iterable[MetadataSet], flows: dict[Ref, Metadataflow],
                             structures: dict[Ref, ReportStructure], out: IO[bytes], message_id: str,
                             prepared: datetime, sender: str) -> None:
    """Stream the reports as one SDMX-ML 2.1 structure-specific metadata message: each set of the type its MSD's
    schema (``metadata_schema``) derives, in the MSD's namespace. A report with no public value, or whose public
    values fall short of the occurrences its MSD requires (a required attribute not for publication), is in the
    generic messages only."""
    dialect = DIALECTS_21
    every = list(sets)
    ids = _structure_ids(every)  # the header names every flow: a message has one at least, even with no set
    chosen = [s for s in every if s.report.values and complete(s.report.values, structures[s.structure].attributes)]
    prefixes = {msd: f"ns{number}" for number, msd in enumerate(dict.fromkeys(s.structure for s in every), start=1)}
    namespaces = {"xmlns:mes": dialect.message, "xmlns:com": dialect.common, "xmlns:md": SPECIFIC_21,
                  "xmlns:xsi": XSI} | {f"xmlns:{prefix}": dialect.urn(msd) for msd, prefix in prefixes.items()}
    writer = XmlWriter(out)
    writer.declaration()
    with writer.element("mes:StructureSpecificMetadata", namespaces):
        with writer.element("mes:Header"):
            _identification(writer, message_id, prepared, sender)
            for flow, structure_id in ids.items():
                followed = flows[flow].structure
                with writer.element("mes:Structure", {"structureID": structure_id,
                                                      "namespace": dialect.urn(followed)}):
                    _reference(writer, dialect, "com:Structure", followed)
        for metadata_set in chosen:
            prefix, msd = prefixes[metadata_set.structure], structures[metadata_set.structure]
            report, report_id = metadata_set.report, msd.ref.id
            with writer.element("mes:MetadataSet", {"md:structureRef": ids[metadata_set.flow], "md:setID": report.id,
                                                    "xsi:type": f"{prefix}:MetadataSetType"}):
                with writer.element("Report", {"id": report_id, "xsi:type": f"{prefix}:{report_id}"}):
                    target = TARGET_IDS[metadata_set.target.type]
                    with writer.element("Target", {"id": f"{target}_TARGET",
                                                   "xsi:type": f"{prefix}:{report_id}.{target}_TARGET"}):
                        with writer.element("ReferenceValue", {"id": target,
                                                               "xsi:type": f"{prefix}:{target}_TARGET.{target}"}):
                            with writer.element("ObjectReference"):
                                writer.leaf("URN", target_urn(dialect, metadata_set))
                        if report.period:
                            with writer.element("ReferenceValue", {
                                    "id": PERIOD_TARGET, "xsi:type": f"{prefix}:{target}_TARGET.{PERIOD_TARGET}"}):
                                writer.leaf("ReportPeriod", report.period)
                    with writer.element("AttributeSet"):
                        _values(writer, dialect, report.values, {a.id: a for a in msd.attributes}, specific=True)
    writer.write("\n")
    writer.finish()


def complete(values: list[ReportedAttribute], attributes: Iterable[ReportAttribute]) -> bool:
    """Whether the values give each attribute as often as its structure requires, at every level."""
    given: dict[str, list[ReportedAttribute]] = {}
    for value in values:
        given.setdefault(value.attribute, []).append(value)
    for attribute in attributes:
        mine = given.get(attribute.id, [])
        if len(mine) < attribute.min_occurs:
            return False
        if attribute.children and not all(complete(value.values or [], attribute.children) for value in mine):
            return False
    return True


def _identification(writer: XmlWriter, message_id: str, prepared: datetime, sender: str) -> None:
    """What a header says first: the message's id, that it is no test, when it was prepared, by whom."""
    writer.leaf("mes:ID", message_id)
    writer.leaf("mes:Test", "false")
    writer.leaf("mes:Prepared", f"{prepared.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}")
    writer.leaf("mes:Sender", None, {"id": sender})


def _structure_ids(sets: list[MetadataSet]) -> dict[Ref, str]:
    """Each metadataflow of the message and the id its sets name it by in the header (``STR1``, ``STR2``…)."""
    return {flow: f"STR{number}" for number, flow in enumerate(dict.fromkeys(s.flow for s in sets), start=1)}


def _reference(writer: XmlWriter, dialect: Dialect, tag: str, ref: Ref) -> None:
    if dialect.references_as_urn:
        writer.leaf(tag, dialect.urn(ref))
        return
    package, cls = URN_CLASSES[ref.type]
    with writer.element(tag):
        writer.leaf("Ref", None, {"agencyID": ref.agency, "id": ref.id, "version": dialect.version(ref.version),
                                  "class": cls, "package": package})


def target_urn(dialect: Dialect, metadata_set: MetadataSet) -> str:
    if metadata_set.target_item is not None:
        return dialect.agency_urn(metadata_set.target, metadata_set.target_item)
    return dialect.urn(metadata_set.target)


def _metadata_set(writer: XmlWriter, dialect: Dialect, metadata_set: MetadataSet, msd: ReportStructure,
                  structure_id: str) -> None:
    report = metadata_set.report
    by_id = {attribute.id: attribute for attribute in msd.attributes}
    if dialect.references_as_urn:
        attributes = dialect.maintainable_attributes(metadata_set.ref)  # its flow is an element of its own
        if report.period:
            attributes["publicationPeriod"] = report.period
        with writer.element("mes:MetadataSet", attributes):
            _texts(writer, "com:Name", report.title or {"en": report.id})
            if report.values:  # the flow, its target and its values come together, or not at all
                _reference(writer, dialect, "md:Metadataflow", metadata_set.flow)
                writer.leaf("md:Target", target_urn(dialect, metadata_set))
                _values(writer, dialect, report.values, by_id)
        return
    with writer.element("mes:MetadataSet", {"structureRef": structure_id, "setID": report.id}):  # its title: 3.0's (a 2.1 set has a name
        # that readers such as sdmx1 do not take)
        with writer.element("md:Report", {"id": msd.ref.id}):
            target = TARGET_IDS[metadata_set.target.type]
            with writer.element("md:Target", {"id": f"{target}_TARGET"}):
                with writer.element("md:ReferenceValue", {"id": target}):
                    with writer.element("md:ObjectReference"):
                        writer.leaf("URN", target_urn(dialect, metadata_set))
                if report.period:
                    with writer.element("md:ReferenceValue", {"id": PERIOD_TARGET}):
                        writer.leaf("md:ReportPeriod", report.period)
            if report.values:
                with writer.element("md:AttributeSet"):
                    _values(writer, dialect, report.values, by_id)


def _values(writer: XmlWriter, dialect: Dialect, values: list[ReportedAttribute],
            attributes: dict[str, ReportAttribute], specific: bool = False) -> None:
    """Each value with those under it (3.0 ``Attribute``, 2.1 ``ReportedAttribute`` in an ``AttributeSet``; 2.1
    structure-specific: an element named by the attribute, unqualified, in the structure's order)."""
    if specific:
        order = {attribute_id: place for place, attribute_id in enumerate(attributes)}
        values = sorted((v for v in values if v.attribute in order), key=lambda v: order[v.attribute])
    for value in values:
        attribute = attributes.get(value.attribute)
        if attribute is None:
            continue
        tag = "md:Attribute" if dialect.references_as_urn else "md:ReportedAttribute"
        element = {"id": value.attribute}
        if specific:
            tag, element = value.attribute, {}
        if value.value is not None and not dialect.references_as_urn:
            element["value"] = value.value
        elif value.text and len(value.text) == 1 and attribute.representation == "text" \
                and not dialect.references_as_urn:  # one language: as the SDMX 2.1 samples give a text
            element["value"] = next(iter(value.text.values()))
        with writer.element(tag, element):
            if value.value is not None and dialect.references_as_urn:
                writer.leaf("md:Value", value.value)
            elif value.text is not None and attribute.representation == "xhtml":
                for language, body in value.text.items():
                    writer.write(f'<com:StructuredText xml:lang="{escape_attribute(language)}">'
                                 f"{structured_text(body)}</com:StructuredText>")
            elif value.text is not None and "value" not in element:
                _texts(writer, "com:Text", value.text)
            children = {child.id: child for child in attribute.children}
            if value.values and dialect.references_as_urn:
                _values(writer, dialect, value.values, children)
            elif value.values:
                with writer.element("AttributeSet" if specific else "md:AttributeSet"):
                    _values(writer, dialect, value.values, children, specific)


def _texts(writer: XmlWriter, tag: str, text: dict[str, str] | None) -> None:
    for language, value in (text or {}).items():
        writer.write(f'<{tag} xml:lang="{escape_attribute(language)}">{escape_text(value)}</{tag}>')


def structured_text(body: str) -> str:
    """A formatted text as XHTML 1.1 (what ``check`` lets through is; were it not, its text alone, so that one text
    never makes a whole message invalid)."""
    element = xhtml_element(body)
    if not xhtml_errors(element):
        return element
    text = lxml.html.fragment_fromstring(sanitized(body) or " ", create_parent="div").text_content()
    return f'<div xmlns="{XHTML}">{escape_text(text)}</div>'
