"""Constrained scalar types shared by every record kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from datetime import date, datetime, timezone
from typing import Annotated, Any
from urllib.parse import urlsplit

import langcodes
import validators
from annotated_types import Ge
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema
from pydantic import BaseModel

from catalogue.messages import Message

SDMX_ID_PATTERN = r"^[A-Za-z0-9_@$\-]+$"
AGENCY_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*$"
SPDX_ID_PATTERN = r"^[A-Za-z0-9.+\-]+$"
VERSION_PATTERN = r"^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8})){0,2}$"
"""One to three numbers without leading zeros: valid in SDMX 2.1, and a release version in 3.0 ("1.1" → "1.1.0")."""
_VERSION_NUMBER = r"(0|[1-9][0-9]{0,8})"
_EXTENSION_PART = r"(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
"""A number, or letters, digits and '-' with at least one non-digit (written so that matching never backtracks)."""
ARTEFACT_VERSION_PATTERN = (rf"^({_VERSION_NUMBER}(\.{_VERSION_NUMBER}){{0,2}}"
                            rf"|{_VERSION_NUMBER}\.{_VERSION_NUMBER}\.{_VERSION_NUMBER}"
                            rf"-{_EXTENSION_PART}(\.{_EXTENSION_PART})*)$")
"""A maintainable artefact's version: as ``VERSION_PATTERN``, or a semantic version with an extension for a version
still changing ("1.3.0-draft"), as SDMX 3.0 allows (``model.versions`` reads them)."""
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
CODELIST_URN_PATTERN = (
    r"^urn:sdmx:org\.sdmx\.infomodel\.codelist\.Codelist="
    r"[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*:[A-Za-z0-9_@$\-]+\([0-9A-Za-z.+\-]+\)$"
)


REFERENCE_AGENCY = r"[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)*"
REFERENCE_ID = r"[A-Za-z0-9_@$\-]+"
REFERENCE_VERSION = r"[0-9A-Za-z.+~*,\-]+"
"""A version or a version query (``model.versions``), as a reference may give it."""
ARTEFACT_REFERENCE_PATTERN = rf"^(?:{REFERENCE_AGENCY}:)?{REFERENCE_ID}(?:\({REFERENCE_VERSION}\))?$"
"""``ID``, ``AGENCY:ID``, ``ID(VERSION)`` or ``AGENCY:ID(VERSION)``, the version possibly a query (a pattern
without named groups: JSON Schema's regular expressions have none)."""
CONCEPT_REFERENCE_PATTERN = rf"^(?:(?:{REFERENCE_AGENCY}:)?{REFERENCE_ID}(?:\({REFERENCE_VERSION}\))?\.)?{REFERENCE_ID}$"
"""``CONCEPT``, or a concept scheme's reference, a dot and the concept's id."""


class Record(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@lru_cache(maxsize=64)
def _order_of(default_language: str | None, languages: tuple[str, ...]) -> Callable[[str], tuple[int, str]]:
    return language_order(default_language, languages)


@lru_cache(maxsize=4096)
def _is_language_tag(tag: str) -> bool:
    """Checked once per distinct tag (a catalogue uses a handful, in every text of every record)."""
    return bool(re.match(LANGUAGE_TAG_PATTERN, tag)) and langcodes.tag_is_valid(tag)


def _check_language_tag(tag: str) -> str:
    if not _is_language_tag(tag):
        raise ValueError(Message("'%(tag)s' is not a valid BCP 47 language tag (expected e.g. 'en', 'fr', 'pt-BR')",
                                 tag=tag))
    return tag


_HOST = re.compile(r"^([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[^\s/?#@:\[\]<>\"{}|\\^`%]+)$")
"""A host name (any script) or an IP address; ``urlsplit`` has already removed the brackets of IPv6."""


_SPACE = re.compile(r"\s")


_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::([0-9]{1,5}))?(?:[/?#][\x21-\x7e]*)?")
"""A URL of plain ASCII with a host name: one that the full check below accepts (checked at once, as most are)."""


def check_url(value: str) -> str:
    """An absolute http(s) URL whose host is a name or an address; the rest is percent-encoded into
    an IRI where needed, the same way in every serialization."""
    if not (_is_plain_url(value) or _is_http_url(value)):
        raise ValueError(Message("%(value)s is not an absolute http(s) URL", value=shown(value)))
    return value


def _is_plain_url(value: str) -> bool:
    """A URL of plain ASCII with a host name, which ``_is_http_url`` accepts: told at once (most URLs are)."""
    plain = _PLAIN_URL.fullmatch(value)
    return plain is not None and int(plain.group(1) or 0) <= 65535


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    return bool(parts.scheme in ("http", "https") and parts.hostname and _HOST.match(parts.hostname)
                and value.isprintable() and not _SPACE.search(value))


# -- strict scalars ----------------------------------------------------------------------------------
# Record files hold text; pydantic's lax mode would read "2099" as Unix seconds (an embargo lifted in
# 1970), "yes" as true and "inf" as a number. Each scalar type accepts only its own written form.

ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ISO_DATETIME_TZ_PATTERN = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
                           r"([Zz]|[+-][0-9]{2}:[0-9]{2})$")
_BOOLEANS = {"true": True, "false": False}
_INTEGER = re.compile(r"^[-+]?[0-9]+$")
_NUMBER = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def shown(value: Any) -> str:
    """A value as it is echoed in a message: quoted, control characters visible, one line."""
    return ascii_visible(repr(value) if not isinstance(value, str) else f"'{value}'")


def ascii_visible(text: str) -> str:
    """Control characters (line breaks, terminal escapes, bidi overrides) as escapes: a message stays one
    line and cannot forge another one or recolour a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def _strict_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.match(ISO_DATE_PATTERN, value):
        return value
    raise ValueError(Message("%(value)s is not an ISO 8601 date: write YYYY-MM-DD, e.g. 2021-06-30",
                             value=shown(value)))


def _strict_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.match(ISO_DATETIME_TZ_PATTERN, value):
        return value
    raise ValueError(Message("%(value)s is not an ISO 8601 date and time with a time zone: write e.g. "
                             "2022-06-20T10:00:00+01:00 or 2022-06-20T09:00:00Z", value=shown(value)))


def _strict_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOLEANS:
        return _BOOLEANS[value.lower()]
    raise ValueError(Message("%(value)s is not a boolean: write true or false", value=shown(value)))


def _strict_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.match(value):
        return int(value)
    raise ValueError(Message("%(value)s is not an integer (a whole number)", value=shown(value)))


def _strict_number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) != float("inf"):
        return value
    if isinstance(value, str) and _NUMBER.match(value):
        number = int(value) if _INTEGER.match(value) else float(value)
        if number == number and abs(number) != float("inf"):  # "1e400" is a number's text, but not a finite one
            return number
    raise ValueError(Message("%(value)s is not a finite number", value=shown(value)))


IsoDate = Annotated[date, BeforeValidator(_strict_date)]
"""A calendar date, written YYYY-MM-DD."""
def _in_range(value: datetime) -> datetime:
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(Message("%(value)s is out of range once converted to UTC", value=value.isoformat())) \
            from None
    return value


IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_strict_datetime), AfterValidator(_in_range)]
"""A moment, written as an ISO 8601 date and time with its time zone."""
Boolean = Annotated[bool, BeforeValidator(_strict_bool)]
"""true or false, nothing else."""
WholeNumber = Annotated[int, BeforeValidator(_strict_int)]
"""A whole number written in decimal digits."""
NonNegativeWholeNumber = Annotated[int, Ge(0), BeforeValidator(_strict_int)]
"""A whole number, zero or more."""
Number = Annotated[int | float, BeforeValidator(_strict_number)]
"""A finite number."""


Id = Annotated[str, Field(pattern=SDMX_ID_PATTERN, min_length=1, max_length=255,
                          description="An SDMX identifier: letters, digits, _ @ $ -")]
AgencyId = Annotated[str, Field(pattern=AGENCY_ID_PATTERN, min_length=1, max_length=255,
                                description="An SDMX agency identifier (may hold dots: 'SDMX', 'NSO.DEMO')")]
LicenceId = Annotated[str, Field(pattern=SPDX_ID_PATTERN, min_length=1,
                                 description="An SPDX licence identifier (e.g. 'CC-BY-4.0') or 'LicenseRef-...'")]
Version = Annotated[str, Field(pattern=VERSION_PATTERN,
                               description="A version valid in SDMX 2.1 and 3.0: '1', '1.0', '2.1.3'")]
ArtefactVersion = Annotated[str, Field(
    pattern=ARTEFACT_VERSION_PATTERN, max_length=64,
    description="'1.0' (SDMX 2.1), '1.2.0' (SDMX 3.0); a version still changing has an extension: '1.3.0-draft'. "
                "A stable version (no extension, major above 0) cannot change once published")]
LanguageTag = Annotated[str, AfterValidator(_check_language_tag),
                        WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG_PATTERN})]
Url = Annotated[str, AfterValidator(check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
_DCAT_US_EMAIL = re.compile(r"^[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?$")
"""The address part of DCAT-US's ``hasEmail`` pattern."""


def _check_email(value: str) -> str:
    if validators.email(value) is not True or not _DCAT_US_EMAIL.match(value):
        raise ValueError(Message("%(value)s is not an email address (as frictionless and mail software read it: "
                                 "no spaces, no '..', a domain with a dot)", value=shown(value)))
    return value


Email = Annotated[str, Field(pattern=EMAIL_PATTERN), AfterValidator(_check_email)]
TELEPHONE_PATTERN = r"^\+?[0-9][0-9 ().\-/]{2,30}$"
Telephone = Annotated[str, Field(pattern=TELEPHONE_PATTERN, description="A telephone number, e.g. '+352 247 84219'")]
CodelistUrn = Annotated[str, Field(pattern=CODELIST_URN_PATTERN)]
CodelistReference = Annotated[str, Field(pattern=ARTEFACT_REFERENCE_PATTERN, min_length=1, max_length=512,
                                         description="A codelist: 'CL_SEX', 'SDMX:CL_FREQ' or 'SDMX:CL_FREQ(2.1)'")]
SdmxNcName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=255)]
"""An id SDMX-ML writes (NCName): a letter, then letters, digits, '_' and '-'."""
StructureReference = Annotated[str, Field(pattern=ARTEFACT_REFERENCE_PATTERN, min_length=1, max_length=512,
                                          description="A data structure: 'DSD_LFS', 'NSO:DSD_LFS' or "
                                                      "'NSO:DSD_LFS(1.0)'")]
