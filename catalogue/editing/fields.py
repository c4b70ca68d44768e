"""The fields of each kind of record, as the editor's forms show them, read from the record's JSON Schema.

The JSON Schema is generated from the model with the controlled values of ``mappings/`` as enums
(``catalogue.records.schema``): field order, help text, required fields and choices come from there, the
recommended marks from the integrity rules. One machinery renders and reads every kind of record.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Mapping
from typing import Any

from catalogue.errors import format_field_path
from catalogue.checks.findings import RECOMMENDED
from catalogue.model import RECORD_KINDS
from catalogue.records.schema import record_schema

LONG_TEXTS = {"description", "quality_statement", "provenance", "universe", "sampling", "data_collection",
              "question", "text", "note", "statement"}
"""Texts written as paragraphs (a text area per language rather than a line)."""
LABELS = {"base_uri": "Base URI", "access_url": "Access URL", "download_url": "Download URL", "url": "URL",
          "uri": "URI", "eu_uri": "EU URI", "eu_theme": "EU data theme", "bbox": "Bounding box",
          "external_urn": "External URN", "num_series": "Number of series", "open_definition_id": "Open Definition id",
          "application_url": "Application URL", "id": "Identifier", "identifier": "External identifier",
          "media_type": "Media type (IANA)", "terms": "Terms of use", "types": "Licence types",
          "bureau_code": "Bureau codes", "program_code": "Program codes", "related": "Related datasets",
          "email": "Email", "quote_char": "Quote character", "min_length": "Minimum length",
          "max_length": "Maximum length", "planned": "Planned release", "announced": "Announced on",
          "changed": "Changed on", "history": "Earlier planned dates", "issued": "Issued on",
          "modified": "Modified on", "valid_from": "Valid from", "valid_to": "Valid to",
          "min_occurs": "Minimum occurrences", "max_occurs": "Maximum occurrences"}
"""Field labels where the field's name alone says it badly; every other label is the name in sentence case."""


@dataclass(frozen=True)
class Field:
    """One field of a form.

    ``widget`` is one of: ``text`` (one input per language), ``keywords`` (a list per language), ``line``,
    ``choice``, ``boolean``, ``number``, ``date``, ``datetime``, ``url``, ``list`` (one value per line),
    ``record`` (nested fields) and ``records`` (a list of nested records)."""

    name: str
    widget: str
    label: str
    help: str
    required: bool
    recommended: bool
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    long: bool = False

    @property
    def is_container(self) -> bool:
        return self.widget in ("record", "records")


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` as ``X`` (the editor leaves a field empty for null)."""
    branches = node.get("anyOf")
    if branches:
        kept = [branch for branch in branches if branch.get("type") != "null"]
        if len(kept) == 1:
            return {**{k: v for k, v in node.items() if k != "anyOf"}, **kept[0]}
    return node


def _is_language_map(node: dict[str, Any], item_type: str) -> bool:
    extra = node.get("additionalProperties")
    return node.get("type") == "object" and isinstance(extra, dict) and extra.get("type") == item_type


def _widget(node: dict[str, Any]) -> str:
    branches = node.get("anyOf", [])
    if any(_is_language_map(branch, "string") for branch in branches):
        return "text"
    if any(_is_language_map(branch, "array") for branch in branches):
        return "keywords"
    if "$ref" in node:
        return "record"
    if node.get("type") == "array":
        return "records" if "$ref" in node.get("items", {}) else "list"
    if "enum" in node:
        return "choice"
    kind = node.get("type")
    if kind == "boolean":
        return "boolean"
    if kind in ("integer", "number"):
        return "number"
    return {"date": "date", "date-time": "datetime", "uri": "url"}.get(node.get("format", ""), "line")


def _definition(schema: dict[str, Any], reference: str) -> dict[str, Any]:
    return schema["$defs"][reference.rsplit("/", 1)[-1]]


def _fields(schema: dict[str, Any], node: dict[str, Any], recommended: Mapping[str, str],
            within: frozenset[str] = frozenset()) -> tuple[Field, ...]:
    """The fields of a node of a record's schema (``within``: the definitions it lies in; one that holds itself, as
    a report's values hold values, is not made again inside itself)."""
    required = set(node.get("required", ()))
    fields = []
    for name, prop in node.get("properties", {}).items():
        prop = _without_null(prop)
        if len(prop.get("anyOf", ())) == 1:
            prop = {**prop, **prop["anyOf"][0]}
        widget = _widget(prop)
        nested: tuple[Field, ...] = ()
        reference = prop["$ref"] if widget == "record" else prop["items"]["$ref"] if widget == "records" else None
        if reference is not None and reference not in within:
            nested = _fields(schema, _definition(schema, reference), {}, within | {reference})
        help_text = prop.get("description", "")
        if widget in ("text", "keywords"):
            help_text = ""  # the type's own description, not the field's: the side-by-side inputs say it
        fields.append(Field(name=name, widget=widget, label=LABELS.get(name) or name.replace("_", " ").capitalize(),
                            help=help_text, required=name in required, recommended=name in recommended,
                            choices=tuple(prop.get("enum", ())), fields=nested,
                            long=widget == "text" and name in LONG_TEXTS))
    return tuple(fields)


def field_texts() -> set[str]:
    """Every field label and help text of every kind of record (what the interface translations must cover)."""
    found: set[str] = set()
    pending = [field for kind in RECORD_KINDS for field in form_fields(kind)]
    while pending:
        field = pending.pop()
        found |= {field.label, field.help} - {""}
        pending.extend(field.fields)
    return found


@lru_cache(maxsize=None)
def form_fields(kind: str) -> tuple[Field, ...]:
    """The fields of a kind of record, in the model's order."""
    schema = record_schema(kind)
    return _fields(schema, schema, RECOMMENDED.get(kind, {}))


def field_at(fields: tuple[Field, ...], path: tuple[str | int, ...]) -> Field | None:
    """The field a path leads to (list indices and languages skipped), or ``None``."""
    current: Field | None = None
    choices = fields
    for part in path:
        if isinstance(part, int):
            continue
        found = next((field for field in choices if field.name == part), None)
        if found is None:
            return current if current is not None and current.widget in ("text", "keywords") else None
        current, choices = found, found.fields
    return current


@dataclass(frozen=True)
class TranslationGap:
    """A text given in some of the catalogue's languages but not all."""

    path: tuple[str | int, ...]
    missing: tuple[str, ...]
    given: dict[str, Any]

    @property
    def name(self) -> str:
        return ".".join(str(part) for part in self.path)

    @property
    def field(self) -> str:
        return format_field_path(self.path)


def translation_gaps(fields: tuple[Field, ...], data: Any, languages: list[str],
                     path: tuple[str | int, ...] = ()) -> list[TranslationGap]:
    """Every text and keyword list of a record that lacks one of the catalogue's languages, in form order."""
    gaps: list[TranslationGap] = []
    if not isinstance(data, dict):
        return gaps
    for field in fields:
        value = data.get(field.name)
        here = (*path, field.name)
        if field.widget in ("text", "keywords") and isinstance(value, dict) and value:
            missing = tuple(language for language in languages if not value.get(language))
            if missing:
                gaps.append(TranslationGap(here, missing, value))
        elif field.widget == "record":
            gaps.extend(translation_gaps(field.fields, value, languages, here))
        elif field.widget == "records" and isinstance(value, list):
            for index, item in enumerate(value):
                gaps.extend(translation_gaps(field.fields, item, languages, (*here, index)))
    return gaps
