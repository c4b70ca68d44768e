"""What a rebuild may take from the previous build of the same folder instead of making it again.

Each memoized output is keyed by a hash of everything it is made from: this package's code, templates,
vocabularies and interface catalogues; the build's options; the catalogue record and every shared record
(agencies, licences, terms, concept schemes, codelists); the office's own interface translations; and the
output's own inputs (a dataset page: the dataset as published, and the titles of the datasets it links to).
The keys of a build are kept in its folder (``.catalogue-build.json``), with the other files it wrote, the
fingerprint of its shared inputs, and what it read of each dataset besides its outputs (``outline.Outline``: a rebuild
does not make an unchanged dataset to know it). A rebuild from the same shared inputs updates the folder in place: an output
whose key is unchanged is left where it is, and only the others are written (then moved in, ``fileio``); else
unchanged outputs are hard-linked from the previous folder into a new one (copied where links fail). Either way
a rebuild is byte-identical to a full build.

A catalogue-wide feed (DCAT, schema.org, data.json) is written as a head, a part per dataset and a tail; the
manifest keeps each part's key and where its bytes lie in the previous build's files, so a rebuild copies the
parts of unchanged datasets from there and makes only the others.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import IO, Any


from catalogue.support.hashing import code_fingerprint, fingerprint

MANIFEST = ".catalogue-build.json"
KEY_LENGTH = 24
class BuildMemo:
    """The keys of the outputs of this build, and the previous build's to reuse.

    A previous build that recorded every file it wrote is updated in place (``in_place``): an unchanged output is
    left where it is, and the build writes only the others; ``removed`` then says what of the previous build is
    no longer part of the site. Otherwise unchanged outputs are linked from the previous build into a new one."""

    def __init__(self, previous: Path | None) -> None:
        self.previous = previous
        self.shared = ""
        self.keys: dict[str, str] = {}
        self.reused = 0
        self.before: dict[str, str] = {}
        self.parts: dict[str, dict[str, Any]] = {}
        """Per feed: its files, and a row per part: its key, what it adds to the feed (or null), and where its
        bytes start and end in each file (a row, not a mapping: a catalogue of 100,000 datasets has 600,000)."""
        self.parts_before: dict[str, dict[str, Any]] = {}
        self.files_before: list[str] | None = None
        """The previous build's files that are not memoized outputs (feeds, style, sitemap...), if it said."""
        self.shared_before: Any = None
        """The previous build's fingerprint of its shared inputs and code."""
        self.outlines: dict[str, Any] = {}
        """What the build read of each dataset besides its outputs (``outline.Outline``), by a key of the dataset."""
        self.outlines_before: dict[str, Any] = {}
        self.removed: list[str] = []
        """Set by ``save``, in place: the previous build's outputs that are not part of this one, or changed
        folders (relative paths; a folder's ends with ``/``)."""
        if previous is not None:
            try:
                manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
                if isinstance(manifest, dict):
                    self.before = dict(manifest.get("outputs", {}))
                    self.parts_before = dict(manifest.get("parts", {}))
                    files = manifest.get("files")
                    self.files_before = files if isinstance(files, list) else None
                    self.shared_before = manifest.get("shared")
                    outlines = manifest.get("outlines")
                    self.outlines_before = outlines if isinstance(outlines, dict) else {}
            except (OSError, ValueError, TypeError):
                self.before, self.parts_before, self.files_before, self.outlines_before = {}, {}, None, {}
        self.in_place = False

    def begin(self, shared: str) -> None:
        """Set what every output is made from besides its own inputs (``SiteBuilder.shared_inputs``), and so
        whether the previous build is updated in place: when it recorded every file it wrote, and was made from
        the same shared inputs (otherwise every output changes, and a new folder swapped in is cheaper than moving
        every file into the old one)."""
        self.shared = fingerprint(code_fingerprint(), shared)
        self.in_place = self.previous is not None and self.files_before is not None and \
            self.shared_before == self.shared

    def key(self, *parts: Any) -> str:
        """A key of what an output is made from (96 bits of its hash: short enough for a manifest of a million)."""
        return fingerprint(self.shared, *parts)[:KEY_LENGTH]

    def reuse(self, relative: str, key: str, target: Path) -> bool:
        """Take ``relative`` from the previous build into ``target`` (in place: leave it where it is) when its key
        is unchanged."""
        self.keys[relative] = key
        if self.previous is None or self.before.get(relative) != key:
            return False
        source = self.previous / relative
        if not source.is_file():
            return False
        if not self.in_place:
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(source, target)
        self.reused += 1
        return True

    def reuse_folder(self, relative: str, key: str, target: Path) -> bool:
        """Take the folder ``relative`` (every file in it) from the previous build when its key is unchanged."""
        self.keys[relative + "/"] = key
        if self.previous is None or self.before.get(relative + "/") != key or not (self.previous / relative).is_dir():
            return False
        if not self.in_place:
            shutil.copytree(self.previous / relative, target, copy_function=_link_or_copy)
        self.reused += 1
        return True

    def save(self, folder: Path) -> None:
        """Write the manifest into ``folder``: the keys, the feeds' parts and the other files written; in place,
        also work out what the previous build had that this one does not."""
        files = sorted(self._other_files(folder))
        if self.in_place:
            now = set(self.keys) | set(files)
            self.removed = sorted(
                {relative for relative in [*self.before, *(self.files_before or [])] if relative not in now}
                | {relative for relative, key in self.keys.items()  # a changed folder: its old files go first
                   if relative.endswith("/") and relative in self.before and self.before[relative] != key})
        manifest = {"outputs": self.keys, "parts": self.parts, "files": files, "shared": self.shared,
                    "outlines": self.outlines}
        (folder / MANIFEST).write_text(json.dumps(manifest, sort_keys=True, separators=(",", ":")) + "\n",
                                       encoding="utf-8")

    def _other_files(self, folder: Path) -> Iterator[str]:
        """The files written into ``folder`` that are not memoized outputs (whose folders are not walked), nor
        the build's own records."""
        for top, subfolders, names in os.walk(folder):
            relative = os.path.relpath(top, folder).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            subfolders[:] = [name for name in subfolders if f"{prefix}{name}/" not in self.keys]
            for name in names:
                path = prefix + name
                if path not in self.keys and not (not prefix and name.startswith(".catalogue-")):
                    yield path


