"""SDMX-JSON 2.0 metadata messages: the public reports as metadata sets (the official schema's
``sdmx-json-metadata-schema.json``), from the same metadata sets as the SDMX-ML messages.

The schema wants every set to have a metadataflow, a target and at least one attribute: a report without a value
is written in SDMX-ML 3.0 only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from catalogue.formats.sdmx.artefacts import MetadataSet, ReportAttribute
from catalogue.formats.sdmx.dialect import SDMX_30
from catalogue.formats.sdmx.json_writer import best_text, content_languages
from catalogue.formats.sdmx.metadata_writer import TEXT_TYPES, structured_text, target_urn
from catalogue.model import ReportedAttribute

SCHEMA = ("https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/metadata-message/tools/schemas/2.0.0/"
          "sdmx-json-metadata-schema.json")
MEDIA_TYPE = "application/vnd.sdmx.metadata+json;version=2.0.0"


class _Texts:
    """Texts in the languages the client asked for (every language by default), tags in lower case as the schema
    wants them."""

    def __init__(self, languages: list[str] | None) -> None:
        self.languages = languages

    def kept(self, text: dict[str, str]) -> dict[str, str]:
        lowered = {language.lower(): value for language, value in text.items()}
        if self.languages is None:
            return lowered
        return {language: value for language, value in lowered.items() if language in self.languages} or lowered

    def best(self, text: dict[str, str]) -> str:
        return best_text(text, self.languages)


def metadata_json(sets: Iterable[MetadataSet], structures: dict[Any, Any], message_id: str, prepared: datetime,
                  sender: str, catalogue_languages: list[str], languages: list[str] | None = None) -> str:
    """The message (``languages``: the client's, best first)."""
    asked = [language.lower() for language in languages] if languages is not None else None
    texts = _Texts(asked)
    written = []
    for metadata_set in sets:
        report = metadata_set.report
        if not report.values:
            continue
        msd = structures[metadata_set.structure]
        title = report.title or {catalogue_languages[0]: report.id}
        item: dict[str, Any] = {"id": report.id, "version": SDMX_30.version(metadata_set.ref.version),
                                "agencyID": metadata_set.ref.agency, "name": texts.best(title),
                                "names": texts.kept(title), "metadataflow": SDMX_30.urn(metadata_set.flow),
                                "targets": [target_urn(SDMX_30, metadata_set)]}
        if report.period:
            item["publicationPeriod"] = report.period
        known = {attribute.id: attribute for attribute in msd.attributes}
        item["attributes"] = _values(report.values, known, texts)
        if item["attributes"]:
            written.append(item)
    meta = {"schema": SCHEMA, "id": message_id, "test": False,
            "prepared": f"{prepared.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}",
            "contentLanguages": content_languages(asked, catalogue_languages), "sender": {"id": sender}}
    return json.dumps({"meta": meta, "data": {"metadataSets": written}}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def _values(values: list[ReportedAttribute], known: dict[str, ReportAttribute], texts: _Texts) -> list[dict[str, Any]]:
    written = []
    for value in values:
        attribute = known.get(value.attribute)
        if attribute is None:
            continue
        item: dict[str, Any] = {"id": value.attribute}
        if attribute.representation is not None:
            item["format"] = {"dataType": TEXT_TYPES.get(attribute.representation, "String")}
        if value.value is not None:
            item["value"] = value.value
        elif value.text:
            kept = texts.kept(value.text)
            item["value"] = {language: structured_text(body) for language, body in kept.items()} \
                if attribute.representation == "xhtml" else kept
        if value.values:
            children = _values(value.values, {child.id: child for child in attribute.children}, texts)
            if children:
                item["attributes"] = children
        written.append(item)
    return written
