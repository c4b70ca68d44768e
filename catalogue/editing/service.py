"""The editor's actions on records, below HTTP: what the browser forms and the JSON API both call.

A record being edited is a *working copy* beside the published records: every save is a revision of it
(stage draft, in review or approved), and nothing of it reaches the public view until it is published,
which writes it into the records in one transaction. Each action checks the officer's role in the agency
that owns the record, the revision the officer's form was opened on (a stale one is a conflict, never an
overwrite), and the rules of ``check``; each is written to the agency's audit log.

``Editing`` is the one entrance. What the actions build on is in ``core``; publishing is told in ``publishing``,
comments in ``review``, a record's past in ``revisions``; every table is read and written through
``catalogue.store``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from catalogue.errors import BadPaste, NotFound, NotReady
from catalogue.messages import Message
from catalogue.model.kinds import CATALOGUE_KIND
from catalogue.store.audit import audit_rows, log_action
from catalogue.store.store import Store
from catalogue.support.moments import aware
from catalogue.store.working import record_and_copy, record_head
from catalogue.vocab import Vocabulary
from catalogue.editing import publishing, releases, review, revisions, versions
from catalogue.editing.codes import CodeIndex, index_codes, merge_codes, pasted_summary, read_codes_csv
from catalogue.editing.core import WORKFLOW_FIELDS, EditingCore
from catalogue.editing.diff import Change
from catalogue.editing.formdata import field_value
from catalogue.editing.inputs import bounded, checked_key, shaped
from catalogue.editing.opened import Opened, owner, release_moment, unknown_record
from catalogue.editing.publishing import KEEP
from catalogue.editing.review import Comment
from catalogue.editing.workflow import MOVES, STAGES

HISTORY_MESSAGES = ("saved", "created", *(move.done for move in MOVES.values()))
"""What the history says of a change whose officer wrote no message (gettext message ids: shown translated)."""
CODE_INDEXES_KEPT = 8
"""Indexed codelists kept per worker (a 100,000-code codelist takes about 30 MB)."""


class Editing(EditingCore):
    """The editor's actions on one store."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None,
                 vocab: Vocabulary | None = None, separate_duties: bool = True) -> None:
        super().__init__(store, clock, vocab, separate_duties)
        self._code_indexes: dict[tuple[str, int], CodeIndex] = {}

    # -- the audit log -------------------------------------------------------------------------
    def audit_catalogue(self, user: str, action: str, detail: str) -> None:
        """An action on the whole catalogue, in its publisher's audit log."""
        info = self.info()
        with self.store.engine.begin() as connection:
            log_action(connection, self.clock(), user, info.publisher, action, CATALOGUE_KIND, info.id, None, detail)

    def audit(self, user: str, agency: str, limit: int = 500) -> list[dict[str, Any]]:
        """The agency's latest actions, newest first (its admins only)."""
        self.require(user, agency, "manage members")
        with self.store.engine.connect() as connection:
            rows = audit_rows(connection, agency, limit)
        return [{**row._asdict(), "at": aware(row.at)} for row in rows]

    # -- actions on a record ---------------------------------------------------------------------
    def create(self, user: str, kind: str, data: dict[str, Any], message: str = "") -> Opened:
        """A new record, as a draft of the agency it names (the officer must be an editor there). An id in use is
        refused in the same words whoever holds it (a record of another agency may be hidden)."""
        info = self.info()
        bounded(data, message)
        if kind == CATALOGUE_KIND:
            raise NotReady(Message("a store holds one catalogue record: edit it"))
        shaped(kind, data)
        record_id = checked_key(kind, data)
        data = self.as_draft(kind, data)
        agency = owner(kind, data, info.publisher)
        self.require(user, agency, "edit")
        with self.transaction(kind, record_id) as connection:
            record, copy = record_and_copy(connection, kind, record_id)
            if record is not None or copy is not None:
                raise NotReady(Message("the id '%(id)s' is taken: choose another", id=record_id))
            revision = self._write_copy(connection, user, None, kind, record_id, agency, data, "draft",
                                        message or "created", edited=True)
            log_action(connection, self.clock(), user, agency, "create", kind, record_id, revision)
        return self.current(kind, record_id)

    def save(self, user: str, kind: str, record_id: str, data: dict[str, Any], revision: int,
             message: str = "") -> Opened:
        """A new revision with the officer's data (it may hold errors: it is a draft); back to draft if it was in
        review or approved. ``revision`` is the one the form was opened on."""
        current = self.fresh(user, kind, record_id, revision, "edit")
        return self.change(user, current, data, "save", message or "saved", message)

    # -- versions of a codelist or a concept scheme (``versions``) ---------------------------------
    def versions(self, user: str, kind: str, record_id: str) -> list[str]:
        """Every version of the artefact, oldest first (members of the agency maintaining it)."""
        return versions.versions_of(self, user, kind, record_id)

    def suggested_version(self, user: str, kind: str, record_id: str) -> str:
        return versions.suggested_version(self, user, kind, record_id)

    def new_version(self, user: str, kind: str, record_id: str, version: str, message: str = "") -> Opened:
        """A new draft record holding what ``record_id`` holds, as ``version``: how a released version changes."""
        data = versions.new_version_data(self, user, kind, record_id, version)
        return self.create(user, kind, data, message or f"new version of {record_id}")

    def compare_versions(self, user: str, kind: str, record_id: str, other: str) -> list[Change]:
        """What differs from version ``other`` to ``record_id`` of one artefact."""
        return versions.compare_versions(self, user, kind, record_id, other)

    # -- releases of a series, versions of a dataset (``releases``) -------------------------------
    def releases(self, user: str, series_id: str) -> list[Opened]:
        """The series' releases that the officer's agencies make or have made, in any stage, in order."""
        self.open(user, "series", series_id)
        return releases.releases_of(self, user, series_id)

    def next_release(self, user: str, dataset_id: str, new_id: str, message: str = "") -> Opened:
        """A new draft release after ``dataset_id`` (the latest of its series): its texts and structure, its period
        moved on by its frequency."""
        data = releases.next_release_data(self, user, dataset_id, new_id)
        return self.create(user, "dataset", data, message or f"next release after {dataset_id}")

    def suggested_dataset_version(self, user: str, dataset_id: str) -> tuple[str, str]:
        """The id and version a new version of ``dataset_id`` suggests."""
        return releases.suggested_version_id(self, user, dataset_id)

    def new_dataset_version(self, user: str, dataset_id: str, new_id: str, version: str, notes: str,
                            message: str = "") -> Opened:
        """A new draft version of ``dataset_id`` that replaces it once released, saying what it changes."""
        data = releases.new_version_data(self, user, dataset_id, new_id, version, notes)
        return self.create(user, "dataset", data, message or f"new version of {dataset_id}")

    # -- the workflow --------------------------------------------------------------------------
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
            self.require_four_eyes(user, kind, record_id, "approve")
        if target != "draft":
            _, issues = self.check(kind, current.data)
            errors = [issue for issue in issues if issue.is_error]
            if errors:
                raise NotReady(Message.counted("the record has %(count)s error: fix it before it is %(moved)s",
                                               "the record has %(count)s errors: fix them before it is %(moved)s",
                                               count=len(errors), moved=message))
        with self.transaction(kind, record_id) as connection:
            moved = self._write_copy(connection, user, current, kind, record_id, current.agency, current.data, target,
                                     str(message), edited=False)
            log_action(connection, self.clock(), user, current.agency, verb, kind, record_id, moved)
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
        return publishing.publish(self, user, kind, record_id, revision, release_time, confirm_early)

    # -- codes of a codelist -----------------------------------------------------------------------
    def head(self, kind: str, record_id: str) -> tuple[str, int]:
        """The owning agency and the latest revision of a record, without reading the record."""
        with self.store.engine.connect() as connection:
            found = record_head(connection, kind, record_id)
        if found is None:
            raise NotFound(unknown_record(kind, record_id))
        agency, revision = found
        return agency or self.info().publisher, revision

    def code_index(self, user: str, record_id: str) -> CodeIndex:
        """The codes of a codelist's latest revision, indexed for search and the tree (kept per revision: the next
        keystroke reads two columns, not the codelist)."""
        agency, revision = self.head("codelist", record_id)
        if agency not in self.roles(user):
            raise NotFound(unknown_record("codelist", record_id))
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
        changed = self.change(user, current, {**current.data, "codes": codes}, "paste_codes", message, message)
        return changed, added, updated

    # -- comments (``review``) and the past (``revisions``) ----------------------------------------
    def comment(self, user: str, kind: str, record_id: str, path: str, text: str,
                suggestion: Any = None) -> int:
        """A reviewer's comment on a field (``path``; '' for the whole record), with an optional suggested value."""
        return review.comment(self, user, kind, record_id, path, text, suggestion)

    def comments(self, user: str, kind: str, record_id: str) -> list[Comment]:
        return review.comments(self, user, kind, record_id)

    def apply_suggestion(self, user: str, kind: str, record_id: str, revision: int, comment_id: int) -> Opened:
        """The comment's suggested value put in its field, as a new revision; the comment is resolved."""
        return review.apply_suggestion(self, user, kind, record_id, revision, comment_id)

    def resolve(self, user: str, kind: str, record_id: str, comment_id: int) -> None:
        review.resolve(self, user, kind, record_id, comment_id)

    def history(self, user: str, kind: str, record_id: str, limit: int = revisions.HISTORY_PAGE,
                before: int | None = None) -> list[dict[str, Any]]:
        """Up to ``limit`` revisions of the record since it was last made (older than ``before``), newest first
        (members of the owning agency only)."""
        return revisions.history(self, user, kind, record_id, limit, before)

    def revision_document(self, kind: str, record_id: str, revision: int) -> dict[str, Any] | None:
        """What a revision of the record since it was last made held (``None``: none, or one before)."""
        return revisions.revision_document(self, kind, record_id, revision)

    def restore(self, user: str, kind: str, record_id: str, revision: int, old: int) -> Opened:
        """A new draft revision holding what revision ``old`` held."""
        return revisions.restore(self, user, kind, record_id, revision, old)


__all__ = ["Comment", "Editing", "HISTORY_MESSAGES", "KEEP", "Opened", "WORKFLOW_FIELDS", "field_value", "owner",
           "release_moment"]
