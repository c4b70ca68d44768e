"""The ``catalogue`` command: check record folders and generate their JSON Schemas."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from catalogue.cli.users import users_app


if TYPE_CHECKING:
    from catalogue.errors import Problem
    from catalogue.importers.new_catalogue import NewCatalogue
    from catalogue.policy.view import PublicView
    from catalogue.support.fileio import FolderUpdate
    from catalogue.records.loader import LoadResult
    from catalogue.store import Store

app = typer.Typer(
    help="Metadata catalogue for official statistics: check the record files, publish them as open standards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
UNBOUNDED_WIDTH = 10_000
"""Outside a terminal (CI logs, files) lines and tables are printed whole, never cut at 80 columns."""
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else UNBOUNDED_WIDTH)
err = Console(stderr=True, soft_wrap=True, width=None if sys.stderr.isatty() else UNBOUNDED_WIDTH)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


SourceFolder = Annotated[
    Path | None,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, readable=True,
                   help="The catalogue folder (holding catalogue.yaml); or give --db."),
]
Database = Annotated[
    str | None,
    typer.Option("--db", help="Read the catalogue from this store instead of a folder (an SQLAlchemy URL: "
                              "sqlite:///catalogue.db, postgresql+psycopg://user@host/db)"),
]


def open_store(url: str) -> Store:
    """The store at ``url`` (SQLAlchemy and Alembic are imported only by the commands that use a store)."""
    from catalogue.store import open_store as opened

    return opened(url)


def _folder(source: Path | None, db: str | None, default: Path | None = None) -> Path:
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
        _fail(error)
    return temporary / "records"


def _summary(result: LoadResult) -> Table:
    from catalogue.records.loader import CATALOGUE_FIELDS, KIND_FOLDERS
    table = Table(title="Records", show_header=True)
    table.add_column("kind")
    table.add_column("count", justify="right")
    catalogue = result.catalogue
    table.add_row("catalogue", "1" if catalogue else "0")
    for kind, folder in KIND_FOLDERS.items():
        count = len(getattr(catalogue, CATALOGUE_FIELDS[kind])) if catalogue else 0
        table.add_row(folder, str(count))
    return table


def _fail(error: Exception) -> NoReturn:
    """One error line for a failure that is not the command's fault of use (exit 1)."""
    err.print(f"error: {error}", style="red", markup=False, highlight=False)
    raise typer.Exit(1)


def _refuse(result: LoadResult, source: Path, consequence: str) -> NoReturn:
    """Print the errors of a catalogue that is not valid (at most 100 per file), say what was not done, exit 1."""
    for problem in _capped(result.errors):
        err.print(str(problem), style="red", markup=False, highlight=False, soft_wrap=True)
    err.print(f"{source}: {len(result.errors)} error(s); {consequence}", markup=False, highlight=False)
    raise typer.Exit(1)


PROBLEMS_PER_FILE = 100
"""At most this many problems are printed per file; a last line counts the rest."""


def _capped(problems: list[Problem]) -> Iterator[Problem]:
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


@app.command()
def check(
    source: SourceFolder = None,
    db: Database = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, or json for editors and CI")] =
    OutputFormat.text,
) -> None:
    """Load and validate a catalogue folder and its local data files; print every error and warning.
    Exit 1 on any error."""
    from catalogue.checks.datafiles import load_and_check
    from catalogue.errors import CatalogueError, Severity
    source = _folder(source, db, default=Path("."))
    try:
        result = load_and_check(source)
    except CatalogueError as error:
        _fail(error)
    if output_format is OutputFormat.json:
        out.print_json(json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False))
    else:
        for problem in _capped(result.problems):
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
    from catalogue.support.fileio import OutputError, atomic_write_text
    from catalogue.records.schema import schema_files
    for name, text in schema_files().items():
        try:
            atomic_write_text(out_dir / name, text)
        except OutputError as error:
            _fail(error)
        out.print(f"wrote {out_dir / name}", markup=False, highlight=False)


export_app = typer.Typer(help="Export the public view of a catalogue in an open standard.", no_args_is_help=True)
app.add_typer(export_app, name="export")

OutputFile = Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The file to write (atomically).")]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Build time (ISO 8601; UTC if no offset): what is embargoed until later is left "
                                 "out. Default: now."),
]


