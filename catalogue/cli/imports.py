"""``catalogue import``: another standard's metadata as records of a catalogue folder, or of a store."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from catalogue.cli.common import Database, fail, out, refuse
from catalogue.cli.help import Command, Group

if TYPE_CHECKING:
    from catalogue.importers.apply import ImportReport
    from catalogue.importers.new_catalogue import NewCatalogue
    from catalogue.importers.run import Importer, ImportOutcome

import_app = typer.Typer(cls=Group, help="Import another standard's metadata as records of a catalogue folder.",
                         no_args_is_help=True)

ImportInto = Annotated[Path | None, typer.Option(
    "--into", file_okay=False, metavar="DIR", help="The catalogue folder to write records into (or --db); a new one "
                                                   "with --language, --agency, --base-uri and --title")]
ImportTerms = Annotated[str | None, typer.Option(
    "--terms", metavar="ID", help="Terms of use of the imported datasets (an id of the catalogue's terms/)")]
ImportAgency = Annotated[str | None, typer.Option(
    "--agency", metavar="ID", help="Publisher of every imported dataset (default: the one its input names, else the "
                                   "catalogue's publisher); with --language, --base-uri and --title: the new "
                                   "catalogue's publisher only")]
ImportUpdate = Annotated[bool, typer.Option("--update", metavar="", help="Replace existing records that differ")]
ImportDryRun = Annotated[bool, typer.Option("--dry-run", metavar="", help="Report what would be written; write "
                                                                          "nothing")]
ImportLanguages = Annotated[list[str] | None, typer.Option(
    "--language", metavar="TAG", help="A new catalogue's languages (repeat it; the first is the default)")]
ImportBaseUri = Annotated[str | None, typer.Option("--base-uri", metavar="URL", help="A new catalogue's base URI")]
ImportTitle = Annotated[str | None, typer.Option("--title", metavar="TEXT",
                                                 help="A new catalogue's title, in its default language")]


@contextmanager
def _fetched(values: list[str], paged: bool) -> Iterator[list[Path]]:
    """The inputs as files (``importers.run.fetched``); a failure to fetch one is one error line (exit 1)."""
    from catalogue.errors import CatalogueError
    from catalogue.importers.run import fetched

    with ExitStack() as stack:
        try:
            paths = stack.enter_context(fetched(values, paged))
        except CatalogueError as error:
            fail(error)
        yield paths


def _override(agency: str | None, languages: list[str] | None, base_uri: str | None, title: str | None) -> str | None:
    """The publisher ``--agency`` gives every imported dataset: none when it names a new catalogue's publisher
    (then each dataset keeps the publisher its input names, and the catalogue's is the fallback)."""
    return None if (languages or base_uri or title) else agency


def _new_catalogue(languages: list[str] | None, agency: str | None, base_uri: str | None,
                   title: str | None) -> NewCatalogue:
    from catalogue.importers.new_catalogue import NewCatalogue

    return NewCatalogue(languages or [], agency, base_uri, title)


def _run_import(into: Path | None, db: str | None, update: bool, dry_run: bool, importer: Importer,
                new: NewCatalogue | None = None) -> None:
    """Run one importer into a folder, or into a store (``db``), and say what it did."""
    from catalogue.errors import CatalogueError, RecordsInvalid
    from catalogue.importers.run import import_into_folder, import_into_store

    if (into is None) == (db is None):
        raise typer.BadParameter("give the catalogue folder (--into DIR) or the store (--db URL), one of them",
                                 param_hint="--into")
    if db is not None and new is not None and new.asked():
        raise typer.BadParameter("--language, --base-uri and --title start a new catalogue folder: give --into",
                                 param_hint="--db")
    checked: list[Path] = []

    def written(report: ImportReport, folder: Path) -> None:
        checked.append(folder)
        _show_report(report, dry_run)

    try:
        if into is not None:
            outcome = import_into_folder(into, importer, update=update, dry_run=dry_run, new=new, written=written)
        else:
            assert db is not None
            outcome = import_into_store(db, importer, update=update, dry_run=dry_run, written=written,
                                        author=os.environ.get("USER") or "catalogue")
    except RecordsInvalid as error:  # the check of what the importer wrote, in the folder `written` was told
        refuse(error.problems, checked[-1], f"nothing was written to {into}" if into is not None
               else "the store was not changed")
    except CatalogueError as error:
        fail(error)
    if not dry_run:
        _show_outcome(outcome, into)


def _show_report(report: ImportReport, dry_run: bool) -> None:
    """What an import created, updated and left, and what it could not carry over."""
    table = Table(title="Imported" + (" (dry run: nothing written)" if dry_run else ""), show_header=True)
    for column in ("kind", "created", "updated", "unchanged", "kept (exists, differs)"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind in report.kinds():
        table.add_row(kind, *(str(getattr(report, name)[kind]) for name in ("created", "updated", "unchanged", "kept")))
    out.print(table)
    for item in report.unmapped:
        out.print(f"not carried over: {item.where}: {item.why}", markup=False, highlight=False)


def _show_outcome(outcome: ImportOutcome, into: Path | None) -> None:
    """What was written: into a folder, the files a new catalogue began with and what `check` says of the folder;
    into a store, the revisions."""
    if into is None:
        out.print(f"{outcome.revisions} revision(s) written to the store", markup=False, highlight=False)
        return
    if outcome.started:
        out.print(f"new catalogue in {into}: " + ", ".join(outcome.started), markup=False, highlight=False)
    out.print(f"{into}: `catalogue check` finds 0 error(s), {outcome.warnings} warning(s)", markup=False,
              highlight=False)


@import_app.command("sdmx", cls=Command)
def import_sdmx_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUTS", help="SDMX-ML 2.1 or 3.0 structure messages: files, folders, or an SDMX-REST structure URL")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, update: ImportUpdate = False,
    dry_run: ImportDryRun = False,
    agency: Annotated[str | None, typer.Option("--agency", metavar="ID", help="A new catalogue's publisher")] = None,
    language: ImportLanguages = None, base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """SDMX-ML structures (agencies, codelists, concept schemes, data structures and dataflows) as records."""
    from catalogue.importers.from_sdmx import import_sdmx

    with _fetched(inputs, paged=False) as paths:
        _run_import(into, db, update, dry_run, lambda writer: import_sdmx(paths, writer, terms),
                    _new_catalogue(language, agency, base_uri, title))


@import_app.command("sdmx-metadata", cls=Command)
def import_sdmx_metadata_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUTS", help="SDMX reference metadata messages: SDMX-ML 2.1 generic or structure-specific, SDMX-ML "
                               "3.0, or SDMX-JSON 2.0 metadata; files, folders, or an SDMX-REST metadata URL")],
    into: ImportInto = None, db: Database = None, update: ImportUpdate = False, dry_run: ImportDryRun = False,
    target: Annotated[str | None, typer.Option(
        "--target", metavar="KIND:ID", help="The record every report is on (series:ID, dataset:ID, agency:ID or "
                                            "catalogue), when its own target is not one of the catalogue's")] = None,
    structure: Annotated[str | None, typer.Option(
        "--structure", metavar="AGENCY:ID(VERSION)", help="The metadata structure every report follows, when its "
                                                          "message names none the catalogue has")] = None,
) -> None:
    """SDMX reference metadata reports (quality reports such as SIMS or ESMS, SDG indicator metadata) as draft
    reports, each following a metadata structure of the catalogue (import it first) and on one of its records."""
    from catalogue.importers.from_sdmx_reports import TARGET, import_sdmx_reports

    if target is not None and TARGET.fullmatch(target) is None:
        raise typer.BadParameter("expected series:ID, dataset:ID, agency:ID or catalogue", param_hint="--target")
    if structure is not None and re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_@$-]+\([0-9][0-9A-Za-z.+-]*\)",
                                              structure) is None:
        raise typer.BadParameter("expected AGENCY:ID(VERSION), such as ESTAT:SIMS(2.0)", param_hint="--structure")
    with _fetched(inputs, paged=False) as paths:
        files = [file for path in paths for file in _metadata_files(path)]
        _run_import(into, db, update, dry_run, lambda writer: import_sdmx_reports(files, writer, target, structure))


