"""What a worker keeps: rendered answers in memory, bounded."""

from __future__ import annotations

from catalogue.server.cache import ResponseCache


def test_the_response_cache_stays_within_its_bytes():
    cache = ResponseCache(limit=400)
    made: list[int] = []

    def maker(i: int):
        return lambda: (made.append(i), (bytes(90), "text/plain"))[1]

    for i in range(10):
        cache.get_or_make(("v1", i), maker(i))
    assert cache.size <= 400
    cache.get_or_make(("v1", 9), maker(9))  # the latest is kept
    assert made == list(range(10))
    cache.get_or_make(("v1", 0), maker(0))  # the oldest was let go
    assert made == [*range(10), 0]
    assert cache.get_or_make(("v1", "big"), lambda: (bytes(200), "x")) is not None and cache.size <= 400


def test_the_workers_of_a_machine_make_a_document_once_and_each_made_whole_or_not_at_all(tmp_path):
    """Two workers sharing the folder of the whole catalogue's documents: one makes a file, the other waits for it
    (a file lock); a writer that fails leaves no file, and the requests waiting for it are told."""
    import threading
    import time
    from dataclasses import dataclass

    import pytest

    from catalogue.server.prepared import Listing, Prepared
    from catalogue.errors import Busy

    @dataclass(frozen=True)
    class At:
        version: str

    writes: list[str] = []

    def write(state: At, out) -> str:
        writes.append(threading.current_thread().name)
        time.sleep(0.3)
        out.write(f"made at {state.version}\n".encode() * 1000)
        return "text/plain"

    def listing(state: At) -> Listing:
        return Listing(frozenset(), "shared")

    def reading(state: At):
        return state, lambda: listing(state)

    workers = [Prepared(tmp_path, listing, reading), Prepared(tmp_path, listing, reading)]
    answers: list[bytes] = []
    threads = [threading.Thread(target=lambda w=w: answers.append(w.file("data.json", At("1-1-"), write).path
                                                                   .read_bytes())) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(writes) == 1 and len(answers) == 2 and answers[0] == answers[1] == b"made at 1-1-\n" * 1000

    def failing(state: At, out) -> str:
        out.write(b"half")
        raise OSError("disk full")

    with pytest.raises(Busy):  # told at once, and logged
        workers[0].file("search-index.json", At("1-1-"), failing)
    assert not list(tmp_path.glob("*/search-index.json*")) and not list(tmp_path.glob("*/.search-index.json.*.part"))
