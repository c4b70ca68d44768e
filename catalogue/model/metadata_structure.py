"""Metadata structures (SDMX metadata structure definitions, MSDs): the concepts a reference metadata report
gives, such as a quality report of the ESS (ESMS, SIMS) or an SDG indicator's metadata."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from catalogue.model.maintainable import Maintainable
from catalogue.model.types import CodelistReference, ConceptReference, NonNegativeWholeNumber, Record, SdmxNcName

AttributePath = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*$",
                                    max_length=1000)]
"""An attribute by the ids from the top of its structure down, joined by '.' (``META_UPDATE.POSTED``): SDMX
makes an id unique among its siblings only."""
Representation = Literal["text", "xhtml", "code", "number", "date", "url"]
"""What a report gives for an attribute: plain text, XHTML (sanitized), a code of a codelist, a number, a date or
a period, a URL."""


class MetadataAttribute(Record):
    """One concept of a report; ``parent`` nests it under an attribute listed before it (S.13 → S.13.1)."""

    id: SdmxNcName
    concept: ConceptReference = Field(description="The concept it reports: its name is the attribute's")
    parent: AttributePath | None = Field(
        default=None, description="The attribute it is part of, by its path (e.g. META_UPDATE.POSTED)")
    representation: Representation | None = Field(
        default="text", description="What a report gives for it; none: a heading only (SDMX's presentational "
                                    "attribute), under which other attributes are given")
    codelist: CodelistReference | None = Field(default=None, description="Its codes, for a coded attribute")
    min_occurs: NonNegativeWholeNumber = Field(default=0, description="How many values a report must give at least")
    max_occurs: NonNegativeWholeNumber | None = Field(
        default=1, description="How many values a report may give at most (none: any number)")


    @property
    def path(self) -> str:
        """Its ids from the top of its structure down, joined by '.'."""
        return f"{self.parent}.{self.id}" if self.parent else self.id


class MetadataStructure(Maintainable):
    """A maintained, versioned report structure: its attributes in order, each under its parent."""

    attributes: list[MetadataAttribute] = Field(min_length=1)

    def children(self) -> dict[str | None, dict[str, MetadataAttribute]]:
        """The attributes under each attribute, by their ids (under ``None``: the top ones), in order."""
        found: dict[str | None, dict[str, MetadataAttribute]] = {None: {}}
        for attribute in self.attributes:
            found.setdefault(attribute.parent, {}).setdefault(attribute.id, attribute)
            found.setdefault(attribute.path, {})
        return found
