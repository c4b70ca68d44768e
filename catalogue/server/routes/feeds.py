"""The catalogue's documents: DCAT, paged (``/catalog``) and per dataset, negotiated; the DCAT-US and schema.org
feeds; Data Packages and their files; the SDMX structure files; DDI codebooks; and the open data files."""

import io
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from catalogue.formats.registry import JSON_FEEDS, OUTPUT, Output
from catalogue.formats.datacite import has_datacite
from catalogue.formats.sdmx import Structures
from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.dcat import DcatBuilder
from catalogue.formats.ddi import DdiBuilder
from catalogue.formats.jsonstream import indented_json
from catalogue.model import Dataset
from catalogue.model.identity import identity
from catalogue.policy.view import PublicView
from catalogue.publish.feeds import (write_report_structures, write_sdmx_metadata, write_sdmx_metadata_json,
                                     write_sdmx_specific_metadata, write_sdmx_structures)
from catalogue.rdf.writers import write_rdf
from catalogue.publish.citations import CITATION_FORMATS, citation_file, citation_names, site_base
from catalogue.formats.sdmx.metadata_json import MEDIA_TYPE as METADATA_MEDIA_TYPE
from catalogue.server.catalogue_server import CatalogueServer, ServerDep, State
from catalogue.server.negotiation import RDF_MEDIA_TYPES, SUFFIXES, choose
from catalogue.server.paging import decode_cursor, encode_cursor, hydra_page, modified_since, page_size
from catalogue.server.responses import as_attachment, error, header_media_type, not_found, write_text
from catalogue.server.routing import RouteGroup
from catalogue.vocab import vocabulary

router = RouteGroup()


def _rdf_media_type(request: Request, suffix: str | None) -> str | None:
    if suffix:
        return SUFFIXES.get(suffix)
    return choose(request.headers.get("accept"))


def _not_acceptable() -> JSONResponse:
    return error(406, "none of the media types this resource has is acceptable", available=list(RDF_MEDIA_TYPES))


def _catalog(server: CatalogueServer, request: Request, suffix: str | None) -> Response:
    media_type = _rdf_media_type(request, suffix)
    size = page_size(request.query_params.get("page_size"))
    cursor = request.query_params.get("cursor")
    after = decode_cursor(cursor) if cursor is not None else None
    since = modified_since(request.query_params.get("modified_since"))
    if media_type is None:
        return _not_acceptable()
    state = server.state()
    records = state.records

    def make() -> tuple[bytes, str]:
        total = server.count(state, since)
        selected = records.keyed_page(after, size + 1, since)  # keyset paging by id: never an offset
        more = len(selected) > size
        page = [dataset for _, dataset in selected[:size]]
        last = selected[size - 1][0] if more else None
        base = server.base_url(state) + request.url.path.lstrip("/")
        fixed = {k: v for k, v in (("page_size", str(size) if "page_size" in request.query_params else None),
                                   ("modified_since", request.query_params.get("modified_since"))) if v}
        first = f"{base}?{urlencode(fixed)}" if fixed else base
        following = f"{base}?{urlencode({**fixed, 'cursor': encode_cursor(last)})}" if last else None
        stream = io.StringIO()
        view = replace(records.view(page), calendar=server.calendar(state)[0])  # the calendar's data service
        resources = [*DcatBuilder(view).resources(),
                     hydra_page(base + (f"?{request.url.query}" if request.url.query else ""), first,
                                following, total)]
        write_rdf(iter(resources), stream, RDF_MEDIA_TYPES[media_type])
        return stream.getvalue().encode(), f"{media_type}; charset=utf-8"

    return server.render(request, state, ("catalog", request.url.path, request.url.query, media_type), make,
                         vary="Accept")


@router.get_and_head("/catalog")
def catalog_negotiated(request: Request, server: ServerDep) -> Response:
    """DCAT-AP, paged (``page_size``, ``cursor``, ``modified_since``), negotiated by ``Accept``."""
    return _catalog(server, request, None)


@router.get_and_head("/catalog{suffix}")
def catalog_suffixed(request: Request, suffix: str, server: ServerDep) -> Response:
    if suffix not in SUFFIXES:
        return not_found()
    return _catalog(server, request, suffix)


def _dataset_document(server: CatalogueServer, request: Request, dataset_id: str, suffix: str | None) -> Response:
    media_type = _rdf_media_type(request, suffix)
    state = server.state()
    records = state.records
    if media_type is None:
        return not_found() if records.get(dataset_id) is None else _not_acceptable()

    def make() -> tuple[bytes, str] | None:
        dataset = records.get(dataset_id)
        if dataset is None:
            return None
        stream = io.StringIO()
        write_rdf(DcatBuilder(records.view([dataset])).resources(), stream, RDF_MEDIA_TYPES[media_type])
        return stream.getvalue().encode(), f"{media_type}; charset=utf-8"

    return server.render(request, state, ("dataset", dataset_id, media_type), make, vary="Accept")


