"""Everything that differs between SDMX-ML 2.1 and 3.0, in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.formats.sdmx.structures import Ref
from catalogue.model.versions import Version, stable

URN_CLASSES: dict[str, tuple[str, str]] = {
    "agencyscheme": ("base", "AgencyScheme"),
    "codelist": ("codelist", "Codelist"),
    "conceptscheme": ("conceptscheme", "ConceptScheme"),
    "datastructure": ("datastructure", "DataStructure"),
    "dataflow": ("datastructure", "Dataflow"),
    "categoryscheme": ("categoryscheme", "CategoryScheme"),
    "categorisation": ("categoryscheme", "Categorisation"),
    "metadatastructure": ("metadatastructure", "MetadataStructure"),
    "metadataflow": ("metadatastructure", "Metadataflow"),
    "metadataset": ("metadatastructure", "MetadataSet"),
}
"""Artefact type → (SDMX package, class), as in URNs and 2.1 ``Ref`` elements."""
ITEM_CLASSES = {"codelist": "Code", "conceptscheme": "Concept", "categoryscheme": "Category", "agencyscheme": "Agency"}


@dataclass(frozen=True)
class Dialect:
    """One version of SDMX-ML: its namespaces, containers and the way it writes references."""

    name: str
    namespace_version: str
    containers: tuple[tuple[str, str], ...]
    """(artefact type, container element) in the order the schema requires."""
    agency_scheme_container: str
    writes_is_final: bool
    references_as_urn: bool
    measure_element: str
    semantic_versions: bool
    single_measure: bool
    """2.1 has one primary measure, whose id is fixed to OBS_VALUE."""
    writes_agency_scheme_version: bool
    """The agency scheme's version is fixed to 1.0: 2.1 writes it, 3.0 forbids the attribute."""
    parent_pattern: re.Pattern[str] | None
    """Which code ids a code's ``Parent`` can name, when not every id (3.0.0 restricts it to NCNames,
    so ``_T`` cannot be a parent there: such a parent travels as a ``PARENT`` annotation instead)."""
    time_dimension_has_position: bool = True
    time_dimension_id: str = "TIME_PERIOD"
    primary_measure_id: str = "OBS_VALUE"

    def can_name_parent(self, code_id: str) -> bool:
        return self.parent_pattern is None or self.parent_pattern.fullmatch(code_id) is not None

    def parent_markup(self, escaped_id: str) -> str:
        """A code's ``Parent``: the code id in 3.0, a ``Ref`` to it in 2.1."""
        if self.references_as_urn:
            return f"<str:Parent>{escaped_id}</str:Parent>"
        return f'<str:Parent><Ref id="{escaped_id}"/></str:Parent>'

    @property
    def message(self) -> str:
        return f"http://www.sdmx.org/resources/sdmxml/schemas/{self.namespace_version}/message"

    @property
    def structure(self) -> str:
        return f"http://www.sdmx.org/resources/sdmxml/schemas/{self.namespace_version}/structure"

    @property
    def common(self) -> str:
        return f"http://www.sdmx.org/resources/sdmxml/schemas/{self.namespace_version}/common"

    def version(self, version: str, artefact_type: str = "") -> str:
        """A record version as this dialect writes it: 3.0 a semantic version (``1.0`` is ``1.0.0``), 2.1 numbers
        only (a version still changing, ``1.3.0-draft``, is ``1.3.0`` there, and not final)."""
        if artefact_type == "agencyscheme":
            return version
        if not self.semantic_versions:
            return version.partition("-")[0]
        return Version.parse(version).semantic()

    def urn(self, ref: Ref, item: str | None = None) -> str:
        package, cls = URN_CLASSES[ref.type]
        if item is not None:
            cls = ITEM_CLASSES[ref.type]
        urn = (f"urn:sdmx:org.sdmx.infomodel.{package}.{cls}="
               f"{ref.agency}:{ref.id}({self.version(ref.version, ref.type)})")
        return f"{urn}.{item}" if item is not None else urn

    def agency_urn(self, scheme: Ref, agency_id: str) -> str:
        """An agency's URN as an item of ``scheme``: SDMX 2.1 names it by its full id (``Agency=IMF.RES``), 3.0 as
        an item of its scheme (``Agency=IMF:AGENCIES(1.0).RES``)."""
        if self.references_as_urn:
            return self.urn(scheme, agency_id.rpartition(".")[2])
        return "urn:sdmx:org.sdmx.infomodel.base.Agency=" + agency_id

    def maintainable_attributes(self, ref: Ref) -> dict[str, str]:
        attributes = {"id": ref.id, "urn": self.urn(ref), "version": self.version(ref.version), "agencyID": ref.agency}
        if self.writes_is_final:
            attributes["isFinal"] = "true" if stable(ref.version) else "false"
        return attributes

    def usage(self, required: bool) -> tuple[str, str]:
        """The attribute that says whether a DSD attribute must be reported."""
        if self.references_as_urn:
            return "usage", "mandatory" if required else "optional"
        return "assignmentStatus", "Mandatory" if required else "Conditional"


SDMX_21 = Dialect(
    name="2.1",
    namespace_version="v2_1",
    containers=(("agencyscheme", "OrganisationSchemes"), ("dataflow", "Dataflows"), ("metadataflow", "Metadataflows"),
                ("categoryscheme", "CategorySchemes"), ("categorisation", "Categorisations"),
                ("codelist", "Codelists"), ("conceptscheme", "Concepts"), ("metadatastructure", "MetadataStructures"),
                ("datastructure", "DataStructures")),
    agency_scheme_container="OrganisationSchemes",
    writes_is_final=True,
    references_as_urn=False,
    measure_element="PrimaryMeasure",
    semantic_versions=False,
    single_measure=True,
    writes_agency_scheme_version=True,
    parent_pattern=None,
)
SDMX_30 = Dialect(
    name="3.0",
    namespace_version="v3_0",
    containers=(("agencyscheme", "AgencySchemes"), ("categorisation", "Categorisations"),
                ("categoryscheme", "CategorySchemes"), ("codelist", "Codelists"),
                ("conceptscheme", "ConceptSchemes"), ("dataflow", "Dataflows"), ("datastructure", "DataStructures"),
                ("metadataflow", "Metadataflows"), ("metadatastructure", "MetadataStructures")),
    agency_scheme_container="AgencySchemes",
    writes_is_final=False,
    references_as_urn=True,
    measure_element="Measure",
    semantic_versions=True,
    single_measure=False,
    writes_agency_scheme_version=False,
    time_dimension_has_position=False,
    parent_pattern=re.compile(r"[A-Za-z][A-Za-z0-9_\-]*"),
)
DIALECTS = {"2.1": SDMX_21, "3.0": SDMX_30}