def _as_of(value: str | None) -> datetime:
    from catalogue.model.types import ascii_visible
    from catalogue.policy.view import now_utc
    if value is None:
        return now_utc()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(f"'{ascii_visible(value)}' is not an ISO 8601 date or time",
                                 param_hint="--as-of") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        raise typer.BadParameter(f"'{value}' is out of range once converted to UTC", param_hint="--as-of") from None


def _load_public_view(source: Path, as_of: str | None, with_data: bool = False, lazy: bool = False) -> PublicView:
    """The public view of a valid catalogue; on any error print every problem and exit 1.

    ``with_data``: also run the data checks of ``catalogue check`` (every command that copies data). ``lazy``: the
    datasets checked before are made when read (the caller tells a ``CatalogueError`` then: a file changed), and
    the view is computed from what was kept when they were checked."""
    from catalogue.support.collector import collector_paused
    from catalogue.checks.datafiles import load_and_check
    from catalogue.errors import CatalogueError
    from catalogue.policy.view import public_view
    from catalogue.policy.secret import folder_secret
    moment = _as_of(as_of)
    try:
        result = load_and_check(source, with_data=with_data)
    except CatalogueError as error:
        _fail(error)
    if not result.ok or result.catalogue is None:
        _refuse(result, source, "nothing was written")
    try:
        with collector_paused():
            # makes the datasets checked before (unless lazy): a file may have changed
            return public_view(result.catalogue, moment, result.facts if lazy else None, folder_secret(source))
    except CatalogueError as error:
        _fail(error)


def _check_output(folder: Path, source: Path, option: str) -> None:
    """A usage error, before any work, when the output folder must not be replaced."""
    from catalogue.support.fileio import OutputFolderError, check_output_folder
    try:
        check_output_folder(folder, source)
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


@contextmanager
def _updating(folder: Path, source: Path, option: str, in_place: bool) -> Iterator[FolderUpdate]:
    """A folder to build ``folder`` in: a fresh one swapped in, or (``in_place``) one of changes moved into it,
    when the block succeeds; a confidential column in a data file to publish stops it, leaving ``folder`` as it
    was (exit 1)."""
    from catalogue.errors import CatalogueError
    from catalogue.support.fileio import OutputFolderError, updated_directory
    try:
        with updated_directory(folder, source, in_place) as update:
            yield update
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None
    except CatalogueError as error:  # a confidential column, a data file that cannot be published
        _left_as_it_was(error, folder)


def _left_as_it_was(error: Exception, folder: Path) -> NoReturn:
    err.print(f"error: {error}", style="red", markup=False, highlight=False)
    err.print(f"{folder}: left as it was", markup=False, highlight=False)
    raise typer.Exit(1) from None


@contextmanager
def _replacing(folder: Path, source: Path, option: str) -> Iterator[Path]:
    """A fresh folder swapped in for ``folder`` when the block succeeds (as ``_updating``)."""
    with _updating(folder, source, option, False) as update:
        yield update.folder


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build of ``folder`` at a time, after what an interrupted one left is finished or removed."""
    from catalogue.support.fileio import OutputError, build_lock, remove_stale_builds
    with ExitStack() as stack:
        try:
            stack.enter_context(build_lock(folder))
            remove_stale_builds(folder.resolve())  # an interrupted update is finished before the folder is read
        except OutputError as error:
            _fail(error)
        except OSError as error:
            _fail(OutputError(f"cannot write {folder}: {error.strerror or error}"))
        yield


def _check_output_file(output: Path, source: Path) -> None:
    """A usage error, before any work, when a single-file output would land in the records folder."""
    from catalogue.support.fileio import OutputFolderError, check_output_file
    try:
        check_output_file(output, source)
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint="--output") from None


@contextmanager
def _writing(output: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """An atomic output stream; the operating system's refusal is one error line, exit 1."""
    from catalogue.support.fileio import OutputError, atomic_output
    try:
        with atomic_output(output, binary=binary) as stream:
            yield stream
    except OutputError as error:
        _fail(error)


def _write_json(path: Path, text: Iterator[str]) -> None:
    with _writing(path) as stream:
        stream.writelines(text)
    out.print(f"wrote {path}", markup=False, highlight=False)


