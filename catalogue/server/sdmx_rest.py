"""SDMX-REST on the live server: structure queries of SDMX-REST 1.5 (``/sdmx/rest/``, the SDMX 2.1 API) and
2.x (``/sdmx/v2/``, the SDMX 3.0 API), answered from the public view in SDMX-ML 2.1, SDMX-ML 3.0 or
SDMX-JSON 2.0, as ``Accept`` (or ``format``) asks, with SDMX error messages. Here: the formats and their
negotiation, the error messages, and the artefacts of the public view; the routes are in ``routes/sdmx_rest``.

The artefacts are those of the site's structure messages (``build_structures`` of the public view), so
what is hidden there (used only by drafts, embargoed datasets or confidential variables) is unknown here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from dataclasses import dataclass, replace

from fastapi.responses import Response

from catalogue.records.compact import MadeEachRead
from catalogue.formats.sdmx import Structures, build_structures
from catalogue.formats.sdmx.structures import COMPONENT_KIND, SdmxOutline
from catalogue.model import Catalogue, Dataset
from catalogue.policy.view import DatasetFacts, view_of_released
from catalogue.store.public import PublicRecords
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.sdmx.metadata_json import MEDIA_TYPE as METADATA_MEDIA_TYPE
from catalogue.server.errors import status_of
from catalogue.errors import QueryError
from catalogue.formats.sdmx.structures import Ref
from catalogue.model.types import ascii_visible
from catalogue.records.yamlsource import NOT_IN_XML
from catalogue.formats.xmlwriter import escape_text
from catalogue.server.negotiation import parse_accept

XML_21 = "application/vnd.sdmx.structure+xml;version=2.1"
XML_30 = "application/vnd.sdmx.structure+xml;version=3.0.0"
JSON_20 = "application/vnd.sdmx.structure+json;version=2.0.0"


@dataclass(frozen=True)
class Format:
    media_type: str
    family: str
    """``xml`` or ``json``."""
    version: str
    """SDMX-ML version (``2.1``, ``3.0``) or SDMX-JSON version (``2.0``)."""


FORMATS = {XML_21: Format(XML_21, "xml", "2.1"), XML_30: Format(XML_30, "xml", "3.0"),
           JSON_20: Format(JSON_20, "json", "2.0")}
DEFAULT_FORMAT = {"1": FORMATS[XML_21], "2": FORMATS[XML_30]}
OFFERED = {"1": [FORMATS[XML_21], FORMATS[XML_30], FORMATS[JSON_20]],
           "2": [FORMATS[XML_30], FORMATS[XML_21], FORMATS[JSON_20]]}
"""The formats of structure queries per API, the default first."""
METADATA_XML_21 = "application/vnd.sdmx.genericmetadata+xml;version=2.1"
METADATA_XML_30 = "application/vnd.sdmx.metadata+xml;version=3.0.0"
METADATA_SPECIFIC_21 = "application/vnd.sdmx.structurespecificmetadata+xml;version=2.1"
METADATA_JSON_20 = METADATA_MEDIA_TYPE
METADATA_FORMATS = {METADATA_XML_21: Format(METADATA_XML_21, "xml", "2.1"),
                    METADATA_XML_30: Format(METADATA_XML_30, "xml", "3.0"),
                    METADATA_JSON_20: Format(METADATA_JSON_20, "json", "2.0"),
                    METADATA_SPECIFIC_21: Format(METADATA_SPECIFIC_21, "xml", "2.1")}
METADATA_OFFERED = {"1": [METADATA_FORMATS[METADATA_XML_21], METADATA_FORMATS[METADATA_XML_30],
                          METADATA_FORMATS[METADATA_JSON_20], METADATA_FORMATS[METADATA_SPECIFIC_21]],
                    "2": [METADATA_FORMATS[METADATA_JSON_20], METADATA_FORMATS[METADATA_XML_30],
                          METADATA_FORMATS[METADATA_XML_21], METADATA_FORMATS[METADATA_SPECIFIC_21]]}
"""The formats of metadata queries per API, the default first (2.x's is SDMX-JSON, as the API says)."""
FORMAT_PARAMETER = {"sdmx-2.1": XML_21, "sdmx-ml-2.1": XML_21, "structure-2.1": XML_21,
                    "sdmx-3.0": XML_30, "sdmx-ml-3.0": XML_30, "structure-3.0": XML_30,
                    "sdmx-json": JSON_20, "sdmx-json-2.0": JSON_20, "json": JSON_20, **{m: m for m in FORMATS}}
METADATA_FORMAT_PARAMETER = {"sdmx-2.1": METADATA_XML_21, "sdmx-ml-2.1": METADATA_XML_21,
                             "genericmetadata-2.1": METADATA_XML_21, "sdmx-3.0": METADATA_XML_30,
                             "sdmx-ml-3.0": METADATA_XML_30, "metadata-3.0": METADATA_XML_30,
                             "sdmx-json": METADATA_JSON_20, "sdmx-json-2.0": METADATA_JSON_20, "json": METADATA_JSON_20,
                             "structurespecificmetadata-2.1": METADATA_SPECIFIC_21,
                             "structure-specific-2.1": METADATA_SPECIFIC_21,
                             **{m: m for m in METADATA_FORMATS}}
"""Values of the ``format`` query parameter (for clients that cannot set ``Accept``)."""
UNSERVED_V1 = frozenset({"data", "availableconstraint", "schema"})
UNSERVED_V2 = frozenset({"data", "availability", "registration"})
SCHEMA_CONTEXTS = frozenset({"datastructure", "dataflow", "provisionagreement"})


def _same_version(wanted: str, offered: str) -> bool:
    pad = lambda v: ".".join((v.split(".") + ["0", "0"])[:3])  # noqa: E731 - 3.0 is 3.0.0
    return pad(wanted) == pad(offered)


def choose_format(accept: str | None, offered: Sequence[Format]) -> Format | None:
    """The format to answer in, of those ``offered`` (the API's default first, then by preference): the acceptable
    one with the highest q, the first offered among equals (for a media type without ``version``, a generic XML or
    JSON type, or any type); a type the client names with q=0 is never chosen; ``None``: none acceptable."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)

    def refused(candidate: Format) -> bool:
        kind = candidate.media_type.split(";")[0]
        return any(quality <= 0 and media == kind and (parameters.get("version") is None or _same_version(
            parameters["version"], candidate.version)) for media, parameters, quality in ranges)

    available = [candidate for candidate in offered if not refused(candidate)]
    first_of_kind = {f.media_type.split(";")[0]: f for f in reversed(available)}
    first_of_family = {f.family: f for f in reversed(available)}
    best: tuple[float, int] = (0.0, 0)
    chosen = None
    for candidate in available:
        kind = candidate.media_type.split(";")[0]
        for media, parameters, quality in ranges:
            version = parameters.get("version")
            if media == kind:
                if version is not None and not _same_version(version, candidate.version):
                    continue
                if version is None and first_of_kind[kind] is not candidate:
                    continue
                specificity = 4 if version else 3
            elif (media in ("application/xml", "text/xml") and candidate.family == "xml") or \
                    (media == "application/json" and candidate.family == "json"):
                if first_of_family[candidate.family] is not candidate:
                    continue
                specificity = 2
            elif media in ("*/*", "application/*"):
                if candidate is not available[0]:
                    continue
                specificity = 1
            else:
                continue
            if (quality, specificity) > best and quality > 0:
                best, chosen = (quality, specificity), candidate
    return chosen


def _error_body(error: QueryError, fmt: Format) -> tuple[bytes, str]:
    """The error in the format asked for; what the message echoes of the query is shown, never carried raw (a
    control character in a path cannot be written in XML)."""
    message = ascii_visible(error.message) if NOT_IN_XML.search(error.message) else error.message
    if fmt.family == "json":
        body = {"errors": [{"code": error.code, "title": message}]}
        return json.dumps(body, ensure_ascii=False).encode(), "application/json"
    namespace = DIALECTS["3.0" if fmt.version == "3.0" else "2.1"].namespace_version
    base = "http://www.sdmx.org/resources/sdmxml/schemas/" + namespace
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<mes:Error xmlns:mes="{base}/message" '
           f'xmlns:com="{base}/common"><mes:ErrorMessage code="{error.code}">'
           f'<com:Text xml:lang="en">{escape_text(message)}</com:Text></mes:ErrorMessage></mes:Error>\n')
    return xml.encode(), "application/xml; charset=utf-8"


def error_response(error: QueryError, fmt: Format) -> Response:
    body, media_type = _error_body(error, fmt)
    return Response(body, status_code=status_of(error), media_type=media_type, headers={"Cache-Control": "no-store"})


def stored_structures(records: PublicRecords, shared: Catalogue) -> Structures:
    """The SDMX artefacts of the released datasets, from what their stored documents say (read as JSON, not made):
    the codelists and concept schemes public variables use, now; a data structure, dataflow or categorisation made
    from its dataset, read from the store, when it is read. A query of a codelist reads no dataset."""
    facts: dict[str, DatasetFacts] = {}
    outlines: dict[str, SdmxOutline] = {}
    components: dict[str, list[tuple[str, str]]] = {}
    released: MadeEachRead[Dataset] = MadeEachRead()
    for dataset_id, document in records.documents():
        # as if no file were local: structures copy no data file, so no dataset is made to know its columns
        facts[dataset_id] = replace(DatasetFacts.of_document(document), local_files=False)
        public = [v for v in document.get("variables") or () if isinstance(v, dict) and not v.get("confidential")]
        roles = {v.get("role") for v in public}
        named = document.get("structure")
        outlines[dataset_id] = (str(document["publisher"]), str(document.get("version", "1.0")),
                                tuple(document.get("themes") or ()), str(named) if named is not None else None,
                                str(document["dataflow"]) if document.get("dataflow") is not None else None,
                                tuple(str(s) for s in document.get("series") or ())) \
            if {"measure", "dimension"} <= roles else None
        components[dataset_id] = [(str(v.get("codelist") or ""), str(v.get("concept") or "")) for v in public
                                  if v.get("role") in COMPONENT_KIND]
        released.defer(dataset_id, partial(records.require, dataset_id))
    view = view_of_released(shared, released, facts.keys(), records.as_of, facts)
    structures = build_structures(view, lazy=True, outline=outlines.__getitem__)
    codelists = {ref: Ref("codelist", c.agency, c.id, c.version) for ref, key in view.codelist_keys.items()
                 if (c := view.codelists.get(key)) is not None}
    schemes = {ref: Ref("conceptscheme", s.agency, s.id, s.version) for ref, (key, _) in view.concept_keys.items()
               if (s := view.concept_schemes.get(key)) is not None}
    for ref, dataset_id in structures.origins.items():  # what the references of a query follow, known as read
        if ref.type == "datastructure":
            structures.known_references[ref] = {codelists[c] for c, _ in components[dataset_id] if c in codelists} | \
                {schemes[concept] for _, concept in components[dataset_id] if concept in schemes}
    return structures
