"""What a build reads of a public dataset besides its own outputs, kept in the build's manifest."""

from __future__ import annotations

from typing import Any, NamedTuple

from catalogue.formats.sdmx.structures import SdmxOutline


class Outline(NamedTuple):
    """What a build reads of a public dataset besides its own outputs: kept in the build's manifest under the
    dataset's key, so that a rebuild does not make an unchanged dataset to know it."""

    related: tuple[str, ...]
    has_codebook: bool
    has_package: bool
    has_datacite: bool
    """Its identifier is a DOI: the build writes its DataCite XML."""
    sdmx: SdmxOutline
    """Of a statistical dataset (an SDMX data structure and dataflow): its publisher, version, themes, the data
    structure it names, its dataflow's id and its series."""

    def as_json(self) -> list[Any]:
        return [list(self.related), self.has_codebook, self.has_package, self.has_datacite,
                None if self.sdmx is None else [self.sdmx[0], self.sdmx[1], list(self.sdmx[2]), *self.sdmx[3:5],
                                                list(self.sdmx[5])]]

    @classmethod
    def from_json(cls, row: Any) -> Outline | None:
        """The kept form read back (None when absent or not one)."""
        try:
            related, has_codebook, has_package, has_datacite, sdmx = row
            return cls(tuple(map(str, related)), bool(has_codebook), bool(has_package), bool(has_datacite),
                       None if sdmx is None else
                       (str(sdmx[0]), str(sdmx[1]), tuple(map(str, sdmx[2])), _text(sdmx[3]), _text(sdmx[4]),
                        tuple(map(str, sdmx[5]))))
        except (TypeError, ValueError, IndexError):
            return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
