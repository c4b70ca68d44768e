"""Issue 14, security: every route of the editor × every role (anonymous, viewer, editor, reviewer, publisher,
admin, and an admin of another agency) is allowed or refused as the roles say, and a refused action changes nothing
(on SQLite: the decision is made above the database); records made in the editor (drafts, records in review,
embargoed publications, edits of a published dataset) never reach a public route before they are published and
released."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from catalogue.editing.service import Editing
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import ROLES, Accounts

from .conftest import EXAMPLE
from .test_editing import new_dataset

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"
OUTSIDER = "otto"
"""An admin of another agency (SDMX): a stranger to BSO's records."""
WHO = ("anonymous", *ROLES, OUTSIDER)


@dataclass(frozen=True)
class Action:
    """One route of the editor: the least role of agency BSO that may use it, the stage its record must be at,
    and how to call it."""

    name: str
    method: str
    path: str
    least: str | None
    stage: str = "draft"
    fields: tuple[tuple[str, str], ...] = ()
    kind: str = "dataset"
    upload: tuple[str, str, bytes] | None = None
    """A file sent with the form: (field, file name, bytes)."""
    suggestion: tuple[str, str] = ("title.en", "Survey")
    """The field and value of the comment's suggestion."""
    anywhere: bool = False
    """The least role is needed in any agency, not BSO's (a new record: the officer picks the agency)."""
    file: str | None = None
    """The local file the dataset's distribution names."""
    refusal: int = 403
    """What a member whose role would allow it gets when the rules refuse the action anyway (least "never")."""
    names_a_record: bool = False
    """Its path names a record of BSO without ``{id}`` (to a stranger, another agency's record does not exist)."""
    made_again: bool = False
    """The dataset was published, deleted by a load of the records folder, and made again in the editor."""
    published: bool = False
    """The codelist was published (with a stable version: it is released)."""


