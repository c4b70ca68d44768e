"""Datasets, their variables and their distributions."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from catalogue.messages import Message

from catalogue.model.release import Announcement
from catalogue.model.types import (AgencyId, Boolean, BureauCode, CodelistReference, ConceptReference, Id, IsoDate, IsoDateTime, Keywords, LicenceId, MediaType,
                    NonNegativeWholeNumber, Number, ProgramCode, Record, SdmxNcName, StructureReference, Text,
                    Url, Version)

Role = Literal["dimension", "time_dimension", "measure", "attribute", "identifier", "other"]
Status = Literal["draft", "published"]
Attachment = Literal["dataset", "series", "observation"]
ChecksumAlgorithm = Literal["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]


class MissingValue(Record):
    """A code that marks a missing value, with its meaning (e.g. '-9': 'not stated')."""

    code: str
    label: Text


class Constraints(Record):
    """Rules every value of a variable must follow."""

    required: Boolean = False
    unique: Boolean = False
    minimum: Number | None = None
    maximum: Number | None = None
    min_length: NonNegativeWholeNumber | None = None
    max_length: NonNegativeWholeNumber | None = None
    pattern: str | None = Field(default=None, description="A regular expression the whole value must match")


class Variable(Record):
    """A column of the data: a dimension, a measure, an attribute, an identifier."""

    id: Id
    label: Text
    description: Text | None = None
    role: Role
    data_type: str = Field(description="A data type from mappings/data_types.yaml, e.g. 'string', 'integer'")
    unit: Text | None = Field(default=None, description="Unit of measure, e.g. 'persons'")
    concept: ConceptReference | None = None
    codelist: CodelistReference | None = None
    missing_values: list[MissingValue] = Field(default_factory=list)
    constraints: Constraints | None = None
    attachment: Attachment | None = Field(
        default=None, description="For attributes: the level they attach to (default observation)")
    question: Text | None = Field(default=None, description="The question asked, for a survey variable (DDI qstnLit)")
    confidential: Boolean = Field(default=False, description="Never published in any output")


class Checksum(Record):
    """A checksum of a file, as in SPDX."""

    algorithm: ChecksumAlgorithm
    value: str = Field(pattern=r"^[0-9a-f]+$", description="Lower-case hexadecimal digest")


def _known_encoding(name: str) -> str:
    """A character encoding Python knows; not one of its codecs that are not text (``rot13``, ``base64``, ``zlib``:
    reading a file with one fails)."""
    try:
        found = codecs.lookup(name)
    except LookupError:
        found = None
    if found is None or not getattr(found, "_is_text_encoding", True):
        raise ValueError(Message("'%(name)s' is not a known character encoding (e.g. utf-8, latin-1, windows-1252)",
                                 name=name))
    return name


class Dialect(Record):
    """How a local tabular file is written (the Table Dialect of Data Package v2)."""

    model_config = ConfigDict(str_strip_whitespace=False)  # a tab is a delimiter

    delimiter: str | None = Field(default=None, min_length=1, max_length=1,
                                  description="Field separator; default from the format (',' for CSV, tab for TSV)")
    quote_char: str = Field(default='"', min_length=1, max_length=1, description="Quotes a field holding the delimiter")
    header: Boolean = Field(default=True, description="The first row names the columns (the variable ids); "
                                                      "without it the columns are the variables in their order")
    encoding: Annotated[str, AfterValidator(_known_encoding)] = Field(
        default="utf-8", description="Character encoding, e.g. utf-8, latin-1, windows-1252")


class Distribution(Record):
    """One way to get the data: a download, an access page, or a local file published with the catalogue."""

    id: Id
    title: Text | None = None
    description: Text | None = None
    access_url: Url | None = None
    download_url: Url | None = None
    path: str | None = Field(default=None, description="A data file, relative to the catalogue folder")
    format: str = Field(description="A file format from mappings/file_formats.yaml, e.g. 'CSV'")
    media_type: MediaType | None = Field(default=None, description="IANA media type; defaults to the format's")
    byte_size: NonNegativeWholeNumber | None = None
    checksum: Checksum | None = None
    dialect: Dialect | None = Field(default=None, description="For a local tabular file: how it is written")
    licence: LicenceId | None = Field(default=None, description="Overrides the dataset's licence")
    availability: str | None = Field(
        default=None, description="Planned availability from mappings/availability.yaml, e.g. 'stable'")


class TemporalCoverage(Record):
    """The period the data describe."""

    start: IsoDate | None = None
    end: IsoDate | None = None


class SpatialCoverage(Record):
    """A place the data describe: a URI from a gazetteer, a name, or both."""

    uri: Url | None = Field(default=None, description="e.g. an EU country, place or continent URI, or GeoNames")
    name: Text | None = None
    bbox: str | None = Field(default=None, description="Bounding box as WKT, e.g. 'POLYGON((...))'")
    centroid: str | None = Field(default=None, description="Centroid as WKT, e.g. 'POINT(6.1 49.6)'")


class Study(Record):
    """How a survey or a census was carried out: what microdata libraries (DDI-Codebook, NADA) describe."""

    kind_of_data: Text | None = Field(default=None, description="e.g. 'Sample survey data', 'Census data'")
    analysis_unit: Text | None = Field(default=None, description="e.g. 'Persons and households'")
    universe: Text | None = Field(default=None, description="Who or what the data cover")
    data_collection: Text | None = Field(default=None, description="How the data were collected, e.g. "
                                                                     "'Computer-assisted personal interviews'")
    sampling: Text | None = Field(default=None, description="The sampling procedure")
    response_rate: Text | None = None
    weight: Id | None = Field(default=None, description="The id of the variable that weights every other one")


class Withdrawal(Record):
    """A released dataset taken back: it stays public and says so, out of its series' order, pointing at the
    versions that replace it."""

    date: IsoDate = Field(description="When it was withdrawn")
    reason: Text = Field(description="Why it was withdrawn, as its page and feeds say it")


STRUCTURES = "structures"
"""The validation context's key for the data structures a dataset may name (``references.Artefacts``)."""


