"""The controlled vocabularies and crosswalks of ``mappings/``: data, loaded and checked here."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from catalogue.errors import MappingError, YamlProblem
from catalogue.model.types import Text, Url
from catalogue.support.resources import data_dir
from catalogue.records.yamlsource import parse_yaml


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgentTypeEntry(_Entry):
    label: Text
    adms_uri: Url
    schema_org: str


class LicenceEntry(_Entry):
    title: Text
    url: Url
    open_definition_id: str | None = None
    eu_uri: Url | None = None
    types: list[str] = []
    ckan_title: str | None = None


class UriEntry(_Entry):
    label: Text
    uri: Url


class AccessLevelEntry(_Entry):
    label: Text
    eu_uri: Url
    dcat_us: str


class LabelEntry(_Entry):
    label: Text


class FrequencyEntry(_Entry):
    label: Text
    eu_uri: Url
    sdmx: str | None
    iso8601: str


class StandardEntry(_Entry):
    uri: Url
    title: Text


class FileFormatEntry(_Entry):
    label: Text
    eu_uri: Url
    media_type: str
    tabular: bool
    delimiter: str | None = None
    conforms_to: StandardEntry | None = None


class TableSchemaType(_Entry):
    type: str
    format: str | None = None


class DataTypeEntry(_Entry):
    xsd: str
    sdmx: str
    table_schema: TableSchemaType
    time: bool


class RoleEntry(_Entry):
    label: Text
    datapackage: str
    iso19115: str


class SourceTypeEntry(_Entry):
    label: Text
    fitness_required: bool
    """Whether a dataset of this source must say why its data fit their use."""
    ddi: str | None
    """The DDI KindOfData term a codebook's ``dataKind`` gives."""


class MqaMetricEntry(_Entry):
    dimension: str
    level: str
    offline: bool
    missing: str


_CONTEXT = {"default_language": "en"}


def _load(name: str, entry: type[_Entry]) -> dict[str, Any]:
    resource = data_dir("mappings").joinpath(f"{name}.yaml")
    try:
        data, _ = parse_yaml(resource.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise MappingError(f"mappings/{name}.yaml: expected a mapping of codes to entries")
        return {str(code): entry.model_validate(value, context=_CONTEXT) for code, value in data.items()}
    except (OSError, YamlProblem, ValidationError) as error:
        raise MappingError(f"mappings/{name}.yaml: {error}") from error


def _load_plain(name: str, values: type = dict) -> dict[str, Any]:
    """A mapping file of names to mappings (texts per language, or words per language), or (``values=str``) to
    names."""
    resource = data_dir("mappings").joinpath(f"{name}.yaml")
    try:
        data, _ = parse_yaml(resource.read_text(encoding="utf-8"))
    except (OSError, YamlProblem) as error:
        raise MappingError(f"mappings/{name}.yaml: {error}") from error
    if not isinstance(data, dict) or not all(isinstance(v, values) for v in data.values()):
        raise MappingError(f"mappings/{name}.yaml: expected names mapped to "
                           f"{'mappings' if values is dict else 'names'}")
    return data


class Vocabulary:
    """Every mapping, loaded once: ``vocab.frequencies["annual"].eu_uri`` and so on."""

    def __init__(self) -> None:
        self.licences: dict[str, LicenceEntry] = _load("licences", LicenceEntry)
        self.access_levels: dict[str, AccessLevelEntry] = _load("access_levels", AccessLevelEntry)
        self.access_types: dict[str, LabelEntry] = _load("access_types", LabelEntry)
        self.frequencies: dict[str, FrequencyEntry] = _load("frequencies", FrequencyEntry)
        self.file_formats: dict[str, FileFormatEntry] = _load("file_formats", FileFormatEntry)
        self.data_types: dict[str, DataTypeEntry] = _load("data_types", DataTypeEntry)
        self.themes: dict[str, LabelEntry] = _load("themes", LabelEntry)
        self.roles: dict[str, RoleEntry] = _load("roles", RoleEntry)
        self.agent_types: dict[str, AgentTypeEntry] = _load("agent_types", AgentTypeEntry)
        self.licence_types: dict[str, UriEntry] = _load("licence_types", UriEntry)
        self.availability: dict[str, UriEntry] = _load("availability", UriEntry)
        self.mqa: dict[str, MqaMetricEntry] = _load("mqa", MqaMetricEntry)
        self.source_types: dict[str, SourceTypeEntry] = _load("source_types", SourceTypeEntry)
        self.report_ddi: dict[str, str] = {str(k): str(v) for k, v in _load_plain(
            "reference_metadata/ddi_codebook", values=str).items()}
        self.sdmx_names: dict[str, dict[str, str]] = _load_plain("sdmx_names")
        self.sdmx_agencies: dict[str, dict[str, Any]] = _load_plain("sdmx_agencies")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package."""
    return Vocabulary()
