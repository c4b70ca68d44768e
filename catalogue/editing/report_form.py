"""A metadata report's values in the editor: a form generated from its metadata structure, one slot per occurrence
of each attribute in the structure's order (numbered by place, as its page numbers them), each with its texts side
by side in the catalogue's languages, its code, number, date or URL, and its publication switch; read back from the
form's inputs into the report's tree of values; and the actions that add or remove an occurrence of a repeatable
attribute (forms without JavaScript post them as buttons).

Inputs are named ``report:<slot>:<part>``: the slot is the path of occurrences (``CONTACT~0/CONTACT_NAME~1``), the
part ``text:<language>``, ``value`` or ``confidential``; each slot has a marker (``report:<slot>:slot``) so that an
occurrence left empty keeps its place until the form is saved (then an empty one is dropped)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from catalogue.errors import EditingError
from catalogue.formats.text import pick
from catalogue.messages import Message
from catalogue.model import Catalogue, MetadataAttribute, MetadataStructure
from catalogue.model.metadata_report import MOST_VALUES

PREFIX = "report:"
MARKER = "report:_form"
"""Sent by a form that shows the report's values: without it the values stay as they were."""
STEP = re.compile(r"([A-Za-z][A-Za-z0-9_-]{0,254})~([0-9]{1,4})")
NOT_CONFIDENTIAL = (None, False, "false")
"""What leaves a value public: any other mark (even one ``check`` refuses) shows the switch on, so that a save never
clears it."""
LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}")
ACTION = re.compile(r"^report-(add|remove):(.{1,2000})$")
MOST_LEVELS = 32


@dataclass
class Slot:
    """One occurrence of an attribute in the form."""

    key: str
    attribute: str
    depth: int
    number: str
    name: str
    description: str
    representation: str | None
    """None: a heading; ``unknown``: an attribute the structure does not have (kept, for ``check`` to say so)."""
    codes: list[tuple[str, str]] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    value: str = ""
    confidential: bool = False
    repeatable: bool = False
    last: bool = True
    """The last occurrence of its attribute under its parent (where another is added)."""


def report_slots(structure: MetadataStructure | None, values: Any, shared: Catalogue, language: str) -> list[Slot]:
    """The form's slots: every attribute of the structure in order (an occurrence each value gives, one empty slot
    where none is given), then the values of attributes the structure does not have."""
    given = values if isinstance(values, list) else []
    if structure is None:
        return []
    tree = structure.children()
    slots: list[Slot] = []

    def walk(parent: str | None, prefix: str, number: str, given: list[Any], depth: int) -> None:
        known = tree.get(parent, {})
        for place, attribute in enumerate(known.values(), start=1):
            own = f"{number}.{place}" if number else str(place)
            occurrences: list[dict[str, Any] | None] = [
                v for v in given if isinstance(v, dict) and v.get("attribute") == attribute.id] or [None]
            for index, value in enumerate(occurrences):
                key = f"{prefix}{attribute.id}~{index}"
                slots.append(_slot(key, attribute, depth, own, value, shared, language,
                                   last=index == len(occurrences) - 1))
                if depth < MOST_LEVELS:
                    walk(attribute.path, key + "/", own, (value or {}).get("values") or [], depth + 1)
        unknown(prefix, [v for v in given if isinstance(v, dict) and v.get("attribute") not in known], depth)

    def unknown(prefix: str, given: list[dict[str, Any]], depth: int) -> None:
        """Values of attributes the structure does not have, with all under them, kept for ``check`` to say so."""
        seen: dict[str, int] = {}
        for value in given:
            attribute = _safe(value.get("attribute"))
            index = seen[attribute] = seen.get(attribute, -1) + 1
            key = f"{prefix}{attribute}~{index}"
            slots.append(Slot(key, str(value.get("attribute")), depth, "", str(value.get("attribute")), "", "unknown",
                              text=_texts(value.get("text")), value=str(value.get("value") or ""),
                              confidential=value.get("confidential") not in NOT_CONFIDENTIAL))
            children = value.get("values")
            if isinstance(children, list) and depth < MOST_LEVELS:
                unknown(key + "/", [v for v in children if isinstance(v, dict)], depth + 1)

    walk(None, "", "", given, 0)
    return slots


def _slot(key: str, attribute: MetadataAttribute, depth: int, number: str, value: Any, shared: Catalogue,
          language: str, last: bool) -> Slot:
    concept = shared.shared().concept(attribute.concept)
    slot = Slot(key, attribute.id, depth, number, pick(concept.name, language) or attribute.id if concept else
                attribute.id, pick(concept.description, language) or "" if concept else "", attribute.representation,
                repeatable=attribute.max_occurs is None or attribute.max_occurs > 1, last=last)
    if attribute.representation == "code" and attribute.codelist is not None:
        codelist = shared.shared().codelist(attribute.codelist)
        slot.codes = [(code.id, pick(code.name, language) or code.id) for code in codelist.codes] if codelist else []
    if isinstance(value, dict):
        slot.text = _texts(value.get("text"))
        slot.value = str(value.get("value") or "")
        slot.confidential = value.get("confidential") not in NOT_CONFIDENTIAL
        if slot.codes and slot.value and slot.value not in {code for code, _ in slot.codes}:
            slot.codes.append((slot.value, slot.value))  # kept as given: the check says it is no code
    return slot


