"""DCAT-US 1.1 (Project Open Data ``data.json``), from the public view.

DCAT-US holds one language: texts are written in the catalogue's default language and the
languages of the catalogue are listed in ``language``. ``bureauCode`` and ``programCode`` are
written when the catalogue (or the dataset) supplies them, making the output valid against the
federal schema as well as the non-federal one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogue.model import Dataset, Distribution
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.jsonfeed import FeedCheck, JsonFeed
from catalogue.formats.text import pick, shorten
from catalogue.formats.uris import Uris

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
RIGHTS_LIMIT = 255


class DcatUsBuilder:
    def __init__(self, view: PublicView, vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.vocab = vocab or vocabulary()
        self.uris = Uris(view.info)
        self.language = view.info.default_language

    def text(self, value: dict[str, str] | None) -> str | None:
        return pick(value, self.language)

    def catalogue(self, datasets: list[Any] | None = None) -> dict[str, Any]:
        """The document; ``datasets`` in place of the view's (``STREAMED`` to stream them)."""
        return {
            "@context": f"{POD_SCHEMA}/catalog.jsonld",
            "@id": self.uris.base + "data.json",
            "@type": "dcat:Catalog",
            "conformsTo": POD_SCHEMA,
            "describedBy": f"{POD_SCHEMA}/catalog.json",
            "dataset": [self.dataset(d) for d in self.view.datasets.values()] if datasets is None else datasets,
        }

    def keywords(self, dataset: Dataset) -> list[str]:
        """Every keyword in every language; DCAT-US requires one, so a dataset without keywords gets
        the names of its themes, or else its title (``check`` warns of it)."""
        words = sorted({word for words in (dataset.keywords or {}).values() for word in words})
        if words:
            return words
        themes = {theme.id: theme for theme in self.view.info.themes}
        return [name for theme in dataset.themes if (name := self.text(themes[theme].name))] or \
            [self.text(dataset.title) or dataset.id]

    def dataset(self, dataset: Dataset) -> dict[str, Any]:
        terms = self.view.terms_of(dataset)
        publisher = self.view.agencies[dataset.publisher]
        record: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "title": self.text(dataset.title),
            "description": self.text(dataset.description),
            "keyword": self.keywords(dataset),
            "modified": (dataset.modified or dataset.issued or self.view.as_of.date()).isoformat(),
            "publisher": {"@type": "org:Organization", "name": self.text(publisher.name)},
            "contactPoint": self.contact(dataset),
            "identifier": self.uris.dataset(dataset.id),
            "accessLevel": self.vocab.access_levels[terms.access_level].dcat_us,
        }
        bureau = dataset.bureau_code or self.view.info.bureau_code
        program = dataset.program_code or self.view.info.program_code
        if bureau:
            record["bureauCode"] = bureau
        if program:
            record["programCode"] = program
        if terms.access_level != "public":
            rights = self.text(terms.conditions) or self.text(terms.name) or terms.id
            record["rights"] = shorten(rights, RIGHTS_LIMIT)
        licence = self.view.licence_of(dataset)
        if licence:
            record["license"] = licence.url
        if dataset.spatial_coverage:
            place = dataset.spatial_coverage[0]
            record["spatial"] = self.text(place.name) or place.uri
        coverage = dataset.temporal_coverage
        if coverage and coverage.start and coverage.end:
            record["temporal"] = f"{coverage.start.isoformat()}/{coverage.end.isoformat()}"
        if dataset.issued:
            record["issued"] = dataset.issued.isoformat()
        if dataset.frequency:
            duration = self.vocab.frequencies[dataset.frequency].iso8601
            record["accrualPeriodicity"] = duration if duration == "irregular" else f"R/{duration}"
        record["language"] = list(self.view.info.languages)
        if dataset.landing_page:
            record["landingPage"] = dataset.landing_page
        themes = {theme.id: theme for theme in self.view.info.themes}
        if dataset.themes:
            record["theme"] = [self.text(themes[t].name) for t in dataset.themes]
        if dataset.related:
            record["references"] = [self.uris.dataset(other) for other in dataset.related]
        distributions = [self.distribution(d) for d in dataset.distributions]
        if distributions:
            record["distribution"] = distributions
        return record

    def contact(self, dataset: Dataset) -> dict[str, Any]:
        """The dataset's contact point, or its publisher when it names none (DCAT-US requires one)."""
        contact = self.view.contact(dataset.contact_point) or self.view.agencies[dataset.publisher]
        result = {"@type": "vcard:Contact", "fn": self.text(contact.name)}
        if contact.email:
            result["hasEmail"] = f"mailto:{contact.email}"
        return result

    def distribution(self, distribution: Distribution) -> dict[str, Any]:
        file_format = self.vocab.file_formats[distribution.format]
        result: dict[str, Any] = {"@type": "dcat:Distribution"}
        download = distribution.download_url or (self.uris.local_file(distribution.path) if distribution.path else None)
        if download:
            result["downloadURL"] = download
            result["mediaType"] = distribution.media_type or file_format.media_type
        if distribution.access_url:
            result["accessURL"] = distribution.access_url
        result["format"] = self.text(file_format.label)
        if distribution.title:
            result["title"] = self.text(distribution.title)
        if distribution.description:
            result["description"] = self.text(distribution.description)
        if file_format.conforms_to:
            result["conformsTo"] = file_format.conforms_to.uri
        return result


def _check(document: Any, standards: Path) -> FeedCheck:
    """The official DCAT-US 1.1 schema, federal when every dataset has a ``bureauCode``."""
    from catalogue.conformance.validators import dcat_us_errors

    federal = bool(document.get("dataset")) and all("bureauCode" in d for d in document["dataset"])
    return FeedCheck(f"jsonschema, DCAT-US 1.1 {'federal' if federal else 'non-federal'} schema",
                     dcat_us_errors(document, standards, federal=federal))


DCAT_US = JsonFeed(DcatUsBuilder, DcatUsBuilder.dataset, keep_empty=True,
                   item_inputs=lambda view: (view.as_of.date().isoformat(),),  # the date of a dataset without one
                   check=_check, check_name="jsonschema, DCAT-US 1.1")
"""``data.json``."""


def dcat_us_catalogue(view: PublicView) -> dict[str, Any]:
    """The ``data.json`` document of a public view."""
    return DCAT_US.document(view)
