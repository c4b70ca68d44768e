"""Parsed record files kept by content: a file read before, byte for byte, is not parsed again.

An entry, named by the SHA-256 of the reader's own code and of the file's bytes (so a change to either misses),
holds a line of the file's plain data as JSON, then a line per field path with the line and column of its key
and its value. A read from the cache decodes only the data; a position is looked up in the entry's text when one
is asked for (a warning or an error to locate), so records read from the cache hold no positions in memory and
nothing but the asked lines is decoded. Only files that parse are kept: a broken file is parsed again and
reported as before. The cache lives in ``$CATALOGUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/catalogue``, else
``~/.cache/catalogue``; ``CATALOGUE_CACHE=off`` turns it off. A cache that cannot be written is skipped
silently (a read-only home).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from .processes import BrokenProcessPool, available_cores, process_pool


@lru_cache(maxsize=1)
def _reader_version() -> bytes:
    return hashlib.sha256(Path(__file__).with_name("yamlsource.py").read_bytes()).digest()


def cache_folder() -> Path | None:
    """Where entries are kept (None: the cache is off), as the environment says now, or as it said when the
    current ``one_folder`` block began."""
    fixed = _FOLDER.get(_FROM_ENVIRONMENT)
    if fixed is not _FROM_ENVIRONMENT:
        return fixed  # type: ignore[return-value]
    if os.environ.get("CATALOGUE_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get("CATALOGUE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "catalogue"


_FROM_ENVIRONMENT = object()
_FOLDER: ContextVar[object] = ContextVar("cache_folder")


@contextmanager
def one_folder() -> Iterator[None]:
    """Within the block, the cache folder is the one the environment names at its start (a load of 10,000 files
    asked the environment four times per file: 0.5 s)."""
    token = _FOLDER.set(cache_folder())
    try:
        yield
    finally:
        _FOLDER.reset(token)


def digest(content: bytes) -> str:
    """The name of a file's entry: the SHA-256 of the reader's code and of the file's bytes."""
    return hashlib.sha256(_reader_version() + content).hexdigest()


def _entry(folder: Path, content: bytes, name: str | None = None) -> Path:
    name = name or digest(content)
    return folder / "records" / name[:2] / f"{name}.json"


def cached(content: bytes, name: str | None = None) -> tuple[Any, Path] | None:
    """The data of a file with these bytes and the entry that holds its positions, if it was parsed before
    (``name``: the entry's name, when the caller has it already)."""
    return None if cache_folder() is None else kept(name or digest(content))


def entry_path(name: str) -> Path | None:
    """Where the entry of this name lies (None: the cache is off)."""
    folder = cache_folder()
    return None if folder is None else folder / "records" / name[:2] / f"{name}.json"


def kept(name: str) -> tuple[Any, Path] | None:
    """The data of the entry of this name and the entry, if there is one."""
    entry = entry_path(name)
    if entry is None:
        return None
    try:
        with entry.open(encoding="utf-8") as stream:
            return json.loads(stream.readline()), entry
    except (OSError, ValueError):
        return None


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every field path of a document, in document order (its own key strings, shared)."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def _path_line(path: tuple[Any, ...]) -> str:
    """The start of a path's line among an entry's positions: the path as a JSON list (keys strings, indexes
    numbers; JSON escapes every line break and tab, so it cannot be mistaken for another line's start), a tab.
    A path of plain keys and indexes (nearly all) is written directly, as ``json.dumps`` writes it."""
    if all(type(step) is int or (type(step) is str and _PLAIN_KEY.fullmatch(step)) for step in path):
        return "[" + ",".join(f'"{step}"' if type(step) is str else str(step) for step in path) + "]\t"
    return json.dumps(path, ensure_ascii=False, separators=(",", ":")) + "\t"


_PLAIN_KEY = re.compile(r'[^"\\\x00-\x1f]*')
"""A key that JSON writes as it is, between quotes (``ensure_ascii`` off)."""


_END = "\nend\n"


class KeptPositions:
    """The positions of a kept file, found by searching its lines (nothing decoded but the lines asked for)."""

    def __init__(self, lines: str) -> None:
        self._lines = lines

    def get(self, path: tuple[Any, ...]) -> tuple[int, int, int, int] | None:
        """The key's line and column and the value's at ``path`` (0 where there is none), if the path is known."""
        start = self._lines.find("\n" + _path_line(path))
        if start < 0:
            return None
        start = self._lines.index("\t", start + 1) + 1
        numbers = self._lines[start:self._lines.index("\n", start)].split(" ")
        if len(numbers) != 4 or not all(number.isdigit() for number in numbers):
            return None
        key_line, key_column, value_line, value_column = map(int, numbers)
        return key_line, key_column, value_line, value_column


def positions(entry: Path) -> KeptPositions | None:
    """The positions of a kept file, or None when the entry is gone or damaged (written whole or not at all, it
    ends with its end line)."""
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    start = text.find("\n")
    if start < 0 or not text.endswith(_END):
        return None
    return KeptPositions(text[start:])


def keep(content: bytes, data: Any, keys: dict[Any, Any], values: dict[Any, Any], name: str | None = None) -> None:
    """Keep a parsed file: a line of its data as JSON, then a line per field path (the path, the key's line and
    column and the value's, 0 where there is none), then an end line. Written whole or not at all."""
    folder = cache_folder()
    if folder is None:
        return
    entry = _entry(folder, content, name)
    lines = [json.dumps(data, ensure_ascii=False, separators=(",", ":"))]
    for path in paths(data):
        key, value = keys.get(path), values.get(path)
        numbers = (*((key.line, key.column) if key else (0, 0)), *((value.line, value.column) if value else (0, 0)))
        lines.append(_path_line(path) + " ".join(map(str, numbers)))
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        temporary.write_text("\n".join(lines) + _END, encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass


PARALLEL_FROM = 200
"""Files to parse from which a pool of processes is worth its start (about 0.2 s)."""


def _parse_into_cache(path: Path) -> None:
    from .yamlsource import YamlProblem, read_yaml_file

    try:
        read_yaml_file(path)
    except (YamlProblem, OSError):
        pass  # a broken file is not kept: the reader parses it again and reports it


def fill(files: Sequence[Path]) -> int:
    """Parse the files not kept yet across the machine's cores, each worker keeping its entries; the caller then
    reads every file, in its own order, from the cache, so data, positions and errors are those of a read one
    file after another. Nothing happens with the cache off, on one core, or for a few files. The number of
    files parsed by the pool."""
    folder, cores = cache_folder(), available_cores()
    if folder is None or cores < 2 or len(files) < PARALLEL_FROM:
        return 0
    missing = []
    for path in files:
        try:
            if not _entry(folder, path.read_bytes()).is_file():
                missing.append(path)
        except OSError:
            continue
    if len(missing) < PARALLEL_FROM:
        return 0
    try:
        with process_pool(cores) as pool:
            for _ in pool.map(_parse_into_cache, missing, chunksize=max(1, len(missing) // (cores * 8))):
                pass
    except (BrokenProcessPool, OSError):
        return 0  # no pool here: the reader parses the files itself
    return len(missing)
