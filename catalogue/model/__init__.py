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
)
from catalogue.model.licence import Licence, TermsOfUse
from catalogue.model.release import Announcement, DateChange, Release
from catalogue.model.types import Record

RECORD_KINDS: dict[str, type[Record]] = {
    "catalogue": CatalogueInfo,
    "agency": Agency,
    "licence": Licence,
    "terms": TermsOfUse,
    "concept_scheme": ConceptScheme,
    "codelist": Codelist,
    "dataset": Dataset,
    "release": Release,
}
"""Each kind of record file and its model."""

__all__ = [
    "Agency", "Announcement", "Catalogue", "CatalogueInfo", "Checksum", "Code", "Codelist", "Concept", "ConceptScheme",
    "Constraints", "ContactPoint", "Dataset", "DateChange", "Distribution", "Licence", "MissingValue", "RECORD_KINDS", "Release",
    "Record", "SpatialCoverage", "TemporalCoverage", "TermsOfUse", "Theme", "Variable",
]
