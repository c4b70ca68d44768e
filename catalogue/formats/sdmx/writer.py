"""A streaming SDMX-ML structure message writer: every name and description in every language,
code hierarchies kept, memory flat in the number of codes (see ``catalogue.formats.xmlwriter``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from functools import partial
from typing import IO, Any, TypeVar

from catalogue.model import Agency, Codelist, ConceptScheme
from catalogue.formats.xmlwriter import XmlWriter, escape_attribute, escape_text
from catalogue.formats.sdmx.dialect import ITEM_CLASSES, URN_CLASSES, Dialect
from catalogue.formats.sdmx.metadata_writer import metadata_structure, metadataflow
from catalogue.formats.sdmx.structures import (AGENCY_SCHEME_ID, FIXED_VERSION, Annotation, Categorisation, Component, Dataflow,
                         DataStructure, Ref, Structures)

T = TypeVar("T")
XML_LANG = "xml:lang"


class _Message:
    """Writes the parts of one message, with the prefixes declared on its root."""

    def __init__(self, writer: XmlWriter, dialect: Dialect, structures: Structures) -> None:
        self.structures = structures
        self.out = writer
        self.element = writer.element
        self.leaf = writer.leaf
        self.dialect = dialect
        self.m = "mes:"
        self.s = "str:"
        self.c = "com:"
        self.artefact: Callable[[Ref, Callable[[], None]], None] = lambda ref, write: write()

    def texts(self, tag: str, text: dict[str, str] | None) -> None:
        if text:
            self.out.write("".join(f'<{tag} xml:lang="{escape_attribute(language)}">{escape_text(value)}</{tag}>'
                                   for language, value in text.items()))

    def names(self, name: dict[str, str] | None, description: dict[str, str] | None = None) -> None:
        self.texts(self.c + "Name", name)
        self.texts(self.c + "Description", description)

    def reference(self, tag: str, ref: Ref, item: str | None = None) -> None:
        """A reference to a maintainable artefact or to an item of one (a concept, a category)."""
        if self.dialect.references_as_urn:
            self.leaf(tag, self.dialect.urn(ref, item))
            return
        package, cls = _ref_class(ref, item)
        attributes = {"agencyID": ref.agency, "package": package, "class": cls}
        if item is None:
            attributes.update(id=ref.id, version=self.dialect.version(ref.version))
        else:
            attributes.update(id=item, maintainableParentID=ref.id,
                              maintainableParentVersion=self.dialect.version(ref.version))
        with self.element(tag):
            self.leaf("Ref", None, attributes)

    def local_reference(self, tag: str, target: str) -> None:
        """A reference to a component or code within the same artefact."""
        target = escape_attribute(target)
        if self.dialect.references_as_urn:
            self.out.write(f"<{tag}>{target}</{tag}>")
        else:
            self.out.write(f'<{tag}><Ref id="{target}"/></{tag}>')

    def annotations(self, annotations: list[Annotation]) -> None:
        if not annotations:
            return
        with self.element(self.c + "Annotations"):
            for annotation in annotations:
                with self.element(self.c + "Annotation", {"id": annotation.id} if annotation.id else None):
                    if annotation.title:
                        self.leaf(self.c + "AnnotationTitle", annotation.title)
                    self.leaf(self.c + "AnnotationType", annotation.type)
                    if annotation.url:
                        self.leaf(self.c + "AnnotationURL", annotation.url)
                    self.texts(self.c + "AnnotationText", annotation.text)

    # -- stubs and partial item schemes (SDMX-REST's ``detail``) -----------------------------------
    def attributes(self, ref: Ref, attributes: dict[str, str] | None = None) -> dict[str, str]:
        """A maintainable artefact's attributes, saying when it is a stub or holds only some items."""
        attributes = dict(attributes or self.dialect.maintainable_attributes(ref))
        if ref in self.structures.stubs:
            attributes["isExternalReference"] = "true"
            if self.structures.structure_url:
                attributes["structureURL"] = self.structures.structure_url(ref)
        elif ref in self.structures.partial:
            attributes["isPartial"] = "true"
        return attributes

    def stub(self, ref: Ref, name: dict[str, str] | None, description: dict[str, str] | None = None,
             annotations: list[Annotation] | None = None) -> bool:
        """Write a stub's content (and say so), or nothing for an artefact written in full."""
        kind = self.structures.stubs.get(ref)
        if kind is None:
            return False
        if kind == "complete":
            self.annotations(annotations or [])
        self.names(name, description if kind == "complete" else None)
        return True

    def kept(self, ref: Ref, item_id: str) -> bool:
        items = self.structures.partial.get(ref)
        return items is None or item_id in items

    # -- artefacts ---------------------------------------------------------------------------
    def agency_scheme(self, ref: Ref, agencies: list[Agency], name: dict[str, str]) -> None:
        attributes = {"id": AGENCY_SCHEME_ID, "urn": self.dialect.urn(ref), "agencyID": ref.agency}
        if self.dialect.writes_agency_scheme_version:
            attributes["version"] = FIXED_VERSION
        with self.element(self.s + "AgencyScheme", self.attributes(ref, attributes)):
            if self.stub(ref, name):
                return
            self.names(name)
            for agency in agencies:
                # SDMX nests agencies: 'BSO.DEMO' is the item 'DEMO' of the scheme that 'BSO' maintains
                item = agency.id.removeprefix(f"{ref.agency}.")
                if not self.kept(ref, item):
                    continue
                with self.element(self.s + "Agency", {"id": item, "urn": self.dialect.agency_urn(ref, agency.id)}):
                    self.names(agency.name, agency.description)
                    for contact in agency.contacts:
                        self.contact(contact)

    def contact(self, contact: Any) -> None:
        with self.element(self.s + "Contact", {"id": contact.id}):
            self.texts(self.c + "Name", contact.name)
            self.texts(self.s + "Department", contact.department)
            self.texts(self.s + "Role", contact.role)
            if contact.telephone:
                self.leaf(self.s + "Telephone", contact.telephone)
            if contact.url:
                self.leaf(self.s + "URI", contact.url)
            if contact.email:
                self.leaf(self.s + "Email", contact.email)

    def codelist(self, ref: Ref, codelist: Codelist) -> None:
        attributes = self.attributes(ref)
        if codelist.external_urn:
            attributes["isExternalReference"] = "true"
        if codelist.valid_from:
            attributes["validFrom"] = _datetime(codelist.valid_from)
        if codelist.valid_to:
            attributes["validTo"] = _datetime(codelist.valid_to)
        with self.element(self.s + "Codelist", attributes):
            if self.stub(ref, codelist.name, codelist.description):
                return
            self.names(codelist.name, codelist.description)
            self.codes(ref, codelist)

    def codes(self, ref: Ref, codelist: Codelist) -> None:
        """The codes of a codelist: the hot loop of large classifications, written one string per code."""
        urn_prefix = escape_attribute(self.dialect.urn(ref, ""))
        write, parent_markup = self.out.write, self.dialect.parent_markup
        kept = self.structures.partial.get(ref)
        for code in codelist.codes:
            if kept is not None and code.id not in kept:
                continue
            code_id = escape_attribute(code.id)
            markup = [f'<str:Code id="{code_id}" urn="{urn_prefix}{code_id}">']
            parent = code.parent if kept is None or code.parent in kept else None
            nameable_parent = parent is not None and self.dialect.can_name_parent(parent)
            if parent is not None and not nameable_parent:
                markup.append(f"<com:Annotations><com:Annotation><com:AnnotationTitle>{escape_text(parent)}"
                              "</com:AnnotationTitle><com:AnnotationType>PARENT</com:AnnotationType>"
                              "</com:Annotation></com:Annotations>")
            for language, value in code.name.items():
                markup.append(f'<com:Name xml:lang="{language}">{escape_text(value)}</com:Name>')
            for language, value in (code.description or {}).items():
                markup.append(f'<com:Description xml:lang="{language}">{escape_text(value)}</com:Description>')
            if nameable_parent and parent is not None:
                markup.append(parent_markup(escape_text(parent)))
            markup.append("</str:Code>")
            write("".join(markup))

    def concept_scheme(self, ref: Ref, scheme: ConceptScheme) -> None:
        with self.element(self.s + "ConceptScheme", self.attributes(ref)):
            if self.stub(ref, scheme.name, scheme.description):
                return
            self.names(scheme.name, scheme.description)
            for concept in scheme.concepts:
                if not self.kept(ref, concept.id):
                    continue
                attributes = {"id": concept.id, "urn": self.dialect.urn(ref, concept.id)}
                if concept.uri:
                    attributes["uri"] = concept.uri  # where the concept is described (a glossary)
                with self.element(self.s + "Concept", attributes):
                    self.names(concept.name, concept.description)

    def representation(self, component: Component) -> None:
        with self.element(self.s + "LocalRepresentation"):
            if component.codelist:
                self.reference(self.s + "Enumeration", component.codelist)
            else:
                self.leaf(self.s + "TextFormat", None, {"textType": component.text_type or "String"})

    def data_structure(self, dsd: DataStructure) -> None:
        dialect = self.dialect
        measures = dsd.of_kind("measure")[:1] if dialect.single_measure else dsd.of_kind("measure")
        measure_ids = {m.id: (dialect.primary_measure_id if dialect.single_measure else m.id) for m in measures}
        dimensions = dsd.of_kind("dimension")
        with self.element(self.s + "DataStructure", self.attributes(dsd.ref)):
            if self.stub(dsd.ref, dsd.name, dsd.description):
                return
            self.names(dsd.name, dsd.description)
            with self.element(self.s + "DataStructureComponents"):
                with self.element(self.s + "DimensionList", {"id": "DimensionDescriptor"}):
                    for position, component in enumerate(dimensions, start=1):
                        with self.element(self.s + "Dimension", {"id": component.id, "position": str(position)}):
                            self.reference(self.s + "ConceptIdentity", component.concept_scheme, component.concept)
                            self.representation(component)
                    for component in dsd.of_kind("time"):
                        time_attributes = {"id": dialect.time_dimension_id}
                        if dialect.time_dimension_has_position:
                            time_attributes["position"] = str(len(dimensions) + 1)
                        with self.element(self.s + "TimeDimension", time_attributes):
                            self.reference(self.s + "ConceptIdentity", component.concept_scheme, component.concept)
                            self.representation(component)
                attributes = dsd.of_kind("attribute")
                if attributes:
                    with self.element(self.s + "AttributeList", {"id": "AttributeDescriptor"}):
                        for component in attributes:
                            self.attribute(component, dimensions, next(iter(measure_ids.values()), None))
                with self.element(self.s + "MeasureList", {"id": "MeasureDescriptor"}):
                    for component in measures:
                        with self.element(self.s + dialect.measure_element, {"id": measure_ids[component.id]}):
                            self.reference(self.s + "ConceptIdentity", component.concept_scheme, component.concept)
                            self.representation(component)

    def attribute(self, component: Component, dimensions: list[Component], measure: str | None) -> None:
        key, value = self.dialect.usage(component.required)
        with self.element(self.s + "Attribute", {"id": component.id, key: value}):
            self.reference(self.s + "ConceptIdentity", component.concept_scheme, component.concept)
            self.representation(component)
            with self.element(self.s + "AttributeRelationship"):
                self.attachment(component.attachment, dimensions, measure)

    def attachment(self, level: str, dimensions: list[Component], measure: str | None) -> None:
        if level == "series" and dimensions:
            for dimension in dimensions:
                self.local_reference(self.s + "Dimension", dimension.id)
        elif level == "observation" and measure is not None:
            if self.dialect.references_as_urn:
                self.leaf(self.s + "Observation")
            else:
                self.local_reference(self.s + "PrimaryMeasure", measure)
        else:
            self.leaf(self.s + ("Dataflow" if self.dialect.references_as_urn else "None"))

    def dataflow(self, flow: Dataflow) -> None:
        with self.element(self.s + "Dataflow", self.attributes(flow.ref)):
            if self.stub(flow.ref, flow.name, flow.description, flow.annotations):
                return
            self.annotations(flow.annotations)
            self.names(flow.name, flow.description)
            self.reference(self.s + "Structure", flow.structure)

    def category_scheme(self, ref: Ref, structures: Structures) -> None:
        with self.element(self.s + "CategoryScheme", self.attributes(ref)):
            if self.stub(ref, structures.names["category_scheme"]):
                return
            self.names(structures.names["category_scheme"])
            for theme in structures.themes:
                if not self.kept(ref, theme.id):
                    continue
                with self.element(self.s + "Category", {"id": theme.id, "urn": self.dialect.urn(ref, theme.id)}):
                    self.names(theme.name, theme.description)

    def categorisation(self, categorisation: Categorisation) -> None:
        with self.element(self.s + "Categorisation", self.attributes(categorisation.ref)):
            if self.stub(categorisation.ref, categorisation.name):
                return
            self.names(categorisation.name)
            self.reference(self.s + "Source", categorisation.source)
            self.reference(self.s + "Target", categorisation.category_scheme, categorisation.category)


