"""Work spread over the machine's cores: how many there are, and a pool of worker processes.

Workers are spawned, not forked: the caller may be a server with threads, and a fork copies their locks."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of spawned worker processes, one per available core unless told."""
    return ProcessPoolExecutor(workers or available_cores(), mp_context=get_context("spawn"))


__all__ = ["available_cores", "process_pool"]
