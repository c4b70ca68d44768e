"""Checks of the office's own data files against their variables, for ``catalogue check``.

frictionless checks types, codes (categories mirrored into ``enum``), declared missing values,
constraints and primary-key uniqueness; our own code adds what it lets through (a null in any
part of a primary key) and checks patterns with RE2 (frictionless's ``re`` backtracks, so a pattern such as
``(a|a)+$`` would take seconds per character of a cell).
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import Any


from catalogue.support.collector import collector_paused
from catalogue.records.compact import select
from catalogue.errors import CatalogueError, DataFileError, OutsideFolderError, Problem, format_field_path
from catalogue.messages import Message
from catalogue.support.fileio import resolve_inside
from catalogue.formats.tableschema import TableSchemaBuilder
from catalogue.model import Catalogue, Dataset
from catalogue.checks.patterns import compile_pattern
from catalogue.model.types import ascii_visible
from catalogue.records.loader import LoadResult, load_catalogue
from catalogue.records.tabular import TableDialect, columns, dialect_of, is_tabular, rows
from catalogue.vocab import Vocabulary, vocabulary

EXTRA_COLUMNS = 100
"""Columns a file may have beyond the dataset's variables and still be checked column by column (each is
reported); past them the file is refused as a whole."""
MESSAGES: dict[str, Callable[[dict[str, Any]], Message]] = {
    "type-error": lambda v: Message("'%(cell)s' is not of type %(type)s", cell=v["cell"], type=v["type"]),
    "constraint-error": lambda v: Message("'%(cell)s' breaks the constraint: %(note)s", cell=v["cell"],
                                          note=v["note"]),
    "primary-key": lambda v: Message("duplicate primary key (%(key)s): %(note)s", key=v["key"], note=v["note"]),
    "missing-cell": lambda v: Message("the row has no value for this column"),
    "extra-cell": lambda v: Message("the row has more values than the header"),
    "extra-label": lambda v: Message("column '%(label)s' is not a variable of the dataset", label=v["label"]),
    "missing-label": lambda v: Message("the file has no column for variable '%(field)s'", field=v["field"]),
    "blank-row": lambda v: Message("the row is empty"),
    "incorrect-label": lambda v: Message("column %(column)s is '%(label)s', but variable '%(field)s' is expected "
                                         "there (the columns follow the order of the variables)",
                                         column=v["column"], label=v["label"], field=v["field"]),
    "duplicate-label": lambda v: Message("column '%(label)s' appears twice", label=v["label"]),
}
"""How a frictionless error type is told to a metadata officer."""
NAMES_ITS_COLUMN = {"extra-label", "missing-label", "incorrect-label", "duplicate-label"}
"""The error types whose message names the column (the others are prefixed with it)."""


def check_data(catalogue: Catalogue, root: Path, vocab: Vocabulary | None = None,
               sources: dict[tuple[str, str], Any] | None = None) -> list[Problem]:
    """Every problem in every local tabular data file of the catalogue.

    A file that cannot be read as declared is one problem, located at its distribution's ``path``
    in the dataset's record file when ``sources`` (the loader's source maps) are given.
    """
    vocab = vocab or vocabulary()
    builder = TableSchemaBuilder(vocab, catalogue.shared(),
                                 catalogue.info.default_language, catalogue.info.languages)
    problems: list[Problem] = []
    for dataset in catalogue.datasets.values():
        for index, distribution in enumerate(dataset.distributions):
            if not (distribution.path and is_tabular(distribution, vocab)):
                continue
            try:
                path = resolve_inside(root, distribution.path)
                problems += check_file(path, dataset, builder, dialect_of(distribution, vocab))
            except (DataFileError, OutsideFolderError) as error:
                problems.append(_file_problem(error, dataset, index, sources))
    return problems


def _file_problem(error: CatalogueError, dataset: Dataset, index: int,
                  sources: dict[tuple[str, str], Any] | None) -> Problem:
    """A data file's problem at its line in the file when it has one, else at the distribution's ``path``."""
    if isinstance(error, DataFileError) and error.line is not None:
        return Problem(str(error.path), error.line, error.column, "", error.message)
    message = error.message if isinstance(error, DataFileError) else str(error)
    field_path = format_field_path(("distributions", index, "path"))
    source = (sources or {}).get(("dataset", dataset.id))
    if source is None:
        return Problem(f"datasets/{dataset.id}", None, None, field_path, message)
    position = source.source_map.locate(("distributions", index, "path"))
    return Problem(source.file, position.line, position.column, field_path, message)


def _frictionless_schema(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The descriptor as frictionless 5 reads it: missing values as plain strings (it refuses the
    labelled v2 form it does not implement), patterns left out (``_own_checks`` checks them)."""
    def plain(values: list[Any]) -> list[str]:
        return [value["value"] if isinstance(value, dict) else value for value in values]

    def without_pattern(field: dict[str, Any]) -> dict[str, Any]:
        constraints = {k: v for k, v in (field.get("constraints") or {}).items() if k != "pattern"}
        return {**{k: v for k, v in field.items() if k != "constraints"},
                **({"constraints": constraints} if constraints else {})}

    result = {**descriptor, "fields": [
        without_pattern({**field, "missingValues": plain(field["missingValues"])} if "missingValues" in field
                        else field)
        for field in descriptor["fields"]]}
    if "missingValues" in result:
        result["missingValues"] = plain(result["missingValues"])
    return result


