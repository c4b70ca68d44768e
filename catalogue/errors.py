"""Problems found in record files, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from catalogue.model.types import ascii_visible


class Severity(str, Enum):
    """How serious a problem is: errors block publishing, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


FieldPath = tuple[str | int, ...]


def format_field_path(path: FieldPath) -> str:
    """Render ``("variables", 2, "codelist")`` as ``variables[2].codelist``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located in a record file as precisely as possible."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def __str__(self) -> str:
        """One line, whatever the file, field or echoed value holds (control characters are escaped)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return ascii_visible(f"{where}:{field_part} {prefix}{self.message}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``catalogue check --format json``."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "severity": self.severity.value,
        }


class CatalogueError(Exception):
    """Base of every error the catalogue raises for bad input."""


class RecordsInvalid(CatalogueError):
    """The record files hold errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} error(s) in the record files")


class UsageError(CatalogueError):
    """The command was called wrongly (a missing folder, a bad option value)."""
