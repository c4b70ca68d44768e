"""Issue 32, point 4: ``catalogue upgrade`` moves a folder to the layout where each codelist's and concept scheme's
identity shows (``codelists/AGENCY/ID/VERSION.yaml``), losslessly: the same records, the same outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.records.writer import write_catalogue

from .conftest import EXAMPLES, run
from .strategies import catalogues


def _flat(folder: Path) -> None:
    """The layout before identities showed: each codelist and concept scheme at the top of its kind's folder."""
    for kind in ("codelists", "concepts"):
        for path in sorted((folder / kind).rglob("*.yaml")):
            data = path.read_text(encoding="utf-8")
            identifier = next(line.split(":", 1)[1].strip() for line in data.splitlines() if line.startswith("id:"))
            path.rename(folder / kind / f"{identifier}.yaml")
        for empty in sorted((folder / kind).glob("*/"), reverse=True):
            shutil.rmtree(empty)


def _outputs(cli, folder: Path, out: Path) -> dict[str, bytes]:
    written = {}
    for name, args in {"sdmx": ["export", "sdmx"], "dcat": ["export", "dcat"]}.items():
        target = out / (f"{name}.xml" if name == "sdmx" else f"{name}.ttl")
        result = run(cli, *args, str(folder), "-o", str(target), "--as-of", "2026-06-01")
        assert result.exit_code == 0, result.output
        written[name] = target.read_bytes()
    return written


def test_the_bundled_examples_upgrade_without_loss(cli, tmp_path):
    for example in sorted(p for p in EXAMPLES.iterdir() if (p / "catalogue.yaml").is_file()):
        folder = tmp_path / example.name
        shutil.copytree(example, folder)
        _flat(folder)  # whatever layout the example ships in, the old one
        before = load_catalogue(folder)
        before_outputs = _outputs(cli, folder, tmp_path / f"{example.name}-before")  # makes the calendar's secret
        before_files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        result = run(cli, "upgrade", str(folder))
        assert result.exit_code == 0, result.output
        after = load_catalogue(folder)
        assert after.catalogue == before.catalogue and len(after.errors) == len(before.errors) == 0
        assert not [str(p) for p in after.warnings if "file name does not match" in str(p)]
        moved = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        assert sorted(moved.values()) == sorted(before_files.values())  # every file's bytes, comments included
        for key, codelist in after.catalogue.codelists.items():
            assert f"codelists/{codelist.agency}/{codelist.id}/{codelist.version}.yaml" in moved, key
        assert _outputs(cli, folder, tmp_path / f"{example.name}-after") == before_outputs
        again = run(cli, "upgrade", str(folder))  # nothing left to move
        assert again.exit_code == 0 and "moved 0 record file(s); 0 left" in again.output


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues())
def test_generated_catalogues_upgrade_to_the_same_records(tmp_path_factory, catalogue):
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("generated") / "catalogue"
    write_catalogue(catalogue, folder)
    _flat(folder)
    result = CliRunner().invoke(__import__("catalogue.cli", fromlist=["app"]).app, ["upgrade", str(folder)])
    assert result.exit_code == 0, result.output
    assert read_catalogue(folder) == catalogue


def test_a_file_that_cannot_move_is_named_and_nothing_moves_unchecked(census, cli):
    (census / "codelists" / "BSO" / "CL_SEX").mkdir(parents=True)
    (census / "codelists" / "BSO" / "CL_SEX" / "1.0.yaml").write_bytes((census / "codelists" / "CL_SEX.yaml")
                                                                       .read_bytes())
    (census / "codelists" / "CL_BROKEN.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    dry = run(cli, "upgrade", str(census), "--dry-run")
    assert dry.exit_code == 1 and (census / "codelists" / "CL_AGE.yaml").is_file()
    output = " ".join(dry.output.split())
    assert "would move codelists/CL_AGE.yaml → codelists/BSO/CL_AGE/1.1.yaml" in output
    assert "left codelists/CL_SEX.yaml: codelists/BSO/CL_SEX/1.0.yaml exists already" in output
    assert "left codelists/CL_BROKEN.yaml: cannot be read" in output


def test_an_identity_that_names_no_folder_is_left_where_it_is(census, cli, tmp_path):
    """Found by the hostile review: an id such as '../../x' (refused by ``check``, but read by the upgrade) led
    the file out of the folder; two files of one identity overwrote each other."""
    (census / "codelists" / "CL_OUT.yaml").write_text("id: ../../../outside\nagency: BSO\nname: {en: x}\n",
                                                      encoding="utf-8")
    (census / "codelists" / "CL_SEX_COPY.yaml").write_bytes((census / "codelists" / "CL_SEX.yaml").read_bytes())
    result = run(cli, "upgrade", str(census))
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "left codelists/CL_OUT.yaml: its agency, id or version is not one SDMX allows" in output
    assert "left codelists/CL_SEX_COPY.yaml: codelists/BSO/CL_SEX/1.0.yaml exists already" in output
    assert (census / "codelists" / "CL_OUT.yaml").is_file() and not (tmp_path / "outside.yaml").exists()
