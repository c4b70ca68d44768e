"""The model's refusals said as people read them: pydantic's errors turned into located problems of a record file,
with the field they are about and a message in the officer's language."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogue.errors import FieldPath, Position, Problem, Severity
from catalogue.messages import Message
from catalogue.model.types import (AGENCY_ID_PATTERN, CODELIST_URN_PATTERN, EMAIL_PATTERN, SDMX_ID_PATTERN,
                                   SPDX_ID_PATTERN, TELEPHONE_PATTERN, VERSION_PATTERN,
                                   ARTEFACT_VERSION_PATTERN)
from catalogue.records.yamlsource import SourceMap

PATTERN_MEANINGS: dict[str, Message] = {
    SDMX_ID_PATTERN: Message("an SDMX id: letters, digits, '_', '@', '$' and '-' only (no spaces or dots)"),
    AGENCY_ID_PATTERN: Message("an SDMX agency id: letters, digits, '_' and '-', parts separated by dots"),
    SPDX_ID_PATTERN: Message("an SPDX licence id such as 'CC-BY-4.0' or 'LicenseRef-name'"),
    VERSION_PATTERN: Message("a version such as '1.0' or '2.1.3' (one to three numbers without leading zeros)"),
    ARTEFACT_VERSION_PATTERN: Message("a version such as '1.0', '2.1.3' or '2.2.0-draft' (numbers without leading "
                                      "zeros; a version still changing has an extension)"),
    EMAIL_PATTERN: Message("an email address"),
    TELEPHONE_PATTERN: Message("a telephone number: digits, spaces, '+', '(', ')', '.', '-' and '/'"),
    CODELIST_URN_PATTERN: Message("an SDMX codelist URN: "
                                  "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AGENCY:ID(VERSION)"),
}
"""What each pattern of the models asks for, as a message says it ("'x y' is not an SDMX id: ...")."""


def located_problem(file: str, position: Position | None, path: FieldPath, message: str,
                    severity: Severity = Severity.ERROR) -> Problem:
    """A problem at ``path`` of a record, in its ``file`` at ``position`` (when known)."""
    return Problem.at_field(path, message, severity).placed(file, position)


def _data_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """The part of a pydantic error location that exists in the data (union tags are dropped)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
    return tuple(path)


def _message(error: Any, model: type[BaseModel], path: FieldPath) -> str:
    kind = error["type"]
    name = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "missing":
        return Message("required field '%(name)s' is missing", name=name)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path)
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            return Message("unknown field '%(name)s'; did you mean '%(close)s'? (expected one of: %(allowed)s)",
                           name=name, close=close[0], allowed=", ".join(allowed))
        return Message("unknown field '%(name)s' (expected one of: %(allowed)s)", name=name, allowed=", ".join(allowed))
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        meaning = PATTERN_MEANINGS.get(pattern)
        if meaning is None:
            return Message("'%(input)s' must match %(pattern)s", input=str(error["input"]), pattern=str(pattern))
        return Message("'%(input)s' is not %(meaning)s", input=str(error["input"]), meaning=meaning)
    message = pydantic_message(error)
    if kind == "literal_error" or (kind.endswith("_parsing") and isinstance(error.get("input"), str)):
        return Message("%(problem)s, not '%(input)s'", problem=message, input=str(error["input"]))
    return message


def pydantic_message(error: Any) -> str:
    """What a pydantic error says, as a message in its words (the English is pydantic's ``msg``, byte for byte): the
    message a validator raised (``ValueError(Message(...))``), or pydantic's own of a type it names; any other as
    pydantic says it."""
    kind, text, context = error["type"], error["msg"], error.get("ctx") or {}
    if kind == "value_error":
        text = text.removeprefix("Value error, ")
        original = context.get("error")
        said = original.args[0] if isinstance(original, BaseException) and len(original.args) == 1 else None
        return said if isinstance(said, Message) and said == text else text
    made = PYDANTIC_MESSAGES.get(kind)
    if made is None:
        return text
    try:
        message = made(context)
    except (KeyError, TypeError, ValueError):  # a context this pydantic does not give
        return text
    return message if message == text else text  # another pydantic's words: as it says them


