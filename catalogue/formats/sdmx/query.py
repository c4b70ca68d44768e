"""SDMX-REST structure queries: the paths and parameters of SDMX-REST 1.5 (the SDMX 2.1 API) and 2.x (the
SDMX 3.0 API), read into one ``StructureQuery``, and refused with the SDMX error they deserve.

Syntax follows the OpenAPI descriptions of the SDMX Technical Working Group: trailing path parts may be
left out (their defaults apply), lists are separated by ``+`` (1.x) or ``,`` (2.x; each API accepts the
other's separator where it is unambiguous, as the Fusion Metadata Registry does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from catalogue.formats.sdmx.structures import ARTEFACT_TYPES
from catalogue.errors import QueryError
from catalogue.model.versions import VersionQuery

Api = Literal["1", "2"]

SPEC_STRUCTURE_TYPES = frozenset({
    "datastructure", "metadatastructure", "dataflow", "metadataflow", "provisionagreement",
    "metadataprovisionagreement", "structureset", "process", "categorisation", "contentconstraint",
    "actualconstraint", "allowedconstraint", "attachmentconstraint", "dataconstraint", "metadataconstraint",
    "conceptscheme", "codelist", "categoryscheme", "hierarchicalcodelist", "hierarchy", "hierarchyassociation",
    "organisationscheme", "agencyscheme", "dataproviderscheme", "dataconsumerscheme", "metadataproviderscheme",
    "organisationunitscheme", "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme",
    "customtypescheme", "namepersonalisationscheme", "namealiasscheme", "vtlmappingscheme", "valuelist",
    "reportingtaxonomy", "structuremap", "representationmap", "conceptschememap", "categoryschememap",
    "organisationschememap", "reportingtaxonomymap"})
"""Every structure type the two APIs name: a valid query for one this catalogue never holds finds nothing."""
ITEM_SCHEME_TYPES = frozenset({
    "conceptscheme", "codelist", "categoryscheme", "agencyscheme", "organisationscheme", "dataproviderscheme",
    "dataconsumerscheme", "metadataproviderscheme", "organisationunitscheme", "hierarchicalcodelist",
    "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme", "customtypescheme",
    "namepersonalisationscheme", "namealiasscheme", "vtlmappingscheme", "valuelist", "reportingtaxonomy"})
ALIASES: dict[str, tuple[str, ...]] = {
    "structure": ARTEFACT_TYPES, "*": ARTEFACT_TYPES, "organisationscheme": ("agencyscheme",)}
"""Query types that stand for several artefact types (2.1's ``organisationscheme`` includes agency schemes)."""
REFERENCE_KEYWORDS = frozenset({"none", "parents", "parentsandsiblings", "ancestors", "children", "descendants",
                                "all"})
DETAILS: dict[Api, frozenset[str]] = {
    "1": frozenset({"full", "allstubs", "referencestubs", "referencepartial", "allcompletestubs",
                    "referencecompletestubs"}),
    "2": frozenset({"full", "allstubs", "referencestubs", "referencepartial", "allcompletestubs",
                    "referencecompletestubs", "raw"}),
}
AGENCY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*")
IDENTIFIER = re.compile(r"[A-Za-z0-9_@$-]+")
ITEM = re.compile(r"[A-Za-z0-9_@$-]+(\.[A-Za-z0-9_@$-]+)*")
LEGACY_VERSION = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9})*")


def syntax_error(message: str) -> QueryError:
    return QueryError(140, f"Syntax error: {message}")


def no_results(message: str = "No results found") -> QueryError:
    return QueryError(100, message)


def not_implemented(message: str) -> QueryError:
    return QueryError(501, f"Not implemented: {message}")


@dataclass(frozen=True)
class StructureQuery:
    """What a structure query selects: ``None`` in a selector stands for every value."""

    api: Api
    types: tuple[str, ...]
    agencies: tuple[str, ...] | None
    ids: tuple[str, ...] | None
    versions: tuple[str, ...]
    """``*`` (every version), ``~`` (latest), ``+`` (latest stable), or explicit versions (2.x wildcards kept)."""
    items: tuple[str, ...] | None
    """The items asked for (an item query), ``None`` for whole artefacts."""
    references: tuple[str, ...]
    detail: str

    def canonical(self) -> str:
        """One text per distinct query (a cache key)."""
        parts = [self.api, ",".join(self.types), ",".join(self.agencies or ["*"]), ",".join(self.ids or ["*"]),
                 ",".join(self.versions), ",".join(self.items) if self.items is not None else "",
                 ",".join(self.references), self.detail]
        return "/".join(parts)


def _split(value: str, separators: str) -> list[str]:
    return [part for part in re.split(f"[{re.escape(separators)}]", value)]


def selector(value: str, everything: tuple[str, ...], pattern: re.Pattern[str], separators: str,
              what: str) -> tuple[str, ...] | None:
    if value in everything:
        return None
    parts = _split(value, separators)
    for part in parts:
        if not pattern.fullmatch(part):
            raise syntax_error(f"{what} '{part[:60]}' is not a valid SDMX {what} (nor a list of them)")
    return tuple(dict.fromkeys(parts))


