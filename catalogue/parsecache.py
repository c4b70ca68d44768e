"""Parsed record files kept by content: a file read before, byte for byte, is not parsed again.

An entry is the plain data of a file and its source map (the line and column of every key and value), as JSON,
named by the SHA-256 of the reader's own code and of the file's bytes, so a change to either misses. The source
map is decoded only when a position is asked for (a warning or an error to locate). Only files that parse are
kept: a broken file is parsed again and reported as before. The cache lives in
``$CATALOGUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/catalogue``, else ``~/.cache/catalogue``;
``CATALOGUE_CACHE=off`` turns it off. A cache that cannot be written is skipped silently (a read-only home).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any



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


def cached(content: bytes) -> tuple[Any, str] | None:
    """The data of a file with these bytes, and its source map still encoded, if it was parsed before."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        entry = json.loads(_entry(folder, content).read_text(encoding="utf-8"))
        return entry["data"], str(entry["map"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def encode_map(keys: dict[Any, Any], values: dict[Any, Any]) -> str:
    return json.dumps([[[list(path), p.line, p.column] for path, p in positions.items()] for positions in (keys, values)],
                      separators=(",", ":"))


def keep(content: bytes, data: Any, source_map: str) -> None:
    """Keep a parsed file (silently nothing when the cache cannot be written)."""
    folder = cache_folder()
    if folder is None:
        return
    # the reader's data are JSON's own: keys are plain names, scalars text or null
    text = json.dumps({"data": data, "map": source_map}, ensure_ascii=False, separators=(",", ":"))
    target = _entry(folder, content)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