def _ref_class(ref: Ref, item: str | None) -> tuple[str, str]:
    package, cls = URN_CLASSES[ref.type]
    return package, ITEM_CLASSES[ref.type] if item is not None else cls


def _datetime(value: date) -> str:
    return datetime.combine(value, datetime.min.time()).strftime("%Y-%m-%dT%H:%M:%S")


def header_id(catalogue_id: str, as_of: datetime) -> str:
    """A message id derived from the catalogue and the build time: the same input gives the same bytes."""
    return f"{catalogue_id}_{as_of.astimezone(timezone.utc):%Y%m%dT%H%M%S}"


ArtefactHook = Callable[[XmlWriter, Ref, Callable[[], None]], None]
"""Writes one artefact made from a dataset (its reference, and what writes it), or takes it from elsewhere."""


def _write_artefact(writer: XmlWriter, ref: Ref, write: Callable[[], None]) -> None:
    write()


def export_sdmx(structures: Structures, out: IO[bytes], dialect: Dialect, message_id: str, prepared: datetime,
                artefact: ArtefactHook = _write_artefact) -> None:
    """Stream one SDMX-ML structure message to a binary stream (``artefact``: how each data structure, dataflow
    and categorisation is written)."""
    writer = XmlWriter(out)
    writer.declaration()
    message = _Message(writer, dialect, structures)
    message.artefact = partial(artefact, writer)
    namespaces = {"xmlns:mes": dialect.message, "xmlns:str": dialect.structure, "xmlns:com": dialect.common}
    with writer.element(message.m + "Structure", namespaces):
        with message.element(message.m + "Header"):
            message.leaf(message.m + "ID", message_id)
            message.leaf(message.m + "Test", "false")
            message.leaf(message.m + "Prepared", f"{prepared.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}")
            message.leaf(message.m + "Sender", None, {"id": structures.sender})
        with message.element(message.m + "Structures"):
            for artefact_type, container in dialect.containers:
                _write_container(message, structures, artefact_type, container)
    writer.write("\n")
    writer.finish()


