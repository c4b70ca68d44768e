"""The committed JSON Schemas match the model, are valid, and accept every example record."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from catalogue.records.writer import CATALOGUE_FILE
from catalogue.model.kinds import KIND_FOLDERS
from catalogue.records.schema import schema_files

from .conftest import EXAMPLE, REPO, run

SCHEMAS = REPO / "schemas"


def test_committed_schemas_match_the_model():
    generated = schema_files()
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json")}
    assert committed.keys() == generated.keys()
    drifted = [name for name in generated if committed[name] != generated[name]]
    assert not drifted, f"schemas/ is out of date ({drifted}): run `catalogue schema --out schemas`"


def test_schema_command_writes_the_same_files(cli, tmp_path):
    result = run(cli, "schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    for path in SCHEMAS.glob("*.json"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_each_schema_is_a_valid_2020_12_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _as_editor_sees_it(value):
    """YAML as a YAML 1.2 editor hands it to JSON Schema: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


SHIPPED = REPO / "examples" / "census"
"""The example's files where they are shipped: their ``$schema`` comments point into the repository (read only)."""


def _example_records():
    yield "catalogue", SHIPPED / CATALOGUE_FILE
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((SHIPPED / folder).glob("*.yaml")):
            yield kind, path


@pytest.mark.parametrize(("kind", "path"), list(_example_records()), ids=lambda v: getattr(v, "name", v))
def test_every_example_record_validates_against_its_schema(kind, path: Path):
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    data = _as_editor_sees_it(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first_line.split("=", 1)[1]).resolve() == (SCHEMAS / f"{kind}.schema.json").resolve()


def test_schema_rejects_an_unknown_key():
    schema = json.loads((SCHEMAS / "dataset.schema.json").read_text(encoding="utf-8"))
    data = _as_editor_sees_it(YAML(typ="safe", pure=True).load((EXAMPLE / "datasets" / "DS_HH_SIZE_REGION.yaml")
                                                              .read_text(encoding="utf-8")))
    data["landing_pgae"] = data.pop("landing_page")
    assert list(Draft202012Validator(schema).iter_errors(data))
