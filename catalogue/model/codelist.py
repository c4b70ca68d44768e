"""Codelists, their codes, and references to external SDMX codelists."""

from __future__ import annotations

from pydantic import Field

from catalogue.model.maintainable import Maintainable
from catalogue.model.types import Boolean, CodelistUrn, IsoDate, Id, Record, Text


class Code(Record):
    """One code; ``parent`` nests it under another code of the same codelist."""

    id: Id
    name: Text
    description: Text | None = None
    parent: Id | None = None


class Codelist(Maintainable):
    """A maintained, versioned list of codes, or a reference to an external SDMX codelist by URN."""

    ordered: Boolean = Field(default=False, description="The codes have a meaningful order (e.g. age groups)")
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    external_urn: CodelistUrn | None = Field(
        default=None, description="An external SDMX codelist this record stands for; it then lists no codes")
    codes: list[Code] = Field(default_factory=list)
