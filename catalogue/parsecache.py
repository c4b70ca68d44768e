"""Parsed record files kept by content: a file read before, byte for byte, is not parsed again.

An entry, named by the SHA-256 of the reader's own code and of the file's bytes (so a change to either misses),
holds a line of the file's plain data as JSON and a line of the line and column of every key and value. A read
from the cache decodes only the data; the positions are read when one is asked for (a warning or an error to
locate), so records read from the cache hold no positions in memory. Only files that parse are kept: a broken
file is parsed again and reported as before. The cache lives in ``$CATALOGUE_CACHE_DIR``, else
``$XDG_CACHE_HOME/catalogue``, else ``~/.cache/catalogue``; ``CATALOGUE_CACHE=off`` turns it off. A cache that
cannot be written is skipped silently (a read-only home).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .yamlsource import Position


@lru_cache(maxsize=1)
def _reader_version() -> bytes:
    return hashlib.sha256(Path(__file__).with_name("yamlsource.py").read_bytes()).digest()


def cache_folder() -> Path | None:
    if os.environ.get("CATALOGUE_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get("CATALOGUE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "catalogue"


def _entry(folder: Path, content: bytes) -> Path:
    name = hashlib.sha256(_reader_version() + content).hexdigest()
    return folder / "records" / name[:2] / f"{name}.json"


def cached(content: bytes) -> tuple[Any, Path] | None:
    """The data of a file with these bytes and the entry that holds its positions, if it was parsed before."""
    folder = cache_folder()
    if folder is None:
        return None
    entry = _entry(folder, content)
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


def positions(entry: Path) -> tuple[dict[tuple[Any, ...], Position], dict[tuple[Any, ...], Position]] | None:
    """The position of each key and each value of a kept file (its data read again for the paths), or None when
    the entry is gone or damaged."""
    try:
        data_line, positions_line = entry.read_text(encoding="utf-8").split("\n", 1)
        data, flat = json.loads(data_line), json.loads(positions_line)
    except (OSError, ValueError):
        return None
    every = list(paths(data))
    if not isinstance(flat, list) or len(flat) != 4 * len(every):
        return None
    keys, values = {}, {}
    for index, path in enumerate(every):
        key_line, key_column, value_line, value_column = flat[4 * index:4 * index + 4]
        if key_line:
            keys[path] = Position(key_line, key_column)
        if value_line:
            values[path] = Position(value_line, value_column)
    return keys, values


def keep(content: bytes, data: Any, keys: dict[Any, Any], values: dict[Any, Any]) -> None:
    """Keep a parsed file: a line of its data, and a line of its positions, four numbers per field path (the
    key's line and column, the value's, 0 where there is none)."""
    folder = cache_folder()
    if folder is None:
        return
    entry = _entry(folder, content)
    flat: list[int] = []
    for path in paths(data):
        key, value = keys.get(path), values.get(path)
        flat += [key.line, key.column] if key else [0, 0]
        flat += [value.line, value.column] if value else [0, 0]
    # the reader's data are JSON's own (keys are plain names, scalars text or null), one line each: a file cut
    # short is not two lines of JSON, and reads as a miss
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n" + json.dumps(flat, separators=(",", ":"))
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(text + "\n", encoding="utf-8")
    except OSError:
        pass
