"""The editor's JSON API, for scripts: every action of the browser forms (create, update, check, comment, submit,
approve, send back, publish, restore, history), on the same code below HTTP (``catalogue.editing``).

A script authenticates with a token of its account (``catalogue user token NAME``) as ``Authorization: Bearer
…``; its role in each agency decides what it may do, as in the browser. Every answer about a record carries its
revision as an ``ETag``; a change must send it back as ``If-Match`` and gets ``412`` when the record has moved on
since (``428`` without it): never a silent overwrite.
"""

# no `from __future__ import annotations`: FastAPI reads the route functions' annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from catalogue.errors import (Conflict, EditingError, NotFound, PreconditionFailed, PreconditionRequired, Problem,
                              RequestError, Unauthenticated)
from catalogue.editing.revisions import HISTORY_PAGE, MAX_HISTORY_PAGE, MAX_REVISION
from catalogue.editing.service import KEEP, Comment, Editing, Opened
from catalogue.model import RECORD_KINDS
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.errors import status_of
from catalogue.support.strict import whole_number

PREFIX = "/api/editor"
BEARER = HTTPBearer(auto_error=False, description="An API token of the account: `catalogue user token NAME`")


class IssueOut(BaseModel):
    path: str = Field(description="The field, e.g. variables[2].codelist ('' for the record)")
    message: str
    severity: str = Field(description="error | warning")


class RecordOut(BaseModel):
    kind: str
    id: str
    agency: str = Field(description="The agency that owns the record")
    stage: str = Field(description="draft | in_review | approved | published")
    revision: int = Field(description="Send it back as If-Match to change the record")
    data: dict[str, Any] = Field(description="The record, as in a record file")
    issues: list[IssueOut] = Field(description="What `catalogue check` says of it")


class RecordIn(BaseModel):
    data: dict[str, Any] = Field(description="The whole record, as in a record file")
    message: str = Field(default="", description="What changed, for the history")


class PublishIn(BaseModel):
    release_time: datetime | None = Field(
        default=None, description="Embargo: not public before (with a time zone); null: at once. Left out: the "
                                  "record keeps the release time it has")
    confirm_early_release: bool = Field(default=False, description="Release an embargoed dataset before its "
                                                                   "current release time")


class CommentIn(BaseModel):
    path: str = Field(default="", description="The field, e.g. title.fr or variables.2.label.en ('' for the record)")
    text: str
    suggestion: Any = Field(default=None, description="A value the editors can apply in one step")


class RestoreIn(BaseModel):
    revision: int = Field(description="The revision whose content becomes the new one")


class NewVersionIn(BaseModel):
    version: str = Field(max_length=64, description="The new version: '1.1', '1.1.0' or '1.2.0-draft'")
    message: str = Field(default="", max_length=1000, description="Why (kept in the history)")


class ChangeOut(BaseModel):
    field: str = Field(description="The field, as check names it: 'codes[F].name.en'")
    before: str
    after: str


class RevisionOut(BaseModel):
    revision: int
    stage: str
    author: str
    message: str
    created_at: datetime
    deleted: bool


def etag(revision: int) -> str:
    return f'"{revision}"'


def _revision_of(if_match: str | None) -> int:
    if not if_match:
        raise PreconditionRequired("send the record's ETag as If-Match: a change needs the revision it was made on")
    revision = whole_number(if_match.split(",")[0].strip().removeprefix("W/").strip('"'))
    if revision is None:
        raise PreconditionFailed(f"If-Match {if_match[:60]!r} is not an ETag of this API")
    return revision


def _issue(issue: Problem) -> IssueOut:
    return IssueOut(path=issue.path, message=issue.message, severity=issue.severity.value)

router = APIRouter(prefix=PREFIX, tags=["editor"])


def user(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)], pages: PagesDep) -> str:
    """The name of the account whose API token the request carries (401 without a live one)."""
    name = pages.accounts.token_user(credentials.credentials) if credentials else None
    if name is None:
        raise Unauthenticated("an API token is missing or not valid")
    return name


User = Annotated[str, Depends(user)]
IfMatch = Annotated[str | None, Header(description="The record's ETag (its revision)")]


