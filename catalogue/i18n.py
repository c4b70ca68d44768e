"""The interface in the catalogue's languages: gettext catalogues, writing direction, language names.

Interface strings (and the labels of controlled values that the mappings do not give in a language)
are translated with gettext. The package ships ``locale/<language>.po`` for the six official
languages of the United Nations; an office adds a language, or overrides any string, with
``i18n/<language>.po`` in its records folder, without touching the installed package. The ``.po``
files are compiled in memory when first used.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

INTERFACE_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
"""Languages whose interface ships with the package: the six official languages of the United Nations."""
OFFICE_FOLDER = "i18n"
"""The folder of a records folder where an office keeps its own ``<language>.po`` files."""


def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def month_name(moment: datetime, language: str) -> str:
    """A month and year as the language writes them standing alone ("mars 2027", "March 2027")."""
    from babel.dates import format_date

    locale = _locale(language) or Locale("en")
    text = format_date(moment, "LLLL yyyy", locale=locale)
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=256)
def direction(language: str) -> str:
    """``rtl`` for a language written right to left (from CLDR through Babel), else ``ltr``."""
    locale = _locale(language)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


@lru_cache(maxsize=256)
def autonym(language: str) -> str:
    """The language's name in itself (``Español``, ``العربية``, ``中文``), or its tag if CLDR does not know it."""
    locale = _locale(language)
    name = locale.get_display_name(locale) if locale is not None else None
    return name[:1].upper() + name[1:] if name else language


def _candidates(language: str) -> list[str]:
    """``zh-Hans-CN`` → ``zh-Hans-CN``, ``zh-Hans``, ``zh``: the most precise catalogue wins."""
    parts = language.split("-")
    return ["-".join(parts[:size]) for size in range(len(parts), 0, -1)]


def _read_catalog(text: bytes, locale: str) -> Catalog:
    return read_po(io.BytesIO(text), locale=None, domain="site")


def _package_po(language: str) -> bytes | None:
    resource = resources.files("catalogue").joinpath("locale", f"{language}.po")
    return resource.read_bytes() if resource.is_file() else None


@lru_cache(maxsize=64)
def _compiled(language: str, office: tuple[str, ...]) -> NullTranslations:
    """The package's catalogue for ``language`` with the office's files merged over it."""
    merged: Catalog | None = None
    sources = [_package_po(candidate) for candidate in reversed(_candidates(language))]
    sources += [Path(path).read_bytes() for path in office]
    for source in sources:
        if source is None:
            continue
        catalog = _read_catalog(source, language)
        if merged is None:
            merged = catalog
            continue
        for message in catalog:
            if message.id and message.string:
                if message.id in merged:
                    del merged[message.id]  # babel would keep the older translation
                merged[message.id] = message
    if merged is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(fp=buffer, domain="site")


def office_files(records: Path | None, language: str) -> tuple[str, ...]:
    """The office's ``.po`` files that apply to ``language`` (least precise first)."""
    if records is None:
        return ()
    folder = records / OFFICE_FOLDER
    return tuple(str(folder / f"{candidate}.po") for candidate in reversed(_candidates(language))
                 if (folder / f"{candidate}.po").is_file())


def translations(language: str, records: Path | None = None) -> NullTranslations:
    """gettext translations of the interface into ``language`` (English where nothing is translated)."""
    return _compiled(language, office_files(records, language))


class TextOnly:
    """Translations for templates whose every string is text, never markup: what a ``.po`` file says (an office's
    ``i18n/`` included) is escaped in a page, so a translation cannot add an element or a script."""

    def __init__(self, translations: NullTranslations) -> None:
        self.translations = translations

    def gettext(self, message: str) -> Markup:
        return escape(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        return escape(self.translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> Markup:
        return escape(self.translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        return escape(self.translations.npgettext(context, singular, plural, n))


def label(text: dict[str, str] | None, language: str, gettext: NullTranslations) -> str | None:
    """A controlled value's label: the mapping's own text in ``language``, else the English label
    translated by the interface catalogues, else English."""
    if not text:
        return None
    return text.get(language) or gettext.gettext(text.get("en") or next(iter(text.values())))


def in_languages(text: dict[str, str] | None, languages: Iterable[str]) -> dict[str, str] | None:
    """A controlled value's label in a catalogue's languages, in its order: the mapping's own text, else the
    interface's translation of the English label; English alone where neither gives any (never a language the
    catalogue does not have beside the ones it has)."""
    if not text:
        return text
    found: dict[str, str] = {}
    english = text.get("en")
    for language in languages:
        if text.get(language):
            found[language] = text[language]
        elif english and (translated := translations(language).gettext(english)) != english:
            found[language] = translated
    return found or ({"en": english} if english else dict(text))


def untranslated(language: str, msgids: Iterable[str]) -> list[str]:
    """The interface strings the package does not translate into ``language`` (for tests and reports)."""
    gettext = translations(language)
    return [msgid for msgid in msgids if language != "en" and gettext.gettext(msgid) == msgid]
