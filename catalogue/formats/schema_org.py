"""schema.org ``DataCatalog`` and ``Dataset`` JSON-LD, following Google's Dataset guidelines.

Texts carry every language as ``@language``-tagged values; each public variable becomes a
``PropertyValue`` in ``variableMeasured``; only downloadable data get a ``DataDownload``.
"""

from __future__ import annotations

from typing import Any

from catalogue.i18n import in_languages
from catalogue.model import Agency, Dataset, Series, Variable
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.jsonfeed import JsonFeed
from catalogue.formats.text import pick
from catalogue.formats.uris import Uris

CONTEXT = "https://schema.org/"


def tagged(text: dict[str, str] | None) -> list[dict[str, str]] | None:
    """Every language of a text as JSON-LD value objects."""
    if not text:
        return None
    return [{"@language": language, "@value": value} for language, value in text.items()]


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, [], {})}


class SchemaOrgBuilder:
    def __init__(self, view: PublicView, vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.vocab = vocab or vocabulary()
        self.uris = Uris(view.info)

    def catalogue(self, datasets: list[Any] | None = None) -> dict[str, Any]:
        """The document; ``datasets`` in place of the view's (``STREAMED`` to stream them)."""
        info = self.view.info
        return {"@context": CONTEXT, **_compact({
            "@type": "DataCatalog",
            "@id": self.uris.catalogue(),
            "name": tagged(info.title),
            "description": tagged(info.description),
            "url": info.homepage,
            "inLanguage": list(info.languages),
            "publisher": self.organisation(self.view.agencies[info.publisher]),
            "license": self.view.licences[info.licence].url if info.licence and info.licence in self.view.licences
            else None,
            "dataset": [*(self.dataset(d, embedded=True) for d in self.view.datasets.values()), *self.series_items()]
            if datasets is None else datasets,
        })}

    def organisation(self, agency: Agency) -> dict[str, Any]:
        kind = self.vocab.agent_types[agency.type].schema_org if agency.type else "Organization"
        return _compact({"@type": kind, "@id": self.uris.agency(agency.id), "name": tagged(agency.name),
                         "url": agency.url, "email": agency.email})

    def dataset(self, dataset: Dataset, embedded: bool = False) -> dict[str, Any]:
        """A ``Dataset``; standalone (for a page) it carries its own ``@context``."""
        info = self.view.info
        open_access = self.view.is_open_access(dataset)
        licence = self.view.licence_of(dataset)
        publisher = self.organisation(self.view.agencies[dataset.publisher])
        coverage = dataset.temporal_coverage
        source = self.vocab.source_types.get(dataset.source_type or "")  # where the data come from
        record = _compact({
            "@type": "Dataset",
            "@id": self.uris.dataset(dataset.id),
            "name": tagged(dataset.title),
            "description": tagged(dataset.description),
            "url": dataset.landing_page or self.uris.dataset(dataset.id),
            "identifier": [value for value in (dataset.identifier, self.uris.dataset(dataset.id)) if value],
            "keywords": [{"@language": language, "@value": word}
                         for language, words in (dataset.keywords or {}).items() for word in words],
            "license": licence.url if licence else None,
            "creator": publisher,
            "publisher": publisher,
            "temporalCoverage": (f"{coverage.start.isoformat() if coverage.start else '..'}/"
                                 f"{coverage.end.isoformat() if coverage.end else '..'}") if coverage else None,
            "spatialCoverage": [_compact({"@type": "Place", "name": tagged(place.name), "sameAs": place.uri})
                                for place in dataset.spatial_coverage],
            "datePublished": dataset.issued.isoformat() if dataset.issued else None,
            "dateModified": dataset.modified.isoformat() if dataset.modified else None,
            "version": dataset.version,
            "isPartOf": [{"@type": "Dataset", "@id": self.uris.series(series_id),
                          "name": tagged(self.view.series[series_id].title)}
                         for series_id in dict.fromkeys(dataset.series) if series_id in self.view.series],
            "inLanguage": list(info.languages),
            "isAccessibleForFree": open_access,
            "conditionsOfAccess": None if open_access else tagged(self.view.terms_of(dataset).conditions),
            "distribution": self.downloads(dataset),
            "variableMeasured": [self.variable(variable) for variable in dataset.variables],
            "measurementTechnique": tagged(in_languages(source.label, info.languages)) if source else None,
            "subjectOf": self.reports("dataset", dataset.id),
            "includedInDataCatalog": {"@type": "DataCatalog", "@id": self.uris.catalogue(),
                                      "name": tagged(info.title), "url": info.homepage},
        })
        return record if embedded else {"@context": CONTEXT, **record}

    def series(self, series: Series, embedded: bool = False) -> dict[str, Any]:
        """A public series as a ``Dataset`` whose parts (``hasPart``) are its releases in order; standalone (for its
        page) it carries its own ``@context``."""
        publisher = self.organisation(self.view.agencies[series.publisher])
        record = _compact({
            "@type": "Dataset", "@id": self.uris.series(series.id), "name": tagged(series.title),
            "description": tagged(series.description), "url": series.landing_page or self.uris.series(series.id),
            "creator": publisher, "publisher": publisher,
            "hasPart": [{"@type": "Dataset", "@id": self.uris.dataset(release)}
                        for release in self.view.releases.get(series.id, ())],
            "subjectOf": self.reports("series", series.id),
        })
        return record if embedded else {"@context": CONTEXT, **record}

    def reports(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """The public reference metadata reports on a dataset or series (``subjectOf``), each a ``Report`` at its
        page that follows its structure (``isBasedOn``, the structure's URN)."""
        found = []
        for report in self.view.reports_on(kind, record_id):
            url = f"{self.uris.base}reports/{report.id}/index.html"
            agency, _, rest = report.structure.partition(":")
            found.append(_compact({
                "@type": "Report", "@id": url, "url": url, "name": tagged(report.title),
                "temporalCoverage": report.period,
                "isBasedOn": f"urn:sdmx:org.sdmx.infomodel.metadatastructure.MetadataStructure={agency}:{rest}"}))
        return found

    def series_items(self) -> list[dict[str, Any]]:
        """Every public series, after the datasets of the catalogue."""
        return [self.series(series, embedded=True) for series in self.view.series.values()]

    def downloads(self, dataset: Dataset) -> list[dict[str, Any]]:
        result = []
        for distribution in dataset.distributions:
            url = distribution.download_url or (self.uris.local_file(distribution.path) if distribution.path else None)
            if url:
                file_format = self.vocab.file_formats[distribution.format]
                result.append(_compact({"@type": "DataDownload", "contentUrl": url,
                                        "encodingFormat": distribution.media_type or file_format.media_type,
                                        "name": tagged(distribution.title),
                                        "contentSize": str(distribution.byte_size) if distribution.byte_size else None}))
        return result

    def variable(self, variable: Variable) -> dict[str, Any]:
        return _compact({
            "@type": "PropertyValue",
            "propertyID": variable.id,
            "name": tagged(variable.label),
            "description": tagged(variable.description),
            "unitText": pick(variable.unit, self.view.info.default_language),
        })


def _embedded(builder: SchemaOrgBuilder, dataset: Dataset) -> dict[str, Any]:
    return builder.dataset(dataset, embedded=True)


SCHEMA_ORG = JsonFeed(SchemaOrgBuilder, _embedded, keep_empty=False, closing=SchemaOrgBuilder.series_items)
"""The ``DataCatalog`` with its datasets, then its series; ``catalogue validate`` checks it through the pages, whose
embedded blocks must equal its datasets and series."""


def schema_org_catalogue(view: PublicView) -> dict[str, Any]:
    """The schema.org ``DataCatalog`` of a public view, with its datasets."""
    return SCHEMA_ORG.document(view)
