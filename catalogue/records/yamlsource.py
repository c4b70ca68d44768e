"""Safe YAML reading that keeps the line and column of every key and value.

Only plain data is accepted: mappings, sequences and scalars, with no custom tags, no aliases
(no "billion laughs"), no duplicate keys, and limits on size and depth. Scalars are kept as
text (``null`` becomes ``None``); the model converts them to numbers, dates or booleans, so
``version: 1.10`` stays ``"1.10"`` and ``no`` stays the language tag it is meant to be.

Files are composed by libyaml (PyYAML's C composer, with the marks of every node); scalars are not
resolved by its YAML 1.1 rules: a plain scalar is null when YAML 1.2's core schema says so, text
otherwise, and an explicit tag must be one of the core schema's. A file libyaml refuses is read again
by ruamel.yaml (YAML 1.2, pure Python), which either reads it (YAML 1.2 allows a few plain scalars
that YAML 1.1 does not, such as ``:0``) or gives the error with its position.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedYAMLError
from ruamel.yaml.error import YAMLError as RuamelYAMLError
from ruamel.yaml.reader import ReaderError as RuamelReaderError
from yaml.error import YAMLError
from yaml.nodes import ScalarNode

from catalogue.errors import FieldPath, Position, YamlProblem
from catalogue.messages import Message
from catalogue.model.types import ascii_visible
from catalogue.records.parsecache import KeptPositions, cache_folder, cached, entry_path, is_kept, keep, positions
from catalogue.support.processes import BrokenProcessPool, available_cores, fans_out, process_pool


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
"""The plain scalars YAML 1.2's core schema reads as null."""


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer (PyYAML's pure one where libyaml is missing), resolving implicit scalars by
    YAML 1.2 (null or text) instead of YAML 1.1 (where ``no`` is false and ``=`` a special key)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _CORE + "null" if implicit[0] and value in _NULLS else _CORE + "str"
        return str(super().resolve(kind, value, implicit))


NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0 cannot carry, even as references: no text of a record may hold them."""


Node = Any
"""A composed node of either reader (PyYAML's or ruamel.yaml's: the same shape, ``id`` names its kind)."""


def _not_in_xml(char: str) -> Message:
    """What is said of a character XML cannot carry."""
    if unicodedata.category(char) == "Cc":
        return Message("control character U+%(code)s is not allowed (XML 1.0, and so DCAT and SDMX, cannot carry it)",
                       code=f"{ord(char):04X}")
    return Message("character U+%(code)s is not allowed (XML 1.0, and so DCAT and SDMX, cannot carry it)",
                   code=f"{ord(char):04X}")


def _check_characters(text: str, node: Node, path: FieldPath, found_so_far: list["YamlProblem"]) -> None:
    found = NOT_IN_XML.search(text)
    if found:
        found_so_far.append(YamlProblem(_not_in_xml(found.group(0)), _position(node), path))


@dataclass
class SourceMap:
    """Where each key and each value of a document stands in its file."""

    keys: dict[FieldPath, Position] = field(default_factory=dict)
    values: dict[FieldPath, Position] = field(default_factory=dict)
    in_order: list[int] = field(default_factory=list, repr=False, compare=False)
    """Of a file just parsed: the key's and the value's line and column (0 where there is none) of every field
    path in document order, as the parse cache keeps them."""

    def locate(self, path: FieldPath, prefer_key: bool = False) -> Position:
        """The position of the deepest known part of ``path``.

        A value on its key's line is located at the value; a block value (a mapping or a list
        under its key) at its key; ``prefer_key`` always takes the key.
        """
        for depth in range(len(path), -1, -1):
            key, value = self.positions_of(path[:depth])
            if key and (prefer_key or value is None or value.line != key.line):
                return key
            if value:
                return value
        return Position(1, 1)

    def positions_of(self, path: FieldPath) -> tuple[Position | None, Position | None]:
        """The position of the key and of the value at ``path``, where known."""
        return self.keys.get(path), self.values.get(path)


def _position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Turns a composed node tree into plain data plus a source map."""

    def __init__(self, check_characters: bool = True) -> None:
        self.source_map = SourceMap()
        self._seen: set[int] = set()
        self._check_characters = check_characters
        """Whether a scalar may hold a character that XML cannot carry (``parse_yaml`` tells when none can)."""
        self.characters: list[YamlProblem] = []
        """Each text holding a character XML cannot carry (all are told, not only the first)."""

    def convert(self, node: Node, path: FieldPath = (), key: Position | None = None) -> Any:
        if len(path) > MAX_DEPTH:
            raise YamlProblem(_too_deep_message(), _position(node))
        if id(node) in self._seen:
            where = self.source_map.keys.get(path, _position(node))
            raise YamlProblem("aliases (*name) are not allowed in record files; write the value out", where)
        self._seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise YamlProblem(f"the tag '{node.tag}' is not allowed; record files hold plain data only",
                              _position(node))
        in_order = self.source_map.in_order
        in_order += (key.line, key.column) if key else (0, 0)
        if node.id != "scalar" or node.value != "" or node.style:  # an empty value has no place: its key locates it
            self.source_map.values[path] = value = _position(node)
            in_order += (value.line, value.column)
        else:
            in_order += (0, 0)
        if node.id == "mapping":
            return self._mapping(node, path)
        if node.id == "sequence":
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _CORE + "null":
            return None
        if self._check_characters:
            _check_characters(str(node.value), node, path, self.characters)
        return str(node.value)

    def _mapping(self, node: Node, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag == _CORE + "null":
                raise YamlProblem("a key must be a plain name", _position(key_node))
            key = str(key_node.value)
            key_path = (*path, key)
            if self._check_characters:
                _check_characters(key, key_node, path, self.characters)
            if key in result:
                first = self.source_map.keys[key_path]
                raise YamlProblem(f"duplicate key '{key}' (first at line {first.line})", _position(key_node))
            self.source_map.keys[key_path] = position = _position(key_node)
            result[key] = self.convert(value_node, key_path, position)
        return result


_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S*)", re.MULTILINE)


