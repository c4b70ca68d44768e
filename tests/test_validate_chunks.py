"""Issue 18, point 8: `validate` runs the official validators on the DCAT feeds in chunks of datasets across
the machine's cores, with the findings of a whole-file run: the same warnings, a violation in any chunk, a feed
that differs or does not parse (then read whole, for the file's own message)."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

import catalogue.conformance.validate as validate
from catalogue.conformance.validators import standards_dir
from catalogue.policy.view import public_view
from catalogue.support.processes import process_pool
from catalogue.rdf.chunks import plan
from catalogue.records.loader import read_catalogue
from catalogue.publish.site import SiteBuilder, build_site

from .conftest import EXAMPLE

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
PER_CHUNK = 3


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example (its release calendar serves datasets of several chunks) and 14 copies of one of its tables,
    each related to the one before."""
    base = read_catalogue(EXAMPLE)
    template = base.datasets["DS_HH_SIZE_REGION"]
    copies = {f"DS_COPY_{i:02d}": template.model_copy(update={"id": f"DS_COPY_{i:02d}",
                                                              "related": [f"DS_COPY_{i - 1:02d}"] if i else []})
              for i in range(14)}
    catalogue = base.model_copy(update={"datasets": {**base.datasets, **copies}})
    folder = tmp_path_factory.mktemp("chunks") / "site"
    folder.mkdir()
    build_site(SiteBuilder(public_view(catalogue, AS_OF), EXAMPLE), folder)
    return folder


@pytest.fixture(scope="module")
def pool():
    with process_pool() as executor:
        yield executor


def reports(site: Path, pool, monkeypatch) -> tuple[list, list]:
    monkeypatch.setattr(validate, "DATASETS_PER_CHUNK", PER_CHUNK)
    chunked = validate._rdf(site, standards_dir(None), pool)
    whole = validate._rdf_whole(site, standards_dir(None))
    return ([(r.file, r.errors, r.notes) for r in chunked], [(r.file, r.errors, r.notes) for r in whole])


def test_the_site_is_cut_in_chunks_with_what_each_refers_to(site):
    chunking = plan(site, PER_CHUNK)
    assert chunking is not None and len(chunking.chunks) >= 4
    head = list(range(chunking.chunks[0].first))  # the catalogue and the shared records: in every chunk
    assert head and all(chunk.extra[:len(head)] == head for chunk in chunking.chunks)
    assert any(len(chunk.extra) > len(head) for chunk in chunking.chunks)  # controlled values typed in another
    assert plan(site, 100) is None  # fewer datasets than two chunks: validated whole


def test_chunks_give_the_findings_of_the_whole_file(site, pool, monkeypatch):
    chunked, whole = reports(site, pool, monkeypatch)
    assert chunked == whole
    assert any("warning(s)" in note for _, _, notes in whole for note in notes)


def test_a_violation_in_a_late_chunk_is_found_as_the_whole_file_finds_it(site, pool, monkeypatch, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    for path, pattern in (("catalog.ttl", r"(<[^>]*DS_COPY_12>\n    a dcat:Dataset ;\n)"),):
        text = (broken / path).read_text(encoding="utf-8")
        edited, count = re.subn(pattern, r"\1    dcat:theme <https://example.org/not-a-theme> ;\n", text)
        assert count == 1
        (broken / path).write_text(edited, encoding="utf-8")
    chunked, whole = reports(broken, pool, monkeypatch)
    assert chunked == whole
    errors = [error for _, errors, _ in whole for error in errors]
    assert any("DS_COPY_12" in error for error in errors), errors


def test_feeds_that_differ_or_do_not_parse_are_reported_as_whole(site, pool, monkeypatch, tmp_path):
    differing = tmp_path / "differing"
    shutil.copytree(site, differing)
    text = (differing / "catalog.jsonld").read_text(encoding="utf-8")
    (differing / "catalog.jsonld").write_text(text.replace("DS_COPY_11", "DS_COPY_99", 1), encoding="utf-8")
    chunked, whole = reports(differing, pool, monkeypatch)
    assert chunked == whole and ["not the same graph as catalog.ttl"] in [errors for _, errors, _ in whole]
    unparsable = tmp_path / "unparsable"
    shutil.copytree(site, unparsable)
    text = (unparsable / "catalog.ttl").read_text(encoding="utf-8")
    (unparsable / "catalog.ttl").write_text(text.replace("DS_COPY_13>\n    a dcat:Dataset ;", "DS_COPY_13>\n    a ;", 1),
                                            encoding="utf-8")
    chunked, whole = reports(unparsable, pool, monkeypatch)
    assert chunked == whole and any("cannot be read" in e for _, errors, _ in whole for e in errors)