@router.get_and_head("/datasets/{dataset_id}")
def dataset_negotiated(request: Request, dataset_id: str, server: ServerDep) -> Response:
    for suffix in SUFFIXES:
        if dataset_id.endswith(suffix):
            return _dataset_document(server, request, dataset_id[: -len(suffix)], suffix)
    return _dataset_document(server, request, dataset_id, None)


def _streamed_feed(output: Output) -> None:
    """A catalogue-wide JSON feed of the registry at its site path, streamed into its file."""
    def write(at: State, out: IO[bytes]) -> str:
        write_text(out, output.json_feed().stream(at.records.view([]), at.records.batches()))
        return output.media_type

    def route(request: Request, server: ServerDep) -> Response:
        return server.document(request, server.state(), output.path, write)

    router.get_and_head(f"/{output.path}", summary=f"{output.label}, streamed")(route)


for _output in JSON_FEEDS:
    _streamed_feed(_output)


def _package(state: State, dataset_id: str, name: str | None) -> tuple[bytes, str] | None:
    """A dataset's Data Package descriptor (``name`` None: with its web URLs), or a file of its package
    folder as the site has it (the descriptor or a copied data file)."""
    dataset = state.records.get(dataset_id)
    if dataset is None:
        return None
    view = state.records.view([dataset])
    builder = DataPackageBuilder(view, state.snapshot.root, strip_confidential=True)
    public = view.datasets[dataset_id]
    if not builder.has_package(public):
        return None
    if name is None:
        return indented_json(builder.package(public, None)).encode(), "application/json"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        descriptor = builder.package(public, folder)
        if name == "datapackage.json":
            return (indented_json(descriptor) + "\n").encode(), "application/json"
        resource = next((r for r in descriptor["resources"] if r.get("path") == name), None)
        if resource is None or "/" in name or not (folder / name).is_file():
            return None
        return (folder / name).read_bytes(), header_media_type(resource.get("mediatype"))


@router.get_and_head("/datasets/{dataset_id}/datapackage.json")
def datapackage(request: Request, dataset_id: str, server: ServerDep) -> Response:
    state = server.state()
    return server.render(request, state, ("package", dataset_id), lambda: _package(state, dataset_id, None))


@router.get_and_head("/datapackages/{dataset_id}/{name}")
def datapackage_folder(request: Request, dataset_id: str, name: str, server: ServerDep) -> Response:
    """The site's package folders: ``datapackage.json`` with the data files beside it (a data file as an
    attachment)."""
    state = server.state()
    response = server.render(request, state, ("package", dataset_id, name),
                             lambda: _package(state, dataset_id, name))
    if name != "datapackage.json" and response.status_code in (200, 304):
        as_attachment(response, name)
    return response


@router.get_and_head("/sdmx/structure-{version}.xml")
def sdmx_structures(request: Request, version: str, server: ServerDep) -> Response:
    """The site's SDMX-ML structure messages (2.1 and 3.0) of every public dataset."""
    if version not in ("2.1", "3.0"):
        return not_found()

    def write(at: State, out: IO[bytes]) -> str:
        structures = server.prepared.made_now("structures", at, server.make_structures)
        shown = {"codelist": [identity(ref.agency, ref.id, ref.version) for ref in structures.codelists],
                 "concept_scheme": [identity(ref.agency, ref.id, ref.version) for ref in structures.concept_schemes],
                 "data_structure": [identity(ref.agency, ref.id, ref.version) for ref in structures.data_structures]}
        write_sdmx_structures(at.records.view([]), out, version, structures, prepared=server.public_moment(at, shown))
        return OUTPUT[f"sdmx-{version}"].media_type

    return server.document(request, server.state(), f"structure-{version}.xml", write)


@router.get_and_head("/sdmx/metadata-specific-2.1.xml")
def sdmx_specific_metadata(request: Request, server: ServerDep) -> Response:
    """The public reports as SDMX-ML 2.1 structure-specific reference metadata; none while no report is public."""
    return _of_reports(request, server, "metadata-specific-2.1.xml", lambda structures: bool(structures.metadata_sets),
                       write_sdmx_specific_metadata)


@router.get_and_head("/sdmx/metadata-{version}.xml")
def sdmx_metadata(request: Request, version: str, server: ServerDep) -> Response:
    """The public reports as SDMX-ML generic reference metadata (2.1 and 3.0); none while no report is public."""
    if version not in ("2.1", "3.0"):
        return not_found()
    return _of_reports(request, server, f"metadata-{version}.xml", lambda structures: bool(structures.metadata_sets),
                       partial(write_sdmx_metadata, version=version))


@router.get_and_head("/sdmx/metadata.json")
def sdmx_metadata_json(request: Request, server: ServerDep) -> Response:
    """The public reports as an SDMX-JSON 2.0 metadata message; none while no report is public."""
    return _of_reports(request, server, "metadata.json", lambda structures: bool(structures.metadata_sets),
                       write_sdmx_metadata_json, METADATA_MEDIA_TYPE)


