"""Parsed record files kept by content: a file read before, byte for byte, is not parsed again.

An entry, named by the SHA-256 of the reader's code, this cache's format and the file's bytes (so a change to
any of them misses), holds a line of the file's plain data as JSON, then a line of numbers: the line and column
of the key and of the value of every field path, in document order. A read from the cache decodes only the
data; the positions are read when one is asked for (a warning or an error to locate), so records read from the
cache hold no positions in memory. Only files that parse are kept: a broken file is parsed again and
reported as before. The cache lives in ``$CATALOGUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/catalogue``, else
``~/.cache/catalogue``; ``CATALOGUE_CACHE=off`` turns it off. A cache that cannot be written is skipped
silently (a read-only home).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any



@lru_cache(maxsize=1)
def _reader_version() -> bytes:
    """The reader's code and this cache's format."""
    return hashlib.sha256(Path(__file__).with_name("yamlsource.py").read_bytes() + Path(__file__).read_bytes()).digest()


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
    return None if entry is None else kept_at(entry)


def kept_at(entry: Path) -> tuple[Any, Path] | None:
    """The data of this entry and the entry, if it is there."""
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


_END = "\nend\n"


class KeptPositions:
    """The positions of a kept file: a line of numbers, four per field path in document order (the paths are
    those of the data, decoded when a position is first asked for)."""

    def __init__(self, data: str, numbers: str) -> None:
        self._data = data
        self._numbers = numbers
        self._index: dict[tuple[Any, ...], int] | None = None
        self._values: list[str] = []

    def get(self, path: tuple[Any, ...]) -> tuple[int, int, int, int] | None:
        """The key's line and column and the value's at ``path`` (0 where there is none), if the path is known."""
        if self._index is None:
            try:
                every = list(paths(json.loads(self._data)))
            except ValueError:
                every = []
            self._values = self._numbers.split(" ")
            if len(self._values) != 4 * len(every) or not all(value.isdigit() for value in self._values):
                every = []  # damaged: nothing known
            self._index = {known: index for index, known in enumerate(every)}
        index = self._index.get(path)
        if index is None:
            return None
        key_line, key_column, value_line, value_column = map(int, self._values[4 * index:4 * index + 4])
        return key_line, key_column, value_line, value_column


def positions(entry: Path) -> KeptPositions | None:
    """The positions of a kept file, or None when the entry is gone or damaged (written whole or not at all, it
    ends with its end line)."""
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    lines = text.split("\n")
    if len(lines) != 4 or not text.endswith(_END):
        return None
    return KeptPositions(lines[0], lines[1])


_MADE: set[Path] = set()
"""The entries' folders made by this process (one removed meanwhile is made again after a failed write)."""


def keep(content: bytes, data: Any, in_order: list[int], name: str | None = None) -> None:
    """Keep a parsed file: a line of its data as JSON, a line of the key's and value's line and column of every
    field path in document order (0 where there is none: ``SourceMap.in_order``), an end line. Written whole or
    not at all."""
    folder = cache_folder()
    if folder is None:
        return
    entry = _entry(folder, content, name)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n" + " ".join(map(str, in_order)) + _END
    try:
        if entry.parent not in _MADE:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _MADE.add(entry.parent)
        temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        _MADE.discard(entry.parent)  # removed meanwhile, maybe: made again next time


def is_kept(content: bytes) -> bool:
    """Whether a file of these bytes is kept (parsed before, with this reader)."""
    folder = cache_folder()
    return folder is not None and _entry(folder, content).is_file()
