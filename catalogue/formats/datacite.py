"""A public dataset as DataCite Metadata Schema 4.5 XML, for an office that registers its datasets' DOIs: made only
for a dataset whose identifier is a DOI (the DOI names what is registered). Written by the ``datacite`` package
from its DataCite JSON, which is checked against the package's JSON Schema of 4.5 first; no registry package
ships the official XSD, so the XML is not checked against it here."""

from __future__ import annotations

from typing import Any

from datacite import schema45

from catalogue.errors import OutputError
from catalogue.formats.citation import doi_of
from catalogue.formats.text import pick
from catalogue.model import Dataset
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary

SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"


def has_datacite(dataset: Dataset) -> bool:
    return doi_of(dataset.identifier) is not None


def datacite_json(view: PublicView, dataset: Dataset, vocab: Vocabulary) -> dict[str, Any]:
    """The DataCite JSON (4.5) of a public dataset with a DOI."""
    doi = doi_of(dataset.identifier)
    if doi is None:
        raise ValueError(f"{dataset.id} has no DOI")
    languages = [*view.info.languages, *(lang for lang in dataset.title if lang not in view.info.languages)]
    default = view.info.default_language
    agency = view.agencies.get(dataset.publisher)
    author = (pick(agency.name, default) if agency else None) or dataset.publisher
    issued = dataset.issued or dataset.modified
    licence = view.licence_of(dataset)
    data: dict[str, Any] = {
        "doi": doi,
        "creators": [{"name": author, "nameType": "Organizational"}],
        "titles": [{"title": title, "lang": language} for language in languages
                   if (title := (dataset.title or {}).get(language))],
        "publisher": {"name": author},
        "publicationYear": str(issued.year) if issued else str(view.as_of.year),
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Statistical data"},
        "subjects": _unique([{"subject": word, "lang": language} for language in languages
                             for word in (dataset.keywords or {}).get(language, [])]),
        "dates": [{"date": when.isoformat(), "dateType": kind}
                  for when, kind in ((dataset.issued, "Issued"), (dataset.modified, "Updated")) if when],
        "language": default,
        "version": dataset.version,
        "descriptions": [{"description": text, "descriptionType": "Abstract", "lang": language}
                         for language in languages if (text := (dataset.description or {}).get(language))],
        "formats": sorted({d.media_type or vocab.file_formats[d.format].media_type for d in dataset.distributions
                           if d.format in vocab.file_formats}),
        "schemaVersion": SCHEMA_VERSION,
    }
    if licence is not None:
        data["rightsList"] = [{"rights": pick(licence.title, default) or licence.id, "rightsUri": licence.url}]
    return {key: value for key, value in data.items() if value not in ([], None, "")}


def _unique(items: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each item once (the schema wants no two alike: a keyword given twice is one subject)."""
    kept: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    for item in items:
        kept.setdefault(tuple(sorted(item.items())), item)
    return list(kept.values())


def datacite_xml(view: PublicView, dataset: Dataset, vocab: Vocabulary) -> bytes:
    """The DataCite 4.5 XML of a public dataset with a DOI; ``OutputInvalid`` if its JSON fails the 4.5 schema."""
    data = datacite_json(view, dataset, vocab)
    if not schema45.validate(data):
        errors = sorted(error.message for error in schema45.validator.iter_errors(data))
        raise OutputError(f"DataCite 4.5 metadata of {dataset.id}: " + "; ".join(errors))
    text: str = schema45.tostring(data)
    return text.encode("utf-8")
