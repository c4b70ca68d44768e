"""Differences between two versions of a record, field by field and language by language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalogue.errors import format_field_path
from catalogue.editing.fields import Field
from catalogue.editing.formdata import Path, parse_path


def flatten(value: Any, path: Path = (), by_id: bool = False) -> dict[Path, str]:
    """Every leaf of a record as text: a text per language, a list of keywords or values whole, a list of nested
    records item by item (``by_id``: items with ids, such as codes, by their id rather than their place, so that
    a code added first does not make every code after it differ)."""
    if isinstance(value, dict):
        found: dict[Path, str] = {}
        for key, item in value.items():
            found |= flatten(item, (*path, key), by_id)
        return found
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            ids = [item.get("id") if isinstance(item, dict) else None for item in value]
            keyed = by_id and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)
            found = {}
            for index, item in enumerate(value):
                found |= flatten(item, (*path, f"[{ids[index]}]" if keyed else index), by_id)
            return found
        return {path: "\n".join(str(item) for item in value)} if value else {}
    if value is None:
        return {}
    return {path: "true" if value is True else "false" if value is False else str(value)}


@dataclass(frozen=True)
class Change:
    """One field (one language of a text) that differs: its path, the value before and after ('' for none)."""

    path: Path
    before: str
    after: str

    @property
    def field(self) -> str:
        return format_field_path(self.path)

    @property
    def name(self) -> str:
        return ".".join(str(part) for part in self.path)


def differences(before: dict[str, Any] | None, after: dict[str, Any] | None, by_id: bool = False) -> list[Change]:
    """The fields whose value differs, in the order of the later version (then those it no longer has); ``by_id``:
    items of a list matched by their ids (``flatten``)."""
    old, new = flatten(before or {}, by_id=by_id), flatten(after or {}, by_id=by_id)
    ordered = [*new, *(path for path in old if path not in new)]
    return [Change(path, old.get(path, ""), new.get(path, "")) for path in ordered if old.get(path) != new.get(path)]


def anchor(fields: tuple[Field, ...], path: Path) -> Path:
    """The path of the form element that shows a field: a text's language, a keyword or a list's value is shown
    by the text's, keywords' or list's element."""
    choices = fields
    kept: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            kept.append(part)
            continue
        found = next((field for field in choices if field.name == part), None)
        if found is None:
            break
        kept.append(part)
        if found.widget in ("text", "keywords", "list"):
            break
        choices = found.fields
    return tuple(kept)


__all__ = ["Change", "anchor", "differences", "flatten", "parse_path"]
