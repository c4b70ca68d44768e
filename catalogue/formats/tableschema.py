"""Table Schema (Data Package v2) of a dataset's variables: shared by the Data Package export and
the data checks of ``catalogue check``."""

from __future__ import annotations

from typing import Any

from catalogue.model import Codelist, Dataset, Variable
from catalogue.model.references import Lookup
from catalogue.vocab import Vocabulary
from catalogue.formats.text import pick

TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
NUMERIC = {"integer", "number", "year"}


def _coded(value: str, field_type: str) -> Any:
    """A code as the field's type holds it (categories of an integer field are integers)."""
    if field_type in NUMERIC:
        try:
            return int(value)
        except ValueError:
            return value
    return value


class TableSchemaBuilder:
    """Fields, keys and labels from variables, codelists and concepts."""

    def __init__(self, vocab: Vocabulary, shared: Lookup, language: str, languages: list[str]) -> None:
        self.vocab = vocab
        self.shared = shared
        self.language = language
        self.other_languages = [lang for lang in languages if lang != language]

    def field(self, variable: Variable) -> dict[str, Any]:
        table_type = self.vocab.data_types[variable.data_type].table_schema
        field: dict[str, Any] = {"name": variable.id, "type": table_type.type}
        if table_type.format:
            field["format"] = table_type.format
        field["title"] = pick(variable.label, self.language)
        if variable.description:
            field["description"] = pick(variable.description, self.language)
        constraints: dict[str, Any] = {}
        if variable.constraints:
            c = variable.constraints
            for key, value in (("required", c.required or None), ("unique", c.unique or None),
                               ("minimum", c.minimum), ("maximum", c.maximum), ("minLength", c.min_length),
                               ("maxLength", c.max_length), ("pattern", c.pattern)):
                if value is not None:
                    constraints[key] = value
        codelist = self.shared.codelist(variable.codelist)
        if codelist and codelist.codes:
            field["categories"] = [{"value": _coded(code.id, table_type.type),
                                    "label": pick(code.name, self.language) or code.id} for code in codelist.codes]
            if codelist.ordered:
                field["categoriesOrdered"] = True
            # frictionless enforces enum, not categories: mirror them
            constraints["enum"] = [category["value"] for category in field["categories"]]
        if constraints:
            field["constraints"] = constraints
        if variable.missing_values:
            field["missingValues"] = [{"value": m.code, "label": pick(m.label, self.language) or m.code}
                                      for m in variable.missing_values]
        concept = self.shared.concept(variable.concept)
        if concept and concept.uri:
            field["rdfType"] = concept.uri
        translations = self.translations(variable, codelist)
        if translations:
            field["x_translations"] = translations
        return field

    def translations(self, variable: Variable, codelist: Codelist | None) -> dict[str, Any]:
        """The other languages of the field's texts (Table Schema has one language)."""
        result: dict[str, Any] = {}
        for language in self.other_languages:
            entry: dict[str, Any] = {}
            if language in variable.label:
                entry["title"] = variable.label[language]
            if variable.description and language in variable.description:
                entry["description"] = variable.description[language]
            if codelist and codelist.codes:
                labels = {code.id: code.name[language] for code in codelist.codes if language in code.name}
                if labels:
                    entry["categories"] = labels
            if variable.missing_values:
                missing = {m.code: m.label[language] for m in variable.missing_values if language in m.label}
                if missing:
                    entry["missingValues"] = missing
            if entry:
                result[language] = entry
        return result

    def primary_key(self, variables: list[Variable]) -> list[str]:
        """The dimensions (with time) of a table, else the identifiers of microdata."""
        dimensions = [v.id for v in variables if v.role in ("dimension", "time_dimension")]
        return dimensions or [v.id for v in variables if v.role == "identifier"]

    def schema(self, dataset: Dataset, variables: list[Variable] | None = None) -> dict[str, Any]:
        variables = dataset.variables if variables is None else variables
        schema: dict[str, Any] = {"$schema": TABLE_SCHEMA_PROFILE, "fields": [self.field(v) for v in variables]}
        key = self.primary_key(variables)
        if key:
            schema["primaryKey"] = key
        schema["missingValues"] = [""]
        return schema
