"""Issue 29, point by point: each path by which hidden data left or one agency acted in another's name, closed at
its cause (the stateful test in tests/test_trust_machine.py checks them as a class)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone

import pytest
import rdflib
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib.namespace import DCAT
from sqlalchemy import insert, select, update

from catalogue.policy.calendar import entry_key
from catalogue.editing.files import stored_path
from catalogue.editing.service import Editing
from catalogue.errors import EarlyRelease, Forbidden, NotFound, NotReady
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.store.schema import audit_log, dataset_files, records

from .conftest import EXAMPLE, run
from .editor_machine import made_dataset

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PEOPLE = {"b_ed": ("BSO", "editor"), "b_rev": ("BSO", "reviewer"), "b_pub": ("BSO", "publisher"),
          "b_pub2": ("BSO", "publisher"), "b_adm": ("BSO", "admin"), "s_ed": ("SDMX", "editor"),
          "s_rev": ("SDMX", "reviewer"), "s_pub": ("SDMX", "publisher"), "s_pub2": ("SDMX", "publisher"),
          "nobody": (None, None)}
SECRET_COLUMN = b"EDIT_FLAG"
PROJECTIONS = "DS_POP_PROJECTIONS"
EMBARGO = datetime(2099, 6, 30, 7, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load", NOW)
    accounts = Accounts(opened.engine)
    for name, (agency, role) in PEOPLE.items():
        accounts.add_user(name, None)
        if agency:
            accounts.set_role(name, agency, role)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def editing(store, clock) -> Editing:
    return Editing(store, clock)


@pytest.fixture
def public(store, clock) -> TestClient:
    return TestClient(create_app(store, clock))


def through_review(editing: Editing, record_id: str, editor: str, reviewer: str, data: dict | None = None):
    """Save (when ``data``), submit and approve a record: what is then ready to publish."""
    opened = editing.current("dataset", record_id)
    if data is not None:
        opened = editing.save(editor, "dataset", record_id, data, opened.revision)
    opened = editing.submit(editor, "dataset", record_id, opened.revision)
    return editing.approve(reviewer, "dataset", record_id, opened.revision)


def browser(store, clock, name: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(store, clock), base_url="https://testserver", follow_redirects=False)
    accounts = Accounts(store.engine)
    token = accounts.open_session(name, clock())
    client.cookies.set("catalogue_session", token)
    return client, accounts.session(token, clock()).csrf_token


def public_texts(client: TestClient, *paths: str) -> bytes:
    return b"\n".join(client.get(path).content for path in paths)


FEEDS = ("/data.json", "/catalog.ttl", "/sdmx/structure-2.1.xml", "/index.html", "/search-index.json")


# -- 1. publishing an edit keeps the embargo -----------------------------------------------------------
def test_publishing_an_edit_keeps_the_embargo_unless_the_publisher_confirms_an_early_release(editing, public,
                                                                                             store, clock):
    data = dict(editing.current("dataset", PROJECTIONS).data, version="2.0")
    approved = through_review(editing, PROJECTIONS, "b_ed", "b_rev", data)
    published = editing.publish("b_pub", "dataset", PROJECTIONS, approved.revision)  # no release time given
    assert datetime.fromisoformat(published.data["release_time"]) == EMBARGO
    assert PROJECTIONS.encode() not in public_texts(public, *FEEDS, f"/datasets/{PROJECTIONS}/index.html")
    approved = through_review(editing, PROJECTIONS, "b_ed", "b_rev", dict(published.data, version="3.0"))
    with pytest.raises(EarlyRelease):  # at once, before its release time: only when the publisher confirms it
        editing.publish("b_pub", "dataset", PROJECTIONS, approved.revision, None)
    with pytest.raises(EarlyRelease):
        editing.publish("b_pub", "dataset", PROJECTIONS, approved.revision, EMBARGO - timedelta(days=1))
    assert editing.current("dataset", PROJECTIONS).stage == "approved"  # nothing changed
    later = editing.publish("b_pub", "dataset", PROJECTIONS, approved.revision, EMBARGO + timedelta(hours=1))
    assert datetime.fromisoformat(later.data["release_time"]) == EMBARGO + timedelta(hours=1)  # later: no question
    approved = through_review(editing, PROJECTIONS, "b_ed", "b_rev", dict(later.data, version="4.0"))
    editing.publish("b_pub", "dataset", PROJECTIONS, approved.revision, None, confirm_early=True)
    assert PROJECTIONS.encode() in public.get("/data.json").content


def test_a_past_release_time_is_kept_and_the_publish_form_shows_it(editing, store, clock):
    record_id = "DS_POP_AGE_SEX_REGION"
    before = editing.current("dataset", record_id).data["release_time"]
    approved = through_review(editing, record_id, "b_ed", "b_rev",
                              dict(editing.current("dataset", record_id).data, version="9.0"))
    client, csrf = browser(store, clock, "b_pub")
    form = client.get(f"/editor/dataset/{record_id}").text
    local = re.search(r'name="release_local" value="([^"]*)"', form).group(1)
    offset = re.search(r'name="release_offset">.*?<option value="([^"]*)" selected>', form, re.S).group(1)
    assert datetime.fromisoformat(local + offset) == datetime.fromisoformat(before)
    answer = client.post(f"/editor/dataset/{record_id}/workflow", data={
        "csrf_token": csrf, "revision": str(approved.revision), "move": "publish", "release_local": local,
        "release_offset": offset})
    assert answer.status_code == 303
    assert editing.current("dataset", record_id).data["release_time"] == before


def test_the_publish_form_asks_before_releasing_an_embargoed_dataset_early(editing, store, clock):
    approved = through_review(editing, PROJECTIONS, "b_ed", "b_rev",
                              dict(editing.current("dataset", PROJECTIONS).data, version="2.0"))
    client, csrf = browser(store, clock, "b_pub")
    assert 'name="confirm_early"' in client.get(f"/editor/dataset/{PROJECTIONS}").text
    form = {"csrf_token": csrf, "revision": str(approved.revision), "move": "publish", "release_time": ""}
    refused = client.post(f"/editor/dataset/{PROJECTIONS}/workflow", data=form)
    assert refused.status_code == 422 and "embargoed until" in refused.text
    assert client.post(f"/editor/dataset/{PROJECTIONS}/workflow",
                       data={**form, "confirm_early": "yes"}).status_code == 303
    assert editing.current("dataset", PROJECTIONS).data.get("release_time") is None


# -- 2. a file belongs to the dataset that stored it ----------------------------------------------------
def test_another_agency_cannot_serve_a_file_stored_for_another_dataset(editing, public, store, clock):
    record_id = "DS_POP_AGE_SEX_REGION"
    original = (EXAMPLE / "data" / "pop_age_sex_region_2021.csv").read_text().splitlines()
    with_flag = "\n".join([original[0] + ",EDIT_FLAG"] + [line + ",IMP" for line in original[1:]]) + "\n"
    client, csrf = browser(store, clock, "b_ed")
    revision = editing.current("dataset", record_id).revision
    client.post(f"/editor/dataset/{record_id}/files", data={"csrf_token": csrf, "revision": str(revision),
                                                            "distribution": "0"},
                files={"file": ("flags.csv", with_flag.encode(), "text/csv")})
    approved = through_review(editing, record_id, "b_ed", "b_rev")
    editing.publish("b_pub", "dataset", record_id, approved.revision)
    path = stored_path(record_id, "flags.csv", hashlib.sha256(with_flag.encode()).hexdigest())
    served = public.get(f"/{path}")
    assert served.status_code == 200 and SECRET_COLUMN not in served.content  # stripped, as before
    theirs = made_dataset("DS_THEIRS", "SDMX", ("MK1", "MK2"), "CL_SEX", False, path, None)
    theirs["variables"] = [dict(v, id=v["id"]) for v in theirs["variables"]]
    created = editing.create("s_ed", "dataset", theirs)
    _, issues = editing.check("dataset", created.data)
    assert [i.message for i in issues if i.path == "distributions[0].path"] == [
        f"no file of this dataset at '{path}': upload the file to this dataset"]
    with pytest.raises(NotReady):
        editing.submit("s_ed", "dataset", "DS_THEIRS", created.revision)
    assert SECRET_COLUMN not in public.get(f"/{path}").content


def test_a_file_two_datasets_name_is_served_by_neither(store, public):
    assert public.get("/data/pop_age_sex_region_2021.csv").status_code == 200
    with store.engine.begin() as connection:  # as a folder naming one file in two datasets loads it
        connection.execute(insert(dataset_files).values(path="data/pop_age_sex_region_2021.csv",
                                                        dataset_id="DS_HH_SIZE_REGION"))
    assert public.get("/data/pop_age_sex_region_2021.csv").status_code == 404  # whose columns would it lose?


# -- 3. user files are never active content on the editor's origin ----------------------------------------
def test_a_data_file_is_an_attachment_that_runs_nothing(editing, public, store, clock):
    made = made_dataset("DS_PAGE", "BSO", ("MK1", "MK2"), "CL_SEX", False, None, None)  # no confidential column:
    # a local file that is no table is refused for a dataset with one (test_hostile_review)
    created = editing.create("b_ed", "dataset", made)
    page = b"<html><script>fetch('/editor/')</script></html>"
    client, csrf = browser(store, clock, "b_ed")
    client.post("/editor/dataset/DS_PAGE/files", data={"csrf_token": csrf, "revision": str(created.revision),
                                                       "distribution": "1"},
                files={"file": ("methodology.html", page, "text/html")})
    approved = through_review(editing, "DS_PAGE", "b_ed", "b_rev")
    editing.publish("b_pub", "dataset", "DS_PAGE", approved.revision)
    served = public.get("/" + stored_path("DS_PAGE", "methodology.html", hashlib.sha256(page).hexdigest()))
    assert served.status_code == 200 and served.content == page
    assert served.headers["content-disposition"] == 'attachment; filename="methodology.html"'
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in served.headers["content-security-policy"]


# -- 4. every change goes through the checks of save --------------------------------------------------------
def test_a_suggestion_or_a_restore_cannot_hand_a_record_to_another_agency(editing, store):
    created = editing.create("s_ed", "dataset", made_dataset("DS_S", "SDMX", ("MK1", "MK2"), "CL_SEX", True,
                                                             None, None))
    comment = editing.comment("s_pub", "dataset", "DS_S", "publisher", "BSO's", "BSO")
    with pytest.raises(Forbidden, match="records of BSO"):
        editing.apply_suggestion("s_ed", "dataset", "DS_S", created.revision, comment)
    accounts = Accounts(store.engine)
    accounts.add_user("both", None)
    accounts.set_role("both", "BSO", "editor")
    accounts.set_role("both", "SDMX", "editor")
    moved = editing.apply_suggestion("both", "dataset", "DS_S", created.revision, comment)
    assert moved.agency == "BSO"
    with store.engine.connect() as connection:
        logged = {row.agency for row in connection.execute(select(audit_log.c.agency).where(
            audit_log.c.record_id == "DS_S", audit_log.c.action == "apply_suggestion"))}
    assert logged == {"BSO", "SDMX"}  # each agency concerned sees the change
    back = editing.save("both", "dataset", "DS_S", dict(moved.data, publisher="SDMX"), moved.revision)
    with pytest.raises(Forbidden, match="records of BSO"):  # revision 2 was BSO's: an SDMX editor cannot restore it
        editing.restore("s_ed", "dataset", "DS_S", back.revision, moved.revision)
    assert editing.current("dataset", "DS_S").agency == "SDMX"


# -- 5. a deleted record's history stays with its agency ------------------------------------------------------
def test_a_record_made_again_after_a_deletion_shows_nothing_of_the_deleted_one(editing, store, tmp_path):
    editing.comment("b_rev", "dataset", "DS_CENSUS_COMMUTING", "title.en", "Internal remark on commuting")
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    (folder / "datasets" / "DS_CENSUS_COMMUTING.yaml").unlink()
    store.load(read_catalogue(folder), folder, "b_adm", "without commuting")
    made = editing.create("s_ed", "dataset", made_dataset("DS_CENSUS_COMMUTING", "SDMX", ("MK1", "MK2"), "CL_SEX",
                                                          True, None, None))
    assert [row["revision"] for row in editing.history("s_ed", "dataset", "DS_CENSUS_COMMUTING")] == [made.revision]
    assert editing.comments("s_ed", "dataset", "DS_CENSUS_COMMUTING") == []
    assert editing.revision_document("dataset", "DS_CENSUS_COMMUTING", 1) is None
    with pytest.raises(NotFound):
        editing.restore("s_ed", "dataset", "DS_CENSUS_COMMUTING", made.revision, 1)


def test_a_working_copy_of_a_record_a_load_deletes_is_kept_and_begins_its_new_life(editing, store, tmp_path):
    """Found by the stateful test: a draft in review whose record an import deleted took comments nobody could
    see (its revision was older than the deletion) and could never be published (its base was gone)."""
    opened = editing.current("dataset", "DS_CENSUS_COMMUTING")
    before = editing.comment("b_rev", "dataset", "DS_CENSUS_COMMUTING", "title.en", "Internal remark on commuting")
    edited = editing.save("b_ed", "dataset", "DS_CENSUS_COMMUTING", dict(opened.data, version="7.0"),
                          opened.revision)
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    (folder / "datasets" / "DS_CENSUS_COMMUTING.yaml").unlink()
    store.load(read_catalogue(folder), folder, "b_adm", "without commuting")
    kept = editing.current("dataset", "DS_CENSUS_COMMUTING")
    assert kept.data["version"] == "7.0" and kept.revision > edited.revision + 1
    assert [row["revision"] for row in editing.history("b_ed", "dataset", "DS_CENSUS_COMMUTING")] == [kept.revision]
    assert [c.id for c in editing.comments("b_ed", "dataset", "DS_CENSUS_COMMUTING")] == []  # the deleted one's
    after = editing.comment("b_rev", "dataset", "DS_CENSUS_COMMUTING", "version", "Check", "8.0")
    assert [c.id for c in editing.comments("b_ed", "dataset", "DS_CENSUS_COMMUTING")] == [after] != [before]
    approved = through_review(editing, "DS_CENSUS_COMMUTING", "b_ed", "b_rev")
    editing.publish("b_pub", "dataset", "DS_CENSUS_COMMUTING", approved.revision)
    assert store.catalogue().datasets["DS_CENSUS_COMMUTING"].version == "7.0"


# -- 6. references and pickers offer only what may be seen --------------------------------------------------
def test_another_agencys_hidden_codelist_is_unknown_to_a_record_preview_and_picker(editing, store, clock):
    made = made_dataset("DS_S", "SDMX", ("MK1", "MK2"), "CL_EDIT_FLAG", True, None, None)
    created = editing.create("s_ed", "dataset", made)
    _, issues = editing.check("dataset", created.data)
    assert any(i.path == "variables[0].codelist" and "CL_EDIT_FLAG" in i.message for i in issues)
    bso = made_dataset("DS_B", "BSO", ("MK3", "MK4"), "CL_EDIT_FLAG", True, None, None)
    assert not [i for i in editing.check("dataset", bso)[1] if i.path == "variables[0].codelist"]  # BSO's own
    client, _ = browser(store, clock, "s_ed")
    preview = client.get("/editor/dataset/DS_S/preview")
    assert preview.status_code == 422 and b"Imputed from administrative records" not in preview.content
    client, _ = browser(store, clock, "s_ed")
    form = client.get("/editor/dataset/new")
    assert form.status_code == 200 and "CL_EDIT_FLAG" not in form.text and "CL_SEX" in form.text
    client, _ = browser(store, clock, "nobody")  # no role anywhere: no form of a new record at all
    assert client.get("/editor/dataset/new").status_code == 403
    client, _ = browser(store, clock, "b_ed")
    assert "CL_EDIT_FLAG" in client.get("/editor/dataset/new").text


# -- 7. an id never changes, and paging follows the rows ------------------------------------------------------
def test_a_suggestion_cannot_change_an_id(editing):
    opened = editing.current("dataset", "DS_CENSUS_COMMUTING")
    comment = editing.comment("b_rev", "dataset", "DS_CENSUS_COMMUTING", "id", "rename", "AAA_FIRST")
    with pytest.raises(NotReady, match="id"):
        editing.apply_suggestion("b_ed", "dataset", "DS_CENSUS_COMMUTING", opened.revision, comment)
    with pytest.raises(NotReady, match="id"):
        editing.save("b_ed", "dataset", "DS_CENSUS_COMMUTING", dict(opened.data, id="AAA_FIRST"), opened.revision)
    assert editing.current("dataset", "DS_CENSUS_COMMUTING").revision == opened.revision


def test_paging_follows_the_rows_whatever_a_document_says(store, public):
    with store.engine.begin() as connection:  # a document stored under another id (as the old editor allowed)
        document = json.loads(connection.execute(select(records.c.document).where(
            records.c.record_id == "DS_POP_AGE_SEX_REGION")).scalar_one())
        connection.execute(update(records).where(records.c.record_id == "DS_POP_AGE_SEX_REGION").values(
            document=json.dumps({**document, "id": "AAA_FIRST"})))
    assert public.get("/index.html").status_code == 200
    feed = public.get("/data.json").json()
    datasets = [d for d in feed["dataset"] if "/series/" not in d["identifier"]]  # and the series' collection
    assert len(datasets) == len({d["identifier"] for d in datasets}) == 10
    seen, url = 0, "/catalog?page_size=1"
    while url and seen < 20:
        seen += 1
        following = re.search(r'hydra:next <([^>]+)>', public.get(url).text)
        url = following.group(1).replace("http://testserver", "") if following else ""
    assert seen == 10


# -- 8. publishing runs the data checks --------------------------------------------------------------------------
def test_a_file_that_fails_the_data_checks_is_not_published(editing, store, clock, public):
    created = editing.create("b_ed", "dataset", made_dataset("DS_F", "BSO", ("MK1", "MK2"), "CL_SEX", True, None,
                                                             None))
    client, csrf = browser(store, clock, "b_ed")
    bad = b"SEX,OBS_VALUE,EDIT_FLAG,UNDECLARED\nF,1,x,y\n"
    client.post("/editor/dataset/DS_F/files", data={"csrf_token": csrf, "revision": str(created.revision),
                                                    "distribution": "0"}, files={"file": ("t.csv", bad, "text/csv")})
    approved = through_review(editing, "DS_F", "b_ed", "b_rev")
    with pytest.raises(NotReady, match="data files"):
        editing.publish("b_pub", "dataset", "DS_F", approved.revision)
    assert public.get("/" + stored_path("DS_F", "t.csv", hashlib.sha256(bad).hexdigest())).status_code == 404


# -- 9. an office's translations are text -----------------------------------------------------------------------
def test_an_offices_translation_is_text_never_markup(tmp_path, cli):
    records_folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, records_folder)
    (records_folder / "i18n").mkdir()
    attack = '<img src=x onerror=alert(1)>'
    (records_folder / "i18n" / "fr.po").write_text(f'msgid "Keywords"\nmsgstr "{attack}"\n', encoding="utf-8")
    site = tmp_path / "site"
    assert run(cli, "build", str(records_folder), "--out", str(site), "--quiet").exit_code == 0
    page = (site / "fr" / "datasets" / "DS_POP_AGE_SEX_REGION" / "index.html").read_text(encoding="utf-8")
    assert attack not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    licence = (site / "datasets" / "DS_POP_AGE_SEX_REGION" / "index.html").read_text(encoding="utf-8")
    assert "<name>" not in licence


# -- 10. security headers everywhere, documentation from the package ----------------------------------------------
def test_every_answer_forbids_framing_sniffing_and_foreign_scripts(public, store, clock):
    client, _ = browser(store, clock, "b_ed")
    for answer in (public.get("/"), public.get("/index.html"), public.get("/data.json"), public.get("/nothing"),
                   client.get("/editor/"), client.get("/editor/dataset/DS_POP_AGE_SEX_REGION"), public.get("/docs")):
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, answer.url
        assert answer.headers["x-frame-options"] == "DENY" and answer.headers["x-content-type-options"] == "nosniff"
    docs = public.get("/docs").text
    assert not re.search(r'(src|href)="https?://', docs)
    for asset in re.findall(r'(?:src|href)="(/docs/static/[^"]+)"', docs):
        assert public.get(asset).status_code == 200
    assert public.get("/redoc").status_code == 404


def test_the_catalogue_pages_inline_script_is_the_one_the_policy_allows(public):
    import base64
    page = public.get("/index.html")
    script = re.search(r"<script>(.*?)</script>", page.text, flags=re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page.headers["content-security-policy"]


# -- 11. a non-member learns nothing of a hidden record --------------------------------------------------------------
def test_a_non_member_gets_the_answer_of_an_unknown_id(editing):
    for record_id in ("DS_CENSUS_COMMUTING", "DS_NOTHING"):
        with pytest.raises(NotFound) as refused:
            editing.open("s_ed", "dataset", record_id)
        assert str(refused.value) == f"no dataset '{record_id}'"
    with pytest.raises(NotReady) as taken:
        editing.create("s_ed", "dataset", made_dataset("DS_CENSUS_COMMUTING", "SDMX", ("MK1", "MK2"), "CL_SEX",
                                                       True, None, None))
    assert str(taken.value) == "the id 'DS_CENSUS_COMMUTING' is taken: choose another"  # no owner named


# -- 12. calendar UIDs need the catalogue's secret --------------------------------------------------------------------
def test_calendar_uids_cannot_be_confirmed_from_a_guessed_id(store, public, tmp_path, cli):
    ics = public.get("/releases.ics").text
    unsalted = "R" + hashlib.sha256(b"BSO_CATALOGUE/DS_POP_PROJECTIONS").hexdigest()[:20].upper()
    assert unsalted not in ics and entry_key(store.calendar_secret(), PROJECTIONS) in ics
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    assert other.calendar_secret() != store.calendar_secret()
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".catalogue-secret"))
    for site in ("one", "two"):
        assert run(cli, "build", str(folder), "--out", str(tmp_path / site), "--quiet").exit_code == 0
    secret = (folder / ".catalogue-secret").read_bytes().strip()
    assert (folder / ".catalogue-secret").stat().st_mode & 0o077 == 0  # readable by its owner only
    built = (tmp_path / "one" / "releases.ics").read_text()
    assert entry_key(secret, PROJECTIONS) in built and unsalted not in built
    assert built == (tmp_path / "two" / "releases.ics").read_text()
    other.load(read_catalogue(folder), folder, "loader", "with its secret")  # served as built
    assert entry_key(secret, PROJECTIONS) in TestClient(create_app(other)).get("/releases.ics").text
    other.engine.dispose()


# -- 13. four eyes -------------------------------------------------------------------------------------------------
def test_the_last_editor_of_a_change_neither_approves_nor_publishes_it(store, clock):
    editing = Editing(store, clock)
    opened = editing.current("dataset", "DS_CENSUS_COMMUTING")
    saved = editing.save("b_pub", "dataset", "DS_CENSUS_COMMUTING", dict(opened.data, version="2"), opened.revision)
    submitted = editing.submit("b_pub", "dataset", "DS_CENSUS_COMMUTING", saved.revision)
    with pytest.raises(Forbidden, match="someone else"):
        editing.approve("b_pub", "dataset", "DS_CENSUS_COMMUTING", submitted.revision)
    approved = editing.approve("b_rev", "dataset", "DS_CENSUS_COMMUTING", submitted.revision)
    with pytest.raises(Forbidden, match="someone else"):
        editing.publish("b_pub", "dataset", "DS_CENSUS_COMMUTING", approved.revision)
    editing.publish("b_pub2", "dataset", "DS_CENSUS_COMMUTING", approved.revision)
    alone = Editing(store, clock, separate_duties=False)  # an office of one person
    opened = alone.current("dataset", "DS_CENSUS_COMMUTING")
    saved = alone.save("b_pub", "dataset", "DS_CENSUS_COMMUTING", dict(opened.data, version="3"), opened.revision)
    approved = alone.approve("b_pub", "dataset", "DS_CENSUS_COMMUTING",
                             alone.submit("b_pub", "dataset", "DS_CENSUS_COMMUTING", saved.revision).revision)
    alone.publish("b_pub", "dataset", "DS_CENSUS_COMMUTING", approved.revision)


# -- 14. modified moves with every published change --------------------------------------------------------------
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.lists(st.tuples(st.sampled_from(("DS_POP_AGE_SEX_REGION", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY")),
                               st.integers(0, 3), st.booleans()), min_size=1, max_size=5))
def test_modified_since_returns_exactly_the_datasets_changed_since(tmp_path_factory, plan):
    """For any sequence of publishes on several days (a change, or a save of the record as it was, which makes no
    revision), ``modified_since=T`` returns exactly the datasets whose published content changed on day T or
    later."""
    folder = tmp_path_factory.mktemp("modified")
    store = open_store(f"sqlite:///{folder / 'c.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load", NOW)
    accounts = Accounts(store.engine)
    for name, role in (("b_ed", "editor"), ("b_rev", "reviewer"), ("b_pub", "publisher")):
        accounts.add_user(name, None)
        accounts.set_role(name, "BSO", role)
    clock = Clock()
    editing = Editing(store, clock)
    public = TestClient(create_app(store, clock))
    changed: dict[str, date] = {}
    for day, (record_id, gap, change) in enumerate(plan):
        clock.now += timedelta(days=gap)
        current = editing.current("dataset", record_id)
        if not change:  # saving the record as it is makes no revision: there is nothing to publish
            assert editing.save("b_ed", "dataset", record_id, current.data, current.revision) == current
            continue
        data = dict(current.data, version=f"9{day}.{gap}")  # never a version the example has
        approved = through_review(editing, record_id, "b_ed", "b_rev", data)
        editing.publish("b_pub", "dataset", record_id, approved.revision)
        if change:
            changed[record_id] = clock.now.date()
    for since in sorted({NOW.date(), *changed.values(), clock.now.date() + timedelta(days=1)}):
        graph = rdflib.Graph().parse(data=public.get(f"/catalog.ttl?modified_since={since.isoformat()}"
                                                     "&page_size=1000").text, format="turtle")
        found = {str(dataset).rsplit("/", 1)[-1] for dataset in graph.objects(None, DCAT.dataset)}
        expected = {record_id for record_id, day in changed.items() if day >= since}
        assert found == expected, (since, found, expected)
    store.engine.dispose()


def test_a_revision_number_no_store_holds_is_a_404_not_a_500(store, clock):
    """Found by the hostile review: a revision beyond the database's integers answered 500."""
    token = Accounts(store.engine).add_token("b_ed", "script")
    api = TestClient(create_app(store, clock))
    headers = {"Authorization": f"Bearer {token}"}
    path = "/api/editor/records/dataset/DS_CENSUS_COMMUTING"
    revision = api.get(path, headers=headers).headers["etag"]
    huge = 99999999999999999999
    assert api.get(f"{path}/revisions/{huge}", headers=headers).status_code == 404
    assert api.post(f"{path}/restore", json={"revision": huge},
                    headers={**headers, "If-Match": revision}).status_code == 404