def _metadata_files(path: Path) -> list[Path]:
    """A file, or every ``.xml`` and ``.json`` file of a folder, in name order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".xml", ".json"))
    return [path]


@import_app.command("ddi", cls=Command)
def import_ddi_command(
    inputs: Annotated[list[Path], typer.Argument(exists=True, readable=True, metavar="INPUTS",
                                                 help="DDI-Codebook 2.5 or 2.6 files, or folders of .xml files")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """DDI-Codebook studies (as NADA exports them) as draft datasets with their variables, codes and terms
    (by default made from each codebook's access conditions)."""
    from catalogue.importers.ddi import import_ddi

    publisher = _override(agency, language, base_uri, title)
    _run_import(into, db, update, dry_run, lambda writer: import_ddi(inputs, writer, terms, publisher),
                _new_catalogue(language, agency, base_uri, title))


@import_app.command("dcat", cls=Command)
def import_dcat_command(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUTS", help="DCAT-AP files (.ttl, .rdf, .jsonld, .nt) or data.json, folders of them, or a "
                               "catalogue URL (its pages are followed through hydra:next)")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """DCAT-AP datasets with their distributions (and StatDCAT-AP components) as draft datasets; terms of use
    by default the catalogue's with the dataset's access-right level."""
    from catalogue.importers.dcat import import_dcat

    publisher = _override(agency, language, base_uri, title)
    with _fetched(inputs, paged=True) as paths:
        _run_import(into, db, update, dry_run, lambda writer: import_dcat(paths, writer, terms, publisher),
                    _new_catalogue(language, agency, base_uri, title))


@import_app.command("spreadsheet", cls=Command)
def import_spreadsheet_command(
    inputs: Annotated[list[Path] | None, typer.Argument(
        exists=True, readable=True, metavar="INPUTS",
        help="Codebooks: .xlsx workbooks, or folders of dataset.csv, variables.csv, codes.csv")] = None,
    into: ImportInto = None, db: Database = None,
    template: Annotated[Path | None, typer.Option(
        "--template", dir_okay=False, metavar="FILE", help="Write an empty codebook workbook (a column per language "
                                                           "of --into's catalogue, else English) and stop")] = None,
    terms: ImportTerms = None, agency: ImportAgency = None, update: ImportUpdate = False,
    dry_run: ImportDryRun = False, language: ImportLanguages = None, base_uri: ImportBaseUri = None,
    title: ImportTitle = None,
) -> None:
    """A codebook spreadsheet (variables, codes and the dataset's description) as a draft dataset."""
    from catalogue.importers.spreadsheet import import_spreadsheet

    if template is not None:
        from catalogue.errors import CatalogueError
        from catalogue.importers.run import write_codebook_template

        try:
            write_codebook_template(template, into, language)
        except CatalogueError as error:
            fail(error)
        out.print(f"wrote {template} (sheets dataset, variables, codes)", markup=False, highlight=False)
        return
    if not inputs:
        raise typer.BadParameter("give the codebooks to import (or --template FILE)", param_hint="INPUTS")
    chosen, publisher = inputs, _override(agency, language, base_uri, title)
    _run_import(into, db, update, dry_run, lambda writer: import_spreadsheet(chosen, writer, terms, publisher),
                _new_catalogue(language, agency, base_uri, title))


@import_app.command("datapackage", cls=Command)
def import_datapackage_command(
    inputs: Annotated[list[Path], typer.Argument(exists=True, readable=True, metavar="INPUTS",
                                                 help="datapackage.json files, or folders holding them")],
    into: ImportInto = None, db: Database = None, terms: ImportTerms = None, agency: ImportAgency = None,
    update: ImportUpdate = False, dry_run: ImportDryRun = False, language: ImportLanguages = None,
    base_uri: ImportBaseUri = None, title: ImportTitle = None,
) -> None:
    """Frictionless Data Packages (v1 and v2) as draft datasets, with their data files and codelists."""
    from catalogue.importers.datapackage import import_datapackage

    publisher = _override(agency, language, base_uri, title)
    _run_import(into, db, update, dry_run, lambda writer: import_datapackage(inputs, writer, terms, publisher),
                _new_catalogue(language, agency, base_uri, title))
