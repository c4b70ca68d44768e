"""``catalogue export``: the public view of a catalogue in an open standard, as one file or a folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from catalogue.cli.common import (AsOf, Database, SourceFolder, check_output, fail, load_public_view, out,
                                  records_folder, replacing)
from catalogue.cli.help import Command, Group
from catalogue.formats.registry import JSON_FEEDS, Output

export_app = typer.Typer(cls=Group, help="Export the public view of a catalogue in an open standard.",
                         no_args_is_help=True)

OutputFile = Annotated[Path, typer.Option("--output", "-o", dir_okay=False, metavar="FILE",
                                          help="The file to write (atomically).")]
OutputFolder = Annotated[Path, typer.Option("--output", "-o", file_okay=False, metavar="DIR",
                                            help="Folder to write (replaced atomically): one entry per dataset")]


def _check_output_file(output: Path, source: Path) -> None:
    """A usage error, before any work, when a single-file output would land in the records folder."""
    from catalogue.errors import OutputFolderError
    from catalogue.support.fileio import check_output_file

    try:
        check_output_file(output, source)
    except OutputFolderError as error:
        raise typer.BadParameter(str(error), param_hint="--output") from None


@contextmanager
def _writing(output: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """An atomic output stream; the operating system's refusal is one error line, exit 1."""
    from catalogue.errors import OutputError
    from catalogue.support.fileio import atomic_output

    try:
        with atomic_output(output, binary=binary) as stream:
            yield stream
    except OutputError as error:
        fail(error)


def _write_json(path: Path, text: Iterator[str]) -> None:
    with _writing(path) as stream:
        stream.writelines(text)
    out.print(f"wrote {path}", markup=False, highlight=False)


@export_app.command("dcat", cls=Command)
def export_dcat_command(
    output: OutputFile,
    source: SourceFolder = None,
    db: Database = None,
    rdf_format: Annotated[str | None, typer.Option("--format", metavar="FORMAT", help="turtle, jsonld, xml or nt; "
                                                   "default from the file extension")] = None,
    as_of: AsOf = None,
) -> None:
    """DCAT-AP 3.0.1 with StatDCAT-AP 1.0.1, in Turtle, JSON-LD, RDF/XML or N-Triples."""
    from catalogue.formats.dcat import export_dcat
    from catalogue.rdf.writers import EXTENSIONS, FORMATS

    source = records_folder(source, db)
    chosen = rdf_format or EXTENSIONS.get(output.suffix.lower())
    if chosen not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)} (or a .ttl, .jsonld, .rdf or .nt file)",
                                 param_hint="--format")
    _check_output_file(output, source)
    view = load_public_view(source, as_of)
    with _writing(output) as stream:
        export_dcat(view, stream, chosen)
    out.print(f"wrote {output} ({chosen}, {len(view.datasets)} datasets)", markup=False, highlight=False)


def _add_json_feed_command(output: Output) -> None:
    """``catalogue export NAME`` for a catalogue-wide JSON feed of the formats registry."""
    def export_json_feed(output_file: OutputFile, source: SourceFolder = None, db: Database = None,
                         as_of: AsOf = None) -> None:
        source = records_folder(source, db)
        _check_output_file(output_file, source)
        _write_json(output_file, output.json_feed().stream(load_public_view(source, as_of)))

    export_json_feed.__doc__ = output.summary
    export_app.command(output.name, cls=Command)(export_json_feed)


for _output in JSON_FEEDS:
    _add_json_feed_command(_output)


class SdmxVersion(str, Enum):
    v21 = "2.1"
    v30 = "3.0"


SdmxVersionOption = Annotated[SdmxVersion, typer.Option("--sdmx-version", metavar="2.1|3.0", help="SDMX-ML version")]


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


@export_app.command("sdmx", cls=Command)
def export_sdmx_command(
    output: OutputFile,
    source: SourceFolder = None,
    db: Database = None,
    sdmx_version: SdmxVersionOption = SdmxVersion.v21,
    as_of: AsOf = None,
    artefacts: Annotated[list[str] | None, typer.Option(
        "--artefact", metavar="TYPE:ID",
        help="Only this artefact, as TYPE:ID (e.g. codelist:CL_AREA, dataflow:DF_POP); repeatable")] = None,
    references: Annotated[References, typer.Option(
        "--references", metavar="none|all",
        help="With --artefact: 'all' adds everything the artefacts refer to (self-contained)")] = References.none,
) -> None:
    """An SDMX-ML 2.1 or 3.0 structure message: agencies, codelists, concepts, DSDs, dataflows, categories."""
    from catalogue.errors import ArtefactSelectionError
    from catalogue.formats.sdmx import build_structures, export_sdmx
    from catalogue.formats.sdmx.dialect import DIALECTS
    from catalogue.formats.sdmx.writer import header_id

    source = records_folder(source, db)
    wanted = [_artefact(value) for value in artefacts or []]
    _check_output_file(output, source)
    view = load_public_view(source, as_of)
    structures = build_structures(view)
    if wanted:
        try:
            structures = structures.select(wanted, references is References.all)
        except ArtefactSelectionError as error:
            raise typer.BadParameter(str(error), param_hint="--artefact") from None
    elif sdmx_version is SdmxVersion.v21:  # as the site writes it: its metadata structures apart
        structures = structures.without_reports()
    dialect = DIALECTS[sdmx_version.value]
    with _writing(output, binary=True) as stream:
        export_sdmx(structures, stream, dialect, header_id(view.info.id, view.as_of), view.as_of)
    out.print(f"wrote {output} (SDMX-ML {dialect.name})", markup=False, highlight=False)


