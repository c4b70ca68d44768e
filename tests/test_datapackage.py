"""Data Package v2 export: official profile, frictionless on the data, policy, and data checks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from frictionless import Package
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft7Validator

from catalogue.conformance.validators import standards_dir
from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.policy.view import public_view
from .conftest import EXAMPLE, STANDARDS, run
from .exports import example_view
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import SECRET, catalogues

PROFILES = [standards_dir()] + ([STANDARDS] if STANDARDS.is_dir() else [])
POP_CSV = "data/pop_age_sex_region_2021.csv"


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dp") / "packages"
    out.mkdir()
    DataPackageBuilder(example_view(), EXAMPLE).write_all(out)
    return out


def descriptor(packages: Path, dataset_id: str) -> dict:
    return json.loads((packages / dataset_id / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("standards", PROFILES, ids=lambda p: "shipped" if p == standards_dir() else "shared")
def test_every_descriptor_validates_against_the_official_v2_profile(packages, standards):
    profile = json.loads((standards / "datapackage" / "profiles-2.0" / "datapackage.json").read_text())
    validator = Draft7Validator(profile)
    paths = sorted(packages.glob("*/datapackage.json"))
    assert [p.parent.name for p in paths] == sorted(example_view().datasets)
    for path in paths:
        errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
        assert not errors, (path, [e.message for e in errors])


def test_frictionless_validates_each_package_with_its_data(packages):
    for path in sorted(packages.glob("*/datapackage.json")):
        package = Package(str(path))
        remote = [r for r in package.resources if r.path and r.path.startswith("http")]
        if remote:  # data on the web: the descriptor only (tests never use the network)
            continue
        report = package.validate()
        assert report.valid, (path, report.flatten(["rowNumber", "fieldName", "type", "note"]))
    assert (packages / "DS_POP_AGE_SEX_REGION" / "pop_age_sex_region_2021.csv").is_file()


def test_table_schema_from_the_variables(packages):
    package = descriptor(packages, "DS_POP_AGE_SEX_REGION")
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International"}]
    assert package["x_translations"]["fr"]["title"].startswith("Population selon le groupe d'âge")
    [table] = [r for r in package["resources"] if r["name"] == "csv"]
    assert table["path"] == "pop_age_sex_region_2021.csv" and table["mediatype"] == "text/csv"
    data = (EXAMPLE / POP_CSV).read_bytes()
    assert table["bytes"] == len(data) and table["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    schema = table["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == ["REF_AREA", "AGE", "SEX", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"]
    assert schema["primaryKey"] == ["REF_AREA", "AGE", "SEX", "TIME_PERIOD"]
    assert fields["TIME_PERIOD"]["type"] == "year" and fields["OBS_VALUE"]["type"] == "integer"
    assert fields["OBS_VALUE"]["constraints"] == {"required": True, "minimum": 0}
    assert fields["SEX"]["categories"] == [{"value": "_T", "label": "Total"}, {"value": "F", "label": "Female"},
                                           {"value": "M", "label": "Male"}]
    assert fields["SEX"]["constraints"]["enum"] == ["_T", "F", "M"]
    assert fields["SEX"]["rdfType"] == "http://purl.org/linked-data/sdmx/2009/concept#sex"
    assert fields["AGE"]["categoriesOrdered"] is True
    assert fields["SEX"]["x_translations"]["fr"]["categories"]["F"] == "Femmes"
    assert {"fields": "REF_AREA", "reference": {"resource": "codelist-cl_area", "fields": "code"}} in \
        schema["foreignKeys"]
    [areas] = [r for r in package["resources"] if r["name"] == "codelist-cl_area"]
    assert ["D11", "Alden District", "R1"] in areas["data"]


def test_labelled_missing_values_and_identifiers(packages):
    package = descriptor(packages, "DS_HHS_PUF")
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["INCOME"]["missingValues"] == [{"value": "-8", "label": "Refused"},
                                                 {"value": "-9", "label": "Don't know"}]
    assert package["resources"][0]["schema"]["primaryKey"] == ["HH_ID", "PERSON_ID"]
    assert "DISTRICT" not in fields  # confidential
    assert package["resources"][0]["path"] == "https://data.bso.example.org/files/hhs2023_puf.csv"


def test_policy_of_the_packages(packages):
    assert not (packages / "DS_CENSUS_COMMUTING").exists() and not (packages / "DS_POP_PROJECTIONS").exists()
    restricted = descriptor(packages, "DS_HHS_RDC")
    assert all("path" not in r for r in restricted["resources"])
    assert "Available only to accredited researchers" in restricted["description"]
    assert restricted["x_access"]["access_level"] == "restricted"
    text = "".join(p.read_text(encoding="utf-8") for p in packages.rglob("*.*"))
    assert "EDIT_FLAG" not in text and "Internal editing flag" not in text


def with_confidential_column(census: Path) -> Path:
    path = census / POP_CSV
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",EDIT_FLAG"] + [line + ",IMP" for line in lines[1:]]) + "\n",
                    encoding="utf-8")
    for name in ("DS_POP_AGE_SEX_REGION.yaml",):
        record = census / "datasets" / name
        text = record.read_text(encoding="utf-8")
        start = text.index("    byte_size:")
        end = text.index("  - id: SDMX")
        record.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_a_confidential_column_stops_the_export(census, cli, tmp_path):
    out = tmp_path / "out"
    assert run(cli, "export", "datapackage", str(census), "-o", str(out)).exit_code == 0
    before = sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    source = with_confidential_column(census)
    result = run(cli, "export", "datapackage", str(census), "-o", str(out))
    assert result.exit_code == 1
    assert str(source) in result.output and "EDIT_FLAG" in result.output
    assert sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["census", "out"]  # no temporary folder left


def test_strip_confidential_removes_the_column_from_the_copy_only(census, cli, tmp_path):
    source = with_confidential_column(census)
    original = source.read_bytes()
    out = tmp_path / "out"
    assert run(cli, "export", "datapackage", str(census), "-o", str(out), "--strip-confidential").exit_code == 0
    copy = out / "DS_POP_AGE_SEX_REGION" / source.name
    assert "EDIT_FLAG" not in copy.read_text(encoding="utf-8") and ",IMP" not in copy.read_text(encoding="utf-8")
    assert source.read_bytes() == original
    package = Package(str(out / "DS_POP_AGE_SEX_REGION" / "datapackage.json"))
    assert package.validate().valid
    table = json.loads((out / "DS_POP_AGE_SEX_REGION" / "datapackage.json").read_text())["resources"][0]
    assert table["hash"] == "sha256:" + hashlib.sha256(copy.read_bytes()).hexdigest()


BROKEN = {
    "code outside the codelist": ("R1,Y0T4,F,2021", "R9,Y0T4,F,2021", "REF_AREA", "breaks the constraint"),
    "undeclared missing-value marker": ("R1,Y0T4,F,2021,", "R1,Y0T4,F,2021,", "OBS_VALUE", "not of type integer"),
    "duplicate primary key": ("R1,Y0T4,M,2021", "R1,Y0T4,F,2021", None, "duplicate primary key"),
    "null in a composite key": ("R1,Y0T4,F,2021", "R1,,F,2021", "AGE", "has no value in column 'AGE'"),
    "wrong type": ("R1,Y0T4,F,2021", "R1,Y0T4,F,20X1", "TIME_PERIOD", "not of type year"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_data_files_are_caught_precisely(census, cli, case):
    old, new, field, message = BROKEN[case]
    path = census / POP_CSV
    lines = path.read_text(encoding="utf-8").splitlines()
    [index] = [i for i, line in enumerate(lines) if line.startswith(old)]
    line = lines[index]
    if case == "undeclared missing-value marker":
        line = line.rsplit(",", 3)[0] + ",NA," + ",".join(line.rsplit(",", 2)[1:])
    else:
        line = new + line[len(old):]
    lines[index] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    record = census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("    byte_size:")] + text[text.index("  - id: SDMX"):], encoding="utf-8")
    result = run(cli, "check", str(census), "--format", "json")
    assert result.exit_code == 1
    problems = [p for p in json.loads(result.output) if p["file"] == str(path)]
    assert problems, result.output
    found = [p for p in problems if message in p["message"]]
    assert found, problems
    assert found[0]["line"] == index + 1
    if field:
        assert found[0]["path"] == field
        assert found[0]["column"] == lines[0].split(",").index(field) + 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_catalogues_give_descriptors_valid_against_the_profile(catalogue):
    view = public_view(catalogue, GENERATED_AS_OF)
    profile = json.loads((standards_dir() / "datapackage" / "profiles-2.0" / "datapackage.json").read_text())
    validator = Draft7Validator(profile)
    builder = DataPackageBuilder(view, EXAMPLE)
    for dataset in view.datasets.values():
        document = builder.package(dataset, None)
        assert [e.message for e in validator.iter_errors(document)] == []
        fields = [f["name"] for r in document["resources"] for f in r["schema"]["fields"]]
        assert not any(name.startswith(SECRET) for name in fields)
