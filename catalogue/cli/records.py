"""``catalogue check``, ``schema``, ``load`` and ``dump``: the record files, checked, described, and moved between a
folder and a store."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from catalogue.cli.common import (TEXT_OR_JSON, Database, OutputFormat, SourceFolder, capped, fail, out,
                                  records_folder, refuse)

if TYPE_CHECKING:
    from catalogue.records.loader import LoadResult
    from catalogue.store import LoadReport


def check(
    source: SourceFolder = None,
    db: Database = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", metavar=TEXT_OR_JSON,
                                                        help="text, or json for editors and CI")] = OutputFormat.text,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="FOLDER|URL",
        help="What was released: the catalogue folder as it was (a checkout of the last release) or a store; a "
             "released codelist or concept scheme whose content this one changes is an error")] = None,
) -> None:
    """Load and validate a catalogue folder and its local data files; print every error and warning.
    Exit 1 on any error."""
    from catalogue.checks.datafiles import load_and_check
    from catalogue.checks.released import placed_changes
    from catalogue.errors import CatalogueError, Severity

    source = records_folder(source, db, default=Path("."))
    try:
        result = load_and_check(source)
        if since is not None and result.catalogue is not None:
            result.problems.extend(placed_changes(_released(since), result.catalogue, result.sources))
    except CatalogueError as error:
        fail(error)
    if output_format is OutputFormat.json:
        out.print_json(json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False))
    else:
        for problem in capped(result.problems):
            style = "yellow" if problem.severity is Severity.WARNING else "red"
            out.print(str(problem), style=style, markup=False, highlight=False, soft_wrap=True)
        out.print(_summary(result))
        verdict = "valid" if result.ok else "invalid"
        out.print(f"{source}: {verdict}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
                  markup=False, highlight=False)
    raise typer.Exit(0 if result.ok else 1)


def _released(since: str) -> dict[tuple[str, str], dict[str, Any]]:
    """What was released: every stable version a folder holds, or every version a store ever released (even one
    deleted since)."""
    from catalogue.checks.released import releases_of
    from catalogue.errors import UsageError
    from catalogue.records.loader import read_catalogue
    from catalogue.store import open_store
    from catalogue.store.released import every_release

    if "://" in since:
        store = open_store(since, create=False)
        try:
            with store.engine.connect() as connection:
                return every_release(connection)
        finally:
            store.engine.dispose()
    if not Path(since, "catalogue.yaml").is_file():
        raise UsageError(f"--since: {since} is not a catalogue folder (no catalogue.yaml)")
    return releases_of(read_catalogue(since))


def _summary(result: LoadResult) -> Table:
    from catalogue.model.kinds import CATALOGUE_FIELDS, KIND_FOLDERS

    table = Table(title="Records", show_header=True)
    table.add_column("kind")
    table.add_column("count", justify="right")
    catalogue = result.catalogue
    table.add_row("catalogue", "1" if catalogue else "0")
    for kind, folder in KIND_FOLDERS.items():
        count = len(getattr(catalogue, CATALOGUE_FIELDS[kind])) if catalogue else 0
        table.add_row(folder, str(count))
    return table


def schema(
    out_dir: Annotated[Path, typer.Option("--out", file_okay=False, metavar="DIR",
                                          help="Folder to write the schemas to.")] = Path("schemas"),
) -> None:
    """Write the JSON Schema (2020-12) of every kind of record file."""
    from catalogue.errors import OutputError
    from catalogue.records.schema import schema_files
    from catalogue.support.fileio import atomic_write_text

    for name, text in schema_files().items():
        try:
            atomic_write_text(out_dir / name, text)
        except OutputError as error:
            fail(error)
        out.print(f"wrote {out_dir / name}", markup=False, highlight=False)


def load(
    source: Annotated[Path, typer.Argument(exists=True, file_okay=False, metavar="SOURCE",
                                           help="The catalogue folder to load.")],
    db: Annotated[str, typer.Option("--db", metavar="URL", help="The store (SQLAlchemy URL), created if needed")],
    author: Annotated[str, typer.Option("--author", metavar="NAME",
                                        help="Who makes this change (kept in each revision)")] =
    os.environ.get("USER") or "catalogue",
    message: Annotated[str | None, typer.Option("--message", "-m", metavar="TEXT",
                                                help="Why (kept in each revision)")] = None,
) -> None:
    """Check a catalogue folder (records and data, as `check`) and write it into a store in one transaction:
    a revision for each new, changed or removed record; nothing for unchanged ones."""
    from catalogue.errors import CatalogueError, RecordsInvalid
    from catalogue.store.folders import load_checked

    try:
        report = load_checked(source, db, author, message or f"load {source}")
    except RecordsInvalid as error:
        refuse(error.problems, source, "the store was not changed")
    except CatalogueError as error:
        fail(error)
    out.print(_loaded(report, source))
    out.print(f"{report.revisions} revision(s), {report.files} file(s)", markup=False, highlight=False)


def _loaded(report: LoadReport, source: Path) -> Table:
    kinds = sorted(set(report.created) | set(report.changed) | set(report.deleted) | set(report.unchanged))
    table = Table(title=f"Loaded {source}")
    for column in ("kind", "created", "changed", "deleted", "unchanged"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind in kinds:
        table.add_row(kind, *(str(counter[kind]) for counter in (report.created, report.changed, report.deleted,
                                                                  report.unchanged)))
    return table


def dump(
    target: Annotated[Path, typer.Argument(metavar="TARGET",
                                           help="The records folder to write (must not exist yet)")],
    db: Annotated[str, typer.Option("--db", metavar="URL", help="The store (SQLAlchemy URL)")],
) -> None:
    """Write the store back as a records folder: the record files as the project writes them, and every file.
    The folder is written beside TARGET and renamed when complete: a failure leaves nothing half-written."""
    from catalogue.errors import CatalogueError
    from catalogue.store.folders import dump_folder

    if target.exists():
        raise typer.BadParameter(f"{target} exists; dump writes a new folder", param_hint="TARGET")
    try:
        catalogue = dump_folder(db, target)
    except CatalogueError as error:
        fail(error)
    out.print(f"wrote {target}: {len(catalogue.datasets)} datasets", markup=False, highlight=False)



def upgrade(
    source: Annotated[Path, typer.Argument(metavar="FOLDER", help="The catalogue folder to upgrade",
                                           show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", metavar="", help="Say what would move; move nothing")] = False,
) -> None:
    """Rewrite a catalogue folder to the layout where each codelist's and concept scheme's identity shows
    (codelists/AGENCY/ID/VERSION.yaml): each record file moves as it is, and the folder is replaced only when the
    moved copy loads to the very same records. Exit 1 when a file cannot move."""
    from catalogue.errors import CatalogueError, RecordsInvalid
    from catalogue.records.upgrade import upgrade_folder

    if not (source / "catalogue.yaml").is_file():
        raise typer.BadParameter(f"{source} holds no catalogue.yaml", param_hint="FOLDER")
    try:
        done = upgrade_folder(source, dry_run)
    except RecordsInvalid as error:
        refuse(error.problems, source, "nothing was moved")
    except CatalogueError as error:
        fail(error)
    verb = "would move" if dry_run else "moved"
    for old, new in done.moved:
        out.print(f"{verb} {old} → {new}", markup=False, highlight=False)
    for file, why in done.left:
        out.print(f"left {file}: {why}", markup=False, highlight=False)
    out.print(f"{verb} {len(done.moved)} record file(s); {len(done.left)} left", markup=False, highlight=False)
    if done.left:
        raise typer.Exit(1)
