"""DCAT-US 1.1 data.json, measured by the official Project Open Data schemas."""

from __future__ import annotations

import pytest

from catalogue.conformance.validators import dcat_us_errors
from catalogue.formats.dcat_us import dcat_us_catalogue
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue

from .conftest import STANDARDS, replace_in
from .exports import AS_OF, example_view

needs_standards = pytest.mark.skipif(not STANDARDS.is_dir(), reason=f"{STANDARDS} is absent: the official schemas "
                                                                    "are needed")


def by_id(document):
    return {d["identifier"].rsplit("/", 1)[1]: d for d in document["dataset"]}


@needs_standards
def test_valid_against_the_non_federal_schema():
    assert dcat_us_errors(dcat_us_catalogue(example_view()), STANDARDS) == []


@needs_standards
def test_without_bureau_codes_the_federal_schema_fails():
    errors = dcat_us_errors(dcat_us_catalogue(example_view()), STANDARDS, federal=True)
    assert any("bureauCode" in e for e in errors)


@needs_standards
def test_valid_against_the_federal_schema_when_codes_are_supplied(census):
    replace_in(census / "catalogue.yaml", "themes:\n", 'bureau_code: ["015:11"]\nprogram_code: ["015:001"]\nthemes:\n')
    document = dcat_us_catalogue(public_view(read_catalogue(census), AS_OF))
    assert all(d["bureauCode"] == ["015:11"] for d in document["dataset"])
    assert dcat_us_errors(document, STANDARDS, federal=True) == []
    assert dcat_us_errors(document, STANDARDS) == []


def test_access_levels_rights_and_downloads():
    datasets = by_id(dcat_us_catalogue(example_view()))
    assert set(datasets) == {"DS_HHS_PUF", "DS_HHS_RDC", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY",
                             "DS_POP_AGE_SEX_REGION"}
    assert datasets["DS_POP_AGE_SEX_REGION"]["accessLevel"] == "public"
    assert "rights" not in datasets["DS_POP_AGE_SEX_REGION"]
    restricted = datasets["DS_HHS_RDC"]
    assert restricted["accessLevel"] == "restricted public"
    assert restricted["rights"].startswith("Available only to accredited researchers")
    assert len(restricted["rights"]) <= 255
    assert all("downloadURL" not in d for d in restricted["distribution"])
    assert datasets["DS_POP_AGE_SEX_REGION"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert datasets["DS_POP_AGE_SEX_REGION"]["accrualPeriodicity"] == "R/P10Y"


def test_non_public_terms_give_non_public_access_level(census):
    replace_in(census / "terms" / "RDC.yaml", "access_level: restricted", "access_level: non_public")
    datasets = by_id(dcat_us_catalogue(public_view(read_catalogue(census), AS_OF)))
    assert datasets["DS_HHS_RDC"]["accessLevel"] == "non-public"
