"""Data structures (SDMX data structure definitions): variables that several datasets share."""

from __future__ import annotations

from pydantic import Field

from catalogue.model.dataset import Variable
from catalogue.model.maintainable import Maintainable


class DataStructure(Maintainable):
    """A maintained, versioned structure: the variables of every dataset that names it."""

    variables: list[Variable] = Field(min_length=1)
