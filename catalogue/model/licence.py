"""Licences and terms of use."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from catalogue.model.types import Boolean, Id, LicenceId, Record, Text, Url

AccessLevel = Literal["public", "restricted", "non_public"]
AccessType = Literal["open", "direct", "public_use", "licensed", "enclave", "remote", "not_available"]
BY_APPLICATION: tuple[AccessType, ...] = ("licensed", "enclave")
"""The access types a researcher applies for: files delivered under licence, or work in a research data centre."""
AnswerKind = Literal["line", "paragraph", "people", "accept"]
MOST_QUESTIONS = 30
"""Questions one terms record asks, at most (what an application's form may send is bounded by them)."""


class Licence(Record):
    """A licence, keyed by its SPDX id; each standard takes the identifier it needs.

    Fields left out are filled from ``mappings/licences.yaml`` when the id is known there;
    a custom licence (``LicenseRef-...``) gives its title and URL itself.
    """

    id: LicenceId = Field(description="SPDX licence id, e.g. 'CC-BY-4.0'; 'LicenseRef-<name>' for a custom licence")
    title: Text
    url: Url = Field(description="The canonical URL of the licence text")
    open_definition_id: str | None = Field(default=None, description="Open Definition id (used by Data Package)")
    eu_uri: Url | None = Field(default=None, description="URI in the EU licence authority table (used by DCAT-AP)")
    types: list[str] = Field(default_factory=list,
                             description="ADMS licence types from mappings/licence_types.yaml, e.g. 'attribution'")
    description: Text | None = None


class Question(Record):
    """One question of the form a researcher fills in to apply for access."""

    id: Id
    label: Text = Field(description="The question, in each language of the catalogue")
    help: Text | None = Field(default=None, description="What a good answer says")
    kind: AnswerKind = Field(default="paragraph", description="line | paragraph | people (one per line: name, "
                                                              "organisation) | accept (a box to tick)")
    required: Boolean = True


class TermsOfUse(Record):
    """Who may access a dataset, how, and on which conditions."""

    id: Id
    name: Text
    access_level: AccessLevel = Field(
        description="public | restricted | non_public (EU access right; DCAT-US accessLevel)")
    access_type: AccessType = Field(description="How users get the data, as in NADA")
    conditions: Text | None = Field(default=None, description="Access conditions: who may apply and how")
    citation_requirement: Text | None = None
    confidentiality_statement: Text | None = None
    disclaimer: Text | None = None
    application_url: Url | None = Field(default=None, description="Where users apply for access")
    questions: list[Question] = Field(
        default_factory=list, max_length=MOST_QUESTIONS, description="What a researcher answers to apply on the live server, for access by "
                                          "application (licensed) or in a research data centre (enclave); "
                                          "none given: the standard questions (project, purpose, team, outputs, "
                                          "data security, acceptance of the conditions)")
