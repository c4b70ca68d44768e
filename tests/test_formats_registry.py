"""Issue 31 (point 2): the formats registry lists each output once, and a new catalogue-wide JSON feed is its module
plus one row of the registry: in a copy of the package with only those two changes, the build writes it, the pages
link it, the server streams it, ``catalogue export NAME`` writes it and ``catalogue validate`` runs its check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from catalogue.formats.registry import FEEDS, JSON_FEEDS, OUTPUT, OUTPUTS

from .conftest import EXAMPLE, REPO, STANDARDS

AS_OF = "2026-07-01T00:00:00Z"

NEW_MODULE = '''
"""A list of the public datasets: their ids and titles in the catalogue's default language."""

from pathlib import Path
from typing import Any

from catalogue.formats.jsonfeed import FeedCheck, JsonFeed
from catalogue.formats.text import pick


class DatasetListBuilder:
    def __init__(self, view: Any, vocab: Any) -> None:
        self.view = view

    def catalogue(self, datasets: list[Any] | None = None) -> dict[str, Any]:
        items = [self.dataset(d) for d in self.view.datasets.values()] if datasets is None else datasets
        return {"catalogue": self.view.info.id, "datasets": items}

    def dataset(self, dataset: Any) -> dict[str, Any]:
        return {"id": dataset.id, "title": pick(dataset.title, self.view.info.default_language)}


def _check(document: Any, standards: Path) -> FeedCheck:
    errors = [f"datasets/{index}: no title" for index, item in enumerate(document["datasets"]) if not item["title"]]
    errors += ["the planted error"] if any(item["id"] == "PLANTED" for item in document["datasets"]) else []
    return FeedCheck("the dataset list's own check", errors)


DATASET_LIST = JsonFeed(DatasetListBuilder, DatasetListBuilder.dataset, check=_check, check_name="dataset list")
'''

NEW_ROW = '''    Output("dataset-list", "datasets.json", "application/json", "Dataset list (JSON)", "dataset-list",
           feed="catalogue.formats.dataset_list:DATASET_LIST", summary="The public datasets' ids and titles."),
'''

SERVE = '''
import sys
from datetime import datetime, timezone
from pathlib import Path

from fastapi.testclient import TestClient

from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store

example, database = Path(sys.argv[1]), sys.argv[2]
store = open_store(database)
store.load(read_catalogue(example), example, "ana", "load")
moment = datetime(2026, 7, 1, tzinfo=timezone.utc)
with TestClient(create_app(store, lambda: moment)) as client:
    answer = client.get("/datasets.json")
    assert answer.status_code == 200, answer.status_code
    sys.stdout.write(answer.headers["content-type"] + "\\n" + answer.text)
'''


def test_every_output_is_listed_once_and_every_json_feed_names_its_feed():
    assert len({o.name for o in OUTPUTS}) == len(OUTPUTS) and len({o.path for o in OUTPUTS}) == len(OUTPUTS)
    assert [o.name for o in JSON_FEEDS] == ["dcat-us", "schema-org"]
    for output in JSON_FEEDS:
        assert output.json_feed().builder is not None and output.summary
    assert OUTPUT["dcat-us"].json_feed().check is not None
    assert {path for path, _, _ in FEEDS} >= {o.path for o in JSON_FEEDS}


def _package_with_a_new_feed(folder: Path) -> Path:
    """A copy of the package with one new module and one new row of the registry, and nothing else changed."""
    copy = folder / "package"
    shutil.copytree(REPO / "catalogue", copy / "catalogue", ignore=shutil.ignore_patterns("__pycache__"))
    for shipped in ("mappings", "schemas", "standards"):  # the data a source checkout ships beside the package
        (copy / shipped).symlink_to(REPO / shipped)
    (copy / "catalogue" / "formats" / "dataset_list.py").write_text(textwrap.dedent(NEW_MODULE), encoding="utf-8")
    registry = copy / "catalogue" / "formats" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    end = text.index("\n)\nOUTPUT = ") + 1
    registry.write_text(text[:end] + NEW_ROW + text[end:], encoding="utf-8")
    return copy


def _run(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(package)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environment, timeout=300,
                          cwd=package.parent)


def test_a_new_json_feed_is_one_module_and_one_row(tmp_path):
    package = _package_with_a_new_feed(tmp_path)
    site = tmp_path / "site"
    built = _run(package, "-m", "catalogue", "build", str(EXAMPLE), "--out", str(site), "--as-of", AS_OF, "--quiet")
    assert built.returncode == 0, built.stderr

    document = json.loads((site / "datasets.json").read_text(encoding="utf-8"))
    public = sorted(path.name for path in (site / "datasets").iterdir())
    assert sorted(item["id"] for item in document["datasets"]) == public and all(i["title"] for i in document["datasets"])
    assert 'href="datasets.json"' in (site / "index.html").read_text(encoding="utf-8")

    exported = tmp_path / "exported.json"
    made = _run(package, "-m", "catalogue", "export", "dataset-list", str(EXAMPLE), "-o", str(exported),
                "--as-of", AS_OF)
    assert made.returncode == 0, made.stderr
    assert exported.read_bytes() == (site / "datasets.json").read_bytes()

    served = _run(package, "-c", SERVE, str(EXAMPLE), f"sqlite:///{tmp_path / 'store.db'}")
    assert served.returncode == 0, served.stderr
    media_type, _, body = served.stdout.partition("\n")
    assert media_type.startswith("application/json") and body == (site / "datasets.json").read_text(encoding="utf-8")

    checked = _run(package, "-m", "catalogue", "validate", str(site), "--standards", str(STANDARDS))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "datasets.json" in checked.stdout and "the dataset list's own check" in checked.stdout

    document["datasets"].append({"id": "PLANTED", "title": "x"})  # the feed's check runs on the built file
    (site / "datasets.json").write_text(json.dumps(document), encoding="utf-8")
    failed = _run(package, "-m", "catalogue", "validate", str(site), "--standards", str(STANDARDS))
    assert failed.returncode == 1 and "datasets.json: the planted error" in failed.stderr
