"""Issue 33, point 5: in the editor, a series' releases in every stage; the next release made from the latest one
(its texts and structure, its period moved on, a draft); a new version that replaces a dataset, with its notes.
Refusals change nothing; a new release never takes another dataset's data file."""

from __future__ import annotations

from datetime import date

import pytest

from catalogue.editing.releases import moved_on, next_release
from catalogue.editing.service import Editing
from catalogue.errors import Forbidden, NotFound, NotReady
from catalogue.store.accounts import Accounts

from .test_series import AS_OF, CORRECTED, EMBARGOED, quarterly_series, stored
from .test_trust import browser


@pytest.fixture
def store(tmp_path):
    opened = stored(quarterly_series(tmp_path / "c"), tmp_path, "bob")
    Accounts(opened.engine).add_user("min", None)
    Accounts(opened.engine).set_role("min", "SDMX", "editor")
    yield opened
    opened.engine.dispose()


@pytest.fixture
def editing(store):
    return Editing(store, lambda: AS_OF, separate_duties=False)


def test_periods_move_on_by_the_frequency():
    assert moved_on(date(2024, 10, 1), "quarterly") == date(2025, 1, 1)
    assert moved_on(date(2024, 1, 31), "monthly") == date(2024, 2, 29)  # the last day of a month stays the last
    assert moved_on(date(2020, 1, 1), "decennial") == date(2030, 1, 1)
    assert moved_on(date(2024, 1, 1), "irregular") is None
    made, suggested = next_release({"id": "DS_CPI_2024M12", "frequency": "monthly", "version": "2.0",
                                    "title": {"en": "Consumer prices, 2024-12"},
                                    "temporal_coverage": {"start": "2024-12-01", "end": "2024-12-31"}})
    assert suggested == "DS_CPI_2025M01" and made["version"] == "1.0"
    assert made["temporal_coverage"] == {"start": "2025-01-01", "end": "2025-01-31"}
    assert made["title"] == {"en": "Consumer prices, 2025-01"}


def test_the_next_release_comes_from_the_latest_as_a_draft_with_its_period_moved_on(editing, store):
    assert [o.record_id for o in editing.releases("bob", "LFS")] == [
        "DS_LFS_2024Q1", "DS_LFS_2024Q2", CORRECTED, "DS_LFS_2024Q3", "DS_LFS_2024Q4", EMBARGOED]
    before = store.catalogue()
    with pytest.raises(NotReady, match="not the latest release of series 'LFS'"):
        editing.next_release("bob", "DS_LFS_2024Q4", "DS_LFS_2025Q1_X")
    with pytest.raises(NotFound):  # another agency's officer opens none of BSO's datasets
        editing.next_release("min", EMBARGOED, "DS_LFS_2025Q2")
    with pytest.raises(NotFound):
        editing.new_dataset_version("min", "DS_LFS_2024Q4", "DS_LFS_2024Q4_M", "9.0", "Mine now.")
    Accounts(store.engine).set_role("min", "BSO", "viewer")
    with pytest.raises(Forbidden):  # a viewer of BSO may not make one
        editing.next_release("min", EMBARGOED, "DS_LFS_2025Q2")
    assert store.catalogue() == before  # a refusal changes nothing
    made = editing.next_release("bob", EMBARGOED, "DS_LFS_2025Q2")
    assert made.stage == "draft" and made.data["temporal_coverage"]["start"] == "2025-04-01"
    assert made.data["series"] == ["LFS"] and made.data["version"] == "1.0"
    assert all(field not in made.data for field in ("issued", "release_time", "previous_version", "withdrawn"))
    assert made.data["title"]["en"].endswith("2025Q2")
    _, issues = editing.check("dataset", made.data, "bob")
    assert not [i for i in issues if i.is_error], [str(i) for i in issues]
    assert [o.record_id for o in editing.releases("bob", "LFS")][-1] == "DS_LFS_2025Q2"  # a draft, listed
    assert "DS_LFS_2025Q2" not in store.catalogue().datasets  # nothing public


