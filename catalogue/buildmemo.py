"""What a rebuild may take from the previous build of the same folder instead of making it again.

Each memoized output is keyed by a hash of everything it is made from: this package's code, templates,
vocabularies and interface catalogues; the build's options; the catalogue record and every shared record
(agencies, licences, terms, concept schemes, codelists); the office's own interface translations; and the
output's own inputs (a dataset page: the dataset as published, and the titles of the datasets it links to).
The keys of a build are kept in its folder (``.catalogue-build.json``); an output whose key is unchanged is
hard-linked from the previous folder (copied where links fail), so a rebuild is byte-identical to a full build.

A catalogue-wide feed (DCAT, schema.org, data.json) is written as a head, a part per dataset and a tail; the
manifest keeps each part's key and where its bytes lie in the previous build's files, so a rebuild copies the
parts of unchanged datasets from there and makes only the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from typing import IO, Any

MANIFEST = ".catalogue-build.json"
KEY_LENGTH = 24
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
        self.parts: dict[str, dict[str, Any]] = {}
        """Per feed: its files, and a row per part: its key, what it adds to the feed (or null), and where its
        bytes start and end in each file (a row, not a mapping: a catalogue of 100,000 datasets has 600,000)."""
        self.parts_before: dict[str, dict[str, Any]] = {}
        if previous is not None:
            try:
                manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
                if isinstance(manifest, dict):
                    self.before = dict(manifest.get("outputs", {}))
                    self.parts_before = dict(manifest.get("parts", {}))
            except (OSError, ValueError, TypeError):
                self.before, self.parts_before = {}, {}

    def key(self, *parts: Any) -> str:
        """A key of what an output is made from (96 bits of its hash: short enough for a manifest of a million)."""
        return fingerprint(self.shared, *parts)[:KEY_LENGTH]

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
        (folder / MANIFEST).write_text(json.dumps({"outputs": self.keys, "parts": self.parts}, sort_keys=True,
                                                  separators=(",", ":")) + "\n", encoding="utf-8")


class PartedFeeds:
    """Several files written together as a head, parts and a tail (the same feed in several formats, or one
    file); a part whose key the previous build recorded is copied, byte for byte, from that build's files."""

    def __init__(self, memo: BuildMemo | None, name: str, out: Path, paths: list[str]) -> None:
        self.memo, self.name, self.paths = memo, name, paths
        self.streams = {path: (out / path).open("wb") for path in paths}
        self.sources: dict[str, IO[bytes]] = {}
        self.rows: list[list[Any]] = []
        self.before: dict[str, list[Any]] = {}
        if memo is not None and memo.previous is not None:
            before = memo.parts_before.get(name)
            if isinstance(before, dict) and before.get("paths") == paths and isinstance(before.get("rows"), list) \
                    and all((memo.previous / path).is_file() for path in paths):
                self.before = {row[0]: row for row in before["rows"]
                               if isinstance(row, list) and len(row) == 2 + 2 * len(paths)}

    def write(self, texts: dict[str, str]) -> None:
        """Text that is not kept as a part (the head and the tail)."""
        for path, text in texts.items():
            self.streams[path].write(text.encode())

    def reuse(self, key: str) -> list[str] | None:
        """Copy the part ``key`` from the previous build; what it added to the feed (a list, maybe empty), or None
        when it is not there."""
        row = self.before.get(key)
        if row is None or self.memo is None or self.memo.previous is None:
            return None
        adds = row[1] or []
        new_row: list[Any] = [key, row[1]]
        for index, path in enumerate(self.paths):
            start, end = row[2 + 2 * index], row[3 + 2 * index]
            source = self.sources.get(path)
            if source is None:
                source = self.sources[path] = (self.memo.previous / path).open("rb")
            source.seek(start)
            new_row += self._put(path, source.read(end - start))
        self.rows.append(new_row)
        self.memo.reused += 1
        return list(adds)

    def part(self, key: str, texts: dict[str, str], adds: list[str] | None = None) -> None:
        """A part made in this build (``adds``: what it added to the feed, given back when it is reused)."""
        row: list[Any] = [key, list(adds) if adds else None]
        for path in self.paths:
            row += self._put(path, texts[path].encode())
        self.rows.append(row)

    def written_part(self, key: str, write: Callable[[], None]) -> None:
        """A part written by ``write`` straight into the feed's one file (flushed when it returns), kept as is."""
        stream = self.streams[self.paths[0]]
        start = stream.tell()
        write()
        self.rows.append([key, None, start, stream.tell()])

    def _put(self, path: str, data: bytes) -> list[int]:
        stream = self.streams[path]
        start = stream.tell()
        stream.write(data)
        return [start, start + len(data)]

    def close(self) -> None:
        for stream in [*self.streams.values(), *self.sources.values()]:
            stream.close()
        if self.memo is not None:
            self.memo.parts[self.name] = {"paths": self.paths, "rows": self.rows}


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


__all__ = ["MANIFEST", "BuildMemo", "PartedFeeds", "code_fingerprint", "fingerprint"]
