"""``catalogue build``, ``validate`` and ``score``: the site made, then checked by the official validators and
scored as data.europa.eu scores metadata."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, TaskID
from rich.table import Table

from catalogue.cli.common import (TEXT_OR_JSON, AsOf, Database, OutputFormat, SourceFolder, check_output, err,
                                  left_as_it_was, load_public_view, locked, out, records_folder)

if TYPE_CHECKING:
    from catalogue.publish.build import BuildProgress

def build(
    out_dir: Annotated[Path, typer.Option("--out", file_okay=False, metavar="DIR",
                                          help="The site folder (a failed build leaves it as it was)")],
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    base_url: Annotated[str | None, typer.Option("--base-url", metavar="URL", help="Where the site is served "
                                                 "(default: the catalogue's base URI)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", metavar="", help="No progress bar")] = False,
    strip_confidential: Annotated[bool, typer.Option(
        "--strip-confidential", metavar="",
        help="Remove confidential columns from published data files instead of stopping")] = False,
) -> None:
    """Build the site: HTML pages in every language and every feed (DCAT, DCAT-US, SDMX, Data Packages). A
    folder built before is updated: only the outputs whose inputs changed are made again."""
    from catalogue.errors import CatalogueError, OutputFolderError
    from catalogue.model.types import check_url
    from catalogue.publish.build import build_site_folder

    source = records_folder(source, db)
    if base_url is not None:
        try:
            check_url(base_url)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--base-url") from None
    check_output(out_dir, source, "--out")
    view = load_public_view(source, as_of, with_data=True, lazy=True)
    with locked(out_dir):
        try:
            with _progress_bar(quiet) as progress:
                built = build_site_folder(view, source, out_dir, base_url, strip_confidential, progress)
        except OutputFolderError as error:
            raise typer.BadParameter(str(error), param_hint="--out") from None
        except CatalogueError as error:  # a confidential column, a data file that cannot be published
            left_as_it_was(error, out_dir)
    if not quiet:
        reused = f" ({built.reused} outputs unchanged since the previous build)" if built.reused else ""
        out.print(f"built {out_dir}: {built.datasets} datasets in {built.languages} languages{reused}",
                  markup=False, highlight=False)


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[BuildProgress]:
    """A progress bar on standard error (none when ``quiet``), removed when the build ends."""
    # no refreshing thread: the datasets' outputs are made by forked workers, which a thread would forbid
    with Progress(disable=quiet, console=err, transient=True, auto_refresh=False) as progress:
        task: list[TaskID] = []
        shown = [0.0]

        def show(done: int, total: int, name: str) -> None:
            if not task:
                task.append(progress.add_task("building", total=total))
            if done:
                progress.update(task[0], completed=done, description=name)
                if time.monotonic() - shown[0] > 0.1:
                    progress.refresh()
                    shown[0] = time.monotonic()

        yield show


def validate(
    site: Annotated[Path, typer.Argument(exists=True, file_okay=False, metavar="SITE",
                                         help="A site built by `catalogue build`")],
    standards: Annotated[Path | None, typer.Option("--standards", file_okay=False, metavar="DIR",
                                                   help="Folder of official files (default: shipped; or "
                                                        "$CATALOGUE_STANDARDS)")] = None,
) -> None:
    """Run the official validators on a built site, offline; exit 1 on any violation."""
    from catalogue.conformance.validate import validate_site
    from catalogue.conformance.validators import standards_dir

    reports = validate_site(site, standards_dir(standards))
    table = Table(title=f"Validation of {site}")
    table.add_column("file", no_wrap=True)
    for column in ("validator", "result"):
        table.add_column(column)
    for report in reports:
        result = "valid" if report.ok else f"{len(report.errors)} error(s)"
        table.add_row(report.file, report.validator, "; ".join([result, *report.notes]),
                      style=None if report.ok else "red")
    out.print(table)
    for report in reports:
        for error in report.errors:
            err.print(f"{site / report.file}: {error}", markup=False, highlight=False)
    failed = [r for r in reports if not r.ok]
    out.print(f"{site}: {len(reports) - len(failed)} of {len(reports)} files valid", markup=False, highlight=False)
    raise typer.Exit(1 if failed else 0)


def score(
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", metavar=TEXT_OR_JSON,
                                                        help="text, or json")] = OutputFormat.text,
    standards: Annotated[Path | None, typer.Option("--standards", file_okay=False, metavar="DIR",
                                                   help="Folder of official files (default: shipped)")] = None,
) -> None:
    """The data.europa.eu metadata quality score (405 points) of each public dataset, offline."""
    from catalogue.conformance.quality import score_view
    from catalogue.conformance.validators import standards_dir

    source = records_folder(source, db)
    scores = score_view(load_public_view(source, as_of), standards_dir(standards))
    if output_format is OutputFormat.json:
        out.print_json(json.dumps([s.as_dict() for s in scores], ensure_ascii=False))
        return
    table = Table(title="Metadata quality (data.europa.eu MQA)")
    table.add_column("dataset", no_wrap=True)
    for column in ("points", "of (offline)", "not checked offline", "missing"):
        table.add_column(column)
    for item in scores:
        table.add_row(item.dataset, str(item.points), str(item.offline_maximum), str(item.not_checked),
                      "; ".join(item.missing) or "-")
    out.print(table)
