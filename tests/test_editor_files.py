"""Issue 14, point 10: files in the editor — a data file uploaded to a distribution is stored, measured (size,
SHA-256) and checked at once (row and column of each problem), and served by no public route before its dataset
is published; an admin of the catalogue's publisher imports a records folder from a zip (checked first: nothing is
loaded when it has an error) and downloads the catalogue as one, as `catalogue load` and `catalogue dump` do."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.editing.files import stored_path, unpack_folder
from catalogue.editing.service import Editing
from catalogue.errors import NotReady
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import write_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.store.datafiles import file_content

from .conftest import EXAMPLE

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"
DATASET = "DS_POP_AGE_SEX_REGION"
GOOD = (EXAMPLE / "data" / "pop_age_sex_region_2021.csv").read_bytes()


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    for name, role, agency in (("ed", "editor", "BSO"), ("ada", "admin", "BSO"), ("otto", "admin", "SDMX")):
        accounts.add_user(name, PASSWORD)
        accounts.set_role(name, agency, role)
    yield opened
    opened.engine.dispose()


def signed_in(store, name: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(store, lambda: NOW), base_url="https://testserver", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/login").text).group(1)
    client.post("/editor/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client, re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/").text).group(1)


def upload(client, token: str, content: bytes, name: str = "nights.csv", index: int = 0):
    page = client.get(f"/editor/dataset/{DATASET}/files")
    revision = html.fromstring(page.text).xpath('//input[@name="revision"]/@value')[0]
    return client.post(f"/editor/dataset/{DATASET}/files",
                       data={"csrf_token": token, "revision": revision, "distribution": str(index)},
                       files={"file": (name, content, "text/csv")})


def test_an_uploaded_file_is_measured_checked_and_not_public_before_publication(store):
    client, token = signed_in(store, "ed")
    broken = GOOD.replace(b"BM,_T,F,2021,430735", b"BM,_T,F,2021,many", 1)
    answer = upload(client, token, broken, "../../nights 2021.csv")
    assert answer.status_code == 200
    rows = [[cell.text_content() for cell in row.xpath("td")]
            for row in html.fromstring(answer.text).xpath("//table/tbody/tr")]
    assert ["3", "5", "column 'OBS_VALUE': 'many' is not of type integer"] in rows  # row and column
    record = Editing(store, lambda: NOW).current("dataset", DATASET)
    distribution = record.data["distributions"][0]
    path = stored_path(DATASET, "../../nights 2021.csv", hashlib.sha256(broken).hexdigest())
    assert path == f"data/{DATASET}/{hashlib.sha256(broken).hexdigest()[:16]}/nights_2021.csv"
    assert distribution["path"] == path
    assert distribution["byte_size"] == str(len(broken))
    assert distribution["checksum"] == {"algorithm": "sha256", "value": hashlib.sha256(broken).hexdigest()}
    public = TestClient(create_app(store, lambda: NOW))
    assert public.get(f"/{path}").status_code == 404  # not published yet
    clean = upload(client, token, GOOD)
    assert "The data checks found no problem." in clean.text
    editing = Editing(store, lambda: NOW)
    submitted = editing.submit("ed", "dataset", DATASET, editing.current("dataset", DATASET).revision)
    editing.publish("ada", "dataset", DATASET, editing.approve("ada", "dataset", DATASET, submitted.revision).revision)
    served = public.get(f"/{stored_path(DATASET, 'nights.csv', hashlib.sha256(GOOD).hexdigest())}")
    assert served.status_code == 200 and served.content == GOOD  # published: served


def test_an_upload_for_a_published_dataset_leaves_its_public_file_as_it_is(store):
    editing, public = Editing(store, lambda: NOW), TestClient(create_app(store, lambda: NOW))
    client, token = signed_in(store, "ed")

    def publish() -> None:
        submitted = editing.submit("ed", "dataset", DATASET, editing.current("dataset", DATASET).revision)
        editing.publish("ada", "dataset", DATASET, editing.approve("ada", "dataset", DATASET, submitted.revision).revision)

    upload(client, token, GOOD, "nights.csv")
    publish()
    published = stored_path(DATASET, "nights.csv", hashlib.sha256(GOOD).hexdigest())
    assert public.get(f"/{published}").content == GOOD
    changed = GOOD.replace(b"860509", b"999999")
    upload(client, token, changed, "nights.csv")  # the same name, new bytes, in a draft
    alone = Editing(store, lambda: NOW, separate_duties=False)  # ada, an office of one, publishes her own change
    other = alone.open("ada", "terms", "OPEN")  # any publication refreshes what the server serves
    other = alone.save("ada", "terms", "OPEN", {**other.data, "name": {"en": "Open data (2)"}}, other.revision)
    alone.publish("ada", "terms", "OPEN", alone.approve("ada", "terms", "OPEN", alone.submit(
        "ada", "terms", "OPEN", other.revision).revision).revision)
    assert public.get(f"/{published}").content == GOOD  # the published version still serves its own file
    assert public.get(f"/{stored_path(DATASET, 'nights.csv', hashlib.sha256(changed).hexdigest())}").status_code == 404


def test_an_upload_needs_the_editors_role_and_a_fresh_revision(store):
    client, token = signed_in(store, "otto")
    assert client.get(f"/editor/dataset/{DATASET}/files").status_code == 404  # another agency's: not known
    editor, token = signed_in(store, "ed")
    stale = editor.post(f"/editor/dataset/{DATASET}/files", data={"csrf_token": token, "revision": "0",
                                                                  "distribution": "0"},
                        files={"file": ("a.csv", GOOD, "text/csv")})
    assert stale.status_code == 409
    forged = editor.post(f"/editor/dataset/{DATASET}/files", data={"revision": "1", "distribution": "0"},
                         files={"file": ("a.csv", GOOD, "text/csv")})
    assert forged.status_code == 403


def zipped(folder: Path, top: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, top + path.relative_to(folder).as_posix())
    return buffer.getvalue()


def test_an_admin_downloads_and_imports_the_records_folder(store, tmp_path):
    client, token = signed_in(store, "ada")
    assert client.get("/editor/folder").status_code == 200
    download = client.get("/editor/folder.zip")
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    unpacked = tmp_path / "unpacked"
    unpack_folder(download.content, unpacked)
    assert read_catalogue(unpacked) == read_catalogue(EXAMPLE)
    changed = tmp_path / "changed"
    catalogue = read_catalogue(EXAMPLE)
    dataset = catalogue.datasets[DATASET]
    write_catalogue(catalogue.model_copy(update={"datasets": {
        **catalogue.datasets, DATASET: dataset.model_copy(update={"version": "7.0"})}}), changed)
    for data in (EXAMPLE / "data").iterdir():
        (changed / "data").mkdir(exist_ok=True)
        (changed / "data" / data.name).write_bytes(data.read_bytes())
    loaded = client.post("/editor/folder", data={"csrf_token": token, "message": "from the browser"},
                         files={"archive": ("census.zip", zipped(changed, "census/"), "application/zip")})
    assert loaded.status_code == 200 and "1 changed" in loaded.text
    assert Editing(store, lambda: NOW).current("dataset", DATASET).data["version"] == "7.0"
    (changed / "datasets" / f"{DATASET}.yaml").write_text("id: [broken\n", encoding="utf-8")
    refused = client.post("/editor/folder", data={"csrf_token": token},
                          files={"archive": ("census.zip", zipped(changed), "application/zip")})
    assert refused.status_code == 422
    [row] = [r for r in html.fromstring(refused.text).xpath("//table[@id='import-problems']/tbody/tr")
             if f"{DATASET}.yaml" in r.text_content()]
    assert row.xpath("string(td[1])") == f"datasets/{DATASET}.yaml"
    assert re.fullmatch(r"\d+:\d+", row.xpath("string(td[2])"))  # line:column
    assert Editing(store, lambda: NOW).current("dataset", DATASET).data["version"] == "7.0"  # nothing loaded
    actions = [row["action"] for row in Editing(store, lambda: NOW).audit("ada", "BSO")]
    assert actions[:2] == ["import", "export"]


def test_only_an_admin_of_the_catalogues_publisher_moves_whole_folders(store):
    for name in ("ed", "otto"):
        client, token = signed_in(store, name)
        assert client.get("/editor/folder").status_code == 403
        assert client.get("/editor/folder.zip").status_code == 403
        assert client.post("/editor/folder", data={"csrf_token": token},
                           files={"archive": ("x.zip", b"PK", "application/zip")}).status_code == 403


def test_an_archive_cannot_write_outside_its_folder(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("catalogue.yaml", "id: X\n")
        archive.writestr("../escape.yaml", "boom")
    with pytest.raises(NotReady, match="outside the folder"):
        unpack_folder(buffer.getvalue(), tmp_path / "target")
    assert not (tmp_path / "escape.yaml").exists()
    with pytest.raises(NotReady, match="not a zip"):
        unpack_folder(b"not a zip", tmp_path / "other")


def test_a_file_uploaded_to_a_draft_survives_a_load_that_does_not_hold_it(store):
    """A load replaces the stored files by the folder's; a file only a working copy names is kept (the draft would
    otherwise name a missing file and could never be published)."""
    client, token = signed_in(store, "ed")
    upload(client, token, GOOD, "nights.csv")
    path = stored_path(DATASET, "nights.csv", hashlib.sha256(GOOD).hexdigest())
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "the folder again")
    with store.engine.connect() as connection:
        assert file_content(connection, path) == GOOD
    editing = Editing(store, lambda: NOW)
    submitted = editing.submit("ed", "dataset", DATASET, editing.current("dataset", DATASET).revision)
    editing.publish("ada", "dataset", DATASET, editing.approve("ada", "dataset", DATASET, submitted.revision).revision)
    assert TestClient(create_app(store, lambda: NOW)).get(f"/{path}").content == GOOD
