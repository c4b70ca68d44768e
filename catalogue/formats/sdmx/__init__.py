"""SDMX-ML 2.1 and 3.0 structure messages: our own multilingual, streaming writer.

``structures`` derives the SDMX artefacts from the public view, ``dialect`` holds every
difference between SDMX-ML 2.1 and 3.0, ``writer`` streams a message with lxml.
"""

from catalogue.formats.sdmx.structures import ARTEFACT_TYPES, Structures, build_structures
from catalogue.formats.sdmx.writer import export_sdmx

__all__ = ["ARTEFACT_TYPES", "Structures", "build_structures", "export_sdmx"]
