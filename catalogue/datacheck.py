"""Checks of the office's own data files against their variables, for ``catalogue check``.

frictionless checks types, codes (categories mirrored into ``enum``), declared missing values,
constraints and primary-key uniqueness; our own code adds what it lets through: a null in any
part of a primary key.
"""

from __future__ import annotations

import csv
from pathlib import Path

from frictionless import Resource, Schema

from .errors import Problem
from .formats.tableschema import TableSchemaBuilder
from .model import Catalogue, Dataset
from .vocab import Vocabulary, vocabulary

MESSAGES = {
    "type-error": "'{cell}' is not of type {type}",
    "constraint-error": "'{cell}' breaks the constraint: {note}",
    "primary-key": "duplicate primary key ({key}): {note}",
    "missing-cell": "the row has no value for this column",
    "extra-cell": "the row has more values than the header",
    "extra-label": "column '{label}' is not a variable of the dataset",
    "missing-label": "the file has no column for variable '{field}'",
    "blank-row": "the row is empty",
}
"""How a frictionless error type is told to a metadata officer."""


def check_data(catalogue: Catalogue, root: Path, vocab: Vocabulary | None = None) -> list[Problem]:
    """Every problem in every local tabular data file of the catalogue."""
    vocab = vocab or vocabulary()
    concepts = catalogue.concepts()
    problems: list[Problem] = []
    for dataset in catalogue.datasets.values():
        for distribution in dataset.distributions:
            if distribution.path and vocab.file_formats[distribution.format].tabular:
                builder = TableSchemaBuilder(vocab, dict(catalogue.codelists), concepts,
                                             catalogue.info.default_language, catalogue.info.languages)
                problems += check_file(root / distribution.path, dataset, builder)
    return problems


def check_file(path: Path, dataset: Dataset, builder: TableSchemaBuilder) -> list[Problem]:
    """The problems of one data file: frictionless's, then nulls in the primary key.

    A confidential variable may be absent from the file (a file prepared for publication);
    every other variable must be there.
    """
    with path.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream), [])
    variables = [v for v in dataset.variables if not (v.confidential and v.id not in header)]
    descriptor = builder.schema(dataset, variables)
    descriptor.pop("$schema", None)
    schema = Schema.from_descriptor(descriptor)
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema, format="csv", encoding="utf-8")
    report = resource.validate()
    problems = []
    fields = {f["name"]: f for f in descriptor["fields"]}
    key = descriptor.get("primaryKey", [])
    for task in report.tasks:
        for error in task.errors:
            problems.append(_problem(path, error, fields, key))
    problems += _primary_key_nulls(path, fields, key)
    return sorted(problems)


def _problem(path: Path, error, fields: dict, key: list[str]) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_number", None)
    name = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
    field = fields.get(name, {})
    template = MESSAGES.get(error.type)
    values = {"cell": getattr(error, "cell", ""), "type": field.get("type", ""), "note": error.note,
              "key": ", ".join(key), "label": getattr(error, "label", name), "field": name}
    message = template.format(**values) if template else f"{error.title}: {error.note}"
    return Problem(str(path), row, column, name, message)


def _primary_key_nulls(path: Path, fields: dict, key: list[str]) -> list[Problem]:
    """frictionless lets a null through a composite primary key; a statistical office must not."""
    if not key:
        return []
    problems = []
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader, [])
        positions = {name: header.index(name) for name in key if name in header}
        for row_number, row in enumerate(reader, start=2):
            for name, position in positions.items():
                missing = {m["value"] for m in fields[name].get("missingValues", [])} | {""}
                value = row[position] if position < len(row) else ""
                if value in missing:
                    problems.append(Problem(str(path), row_number, position + 1, name,
                                            f"the primary key ({', '.join(key)}) has no value in column '{name}'"
                                            + (f" ('{value}' is a missing-value code)" if value else "")))
    return problems
