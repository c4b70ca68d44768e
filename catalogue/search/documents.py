"""What search holds of a published dataset: its public parts only (no confidential variable, as every output),
folded, per language; its facet values; the records its words come from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from catalogue.model import Dataset, TermsOfUse
from catalogue.model.references import ArtefactReference, Lookup, referenced_id
from catalogue.search.folding import fold

MOST_CODES = 500
"""The code names of a codelist a dataset's words hold, at most (a codelist of every place of a country is found by
its own name, not by each place's)."""
MOST_YEARS = 300
"""The years of a temporal coverage the year facet lists, at most (the latest)."""
FACETS = ("theme", "keyword", "publisher", "format", "licence", "access", "frequency", "series", "language", "year",
          "source_type")
"""The facets, in the order a page shows them."""


@dataclass
class SearchDocument:
    """One dataset as search holds it."""

    dataset_id: str
    release_time: datetime | None
    modified: date | None
    titles: dict[str, str]
    """Folded title per language."""
    bodies: dict[str, str]
    """Folded description, keywords, variable labels, concept and code names per language."""
    sort_titles: dict[str, str]
    """Folded title in each of the catalogue's languages (the default language's where it has none)."""
    shown: dict[str, object]
    facets: set[tuple[str, str]] = field(default_factory=set)
    uses: set[tuple[str, str]] = field(default_factory=set)
    """(kind, artefact id) of the codelists, concept schemes and terms its words and facets come from."""


def search_document(dataset: Dataset, terms: TermsOfUse | None, shared: Lookup, default_language: str,
                    languages: list[str]) -> SearchDocument:
    """The search document of a published dataset (its confidential variables left out)."""
    public = [variable for variable in dataset.variables if not variable.confidential]
    texts: dict[str, list[str]] = {}

    def add(text: dict[str, str] | None) -> None:
        for language, value in (text or {}).items():
            texts.setdefault(language, []).append(value)

    add(dataset.description)
    for language, keywords in (dataset.keywords or {}).items():
        texts.setdefault(language, []).extend(keywords)
    uses: set[tuple[str, str]] = {("terms", dataset.terms)}
    for variable in public:
        add(variable.label)
        concept = shared.concept(variable.concept) if variable.concept else None
        if concept is not None and variable.concept is not None:
            add(concept.name)
            scheme = ArtefactReference.parse(variable.concept.rsplit(".", 1)[0]) if "." in variable.concept else None
            uses.add(("concept_scheme", scheme.id if scheme else "*"))  # "*": whichever scheme holds it
        codelist = shared.codelist(variable.codelist) if variable.codelist else None
        if codelist is not None:
            add(codelist.name)
            for code in codelist.codes[:MOST_CODES]:
                add(code.name)
        if variable.codelist:
            uses.add(("codelist", referenced_id(variable.codelist) or variable.codelist))
    title = dataset.title.get(default_language) or next(iter(dataset.title.values()))
    return SearchDocument(
        dataset_id=dataset.id, release_time=dataset.release_time, modified=dataset.modified,
        titles={language: fold(value) for language, value in dataset.title.items()},
        bodies={language: fold(" ".join(values)) for language, values in texts.items()},
        sort_titles={language: fold(dataset.title.get(language) or title)[:500] for language in languages},
        shown={"title": dataset.title, "description": {k: v[:300] for k, v in dataset.description.items()},
               "publisher": dataset.publisher, "modified": dataset.modified.isoformat() if dataset.modified else None},
        facets=set(_facets(dataset, terms)), uses=uses)


def _facets(dataset: Dataset, terms: TermsOfUse | None) -> Iterator[tuple[str, str]]:
    yield from (("theme", theme) for theme in dataset.themes)
    for language, keywords in (dataset.keywords or {}).items():
        yield from (("keyword", f"{language}:{keyword}"[:500]) for keyword in keywords)
    yield "publisher", dataset.publisher
    yield from (("format", distribution.format) for distribution in dataset.distributions)
    licences = {dataset.licence, *(d.licence for d in dataset.distributions)}
    yield from (("licence", licence) for licence in licences if licence)
    if terms is not None:
        yield "access", terms.access_level
    if dataset.frequency:
        yield "frequency", dataset.frequency
    yield from (("series", series) for series in dataset.series)
    yield from (("language", language) for language in dataset.title)
    coverage = dataset.temporal_coverage
    if coverage is not None and (coverage.start or coverage.end):
        first = (coverage.start or coverage.end).year  # type: ignore[union-attr]
        last = (coverage.end or coverage.start).year  # type: ignore[union-attr]
        yield from (("year", str(year)) for year in range(max(first, last - MOST_YEARS + 1), last + 1))
    if dataset.source_type:
        yield "source_type", dataset.source_type
