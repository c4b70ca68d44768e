"""Dataset series: a statistical programme whose datasets are its releases (DCAT-AP ``dcat:DatasetSeries``)."""

from __future__ import annotations

from pydantic import Field

from catalogue.model.types import AgencyId, Id, Record, Text, Url


class Series(Record):
    """A programme of releases, e.g. the quarterly Labour Force Survey: its datasets name it, and their order (by
    the period they cover, then their issue date) gives its first, last, previous and next releases."""

    id: Id
    title: Text
    description: Text
    publisher: AgencyId
    frequency: str | None = Field(default=None, description="A frequency from mappings/frequencies.yaml")
    themes: list[Id] = Field(default_factory=list, description="Theme ids of the catalogue's theme taxonomy")
    contact_point: Id | None = Field(default=None, description="A contact id of one of the agencies")
    terms: Id | None = Field(default=None, description="The terms of use of its releases, when they share them")
    process: Text | None = Field(default=None, description="The statistical process its releases come from")
    landing_page: Url | None = None
