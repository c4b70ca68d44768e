"""What a worker keeps: rendered answers in memory (bounded) and streamed feeds on disk (whole or not at all)."""

from __future__ import annotations

from catalogue.server.cache import FeedFiles, ResponseCache


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


def test_a_feed_is_kept_whole_or_not_at_all(tmp_path):
    feeds = FeedFiles()
    calls: list[str] = []

    def make(version: str):
        def texts():
            calls.append(version)
            for i in range(5000):
                yield f"{version}:{i}\n"
        return texts

    def served(version: str) -> bytes:  # as the server asks: the kept file, or the claim to make it
        return b"".join(feeds.chunks("data.json", version, make(version), feeds.kept("data.json", version, 1.0)))

    whole = served("v1")
    assert whole == "".join(f"v1:{i}\n" for i in range(5000)).encode()
    assert served("v1") == whole and calls == ["v1"]
    interrupted = feeds.chunks("data.json", "v2", make("v2"), feeds.kept("data.json", "v2", 1.0))
    next(interrupted)
    interrupted.close()  # the client went away
    del interrupted
    assert [p.name.split(".")[0] for p in feeds.folder.iterdir()] == ["data"]  # only v1's file
    again = served("v2")  # not waiting for the stream that went away: its claim ended with it
    assert again == "".join(f"v2:{i}\n" for i in range(5000)).encode() and calls == ["v1", "v2", "v2"]
    assert len(list(feeds.folder.iterdir())) == 1  # v1's file went when v2's was complete
    never_read = feeds.chunks("data.json", "v3", make("v3"), feeds.kept("data.json", "v3", 1.0))
    del never_read  # an answer that never began: the claim ends too
    assert served("v3") and calls[-1] == "v3"