def _check_version_directive(text: str) -> None:
    """Only the YAML versions this reader follows (say so before the parser does, in its own words)."""
    for match in _DIRECTIVE.finditer(text):
        if match.group(1) not in ("1.1", "1.2"):
            line = text.count("\n", 0, match.start()) + 1
            raise YamlProblem(f"%YAML {ascii_visible(match.group(1))} is not a YAML version this catalogue reads "
                              "(1.2, or 1.1)", Position(line, 1))


MAX_ENTRIES = 500_000
"""A bound on the work of one record file: about this many lines and flow items (a codelist of 100,000
codes named in two languages holds 400,000; reading 800,000 lines takes about 20 s and 1.2 GB). Above it the
file is refused before it is parsed."""


def _too_deep_message() -> Message:
    return Message("nesting deeper than %(limit)s levels", limit=MAX_DEPTH)


def plain_data_problems(data: Any) -> list[tuple[FieldPath, str]]:
    """What the record reader refuses in a record's data, for data that did not come from a file (the editor's
    forms and API, a suggestion): each key that is not text, value that is not plain data and text holding a
    character XML cannot carry, at its field. Nesting deeper than ``MAX_DEPTH`` or more than ``MAX_ENTRIES``
    values raise ``YamlProblem`` (as the reader refuses such a file), before the rest is looked at."""
    problems: list[tuple[FieldPath, str]] = []
    pending: list[tuple[FieldPath, Any]] = [((), data)]
    entries = 0
    while pending:
        path, value = pending.pop()
        entries += 1
        if entries > MAX_ENTRIES:
            raise YamlProblem(Message("the record holds more than %(limit)s values: split it",
                                      limit=f"{MAX_ENTRIES:,}"))
        if len(path) > MAX_DEPTH:
            raise YamlProblem(_too_deep_message(), None, path[:MAX_DEPTH])
        if isinstance(value, str):
            found = NOT_IN_XML.search(value)
            if found:
                problems.append((path, _not_in_xml(found.group(0))))
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    problems.append((path, Message("a key must be text, not %(key)s",
                                                   key=ascii_visible(repr(key))[:40])))
                    continue
                pending.append(((*path, key), item))
                if NOT_IN_XML.search(key):
                    problems.append(((*path, key), Message("a key holds a character XML cannot carry")))
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))
        elif not (value is None or isinstance(value, (bool, int, float))):
            problems.append((path, Message("not plain data (%(type)s)", type=type(value).__name__)))
    return sorted(problems, key=lambda problem: [(isinstance(part, str), part) for part in problem[0]])


