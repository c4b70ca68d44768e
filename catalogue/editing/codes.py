"""Codes of a codelist in the editor: a pasted CSV that adds or updates codes (as the Fusion Metadata Registry's
wizard does), server-side search that stays fast on 100,000 codes, and the hierarchy a level at a time."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from catalogue.messages import Message
from catalogue.errors import Problem

NAME_COLUMN = re.compile(r"^(?:name[_.:\s-]?)?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$")
"""A name column: ``name_en``, ``name.fr``, ``name:ar``, ``name en`` or the bare tag ``es``."""
CODES_IN_FORM = 200
"""Up to this many codes are edited in the form itself; a longer codelist is edited through CSV and searched."""


@dataclass
class PastedCodes:
    """Codes read from a pasted CSV, or the problems that stop it (each with its line and column)."""

    codes: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    parents_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each pasted code's parent is written: (line, column)."""

    def unknown_parents(self, ids: set[str]) -> list[Problem]:
        """A problem at its line and column for each pasted parent that is no code of the codelist ``ids``."""
        return [Problem.at_field(("codes",), Message("line %(line)s, column %(column)s: parent '%(parent)s' is not a code of "
                                          "the codelist (paste it too, or fix the parent)", line=line, column=column,
                                          parent=code["parent"]))
                for code in self.codes if code.get("parent") and code["parent"] not in ids
                for line, column in [self.parents_at[code["id"]]]]


def _language(header: str, languages: Sequence[str]) -> str | None:
    match = NAME_COLUMN.match(header.strip())
    if match is None:
        return None
    tag = match.group(1)
    return next((language for language in languages if language.lower() == tag.lower()), None)


def read_codes_csv(text: str, languages: Sequence[str]) -> PastedCodes:
    """Codes from CSV text with a header: ``id``, optionally ``parent``, and a name column per language (comma,
    semicolon or tab separated, as spreadsheets copy them)."""
    pasted = PastedCodes()
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text.strip("\ufeff")), dialect))
    if not rows or not any(cell.strip() for cell in rows[0]):
        pasted.problems.append(Problem.at_field(("codes",), Message("the CSV is empty: paste a header (id, parent, name_en…) and "
                                                          "rows")))
        return pasted
    header = [cell.strip() for cell in rows[0]]
    lowered = [cell.lower() for cell in header]
    if "id" not in lowered:
        pasted.problems.append(Problem.at_field(("codes",), Message("line 1: no 'id' column (the header is %(header)s)",
                                                          header=", ".join(header))))
        return pasted
    names = {index: _language(cell, languages) for index, cell in enumerate(header)
             if lowered[index] not in ("id", "parent", "description")}
    unknown = [header[index] for index, language in names.items() if language is None]
    if unknown:
        pasted.problems.append(Problem.at_field(("codes",), Message.counted(
            "line 1: column %(columns)s is not id, parent or a name in one of the catalogue's languages "
            "(%(languages)s)", "line 1: columns %(columns)s are not id, parent or a name in one of the catalogue's "
            "languages (%(languages)s)", count=len(unknown), columns=", ".join(unknown), languages=", ".join(languages))))
        return pasted
    id_column, parent_column = lowered.index("id"), lowered.index("parent") if "parent" in lowered else None
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, *[""] * (len(header) - len(row))]
        code_id = cells[id_column].strip()
        if not code_id:
            pasted.problems.append(Problem.at_field(("codes",), Message("line %(line)s, column %(column)s: the id is empty",
                                                              line=number, column=id_column + 1)))
            continue
        if code_id in seen:
            pasted.problems.append(Problem.at_field(("codes",), Message(
                "line %(line)s, column %(column)s: code '%(code)s' is also on line %(first)s", line=number,
                column=id_column + 1, code=code_id, first=seen[code_id])))
            continue
        seen[code_id] = number
        code: dict[str, Any] = {"id": code_id}
        name = {language: cells[index].strip() for index, language in names.items()
                if language and cells[index].strip()}
        if name:
            code["name"] = name
        if parent_column is not None and cells[parent_column].strip():
            code["parent"] = cells[parent_column].strip()
            pasted.parents_at[code_id] = (number, parent_column + 1)
        pasted.codes.append(code)
    return pasted


