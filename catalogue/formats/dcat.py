"""DCAT-AP 3.0.1 with the StatDCAT-AP 1.0.1 extension, from the public view.

Every controlled value used is typed in the output (with ``skos:inScheme`` where the official
shapes check it), once; whole vocabularies are never dumped. Resources are produced one at a
time, so that a large catalogue streams to disk through ``catalogue.rdf.write_rdf``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import langcodes

from catalogue.i18n import in_languages, translations
from catalogue.model import Agency, ContactPoint, Dataset, Distribution, Licence, Series, Variable
from catalogue.policy.view import PublicView
from catalogue.rdf import IRI, Literal, Resource, write_rdf
from catalogue.rdf.terms import (ADMS, DCAT, DCATAP, DCT, DQV, FOAF, OA, QB, RDF, RDFS, SKOS, SPDX, STAT, VCARD, XSD,
                                 Object)
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.dcat_quality import QualityAnnotations
from catalogue.formats.uris import Uris, data_structure_identity, data_structure_urn

EU = "http://publications.europa.eu/resource/authority/"
SCHEMES = {
    "access-right": IRI(EU + "access-right"),
    "frequency": IRI(EU + "frequency"),
    "file-type": IRI(EU + "file-type"),
    "data-theme": IRI(EU + "data-theme"),
    "language": IRI(EU + "language"),
    "licence": IRI(EU + "licence"),
    "publisher-type": IRI("http://purl.org/adms/publishertype/1.0"),
    "licence-type": IRI("http://purl.org/adms/licencetype/1.0"),
    "planned-availability": IRI(EU + "planned-availability"),
    "country": IRI(EU + "country"),
    "place": IRI(EU + "place"),
    "continent": IRI(EU + "continent"),
    "dataset-status": IRI(EU + "dataset-status"),
}
WITHDRAWN = (EU + "dataset-status/WITHDRAWN", {"en": "Withdrawn", "fr": "Retiré", "es": "Retirado", "ar": "مسحوب",
                                                "ru": "Отозван", "zh": "已撤回"})
"""A withdrawn release's status (StatDCAT-AP 3 ``adms:status`` of a dataset, from the EU dataset-status table)."""
SPATIAL_SCHEMES = {EU + name + "/": name for name in ("country", "place", "continent")}
"""EU tables of places: a spatial coverage URI in one of them is typed as a member of it."""
GEOSPARQL_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"
SPDX_ALGORITHMS = "https://spdx.org/rdf/terms#checksumAlgorithm_"
"""The DCAT-AP 3.0.1 shapes expect checksum algorithms under the https form of the SPDX namespace."""
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
STAT_COMPONENT = {"dimension": (STAT.dimension, QB.DimensionProperty),
                  "time_dimension": (STAT.dimension, QB.DimensionProperty),
                  "attribute": (STAT.attribute, QB.AttributeProperty)}
"""Variable role → StatDCAT-AP property and Data Cube class."""

Statements = list[tuple[IRI, Object]]


def _texts(predicate: IRI, text: dict[str, str] | None) -> Statements:
    return [(predicate, Literal(value, language)) for language, value in (text or {}).items()]


def _date(predicate: IRI, value: object | None) -> Statements:
    return [(predicate, Literal(value.isoformat(), datatype=XSD.date))] if value is not None else []  # type: ignore[attr-defined]


def language_uri(tag: str) -> IRI:
    """The EU language-table URI of a BCP 47 tag (ISO 639-3 code, upper case)."""
    return IRI(f"{EU}language/{langcodes.Language.get(tag).to_alpha3().upper()}")