def _record(editing: Editing, opened: Opened, user: str, status: int = 200,
            location: str | None = None) -> JSONResponse:
    """A record with what check says of it, and its revision as the ETag."""
    _, issues = editing.check(opened.kind, opened.data, user)
    body = RecordOut(kind=opened.kind, id=opened.record_id, agency=opened.agency, stage=opened.stage,
                     revision=opened.revision, data=opened.data, issues=[_issue(i) for i in issues])
    headers = {"ETag": etag(opened.revision), "Cache-Control": "no-store"}
    if location:
        headers["Location"] = location
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _known(kind: str) -> None:
    if kind not in RECORD_KINDS:
        raise NotFound(f"no kind of record '{kind}' (expected one of: {', '.join(RECORD_KINDS)})")


@router.get("/records/{kind}/{record_id}", response_model=RecordOut, summary="A record, with what check says")
def get_record(kind: str, record_id: str, name: User, editing: EditingDep) -> Response:
    _known(kind)
    return _record(editing, editing.open(name, kind, record_id), name)


@router.post("/records/{kind}", response_model=RecordOut, status_code=201, summary="Create a record (a draft)")
def create(kind: str, body: RecordIn, name: User, editing: EditingDep) -> Response:
    _known(kind)
    created = editing.create(name, kind, body.data, body.message)
    return _record(editing, created, name, 201, f"{PREFIX}/records/{kind}/{created.record_id}")


@router.put("/records/{kind}/{record_id}", response_model=RecordOut, summary="Save a new revision (a draft)")
def update(kind: str, record_id: str, body: RecordIn, name: User, editing: EditingDep,
           if_match: IfMatch = None) -> Response:
    _known(kind)
    return _record(editing, editing.save(name, kind, record_id, body.data, _revision_of(if_match), body.message),
                   name)


@router.post("/records/{kind}/{record_id}/check", response_model=list[IssueOut],
             summary="What check would say of this record, unsaved")
def check(kind: str, record_id: str, body: RecordIn, name: User, editing: EditingDep) -> Response:
    _known(kind)
    current = editing.open(name, kind, record_id)
    _, issues = editing.check(kind, editing.as_draft(kind, body.data, current), name)
    return JSONResponse([_issue(issue).model_dump() for issue in issues])


def _workflow_step(step: str) -> Callable[..., Response]:
    """The route of one workflow step without a body (``Editing.submit``, ``approve``, ``send_back``)."""
    def handler(kind: str, record_id: str, name: User, editing: EditingDep, if_match: IfMatch = None) -> Response:
        _known(kind)
        return _record(editing, getattr(editing, step)(name, kind, record_id, _revision_of(if_match)), name)
    handler.__name__ = step
    return handler


for _step, _summary in (("submit", "Submit a draft without errors for review"),
                        ("approve", "Approve a record in review (reviewer)"),
                        ("send_back", "Send a record back to draft (reviewer)")):
    router.add_api_route(f"/records/{{kind}}/{{record_id}}/{_step.replace('_', '-')}", _workflow_step(_step),
                         methods=["POST"], response_model=RecordOut, summary=_summary)


@router.post("/records/{kind}/{record_id}/publish", response_model=RecordOut,
             summary="Publish an approved record, at once or at a release time (publisher)")
def publish(kind: str, record_id: str, body: PublishIn, name: User, editing: EditingDep,
            if_match: IfMatch = None) -> Response:
    _known(kind)
    release_time = body.release_time if "release_time" in body.model_fields_set else KEEP
    return _record(editing, editing.publish(name, kind, record_id, _revision_of(if_match), release_time,
                                            body.confirm_early_release), name)


@router.post("/records/{kind}/{record_id}/restore", response_model=RecordOut,
             summary="Make an old revision's content the new revision")
def restore(kind: str, record_id: str, body: RestoreIn, name: User, editing: EditingDep,
            if_match: IfMatch = None) -> Response:
    _known(kind)
    return _record(editing, editing.restore(name, kind, record_id, _revision_of(if_match), body.revision), name)


@router.post("/records/{kind}/{record_id}/new-version", response_model=RecordOut, status_code=201,
             summary="Make a new version of a codelist or a concept scheme (a draft holding what this one holds)")
def new_version(kind: str, record_id: str, body: NewVersionIn, name: User, editing: EditingDep) -> Response:
    _known(kind)
    made = editing.new_version(name, kind, record_id, body.version, body.message)
    return _record(editing, made, name, 201, f"{PREFIX}/records/{kind}/{made.record_id}")


