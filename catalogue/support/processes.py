"""Work spread over the machine's cores: how many there are, and a pool of worker processes.

Workers are forked when this process runs a single thread (nothing of the caller's is run again in them), and
spawned otherwise (a fork would copy the locks other threads hold: a server's). A spawned worker imports the
caller's main module again, so a script without ``if __name__ == "__main__":`` breaks the pool: callers treat a
broken pool as no pool and do the work themselves."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context


FAN_OUT_FROM = 200
"""Pieces of work (files to parse or check, datasets to build) from which spreading them over a pool of processes
is worth the pool's start (0.1 to 0.2 s)."""


def fans_out(pieces: int, weight: int = 1) -> bool:
    """Whether ``pieces`` of work, each worth ``weight`` ordinary pieces, go to a pool: enough of them, and more
    than one core to run them on."""
    return pieces * weight >= FAN_OUT_FROM and available_cores() > 1


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of worker processes, one per available core unless told."""
    method = "fork" if can_fork() else "spawn"
    return ProcessPoolExecutor(workers or available_cores(), mp_context=get_context(method))


def can_fork() -> bool:
    """A forked worker is safe here: this process runs one thread, on a system that forks."""
    return threading.active_count() == 1 and "fork" in get_all_start_methods()


def forked_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of forked workers, which inherit this process's memory as it is when they start (``can_fork``
    first)."""
    return ProcessPoolExecutor(workers or available_cores(), mp_context=get_context("fork"))


__all__ = ["FAN_OUT_FROM", "BrokenProcessPool", "available_cores", "can_fork", "fans_out", "forked_pool", "process_pool"]
