"""Every kind of bad input gives a precise error: file, line, column, field path, message; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue.records import yamlsource
from catalogue.errors import Severity
from catalogue.records.loader import load_catalogue

from .conftest import line_of, replace_in, run

POP = "datasets/DS_POP_AGE_SEX_REGION.yaml"
HH = "datasets/DS_HH_SIZE_REGION.yaml"


def errors_of(root: Path):
    return load_catalogue(root).errors


def only_error(root: Path):
    errors = errors_of(root)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def test_yaml_syntax_error_names_file_and_line(census):
    path = census / POP
    replace_in(path, "themes: [POPULATION, REGIONS]", "themes: [POPULATION, REGIONS")
    error = only_error(census)
    assert error.file == str(path)
    assert error.line == line_of(path, "publisher: BSO")  # where the parser noticed the unclosed list
    assert "invalid YAML" in error.message


def test_unknown_key_is_an_error_with_a_suggestion(census):
    path = census / POP
    replace_in(path, "landing_page:", "landing_pgae:")
    error = only_error(census)
    assert (error.file, error.line, error.column) == (str(path), line_of(path, "landing_pgae"), 1)
    assert error.path == "landing_pgae"
    assert "unknown field 'landing_pgae'" in error.message
    assert "did you mean 'landing_page'" in error.message


def test_unknown_key_in_a_nested_record(census):
    path = census / POP
    replace_in(path, "    attachment: dataset\n", "    attachement: dataset\n")
    error = only_error(census)
    assert error.line == line_of(path, "attachement")
    assert error.column == 5
    assert error.path.startswith("variables[5]")
    assert "did you mean 'attachment'" in error.message


def test_dangling_reference_points_at_the_value(census):
    path = census / POP
    replace_in(path, "    codelist: CL_SEX\n", "    codelist: CL_GENDER\n")
    error = only_error(census)
    assert (error.file, error.line, error.column) == (str(path), line_of(path, "CL_GENDER"), 15)
    assert error.path == "variables[2].codelist"
    assert "unknown codelist 'CL_GENDER'" in error.message


def test_id_with_a_space_is_not_an_sdmx_id(census):
    path = census / "codelists" / "CL_SEX.yaml"
    replace_in(path, "  - id: F\n", "  - id: F EMALE\n")
    error = only_error(census)
    assert (error.file, error.line) == (str(path), line_of(path, "F EMALE"))
    assert error.path == "codes[1].id"
    assert "not an SDMX id" in error.message


def test_same_id_in_two_files(census):
    copy = census / "datasets" / "DS_HH_SIZE_REGION_COPY.yaml"
    copy.write_text((census / HH).read_text(encoding="utf-8"), encoding="utf-8")
    errors = errors_of(census)
    duplicates = [e for e in errors if "also defined in" in e.message]
    assert len(duplicates) == 1
    assert duplicates[0].file == str(copy)
    assert duplicates[0].line == line_of(copy, "id: DS_HH_SIZE_REGION")
    assert str(census / HH) in duplicates[0].message


def test_duplicate_key_names_both_lines(census):
    path = census / POP
    replace_in(path, "version: \"1.1\"\n", "version: \"1.1\"\nversion: \"1.2\"\n")
    error = only_error(census)
    assert error.line == line_of(path, 'version: "1.2"')
    first = line_of(path, 'version: "1.1"')
    assert f"first at line {first}" in error.message


def test_wrong_type_points_at_the_value(census):
    path = census / POP
    replace_in(path, "byte_size: 4055", "byte_size: big")
    error = only_error(census)
    assert (error.line, error.path) == (line_of(path, "byte_size: big"), "distributions[0].byte_size")
    assert "integer" in error.message and "'big'" in error.message


def test_missing_required_field(census):
    path = census / "terms" / "OPEN.yaml"
    replace_in(path, "access_level: public\n", "")
    error = only_error(census)
    assert error.file == str(path)
    assert error.path == "access_level"
    assert "required field 'access_level' is missing" in error.message


def test_literal_values_are_listed(census):
    path = census / POP
    replace_in(path, "    role: measure\n", "    role: measurement\n")
    error = only_error(census)
    assert error.line == line_of(path, "role: measurement")
    assert "'measure'" in error.message and "'measurement'" in error.message


def test_custom_tags_are_refused(census):
    path = census / POP
    replace_in(path, "num_series: 144", "num_series: !!python/object:os.system 144")
    error = only_error(census)
    assert error.line == line_of(path, "num_series")
    assert "not allowed" in error.message


def test_aliases_are_refused(census):
    path = census / POP
    replace_in(path, "themes: [POPULATION, REGIONS]", "themes: &t [POPULATION, REGIONS]\nrelated: *t")
    replace_in(path, "related: [DS_HH_SIZE_REGION]\n", "")
    error = only_error(census)
    assert error.line == line_of(path, "related: *t")
    assert "aliases" in error.message


def test_billion_laughs_is_refused_quickly():
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    with pytest.raises(yamlsource.YamlProblem, match="aliases"):
        yamlsource.parse_yaml(text)


def test_deep_nesting_fails_cleanly(census):
    path = census / "datasets" / "DEEP.yaml"
    path.write_text("id: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    errors = [e for e in errors_of(census) if e.file == str(path)]
    assert len(errors) == 1 and "nesting deeper than 64 levels" in errors[0].message  # however deep Python may go
    assert (errors[0].line, errors[0].column) == (1, 4 + 65)  # the 65th bracket


def test_huge_file_fails_cleanly(census, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 1000)
    errors = errors_of(census)
    assert any(e.file == str(census / POP) and "limited to 1,000 bytes" in e.message for e in errors)


def test_non_utf8_file(census):
    path = census / "terms" / "OPEN.yaml"
    path.write_bytes(path.read_bytes().replace("Données".encode(), "Donn\xe9es".encode("latin-1")))
    error = only_error(census)
    assert error.file == str(path) and "not UTF-8" in error.message


def test_bad_language_tag(census):
    path = census / "terms" / "OPEN.yaml"
    replace_in(path, "name: {en: Open data, fr: Données ouvertes}", "name: {en: Open data, french: Données ouvertes}")
    error = only_error(census)
    assert error.line == line_of(path, "french")
    assert "BCP 47" in error.message


def test_language_outside_the_catalogue(census):
    path = census / "terms" / "OPEN.yaml"
    replace_in(path, "name: {en: Open data, fr: Données ouvertes}", "name: {en: Open data, fr: Données, de: Offene Daten}")
    error = only_error(census)
    assert error.path == "name.de"
    assert "not one of the catalogue's languages" in error.message


def test_text_missing_in_the_default_language(census):
    path = census / POP
    replace_in(path, "  en: Population by age group, sex and region, 2021 Census\n", "")
    error = only_error(census)
    assert error.path == "title" and "default language 'en'" in error.message
    assert error.line == line_of(path, "title:")


def test_missing_translation_is_a_warning(census):
    path = census / "terms" / "OPEN.yaml"
    replace_in(path, "name: {en: Open data, fr: Données ouvertes}", "name: Open data")
    result = load_catalogue(census)
    assert result.ok
    assert [(w.path, w.message) for w in result.warnings] == [("name", "no 'fr' translation")]


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("  - id: F\n    name: {en: Female, fr: Femmes}\n    parent: _T\n",
     "  - id: F\n    name: {en: Female, fr: Femmes}\n    parent: X\n", "parent '"),
    ("  - id: _T\n    name: {en: Total, fr: Total}\n",
     "  - id: _T\n    name: {en: Total, fr: Total}\n    parent: F\n", "parent cycle"),
    ("  - id: M\n", "  - id: F\n", "appears more than once"),
])
def test_code_hierarchy_rules(census, old, new, fragment):
    replace_in(census / "codelists" / "CL_SEX.yaml", old, new)
    errors = errors_of(census)
    assert errors and all(fragment in e.message for e in errors), errors


def test_modified_before_issued(census):
    replace_in(census / HH, "modified: 2022-06-20", "modified: 2022-06-19")
    error = only_error(census)
    assert error.path == "modified" and "before issued" in error.message


def test_release_time_needs_a_time_zone(census):
    path = census / POP
    replace_in(path, "release_time: 2022-03-15T10:00:00+01:00", "release_time: 2022-03-15T10:00:00")
    error = only_error(census)
    assert (error.path, error.line) == ("release_time", line_of(path, "release_time"))
    assert "time zone" in error.message


def test_version_must_be_valid_for_sdmx_21(census):
    replace_in(census / HH, 'version: "1.0"', 'version: "1.0.0-draft"')
    error = only_error(census)
    assert error.path == "version" and "version such as" in error.message


def test_non_public_dataset_with_download_url(census):
    path = census / "datasets" / "DS_HHS_RDC.yaml"
    replace_in(path, "    access_url: https://www.bso.example.org/rdc/apply\n",
               "    access_url: https://www.bso.example.org/rdc/apply\n"
               "    download_url: https://data.bso.example.org/files/hhs2023_full.csv\n")
    error = only_error(census)
    assert error.path == "distributions[0].download_url"
    assert error.line == line_of(path, "hhs2023_full.csv")
    assert "not public" in error.message


def test_local_file_checksum_and_size_are_verified(census):
    (census / "data" / "households_size_region_2021.csv").write_text("REF_AREA\nBM\n", encoding="utf-8")
    messages = sorted(e.message for e in errors_of(census))
    assert len(messages) == 2
    assert "byte_size is 605" in messages[0] and "sha256" in messages[1]


def test_missing_local_file(census):
    (census / "data" / "households_size_region_2021.csv").unlink()
    error = only_error(census)
    assert error.path == "distributions[0].path" and "file not found" in error.message


def test_path_escaping_the_catalogue_folder(census):
    replace_in(census / HH, "path: data/households_size_region_2021.csv", "path: ../secret.csv")
    errors = errors_of(census)
    assert any("inside the catalogue folder" in e.message for e in errors)


def test_time_dimension_needs_a_time_type(census):
    path = census / HH
    replace_in(path, "    role: time_dimension\n    data_type: year\n", "    role: time_dimension\n    data_type: integer\n")
    error = only_error(census)
    assert error.path == "variables[2].data_type" and "time data type" in error.message


def test_unknown_controlled_value(census):
    replace_in(census / HH, "frequency: decennial", "frequency: every-decade")
    error = only_error(census)
    assert error.path == "frequency" and "unknown frequency 'every-decade'" in error.message


def test_every_error_is_reported_not_only_the_first(census):
    replace_in(census / POP, "landing_page:", "landing_pgae:")
    replace_in(census / HH, "    codelist: CL_HH_SIZE\n", "    codelist: CL_NOPE\n")
    replace_in(census / "codelists" / "CL_SEX.yaml", "  - id: F\n", "  - id: F EMALE\n")
    files = {Path(e.file).name for e in errors_of(census)}
    assert {"DS_POP_AGE_SEX_REGION.yaml", "DS_HH_SIZE_REGION.yaml", "CL_SEX.yaml"} <= files


def test_missing_catalogue_yaml(census):
    (census / "catalogue.yaml").unlink()
    errors = errors_of(census)
    assert errors[0].file == str(census / "catalogue.yaml") and "missing" in errors[0].message


def test_cli_reports_the_five_classic_mistakes_one_line_each(census, cli):
    """The foundation issue's acceptance case: (a) syntax (b) unknown key (c) dangling ref (d) space in id (e) duplicate."""
    replace_in(census / "licences" / "LicenseRef-BSO-RDC.yaml", "url: https://www.bso.example.org/rdc/licence",
               "url: [https://www.bso.example.org/rdc/licence")
    replace_in(census / POP, "landing_page:", "landing_pgae:")
    replace_in(census / HH, "    codelist: CL_HH_SIZE\n", "    codelist: CL_NOPE\n")
    replace_in(census / "codelists" / "CL_SEX.yaml", "  - id: F\n", "  - id: F EMALE\n")
    (census / "terms" / "OPEN_COPY.yaml").write_text((census / "terms" / "OPEN.yaml").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    result = run(cli, "check", str(census))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith(f"{census}/")]
    expected = {
        "LicenseRef-BSO-RDC.yaml": ("invalid YAML", None),
        "DS_POP_AGE_SEX_REGION.yaml": ("unknown field 'landing_pgae'", line_of(census / POP, "landing_pgae")),
        "DS_HH_SIZE_REGION.yaml": ("unknown codelist 'CL_NOPE'", line_of(census / HH, "CL_NOPE")),
        "CL_SEX.yaml": ("not an SDMX id", line_of(census / "codelists" / "CL_SEX.yaml", "F EMALE")),
        "OPEN_COPY.yaml": ("also defined in", line_of(census / "terms" / "OPEN_COPY.yaml", "id: OPEN")),
    }
    errors = [line for line in lines if "warning:" not in line]
    assert len(errors) == len(expected), "\n".join(lines)
    for name, (fragment, line) in expected.items():
        [found] = [e for e in errors if f"/{name}:" in e]
        assert fragment in found
        if line is not None:
            assert f"/{name}:{line}:" in found


