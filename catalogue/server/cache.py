"""Rendered responses kept per worker, bounded in bytes, keyed by what fixes their bytes.

The key always holds the store's revision fingerprint and the last release that has passed
(``State.version``): a new revision or a lifted embargo makes every older entry unreachable, so a
cached answer is never staler than the store. It is derived state only; the store stays the one truth.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

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
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry
        made = make()
        if made is None or len(made[0]) > self.limit // 4:
            return made
        with self._lock:
            if key not in self._entries:
                self._entries[key] = made
                self.size += len(made[0])
                while self.size > self.limit:
                    _, (body, _) = self._entries.popitem(last=False)
                    self.size -= len(body)
        return made
