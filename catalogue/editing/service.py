"""The editor's actions on records, below HTTP: what the browser forms and the JSON API both call.

A record being edited is a *working copy* beside the published records: every save is a revision of it
(stage draft, in review or approved), and nothing of it reaches the public view until it is published,
which writes it into the records in one transaction. Each action checks the officer's role in the agency
that owns the record, the revision the officer's form was opened on (a stale one is a conflict, never an
overwrite), and the rules of ``check``; each is written to the agency's audit log.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from catalogue.choices import ACTION_NAMES
from catalogue.model.kinds import CATALOGUE_FIELDS, CATALOGUE_KIND, KIND_NAMES, OWNER_FIELDS
from catalogue.errors import (BadPaste, Conflict, EarlyRelease, Forbidden, NotFound, NotReady, Problem, Severity,
                              YamlProblem, format_field_path)
from catalogue.checks.integrity import check_integrity
from catalogue.messages import Message
from catalogue.model import RECORD_KINDS, Catalogue, CatalogueInfo, ConceptScheme, Dataset
from catalogue.records.writer import record_data
from catalogue.store.accounts import allowed
from catalogue.store.public import PublicRecords
from catalogue.store.schema import (audit_log, blobs, comments, dataset_files, files, memberships, records, revisions,
                            working_copies)
from catalogue.store.store import Store, _columns, canonical_json, record_context
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.records.yamlsource import plain_data_problems
from catalogue.editing.checks import check_record, validate_record, with_record
from catalogue.editing.filechecks import UPLOADS, check_distribution_file
from catalogue.editing.codes import CodeIndex, index_codes, merge_codes, pasted_summary, read_codes_csv
from catalogue.editing.formdata import parse_path, value_at, with_value
from catalogue.editing.workflow import MOVES, PUBLISHED, STAGES

WORKFLOW_FIELDS = ("status", "release_time")
"""A dataset's fields that publishing sets, not the form."""
HISTORY_MESSAGES = ("saved", "created", *(move.done for move in MOVES.values()))
"""What the history says of a change whose officer wrote no message (gettext message ids: shown translated)."""
KEEP = "keep"
"""Publishing with the release time the record has (the default): only a publisher who says so changes it."""
MAX_REVISION = 2**31 - 1
"""The largest revision number a store holds (a larger one asked for names no revision)."""
RESERVED_IDS = frozenset({"new"})
"""Ids the editor's addresses take for themselves (``/editor/dataset/new``)."""
MAX_RELATED = 1000
"""Related datasets a record's check reads at most."""
MAX_COMMENT = 20_000
"""Characters of a comment at most."""
CODE_INDEXES_KEPT = 8
"""Indexed codelists kept per worker (a 100,000-code codelist takes about 30 MB)."""


@cache
def _id_type(kind: str) -> TypeAdapter[Any]:
    field = RECORD_KINDS[kind].model_fields["id"]
    annotated: Any = Annotated[(field.annotation, *field.metadata)]  # type: ignore[valid-type]
    return TypeAdapter(annotated)


def checked_id(kind: str, record_id: Any) -> str:
    """A new record's id, as its record file would need it (and not one the editor's addresses take)."""
    if not isinstance(record_id, str) or not record_id.strip():
        raise NotReady(Message("give the new record an id"))
    try:
        _id_type(kind).validate_python(record_id)
    except ValidationError:
        shown = json.dumps(record_id[:80], ensure_ascii=True)
        raise NotReady(Message("%(id)s is not an id: letters, digits, '_', '-', '@' and '$' (an agency's id may "
                               "hold '.' between parts)", id=shown)) from None
    if record_id in RESERVED_IDS:
        raise NotReady(Message("'%(id)s' cannot be an id here: choose another", id=record_id))
    return record_id