ConceptReference = Annotated[str, Field(pattern=CONCEPT_REFERENCE_PATTERN, min_length=1, max_length=512,
                                        description="A concept: 'SEX', or in a scheme: 'CS_DEMO.SEX', "
                                                    "'SDMX:CROSS_DOMAIN_CONCEPTS(2.0).FREQ'")]

_MEDIA_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]{0,126}"
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z\-]+"
MEDIA_TYPE_PATTERN = (rf"^{_MEDIA_NAME}/{_MEDIA_NAME}"
                      rf'( *; *{_TOKEN}=({_TOKEN}|"([ !#-\[\]-~]|\\[ -~])*"))*$')
"""A media type as RFC 6838 names it and RFC 9110 writes it: ``type/subtype`` and parameters, in visible ASCII."""
MediaType = Annotated[str, Field(pattern=MEDIA_TYPE_PATTERN, max_length=255)]
BureauCode = Annotated[str, Field(pattern=r"^[0-9]{3}:[0-9]{2}$", description="OMB bureau code, e.g. '015:11'")]
ProgramCode = Annotated[str, Field(pattern=r"^[0-9]{3}:[0-9]{3}$", description="Federal program code, e.g. '015:001'")]


def _default_language(info: ValidationInfo) -> str:
    context = info.context or {}
    language = context.get("default_language")
    if not language:
        raise ValueError(Message("a plain text needs the catalogue's default language; give a mapping "
                                 "{language: text}"))
    return language