@router.get("/records/{kind}/{record_id}/versions", response_model=list[str],
            summary="Every version of a codelist or a concept scheme, oldest first")
def versions(kind: str, record_id: str, name: User, editing: EditingDep) -> list[str]:
    _known(kind)
    return editing.versions(name, kind, record_id)


@router.get("/records/{kind}/{record_id}/compare", response_model=list[ChangeOut],
            summary="What differs from another version of the artefact to this one")
def compare(kind: str, record_id: str, name: User, editing: EditingDep,
            other: Annotated[str, Query(alias="with", max_length=600)]) -> list[ChangeOut]:
    _known(kind)
    return [ChangeOut(field=change.field, before=change.before, after=change.after)
            for change in editing.compare_versions(name, kind, record_id, other)]


@router.get("/records/{kind}/{record_id}/comments", response_model=list[Comment], summary="The comments")
def comments(kind: str, record_id: str, name: User, editing: EditingDep) -> list[Comment]:
    _known(kind)
    return editing.comments(name, kind, record_id)


@router.post("/records/{kind}/{record_id}/comments", response_model=Comment, status_code=201,
             summary="Comment on a field, with an optional suggested value (reviewer)")
def comment(kind: str, record_id: str, body: CommentIn, name: User, editing: EditingDep) -> Response:
    _known(kind)
    comment_id = editing.comment(name, kind, record_id, body.path, body.text, body.suggestion)
    made = next(c for c in editing.comments(name, kind, record_id) if c.id == comment_id)
    return JSONResponse(made.model_dump(mode="json"), status_code=201)


@router.post("/records/{kind}/{record_id}/comments/{comment_id}/apply", response_model=RecordOut,
             summary="Apply a comment's suggested value, as a new revision")
def apply(kind: str, record_id: str, comment_id: int, name: User, editing: EditingDep,
          if_match: IfMatch = None) -> Response:
    _known(kind)
    return _record(editing, editing.apply_suggestion(name, kind, record_id, _revision_of(if_match), comment_id), name)


@router.get("/records/{kind}/{record_id}/history", response_model=list[RevisionOut],
            summary="The revisions, newest first, a page at a time (a Link header names the next page)")
def history(request: Request, kind: str, record_id: str, name: User, editing: EditingDep,
            limit: Annotated[int, Query(ge=1, le=MAX_HISTORY_PAGE)] = HISTORY_PAGE,
            before: Annotated[int | None, Query(ge=1, le=MAX_REVISION)] = None) -> Response:
    _known(kind)
    rows = editing.history(name, kind, record_id, limit + 1, before)
    page = [RevisionOut(**row).model_dump(mode="json") for row in rows[:limit]]
    headers = {}
    if len(rows) > limit:
        following = request.url.include_query_params(before=rows[limit - 1]["revision"], limit=limit)
        headers["Link"] = f'<{following}>; rel="next"'
    return JSONResponse(page, headers=headers)


@router.get("/records/{kind}/{record_id}/revisions/{revision}", summary="The record as one revision held it")
def revision(kind: str, record_id: str, revision: int, name: User, editing: EditingDep) -> Response:
    _known(kind)
    editing.open(name, kind, record_id)
    document = editing.revision_document(kind, record_id, revision)
    if document is None:
        raise NotFound(f"revision {revision} of {kind} '{record_id}' holds no record")
    return JSONResponse(document, headers={"ETag": etag(revision)})


API_ERRORS = (EditingError, Unauthenticated, PreconditionRequired, PreconditionFailed)
"""What the API answers with ``problem`` (the browser forms catch their EditingErrors and answer pages)."""


def problem(request: Request, exc: Exception) -> Response:
    """An error of the editing service as JSON: its status from ``errors.STATUS``; a stale ``If-Match`` as 412
    (the precondition of the change failed, RFC 9110) with the record's current revision."""
    if isinstance(exc, Conflict):
        return JSONResponse({"error": str(exc), "revision": exc.current.revision}, status_code=412,
                            headers={"ETag": etag(exc.current.revision), "Cache-Control": "no-store"})
    assert isinstance(exc, (EditingError, RequestError))
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthenticated) else {}
    return JSONResponse({"error": str(exc)}, status_code=status_of(exc), headers=headers)
