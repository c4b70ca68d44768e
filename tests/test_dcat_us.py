"""DCAT-US 1.1 data.json, measured by the official Project Open Data schemas."""

from __future__ import annotations

import shutil

import pytest

from catalogue.conformance.validators import dcat_us_errors
from catalogue.formats.dcat_us import dcat_us_catalogue
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue

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
    view = example_view()
    datasets = by_id(dcat_us_catalogue(view))
    assert set(datasets) == set(view.datasets) | set(view.series)  # each public dataset, each series' collection
    assert set(view.datasets) >= {"DS_HHS_PUF", "DS_HHS_RDC", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY",
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


def _series_catalogue(folder):
    """The quarterly LFS series (tests/test_series.py), the third quarter also a release of a second public series
    named first, the first quarter of a third one named after LFS (its only release), and the embargoed quarter the
    only release of a hidden series."""
    from .test_series import EMBARGOED, _set, quarterly_series

    folder = quarterly_series(folder)
    lfs = (folder / "series" / "LFS.yaml").read_text(encoding="utf-8")
    (folder / "series" / "MONTHLY.yaml").write_text(
        lfs.replace("id: LFS", "id: MONTHLY").replace("Labour Force Survey, quarterly", "Monthly labour")
        + "themes: [LABOUR]\n", encoding="utf-8")
    (folder / "series" / "HIDDEN.yaml").write_text(
        lfs.replace("id: LFS", "id: HIDDEN").replace("Labour Force Survey, quarterly", "Secret survey"),
        encoding="utf-8")
    (folder / "series" / "ANNUAL.yaml").write_text(
        lfs.replace("id: LFS", "id: ANNUAL").replace("Labour Force Survey, quarterly", "Annual labour"),
        encoding="utf-8")
    _set(folder, "DS_LFS_2024Q3", series=["MONTHLY", "LFS"])
    _set(folder, "DS_LFS_2024Q1", series=["LFS", "ANNUAL"])
    _set(folder, EMBARGOED, series=["HIDDEN"])
    return folder


@needs_standards
def test_each_public_series_is_a_collection_its_releases_are_part_of(tmp_path):
    """DCAT-US 1.1 ``isPartOf`` names the ``identifier`` of a collection of the same file: each public series is one,
    made of its own record; a release of two series names the first of them (a series no entry names is left out:
    data.json would not tell it from a dataset); a series with no public release is nowhere; the document stays
    valid against the official schema."""
    from .test_series import CORRECTED, EMBARGOED, QUARTERS

    view = public_view(read_catalogue(_series_catalogue(tmp_path / "c")), AS_OF)
    document = dcat_us_catalogue(view)
    assert dcat_us_errors(document, STANDARDS) == []
    entries = by_id(document)
    base = view.info.base_uri.rstrip("/") + "/"
    lfs, monthly = entries["LFS"], entries["MONTHLY"]
    assert (lfs["identifier"], monthly["identifier"]) == (base + "series/LFS", base + "series/MONTHLY")
    assert lfs["title"] == "Labour Force Survey, quarterly results"
    assert lfs["description"] == view.series["LFS"].description["en"]
    assert lfs["keyword"] == [lfs["title"]]  # a series without themes: its title, as a dataset without keywords
    assert lfs["modified"] == max(issued for _, issued in QUARTERS.values())  # its latest public release
    assert lfs["publisher"]["name"] == view.agencies["BSO"].name["en"]
    assert lfs["contactPoint"]["hasEmail"] == "mailto:hhs@bso.example.org"
    assert (lfs["accessLevel"], lfs["accrualPeriodicity"]) == ("public", "R/P3M")
    assert "isPartOf" not in lfs and "distribution" not in lfs
    assert {i: e["isPartOf"] for i, e in entries.items() if "isPartOf" in e} == {
        "DS_LFS_2024Q1": lfs["identifier"], "DS_LFS_2024Q2": lfs["identifier"], CORRECTED: lfs["identifier"],
        "DS_LFS_2024Q3": monthly["identifier"], "DS_LFS_2024Q4": lfs["identifier"]}
    assert monthly["modified"] == QUARTERS["DS_LFS_2024Q3"][1]
    labour = next(t.name["en"] for t in view.info.themes if t.id == "LABOUR")
    assert monthly["keyword"] == monthly["theme"] == [labour]  # the names of its themes, as for a dataset
    text = str(document)
    assert "HIDDEN" not in text and "Secret survey" not in text and EMBARGOED not in text
    assert "ANNUAL" in view.series and "ANNUAL" not in entries


@needs_standards
def test_a_collection_takes_the_federal_codes_and_stays_valid_against_the_federal_schema(tmp_path):
    from .test_series import quarterly_series

    folder = quarterly_series(tmp_path / "c")
    replace_in(folder / "catalogue.yaml", "themes:\n", 'bureau_code: ["015:11"]\nprogram_code: ["015:001"]\nthemes:\n')
    document = dcat_us_catalogue(public_view(read_catalogue(folder), AS_OF))
    assert by_id(document)["LFS"]["bureauCode"] == ["015:11"]
    assert dcat_us_errors(document, STANDARDS, federal=True) == []


def test_the_streamed_feed_and_the_served_one_hold_the_collections(tmp_path):
    """``catalogue export dcat-us`` streams the document; the live server streams it a page of datasets at a time,
    the collections made from every page's releases: both are the document."""
    import json

    from fastapi.testclient import TestClient

    from catalogue.formats.dcat_us import DCAT_US
    from catalogue.server import create_app
    from catalogue.store import open_store

    folder = _series_catalogue(tmp_path / "c")
    view = public_view(read_catalogue(folder), AS_OF)
    document = dcat_us_catalogue(view)
    assert json.loads("".join(DCAT_US.stream(view))) == document
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(folder), folder, "ana", "load")
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        served = client.get("/data.json").json()
    assert sorted(map(str, served["dataset"])) == sorted(map(str, document["dataset"]))


