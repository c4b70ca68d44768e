"""SDMX-ML 2.1 and 3.0 structure messages read into record data: agency schemes → agencies, codelists (with
their hierarchy, external references, validity), concept schemes, data structure definitions and their
dataflows → datasets with their variables. Every name and description in every language is kept.

Our own lxml reader, streamed (``iterparse``: a codelist's codes are read one at a time and their elements
freed, so a million-code codelist costs its records, not its XML tree): pysdmx keeps one language and no
code parents, sdmx1 cannot read every SDMX-ML 3.0 structure (design.md §3). What the model has no place
for is reported with its element path, never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.errors import SdmxImportError
from catalogue.importers.spool import Spool
from catalogue.importers.sdmx_xml import children, local_name, path_of, reference_of, texts_of
from catalogue.importers.sdmx_msd import metadata_structures

MAINTAINABLES = {"Codelist": "codelist", "ConceptScheme": "concept_scheme", "AgencyScheme": "agency_scheme",
                 "DataStructure": "data_structure", "Dataflow": "dataflow", "CategoryScheme": "category_scheme",
                 "Categorisation": "categorisation", "ContentConstraint": "constraint", "DataConstraint": "constraint",
                 "HierarchicalCodelist": "hierarchical_codelist", "Hierarchy": "hierarchy",
                 "MetadataStructure": "metadata_structure", "ProvisionAgreement": "provision_agreement"}
COMPONENTS = frozenset({"Dimension", "TimeDimension", "PrimaryMeasure", "Measure", "Attribute", "MeasureDimension"})
ITEMS = {"Code": "codes", "Concept": "concepts", "Agency": "agencies", "Category": "categories"}
TEXT_TYPES = {"String": "string", "Alpha": "string", "AlphaNumeric": "string", "Numeric": "string",
              "Integer": "integer", "Long": "integer", "Short": "integer", "BigInteger": "integer", "Count": "integer",
              "Decimal": "decimal", "Double": "decimal", "Float": "decimal", "Boolean": "boolean",
              "GregorianDay": "date", "DateTime": "datetime", "GregorianYear": "year", "Year": "year",
              "GregorianYearMonth": "year_month", "YearMonth": "year_month",
              "ObservationalTimePeriod": "time_period", "StandardTimePeriod": "time_period",
              "ReportingTimePeriod": "time_period", "TimeRange": "time_period", "BasicTimePeriod": "time_period",
              "GregorianTimePeriod": "time_period"}
"""SDMX text types → the data types of mappings/data_types.yaml (the inverse of their ``sdmx`` column, widened
to the types agencies use)."""


@dataclass
class Unmapped:
    """An element the model has no place for: where it was and why it is not carried over."""

    where: str
    why: str


@dataclass
class Structures:
    """What a structure message holds, as record data."""

    agencies: list[dict[str, Any]] = field(default_factory=list)
    codelists: list[dict[str, Any]] = field(default_factory=list)
    concept_schemes: list[dict[str, Any]] = field(default_factory=list)
    data_structures: list[dict[str, Any]] = field(default_factory=list)
    metadata_structures: list[dict[str, Any]] = field(default_factory=list)
    dataflows: list[dict[str, Any]] = field(default_factory=list)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Category id → its data and where it is (``_where``): themes of the catalogue by that id, or reported."""
    categorisations: list[tuple[tuple[str, str, str], str]] = field(default_factory=list)
    """(dataflow agency, id, version) → category id."""
    core: dict[str, dict[str, str]] = field(default_factory=dict)
    """A concept's core representation (``AGENCY:SCHEME(VERSION).CONCEPT`` → its codelist or data type): what a
    component without a representation of its own takes."""
    maintainers: set[str] = field(default_factory=set)
    unmapped: list[Unmapped] = field(default_factory=list)


DATAFLOW_ANNOTATIONS = frozenset({"LICENCE", "TERMS_OF_USE", "CITATION", "ACCESS_RIGHTS", "RELEASE", "SOURCE_TYPE",
                                  "FITNESS_FOR_PURPOSE"})