def test_a_new_version_replaces_the_dataset_it_is_made_from_and_says_what_it_changes(editing):
    assert editing.suggested_dataset_version("bob", "DS_LFS_2024Q4") == ("DS_LFS_2024Q4_R", "3.3")
    with pytest.raises(NotReady, match="version notes"):
        editing.new_dataset_version("bob", "DS_LFS_2024Q4", "DS_LFS_2024Q4_R", "3.3", "  ")
    made = editing.new_dataset_version("bob", "DS_LFS_2024Q4", "DS_LFS_2024Q4_R", "3.3", "Revised weights.")
    assert made.data["previous_version"] == "DS_LFS_2024Q4" and made.data["version"] == "3.3"
    assert made.data["version_notes"] == {"en": "Revised weights."}
    _, issues = editing.check("dataset", made.data, "bob")
    assert not [i for i in issues if i.is_error], [str(i) for i in issues]


def test_a_new_release_never_takes_the_data_file_of_the_one_it_is_made_from(editing, store):
    opened = editing.open("bob", "dataset", EMBARGOED)
    data = {**opened.data, "distributions": [
        {"id": "CSV", "format": "CSV", "path": "data/lfs_2025q1.csv", "byte_size": 10},
        {"id": "WEB", "format": "CSV", "download_url": "https://data.example.org/x.csv", "path": "data/x.csv"}]}
    from catalogue.editing.releases import _carried

    carried = _carried(data, "DS_NEW")
    assert carried["distributions"] == [{"id": "WEB", "format": "CSV", "download_url": "https://data.example.org/x.csv"}]


def test_the_editor_pages_list_the_releases_in_review_and_make_the_next_one(store):
    client, csrf = browser(store, lambda: AS_OF, "bob")
    page = client.get(f"/editor/dataset/{EMBARGOED}/releases")
    assert page.status_code == 200 and 'action="/editor/dataset/DS_LFS_2025Q1/next-release"' in page.text
    assert 'value="DS_LFS_2025Q2"' in page.text
    older = client.get("/editor/dataset/DS_LFS_2024Q4/releases").text
    assert "next-release" not in older and "new-dataset-version" in older  # not the latest: a new version only
    answer = client.post(f"/editor/dataset/{EMBARGOED}/next-release", data={"csrf_token": csrf, "id": "DS_LFS_2025Q2"})
    assert answer.status_code == 303 and answer.headers["location"] == "/editor/dataset/DS_LFS_2025Q2"
    listed = client.get("/editor/series/LFS/releases").text
    assert "DS_LFS_2025Q2" in listed and "Draft" in listed
    refused = client.post(f"/editor/dataset/{EMBARGOED}/next-release", data={"csrf_token": "wrong", "id": "DS_LFS_X"})
    assert refused.status_code in (400, 403)
    assert "DS_LFS_X" not in client.get("/editor/series/LFS/releases").text


def test_odd_drafts_give_no_error_page_and_the_next_release_names_no_wrong_period(editing, store):
    """From the hostile review: a draft with a plain title or a period that is not a date, or a date at the end of
    the calendar, is listed and refused in words, never a 500; texts that do not name the period exactly are left."""
    client, csrf = browser(store, lambda: AS_OF, "bob")
    odd = {**editing.open("bob", "dataset", EMBARGOED).data, "id": "DS_LFS_ODD", "title": "Plain title",
           "temporal_coverage": {"start": "2031-Q4"}, "release_time": None}
    editing.create("bob", "dataset", odd)
    assert client.get("/editor/series/LFS/releases").status_code == 200
    page = client.get("/editor/dataset/DS_LFS_ODD/releases")
    assert page.status_code == 200
    made, suggested = next_release({"id": "DS_X_9999Q4", "frequency": "quarterly",
                                    "temporal_coverage": {"start": "9999-10-01", "end": "9999-12-31"}})
    assert suggested is None and made["temporal_coverage"]["start"] == "9999-10-01"
    made, suggested = next_release({"id": "DS_LFS_2024Q4", "frequency": "quarterly", "dataflow": "LFS_2024Q4",
                                    "title": {"en": "Labour Force Survey, fourth quarter 2024"},
                                    "temporal_coverage": {"start": "2024-10-01", "end": "2024-12-31"},
                                    "distributions": [{"id": "CSV", "format": "CSV",
                                                       "download_url": "https://x.example/lfs_2024q4.csv"},
                                                      {"id": "OLD", "format": "CSV",
                                                       "download_url": "https://x.example/old.csv",
                                                       "access_url": "https://x.example/lfs"}]})
    assert suggested == "DS_LFS_2025Q1" and made["title"]["en"] == "Labour Force Survey, fourth quarter 2024"
    assert made["distributions"][0]["download_url"] == "https://x.example/lfs_2025q1.csv"
    assert "download_url" not in made["distributions"][1]  # the earlier release's file, left out