def _position_of_index(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _check_size(text: str) -> None:
    entries = text.count("\n") + text.count(",")
    if entries > MAX_ENTRIES:
        raise YamlProblem(f"the file holds about {entries:,} lines and list items; a record file is limited to "
                          f"{MAX_ENTRIES:,} (split the record, or give its codes in several codelists)",
                          Position(1, 1))


def _too_deep(text: str) -> Position:
    """Where flow brackets or block sequences first nest deeper than allowed (for a parser that gave up)."""
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _position_of_index(text, index)
        elif char in "]}":
            depth -= 1
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) - len(line.lstrip(" -")) > 2 * MAX_DEPTH:
            return Position(number, 2 * MAX_DEPTH + 1)
    return Position(1, 1)


def parse_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document of plain data; raise ``YamlProblem`` with a position if it is not."""
    _check_version_directive(text)
    _check_size(text)
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except (YAMLError, RecursionError) as error:
        if "maximum nesting depth" in str(getattr(error, "problem", "")):  # libyaml's own bound, far above ours:
            raise YamlProblem(_too_deep_message(), _too_deep(text)) from None  # no slower reader tries it again
        node = _compose_yaml_1_2(text)
    finally:
        composer.dispose()
    if node is None:
        raise YamlProblem("the file is empty", Position(1, 1))
    # a character XML cannot carry is in the text, or made by an escape (which needs a backslash); else no scalar
    # can hold one, and none is searched
    converter = _Converter(check_characters="\\" in text or NOT_IN_XML.search(text) is not None)
    data = converter.convert(node)
    if converter.characters:
        first, *others = converter.characters
        raise YamlProblem(first.message, first.position, first.path, others)
    return data, converter.source_map


def _compose_yaml_1_2(text: str) -> Node:
    """ruamel.yaml's composition of a file libyaml refused, or its error as a problem with a position."""
    try:
        return YAML(typ="safe", pure=True).compose(text)
    except RuamelMarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else None
        problem = " ".join(part for part in (error.context, error.problem) if part) or str(error)
        if "'\\t'" in problem or "\t" in (error.problem or ""):
            raise YamlProblem("a tab where YAML expects spaces: indent with spaces only (replace the tab)",
                              position) from None
        raise YamlProblem(f"invalid YAML: {problem}", position) from None
    except RuamelReaderError as error:
        character = chr(error.character) if isinstance(error.character, int) else str(error.character)
        index = error.position
        raise YamlProblem(f"control character U+{ord(character[:1] or ' '):04X} is not allowed in a record file",
                          _position_of_index(text, index)) from None
    except RuamelYAMLError as error:
        raise YamlProblem(f"invalid YAML: {ascii_visible(str(error))}") from None
    except RecursionError:
        raise YamlProblem(_too_deep_message(), _too_deep(text)) from None
    except Exception as error:  # the parser's own failure on odd input is still a problem of the file
        raise YamlProblem(f"invalid YAML: {ascii_visible(str(error))}") from None


def read_yaml_file(path: Path) -> tuple[Any, SourceMap]:
    """Read and parse a record file, refusing huge or non-UTF-8 files."""
    return parse_record_bytes(read_record_bytes(path), path)


def read_record_bytes(path: Path) -> bytes:
    """The bytes of a record file, refusing a huge one."""
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem(f"the file is {size:,} bytes; record files are limited to {MAX_FILE_BYTES:,} bytes")
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while read
        raise YamlProblem(f"the file is over {MAX_FILE_BYTES:,} bytes; record files are limited to that")
    return data


