"""Local tabular data files read with their declared dialect (delimiter, quote, header, encoding).

Every reader of an office's data file goes through here: the data checks, the copy into a site or a
Data Package, and the column guard that keeps confidential columns out of public outputs.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from catalogue.errors import DataFileError
from catalogue.messages import Message
from catalogue.model import Distribution
from catalogue.model.types import ascii_visible
from catalogue.vocab import Vocabulary

csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class TableDialect:
    """The resolved dialect of one file."""

    delimiter: str
    quote_char: str
    header: bool
    encoding: str

    @property
    def python_encoding(self) -> str:
        """UTF-8 is read with its optional byte-order mark removed: the mark is not part of the first column."""
        return "utf-8-sig" if self.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else self.encoding

    def descriptor(self) -> dict[str, object]:
        """The Table Dialect of Data Package v2, with only what differs from its defaults."""
        result: dict[str, object] = {}
        if self.delimiter != ",":
            result["delimiter"] = self.delimiter
        if self.quote_char != '"':
            result["quoteChar"] = self.quote_char
        if not self.header:
            result["header"] = False
        return result


def is_tabular(distribution: Distribution, vocab: Vocabulary) -> bool:
    """A distribution whose local file is a table (read as text, checked, columns guarded)."""
    return vocab.file_formats[distribution.format].tabular


def dialect_of(distribution: Distribution, vocab: Vocabulary) -> TableDialect:
    declared = distribution.dialect
    default = vocab.file_formats[distribution.format].delimiter or ","
    return TableDialect(
        delimiter=(declared.delimiter if declared and declared.delimiter else default),
        quote_char=declared.quote_char if declared else '"',
        header=declared.header if declared else True,
        encoding=declared.encoding if declared else "utf-8",
    )


def _line_of_byte(path: Path, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in bytes) of a byte offset."""
    with path.open("rb") as stream:
        before = stream.read(offset)
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _reader(stream: Iterable[str], dialect: TableDialect) -> Iterator[list[str]]:
    return csv.reader(stream, delimiter=dialect.delimiter, quotechar=dialect.quote_char, strict=False)


def rows(path: Path, dialect: TableDialect) -> Iterator[list[str]]:
    """Every row of the file (the header row included when there is one), as text.

    Raises ``DataFileError`` when the bytes are not in the declared encoding or the file cannot be read.
    """
    text_codec(path, dialect)
    try:
        with path.open(encoding=dialect.python_encoding, newline="") as stream:
            yield from _reader(stream, dialect)
    except UnicodeDecodeError:
        check_encoding(path, dialect)
        raise
    except OSError as error:
        raise DataFileError(path, Message("cannot read the file: %(error)s", error=str(error.strerror or error))) \
            from None
    except csv.Error as error:
        raise DataFileError(path, Message("not readable as delimited text: %(error)s", error=str(error))) from None


def columns(path: Path, dialect: TableDialect, variable_ids: list[str]) -> list[str]:
    """The column names of the file: its header row, or the variables in their order when it has none."""
    check_encoding(path, dialect)
    if not dialect.header:
        return list(variable_ids)
    for row in rows(path, dialect):
        return row
    return []


def text_codec(path: Path, dialect: TableDialect) -> codecs.CodecInfo:
    """The codec of the declared encoding; ``DataFileError`` for one that is not of text (the records refuse it, but
    a reader never trusts that they were checked)."""
    try:
        codec = codecs.lookup(dialect.python_encoding)
    except LookupError:
        codec = None
    if codec is None or not getattr(codec, "_is_text_encoding", True):
        raise DataFileError(path, Message("'%(encoding)s' is not a character encoding", encoding=dialect.encoding))
    return codec


def check_encoding(path: Path, dialect: TableDialect) -> None:
    """Raise ``DataFileError`` at the first byte that is not in the declared encoding."""
    decoder = text_codec(path, dialect).incrementaldecoder()
    offset = 0
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    _not_encoded(path, dialect, offset + error.start)
                offset += len(block)
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as error:
                _not_encoded(path, dialect, offset + error.start)
    except OSError as error:
        raise DataFileError(path, Message("cannot read the file: %(error)s", error=str(error.strerror or error))) \
            from None


def _not_encoded(path: Path, dialect: TableDialect, offset: int) -> None:
    line, column = _line_of_byte(path, offset)
    raise DataFileError(path, Message("not %(encoding)s text (byte %(byte)s, line %(line)s, column %(column)s); "
                                      "declare its encoding in the distribution's dialect (e.g. dialect: {encoding: "
                                      "latin-1})", encoding=dialect.encoding, byte=offset + 1, line=line,
                                      column=column), line, column)


@dataclass(frozen=True)
class ColumnPlan:
    """What may be published of a file: the positions of the columns to drop (confidential ones)."""

    header: list[str]
    hidden: list[int]


def plan_columns(path: Path, dialect: TableDialect, dataset_id: str, variable_ids: list[str],
                 confidential: frozenset[str]) -> ColumnPlan:
    """Compare the header with the variables, exactly: every column must be a declared variable.

    A column that is not a variable (``EDIT_FLAG ``, ``edit_flag``, a stray byte-order mark) or that
    appears twice is an error: the file cannot be published at all. The positions of confidential
    variables are returned for the caller to refuse or strip.
    """
    header = columns(path, dialect, variable_ids)
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name not in variable_ids:
            raise DataFileError(path, Message("column %(index)s '%(name)s' is not a variable of %(dataset)s (names are "
                                              "compared exactly); a file with an undeclared column is never "
                                              "published", index=index, name=ascii_visible(name), dataset=dataset_id),
                                1, index)
        if name in seen:
            raise DataFileError(path, Message("column %(index)s '%(name)s' appears twice", index=index, name=name),
                                1, index)
        seen.add(name)
    hidden = [index for index, name in enumerate(header) if name in confidential]
    return ColumnPlan(header, hidden)


def write_without(path: Path, target: Path, dialect: TableDialect, hidden: list[int]) -> None:
    """Copy a table without the columns at ``hidden``, in the same dialect."""
    drop = set(hidden)
    encoding = "utf-8" if dialect.python_encoding == "utf-8-sig" else dialect.encoding
    with target.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, delimiter=dialect.delimiter, quotechar=dialect.quote_char, lineterminator="\n")
        for row in rows(path, dialect):
            writer.writerow([value for index, value in enumerate(row) if index not in drop])