def merge_codes(existing: list[dict[str, Any]], pasted: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int, int]:
    """The codes with the pasted ones added (at the end) or updated (in place: their names per language and their
    parent replaced where the CSV gives them); how many were added and updated."""
    merged = [dict(code) for code in existing]
    where = {code.get("id"): index for index, code in enumerate(merged)}
    added = updated = 0
    for code in pasted:
        index = where.get(code["id"])
        if index is None:
            where[code["id"]] = len(merged)
            merged.append(code)
            added += 1
            continue
        current = merged[index]
        changed = dict(current)
        if "name" in code:
            changed["name"] = {**(current.get("name") or {}), **code["name"]}
        if "parent" in code:
            changed["parent"] = code["parent"]
        if changed != current:
            merged[index] = changed
            updated += 1
    return merged, added, updated


@dataclass(frozen=True)
class CodeIndex:
    """A codelist's codes ready to be searched and walked: built once per revision of a codelist."""

    codes: tuple[dict[str, Any], ...]
    keys: tuple[str, ...]
    """Per code: its id and names, case-folded, in one string (what a search looks in)."""
    children: dict[str | None, tuple[int, ...]]

    def search(self, query: str, limit: int = 50) -> tuple[list[dict[str, Any]], bool]:
        """Codes whose id starts with the query first, then those whose id or a name contains it; whether more
        matched than ``limit``."""
        wanted = query.strip().casefold()
        if not wanted:
            return [], False
        first: list[int] = []
        then: list[int] = []
        for index, key in enumerate(self.keys):
            if key.startswith(wanted):
                first.append(index)
                if len(first) > limit:
                    break
            elif wanted in key and len(then) <= limit:
                then.append(index)
        found = [*first, *then]
        return [self.codes[index] for index in found[:limit]], len(found) > limit

    def below(self, parent: str | None, offset: int = 0, limit: int = 100) -> tuple[list[tuple[dict[str, Any], int]],
                                                                                      int]:
        """A page of the codes directly under ``parent`` (``None``: the top level), each with how many codes it has
        under it; and how many there are in all."""
        indices = self.children.get(parent, ())
        page = indices[offset:offset + limit]
        listed = [(self.codes[index], len(self.children.get(self.codes[index]["id"], ()))) for index in page]
        return listed, len(indices)

    def path_to(self, code_id: str) -> list[dict[str, Any]]:
        """The code's ancestors, top first, then the code (a trail through the hierarchy)."""
        by_id = {code["id"]: code for code in self.codes}
        trail, current, seen = [], by_id.get(code_id), set()
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            trail.append(current)
            current = by_id.get(current.get("parent"))
        return trail[::-1]


def _key(code: dict[str, Any]) -> str:
    names = code.get("name")
    texts = names.values() if isinstance(names, dict) else [names] if isinstance(names, str) else []
    return "\u0000".join([str(code.get("id", "")), *map(str, texts)]).casefold()


def index_codes(codes: list[dict[str, Any]]) -> CodeIndex:
    known = {code.get("id") for code in codes}
    children: dict[str | None, list[int]] = defaultdict(list)
    for index, code in enumerate(codes):
        parent = code.get("parent")
        children[parent if parent in known else None].append(index)
    return CodeIndex(tuple(codes), tuple(_key(code) for code in codes),
                     {parent: tuple(items) for parent, items in children.items()})


def pasted_summary(added: int, updated: int) -> str:
    return f"{added} code(s) added and {updated} updated from a pasted CSV"


__all__ = ["CODES_IN_FORM", "CodeIndex", "PastedCodes", "index_codes", "merge_codes", "pasted_summary",
           "read_codes_csv"]
