"""Concepts and concept schemes (SDMX ConceptScheme)."""

from __future__ import annotations

from pydantic import Field

from catalogue.model.maintainable import Maintainable
from catalogue.model.types import Id, Record, Text, Url


class Concept(Record):
    """A statistical concept, e.g. SEX or REF_AREA; its id is unique in the whole catalogue."""

    id: Id
    name: Text
    description: Text | None = None
    uri: Url | None = Field(default=None, description="The concept's URI, e.g. in a national or SDMX glossary")


class ConceptScheme(Maintainable):
    """A maintained, versioned set of concepts."""

    concepts: list[Concept] = Field(min_length=1)
