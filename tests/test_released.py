"""Issue 32, point 2: a released version never changes. A codelist or a concept scheme published with a stable
version (``1.0``, ``2.1.0``) is refused any other content by the store's load, the editor (save, paste, restore,
suggestion, publication of an older copy, deletion and making again) and ``check --since``; the change is a new
version, which the editor makes and compares; a version still changing (``1.3.0-draft``, ``0.9``) may change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from catalogue.editing.service import Editing
from catalogue.errors import NotReady, RecordsInvalid
from catalogue.records.loader import read_catalogue
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE, replace_in

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
SEX = "BSO:CL_SEX(1.0)"


def renamed(catalogue, key: str, english: str):
    """The catalogue with the codelist ``key`` named ``english``."""
    codelist = catalogue.codelists[key]
    changed = codelist.model_copy(update={"name": {**codelist.name, "en": english}})
    return catalogue.model_copy(update={"codelists": {**catalogue.codelists, key: changed}})


def without(catalogue, key: str):
    return catalogue.model_copy(update={"codelists": {k: v for k, v in catalogue.codelists.items() if k != key}})


def with_version(catalogue, key: str, version: str, english: str):
    """The catalogue with a copy of codelist ``key`` as ``version``, named ``english``."""
    codelist = catalogue.codelists[key]
    copy = codelist.model_copy(update={"version": version, "name": {**codelist.name, "en": english}})
    return catalogue.model_copy(update={"codelists": {**catalogue.codelists,
                                                      f"{codelist.agency}:{codelist.id}({version})": copy}})


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    for name, role in (("ed", "editor"), ("rita", "reviewer"), ("paul", "publisher")):
        accounts.add_user(name, None)
        accounts.set_role(name, "BSO", role)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def editing(store) -> Editing:
    return Editing(store, lambda: NOW)


def published(editing: Editing, kind: str, key: str, revision: int):
    submitted = editing.submit("ed", kind, key, revision)
    return editing.publish("paul", kind, key, editing.approve("rita", kind, key, submitted.revision).revision)


# -- the store -------------------------------------------------------------------------------------
def test_a_load_that_changes_a_released_version_is_refused_whole(store):
    catalogue = read_catalogue(EXAMPLE)
    before = store.catalogue()
    changed = renamed(catalogue, SEX, "Sex (changed)")
    changed = with_version(changed, SEX, "1.1", "Sex, new")  # what else the load brings is not written either
    with pytest.raises(RecordsInvalid) as refused:
        store.load(changed, EXAMPLE, "loader", "a change of a release")
    [problem] = refused.value.problems
    assert problem.record_id == SEX and "is released: it cannot change; make the change in a new version" in \
        problem.message
    assert store.catalogue() == before
    report = store.load(catalogue, EXAMPLE, "loader", "the same again")  # the same content is no change
    assert report.revisions == 0


def test_deleting_a_released_version_and_loading_it_again_changed_is_refused(store):
    catalogue = with_version(read_catalogue(EXAMPLE), SEX, "1.1", "Sex 1.1")
    key = "BSO:CL_SEX(1.1)"
    store.load(catalogue, EXAMPLE, "loader", "1.1 released")
    store.load(without(catalogue, key), EXAMPLE, "loader", "withdrawn")
    assert key not in store.catalogue().codelists
    with pytest.raises(RecordsInvalid):
        store.load(renamed(catalogue, key, "Made again, otherwise"), EXAMPLE, "loader", "made again")
    store.load(catalogue, EXAMPLE, "loader", "made again as released")
    assert store.catalogue().codelists[key] == catalogue.codelists[key]


@pytest.mark.parametrize("version", ["1.1.0-draft", "0.9"])
def test_a_version_still_changing_may_change(store, version):
    catalogue = with_version(read_catalogue(EXAMPLE), SEX, version, "Sex, being made")
    store.load(catalogue, EXAMPLE, "loader", "a draft")
    key = f"BSO:CL_SEX({version})"
    store.load(renamed(catalogue, key, "Sex, made"), EXAMPLE, "loader", "the draft changed")
    assert store.catalogue().codelists[key].name["en"] == "Sex, made"


def test_the_cli_load_refuses_a_change_of_a_release_naming_the_file_and_writes_nothing(tmp_path):
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    run = [sys.executable, "-m", "catalogue", "load", str(folder), "--db", db]
    assert subprocess.run(run, capture_output=True, text=True).returncode == 0
    path = folder / "codelists" / "CL_SEX.yaml"
    replace_in(path, "Female", "Woman")
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 1, again.stdout + again.stderr
    said = again.stdout + again.stderr
    assert path.name in said and f"'{SEX}' is released" in said
    assert open_store(db).catalogue().codelists[SEX].codes[0].name["en"] in ("Female", "Male", "Total")
    assert "Woman" not in str(open_store(db).catalogue().codelists[SEX].codes)


# -- the editor ------------------------------------------------------------------------------------
def test_the_editor_refuses_every_change_of_a_released_version(editing):
    opened = editing.open("ed", "codelist", SEX)
    with pytest.raises(NotReady, match="is released"):
        editing.save("ed", "codelist", SEX, {**opened.data, "name": {**opened.data["name"], "en": "X"}},
                     opened.revision)
    with pytest.raises(NotReady, match="is released"):
        editing.paste_codes("ed", SEX, opened.revision, "id,name_en\nX,Other\n")
    with pytest.raises(NotReady, match="is released"):
        editing.restore("ed", "codelist", SEX, opened.revision, opened.revision)
    comment = editing.comment("rita", "codelist", SEX, "name.en", "Shorter", "Sx")
    with pytest.raises(NotReady, match="is released"):
        editing.apply_suggestion("ed", "codelist", SEX, opened.revision, comment)
    assert editing.current("codelist", SEX) == opened


def test_a_copy_made_before_the_release_is_not_published_over_it(store, editing):
    """A working copy of a version that was released meanwhile (a store made before releases were kept, or a load
    that published the version while the copy was open) is refused at publication."""
    opened = editing.open("ed", "codelist", SEX)
    with store.engine.begin() as connection:
        editing._write_copy(connection, "ed", opened, "codelist", SEX, "BSO",
                            {**opened.data, "name": {**opened.data["name"], "en": "Sex!"}}, "approved", "old copy",
                            edited=True)
    copy = editing.current("codelist", SEX)
    with pytest.raises(NotReady, match="is released"):
        editing.publish("paul", "codelist", SEX, copy.revision)
    assert store.catalogue().codelists[SEX].name["en"] == "Sex"


def test_a_released_version_deleted_by_a_load_and_made_again_is_published_only_as_it_was(store, editing):
    catalogue = with_version(read_catalogue(EXAMPLE), SEX, "1.1", "Sex 1.1")
    store.load(catalogue, EXAMPLE, "loader", "1.1 released")
    store.load(without(catalogue, "BSO:CL_SEX(1.1)"), EXAMPLE, "loader", "1.1 withdrawn")
    data = {**catalogue.codelists["BSO:CL_SEX(1.1)"].model_dump(mode="json", exclude_defaults=True)}
    made = editing.create("ed", "codelist", {**data, "name": {**data["name"], "en": "Sex, otherwise"}})
    with pytest.raises(NotReady, match="is released"):
        published(editing, "codelist", made.record_id, made.revision)
    again = editing.save("ed", "codelist", made.record_id, data, editing.current("codelist", made.record_id).revision)
    assert published(editing, "codelist", made.record_id, again.revision).stage == "published"


def test_a_new_version_is_made_changed_compared_and_published_beside_the_release(editing, store):
    assert editing.suggested_version("ed", "codelist", SEX) == "1.1"
    with pytest.raises(NotReady, match="is a version it has"):
        editing.new_version("ed", "codelist", SEX, "1.0.0")  # 1.0 and 1.0.0 are one version
    with pytest.raises(NotReady, match="is not a version"):
        editing.new_version("ed", "codelist", SEX, "1.1-beta")
    made = editing.new_version("ed", "codelist", SEX, "1.1")
    assert made.record_id == "BSO:CL_SEX(1.1)" and made.stage == "draft"
    codes = [{"id": "U", "name": {"en": "Unknown", "fr": "Inconnu"}}, *made.data["codes"]]
    codes = [dict(code, name={**code["name"], "en": "Women"}) if code["id"] == "F" else code for code in codes]
    saved = editing.save("ed", "codelist", made.record_id, {**made.data, "codes": codes}, made.revision)
    assert editing.versions("ed", "codelist", SEX) == [SEX, "BSO:CL_SEX(1.1)"]
    assert editing.suggested_version("ed", "codelist", SEX) == "1.2"
    changes = {change.field: (change.before, change.after)
               for change in editing.compare_versions("ed", "codelist", "BSO:CL_SEX(1.1)", SEX)}
    # codes are matched by id: a code added first makes no other code differ
    assert changes == {"version": ("1.0", "1.1"), "codes[F].name.en": ("Female", "Women"),
                       "codes[U].id": ("", "U"), "codes[U].name.en": ("", "Unknown"),
                       "codes[U].name.fr": ("", "Inconnu")}
    published(editing, "codelist", saved.record_id, saved.revision)
    codelists = store.catalogue().codelists
    assert codelists[SEX].codes[0].id != "U" and codelists["BSO:CL_SEX(1.1)"].codes[0].id == "U"
    with pytest.raises(NotReady, match="is released"):
        current = editing.open("ed", "codelist", "BSO:CL_SEX(1.1)")
        editing.save("ed", "codelist", current.record_id, current.data, current.revision, "no-op is refused too")


def test_a_draft_version_may_change_after_it_is_published(editing):
    made = editing.new_version("ed", "codelist", SEX, "1.1.0-draft")
    first = published(editing, "codelist", made.record_id, made.revision)
    changed = editing.save("ed", "codelist", first.record_id, {**first.data, "name": {**first.data["name"], "en": "S"}},
                           first.revision)
    assert published(editing, "codelist", changed.record_id, changed.revision).data["name"]["en"] == "S"
    release = editing.new_version("ed", "codelist", made.record_id, editing.suggested_version("ed", "codelist",
                                                                                             made.record_id))
    assert release.record_id == "BSO:CL_SEX(1.1.0)"  # a draft's next version is its release


def test_the_versions_page_compares_and_makes_a_new_version(store, editing):
    from fastapi.testclient import TestClient
    from lxml import html

    from catalogue.server import create_app

    editing.new_version("ed", "codelist", SEX, "2.0")
    Accounts(store.engine).set_password("ed", "a long enough password")
    client = TestClient(create_app(store, lambda: NOW), base_url="https://testserver", follow_redirects=False)
    token = html.fromstring(client.get("/editor/login").text).xpath('string(//input[@name="csrf_token"]/@value)')
    client.post("/editor/login", data={"name": "ed", "password": "a long enough password", "csrf_token": token})
    record = client.get(f"/editor/codelist/{SEX}")
    page = html.fromstring(record.text)
    assert "This version is released" in record.text and page.xpath('//fieldset[@disabled]')
    compared = client.get(f"/editor/codelist/BSO:CL_SEX(2.0)/versions", params={"with": SEX})
    rows = html.fromstring(compared.text).xpath('//table[@class="diff"]//tr/th[@scope="row"]/bdi/text()')
    assert rows == ["version"]
    hostile = client.get("/editor/codelist/BSO:CL_SEX(2.0)/versions", params={"with": "BSO:CL_AGE(1.0)"})
    assert hostile.status_code == 200 and not html.fromstring(hostile.text).xpath('//table[@class="diff"]')


# -- check --since ---------------------------------------------------------------------------------
def test_check_since_a_release_reports_a_changed_version_at_its_line(tmp_path):
    released = tmp_path / "released"
    shutil.copytree(EXAMPLE, released)
    now = tmp_path / "now"
    shutil.copytree(EXAMPLE, now)
    check = [sys.executable, "-m", "catalogue", "check", str(now), "--since", str(released)]
    assert subprocess.run(check, capture_output=True, text=True).returncode == 0
    path = now / "codelists" / "CL_SEX.yaml"
    replace_in(path, "Female", "Woman")
    result = subprocess.run(check, capture_output=True, text=True)
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "is released" in l)
    assert path.name in line and ":" in line and SEX in line
    assert subprocess.run(check[:-2], capture_output=True, text=True).returncode == 0  # without --since: valid


# -- found by the hostile review ---------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["1.0.0", "1"])
def test_a_release_is_one_however_its_version_is_spelt(store, spelling):
    """``1``, ``1.0`` and ``1.0.0`` are one version: loading ``1.0.0`` with another content is a change of the
    release ``1.0``; with the same content, it is the same release."""
    catalogue = read_catalogue(EXAMPLE)
    respelt = without(with_version(catalogue, SEX, spelling, "Sex"), SEX)
    with pytest.raises(RecordsInvalid) as refused:
        store.load(renamed(respelt, f"BSO:CL_SEX({spelling})", "Woman"), EXAMPLE, "loader", "respelt")
    assert [p.message for p in refused.value.problems] == [
        f"'BSO:CL_SEX({spelling})' is released: it cannot change; make the change in a new version"]
    store.load(respelt, EXAMPLE, "loader", "respelt, the same")
    assert f"BSO:CL_SEX({spelling})" in store.catalogue().codelists


def test_a_release_deleted_and_made_again_under_another_spelling_in_the_editor_is_refused(store, editing):
    catalogue = read_catalogue(EXAMPLE)
    store.load(with_version(catalogue, SEX, "1.1", "Sex 1.1"), EXAMPLE, "loader", "1.1 released")
    store.load(catalogue, EXAMPLE, "loader", "1.1 withdrawn")
    data = catalogue.codelists[SEX].model_dump(mode="json", exclude_defaults=True)
    made = editing.create("ed", "codelist", {**data, "version": "1.1.0", "name": {**data["name"], "en": "Other"}})
    with pytest.raises(NotReady, match="is released"):
        published(editing, "codelist", made.record_id, made.revision)


def test_check_since_reads_versions_however_spelt_and_a_stores_withdrawn_releases(tmp_path):
    released = tmp_path / "released"
    shutil.copytree(EXAMPLE, released)
    now = tmp_path / "now"
    shutil.copytree(EXAMPLE, now)
    replace_in(now / "codelists" / "CL_SEX.yaml", 'version: "1.0"', "version: 1.0.0")
    check = [sys.executable, "-m", "catalogue", "check", str(now), "--since"]
    assert subprocess.run([*check, str(released)], capture_output=True, text=True).returncode == 0
    replace_in(now / "codelists" / "CL_SEX.yaml", "Female", "Woman")
    assert "is released" in subprocess.run([*check, str(released)], capture_output=True, text=True).stdout
    db = tmp_path / "c.db"  # a store that released 1.1, withdrawn since: the folder may not bring it back changed
    store = open_store(f"sqlite:///{db}")
    catalogue = read_catalogue(EXAMPLE)
    store.load(with_version(catalogue, SEX, "1.1", "Sex 1.1"), EXAMPLE, "loader", "1.1")
    store.load(catalogue, EXAMPLE, "loader", "1.1 withdrawn")
    store.engine.dispose()
    shutil.copy(now / "codelists" / "CL_SEX.yaml", now / "codelists" / "CL_SEX_11.yaml")
    replace_in(now / "codelists" / "CL_SEX.yaml", "Woman", "Female")
    replace_in(now / "codelists" / "CL_SEX_11.yaml", "version: 1.0.0", "version: '1.1'")
    result = subprocess.run([*check, f"sqlite:///{db}"], capture_output=True, text=True)
    assert result.returncode == 1 and "'BSO:CL_SEX(1.1)' is released" in result.stdout, result.stdout
    missing = tmp_path / "none.db"
    result = subprocess.run([*check, f"sqlite:///{missing}"], capture_output=True, text=True)
    assert result.returncode != 0 and "no store at" in result.stdout + result.stderr
    assert not missing.exists()  # looking for a store makes none


def test_a_version_query_of_any_length_is_refused_at_once():
    """A version is read only up to 64 characters, and the pattern cannot backtrack on a long one."""
    import re
    import time

    from catalogue.model.types import ARTEFACT_VERSION_PATTERN
    from catalogue.model.versions import VersionQuery, is_version

    hostile = "1.0.0-" + "a" * 20_000 + "!"
    assert not is_version(hostile)
    with pytest.raises(ValueError):
        VersionQuery.parse(hostile)
    started = time.perf_counter()
    assert re.fullmatch(ARTEFACT_VERSION_PATTERN, hostile) is None  # as a JSON Schema validator would try it
    assert time.perf_counter() - started < 1  # backtracking took about 20 s here


def test_the_largest_version_suggests_none_and_the_page_still_answers(editing):
    made = editing.new_version("ed", "codelist", SEX, "1.999999999")
    assert editing.suggested_version("ed", "codelist", made.record_id) == ""
    with pytest.raises(NotReady, match="only a codelist or a concept scheme has versions"):
        editing.versions("ed", "dataset", "DS_POP_AGE_SEX_REGION")


def test_a_release_that_an_older_store_kept_under_another_versions_key_is_known(store):
    """Before identity keys, a codelist's version could change in place: migration 0007 put the revisions of
    CL_SEX 1.0 under BSO:CL_SEX(1.1). Migration 0008 reads each revision's own identity: 1.0 stays released."""
    import json

    from alembic import command
    from alembic.config import Config
    from importlib import resources
    from sqlalchemy import text

    catalogue = read_catalogue(EXAMPLE)
    config = Config()
    config.set_main_option("script_location", str(resources.files("catalogue.store") / "migrations"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        one_one = json.dumps({**json.loads(connection.execute(text(
            "SELECT document FROM records WHERE record_id = :key"), {"key": SEX}).scalar_one()), "version": "1.1"})
        connection.execute(text("UPDATE revisions SET record_id = 'BSO:CL_SEX(1.1)' WHERE record_id = :key"),
                           {"key": SEX})
        connection.execute(text("UPDATE records SET record_id = 'BSO:CL_SEX(1.1)', document = :doc "
                                "WHERE record_id = :key"), {"key": SEX, "doc": one_one})
    store.upgrade()
    with pytest.raises(RecordsInvalid) as refused:
        store.load(renamed(catalogue, SEX, "Woman"), EXAMPLE, "loader", "1.0 changed")
    assert [p.record_id for p in refused.value.problems] == [SEX]


# -- found by the second hostile review -------------------------------------------------------------
def test_one_version_spelt_twice_in_one_load_is_one_release(store):
    """``check`` refuses two spellings of one version; a load given them anyway releases the first and refuses the
    other's different content."""
    catalogue = with_version(read_catalogue(EXAMPLE), SEX, "2.0", "Sex 2")
    catalogue = with_version(catalogue, SEX, "2.0.0", "Sex 2, otherwise")
    with pytest.raises(RecordsInvalid) as refused:
        store.load(catalogue, EXAMPLE, "loader", "two spellings")
    assert [p.record_id for p in refused.value.problems] == ["BSO:CL_SEX(2.0.0)"]


def test_a_version_released_then_deleted_is_neither_suggested_nor_made_again(store, editing):
    catalogue = read_catalogue(EXAMPLE)
    store.load(with_version(catalogue, SEX, "1.1", "Sex 1.1"), EXAMPLE, "loader", "1.1 released")
    store.load(catalogue, EXAMPLE, "loader", "1.1 withdrawn")
    assert editing.versions("ed", "codelist", SEX) == [SEX]
    assert editing.suggested_version("ed", "codelist", SEX) == "1.2"
    with pytest.raises(NotReady, match=r"'BSO:CL_SEX\(1.1\)' is a version it has"):
        editing.new_version("ed", "codelist", SEX, "1.1")


def test_a_copy_left_beside_a_release_shows_and_carries_the_release(store, editing):
    """A draft made in the editor, then released by a load with another content: the editor shows the release,
    compares it and makes new versions from it (the copy stays in the history)."""
    data = read_catalogue(EXAMPLE).codelists[SEX].model_dump(mode="json", exclude_defaults=True)
    editing.create("ed", "codelist", {**data, "version": "3.0", "name": {**data["name"], "en": "Draft"}})
    store.load(with_version(read_catalogue(EXAMPLE), SEX, "3.0", "Loaded"), EXAMPLE, "loader", "3.0 released")
    key = "BSO:CL_SEX(3.0)"
    made = editing.new_version("ed", "codelist", key, "3.1")
    assert made.data["name"]["en"] == "Loaded"
    assert [c.field for c in editing.compare_versions("ed", "codelist", made.record_id, key)] == ["version"]


def test_a_store_that_corrected_a_version_in_place_releases_what_it_published_last(store):
    """Before releases were kept, a stable version could be corrected in place: migration 0008 takes the last
    publication as the release (what agencies harvested most recently), so the correction loads, the original
    does not."""
    from alembic import command
    from alembic.config import Config
    from importlib import resources
    from sqlalchemy import text

    from catalogue.records.writer import canonical_json

    catalogue = read_catalogue(EXAMPLE)
    config = Config()
    config.set_main_option("script_location", str(resources.files("catalogue.store") / "migrations"))
    corrected = renamed(catalogue, SEX, "Sex, corrected")
    document = canonical_json(corrected.codelists[SEX])
    with store.engine.begin() as connection:  # what a load before the rule wrote: a new revision over the record
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        connection.execute(text("UPDATE records SET document = :doc, revision = 2 WHERE record_id = :key"),
                           {"doc": document, "key": SEX})
        connection.execute(text("INSERT INTO revisions (kind, record_id, revision, document, author, message, "
                                "created_at) VALUES ('codelist', :key, 2, :doc, 'loader', 'corrected', :at)"),
                           {"doc": document, "key": SEX, "at": NOW})
    store.upgrade()
    store.load(renamed(catalogue, SEX, "Sex, corrected"), EXAMPLE, "loader", "the correction again")
    with pytest.raises(RecordsInvalid):
        store.load(catalogue, EXAMPLE, "loader", "the original")