@export_app.command("dcat")
def export_dcat_command(
    output: OutputFile,
    source: SourceFolder = None,
    db: Database = None,
    rdf_format: Annotated[str | None, typer.Option("--format", help="turtle, jsonld, xml or nt; default from the "
                                                                     "file extension")] = None,
    as_of: AsOf = None,
) -> None:
    """DCAT-AP 3.0.1 with StatDCAT-AP 1.0.1, in Turtle, JSON-LD, RDF/XML or N-Triples."""
    from catalogue.formats.dcat import export_dcat
    from catalogue.rdf.writers import EXTENSIONS, FORMATS
    source = _folder(source, db)
    chosen = rdf_format or EXTENSIONS.get(output.suffix.lower())
    if chosen not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)} (or a .ttl, .jsonld, .rdf or .nt file)",
                                 param_hint="--format")
    _check_output_file(output, source)
    view = _load_public_view(source, as_of)
    with _writing(output) as stream:
        export_dcat(view, stream, chosen)
    out.print(f"wrote {output} ({chosen}, {len(view.datasets)} datasets)", markup=False, highlight=False)


@export_app.command("dcat-us")
def export_dcat_us_command(output: OutputFile, source: SourceFolder = None, db: Database = None,
                           as_of: AsOf = None) -> None:
    """DCAT-US 1.1 (Project Open Data data.json)."""
    from catalogue.formats.dcat_us import dcat_us_stream
    source = _folder(source, db)
    _check_output_file(output, source)
    _write_json(output, dcat_us_stream(_load_public_view(source, as_of)))


@export_app.command("schema-org")
def export_schema_org_command(output: OutputFile, source: SourceFolder = None, db: Database = None,
                              as_of: AsOf = None) -> None:
    """schema.org DataCatalog with its Datasets, as JSON-LD (Google Dataset Search)."""
    from catalogue.formats.schema_org import schema_org_stream
    source = _folder(source, db)
    _check_output_file(output, source)
    _write_json(output, schema_org_stream(_load_public_view(source, as_of)))


class SdmxVersion(str, Enum):
    v21 = "2.1"
    v30 = "3.0"


class References(str, Enum):
    none = "none"
    all = "all"


def _artefact(value: str) -> tuple[str, str]:
    from catalogue.formats.sdmx import ARTEFACT_TYPES
    kind, _, artefact_id = value.partition(":")
    if kind.lower() not in ARTEFACT_TYPES or not artefact_id:
        raise typer.BadParameter(f"'{value}' is not TYPE:ID with TYPE one of {', '.join(ARTEFACT_TYPES)}",
                                 param_hint="--artefact")
    return kind.lower(), artefact_id


@export_app.command("sdmx")
def export_sdmx_command(
    output: OutputFile,
    source: SourceFolder = None,
    db: Database = None,
    sdmx_version: Annotated[SdmxVersion, typer.Option("--sdmx-version", help="SDMX-ML version")] = SdmxVersion.v21,
    as_of: AsOf = None,
    artefacts: Annotated[list[str] | None, typer.Option(
        "--artefact", help="Only this artefact, as TYPE:ID (e.g. codelist:CL_AREA, dataflow:DF_POP); repeatable")] = None,
    references: Annotated[References, typer.Option(
        "--references", help="With --artefact: 'all' adds everything the artefacts refer to (self-contained)")] =
    References.none,
) -> None:
    """An SDMX-ML 2.1 or 3.0 structure message: agencies, codelists, concepts, DSDs, dataflows, categories."""
    from catalogue.formats.sdmx import ArtefactSelectionError, build_structures, export_sdmx
    from catalogue.formats.sdmx.dialect import DIALECTS
    from catalogue.formats.sdmx.writer import header_id
    source = _folder(source, db)
    wanted = [_artefact(value) for value in artefacts or []]
    _check_output_file(output, source)
    view = _load_public_view(source, as_of)
    structures = build_structures(view)
    if wanted:
        try:
            structures = structures.select(wanted, references is References.all)
        except ArtefactSelectionError as error:
            raise typer.BadParameter(str(error), param_hint="--artefact") from None
    dialect = DIALECTS[sdmx_version.value]
    with _writing(output, binary=True) as stream:
        export_sdmx(structures, stream, dialect, header_id(view.info.id, view.as_of), view.as_of)
    out.print(f"wrote {output} (SDMX-ML {dialect.name})", markup=False, highlight=False)


OutputFolder = Annotated[Path, typer.Option("--output", "-o", file_okay=False,
                                            help="Folder to write (replaced atomically): one entry per dataset")]


