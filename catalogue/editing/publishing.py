"""Publishing: an approved working copy written into the published records, once it passes every check — its own,
its data files', and those of the records that refer to it."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel

from catalogue.checks.integrity import check_integrity
from catalogue.checks.released import released_message
from catalogue.errors import Conflict, EarlyRelease, NotReady, Severity
from catalogue.messages import Message
from catalogue.model import Catalogue, Dataset
from catalogue.model.kinds import CATALOGUE_FIELDS, OWNER_FIELDS, record_key
from catalogue.model.references import named_by
from catalogue.search.index import refresh as refresh_search
from catalogue.store.audit import log_action
from catalogue.store.datafiles import file_content, index_dataset_files
from catalogue.store.released import release
from catalogue.store.revisions import next_revision
from catalogue.store.store import canonical_json, record_context
from catalogue.store.working import publish_copy, record_and_copy
from catalogue.editing.checks import with_record
from catalogue.editing.core import EditingCore
from catalogue.editing.filechecks import check_distribution_file
from catalogue.editing.opened import Opened, owner, release_moment
from catalogue.editing.workflow import MOVES, STAGES

KEEP = "keep"
"""Publishing with the release time the record has (the default): only a publisher who says so changes it."""


def publish(editing: EditingCore, user: str, kind: str, record_id: str, revision: int,
            release_time: datetime | str | None = KEEP, confirm_early: bool = False) -> Opened:
    """Write an approved record into the published records (``Editing.publish`` tells the rules)."""
    current = editing.fresh(user, kind, record_id, revision, MOVES["publish"].action)
    if current.stage not in MOVES["publish"].start:
        raise NotReady(Message("the record is %(stage)s: only an approved record is published",
                               stage=STAGES[current.stage].noun))
    editing.require_four_eyes(user, kind, record_id, "publish")
    now = editing.clock()
    data = dict(current.data)
    if kind == "dataset":
        data = released_data(data, release_time, confirm_early, now)
    elif kind == "metadata_report":  # published with the record: a report's status is the workflow's
        data["status"] = "published"
    record = publishable(editing, user, kind, data)
    if record_key(kind, record) != record_id:  # a copy made before identities were keys may say another version
        raise NotReady(Message("its agency, id and version make '%(key)s', not '%(record)s': make it a new record",
                               key=record_key(kind, record), record=record_id))
    with editing.transaction(kind, record_id) as connection:
        editing.store.changing_records(connection)
        stored, copy = record_and_copy(connection, kind, record_id)
        if copy is None or copy.revision != revision or (stored.revision if stored else None) != copy.base_revision:
            fresh = editing.current(kind, record_id)
            raise Conflict(fresh, revision)
        if isinstance(record, Dataset):
            record = with_modified(record, stored.document if stored is not None else None, now)
        if release(connection, [(kind, record_id, record)], record_context(editing.info()), now):
            raise NotReady(released_message(record_id))
        published = next_revision(connection, kind, record_id)
        publish_copy(connection, kind, record_id, record, published, user, now, replacing=stored is not None)
        if isinstance(record, Dataset):  # which files the public server serves for it, once released
            index_dataset_files(connection, record)
        refresh_search(connection, [(kind, record_id)], now=now)  # found from its release, to the second
        moment = getattr(record, "release_time", None)
        detail = f"release time {moment.isoformat()}" if moment else ""
        before = owner(kind, json.loads(stored.document), editing.info().publisher) if stored is not None else None
        for concerned in dict.fromkeys(a for a in (before, current.agency) if a):
            log_action(connection, editing.clock(), user, concerned, "publish", kind, record_id, published, detail)
    return editing.current(kind, record_id)


def publishable(editing: EditingCore, user: str, kind: str, data: dict[str, Any]) -> BaseModel:
    """The record the data make, if it has no errors, its data files (a dataset's) none, and publishing it would
    make no other record invalid; otherwise ``NotReady`` saying what is wrong."""
    record, issues = editing.check(kind, data)
    errors = [issue for issue in issues if issue.is_error]
    if record is None or errors:
        raise NotReady(Message.counted("the record has %(count)s error: fix it before it is %(moved)s",
                                       "the record has %(count)s errors: fix them before it is %(moved)s",
                                       count=len(errors), moved=Message("published")))
    if isinstance(record, Dataset):
        problems = data_problems(editing, record)
        if problems:
            raise NotReady(Message.counted("its data files have %(count)s error, %(problem)s: fix it before it is "
                                           "published", "its data files have %(count)s errors, e.g. %(problem)s: "
                                           "fix them before it is published", count=len(problems),
                                           problem=str(problems[0])))
    if kind != "dataset":
        check_dependents(editing, user, kind, record)
    return record


def released_data(data: dict[str, Any], release_time: datetime | str | None, confirm_early: bool,
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


def data_problems(editing: EditingCore, dataset: Dataset) -> list[str]:
    """The errors of the data checks of ``check`` in the dataset's local files, as stored."""
    found = []
    shared = editing.visible_to(dataset.publisher)
    for index, distribution in enumerate(dataset.distributions):
        if not distribution.path:
            continue
        path = distribution.path.replace("\\", "/")
        with editing.store.engine.connect() as connection:
            content = file_content(connection, path)
        if content is None:
            found.append(f"{path}: no such file is stored")
            continue
        found += [str(problem) for problem in check_distribution_file(dataset, index, content, editing.vocab, shared)
                  if problem.severity is Severity.ERROR]
    return found


def with_modified(record: Dataset, stored: str | None, now: datetime) -> Dataset:
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


def check_dependents(editing: EditingCore, user: str, kind: str, record: BaseModel) -> None:
    """A shared record (a codelist, a licence…) is published only if every record stays valid with it (the
    records the officer may not see are counted, not named)."""
    catalogue = editing.store.catalogue()
    if catalogue is None:
        return
    changed = with_record(catalogue, kind, record, catalogue.datasets)
    record_id = record_key(kind, record)
    before = {(f.kind, f.record_id, f.path, f.message) for f in check_integrity(catalogue, editing.vocab)}
    broken = [(f.kind, f.record_id, f.path) for f in check_integrity(changed, editing.vocab)
              if f.severity.value == "error" and (f.kind, f.record_id) != (kind, record_id)
              and (f.kind, f.record_id, f.path, f.message) not in before]
    broken = list(dict.fromkeys([*broken, *_renamed(catalogue, changed)]))
    if broken:
        roles = editing.roles(user)  # each record and field named, never a message (it may name hidden records)
        shown = "; ".join(f"{broken_kind} {broken_id}: {path}" for broken_kind, broken_id, path in broken
                          if owner_of(editing, catalogue, broken_kind, broken_id) in roles)
        raise NotReady(Message.counted("publishing it would make %(count)s other record invalid: %(shown)s",
                                       "publishing it would make %(count)s other records invalid: %(shown)s",
                                       count=len(broken), shown=shown) if shown else
                       Message.counted("publishing it would make %(count)s other record invalid (a record of "
                                       "another agency)", "publishing it would make %(count)s other records "
                                       "invalid (records of other agencies)", count=len(broken)))


def _renamed(before: Catalogue, after: Catalogue) -> list[tuple[str, str, str]]:
    """The references of the datasets that a shared record would make name another agency's artefact: a short
    reference of one agency's dataset is never taken over by another's codelist or concept (a new version of the
    same artefact, by its own agency, is what a reference without version asks for)."""
    old, new = before.shared(), after.shared()
    renamed = []
    for dataset_id, dataset in before.datasets.items():
        now = named_by(dataset, new)
        for (index, field), named in named_by(dataset, old).items():
            then_agency = named.split(":", 1)[0] if named else None
            now_named = now.get((index, field))
            if named is not None and (now_named is None or now_named.split(":", 1)[0] != then_agency):
                renamed.append(("dataset", dataset_id, f"variables[{index}].{field}"))
    return renamed


def owner_of(editing: EditingCore, catalogue: Catalogue, kind: str, record_id: str) -> str:
    """The agency owning a stored record of ``catalogue``."""
    field = OWNER_FIELDS.get(kind)
    found = getattr(catalogue, CATALOGUE_FIELDS[kind]).get(record_id) if kind in CATALOGUE_FIELDS else None
    value = getattr(found, field, None) if found is not None and field else None
    return owner(kind, {field: value} if field else {}, editing.info().publisher)
