"""The export commands: formats, build time, and nothing half-written on bad input."""

from __future__ import annotations

import json

import pytest
import rdflib

from .conftest import EXAMPLE, replace_in, run

AS_OF = "2026-01-01T00:00:00Z"


@pytest.mark.parametrize(("name", "parser"), [("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld"),
                                               ("catalog.rdf", "xml"), ("catalog.nt", "nt")])
def test_format_follows_the_extension(cli, tmp_path, name, parser):
    target = tmp_path / name
    result = run(cli, "export", "dcat", str(EXAMPLE), "-o", str(target), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(target, format=parser)) > 300


def test_explicit_format_and_unknown_extension(cli, tmp_path):
    result = run(cli, "export", "dcat", str(EXAMPLE), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    result = run(cli, "export", "dcat", str(EXAMPLE), "-o", str(tmp_path / "out.txt"), "--format", "nt")
    assert result.exit_code == 0
    rdflib.Graph().parse(tmp_path / "out.txt", format="nt")


def test_bad_as_of_is_a_usage_error(cli, tmp_path):
    result = run(cli, "export", "dcat", str(EXAMPLE), "-o", str(tmp_path / "c.ttl"), "--as-of", "next tuesday")
    assert result.exit_code == 2


def test_as_of_controls_the_embargo(cli, tmp_path):
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    run(cli, "export", "schema-org", str(EXAMPLE), "-o", str(before), "--as-of", "2099-06-30T06:59:59Z")
    run(cli, "export", "schema-org", str(EXAMPLE), "-o", str(after), "--as-of", "2099-06-30T07:00:00Z")
    assert "DS_POP_PROJECTIONS" not in before.read_text(encoding="utf-8")
    assert "DS_POP_PROJECTIONS" in after.read_text(encoding="utf-8")


def test_invalid_catalogue_leaves_the_previous_output_intact(cli, census, tmp_path):
    target = tmp_path / "out" / "data.json"
    assert run(cli, "export", "dcat-us", str(census), "-o", str(target)).exit_code == 0
    previous = target.read_bytes()
    replace_in(census / "datasets" / "DS_HH_SIZE_REGION.yaml", "terms: OPEN", "terms: NOPE")
    result = run(cli, "export", "dcat-us", str(census), "-o", str(target))
    assert result.exit_code == 1
    assert "unknown terms of use 'NOPE'" in result.output
    assert target.read_bytes() == previous
    assert [p.name for p in target.parent.iterdir()] == ["data.json"]  # no temporary file left behind


def test_a_failing_writer_leaves_the_previous_output_intact(census, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from catalogue import cli as cli_module
    from catalogue.formats import dcat

    target = tmp_path / "out" / "catalog.ttl"
    target.parent.mkdir()
    target.write_text("previous", encoding="utf-8")

    def broken(view, stream, rdf_format):
        stream.write("half of a file")
        raise OSError("disk full")

    monkeypatch.setattr(dcat, "export_dcat", broken)  # the command imports its writer when it runs
    result = CliRunner().invoke(cli_module.app, ["export", "dcat", str(census), "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in target.parent.iterdir()] == ["catalog.ttl"]


def test_json_exports_are_deterministic(cli, tmp_path):
    for name in ("dcat-us", "schema-org"):
        first, second = tmp_path / f"{name}-1.json", tmp_path / f"{name}-2.json"
        run(cli, "export", name, str(EXAMPLE), "-o", str(first), "--as-of", AS_OF)
        run(cli, "export", name, str(EXAMPLE), "-o", str(second), "--as-of", AS_OF)
        assert first.read_bytes() == second.read_bytes()
        json.loads(first.read_text(encoding="utf-8"))