@export_app.command("datapackage")
def export_datapackage_command(
    output: OutputFolder,
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    strip_confidential: Annotated[bool, typer.Option(
        "--strip-confidential", help="Remove confidential columns from copied data files instead of stopping")] = False,
) -> None:
    """Frictionless Data Package v2: DIR/<dataset-id>/datapackage.json with its data, for each public dataset."""
    from catalogue.formats.datapackage import DataPackageBuilder
    source = _folder(source, db)
    _check_output(output, source, "--output")
    view = _load_public_view(source, as_of, with_data=True)
    builder = DataPackageBuilder(view, source, strip_confidential=strip_confidential)
    with _replacing(output, source, "--output") as folder:
        written = builder.write_all(folder)
    out.print(f"wrote {len(written)} data packages under {output}", markup=False, highlight=False)


class DdiVersion(str, Enum):
    v25 = "2.5"
    v26 = "2.6"


@export_app.command("ddi")
def export_ddi_command(
    output: OutputFolder,
    source: SourceFolder = None,
    db: Database = None,
    version: Annotated[DdiVersion, typer.Option("--version", help="DDI-Codebook version (2.5: what NADA and the "
                                                                  "Metadata Editor read)")] = DdiVersion.v25,
    as_of: AsOf = None,
) -> None:
    """DDI-Codebook 2.5 or 2.6: DIR/<dataset-id>.xml for each public dataset with variables (microdata and tables)."""
    from catalogue.formats.ddi import DdiBuilder

    source = _folder(source, db)
    _check_output(output, source, "--output")
    view = _load_public_view(source, as_of, with_data=True)
    builder = DdiBuilder(view, source)
    written = 0
    with _replacing(output, source, "--output") as folder:
        for dataset in builder.datasets():
            with (folder / f"{dataset.id}.xml").open("wb") as stream:
                builder.write(dataset, stream, version.value)
            written += 1
    out.print(f"wrote {written} DDI-Codebook {version.value} documents under {output}", markup=False, highlight=False)


@app.command()
def build(
    out_dir: Annotated[Path, typer.Option("--out", file_okay=False,
                                          help="The site folder (a failed build leaves it as it was)")],
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="Where the site is served (default: the "
                                                                  "catalogue's base URI)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar")] = False,
    strip_confidential: Annotated[bool, typer.Option(
        "--strip-confidential", help="Remove confidential columns from published data files instead of stopping")] =
    False,
) -> None:
    """Build the site: HTML pages in every language and every feed (DCAT, DCAT-US, SDMX, Data Packages). A
    folder built before is updated: only the outputs whose inputs changed are made again."""
    from catalogue.publish.memo import MANIFEST, BuildMemo
    from catalogue.errors import CatalogueError
    from catalogue.support.collector import objects_kept
    from catalogue.model.types import check_url
    from catalogue.publish.site import SiteBuilder, build_site
    source = _folder(source, db)
    if base_url is not None:
        try:
            check_url(base_url)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--base-url") from None
    _check_output(out_dir, source, "--out")
    view = _load_public_view(source, as_of, with_data=True, lazy=True)
    with _locked(out_dir), objects_kept():  # the catalogue lives through the build: collections leave it alone
        memo = BuildMemo(out_dir if (out_dir / MANIFEST).is_file() else None)
        try:
            builder = SiteBuilder(view, source, base_url, strip_confidential)
            memo.begin(builder.shared_inputs())
        except CatalogueError as error:
            _left_as_it_was(error, out_dir)
        builder.memo = memo
        with _updating(out_dir, source, "--out", memo.in_place) as update:
            steps = len(builder.steps())
            # no refreshing thread: the datasets' outputs are made by forked workers, which a thread would forbid
            with Progress(disable=quiet, console=err, transient=True, auto_refresh=False) as progress:
                task = progress.add_task("building", total=steps)
                shown = [0.0]

                def advance(name: str) -> None:
                    progress.update(task, advance=1, description=name)
                    if time.monotonic() - shown[0] > 0.1:
                        progress.refresh()
                        shown[0] = time.monotonic()

                build_site(builder, update.folder, advance)
            update.removed, update.last = memo.removed, MANIFEST
    if not quiet:
        reused = f" ({builder.memo.reused} outputs unchanged since the previous build)" if builder.memo.reused else ""
        out.print(f"built {out_dir}: {len(view.datasets)} datasets in {len(view.info.languages)} languages{reused}",
                  markup=False, highlight=False)