def test_cli_json_output_has_located_objects(census, cli):
    replace_in(census / HH, "    codelist: CL_HH_SIZE\n", "    codelist: CL_NOPE\n")
    result = run(cli, "check", str(census), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)
    errors = [p for p in problems if p["severity"] == Severity.ERROR.value]
    assert errors == [{
        "file": str(census / HH), "line": line_of(census / HH, "CL_NOPE"), "column": 15,
        "path": "variables[1].codelist", "severity": "error",
        "message": errors[0]["message"],
    }]
    assert "unknown codelist 'CL_NOPE'" in errors[0]["message"]


def test_cli_usage_error_exits_2(cli, tmp_path):
    result = cli.invoke(__import__("catalogue.cli").cli.app, ["check", str(tmp_path / "absent")])
    assert result.exit_code == 2


def test_yaml_outside_the_record_folders_is_a_warning(census):
    stray = census / "dataset" / "DS_TYPO.yaml"
    stray.parent.mkdir()
    stray.write_text("id: DS_TYPO\n", encoding="utf-8")
    result = load_catalogue(census)
    assert result.ok
    [warning] = result.warnings
    assert warning.file == str(stray) and "not in a record folder" in warning.message


def test_a_broken_mapping_file_is_reported_without_traceback(census, cli, monkeypatch):
    from catalogue.checks import datafiles as datacheck
    from catalogue.records import loader as records
    from catalogue.errors import MappingError

    def broken():
        raise MappingError("mappings/licences.yaml: invalid YAML")

    monkeypatch.setattr(records, "vocabulary", broken)
    monkeypatch.setattr(datacheck, "vocabulary", broken)
    result = cli.invoke(__import__("catalogue.cli").cli.app, ["check", str(census)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "mappings/licences.yaml" in result.output