@router.get_and_head("/sdmx/report-structures-2.1.xml")
def sdmx_report_structures(request: Request, server: ServerDep) -> Response:
    """The metadata structures and metadataflows of the public reports as an SDMX-ML 2.1 structure message."""
    return _of_reports(request, server, "report-structures-2.1.xml",
                       lambda structures: bool(structures.metadataflows), write_report_structures)


def _of_reports(request: Request, server: CatalogueServer, name: str, made: Callable[[Structures], bool],
                write_message: Callable[..., None], media_type: str = "application/xml") -> Response:
    """A message of the public reports (404 while there is none), stamped by the structures they follow and what
    every answer shows, never by a report's record: a value not for publication changes the record, not the
    message."""
    state = server.state()
    if not made(server.prepared.made_now("structures", state, server.make_structures)):
        return not_found()

    def write(at: State, out: IO[bytes]) -> str:
        structures = server.prepared.made_now("structures", at, server.make_structures)
        shown = {"metadata_structure": [identity(r.agency, r.id, r.version) for r in structures.metadata_structures]}
        write_message(at.records.view([]), out, structures=structures, prepared=server.public_moment(at, shown))
        return media_type

    return server.document(request, state, name, write)


@router.get_and_head("/ddi/{name}")
def codebook(request: Request, name: str, server: ServerDep) -> Response:
    """A public dataset's DDI-Codebook 2.5, as the site has it (``ddi/<id>.xml``)."""
    state = server.state()

    def make() -> tuple[bytes, str] | None:
        dataset = state.records.get(name.removesuffix(".xml")) if name.endswith(".xml") else None
        if dataset is None:
            return None
        view = state.records.view([dataset])
        builder = DdiBuilder(view, state.snapshot.root)
        public = view.datasets[dataset.id]
        if not builder.has_codebook(public):
            return None
        stream = io.BytesIO()
        builder.write(public, stream, "2.5")
        return stream.getvalue(), OUTPUT["ddi"].media_type

    return server.render(request, state, ("ddi", name), make)


@router.get_and_head("/citations/{name}")
def citation_download(request: Request, name: str, server: ServerDep) -> Response:
    """A public dataset's citation as BibTeX, RIS or CSL-JSON, as the site has it (``citations/<id>.<ext>``)."""
    stem, _, extension = name.rpartition(".")
    wanted = next((n for n in CITATION_FORMATS if OUTPUT[n].path == f"citations/{{id}}.{extension}"), None)
    return _citation(request, server, stem, wanted)


@router.get_and_head("/datacite/{name}")
def datacite_download(request: Request, name: str, server: ServerDep) -> Response:
    """A public dataset's DataCite 4.5 XML, when its identifier is a DOI (``datacite/<id>.xml``)."""
    return _citation(request, server, name.removesuffix(".xml"), "datacite" if name.endswith(".xml") else None)


def _citation(request: Request, server: CatalogueServer, dataset_id: str, output: str | None) -> Response:
    state = server.state()

    def make() -> tuple[bytes, str] | None:
        dataset = state.records.get(dataset_id) if output is not None else None
        if dataset is None or output is None:
            return None
        view = state.records.view([dataset])
        public = view.datasets[dataset.id]
        if output not in citation_names(has_datacite(public)):
            return None
        return citation_file(view, public, site_base(view), vocabulary(), output), OUTPUT[output].media_type

    return server.render(request, state, ("citation", output or "", dataset_id), make)


@router.get_and_head("/data/{path:path}")
def data_file(request: Request, path: str, server: ServerDep) -> Response:
    """A local data file of an open dataset, as the site serves it."""
    state = server.state()
    wanted = f"data/{path}"
    owner = state.records.owner_of_file(wanted)
    if owner is None:
        return not_found()
    view = state.records.view([owner])
    dataset = view.datasets[owner.id]
    if not view.is_open_access(dataset):
        return not_found()
    for distribution in dataset.distributions:
        if distribution.path and distribution.path.replace("\\", "/") == wanted:
            return _served_file(request, server, view, state, dataset, distribution.id)
    return not_found()


def _served_file(request: Request, server: CatalogueServer, view: PublicView, state: State,
                 dataset: Dataset, distribution_id: str) -> Response:
    distribution = next(d for d in dataset.distributions if d.id == distribution_id)
    # the server never publishes a confidential column: it serves the file without them
    builder = DataPackageBuilder(view, state.snapshot.root, strip_confidential=True)
    with tempfile.TemporaryDirectory() as folder:
        copied = builder.copy(dataset, distribution, Path(folder))
        body = copied.read_bytes()
    given = distribution.media_type or builder.vocab.file_formats[distribution.format].media_type
    media_type = header_media_type(given)
    response = server.respond(request, body, media_type, state)
    as_attachment(response, PurePosixPath(distribution.path or "data").name)
    return response