ACTIONS = (
    Action("home", "GET", "/editor/", None),
    Action("open a record", "GET", "/editor/dataset/{id}", "viewer"),
    Action("history", "GET", "/editor/dataset/{id}/history", "viewer"),
    Action("untranslated texts", "GET", "/editor/dataset/{id}/translations", "viewer"),
    Action("check as typed", "POST", "/editor/dataset/{id}/check", "viewer", fields=(("title.en", "x"),)),
    Action("create", "POST", "/editor/dataset/new", "editor",
           fields=(("id", "DS_MADE"), ("title.en", "Made"), ("description.en", "Made here"), ("publisher", "BSO"),
                   ("terms", "OPEN"))),
    Action("save", "POST", "/editor/dataset/{id}", "editor", fields=(("title.en", "Changed"),)),
    Action("submit", "POST", "/editor/dataset/{id}/workflow", "editor", fields=(("move", "submit"),)),
    Action("approve", "POST", "/editor/dataset/{id}/workflow", "reviewer", "in_review", (("move", "approve"),)),
    Action("send back", "POST", "/editor/dataset/{id}/workflow", "reviewer", "in_review", (("move", "send_back"),)),
    Action("publish", "POST", "/editor/dataset/{id}/workflow", "publisher", "approved", (("move", "publish"),)),
    Action("comment", "POST", "/editor/dataset/{id}/comments", "reviewer", fields=(("text", "Why?"),)),
    Action("apply a suggestion", "POST", "/editor/dataset/{id}/comments/{comment}/apply", "editor"),
    Action("restore", "POST", "/editor/dataset/{id}/restore", "editor", fields=(("old", "1"),)),
    Action("audit log", "GET", "/editor/audit/{agency}", "admin"),
    Action("preview a dataset", "GET", "/editor/dataset/{id}/preview", "viewer"),
    Action("public view at a later time", "GET", "/editor/preview?at=2027-01-01T00:00:00Z", None),
    Action("data files", "GET", "/editor/dataset/{id}/files", "viewer"),
    Action("upload a data file", "POST", "/editor/dataset/{id}/files", "editor", fields=(("distribution", "0"),),
           upload=("file", "rows.csv", b"SEX,OBS_VALUE\nF,1\n")),
    Action("records folder", "GET", "/editor/folder", "admin"),
    Action("download the records folder", "GET", "/editor/folder.zip", "admin"),
    Action("import a records folder", "POST", "/editor/folder", "admin", upload=("archive", "census.zip", b"")),
    Action("codes of a codelist", "GET", "/editor/codelist/{id}/codes", "viewer", kind="codelist"),
    Action("paste codes", "POST", "/editor/codelist/{id}/codes", "editor", fields=(("csv", "id,name_en\nZ,Zed\n"),),
           kind="codelist"),
    Action("versions of a codelist", "GET", "/editor/codelist/{id}/versions", "viewer", kind="codelist"),
    Action("new version", "POST", "/editor/codelist/{id}/new-version", "editor", fields=(("version", "2.0"),),
           kind="codelist"),
    Action("save a released codelist", "POST", "/editor/codelist/{id}", "never", kind="codelist",
           fields=(("name.en", "Changed"),), published=True, refusal=422),
    Action("paste codes into a released codelist", "POST", "/editor/codelist/{id}/codes", "never", kind="codelist",
           fields=(("csv", "id,name_en\nZ,Zed\n"),), published=True, refusal=422),
    Action("apply a suggestion handing the record to another agency", "POST",
           "/editor/dataset/{id}/comments/{comment}/apply", "never", suggestion=("publisher", "SDMX")),
    Action("submit a dataset naming another dataset's file", "POST", "/editor/dataset/{id}/workflow", "never",
           fields=(("move", "submit"),), file="data/pop_age_sex_region_2021.csv", refusal=422),
    Action("restore a revision of the record a load deleted", "POST", "/editor/dataset/{id}/restore", "never",
           fields=(("old", "1"),), made_again=True, refusal=404),
    Action("history of a record made again", "GET", "/editor/dataset/{id}/history", "viewer", made_again=True),
    Action("pickers of a new dataset", "GET", "/editor/dataset/new", "editor", anywhere=True),
    Action("releases of a dataset", "GET", "/editor/dataset/{id}/releases", "viewer"),
    Action("releases of a series", "GET", "/editor/series/LFS/releases", "viewer", names_a_record=True),
    Action("new version of a dataset", "POST", "/editor/dataset/{id}/new-dataset-version", "editor",
           fields=(("id", "DS_CASE_VERSION"), ("version", "3.0"), ("notes", "Corrected weights."))),
    Action("next release of a dataset in no series", "POST", "/editor/dataset/{id}/next-release", "never",
           fields=(("id", "DS_CASE_NEXT"),), refusal=422),
)


def _example_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(EXAMPLE.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(EXAMPLE).as_posix())
    return buffer.getvalue()


EXAMPLE_ZIP = _example_zip()
"""The example as a records folder: what an allowed import loads (changing nothing)."""


def may(who: str, action: Action) -> bool:
    if who == "anonymous" or action.least == "never":
        return False
    if action.least is None:
        return True
    if who == OUTSIDER and action.anywhere:  # an admin of SDMX
        return ROLES.index("admin") >= ROLES.index(action.least)
    return who in ROLES and ROLES.index(who) >= ROLES.index(action.least)


@pytest.fixture
def store(tmp_path):
    """SQLite: who may do what is decided above the database (tests/test_editing.py runs the same actions on
    PostgreSQL too)."""
    opened = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    opened.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(opened.engine)
    for role in ROLES:
        accounts.add_user(role, PASSWORD)
        accounts.set_role(role, "BSO", role)
    for name in ("chief", "deputy"):  # the deputy approves the chief's changes (four eyes)
        accounts.add_user(name, PASSWORD)
        accounts.set_role(name, "BSO", "admin")
    accounts.add_user(OUTSIDER, PASSWORD)
    accounts.set_role(OUTSIDER, "SDMX", "admin")
    yield opened
    opened.engine.dispose()


def signed_in(store, who: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(store, lambda: NOW), base_url="https://testserver", follow_redirects=False)
    if who == "anonymous":
        return client, ""
    form = client.get("/editor/login")
    token = re.search(r'name="csrf_token" value="([^"]*)"', form.text).group(1)
    assert client.post("/editor/login", data={"name": who, "password": PASSWORD, "csrf_token": token}).status_code == 303
    return client, re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/").text).group(1)


