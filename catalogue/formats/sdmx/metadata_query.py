"""SDMX-REST reference metadata queries, read into one ``MetadataQuery`` and answered from the public metadata sets.

2.x (the SDMX 3.0 API) finds metadata sets three ways: ``/metadata/metadataset/{providerID}/{metadatasetID}/
{version}`` (a set's provider here is the agency that publishes the report), ``/metadata/metadataflow/
{flowAgencyID}/{flowID}/{flowVersion}/{providerRef}`` and ``/metadata/structure/{artefactType}/{agencyID}/
{resourceID}/{version}`` (the sets on an artefact: a dataflow, an agency scheme, a category scheme). 1.x (the SDMX
2.1 API) has one: ``/metadata/{flowRef}/{key}/{providerRef}``, the key being the id of the target (a dataflow's, an
agency's, a category scheme's; ``+`` for several).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from catalogue.formats.sdmx.artefacts import MetadataSet, Ref
from catalogue.formats.sdmx.query import (AGENCY, IDENTIFIER, LEGACY_VERSION, Api, no_results, not_implemented,
                                          selector, structure_types, syntax_error, v2_versions)
from catalogue.formats.sdmx.selection import match_versions

Way = Literal["metadataset", "metadataflow", "structure"]
DETAILS = frozenset({"full", "allstubs"})
SHAPES: dict[str, str] = {
    "metadataset": "/metadata/metadataset/{providerID}/{metadatasetID}/{version}",
    "metadataflow": "/metadata/metadataflow/{flowAgencyID}/{flowID}/{flowVersion}/{providerRef}",
    "structure": "/metadata/structure/{artefactType}/{agencyID}/{resourceID}/{version}",
    "1": "/metadata/{flowRef}/{key}/{providerRef}",
}


@dataclass(frozen=True)
class Selector:
    """Maintained artefacts by agency, id and version (``None``: any)."""

    agencies: tuple[str, ...] | None = None
    ids: tuple[str, ...] | None = None
    versions: tuple[str, ...] = ("*",)

    def chosen(self, refs: list[Ref]) -> set[Ref]:
        candidates = [ref for ref in dict.fromkeys(refs) if (self.agencies is None or ref.agency in self.agencies)
                      and (self.ids is None or ref.id in self.ids)]
        return set(match_versions(candidates, self.versions))

    def text(self) -> str:
        return "/".join([",".join(self.agencies or ["*"]), ",".join(self.ids or ["*"]), ",".join(self.versions)])


@dataclass(frozen=True)
class MetadataQuery:
    """Which metadata sets a query asks for (every selector given must match) and how much of each."""

    api: Api
    sets: Selector = Selector()
    flows: Selector = Selector()
    providers: tuple[str, ...] | None = None
    target_types: tuple[str, ...] | None = None
    targets: Selector = Selector()
    target_keys: tuple[str, ...] | None = None
    """1.x: the ids of the targets (the dataflow's, the agency's, the category scheme's)."""
    detail: str = "full"

    def canonical(self) -> str:
        """One text per distinct query (a cache key)."""
        return "|".join([self.api, self.sets.text(), self.flows.text(), ",".join(self.providers or ["*"]),
                         ",".join(self.target_types or ["*"]), self.targets.text(),
                         ",".join(self.target_keys or ["*"]), self.detail])


def _detail(parameters: dict[str, str], allowed: frozenset[str]) -> str:
    unknown = sorted(set(parameters) - allowed)
    if unknown:
        raise not_implemented(f"the query parameter '{unknown[0][:40]}' (metadata queries here take "
                              f"{', '.join(sorted(allowed))})")
    detail = parameters.get("detail", "full").lower()
    if detail not in DETAILS:
        raise syntax_error(f"detail '{detail[:60]}' is not one of full, allstubs")
    return detail


def _parts(path: str, way: str, defaults: list[str]) -> list[str]:
    """The path's parts, those left out at the end taking their defaults."""
    parts = path.strip("/").split("/") if path.strip("/") else []
    if len(parts) > len(defaults):
        raise syntax_error(f"expected {SHAPES[way]}")
    return parts + defaults[len(parts):]


def _providers(value: str, everything: tuple[str, ...], separators: str) -> tuple[str, ...] | None:
    """A provider reference (``AGENCY,PROVIDER`` or ``PROVIDER``, alternatives joined by ``+``): the providers
    named, here the agencies that publish the reports."""
    if value in everything:
        return None
    providers = []
    for alternative in value.split("+") if "+" in value else [value]:
        provider = alternative.split(",")[-1]
        if not AGENCY.fullmatch(provider):
            raise syntax_error(f"provider '{provider[:60]}' is not a valid SDMX id")
        providers.append(provider)
    return tuple(dict.fromkeys(providers))


def parse_metadata_v2(path: str, parameters: dict[str, str]) -> MetadataQuery:
    """A metadata query of SDMX-REST 2.x: the part after ``/metadata/``."""
    way, _, rest = path.strip("/").partition("/")
    if way not in ("metadataset", "metadataflow", "structure"):
        raise syntax_error(f"'/metadata/{way[:40]}' is not a metadata query: expected metadataset, metadataflow "
                           "or structure")
    detail = _detail(parameters, frozenset({"detail", "format"}))
    if way == "metadataset":
        provider, ids, version = _parts(rest, way, ["*", "*", "*"])
        return MetadataQuery("2", sets=Selector(selector(provider, ("*",), AGENCY, ",", "provider id"),
                                                selector(ids, ("*",), IDENTIFIER, ",", "metadataset id"),
                                                v2_versions(version)), detail=detail)
    if way == "metadataflow":
        agency, flow, version, provider = _parts(rest, way, ["*", "*", "*", "*"])
        return MetadataQuery("2", flows=Selector(selector(agency, ("*",), AGENCY, ",", "agency id"),
                                                 selector(flow, ("*",), IDENTIFIER, ",", "metadataflow id"),
                                                 v2_versions(version)),
                             providers=_providers(provider, ("*",), ","), detail=detail)
    kind, agency, resource, version = _parts(rest, way, ["*", "*", "*", "~"])
    types = structure_types(kind, item_query=False)
    return MetadataQuery("2", target_types=types, targets=Selector(
        selector(agency, ("*",), AGENCY, ",", "agency id"), selector(resource, ("*",), IDENTIFIER, ",",
                                                                       "resource id"),
        v2_versions(version)), detail=detail)


def parse_metadata_v1(path: str, parameters: dict[str, str]) -> MetadataQuery:
    """A metadata query of SDMX-REST 1.x: the part after ``/metadata/``."""
    detail = _detail(parameters, frozenset({"detail", "format"}))
    flow_ref, key, provider = _parts(path, "1", ["all", "all", "all"])
    flows = Selector()
    if flow_ref not in ("*", "all"):
        named = flow_ref.split(",")
        if len(named) > 3:
            raise syntax_error(f"the flow '{flow_ref[:60]}' is not AGENCY,ID,VERSION, AGENCY,ID or ID")
        agency, flow, version = (["all", *named, "latest"] if len(named) == 1 else
                                 [*named, "latest"] if len(named) == 2 else named)
        versions = ("*",) if version == "all" else ("~",) if version == "latest" else (version,)
        if versions == (version,) and not LEGACY_VERSION.fullmatch(version):
            raise syntax_error(f"version '{version[:60]}' is not 'all', 'latest' or a version such as 1.0")
        flows = Selector(selector(agency, ("all", "*"), AGENCY, "+", "agency id"),
                         selector(flow, ("all", "*"), IDENTIFIER, "+", "metadataflow id"), versions)
    keys = None if key in ("*", "all", "") else selector(key, (), IDENTIFIER, "+", "key")
    return MetadataQuery("1", flows=flows, providers=_providers(provider, ("*", "all"), "+"), target_keys=keys,
                         detail=detail)


def select_sets(sets: dict[Ref, MetadataSet], query: MetadataQuery) -> list[MetadataSet]:
    """The metadata sets a query selects, in their order; ``QueryError`` 100 (404) when it selects none."""
    chosen_sets = query.sets.chosen(list(sets))
    chosen_flows = query.flows.chosen([s.flow for s in sets.values()])
    targets = [s.target for s in sets.values() if query.target_types is None or s.target.type in query.target_types]
    chosen_targets = query.targets.chosen(targets)
    found = [s for ref, s in sets.items() if ref in chosen_sets and s.flow in chosen_flows
             and s.target in chosen_targets and (query.providers is None or s.ref.agency in query.providers)
             and (query.target_keys is None or (s.target_item or s.target.id) in query.target_keys)]
    if not found:
        raise no_results()
    return found

