"""Agencies (publishers and maintainers) and their contact points."""

from __future__ import annotations

from pydantic import Field

from catalogue.model.types import AgencyId, Email, Id, Record, Telephone, Text, Url


class ContactPoint(Record):
    """A person, team or service users can reach (DCAT contactPoint, SDMX Contact)."""

    id: Id
    name: Text
    department: Text | None = None
    role: Text | None = None
    email: Email | None = None
    telephone: Telephone | None = None
    url: Url | None = Field(default=None, description="A contact form or page")


class Agency(Record):
    """An organisation: the DCAT publisher of datasets and the SDMX maintainer of structures."""

    id: AgencyId
    name: Text
    description: Text | None = None
    type: str | None = Field(default=None, description="An agency type from mappings/agent_types.yaml")
    url: Url | None = None
    email: Email | None = None
    contacts: list[ContactPoint] = Field(default_factory=list)
