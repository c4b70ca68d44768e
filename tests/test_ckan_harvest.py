"""Issue 11.28–11.29: what CKAN portals receive, read by ckanext-dcat's own RDF parser (CKAN and
ckanext-dcat from PyPI, in the separate environment that ``tools/ckan_venv.sh`` makes; CI makes it)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from catalogue.checks.datafiles import load_and_check

from .conftest import REPO, replace_in, run

CKAN_PYTHON = Path(os.environ.get("CATALOGUE_CKAN_PYTHON", REPO / ".ckan-venv" / "bin" / "python"))
needs_ckan = pytest.mark.skipif(
    not CKAN_PYTHON.is_file(),
    reason=f"no CKAN environment at {CKAN_PYTHON}: make it with tools/ckan_venv.sh (CI does)")
REGISTER = {"CC0-1.0": "cc-zero", "CC-BY-4.0": "cc-by", "CC-BY-SA-4.0": "cc-by-sa", "ODC-By-1.0": "odc-by",
            "ODbL-1.0": "odc-odbl", "PDDL-1.0": "odc-pddl", "OGL-UK-3.0": "uk-ogl"}
"""Our licences and the id CKAN's default licence register gives each."""


def ckan_read(path: Path, rdf_format: str = "turtle") -> list[dict]:
    result = subprocess.run([str(CKAN_PYTHON), str(REPO / "tools" / "ckan_parse.py"), str(path), rdf_format],
                            capture_output=True, text=True, timeout=300, check=True)
    return json.loads(result.stdout)


def with_every_licence(census: Path) -> None:
    """One small dataset per licence CKAN's register knows, without distribution titles."""
    for spdx in REGISTER:
        (census / "licences" / f"{spdx}.yaml").write_text(f"id: {spdx}\n", encoding="utf-8")
        (census / "datasets" / f"DS_LIC_{spdx.replace('.', '_')}.yaml").write_text(f"""id: DS_LIC_{spdx.replace('.', '_')}
status: published
title: {{en: Data under {spdx}, fr: Données sous {spdx}}}
description: {{en: A table published under the licence {spdx}., fr: Un tableau publié sous la licence {spdx}.}}
keywords: {{en: [licence test], fr: [test de licence]}}
publisher: BSO
licence: {spdx}
terms: OPEN
distributions:
  - id: CSV
    download_url: https://data.bso.example.org/files/{spdx}.csv
    format: CSV
""", encoding="utf-8")


@needs_ckan
@pytest.mark.parametrize("rdf_format, name", [("turtle", "catalog.ttl"), ("xml", "catalog.rdf")])
def test_ckan_recognises_every_licence_of_its_register(census, cli, tmp_path, rdf_format, name):
    with_every_licence(census)
    output = tmp_path / name
    assert run(cli, "export", "dcat", str(census), "-o", str(output)).exit_code == 0
    harvested = {d["title"]: d for d in ckan_read(output, rdf_format)}
    for spdx, ckan_id in REGISTER.items():
        assert harvested[f"Data under {spdx}"]["license_id"] == ckan_id, spdx
    assert all(name for d in harvested.values() for name in d["resources"]), harvested
    assert harvested["Data under CC0-1.0"]["resources"] == ["Data under CC0-1.0 (CSV)"]
    turtle = output.read_text(encoding="utf-8")
    assert "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0" in turtle  # the EU URI stays


def test_keywords_that_ckan_refuses_are_warnings(census):
    record = census / "datasets" / "DS_HH_SIZE_REGION.yaml"
    replace_in(record, "  en: [households, household size, census, housing]",
               "  en: [salud & bienestar, '<i>x</i>', 'población, vivienda', households, h, " + "x" * 101 + "]")
    result = load_and_check(census)
    assert result.ok
    flagged = [p for p in result.warnings if "refused as a tag by CKAN" in p.message]
    assert [p.path for p in flagged] == [f"keywords.en[{i}]" for i in (0, 1, 2, 4, 5)]


@needs_ckan
def test_ckan_harvests_every_public_dataset_once_through_the_pages(census, tmp_path):
    """ckanext-dcat's harvester follows hydra:next page by page while the catalogue changes between pages:
    datasets present from start to end are collected exactly once, none twice."""
    import threading
    import time

    import uvicorn

    from catalogue.records.loader import read_catalogue
    from catalogue.server import create_app
    from catalogue.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    catalogue = read_catalogue(census)
    store.load(catalogue, census, "ana", "first")
    import socket
    with socket.socket() as probe:  # a free port, so that the server knows where it is reached (its base URL)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(store, base_url=f"http://127.0.0.1:{port}/")  # hydra:next is written from it, never from Host
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        url: str | None = f"http://127.0.0.1:{port}/catalog?page_size=2"
        seen: list[str] = []
        pages = 0
        while url:
            result = subprocess.run([str(CKAN_PYTHON), str(REPO / "tools" / "ckan_harvest_page.py"), url],
                                    capture_output=True, text=True, timeout=300, check=True)
            page = json.loads(result.stdout)
            seen += page["datasets"]
            url = page["next"]
            pages += 1
            if pages == 1:  # between pages: one dataset changes, one is removed, one is added
                changed = catalogue.datasets["DS_LFS_QUARTERLY"].model_copy(update={"num_series": 999})
                added = changed.model_copy(update={"id": "DS_ZZ_ADDED"})
                kept = {k: v for k, v in catalogue.datasets.items() if k != "DS_HHS_PUF"}
                store.load(catalogue.model_copy(update={"datasets": {**kept, "DS_LFS_QUARTERLY": changed,
                                                                     "DS_ZZ_ADDED": added}}),
                           census, "ben", "between pages")
        assert len(seen) == len(set(seen))
        base = "https://data.bso.example.org/dataset/"
        stable = {"DS_HHS_RDC", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY", "DS_POP_AGE_SEX_REGION"}
        assert {base + i for i in stable} <= set(seen)
        assert base + "DS_ZZ_ADDED" in seen  # added after the cursor: the harvest still reaches it
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@needs_ckan
def test_ckan_harvests_every_release_of_a_series_and_keeps_its_version(tmp_path):
    """A catalogue with a series of releases and a corrected version: CKAN's DCAT-AP 3 profile harvests every public
    dataset once (the series itself is not a dataset to it), and keeps each release's version. What it keeps of
    ``dcat:inSeries`` depends on its release (series support is unreleased): printed, not required."""
    from datetime import datetime, timezone

    from catalogue.policy.view import public_view
    from catalogue.records.loader import read_catalogue

    from .exports import dcat_text
    from .test_series import CORRECTED, EMBARGOED, QUARTERS, quarterly_series

    view = public_view(read_catalogue(quarterly_series(tmp_path / "c")), datetime(2026, 1, 1, tzinfo=timezone.utc))
    output = tmp_path / "catalog.ttl"
    output.write_text(dcat_text(view, "turtle"), encoding="utf-8")
    harvested = ckan_read(output)
    titles = sorted(d["title"] for d in harvested)
    assert titles == sorted(dataset.title["en"] for dataset in view.datasets.values())
    assert all(EMBARGOED[-6:] not in title for title in titles)
    kept = {d["title"]: d["kept"] for d in harvested}
    corrected = view.datasets[CORRECTED].title["en"]
    assert kept[corrected].get("version") == "3.3", kept[corrected]
    assert kept[corrected].get("version_notes") == view.datasets[CORRECTED].version_notes["en"]
    assert {view.datasets[i].title["en"] for i in QUARTERS} <= set(kept)
    print("what CKAN keeps of a release:", json.dumps(kept[corrected], ensure_ascii=False))
