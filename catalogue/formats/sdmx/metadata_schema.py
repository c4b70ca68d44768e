"""The XML schema of SDMX-ML 2.1 structure-specific metadata for one metadata structure (MSD), made from the MSD in
an SDMX-ML 2.1 structure message, as SDMX-ML 2.1 (Section 3A, Part IV) derives it: restrictions of the abstract
types of ``SDMXMetadataStructureSpecific.xsd``, in a namespace of the MSD's own.

- ``MetadataSetType``: the set, its ``Report`` of a report structure's type;
- a report structure ``R``: type ``R`` (its id fixed), its ``Target`` of type ``R.T`` for each metadata target ``T``
  the report structure is on, its ``AttributeSet`` of type ``R.AttributeSet``;
- a metadata target ``T``: a ``ReferenceValue`` per target object ``O`` of type ``T.O`` (the report period's
  ``O`` its id, ``ReportPeriodTarget`` unless given);
- a metadata attribute at path ``A.B``: an element ``B`` of type ``R.A.B``; its ``value`` typed by its
  representation (text, a codelist's codes, a number, a period, a URL), its texts (``common:Text``; formatted text
  ``common:StructuredText``), and the attributes under it in an ``AttributeSet`` of type ``R.A.B.AttributeSet``,
  in the MSD's order and occurrences.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from catalogue.formats.xmlwriter import escape_attribute

METADATA_21 = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/metadata/structurespecific"
COMMON_21 = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
MSD_URN = "urn:sdmx:org.sdmx.infomodel.metadatastructure.MetadataStructure={agency}:{id}({version})"

SIMPLE_TYPES = {
    "String": "xs:string", "AlphaNumeric": "common:AlphaNumericType", "Alpha": "common:AlphaType",
    "Numeric": "common:NumericType", "BigInteger": "xs:integer", "Integer": "xs:int", "Long": "xs:long",
    "Short": "xs:short", "Decimal": "xs:decimal", "Float": "xs:float", "Double": "xs:double",
    "Boolean": "xs:boolean", "URI": "xs:anyURI", "Count": "xs:integer", "InclusiveValueRange": "xs:decimal",
    "ExclusiveValueRange": "xs:decimal", "Incremental": "xs:decimal",
    "ObservationalTimePeriod": "common:ObservationalTimePeriodType",
    "StandardTimePeriod": "common:StandardTimePeriodType", "BasicTimePeriod": "common:BasicTimePeriodType",
    "GregorianTimePeriod": "common:GregorianTimePeriodType", "GregorianYear": "xs:gYear",
    "GregorianYearMonth": "xs:gYearMonth", "GregorianDay": "xs:date",
    "ReportingTimePeriod": "common:ReportingTimePeriodType", "ReportingYear": "common:ReportingYearType",
    "ReportingSemester": "common:ReportingSemesterType", "ReportingTrimester": "common:ReportingTrimesterType",
    "ReportingQuarter": "common:ReportingQuarterType", "ReportingMonth": "common:ReportingMonthType",
    "ReportingWeek": "common:ReportingWeekType", "ReportingDay": "common:ReportingDayType",
    "DateTime": "xs:dateTime", "TimeRange": "common:TimeRangeType", "Month": "xs:gMonth",
    "MonthDay": "xs:gMonthDay", "Day": "xs:gDay", "Time": "xs:time", "Duration": "xs:duration",
    "GeospatialInformation": "xs:string"}
"""An SDMX text type → the XML Schema type of a value (SDMX-ML 2.1, Section 3A, Part IV)."""
REFERENCED = frozenset({
    "Agency", "AgencyScheme", "AttachmentConstraint", "Categorisation", "Category", "CategoryScheme", "Code",
    "Codelist", "Concept", "ConceptScheme", "ContentConstraint", "Dataflow", "DataConsumer", "DataConsumerScheme",
    "DataProvider", "DataProviderScheme", "DataStructure", "HierarchicalCodelist", "Hierarchy", "Metadataflow",
    "MetadataStructure", "OrganisationUnitScheme", "Process", "ProvisionAgreement", "ReportingTaxonomy",
    "StructureSet"})
"""The object types with a reference type of their own in SDMX-ML 2.1 (``common:<type>ReferenceType``); any other
is referred to by ``common:ObjectReferenceType``."""
MULTILINGUAL = frozenset({"String"})
"""The text types a value may give in several languages (``isMultiLingual``, true unless said)."""


@dataclass(frozen=True)
class SchemaFiles:
    """Where a generated schema imports SDMX's own modules from (file URIs, or names beside it)."""

    structure_specific: str = "SDMXMetadataStructureSpecific.xsd"
    common: str = "SDMXCommon.xsd"