def test_the_built_data_json_is_the_document(cli, tmp_path):
    """The site build writes the collections after the datasets' entries (made again at each build): its data.json
    is the document, and ``isPartOf`` never names an entry the file lacks."""
    import json

    from .conftest import run

    site = tmp_path / "site"
    folder = _series_catalogue(tmp_path / "c")
    assert run(cli, "build", str(folder), "--out", str(site), "--quiet", "--as-of", AS_OF.isoformat()).exit_code == 0
    entries = json.loads((site / "data.json").read_text(encoding="utf-8"))["dataset"]
    identifiers = {e["identifier"] for e in entries}
    assert {e["isPartOf"] for e in entries if "isPartOf" in e} <= identifiers
    assert {"MONTHLY", "LFS"} <= {i.rsplit("/", 1)[1] for i in identifiers}
    assert entries == dcat_us_catalogue(public_view(read_catalogue(folder), AS_OF))["dataset"]


def test_collections_come_back_as_series_and_their_releases(cli, tmp_path):
    """``import dcat`` of a data.json: a collection becomes a series record (not a dataset), and each dataset naming
    it in ``isPartOf`` a release of it; an ``isPartOf`` naming no entry of the file is reported."""
    import json

    from .conftest import run
    from .test_import_dcat import shared_records
    from .test_series import CORRECTED, QUARTERS

    view = public_view(read_catalogue(_series_catalogue(tmp_path / "c")), AS_OF)
    document = dcat_us_catalogue(view)
    by_id(document)["DS_LFS_QUARTERLY"]["isPartOf"] = "https://elsewhere.example.org/collection/1"
    exported = tmp_path / "data.json"
    exported.write_text(json.dumps(document), encoding="utf-8")
    folder = shared_records(tmp_path)
    shutil.rmtree(folder / "series", ignore_errors=True)  # the example's own series: the import makes them
    result = run(cli, "import", "dcat", str(exported), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    assert "https://elsewhere.example.org/collection/1: no entry of this file" in " ".join(result.output.split())
    loaded = load_catalogue(folder)
    assert loaded.ok, [str(p) for p in loaded.errors]
    imported = loaded.catalogue
    assert set(imported.series) == {"LFS", "MONTHLY"} and not {"LFS", "MONTHLY"} & set(imported.datasets)
    lfs, source = imported.series["LFS"], view.series["LFS"]
    assert (lfs.title, lfs.description) == ({"en": source.title["en"]}, {"en": source.description["en"]})
    assert (lfs.publisher, lfs.contact_point, lfs.frequency) == ("BSO", "HHS_UNIT", "quarterly")
    assert imported.series["MONTHLY"].themes == ["LABOUR"]
    assert {i: d.series for i, d in imported.datasets.items() if d.series} == {
        **{i: ["LFS"] for i in QUARTERS}, CORRECTED: ["LFS"], "DS_LFS_2024Q3": ["MONTHLY"]}
