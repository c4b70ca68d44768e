"""Python's cyclic garbage collector around a large catalogue: loading allocates objects by the hundred thousand
that all live on, and each full collection walks every one of them (a quarter of a 10,000-dataset load's time).
Reference counting frees what is dropped either way; only cycles wait for the collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (the collector is restored as it was after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def objects_kept() -> Iterator[None]:
    """Every object alive at the start of the block out of the collector's sight until its end (``gc.freeze``): a
    loaded catalogue that lives through the block is not walked by each collection, and forked workers do not
    touch the pages that hold it. Its objects are handed back to the collector after the block."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


__all__ = ["collector_paused", "objects_kept"]
