"""Shared fixtures: the bundled example, copies of it to break, and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalogue.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "census"
STANDARDS = REPO.parent / "shared" / "standards"


@pytest.fixture(autouse=True, scope="session")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record parse cache of this run, never the user's: files are parsed once, then read from it."""
    import os

    folder = tmp_path_factory.mktemp("parse-cache")
    os.environ["CATALOGUE_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(autouse=True)
def newest_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request waits for the whole catalogue's documents at its own version (a test expects the newest; one
    that tests an earlier document answering sets the wait it needs)."""
    import catalogue.server.prepared as prepared

    monkeypatch.setattr(prepared, "FRESH_WAIT", prepared.WHOLE_WAIT)


@pytest.fixture
def census(tmp_path: Path) -> Path:
    """A private copy of examples/census that a test may break."""
    target = tmp_path / "census"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, *args: str):
    """Run the catalogue command in-process; exceptions are not caught, so a traceback fails the test."""
    return cli.invoke(app, list(args), catch_exceptions=False)


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a record file in place, failing if ``old`` is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    """The 1-based number of the line holding ``fragment``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")
