"""What a researcher gives of themselves (registration, profile, a new password), checked field by field: every
value the forms take passes here first, and each refusal names its field in the researcher's language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import validators
from babel import Locale, UnknownLocaleError

from catalogue.errors import ResearcherFormError
from catalogue.messages import Message
from catalogue.store.accounts import MAX_PASSWORD
from catalogue.store.passwords import MIN_PASSWORD_LENGTH

MOST_TEXT = 200
"""Characters of a name or an organisation, at most."""
MOST_EMAIL = 254
"""Characters of an address, at most (RFC 5321's path limit)."""
PROFILE_MESSAGES = ("This field is required.", "At most %(count)s characters.", "Remove the control characters.",
                    "Choose a country from the list.",
                    "This is not an ORCID iD (such as 0000-0002-1825-0097): check its digits.",
                    "Choose one of the languages offered.", "This is not an e-mail address.",
                    "A password has at least %(count)s characters.", "A password has at most %(count)s characters.",
                    "The two passwords differ.")
"""What the checks of a researcher's fields say (translated by the interface catalogues)."""
ORCID = re.compile(r"^(?:https?://orcid\.org/)?([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X])$")
LOCAL_PART = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$")
"""An address's part before ``@``: a dot-atom (RFC 5322), never quoted (``"victim"@`` and ``victim@`` are one
mailbox: they must not be two accounts)."""
NOT_COUNTRIES = frozenset({"AC", "CP", "DG", "EA", "IC", "TA", "ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"})
"""Codes CLDR names that are no country of ISO 3166-1 (exceptional reservations, groupings, private use)."""
JOINERS = frozenset({"\u200c", "\u200d"})
"""The zero-width non-joiner and joiner: format characters that Persian, Hindi or Sinhala names need."""


@dataclass(frozen=True)
class Profile:
    name: str
    organisation: str
    country: str
    """ISO 3166-1 alpha-2."""
    orcid: str | None
    language: str


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    return {code: name for code, name in locale.territories.items()
            if len(code) == 2 and code.isascii() and code.isalpha() and code not in NOT_COUNTRIES}


def countries(language: str) -> list[tuple[str, str]]:
    """The countries (ISO 3166-1 alpha-2 codes) with their names in ``language``, in the order of their names."""
    return sorted(_territories(language).items(), key=lambda item: item[1].casefold())


def orcid_checked(value: str) -> str | None:
    """The ORCID iD of ``value`` (bare, or as its https://orcid.org/ address) when its check digit (ISO 7064
    11-2) is right; else ``None``."""
    found = ORCID.match(value.strip().upper().replace("HTTPS://ORCID.ORG/", "https://orcid.org/")
                        .replace("HTTP://ORCID.ORG/", "https://orcid.org/"))
    if found is None:
        return None
    identifier = found.group(1)
    digits = identifier.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return identifier if digits[-1] == ("X" if check == 10 else str(check)) else None


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split()))


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") and c not in JOINERS for c in value)


def checked_profile(fields: Mapping[str, str], languages: list[str]) -> Profile:
    """A profile from a form's fields (``name``, ``organisation``, ``country``, ``orcid``, ``language``)."""
    problems: dict[str, Message] = {}
    texts = {}
    for field in ("name", "organisation"):
        value = _text(fields.get(field, ""))
        if not value:
            problems[field] = Message("This field is required.")
        elif len(value) > MOST_TEXT:
            problems[field] = Message("At most %(count)s characters.", count=MOST_TEXT)
        elif has_control_characters(value):
            problems[field] = Message("Remove the control characters.")
        texts[field] = value
    country = fields.get("country", "").strip()
    country = country.upper() if country.isascii() else ""
    if country not in _territories("en"):
        problems["country"] = Message("Choose a country from the list.")
    given_orcid = fields.get("orcid", "").strip()
    orcid = orcid_checked(given_orcid) if given_orcid else None
    if given_orcid and orcid is None:
        problems["orcid"] = Message("This is not an ORCID iD (such as 0000-0002-1825-0097): check its digits.")
    language = fields.get("language", "")
    if language not in languages:
        problems["language"] = Message("Choose one of the languages offered.")
    if problems:
        raise ResearcherFormError(problems)
    return Profile(texts["name"], texts["organisation"], country, orcid, language)


def checked_email(value: str) -> str:
    """The address, lower-cased (the account's name), or a refusal at field ``email``."""
    email = value.strip().lower()
    if len(email) > MOST_EMAIL or has_control_characters(email) or not LOCAL_PART.match(email.rpartition("@")[0]) \
            or validators.email(email) is not True:
        raise ResearcherFormError({"email": Message("This is not an e-mail address.")})
    return email


def checked_password(password: str, repeated: str) -> str:
    """A new password, given twice alike, of the length a password has; or a refusal at field ``password``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ResearcherFormError({"password": Message("A password has at least %(count)s characters.",
                                                       count=MIN_PASSWORD_LENGTH)})
    if len(password) > MAX_PASSWORD:
        raise ResearcherFormError({"password": Message("A password has at most %(count)s characters.",
                                                       count=MAX_PASSWORD)})
    if password != repeated:
        raise ResearcherFormError({"password_again": Message("The two passwords differ.")})
    return password
