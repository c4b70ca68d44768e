"""The catalogue-wide feeds a build writes and the server answers, made one way for both."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import IO, Any

from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.sdmx.metadata_json import metadata_json
from catalogue.formats.sdmx.metadata_writer import export_metadata, export_specific_metadata
from catalogue.formats.sdmx.writer import header_id
from catalogue.formats.registry import (SDMX_METADATA, SDMX_METADATA_JSON, SDMX_METADATA_SPECIFIC_21,
                                        SDMX_REPORT_STRUCTURES_21)
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary


def write_sdmx_structures(view: PublicView, stream: IO[bytes], version: str, structures: Any = None,
                          vocab: Vocabulary | None = None, prepared: datetime | None = None) -> None:
    """The SDMX-ML structure message of the view in one version (``2.1`` or ``3.0``); ``structures``: the view's
    artefacts when they were made before; ``prepared``: the moment its header gives (the view's by default; the
    server's, the latest public change, so that the message never tells when something hidden changed)."""
    made = structures if structures is not None else build_structures(view, vocab or vocabulary())
    moment = prepared or view.as_of
    export_sdmx(made.without_reports() if version == "2.1" else made, stream, DIALECTS[version],
                header_id(view.info.id, moment), moment)


def write_report_structures(view: PublicView, stream: IO[bytes], structures: Any = None,
                            prepared: datetime | None = None) -> None:
    """The SDMX-ML 2.1 structure message of the metadata structures and metadataflows of the public reports."""
    made = structures if structures is not None else build_structures(view, vocabulary())
    moment = prepared or view.as_of
    export_sdmx(made.of_reports(), stream, DIALECTS["2.1"], header_id(view.info.id, moment), moment)


def write_sdmx_metadata(view: PublicView, stream: IO[bytes], version: str, structures: Any = None,
                        prepared: datetime | None = None) -> None:
    """The SDMX-ML generic metadata message of the view's public reports in one version (``2.1`` or ``3.0``)."""
    made = structures if structures is not None else build_structures(view, vocabulary())
    moment = prepared or view.as_of
    export_metadata(made.metadata_sets.values(), made.metadataflows, made.metadata_structures, stream,
                    DIALECTS[version], header_id(view.info.id, moment), moment, view.info.publisher)


def write_sdmx_specific_metadata(view: PublicView, stream: IO[bytes], structures: Any = None,
                                 prepared: datetime | None = None) -> None:
    """The view's public reports as SDMX-ML 2.1 structure-specific metadata."""
    made = structures if structures is not None else build_structures(view, vocabulary())
    moment = prepared or view.as_of
    export_specific_metadata(made.metadata_sets.values(), made.metadataflows, made.metadata_structures, stream,
                             header_id(view.info.id, moment), moment, view.info.publisher)


def write_report_messages(view: PublicView, out: Path, structures: Any) -> None:
    """Every message of the public reports into the site folder ``out``: SDMX-ML 2.1 and 3.0 generic, 2.1
    structure-specific, SDMX-JSON 2.0, and the 2.1 structure message of their metadata structures."""
    for path, version in SDMX_METADATA.items():
        with (out / path).open("wb") as stream:
            write_sdmx_metadata(view, stream, version, structures)
    for path, write in ((SDMX_METADATA_SPECIFIC_21, write_sdmx_specific_metadata),
                        (SDMX_METADATA_JSON, write_sdmx_metadata_json),
                        (SDMX_REPORT_STRUCTURES_21, write_report_structures)):
        with (out / path).open("wb") as stream:
            write(view, stream, structures)


def write_sdmx_metadata_json(view: PublicView, stream: IO[bytes], structures: Any = None,
                             prepared: datetime | None = None) -> None:
    """The view's public reports as an SDMX-JSON 2.0 metadata message."""
    made = structures if structures is not None else build_structures(view, vocabulary())
    moment = prepared or view.as_of
    stream.write(metadata_json(made.metadata_sets.values(), made.metadata_structures, header_id(view.info.id, moment),
                               moment, view.info.publisher, view.info.languages).encode())
