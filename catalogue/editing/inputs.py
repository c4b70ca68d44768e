"""What the editor refuses of an officer's input before any work is done on it: an id a record cannot have, and
data the record reader would refuse whole."""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from catalogue.errors import NotReady, YamlProblem, format_field_path
from catalogue.messages import Message
from catalogue.model import RECORD_KINDS
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
