"""The SDMX-REST routes: structure and reference metadata queries of SDMX-REST 1.5 (``/sdmx/rest/``) and 2.x
(``/sdmx/v2/``), and schema queries of 2.x, answered from the SDMX artefacts of the public view (``catalogue.server.sdmx_rest``)."""

from collections.abc import Callable
from dataclasses import replace
from typing import IO, TypeVar

from fastapi import Request
from fastapi.responses import Response

from catalogue.errors import QueryError
from catalogue.formats.sdmx import Structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.sdmx.json_writer import sdmx_json
from catalogue.formats.sdmx.metadata_json import metadata_json
from catalogue.formats.sdmx.metadata_query import MetadataQuery, parse_metadata_v1, parse_metadata_v2, select_sets
from catalogue.formats.sdmx.metadata_writer import complete, export_metadata, export_specific_metadata
from catalogue.formats.sdmx.query import StructureQuery, no_results, not_implemented, parse_v1, parse_v2
from catalogue.model.identity import identity
from catalogue.formats.sdmx.selection import resolve
from catalogue.formats.sdmx.structures import Ref
from catalogue.formats.sdmx.writer import header_id
from catalogue.server.catalogue_server import CatalogueServer, ServerDep
from catalogue.server.responses import write_text
from catalogue.server.negotiation import accepted_languages
from catalogue.server.routing import RouteGroup
from catalogue.server.sdmx_rest import (DEFAULT_FORMAT, FORMAT_PARAMETER, FORMATS, METADATA_FORMAT_PARAMETER,
                                        METADATA_FORMATS, METADATA_OFFERED, OFFERED, SCHEMA_CONTEXTS, UNSERVED_V1,
                                        UNSERVED_V2, METADATA_SPECIFIC_21, Format, choose_format,
                                        error_response)

Adjust = Callable[[Structures, StructureQuery], tuple[Structures, StructureQuery]]
"""What a route changes of the artefacts and the query before the query is resolved (a schema query's)."""

router = RouteGroup()


Q = TypeVar("Q")


def _asked(request: Request, api: str, make_query: Callable[[], Q], metadata: bool = False) -> tuple[Format, Q] | Response:
    """The format and the query a request asks for, or the SDMX error it deserves (406: no format offered is
    acceptable; the query's own error)."""
    fmt = _requested_format(request, api, metadata)
    if fmt is None:
        offered = METADATA_FORMATS if metadata else FORMATS
        return error_response(QueryError(406, "Not acceptable: this service answers "
                                         f"{'metadata queries ' if metadata else ''}in {', '.join(offered)}"),
                              (METADATA_OFFERED if metadata else OFFERED)[api][0])
    try:
        return fmt, make_query()
    except QueryError as error:
        return error_response(error, fmt)


def _answer(server: CatalogueServer, request: Request, api: str, make_query: Callable[[], StructureQuery],
            adjust: Adjust | None = None) -> Response:
    """The answer to a structure query of ``api`` (``1`` or ``2``), in the format asked for, made once per version
    of the artefacts and kept."""
    asked = _asked(request, api, make_query)
    if isinstance(asked, Response):
        return asked
    fmt, query = asked
    state = server.state()
    languages = accepted_languages(request.headers.get("accept-language")) if fmt.family == "json" else None
    base = server.base_url(state).rstrip("/")  # from settings: never from the request's Host
    made_at, made = server.structures(state)

    def write(out: IO[bytes]) -> str:
        artefacts = made
        selected_query = query
        if adjust is not None:
            artefacts, selected_query = adjust(artefacts, query)
        selected = replace(resolve(artefacts, selected_query), structure_url=_structure_url(base, api))
        moment = server.public_moment(state, {
            "codelist": [identity(ref.agency, ref.id, ref.version) for ref in artefacts.codelists],
            "concept_scheme": [identity(ref.agency, ref.id, ref.version) for ref in artefacts.concept_schemes],
            "data_structure": [identity(ref.agency, ref.id, ref.version) for ref in artefacts.data_structures]})
        message_id = header_id(state.snapshot.shared.info.id, moment)
        if fmt.family == "json":
            write_text(out, sdmx_json(selected, message_id, moment, state.snapshot.shared.info.languages, languages))
        else:
            export_sdmx(selected, out, DIALECTS[fmt.version], message_id, moment)
        return fmt.media_type

    key = ("sdmx-rest", query.canonical(), fmt.media_type, tuple(languages or ()), base,
           adjust.__name__ if adjust else "")
    try:
        return server.render_written(request, state, key, write, vary="Accept, Accept-Language", version=made_at)
    except QueryError as error:
        return error_response(error, fmt)