def _v1_versions(value: str) -> tuple[str, ...]:
    if value == "all":
        return ("*",)
    if value == "latest":
        return ("~",)
    parts = _split(value, "+,")
    for part in parts:
        if not LEGACY_VERSION.fullmatch(part):
            raise syntax_error(f"version '{part[:60]}' is not 'all', 'latest' or a version such as 1.0")
    return tuple(dict.fromkeys(parts))


def valid_v2_version(value: str) -> bool:
    try:
        VersionQuery.parse("+" if value == "*+" else value)
    except ValueError:
        return False
    return True


def v2_versions(value: str) -> tuple[str, ...]:
    parts = value.split(",")
    for part in parts:
        if not valid_v2_version(part):
            raise syntax_error(f"version '{part[:60]}' is not '*', '~', '+' or a version such as 1.0.0 "
                               "(with wildcards such as 1.2+.0)")
    return tuple(dict.fromkeys("+" if part == "*+" else part for part in parts))


def structure_types(value: str, item_query: bool) -> tuple[str, ...]:
    if value in ALIASES:
        if item_query and value == "structure":
            raise syntax_error("'structure' is not an item scheme: only item schemes have items to query")
        return tuple(t for t in ALIASES[value] if not item_query or t in ITEM_SCHEME_TYPES)
    if value not in SPEC_STRUCTURE_TYPES:
        raise syntax_error(f"'{value[:60]}' is not an SDMX structure type")
    if item_query and value not in ITEM_SCHEME_TYPES:
        raise syntax_error(f"'{value}' is not an item scheme: only item schemes have items to query")
    return (value,) if value in ARTEFACT_TYPES else ()


def _references(values: list[str], api: Api) -> tuple[str, ...]:
    references = []
    for value in values:
        if value not in REFERENCE_KEYWORDS and value not in SPEC_STRUCTURE_TYPES:
            raise syntax_error(f"references '{value[:60]}' is not one of none, parents, parentsandsiblings, "
                               "children, descendants, all or a structure type")
        references.append(value)
    if len(references) > 1 and "none" in references:
        raise syntax_error("references 'none' cannot be combined with other references")
    return tuple(dict.fromkeys(references))


def _query_parameters(parameters: dict[str, str], api: Api) -> tuple[tuple[str, ...], str]:
    unknown = sorted(set(parameters) - {"references", "detail", "format"})
    if unknown:
        raise not_implemented(f"the query parameter '{unknown[0][:40]}' (structure queries here take "
                              "references, detail and format)")
    raw_references = parameters.get("references", "none")
    references = _references(raw_references.split(",") if api == "2" else [raw_references], api)
    detail = parameters.get("detail", "full")
    if detail not in DETAILS[api]:
        raise syntax_error(f"detail '{detail[:60]}' is not one of {', '.join(sorted(DETAILS[api]))}")
    return references, detail


@dataclass(frozen=True)
class _Syntax:
    """How one API spells a structure query."""

    everything: str
    latest: str
    separators: str
    versions: Callable[[str], tuple[str, ...]]
    shape: str


SYNTAX: dict[Api, _Syntax] = {
    "1": _Syntax("all", "latest", "+,", _v1_versions,
                 "/{structureType}/{agencyID}/{resourceID}/{version}[/{itemID}]"),
    "2": _Syntax("*", "~", ",+", v2_versions,
                 "/structure/{structureType}/{agencyID}/{resourceID}/{version}[/{itemID}]"),
}


def parse(path: str, parameters: dict[str, str], api: Api) -> StructureQuery:
    """``{structureType}/{agencyID}/{resourceID}/{version}[/{itemID}]`` (after ``/structure/`` in 2.x);
    trailing parts left out take their defaults (every agency, id and item; the latest version)."""
    syntax = SYNTAX[api]
    parts = path.strip("/").split("/")
    if not parts[0] or len(parts) > 5:
        raise syntax_error(f"expected {syntax.shape}")
    defaults = [syntax.everything, syntax.everything, syntax.latest, syntax.everything]
    structure_type, agency, resource, version, item = (parts + defaults[len(parts) - 1:])[:5]
    item_query = len(parts) == 5
    types = structure_types(structure_type, item_query)
    references, detail = _query_parameters(parameters, api)
    everything = (syntax.everything,)
    return StructureQuery(
        api=api, types=types,
        agencies=selector(agency, everything, AGENCY, syntax.separators, "agency id"),
        ids=selector(resource, everything, IDENTIFIER, syntax.separators, "resource id"),
        versions=syntax.versions(version),
        items=selector(item, everything, ITEM, syntax.separators, "item id") if item_query else None,
        references=references, detail=detail)


def parse_v1(path: str, parameters: dict[str, str]) -> StructureQuery:
    """A query of SDMX-REST 1.5 (the SDMX 2.1 API)."""
    return parse(path, parameters, "1")


def parse_v2(path: str, parameters: dict[str, str]) -> StructureQuery:
    """A query of SDMX-REST 2.x (the SDMX 3.0 API), the part after ``/structure/``."""
    return parse(path, parameters, "2")
