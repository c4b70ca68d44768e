"""Issue 18 (rebuild in seconds): the public view of a catalogue loaded from files checked before is computed from
what was kept of each dataset (``policy.DatasetFacts``) without making it, each public dataset made when read.
For generated catalogues and random edits, at several build times, that view publishes exactly what the view made
from every dataset publishes, a dataset's key (known without making it) never stands for two different published
datasets, and a rebuild after one edit makes only the datasets whose outputs change."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalogue.policy.view as policy
from catalogue.support.hashing import record_fingerprint
from catalogue.checks.datafiles import load_and_check
from catalogue.policy.view import DatasetFacts, PublicView, public_view
from catalogue.records.writer import write_catalogue

from .conftest import EXAMPLE, replace_in, run
from .strategies import AS_OF, catalogues
from .test_checked_files import EDITS, edit

MOMENTS = [AS_OF - timedelta(days=400), AS_OF, AS_OF + timedelta(days=4000)]


def published(view: PublicView) -> dict[str, Any]:
    """Everything a view lets an exporter publish, as plain data."""
    return {
        "datasets": {key: dataset.model_dump(mode="json") for key, dataset in view.datasets.items()},
        **{name: {key: record.model_dump(mode="json") for key, record in getattr(view, name).items()}
           for name in ("agencies", "licences", "terms", "concept_schemes", "codelists")},
        "calendar": [repr(entry) for entry in view.calendar],
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 100)),
                                              min_size=1, max_size=3))
def test_the_view_from_kept_facts_publishes_what_the_whole_view_publishes(tmp_path_factory, monkeypatch, catalogue,
                                                                          edits):
    root = tmp_path_factory.mktemp("lazy")
    records = root / "records"
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(root / "cache"))
    write_catalogue(catalogue, records)
    load_and_check(records)
    seen: dict[str, Any] = {}  # a key: the published dataset it stood for
    for change, pick in edits:
        catalogue = edit(records, catalogue, change, pick)
        result = load_and_check(records)
        if not result.ok:
            continue
        assert result.facts  # files checked here or before: their facts are kept
        for as_of in MOMENTS:
            lazy = public_view(result.catalogue, as_of, result.facts)
            whole = public_view(load_and_check(records).catalogue, as_of)  # every dataset made and read
            assert published(lazy) == published(whole)
            for dataset_id in lazy.with_local_files or ():
                assert lazy.withheld_columns[dataset_id] == whole.withheld_columns[dataset_id]
                assert lazy.source_columns[dataset_id] == whole.source_columns[dataset_id]
            for dataset_id, key in lazy.keys.items():
                assert seen.setdefault(key, whole.datasets[dataset_id].model_dump(mode="json")) == \
                    whole.datasets[dataset_id].model_dump(mode="json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_facts_read_back_are_the_facts_kept(catalogue):
    for dataset in catalogue.datasets.values():
        facts = DatasetFacts.of(dataset)
        assert DatasetFacts.from_json(facts.as_json()) == facts
        for as_of in MOMENTS:
            assert facts.is_released(as_of) == policy.is_released(dataset, as_of)


def test_a_rebuild_after_one_edit_makes_only_what_changed(cli, tmp_path, monkeypatch):
    """The edited dataset is made, and those whose pages show its title; no other."""
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    records, site = tmp_path / "records", tmp_path / "site"
    shutil.copytree(EXAMPLE, records)
    as_of = "2026-06-01T00:00:00Z"
    build = ("build", str(records), "--out", str(site), "--quiet", "--as-of", as_of)
    assert run(cli, *build).exit_code == 0
    made: list[str] = []
    public_of = policy._public_of
    monkeypatch.setattr(policy, "_public_of", lambda released, i, *rest: made.append(i) or public_of(released, i, *rest))
    assert run(cli, *build).exit_code == 0
    with_files = {i for i in load_and_check(records).catalogue.datasets  # type: ignore[union-attr]
                  if any(d.path for d in load_and_check(records).catalogue.datasets[i].distributions)}  # type: ignore
    assert set(made) <= with_files  # nothing changed: only the datasets with local files (checked each time)
    made.clear()
    edited = "DS_HHS_PUF"
    replace_in(records / "datasets" / f"{edited}.yaml", 'version: "1.0"', 'version: "9.1"')
    assert run(cli, *build).exit_code == 0
    catalogue = load_and_check(records).catalogue
    assert catalogue is not None
    naming = {i for i, dataset in catalogue.datasets.items() if edited in dataset.related}
    beside = set(catalogue.datasets)  # listed on its page of the catalogue (one page: the page is made again)
    assert edited in made and set(made) <= {edited} | naming | with_files | beside
    shutil.rmtree(tmp_path / "cache")
    assert run(cli, "build", str(records), "--out", str(tmp_path / "full"), "--quiet", "--as-of", as_of).exit_code == 0
    from .test_incremental_build import assert_same_tree
    assert_same_tree(site, tmp_path / "full")


def test_a_key_known_without_the_record_changes_with_what_is_published(census, monkeypatch, tmp_path):
    """The key of a dataset as published changes with its file, and with whether a dataset it names is released."""
    monkeypatch.setenv("CATALOGUE_CACHE_DIR", str(tmp_path / "cache"))
    result = load_and_check(census)
    assert result.ok and result.catalogue is not None
    as_of = datetime(2026, 6, 1, tzinfo=timezone.utc)
    view = public_view(result.catalogue, as_of, result.facts)
    naming = next(i for i, facts in result.facts.items() if facts.related and i in view.keys)
    before = view.keys[naming]
    related = result.facts[naming].related[0]
    assert public_view(result.catalogue, as_of, result.facts).keys[naming] == before
    withheld = {**result.facts, related: policy.replace(result.facts[related], status="draft")}
    assert public_view(result.catalogue, as_of, withheld).keys[naming] != before
    path = census / "datasets" / f"{naming}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # other bytes, same record
    again = load_and_check(census)
    assert public_view(again.catalogue, as_of, again.facts).keys[naming] != before  # type: ignore[arg-type]
    assert record_fingerprint(view.datasets[naming]) == record_fingerprint(
        public_view(again.catalogue, as_of, again.facts).datasets[naming])  # type: ignore[arg-type]
