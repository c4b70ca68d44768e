"""Issue 18, point 9: the cyclic garbage collector is paused while a catalogue is loaded and checked (each full
collection walked every object loaded so far) and the loaded catalogue is kept out of its sight through a
build; both are undone afterwards, so that a process that builds many times (a test run, a server) leaks
nothing."""

from __future__ import annotations

import gc

import catalogue.records as records
from catalogue.datacheck import load_and_check

from .conftest import EXAMPLE, run


def test_loading_runs_without_collections_and_restores_the_collector(monkeypatch):
    seen = []
    read = records._Loader.read

    def spy(self, *arguments, **options):
        seen.append(gc.isenabled())
        return read(self, *arguments, **options)

    monkeypatch.setattr(records._Loader, "read", spy)
    assert gc.isenabled()
    assert load_and_check(EXAMPLE).ok
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller's choice is kept
        load_and_check(EXAMPLE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_hands_every_object_back_to_the_collector(cli, tmp_path):
    assert gc.get_freeze_count() == 0
    result = run(cli, "build", str(EXAMPLE), "--out", str(tmp_path / "site"), "--quiet")
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0 and gc.isenabled()
