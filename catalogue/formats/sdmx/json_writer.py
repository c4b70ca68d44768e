"""SDMX-JSON 2.0 structure messages (what pysdmx's registry client reads), streamed from the same
artefacts as the SDMX-ML writer: SDMX 3.0 URNs and versions, every language in ``names`` unless the
client asked for some (``Accept-Language``), stubs and partial item schemes as SDMX-REST's ``detail`` asks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timezone
from typing import Any

from catalogue.model import Agency
from catalogue.formats.sdmx.artefacts import ReportAttribute
from catalogue.formats.sdmx.dialect import SDMX_30, Dialect
from catalogue.formats.sdmx.metadata_writer import TEXT_TYPES, wildcard as _wildcard
from catalogue.formats.sdmx.structures import AGENCY_SCHEME_ID, FIXED_VERSION, Annotation, Component, DataStructure, Ref, Structures

SCHEMA = ("https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/"
          "sdmx-json-structure-schema.json")
CONTAINERS = (("agencyscheme", "agencySchemes"), ("categorisation", "categorisations"),
              ("categoryscheme", "categorySchemes"), ("codelist", "codelists"), ("conceptscheme", "conceptSchemes"),
              ("dataflow", "dataflows"), ("datastructure", "dataStructures"), ("metadataflow", "metadataflows"),
              ("metadatastructure", "metadataStructures"))


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]
"""A JSON string as ``json.dumps(..., ensure_ascii=False)`` writes it (the C encoder when available)."""


def best_text(text: dict[str, str], languages: list[str] | None) -> str:
    """A text in the best of the client's ``languages`` (lower case, best first), else in its first language."""
    lowered = {language.lower(): value for language, value in text.items()}
    for language in languages or []:
        if language in lowered:
            return lowered[language]
    return next(iter(text.values()))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Json:
    def __init__(self, structures: Structures, languages: list[str] | None, dialect: Dialect = SDMX_30) -> None:
        self.structures = structures
        self.languages = languages
        self.dialect = dialect

    # -- texts ---------------------------------------------------------------------------------
    def best(self, text: dict[str, str]) -> str:
        return best_text(text, self.languages)

    def localised(self, key: str, text: dict[str, str] | None, plural: str | None = None) -> dict[str, Any]:
        """``name`` in the best language and ``names`` in every language asked for (all by default); the
        schema wants language tags in lower case (BCP 47 tags are case-insensitive)."""
        if not text:
            return {}
        kept = {k.lower(): v for k, v in text.items() if self.languages is None or k.lower() in self.languages}
        return {key: self.best(text), **({plural or key + "s": kept} if kept else {})}

    def localised_markup(self, key: str, text: dict[str, str]) -> str:
        """``localised`` written out, for the codes loop."""
        fields = self.localised(key, text)
        markup = [f',"{key}":', _quote(fields[key])]
        plural = fields.get(key + "s")
        if plural:
            markup.append(f',"{key}s":{{' + ",".join(f"{_quote(k)}:{_quote(v)}" for k, v in plural.items()) + "}")
        return "".join(markup)

    def names(self, name: dict[str, str] | None, description: dict[str, str] | None = None) -> dict[str, Any]:
        return {**self.localised("name", name), **self.localised("description", description)}

    def annotations(self, annotations: list[Annotation]) -> dict[str, Any]:
        if not annotations:
            return {}
        written = []
        for annotation in annotations:
            item: dict[str, Any] = {"id": annotation.id} if annotation.id else {}
            if annotation.title:
                item["title"] = annotation.title
            item["type"] = annotation.type
            item.update(self.localised("text", annotation.text))
            if annotation.url:
                item["links"] = [{"href": annotation.url, "rel": "self"}]
            written.append(item)
        return {"annotations": written}

    # -- maintainable artefacts ------------------------------------------------------------------
    def head(self, ref: Ref, name: dict[str, str] | None, description: dict[str, str] | None = None,
             annotations: list[Annotation] | None = None) -> tuple[dict[str, Any], bool]:
        """An artefact's identification and names, and whether it is a stub (then that is all of it)."""
        version = FIXED_VERSION if ref.type == "agencyscheme" else self.dialect.version(ref.version, ref.type)
        head: dict[str, Any] = {"id": ref.id, "version": version, "agencyID": ref.agency}
        links = [{"rel": "self", "urn": self.dialect.urn(ref), "type": ref.type}]
        kind = self.structures.stubs.get(ref)
        if kind is not None:
            head["isExternalReference"] = True
            if self.structures.structure_url:
                links.append({"rel": "external", "href": self.structures.structure_url(ref), "type": ref.type})
            head["links"] = links
            if kind == "complete":
                head.update(self.annotations(annotations or []))
            head.update(self.names(name, description if kind == "complete" else None))
            return head, True
        head["links"] = links
        head.update(self.annotations(annotations or []))
        head.update(self.names(name, description))
        if ref in self.structures.partial:
            head["isPartial"] = True
        return head, False

    def kept(self, ref: Ref, item_id: str) -> bool:
        items = self.structures.partial.get(ref)
        return items is None or item_id in items

    def agency_scheme(self, ref: Ref, agencies: list[Agency]) -> Iterator[str]:
        head, stub = self.head(ref, self.structures.names["agency_scheme"])
        head["id"] = AGENCY_SCHEME_ID
        items = []
        for agency in [] if stub else agencies:
            item_id = agency.id.removeprefix(f"{ref.agency}.")
            if not self.kept(ref, item_id):
                continue
            item: dict[str, Any] = {"id": item_id, "urn": self.dialect.agency_urn(ref, agency.id),
                                    **self.names(agency.name, agency.description)}
            contacts = [self.contact(contact) for contact in agency.contacts]
            if contacts:
                item["contacts"] = contacts
            items.append(item)
        if items:
            head["agencies"] = items
        yield _dump(head)

    def contact(self, contact: Any) -> dict[str, Any]:
        written: dict[str, Any] = {"id": contact.id, **self.localised("name", contact.name),
                                   **self.localised("department", contact.department),
                                   **self.localised("role", contact.role)}
        for key, value in (("telephones", contact.telephone), ("uris", contact.url), ("emails", contact.email)):
            if value:
                written[key] = [str(value)]
        return written

    def codelist(self, ref: Ref) -> Iterator[str]:
        codelist = self.structures.codelists[ref]
        head, stub = self.head(ref, codelist.name, codelist.description)
        if codelist.external_urn:
            head["isExternalReference"] = True
        for key, value in (("validFrom", codelist.valid_from), ("validTo", codelist.valid_to)):
            if value:
                head[key] = _datetime(value)
        kept = self.structures.partial.get(ref)
        codes = [] if stub else [code for code in codelist.codes if kept is None or code.id in kept]
        if not codes:
            yield _dump(head)
            return
        yield _dump(head)[:-1] + ',"codes":['
        for position, code in enumerate(codes):
            # the hot loop of large classifications: one string per code, as json.dumps would write it
            markup = [',{"id":' if position else '{"id":', _quote(code.id), self.localised_markup("name", code.name)]
            if code.description:
                markup.append(self.localised_markup("description", code.description))
            if code.parent is not None and (kept is None or code.parent in kept):
                markup += [',"parent":', _quote(code.parent)]
            markup.append("}")
            yield "".join(markup)
        yield "]}"

    def concept_scheme(self, ref: Ref) -> Iterator[str]:
        scheme = self.structures.concept_schemes[ref]
        head, stub = self.head(ref, scheme.name, scheme.description)
        concepts = [{"id": c.id, **self.names(c.name, c.description),
                     **({"links": [{"rel": "describedby", "href": c.uri}]} if c.uri else {})}
                    for c in ([] if stub else scheme.concepts) if self.kept(ref, c.id)]
        if concepts:
            head["concepts"] = concepts
        yield _dump(head)

    def category_scheme(self, ref: Ref) -> Iterator[str]:
        head, stub = self.head(ref, self.structures.names["category_scheme"])
        categories = [{"id": t.id, **self.names(t.name, t.description)}
                      for t in ([] if stub else self.structures.themes) if self.kept(ref, t.id)]
        if categories:
            head["categories"] = categories
        yield _dump(head)

    def categorisation(self, ref: Ref) -> Iterator[str]:
        categorisation = self.structures.categorisations[ref]
        head, stub = self.head(ref, categorisation.name)
        if not stub:
            head["source"] = self.dialect.urn(categorisation.source)
            head["target"] = self.dialect.urn(categorisation.category_scheme, categorisation.category)
        yield _dump(head)

    def dataflow(self, ref: Ref) -> Iterator[str]:
        flow = self.structures.dataflows[ref]
        head, stub = self.head(ref, flow.name, flow.description, flow.annotations)
        if not stub:
            head["structure"] = self.dialect.urn(flow.structure)
        yield _dump(head)

    def metadataflow(self, ref: Ref) -> Iterator[str]:
        flow = self.structures.metadataflows[ref]
        head, stub = self.head(ref, flow.name)
        if not stub:
            head["structure"] = self.dialect.urn(flow.structure)
            head["targets"] = [_wildcard(self.dialect, kind, ref.agency) for kind in flow.targets]
        yield _dump(head)

    def metadata_structure(self, ref: Ref) -> Iterator[str]:
        msd = self.structures.metadata_structures[ref]
        head, stub = self.head(ref, msd.name, msd.description)
        if not stub:
            head["metadataStructureComponents"] = {"metadataAttributeList": {
                "id": "MetadataAttributeDescriptor", "metadataAttributes": self.metadata_attributes(msd.attributes)}}
        yield _dump(head)

    def metadata_attributes(self, attributes: tuple[ReportAttribute, ...]) -> list[dict[str, Any]]:
        written = []
        for attribute in attributes:
            item: dict[str, Any] = {"id": attribute.id, "minOccurs": attribute.min_occurs,
                                    "maxOccurs": "unbounded" if attribute.max_occurs is None else attribute.max_occurs,
                                    "conceptIdentity": self.dialect.urn(attribute.concept_scheme, attribute.concept)}
            if attribute.representation is None:
                item["isPresentational"] = True
            elif attribute.codelist is not None:
                item["localRepresentation"] = {"enumeration": self.dialect.urn(attribute.codelist)}
            else:
                item["localRepresentation"] = {"format": {"dataType": TEXT_TYPES[attribute.representation]}}
            if attribute.children:
                item["metadataAttributes"] = self.metadata_attributes(attribute.children)
            written.append(item)
        return written

    def representation(self, component: Component) -> dict[str, Any]:
        if component.codelist:
            return {"enumeration": self.dialect.urn(component.codelist)}
        return {"format": {"dataType": component.text_type or "String"}}

    def component(self, component: Component, **extra: Any) -> dict[str, Any]:
        return {"id": extra.pop("id", component.id), **extra,
                "conceptIdentity": self.dialect.urn(component.concept_scheme, component.concept),
                "localRepresentation": self.representation(component)}

    def data_structure(self, ref: Ref) -> Iterator[str]:
        dsd = self.structures.data_structures[ref]
        head, stub = self.head(ref, dsd.name, dsd.description)
        if not stub:
            head["dataStructureComponents"] = self.components(dsd)
        yield _dump(head)

    def components(self, dsd: DataStructure) -> dict[str, Any]:
        dimensions = dsd.of_kind("dimension")
        dimension_list: dict[str, Any] = {"id": "DimensionDescriptor"}
        if dimensions:
            dimension_list["dimensions"] = [self.component(c, position=i) for i, c in enumerate(dimensions)]
        for component in dsd.of_kind("time"):
            dimension_list["timeDimension"] = self.component(component, id=self.dialect.time_dimension_id)
        written: dict[str, Any] = {"dimensionList": dimension_list}
        measures = dsd.of_kind("measure")
        attributes = dsd.of_kind("attribute")
        if attributes:
            written["attributeList"] = {"id": "AttributeDescriptor", "attributes": [
                self.component(c, usage="mandatory" if c.required else "optional",
                               attributeRelationship=self.relationship(c.attachment, dimensions, bool(measures)))
                for c in attributes]}
        if measures:
            written["measureList"] = {"id": "MeasureDescriptor",
                                      "measures": [self.component(c) for c in measures]}
        return written

    @staticmethod
    def relationship(level: str, dimensions: list[Component], has_measure: bool) -> dict[str, Any]:
        if level == "series" and dimensions:
            return {"dimensions": [d.id for d in dimensions]}
        if level == "observation" and has_measure:
            return {"observation": {}}
        return {"dataflow": {}}

    def artefacts(self, artefact_type: str) -> Iterator[Iterator[str]]:
        structures = self.structures
        if artefact_type == "agencyscheme":
            for ref, agencies in structures.agency_schemes.items():
                yield self.agency_scheme(ref, agencies)
        elif artefact_type == "categoryscheme" and structures.category_scheme:
            yield self.category_scheme(structures.category_scheme)
        else:
            writers: dict[str, tuple[Callable[[Ref], Iterator[str]], Mapping[Ref, Any]]] = {
                "codelist": (self.codelist, structures.codelists),
                "conceptscheme": (self.concept_scheme, structures.concept_schemes),
                "datastructure": (self.data_structure, structures.data_structures),
                "dataflow": (self.dataflow, structures.dataflows),
                "categorisation": (self.categorisation, structures.categorisations),
                "metadataflow": (self.metadataflow, structures.metadataflows),
                "metadatastructure": (self.metadata_structure, structures.metadata_structures)}
            writer = writers.get(artefact_type)
            if writer:
                write, artefacts = writer
                for ref in artefacts:
                    yield write(ref)