def prepared(editing: Editing, number: int, action: Action) -> tuple[str, int, int]:
    """A dataset of BSO at the action's stage, with a suggestion and two revisions: (id, revision, comment)."""
    if action.kind == "codelist":
        codelist_id = f"CL_CASE_{number}"
        opened = editing.create("chief", "codelist", {"id": codelist_id, "agency": "BSO",
                                                      "name": {"en": "Case", "fr": "Cas"},
                                                      "codes": [{"id": "A", "name": {"en": "A", "fr": "A"}}]})
        if action.published:
            submitted = editing.submit("chief", "codelist", opened.record_id, opened.revision)
            approved = editing.approve("deputy", "codelist", opened.record_id, submitted.revision)
            opened = editing.publish("deputy", "codelist", opened.record_id, approved.revision)
        return opened.record_id, opened.revision, 0
    dataset_id = f"DS_CASE_{number}"
    distributions = [{"id": "TABLE", "format": "CSV", "access_url": "https://example.org/table",
                      **({"path": action.file} if action.file else {})}]
    opened = editing.create("chief", "dataset", new_dataset(id=dataset_id, distributions=distributions))
    if action.made_again:  # published, deleted by a load of the folder, made again: its history starts anew
        approved = editing.approve("deputy", "dataset", dataset_id,
                                   editing.submit("chief", "dataset", dataset_id, opened.revision).revision)
        editing.publish("deputy", "dataset", dataset_id, approved.revision)
        editing.store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "the folder again")
        opened = editing.create("chief", "dataset", new_dataset(id=dataset_id, distributions=distributions))
    opened = editing.save("chief", "dataset", dataset_id,
                          new_dataset(id=dataset_id, version="2.0", distributions=distributions), opened.revision)
    comment = editing.comment("chief", "dataset", dataset_id, action.suggestion[0], "Shorter", action.suggestion[1])
    if action.stage in ("in_review", "approved"):
        opened = editing.submit("chief", "dataset", dataset_id, opened.revision)
    if action.stage == "approved":
        opened = editing.approve("deputy", "dataset", dataset_id, opened.revision)
    return dataset_id, opened.revision, comment


@pytest.mark.parametrize("who", WHO)
def test_every_route_allows_and_refuses_as_the_roles_say(store, who):
    editing = Editing(store, lambda: NOW)
    client, token = signed_in(store, who)
    outcomes = {}
    for number, action in enumerate(ACTIONS):
        dataset_id, revision, comment = prepared(editing, number, action)
        before = editing.current(action.kind, dataset_id)
        path = action.path.format(id=dataset_id, comment=comment, agency="BSO")
        if action.method == "GET":
            response = client.get(path)
        else:
            files = None
            if action.upload:
                field, name, content = action.upload
                files = {field: (name, content or EXAMPLE_ZIP, "application/octet-stream")}
            response = client.post(path, data={"csrf_token": token, "revision": str(revision), **dict(action.fields)},
                                   files=files)
        allowed = response.status_code in (200, 303) and response.headers.get("location") != "/editor/login"
        outcomes[action.name] = allowed
        if not allowed:
            # to a stranger, another agency's record does not exist; a member without the role is refused
            expected = (303,) if who == "anonymous" else \
                (404,) if who == OUTSIDER and ("{id}" in action.path or action.names_a_record) else \
                (action.refusal,) if action.least == "never" and who in ROLES[1:] else (403,)
            assert response.status_code in expected, (who, action.name, response.status_code)
            assert editing.current(action.kind, dataset_id) == before, (who, action.name)  # nothing changed
    assert outcomes == {action.name: may(who, action) for action in ACTIONS}


