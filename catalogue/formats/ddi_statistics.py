"""What one pass over a public dataset's local data files says of its variables, for its DDI-Codebook: per
variable, valid and invalid cases, numeric summaries and code frequencies; per file, its cases and variables.
Nothing is read of a dataset whose data are not public, nor of a confidential column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.records.tabular import TableDialect, columns, dialect_of, is_tabular, rows
from catalogue.model import Dataset, Distribution, Variable
from catalogue.policy.view import PublicView
from catalogue.support.fileio import resolve_inside
from catalogue.vocab import Vocabulary

NUMERIC_TYPES = frozenset({"integer", "decimal"})


@dataclass
class VariableStatistics:
    """What one pass over the local data files says of one variable."""

    valid: int = 0
    invalid: int = 0
    numbers: int = 0
    total: float = 0.0
    minimum: float | None = None
    maximum: float | None = None
    frequencies: Counter[str] = field(default_factory=Counter)


@dataclass
class FileFacts:
    cases: int
    variables: int


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def local_tables(dataset: Dataset, vocab: Vocabulary) -> list[Distribution]:
    return [d for d in dataset.distributions if d.path and is_tabular(d, vocab)]


def statistics(view: PublicView, source_root: Path, vocab: Vocabulary,
               dataset: Dataset) -> tuple[dict[str, VariableStatistics], dict[str, FileFacts]]:
    """Per public variable, counts and statistics over the local tables; per distribution, its cases and variables."""
    if not view.is_open_access(dataset):
        return {}, {}
    stats = {v.id: VariableStatistics() for v in dataset.variables}
    facts: dict[str, FileFacts] = {}
    order = list(view.source_columns.get(dataset.id, tuple(v.id for v in dataset.variables)))
    by_id = {v.id: v for v in dataset.variables}
    for distribution in local_tables(dataset, vocab):
        path = resolve_inside(source_root, distribution.path or "")
        dialect = dialect_of(distribution, vocab)
        header = columns(path, dialect, order)
        cases, _, _ = summarize_table(path, dialect, header, by_id, stats)
        facts[distribution.id] = FileFacts(cases, sum(1 for name in header if name in by_id))
    return stats, facts


def summarize_table(path: Path, dialect: TableDialect, header: list[str], variables: Mapping[str, Variable],
                    stats: Mapping[str, VariableStatistics], keep: int = 0, cut: int = 1 << 20,
                    most: int | None = None) -> tuple[int, list[list[str]], bool]:
    """One lazy pass over a local table: its cases counted into ``stats`` for the columns ``variables`` name (no
    other column is looked at), and the first ``keep`` data rows of those columns, in the file's order, each cell
    kept to its first ``cut`` characters and one more (to tell it was longer). ``most``: stop after so many cases.
    Returns the cases counted, the rows kept and whether the whole file was read."""
    wanted = [(index, variables[name]) for index, name in enumerate(header) if name in variables]
    cases, kept = 0, list[list[str]]()
    for number, row in enumerate(rows(path, dialect)):
        if number == 0 and dialect.header:
            continue
        if most is not None and cases == most:
            return cases, kept, False
        cases += 1
        cells = [row[index] if index < len(row) else "" for index, _ in wanted]
        for (_, variable), value in zip(wanted, cells):
            _count(stats[variable.id], variable, value)
        if len(kept) < keep:
            kept.append([cell[:cut + 1] for cell in cells])
    return cases, kept, True


def _count(stats: VariableStatistics, variable: Variable, value: str) -> None:
    if value == "" or value in {m.code for m in variable.missing_values}:
        stats.invalid += 1
        if value:
            stats.frequencies[value] += 1
        return
    stats.valid += 1
    if variable.codelist:
        stats.frequencies[value] += 1
    if variable.data_type in NUMERIC_TYPES:
        number = _number(value)
        if number is not None:
            stats.numbers += 1
            stats.total += number
            stats.minimum = number if stats.minimum is None else min(stats.minimum, number)
            stats.maximum = number if stats.maximum is None else max(stats.maximum, number)
