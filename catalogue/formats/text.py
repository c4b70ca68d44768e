"""Choosing one language of a multilingual text, for standards that hold only one."""

from __future__ import annotations


def pick(text: dict[str, str] | None, language: str) -> str | None:
    """The text in ``language``, else in the first language given."""
    if not text:
        return None
    return text.get(language) or next(iter(text.values()))


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so that the result, with an ellipsis, fits ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
