"""Constrained scalar types shared by every record kind."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

import langcodes
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema
from pydantic import BaseModel

SDMX_ID_PATTERN = r"^[A-Za-z0-9_@$\-]+$"
AGENCY_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*$"
SPDX_ID_PATTERN = r"^[A-Za-z0-9.+\-]+$"
VERSION_PATTERN = r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){0,2}$"
"""One to three numbers without leading zeros: valid in SDMX 2.1, and a release version in 3.0 ("1.1" → "1.1.0")."""
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
CODELIST_URN_PATTERN = (
    r"^urn:sdmx:org\.sdmx\.infomodel\.codelist\.Codelist="
    r"[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*:[A-Za-z0-9_@$\-]+\([0-9A-Za-z.+\-]+\)$"
)


class Record(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_language_tag(tag: str) -> str:
    if not re.match(LANGUAGE_TAG_PATTERN, tag) or not langcodes.tag_is_valid(tag):
        raise ValueError(f"'{tag}' is not a valid BCP 47 language tag (expected e.g. 'en', 'fr', 'pt-BR')")
    return tag


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"'{value}' is not an absolute http(s) URL")
    return value


Id = Annotated[str, Field(pattern=SDMX_ID_PATTERN, min_length=1, max_length=255,
                          description="An SDMX identifier: letters, digits, _ @ $ -")]
AgencyId = Annotated[str, Field(pattern=AGENCY_ID_PATTERN, min_length=1, max_length=255,
                                description="An SDMX agency identifier (may hold dots: 'SDMX', 'NSO.DEMO')")]
LicenceId = Annotated[str, Field(pattern=SPDX_ID_PATTERN, min_length=1,
                                 description="An SPDX licence identifier (e.g. 'CC-BY-4.0') or 'LicenseRef-...'")]
Version = Annotated[str, Field(pattern=VERSION_PATTERN,
                               description="A version valid in SDMX 2.1 and 3.0: '1', '1.0', '2.1.3'")]
LanguageTag = Annotated[str, AfterValidator(_check_language_tag),
                        WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG_PATTERN})]
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]
CodelistUrn = Annotated[str, Field(pattern=CODELIST_URN_PATTERN)]
BureauCode = Annotated[str, Field(pattern=r"^[0-9]{3}:[0-9]{2}$", description="OMB bureau code, e.g. '015:11'")]
ProgramCode = Annotated[str, Field(pattern=r"^[0-9]{3}:[0-9]{3}$", description="Federal program code, e.g. '015:001'")]


def _default_language(info: ValidationInfo) -> str:
    context = info.context or {}
    language = context.get("default_language")
    if not language:
        raise ValueError("a plain text needs the catalogue's default language; give a mapping {language: text}")
    return language


def _multilingual(value: Any, info: ValidationInfo) -> Any:
    """A plain value stands for the catalogue's default language."""
    if isinstance(value, dict):
        return value
    return {_default_language(info): value}


def _non_empty_texts(value: dict[str, Any]) -> dict[str, Any]:
    if not value:
        raise ValueError("give the text in at least one language")
    for language, text in value.items():
        if isinstance(text, str) and not text.strip():
            raise ValueError(f"the '{language}' text is empty")
        if isinstance(text, list) and any(not word.strip() for word in text):
            raise ValueError(f"a '{language}' keyword is empty")
    return value


_TEXT_SCHEMA = {
    "description": "A text: a plain string in the catalogue's default language, or {language tag: text}",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "minProperties": 1,
         "propertyNames": {"pattern": LANGUAGE_TAG_PATTERN},
         "additionalProperties": {"type": "string", "minLength": 1}},
    ],
}
_KEYWORDS_SCHEMA = {
    "description": "Keywords: a list in the catalogue's default language, or {language tag: [keyword, ...]}",
    "anyOf": [
        {"type": "array", "items": {"type": "string", "minLength": 1}},
        {"type": "object", "propertyNames": {"pattern": LANGUAGE_TAG_PATTERN},
         "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}}},
    ],
}

Text = Annotated[dict[LanguageTag, str], BeforeValidator(_multilingual), AfterValidator(_non_empty_texts),
                 WithJsonSchema(_TEXT_SCHEMA)]
"""Human-readable text in one or more languages, stored as {language tag: text}."""

Keywords = Annotated[dict[LanguageTag, list[str]], BeforeValidator(_multilingual), AfterValidator(_non_empty_texts),
                     WithJsonSchema(_KEYWORDS_SCHEMA)]
"""Keywords per language, stored as {language tag: [keyword, ...]}."""
