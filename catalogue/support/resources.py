"""Where the data shipped with the package (mappings, schemas) lives."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """The shipped folder ``name`` (``mappings`` or ``schemas``).

    An installed wheel holds it as ``catalogue/data/<name>``; a source checkout (or an editable
    install) has it at the top of the repository.
    """
    packaged = files("catalogue").joinpath("data", name)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
