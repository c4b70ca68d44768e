"""Reference metadata reports: what an office reports on a series, a dataset, the catalogue or itself, following a
metadata structure (a SIMS quality report, an SDG indicator's metadata)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from catalogue.messages import Message
from catalogue.model.dataset import Status
from catalogue.model.types import AgencyId, Boolean, Id, Record, SdmxNcName, StructureReference, Text

TargetKind = Literal["series", "dataset", "catalogue", "agency"]
"""What a report is about."""
ReportedValueText = Annotated[str, Field(min_length=1, max_length=10_000)]
LONGEST_TEXT = 100_000
"""The most characters a value's text has in one language."""
MOST_VALUES = 10_000
"""The most values a report gives, at every level together."""


def _not_too_long(text: dict[str, str]) -> dict[str, str]:
    for body in text.values():
        if len(body) > LONGEST_TEXT:
            raise ValueError(Message("a text of a report holds at most %(most)s characters, not %(count)s",
                                     most=LONGEST_TEXT, count=len(body)))
    return text


ReportText = Annotated[Text, AfterValidator(_not_too_long)]


class ReportTarget(Record):
    """The record a report is about: a series, a dataset or an agency by its id; the catalogue needs none."""

    kind: TargetKind
    id: Id | None = Field(default=None, description="The series', dataset's or agency's id (none for the catalogue)")

    @model_validator(mode="after")
    def _id_when_needed(self) -> ReportTarget:
        if (self.kind == "catalogue") != (self.id is None):
            raise ValueError(Message("a report on the catalogue names no id") if self.kind == "catalogue" else
                             Message("a report on a series, a dataset or an agency names its id"))
        return self


class ReportedAttribute(Record):
    """The value a report gives for one attribute of its structure, with the values of the attributes under it."""

    attribute: SdmxNcName = Field(description="The attribute's id among those of its parent in the structure")
    text: ReportText | None = Field(default=None,
                                    description="For a text or XHTML attribute: its text in each language")
    value: ReportedValueText | None = Field(
        default=None, description="For a coded, numeric, date or URL attribute: the code, number, date or period, "
                                  "or URL")
    confidential: Boolean = Field(default=False, description=(
        "Not for publication: the value, and those under it, never reach a public output"))
    values: list[ReportedAttribute] = Field(default_factory=list, max_length=MOST_VALUES,
                                            description="The values of the attributes under it")


class MetadataReport(Record):
    """A report following one metadata structure, on one target, for a reporting period."""

    id: Id
    publisher: AgencyId
    structure: StructureReference = Field(description="The metadata structure it follows, e.g. 'ESTAT:SIMS(2.0)'")
    target: ReportTarget
    title: Text | None = None
    period: str | None = Field(default=None, max_length=64, description=(
        "The reporting period, as SDMX writes one (2024, 2024-Q1, 2024-03, 2024-01-01/2024-06-30)"))
    status: Status = Field(description="Only a published report on a public target ever reaches a public output")
    values: list[ReportedAttribute] = Field(default_factory=list, max_length=MOST_VALUES,
                                            description="The values of its top attributes")

    @model_validator(mode="after")
    def _not_too_many_values(self) -> MetadataReport:
        count, pending = 0, list(self.values)
        while pending:
            value = pending.pop()
            count += 1
            if count > MOST_VALUES:
                raise ValueError(Message("a report gives at most %(most)s values, at every level together",
                                         most=MOST_VALUES))
            pending.extend(value.values)
        return self
