"""Generated valid catalogues survive record files → model → record files → model unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from catalogue.errors import Severity
from catalogue.checks.integrity import check_integrity
from catalogue.records.loader import load_catalogue
from catalogue.records.writer import write_catalogue
from catalogue.vocab import vocabulary

from .strategies import catalogues


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_yaml_model_yaml_model_is_lossless(catalogue):
    assert [f for f in check_integrity(catalogue, vocabulary()) if f.severity is Severity.ERROR] == []
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        write_catalogue(catalogue, first)
        loaded = load_catalogue(first)
        assert loaded.errors == [], "\n".join(map(str, loaded.errors))
        assert loaded.catalogue == catalogue
        write_catalogue(loaded.catalogue, second)
        again = load_catalogue(second)
        assert again.catalogue == catalogue
        for path in first.rglob("*.yaml"):
            assert (second / path.relative_to(first)).read_bytes() == path.read_bytes()


def test_the_example_round_trips(tmp_path):
    from .conftest import EXAMPLE

    original = load_catalogue(EXAMPLE).catalogue
    write_catalogue(original, tmp_path / "copy")
    # data files are not records: copy them so that local paths still resolve
    import shutil
    shutil.copytree(EXAMPLE / "data", tmp_path / "copy" / "data")
    reloaded = load_catalogue(tmp_path / "copy")
    assert reloaded.errors == []
    assert reloaded.catalogue == original
