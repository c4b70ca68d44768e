"""What one pass over a public dataset's local data files says of its variables, for its DDI-Codebook: per
variable, valid and invalid cases, numeric summaries and code frequencies; per file, its cases and variables.
Nothing is read of a dataset whose data are not public, nor of a confidential column."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.records.tabular import columns, dialect_of, is_tabular, rows
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
        wanted = [(index, by_id[name]) for index, name in enumerate(header) if name in stats]
        cases = 0
        for number, row in enumerate(rows(path, dialect)):
            if number == 0 and dialect.header:
                continue
            cases += 1
            for index, variable in wanted:
                _count(stats[variable.id], variable, row[index] if index < len(row) else "")
        facts[distribution.id] = FileFacts(cases, len(wanted))
    return stats, facts


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
