"""What the commands share: the consoles, the options that read a catalogue, how a failure or a refusal is said,
and how an output folder is replaced or updated.

Nothing heavy is imported here (``tests/test_packaging.py``): each helper imports what it uses when it runs."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from catalogue.errors import Problem
    from catalogue.policy.view import PublicView
    from catalogue.store import Store

UNBOUNDED_WIDTH = 10_000
"""Outside a terminal (CI logs, files) lines and tables are printed whole, never cut at 80 columns."""
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else UNBOUNDED_WIDTH)
err = Console(stderr=True, soft_wrap=True, width=None if sys.stderr.isatty() else UNBOUNDED_WIDTH)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


TEXT_OR_JSON = "text|json"
"""The metavar of ``--format``: its choices."""

SourceFolder = Annotated[
    Path | None,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, readable=True, metavar="SOURCE",
                   help="The catalogue folder (holding catalogue.yaml); or give --db."),
]
Database = Annotated[
    str | None,
    typer.Option("--db", metavar="URL", help="Read the catalogue from this store instead of a folder (an SQLAlchemy "
                                             "URL: sqlite:///catalogue.db, postgresql+psycopg://user@host/db)"),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="TIME", help="Build time (ISO 8601; UTC if no offset): what is embargoed until "
                                                 "later is left out. Default: now."),
]


def open_store(url: str) -> Store:
    """The store at ``url`` (SQLAlchemy and Alembic are imported only by the commands that use a store)."""
    from catalogue.store import open_store as opened

    return opened(url)


def fail(error: Exception) -> NoReturn:
    """One error line for a failure that is not the command's fault of use (exit 1)."""
    err.print(f"error: {error}", style="red", markup=False, highlight=False)
    raise typer.Exit(1)


def refuse(problems: list[Problem], source: Path, consequence: str) -> NoReturn:
    """Print the errors among ``problems`` of a catalogue that is not valid (at most 100 per file), say what was
    not done, exit 1."""
    errors = [problem for problem in problems if problem.is_error]
    for problem in capped(errors):
        err.print(str(problem), style="red", markup=False, highlight=False, soft_wrap=True)
    err.print(f"{source}: {len(errors)} error(s); {consequence}", markup=False, highlight=False)
    raise typer.Exit(1)


PROBLEMS_PER_FILE = 100
"""At most this many problems are printed per file; a last line counts the rest."""


def capped(problems: list[Problem]) -> Iterator[Problem]:
    """The problems, at most ``PROBLEMS_PER_FILE`` per file, each file's rest counted on a last line."""
    from catalogue.errors import Problem

    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.file] = shown.get(problem.file, 0) + 1
        if shown[problem.file] <= PROBLEMS_PER_FILE:
            yield problem
    for file, count in shown.items():
        if count > PROBLEMS_PER_FILE:
            yield Problem(file, None, None, "", f"... and {count - PROBLEMS_PER_FILE:,} more problem(s) in this file "
                                                f"(use --format json for all)")


def records_folder(source: Path | None, db: str | None, default: Path | None = None) -> Path:
    """The records folder to read: SOURCE, or the store written out into a temporary folder (removed when
    the command ends), so that every command reads a store exactly as it reads a folder."""
    from catalogue.errors import CatalogueError

    if db is None:
        if source is None and default is None:
            raise typer.BadParameter("give the catalogue folder, or --db URL", param_hint="SOURCE")
        return source or default  # type: ignore[return-value]
    if source is not None:
        raise typer.BadParameter("give either a catalogue folder or --db, not both", param_hint="SOURCE")
    temporary = Path(tempfile.mkdtemp(prefix="catalogue-store-"))
    atexit.register(shutil.rmtree, temporary, True)
    try:
        open_store(db).write_folder(temporary / "records")
    except CatalogueError as error:
        fail(error)
    return temporary / "records"


def as_of_moment(value: str | None) -> datetime:
    """The moment ``--as-of`` names (now when not given); a usage error when it names none."""
    from catalogue.policy.view import now_utc
    from catalogue.support.moments import parse_moment

    if value is None:
        return now_utc()
    try:
        return parse_moment(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--as-of") from None


def load_public_view(source: Path, as_of: str | None, with_data: bool = False, lazy: bool = False) -> PublicView:
    """The public view of a valid catalogue; on any error print every problem and exit 1.

    ``with_data``: also run the data checks of ``catalogue check`` (every command that copies data). ``lazy``: the
    datasets checked before are made when read (the caller tells a ``CatalogueError`` then: a file changed), and
    the view is computed from what was kept when they were checked."""
    from catalogue.checks.datafiles import load_and_check
    from catalogue.errors import CatalogueError
    from catalogue.policy.secret import folder_secret
    from catalogue.policy.view import public_view
    from catalogue.support.collector import collector_paused

    moment = as_of_moment(as_of)
    try:
        result = load_and_check(source, with_data=with_data)
    except CatalogueError as error:
        fail(error)
    if not result.ok or result.catalogue is None:
        refuse(result.problems, source, "nothing was written")
    try:
        with collector_paused():
            # makes the datasets checked before (unless lazy): a file may have changed
            return public_view(result.catalogue, moment, result.facts if lazy else None, folder_secret(source))
    except CatalogueError as error:
        fail(error)


def check_output(folder: Path, source: Path, option: str) -> None:
    """A usage error, before any work, when the output folder must not be replaced."""
    from catalogue.errors import OutputFolderError
    from catalogue.support.fileio import check_output_folder

    try:
        check_output_folder(folder, source)
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


def left_as_it_was(error: Exception, folder: Path) -> NoReturn:
    """The error that stopped an output, and that the output is as it was before (exit 1)."""
    err.print(f"error: {error}", style="red", markup=False, highlight=False)
    err.print(f"{folder}: left as it was", markup=False, highlight=False)
    raise typer.Exit(1) from None


@contextmanager
def replacing(folder: Path, source: Path, option: str) -> Iterator[Path]:
    """A fresh folder swapped in for ``folder`` when the block succeeds; a confidential column in a data file to
    publish stops it, leaving ``folder`` as it was (exit 1)."""
    from catalogue.errors import CatalogueError, OutputFolderError
    from catalogue.support.fileio import updated_directory

    try:
        with updated_directory(folder, source, False) as update:
            yield update.folder
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None
    except CatalogueError as error:  # a confidential column, a data file that cannot be published
        left_as_it_was(error, folder)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One build of ``folder`` at a time (``publish.build.locked_folder``); a refusal is one error line (exit 1)."""
    from catalogue.errors import OutputError
    from catalogue.publish.build import locked_folder

    with ExitStack() as stack:
        try:
            stack.enter_context(locked_folder(folder))
        except OutputError as error:
            fail(error)
        yield
