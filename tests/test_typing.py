"""The package type-checks (mypy, configured in pyproject.toml)."""

from __future__ import annotations

from mypy import api

from .conftest import REPO


def test_mypy_finds_no_issue(tmp_path):
    stdout, stderr, status = api.run(["--config-file", str(REPO / "pyproject.toml"), "--cache-dir",
                                      str(tmp_path / "cache"), str(REPO / "catalogue")])
    assert status == 0, stdout + stderr
