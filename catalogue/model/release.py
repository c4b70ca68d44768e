"""Release announcements: what an office says, in advance, it will publish and when."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from catalogue.model.types import AgencyId, Id, IsoDateTime, Record, Text

ReleaseStatus = Literal["scheduled", "confirmed", "postponed", "cancelled", "released"]


class DateChange(Record):
    """An earlier planned release time, and when and why it was moved."""

    planned: IsoDateTime = Field(description="The release time as announced before the change")
    changed: IsoDateTime = Field(description="When the new date was made public")
    reason: Text | None = None


class Announcement(Record):
    """A release announced in advance. Only what is written here is public before the release: never the
    dataset's own title, description, variables or distributions."""

    title: Text = Field(description="The public title of the release")
    description: Text | None = None
    planned: IsoDateTime = Field(description="The planned release time, with its time zone")
    announced: IsoDateTime = Field(description="When the announcement is made public (nothing of it appears before)")
    status: ReleaseStatus = "scheduled"
    reason: Text | None = Field(default=None, description="Why the release was postponed or cancelled")
    series: Text | None = Field(default=None, description="The series the release belongs to, e.g. 'Labour market'")
    history: list[DateChange] = Field(default_factory=list, description="Earlier planned times, oldest first")
    in_series: list[Id] = Field(default_factory=list, description=(
        "The series it is a release of (series ids of its publisher): the calendar links their pages, and their "
        "pages announce it"))


class Release(Announcement):
    """A standalone release record: a publication that is not (yet) a dataset of the catalogue."""

    id: Id
    publisher: AgencyId
