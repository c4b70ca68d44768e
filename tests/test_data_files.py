"""Issue 11.2–11.4 and 11.14: local data files are read with their declared dialect, checked by every
command that publishes them, never published with an undeclared or confidential column, never read
from outside the records folder, and never the cause of a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalogue.checks.datafiles import load_and_check

from .conftest import EXAMPLE, line_of, run

POP = "datasets/DS_POP_AGE_SEX_REGION.yaml"
HH = "datasets/DS_HH_SIZE_REGION.yaml"
POP_CSV = "data/pop_age_sex_region_2021.csv"
SECRET = "SECRETCELL"


def _unpin(record: Path, dialect: str | None = None) -> None:
    """Forget the declared size and checksum of the CSV (the test rewrites it); declare a dialect."""
    text = record.read_text(encoding="utf-8")
    start, end = text.index("    byte_size: 4055"), text.index("  - id: SDMX")
    extra = f"    dialect: {dialect}\n" if dialect else ""
    record.write_text(text[:start] + extra + text[end:], encoding="utf-8")


def rewrite_table(root: Path, column: str | None = "EDIT_FLAG", delimiter: str = ",", encoding: str = "utf-8",
                  bom: bool = False, first: bool = False, dialect: str | None = None) -> Path:
    """The population table in another dialect, with an extra column of secret values."""
    path = root / POP_CSV
    rows = [line.split(",") for line in (EXAMPLE / POP_CSV).read_text(encoding="utf-8").splitlines()]
    if column is not None:
        rows = [([column] if first else []) + rows[0] + ([] if first else [column])] + \
               [([SECRET] if first else []) + row + ([] if first else [SECRET]) for row in rows[1:]]
    text = "\n".join(delimiter.join(row) for row in rows) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding, errors="replace"))
    _unpin(root / POP, dialect)
    codelist = root / "codelists" / "CL_EDIT_FLAG.yaml"
    codelist.write_text(codelist.read_text(encoding="utf-8") + f"  - {{id: {SECRET}, name: {{en: Secret, fr: Secret}}}}\n",
                        encoding="utf-8")
    return path


def outputs_text(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_tab_separated_file_is_read_as_declared(census):
    rewrite_table(census, column=None, delimiter="\t", dialect='{delimiter: "\\t"}')
    result = load_and_check(census)
    assert result.ok, "\n".join(map(str, result.errors))


def test_a_tab_separated_confidential_column_stops_the_export(census, cli, tmp_path):
    rewrite_table(census, delimiter="\t", dialect='{delimiter: "\\t"}')
    result = run(cli, "export", "datapackage", str(census), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "EDIT_FLAG" in result.output
    assert not (tmp_path / "out").exists()


def test_strip_confidential_removes_a_tab_separated_confidential_column(census, cli, tmp_path):
    rewrite_table(census, delimiter="\t", dialect='{delimiter: "\\t"}')
    result = run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--strip-confidential", "--quiet")
    assert result.exit_code == 0, result.output
    copy = tmp_path / "site" / POP_CSV
    assert copy.read_text(encoding="utf-8").splitlines()[0].split("\t")[0] == "REF_AREA"
    assert SECRET.encode() not in outputs_text(tmp_path / "site")


@pytest.mark.parametrize("column", ["EDIT_FLAG ", "edit_flag", " EDIT_FLAG", "EDIT\u00a0FLAG", "OTHER"])
def test_an_undeclared_column_is_never_published(census, cli, tmp_path, column):
    rewrite_table(census, column=column)
    result = run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--strip-confidential", "--quiet")
    assert result.exit_code == 1
    assert "not a variable" in result.output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("strip", [[], ["--strip-confidential"]])
def test_a_byte_order_mark_does_not_hide_a_first_column(census, cli, tmp_path, strip):
    rewrite_table(census, first=True, bom=True)
    result = run(cli, "export", "datapackage", str(census), "-o", str(tmp_path / "out"), *strip)
    assert result.exit_code == 1 and "column 1 is 'EDIT_FLAG'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_file_with_a_byte_order_mark_is_published_without_its_confidential_column(census, cli, tmp_path):
    rewrite_table(census, bom=True)
    assert run(cli, "export", "datapackage", str(census), "-o", str(tmp_path / "out"),
               "--strip-confidential").exit_code == 0
    assert SECRET.encode() not in outputs_text(tmp_path / "out")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(["EDIT_FLAG", "EDIT_FLAG ", "edit_flag", "\ufeffEDIT_FLAG", "Edit_Flag", "EDIT-FLAG"]),
       delimiter=st.sampled_from([",", "\t", ";", "|"]), encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]),
       bom=st.booleans(), first=st.booleans(), strip=st.booleans(), declared=st.booleans())
@example(column="EDIT_FLAG", delimiter="\t", encoding="latin-1", bom=False, first=False, strip=True, declared=True)
@example(column="EDIT_FLAG", delimiter="|", encoding="utf-16", bom=False, first=False, strip=True, declared=True)
@example(column="EDIT_FLAG", delimiter=";", encoding="utf-8", bom=True, first=False, strip=True, declared=True)
@example(column="EDIT_FLAG", delimiter=",", encoding="utf-8", bom=True, first=False, strip=True, declared=False)
@example(column="EDIT_FLAG", delimiter=",", encoding="latin-1", bom=False, first=False, strip=True, declared=False)
def test_no_dialect_publishes_a_secret_column(tmp_path_factory, column, delimiter, encoding, bom, first, strip,
                                              declared):
    """Whatever the delimiter, encoding, byte-order mark and spelling of the header, and whether the
    dialect is declared: the secret column's values never reach a published file."""
    from typer.testing import CliRunner

    root = tmp_path_factory.mktemp("dialects") / "census"
    shutil.copytree(EXAMPLE, root)
    quoted = {"\t": '"\\t"', ",": '","', ";": '";"', "|": '"|"'}[delimiter]
    dialect = f"{{delimiter: {quoted}, encoding: {encoding}}}" if declared else None
    rewrite_table(root, column=column, delimiter=delimiter, encoding=encoding, bom=bom and encoding == "utf-8",
                  first=first, dialect=dialect)
    out = root.parent / "out"
    args = ["export", "datapackage", str(root), "-o", str(out)] + (["--strip-confidential"] if strip else [])
    result = CliRunner().invoke(__import__("catalogue.cli").cli.app, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    published = outputs_text(out) if out.exists() else b""
    for form in {SECRET.encode(encoding)[2:] if encoding == "utf-16" else SECRET.encode(encoding)}:
        assert form not in published
    # the table is ASCII: its latin-1 bytes are UTF-8 too, so the default dialect reads them
    readable = declared or (delimiter == "," and encoding in ("utf-8", "latin-1"))
    assert (result.exit_code == 0) == (readable and column == "EDIT_FLAG" and strip and not first), result.output


def test_build_runs_the_data_checks(census, cli, tmp_path):
    """A code outside the codelist: check rejects the file, so build publishes nothing (exit 1)."""
    path = census / POP_CSV
    path.write_text(path.read_text(encoding="utf-8").replace("BM,_T,F,2021", "XX,_T,F,2021"), encoding="utf-8")
    _unpin(census / POP)
    site = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(site), "--quiet").exit_code == 1
    assert not site.exists()
    assert run(cli, "check", str(census)).exit_code == 1
    out = tmp_path / "packages"
    assert run(cli, "export", "datapackage", str(census), "-o", str(out)).exit_code == 1
    assert not out.exists()