class Dataset(Record):
    """A dataset: what it is, who publishes it, when, under which terms, and what it holds."""

    id: Id
    identifier: str | None = Field(default=None, description="An external identifier, e.g. a DOI")
    status: Status = Field(description="Only published datasets ever reach a public output")
    title: Text
    description: Text
    keywords: Keywords | None = None
    themes: list[Id] = Field(default_factory=list, description="Theme ids of the catalogue's theme taxonomy")
    publisher: AgencyId
    contact_point: Id | None = Field(default=None, description="A contact id of one of the agencies")
    licence: LicenceId | None = None
    terms: Id = Field(description="Terms of use id")
    issued: IsoDate | None = None
    modified: IsoDate | None = None
    release_time: IsoDateTime | None = Field(
        default=None, description="Embargo: nothing is published before this moment (with a time zone)")
    version: Version = "1.0"
    version_notes: Text | None = Field(default=None, description="What this version changes, e.g. a correction")
    previous_version: Id | None = Field(default=None, description="The id of the dataset this version replaces")
    series: list[Id] = Field(default_factory=list, description="Ids of the series it is a release of")
    withdrawn: Withdrawal | None = Field(
        default=None, description="A release taken back: it stays public, says why, and points at its replacement")
    frequency: str | None = Field(default=None, description="A frequency from mappings/frequencies.yaml")
    temporal_coverage: TemporalCoverage | None = None
    spatial_coverage: list[SpatialCoverage] = Field(default_factory=list)
    landing_page: Url | None = None
    quality_statement: Text | None = None
    provenance: Text | None = None
    source_type: str | None = Field(default=None, description=(
        "Where its data come from, from mappings/source_types.yaml, e.g. 'sample_survey'"))
    fitness_for_purpose: Text | None = Field(default=None, description=(
        "Why data of this source fit their use: required unless the source is a census, a sample survey or "
        "administrative data"))
    study: Study | None = Field(default=None, description="For microdata: how the survey or census was made")
    announcement: Announcement | None = Field(
        default=None, description="The release announced in advance: public before the release, alone")
    bureau_code: list[BureauCode] = Field(default_factory=list, description="DCAT-US federal bureau codes")
    program_code: list[ProgramCode] = Field(default_factory=list, description="DCAT-US federal program codes")
    num_series: NonNegativeWholeNumber | None = Field(default=None, description="Number of time series, when known")
    related: list[Id] = Field(default_factory=list, description="Ids of related datasets")
    distributions: list[Distribution] = Field(default_factory=list)
    variables: list[Variable] = Field(default_factory=list)
    dataflow: SdmxNcName | None = Field(
        default=None, description="The id of its SDMX dataflow when it is its id without DS_ (an imported dataflow's, "
                                  "e.g. EXR for DS_EXR); without it, DF_ and its id without DS_")
    structure: StructureReference | None = Field(
        default=None, description="A data structure whose variables the dataset has (then it lists none itself)")

    @model_validator(mode="before")
    @classmethod
    def _variables_of_its_structure(cls, data: Any, info: ValidationInfo) -> Any:
        """A dataset naming a structure has its variables: taken from the structures the context gives (a record
        being read or edited), and names the version it took them from (a new version of the structure does not
        change a dataset stored before it); a stored dataset holds what it took when it was stored (the context
        gives no structures)."""
        structures = (info.context or {}).get(STRUCTURES)
        if not isinstance(data, dict) or not isinstance(data.get("structure"), str) or structures is None \
                or data.get("variables"):
            return data
        from catalogue.errors import UnresolvedReference  # the errors read the model's types
        try:
            key = structures.resolve(data["structure"])
        except UnresolvedReference:
            return data  # said at the field
        return {**data, "structure": key, "variables": list(structures.artefacts[key].variables)}

    @field_validator("structure")
    @classmethod
    def _structure_known(cls, reference: str | None, info: ValidationInfo) -> str | None:
        structures = (info.context or {}).get(STRUCTURES)
        if reference is None or structures is None:
            return reference
        from catalogue.errors import UnresolvedReference  # the errors read the model's types
        try:
            structure = structures.artefacts[structures.resolve(reference)]
        except UnresolvedReference as unresolved:
            raise ValueError(unresolved.message) from None
        if info.data.get("variables") != structure.variables:
            raise ValueError(Message("a dataset naming a structure takes its variables from it: remove 'variables' "
                                     "(or 'structure')"))
        return reference

    @property
    def is_statistical(self) -> bool:
        """A table with at least one dimension (besides time) and a measure: an SDMX structure can be
        derived from it (SDMX 3.0 requires a dimension other than the time dimension)."""
        roles = {v.role for v in self.variables}
        return "measure" in roles and "dimension" in roles


def circle_of_versions(dataset_id: str, previous_of: Callable[[str], str | None]) -> list[str] | None:
    """The versions before a dataset (its previous, that one's previous…) when following them comes back to it (``[]``:
    it names itself); ``None`` when they end."""
    chain: list[str] = []
    current = previous_of(dataset_id)
    while current is not None and current != dataset_id and current not in chain:
        chain.append(current)
        current = previous_of(current)
    return chain if current == dataset_id else None

