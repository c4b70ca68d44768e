"""Running an importer: into a catalogue folder (a staged copy, checked, then swapped in), or into a store (its
records written out, imported into, checked as a whole and loaded as one revision per new or changed record)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from catalogue.checks.datafiles import load_and_check
from catalogue.errors import Problem, RecordsInvalid
from catalogue.importers.apply import ImportReport, RecordWriter, catalogue_info
from catalogue.importers.fetch import resolve_inputs
from catalogue.importers.new_catalogue import NewCatalogue, import_target
from catalogue.importers.spreadsheet import write_template
from catalogue.store.folders import load_checked
from catalogue.store.store import Store, open_store
from catalogue.support.fileio import staged_copy, swap_in

Importer = Callable[[RecordWriter], ImportReport]
"""One importer with its inputs and options given: writes its records with the writer, says what it did."""
Written = Callable[[ImportReport, Path], None]
"""Told what the importer did as soon as it is done, before the records are checked (so that it can be shown even
when the check refuses them), with the folder the problems of that check are named by."""


@dataclass
class ImportOutcome:
    """What an import did."""

    report: ImportReport
    started: list[str] = field(default_factory=list)
    """The files a new catalogue was started with, relative to its folder."""
    warnings: int = 0
    """Into a folder: the warnings ``catalogue check`` finds in it afterwards (it finds no error, or nothing was
    written)."""
    revisions: int = 0
    """Into a store: the revisions written."""


@contextmanager
def fetched(values: list[str], paged: bool) -> Iterator[list[Path]]:
    """The inputs as files: URLs fetched (time-out, size limit; every page of a paged DCAT endpoint when ``paged``)
    into a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="catalogue-fetch-") as folder:
        yield resolve_inputs(values, Path(folder), paged)


def import_into_folder(into: Path, importer: Importer, *, update: bool, dry_run: bool,
                       new: NewCatalogue | None = None, written: Written | None = None) -> ImportOutcome:
    """Run ``importer`` into the catalogue folder ``into`` (a new one that ``new`` describes when it has no
    catalogue yet). The records are written into a copy beside it, and moved in only when ``catalogue check``
    (without the data files) finds no error in the copy; a dry run writes nothing.

    Raises ``RecordsInvalid`` (its problems named by the files of ``into``) when the check finds an error: ``into``
    is then left as it was; another ``CatalogueError`` when the folder or an input cannot be used."""
    if dry_run:
        info, _ = import_target(into, new, dry_run)
        report = importer(RecordWriter(into, update, dry_run, info))
        if written is not None:
            written(report, into)
        return ImportOutcome(report)
    with staged_copy(into) as staged:  # written beside, checked, and moved in only when check accepts it
        info, started = import_target(staged, new, dry_run)
        writer = RecordWriter(staged, update, dry_run, info)
        writer.replaceable = set(started[1:])  # the agency record from the table: the input may define it
        report = importer(writer)
        if written is not None:
            written(report, into)
        result = load_and_check(staged, with_data=False)
        if not result.ok:
            raise RecordsInvalid(_relabelled(result.problems, staged, into))
        swap_in(staged, into)
    return ImportOutcome(report, [str(path.relative_to(staged)) for path in started], len(result.warnings))


def import_into_store(store: Store | str, importer: Importer, *, update: bool, dry_run: bool, author: str,
                      written: Written | None = None) -> ImportOutcome:
    """Run ``importer`` into ``store`` (a store, or its URL): into its records written out as a folder, which is
    then checked as a whole (with the data files) and loaded as one revision per new or changed record, by
    ``author`` (all or nothing). A dry run writes nothing.

    Raises ``RecordsInvalid`` when the check finds an error (the store is then not changed), another
    ``CatalogueError`` when the store or an input cannot be used."""
    opened = open_store(store) if isinstance(store, str) else store
    with tempfile.TemporaryDirectory(prefix="catalogue-import-") as temporary:
        folder = Path(temporary) / "catalogue"
        opened.write_folder(folder)
        report = importer(RecordWriter(folder, update, dry_run))
        if written is not None:
            written(report, folder)
        if dry_run:
            return ImportOutcome(report)
        loaded = load_checked(folder, opened, author, "import")
    return ImportOutcome(report, revisions=loaded.revisions)


def write_codebook_template(template: Path, into: Path | None, languages: list[str] | None) -> None:
    """An empty codebook workbook at ``template``: a column per language of ``languages``, else of the catalogue
    in ``into``, else English."""
    write_template(template, languages or (catalogue_info(into).languages if into is not None else ["en"]))


def _relabelled(problems: list[Problem], staged: Path, into: Path) -> list[Problem]:
    """The problems of a staged folder named by the files of the folder they are for."""
    def named(file: str) -> str:
        return str(into / Path(file).relative_to(staged)) if file.startswith(str(staged)) else file

    return [replace(problem, file=named(problem.file)) for problem in problems]
