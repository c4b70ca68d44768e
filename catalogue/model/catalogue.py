"""The catalogue record (catalogue.yaml) and the aggregate of all records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from catalogue.messages import Message

from catalogue.model.agency import Agency, ContactPoint
from catalogue.model.codelist import Codelist
from catalogue.model.identity import identity
from catalogue.model.concept import ConceptScheme
from catalogue.model.dataset import Dataset, SpatialCoverage
from catalogue.model.licence import Licence, TermsOfUse
from catalogue.model.metadata_report import MetadataReport
from catalogue.model.metadata_structure import MetadataStructure
from catalogue.model.release import Release
from catalogue.model.series import Series
from catalogue.model.structure import DataStructure
if TYPE_CHECKING:
    from catalogue.model.references import Artefacts, Shared
from catalogue.model.types import (AgencyId, IsoDate, BureauCode, Id, LanguageTag, LicenceId, ProgramCode, Record, Text, Url,
                    in_language_order, language_order)


class Theme(Record):
    """A theme of the catalogue's taxonomy, mapped to an EU data theme."""

    id: Id
    name: Text
    description: Text | None = None
    eu_theme: str = Field(description="An EU data-theme code from mappings/themes.yaml, e.g. 'SOCI'")


class CatalogueInfo(Record):
    """What catalogue.yaml says: the catalogue itself."""

    id: Id
    base_uri: Url = Field(description="URIs of datasets, distributions and variables are minted under it")
    default_language: LanguageTag
    languages: list[LanguageTag] = Field(min_length=1, description="Every language the catalogue publishes in")
    title: Text
    description: Text
    publisher: AgencyId
    licence: LicenceId | None = None
    homepage: Url | None = None
    issued: IsoDate | None = None
    modified: IsoDate | None = None
    spatial_coverage: list[SpatialCoverage] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    bureau_code: list[BureauCode] = Field(default_factory=list, description="DCAT-US federal bureau codes (default)")
    program_code: list[ProgramCode] = Field(default_factory=list, description="DCAT-US federal program codes (default)")

    @model_validator(mode="before")
    @classmethod
    def _texts_in_its_language_order(cls, data: Any) -> Any:
        """Its own texts in its languages' order (a record's texts take it from the validation context, which the
        catalogue record gives)."""
        if not isinstance(data, dict) or not isinstance(data.get("languages"), list):
            return data
        key = language_order(data.get("default_language") if isinstance(data.get("default_language"), str) else
                             None, [language for language in data["languages"] if isinstance(language, str)])

        def ordered(value: Any) -> Any:
            if isinstance(value, dict) and all(isinstance(k, str) for k in value) and value and all(
                    isinstance(v, (str, list)) for v in value.values()):
                return in_language_order(value, key)
            if isinstance(value, dict):
                return {k: ordered(v) for k, v in value.items()}
            if isinstance(value, list):
                return [ordered(item) for item in value]
            return value

        return {name: ordered(value) if name not in ("languages", "bureau_code", "program_code") else value
                for name, value in data.items()}

    @model_validator(mode="after")
    def _default_language_is_listed(self) -> "CatalogueInfo":
        if self.default_language not in self.languages:
            raise ValueError(Message("languages must include the default language '%(language)s'",
                                     language=self.default_language))
        return self


MAINTAINED = (Codelist, ConceptScheme, DataStructure, MetadataStructure)
"""The records SDMX identifies by agency, id and version."""


class Catalogue(Record):
    """Every record of a catalogue, keyed by id within each kind."""

    info: CatalogueInfo
    agencies: dict[str, Agency] = Field(default_factory=dict)
    licences: dict[str, Licence] = Field(default_factory=dict)
    terms: dict[str, TermsOfUse] = Field(default_factory=dict)
    concept_schemes: dict[str, ConceptScheme] = Field(default_factory=dict)
    codelists: dict[str, Codelist] = Field(default_factory=dict)
    data_structures: dict[str, DataStructure] = Field(default_factory=dict)
    metadata_structures: dict[str, MetadataStructure] = Field(default_factory=dict)
    series: dict[str, Series] = Field(default_factory=dict)
    datasets: dict[str, Dataset] = Field(default_factory=dict)
    releases: dict[str, Release] = Field(default_factory=dict)
    metadata_reports: dict[str, MetadataReport] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _keyed_by_identity(cls, data: Any) -> Any:
        """Codelists, concept schemes and data structures are keyed by their identity (``AGENCY:ID(VERSION)``),
        however given."""
        if not isinstance(data, dict):
            return data
        keyed = dict(data)
        for name in ("codelists", "concept_schemes", "data_structures", "metadata_structures"):
            records = data.get(name)
            if isinstance(records, dict) and all(isinstance(r, MAINTAINED)
                                                 for r in records.values()):
                keyed[name] = {identity(r.agency, r.id, r.version): r for r in records.values()}
            elif isinstance(records, dict) and all(isinstance(r, dict) and isinstance(r.get("agency"), str) and
                                                   isinstance(r.get("id"), str) for r in records.values()):
                keyed[name] = {identity(r["agency"], r["id"], str(r.get("version", "1.0"))): r
                               for r in records.values()}
        return keyed

    def contact_points(self) -> dict[str, ContactPoint]:
        """Every agency's contact points, by id."""
        return {c.id: c for agency in self.agencies.values() for c in agency.contacts}

    def shared(self) -> "Shared":
        """The codelists and concepts that variables reference, with the resolution of those references."""
        from catalogue.model.references import Shared  # it reads the errors, which read the model's types
        return Shared.of(self.codelists, self.concept_schemes, self.info.publisher)

    def structures(self) -> "Artefacts[DataStructure]":
        """The data structures, with the resolution of the references datasets make to them."""
        from catalogue.model.references import Artefacts
        return Artefacts(self.data_structures, self.info.publisher, Message("data structure"))

    def report_structures(self) -> "Artefacts[MetadataStructure]":
        """The metadata structures, with the resolution of the references reports make to them."""
        from catalogue.model.references import Artefacts
        return Artefacts(self.metadata_structures, self.info.publisher, Message("metadata structure"))
