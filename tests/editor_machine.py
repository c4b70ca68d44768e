"""A model of the whole editor and the public server together, for hypothesis's stateful testing.

Two agencies (BSO, the catalogue's publisher, and SDMX), every role in each and an account with none act through
the routes (the JSON API, the upload and folder forms, the publish form); the clock moves. A small reference model
keeps what each record holds (its working copy, its stage, its last editor, its published version), which files
were stored for which dataset, and what each role may do. After every step the machine checks:

(a) every public route answers what the policy allows from the published state: no hidden dataset id, text,
    codelist, code or confidential column value anywhere (byte search of every answer), and every public dataset
    there;
(b) no action succeeds that the actor's roles do not allow (and none the roles allow is refused for want of a role),
    and a refused action changes nothing in the store;
(c) every change to a record is in the audit log of its owning agency (the one before the change too);
(d) a release time changes only when a publisher sets it;
(e) no route answers 500.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from catalogue.editing.files import stored_path
from catalogue.editing.service import Editing
from catalogue.records.loader import read_catalogue
from catalogue.search.counts import kept_counts, released
from catalogue.search.query import FACET_VALUES, count_facets
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import ROLES, Accounts
from catalogue.store.schema import (audit_log, comments, dataset_files, files, records, revisions,
                                    working_copies)
from catalogue.store.store import canonical_json

from .conftest import EXAMPLE

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
EMBARGOED = "DS_POP_PROJECTIONS"
DELETED_BY_IMPORT = "DS_CENSUS_COMMUTING"
ROLE_OF = {"b_view": ("BSO", "viewer"), "b_ed": ("BSO", "editor"), "b_rev": ("BSO", "reviewer"),
           "b_pub": ("BSO", "publisher"), "b_pub2": ("BSO", "publisher"), "b_adm": ("BSO", "admin"),
           "s_ed": ("SDMX", "editor"), "s_rev": ("SDMX", "reviewer"), "s_pub": ("SDMX", "publisher"),
           "s_pub2": ("SDMX", "publisher"), "nobody": (None, None)}
ACTORS = tuple(ROLE_OF)
FIT = "fit"
"""An actor chosen as one whose role allows the action (most sequences then move records through the workflow)."""
WHO = st.sampled_from((*ACTORS, *[FIT] * len(ACTORS)))
MADE_IDS = ("DS_ZQA", "DS_ZQB", "DS_ZQC")
"""The datasets the machine makes (ids found nowhere else)."""
EDITED_IDS = (*MADE_IDS, "DS_POP_AGE_SEX_REGION", EMBARGOED, DELETED_BY_IMPORT)
SEX_CODELISTS = ("CL_SEX", "CL_EDIT_FLAG", "CL_FREQ")
"""What the dataset's public variable refers to: a public codelist, one of BSO's used only by a confidential
variable, one of SDMX's that no public variable uses."""
ALWAYS_HIDDEN = ("Internal editing flag",)
"""The confidential variable of the example: never public."""
HIDDEN_CODELIST_TEXT = {"CL_EDIT_FLAG": ("CL_EDIT_FLAG", "Imputed from administrative records"),
                        "CL_FREQ": ("CL_FREQ",)}
"""What shows a codelist that no public variable uses (its id, a code's name)."""
PUBLIC_ROUTES = ("/data.json", "/catalog.ttl", "/index.html", "/search-index.json", "/sdmx/structure-2.1.xml",
                 "/releases.ics", "/sdmx/rest/codelist/all/all/latest", "/sitemap.xml", "/api/search?limit=100",
                 "/search?q=survey", "/search.atom?q=survey")
RELEASE_CHOICES = ("keep", "now", "later", "earlier", "past")


def allowed(actor: str, agency: str | None, action: str) -> bool:
    """What the roles allow (``store.accounts.ACTIONS``, written out again as the model's own table)."""
    least = {"view": "viewer", "edit": "editor", "comment": "reviewer", "approve": "reviewer",
             "publish": "publisher", "admin": "admin"}[action]
    member, role = ROLE_OF[actor]
    return member is not None and member == agency and ROLES.index(role) >= ROLES.index(least)


