"""What a rebuild may take from the previous build of the same folder instead of making it again.

Each memoized output is keyed by a hash of everything it is made from: this package's code, templates,
vocabularies and interface catalogues; the build's options; the catalogue record and every shared record
(agencies, licences, terms, concept schemes, codelists); the office's own interface translations; and the
output's own inputs (a dataset page: the dataset as published, and the titles of the datasets it links to).
The keys of a build are kept in its folder (``.catalogue-build.json``); an output whose key is unchanged is
hard-linked from the previous folder (copied where links fail), so a rebuild is byte-identical to a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

MANIFEST = ".catalogue-build.json"
PACKAGE = Path(__file__).resolve().parent
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
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


class BuildMemo:
    """The keys of the outputs of this build, and the previous build's to reuse."""

    def __init__(self, previous: Path | None, shared: str) -> None:
        self.previous = previous
        self.shared = fingerprint(code_fingerprint(), shared)
        self.keys: dict[str, str] = {}
        self.reused = 0
        self.before: dict[str, str] = {}
        if previous is not None:
            try:
                manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
                self.before = dict(manifest.get("outputs", {})) if isinstance(manifest, dict) else {}
            except (OSError, ValueError):
                self.before = {}

    def key(self, *parts: Any) -> str:
        return fingerprint(self.shared, *parts)

    def reuse(self, relative: str, key: str, target: Path) -> bool:
        """Take ``relative`` from the previous build into ``target`` when its key is unchanged."""
        self.keys[relative] = key
        if self.previous is None or self.before.get(relative) != key:
            return False
        source = self.previous / relative
        if not source.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, target)
        self.reused += 1
        return True

    def reuse_folder(self, relative: str, key: str, target: Path) -> bool:
        """Take the folder ``relative`` (every file in it) from the previous build when its key is unchanged."""
        self.keys[relative + "/"] = key
        if self.previous is None or self.before.get(relative + "/") != key or not (self.previous / relative).is_dir():
            return False
        shutil.copytree(self.previous / relative, target, copy_function=_link_or_copy)
        self.reused += 1
        return True

    def save(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps({"outputs": self.keys}, sort_keys=True, indent=0) + "\n",
                                       encoding="utf-8")


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


__all__ = ["MANIFEST", "BuildMemo", "code_fingerprint", "fingerprint"]