"""The annotations our structure messages give a dataflow (its dataset's licence and terms of use; a series'
dataflow, its releases)."""


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.found = Structures()
        self.items: dict[int, Any] = {}
        """An item scheme's items as they are read (a codelist's in a spool: there may be a million)."""

    def report(self, element: Any, why: str) -> None:
        self.found.unmapped.append(Unmapped(path_of(element), why))

    # -- items (streamed) ----------------------------------------------------------------------
    def item(self, element: Any, kind: str) -> None:
        parent = element.getparent()
        data: dict[str, Any] = {"id": element.get("id"), "name": texts_of(element, "Name")}
        description = texts_of(element, "Description")
        if description:
            data["description"] = description
        if kind == "concepts" and element.get("uri"):
            data["uri"] = element.get("uri")
        if kind == "codes":
            parent_code = next((child for child in element if local_name(child) == "Parent"), None)
            if parent_code is not None:
                reference = reference_of(parent_code)
                data["parent"] = reference.id if reference and reference.item is None else (parent_code.text or "").strip()
        if kind == "agencies":
            urn = element.get("urn") or ""
            if "Agency=" in urn:
                data["_urn"] = urn.split("Agency=", 1)[1]
            data["contacts"] = [self.contact(contact, f"{data['id']}_CONTACT_{index}".replace(".", "_"))
                                for index, contact in enumerate(children(element, "Contact"), start=1)]
        for annotation in element.iter("{*}Annotation"):
            annotation_type = "".join(child.text or "" for child in annotation if local_name(child) == "AnnotationType")
            title = "".join(child.text or "" for child in annotation if local_name(child) == "AnnotationTitle")
            if kind == "codes" and annotation_type == "PARENT" and title:
                data["parent"] = title  # how SDMX-ML 3.0 carries a parent that is not an NCName (ours, and FMR's)
            else:
                self.report(annotation, f"annotation '{annotation_type or title or '?'}': the model has no place for "
                                        "annotations of items")
        if kind == "concepts":
            self.core_representation(element, parent)
        self.items.setdefault(id(parent), Spool() if kind == "codes" else []).append(data)

    def core_representation(self, element: Any, scheme: Any) -> None:
        """A concept's core representation, kept for the components that have none of their own (SDMX: they take
        their concept's)."""
        core = next((child for child in element if local_name(child) == "CoreRepresentation"), None)
        if core is None:
            return
        representation = self.representation(core)
        if representation:
            key = f"{scheme.get('agencyID')}:{scheme.get('id')}({scheme.get('version', '1.0')}).{element.get('id')}"
            self.found.core[key] = representation

    def representation(self, element: Any) -> dict[str, str]:
        """What a (local or core) representation gives a variable: a codelist, or a data type."""
        enumeration = next((child for child in element if local_name(child) == "Enumeration"), None)
        text_format = next((child for child in element if local_name(child) in ("TextFormat", "EnumerationFormat")), None)
        if enumeration is not None:
            reference = reference_of(enumeration)
            if reference is not None:
                return {"codelist": reference.written() if reference.agency else reference.id}
        elif text_format is not None:
            text_type = text_format.get("textType") or text_format.get("dataType") or "String"
            if text_type not in TEXT_TYPES:
                self.report(text_format, f"text type '{text_type}': imported as string")
            return {"data_type": TEXT_TYPES.get(text_type, "string")}
        return {}

    def contact(self, element: Any, fallback_id: str) -> dict[str, Any]:
        """A contact point; one without an id (SDMX makes it optional) is named after its agency."""
        contact: dict[str, Any] = {"id": element.get("id") or fallback_id, "name": texts_of(element, "Name")}
        for name, key in (("Department", "department"), ("Role", "role")):
            texts = texts_of(element, name)
            if texts:
                contact[key] = texts
        for name, key in (("Telephone", "telephone"), ("URI", "url"), ("Email", "email")):
            values = [child.text.strip() for child in element if local_name(child) == name and child.text]
            if values:
                contact[key] = values[0]
        return contact

    # -- maintainable artefacts ---------------------------------------------------------------------
    def head(self, element: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"id": element.get("id"), "name": texts_of(element, "Name")}
        description = texts_of(element, "Description")
        if description:
            data["description"] = description
        return data

    def version(self, element: Any, maintained: bool = False) -> str:
        """The artefact's version: a codelist or a concept scheme (``maintained``) keeps a draft's extension
        (``1.3.0-draft``); a data structure or a dataflow, which become a dataset, has none."""
        version = element.get("version", "1.0")
        core = version.split("-")[0]
        if core != version and not maintained:
            self.report(element, f"version '{version}': a draft version is imported as the release {core}")
            return core
        return version

    def maintainable(self, element: Any, kind: str) -> None:
        agency = element.get("agencyID", "")
        for annotation in children(next(iter(children(element, "Annotations")), element), "Annotation"):
            annotation_type = "".join(c.text or "" for c in annotation if local_name(c) == "AnnotationType").strip()
            if kind == "dataflow" and annotation_type in DATAFLOW_ANNOTATIONS:
                continue  # a dataset's licence and terms of use, as our structure messages write them: read below
            self.report(annotation, "annotation: the model has no place for annotations of this artefact")
        handler = getattr(self, kind, None)
        if handler is None:
            self.report(element, f"{local_name(element)}: no record of the model corresponds to it")
            return
        if agency and kind != "agency_scheme":  # an agency scheme's maintainer is its agencies' parent, or SDMX
            self.found.maintainers.add(agency)
        handler(element, agency)

    def codelist(self, element: Any, agency: str) -> None:
        data = {**self.head(element), "agency": agency, "version": self.version(element, maintained=True)}
        codes = self.items.pop(id(element), [])
        if not codes:  # an external reference, or a stub (a message's references given by name only)
            data["external_urn"] = element.get("urn") or \
                f"urn:sdmx:org.sdmx.infomodel.codelist.Codelist={agency}:{data['id']}({data['version']})"
            if element.get("isExternalReference") != "true":
                self.report(element, "no codes: a stub of the codelist, imported as a reference to it by URN")
        data["codes"] = codes
        for attribute, key in (("validFrom", "valid_from"), ("validTo", "valid_to")):
            if element.get(attribute):
                data[key] = element.get(attribute)[:10]
        if element.get("isPartial") == "true":
            self.report(element, "isPartial: only some codes are in this message; they are imported as the codelist")
        self.found.codelists.append(data)

    def concept_scheme(self, element: Any, agency: str) -> None:
        concepts = self.items.pop(id(element), [])
        if element.get("isExternalReference") == "true" and not concepts:
            where = element.get("structureURL") or element.get("serviceURL") or "another message"
            self.report(element, f"an external reference: its concepts are in {where}; import that too")
            return
        data = {**self.head(element), "agency": agency, "version": self.version(element, maintained=True),
                "concepts": concepts}
        self.found.concept_schemes.append(data)

    def agency_scheme(self, element: Any, agency: str) -> None:
        """Agencies of the SDMX scheme are top-level (``IMF``); those of an agency's own scheme are nested under it
        (RES of IMF's scheme is ``IMF.RES``); a URN that names another agency is reported and ignored."""
        for data in self.items.pop(id(element), []):
            if not data["contacts"]:
                del data["contacts"]
            urn = data.pop("_urn", "")
            if not _urn_agrees(urn, agency, data["id"]):
                self.report(element, f"agency '{data['id']}': its URN names '{urn}', which is not the agency its "
                                     "scheme makes it: read as its scheme says")
            data["id"] = _agency_id(agency, data["id"])
            self.found.agencies.append(data)

    def category_scheme(self, element: Any, agency: str) -> None:
        where = path_of(element)
        for category in self.items.pop(id(element), []):
            self.found.categories.setdefault(category["id"], {**category, "_where": f"{where}/Category[{category['id']}]"})

    def categorisation(self, element: Any, agency: str) -> None:
        source, target = (next((child for child in element if local_name(child) == name), None) for name in ("Source", "Target"))
        flow = reference_of(source) if source is not None else None
        category = reference_of(target) if target is not None else None
        if flow is None or category is None or category.item is None:
            self.report(element, "categorisation: its source or its target category cannot be read")
            return
        self.found.categorisations.append(((flow.agency, flow.id, flow.version), category.item))

    def metadata_structure(self, element: Any, agency: str) -> None:
        self.found.metadata_structures.extend(metadata_structures(
            element, agency, self.head(element), self.version(element, maintained=True), self.report))

    def data_structure(self, element: Any, agency: str) -> None:
        data = {**self.head(element), "agency": agency, "version": self.version(element), "variables": []}
        components = next((child for child in element if local_name(child) == "DataStructureComponents"), None)
        lists = [] if components is None else [child for child in components
                                                 if local_name(child) in ("DimensionList", "MeasureList", "AttributeList")]
        order = {"DimensionList": 0, "MeasureList": 1, "AttributeList": 2}  # as our writer orders variables
        for component in [c for part in sorted(lists, key=lambda p: order[local_name(p)]) for c in part]:
            if local_name(component) not in COMPONENTS:
                if local_name(component) not in ("Annotations", "Name", "Description", ""):
                    self.report(component, f"{local_name(component)}: the model has no place for it in a data structure")
                continue
            variable = self.component(component)
            if variable is not None:
                data["variables"].append(variable)
        for group in [] if components is None else children(components, "Group"):
            self.report(group, "group: the model has no groups of dimensions (their attributes attach to series)")
        self.found.data_structures.append(data)

    def component(self, element: Any) -> dict[str, Any] | None:
        kind = local_name(element)
        if kind == "MeasureDimension":
            self.report(element, "measure dimension: the model has none (SDMX 2.1 only)")
            return None
        roles = {"Dimension": "dimension", "TimeDimension": "time_dimension", "PrimaryMeasure": "measure",
                 "Measure": "measure", "Attribute": "attribute"}
        identity = next((child for child in element if local_name(child) == "ConceptIdentity"), None)
        concept = reference_of(identity) if identity is not None else None
        variable: dict[str, Any] = {"id": element.get("id") or (concept.item if concept else None),
                                    "role": roles[kind], "data_type": "string"}
        if concept is not None and concept.item:
            variable["concept"] = f"{concept.written()}.{concept.item}" if concept.agency else concept.item
        representation = next((child for child in element if local_name(child) == "LocalRepresentation"), None)
        local = self.representation(representation) if representation is not None else {}
        if local:
            variable.update(local)
        else:
            variable["_core"] = True  # takes its concept's core representation, where the message has it
        if kind == "Attribute":
            usage = element.get("usage") or element.get("assignmentStatus") or ""
            if usage.lower() == "mandatory":
                variable["constraints"] = {"required": True}
            relationship = next((child for child in element if local_name(child) == "AttributeRelationship"), None)
            levels = {local_name(child) for child in relationship} if relationship is not None else set()
            variable["attachment"] = "observation" if levels & {"PrimaryMeasure", "Observation"} else \
                "series" if "Dimension" in levels else "dataset"
            if "Group" in levels:
                variable["attachment"] = "series"
        if variable["role"] == "time_dimension" and variable["data_type"] == "string":
            variable["data_type"] = "time_period"
        return variable

    def dataflow(self, element: Any, agency: str) -> None:
        structure = next((child for child in element if local_name(child) == "Structure"), None)
        reference = reference_of(structure) if structure is not None else None
        data = {**self.head(element), "agency": agency, "version": self.version(element),
                "structure": (reference.agency, reference.id, reference.version) if reference else None}
        annotations: dict[str, dict[str, Any]] = {}
        releases: list[dict[str, Any]] = []
        for annotation in children(next(iter(children(element, "Annotations")), element), "Annotation"):
            fields = {local_name(c): (c.text or "").strip() for c in annotation if local_name(c) != "AnnotationText"}
            if fields.get("AnnotationType") == "RELEASE":  # a release of the series the dataflow is
                releases.append({"id": annotation.get("id") or "", "period": fields.get("AnnotationTitle") or "",
                                 "texts": texts_of(annotation, "AnnotationText"), "where": path_of(annotation)})
            elif fields.get("AnnotationType") in DATAFLOW_ANNOTATIONS:
                annotations.setdefault(fields["AnnotationType"], {
                    "title": fields.get("AnnotationTitle") or None, "url": fields.get("AnnotationURL") or None,
                    "texts": texts_of(annotation, "AnnotationText")})
        data["_annotations"] = annotations
        data["_releases"] = releases
        self.found.dataflows.append(data)

    # -- the message ------------------------------------------------------------------------------
    def read(self) -> Structures:
        from lxml import etree

        try:
            for _, element in etree.iterparse(str(self.path), events=("end",), resolve_entities=False,
                                              no_network=True, load_dtd=False, huge_tree=True):
                if isinstance(element.tag, str) and element.getparent() is not None and \
                        element.getparent().tag is not None:
                    self.dispatch(element)
        except etree.XMLSyntaxError as error:
            raise SdmxImportError(self.path, f"not a readable XML document: {error.msg}",
                                  error.lineno or None) from None
        return self.found

    def dispatch(self, element: Any) -> None:
        local = local_name(element)
        parent = element.getparent()
        in_scheme = parent is not None and local_name(parent) in MAINTAINABLES
        if local in ITEMS and in_scheme:
            self.item(element, ITEMS[local])
            _free(element, only=local)
        elif parent is not None and local_name(parent) not in ITEMS and \
                element.get("agencyID") is not None and local_name(parent) != "Structure" and \
                (parent.getparent() is not None and local_name(parent.getparent()) == "Structures"):
            if local in MAINTAINABLES:
                self.maintainable(element, MAINTAINABLES[local])
            else:  # a data provider scheme, a process, a transformation scheme…: said, never dropped in silence
                self.report(element, f"{local}: no record of the model corresponds to it")
            _free(element)


