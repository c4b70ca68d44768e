"""A list that spills to disk: the items of a large item scheme (a million codes) are kept in memory up to a
limit, then appended to a temporary file as JSON lines, so that an import's memory does not grow with them."""

from __future__ import annotations

import json
import os
import tempfile
import weakref
from collections.abc import Iterator
from typing import IO, Any

IN_MEMORY = 10_000
"""Items kept in memory before the spool spills to its file."""


class Spool:
    """Items appended, then read back in order (as often as asked) from memory or from the spool file."""

    def __init__(self, limit: int = IN_MEMORY) -> None:
        self.limit = limit
        self.items: list[Any] = []
        self.count = 0
        self.path: str | None = None
        self.stream: IO[str] | None = None

    def append(self, item: Any) -> None:
        self.count += 1
        if self.stream is None and len(self.items) < self.limit:
            self.items.append(item)
            return
        if self.stream is None:
            handle, self.path = tempfile.mkstemp(prefix="catalogue-spool-", suffix=".jsonl")
            self.stream = os.fdopen(handle, "w", encoding="utf-8")
            weakref.finalize(self, _remove, self.stream, self.path)
            for kept in self.items:
                self.stream.write(json.dumps(kept, ensure_ascii=False) + "\n")
            self.items = []
        self.stream.write(json.dumps(item, ensure_ascii=False) + "\n")

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[Any]:
        if self.stream is None or self.path is None:
            yield from self.items
            return
        self.stream.flush()
        with open(self.path, encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def _remove(stream: IO[str], path: str) -> None:
    stream.close()
    try:
        os.unlink(path)
    except OSError:
        pass
