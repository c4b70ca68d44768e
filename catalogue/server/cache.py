"""Rendered responses kept per worker (in memory, bounded in bytes; streamed feeds on disk), keyed by
what fixes their bytes.

The key always holds the store's revision fingerprint and the last release that has passed
(``State.version``): a new revision or a lifted embargo makes every older entry unreachable, so a
cached answer is never staler than the store. It is derived state only; the store stays the one truth.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import IO, Any

DEFAULT_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """Least recently used bodies (with their media type), at most ``limit`` bytes in all."""

    def __init__(self, limit: int = DEFAULT_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], tuple[bytes, str] | None]) -> tuple[bytes, str] | None:
        """The cached body for ``key``, or what ``make`` returns (kept unless ``None`` or too large)."""
        entry = self.get(key)
        if entry is not None:
            return entry
        made = make()
        if made is not None:
            self.put(key, made)
        return made

    def get(self, key: Hashable) -> tuple[bytes, str] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def keeps(self, size: int) -> bool:
        """Whether a body of ``size`` bytes is small enough to keep."""
        return size <= self.limit // 4

    def put(self, key: Hashable, made: tuple[bytes, str]) -> None:
        if not self.keeps(len(made[0])):
            return
        with self._lock:
            if key not in self._entries:
                self._entries[key] = made
                self.size += len(made[0])
                while self.size > self.limit:
                    _, (body, _) = self._entries.popitem(last=False)
                    self.size -= len(body)


class WrittenBody(io.RawIOBase):
    """A response body written by a streaming writer: spooled to disk beyond ``SPOOL`` bytes (memory stays
    flat however large the answer), hashed as it is written (its ETag)."""

    SPOOL = 1024 * 1024
    CHUNK = 64 * 1024

    def __init__(self) -> None:
        super().__init__()
        self.spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=self.SPOOL)  # noqa: SIM115 - closed by chunks()
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        block = bytes(data)
        self.digest.update(block)
        self.size += len(block)
        self.spool.write(block)
        return len(block)

    def etag(self) -> str:
        return '"' + self.digest.hexdigest()[:32] + '"'

    def read_all(self) -> bytes:
        self.spool.seek(0)
        body = self.spool.read()
        self.spool.close()
        return body

    def chunks(self) -> Iterator[bytes]:
        """The body in blocks, then the spool is gone."""
        try:
            self.spool.seek(0)
            while block := self.spool.read(self.CHUNK):
                yield block
        finally:
            self.spool.close()

    def discard(self) -> None:
        self.spool.close()


class KeptBodies:
    """Bodies too large to keep in memory, kept on disk per worker (the spool a ``WrittenBody`` wrote, moved here),
    at most ``limit`` of them, the least recently used removed first."""

    def __init__(self, limit: int = 32) -> None:
        self.limit = limit
        self.folder = Path(tempfile.mkdtemp(prefix="catalogue-kept-"))
        atexit.register(shutil.rmtree, self.folder, True)
        self._entries: OrderedDict[Hashable, tuple[Path, str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[Path, str, str] | None:
        """(the file, its ETag, its media type), or ``None``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, body: WrittenBody, media_type: str) -> tuple[Path, str, str]:
        """Keep what ``body`` holds (its spool is then gone)."""
        path = self.folder / uuid.uuid4().hex
        with path.open("wb") as out:
            for block in body.chunks():
                out.write(block)
        entry = (path, body.etag(), media_type)
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                _, (old, _, _) = self._entries.popitem(last=False)
                old.unlink(missing_ok=True)
        return entry


def file_chunks(stream: IO[bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """An open file's bytes in blocks, then it is closed (opened before the answer starts: a newer version may
    remove the file meanwhile, never from under a reader)."""
    with stream:
        while block := stream.read(size):
            yield block
