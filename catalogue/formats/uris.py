"""Stable URIs minted from the catalogue's base URI, and the names outputs give records: one place, used by every
format and by the checks that keep those names unique."""

from __future__ import annotations

import re
from urllib.parse import quote

from catalogue.model import CatalogueInfo, DataStructure, Dataset


_PLAIN = re.compile(r"^[A-Za-z0-9@$_.\-]+$")
"""Parts that need no percent-encoding (every SDMX id)."""


def package_name(identifier: str) -> str:
    """A Data Package name: lower case, ``-a-z0-9._/`` only."""
    return re.sub(r"[^-a-z0-9._/]", "-", identifier.lower())


def flow_base(dataset_id: str) -> str:
    """``DS_POP`` → ``POP``: the part shared by the dataset's SDMX DSD (``DSD_POP``) and dataflow (``DF_POP``)."""
    return dataset_id[3:] if dataset_id.startswith("DS_") and len(dataset_id) > 3 else dataset_id


def datasets_of_flow(base: str) -> tuple[str, ...]:
    """The dataset ids whose own dataflow would be ``DF_`` and ``base`` (``LFS`` → ``DS_LFS``, and ``LFS`` itself):
    the one a series of that id would take."""
    return (f"DS_{base}", *([base] if flow_base(base) == base else []))


def data_structure_identity(dataset: Dataset, named: DataStructure | None) -> tuple[str, str, str]:
    """The agency, id and version of a statistical dataset's SDMX data structure: the structure it names, else one
    of its own (``DSD_`` and the dataset's id)."""
    if named is not None:
        return named.agency, named.id, named.version
    return dataset.publisher, f"DSD_{flow_base(dataset.id)}", dataset.version


def data_structure_urn(agency: str, structure_id: str, version: str) -> str:
    """The SDMX 2.1 URN of a data structure definition."""
    return f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={agency}:{structure_id}({version})"


class Uris:
    """``uris.dataset("DS_POP")`` → ``https://data.example.org/dataset/DS_POP``."""

    def __init__(self, info: CatalogueInfo) -> None:
        self.base = info.base_uri if info.base_uri.endswith("/") else info.base_uri + "/"

    def _mint(self, *parts: str) -> str:
        return self.base + "/".join(part if _PLAIN.match(part) else quote(part, safe="@$-_.") for part in parts)

    def catalogue(self) -> str:
        return self._mint("catalog")

    def agency(self, agency_id: str) -> str:
        return self._mint("agency", agency_id)

    def contact(self, contact_id: str) -> str:
        return self._mint("contact", contact_id)

    def terms(self, terms_id: str) -> str:
        return self._mint("terms", terms_id)

    def codelist(self, agency: str, codelist_id: str, version: str) -> str:
        """A codelist's URI, one per version (as its SDMX identity: ``codelist/SDMX/CL_FREQ/2.1``)."""
        return self._mint("codelist", agency, codelist_id, version)

    def concept(self, scheme_agency: str, scheme_id: str, version: str, concept_id: str) -> str:
        """A concept's URI, in its scheme's version (``concept/BSO/CS_BSO/1.0/SEX``): one id in two schemes, or two
        versions of a scheme, are two concepts."""
        return self._mint("concept", scheme_agency, scheme_id, version, concept_id)

    def dataset(self, dataset_id: str) -> str:
        return self._mint("dataset", dataset_id)

    def series(self, series_id: str) -> str:
        return self._mint("series", series_id)

    def distribution(self, dataset_id: str, distribution_id: str) -> str:
        return self._mint("dataset", dataset_id, "distribution", distribution_id)

    def variable(self, dataset_id: str, variable_id: str) -> str:
        return self._mint("dataset", dataset_id, "variable", variable_id)

    def local_file(self, path: str) -> str:
        return self.base + quote(path.replace("\\", "/"), safe="/@$-_.")

    def sdmx_structure(self) -> str:
        return self._mint("sdmx", "structure-2.1.xml")

    def calendar(self, extension: str) -> str:
        """The release calendar of the default language (``releases.html``, ``.ics``, ``.atom``)."""
        return self._mint(f"releases.{extension}")

    def calendar_service(self) -> str:
        return self._mint("releases")

    def ddi_codebook(self, dataset_id: str) -> str:
        """The dataset's DDI-Codebook 2.5 document in the site (``ddi/<id>.xml``)."""
        return self._mint("ddi", f"{dataset_id}.xml")