def _answer_metadata(server: CatalogueServer, request: Request, api: str,
                     make_query: Callable[[], MetadataQuery]) -> Response:
    """The answer to a metadata query of ``api``: the public metadata sets it selects, in the format asked for,
    stamped as the site's metadata messages are (by the structures they follow, never by a report's record)."""
    asked = _asked(request, api, make_query, metadata=True)
    if isinstance(asked, Response):
        return asked
    fmt, query = asked
    state = server.state()
    languages = accepted_languages(request.headers.get("accept-language")) if fmt.family == "json" else None
    made_at, made = server.structures(state)
    info = state.snapshot.shared.info

    def write(out: IO[bytes]) -> str:
        sets = select_sets(made.metadata_sets, query)
        if fmt.family == "json" or fmt.version == "2.1":  # a set with no public value: in SDMX-ML 3.0 only
            sets = [metadata_set for metadata_set in sets if metadata_set.report.values]
        if fmt.media_type == METADATA_SPECIFIC_21:  # and one short of what its structure requires: generic only
            sets = [s for s in sets if complete(s.report.values, made.metadata_structures[s.structure].attributes)]
        if not sets and (fmt.family == "json" or fmt.version == "2.1"):
            raise no_results()
        if query.detail == "allstubs":
            sets = [metadata_set.stub() for metadata_set in sets]
        moment = server.public_moment(state, {"metadata_structure": [
            identity(ref.agency, ref.id, ref.version) for ref in made.metadata_structures]})
        message_id = header_id(info.id, moment)
        if fmt.family == "json":
            write_text(out, [metadata_json(sets, made.metadata_structures, message_id, moment, info.publisher,
                                           info.languages, languages)])
        elif fmt.media_type == METADATA_SPECIFIC_21:
            export_specific_metadata(sets, made.metadataflows, made.metadata_structures, out, message_id, moment,
                                     info.publisher)
        else:
            export_metadata(sets, made.metadataflows, made.metadata_structures, out, DIALECTS[fmt.version],
                            message_id, moment, info.publisher)
        return fmt.media_type

    key = ("sdmx-metadata", query.canonical(), fmt.media_type, tuple(languages or ()))
    try:
        return server.render_written(request, state, key, write, vary="Accept, Accept-Language", version=made_at)
    except QueryError as error:
        return error_response(error, fmt)


@router.get_and_head("/sdmx/rest/metadata/{path:path}",
                     summary="SDMX-REST 1.5 reference metadata queries: /metadata/{flowRef}/{key}/{providerRef}")
def metadata_v1(request: Request, path: str, server: ServerDep) -> Response:
    return _answer_metadata(server, request, "1", lambda: parse_metadata_v1(path, _parameters(request)))


@router.get_and_head("/sdmx/v2/metadata/{path:path}",
                     summary="SDMX-REST 2.x reference metadata queries: by metadataset, metadataflow or structure")
def metadata_v2(request: Request, path: str, server: ServerDep) -> Response:
    return _answer_metadata(server, request, "2", lambda: parse_metadata_v2(path, _parameters(request)))


