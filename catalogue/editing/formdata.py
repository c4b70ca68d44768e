"""Reading a submitted form back into a record's data, and the list actions of forms without JavaScript.

Inputs are named by their path in the record: ``title.en``, ``variables.2.label.fr``,
``distributions.0.checksum.value``. Each item of a list carries a marker input (``variables.2._item``)
so that an item left empty is kept where it is. Values stay text, as in a record file: the model reads
"12", "true" and "2024-06-30" the same way it reads them from YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from catalogue.messages import Message
from catalogue.editing.fields import Field

ITEM_MARKER = "_item"
ACTION = re.compile(r"^(add|remove|up|down):([A-Za-z0-9_.]+)$")
"""A list action: ``add:variables``, ``remove:variables.2``, ``up:variables.2``, ``down:variables.2``."""
Path = tuple[str | int, ...]
INDEX = re.compile(r"[0-9]{1,9}")
"""An item's index in a field's name: ASCII digits, few enough that reading one costs nothing."""
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
"""A field's name, or a language tag (``title.es-419``), in a path."""
MAX_PATH = 16
"""Parts of a path at most (a record nests a few levels: ``variables.2.codes.5.name.fr``)."""


def parse_path(text: str) -> Path:
    """``variables.2.label`` → ``("variables", 2, "label")``; a part that is neither a name nor an index, or a path
    too long, is a ``ValueError`` (before any work is done on it)."""
    parts = text.split(".")
    if len(parts) > MAX_PATH:
        raise ValueError(Message("'%(text)s' is not the path of a field", text=text[:60]))
    path: list[str | int] = []
    for part in parts:
        if INDEX.fullmatch(part):
            path.append(int(part))
        elif NAME.fullmatch(part):
            path.append(part)
        elif part:
            raise ValueError(Message("'%(text)s' is not the path of a field", text=text[:60]))
    return tuple(path)


def path_name(path: Path) -> str:
    return ".".join(str(part) for part in path)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


Tree = dict[str, "str | Tree"]


def _tree(form: Mapping[str, str]) -> Tree:
    """The form's inputs as nested mappings by the parts of their names (read once: a form of 200 variables has
    thousands of inputs)."""
    root: Tree = {}
    for name, value in form.items():
        node = root
        *parents, last = name.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                child = node[part] = {"": child}
            node = child
        if isinstance(node.get(last), dict):
            node[last][""] = value  # type: ignore[index]
        else:
            node[last] = value
    return root


def _text(node: "str | Tree | None") -> str:
    if isinstance(node, dict):
        node = node.get("", "")
    return node if isinstance(node, str) else ""


def _field_value(field: Field, node: "str | Tree | None") -> Any:
    branch = node if isinstance(node, dict) else {}
    if field.widget == "text":
        texts = {language: _text(value).strip() for language, value in branch.items() if language}
        return {language: text for language, text in texts.items() if text} or None
    if field.widget == "keywords":
        words = {language: _lines(_text(value)) for language, value in branch.items() if language}
        return {language: listed for language, listed in words.items() if listed} or None
    if field.widget == "list":
        return _lines(_text(node)) or None
    if field.widget == "record":
        return _decoded(field.fields, branch) or None
    if field.widget == "records":
        items = sorted((int(index), item) for index, item in branch.items() if INDEX.fullmatch(index))
        return [_decoded(field.fields, item if isinstance(item, dict) else {}) for _, item in items] or None
    return _text(node).strip() or None


def _decoded(fields: tuple[Field, ...], branch: Tree) -> dict[str, Any]:
    data = {}
    for field in fields:
        value = _field_value(field, branch.get(field.name))
        if value is not None:
            data[field.name] = value
    return data


def decode(fields: tuple[Field, ...], form: Mapping[str, str]) -> dict[str, Any]:
    """The record's data from a form's inputs (empty inputs are left out, as an absent key in a record file)."""
    return _decoded(fields, _tree(form))


def value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` in nested data, or ``None`` where the path leads nowhere."""
    current = data
    for part in path:
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            return None
    return current


def with_value(data: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path`` (``None`` removes it); missing containers are made, and a list
    grows by one item at most (an index beyond its end is a ``ValueError``: no request pads a list)."""
    if not path:
        return value if isinstance(value, dict) else data
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        raise ValueError(Message("a path starts with a field name"))
    copy = dict(data)
    if not rest:
        if value is None:
            copy.pop(head, None)
        else:
            copy[head] = value
        return copy
    child = copy.get(head)
    if isinstance(rest[0], int):
        items = list(child) if isinstance(child, list) else []
        index = rest[0]
        if index > len(items):
            raise ValueError(Message.counted("%(field)s is beyond the end of the list (%(count)s item)",
                                             "%(field)s is beyond the end of the list (%(count)s items)",
                                             count=len(items), field=path_name(path[:2])))
        if index == len(items):
            items.append({})
        if len(rest) == 1:
            items[index] = value
        else:
            items[index] = with_value(items[index] if isinstance(items[index], dict) else {}, rest[1:], value)
        copy[head] = items
    else:
        copy[head] = with_value(child if isinstance(child, dict) else {}, rest, value)
    return copy


def apply_action(data: dict[str, Any], action: str) -> dict[str, Any]:
    """The data after a list action (add an empty item, remove one, move one up or down)."""
    match = ACTION.match(action)
    if match is None:
        raise ValueError(Message("unknown form action %(action)s", action=repr(action)))
    verb, path = match.group(1), parse_path(match.group(2))
    if verb == "add":
        items = value_at(data, path)
        return with_value(data, path, [*(items if isinstance(items, list) else []), {}])
    if not path or not isinstance(path[-1], int):
        raise ValueError(Message("%(verb)s needs an item of a list, not %(found)s", verb=verb,
                                 found=repr(match.group(2))))
    items = list(value_at(data, path[:-1]) or [])
    index = path[-1]
    if not 0 <= index < len(items):
        return data
    if verb == "remove":
        del items[index]
    else:
        other = index - 1 if verb == "up" else index + 1
        if not 0 <= other < len(items):
            return data
        items[index], items[other] = items[other], items[index]
    return with_value(data, path[:-1], items or None)


def field_value(data: dict[str, Any], path: str) -> Any:
    """The value of a field named by its dotted path."""
    return value_at(data, parse_path(path))
