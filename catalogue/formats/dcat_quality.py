"""The public reference metadata reports in DCAT-AP, as W3C DQV says quality: a ``dqv:QualityAnnotation`` per top
section of a report (its text and the texts under it, in each language, in the dimension its concept names,
conforming to the report's structure) and a ``dqv:QualityMeasurement`` per numeric value (of a ``dqv:Metric``
declared once per attribute of the structure)."""

from __future__ import annotations

from collections.abc import Callable

import lxml.html

from catalogue.formats.text import pick
from catalogue.i18n import in_languages
from catalogue.formats.uris import Uris
from catalogue.model import Dataset, MetadataReport, MetadataStructure, ReportedAttribute
from catalogue.policy.view import PublicView
from catalogue.rdf import IRI, Literal, Resource
from catalogue.rdf.terms import DCT, DQV, OA, PROV, RDF, SKOS, XSD, Object
from catalogue.support.xhtml import sanitized
from catalogue.vocab import Vocabulary

Statements = list[tuple[IRI, Object]]


class QualityAnnotations:
    """The DQV statements of the public reports on one record at a time."""

    def __init__(self, view: PublicView, uris: Uris, concept: Callable[[str], IRI | None], vocab: Vocabulary,
                 typed: Callable[[IRI, Statements], IRI]) -> None:
        self.view = view
        self.uris = uris
        self.vocab = vocab
        self.typed = typed
        """Declare a controlled value once in the whole export (an incremental build knows which chunk did)."""
        self.concept = concept
        """The IRI of a concept (typed once in the export, where first used)."""

    def of(self, kind: str, target_id: str | None, target: IRI) -> tuple[Statements, list[Resource]]:
        """What the record ``target`` says of its reports (to add to its statements), and their resources."""
        statements: Statements = []
        resources: list[Resource] = []
        for report in self.view.reports_on(kind, target_id):
            structure = self.view.metadata_structures[self.view.report_structures[report.id]]
            standard = self._standard(structure)
            base = self.uris.base + f"reports/{report.id}"
            by_path = {a.path: a for a in structure.attributes}
            seen: dict[str, int] = {}
            for value in report.values:
                seen[value.attribute] = seen.get(value.attribute, 0) + 1  # a value given again: an annotation each
                annotation = IRI(f"{base}#{value.attribute}" + (f"-{seen[value.attribute]}"
                                                              if seen[value.attribute] > 1 else ""))
                bodies = self._bodies(value, value.attribute, by_path)
                if bodies:
                    statements.append((DQV.hasQualityAnnotation, annotation))
                    resources.append((annotation, self._annotation(target, value.attribute, by_path, standard,
                                                                   bodies, report)))
            for index, (path, number) in enumerate(_numbers(report.values, None, by_path), start=1):
                measurement = IRI(f"{base}#measurement-{index}")
                metric = self._metric(structure, path, by_path)
                statements.append((DQV.hasQualityMeasurement, measurement))
                resources.append((measurement, [(RDF.type, DQV.QualityMeasurement), (DQV.computedOn, target),
                                                (DQV.isMeasurementOf, metric),
                                                (DQV.value, Literal(number, datatype=str(XSD.double)))]))
        return statements, resources

    def source(self, dataset: Dataset, target: IRI) -> tuple[Statements, list[Resource]]:
        """Where a dataset's data come from, as the type of the activity that generated it (``prov:wasGeneratedBy``,
        a concept of the catalogue's source-type scheme), and its fitness for purpose, as a quality annotation."""
        statements: Statements = []
        resources: list[Resource] = []
        entry = self.vocab.source_types.get(dataset.source_type or "")
        if entry is not None:
            activity = IRI(f"{target}#process")
            statements.append((PROV.wasGeneratedBy, activity))
            resources.append((activity, [(RDF.type, PROV.Activity), (DCT.type, self._source_type(
                str(dataset.source_type), entry.label))]))
        if dataset.fitness_for_purpose:
            annotation = IRI(f"{target}#fitness-for-purpose")
            statements.append((DQV.hasQualityAnnotation, annotation))
            said: Statements = [(RDF.type, DQV.QualityAnnotation), (OA.hasTarget, target),
                                (OA.motivatedBy, DQV.qualityAssessment)]
            said += [(OA.bodyValue, Literal(text, language)) for language, text in dataset.fitness_for_purpose.items()]
            resources.append((annotation, said))
        return statements, resources

    def _source_type(self, code: str, label: dict[str, str]) -> IRI:
        """A source type's concept (``mappings/source_types.yaml``), declared once with its scheme."""
        scheme = self.typed(IRI(self.uris.base + "vocabularies/source-types"),
                            [(RDF.type, SKOS.ConceptScheme), (DCT.title, Literal("Source types", "en"))])
        labels = in_languages(label, self.view.info.languages) or label
        concept: Statements = [(RDF.type, SKOS.Concept), (SKOS.inScheme, scheme), (SKOS.notation, Literal(code))]
        concept += [(SKOS.prefLabel, Literal(text, language)) for language, text in labels.items()]
        return self.typed(IRI(f"{scheme}/{code}"), concept)

    def _annotation(self, target: IRI, path: str, by_path: dict, standard: IRI, bodies: dict[str, str],
                    report: MetadataReport) -> Statements:
        concept = self.concept(by_path[path].concept)
        statements: Statements = [(RDF.type, DQV.QualityAnnotation), (OA.hasTarget, target),
                                  (OA.motivatedBy, DQV.qualityAssessment), (DCT.conformsTo, standard)]
        if concept is not None:
            statements.append((DQV.inDimension, concept))
        statements += [(OA.bodyValue, Literal(text, language)) for language, text in bodies.items()]
        if report.period:
            statements.append((DCT.temporal, Literal(report.period)))
        return statements

    def _bodies(self, value: ReportedAttribute, path: str, by_path: dict) -> dict[str, str]:
        """A section as text in each language: its own text, then each value under it, named by its concept."""
        found: dict[str, list[str]] = {}
        pending = [(value, path, 0)]
        while pending:
            current, at, depth = pending.pop(0)
            attribute = by_path.get(at)
            if attribute is None:
                continue
            for language in self.view.info.languages:
                said = _said(current, attribute.representation, language)
                if said is None:
                    continue
                concept = self.view.concept(attribute.concept) if depth else None
                name = pick(concept.name, language) if concept is not None else None
                found.setdefault(language, []).append(f"{name}: {said}" if name else said)
            pending[0:0] = [(child, f"{at}.{child.attribute}", depth + 1) for child in current.values]
        return {language: "\n\n".join(parts) for language, parts in found.items()}

    def _standard(self, structure: MetadataStructure) -> IRI:
        iri = IRI(self.uris.base + f"metadata-structures/{structure.agency}/{structure.id}/{structure.version}")
        urn = (f"urn:sdmx:org.sdmx.infomodel.metadatastructure.MetadataStructure={structure.agency}:"
               f"{structure.id}({structure.version})")
        statements: Statements = [(RDF.type, DCT.Standard), (DCT.identifier, Literal(urn))]
        statements += [(DCT.title, Literal(text, language)) for language, text in structure.name.items()]
        return self.typed(iri, statements)

    def _metric(self, structure: MetadataStructure, path: str, by_path: dict) -> IRI:
        iri = IRI(self.uris.base + f"metadata-structures/{structure.agency}/{structure.id}/{structure.version}"
                  f"#{path}")
        concept = self.view.concept(by_path[path].concept)
        top = self.concept(by_path[path.split(".")[0]].concept)
        statements: Statements = [(RDF.type, DQV.Metric), (DQV.expectedDataType, XSD.double)]
        statements += [(SKOS.prefLabel, Literal(text, language))
                       for language, text in (concept.name if concept else {}).items()]
        if top is not None:
            statements.append((DQV.inDimension, top))
        return self.typed(iri, statements)


def _said(value: ReportedAttribute, representation: str | None, language: str) -> str | None:
    if value.text is not None:
        text = value.text.get(language)
        if text is None:
            return None
        if representation == "xhtml":
            return lxml.html.fragment_fromstring(sanitized(text) or " ", create_parent="div").text_content().strip()
        return text
    if value.value is not None and representation != "number":  # a number is a measurement
        return value.value
    return None


def _numbers(values: list[ReportedAttribute], parent: str | None, by_path: dict) -> list[tuple[str, str]]:
    """Every numeric value of a report, in order, with the path of its attribute (a measurement each)."""
    found: list[tuple[str, str]] = []
    pending = [(value, parent) for value in values]
    while pending:
        value, at = pending.pop(0)
        path = f"{at}.{value.attribute}" if at else value.attribute
        attribute = by_path.get(path)
        if attribute is not None and attribute.representation == "number" and value.value is not None:
            found.append((path, value.value))
        pending[0:0] = [(child, path) for child in value.values]
    return found
