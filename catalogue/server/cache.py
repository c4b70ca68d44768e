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
import os
import shutil
import tempfile
import threading
import time
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
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


class FeedFiles:
    """Streamed feeds (``/data.json``, schema.org, the search index) kept on disk per worker, one file per feed:
    the first request at a version of the public view writes the file while it streams it, the next ones read
    it; one arriving meanwhile waits for it (``kept``), so a feed is made once per version however many ask at
    once. Memory stays flat either way; a stream that does not finish (the client went away) leaves nothing."""

    CHUNK = 64 * 1024

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="catalogue-feeds-"))
        atexit.register(shutil.rmtree, self.folder, True)
        self._making: dict[Path, float] = {}
        """The files being made, and since when."""
        self._changed = threading.Condition()

    def path(self, name: str, version: str) -> Path:
        return self.folder / f"{name}.{hashlib.sha256(version.encode()).hexdigest()[:24]}"

    def kept(self, name: str, version: str, wait: float) -> IO[bytes] | None:
        """The feed's kept file, open; while another request makes it, waited for until that request has made it
        for ``wait`` seconds; ``None``: the caller makes it (``chunks``), having claimed it when nobody did. A
        claim older than ``wait`` is no longer waited for: the stream of a client that stops reading (the file is
        written as its client reads) never holds the others back."""
        final = self.path(name, version)
        with self._changed:
            while True:
                try:
                    return final.open("rb")
                except FileNotFoundError:
                    pass
                started = self._making.get(final)
                if started is None:
                    self._making[final] = time.monotonic()
                    return None
                left = started + wait - time.monotonic()
                if left <= 0:
                    return None  # made again by this request too, unclaimed
                self._changed.wait(left)

    def chunks(self, name: str, version: str, make: Callable[[], Iterable[str]],
               stream: IO[bytes] | None) -> Iterator[bytes]:
        """The feed's bytes in blocks of about ``CHUNK``: from the kept file ``stream``, or (``None``: the caller
        claimed it with ``kept``) made and kept. The claim ends with the stream, even one never read (a client
        gone before its answer began)."""
        if stream is not None:
            return file_chunks(stream, self.CHUNK)
        final = self.path(name, version)
        made = self._made(final, name, make)
        weakref.finalize(made, self._release, final)
        return made

    def _release(self, final: Path) -> None:
        with self._changed:
            self._making.pop(final, None)
            self._changed.notify_all()

    def _made(self, final: Path, name: str, make: Callable[[], Iterable[str]]) -> Iterator[bytes]:
        partial = final.with_name(f"{final.name}.{uuid.uuid4().hex}.part")
        try:
            with partial.open("wb") as out:
                buffered: list[str] = []
                size = 0
                for text in make():
                    buffered.append(text)
                    size += len(text)
                    if size >= self.CHUNK:
                        block = "".join(buffered).encode()
                        out.write(block)
                        yield block
                        buffered, size = [], 0
                block = "".join(buffered).encode()
                out.write(block)
                yield block
            os.replace(partial, final)
            self._release(final)
            for older in self.folder.glob(f"{name}.*"):
                if older != final and not older.name.endswith(".part"):
                    older.unlink(missing_ok=True)
        finally:
            partial.unlink(missing_ok=True)
