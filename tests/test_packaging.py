"""The wheel ships the mappings and the schemas, and the package reads them from there."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(REPO)], check=True)
    [built] = out.glob("nso_catalogue-*.whl")
    return built


def test_wheel_holds_mappings_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "mappings").glob("*.yaml"):
        assert f"catalogue/data/mappings/{path.name}" in names
    for path in (REPO / "schemas").glob("*.json"):
        assert f"catalogue/data/schemas/{path.name}" in names
    for path in (p for p in (REPO / "standards").rglob("*") if p.is_file()):
        assert f"catalogue/data/standards/{path.relative_to(REPO / 'standards').as_posix()}" in names
    assert "catalogue/cli/__init__.py" in names
    for folder in ("site_templates", "editor_templates", "account_templates"):
        for path in (REPO / "catalogue" / folder).iterdir():
            assert f"catalogue/{folder}/{path.name}" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "catalogue = catalogue.cli:app" in entry_points


def test_installed_package_reads_its_data_through_importlib_resources(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    probe = (
        "import json\n"
        "from catalogue.support.resources import data_dir\n"
        "from catalogue.vocab import vocabulary\n"
        "print(json.dumps([str(data_dir('mappings')), str(data_dir('schemas')), len(vocabulary().licences)]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""}, check=True)
    mappings, schemas, licences = json.loads(result.stdout)
    assert mappings.startswith(str(tmp_path / "site")) and schemas.startswith(str(tmp_path / "site"))
    assert licences >= 7


def test_the_command_starts_without_the_heavy_libraries():
    """Issue 18, point 7: `catalogue --help` (and typer's parsing of any command) imports none of the
    libraries the work needs; each command imports them when it runs (0.58 s -> 0.19 s for --help here)."""
    import subprocess
    import sys

    heavy = ("pydantic", "rdflib", "sqlalchemy", "frictionless", "lxml", "jinja2", "ruamel", "yaml", "babel",
             "langcodes", "fastapi", "alembic", "pyshacl", "pysdmx", "icalendar")
    code = ("import sys, catalogue.cli; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""
