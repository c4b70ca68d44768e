"""Each kind of record in one table: its model, the folder of its record files, the field of ``Catalogue`` that
holds it, the field naming the agency that owns it, and its names in the interface."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from catalogue.messages import Message
from catalogue.model.agency import Agency
from catalogue.model.catalogue import Catalogue, CatalogueInfo
from catalogue.model.codelist import Codelist
from catalogue.model.concept import ConceptScheme
from catalogue.model.dataset import Dataset
from catalogue.model.identity import identity, parse_identity
from catalogue.model.licence import Licence, TermsOfUse
from catalogue.model.metadata_report import MetadataReport
from catalogue.model.metadata_structure import MetadataStructure
from catalogue.model.release import Release
from catalogue.model.series import Series
from catalogue.model.structure import DataStructure
from catalogue.model.types import Record


@dataclass(frozen=True)
class Kind:
    """A kind of record."""

    model: type[Record]
    folder: str
    """The folder of its record files (none for the catalogue record: ``catalogue.yaml``)."""
    field: str
    """The field of ``Catalogue`` that holds its records (none for the catalogue record: ``info``)."""
    owner: str | None
    """The field naming the agency that owns a record of this kind (none: the catalogue's administrators own it)."""
    noun: Message
    """Its name in a sentence ("no concept scheme 'X'")."""
    title: Message
    """Its name as a heading or a label."""


CATALOGUE_KIND = "catalogue"
KINDS: dict[str, Kind] = {
    CATALOGUE_KIND: Kind(CatalogueInfo, "", "", None, Message("catalogue"), Message("Catalogue")),
    "agency": Kind(Agency, "agencies", "agencies", "id", Message("agency"), Message("Agency")),
    "licence": Kind(Licence, "licences", "licences", None, Message("licence"), Message("Licence")),
    "terms": Kind(TermsOfUse, "terms", "terms", None, Message("terms of use"), Message("Terms of use")),
    "concept_scheme": Kind(ConceptScheme, "concepts", "concept_schemes", "agency", Message("concept scheme"),
                           Message("Concept scheme")),
    "codelist": Kind(Codelist, "codelists", "codelists", "agency", Message("codelist"), Message("Codelist")),
    "data_structure": Kind(DataStructure, "structures", "data_structures", "agency", Message("data structure"),
                           Message("Data structure")),
    "metadata_structure": Kind(MetadataStructure, "metadata_structures", "metadata_structures", "agency",
                               Message("metadata structure"), Message("Metadata structure")),
    "series": Kind(Series, "series", "series", "publisher", Message("series"), Message("Series")),
    "dataset": Kind(Dataset, "datasets", "datasets", "publisher", Message("dataset"), Message("Dataset")),
    "release": Kind(Release, "releases", "releases", "publisher", Message("release"), Message("Release")),
    "metadata_report": Kind(MetadataReport, "metadata_reports", "metadata_reports", "publisher",
                            Message("metadata report"), Message("Metadata report")),
}
"""Every kind, the catalogue record first, then in the order their files are read."""

RECORD_KINDS: dict[str, type[Record]] = {name: kind.model for name, kind in KINDS.items()}
"""Each kind of record file and its model."""
KIND_FOLDERS: dict[str, str] = {name: kind.folder for name, kind in KINDS.items() if kind.folder}
"""The folder of each kind of record; ``catalogue.yaml`` holds the catalogue record."""
CATALOGUE_FIELDS: dict[str, str] = {name: kind.field for name, kind in KINDS.items() if kind.field}
"""The field of ``Catalogue`` that holds each kind."""
OWNER_FIELDS: dict[str, str] = {name: kind.owner for name, kind in KINDS.items() if kind.owner}
"""The field that names the agency owning each kind of record."""
KIND_NAMES: dict[str, Message] = {name: kind.noun for name, kind in KINDS.items()}
"""Each kind of record, as a noun in a message."""


MAX_KEY = 255
"""The longest key a record may have (what the store's columns hold)."""
MAINTAINABLE_KINDS = frozenset({"codelist", "concept_scheme", "data_structure", "metadata_structure"})
"""The kinds SDMX identifies by agency, id and version: their records are keyed ``AGENCY:ID(VERSION)``."""


def record_key(kind: str, record: BaseModel | Mapping[str, Any]) -> str:
    """The key of a record (or of a record's data, which must hold what identifies it) among its kind's."""
    def field(name: str) -> str:
        return str(record.get(name) if isinstance(record, Mapping) else getattr(record, name))
    if kind in MAINTAINABLE_KINDS:
        version = record.get("version", "1.0") if isinstance(record, Mapping) else getattr(record, "version")
        return identity(field("agency"), field("id"), str(version))
    return field("id")


def identity_fields(kind: str, key: str) -> dict[str, str]:
    """The fields of a record that its key gives: its id, and the agency and version of a maintainable one."""
    parts = parse_identity(key) if kind in MAINTAINABLE_KINDS else None
    return {"agency": parts[0], "id": parts[1], "version": parts[2]} if parts else {"id": key}


def records_of(catalogue: Catalogue) -> Iterator[tuple[str, str, BaseModel]]:
    """(kind, key, record) of every record, the catalogue record first."""
    yield CATALOGUE_KIND, catalogue.info.id, catalogue.info
    for kind, field in CATALOGUE_FIELDS.items():
        for record_id, record in getattr(catalogue, field).items():
            yield kind, record_id, record
