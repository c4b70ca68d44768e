"""Hashes of what outputs are made from: the package's own code, plain data, records, files."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

PACKAGE = Path(__file__).resolve().parents[1]
"""The package's folder: its code, templates and interface catalogues."""
MAPPINGS = PACKAGE.parent / "mappings"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's own files (code, templates, interface catalogues) and of ``mappings/``."""
    digest = hashlib.sha256()
    for root in (PACKAGE, MAPPINGS):
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: Any) -> str:
    """A hash of plain data (records as their JSON data)."""
    if all(type(part) is str and "\x1f" not in part for part in parts):  # the common case, without JSON
        return hashlib.sha256("\x1f".join(("", *parts)).encode()).hexdigest()
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def record_fingerprint(record: BaseModel) -> str:
    """A hash of a record's data as its record file holds it (defaults left out), made by pydantic's own JSON
    serializer (three times faster than hashing ``record_data``)."""
    return hashlib.sha256(record.__pydantic_serializer__.to_json(record, exclude_defaults=True)).hexdigest()


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    """The hexadecimal digest of a file's bytes."""
    hasher = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()