class DcatBuilder:
    """Turns a public view into DCAT-AP resources, one at a time."""

    def __init__(self, view: PublicView, vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.vocab = vocab or vocabulary()
        self.uris = Uris(view.info)
        self._typed: set[IRI] = set()
        self._typed_here: set[IRI] = set()
        self._pending: list[Resource] = []
        self.quality = QualityAnnotations(view, self.uris, self._concept, self.vocab, self._typed_value)

    # -- controlled values, typed once -------------------------------------------------------
    def _typed_value(self, iri: IRI, statements: Statements) -> IRI:
        """Type a controlled value once in the whole export (there are few of them)."""
        if iri not in self._typed:
            self._typed.add(iri)
            self._pending.append((iri, statements))
        return iri

    def _typed_locally(self, iri: IRI, statements: Statements) -> IRI:
        """Type a web page or file once per dataset: remembering every URL of a large catalogue
        would make memory grow with its size."""
        if iri not in self._typed_here:
            self._typed_here.add(iri)
            self._pending.append((iri, statements))
        return iri

    def _in_scheme(self, iri: str, rdf_type: IRI, scheme: str, label: dict[str, str] | None = None) -> IRI:
        statements: Statements = [(RDF.type, rdf_type), (SKOS.inScheme, SCHEMES[scheme])]
        if rdf_type != SKOS.Concept:
            statements.insert(1, (RDF.type, SKOS.Concept))
        return self._typed_value(IRI(iri), statements + _texts(SKOS.prefLabel, self._in_our_languages(label)))

    def _in_our_languages(self, label: dict[str, str] | None) -> dict[str, str] | None:
        """A controlled value's labels in the catalogue's languages (the EU tables give up to 25)."""
        return in_languages(label, self.view.info.languages)

    def _flush(self) -> Iterator[Resource]:
        pending, self._pending = self._pending, []
        self._typed_here.clear()
        yield from pending

    def _document(self, url: str) -> IRI:
        return self._typed_locally(IRI(url), [(RDF.type, FOAF.Document)])

    def _web_resource(self, url: str) -> IRI:
        return self._typed_locally(IRI(url), [(RDF.type, RDFS.Resource)])

    def licence_uri(self, licence: Licence) -> IRI:
        iri = IRI(licence.eu_uri or licence.url)
        statements: Statements = [(RDF.type, DCT.LicenseDocument)]
        if licence.eu_uri:
            statements.append((SKOS.inScheme, SCHEMES["licence"]))
        known = self.vocab.licences.get(licence.id)
        if known is not None and known.ckan_title:
            # CKAN's harvester matches a licence by URI or by title (in its default locale, else the first
            # one): an untagged title from its register keeps the EU URI and is recognised in any locale
            statements.append((DCT.title, Literal(known.ckan_title)))
            statements += _texts(SKOS.prefLabel, licence.title)
        else:
            statements += _texts(DCT.title, licence.title)
        if licence.types:
            self._scheme("licence-type", "Licence type")
        for licence_type in licence.types:
            entry = self.vocab.licence_types[licence_type]
            statements.append((DCT.type, self._in_scheme(entry.uri, SKOS.Concept, "licence-type", entry.label)))
        return self._typed_value(iri, statements)

    def _scheme(self, scheme: str, title: str) -> IRI:
        """A concept scheme that is not in the EU tables, typed once."""
        return self._typed_value(SCHEMES[scheme], [(RDF.type, SKOS.ConceptScheme), (DCT.title, Literal(title, "en"))])

    def _places(self, owner: IRI, coverage: list) -> Statements:
        """``dct:spatial`` statements; each place is typed once, in its EU table when it is from one."""
        statements: Statements = []
        for index, place in enumerate(coverage):
            location = IRI(place.uri or f"{owner}#spatial-{index}")
            described: Statements = [(RDF.type, DCT.Location)]
            scheme = next((name for prefix, name in SPATIAL_SCHEMES.items() if location.startswith(prefix)), None)
            if scheme:
                described.append((SKOS.inScheme, SCHEMES[scheme]))
            described += _texts(SKOS.prefLabel, place.name)
            if place.bbox:
                described.append((DCAT.bbox, Literal(place.bbox, datatype=GEOSPARQL_WKT)))
            if place.centroid:
                described.append((DCAT.centroid, Literal(place.centroid, datatype=GEOSPARQL_WKT)))
            statements.append((DCT.spatial, self._typed_value(location, described)))
        return statements

    # -- the catalogue and the shared records -------------------------------------------------
    def resources(self) -> Iterator[Resource]:
        """Every resource of the export, in a stable order."""
        yield from self.head_resources()
        for dataset in self.view.datasets.values():
            yield from self.dataset_resources(dataset)

    @property
    def typed(self) -> set[IRI]:
        """The controlled values typed so far in the export (each is typed once, where first used)."""
        return self._typed

    def head_resources(self) -> Iterator[Resource]:
        """The catalogue, the shared records and the calendar service, before the datasets."""
        yield from self._with_quality(self._catalogue(), "catalogue", None)
        for agency in self.view.agencies.values():
            yield self._agency(agency)
            for contact in agency.contacts:
                yield self._contact(contact)
        for terms in self.view.terms.values():
            yield (IRI(self.uris.terms(terms.id)), [(RDF.type, DCT.RightsStatement)]
                   + _texts(RDFS.label, terms.name) + _texts(DCT.description, terms.conditions))
        yield from self._calendar_service()
        for series in self.view.series.values():
            yield from self._with_quality(self._series(series), "series", series.id)
        yield from self._flush()

    def _with_quality(self, resource: Resource, kind: str, record_id: str | None) -> Iterator[Resource]:
        """A record's resource with what its public reports say of its quality (``dcat_quality``)."""
        statements, resources = self.quality.of(kind, record_id, resource[0])
        yield resource[0], resource[1] + statements
        yield from resources

    def _series(self, series: Series) -> Resource:
        """A series (``dcat:DatasetSeries``) with its first and last public releases."""
        statements: Statements = [(RDF.type, DCAT.DatasetSeries), (DCT.identifier, Literal(series.id))]
        statements += _texts(DCT.title, series.title) + _texts(DCT.description, series.description)
        statements.append((DCT.publisher, IRI(self.uris.agency(series.publisher))))
        if series.contact_point:
            statements.append((DCAT.contactPoint, IRI(self.uris.contact(series.contact_point))))
        if series.frequency:
            frequency = self.vocab.frequencies[series.frequency]
            statements.append((DCT.accrualPeriodicity, self._in_scheme(frequency.eu_uri, DCT.Frequency,
                                                                       "frequency", frequency.label)))
        releases = self.view.releases.get(series.id, ())
        if releases:
            statements += [(DCAT.first, IRI(self.uris.dataset(releases[0]))),
                           (DCAT.last, IRI(self.uris.dataset(releases[-1])))]
        if series.landing_page:
            statements.append((DCAT.landingPage, self._document(series.landing_page)))
        return IRI(self.uris.series(series.id)), statements

    def dataset_resources(self, dataset: Dataset) -> Iterator[Resource]:
        """A dataset's resources, its place in the catalogue, and the controlled values it is the first to use."""
        yield from self._dataset(dataset)
        statements, resources = self.quality.of("dataset", dataset.id, IRI(self.uris.dataset(dataset.id)))
        source = self.quality.source(dataset, IRI(self.uris.dataset(dataset.id)))
        statements, resources = statements + source[0], resources + source[1]
        if statements:
            yield IRI(self.uris.dataset(dataset.id)), statements
            yield from resources
        yield IRI(self.uris.catalogue()), [(DCAT.dataset, IRI(self.uris.dataset(dataset.id)))]
        yield from self._flush()

    def _catalogue(self) -> Resource:
        info = self.view.info
        statements: Statements = [(RDF.type, DCAT.Catalog)]
        statements += _texts(DCT.title, info.title) + _texts(DCT.description, info.description)
        statements.append((DCT.publisher, IRI(self.uris.agency(info.publisher))))
        if info.homepage:
            statements.append((FOAF.homepage, self._document(info.homepage)))
        for language in info.languages:
            uri = language_uri(language)
            self._typed_value(uri, [(RDF.type, DCT.LinguisticSystem), (SKOS.inScheme, SCHEMES["language"])])
            statements.append((DCT.language, uri))
        if info.licence and info.licence in self.view.licences:
            statements.append((DCT.license, self.licence_uri(self.view.licences[info.licence])))
        statements += _date(DCT.issued, info.issued) + _date(DCT.modified, info.modified)
        statements += self._places(IRI(self.uris.catalogue()), info.spatial_coverage)
        statements.append((DCAT.themeTaxonomy, self._typed_value(
            SCHEMES["data-theme"], [(RDF.type, SKOS.ConceptScheme), (DCT.title, Literal("Data theme", "en"))])))
        return IRI(self.uris.catalogue()), statements

    def _calendar_service(self) -> Iterator[Resource]:
        """The release calendar as a data service of the catalogue: where its iCalendar feed is, in RFC 5545,
        and the released datasets it announced. DCAT-AP has no place for a planned release that does not
        describe the dataset, so the announcements themselves stay in the calendar's own feeds."""
        if not self.view.calendar:
            return
        info = self.view.info
        uri = IRI(self.uris.calendar_service())
        titles = {lang: translations(lang).gettext("Release calendar") for lang in info.languages}
        descriptions = {lang: translations(lang).gettext(CALENDAR_DESCRIPTION) for lang in info.languages}
        statements: Statements = [(RDF.type, DCAT.DataService)]
        statements += _texts(DCT.title, titles) + _texts(DCT.description, descriptions)
        statements += [(DCAT.keyword, Literal(title.lower(), lang)) for lang, title in titles.items()]
        statements.append((DCAT.endpointURL, self._web_resource(self.uris.calendar("ics"))))
        statements.append((DCAT.endpointDescription, self._web_resource(self.uris.calendar("html"))))
        statements.append((DCT.conformsTo, self._typed_value(IRI(RFC_5545), [
            (RDF.type, DCT.Standard), (DCT.title, Literal("RFC 5545: Internet Calendaring and Scheduling "
                                                          "Core Object Specification (iCalendar)", "en"))])))
        statements.append((DCT.publisher, IRI(self.uris.agency(info.publisher))))
        publisher = self.view.agencies.get(info.publisher)
        if publisher and publisher.contacts:
            statements.append((DCAT.contactPoint, IRI(self.uris.contact(publisher.contacts[0].id))))
        statements.append((DCAT.theme, self._in_scheme(f"{EU}data-theme/GOVE", SKOS.Concept, "data-theme",
                                                       self.vocab.themes["GOVE"].label)))
        served = sorted({e.dataset for e in self.view.calendar if e.dataset and e.dataset in self.view.datasets})
        statements += [(DCAT.servesDataset, IRI(self.uris.dataset(dataset_id))) for dataset_id in served]
        yield IRI(self.uris.catalogue()), [(DCAT.service, uri)]
        yield uri, statements

    def _agency(self, agency: Agency) -> Resource:
        statements: Statements = [(RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization)]
        statements += _texts(FOAF.name, agency.name)
        if agency.type:
            entry = self.vocab.agent_types[agency.type]
            self._scheme("publisher-type", "Publisher type")
            statements.append((DCT.type, self._in_scheme(entry.adms_uri, SKOS.Concept, "publisher-type",
                                                         entry.label)))
        if agency.url:
            statements.append((FOAF.homepage, self._document(agency.url)))
        if agency.email:
            statements.append((FOAF.mbox, IRI(f"mailto:{agency.email}")))
        return IRI(self.uris.agency(agency.id)), statements

    def _contact(self, contact: ContactPoint) -> Resource:
        statements: Statements = [(RDF.type, VCARD.Organization), (RDF.type, VCARD.Kind)]
        statements += _texts(VCARD.fn, contact.name) + _texts(VCARD.role, contact.role)
        if contact.email:
            statements.append((VCARD.hasEmail, IRI(f"mailto:{contact.email}")))
        if contact.telephone:
            statements.append((VCARD.hasTelephone, IRI("tel:" + "".join(contact.telephone.split()))))
        if contact.url:
            statements.append((VCARD.hasURL, IRI(contact.url)))
        return IRI(self.uris.contact(contact.id)), statements

    # -- datasets ------------------------------------------------------------------------------
    def _dataset(self, dataset: Dataset) -> Iterator[Resource]:
        uri = IRI(self.uris.dataset(dataset.id))
        terms = self.view.terms_of(dataset)
        statements: Statements = [(RDF.type, DCAT.Dataset), (DCT.identifier, Literal(dataset.identifier or dataset.id))]
        statements += _texts(DCT.title, dataset.title) + _texts(DCT.description, dataset.description)
        for language, words in (dataset.keywords or {}).items():
            statements += [(DCAT.keyword, Literal(word, language)) for word in words]
        for theme in self._eu_themes(dataset):
            statements.append((DCAT.theme, theme))
        statements.append((DCT.publisher, IRI(self.uris.agency(dataset.publisher))))
        if dataset.contact_point:
            statements.append((DCAT.contactPoint, IRI(self.uris.contact(dataset.contact_point))))
        level = self.vocab.access_levels[terms.access_level]
        statements.append((DCT.accessRights, self._in_scheme(level.eu_uri, DCT.RightsStatement, "access-right",
                                                             level.label)))
        if dataset.frequency:
            frequency = self.vocab.frequencies[dataset.frequency]
            statements.append((DCT.accrualPeriodicity, self._in_scheme(frequency.eu_uri, DCT.Frequency,
                                                                       "frequency", frequency.label)))
        related: list[Resource] = []
        coverage = dataset.temporal_coverage
        if coverage and (coverage.start or coverage.end):
            period = IRI(f"{uri}#temporal")
            statements.append((DCT.temporal, period))
            related.append((period, [(RDF.type, DCT.PeriodOfTime)] + _date(DCAT.startDate, coverage.start)
                            + _date(DCAT.endDate, coverage.end)))
        statements += self._places(uri, dataset.spatial_coverage)
        statements += _date(DCT.issued, dataset.issued) + _date(DCT.modified, dataset.modified)
        statements.append((DCAT.version, Literal(dataset.version)))
        statements += _texts(ADMS.versionNotes, dataset.version_notes)
        if dataset.previous_version:  # a released one (the view keeps no other)
            statements.append((DCAT.previousVersion, IRI(self.uris.dataset(dataset.previous_version))))
        if dataset.withdrawn is not None:  # it stays, marked withdrawn, naming what replaces it (StatDCAT-AP 3)
            statements.append((ADMS.status, self._in_scheme(WITHDRAWN[0], SKOS.Concept, "dataset-status",
                                                            WITHDRAWN[1])))
            statements += [(DCT.isReplacedBy, IRI(self.uris.dataset(other)))
                           for other in self.view.newer_versions.get(dataset.id, ())]
        public_series = [s for s in dict.fromkeys(dataset.series) if s in self.view.series]
        statements += [(DCAT.inSeries, IRI(self.uris.series(series_id))) for series_id in public_series]
        if len(public_series) == 1:  # prev and next name no series: told of a release of one series only
            before, after = self.view.neighbours(dataset.id, public_series[0])
            statements += [(predicate, IRI(self.uris.dataset(other)))
                           for predicate, other in ((DCAT.prev, before), (DCAT.next, after)) if other is not None]
        if dataset.landing_page:
            statements.append((DCAT.landingPage, self._document(dataset.landing_page)))
        if dataset.provenance:
            provenance = IRI(f"{uri}#provenance")
            statements.append((DCT.provenance, provenance))
            related.append((provenance, [(RDF.type, DCT.ProvenanceStatement)]
                            + _texts(RDFS.label, dataset.provenance)))
        statements += [(DCT.relation, IRI(self.uris.dataset(other))) for other in dataset.related]
        if dataset.quality_statement:
            annotation = IRI(f"{uri}#quality")
            statements.append((DQV.hasQualityAnnotation, annotation))
            related.append((annotation, [(RDF.type, DQV.QualityAnnotation), (OA.hasTarget, uri),
                                         (OA.motivatedBy, DQV.qualityAssessment)]
                            + _texts(OA.bodyValue, dataset.quality_statement)))
        for variable in dataset.variables:
            component = self._component(dataset, variable)
            if component:
                statements.append(component[0])
                related.append(component[1])
            if variable.role == "measure" and variable.unit:
                unit = IRI(f"{self.uris.variable(dataset.id, variable.id)}#unit")
                statements.append((STAT.statUnitMeasure, unit))
                related.append((unit, [(RDF.type, SKOS.Concept)] + _texts(SKOS.prefLabel, variable.unit)))
        if dataset.is_statistical:
            named = self.view.structure_of(dataset)
            agency, structure_id, version = data_structure_identity(dataset, named)
            structure = IRI(data_structure_urn(agency, structure_id, version))
            statements.append((DCT.conformsTo, structure))
            described: Statements = [(RDF.type, DCT.Standard), (DCT.identifier, Literal(structure_id))]
            related.append((structure, described + _texts(DCT.title, named.name if named else dataset.title)))
        if dataset.num_series is not None:
            statements.append((STAT.numSeries, Literal(str(dataset.num_series), datatype=XSD.integer)))
        for distribution in self._distributions(dataset):
            distribution_uri = IRI(self.uris.distribution(dataset.id, distribution.id))
            statements.append((DCAT.distribution, distribution_uri))
            related.extend(self._distribution(dataset, distribution, distribution_uri))
        yield uri, statements
        yield from related

    def _eu_themes(self, dataset: Dataset) -> list[IRI]:
        themes = {theme.id: theme for theme in self.view.info.themes}
        result: list[IRI] = []
        for theme_id in dataset.themes:
            code = themes[theme_id].eu_theme
            iri = self._in_scheme(f"{EU}data-theme/{code}", SKOS.Concept, "data-theme",
                                  self.vocab.themes[code].label)
            if iri not in result:
                result.append(iri)
        return result

    def _component(self, dataset: Dataset, variable: Variable) -> tuple[tuple[IRI, Object], Resource] | None:
        if variable.role not in STAT_COMPONENT:
            return None
        predicate, rdf_type = STAT_COMPONENT[variable.role]
        uri = IRI(self.uris.variable(dataset.id, variable.id))
        statements: Statements = [(RDF.type, rdf_type), (SKOS.notation, Literal(variable.id))]
        statements += _texts(RDFS.label, variable.label) + _texts(RDFS.comment, variable.description)
        if variable.concept:
            concept = self._concept(variable.concept)
            if concept:
                statements.append((QB.concept, concept))
        if variable.codelist:
            codelist = self._codelist(variable.codelist)
            if codelist:
                statements.append((QB.codeList, codelist))
        return (predicate, uri), (uri, statements)

    def _concept(self, reference: str) -> IRI | None:
        concept, held = self.view.concept(reference), self.view.scheme_of(reference)
        if concept is None or held is None:
            return None
        scheme = held[1]
        described: Statements = [(RDF.type, SKOS.Concept), (SKOS.notation, Literal(concept.id))]
        iri = IRI(self.uris.concept(scheme.agency, scheme.id, scheme.version, concept.id))
        return self._typed_value(iri, described + _texts(SKOS.prefLabel, concept.name)
                                 + _texts(SKOS.definition, concept.description))

    def _codelist(self, reference: str) -> IRI | None:
        """The codelist a component takes its values from, by the URI of its version (its codes are in the SDMX
        structure, which the statistical dataset's distributions name)."""
        codelist = self.view.codelist(reference)
        if codelist is None:
            return None
        urn = codelist.external_urn or (f"urn:sdmx:org.sdmx.infomodel.codelist.Codelist="
                                        f"{codelist.agency}:{codelist.id}({codelist.version})")
        described: Statements = [(RDF.type, SKOS.ConceptScheme), (SKOS.notation, Literal(codelist.id)),
                                 (DCT.identifier, Literal(urn)), (DCAT.version, Literal(codelist.version))]
        iri = IRI(self.uris.codelist(codelist.agency, codelist.id, codelist.version))
        return self._typed_value(iri, described + _texts(DCT.title, codelist.name))

    def _distributions(self, dataset: Dataset) -> list[Distribution]:
        """The dataset's distributions, plus the SDMX structure for a statistical dataset that offers no SDMX."""
        distributions = list(dataset.distributions)
        if dataset.is_statistical and not any(d.format == "SDMX" for d in distributions):
            distributions.append(Distribution(id="SDMX_STRUCTURE", format="SDMX",
                                              access_url=self.uris.sdmx_structure()))
        return distributions

    def _distribution(self, dataset: Dataset, distribution: Distribution, uri: IRI) -> list[Resource]:
        terms = self.view.terms_of(dataset)
        file_format = self.vocab.file_formats[distribution.format]
        download = distribution.download_url or (self.uris.local_file(distribution.path) if distribution.path else None)
        access = (distribution.access_url or download or dataset.landing_page or terms.application_url
                  or self.uris.dataset(dataset.id))
        statements: Statements = [(RDF.type, DCAT.Distribution)]
        title = distribution.title or {language: f"{text} ({file_format.label.get(language) or file_format.label['en']})"
                                       for language, text in dataset.title.items()}
        """A harvester names a resource by its title (CKAN shows none without it): the dataset's, with the format."""
        statements += _texts(DCT.title, title) + _texts(DCT.description, distribution.description)
        statements.append((DCAT.accessURL, self._web_resource(access)))
        if download:
            statements.append((DCAT.downloadURL, self._web_resource(download)))
        statements.append((DCT.format, self._in_scheme(file_format.eu_uri, DCT.MediaTypeOrExtent, "file-type",
                                                       file_format.label)))
        media_type = distribution.media_type or file_format.media_type
        statements.append((DCAT.mediaType, self._typed_value(IRI(IANA_MEDIA_TYPES + media_type),
                                                             [(RDF.type, DCT.MediaType)])))
        if distribution.availability:
            entry = self.vocab.availability[distribution.availability]
            statements.append((DCATAP.availability, self._in_scheme(entry.uri, SKOS.Concept, "planned-availability",
                                                                    entry.label)))
        if distribution.byte_size is not None:
            statements.append((DCAT.byteSize, Literal(str(distribution.byte_size), datatype=XSD.nonNegativeInteger)))
        licence = self.view.licence_of(dataset, distribution)
        if licence:
            statements.append((DCT.license, self.licence_uri(licence)))
        statements.append((DCT.rights, IRI(self.uris.terms(terms.id))))
        # a distribution is issued and modified with its dataset
        statements += _date(DCT.issued, dataset.issued) + _date(DCT.modified, dataset.modified or dataset.issued)
        if dataset.variables:  # its DDI-Codebook documents the data of every distribution
            statements.append((FOAF.page, self._document(self.uris.ddi_codebook(dataset.id))))
        if file_format.conforms_to:
            standard = file_format.conforms_to
            statements.append((DCT.conformsTo, self._typed_value(IRI(standard.uri), [(RDF.type, DCT.Standard)]
                                                                 + _texts(DCT.title, self._in_our_languages(standard.title)))))
        resources: list[Resource] = [(uri, statements)]
        if distribution.checksum:
            checksum = IRI(f"{uri}#checksum")
            statements.append((SPDX.checksum, checksum))
            resources.append((checksum, [
                (RDF.type, SPDX.Checksum),
                (SPDX.algorithm, self._typed_value(IRI(SPDX_ALGORITHMS + distribution.checksum.algorithm),
                                                   [(RDF.type, SPDX.ChecksumAlgorithm)])),
                (SPDX.checksumValue, Literal(distribution.checksum.value, datatype=XSD.hexBinary))]))
        return resources


RFC_5545 = "https://www.rfc-editor.org/rfc/rfc5545"
CALENDAR_DESCRIPTION = "Releases announced in advance: planned dates, status and every change of date."


def export_dcat(view: PublicView, out: IO[str], rdf_format: str = "turtle") -> None:
    """Write the DCAT-AP export of a public view to a text stream."""
    write_rdf(DcatBuilder(view).resources(), out, rdf_format)


__all__ = ["DcatBuilder", "export_dcat", "language_uri"]