def msd_namespace(msd: Any) -> str:
    """The namespace of an MSD's structure-specific metadata: the MSD's URN."""
    return MSD_URN.format(agency=msd.get("agencyID"), id=msd.get("id"), version=msd.get("version", "1.0"))


def codelists_of(message: Any) -> dict[tuple[str, str, str], list[str]]:
    """The codes of each codelist a 2.1 structure message holds, by (agency, id, version)."""
    found = {}
    for element in message.iter("{*}Codelist"):
        if element.get("agencyID") and element.get("id"):
            found[(element.get("agencyID"), element.get("id"), element.get("version", "1.0"))] = [
                code.get("id") for code in element if isinstance(code.tag, str) and _name(code) == "Code"]
    return found


def metadata_schema(msd: Any, codelists: Mapping[tuple[str, str, str], list[str]], files: SchemaFiles = SchemaFiles(),
                    namespace: str | None = None) -> str:
    """The structure-specific schema of one ``MetadataStructure`` element of a 2.1 structure message."""
    namespace = namespace or msd_namespace(msd)
    components = _child(msd, "MetadataStructureComponents")
    targets = {target.get("id"): target for target in _children(components, "MetadataTarget")}
    reports = _children(components, "ReportStructure")
    types: list[str] = []
    report_type = reports[0].get("id") if len(reports) == 1 else "md:ReportType"
    types.append(f'<xs:complexType name="MetadataSetType"><xs:complexContent>'
                 f'<xs:restriction base="md:MetadataSetType"><xs:sequence>'
                 f'<xs:element ref="common:Annotations" minOccurs="0"/>'
                 f'<xs:element ref="common:Name" minOccurs="0" maxOccurs="unbounded"/>'
                 f'<xs:element name="DataProvider" type="common:DataProviderReferenceType" form="unqualified" '
                 f'minOccurs="0"/>'
                 f'<xs:element name="Report" type="{report_type}" form="unqualified" '
                 f'maxOccurs="unbounded"/>'
                 f"</xs:sequence></xs:restriction></xs:complexContent></xs:complexType>")
    for target_id, target in targets.items():
        types.extend(_reference_values(target_id, target))
    for report in reports:
        types.extend(_report(report, targets, codelists))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:md="{METADATA_21}" '
            f'xmlns:common="{COMMON_21}" xmlns="{escape_attribute(namespace)}" '
            f'targetNamespace="{escape_attribute(namespace)}" elementFormDefault="qualified" '
            f'attributeFormDefault="unqualified">'
            f'<xs:import namespace="{METADATA_21}" schemaLocation="{escape_attribute(files.structure_specific)}"/>'
            f'<xs:import namespace="{COMMON_21}" schemaLocation="{escape_attribute(files.common)}"/>'
            + "".join(types) + "</xs:schema>\n")


