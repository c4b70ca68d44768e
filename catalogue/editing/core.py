"""What every action of the editor builds on: who may do what (the officer's role in each agency), the records as
they are now (a working copy, else as published), what ``check`` says of one, and the one way a change of a record's
content is written (a new draft revision of its working copy, in the audit log of the agencies concerned).

Every table is read and written through ``catalogue.store``; this module decides the transactions.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from catalogue.checks.released import release_key, released_message
from catalogue.choices import ACTION_NAMES
from catalogue.errors import Conflict, Forbidden, NotFound, NotReady, Problem, UnresolvedReference
from catalogue.messages import Message
from catalogue.model import Catalogue, CatalogueInfo, ConceptScheme, Dataset
from catalogue.records.writer import record_data
from catalogue.store.accounts import Accounts, allowed
from catalogue.store.audit import log_action
from catalogue.store.datafiles import file_datasets, stored_paths
from catalogue.store.public import PublicRecords
from catalogue.store.released import released_documents
from catalogue.store.revisions import latest_records_change, next_revision
from catalogue.store.store import Store, record_context
from catalogue.store.working import (CopySave, copies_of, dataset_documents, last_content_editor, record_and_copy,
                                     records_owned, save_copy)
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.editing.checks import check_record, validate_record
from catalogue.editing.filechecks import UPLOADS
from catalogue.editing.inputs import bounded, kept_identity, shaped
from catalogue.model.kinds import identity_fields
from catalogue.model.references import named_by
from catalogue.editing.opened import Opened, opened_from, owner, release_moment, unknown_record

WORKFLOW_FIELDS = {"dataset": ("status", "release_time"), "metadata_report": ("status",)}
"""The fields that publishing sets, not the form: a dataset's status and release time, a report's status."""
MAX_RELATED = 1000
"""Related datasets a record's check reads at most."""


InUse = tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str], frozenset[str]]
"""What the public view uses of the shared records (``PublicRecords.shared_in_use``)."""