def bounded(data: Any, *texts: str) -> None:
    """Refuse data the record reader would refuse whole (nesting too deep, too many values, a lone surrogate,
    which no file or database can hold) before any work is done on it; the rest of what it refuses (a character
    XML cannot carry) is among the record's errors. ``texts``: what comes with it (a message), held to the same."""
    try:
        plain_data_problems(data)
        json.dumps([data, *texts], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except YamlProblem as problem:
        where = format_field_path(problem.path)
        raise NotReady(Message("%(field)s: %(problem)s", field=where, problem=problem.message) if where
                       else problem.message) from None
    except UnicodeEncodeError:
        raise NotReady(Message("a text holds a lone surrogate (half of a character): it cannot be stored")) from None
    except ValueError:
        raise NotReady(Message("a number is not finite (Infinity, NaN): write a number")) from None


@dataclass(frozen=True)
class Opened:
    """A record as the editor shows it: its data, the revision a form carries, its stage."""

    kind: str
    record_id: str
    agency: str
    data: dict[str, Any]
    revision: int
    stage: str
    published_revision: int | None
    updated_by: str
    updated_at: datetime
    editing: bool
    """A working copy exists (otherwise the record is as published or loaded)."""
    published_release: datetime | None = None
    """Of a working copy in the record list (``Editing.records_of``): the release time of the published version."""


class Comment(BaseModel):
    """A reviewer's comment on a field (the JSON API answers it as it is)."""

    model_config = ConfigDict(frozen=True)

    id: int
    revision: int
    path: str
    author: str
    text: str
    suggestion: Any
    created_at: datetime
    resolved_by: str | None

    @property
    def has_suggestion(self) -> bool:
        return self.suggestion is not None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def release_moment(value: Any) -> datetime | None:
    """A release time as a record holds it (ISO 8601 text), or ``None``."""
    if not isinstance(value, str):
        return value if isinstance(value, datetime) else None
    try:
        return _aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _unknown(kind: str, record_id: str) -> Message:
    """The one answer for a record that does not exist and for one the officer may not know of."""
    return Message("no %(kind)s '%(id)s'", kind=KIND_NAMES.get(kind, kind), id=record_id)


def owner(kind: str, data: dict[str, Any], catalogue_publisher: str) -> str:
    """The agency that owns a record: a dataset's or release's publisher, a codelist's or concept scheme's
    maintainer, an agency itself; the catalogue's publisher for the catalogue, licences and terms."""
    value = data.get(OWNER_FIELDS.get(kind, ""))
    return value if isinstance(value, str) and value else catalogue_publisher


class Editing:
    """The editor's actions on one store."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None,
                 vocab: Vocabulary | None = None, separate_duties: bool = True) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.vocab = vocab or vocabulary()
        self.separate_duties = separate_duties
        """Whoever made the last change of a record's content may neither approve nor publish it (off only for an
        office of one person)."""
        self._code_indexes: dict[tuple[str, int], CodeIndex] = {}
        self._shared: tuple[int | None, Catalogue] | None = None
        self._in_use: tuple[tuple[int | None, datetime | None], tuple[frozenset[str], frozenset[str]]] | None = None
        self._visible: dict[tuple[Any, str], Catalogue] = {}
        self._lock = threading.Lock()

    # -- what the officer may do ---------------------------------------------------------------
    def roles(self, user: str) -> dict[str, str]:
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(memberships.c.agency, memberships.c.role)
                                      .where(memberships.c.user_name == user))
            return {row.agency: row.role for row in rows}

    def may(self, user: str, agency: str, action: str) -> bool:
        return allowed(self.roles(user).get(agency), action)

    def require(self, user: str, agency: str, action: str) -> None:
        if not self.may(user, agency, action):
            raise Forbidden(Message("%(user)s may not %(action)s records of %(agency)s", user=user,
                                    action=ACTION_NAMES.get(action, action), agency=agency))

    def require_somewhere(self, user: str, action: str) -> None:
        """The officer may ``action`` records of at least one agency (what making a new record needs first)."""
        if not any(allowed(role, action) for role in self.roles(user).values()):
            raise Forbidden(Message("%(user)s may not %(action)s records of any agency", user=user,
                                    action=ACTION_NAMES.get(action, action)))

    def require_catalogue_admin(self, user: str) -> str:
        """The catalogue's publisher, if the officer is one of its admins (who may import and export the whole
        catalogue: every agency's records)."""
        publisher = self.info().publisher
        if not self.may(user, publisher, "manage members"):
            raise Forbidden(Message("only an admin of %(publisher)s, the catalogue's publisher, may import or "
                                    "export the whole catalogue", publisher=publisher))
        return publisher

    def audit_catalogue(self, user: str, action: str, detail: str) -> None:
        """An action on the whole catalogue, in its publisher's audit log."""
        info = self.info()
        with self.store.engine.begin() as connection:
            self._audit(connection, user, info.publisher, action, CATALOGUE_KIND, info.id, None, detail)

    # -- reading -------------------------------------------------------------------------------
    def _latest_change(self) -> int | None:
        with self.store.engine.connect() as connection:
            return connection.execute(select(revisions.c.id).where(revisions.c.stage.is_(None))
                                      .order_by(revisions.c.id.desc()).limit(1)).scalar_one_or_none()

    def shared(self) -> Catalogue:
        """The published records but the datasets (what a record refers to), read again only after a revision of
        the records (one index lookup tells)."""
        latest = self._latest_change()
        kept = self._shared
        if kept is not None and kept[0] == latest:
            return kept[1]
        shared = self.store.shared_records()
        if shared is None:
            raise NotFound(Message("the store holds no catalogue yet: load one with `catalogue load`"))
        self._shared = (latest, shared)
        return shared

    def info(self) -> CatalogueInfo:
        return self.shared().info

    def visible_to(self, agency: str) -> Catalogue:
        """The shared records as a record of ``agency`` may refer to them: the agency's own codelists and concept
        schemes, and of the others' only what the public view holds now (what a released dataset's public variable
        uses); the rest is as if it did not exist, so that no reference, picker or preview discloses it."""
        shared = self.shared()
        now = self.clock()
        public = PublicRecords(self.store, shared, now)
        key = (self._latest_change(), public.last_release())
        with self._lock:
            if self._in_use is None or self._in_use[0] != key:
                self._in_use = (key, public.shared_in_use())
                self._visible.clear()
            codelists_used, concepts_used = self._in_use[1]
            kept = self._visible.get((key, agency))
        if kept is not None:
            return kept
        codelists = {i: codelist for i, codelist in shared.codelists.items()
                     if codelist.agency == agency or i in codelists_used}
        schemes: dict[str, ConceptScheme] = {}
        for scheme_id, scheme in shared.concept_schemes.items():
            concepts = scheme.concepts if scheme.agency == agency else \
                [concept for concept in scheme.concepts if concept.id in concepts_used]
            if concepts:
                schemes[scheme_id] = scheme if len(concepts) == len(scheme.concepts) else \
                    scheme.model_copy(update={"concepts": concepts})
        values = {name: getattr(shared, name) for name in Catalogue.model_fields}
        visible = Catalogue.model_construct(**{**values, "codelists": codelists, "concept_schemes": schemes})
        with self._lock:
            if len(self._visible) > 64:
                self._visible.clear()
            self._visible[(key, agency)] = visible
        return visible

    @staticmethod
    def _rows(connection: Connection, kind: str, record_id: str) -> tuple[Row[Any] | None, Row[Any] | None]:
        record = connection.execute(select(records).where(records.c.kind == kind,
                                                          records.c.record_id == record_id)).one_or_none()
        copy = connection.execute(select(working_copies).where(working_copies.c.kind == kind,
                                                               working_copies.c.record_id == record_id)).one_or_none()
        return record, copy

    def _opened(self, kind: str, record_id: str, record: Row[Any] | None, copy: Row[Any] | None,
                publisher: str) -> Opened:
        if copy is not None:
            data = json.loads(copy.document)
            return Opened(kind, record_id, copy.agency, data, copy.revision, copy.stage,
                          record.revision if record is not None else None, copy.updated_by,
                          _aware(copy.updated_at), True)
        if record is None:
            raise NotFound(_unknown(kind, record_id))
        data = json.loads(record.document)
        stage = "draft" if record.status == "draft" else PUBLISHED
        return Opened(kind, record_id, owner(kind, data, publisher), data, record.revision, stage, record.revision,
                      "", _aware(record.changed_at), False)

    def current(self, kind: str, record_id: str) -> Opened:
        """The record as it is now (its working copy if it has one), whoever asks."""
        publisher = self.info().publisher
        with self.store.engine.connect() as connection:
            record, copy = self._rows(connection, kind, record_id)
        return self._opened(kind, record_id, record, copy, publisher)

    def open(self, user: str, kind: str, record_id: str) -> Opened:
        """The record for the officer's form: members of the owning agency only (drafts are theirs alone); to anyone
        else it does not exist (the same answer as an unknown id: not even its owner is told)."""
        opened = self.current(kind, record_id)
        if opened.agency not in self.roles(user):
            raise NotFound(_unknown(kind, record_id))
        self.require(user, opened.agency, "view drafts")
        return opened

    def check(self, kind: str, data: dict[str, Any], user: str | None = None) -> tuple[BaseModel | None, list[Problem]]:
        """What ``check`` would say of this record in the stored catalogue, as seen by the agency owning it (another
        agency's codelist or concept that is not public is unknown to it), and whether each local file a dataset
        names is its own (uploaded to it, or named by it when it was published or loaded). Asked for an officer
        (``user``), it sees what the officer may: the owning agency's records only when the officer is its member,
        and of the other datasets only those released or of the officer's agencies (the messages name what is
        known, so they must not name what is hidden)."""
        related: dict[str, Dataset] = {}
        names = data.get("related") if kind == "dataset" else None
        if isinstance(names, list):
            wanted = sorted({name for name in names if isinstance(name, str)} - {data.get("id")})[:MAX_RELATED]
            related = self._datasets(wanted)
        agency = owner(kind, data, self.info().publisher)
        if user is not None:
            roles = self.roles(user)
            agency = agency if agency in roles else ""
            public = PublicRecords(self.store, self.shared(), self.clock()).released_among(related)
            related = {i: d for i, d in related.items() if i in public or d.publisher in roles}
        record, issues = check_record(kind, data, self.visible_to(agency), self.vocab, related)
        if isinstance(record, Dataset):
            issues = [*issues, *self._foreign_files(record)]
        return record, sorted(issues, key=lambda issue: (not issue.is_error,))

    def _foreign_files(self, dataset: Dataset) -> list[Problem]:
        """A local file belongs to the dataset that stored it: a path that another dataset names, or that was
        neither uploaded to this dataset nor named by it before, is refused (with the same words either way)."""
        named = {distribution.path.replace("\\", "/") for distribution in dataset.distributions if distribution.path}
        if not named:
            return []
        with self.store.engine.connect() as connection:
            owners: dict[str, set[str]] = {}
            for row in connection.execute(select(dataset_files.c.path, dataset_files.c.dataset_id)
                                          .where(dataset_files.c.path.in_(sorted(named)))):
                owners.setdefault(row.path, set()).add(row.dataset_id)
            stored = set(connection.execute(select(files.c.path).where(files.c.path.in_(sorted(named)))).scalars())
        issues = []
        for index, distribution in enumerate(dataset.distributions):
            if not distribution.path:
                continue
            path = distribution.path.replace("\\", "/")
            mine = owners.get(path, set()) == {dataset.id} or (
                not owners.get(path) and path.startswith(f"{UPLOADS}/{dataset.id}/") and path in stored)
            if not mine:
                issues.append(Problem.at_field(("distributions", index, "path"),
                                    f"no file of this dataset at '{path}': upload the file to this dataset"))
        return issues

    def _datasets(self, ids: list[str]) -> dict[str, Dataset]:
        if not ids:
            return {}
        context = record_context(self.info())
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(records.c.record_id, records.c.document)
                                      .where(records.c.kind == "dataset", records.c.record_id.in_(ids)))
            return {row.record_id: Dataset.model_validate_json(row.document, context=context) for row in rows}

    def may_refer(self, user: str, data: dict[str, Any], kind: str) -> Catalogue:
        """The shared records a reference field of this record offers the officer: what its owning agency may see
        when the officer is a member of it, else only what is public."""
        agency = owner(kind, data, self.info().publisher)
        return self.visible_to(agency if agency in self.roles(user) else "")

    def records_of(self, user: str) -> list[Opened]:
        """Every record of the officer's agencies, working copies first where they exist."""
        roles = self.roles(user)
        if not roles:
            return []
        publisher = self.info().publisher
        agencies = list(roles)
        found: dict[tuple[str, str], Opened] = {}
        # the agency column names a dataset's, release's, codelist's or concept scheme's owner; it is empty for an
        # agency (its own id) and for the records of the catalogue's publisher (catalogue, licences, terms)
        owned = or_(records.c.agency.in_(agencies),
                    and_(records.c.agency.is_(None), records.c.kind == "agency", records.c.record_id.in_(agencies)))
        if publisher in roles:
            owned = or_(owned, and_(records.c.agency.is_(None), records.c.kind != "agency"))
        with self.store.engine.connect() as connection:
            for copy in connection.execute(select(working_copies).where(working_copies.c.agency.in_(agencies))):
                found[(copy.kind, copy.record_id)] = self._opened(copy.kind, copy.record_id, None, copy, publisher)
            for record in connection.execute(select(records).where(owned).execution_options(stream_results=True)):
                key = (record.kind, record.record_id)
                if key in found:  # a working copy of a record that is published (or loaded) too
                    found[key] = replace(found[key], published_revision=record.revision,
                                         published_release=release_moment(json.loads(record.document).get(
                                             "release_time")) if record.status != "draft" else None)
                else:
                    opened = self._opened(record.kind, record.record_id, record, None, publisher)
                    if opened.agency in roles:
                        found[key] = opened
        return [found[key] for key in sorted(found)]

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, kind: str, record_id: str) -> Iterator[Connection]:
        """One action's writes; two officers who save the same revision at once meet the revision's unique
        key, and the second gets the conflict."""
        try:
            with self.store.engine.begin() as connection:
                yield connection
        except IntegrityError:
            current = self.current(kind, record_id)
            raise Conflict(current, current.revision - 1) from None

    def _audit(self, connection: Connection, user: str, agency: str, action: str, kind: str, record_id: str,
               revision: int | None, detail: str = "") -> None:
        connection.execute(insert(audit_log).values(at=self.clock(), user_name=user, agency=agency, action=action,
                                                    kind=kind, record_id=record_id, revision=revision,
                                                    detail=detail))

    def _write_copy(self, connection: Connection, user: str, current: Opened | None, kind: str, record_id: str,
                    agency: str, data: dict[str, Any], stage: str, message: str, edited: bool) -> int:
        """A new revision of the working copy (made from the published record when there is none yet); ``edited``:
        its content changed (the officer becomes its last editor), not only its stage."""
        _, issues = self.check(kind, data)
        revision = self._next_revision(connection, kind, record_id)
        now = self.clock()
        document = json.dumps(data, ensure_ascii=False, sort_keys=True)
        values = {"agency": agency, "document": document, "stage": stage, "revision": revision,
                  "errors": sum(issue.is_error for issue in issues), "updated_by": user, "updated_at": now}
        if edited:
            values["last_editor"] = user
        if current is not None and current.editing:
            connection.execute(update(working_copies).where(working_copies.c.kind == kind,
                                                            working_copies.c.record_id == record_id).values(**values))
        else:
            base = current.published_revision if current is not None else None
            connection.execute(insert(working_copies).values(kind=kind, record_id=record_id, base_revision=base,
                                                             **values))
        connection.execute(insert(revisions).values(kind=kind, record_id=record_id, revision=revision,
                                                    document=document, author=user, message=message,
                                                    created_at=now, stage=stage))
        return revision

    @staticmethod
    def _next_revision(connection: Connection, kind: str, record_id: str) -> int:
        """The number of a record's next revision: after every one it ever had (a record deleted by a load and made
        again in the editor goes on counting)."""
        latest = connection.execute(select(func.max(revisions.c.revision)).where(
            revisions.c.kind == kind, revisions.c.record_id == record_id)).scalar_one_or_none()
        return int(latest or 0) + 1

    def fresh(self, user: str, kind: str, record_id: str, revision: int, action: str) -> Opened:
        """The record, if the officer may do ``action`` on it and their form is of its latest revision."""
        current = self.open(user, kind, record_id)
        self.require(user, current.agency, action)
        if revision != current.revision:
            raise Conflict(current, revision)
        return current

    def create(self, user: str, kind: str, data: dict[str, Any], message: str = "") -> Opened:
        """A new record, as a draft of the agency it names (the officer must be an editor there). An id in use is
        refused in the same words whoever holds it (a record of another agency may be hidden)."""
        info = self.info()
        bounded(data, message)
        if kind == CATALOGUE_KIND:
            raise NotReady(Message("a store holds one catalogue record: edit it"))
        record_id = checked_id(kind, data.get("id"))
        data = self.as_draft(kind, data)
        agency = owner(kind, data, info.publisher)
        self.require(user, agency, "edit")
        with self._transaction(kind, record_id) as connection:
            record, copy = self._rows(connection, kind, record_id)
            if record is not None or copy is not None:
                raise NotReady(Message("the id '%(id)s' is taken: choose another", id=record_id))
            revision = self._write_copy(connection, user, None, kind, record_id, agency, data, "draft",
                                        message or "created", edited=True)
            self._audit(connection, user, agency, "create", kind, record_id, revision)
        return self.current(kind, record_id)

    @staticmethod
    def as_draft(kind: str, data: dict[str, Any], current: Opened | None = None) -> dict[str, Any]:
        """The officer's data with what the workflow sets rather than the form: the record's id, and a dataset's
        status and release time (a new dataset is a draft; both change only when a publisher publishes it: a
        working copy is never public, whatever its status says)."""
        if current is not None:
            data = {**data, "id": current.record_id}
        if kind == "dataset":
            kept: dict[str, Any] = {name: current.data[name] for name in WORKFLOW_FIELDS
                                    if current is not None and name in current.data}
            data = {**{k: v for k, v in data.items() if k not in WORKFLOW_FIELDS}, "status": "draft", **kept}
        return data

    def save(self, user: str, kind: str, record_id: str, data: dict[str, Any], revision: int,
             message: str = "") -> Opened:
        """A new revision with the officer's data (it may hold errors: it is a draft); back to draft if it was in
        review or approved. ``revision`` is the one the form was opened on."""
        current = self.fresh(user, kind, record_id, revision, "edit")
        return self._change(user, current, data, "save", message or "saved", message)

    def _change(self, user: str, current: Opened, data: dict[str, Any], action: str, message: str,
                detail: str = "", also: Callable[[Connection], Any] | None = None) -> Opened:
        """The one entrance for every change of a record's content (save, apply a suggestion, restore, paste codes,
        attach a file): its id cannot change, what the workflow sets is kept (a dataset's status and release time),
        the officer must be an editor of the agency owning it before and after the change, and the change is in the
        audit log of each of those agencies. The new revision is a draft."""
        kind, record_id = current.kind, current.record_id
        bounded(data, message, detail)
        given = data.get("id")
        if given is not None and given != record_id:
            raise NotReady(Message("the id of a record cannot change: '%(id)s' stays '%(id)s' (make a new record "
                                   "for another id)", id=record_id))
        data = self.as_draft(kind, data, current)
        agency = owner(kind, data, self.info().publisher)
        self.require(user, current.agency, "edit")
        if agency != current.agency:
            self.require(user, agency, "edit")
        if self._same(kind, data, current.data):  # nothing changed: no empty revision
            if also is not None:  # what it brings is still done (a suggestion is resolved), and audited
                with self.store.engine.begin() as connection:
                    also(connection)
                    self._audit(connection, user, current.agency, action, kind, record_id, current.revision, detail)
            return current
        with self._transaction(kind, record_id) as connection:
            saved = self._write_copy(connection, user, current, kind, record_id, agency, data, "draft", message,
                                     edited=True)
            for concerned in dict.fromkeys((current.agency, agency)):
                self._audit(connection, user, concerned, action, kind, record_id, saved, detail)
            if also is not None:  # what the change brings with it, in the same transaction
                also(connection)
        return self.current(kind, record_id)

    def _same(self, kind: str, data: dict[str, Any], old: dict[str, Any]) -> bool:
        """Whether two versions of a record's data say the same (a form sends "12" where a file says 12)."""
        if data == old:
            return True
        info = self.info()
        new_record, _ = validate_record(kind, data, info, self.vocab)
        if new_record is None:
            return False
        old_record, _ = validate_record(kind, old, info, self.vocab)
        return old_record is not None and record_data(new_record) == record_data(old_record)

    def last_editor(self, kind: str, record_id: str) -> str | None:
        """Who last changed the content of the record's working copy (``None`` without one)."""
        with self.store.engine.connect() as connection:
            return connection.execute(select(working_copies.c.last_editor).where(
                working_copies.c.kind == kind, working_copies.c.record_id == record_id)).scalar_one_or_none()

    def _separate(self, user: str, kind: str, record_id: str, verb: str) -> None:
        """Four eyes: the last editor of a change may not approve or publish it (unless the office is one person)."""
        if self.separate_duties and self.last_editor(kind, record_id) == user:
            raise Forbidden(Message("you made the last change to this record: someone else must %(action)s it",
                                    action=ACTION_NAMES[verb]))

    def _move(self, user: str, kind: str, record_id: str, revision: int, verb: str) -> Opened:
        """Make the move ``verb`` of the workflow (the officer's role allowing it), as a new revision; only a record
        without errors moves forward."""
        move = MOVES[verb]
        target, message = move.end, move.done
        current = self.fresh(user, kind, record_id, revision, move.action)
        if current.stage not in move.start:
            raise NotReady(Message("the record is %(stage)s: it cannot be %(moved)s",
                                   stage=STAGES[current.stage].noun, moved=message))
        if verb == "approve":
            self._separate(user, kind, record_id, "approve")
        if target != "draft":
            _, issues = self.check(kind, current.data)
            errors = [issue for issue in issues if issue.is_error]
            if errors:
                raise NotReady(Message.counted("the record has %(count)s error: fix it before it is %(moved)s",
                                               "the record has %(count)s errors: fix them before it is %(moved)s",
                                               count=len(errors), moved=message))
        with self._transaction(kind, record_id) as connection:
            moved = self._write_copy(connection, user, current, kind, record_id, current.agency, current.data, target,
                                     str(message), edited=False)
            self._audit(connection, user, current.agency, verb, kind, record_id, moved)
        return self.current(kind, record_id)

    def submit(self, user: str, kind: str, record_id: str, revision: int) -> Opened:
        """Ask for review: a draft without errors."""
        return self._move(user, kind, record_id, revision, "submit")

    def approve(self, user: str, kind: str, record_id: str, revision: int) -> Opened:
        return self._move(user, kind, record_id, revision, "approve")

    def send_back(self, user: str, kind: str, record_id: str, revision: int) -> Opened:
        """A reviewer returns the record to its editors (with comments saying why)."""
        return self._move(user, kind, record_id, revision, "send_back")

    def publish(self, user: str, kind: str, record_id: str, revision: int,
                release_time: datetime | str | None = KEEP, confirm_early: bool = False) -> Opened:
        """Write an approved record into the published records. A dataset keeps the release time it has unless the
        publisher gives another (``None``: at once); releasing an embargoed dataset earlier than its release time
        needs ``confirm_early``. Its local files must be its own and pass the data checks; the store sets its
        ``modified`` date when its content changed. Refused when the records changed under it since it was opened,
        or when it would make another record invalid."""
        current = self.fresh(user, kind, record_id, revision, MOVES["publish"].action)
        if current.stage not in MOVES["publish"].start:
            raise NotReady(Message("the record is %(stage)s: only an approved record is published",
                                   stage=STAGES[current.stage].noun))
        self._separate(user, kind, record_id, "publish")
        now = self.clock()
        data = dict(current.data)
        if kind == "dataset":
            data = self._released_data(data, release_time, confirm_early, now)
        record, issues = self.check(kind, data)
        errors = [issue for issue in issues if issue.is_error]
        if record is None or errors:
            raise NotReady(Message.counted("the record has %(count)s error: fix it before it is %(moved)s",
                                           "the record has %(count)s errors: fix them before it is %(moved)s",
                                           count=len(errors), moved=Message("published")))
        if isinstance(record, Dataset):
            problems = self._data_problems(record)
            if problems:
                raise NotReady(Message.counted("its data files have %(count)s error, %(problem)s: fix it before it is "
                                               "published", "its data files have %(count)s errors, e.g. %(problem)s: "
                                               "fix them before it is published", count=len(problems),
                                               problem=str(problems[0])))
        if kind != "dataset":
            self._check_dependents(user, kind, record)
        with self._transaction(kind, record_id) as connection:
            self.store.changing_records(connection)
            stored, copy = self._rows(connection, kind, record_id)
            if copy is None or copy.revision != revision or (stored.revision if stored else None) != copy.base_revision:
                fresh = self.current(kind, record_id)
                raise Conflict(fresh, revision)
            if isinstance(record, Dataset):
                record = self._with_modified(record, stored.document if stored is not None else None, now)
            published = self._next_revision(connection, kind, record_id)
            document = canonical_json(record)
            values = {"document": document, "revision": published, "changed_at": now, **_columns(kind, record)}
            if stored is None:
                connection.execute(insert(records).values(kind=kind, record_id=record_id, **values))
            else:
                connection.execute(update(records).where(records.c.kind == kind, records.c.record_id == record_id)
                                   .values(**values))
            connection.execute(insert(revisions).values(kind=kind, record_id=record_id, revision=published,
                                                        document=document, author=user, message="published",
                                                        created_at=now, stage=None))
            connection.execute(delete(working_copies).where(working_copies.c.kind == kind,
                                                            working_copies.c.record_id == record_id))
            if isinstance(record, Dataset):  # which files the public server serves for it, once released
                connection.execute(delete(dataset_files).where(dataset_files.c.dataset_id == record_id))
                paths = sorted({d.path.replace("\\", "/") for d in record.distributions if d.path})
                if paths:
                    connection.execute(insert(dataset_files), [{"path": path, "dataset_id": record_id}
                                                               for path in paths])
            moment = getattr(record, "release_time", None)
            detail = f"release time {moment.isoformat()}" if moment else ""
            before = owner(kind, json.loads(stored.document), self.info().publisher) if stored is not None else None
            for concerned in dict.fromkeys(a for a in (before, current.agency) if a):
                self._audit(connection, user, concerned, "publish", kind, record_id, published, detail)
        return self.current(kind, record_id)

    def _released_data(self, data: dict[str, Any], release_time: datetime | str | None, confirm_early: bool,
                       now: datetime) -> dict[str, Any]:
        """A dataset's data as published: its status, and its release time (kept unless given)."""
        kept = data.get("release_time")
        embargo = release_moment(kept)
        data["status"] = "published"
        if release_time == KEEP:
            return data
        if isinstance(release_time, str):
            raise NotReady(Message("'%(text)s' is not a release time", text=release_time))
        if release_time is not None and release_time.tzinfo is None:
            raise NotReady(Message("a release time needs a time zone"))
        if embargo is not None and embargo > now and (release_time is None or release_time < embargo) \
                and not confirm_early:
            raise EarlyRelease(embargo)
        data.pop("release_time", None)
        if release_time is not None:
            data["release_time"] = release_time.isoformat()
        return data

    def _data_problems(self, dataset: Dataset) -> list[str]:
        """The errors of the data checks of ``check`` in the dataset's local files, as stored."""
        found = []
        shared = self.visible_to(dataset.publisher)
        for index, distribution in enumerate(dataset.distributions):
            if not distribution.path:
                continue
            path = distribution.path.replace("\\", "/")
            with self.store.engine.connect() as connection:
                content = connection.execute(select(blobs.c.content).join(files, files.c.sha256 == blobs.c.sha256)
                                             .where(files.c.path == path)).scalar_one_or_none()
            if content is None:
                found.append(f"{path}: no such file is stored")
                continue
            found += [str(problem) for problem in check_distribution_file(dataset, index, bytes(content), self.vocab,
                                                                          shared)
                      if problem.severity is Severity.ERROR]
        return found

    @staticmethod
    def _with_modified(record: Dataset, stored: str | None, now: datetime) -> Dataset:
        """The dataset with ``modified`` set to the day its change becomes public (now, or its release time), unless
        its content is as published before; the date an incremental harvest asks by."""
        if stored is not None:
            before, after = json.loads(stored), json.loads(canonical_json(record))
            before.pop("modified", None)
            after.pop("modified", None)
            if before == after:
                return record
        public_from = max(now, record.release_time) if record.release_time else now
        return record.model_copy(update={"modified": public_from.astimezone(timezone.utc).date()})

    def _check_dependents(self, user: str, kind: str, record: BaseModel) -> None:
        """A shared record (a codelist, a licence…) is published only if every record stays valid with it (the
        records the officer may not see are counted, not named)."""
        catalogue = self.store.catalogue()
        if catalogue is None:
            return
        changed = with_record(catalogue, kind, record, catalogue.datasets)
        record_id = str(getattr(record, "id"))
        before = {(f.kind, f.record_id, f.path, f.message) for f in check_integrity(catalogue, self.vocab)}
        broken = [f for f in check_integrity(changed, self.vocab)
                  if f.severity.value == "error" and (f.kind, f.record_id) != (kind, record_id)
                  and (f.kind, f.record_id, f.path, f.message) not in before]
        if broken:
            roles = self.roles(user)
            shown = "; ".join(f"{f.kind} {f.record_id}: {f.message}" for f in broken
                              if self._owner_of(catalogue, f.kind, f.record_id) in roles)
            raise NotReady(Message.counted("publishing it would make %(count)s other record invalid: %(shown)s",
                                           "publishing it would make %(count)s other records invalid: %(shown)s",
                                           count=len(broken), shown=shown) if shown else
                           Message.counted("publishing it would make %(count)s other record invalid (a record of "
                                           "another agency)", "publishing it would make %(count)s other records "
                                           "invalid (records of other agencies)", count=len(broken)))

    def _owner_of(self, catalogue: Catalogue, kind: str, record_id: str) -> str:
        """The agency owning a stored record of ``catalogue``."""
        field = OWNER_FIELDS.get(kind)
        found = getattr(catalogue, CATALOGUE_FIELDS[kind]).get(record_id) if kind in CATALOGUE_FIELDS else None
        value = getattr(found, field, None) if found is not None and field else None
        return owner(kind, {field: value} if field else {}, self.info().publisher)

    def restore(self, user: str, kind: str, record_id: str, revision: int, old: int) -> Opened:
        """A new draft revision holding what revision ``old`` held."""
        current = self.fresh(user, kind, record_id, revision, "edit")
        document = self.revision_document(kind, record_id, old)
        if document is None:
            raise NotFound(Message("revision %(revision)s of %(kind)s '%(id)s' holds no record", revision=old,
                                   kind=KIND_NAMES.get(kind, kind), id=record_id))
        document["id"] = record_id  # a revision stored before ids were kept holds the id it was saved under
        return self._change(user, current, document, "restore", f"restored revision {old}", f"revision {old}")

    # -- codes of a codelist -----------------------------------------------------------------------
    def head(self, kind: str, record_id: str) -> tuple[str, int]:
        """The owning agency and the latest revision of a record, without reading the record."""
        with self.store.engine.connect() as connection:
            copy = connection.execute(select(working_copies.c.agency, working_copies.c.revision).where(
                working_copies.c.kind == kind, working_copies.c.record_id == record_id)).one_or_none()
            if copy is not None:
                return copy.agency, copy.revision
            row = connection.execute(select(records.c.agency, records.c.revision).where(
                records.c.kind == kind, records.c.record_id == record_id)).one_or_none()
        if row is None:
            raise NotFound(_unknown(kind, record_id))
        return row.agency or self.info().publisher, row.revision

    def code_index(self, user: str, record_id: str) -> CodeIndex:
        """The codes of a codelist's latest revision, indexed for search and the tree (kept per revision: the next
        keystroke reads two columns, not the codelist)."""
        agency, revision = self.head("codelist", record_id)
        if agency not in self.roles(user):
            raise NotFound(_unknown("codelist", record_id))
        self.require(user, agency, "view drafts")
        key = (record_id, revision)
        index = self._code_indexes.get(key)
        if index is None:
            index = index_codes(list(self.current("codelist", record_id).data.get("codes") or []))
            with self._lock:  # requests of one worker run in threads
                while len(self._code_indexes) >= CODE_INDEXES_KEPT:
                    self._code_indexes.pop(next(iter(self._code_indexes)))
                self._code_indexes[key] = index
        return index

    def paste_codes(self, user: str, record_id: str, revision: int, text: str) -> tuple[Opened, int, int]:
        """Add or update a codelist's codes from pasted CSV, as a new draft revision; (record, added, updated)."""
        current = self.fresh(user, "codelist", record_id, revision, "edit")
        pasted = read_codes_csv(text, self.info().languages)
        if pasted.problems:
            raise BadPaste(pasted.problems)
        codes, added, updated = merge_codes(list(current.data.get("codes") or []), pasted.codes)
        unknown = pasted.unknown_parents({str(code.get("id")) for code in codes})
        if unknown:
            raise BadPaste(unknown)
        message = pasted_summary(added, updated)
        changed = self._change(user, current, {**current.data, "codes": codes}, "paste_codes", message, message)
        return changed, added, updated

    # -- comments --------------------------------------------------------------------------------
    def comment(self, user: str, kind: str, record_id: str, path: str, text: str,
                suggestion: Any = None) -> int:
        """A reviewer's comment on a field (``path``; '' for the whole record), with an optional suggested value."""
        current = self.open(user, kind, record_id)
        self.require(user, current.agency, "comment")
        if not text.strip():
            raise NotReady(Message("write the comment"))
        if len(text) > MAX_COMMENT:
            raise NotReady(Message("a comment holds %(count)s characters at most", count=f"{MAX_COMMENT:,}"))
        try:
            parse_path(path)
        except ValueError as error:
            raise NotReady(*error.args) from None
        bounded(suggestion, path, text)
        if suggestion is not None and plain_data_problems(suggestion):
            raise NotReady(Message("the suggestion holds a character XML cannot carry"))
        with self.store.engine.begin() as connection:
            result = connection.execute(insert(comments).values(
                kind=kind, record_id=record_id, revision=current.revision, path=path, author=user, text=text.strip(),
                suggestion=None if suggestion is None else json.dumps(suggestion, ensure_ascii=False),
                created_at=self.clock()).returning(comments.c.id))
            comment_id = int(result.scalar_one())
            self._audit(connection, user, current.agency, "comment", kind, record_id, current.revision, path)
            return comment_id

    def comments(self, user: str, kind: str, record_id: str) -> list[Comment]:
        self.open(user, kind, record_id)
        with self.store.engine.connect() as connection:
            start = self._life_start(connection, kind, record_id)
            rows = connection.execute(select(comments).where(comments.c.kind == kind, comments.c.record_id == record_id,
                                                             comments.c.revision > start)
                                      .order_by(comments.c.id))
            return [Comment(id=row.id, revision=row.revision, path=row.path, author=row.author, text=row.text,
                            suggestion=None if row.suggestion is None else json.loads(row.suggestion),
                            created_at=_aware(row.created_at), resolved_by=row.resolved_by) for row in rows]

    def apply_suggestion(self, user: str, kind: str, record_id: str, revision: int, comment_id: int) -> Opened:
        """The comment's suggested value put in its field, as a new revision; the comment is resolved."""
        current = self.fresh(user, kind, record_id, revision, "edit")
        found = next((c for c in self.comments(user, kind, record_id) if c.id == comment_id), None)
        if found is None or not found.has_suggestion:
            raise NotFound(Message("no suggestion %(number)s on %(kind)s '%(id)s'", number=comment_id,
                                   kind=KIND_NAMES.get(kind, kind), id=record_id))
        if found.resolved_by:
            raise NotReady(Message("the suggestion was already applied or resolved"))
        path = parse_path(found.path)
        if not path or path[0] == "id":
            raise NotReady(Message("a suggestion cannot change the record's id: make a new record for another id"))
        suggestion = found.suggestion
        if isinstance(value_at(current.data, path), list) and isinstance(suggestion, str):
            suggestion = [line.strip() for line in suggestion.splitlines() if line.strip()]  # a list, one per line
        try:
            data = with_value(current.data, path, suggestion)
        except (ValueError, TypeError, IndexError, KeyError):
            raise NotReady(Message("the suggestion cannot be put in '%(field)s'", field=found.path)) from None
        resolved = update(comments).where(comments.c.id == comment_id).values(resolved_by=user,
                                                                              resolved_at=self.clock())
        return self._change(user, current, data, "apply_suggestion",
                            f"applied the suggestion of {found.author} on {found.path}", found.path,
                            also=lambda connection: connection.execute(resolved))

    def resolve(self, user: str, kind: str, record_id: str, comment_id: int) -> None:
        current = self.open(user, kind, record_id)
        self.require(user, current.agency, "edit")
        with self.store.engine.begin() as connection:
            start = self._life_start(connection, kind, record_id)
            done = connection.execute(update(comments).where(and_(comments.c.id == comment_id, comments.c.kind == kind,
                                                                  comments.c.record_id == record_id,
                                                                  comments.c.revision > start,
                                                                  comments.c.resolved_by.is_(None)))
                                      .values(resolved_by=user, resolved_at=self.clock()))
            if done.rowcount:
                self._audit(connection, user, current.agency, "resolve", kind, record_id, current.revision,
                            str(comment_id))

    # -- history ---------------------------------------------------------------------------------
    @staticmethod
    def _life_start(connection: Connection, kind: str, record_id: str) -> int:
        """The revision that last deleted the record (0 if none): what came before belongs to the record that was
        deleted, and stays with its agency (its audit log), never with a record made again under that id."""
        deleted = connection.execute(select(func.max(revisions.c.revision)).where(
            revisions.c.kind == kind, revisions.c.record_id == record_id, revisions.c.document.is_(None))
        ).scalar_one_or_none()
        return int(deleted or 0)

    def history(self, user: str, kind: str, record_id: str) -> list[dict[str, Any]]:
        """Every revision of the record since it was last made, newest first (members of the owning agency only)."""
        self.open(user, kind, record_id)
        with self.store.engine.connect() as connection:
            start = self._life_start(connection, kind, record_id)
            rows = connection.execute(select(revisions.c.revision, revisions.c.author, revisions.c.message,
                                             revisions.c.created_at, revisions.c.stage,
                                             revisions.c.document.is_(None).label("deleted"))
                                      .where(revisions.c.kind == kind, revisions.c.record_id == record_id,
                                             revisions.c.revision > start)
                                      .order_by(revisions.c.revision.desc()))
            return [{**row._asdict(), "created_at": _aware(row.created_at),
                     "stage": row.stage or PUBLISHED} for row in rows]

    def revision_document(self, kind: str, record_id: str, revision: int) -> dict[str, Any] | None:
        """What a revision of the record since it was last made held (``None``: none, or one before)."""
        if not 0 < revision <= MAX_REVISION:  # no database stores a larger number: none such
            return None
        with self.store.engine.connect() as connection:
            if revision <= self._life_start(connection, kind, record_id):
                return None
            document = connection.execute(select(revisions.c.document).where(
                revisions.c.kind == kind, revisions.c.record_id == record_id,
                revisions.c.revision == revision)).scalar_one_or_none()
        return None if document is None else dict(json.loads(document))

    def audit(self, user: str, agency: str, limit: int = 500) -> list[dict[str, Any]]:
        """The agency's latest actions, newest first (its admins only)."""
        self.require(user, agency, "manage members")
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(audit_log).where(audit_log.c.agency == agency)
                                      .order_by(audit_log.c.id.desc()).limit(limit))
            return [{**row._asdict(), "at": _aware(row.at)} for row in rows]


def field_value(data: dict[str, Any], path: str) -> Any:
    """The value of a field named by its dotted path."""
    return value_at(data, parse_path(path))


__all__ = ["Comment", "Editing", "Opened", "KEEP", "field_value", "owner", "release_moment"]
