"""Review: reviewers' comments on a record's fields, each with an optional suggested value that an editor applies
in one click, until someone resolves them. The comments of a record deleted and made again stay with the deleted
one."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from catalogue.errors import NotFound, NotReady
from catalogue.messages import Message
from catalogue.model.kinds import KIND_NAMES
from catalogue.records.yamlsource import plain_data_problems
from catalogue.store.audit import log_action
from catalogue.store.comments import add_comment, comment_count, comment_rows, resolve_comment, resolve_open_comment
from catalogue.store.revisions import life_start
from catalogue.support.moments import aware
from catalogue.editing.core import EditingCore
from catalogue.editing.formdata import parse_path, value_at, with_value
from catalogue.editing.inputs import bounded
from catalogue.editing.opened import Opened

MAX_COMMENT = 20_000
MAX_COMMENTS = 1000
"""Comments a record takes in one life (since it was last made): what a page or the API lists of it is bounded."""
"""Characters of a comment at most."""


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


def comment(editing: EditingCore, user: str, kind: str, record_id: str, path: str, text: str,
            suggestion: Any = None) -> int:
    """A reviewer's comment on a field (``path``; '' for the whole record), with an optional suggested value; its
    id."""
    current = editing.open(user, kind, record_id)
    editing.require(user, current.agency, "comment")
    if not text.strip():
        raise NotReady(Message("write the comment"))
    if len(text) > MAX_COMMENT:
        raise NotReady(Message("a comment holds %(count)s characters at most", count=f"{MAX_COMMENT:,}"))
    with editing.store.engine.connect() as connection:
        held = comment_count(connection, kind, record_id, life_start(connection, kind, record_id))
    if held >= MAX_COMMENTS:
        raise NotReady(Message("a record takes %(count)s comments at most", count=f"{MAX_COMMENTS:,}"))
    try:
        parse_path(path)
    except ValueError as error:
        raise NotReady(*error.args) from None
    bounded(suggestion, path, text)
    if suggestion is not None and plain_data_problems(suggestion):
        raise NotReady(Message("the suggestion holds a character XML cannot carry"))
    with editing.store.engine.begin() as connection:
        comment_id = add_comment(connection, kind, record_id, current.revision, path, user, text.strip(),
                                 None if suggestion is None else json.dumps(suggestion, ensure_ascii=False),
                                 editing.clock())
        log_action(connection, editing.clock(), user, current.agency, "comment", kind, record_id, current.revision,
                   path)
        return comment_id


def comments(editing: EditingCore, user: str, kind: str, record_id: str) -> list[Comment]:
    """The comments on the record since it was last made, oldest first (members of the owning agency only)."""
    editing.open(user, kind, record_id)
    with editing.store.engine.connect() as connection:
        rows = comment_rows(connection, kind, record_id, life_start(connection, kind, record_id))
    return [Comment(id=row.id, revision=row.revision, path=row.path, author=row.author, text=row.text,
                    suggestion=None if row.suggestion is None else json.loads(row.suggestion),
                    created_at=aware(row.created_at), resolved_by=row.resolved_by) for row in rows]


def apply_suggestion(editing: EditingCore, user: str, kind: str, record_id: str, revision: int,
                     comment_id: int) -> Opened:
    """The comment's suggested value put in its field, as a new revision; the comment is resolved."""
    current = editing.fresh(user, kind, record_id, revision, "edit")
    found = next((c for c in comments(editing, user, kind, record_id) if c.id == comment_id), None)
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
    resolved_at = editing.clock()
    return editing.change(user, current, data, "apply_suggestion",
                          f"applied the suggestion of {found.author} on {found.path}", found.path,
                          also=lambda connection: resolve_comment(connection, comment_id, user, resolved_at))


def resolve(editing: EditingCore, user: str, kind: str, record_id: str, comment_id: int) -> None:
    """Mark an open comment on the record resolved (an editor of the owning agency)."""
    current = editing.open(user, kind, record_id)
    editing.require(user, current.agency, "edit")
    with editing.store.engine.begin() as connection:
        start = life_start(connection, kind, record_id)
        if resolve_open_comment(connection, kind, record_id, comment_id, start, user, editing.clock()):
            log_action(connection, editing.clock(), user, current.agency, "resolve", kind, record_id,
                       current.revision, str(comment_id))
