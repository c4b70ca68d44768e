"""The static site's filter index, split so that no search sends the whole list: the words of each dataset (its title,
keywords, theme names and id in one language, as its row of the search index gives them), folded as the live server's search folds them
(``catalogue.search.folding``), in parts by the first two characters of each word, and the rows the parts point to in
parts of ``ROWS_PER_PART``. A filter loads the part of each word typed, and the rows of the first matches only."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from catalogue.search.folding import words

ROWS_PER_PART = 1000
"""Rows (id and title) per part of the rows."""
FILTER_FOLDER = "filter"
"""Where a language's parts are, under its pages' folder."""


def word_key(word: str) -> str:
    """The part a folded word is in: the hexadecimal UTF-8 of its first two characters (a word of one character is
    in no part: a filter waits for two)."""
    return word[:2].encode("utf-8").hex()


def row_words(row: list[str]) -> set[str]:
    """The folded words a row of the search index (id, title, keywords and theme names) is found by."""
    return {word for word in words(" ".join(row)) if len(word) >= 2}


def filter_parts(rows: Iterable[list[str]]) -> dict[str, bytes]:
    """Every part of the filter index of the rows of a language's search index (``Pages.search_row``: id, title,
    keywords and theme names), by its name in the filter's folder: ``rows-<n>.json`` ([id, title] rows) and
    ``words-<key>.json`` ({word: [row numbers]})."""
    kept: list[list[str]] = []
    by_key: dict[str, dict[str, list[int]]] = {}
    for number, row in enumerate(rows):
        kept.append([row[0], row[1]])
        for word in sorted(row_words(row)):
            by_key.setdefault(word_key(word), {}).setdefault(word, []).append(number)
    parts = {f"rows-{start // ROWS_PER_PART}.json": _json(kept[start:start + ROWS_PER_PART])
             for start in range(0, len(kept), ROWS_PER_PART)}
    parts.update({f"words-{key}.json": _json(dict(sorted(found.items()))) for key, found in by_key.items()})
    return parts


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_filter(folder: Path, parts: Mapping[str, bytes]) -> None:
    """The parts into ``folder``: a part whose bytes are already there is left as it is; a part no longer made is
    removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.json"):
        if stale.name not in parts:
            stale.unlink()
    for name, content in parts.items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