def _agency_id(scheme_agency: str, item_id: str) -> str:
    """An agency's full id, as the scheme that holds it gives it: an item of SDMX's scheme is top-level (``IMF``),
    one of IMF's is nested under IMF (``IMF.RES``)."""
    return item_id if scheme_agency in ("", "SDMX") else f"{scheme_agency}.{item_id}"


def _urn_agrees(urn_target: str, scheme_agency: str, item_id: str) -> bool:
    """Whether an agency's URN (2.1: ``IMF.RES``; 3.0: ``IMF:AGENCIES(1.0).RES``) names the agency its scheme makes
    it: a message cannot make an item of one agency's scheme another agency (or a child of another)."""
    if ":" in urn_target:
        return urn_target.split(":", 1)[0] == (scheme_agency or "SDMX") and urn_target.rsplit(").", 1)[-1] == item_id
    return urn_target in ("", _agency_id(scheme_agency, item_id))


def _free(element: Any, only: str | None = None) -> None:
    """Drop an element that was read, and the siblings before it (of its own kind when ``only`` is given:
    an item's scheme still needs its names), so the tree does not grow."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    previous = element.getprevious()
    while parent is not None and previous is not None and (only is None or local_name(previous) == only):
        parent.remove(previous)
        previous = element.getprevious()


def read_structure_message(path: Path) -> Structures:
    """Every structure of one SDMX-ML 2.1 or 3.0 structure message, as record data."""
    refuse_doctype(path)
    return _Reader(path).read()


def refuse_doctype(path: Path) -> None:
    """A DTD (where external and billion-laughs entities live) has no place in a structure message."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise SdmxImportError(path, "the document declares a DTD or entities: refused (an SDMX-ML structure "
                                    "message has none, and entities can read local files or expand without end)")


def structure_files(path: Path) -> Iterator[Path]:
    """A file, or every ``.xml`` file of a folder, in name order."""
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*.xml") if p.is_file())
    else:
        yield path
