"""Issue 18 (rebuild in seconds): a dataset file read, validated and checked before against the same other records
is taken as it was found — its problems kept by content, its dataset made only when read — and a load gives
exactly what a load that checks every file now gives: the same problems at the same places and the same records,
for generated catalogues and random sequences of edits (a dataset's title or frequency, an unknown frequency, a
codelist renamed under the datasets that use it, a dataset removed while others still name it as related, a file
broken, a dataset defined twice), checked here or across the cores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalogue.records.checkedfiles as checkedfiles
import catalogue.support.processes as processes
import catalogue.records.loader as records_module
from catalogue.records.compact import MadeOnRead
from catalogue.checks.datafiles import load_and_check
from catalogue.errors import CatalogueError
from catalogue.model import Catalogue
from catalogue.model.kinds import record_key
from catalogue.records.loader import LoadResult, load_catalogue
from catalogue.records.writer import write_catalogue

from .conftest import EXAMPLE, replace_in, run
from .strategies import catalogues

EDITS = ("dataset title", "unknown frequency", "codelist renamed", "dataset removed", "file broken",
         "dataset twice", "nothing")


def edit(records: Path, catalogue: Catalogue, change: str, pick: int) -> Catalogue:
    """Apply ``change`` to the record folder (and to ``catalogue``, which the folder is written from)."""
    ids = sorted(catalogue.datasets)
    dataset_id = ids[pick % len(ids)]
    dataset = catalogue.datasets[dataset_id]
    if change == "dataset title":
        title = {language: f"{text} (edited)" for language, text in dataset.title.items()}
        catalogue = catalogue.model_copy(update={"datasets": {**catalogue.datasets,
                                                              dataset_id: dataset.model_copy(update={"title": title})}})
    elif change == "unknown frequency":
        catalogue = catalogue.model_copy(update={"datasets": {
            **catalogue.datasets, dataset_id: dataset.model_copy(update={"frequency": "SOMETIMES"})}})
    elif change == "codelist renamed":  # the datasets using it now name an unknown codelist
        codelist_id = sorted(catalogue.codelists)[pick % len(catalogue.codelists)]
        codelists = [record.model_copy(update={"id": f"{record.id}_NEW"}) if key == codelist_id else record
                     for key, record in catalogue.codelists.items()]
        catalogue = catalogue.model_copy(update={"codelists": {record_key("codelist", c): c for c in codelists}})
    elif change == "dataset removed" and len(ids) > 1:  # the others' files are unchanged, and may name it
        named = sorted({other for record in catalogue.datasets.values() for other in record.related if other in ids})
        dataset_id = named[pick % len(named)] if named else dataset_id
        catalogue = catalogue.model_copy(update={"datasets": {key: record for key, record in catalogue.datasets.items()
                                                              if key != dataset_id}})
    shutil.rmtree(records)
    write_catalogue(catalogue, records)
    if change == "file broken":
        (records / "datasets" / f"{dataset_id}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    elif change == "dataset twice":
        shutil.copy(records / "datasets" / f"{dataset_id}.yaml", records / "datasets" / "ZZ_COPY.yaml")
    return catalogue


def described(result: LoadResult) -> tuple[list[tuple[str, str]], dict[str, dict] | None]:
    problems = [(str(problem), problem.severity.value) for problem in result.problems]
    catalogue = result.catalogue
    datasets = None if catalogue is None else {key: record.model_dump(mode="json")
                                               for key, record in catalogue.datasets.items()}
    return problems, datasets


def checked_whole(records: Path, monkeypatch: pytest.MonkeyPatch) -> LoadResult:
    """The load as it was before files were kept checked: every dataset read and validated here, and every
    integrity rule run over the whole catalogue held as objects (nothing parsed or checked before)."""
    def every_dataset_here(self, context, others):
        loaded = dict(self.records("dataset", context))
        self.unchecked, self.with_files = None, set(loaded)  # None: every rule over every dataset
        return loaded

    with monkeypatch.context() as patch:
        patch.setenv("CATALOGUE_CACHE", "off")
        patch.setattr(records_module._Loader, "datasets", every_dataset_here)
        return load_and_check(records)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 100)),
                                              min_size=1, max_size=4), across_cores=st.booleans())
def test_files_checked_before_give_what_checking_them_now_gives(tmp_path_factory, monkeypatch, catalogue, edits,
                                                                across_cores):
    root = tmp_path_factory.mktemp("checked")
    records = root / "records"
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(root / "cache"))
    monkeypatch.setattr(processes, "FAN_OUT_FROM", 1 if across_cores else 10**9)
    write_catalogue(catalogue, records)
    load_and_check(records)
    for change, pick in edits:
        catalogue = edit(records, catalogue, change, pick)
        warm = load_and_check(records)  # unchanged files taken as checked before, the others checked now
        assert described(warm) == described(checked_whole(records, monkeypatch))
        assert described(load_and_check(records)) == described(warm)  # every file taken as checked before
        with monkeypatch.context() as patch:
            patch.setenv("CATALOGUE_CACHE", "off")  # every file checked now (across the cores, or here)
            assert described(load_and_check(records)) == described(warm)


def test_check_of_an_unchanged_catalogue_makes_no_dataset(census, monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    first = load_and_check(census)
    made: list[Path] = []
    real = checkedfiles.DatasetChecker.check

    def spy(self, files):
        made.extend(path for path, _ in files)
        return real(self, files)

    monkeypatch.setattr(checkedfiles.DatasetChecker, "check", spy)
    again = load_and_check(census)
    assert again.problems == first.problems and again.ok
    assert made == [] and again.catalogue is not None and isinstance(again.catalogue.datasets, MadeOnRead)
    made_when_read = {key for key, kept in again.catalogue.datasets._items.items() if type(kept).__name__ != "_Maker"}
    assert made_when_read == again.datasets_with_files  # only those whose data files are checked
    assert len(made_when_read) < len(again.catalogue.datasets)
    assert dict(again.catalogue.datasets) == dict(first.catalogue.datasets)  # made when read: the same records
    replace_in(census / "datasets" / "DS_HHS_PUF.yaml", "frequency: annual", "frequency: sometimes")
    edited = load_and_check(census)
    assert [path.name for path in made] == ["DS_HHS_PUF.yaml"]  # only the edited file is checked again
    assert any("frequency" in problem.path and "sometimes" in problem.message for problem in edited.errors)


def test_a_changed_shared_record_checks_every_dataset_again(census, monkeypatch, tmp_path):
    """The datasets' findings depend on the other records: a codelist removed is told in every dataset file that
    uses it, though those files did not change."""
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    assert load_and_check(census).ok
    codelist = next(iter(sorted((census / "codelists").glob("*.yaml"))))
    codelist.unlink()
    after = load_and_check(census)
    assert [str(p) for p in after.problems] == [str(p) for p in checked_whole(census, monkeypatch).problems]
    assert any(f"unknown codelist '{codelist.stem}'" in problem.message for problem in after.errors)


def test_a_damaged_or_foreign_cache_is_a_cache_miss(census, monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(cache))
    replace_in(census / "datasets" / "DS_HHS_PUF.yaml", "frequency: annual", "frequency: sometimes")
    expected = [str(p) for p in load_and_check(census).problems]
    [kept] = (cache / "checked").glob("*.jsonl")
    lines = kept.read_text(encoding="utf-8").splitlines()
    damaged = ['["x"]', "not json", lines[0].replace('"', "'", 3), *(line[:-5] for line in lines[1:2]), *lines[2:]]
    kept.write_text("\n".join(damaged) + "\n", encoding="utf-8")
    assert [str(p) for p in load_and_check(census).problems] == expected
    kept.write_text("[1, 2, 3]\n" + "\n".join(f'["{line[2:40]}", [1, 2]]' for line in lines), encoding="utf-8")
    assert [str(p) for p in load_and_check(census).problems] == expected


def test_a_rebuild_after_an_edit_equals_a_full_build(cli, tmp_path, monkeypatch):
    """The build reads the datasets checked before (made from the parse cache) as those it checks now."""
    from .test_incremental_build import assert_same_tree

    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records)
    as_of = "2026-06-01T00:00:00Z"
    assert run(cli, "build", str(records), "--out", str(tmp_path / "site"), "--quiet", "--as-of", as_of).exit_code == 0
    replace_in(records / "datasets" / "DS_HHS_PUF.yaml", 'version: "1.0"', 'version: "9.1"')
    assert run(cli, "build", str(records), "--out", str(tmp_path / "site"), "--quiet", "--as-of", as_of).exit_code == 0
    monkeypatch.setenv("CATALOGUE_CACHE", "off")
    assert run(cli, "build", str(records), "--out", str(tmp_path / "full"), "--quiet", "--as-of", as_of).exit_code == 0
    assert_same_tree(tmp_path / "site", tmp_path / "full")
    assert load_catalogue(records).ok


def test_a_dataset_file_changed_before_its_dataset_is_made_is_an_error_not_another_record(census, monkeypatch,
                                                                                         tmp_path):
    """A dataset checked before is made from the parse cache when read; if that entry is gone and the file changed
    meanwhile, what was checked is no longer there: a clear error, never the new, unchecked content."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(cache))
    load_and_check(census)
    catalogue = load_and_check(census).catalogue
    assert catalogue is not None
    replace_in(census / "datasets" / "DS_POP_PROJECTIONS.yaml", "frequency: quinquennial", "frequency: annual")
    shutil.rmtree(cache / "records")
    with pytest.raises(CatalogueError, match="DS_POP_PROJECTIONS.yaml: the file changed while the catalogue was read"):
        catalogue.datasets["DS_POP_PROJECTIONS"]
    unchanged = [key for key, kept in catalogue.datasets._items.items()
                 if type(kept).__name__ == "_Maker" and key != "DS_POP_PROJECTIONS"]
    assert unchanged and all(catalogue.datasets[key].id == key for key in unchanged)  # made from their files again
