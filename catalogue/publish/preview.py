"""What a dataset page shows of its data: for each open local table, its first rows with the variables' labels as
headers and the codes' labels in the cells, and a summary per variable (cases, missing, smallest and largest
value or the most frequent codes). Only the public variables' columns are read; a dataset whose data are not
open has no preview; a file is read in one lazy pass, up to its first ``SUMMARY_ROWS`` rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from catalogue.errors import DataFileError, OutsideFolderError
from catalogue.formats.ddi_statistics import NUMERIC_TYPES, VariableStatistics, local_tables, summarize_table
from catalogue.formats.text import pick
from catalogue.model import Dataset, Distribution, Variable
from catalogue.policy.view import PublicView
from catalogue.records.tabular import columns, dialect_of
from catalogue.support.fileio import resolve_inside
from catalogue.vocab import Vocabulary

PREVIEW_ROWS = 100
"""Data rows shown of each table."""
PREVIEW_COLUMNS = 40
"""Columns shown of each table: a wider one is previewed in its first columns (each variable is summarized)."""
CELL_CHARACTERS = 120
"""Characters shown of a cell."""
TOP_CODES = 5
"""Most frequent codes shown of a coded variable."""
SUMMARY_ROWS = 200_000
"""Rows of a table summarized: a page of a larger one summarizes its first rows and says so (a page is made when it
is asked for, and a file of millions of rows would take a minute to read)."""


@dataclass(frozen=True)
class TablePreview:
    """One pass over one open local table: its public columns, in the file's order."""

    distribution: Distribution
    variables: tuple[Variable, ...]
    rows: tuple[tuple[str, ...], ...]
    cases: int
    stats: dict[str, VariableStatistics]
    complete: bool
    """Every row of the file was summarized (else its first ``SUMMARY_ROWS``)."""


def table_previews(view: PublicView, source_root: Path, vocab: Vocabulary, dataset: Dataset) -> list[TablePreview]:
    """The previews of a public dataset's open local tables (none when its data are not open; a file that cannot
    be read as declared is left out: the data checks report it)."""
    if not view.is_open_access(dataset):
        return []
    withheld = view.withheld_columns.get(dataset.id, frozenset())
    public = {v.id: v for v in dataset.variables if not v.confidential and v.id not in withheld}
    order = list(view.source_columns.get(dataset.id, tuple(v.id for v in dataset.variables)))
    previews = []
    for distribution in local_tables(dataset, vocab):
        stats = {name: VariableStatistics() for name in public}
        try:
            path = resolve_inside(source_root, distribution.path or "")
            dialect = dialect_of(distribution, vocab)
            header = columns(path, dialect, order)
            cases, kept, complete = summarize_table(path, dialect, header, public, stats, PREVIEW_ROWS,
                                                    CELL_CHARACTERS, SUMMARY_ROWS)
        except (DataFileError, OutsideFolderError, OSError):  # a file that cannot be read
            continue  # as declared: no preview (``check`` says why)
        shown = tuple(public[name] for name in header if name in public)
        if shown:
            previews.append(TablePreview(distribution, shown, tuple(map(tuple, kept)), cases, stats, complete))
    return previews


class PreviewLabels:
    """A dataset's previews as a page in one language shows them."""

    def __init__(self, view: PublicView, language: str) -> None:
        self.view = view
        self.language = language

    def number(self, value: float) -> str:
        return format_decimal(int(value) if float(value).is_integer() else round(value, 6), locale=self.language)

    def context(self, preview: TablePreview) -> dict[str, Any]:
        variables = preview.variables
        codes = [self.code_labels(v) for v in variables]
        missing = [{m.code: pick(m.label, self.language) or m.code for m in v.missing_values} for v in variables]
        columns = range(min(len(variables), PREVIEW_COLUMNS))
        return {
            "id": preview.distribution.id,
            "title": pick(preview.distribution.title, self.language) or preview.distribution.id,
            "cases": self.number(preview.cases), "shown_rows": len(preview.rows), "complete": preview.complete,
            "columns": [self.header(variables[i]) for i in columns], "all_columns": len(variables),
            "rows": [[self.cell(row[i], codes[i], missing[i]) for i in columns] for row in preview.rows],
            "summaries": [self.summary(v, preview.stats[v.id], codes[variables.index(v)]) for v in variables],
        }

    def header(self, variable: Variable) -> dict[str, str]:
        return {"id": variable.id, "label": pick(variable.label, self.language) or variable.id}

    def code_labels(self, variable: Variable) -> dict[str, str]:
        codelist = self.view.codelist(variable.codelist)
        if codelist is None:
            return {}
        return {code.id: label for code in codelist.codes if (label := pick(code.name, self.language))}

    @staticmethod
    def cell(value: str, codes: dict[str, str], missing: dict[str, str]) -> dict[str, Any]:
        """A cell: a code's label (the code kept for its title), a missing value's label, else the value."""
        if value in missing and value:
            return {"text": _cut(missing[value]), "code": value, "missing": True}
        if value in codes:
            return {"text": _cut(codes[value]), "code": value, "missing": False}
        return {"text": _cut(value), "code": None, "missing": value == ""}

    def summary(self, variable: Variable, stats: VariableStatistics, codes: dict[str, str]) -> dict[str, Any]:
        """Cases and missing values; the most frequent codes of a coded variable, else the range of a numeric one."""
        missing_codes = {m.code for m in variable.missing_values}
        frequent = [(code, count) for code, count in stats.frequencies.most_common(TOP_CODES + len(missing_codes))
                    if code not in missing_codes][:TOP_CODES] if variable.codelist else []
        numeric = not variable.codelist and variable.data_type in NUMERIC_TYPES
        return {
            **self.header(variable), "valid": self.number(stats.valid), "missing": self.number(stats.invalid),
            "minimum": self.number(stats.minimum) if numeric and stats.minimum is not None else None,
            "maximum": self.number(stats.maximum) if numeric and stats.maximum is not None else None,
            "frequent": [{"code": code, "label": _cut(codes.get(code, code)), "count": self.number(count)}
                         for code, count in frequent],
        }


def _cut(text: str) -> str:
    return text if len(text) <= CELL_CHARACTERS else text[:CELL_CHARACTERS - 1] + "…"
