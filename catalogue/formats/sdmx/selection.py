"""What a structure query selects from the SDMX artefacts of the public view: the matching artefacts,
the ones related to them by ``references``, and how much of each ``detail`` asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from catalogue.model.versions import Version, VersionQuery, select
from catalogue.formats.sdmx.query import StructureQuery, no_results
from catalogue.formats.sdmx.structures import Ref, Structures

ITEM_SCHEMES = ("codelist", "conceptscheme", "categoryscheme", "agencyscheme")
STUB_DETAILS = {"allstubs": "stub", "allcompletestubs": "complete", "referencestubs": "stub",
                "referencecompletestubs": "complete"}


def match_versions(refs: list[Ref], versions: tuple[str, ...]) -> list[Ref]:
    """The refs whose version one of ``versions`` selects (SDMX 3.0 version queries), in their order."""
    queries = tuple(VersionQuery.parse(text) for text in versions)
    return select(queries, refs, lambda ref: Version.parse(ref.version), lambda ref: (ref.type, ref.agency, ref.id))


def item_ids(structures: Structures, ref: Ref) -> list[str]:
    """The ids of an item scheme's items, in order."""
    if ref.type == "codelist":
        return [code.id for code in structures.codelists[ref].codes]
    if ref.type == "conceptscheme":
        return [concept.id for concept in structures.concept_schemes[ref].concepts]
    if ref.type == "categoryscheme":
        return [theme.id for theme in structures.themes]
    if ref.type == "agencyscheme":
        return [agency.id.removeprefix(f"{ref.agency}.") for agency in structures.agency_schemes.get(ref, [])]
    return []


class Graph:
    """The references between artefacts, both ways."""

    def __init__(self, structures: Structures) -> None:
        self.children: dict[Ref, set[Ref]] = {ref: structures.references_of(ref) for ref in structures.all_refs()}
        self.parents: dict[Ref, set[Ref]] = {ref: set() for ref in self.children}
        for ref, targets in self.children.items():
            for target in targets:
                self.parents.setdefault(target, set()).add(ref)

    @staticmethod
    def _closure(start: Iterable[Ref], step: Callable[[Ref], set[Ref]]) -> set[Ref]:
        found: set[Ref] = set()
        pending = list(start)
        while pending:
            for target in step(pending.pop()):
                if target not in found:
                    found.add(target)
                    pending.append(target)
        return found

    def related(self, matched: set[Ref], keyword: str) -> set[Ref]:
        """The artefacts ``references=keyword`` adds to ``matched``."""
        parents = {p for ref in matched for p in self.parents.get(ref, ())}
        if keyword == "none":
            return set()
        if keyword == "parents":
            return parents
        if keyword == "children":
            return {c for ref in matched for c in self.children.get(ref, ())}
        if keyword == "descendants":
            return self._closure(matched, lambda r: self.children.get(r, set()))
        if keyword == "ancestors":
            return self._closure(matched, lambda r: self.parents.get(r, set()))
        siblings = parents | {c for parent in parents for c in self.children.get(parent, ())}
        if keyword == "parentsandsiblings":
            return siblings
        if keyword == "all":
            return siblings | self._closure(matched, lambda r: self.children.get(r, set()))
        # a structure type: the artefacts of that type that the matched ones use or are used by, at any depth
        linked = self._closure(matched, lambda r: self.children.get(r, set())) | \
            self._closure(matched, lambda r: self.parents.get(r, set()))
        return {ref for ref in linked if ref.type == keyword}


def _used_items(structures: Structures, chosen: set[Ref]) -> dict[Ref, set[str]]:
    """The items the chosen artefacts use: concepts of their DSDs' components, categories of their
    categorisations (codes are all used: no constraint restricts them)."""
    used: dict[Ref, set[str]] = {}
    for ref in chosen:
        if ref.type == "datastructure":
            for component in structures.data_structures[ref].components:
                used.setdefault(component.concept_scheme, set()).add(component.concept)
        elif ref.type == "categorisation":
            categorisation = structures.categorisations[ref]
            used.setdefault(categorisation.category_scheme, set()).add(categorisation.category)
    return used


def resolve(structures: Structures, query: StructureQuery) -> Structures:
    """The artefacts a query selects, as a message to write; ``QueryError`` 404 when it selects nothing."""
    candidates = [ref for ref in structures.all_refs() if ref.type in query.types
                  and (query.agencies is None or ref.agency in query.agencies)
                  and (query.ids is None or ref.id in query.ids)]
    matched_list = match_versions(candidates, query.versions)
    partial: dict[Ref, frozenset[str]] = {}
    if query.items is not None:
        for ref in matched_list:
            wanted = frozenset(i for i in item_ids(structures, ref) if i in query.items)
            if wanted:
                partial[ref] = wanted
        matched_list = [ref for ref in matched_list if ref in partial]
    if not matched_list:
        raise no_results()
    matched = set(matched_list)
    referenced: set[Ref] = set()
    asked = [keyword for keyword in query.references if keyword != "none"]
    graph = Graph(structures) if asked else None  # every reference read: only when a query asks for some
    for keyword in asked:
        assert graph is not None
        referenced |= graph.related(matched, keyword)
    referenced -= matched
    chosen = matched | referenced
    stub_kind = STUB_DETAILS.get(query.detail)
    stubbed = chosen if query.detail.startswith("all") else referenced
    stubs = {ref: stub_kind for ref in stubbed} if stub_kind else {}
    if query.detail == "referencepartial":
        used = _used_items(structures, chosen)
        for ref in referenced:
            if ref.type in ("conceptscheme", "categoryscheme") and ref in used:
                partial[ref] = frozenset(used[ref])
    return replace(
        structures.restricted_to(chosen),
        stubs=stubs,
        partial={ref: items for ref, items in partial.items() if ref not in stubs},
    )
