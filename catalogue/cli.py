"""The ``catalogue`` command: check record folders and generate their JSON Schemas."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .errors import CatalogueError, Severity
from .fileio import atomic_write_text
from .records import CATALOGUE_FIELDS, KIND_FOLDERS, LoadResult, load_catalogue
from .schema import schema_files

app = typer.Typer(
    help="Metadata catalogue for official statistics: check the record files, publish them as open standards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


SourceFolder = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, readable=True,
                   help="The catalogue folder (holding catalogue.yaml)."),
]


def _summary(result: LoadResult) -> Table:
    table = Table(title="Records", show_header=True)
    table.add_column("kind")
    table.add_column("count", justify="right")
    catalogue = result.catalogue
    table.add_row("catalogue", "1" if catalogue else "0")
    for kind, folder in KIND_FOLDERS.items():
        count = len(getattr(catalogue, CATALOGUE_FIELDS[kind])) if catalogue else 0
        table.add_row(folder, str(count))
    return table


@app.command()
def check(
    source: SourceFolder = Path("."),
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, or json for editors and CI")] =
    OutputFormat.text,
) -> None:
    """Load and validate a catalogue folder; print every error and warning. Exit 1 on any error."""
    try:
        result = load_catalogue(source)
    except CatalogueError as error:
        err.print(f"error: {error}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    if output_format is OutputFormat.json:
        out.print_json(json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False))
    else:
        for problem in result.problems:
            style = "yellow" if problem.severity is Severity.WARNING else "red"
            out.print(str(problem), style=style, markup=False, highlight=False, soft_wrap=True)
        out.print(_summary(result))
        verdict = "valid" if result.ok else "invalid"
        out.print(f"{source}: {verdict}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
                  markup=False, highlight=False)
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option("--out", file_okay=False, help="Folder to write the schemas to.")] =
    Path("schemas"),
) -> None:
    """Write the JSON Schema (2020-12) of every kind of record file."""
    for name, text in schema_files().items():
        atomic_write_text(out_dir / name, text)
        out.print(f"wrote {out_dir / name}", markup=False, highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