def parse_record_bytes(data: bytes, path: Path, name: str | None = None) -> tuple[Any, SourceMap]:
    """Parse the bytes of the record file ``path`` (kept in the parse cache, taken from it when parsed before;
    ``name``: their name there, when the caller has it already)."""
    found = cached(data, name)
    if found is not None:
        return found[0], _PositionsOnDemand(found[1], path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem(f"the file is not UTF-8 text (byte {error.start + 1}, 0x{data[error.start]:02X}); save it "
                          "as UTF-8", Position(line, column)) from None
    parsed, source_map = parse_yaml(text)
    keep(data, parsed, source_map.in_order, name)
    source_map.in_order = []  # kept: the map itself answers from here on
    return parsed, source_map


def kept_source_map(path: Path, name: str) -> SourceMap:
    """The source map of the record file ``path`` whose bytes have this parse-cache name, parsed before: its
    positions are read from the cache when asked (the file is parsed again if the entry is gone)."""
    return _PositionsOnDemand(entry_path(name), path)


class _PositionsOnDemand(SourceMap):
    """The source map of a file kept in the parse cache: each ``locate`` reads the entry's positions and lets them
    go (a large catalogue's warnings would otherwise keep every file's positions in memory); the file itself is
    parsed again, once, if that entry is gone (or the cache is off: ``entry`` None)."""

    def __init__(self, entry: Path | None, source: Path) -> None:
        super().__init__()
        self._entry = entry
        self._source = source
        self._parsed = False
        self._kept: KeptPositions | None = None

    def locate(self, path: FieldPath, prefer_key: bool = False) -> Position:
        self._kept = positions(self._entry) if self._entry is not None else None
        if self._kept is None:
            self._entry = None
            if not self._parsed:
                self._parsed = True
                try:
                    _, parsed = parse_yaml(self._source.read_bytes().decode("utf-8-sig"))
                    self.keys, self.values = parsed.keys, parsed.values
                except (OSError, UnicodeDecodeError, YamlProblem):
                    pass  # the file changed since: positions unknown (the start of the file)
            return super().locate(path, prefer_key)
        try:
            return super().locate(path, prefer_key)
        finally:
            self._kept = None

    def positions_of(self, path: FieldPath) -> tuple[Position | None, Position | None]:
        if self._kept is None:
            return super().positions_of(path)
        found = self._kept.get(path)
        if found is None:
            return None, None
        key_line, key_column, value_line, value_column = found
        return (Position(key_line, key_column) if key_line else None,
                Position(value_line, value_column) if value_line else None)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_CHUNK = 500
"""Items of a long list emitted at a time: the emitter's node tree is that of a few hundred items, never the
whole list's (a million codes would otherwise take gigabytes)."""


def _dump(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, default_flow_style=False, allow_unicode=True, sort_keys=False,
                         width=100))


class TextSink(Protocol):
    def write(self, text: str, /) -> Any: ...


def write_yaml(data: dict[str, Any], stream: TextSink) -> None:
    """A record's plain data as a record file's YAML: block style, keys in their order, Unicode as is, written by
    libyaml, a long list (or an iterator: items made as they are written) a few hundred items at a time (a block sequence under a key is its items' lines, so
    chunks concatenate). Every string that could read as anything but itself is quoted: reading the file back
    gives the same data."""
    for key, value in data.items():
        if isinstance(value, Iterator) or (isinstance(value, list) and len(value) > _CHUNK):
            items = iter(value)
            chunk = list(islice(items, _CHUNK))
            if not chunk:
                stream.write(_dump({key: []}))
                continue
            stream.write(_dump({key: []}).replace("[]", "", 1).rstrip() + "\n")
            while chunk:
                stream.write(_dump(chunk))
                chunk = list(islice(items, _CHUNK))
        else:
            stream.write(_dump({key: value}))


def dump_yaml(data: dict[str, Any]) -> str:
    """``write_yaml`` into a string."""
    stream = io.StringIO()
    write_yaml(data, stream)
    return stream.getvalue()


def _parse_into_cache(path: Path) -> None:
    try:
        read_yaml_file(path)
    except (YamlProblem, OSError):
        pass  # a broken file is not kept: the reader parses it again and reports it


def parse_ahead(files: Sequence[Path]) -> int:
    """Parse the files not kept yet in the parse cache across the machine's cores, each worker keeping its
    entries; the caller then reads every file, in its own order, from the cache, so data, positions and errors are
    those of a read one file after another. Nothing happens with the cache off, on one core, or for a few files.
    The number of files parsed by the pool."""
    if cache_folder() is None or not fans_out(len(files)):
        return 0
    missing = []
    for path in files:
        try:
            if not is_kept(path.read_bytes()):
                missing.append(path)
        except OSError:
            continue
    if not fans_out(len(missing)):
        return 0
    cores = available_cores()
    try:
        with process_pool(cores) as pool:
            for _ in pool.map(_parse_into_cache, missing, chunksize=max(1, len(missing) // (cores * 8))):
                pass
    except (BrokenProcessPool, OSError):
        return 0  # no pool here: the reader parses the files itself
    return len(missing)
