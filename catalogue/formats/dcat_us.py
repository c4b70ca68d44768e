"""DCAT-US 1.1 (Project Open Data ``data.json``), from the public view.

DCAT-US holds one language: texts are written in the catalogue's default language and the
languages of the catalogue are listed in ``language``. ``bureauCode`` and ``programCode`` are
written when the catalogue (or the dataset) supplies them, making the output valid against the
federal schema as well as the non-federal one.

Series: DCAT-US 1.1 has no dataset series; it groups datasets in a *collection*, an entry of the same
``dataset`` list that the others name by its ``identifier`` in ``isPartOf`` (one string). Each public series
with public releases is such an entry, after the datasets, identified by the series' URI (as the DCAT-AP feed
names its ``dcat:DatasetSeries``), and each of its releases names it. DCAT-US 3.0 replaces ``isPartOf`` with
``dcat:inSeries`` and a ``dcat:DatasetSeries``, as our DCAT-AP feed writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from catalogue.model import Dataset, Distribution, Series, TermsOfUse
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.jsonfeed import FeedCheck, JsonFeed
from catalogue.formats.jsonstream import STREAMED, stream_json
from catalogue.formats.text import pick, shorten
from catalogue.formats.uris import Uris

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
RIGHTS_LIMIT = 255
OPENNESS = ("public", "restricted public", "non-public")
"""DCAT-US access levels, the most open first."""


class ReleaseFacts(NamedTuple):
    """What a series' collection takes of the entry of a dataset in a series."""

    part_of: str | None
    """The series whose collection it names (``isPartOf``)."""
    modified: str
    bureau: tuple[str, ...]
    program: tuple[str, ...]
    access: tuple[tuple[str, str], ...]
    """``accessLevel`` and, when it is not public, ``rights``."""


