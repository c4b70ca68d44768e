"""Issue 18, point 4: a large catalogue keeps its datasets compact (pickled and compressed, made again when
read), and gives exactly what a small one kept as objects gives: the same problems at the same places, the same
public view, the same site, byte for byte."""

from __future__ import annotations

import pickle
import shutil
from datetime import datetime, timezone

import catalogue.records.compact as compact
from catalogue.records.compact import CompactRecords, select, sorted_by_key
from catalogue.model import Dataset
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, replace_in, run
from .test_incremental_build import assert_same_tree

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_compact_records_are_a_mapping_that_keeps_order_and_values():
    datasets = read_catalogue(EXAMPLE).datasets
    kept: CompactRecords[Dataset] = CompactRecords(reversed(list(datasets.items())))
    assert list(kept) == list(reversed(datasets)) and len(kept) == len(datasets)
    assert dict(kept.items()) == datasets and kept == datasets
    assert list(sorted_by_key(kept)) == sorted(datasets)
    chosen = select(kept, ["DS_HHS_PUF", "DS_CENSUS_COMMUTING"])
    assert isinstance(chosen, CompactRecords) and list(chosen.values()) == [datasets["DS_HHS_PUF"],
                                                                          datasets["DS_CENSUS_COMMUTING"]]
    blob = kept._items["DS_HHS_PUF"]
    assert len(blob) < len(pickle.dumps(datasets["DS_HHS_PUF"])) and kept["DS_HHS_PUF"] is not kept["DS_HHS_PUF"]
    del kept["DS_HHS_PUF"]
    assert "DS_HHS_PUF" not in kept and len(kept) == len(datasets) - 1


def test_a_compact_catalogue_checks_and_builds_as_one_of_objects(cli, tmp_path, monkeypatch):
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records)
    replace_in(records / "datasets" / "DS_HHS_PUF.yaml", "id: DS_HHS_PUF", "id: DS_HHS_PUF\nfrequency: sometimes")
    as_objects = load_catalogue(records)
    monkeypatch.setattr(compact, "KEEP_OBJECTS_UP_TO", 0)
    compacted = load_catalogue(records)
    assert [str(p) for p in compacted.problems] == [str(p) for p in as_objects.problems] and not compacted.ok
    shutil.copy(EXAMPLE / "datasets" / "DS_HHS_PUF.yaml", records / "datasets" / "DS_HHS_PUF.yaml")
    catalogue = load_catalogue(records).catalogue
    assert catalogue is not None and isinstance(catalogue.datasets, CompactRecords)
    view = public_view(catalogue, AS_OF)
    assert isinstance(view.datasets, CompactRecords) and view == public_view(read_catalogue(EXAMPLE), AS_OF)
    for site, threshold in ((tmp_path / "compact", 0), (tmp_path / "objects", 20_000)):
        monkeypatch.setattr(compact, "KEEP_OBJECTS_UP_TO", threshold)
        assert run(cli, "build", str(records), "--out", str(site), "--quiet", "--as-of", AS_OF.isoformat()).exit_code == 0
    assert_same_tree(tmp_path / "compact", tmp_path / "objects")


def test_a_compact_catalogue_has_the_integrity_findings_of_one_of_objects(tmp_path, monkeypatch):
    """A compact catalogue's datasets are checked in batches made once: the findings are those of the same
    catalogue held as objects — a dataset's own (an unknown frequency, a missing translation), a reference to
    a dataset of another batch, and one to no dataset, whose message lists every dataset id."""
    from catalogue.checks import integrity
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records)
    record = records / "datasets" / "DS_HHS_PUF.yaml"
    replace_in(record, "frequency: annual", "frequency: sometimes")
    replace_in(record, "related: [DS_HHS_RDC, DS_LFS_QUARTERLY]", "related: [DS_HHS_RDC, DS_NOPE]")
    replace_in(record, "  fr: Enquête auprès des ménages 2023, fichier de microdonnées à usage public\n", "")
    as_objects = load_catalogue(records)
    assert len(as_objects.problems) == 3, [str(p) for p in as_objects.problems]
    monkeypatch.setattr(compact, "KEEP_OBJECTS_UP_TO", 0)
    monkeypatch.setattr(integrity, "DATASETS_PER_BATCH", 2)  # the related dataset lies in another batch
    compacted = load_catalogue(records)
    assert compacted.catalogue is not None and isinstance(compacted.catalogue.datasets, CompactRecords)
    assert [str(p) for p in compacted.problems] == [str(p) for p in as_objects.problems]
