"""Metadata structures: their maintainer, one record per version, and a tree of attributes that name known
concepts and codelists, each under a parent listed before it."""

from __future__ import annotations

from collections.abc import Iterator

from catalogue.checks.datasets import unresolved
from catalogue.checks.findings import missing, one_record_per_version
from catalogue.errors import Problem
from catalogue.messages import Message
from catalogue.model import Catalogue, MetadataStructure
from catalogue.model.references import Shared, referenced_concept, referenced_id
from catalogue.vocab import Vocabulary


def check_metadata_structures(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Every metadata structure of the catalogue."""
    shared = catalogue.shared()
    yield from one_record_per_version("metadata_structure", catalogue.metadata_structures)
    for key, structure in catalogue.metadata_structures.items():
        yield from missing("metadata_structure", key, ("agency",), Message("agency"), structure.agency,
                           catalogue.agencies)
        yield from _attributes(key, structure, shared)


def _attributes(key: str, structure: MetadataStructure, shared: Shared) -> Iterator[Problem]:
    before: set[str] = set()
    for index, attribute in enumerate(structure.attributes):
        path = ("attributes", index)
        if attribute.path in before:
            yield Problem.in_record("metadata_structure", key, (*path, "id"), Message(
                "the attribute '%(path)s' appears more than once (ids differ among the attributes of one parent)",
                path=attribute.path))
        if attribute.parent is not None and attribute.parent not in before:
            yield Problem.in_record("metadata_structure", key, (*path, "parent"), Message(
                "the parent '%(parent)s' is not an attribute listed before this one", parent=attribute.parent))
        before.add(attribute.path)
        yield from unresolved("metadata_structure", key, (*path, "concept"), Message("concept"), attribute.concept,
                              shared.concepts.resolve, referenced_concept(attribute.concept))
        if attribute.representation == "code" and attribute.codelist is None:
            yield Problem.in_record("metadata_structure", key, (*path, "codelist"),
                                    Message("a coded attribute names the codelist of its codes"))
        elif attribute.representation != "code" and attribute.codelist is not None:
            yield Problem.in_record("metadata_structure", key, (*path, "codelist"),
                                    Message("only a coded attribute (representation: code) names a codelist"))
        yield from unresolved("metadata_structure", key, (*path, "codelist"), Message("codelist"), attribute.codelist,
                              shared.codelists.resolve, referenced_id(attribute.codelist))
        if attribute.max_occurs is not None and attribute.min_occurs > attribute.max_occurs:
            yield Problem.in_record("metadata_structure", key, (*path, "max_occurs"), Message(
                "at most %(most)s value(s), fewer than the %(least)s at least", most=attribute.max_occurs,
                least=attribute.min_occurs))