class EditingCore:
    """The editor's building blocks on one store (``Editing`` adds the actions)."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None,
                 vocab: Vocabulary | None = None, separate_duties: bool = True) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.vocab = vocab or vocabulary()
        self.separate_duties = separate_duties
        """Whoever made the last change of a record's content may neither approve nor publish it (off only for an
        office of one person)."""
        self._shared: tuple[int | None, Catalogue] | None = None
        self._in_use: tuple[tuple[int | None, datetime | None], InUse] | None = None
        self._visible: dict[tuple[Any, str], Catalogue] = {}
        self._lock = threading.Lock()

    # -- what the officer may do ---------------------------------------------------------------
    def roles(self, user: str) -> dict[str, str]:
        """The agencies the officer is a member of, with the role in each."""
        return Accounts(self.store.engine).roles(user)

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

    def require_four_eyes(self, user: str, kind: str, record_id: str, verb: str) -> None:
        """The last editor of a change may not approve or publish it (unless the office is one person)."""
        if self.separate_duties and self.last_editor(kind, record_id) == user:
            raise Forbidden(Message("you made the last change to this record: someone else must %(action)s it",
                                    action=ACTION_NAMES[verb]))

    # -- reading -------------------------------------------------------------------------------
    def _latest_change(self) -> int | None:
        with self.store.engine.connect() as connection:
            return latest_records_change(connection)

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

    @staticmethod
    def _report_concepts(shared: Catalogue) -> set[tuple[str, str]]:
        """The concepts that metadata structures name, of the structure's own agency's schemes: every officer sees
        them (a report's form is laid out by them; a structure names what reports give, never data)."""
        resolver, found = shared.shared().concepts, set()
        for structure in shared.metadata_structures.values():
            for attribute in structure.attributes:
                try:
                    key, concept = resolver.resolve(attribute.concept)
                except UnresolvedReference:
                    continue
                if shared.concept_schemes[key].agency == structure.agency:
                    found.add((key, concept.id))
        return found

    @staticmethod
    def _report_codelists(shared: Catalogue) -> set[str]:
        """The codelists that metadata structures name, each of the structure's own agency: every officer sees them
        (a report's coded values are checked against them; a structure names what reports give, never data)."""
        resolver, found = shared.shared().codelists, set()
        for structure in shared.metadata_structures.values():
            for attribute in structure.attributes:
                if attribute.codelist is None:
                    continue
                try:
                    key = resolver.resolve(attribute.codelist)
                except UnresolvedReference:
                    continue
                if shared.codelists[key].agency == structure.agency:
                    found.add(key)
        return found

    def visible_to(self, agency: str) -> Catalogue:
        """The shared records as a record of ``agency`` may refer to them: the agency's own codelists, concept
        schemes and data structures, and of the others' only what the public view holds now (what a released
        dataset's public variable uses, a structure a released dataset names that has no confidential variable, a
        series a released dataset is a release of);
        the rest is as if it did not exist, so that no reference, picker or preview discloses it."""
        shared = self.shared()
        now = self.clock()
        public = PublicRecords(self.store, shared, now)
        key = (self._latest_change(), public.last_release())
        with self._lock:
            if self._in_use is None or self._in_use[0] != key:
                self._in_use = (key, public.shared_in_use())
                self._visible.clear()
            codelists_used, concepts_used, structures_used, series_used = self._in_use[1]
            kept = self._visible.get((key, agency))
        if kept is not None:
            return kept
        reported = self._report_codelists(shared)
        codelists = {i: codelist for i, codelist in shared.codelists.items()
                     if codelist.agency == agency or i in codelists_used or i in reported}
        named = self._report_concepts(shared)
        schemes: dict[str, ConceptScheme] = {}
        for scheme_id, scheme in shared.concept_schemes.items():
            concepts = scheme.concepts if scheme.agency == agency else \
                [concept for concept in scheme.concepts if (scheme_id, concept.id) in concepts_used
                 or (scheme_id, concept.id) in named]
            if concepts:
                schemes[scheme_id] = scheme if len(concepts) == len(scheme.concepts) else \
                    scheme.model_copy(update={"concepts": concepts})
        structures = {key: structure for key, structure in shared.data_structures.items()
                      if structure.agency == agency or (key in structures_used and  # all of it is public
                                                        not any(v.confidential for v in structure.variables))}
        values = {name: getattr(shared, name) for name in Catalogue.model_fields}
        series = {i: s for i, s in shared.series.items() if s.publisher == agency or i in series_used}
        reports = {i: r for i, r in shared.metadata_reports.items() if r.publisher == agency}
        visible = Catalogue.model_construct(**{**values, "codelists": codelists, "concept_schemes": schemes,
                                               "data_structures": structures, "series": series,
                                               "metadata_reports": reports})
        with self._lock:
            if len(self._visible) > 64:
                self._visible.clear()
            self._visible[(key, agency)] = visible
        return visible

    def current(self, kind: str, record_id: str) -> Opened:
        """The record as it is now (its working copy if it has one), whoever asks."""
        publisher = self.info().publisher
        with self.store.engine.connect() as connection:
            record, copy = record_and_copy(connection, kind, record_id)
        return opened_from(kind, record_id, record, copy, publisher)

    def open(self, user: str, kind: str, record_id: str) -> Opened:
        """The record for the officer's form: members of the owning agency only (drafts are theirs alone); to anyone
        else it does not exist (the same answer as an unknown id: not even its owner is told)."""
        opened = self.current(kind, record_id)
        if opened.agency not in self.roles(user):
            raise NotFound(unknown_record(kind, record_id))
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
        previous = data.get("previous_version") if kind == "dataset" else None
        if isinstance(names, list) or isinstance(previous, str):
            named = {name for name in (names if isinstance(names, list) else []) if isinstance(name, str)}
            wanted = sorted(named - {data.get("id")})[:MAX_RELATED]
            if isinstance(previous, str) and previous != data.get("id"):  # the version it replaces, beside them
                wanted.append(previous)
            related = self._datasets(sorted(set(wanted)))
        target = data.get("target") if kind == "metadata_report" else None
        if isinstance(target, dict) and target.get("kind") == "dataset" and isinstance(target.get("id"), str):
            related = self._datasets([target["id"]])  # the dataset a report is on
        agency = owner(kind, data, self.info().publisher)
        if user is not None:
            roles = self.roles(user)
            agency = agency if agency in roles else ""
            public = PublicRecords(self.store, self.shared(), self.clock()).released_among(related)
            related = {i: d for i, d in related.items() if i in public or d.publisher in roles}
        visible = self.visible_to(agency)
        record, issues = check_record(kind, data, visible, self.vocab, related)
        if isinstance(record, Dataset):
            issues = [*issues, *self._foreign_files(record), *self._named_alike(record, visible)]
        return record, sorted(issues, key=lambda issue: (not issue.is_error,))

    def _named_alike(self, dataset: Dataset, visible: Catalogue) -> list[Problem]:
        """A reference names in every output what it names for the officer: one that the whole catalogue (which the
        public view, the preview and the outputs resolve against) reads otherwise, or as naming several artefacts,
        is refused, in words that name only what the officer sees."""
        seen, whole = named_by(dataset, visible.shared()), named_by(dataset, self.shared().shared())
        issues = []
        for (index, field), named in seen.items():
            if named is not None and whole.get((index, field)) != named:
                issues.append(Problem.at_field(("variables", index, field), Message(
                    "'%(ref)s' would not name '%(named)s' in the published catalogue: name it in full, '%(named)s'",
                    ref=getattr(dataset.variables[index], field), named=named)))
        return issues

    def _foreign_files(self, dataset: Dataset) -> list[Problem]:
        """A local file belongs to the dataset that stored it: a path that another dataset names, or that was
        neither uploaded to this dataset nor named by it before, is refused (with the same words either way)."""
        named = {distribution.path.replace("\\", "/") for distribution in dataset.distributions if distribution.path}
        if not named:
            return []
        with self.store.engine.connect() as connection:
            owners = file_datasets(connection, sorted(named))
            stored = stored_paths(connection, sorted(named))
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
            return {row.record_id: Dataset.model_validate_json(row.document, context=context)
                    for row in dataset_documents(connection, ids)}

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
        with self.store.engine.connect() as connection:
            for copy in copies_of(connection, agencies):
                found[(copy.kind, copy.record_id)] = opened_from(copy.kind, copy.record_id, None, copy, publisher)
            for record in records_owned(connection, agencies, catalogue_publisher=publisher in roles):
                key = (record.kind, record.record_id)
                if key in found:  # a working copy of a record that is published (or loaded) too
                    found[key] = replace(found[key], published_revision=record.revision,
                                         published_release=release_moment(json.loads(record.document).get(
                                             "release_time")) if record.status != "draft" else None)
                else:
                    opened = opened_from(record.kind, record.record_id, record, None, publisher)
                    if opened.agency in roles:
                        found[key] = opened
        return [found[key] for key in sorted(found)]

    def released(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """What a released version held when first published (``checks.released``), even one deleted since;
        ``None`` for a record that is not one."""
        released = release_key(kind, record_id)
        if released is None:
            return None
        with self.store.engine.connect() as connection:
            return released_documents(connection, kind, [released]).get(released)

    def held(self, opened: Opened) -> dict[str, Any] | None:
        """What a record holds for good: its release, when it is published and released (it cannot change, and a
        working copy left beside it can never be published); ``None`` when it may change. A copy made again after
        its release was deleted may change: publishing it is what is checked."""
        return self.released(opened.kind, opened.record_id) if opened.published_revision is not None else None

    def last_editor(self, kind: str, record_id: str) -> str | None:
        """Who last changed the content of the record's working copy (``None`` without one)."""
        with self.store.engine.connect() as connection:
            return last_content_editor(connection, kind, record_id)

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self, kind: str, record_id: str) -> Iterator[Connection]:
        """One action's writes; two officers who save the same revision at once meet the revision's unique
        key, and the second gets the conflict."""
        try:
            with self.store.engine.begin() as connection:
                yield connection
        except IntegrityError:
            current = self.current(kind, record_id)
            raise Conflict(current, current.revision - 1) from None

    def _write_copy(self, connection: Connection, user: str, current: Opened | None, kind: str, record_id: str,
                    agency: str, data: dict[str, Any], stage: str, message: str, edited: bool) -> int:
        """A new revision of the working copy (made from the published record when there is none yet); ``edited``:
        its content changed (the officer becomes its last editor), not only its stage."""
        _, issues = self.check(kind, data)
        revision = next_revision(connection, kind, record_id)
        save = CopySave(agency=agency, document=json.dumps(data, ensure_ascii=False, sort_keys=True), stage=stage,
                        revision=revision, errors=sum(issue.is_error for issue in issues), author=user,
                        at=self.clock(), message=message, edited=edited)
        existing = current is not None and current.editing
        save_copy(connection, kind, record_id, save, existing,
                  base_revision=current.published_revision if current is not None else None)
        return revision

    def fresh(self, user: str, kind: str, record_id: str, revision: int, action: str) -> Opened:
        """The record, if the officer may do ``action`` on it and their form is of its latest revision."""
        current = self.open(user, kind, record_id)
        self.require(user, current.agency, action)
        if revision != current.revision:
            raise Conflict(current, revision)
        return current

    @staticmethod
    def as_draft(kind: str, data: dict[str, Any], current: Opened | None = None) -> dict[str, Any]:
        """The officer's data with what the workflow sets rather than the form: the record's id, and a dataset's
        status and release time (a new dataset is a draft; both change only when a publisher publishes it: a
        working copy is never public, whatever its status says)."""
        if current is not None:  # the id it has (an agency or a version changed is refused: ``kept_identity``)
            data = {**data, "id": identity_fields(kind, current.record_id)["id"]}
        fields = WORKFLOW_FIELDS.get(kind, ())
        if fields:
            kept: dict[str, Any] = {name: current.data[name] for name in fields
                                    if current is not None and name in current.data}
            data = {**{k: v for k, v in data.items() if k not in fields}, "status": "draft", **kept}
        return data

    def change(self, user: str, current: Opened, data: dict[str, Any], action: str, message: str,
               detail: str = "", also: Callable[[Connection], Any] | None = None) -> Opened:
        """The one entrance for every change of a record's content (save, apply a suggestion, restore, paste codes,
        attach a file): its id cannot change, nor can a released version (``checks.released``), what the workflow
        sets is kept (a dataset's status and release time), the officer must be an editor of the agency owning it
        before and after the change, and the change is in the audit log of each of those agencies. The new revision
        is a draft; ``also``: what the change brings with it, in the same transaction (done, and audited, even when
        the content is unchanged)."""
        kind, record_id = current.kind, current.record_id
        if self.held(current) is not None:
            raise NotReady(released_message(record_id))
        bounded(data, message, detail)
        shaped(kind, data)
        data = kept_identity(kind, record_id, data)
        data = self.as_draft(kind, data, current)
        agency = owner(kind, data, self.info().publisher)
        self.require(user, current.agency, "edit")
        if agency != current.agency:
            self.require(user, agency, "edit")
        if self._same(kind, data, current.data):  # nothing changed: no empty revision
            if also is not None:  # what it brings is still done (a suggestion is resolved), and audited
                with self.store.engine.begin() as connection:
                    also(connection)
                    log_action(connection, self.clock(), user, current.agency, action, kind, record_id,
                               current.revision, detail)
            return current
        with self.transaction(kind, record_id) as connection:
            saved = self._write_copy(connection, user, current, kind, record_id, agency, data, "draft", message,
                                     edited=True)
            for concerned in dict.fromkeys((current.agency, agency)):
                log_action(connection, self.clock(), user, concerned, action, kind, record_id, saved, detail)
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

