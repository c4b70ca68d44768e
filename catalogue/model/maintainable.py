"""What SDMX calls a maintainable artefact: identified, versioned, maintained by an agency."""

from __future__ import annotations

from catalogue.model.types import AgencyId, ArtefactVersion, Id, Record, Text


class Maintainable(Record):
    """Base of codelists and concept schemes."""

    id: Id
    agency: AgencyId
    version: ArtefactVersion = "1.0"
    name: Text
    description: Text | None = None