def _datetime(value: date) -> str:
    return datetime.combine(value, datetime.min.time()).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_languages(languages: list[str] | None, catalogue_languages: list[str]) -> list[str]:
    """The languages of the message, the main one first (in lower case, as the schema wants)."""
    known = [language.lower() for language in catalogue_languages]
    if languages is None:
        return known
    return [language for language in languages if language in known] or known[:1]


def sdmx_json(structures: Structures, message_id: str, prepared: datetime, catalogue_languages: list[str],
              languages: list[str] | None = None) -> Iterator[str]:
    """The message in pieces (memory flat in the number of codes); ``languages``: the client's, best first."""
    languages = [language.lower() for language in languages] if languages is not None else None
    writer = _Json(structures, languages)
    meta = {"schema": SCHEMA, "id": message_id, "test": False,
            "prepared": f"{prepared.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}",
            "contentLanguages": content_languages(languages, catalogue_languages),
            "sender": {"id": structures.sender}}
    yield '{"meta":' + _dump(meta) + ',"data":{'
    first_container = True
    for artefact_type, container in CONTAINERS:
        first = True
        for pieces in writer.artefacts(artefact_type):
            if first:
                yield ("" if first_container else ",") + _dump(container) + ":["
                first_container = False
            else:
                yield ","
            first = False
            yield from pieces
        if not first:
            yield "]"
    yield "}}\n"
