"""What the editor refuses of an officer's input before any work is done on it: an id a record cannot have, and
data the record reader would refuse whole."""

from __future__ import annotations

import json
from functools import cache
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from catalogue.errors import NotReady, YamlProblem, format_field_path
from catalogue.messages import Message
from catalogue.model import RECORD_KINDS
from catalogue.model.kinds import KIND_NAMES, MAINTAINABLE_KINDS, MAX_KEY, identity_fields, record_key
from catalogue.records.yamlsource import plain_data_problems

RESERVED_IDS = frozenset({"new"})
"""Ids the editor's addresses take for themselves (``/editor/dataset/new``)."""


@cache
def _id_type(kind: str) -> TypeAdapter[Any]:
    field = RECORD_KINDS[kind].model_fields["id"]
    annotated: Any = Annotated[(field.annotation, *field.metadata)]  # type: ignore[valid-type]
    return TypeAdapter(annotated)


def checked_id(kind: str, record_id: Any) -> str:
    """A new record's id, as its record file would need it (and not one the editor's addresses take)."""
    if not isinstance(record_id, str) or not record_id.strip():
        raise NotReady(Message("give the new record an id"))
    try:
        _id_type(kind).validate_python(record_id)
    except ValidationError:
        shown = json.dumps(record_id[:80], ensure_ascii=True)
        raise NotReady(Message("%(id)s is not an id: letters, digits, '_', '-', '@' and '$' (an agency's id may "
                               "hold '.' between parts)", id=shown)) from None
    if record_id in RESERVED_IDS:
        raise NotReady(Message("'%(id)s' cannot be an id here: choose another", id=record_id))
    return record_id


def checked_key(kind: str, data: dict[str, Any]) -> str:
    """A new record's key: its id (``checked_id``), and for a maintainable artefact its agency and version too,
    as its record file would need them."""
    record_id = checked_id(kind, data.get("id"))
    if kind not in MAINTAINABLE_KINDS:
        return record_id
    fields = RECORD_KINDS[kind].model_fields
    for name in ("agency", "version"):
        value = data.get(name, fields[name].default)
        annotated: Any = Annotated[(fields[name].annotation, *fields[name].metadata)]  # type: ignore[valid-type]
        try:
            TypeAdapter(annotated).validate_python(value)
        except ValidationError:
            raise NotReady(Message("%(field)s: a new %(what)s needs its agency and version, which identify it "
                                   "with its id (e.g. agency 'BSO', version '1.0')", field=name,
                                   what=KIND_NAMES[kind])) from None
    key = record_key(kind, data)
    if len(key) > MAX_KEY:
        raise NotReady(Message("'%(key)s' is longer than %(count)s characters: shorten its agency or its id",
                               key=key[:80], count=MAX_KEY))
    return key


def kept_identity(kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the fields its key gives (a change may leave them out); refused when it changes one of them:
    a record's id, and a maintainable artefact's agency and version, stay what they were."""
    fields = identity_fields(kind, record_id)
    for name, value in fields.items():
        given = data.get(name)
        if given is not None and given != value:
            if kind in MAINTAINABLE_KINDS:
                raise NotReady(Message("the agency, id and version of %(what)s '%(key)s' cannot change (make a new "
                                       "version, or a new record)", what=KIND_NAMES[kind], key=record_id))
            raise NotReady(Message("the id of a record cannot change: '%(id)s' stays '%(id)s' (make a new record "
                                   "for another id)", id=record_id))
    return {**data, **fields} if kind in MAINTAINABLE_KINDS else data


def bounded(data: Any, *texts: str) -> None:
    """Refuse data the record reader would refuse whole (nesting too deep, too many values, a lone surrogate,
    which no file or database can hold) before any work is done on it; the rest of what it refuses (a character
    XML cannot carry) is among the record's errors. ``texts``: what comes with it (a message), held to the same."""
    try:
        plain_data_problems(data)
        json.dumps([data, *texts], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except YamlProblem as problem:
        where = format_field_path(problem.path)
        raise NotReady(Message("%(field)s: %(problem)s", field=where, problem=problem.message) if where
                       else problem.message) from None
    except UnicodeEncodeError:
        raise NotReady(Message("a text holds a lone surrogate (half of a character): it cannot be stored")) from None
    except ValueError:
        raise NotReady(Message("a number is not finite (Infinity, NaN): write a number")) from None


def shaped(kind: str, data: Any) -> None:
    """Refuse data whose shape is not the record's: an object, a list or a single value where the record file's
    schema has another (a text where a list of codes goes), which no page of the record could show. Values of
    the right shape but wrong (a date that is no date, a missing field) are the record's errors, listed as the
    record reader lists them."""
    found = next(_misshapen(data, _schema(kind), (), _schema(kind)), None)
    if found is not None:
        path, expected, given = found
        shapes = [Message(shape) for shape in sorted(expected)]
        while len(shapes) > 1:
            shapes[:2] = [Message("%(first)s or %(second)s", first=shapes[0], second=shapes[1])]
        raise NotReady(Message("%(field)s: this field holds %(expected)s, not %(given)s",
                               field=format_field_path(path), expected=shapes[0], given=Message(given)))


@cache
def _schema(kind: str) -> dict[str, Any]:
    from catalogue.records.schema import record_schema

    return record_schema(kind)


def _resolved(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node if isinstance(node, dict) else {}


_JSON_SHAPES = {"object": "an object", "array": "a list"}


def _shape_of(value: Any) -> str:
    return "an object" if isinstance(value, dict) else "a list" if isinstance(value, list) else "a single value"


def _branches(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a schema node allows, each resolved."""
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        return [branch for alternative in alternatives for branch in _branches(_resolved(alternative, root), root)]
    return [node]


def _shapes(node: dict[str, Any]) -> set[str]:
    types = node.get("type")
    if types is None:
        return {"an object"} if "properties" in node else {"an object", "a list", "a single value"}
    return {_JSON_SHAPES.get(name, "a single value") for name in ([types] if isinstance(types, str) else types)
            if name != "null"}


def _misshapen(value: Any, node: Any, path: tuple[str | int, ...],
               root: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], set[str], str]]:
    """Where ``value`` (at ``path``) is not of a shape the schema ``node`` allows: that path, the shapes it allows
    and the one given. A null is an absent value here."""
    if value is None:
        return
    shape = _shape_of(value)
    branches = _branches(_resolved(node, root), root)
    allowed = set().union(*(_shapes(branch) for branch in branches))
    if shape not in allowed:
        yield path, allowed, shape
        return
    branch = next(branch for branch in branches if shape in _shapes(branch))
    if isinstance(value, dict):
        properties, others = branch.get("properties") or {}, branch.get("additionalProperties")
        for key, item in value.items():
            schema = properties.get(key, others if isinstance(others, dict) else None)
            if schema is not None:
                yield from _misshapen(item, schema, (*path, key), root)
    elif isinstance(value, list) and isinstance(branch.get("items"), dict):
        for index, item in enumerate(value):
            yield from _misshapen(item, branch["items"], (*path, index), root)
