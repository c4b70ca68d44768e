"""Issue 18, point 2: a record file read before, byte for byte, comes from the parse cache with the same data and
the same line and column for every key and value; a changed file, a damaged entry or a cache turned off parse
the file again; a broken file is never cached, so its error is the same every time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.records.parsecache import paths as every_path
from catalogue.records.yamlsource import dump_yaml, read_yaml_file
from catalogue.errors import YamlProblem

from .conftest import EXAMPLE


@pytest.mark.parametrize("path", sorted(EXAMPLE.rglob("*.yaml")), ids=lambda p: p.name)
def test_a_cached_file_reads_as_a_parsed_one(path, monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CATALOGUE_CACHE", "off")
    data, positions = read_yaml_file(path)
    monkeypatch.setenv("CATALOGUE_CACHE", "on")
    first, _ = read_yaml_file(path)  # parsed, and kept
    assert list((tmp_path / "cache").rglob("*.json"))
    cached, cached_positions = read_yaml_file(path)
    assert type(cached_positions).__name__ == "_PositionsOnDemand"
    assert first == cached == data
    for field_path in every_path(data):
        for prefer_key in (False, True):
            assert cached_positions.locate(field_path, prefer_key) == positions.locate(field_path, prefer_key)


def test_a_changed_or_damaged_entry_or_broken_file_is_parsed_again(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    record = tmp_path / "CL_X.yaml"
    record.write_text("id: CL_X\nname: {en: X}\n", encoding="utf-8")
    assert read_yaml_file(record)[0] == {"id": "CL_X", "name": {"en": "X"}}
    record.write_text("id: CL_X\nname: {en: Y}\n", encoding="utf-8")
    assert read_yaml_file(record)[0] == {"id": "CL_X", "name": {"en": "Y"}}
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    data, positions = read_yaml_file(record)
    assert data == {"id": "CL_X", "name": {"en": "Y"}} and positions.locate(("name", "en")).line == 2
    data, positions = read_yaml_file(record)  # from the cache again, its positions cut off: the file is parsed
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text(entry.read_text(encoding="utf-8").split("\n")[0], encoding="utf-8")
    assert positions.locate(("name", "en")) == read_yaml_file(record)[1].locate(("name", "en"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlProblem):
            read_yaml_file(broken)
    null_key = tmp_path / "null.yaml"  # a null key is refused the same way each time
    null_key.write_text("~: x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlProblem, match="a key must be a plain name"):
            read_yaml_file(null_key)


def test_an_unwritable_cache_is_skipped(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(blocked))
    record = tmp_path / "A.yaml"
    record.write_text("id: A\n", encoding="utf-8")
    assert read_yaml_file(record)[0] == read_yaml_file(record)[0] == {"id": "A"}
    assert isinstance(read_yaml_file(record)[1].locate(("id",)).line, int)
    assert Path(blocked).read_text(encoding="utf-8") == "not a folder"


def test_keys_that_look_like_paths_or_lines_keep_their_own_positions(monkeypatch, tmp_path):
    """A key holding a tab, a line break, quotes or digits is one step of one path: its position is its own."""
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    record = tmp_path / "odd.yaml"
    record.write_text('"a\\tb": 1\na:\n  b: 2\n"0": [x, y]\n"x\\ny": "\\"q\\""\nlist:\n  - z\n  - w\n',
                      encoding="utf-8")
    monkeypatch.setenv("CATALOGUE_CACHE", "off")
    data, parsed = read_yaml_file(record)
    monkeypatch.setenv("CATALOGUE_CACHE", "on")
    read_yaml_file(record)
    cached_data, kept = read_yaml_file(record)
    assert type(kept).__name__ == "_PositionsOnDemand" and cached_data == data
    for field_path in every_path(data):
        for prefer_key in (False, True):
            assert kept.locate(field_path, prefer_key) == parsed.locate(field_path, prefer_key), field_path
    assert kept.locate(("a", "b"), True).line == 3 and kept.locate(("a\tb",), True).line == 1
    assert kept.locate(("list", "1")) == kept.locate(("list",))  # a list's index is a number, not a key


def test_files_parsed_across_processes_load_as_read_one_after_another(monkeypatch, tmp_path):
    """Point 2: the pool fills the cache, the loader reads in its own order: the same records and the same
    problems, at the same positions, as a sequential read with the cache off."""
    import shutil

    import catalogue.records.yamlsource as yamlsource
    import catalogue.support.processes as processes
    import catalogue.records.loader as records

    folder = tmp_path / "records"
    shutil.copytree(EXAMPLE, folder)
    broken = folder / "datasets" / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    (folder / "codelists" / "CL_BAD.yaml").write_text("id: CL_BAD\nname: {en: x}\ncodes: 7\n", encoding="utf-8")
    monkeypatch.setenv("CATALOGUE_CACHE", "off")
    sequential = records.load_catalogue(folder)
    monkeypatch.setenv("CATALOGUE_CACHE", "on")
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(processes, "FAN_OUT_FROM", 2)
    monkeypatch.setattr(processes, "available_cores", lambda: 2)
    pooled: list[int] = []
    monkeypatch.setattr(records, "parse_ahead", lambda files: pooled.append(yamlsource.parse_ahead(files)))
    parallel = records.load_catalogue(folder)
    assert sum(pooled) >= 3 and list((tmp_path / "cache").rglob("*.json"))
    assert [str(problem) for problem in parallel.problems] == [str(problem) for problem in sequential.problems]
    assert any(problem.file == str(broken) for problem in parallel.problems)
    assert parallel.catalogue == sequential.catalogue


@pytest.mark.parametrize("threads", [False, True], ids=["forked", "spawned"])
def test_a_script_without_a_main_guard_still_loads(tmp_path, threads):
    """A caller's script that loads a large folder without ``if __name__ == "__main__":``: forked workers run
    nothing of it; spawned ones (a process with threads) import it again and break the pool, and the loader
    parses the files itself. Either way the records load."""
    import subprocess
    import sys

    from catalogue.support.processes import FAN_OUT_FROM as PARALLEL_FROM
    from catalogue.records.loader import load_catalogue
    from catalogue.records.writer import write_catalogue

    from .test_scaling import catalogue_of

    folder = tmp_path / "records"
    write_catalogue(catalogue_of(PARALLEL_FROM + 10), folder)
    script = tmp_path / "script.py"
    script.write_text(
        "import threading, time\n"
        + ("threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n" if threads else "")
        + "from catalogue.records.loader import load_catalogue\n"
        + f"result = load_catalogue({str(folder)!r})\n"
        + "print(len(result.catalogue.datasets), len(result.problems))\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "CATALOGUE_CACHE_DIR": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stderr[-2000:]
    os.environ["CATALOGUE_CACHE"] = "off"
    try:
        expected = load_catalogue(folder)
    finally:
        del os.environ["CATALOGUE_CACHE"]
    assert run.stdout.split() == [str(PARALLEL_FROM + 10), str(len(expected.problems))]


LEGAL = st.one_of(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), st.sampled_from("\t\n\"'#:-[]{} "))
"""What a record file may hold (no control character but tab and line break)."""
WORDS = st.text(LEGAL, max_size=6)
DOCUMENTS = st.dictionaries(WORDS.filter(bool), st.recursive(
    st.one_of(WORDS, st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(WORDS.filter(bool), inner, max_size=3)),
    max_leaves=12), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_kept_positions_are_those_of_the_parsed_file(tmp_path_factory, document):
    """The cache keeps the positions of every field path as a line of numbers in document order: read back, each
    key and value stands where a fresh parse puts it, whatever the keys hold (blank ones, line breaks, quotes)."""
    folder = tmp_path_factory.mktemp("kept")
    record = folder / "record.yaml"
    record.write_text(dump_yaml(document), encoding="utf-8")
    os.environ["CATALOGUE_CACHE_DIR"] = str(folder / "cache")
    try:
        os.environ["CATALOGUE_CACHE"] = "off"
        data, parsed = read_yaml_file(record)
        del os.environ["CATALOGUE_CACHE"]
        read_yaml_file(record)
        cached, kept = read_yaml_file(record)
    finally:
        os.environ.pop("CATALOGUE_CACHE", None)
        del os.environ["CATALOGUE_CACHE_DIR"]
    assert type(kept).__name__ == "_PositionsOnDemand" and cached == data
    for field_path in every_path(data):
        assert kept.positions_of(field_path) == (None, None)  # nothing held between lookups
        for prefer_key in (False, True):
            assert kept.locate(field_path, prefer_key) == parsed.locate(field_path, prefer_key), field_path