@router.get_and_head("/sdmx/rest/{path:path}", summary="SDMX-REST 1.5 structure queries (the SDMX 2.1 API)")
def rest_v1(request: Request, path: str, server: ServerDep) -> Response:
    resource = path.strip("/").split("/")[0]
    if path.strip("/") == "metadata":  # every metadata set: the paths's parts all left out
        return metadata_v1(request, "", server)
    if resource in UNSERVED_V1:
        return error_response(not_implemented(f"/{resource} queries (this service answers structure "
                                              "and metadata queries)"), DEFAULT_FORMAT["1"])
    return _answer(server, request, "1", lambda: parse_v1(path, _parameters(request)))


@router.get_and_head("/sdmx/v2/structure/{path:path}", summary="SDMX-REST 2.x structure queries (the SDMX 3.0 API)")
def rest_v2(request: Request, path: str, server: ServerDep) -> Response:
    return _answer(server, request, "2", lambda: parse_v2(path, _parameters(request)))


@router.get_and_head("/sdmx/v2/schema/{path:path}",
                     summary="SDMX-REST 2.x schema queries: a data structure with everything it uses")
def schema_v2(request: Request, path: str, server: ServerDep) -> Response:
    def make_query() -> StructureQuery:
        parts = path.strip("/").split("/")
        if parts[0] not in SCHEMA_CONTEXTS or not 3 <= len(parts) <= 4:
            raise QueryError(140, "Syntax error: expected /schema/{context}/{agencyID}/{resourceID}"
                             "[/{version}], the context one of datastructure, dataflow, provisionagreement")
        if "*" in parts[1:3] or "," in path:
            raise QueryError(140, "Syntax error: a schema query names one artefact")
        parameters = {k: v for k, v in _parameters(request).items() if k == "format"}
        return parse_v2(path, parameters)

    return _answer(server, request, "2", make_query, data_structure_of)


def data_structure_of(artefacts: Structures, query: StructureQuery) -> tuple[Structures, StructureQuery]:
    """A schema query with everything it uses; a dataflow's schema is its data structure's: ask for that DSD."""
    if query.types != ("dataflow",):
        return artefacts, replace(query, references=("descendants",))
    flows = resolve(artefacts, query).dataflows
    if not flows:
        raise no_results()
    structure = next(iter(flows.values())).structure
    return artefacts, replace(query, types=("datastructure",), agencies=(structure.agency,),
                              ids=(structure.id,), versions=(structure.version,),
                              references=("descendants",))


@router.get_and_head("/sdmx/v2/{resource}/{path:path}", include_in_schema=False)
def unserved_v2(request: Request, resource: str, path: str) -> Response:
    if resource in UNSERVED_V2:
        return error_response(not_implemented(f"/{resource} queries (this service answers structure, metadata "
                                              "and schema queries)"), DEFAULT_FORMAT["2"])
    return error_response(QueryError(140, f"Syntax error: '/{resource[:40]}' is not an SDMX-REST "
                                     "2.x resource"), DEFAULT_FORMAT["2"])


def _parameters(request: Request) -> dict[str, str]:
    return {key: value for key, value in request.query_params.items()}


def _requested_format(request: Request, api: str, metadata: bool = False) -> Format | None:
    """The format a query asks for (``format``, else ``Accept``), of a structure or (``metadata``) a metadata
    query."""
    named, formats = (METADATA_FORMAT_PARAMETER, METADATA_FORMATS) if metadata else (FORMAT_PARAMETER, FORMATS)
    wanted = request.query_params.get("format")
    if wanted is not None:
        media_type = named.get(wanted.replace(" ", ""))
        return formats[media_type] if media_type else None
    return choose_format(request.headers.get("accept"), (METADATA_OFFERED if metadata else OFFERED)[api])


def _structure_url(base: str, api: str) -> Callable[[Ref], str]:
    """Where the full artefact of a stub is (in the API the query came through)."""
    def url(ref: Ref) -> str:
        version = ref.version if api == "1" else DIALECTS["3.0"].version(ref.version, ref.type)
        path = f"{ref.type}/{ref.agency}/{ref.id}/{version}"
        return f"{base}/sdmx/rest/{path}" if api == "1" else f"{base}/sdmx/v2/structure/{path}"
    return url