def _written(dialect: Dialect, artefacts: Mapping[Ref, T]) -> Mapping[Ref, T]:
    """The artefacts a message of ``dialect`` holds: SDMX 2.1 writes a draft (``1.3.0-draft``) as its release's
    version (``1.3.0``), so it keeps the release only when both are there."""
    if dialect.semantic_versions:
        return artefacts
    written = {(ref.type, ref.agency, ref.id, dialect.version(ref.version)): ref for ref in artefacts
               if "-" not in ref.version}
    return {ref: artefact for ref, artefact in artefacts.items()
            if written.setdefault((ref.type, ref.agency, ref.id, dialect.version(ref.version)), ref) == ref}


def _made(write: Callable[[T], None], artefacts: Mapping[Ref, T], ref: Ref) -> None:
    write(artefacts[ref])


def _write_container(message: _Message, structures: Structures, artefact_type: str, container: str) -> None:
    s = message.s
    if artefact_type == "agencyscheme" and structures.agency_schemes:
        with message.element(s + container):
            for ref, agencies in structures.agency_schemes.items():
                message.agency_scheme(ref, agencies, structures.names["agency_scheme"])
    elif artefact_type == "codelist" and structures.codelists:
        with message.element(s + container):
            for ref, codelist in _written(message.dialect, structures.codelists).items():
                message.codelist(ref, codelist)
    elif artefact_type == "conceptscheme" and structures.concept_schemes:
        with message.element(s + container):
            for ref, scheme in _written(message.dialect, structures.concept_schemes).items():
                message.concept_scheme(ref, scheme)
    elif artefact_type == "datastructure" and structures.data_structures:
        with message.element(s + container):
            for ref in structures.data_structures:  # each made only when written (``LazyArtefacts``)
                message.artefact(ref, partial(_made, message.data_structure, structures.data_structures, ref))
    elif artefact_type == "dataflow" and structures.dataflows:
        with message.element(s + container):
            for ref in structures.dataflows:
                message.artefact(ref, partial(_made, message.dataflow, structures.dataflows, ref))
    elif artefact_type == "categoryscheme" and structures.category_scheme:
        with message.element(s + container):
            message.category_scheme(structures.category_scheme, structures)
    elif artefact_type == "metadataflow" and structures.metadataflows:
        with message.element(s + container):
            for flow in structures.metadataflows.values():
                metadataflow(message, flow)
    elif artefact_type == "metadatastructure" and structures.metadata_structures:
        with message.element(s + container):
            for msd in _written(message.dialect, structures.metadata_structures).values():
                metadata_structure(message, msd)
    elif artefact_type == "categorisation" and structures.categorisations:
        with message.element(s + container):
            for ref in structures.categorisations:
                message.artefact(ref, partial(_made, message.categorisation, structures.categorisations, ref))