def test_build_leaves_the_previous_site_when_the_data_fail(census, cli, tmp_path):
    site = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(site), "--quiet").exit_code == 0
    before = outputs_text(site)
    path = census / POP_CSV
    path.write_text(path.read_text(encoding="utf-8") + "BM,_T,F,2021,-1,PS,Q\n", encoding="utf-8")
    _unpin(census / POP)
    assert run(cli, "build", str(census), "--out", str(site), "--quiet").exit_code == 1
    assert outputs_text(site) == before


def test_a_symbolic_link_out_of_the_folder_is_an_error(census, cli, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (census / "data" / "etc").symlink_to(outside)
    record = census / HH  # no confidential variable: a local file that is no table is refused for such a dataset
    text = record.read_text(encoding="utf-8")
    text = text[:text.index("    media_type: text/csv")] + text[text.index("  - id: SDMX"):]  # its size and checksum
    record.write_text(text.replace("path: data/households_size_region_2021.csv", "path: data/etc/passwd")
                      .replace("format: CSV\n    availability", "format: JSON\n    availability"), encoding="utf-8")
    errors = load_and_check(census).errors
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert (errors[0].file, errors[0].line, errors[0].path) == (str(record), line_of(record, "path: data/etc/passwd"),
                                                                 "distributions[0].path")
    assert "outside the catalogue folder" in errors[0].message
    assert run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--quiet").exit_code == 1
    assert not (tmp_path / "site").exists()


def test_a_linked_csv_outside_the_folder_is_an_error(census, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    shutil.copyfile(census / POP_CSV, outside)
    (census / POP_CSV).unlink()
    (census / POP_CSV).symlink_to(outside)
    errors = load_and_check(census).errors
    assert [e.path for e in errors] == ["distributions[0].path"]
    assert "outside the catalogue folder" in errors[0].message


def test_a_link_inside_the_folder_is_fine(census):
    (census / "data" / "alias.csv").symlink_to(census / POP_CSV)
    record = census / POP
    record.write_text(record.read_text(encoding="utf-8").replace("path: data/pop_age_sex_region_2021.csv",
                                                                 "path: data/alias.csv"), encoding="utf-8")
    assert load_and_check(census).ok


def test_a_file_without_a_header_row_is_read_by_position(census, cli, tmp_path):
    """Columns are then the variables in their order; the confidential one is still stripped."""
    path = rewrite_table(census, dialect="{header: false}")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    assert load_and_check(census).ok, "\n".join(map(str, load_and_check(census).errors))
    assert run(cli, "export", "datapackage", str(census), "-o", str(tmp_path / "out")).exit_code == 1
    assert run(cli, "export", "datapackage", str(census), "-o", str(tmp_path / "out"),
               "--strip-confidential").exit_code == 0
    published = outputs_text(tmp_path / "out")
    assert SECRET.encode() not in published
    from frictionless import Package

    assert Package(str(tmp_path / "out" / "DS_POP_AGE_SEX_REGION" / "datapackage.json")).validate().valid