def made_dataset(record_id: str, publisher: str, markers: tuple[str, str], sex_codelist: str,
                 flag_confidential: bool, csv_path: str | None, doc_path: str | None) -> dict[str, Any]:
    """A dataset the machine writes: its texts carry the first marker, its EDIT_FLAG variable (a confidential column,
    unless said otherwise) the second."""
    marker, flag = markers
    csv = {"id": "CSV", "format": "CSV", "access_url": "https://example.org/table"}
    doc = {"id": "DOC", "format": "HTML", "access_url": "https://example.org/doc"}
    return {"id": record_id, "publisher": publisher, "terms": "OPEN",
            "title": {"en": f"Survey {marker}", "fr": f"Enquête {marker}"},
            "description": {"en": f"A survey of households described at length for portals {marker}.",
                            "fr": f"Une enquête auprès des ménages décrite assez longuement {marker}."},
            "variables": [{"id": "SEX", "label": {"en": "Sex", "fr": "Sexe"}, "role": "dimension",
                           "data_type": "string", "codelist": sex_codelist, "concept": "SEX"},
                          {"id": "OBS_VALUE", "label": {"en": "Persons", "fr": "Personnes"}, "role": "measure",
                           "data_type": "integer", "concept": "OBS_VALUE"},
                          {"id": "EDIT_FLAG", "label": {"en": f"Flag {flag}", "fr": f"Indicateur {flag}"},
                           "role": "attribute", "data_type": "string", "concept": "OBS_STATUS",
                           "confidential": flag_confidential}],
            "distributions": [{**csv, "path": csv_path} if csv_path else csv,
                              {**doc, "path": doc_path} if doc_path else doc]}


@dataclass
class Record:
    """The model of one dataset: its published version, its working copy and the revisions of its current life."""

    published: dict[str, Any] | None = None
    copy: dict[str, Any] | None = None
    stage: str = "draft"
    last_editor: str | None = None
    lives: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Revision → what it held, since the record was last made (a restore may take only these)."""

    @property
    def data(self) -> dict[str, Any] | None:
        return self.copy if self.copy is not None else self.published

    @property
    def owner(self) -> str | None:
        data = self.data
        return None if data is None else data.get("publisher")

    @property
    def current_stage(self) -> str:
        if self.copy is not None:
            return self.stage
        return "draft" if self.published and self.published.get("status") == "draft" else "published"


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def same_content(data: dict[str, Any], current: dict[str, Any] | None) -> bool:
    """Whether a change would leave the record's content as it is (the editor then makes no revision)."""
    def content(value: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in value.items() if k not in ("status", "release_time")}
    return current is not None and content(data) == content(current)


