"""The bundled census example is complete, realistic and valid."""

from __future__ import annotations

import json

from catalogue.records.loader import load_catalogue

from .conftest import EXAMPLE, run, by_id


def test_example_loads_with_no_error_and_no_warning():
    result = load_catalogue(EXAMPLE)
    assert result.problems == []
    assert result.ok


def test_example_covers_what_an_office_publishes():
    catalogue = load_catalogue(EXAMPLE).catalogue
    assert catalogue is not None
    datasets = catalogue.datasets.values()
    assert len(catalogue.datasets) >= 6
    assert catalogue.info.languages == ["en", "fr"]
    assert any(d.status == "draft" for d in datasets)
    assert any(d.release_time and d.release_time.year >= 2099 for d in datasets)
    assert any(catalogue.terms[d.terms].access_level == "restricted" for d in datasets)
    assert any(catalogue.terms[d.terms].access_type == "public_use" for d in datasets)
    public = [d for d in datasets if catalogue.terms[d.terms].access_level == "public" and d.status == "published"]
    assert any(v.confidential for d in public for v in d.variables)
    assert len(catalogue.licences) >= 2
    shared = catalogue.shared()
    assert all(shared.concept(concept) for concept in
               ("SEX", "AGE", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"))
    assert any(code.parent for code in shared.codelists.artefacts[shared.codelists.resolve("CL_AREA")].codes)
    assert any(code.parent for code in shared.codelists.artefacts[shared.codelists.resolve("CL_AGE")].codes)
    assert any(d.is_statistical for d in datasets)
    assert any(dist.path for d in datasets for dist in d.distributions)


def test_every_text_of_the_example_is_in_both_languages():
    # the integrity rules warn on a missing translation; the example has none
    result = load_catalogue(EXAMPLE)
    assert not [p for p in result.problems if "translation" in p.message]


def test_example_csv_matches_its_variables_and_codelists():
    catalogue = load_catalogue(EXAMPLE).catalogue
    import csv

    for dataset in catalogue.datasets.values():
        for distribution in dataset.distributions:
            if not distribution.path:
                continue
            with (EXAMPLE / distribution.path).open(encoding="utf-8") as stream:
                rows = list(csv.DictReader(stream))
            public = [v for v in dataset.variables if not v.confidential]
            assert list(rows[0]) == [v.id for v in public]
            for variable in public:
                if variable.codelist:
                    codes = {c.id for c in by_id(catalogue.codelists)[variable.codelist].codes}
                    assert {row[variable.id] for row in rows} <= codes, (dataset.id, variable.id)


def test_check_command_passes_on_the_example(cli):
    result = run(cli, "check", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output
    assert "datasets" in result.output


def test_check_json_format_is_an_empty_list_for_the_example(cli):
    result = run(cli, "check", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []


ALMARA = EXAMPLE.parent / "almara"


def test_the_right_to_left_example_checks_builds_and_validates(cli, tmp_path):
    """Spanish by default, Arabic and English; a semicolon-separated Windows-1252 data file."""
    result = run(cli, "check", str(ALMARA))
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in result.output, result.output
    catalogue = load_catalogue(ALMARA).catalogue
    assert catalogue.info.default_language == "es" and catalogue.info.languages == ["es", "ar", "en"]
    [table] = [d for d in catalogue.datasets.values() if d.id == "DS_POB_MUNICIPIO"]
    assert table.distributions[0].dialect.delimiter == ";" and table.distributions[0].dialect.encoding != "utf-8"
    parents = {c.id: c.parent for c in by_id(catalogue.codelists)["CL_TERRITORIO"].codes}
    assert parents[parents[parents["AL1101"]]] == "AL"  # four levels
    site = tmp_path / "site"
    assert run(cli, "build", str(ALMARA), "--out", str(site), "--quiet").exit_code == 0
    validation = run(cli, "validate", str(site))
    assert validation.exit_code == 0, validation.output
