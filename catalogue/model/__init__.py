"""The catalogue's model: pydantic records, no I/O. Every exporter reads only this."""

from catalogue.model.agency import Agency, ContactPoint
from catalogue.model.catalogue import Catalogue, CatalogueInfo, Theme
from catalogue.model.codelist import Code, Codelist
from catalogue.model.concept import Concept, ConceptScheme
from catalogue.model.dataset import (
    Checksum,
    Constraints,
    Dataset,
    Distribution,
    MissingValue,
    SpatialCoverage,
    TemporalCoverage,
    Variable,
    Withdrawal,
)
from catalogue.model.licence import Licence, TermsOfUse
from catalogue.model.metadata_report import MetadataReport, ReportedAttribute, ReportTarget
from catalogue.model.metadata_structure import MetadataAttribute, MetadataStructure
from catalogue.model.release import Announcement, DateChange, Release
from catalogue.model.series import Series
from catalogue.model.structure import DataStructure
from catalogue.model.kinds import RECORD_KINDS
from catalogue.model.types import Record


__all__ = [
    "Agency", "Announcement", "Catalogue", "CatalogueInfo", "Checksum", "Code", "Codelist", "Concept", "ConceptScheme",
    "Constraints", "ContactPoint", "DataStructure", "Dataset", "DateChange", "Distribution", "Licence", "MetadataAttribute", "MetadataReport",
    "MetadataStructure", "MissingValue", "RECORD_KINDS", "Release",
    "Record", "ReportTarget", "ReportedAttribute", "Series", "SpatialCoverage", "TemporalCoverage", "TermsOfUse", "Theme", "Variable",
    "Withdrawal",
]
