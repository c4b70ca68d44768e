"""Issue 11.1: record files give dates, times, booleans and numbers in their written form only.

pydantic's lax mode reads ``release_time: 2099`` as Unix seconds (an embargo lifted in 1970) and
``confidential: yes`` as true; every such value must be an error naming file, line and field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.records.loader import load_catalogue

from .conftest import EXAMPLE, line_of, replace_in

POP = "datasets/DS_POP_AGE_SEX_REGION.yaml"

FIELDS = [
    # (file, line as written, field path, value template)
    (POP, "release_time: 2022-03-15T10:00:00+01:00", "release_time", "release_time: {}"),
    (POP, "issued: 2022-03-15", "issued", "issued: {}"),
    (POP, "modified: 2022-09-30", "modified", "modified: {}"),
    ("codelists/CL_AGE.yaml", "valid_from: 2021-01-01", "valid_from", "valid_from: {}"),
    ("catalogue.yaml", "issued: 2022-03-15", "issued", "issued: {}"),
]


def _only_error(root: Path):
    errors = load_catalogue(root).errors
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


@pytest.mark.parametrize("value", ["2099", "20990630", "4102444800", "2099.5", "true"])
def test_a_number_is_not_a_release_time(census, value):
    path = census / POP
    replace_in(path, "release_time: 2022-03-15T10:00:00+01:00", f"release_time: {value}")
    error = _only_error(census)
    assert (error.file, error.line, error.path) == (str(path), line_of(path, "release_time"), "release_time")
    assert "ISO 8601" in error.message and f"'{value}'" in error.message


def test_a_date_without_a_time_is_not_a_release_time(census):
    path = census / POP
    replace_in(path, "release_time: 2022-03-15T10:00:00+01:00", "release_time: 2099-06-30")
    assert "time zone" in _only_error(census).message


@pytest.mark.parametrize("value", ["yes", "1", "on", "y"])
def test_confidential_takes_true_or_false_only(census, value):
    path = census / POP
    replace_in(path, "    confidential: true", f"    confidential: {value}")
    error = _only_error(census)
    assert error.line == line_of(path, f"confidential: {value}")
    assert error.path.endswith(".confidential") and "true or false" in error.message


@pytest.mark.parametrize("value", ["inf", "-.inf", ".nan", "NaN", "1_000"])
def test_a_constraint_bound_is_a_finite_number(census, value):
    path = census / POP
    replace_in(path, "constraints: {required: true, minimum: 0}", f"constraints: {{required: true, minimum: {value}}}")
    error = _only_error(census)
    assert error.path.endswith("constraints.minimum") and "finite number" in error.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS),
       value=st.one_of(st.integers(min_value=0, max_value=10**12).map(str),
                       st.floats(allow_nan=False, allow_infinity=False).map(repr),
                       st.sampled_from(["true", "false", "yes", "no", "null-ish", "2099-13", "99-01-01"])))
def test_every_date_field_rejects_numbers_and_booleans(tmp_path_factory, field, value):
    root = tmp_path_factory.mktemp("strict") / "census"
    shutil.copytree(EXAMPLE, root)
    file, written, name, template = field
    path = root / file
    replace_in(path, written, template.format(value))
    error = _only_error(root)
    assert (error.file, error.line, error.path) == (str(path), line_of(path, template.format(value)), name)
    assert "ISO 8601" in error.message
