"""The official files shipped for offline validation are byte-identical to the upstream copies."""

from __future__ import annotations

import hashlib

import pytest

from catalogue.conformance.validators import standards_dir

from .conftest import REPO, STANDARDS

SHIPPED = sorted(p for p in (REPO / "standards").rglob("*") if p.is_file() and p.name != "SOURCES.md")


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO / "standards")))
def test_shipped_file_is_byte_identical_to_the_official_one(path):
    official = STANDARDS / path.relative_to(REPO / "standards")
    if not STANDARDS.is_dir():
        pytest.skip(f"{STANDARDS} is absent (no ../shared/standards beside this clone): nothing to compare with")
    assert sha256(path) == sha256(official)


def test_every_shipped_file_has_its_source_noted():
    sources = (REPO / "standards" / "SOURCES.md").read_text(encoding="utf-8")
    for path in SHIPPED:
        assert path.stem.split(".")[0] in sources, path


def test_the_package_finds_the_shipped_copy(monkeypatch):
    monkeypatch.delenv("CATALOGUE_STANDARDS", raising=False)
    assert (standards_dir() / "dcat" / "dcat-ap-3.0.1" / "shacl-split" / "shapes.ttl").is_file()