@app.command()
def load(
    source: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="The catalogue folder to load.")],
    db: Annotated[str, typer.Option("--db", help="The store (SQLAlchemy URL), created if needed")],
    author: Annotated[str, typer.Option("--author", help="Who makes this change (kept in each revision)")] =
    os.environ.get("USER") or "catalogue",
    message: Annotated[str | None, typer.Option("--message", "-m", help="Why (kept in each revision)")] = None,
) -> None:
    """Check a catalogue folder (records and data, as `check`) and write it into a store in one transaction:
    a revision for each new, changed or removed record; nothing for unchanged ones."""
    from catalogue.checks.datafiles import load_and_check
    from catalogue.errors import CatalogueError
    result = load_and_check(source)
    if not result.ok or result.catalogue is None:
        _refuse(result, source, "the store was not changed")
    try:
        report = open_store(db).load(result.catalogue, source, author, message or f"load {source}")
    except CatalogueError as error:
        _fail(error)
    kinds = sorted(set(report.created) | set(report.changed) | set(report.deleted) | set(report.unchanged))
    table = Table(title=f"Loaded {source}")
    for column in ("kind", "created", "changed", "deleted", "unchanged"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind in kinds:
        table.add_row(kind, *(str(counter[kind]) for counter in (report.created, report.changed, report.deleted,
                                                                  report.unchanged)))
    out.print(table)
    out.print(f"{report.revisions} revision(s), {report.files} file(s)", markup=False, highlight=False)


@app.command()
def dump(
    target: Annotated[Path, typer.Argument(help="The records folder to write (must not exist yet)")],
    db: Annotated[str, typer.Option("--db", help="The store (SQLAlchemy URL)")],
) -> None:
    """Write the store back as a records folder: the record files as the project writes them, and every file.
    The folder is written beside TARGET and renamed when complete: a failure leaves nothing half-written."""
    from catalogue.errors import CatalogueError
    from catalogue.support.fileio import OutputError
    if target.exists():
        raise typer.BadParameter(f"{target} exists; dump writes a new folder", param_hint="TARGET")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".dumping", dir=target.parent))
    except OSError as error:
        _fail(OutputError(f"cannot write {target}: {error.strerror or error}"))
    try:
        catalogue = open_store(db).write_folder(building / "records")
        os.replace(building / "records", target)
    except CatalogueError as error:
        _fail(error)
    except OSError as error:
        _fail(OutputError(f"cannot write {target}: {error.strerror or error}"))
    finally:
        shutil.rmtree(building, ignore_errors=True)
    out.print(f"wrote {target}: {len(catalogue.datasets)} datasets", markup=False, highlight=False)


@app.command()
def serve(
    source: SourceFolder = None,
    db: Database = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (they share the store)")] = 1,
    one_person_office: Annotated[bool, typer.Option(
        "--one-person-office", help="Let the last editor of a change approve and publish it (an office of one "
                                    "person; by default someone else must)")] = False,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Where the server is reached, for the links it writes (default: http://HOST:PORT/ on "
                           "this machine's own address, else the catalogue's base URI); never a request's Host")] = None,
) -> None:
    """Serve the site and every feed from a store (--db), or from a folder loaded into an embedded SQLite file;
    the public view is evaluated at each request, so embargoes lift to the second."""
    from catalogue.checks.datafiles import load_and_check
    from catalogue.errors import CatalogueError
    import uvicorn

    from catalogue.model.types import check_url
    from catalogue.policy.secret import folder_secret
    from catalogue.server import BASE_URL_VARIABLE, DATABASE_VARIABLE, ONE_PERSON_VARIABLE, PREPARED_VARIABLE
    from catalogue.server.protocol import PROTOCOL

    if base_url is None and host in ("127.0.0.1", "localhost", "::1"):  # on this machine: where it is reached
        base_url = f"http://{'[::1]' if host == '::1' else host}:{port}/"
    if base_url is not None:
        try:
            check_url(base_url)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--base-url") from None
        os.environ[BASE_URL_VARIABLE] = base_url

    if db is None:
        folder = _folder(source, None, default=Path("."))
        result = load_and_check(folder)
        if not result.ok or result.catalogue is None:
            _refuse(result, folder, "nothing is served")
        embedded = Path(tempfile.mkdtemp(prefix="catalogue-serve-")) / "catalogue.db"
        atexit.register(shutil.rmtree, embedded.parent, True)
        db = f"sqlite:///{embedded}"
        folder_secret(folder)  # the store takes it: the served calendar names its entries as a build does
        open_store(db).load(result.catalogue, folder, os.environ.get("USER") or "catalogue", f"serve {folder}")
    else:
        if source is not None:
            raise typer.BadParameter("give either a catalogue folder or --db, not both", param_hint="SOURCE")
        try:
            open_store(db)
        except CatalogueError as error:
            _fail(error)
    os.environ[DATABASE_VARIABLE] = db
    prepared = Path(tempfile.mkdtemp(prefix="catalogue-prepared-"))  # the workers' documents of the whole catalogue
    atexit.register(shutil.rmtree, prepared, True)
    os.environ[PREPARED_VARIABLE] = str(prepared)
    if one_person_office:
        os.environ[ONE_PERSON_VARIABLE] = "1"
    out.print(f"serving on http://{host}:{port}/ (DCAT at /catalog, DCAT-US at /data.json, API at /docs)",
              markup=False, highlight=False)
    uvicorn.run("catalogue.server:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", http=PROTOCOL)


