"""A metadata catalogue for official statistics: describe once, publish in every open standard."""

__version__ = "0.1.0"