def _reference_values(target_id: str, target: Any) -> Iterator[str]:
    """A type per target object of a metadata target (``T.O``): its id fixed, its value the one kind it takes."""
    for component in target:
        if not isinstance(component.tag, str) or _name(component) in ("Annotations",):
            continue
        kind = _name(component)
        component_id = component.get("id") or kind
        element = {"ReportPeriodTarget": '<xs:element name="ReportPeriod" '
                                         'type="common:ObservationalTimePeriodType" form="unqualified"/>',
                   "IdentifiableObjectTarget": f'<xs:element name="ObjectReference" '
                                               f'type="common:{_reference_type(component)}" form="unqualified"/>',
                   "DataSetTarget": '<xs:element name="DataSetReference" type="common:SetReferenceType" '
                                    'form="unqualified"/>',
                   "KeyDescriptorValuesTarget": '<xs:element name="DataKey" type="common:DataKeyType" '
                                                'form="unqualified"/>',
                   "ConstraintContentTarget": '<xs:element name="ConstraintContentReference" '
                                              'type="common:AttachmentConstraintReferenceType" '
                                              'form="unqualified"/>'}.get(kind)
        if element is None:
            continue
        yield (f'<xs:complexType name="{target_id}.{component_id}"><xs:complexContent>'
               f'<xs:restriction base="md:ReferenceValueType"><xs:choice>{element}</xs:choice>'
               f'<xs:attribute name="id" type="common:IDType" fixed="{component_id}"/>'
               f"</xs:restriction></xs:complexContent></xs:complexType>")


def _reference_type(component: Any) -> str:
    kind = component.get("objectType", "")
    return f"{kind}ReferenceType" if kind in REFERENCED else "ObjectReferenceType"


def _report(report: Any, targets: Mapping[str, Any], codelists: Mapping[tuple[str, str, str], list[str]]
            ) -> Iterator[str]:
    """A report structure's type, its targets' and its attributes'."""
    report_id = report.get("id")
    on = [_ref_id(reference) for reference in _children(report, "MetadataTarget")]
    yield (f'<xs:complexType name="{report_id}"><xs:complexContent><xs:restriction base="md:ReportType">'
           f'<xs:sequence><xs:element ref="common:Annotations" minOccurs="0"/>'
           f'<xs:element name="Target" type="{report_id}.Target" form="unqualified"/>'
           f'<xs:element name="AttributeSet" type="{report_id}.AttributeSet" form="unqualified"/>'
           f'</xs:sequence><xs:attribute name="id" type="common:IDType" fixed="{report_id}"/>'
           f"</xs:restriction></xs:complexContent></xs:complexType>")
    yield (f'<xs:complexType name="{report_id}.Target" abstract="true"><xs:complexContent>'
           f'<xs:restriction base="md:TargetType"><xs:sequence>'
           f'<xs:element name="ReferenceValue" type="md:ReferenceValueType" form="unqualified" '
           f'maxOccurs="unbounded"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>')
    for target_id in on:
        size = len([c for c in targets[target_id] if isinstance(c.tag, str) and _name(c) != "Annotations"]) \
            if target_id in targets else 1
        yield (f'<xs:complexType name="{report_id}.{target_id}"><xs:complexContent>'
               f'<xs:restriction base="{report_id}.Target"><xs:sequence>'
               f'<xs:element name="ReferenceValue" type="md:ReferenceValueType" form="unqualified" '
               f'maxOccurs="{max(size, 1)}"/></xs:sequence>'
               f'<xs:attribute name="id" type="common:IDType" fixed="{target_id}"/>'
               f"</xs:restriction></xs:complexContent></xs:complexType>")
    attributes = _children(report, "MetadataAttribute")
    yield _attribute_set(f"{report_id}.AttributeSet", report_id, attributes)
    for attribute in attributes:
        yield from _attribute(attribute, report_id, codelists)


def _attribute_set(name: str, prefix: str, attributes: list[Any]) -> str:
    """The set of attributes at one level: each in the MSD's order, as often as it may occur."""
    elements = "".join(
        f'<xs:element name="{a.get("id")}" type="{prefix}.{a.get("id")}" form="unqualified" '
        f'minOccurs="{a.get("minOccurs", "1")}" maxOccurs="{a.get("maxOccurs", "1")}"/>' for a in attributes)
    return f'<xs:complexType name="{name}"><xs:sequence>{elements}</xs:sequence></xs:complexType>'


