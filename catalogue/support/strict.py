"""Strict reading of numbers from text that others send (query parameters, form fields, headers, imported
files): ASCII digits only (``"²".isdigit()`` is true, ``int("²")`` fails) and few enough that reading one costs
nothing (``int`` of a 5,000-digit text is refused by Python, and slow before that)."""

from __future__ import annotations

import re

WHOLE = re.compile(r"[0-9]{1,18}")
"""A whole number as text: up to 18 ASCII digits (any count, revision or byte size a catalogue holds)."""


def whole_number(text: str | None) -> int | None:
    """The number ``text`` writes, or ``None`` when it is not a whole number this reads."""
    return int(text) if text is not None and WHOLE.fullmatch(text) else None


__all__ = ["WHOLE", "whole_number"]