def test_the_matrix_covers_every_editor_route():
    app = create_app(open_store("sqlite://"), lambda: NOW)
    routes = {(method, route.path) for route in app.routes if getattr(route, "path", "").startswith("/editor/")
              for method in getattr(route, "methods", ()) if method != "HEAD"}
    covered = {(action.method, re.sub(r"\{[a-z]+\}", "{x}", action.path.split("?")[0])) for action in ACTIONS}
    covered |= {("GET", "/editor/login"), ("POST", "/editor/login"), ("POST", "/editor/logout"),
                ("POST", "/editor/logout-everywhere"), ("GET", "/editor/static/{x}"),  # tests/test_editor_signin.py
                ("GET", "/editor/{x}/new"),  # tests/test_editor_forms.py (any member may open an empty form)
                ("GET", "/editor/series/{x}/releases")}  # the action on the example's series LFS
    normalised = {(method, re.sub(r"\{[a-z_]+\}", "{x}", path).replace("/dataset/", "/{x}/")) for method, path in routes}
    covered = {(method, path.replace("/dataset/", "/{x}/")) for method, path in covered}
    covered |= {(method, path.replace("/codelist/", "/{x}/")) for method, path in covered}
    assert normalised <= covered, sorted(normalised - covered)


SECRET = "SECRET-7f3a"
PUBLIC_PATHS = ("/", "/index.html", "/catalog", "/catalog.jsonld", "/catalog.rdf", "/catalog.nt", "/data.json",
                "/schema-org.jsonld", "/sdmx/structure-2.1.xml", "/sdmx/structure-3.0.xml", "/sitemap.xml",
                "/search-index.json", "/fr/search-index.json", "/releases.html", "/releases.ics",
                "/sdmx/rest/codelist/all/all/latest", "/sdmx/rest/dataflow/all/all/all",
                "/sdmx/rest/conceptscheme/all/all/all")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(place=st.sampled_from(["title.en", "description.fr", "variables.0.label.en", "keywords.en"]),
       stage=st.sampled_from(["draft", "in_review", "approved", "embargoed", "edit of a published dataset",
                              "new codelist"]),
       ahead=st.integers(min_value=1, max_value=10 ** 6))
def test_nothing_made_in_the_editor_is_public_before_it_is_published_and_released(tmp_path_factory, place, stage,
                                                                                    ahead):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('editor-leak') / 'c.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(store.engine)
    accounts.add_user("chief", None)
    accounts.set_role("chief", "BSO", "admin")
    editing = Editing(store, lambda: NOW, separate_duties=False)  # an office of one
    data = new_dataset(id="DS_SECRET")
    part, *rest = place.split(".")
    if part == "keywords":
        data["keywords"] = {"en": [SECRET]}
    elif part == "variables":
        data["variables"][0]["label"]["en"] = SECRET
    else:
        data[part] = {**data[part], rest[0]: SECRET}
    paths = [*PUBLIC_PATHS, "/datasets/DS_SECRET", "/datasets/DS_SECRET/index.html", "/ddi/DS_SECRET.xml"]
    if stage == "edit of a published dataset":
        opened = editing.open("chief", "dataset", "DS_POP_AGE_SEX_REGION")
        edited = dict(opened.data, title={**opened.data["title"], "en": SECRET})
        opened = editing.save("chief", "dataset", "DS_POP_AGE_SEX_REGION", edited, opened.revision)
        editing.approve("chief", "dataset", opened.record_id, editing.submit("chief", "dataset", opened.record_id,
                                                                            opened.revision).revision)
        paths += ["/datasets/DS_POP_AGE_SEX_REGION", "/datasets/DS_POP_AGE_SEX_REGION/index.html"]
    elif stage == "new codelist":
        editing.create("chief", "codelist", {"id": "CL_SECRET", "agency": "BSO", "name": {"en": SECRET},
                                             "codes": [{"id": "A", "name": {"en": SECRET}}]})
        paths += ["/sdmx/rest/codelist/BSO/CL_SECRET/all"]
    else:
        opened = editing.create("chief", "dataset", data)
        if stage != "draft":
            opened = editing.submit("chief", "dataset", "DS_SECRET", opened.revision)
        if stage in ("approved", "embargoed"):
            opened = editing.approve("chief", "dataset", "DS_SECRET", opened.revision)
        if stage == "embargoed":
            editing.publish("chief", "dataset", "DS_SECRET", opened.revision, NOW + timedelta(seconds=ahead))
    with TestClient(create_app(store, lambda: NOW)) as client:
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            assert SECRET not in response.text and SECRET not in str(dict(response.headers)), (stage, path)
    store.engine.dispose()