def kept_workflow(data: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    """What the editor keeps of a change: status and release time come from the record, never from the officer."""
    kept = {name: current[name] for name in ("release_time",) if current and name in current}
    return {**{k: v for k, v in data.items() if k not in ("status", "release_time")}, "status": "draft", **kept}


class EditorMachine(RuleBasedStateMachine):
    """The editor and the public server of one store, against the reference model."""

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0

    # -- set up ------------------------------------------------------------------------------------
    @initialize(separate=st.booleans())
    def start(self, separate: bool) -> None:
        import tempfile
        self.folder = Path(tempfile.mkdtemp(prefix="editor-machine-"))
        self.store = open_store(f"sqlite:///{self.folder / 'c.db'}")
        self.example = read_catalogue(EXAMPLE)
        self.store.load(self.example, EXAMPLE, "loader", "first load", START)
        self.now = START
        self.separate = separate
        accounts = Accounts(self.store.engine)
        self.tokens = {}
        for name, (agency, role) in ROLE_OF.items():
            accounts.add_user(name, None)
            if agency:
                accounts.set_role(name, agency, role)
            self.tokens[name] = accounts.add_token(name, "machine")
        self.accounts = accounts
        self.app = create_app(self.store, lambda: self.now, separate_duties=separate)
        self.client = TestClient(self.app, follow_redirects=False, base_url="https://testserver")
        self.editing = Editing(self.store, lambda: self.now)  # the harness reads with it, never acts
        self.records: dict[str, Record] = {}
        for dataset_id, dataset in self.example.datasets.items():
            published = json.loads(canonical_json(dataset))
            self.records[dataset_id] = Record(published=published, lives={1: published})
        self.files: dict[str, tuple[str, str | None, bool]] = {}
        """Stored path → (the dataset it was stored for, the marker it holds, whether it is a table: the marker is
        then its EDIT_FLAG column's value)."""
        self.example_paths = sorted({d.path for ds in self.example.datasets.values() for d in ds.distributions
                                     if d.path})
        self.markers: set[str] = set()
        self.counter = 0
        self.comment_ids: list[tuple[int, str, str, Any]] = []
        self.public_dataset_ids = self._public_ids()

    def teardown(self) -> None:
        if hasattr(self, "store"):
            self.client.close()
            self.store.engine.dispose()
            import shutil
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------------------
    def _marker(self, prefix: str = "MK") -> str:
        self.counter += 1
        marker = f"{prefix}{self.counter:05d}Q"
        self.markers.add(marker)
        return marker

    def _digest(self) -> str:
        """Everything a refused action must leave as it was."""
        parts = []
        with self.store.engine.connect() as connection:
            for table in (records, revisions, working_copies, comments, files, dataset_files, audit_log):
                rows = connection.execute(select(table)).all()
                parts.append(repr(sorted(tuple(map(repr, row)) for row in rows)))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _audit_counts(self) -> dict[tuple[str, str], int]:
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(audit_log.c.agency, audit_log.c.record_id, func.count())
                                      .group_by(audit_log.c.agency, audit_log.c.record_id)).all()
        return {(row[0], row[1]): row[2] for row in rows}

    def _api(self, actor: str, method: str, path: str, revision: bool = True, **options: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[actor]}"}
        if revision:  # /api/editor/records/dataset/<id>/...
            headers["If-Match"] = f'"{self._revision(path.split("/")[5])}"'
        return self.client.request(method, path, headers=headers, **options)

    def _stored(self, record_id: str) -> dict[str, Any]:
        """The record's content as the store holds it now (what the service compares a change with: the model
        does not follow every field the workflow sets, such as ``modified``)."""
        return self.editing.current("dataset", record_id).data

    def _revision(self, record_id: str) -> int:
        try:
            return self.editing.current("dataset", record_id).revision
        except Exception:
            return 1

    def _session(self, actor: str) -> str:
        """A signed-in browser of ``actor``: its CSRF token (the session cookie is set on the client)."""
        token = self.accounts.open_session(actor, self.now)
        self.client.cookies.set("catalogue_session", token)
        session = self.accounts.session(token, self.now)
        assert session is not None
        return session.csrf_token

    def _act(self, actor: str, record_id: str | None, permitted: bool, call: Any,
             owners_after: tuple[str | None, ...] = (), unchanged: bool = False) -> Any:
        """Run an action: (b) a success the roles allow, a refusal changing nothing, a refusal for want of a role
        only when the roles say so; (c) a success in the audit log of every owning agency; (e) never a 500. An
        action that leaves the content as it is (``unchanged``) changes nothing either."""
        self.steps += 1
        before, audits = self._digest(), self._audit_counts()
        response = call()
        status = response.status_code
        assert status < 500, (status, response.text[:500])
        succeeded = status in (200, 201, 303) and response.headers.get("location") != "/editor/login"
        if succeeded and unchanged:
            assert permitted, f"{actor} did what the roles forbid: {status} {response.text[:300]}"
            assert self._digest() == before, "a change that changed nothing made a revision"
        elif succeeded:
            assert permitted, f"{actor} did what the roles forbid: {status} {response.text[:300]}"
            if record_id is not None:
                after = self._audit_counts()
                for agency in {a for a in owners_after if a}:
                    assert after.get((agency, record_id), 0) > audits.get((agency, record_id), 0), \
                        f"no entry in {agency}'s audit log for {record_id}"
        else:
            assert self._digest() == before, f"a refused action ({status}) changed the store"
            if status in (403, 404):
                assert not permitted, f"{actor} was refused what the roles allow: {status} {response.text[:300]}"
        return succeeded, response

    def _after_change(self, record_id: str, data: dict[str, Any], stage: str, editor: str | None) -> None:
        record = self.records.setdefault(record_id, Record())
        record.copy, record.stage = data, stage
        if editor is not None:
            record.last_editor = editor
        record.lives[self._revision(record_id)] = data

    def _who(self, actor: str, agency: str | None, need: str, record_id: str | None = None) -> str:
        """``actor``, or for ``FIT`` an account of ``agency`` whose role allows ``need`` (not the last editor of the
        record when it approves or publishes)."""
        if actor != FIT:
            return actor
        record = self.records.get(record_id) if record_id else None
        last = record.last_editor if record is not None and record.copy is not None else None
        fits = [name for name in ACTORS if allowed(name, agency, need)
                and not (need in ("approve", "publish") and name == last)]
        return fits[self.counter % len(fits)] if fits else "nobody"

    def _known(self, actor: str, record_id: str) -> bool:
        record = self.records.get(record_id)
        return record is not None and record.data is not None and allowed(actor, record.owner, "view")

    def _public_ids(self) -> set[str]:
        return {i for i, r in self.records.items() if r.published and r.published.get("status") == "published"
                and (_moment(r.published.get("release_time")) is None
                     or _moment(r.published.get("release_time")) <= self.now)}

    # -- actions -----------------------------------------------------------------------------------
    @rule(actor=WHO, record_id=st.sampled_from(MADE_IDS),
          publisher=st.sampled_from(("BSO", "SDMX")), sex_codelist=st.sampled_from(SEX_CODELISTS))
    def create(self, actor: str, record_id: str, publisher: str, sex_codelist: str) -> None:
        actor = self._who(actor, publisher, "edit")
        data = made_dataset(record_id, publisher, (self._marker(), self._marker()), sex_codelist, True, None, None)
        exists = record_id in self.records and self.records[record_id].data is not None
        permitted = allowed(actor, publisher, "edit") and not exists
        succeeded, _ = self._act(actor, record_id, allowed(actor, publisher, "edit"), lambda: self.client.post(
            "/api/editor/records/dataset", json={"data": data},
            headers={"Authorization": f"Bearer {self.tokens[actor]}"}), (publisher,))
        assert not succeeded or permitted, "an id in use was taken again"
        if succeeded:
            self.records.setdefault(record_id, Record()).lives.clear()
            self._after_change(record_id, kept_workflow(data, None), "draft", actor)

    @rule(actor=WHO, record_id=st.sampled_from(EDITED_IDS),
          publisher=st.sampled_from(("BSO", "SDMX", None)), sex_codelist=st.sampled_from(SEX_CODELISTS),
          flag_confidential=st.booleans(), csv=st.integers(0, 8), doc=st.integers(0, 8), version=st.booleans())
    def save(self, actor: str, record_id: str, publisher: str | None, sex_codelist: str, flag_confidential: bool,
             csv: int, doc: int, version: bool) -> None:
        """A save through the API: a dataset of the machine's rewritten (another publisher, codelist, file
        paths: its own or another dataset's), or an example dataset with a new version (as the issue did)."""
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        current = record.data
        actor = self._who(actor, record.owner, "edit")
        if record_id in MADE_IDS:
            known = sorted(self.files) + self.example_paths
            pick = lambda n: known[(n - 1) % len(known)] if n else None  # noqa: E731
            data = made_dataset(record_id, publisher or current["publisher"], (self._marker(), self._marker()),
                                sex_codelist, flag_confidential, pick(csv), pick(doc))
        else:
            data = {**current, "version": f"{2 + self.counter}.0"} if version else \
                {**current, "publisher": publisher or current["publisher"]}
            data = {**data, "release_time": "2020-01-01T00:00:00+00:00"}  # a form cannot change it
        owners = (record.owner, data["publisher"])
        permitted = self._known(actor, record_id) and all(allowed(actor, a, "edit") for a in owners)
        unchanged = same_content(data, self._stored(record_id))
        succeeded, _ = self._act(actor, record_id, permitted, lambda: self._api(
            actor, "PUT", f"/api/editor/records/dataset/{record_id}", json={"data": data}), owners,
            unchanged=unchanged)
        if succeeded and not unchanged:
            self._after_change(record_id, kept_workflow(data, current), "draft", actor)

    @rule(actor=WHO, record_id=st.sampled_from(EDITED_IDS),
          path=st.sampled_from(("title.en", "publisher", "id", "version")),
          agency=st.sampled_from(("BSO", "SDMX")))
    def comment(self, actor: str, record_id: str, path: str, agency: str) -> None:
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        actor = self._who(actor, record.owner, "comment")
        suggestion = {"title.en": f"Suggested {self._marker()}", "publisher": agency, "id": "DS_ZQRENAMED",
                      "version": "9.9"}[path]
        permitted = self._known(actor, record_id) and allowed(actor, record.owner, "comment")
        succeeded, response = self._act(actor, None, permitted, lambda: self._api(
            actor, "POST", f"/api/editor/records/dataset/{record_id}/comments", revision=False,
            json={"path": path, "text": "Please", "suggestion": suggestion}))
        if succeeded:
            self.comment_ids.append((response.json()["id"], record_id, path, suggestion))

    @precondition(lambda self: bool(self.comment_ids))
    @rule(actor=WHO, pick=st.integers(0, 50))
    def apply_suggestion(self, actor: str, pick: int) -> None:
        comment_id, record_id, path, suggestion = self.comment_ids[pick % len(self.comment_ids)]
        record = self.records[record_id]
        if record.data is None:
            return
        actor = self._who(actor, record.owner, "edit")
        data = json.loads(json.dumps(record.data))
        if path == "title.en":
            data["title"]["en"] = suggestion
        else:
            data[path] = suggestion
        owners = (record.owner, record.owner if path == "id" else data.get("publisher"))
        permitted = self._known(actor, record_id) and all(allowed(actor, a, "edit") for a in owners)
        unchanged = same_content(data, self._stored(record_id))
        succeeded, _ = self._act(actor, record_id, permitted, lambda: self._api(
            actor, "POST", f"/api/editor/records/dataset/{record_id}/comments/{comment_id}/apply"),
            (record.owner,) if unchanged else owners)  # a suggestion resolved without a change is audited too
        assert not (succeeded and path == "id"), "a suggestion changed a record's id"
        if succeeded and not unchanged:
            self._after_change(record_id, kept_workflow(data, record.data), "draft", actor)
        if succeeded:
            self.comment_ids = [c for c in self.comment_ids if c[0] != comment_id]

    @rule(actor=WHO, record_id=st.sampled_from(EDITED_IDS), back=st.integers(1, 6))
    def restore(self, actor: str, record_id: str, back: int) -> None:
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        actor = self._who(actor, record.owner, "edit")
        old = self._revision(record_id) - back
        content = record.lives.get(old)
        target = kept_workflow({**content, "id": record_id}, record.data) if content else None
        owners = (record.owner, target.get("publisher") if target else record.owner)
        permitted = self._known(actor, record_id) and all(allowed(actor, a, "edit") for a in owners) \
            and content is not None  # a revision of another life is not there to restore
        unchanged = target is not None and same_content(target, self._stored(record_id))
        succeeded, _ = self._act(actor, record_id, permitted, lambda: self._api(
            actor, "POST", f"/api/editor/records/dataset/{record_id}/restore", json={"revision": old}), owners,
            unchanged=unchanged)
        if succeeded:
            assert target is not None, f"revision {old} of another life of {record_id} was restored"
            if not unchanged:
                self._after_change(record_id, target, "draft", actor)

    @rule(actor=WHO, record_id=st.sampled_from(EDITED_IDS),
          step=st.sampled_from(("submit", "approve", "send-back")))
    def move(self, actor: str, record_id: str, step: str) -> None:
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        need = {"submit": "edit", "approve": "approve", "send-back": "approve"}[step]
        actor = self._who(actor, record.owner, need, record_id)
        permitted = self._known(actor, record_id) and allowed(actor, record.owner, need)
        source = {"submit": ("draft",), "approve": ("in_review",), "send-back": ("in_review", "approved")}[step]
        four_eyes = step == "approve" and self.separate and record.copy is not None and record.last_editor == actor
        if four_eyes and record.current_stage in source:
            permitted = False
        succeeded, _ = self._act(actor, record_id, permitted, lambda: self._api(
            actor, "POST", f"/api/editor/records/dataset/{record_id}/{step}"), (record.owner,))
        if succeeded:
            assert record.current_stage in source
            target = {"submit": "in_review", "approve": "approved", "send-back": "draft"}[step]
            self._after_change(record_id, record.data, target, None)

    @rule(actor=WHO, record_id=st.sampled_from(EDITED_IDS),
          choice=st.sampled_from(RELEASE_CHOICES), confirm=st.booleans(), by_form=st.booleans())
    def publish(self, actor: str, record_id: str, choice: str, confirm: bool, by_form: bool) -> None:
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        actor = self._who(actor, record.owner, "publish", record_id)
        current = _moment(record.data.get("release_time"))
        moment = {"keep": current, "now": None, "later": self.now + timedelta(days=2),
                  "earlier": (current - timedelta(days=1)) if current else self.now + timedelta(hours=1),
                  "past": self.now - timedelta(days=1)}[choice]
        early = current is not None and current > self.now and choice != "keep" and (moment is None or
                                                                                     moment < current)
        permitted = self._known(actor, record_id) and allowed(actor, record.owner, "publish")
        if self.separate and record.copy is not None and record.last_editor == actor and \
                record.current_stage == "approved":
            permitted = False
        if by_form:
            call = lambda: self._publish_form(actor, record_id, choice, moment, confirm)  # noqa: E731
        else:
            body: dict[str, Any] = {"confirm_early_release": confirm}
            if choice != "keep":
                body["release_time"] = moment.isoformat() if moment else None
            call = lambda: self._api(actor, "POST", f"/api/editor/records/dataset/{record_id}/publish",  # noqa
                                     json=body)
        before_owner = record.published.get("publisher") if record.published else None
        succeeded, _ = self._act(actor, record_id, permitted, call, (record.owner, before_owner))
        if succeeded:
            assert record.current_stage == "approved", "a record not approved was published"
            assert not (early and not confirm), "an embargoed dataset was released early without confirmation"
            published = {**record.data, "status": "published"}
            published.pop("release_time", None)
            if moment is not None:
                published["release_time"] = moment.isoformat()
            record.published, record.copy, record.stage = published, None, "published"
            record.lives[self._revision(record_id)] = published
            own = {d.path for d in self.example.datasets[record_id].distributions} \
                if record_id in self.example.datasets else set()
            for distribution in published.get("distributions", []):
                path = distribution.get("path")
                assert path is None or path in own or self.files.get(path, ("",))[0] == record_id, \
                    f"{record_id} published a file stored for another dataset: {path}"

    @rule(record_id=st.sampled_from(EDITED_IDS), choice=st.sampled_from(RELEASE_CHOICES), confirm=st.booleans(),
          by_form=st.booleans())
    def advance(self, record_id: str, choice: str, confirm: bool, by_form: bool) -> None:
        """The record's next step by someone whose role allows it: submit a draft, approve what is in review,
        publish what is approved (most sequences then reach the public server)."""
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        stage = record.current_stage
        if stage == "approved":
            self.publish(FIT, record_id, choice, confirm, by_form)
        elif stage in ("draft", "in_review"):
            self.move(FIT, record_id, "submit" if stage == "draft" else "approve")

    @rule(record_id=st.sampled_from(EDITED_IDS), choice=st.sampled_from(RELEASE_CHOICES), confirm=st.booleans(),
          by_form=st.booleans(), version=st.booleans(), csv=st.sampled_from((0, 0, 0, 1, 2, 3)),
          flag_confidential=st.booleans(),
          change=st.sampled_from(("save", "save", "upload a table", "upload a page")))
    def edit_and_publish(self, record_id: str, choice: str, confirm: bool, by_form: bool, version: bool, csv: int,
                         flag_confidential: bool, change: str) -> None:
        """An officer's whole round: a change saved, then submitted, approved and published by members whose roles
        allow each step (as often as not, the paths of the issue: an edit published without a release time)."""
        record = self.records.get(record_id)
        if record is None or record.data is None:
            return
        if change == "save":
            self.save(FIT, record_id, None, "CL_SEX", flag_confidential, csv, 0, version)
        else:
            self.upload(FIT, record_id, change == "upload a page")
        for _ in range(3):
            self.advance(record_id, choice, confirm, by_form)

    def _publish_form(self, actor: str, record_id: str, choice: str, moment: datetime | None, confirm: bool) -> Any:
        """The publish form as a browser sends it: the release time field as shown (kept) or changed."""
        csrf = self._session(actor)
        page = self.client.get(f"/editor/dataset/{record_id}")
        shown = re.search(r'name="release_local" value="([^"]*)"', page.text)
        selected = re.search(r'name="release_offset">.*?<option value="([^"]*)" selected>', page.text, re.S)
        if choice == "keep":  # the fields as shown (a date and time, and an offset from UTC)
            local, offset = (shown.group(1) if shown else ""), (selected.group(1) if selected else "+00:00")
        else:
            local = moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else ""
            offset = moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:] if moment else "+00:00"
        answer = self.client.post(f"/editor/dataset/{record_id}/workflow", data={
            "csrf_token": csrf, "revision": str(self._revision(record_id)), "move": "publish",
            "release_local": local, "release_offset": offset.replace("&#43;", "+"),
            **({"confirm_early": "yes"} if confirm else {})})
        self.client.cookies.clear()
        return answer

    @rule(actor=WHO, record_id=st.sampled_from(MADE_IDS), html=st.booleans())
    def upload(self, actor: str, record_id: str, html: bool) -> None:
        """A file to the dataset's first (CSV) or second (HTML) distribution, through the editor's form: a CSV
        whose EDIT_FLAG column holds a marker, or an HTML page with a script."""
        record = self.records.get(record_id)
        if record is None or record.data is None or record_id not in MADE_IDS:
            return
        actor = self._who(actor, record.owner, "edit")
        value = self._marker("EF")
        content = (f"<html><script>alert('{value}')</script></html>" if html
                   else f"SEX,OBS_VALUE,EDIT_FLAG\nF,1,{value}\n").encode()
        name = "page.html" if html else "table.csv"
        permitted = self._known(actor, record_id) and allowed(actor, record.owner, "edit")

        def call() -> Any:
            csrf = self._session(actor)
            answer = self.client.post(f"/editor/dataset/{record_id}/files", data={
                "csrf_token": csrf, "revision": str(self._revision(record_id)), "distribution": str(int(html))},
                files={"file": (name, content, "text/html" if html else "text/csv")})
            self.client.cookies.clear()
            return answer

        succeeded, _ = self._act(actor, record_id, permitted, call, (record.owner,))
        if succeeded:
            sha = hashlib.sha256(content).hexdigest()
            path = stored_path(record_id, name, sha)
            self.files[path] = (record_id, value, not html)
            data = json.loads(json.dumps(record.data))
            data["distributions"][int(html)].update(
                {"path": path, "byte_size": str(len(content)), "checksum": {"algorithm": "sha256", "value": sha}})
            self._after_change(record_id, data, "draft", actor)

    @rule(actor=st.sampled_from(("b_adm", "s_pub", "b_pub")), roll=st.integers(0, 5))
    def import_folder(self, actor: str, roll: int) -> None:
        """A records folder without DS_CENSUS_COMMUTING imported in the editor: it deletes that draft (and every
        dataset the editor published), and the records are the folder's (now and then: it undoes much)."""
        if roll:
            return
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path in sorted(EXAMPLE.rglob("*")):
                if path.is_file() and path.name != f"{DELETED_BY_IMPORT}.yaml":
                    archive.write(path, path.relative_to(EXAMPLE).as_posix())
        permitted = allowed(actor, "BSO", "admin")

        def call() -> Any:
            csrf = self._session(actor)
            answer = self.client.post("/editor/folder", data={"csrf_token": csrf},
                                      files={"archive": ("census.zip", buffer.getvalue(), "application/zip")})
            self.client.cookies.clear()
            return answer

        succeeded, _ = self._act(actor, None, permitted, call)
        if succeeded:
            for record_id, record in self.records.items():
                if record_id in self.example.datasets and record_id != DELETED_BY_IMPORT:
                    fresh = json.loads(canonical_json(self.example.datasets[record_id]))
                    if record.published != fresh:
                        record.published = fresh
                        with self.store.engine.connect() as connection:
                            revision = connection.execute(select(records.c.revision).where(
                                records.c.kind == "dataset", records.c.record_id == record_id)).scalar_one()
                        record.lives[revision] = fresh
                elif record.published is not None:
                    record.published = None
                    record.lives.clear()  # what it held before stays with the deleted record
                    if record.copy is not None:  # the working copy is kept: it begins the record's new life
                        record.lives[self._revision(record_id)] = record.copy
                    self.comment_ids = [c for c in self.comment_ids if c[1] != record_id]
            self.files = {}  # the store keeps the folder's files only

    @rule(actor=WHO)
    def pickers(self, actor: str) -> None:
        """The form of a new dataset offers no codelist the actor's agency may not see."""
        actor = self._who(actor, "SDMX", "edit")
        self.steps += 1
        self._session(actor)
        page = self.client.get("/editor/dataset/new")
        self.client.cookies.clear()
        assert page.status_code < 500
        member, _ = ROLE_OF[actor]
        for codelist, texts in HIDDEN_CODELIST_TEXT.items():
            owned = {"CL_EDIT_FLAG": "BSO", "CL_FREQ": "SDMX"}[codelist]
            if member != owned and codelist not in self._public_codelists():
                assert texts[0] not in page.text, f"{actor} is offered {codelist}"

    @rule(seconds=st.sampled_from((1, 3600, 86400 * 3, 86400 * 365 * 80)))
    def wait(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)

    # -- the checks after every step -----------------------------------------------------------------
    def _public_codelists(self) -> set[str]:
        return {v["codelist"] for i in self._public_ids() for v in self.records[i].published.get("variables", [])
                if v.get("codelist") and not v.get("confidential")}

    def _allowed_texts(self) -> set[str]:
        """The markers the policy lets out: the published texts of public datasets, and the confidential column's
        values of a public dataset's own file when its variable is not confidential."""
        allowed_texts = set()
        for record_id in self._public_ids():
            published = self.records[record_id].published
            text = json.dumps(published, ensure_ascii=False)
            flag = next((v for v in published.get("variables", []) if v["id"] == "EDIT_FLAG"), None)
            for marker in re.findall(r"MK\d{5}Q", text):
                if flag is None or not flag.get("confidential") or marker not in json.dumps(flag):
                    allowed_texts.add(marker)
            for distribution in published.get("distributions", []):
                owner, value, table = self.files.get(distribution.get("path"), (None, None, False))
                if owner == record_id and value and (not table or flag is not None and not flag.get("confidential")):
                    allowed_texts.add(value)  # a page as it is; a table without its confidential columns
        return allowed_texts

    @invariant()
    def public_routes_answer_what_the_policy_allows(self) -> None:
        if not hasattr(self, "store"):
            return
        public = self._public_ids()
        hidden_ids = [i for i in self.records if i not in public] + ["DS_ZQRENAMED"]
        allowed_texts = self._allowed_texts()
        forbidden = [m for m in self.markers if m not in allowed_texts] + list(ALWAYS_HIDDEN) + hidden_ids
        used = self._public_codelists()
        forbidden += [text for codelist, texts in HIDDEN_CODELIST_TEXT.items() if codelist not in used
                      for text in texts]
        paths = [*PUBLIC_ROUTES, *(f"/datasets/{i}/index.html" for i in self.records),
                 *(f"/{path}" for path in [*self.files, *self.example_paths])]
        bodies = {}
        for path in paths:
            response = self.client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code, response.text[:300])
            if path.startswith("/data/") and response.status_code == 200:
                assert response.headers["content-disposition"].startswith("attachment")
                assert "sandbox" in response.headers["content-security-policy"]
            assert response.headers.get("x-content-type-options") == "nosniff", path
            bodies[path] = response.content
        for path, body in bodies.items():
            for text in forbidden:
                assert text.encode() not in body, f"{text!r} is public at {path} (at {self.now})"
        for record_id in self.records:
            page = bodies[f"/datasets/{record_id}/index.html"]
            assert (record_id in public) == (record_id.encode() in page), f"{record_id} public: {record_id in public}"
        feed = bodies["/data.json"]
        for record_id in public:
            for marker in re.findall(r"MK\d{5}Q", json.dumps(self.records[record_id].published["title"])):
                assert marker.encode() in feed, f"{record_id}'s title is missing from /data.json"
        self._search_finds_what_the_policy_allows(public, allowed_texts)
        self._counts_kept_are_a_count_of_the_public(public)

    def _counts_kept_are_a_count_of_the_public(self, public: set[str]) -> None:
        """A search without words finds every public dataset, and the facet counts kept are those a count of them
        gives."""
        everything = self.client.get("/api/search", params={"limit": 100}).json()  # the kept counts' search
        assert everything["total"] == len(public) and {hit["id"] for hit in everything["results"]} == public
        with self.store.engine.connect() as connection:  # the kept counts are a count of every released dataset
            kept = kept_counts(connection, self.now, FACET_VALUES)
            live = count_facets(connection, released(self.now))
        assert live[0] == len(public), live
        if kept is None:  # counted as of a moment after this one (a write's): the search counts every dataset
            return
        assert kept[0] == len(public), (kept, live)
        for facet, values in kept[1].items():
            assert all(live[1][facet][value] == n for value, n in values.items()), facet
            assert len(values) >= min(FACET_VALUES, len(live[1].get(facet, {}))), facet

    def _search_finds_what_the_policy_allows(self, public: set[str], allowed_texts: set[str]) -> None:
        """A marker the policy keeps in finds exactly the public datasets whose title holds it; one it keeps out
        finds nothing, counts nothing."""
        for marker in sorted(self.markers)[-6:]:  # the latest made
            found = self.client.get("/api/search", params={"q": marker, "limit": 100}).json()
            suggested = self.client.get("/api/search/suggest", params={"q": marker}).json()[1]
            if marker not in allowed_texts:
                assert found["total"] == 0 and found["results"] == [], f"{marker} is found at {self.now}"
                assert suggested == [], f"{marker} is suggested at {self.now}"
                continue
            titled = {i for i in public if marker in json.dumps(self.records[i].published["title"])}
            assert titled <= {hit["id"] for hit in found["results"]}, f"{marker}: {titled} not found"
            assert bool(suggested) == bool(titled), f"{marker}: suggested {suggested}"

    @invariant()
    def release_times_are_the_publishers(self) -> None:
        if not hasattr(self, "store"):
            return
        with self.store.engine.connect() as connection:
            stored = {row.record_id: row for row in connection.execute(
                select(records.c.record_id, records.c.release_time, records.c.document)
                .where(records.c.kind == "dataset"))}
            copies = {row.record_id: json.loads(row.document) for row in connection.execute(
                select(working_copies.c.record_id, working_copies.c.document)
                .where(working_copies.c.kind == "dataset"))}
        for record_id, record in self.records.items():
            expected = _moment(record.published.get("release_time")) if record.published else None
            row = stored.get(record_id)
            assert (row is not None) == (record.published is not None), record_id
            if row is not None:
                assert _moment(row.release_time) == expected, (record_id, row.release_time, expected)
                assert json.loads(row.document).get("publisher") == record.published.get("publisher")
            if record_id in copies:
                assert _moment(copies[record_id].get("release_time")) == _moment(
                    (record.copy or {}).get("release_time")), record_id