class _FeedFile(io.BufferedIOBase):
    """A feed file being written, to which runs of parts copied from the previous build's file are added lazily:
    consecutive parts are copied in one go, before anything else is written."""

    COPY_CHUNK = 1 << 20

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._stream = path.open("wb")
        self._source: IO[bytes] | None = None
        self._source_path: Path | None = None
        self._run: list[int] | None = None
        """The run of the source's bytes still to copy: [start, end]."""
        self._position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._copy_run()
        self._stream.write(data)
        self._position += len(data)
        return len(data)

    def copy(self, source: Path, start: int, end: int) -> None:
        """Add the bytes ``start:end`` of ``source`` (a run with the previous copy when they follow it)."""
        if self._run is not None and (self._source_path is not source or self._run[1] != start):
            self._copy_run()
        if self._run is None:
            if self._source_path is not source:  # one Path object per feed file: compared by identity
                if self._source is not None:
                    self._source.close()
                self._source, self._source_path = source.open("rb"), source
            self._run = [start, start]
        self._run[1] = end
        self._position += end - start

    def _copy_run(self) -> None:
        if self._run is None or self._source is None:
            return
        start, end = self._run
        self._run = None
        self._source.seek(start)
        while start < end:
            chunk = self._source.read(min(self.COPY_CHUNK, end - start))
            if not chunk:
                raise OSError(f"{self._source_path} ended before byte {end}: changed during the build")
            self._stream.write(chunk)
            start += len(chunk)

    def flush(self) -> None:
        """Nothing to do: what is written goes to the file's own buffer, and a run is copied before the next write
        or when the file closes (a flush per part would be a system call per part)."""

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._copy_run()
            super().close()
        finally:
            self._stream.close()
            if self._source is not None:
                self._source.close()


class PartedFeeds:
    """Several files written together as a head, parts and a tail (the same feed in several formats, or one
    file); a part whose key the previous build recorded is copied, byte for byte, from that build's files."""

    def __init__(self, memo: BuildMemo | None, name: str, out: Path, paths: list[str]) -> None:
        self.memo, self.name, self.paths = memo, name, paths
        self.streams = {path: _FeedFile(out / path) for path in paths}
        self.rows: list[list[Any]] = []
        self.before: dict[str, list[Any]] = {}
        self.sources = [memo.previous / path if memo is not None and memo.previous is not None else None
                        for path in paths]
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
        for index, (path, source) in enumerate(zip(self.paths, self.sources)):
            start, end = row[2 + 2 * index], row[3 + 2 * index]
            stream = self.streams[path]
            new_start = stream.tell()
            stream.copy(source, start, end)  # type: ignore[arg-type]
            new_row += [new_start, stream.tell()]
        self.rows.append(new_row)
        self.memo.reused += 1
        return list(adds)

    def part(self, key: str, texts: dict[str, str], adds: list[str] | None = None) -> None:
        """A part made in this build (``adds``: what it added to the feed, given back when it is reused)."""
        row: list[Any] = [key, list(adds) if adds else None]
        for path in self.paths:
            stream = self.streams[path]
            start = stream.tell()
            stream.write(texts[path].encode())
            row += [start, stream.tell()]
        self.rows.append(row)

    def written_part(self, key: str, write: Callable[[], None]) -> None:
        """A part written by ``write`` straight into the feed's one file (flushed when it returns), kept as is."""
        stream = self.streams[self.paths[0]]
        start = stream.tell()
        write()
        self.rows.append([key, None, start, stream.tell()])

    def close(self) -> None:
        for stream in self.streams.values():
            stream.close()
        if self.memo is not None:
            self.memo.parts[self.name] = {"paths": self.paths, "rows": self.rows}


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


__all__ = ["MANIFEST", "BuildMemo", "PartedFeeds"]
