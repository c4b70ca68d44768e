"""The catalogue's model: pydantic records, no I/O. Every exporter reads only this."""

from .agency import Agency, ContactPoint
from .catalogue import Catalogue, CatalogueInfo, Theme
from .codelist import Code, Codelist
from .concept import Concept, ConceptScheme
from .dataset import (
    Checksum,
    Constraints,
    Dataset,
    Distribution,
    MissingValue,
    SpatialCoverage,
    TemporalCoverage,
    Variable,
)
from .licence import Licence, TermsOfUse
from .release import Announcement, DateChange, Release
from .types import Record

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