def check_file(path: Path, dataset: Dataset, builder: TableSchemaBuilder, dialect: TableDialect) -> list[Problem]:
    """The problems of one data file: its columns, frictionless's checks, then nulls in the primary key.

    A confidential variable may be absent from the file (a file prepared for publication);
    every other variable must be there.
    """
    header = columns(path, dialect, [v.id for v in dataset.variables])
    if len(header) > len(dataset.variables) + EXTRA_COLUMNS:  # checked column by column, it would take hours
        return [Problem(str(path), 1, None, "", Message("the file has %(columns)s columns and the dataset "
                                                        "%(variables)s variables: a column is a variable",
                                                        columns=f"{len(header):,}", variables=len(dataset.variables)))]
    variables = [v for v in dataset.variables if not (v.confidential and v.id not in header)]
    descriptor = builder.schema(dataset, variables)
    from frictionless import Dialect, Resource, Schema, formats  # heavy: only when a data file is checked

    schema = Schema.from_descriptor(_frictionless_schema(descriptor))
    control = formats.CsvControl(delimiter=dialect.delimiter, quote_char=dialect.quote_char)
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema, format="csv",
                        encoding=dialect.python_encoding, dialect=Dialect(header=dialect.header, controls=[control]))
    report = resource.validate()
    problems = []
    fields = {f["name"]: f for f in descriptor["fields"]}
    key = descriptor.get("primaryKey", [])
    for task in report.tasks:
        for error in task.errors:
            problems.append(_problem(path, error, fields, key))
    problems += _own_checks(path, dialect, header, fields, key, descriptor.get("missingValues", [""]))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.message))


def _problem(path: Path, error: Any, fields: dict[str, Any], key: list[str]) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_number", None)
    name = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
    field = fields.get(name, {})
    said = MESSAGES.get(error.type)
    values = {"cell": ascii_visible(str(getattr(error, "cell", ""))), "type": field.get("type", ""),
              "note": error.note, "key": ", ".join(key), "label": ascii_visible(str(getattr(error, "label", name))),
              "field": name, "column": column}
    message: str = said(values) if said else f"{error.title}: {error.note}"
    if name and said and error.type not in NAMES_ITS_COLUMN:
        message = Message("column '%(column)s': %(problem)s", column=ascii_visible(name), problem=message)
    return Problem(str(path), row, column, ascii_visible(name), message)


def _own_checks(path: Path, dialect: TableDialect, header: list[str], fields: dict[str, Any],
                key: list[str], schema_missing: list[Any]) -> list[Problem]:
    """What frictionless does not check as it should, in one pass over the rows: a null in a composite primary
    key (frictionless lets it through; a statistical office must not), and patterns (with RE2; a missing value,
    as frictionless reads the schema, is not checked)."""
    patterns = {name: (header.index(name), compile_pattern(field["constraints"]["pattern"]), field["constraints"])
                for name, field in fields.items()
                if name in header and field.get("type") == "string" and (field.get("constraints") or {}).get("pattern")}
    if not key and not patterns:
        return []
    problems = []
    positions = {name: header.index(name) for name in key if name in header}
    def values(listed: list[Any]) -> set[str]:
        return {m["value"] if isinstance(m, dict) else m for m in listed}

    missing = {name: values(field.get("missingValues", [])) | {""} for name, field in fields.items()}
    unchecked = {name: values(field.get("missingValues", schema_missing)) for name, field in fields.items()}
    data_rows = rows(path, dialect)
    if dialect.header:
        next(data_rows, None)
    for row_number, row in enumerate(data_rows, start=2 if dialect.header else 1):
        for name, position in positions.items():
            value = row[position] if position < len(row) else ""
            if value in missing[name]:
                problems.append(Problem(str(path), row_number, position + 1, name, Message(
                    "the primary key (%(key)s) has no value in column '%(column)s' ('%(value)s' is a missing-value "
                    "code)", key=", ".join(key), column=name, value=value) if value else Message(
                    "the primary key (%(key)s) has no value in column '%(column)s'", key=", ".join(key), column=name)))
        for name, (position, pattern, constraints) in patterns.items():
            value = row[position] if position < len(row) else ""
            if value not in unchecked[name] and pattern.fullmatch(value) is None:
                note = f'constraint "pattern" is "{constraints["pattern"]}"'
                message = MESSAGES["constraint-error"]({"cell": ascii_visible(value), "note": note})
                problems.append(Problem(str(path), row_number, position + 1, ascii_visible(name),
                                        Message("column '%(column)s': %(problem)s", column=ascii_visible(name),
                                                problem=message)))
    return problems


def load_and_check(root: Path, vocab: Vocabulary | None = None, with_data: bool = True) -> LoadResult:
    """What ``catalogue check`` reports: the records, then the data files of every dataset whose record
    file has no error (so that record errors and data errors come in one run)."""
    vocab = vocab or vocabulary()
    with collector_paused():  # what is loaded lives on (see ``collector``)
        result = load_catalogue(root, vocab)
        if with_data and result.catalogue is not None:
            failed_files = {problem.file for problem in result.errors}
            with_files = result.datasets_with_files
            sound = [i for i in result.catalogue.datasets
                     if (with_files is None or i in with_files)  # the others have no data file to check
                     and (source := result.sources.get(("dataset", i))) is not None and source.file not in failed_files]
            datasets = select(result.catalogue.datasets, sound)  # compact ones stay compact
            catalogue = result.catalogue.model_copy(update={"datasets": datasets})
            result.problems.extend(check_data(catalogue, root, vocab, result.sources))
    return result