def _multilingual(value: Any, info: ValidationInfo) -> Any:
    """A plain value stands for the catalogue's default language."""
    if isinstance(value, dict):
        return value
    return {_default_language(info): value}


class TextLanguages:
    """Told, while one record is validated (as ``text_languages`` in the context): whether every text it holds is
    in exactly the catalogue's languages. The integrity rule on languages has nothing to say of such a record."""

    def __init__(self, languages: Iterable[str]) -> None:
        self.languages = frozenset(languages)
        self.all_exact = True


def language_order(default_language: str | None, languages: Iterable[str]) -> Callable[[str], tuple[int, str]]:
    """The catalogue's order of languages, as a sort key: its default language, then its other languages as it
    lists them, then any other language alphabetically."""
    ranks = {language: rank for rank, language in enumerate(dict.fromkeys(
        [*([default_language] if default_language else []), *languages]))}
    return lambda language: (ranks.get(language, len(ranks)), language)


def in_language_order(value: dict[str, Any], key: Callable[[str], tuple[int, str]]) -> dict[str, Any]:
    """A text with its languages in the catalogue's order (whatever order a file or a store gave them in)."""
    ordered = sorted(value, key=key)
    return value if list(value) == ordered else {language: value[language] for language in ordered}


def _non_empty_texts(value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    context = info.context or {}
    if context.get("languages"):  # the catalogue's order (without it, as given: the catalogue record orders its own)
        value = in_language_order(value, _order_of(context.get("default_language"), tuple(context["languages"])))
    if not value:
        raise ValueError(Message("give the text in at least one language"))
    for language, text in value.items():
        if isinstance(text, str) and not text.strip():
            raise ValueError(Message("the '%(language)s' text is empty", language=language))
        if isinstance(text, list) and any(not word.strip() for word in text):
            raise ValueError(Message("a '%(language)s' keyword is empty", language=language))
    tally = info.context.get("text_languages") if info.context else None
    if tally is not None and value.keys() != tally.languages:
        tally.all_exact = False
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