class DcatUsBuilder:
    def __init__(self, view: PublicView, vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.vocab = vocab or vocabulary()
        self.uris = Uris(view.info)
        self.language = view.info.default_language

    def text(self, value: dict[str, str] | None) -> str | None:
        return pick(value, self.language)

    def catalogue(self, datasets: list[Any] | None = None) -> dict[str, Any]:
        """The document; ``datasets`` in place of the view's entries (``STREAMED`` to stream them). The view's are
        its datasets, then the collections of its public series."""
        if datasets is None:
            entries = [self.dataset(d) for d in self.view.datasets.values()]
            datasets = entries + self.collections()
        return {
            "@context": f"{POD_SCHEMA}/catalog.jsonld",
            "@id": self.uris.base + "data.json",
            "@type": "dcat:Catalog",
            "conformsTo": POD_SCHEMA,
            "describedBy": f"{POD_SCHEMA}/catalog.json",
            "dataset": datasets,
        }

    def keywords(self, dataset: Dataset) -> list[str]:
        """Every keyword in every language; DCAT-US requires one, so a dataset without keywords gets
        the names of its themes, or else its title (``check`` warns of it)."""
        words = sorted({word for words in (dataset.keywords or {}).values() for word in words})
        return words or self.theme_words(dataset.themes, dataset.title, dataset.id)

    def theme_words(self, theme_ids: list[str], title: dict[str, str], record_id: str) -> list[str]:
        """The names of these themes, else the title: the keywords of a record that has none of its own."""
        themes = {theme.id: theme for theme in self.view.info.themes}
        return [name for theme in theme_ids if (name := self.text(themes[theme].name))] or \
            [self.text(title) or record_id]

    def dataset(self, dataset: Dataset) -> dict[str, Any]:
        access = self.access(self.view.terms_of(dataset))
        publisher = self.view.agencies[dataset.publisher]
        record: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "title": self.text(dataset.title),
            "description": self.text(dataset.description),
            "keyword": self.keywords(dataset),
            "modified": self.modified(dataset),
            "publisher": {"@type": "org:Organization", "name": self.text(publisher.name)},
            "contactPoint": self.contact(dataset),
            "identifier": self.uris.dataset(dataset.id),
            "accessLevel": access["accessLevel"],
        }
        bureau = dataset.bureau_code or self.view.info.bureau_code
        program = dataset.program_code or self.view.info.program_code
        if bureau:
            record["bureauCode"] = bureau
        if program:
            record["programCode"] = program
        if "rights" in access:
            record["rights"] = access["rights"]
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
        record.update(self.described(dataset.frequency, dataset.landing_page, dataset.themes))
        part_of = self.part_of(dataset)
        if part_of:
            record["isPartOf"] = part_of
        if dataset.related:
            record["references"] = [self.uris.dataset(other) for other in dataset.related]
        distributions = [self.distribution(d) for d in dataset.distributions]
        if distributions:
            record["distribution"] = distributions
        return record

    def modified(self, dataset: Dataset) -> str:
        return (dataset.modified or dataset.issued or self.view.as_of.date()).isoformat()

    def access(self, terms: TermsOfUse) -> dict[str, str]:
        """``accessLevel``, and ``rights`` (what the access is, shortened) when it is not public."""
        found = {"accessLevel": self.vocab.access_levels[terms.access_level].dcat_us}
        if terms.access_level != "public":
            rights = self.text(terms.conditions) or self.text(terms.name) or terms.id
            found["rights"] = shorten(rights, RIGHTS_LIMIT)
        return found

    def described(self, frequency: str | None, landing_page: str | None, theme_ids: list[str]) -> dict[str, Any]:
        """``accrualPeriodicity``, ``language``, ``landingPage`` and ``theme``, of a dataset or a series."""
        found: dict[str, Any] = {}
        if frequency:
            duration = self.vocab.frequencies[frequency].iso8601
            found["accrualPeriodicity"] = duration if duration == "irregular" else f"R/{duration}"
        found["language"] = list(self.view.info.languages)
        if landing_page:
            found["landingPage"] = landing_page
        themes = {theme.id: theme for theme in self.view.info.themes}
        if theme_ids:
            found["theme"] = [self.text(themes[t].name) for t in theme_ids]
        return found

    def part_of(self, dataset: Dataset) -> str | None:
        """``isPartOf``: the identifier of the collection of the series the dataset is a release of. DCAT-US 1.1
        allows one, so a dataset in several public series names the first of them in its own order (``series``);
        the DCAT-AP feed and the DDI codebook name them all. None for a dataset in no public series."""
        series_id = self.first_series(dataset)
        return self.uris.series(series_id) if series_id is not None else None

    def first_series(self, dataset: Dataset) -> str | None:
        """The first public series of the dataset's, whose collection it names (None: it is in none)."""
        return next((s for s in dataset.series if s in self.view.series), None)

    def release_facts(self, dataset: Dataset) -> ReleaseFacts:
        bureau = dataset.bureau_code or self.view.info.bureau_code
        program = dataset.program_code or self.view.info.program_code
        access = self.access(self.view.terms_of(dataset))
        return ReleaseFacts(self.first_series(dataset), self.modified(dataset), tuple(bureau), tuple(program),
                            tuple(access.items()))

    def collections(self, facts: Mapping[str, ReleaseFacts] | None = None) -> list[dict[str, Any]]:
        """The collection of each public series with public releases (``view.releases``) that an entry names: a
        collection is known in data.json only by the entries naming it, so a series all of whose releases name
        another first is left out (the DCAT-AP feed tells it). ``facts``: of the datasets in a series, by id, when
        the view does not hold them all (else of its releases and the versions they replace)."""
        if facts is None:
            candidates = {i for orders in (self.view.releases, self.view.withdrawn_releases)
                          for order in orders.values() for i in order} | set(self.view.newer_versions)
            facts = {i: self.release_facts(self.view.datasets[i]) for i in sorted(candidates)
                     if i in self.view.datasets}
        named = {f.part_of for f in facts.values()}
        found = []
        for series_id, series in self.view.series.items():
            releases = [facts[i] for i in (*self.view.releases.get(series_id, ()),
                                           *self.view.withdrawn_releases.get(series_id, ())) if i in facts]
            if releases and series_id in named:
                found.append(self.collection(series, releases))
        return found

    def collection(self, series: Series, releases: list[ReleaseFacts]) -> dict[str, Any]:
        """A series as a collection: its own title, description, themes, publisher, contact point, frequency and
        landing page; modified when its latest release was; as open as its most open release; the federal codes
        every release shares (else the catalogue's)."""
        publisher = self.view.agencies[series.publisher]
        access = min((dict(r.access) for r in releases), key=lambda a: OPENNESS.index(a["accessLevel"]))
        record: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "title": self.text(series.title),
            "description": self.text(series.description),
            "keyword": self.theme_words(series.themes, series.title, series.id),
            "modified": max(r.modified for r in releases),
            "publisher": {"@type": "org:Organization", "name": self.text(publisher.name)},
            "contactPoint": self.contact_of(series.contact_point, series.publisher),
            "identifier": self.uris.series(series.id),
            **access,
        }
        for key, codes, default in (("bureauCode", {r.bureau for r in releases}, self.view.info.bureau_code),
                                    ("programCode", {r.program for r in releases}, self.view.info.program_code)):
            shared = list(next(iter(codes))) if len(codes) == 1 else default
            if shared:
                record[key] = shared
        record.update(self.described(series.frequency, series.landing_page, series.themes))
        return record

    def contact(self, dataset: Dataset) -> dict[str, Any]:
        """The dataset's contact point, or its publisher when it names none (DCAT-US requires one)."""
        return self.contact_of(dataset.contact_point, dataset.publisher)

    def contact_of(self, contact_id: str | None, publisher: str) -> dict[str, Any]:
        contact = self.view.contact(contact_id) or self.view.agencies[publisher]
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


@dataclass(frozen=True)
class DataJsonFeed(JsonFeed):
    """``data.json``: the datasets' entries, then (``closing``) the collections of the series they name."""

    def stream(self, view: PublicView, batches: Iterable[PublicView] | None = None) -> Iterator[str]:
        """The document's text, one entry at a time: the datasets of ``batches`` (views of successive parts of the
        catalogue), or else of ``view``; then the collections, made from what the entries of their releases said."""
        vocab = vocabulary()
        whole = DcatUsBuilder(view, vocab)
        facts: dict[str, ReleaseFacts] = {}

        def entries() -> Iterator[dict[str, Any]]:
            for part in (batches if batches is not None else [view]):
                builder = DcatUsBuilder(part, vocab)
                for dataset in part.datasets.values():
                    if dataset.series:
                        facts[dataset.id] = builder.release_facts(dataset)
                    yield builder.dataset(dataset)
            yield from whole.collections(facts)

        return stream_json(whole.catalogue(STREAMED), entries(), self.keep_empty)


DCAT_US = DataJsonFeed(DcatUsBuilder, DcatUsBuilder.dataset, keep_empty=True, closing=DcatUsBuilder.collections,
                       item_inputs=lambda view: (view.as_of.date().isoformat(),),  # the date of a dataset without one
                       check=_check, check_name="jsonschema, DCAT-US 1.1")
"""``data.json``."""


def dcat_us_catalogue(view: PublicView) -> dict[str, Any]:
    """The ``data.json`` document of a public view."""
    return DCAT_US.document(view)