@export_app.command("sdmx-metadata", cls=Command)
def export_sdmx_metadata_command(
    output: OutputFile,
    source: SourceFolder = None,
    db: Database = None,
    sdmx_version: SdmxVersionOption = SdmxVersion.v21,
    as_of: AsOf = None,
    structure_specific: Annotated[bool, typer.Option(
        "--structure-specific", metavar="",
        help="SDMX-ML 2.1 structure-specific metadata (each set of the types its metadata structure's schema "
             "derives) instead of generic")] = False,
) -> None:
    """The public reference metadata reports as an SDMX-ML 2.1 generic or structure-specific metadata message, or
    3.0 metadata sets."""
    from catalogue.publish.feeds import write_sdmx_metadata, write_sdmx_specific_metadata

    source = records_folder(source, db)
    _check_output_file(output, source)
    view = load_public_view(source, as_of)
    if not view.reports:
        raise typer.BadParameter("no reference metadata report is public: there is no message to write",
                                 param_hint="SOURCE")
    if structure_specific and sdmx_version.value != "2.1":
        raise typer.BadParameter("structure-specific metadata is an SDMX-ML 2.1 format", param_hint="--sdmx-version")
    with _writing(output, binary=True) as stream:
        if structure_specific:
            write_sdmx_specific_metadata(view, stream)
        else:
            write_sdmx_metadata(view, stream, sdmx_version.value)
    kind = " structure-specific" if structure_specific else ""
    out.print(f"wrote {output} (SDMX-ML {sdmx_version.value}{kind}, {len(view.reports)} report(s))", markup=False,
              highlight=False)


@export_app.command("datapackage", cls=Command)
def export_datapackage_command(
    output: OutputFolder,
    source: SourceFolder = None,
    db: Database = None,
    as_of: AsOf = None,
    strip_confidential: Annotated[bool, typer.Option(
        "--strip-confidential", metavar="",
        help="Remove confidential columns from copied data files instead of stopping")] = False,
) -> None:
    """Frictionless Data Package v2: DIR/<dataset-id>/datapackage.json with its data, for each public dataset."""
    from catalogue.formats.datapackage import DataPackageBuilder

    source = records_folder(source, db)
    check_output(output, source, "--output")
    view = load_public_view(source, as_of, with_data=True)
    builder = DataPackageBuilder(view, source, strip_confidential=strip_confidential)
    with replacing(output, source, "--output") as folder:
        written = builder.write_all(folder)
    out.print(f"wrote {len(written)} data packages under {output}", markup=False, highlight=False)


class DdiVersion(str, Enum):
    v25 = "2.5"
    v26 = "2.6"


@export_app.command("ddi", cls=Command)
def export_ddi_command(
    output: OutputFolder,
    source: SourceFolder = None,
    db: Database = None,
    version: Annotated[DdiVersion, typer.Option("--version", metavar="2.5|2.6", help="DDI-Codebook version (2.5: "
                                                "what NADA and the Metadata Editor read)")] = DdiVersion.v25,
    as_of: AsOf = None,
) -> None:
    """DDI-Codebook 2.5 or 2.6: DIR/<dataset-id>.xml for each public dataset with variables (microdata and tables)."""
    from catalogue.formats.ddi import DdiBuilder

    source = records_folder(source, db)
    check_output(output, source, "--output")
    view = load_public_view(source, as_of, with_data=True)
    builder = DdiBuilder(view, source)
    written = 0
    with replacing(output, source, "--output") as folder:
        for dataset in builder.datasets():
            with (folder / f"{dataset.id}.xml").open("wb") as stream:
                builder.write(dataset, stream, version.value)
            written += 1
    out.print(f"wrote {written} DDI-Codebook {version.value} documents under {output}", markup=False, highlight=False)