def _alternatives(expected: Any) -> str:
    """pydantic's "'a', 'b' or 'c'", its "or" said in the reader's language."""
    head, separator, last = str(expected).rpartition(" or ")
    return Message("%(choices)s or %(last)s", choices=head, last=last) if separator else str(expected)


def _detail(detail: Any) -> str:
    """The reason pydantic gives for a date or time it cannot read, a message where it is one of the known ones."""
    return PARSING_DETAILS.get(str(detail), str(detail))


PARSING_DETAILS: dict[str, Message] = {message: message for message in (
    Message("month value is outside expected range of 1-12"), Message("day value is outside expected range"),
    Message("hour value is outside expected range of 0-23"), Message("minute value is outside expected range of 0-59"),
    Message("second value is outside expected range of 0-59"), Message("year 0 is out of range"),
    Message("unexpected extra characters at the end of the input"), Message("input is too short"),
    Message("input is too long"), Message("invalid character in year"), Message("invalid character in month"),
    Message("invalid character in day"), Message("invalid character in hour"), Message("invalid character in minute"),
    Message("invalid character in second"), Message("invalid date separator, expected `-`"),
    Message("invalid timezone sign"),
)}
"""pydantic's (speedate's) reasons for refusing a date or a time that a record's strict types let through to it."""

_FIELD_TYPES: dict[str, Message] = {"List": Message("List"), "Dictionary": Message("Dictionary"), "Set": Message("Set"),
                                    "Tuple": Message("Tuple"), "Value": Message("Value")}
"""The kinds of collection pydantic names in ``too_short`` and ``too_long``."""


def _items(context: dict[str, Any], least: bool) -> Message:
    field_type = _FIELD_TYPES.get(str(context["field_type"]), str(context["field_type"]))
    if least:
        return Message.counted("%(field_type)s should have at least %(count)s item after validation, "
                               "not %(actual_length)s",
                               "%(field_type)s should have at least %(count)s items after validation, "
                               "not %(actual_length)s",
                               count=context["min_length"], field_type=field_type,
                               actual_length=context["actual_length"])
    return Message.counted("%(field_type)s should have at most %(count)s item after validation, not %(actual_length)s",
                           "%(field_type)s should have at most %(count)s items after validation, "
                           "not %(actual_length)s",
                           count=context["max_length"], field_type=field_type, actual_length=context["actual_length"])