def _attribute(attribute: Any, prefix: str, codelists: Mapping[tuple[str, str, str], list[str]]) -> Iterator[str]:
    """A metadata attribute's type (and its children's, and their set's)."""
    name = f"{prefix}.{attribute.get('id')}"
    children = _children(attribute, "MetadataAttribute")
    representation = _child(attribute, "LocalRepresentation")
    text_format = _child(representation, "TextFormat") if representation is not None else None
    enumeration = _child(representation, "Enumeration") if representation is not None else None
    text_type = text_format.get("textType", "String") if text_format is not None else None
    content = ['<xs:element ref="common:Annotations" minOccurs="0"/>']
    value = '<xs:attribute name="value" use="prohibited"/>'
    if enumeration is not None:
        value = f'<xs:attribute name="value" type="{name}.Codes"/>'
        yield _codes(f"{name}.Codes", codelists.get(_maintainable(enumeration)))
    elif text_type == "XHTML":
        content.append('<xs:element ref="common:StructuredText" minOccurs="0" maxOccurs="unbounded"/>')
    elif text_type is not None:
        value = f'<xs:attribute name="value" type="{SIMPLE_TYPES.get(text_type, "xs:string")}"/>'
        if text_type in MULTILINGUAL and text_format is not None \
                and text_format.get("isMultiLingual", "true") == "true":
            content.append('<xs:element ref="common:Text" minOccurs="0" maxOccurs="unbounded"/>')
    if children:
        required = any(child.get("minOccurs", "1") != "0" for child in children)
        content.append(f'<xs:element name="AttributeSet" type="{name}.AttributeSet" form="unqualified" '
                       f'minOccurs="{1 if required else 0}"/>')
        yield _attribute_set(f"{name}.AttributeSet", name, children)
    yield (f'<xs:complexType name="{name}"><xs:complexContent><xs:restriction base="md:ReportedAttributeType">'
           f'<xs:sequence>{"".join(content)}</xs:sequence>'
           f'<xs:attribute name="id" type="common:IDType" fixed="{attribute.get("id")}"/>{value}'
           f"</xs:restriction></xs:complexContent></xs:complexType>")
    for child in children:
        yield from _attribute(child, name, codelists)


def _codes(name: str, codes: list[str] | None) -> str:
    """A codelist's codes as an enumeration (a codelist the message does not hold: any identifier)."""
    if codes is None:
        return f'<xs:simpleType name="{name}"><xs:restriction base="common:IDType"/></xs:simpleType>'
    values = "".join(f'<xs:enumeration value="{escape_attribute(code)}"/>' for code in codes)
    return f'<xs:simpleType name="{name}"><xs:restriction base="xs:string">{values}</xs:restriction></xs:simpleType>'


def _maintainable(enumeration: Any) -> tuple[str, str, str]:
    reference = next((c for c in enumeration if isinstance(c.tag, str)), None)
    if reference is None:
        return ("", "", "")
    if _name(reference) == "URN":
        urn = (reference.text or "").strip()
        agency, rest = urn.split("=", 1)[-1].split(":", 1) if "=" in urn else ("", urn)
        identifier, _, version = rest.partition("(")
        return (agency, identifier, version.rstrip(")") or "1.0")
    return (reference.get("agencyID", ""), reference.get("id", ""), reference.get("version", "1.0"))


def _ref_id(reference: Any) -> str:
    """A report structure's reference to a metadata target (a ``Ref`` element's id, or its text)."""
    inner = next((c for c in reference if isinstance(c.tag, str)), None)
    return (inner.get("id") if inner is not None else (reference.text or "").strip()) or ""


def _children(parent: Any, name: str) -> list[Any]:
    return [c for c in parent if isinstance(c.tag, str) and _name(c) == name] if parent is not None else []


def _child(parent: Any, name: str) -> Any:
    found = _children(parent, name)
    return found[0] if found else None


def _name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
