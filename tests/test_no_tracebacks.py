"""Issue 11.14–11.17 and 11.24: bad data files, odd record files, refused output locations and damaged
sites give one-line errors (exit 1; usage errors exit 2), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.checks.datafiles import load_and_check
from catalogue.support.fileio import atomic_directory, remove_stale_builds

from .conftest import replace_in, run

HH = "datasets/DS_HH_SIZE_REGION.yaml"
HH_CSV = "data/households_size_region_2021.csv"


def unpin(census: Path) -> None:
    """The test edits the households file: forget its declared size and checksum."""
    record = census / HH
    text = record.read_text(encoding="utf-8")
    start = text.index("    byte_size: 605")
    end = text.index("  - id: SDMX")
    record.write_text(text[:start] + text[end:], encoding="utf-8")


def test_missing_values_on_a_variable_with_local_data(census, cli):
    replace_in(census / HH, "    concept: OBS_STATUS\n", "    concept: OBS_STATUS\n    missing_values:\n"
               "      - {code: \"-9\", label: {en: Not stated, fr: Non déclaré}}\n")
    path = census / HH_CSV
    path.write_text(path.read_text(encoding="utf-8").replace("BM,P1,2021,99962,HH,A", "BM,P1,2021,99962,HH,-9"),
                    encoding="utf-8")
    unpin(census)
    result = run(cli, "check", str(census))
    assert result.exit_code == 0, result.output


def test_a_header_problem_and_a_cell_problem_together(census, cli):
    path = census / HH_CSV
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("OBS_STATUS", "OBS_STAT")
    lines[2] = lines[2].replace("99962", "many")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    unpin(census)
    result = run(cli, "check", str(census))
    assert result.exit_code == 1
    assert "'many' is not of type integer" in result.output and "OBS_STAT" in result.output


def test_a_latin_1_file_is_an_error_with_its_line(census, cli, tmp_path):
    path = census / HH_CSV
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "BM,P2,2021,12,HH,A\u00e9")
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    unpin(census)
    [error] = load_and_check(census).errors
    assert (error.file, error.line) == (str(path), 4) and "not utf-8 text" in error.message
    assert "encoding: latin-1" in error.message
    assert run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--quiet").exit_code == 1


def test_a_latin_1_file_declared_as_such_is_read(census):
    path = census / HH_CSV
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    unpin(census)
    replace_in(census / HH, "    format: CSV\n", "    format: CSV\n    dialect: {encoding: latin-1}\n")
    result = load_and_check(census)
    assert result.ok, "\n".join(map(str, result.errors))


@pytest.mark.parametrize("name, data, file_format", [
    ("tables.zip", b"PK\x03\x04\x14\x00\x00\x00\x00\x00\xff\xfe\x00\x01", "ZIP"),
    ("report.pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n%%EOF\n", "PDF"),
    ("tables.xlsx", b"PK\x03\x04\x00\x00\x00\x00\xc3\x28", "XLSX"),
])
def test_a_binary_distribution_is_copied_as_bytes(census, cli, tmp_path, name, data, file_format):
    (census / "data" / name).write_bytes(data)
    replace_in(census / HH, "distributions:\n", f"distributions:\n  - id: FILE\n    path: data/{name}\n"
               f"    format: {file_format}\n")
    site = tmp_path / "site"
    result = run(cli, "build", str(census), "--out", str(site), "--quiet")
    assert result.exit_code == 0, result.output
    assert (site / "data" / name).read_bytes() == data
    assert (site / "datapackages" / "DS_HH_SIZE_REGION" / name).read_bytes() == data


def test_an_unreadable_data_file_is_an_error(census, cli, monkeypatch):
    target = census / HH_CSV
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self.resolve() == target.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    errors = load_and_check(census).errors
    assert [e.path for e in errors] == ["distributions[0].path"]
    assert "cannot read data/households_size_region_2021.csv: Permission denied" in errors[0].message


@pytest.mark.parametrize("directive", ["%YAML 1.3", "%YAML 2.0", "%YAML x"])
def test_an_unknown_yaml_version_is_an_error(census, directive):
    path = census / "licences" / "CC-BY-4.0.yaml"
    path.write_text(f"{directive}\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    errors = [e for e in load_and_check(census).errors if e.file == str(path)]
    assert len(errors) == 1 and errors[0].line == 1 and "is not a YAML version" in errors[0].message


@pytest.mark.parametrize("as_of", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_an_as_of_out_of_range_is_a_usage_error(census, cli, tmp_path, as_of):
    for args in (["build", str(census), "--out", str(tmp_path / "site"), "--quiet"],
                 ["export", "sdmx", str(census), "-o", str(tmp_path / "x.xml")]):
        result = run(cli, *args, "--as-of", as_of)
        assert result.exit_code == 2 and "out of range" in result.output


def test_a_release_time_out_of_range_is_an_error(census):
    path = census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    replace_in(path, "release_time: 2022-03-15T10:00:00+01:00", "release_time: 9999-12-31T23:59:59-05:00")
    [error] = load_and_check(census).errors
    assert error.path == "release_time" and "out of range" in error.message


def test_an_output_under_a_file_is_an_error(census, cli):
    result = run(cli, "build", str(census), "--out", str(census / "catalogue.yaml" / "site"), "--quiet")
    assert result.exit_code == 1 and "cannot write" in result.output


@pytest.mark.skipif(os.geteuid() != 0 and not Path("/sys").is_dir(), reason="needs /sys")
def test_an_output_the_system_refuses_is_an_error(census, cli):
    assert run(cli, "build", str(census), "--out", "/sys/catalogue-site", "--quiet").exit_code == 1
    result = run(cli, "export", "dcat", str(census), "-o", "/sys/catalogue.ttl")
    assert result.exit_code == 1 and "cannot write /sys/catalogue.ttl" in result.output


@pytest.mark.parametrize("command", [["dcat"], ["dcat-us"], ["schema-org"], ["sdmx"]])
def test_a_single_file_export_never_writes_into_the_records_folder(census, cli, command):
    record = census / "catalogue.yaml"
    before = record.read_bytes()
    result = run(cli, "export", *command, str(census), "-o", str(record), *(["--format", "turtle"]
                                                                          if command == ["dcat"] else []))
    assert result.exit_code == 2 and "records folder" in result.output
    assert record.read_bytes() == before


@pytest.mark.parametrize("damage", ["turtle", "data.json", "datapackage", "rdfxml", "sdmx"])
def test_validate_reports_a_damaged_file(census, cli, tmp_path, damage):
    site = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(site), "--quiet").exit_code == 0
    target = {"turtle": site / "catalog.ttl", "data.json": site / "data.json", "rdfxml": site / "catalog.rdf",
              "datapackage": site / "datapackages" / "DS_HH_SIZE_REGION" / "datapackage.json",
              "sdmx": site / "sdmx" / "structure-2.1.xml"}[damage]
    target.write_text(target.read_text(encoding="utf-8")[:-40] + " { oops", encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 1
    assert f"{target}: cannot be read" in result.output or f"{target}: line" in result.output


def test_a_killed_build_leaves_nothing_for_long(census, tmp_path):
    """A build killed with SIGKILL leaves its temporary folder; the next build of that output removes it."""
    site = tmp_path / "site"
    script = ("import os, sys\nfrom pathlib import Path\nfrom catalogue.support.fileio import atomic_directory\n"
              f"with atomic_directory(Path({str(site)!r})) as folder:\n"
              "    (folder / 'big').write_bytes(b'x' * 1000)\n    os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", script], check=False)
    stale = list(tmp_path.glob(".site.*.building"))
    assert len(stale) == 1 and (stale[0] / "big").is_file()
    with atomic_directory(site) as folder:
        (folder / "index.html").write_text("ok", encoding="utf-8")
    assert not list(tmp_path.glob(".site.*"))
    assert (site / "index.html").is_file()


def test_a_running_build_is_not_taken_for_a_stale_one(tmp_path):
    site = tmp_path / "site"
    with atomic_directory(site):
        assert remove_stale_builds(site) == []
        assert len(list(tmp_path.glob(".site.*.building"))) == 1
