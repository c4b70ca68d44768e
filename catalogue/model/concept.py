"""Concepts and concept schemes (SDMX ConceptScheme)."""

from __future__ import annotations

from pydantic import Field

from .types import AgencyId, Id, Record, Text, Url, Version


class Concept(Record):
    """A statistical concept, e.g. SEX or REF_AREA; its id is unique in the whole catalogue."""

    id: Id
    name: Text
    description: Text | None = None
    uri: Url | None = Field(default=None, description="The concept's URI, e.g. in a national or SDMX glossary")


class ConceptScheme(Record):
    """A maintained, versioned set of concepts."""

    id: Id
    agency: AgencyId
    version: Version = "1.0"
    name: Text
    description: Text | None = None
    concepts: list[Concept] = Field(min_length=1)