def _texts(text: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in text.items()} if isinstance(text, dict) else {}


def _safe(attribute: Any) -> str:
    text = str(attribute or "")
    return text if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,254}", text) else "UNKNOWN"


def _steps(key: str) -> list[tuple[str, int]]:
    """A slot's path of (attribute, occurrence); ``EditingError`` for one that is no slot."""
    parts = key.split("/")
    if len(parts) > MOST_LEVELS:
        raise EditingError(Message("'%(text)s' is not the path of a field", text=key[:60]))
    steps = []
    for part in parts:
        match = STEP.fullmatch(part)
        if match is None:
            raise EditingError(Message("'%(text)s' is not the path of a field", text=key[:60]))
        steps.append((match.group(1), int(match.group(2))))
    return steps


def read_values(form: Mapping[str, str], prune: bool = True) -> list[dict[str, Any]] | None:
    """The report's values from the form's inputs (``None``: the form shows none, and they stay as they were); an
    occurrence with nothing given, and nothing under it, is dropped (``prune``; an action on the occurrences keeps
    them all, so that its index names the one it was shown at)."""
    if MARKER not in form:
        return None
    slots: dict[tuple[tuple[str, int], ...], dict[str, Any]] = {}
    for name, given in form.items():
        if not name.startswith(PREFIX) or name == MARKER:
            continue
        key, _, part = name[len(PREFIX):].partition(":")
        steps = tuple(_steps(key))
        slot = slots.setdefault(steps, {})
        if len(slots) > MOST_VALUES:
            raise EditingError(Message("a report gives at most %(most)s values, at every level together",
                                       most=MOST_VALUES))
        if part.startswith("text:") and LANGUAGE.fullmatch(part[5:]):
            if given.strip():
                slot.setdefault("text", {})[part[5:]] = given.strip()
        elif part == "value" and given.strip():
            slot["value"] = given.strip()
        elif part == "confidential" and given in ("true", "on"):
            slot["confidential"] = True
    root: dict[str, Any] = {"values": []}
    nodes: dict[tuple[tuple[str, int], ...], dict[str, Any]] = {(): root}
    for steps in slots:  # in the form's order, which is the structure's
        for depth in range(1, len(steps) + 1):  # a parent whose inputs came later, or never: made where needed
            if steps[:depth] not in nodes:
                node = {"attribute": steps[depth - 1][0], "values": []}
                nodes[steps[:depth - 1]]["values"].append(node)
                nodes[steps[:depth]] = node
        nodes[steps].update(slots[steps])
    return _pruned(root["values"]) if prune else _unpruned(root["values"])


def _unpruned(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for value in values:
        children = _unpruned(value.pop("values", []))
        if children:
            value["values"] = children
    return values


def _pruned(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = []
    for value in values:
        children = _pruned(value.pop("values", []))
        if children:
            value["values"] = children
        if value.get("text") or value.get("value") or children:
            kept.append(value)
    return kept


def report_action(values: Any, action: str) -> list[dict[str, Any]]:
    """The values after ``report-add:<slot>`` (another occurrence of its attribute after it) or
    ``report-remove:<slot>``."""
    match = ACTION.match(action)
    if match is None:
        raise EditingError(Message("unknown form action %(action)s", action=repr(action[:80])))
    verb, steps = match.group(1), _steps(match.group(2))
    items = [dict(v) for v in values] if isinstance(values, list) else []
    siblings = items
    for attribute, occurrence in steps[:-1]:
        found = [v for v in siblings if v.get("attribute") == attribute]
        if occurrence >= len(found):
            return items
        holder = found[occurrence]
        holder["values"] = [dict(v) for v in holder.get("values") or []]
        siblings = holder["values"]
    attribute, occurrence = steps[-1]
    positions = [i for i, v in enumerate(siblings) if v.get("attribute") == attribute]
    if verb == "add":
        at = positions[occurrence] + 1 if occurrence < len(positions) else len(siblings)
        if not positions:  # the empty slot shown becomes a value, the new one follows it
            siblings.append({"attribute": attribute})
            at = len(siblings)
        siblings.insert(at, {"attribute": attribute})
    elif occurrence < len(positions):
        del siblings[positions[occurrence]]
    return items


def is_report_action(action: str) -> bool:
    return action.startswith("report-")


def slot_id(key: str) -> str:
    """The form element of a slot (``f-`` and this), an anchor a check's finding links to."""
    return "report-" + key.replace("/", "_").replace("~", "-")


def report_anchor(values: Any, path: tuple[str | int, ...]) -> str | None:
    """The slot a check's finding about a report's value is shown at (``values, 0, values, 2, text``), or ``None``
    when the path leads to no value."""
    steps: list[str] = []
    current = values
    index = 0
    while index + 1 < len(path) and path[index] == "values" and isinstance(path[index + 1], int):
        position = path[index + 1]
        if not isinstance(current, list) or not isinstance(position, int) or position >= len(current) or \
                not isinstance(current[position], dict):
            break
        item = current[position]
        occurrence = sum(1 for other in current[:position] if isinstance(other, dict)
                         and other.get("attribute") == item.get("attribute"))
        steps.append(f"{_safe(item.get('attribute'))}~{occurrence}")
        current = item.get("values")
        index += 2
    return slot_id("/".join(steps)) if steps else None