@app.command()
def validate(
    site: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="A site built by `catalogue build`")],
    standards: Annotated[Path | None, typer.Option("--standards", file_okay=False,
                                                   help="Folder of official files (default: shipped; or "
                                                        "$CATALOGUE_STANDARDS)")] = None,
) -> None:
    """Run the official validators on a built site, offline; exit 1 on any violation."""
    from catalogue.conformance.validators import standards_dir
    from catalogue.conformance.validate import validate_site
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


@app.command()
def score(
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, or json")] = OutputFormat.text,
    standards: Annotated[Path | None, typer.Option("--standards", file_okay=False,
                                                   help="Folder of official files (default: shipped)")] = None,
) -> None:
    """The data.europa.eu metadata quality score (405 points) of each public dataset, offline."""
    from catalogue.conformance.validators import standards_dir
    from catalogue.conformance.quality import score_view
    source = _folder(source, db)
    scores = score_view(_load_public_view(source, as_of), standards_dir(standards))
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


app.add_typer(users_app, name="user")


import_app = typer.Typer(help="Import another standard's metadata as records of a catalogue folder.",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")


ImportInto = Annotated[Path | None, typer.Option(
    "--into", file_okay=False, help="The catalogue folder to write records into (or --db); a new one with "
                                    "--language, --agency, --base-uri and --title")]
ImportTerms = Annotated[str | None, typer.Option(
    "--terms", help="Terms of use of the imported datasets (an id of the catalogue's terms/)")]
ImportAgency = Annotated[str | None, typer.Option(
    "--agency", help="Publisher of every imported dataset (default: the one its input names, else the catalogue's "
                     "publisher); with --language, --base-uri and --title: the new catalogue's publisher only")]
ImportUpdate = Annotated[bool, typer.Option("--update", help="Replace existing records that differ")]
ImportDryRun = Annotated[bool, typer.Option("--dry-run", help="Report what would be written; write nothing")]
ImportLanguages = Annotated[list[str] | None, typer.Option(
    "--language", help="A new catalogue's languages (repeat it; the first is the default)")]
ImportBaseUri = Annotated[str | None, typer.Option("--base-uri", help="A new catalogue's base URI")]
ImportTitle = Annotated[str | None, typer.Option("--title", help="A new catalogue's title, in its default language")]


@contextmanager
def _fetched(values: list[str], paged: bool) -> Iterator[list[Path]]:
    """The inputs as files: URLs fetched (time-out, size limit) into a temporary folder removed afterwards."""
    from catalogue.errors import CatalogueError
    from catalogue.importers.fetch import resolve_inputs

    with tempfile.TemporaryDirectory(prefix="catalogue-fetch-") as folder:
        try:
            paths = resolve_inputs(values, Path(folder), paged)
        except CatalogueError as error:
            _fail(error)
        yield paths


def _override(agency: str | None, languages: list[str] | None, base_uri: str | None, title: str | None) -> str | None:
    """The publisher ``--agency`` gives every imported dataset: none when it names a new catalogue's publisher
    (then each dataset keeps the publisher its input names, and the catalogue's is the fallback)."""
    return None if (languages or base_uri or title) else agency


def _new_catalogue(languages: list[str] | None, agency: str | None, base_uri: str | None,
                   title: str | None) -> NewCatalogue:
    from catalogue.importers.new_catalogue import NewCatalogue

    return NewCatalogue(languages or [], agency, base_uri, title)


def _run_import(into: Path | None, db: str | None, update: bool, dry_run: bool,
                importer: Callable[[Any], Any], new: NewCatalogue | None = None, author: str | None = None) -> None:
    """Run one importer into a folder, or into a store (``db``): then into the store's records written out,
    checked as a whole, and loaded as one revision per new or changed record (all or nothing)."""
    from catalogue.errors import CatalogueError
    from catalogue.importers.apply import RecordWriter

    if (into is None) == (db is None):
        raise typer.BadParameter("give the catalogue folder (--into DIR) or the store (--db URL), one of them",
                                 param_hint="--into")
    try:
        if into is not None:
            from catalogue.support.fileio import staged_copy, swap_in
            from catalogue.importers.new_catalogue import import_target

            if dry_run:
                info, started = import_target(into, new, dry_run)
                _import_report(importer(RecordWriter(into, update, dry_run, info)), into, dry_run)
                return
            with staged_copy(into) as staged:  # written beside, checked, and moved in only when check accepts it
                info, started = import_target(staged, new, dry_run)
                writer = RecordWriter(staged, update, dry_run, info)
                writer.replaceable = set(started[1:])  # the agency record from the table: the input may define it
                report = importer(writer)
                _import_report(report, staged, dry_run, check=False, shown=into)
                from catalogue.checks.datafiles import load_and_check

                result = load_and_check(staged, with_data=False)
                if not result.ok:
                    _refuse(_relabelled(result, staged, into), into, f"nothing was written to {into}")
                swap_in(staged, into)
            if started:
                out.print(f"new catalogue in {into}: " + ", ".join(str(p.relative_to(staged)) for p in started),
                          markup=False, highlight=False)
            warnings = len(result.problems) - len(result.errors)
            out.print(f"{into}: `catalogue check` finds 0 error(s), {warnings} warning(s)", markup=False,
                      highlight=False)
            return
        assert db is not None
        if new is not None and new.asked():
            raise typer.BadParameter("--language, --base-uri and --title start a new catalogue folder: give --into",
                                     param_hint="--db")
        store = open_store(db)
        with tempfile.TemporaryDirectory(prefix="catalogue-import-") as temporary:
            folder = Path(temporary) / "catalogue"
            store.write_folder(folder)
            report = importer(RecordWriter(folder, update, dry_run))
            _import_report(report, folder, dry_run, check=False)  # the whole folder is checked below
            if dry_run:
                return
            from catalogue.checks.datafiles import load_and_check

            result = load_and_check(folder)
            if not result.ok or result.catalogue is None:
                _refuse(result, folder, "the store was not changed")
            loaded = store.load(result.catalogue, folder, author or os.environ.get("USER") or "catalogue",
                                "import")
    except CatalogueError as error:
        _fail(error)
    out.print(f"{loaded.revisions} revision(s) written to the store", markup=False, highlight=False)


@import_app.command("sdmx")
def import_sdmx_command(
    inputs: Annotated[list[str], typer.Argument(
        help="SDMX-ML 2.1 or 3.0 structure messages: files, folders, or an SDMX-REST structure URL")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, update: ImportUpdate = False,
    dry_run: ImportDryRun = False, agency: Annotated[str | None, typer.Option(
        "--agency", help="A new catalogue's publisher")] = None,
    language: ImportLanguages = None, base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """SDMX-ML structures (agencies, codelists, concept schemes, data structures and dataflows) as records."""
    from catalogue.importers.from_sdmx import import_sdmx

    with _fetched(inputs, paged=False) as paths:
        _run_import(into, db, update, dry_run, lambda writer: import_sdmx(paths, writer, terms),
                    _new_catalogue(language, agency, base_uri, title))


@import_app.command("ddi")
def import_ddi_command(
    inputs: Annotated[list[Path], typer.Argument(exists=True, readable=True,
                                                 help="DDI-Codebook 2.5 or 2.6 files, or folders of .xml files")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """DDI-Codebook studies (as NADA exports them) as draft datasets with their variables, codes and terms
    (by default made from each codebook's access conditions)."""
    from catalogue.importers.ddi import import_ddi

    _run_import(into, db, update, dry_run, lambda writer: import_ddi(inputs, writer, terms, _override(agency, language, base_uri, title)),
                _new_catalogue(language, agency, base_uri, title))


@import_app.command("dcat")
def import_dcat_command(
    inputs: Annotated[list[str], typer.Argument(
        help="DCAT-AP files (.ttl, .rdf, .jsonld, .nt) or data.json, folders of them, or a catalogue URL (its "
             "pages are followed through hydra:next)")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """DCAT-AP datasets with their distributions (and StatDCAT-AP components) as draft datasets; terms of use
    by default the catalogue's with the dataset's access-right level."""
    from catalogue.importers.dcat import import_dcat

    with _fetched(inputs, paged=True) as paths:
        _run_import(into, db, update, dry_run, lambda writer: import_dcat(paths, writer, terms, _override(agency, language, base_uri, title)),
                    _new_catalogue(language, agency, base_uri, title))


@import_app.command("spreadsheet")
def import_spreadsheet_command(
    inputs: Annotated[list[Path] | None, typer.Argument(
        exists=True, readable=True, help="Codebooks: .xlsx workbooks, or folders of dataset.csv, variables.csv, "
                                         "codes.csv")] = None,
    into: ImportInto = None, db: Database = None,
    template: Annotated[Path | None, typer.Option(
        "--template", dir_okay=False, help="Write an empty codebook workbook (a column per language of --into's "
                                           "catalogue, else English) and stop")] = None,
    terms: ImportTerms = None, agency: ImportAgency = None, update: ImportUpdate = False,
    dry_run: ImportDryRun = False, language: ImportLanguages = None, base_uri: ImportBaseUri = None,
    title: ImportTitle = None,
) -> None:
    """A codebook spreadsheet (variables, codes and the dataset's description) as a draft dataset."""
    from catalogue.importers.spreadsheet import import_spreadsheet, write_template

    if template is not None:
        from catalogue.errors import CatalogueError
        from catalogue.importers.apply import catalogue_info

        try:
            languages = language or (catalogue_info(into).languages if into is not None else ["en"])
            write_template(template, languages)
        except CatalogueError as error:
            _fail(error)
        out.print(f"wrote {template} (sheets dataset, variables, codes)", markup=False, highlight=False)
        return
    if not inputs:
        raise typer.BadParameter("give the codebooks to import (or --template FILE)", param_hint="INPUTS")
    chosen = inputs
    _run_import(into, db, update, dry_run, lambda writer: import_spreadsheet(chosen, writer, terms, _override(agency, language, base_uri, title)),
                _new_catalogue(language, agency, base_uri, title))


@import_app.command("datapackage")
def import_datapackage_command(
    inputs: Annotated[list[Path], typer.Argument(exists=True, readable=True,
                                                 help="datapackage.json files, or folders holding them")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """Frictionless Data Packages (v1 and v2) as draft datasets, with their data files and codelists."""
    from catalogue.importers.datapackage import import_datapackage

    _run_import(into, db, update, dry_run, lambda writer: import_datapackage(inputs, writer, terms, _override(agency, language, base_uri, title)),
                _new_catalogue(language, agency, base_uri, title))


def _relabelled(result: LoadResult, staged: Path, into: Path) -> LoadResult:
    """The problems of a staged folder named by the files of the folder they are for."""
    from dataclasses import replace

    def named(file: str) -> str:
        return str(into / Path(file).relative_to(staged)) if file.startswith(str(staged)) else file

    result.problems[:] = [replace(problem, file=named(problem.file)) for problem in result.problems]
    return result


def _import_report(report: Any, into: Path, dry_run: bool, check: bool = True, shown: Path | None = None) -> None:
    """What an import created, updated and left, what it could not carry over, and what `check` says (of
    ``into``, named ``shown``)."""
    table = Table(title="Imported" + (" (dry run: nothing written)" if dry_run else ""), show_header=True)
    for column in ("kind", "created", "updated", "unchanged", "kept (exists, differs)"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind in report.kinds():
        table.add_row(kind, *(str(getattr(report, name)[kind]) for name in ("created", "updated", "unchanged", "kept")))
    out.print(table)
    for item in report.unmapped:
        out.print(f"not carried over: {item.where}: {item.why}", markup=False, highlight=False)
    if check and not dry_run:
        from catalogue.checks.datafiles import load_and_check

        result = load_and_check(into, with_data=False)
        errors = sum(1 for p in result.problems if p.severity.value == "error")
        out.print(f"{shown or into}: `catalogue check` finds {errors} error(s), {len(result.problems) - errors} "
                  "warning(s)", markup=False, highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
