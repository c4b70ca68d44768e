"""What a validator says of one file, and the ways every check of ``catalogue validate`` runs."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from catalogue.model.types import ascii_visible


@dataclass
class FileReport:
    """What the validators said of one file."""

    file: str
    validator: str
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


T = TypeVar("T")


def later(pool: Executor | None, work: Callable[..., T], *arguments: Any) -> Callable[[], T]:
    """``work`` handed to the pool (or done now, without one); call the result for its result."""
    if pool is None:
        done = work(*arguments)
        return lambda: done
    return pool.submit(work, *arguments).result


def guarded(report: FileReport, check: Callable[[], None]) -> FileReport:
    """Run one validator; whatever a damaged file makes it raise is an error of that file."""
    try:
        check()
    except Exception as error:  # a parser's or validator's error of any kind is a finding about the file
        report.errors.append(one_line(f"cannot be read: {type(error).__name__}: {error}"))
    return report


def one_line(text: str) -> str:
    return ascii_visible(" ".join(text.split()))[:2000]


def missing(site: Path, path: str, validator: str) -> FileReport | None:
    if not (site / path).is_file():
        return FileReport(path, validator, [f"{site / path} is missing"])
    return None