PYDANTIC_MESSAGES: dict[str, Callable[[dict[str, Any]], Message]] = {
    "missing": lambda c: Message("Field required"),
    "extra_forbidden": lambda c: Message("Extra inputs are not permitted"),
    "string_too_short": lambda c: Message.counted("String should have at least %(count)s character",
                                                  "String should have at least %(count)s characters",
                                                  count=c["min_length"]),
    "string_too_long": lambda c: Message.counted("String should have at most %(count)s character",
                                                 "String should have at most %(count)s characters",
                                                 count=c["max_length"]),
    "too_short": lambda c: _items(c, least=True),
    "too_long": lambda c: _items(c, least=False),
    "greater_than_equal": lambda c: Message("Input should be greater than or equal to %(ge)s", ge=c["ge"]),
    "less_than_equal": lambda c: Message("Input should be less than or equal to %(le)s", le=c["le"]),
    "greater_than": lambda c: Message("Input should be greater than %(gt)s", gt=c["gt"]),
    "less_than": lambda c: Message("Input should be less than %(lt)s", lt=c["lt"]),
    "literal_error": lambda c: Message("Input should be %(expected)s", expected=_alternatives(c["expected"])),
    "enum": lambda c: Message("Input should be %(expected)s", expected=_alternatives(c["expected"])),
    "string_type": lambda c: Message("Input should be a valid string"),
    "int_type": lambda c: Message("Input should be a valid integer"),
    "float_type": lambda c: Message("Input should be a valid number"),
    "bool_type": lambda c: Message("Input should be a valid boolean"),
    "list_type": lambda c: Message("Input should be a valid list"),
    "dict_type": lambda c: Message("Input should be a valid dictionary"),
    "invalid_key": lambda c: Message("Keys should be strings"),
    "date_type": lambda c: Message("Input should be a valid date"),
    "datetime_type": lambda c: Message("Input should be a valid datetime"),
    "model_type": lambda c: Message("Input should be a valid dictionary or instance of %(class_name)s",
                                    class_name=c["class_name"]),
    "model_attributes_type": lambda c: Message("Input should be a valid dictionary or object to extract fields from"),
    "int_parsing": lambda c: Message("Input should be a valid integer, unable to parse string as an integer"),
    "float_parsing": lambda c: Message("Input should be a valid number, unable to parse string as a number"),
    "int_from_float": lambda c: Message("Input should be a valid integer, got a number with a fractional part"),
    "finite_number": lambda c: Message("Input should be a finite number"),
    "timezone_aware": lambda c: Message("Input should have timezone info"),
    "date_parsing": lambda c: Message("Input should be a valid date in the format YYYY-MM-DD, %(error)s",
                                      error=_detail(c["error"])),
    "date_from_datetime_parsing": lambda c: Message("Input should be a valid date or datetime, %(error)s",
                                                    error=_detail(c["error"])),
    "datetime_parsing": lambda c: Message("Input should be a valid datetime, %(error)s", error=_detail(c["error"])),
    "datetime_from_date_parsing": lambda c: Message("Input should be a valid datetime or date, %(error)s",
                                                    error=_detail(c["error"])),
    "url_parsing": lambda c: Message("Input should be a valid URL, %(error)s", error=str(c["error"])),
    "union_tag_invalid": lambda c: Message("Input tag '%(tag)s' found using %(discriminator)s does not match any of "
                                           "the expected tags: %(expected_tags)s", tag=c["tag"],
                                           discriminator=c["discriminator"], expected_tags=c["expected_tags"]),
    "union_tag_not_found": lambda c: Message("Unable to extract tag using discriminator %(discriminator)s",
                                             discriminator=c["discriminator"]),
    "string_pattern_mismatch": lambda c: Message("String should match pattern '%(pattern)s'", pattern=c["pattern"]),
}
"""pydantic's own errors that a record's data can meet, each in pydantic's words (``msg``) with its context as the
parameters: said in the reader's language in the editor. A type not here is told as pydantic says it."""


def _allowed_keys(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names allowed in the mapping that holds ``path``."""
    current: type[BaseModel] | None = model
    for part in path[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X``, ``X | None`` or ``list[X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class ModelError:
    """A pydantic error in terms of the data: where it lies (``found``: a path that exists in the data, and
    whether at its key), the field it is about (``path``: a missing field is about the field, found at the
    mapping that lacks it), and what is wrong."""

    found: FieldPath
    at_key: bool
    path: FieldPath
    message: str


def model_errors(error: ValidationError, model: type[BaseModel], data: Any) -> Iterator[ModelError]:
    """Each pydantic error of validating ``data`` with ``model``."""
    for item in error.errors():
        found = _data_path(data, item["loc"])
        missing = item["type"] == "missing"
        yield ModelError(found, missing or item["type"] == "extra_forbidden",
                         (*found, item["loc"][-1]) if missing else found, _message(item, model, found))


def validation_problems(error: ValidationError, model: type[BaseModel], data: Any, file: str,
                        source_map: SourceMap) -> list[Problem]:
    """Each pydantic error as a problem located at the offending key or value."""
    problems = []
    for found in model_errors(error, model, data):
        problems.append(located_problem(file, source_map.locate(found.found, prefer_key=found.at_key), found.path,
                                 found.message))
    return problems
