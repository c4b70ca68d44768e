"""A small streaming XML writer: elements are written as they come, with correct escaping.

lxml's ``etree.xmlfile`` was measured at 1.35 s for 100,000 SDMX codes (seven elements each),
twice the time pysdmx needs to build and write the same codelist in one language; writing the
markup as strings takes 0.4 s. Output is checked with lxml against the official schemas in tests.
"""

from __future__ import annotations

import io
import re
from typing import IO

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile("[&<>\"\n\t\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_characters(value: str) -> None:
    if _INVALID_XML.search(value):
        raise ValueError(f"text holds a character XML 1.0 does not allow: {value!r}")


def escape_text(value: str) -> str:
    """Character data: ``&``, ``<``, ``>`` escaped, ``\\r`` kept as a reference."""
    if not _TEXT_SPECIAL.search(value):
        return value
    _check_characters(value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attribute(value: str) -> str:
    """An attribute value for double quotes; white space other than spaces kept as references."""
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    return escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def attributes_markup(attributes: dict[str, str] | None) -> str:
    if not attributes:
        return ""
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in attributes.items())


class XmlWriter:
    """Writes UTF-8 XML to a binary stream; tags are given with their prefixes (``str:Code``)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
        self._open: list[str] = []
        self.write = self._out.write
        """Write markup that the caller has already escaped."""

    def declaration(self) -> None:
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n')

    def start(self, tag: str, attributes: dict[str, str] | None = None) -> None:
        self.write(f"<{tag}{attributes_markup(attributes)}>")
        self._open.append(tag)

    def end(self) -> None:
        self.write(f"</{self._open.pop()}>")

    def leaf(self, tag: str, text: str | None = None, attributes: dict[str, str] | None = None) -> None:
        if text is None:
            self.write(f"<{tag}{attributes_markup(attributes)}/>")
        else:
            self.write(f"<{tag}{attributes_markup(attributes)}>{escape_text(text)}</{tag}>")

    def element(self, tag: str, attributes: dict[str, str] | None = None) -> _Element:
        """``with writer.element("str:Codelist", {...}):`` writes the start and the end tag."""
        return _Element(self, tag, attributes)

    def flush(self) -> None:
        """Pass what is written on to the binary stream (before writing to it directly)."""
        self._out.flush()

    def finish(self) -> None:
        """Close what is open, flush, and leave the binary stream open for the caller."""
        if self._open:
            raise RuntimeError(f"unclosed elements: {self._open}")
        self._out.flush()
        self._out.detach()


class _Element:
    __slots__ = ("writer", "tag", "attributes")

    def __init__(self, writer: XmlWriter, tag: str, attributes: dict[str, str] | None) -> None:
        self.writer, self.tag, self.attributes = writer, tag, attributes

    def __enter__(self) -> None:
        self.writer.start(self.tag, self.attributes)

    def __exit__(self, *exc: object) -> None:
        self.writer.end()
