"""Issue 11.18–11.23: messages are one line each, located, not cascading, grammatical, and bounded."""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.checks.datafiles import load_and_check

from .conftest import EXAMPLE, line_of, replace_in, run

HH = "datasets/DS_HH_SIZE_REGION.yaml"
HH_CSV = "data/households_size_region_2021.csv"


def test_an_echoed_value_cannot_forge_a_line_or_colour_the_terminal(census, cli):
    replace_in(census / HH, "id: DS_HH_SIZE_REGION\n", 'id: "DS\\nFAKE.yaml:1:1: bogus: injected\\e[31mRED"\n')
    result = run(cli, "check", str(census))
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert not any(line.startswith("FAKE.yaml") for line in result.output.splitlines())
    assert "control character U+001B" in result.output


def test_an_echoed_line_break_or_bidi_override_is_shown_escaped(census, cli):
    replace_in(census / HH, "id: DS_HH_SIZE_REGION\n", 'id: "DS\\nFAKE.yaml:1:1: bogus: injected\\u202eRED"\n')
    result = run(cli, "check", str(census))
    assert result.exit_code == 1
    assert not any(line.startswith("FAKE.yaml") for line in result.output.splitlines())
    assert "'DS\\nFAKE.yaml:1:1: bogus: injected\\u202eRED' is not an SDMX id" in result.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Lu"], exclude_characters="\x00"),
               min_size=1, max_size=12))
def test_every_echoed_value_stays_on_one_line(tmp_path_factory, value):
    import shutil

    root = tmp_path_factory.mktemp("echo") / "census"
    shutil.copytree(EXAMPLE, root)
    replace_in(root / HH, "id: DS_HH_SIZE_REGION\n", f"id: {json.dumps('X' + value)}\n")
    problems = load_and_check(root).problems
    assert problems
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text and all(c.isprintable() for c in text)


def test_an_unacceptable_character_has_a_line_and_column(census):
    path = census / HH
    path.write_text(path.read_text(encoding="utf-8").replace("version: \"1.0\"", "version: \"1.0\x01\""),
                    encoding="utf-8")
    [error] = [e for e in load_and_check(census).errors if e.file == str(path)]
    assert error.line == line_of(path, "version:") and error.column == len('version: "1.0') + 1
    assert "U+0001" in error.message


def test_a_file_that_is_not_utf8_has_a_line_and_column(census):
    path = census / HH
    data = path.read_bytes().replace("Ménages".encode(), "Ménages".encode("latin-1"), 1)
    path.write_bytes(data)
    [error] = [e for e in load_and_check(census).errors if e.file == str(path)]
    assert (error.line, error.column) == (line_of_bytes(data, b"M\xe9nages"), len("  fr: M") + 1)
    assert "not UTF-8" in error.message


def line_of_bytes(data: bytes, fragment: bytes) -> int:
    return data[:data.index(fragment)].count(b"\n") + 1


def test_an_unreadable_agency_does_not_cascade(census):
    path = census / "agencies" / "BSO.yaml"
    path.write_bytes(path.read_bytes().replace("Unité".encode(), "Unité".encode("latin-1"), 1))
    errors = load_and_check(census).errors
    assert [e.file for e in errors] == [str(path)], "\n".join(map(str, errors))


def test_an_unreadable_codelist_does_not_cascade(census):
    path = census / "codelists" / "CL_SEX.yaml"
    path.write_bytes(b"\xff\xfe" + path.read_bytes())
    errors = load_and_check(census).errors
    assert [e.file for e in errors] == [str(path)], "\n".join(map(str, errors))


def test_record_errors_and_data_errors_come_in_one_run(census):
    replace_in(census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml", "landing_page:", "landing_pgae:")
    path = census / HH_CSV
    path.write_text(path.read_text(encoding="utf-8").replace("BM,P1,2021,99962", "BM,P1,2021,many"), encoding="utf-8")
    replace_in(census / HH, "    byte_size: 605\n", "")
    replace_in(census / HH, "    checksum: {algorithm: sha256, value: d41da158863a97d5b5f0044c1da4210d3098f442be3acc63a638fcf4a2466869}\n", "")
    files = {e.file for e in load_and_check(census).errors}
    assert files == {str(census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"), str(path)}


def test_messages_are_grammatical(census):
    record = census / "datasets" / "DS_HHS_PUF.yaml"
    text = record.read_text(encoding="utf-8")
    start = text.index("spatial_coverage:")
    end = text.index("\n", text.index("centroid:", start)) + 1
    record.write_text(text[:start] + text[end:], encoding="utf-8")
    replace_in(census / HH, "    concept: OBS_STATUS\n", "")
    messages = [p.message for p in load_and_check(census).problems]
    assert any(m.startswith("no spatial coverage:") for m in messages), messages
    assert any(m.startswith("an attribute of a statistical table needs a concept") for m in messages)
    assert not any(" a attribute" in m or "no a " in m or "no an " in m for m in messages)


def test_validate_prints_whole_lines_outside_a_terminal(cli, tmp_path):
    site = tmp_path / ("a-long-folder-name-" * 6) / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet").exit_code == 0
    result = run(cli, "validate", str(site))
    assert "datapackages/DS_POP_AGE_SEX_REGION/datapackage.json" in result.output
    assert "jsonschema, Data Package v2 profile; frictionless" in result.output


def test_validate_names_the_column_of_a_data_error(census, cli, tmp_path):
    site = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(site), "--quiet").exit_code == 0
    data = site / "datapackages" / "DS_HH_SIZE_REGION" / "households_size_region_2021.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("BM,P1,2021,99962", "BM,P1,2021,many"),
                    encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 1 and "column 'OBS_VALUE'" in result.output


def test_check_of_a_folder_that_is_no_catalogue_stops_at_once(cli, tmp_path):
    for index in range(200):
        folder = tmp_path / "tree" / f"d{index}"
        folder.mkdir(parents=True)
        (folder / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run(cli, "check", str(tmp_path / "tree"))
    assert result.exit_code == 1
    assert "catalogue.yaml" in result.output and "not in a record folder" not in result.output


def test_a_record_with_a_million_keys_is_refused_early(census, cli):
    path = census / "datasets" / "HUGE.yaml"
    path.write_text("id: HUGE\n" + "".join(f"k{index}: v\n" for index in range(1_000_000)), encoding="utf-8")
    started = time.perf_counter()
    result = run(cli, "check", str(census))
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1 and "limited to 500,000" in result.output
    assert len(result.output.splitlines()) < 30


def test_errors_printed_per_file_are_capped(census, cli):
    path = census / "datasets" / "MANY.yaml"
    path.write_text("id: MANY\nstatus: published\n" + "".join(f"unknown{index}: v\n" for index in range(300)),
                    encoding="utf-8")
    result = run(cli, "check", str(census))
    lines = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert len(lines) == 101 and "more problem(s) in this file" in lines[-1]
    json_result = run(cli, "check", str(census), "--format", "json")
    assert sum(p["file"] == str(path) for p in json.loads(json_result.output)) > 300


def test_the_file_path_of_a_problem_is_what_the_user_gave(census):
    assert all(Path(p.file).is_relative_to(census) for p in load_and_check(census).problems)
