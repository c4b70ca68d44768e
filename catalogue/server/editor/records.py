"""The editor's record pages: a record's form (new or existing) with its checks, saved or acted on; the checks as
the form is typed (htmx); the workflow; comments and their suggestions; history with restore; the untranslated
texts; and an agency's audit trail.

Every form works without JavaScript (POST, then a redirect to the page, or the page again with what was typed;
the conflict page when the record moved on since the form was opened).
"""

from fastapi import Request
from fastapi.responses import Response

from catalogue.editing.diff import differences
from catalogue.editing.fields import form_fields, translation_gaps
from catalogue.editing.formdata import decode, parse_path, value_at, with_value
from catalogue.editing.revisions import HISTORY_PAGE, MAX_REVISION
from catalogue.editing.service import HISTORY_MESSAGES
from catalogue.errors import Conflict, EditingError
from catalogue.messages import Message
from catalogue.model.kinds import OWNER_FIELDS
from catalogue.server.editor.answers import acted, done, shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.labels import STAGE_LABELS
from catalogue.server.editor.record_form import (codes_kept, form_revision, issue_anchors, known, record_page,
                                                 release_time, report_values, with_action)
from catalogue.server.errors import status_of
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import Session, allowed
from catalogue.support.strict import whole_number

router = RouteGroup()


@router.get("/editor/audit/{agency}", include_in_schema=False)
def audit(request: Request, agency: str, pages: PagesDep, editing: EditingDep) -> Response:
    return shown(pages, request, lambda user, _: pages.page(request, "audit.html", agency=agency,
                                                            rows=editing.audit(user, agency)))


# -- a new record ------------------------------------------------------------------------------
@router.get("/editor/{kind}/new", include_in_schema=False)
def new_record(request: Request, kind: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        known(kind, creating=True)
        editing.require_somewhere(user, "edit")
        editable = sorted(agency for agency, role in editing.roles(user).items() if allowed(role, "edit"))
        field = OWNER_FIELDS.get(kind) if kind != "agency" else None
        data = {field: editable[0]} if field and editable else {}
        return record_page(pages, editing, request, user, csrf, kind, None, data, 0, None)
    return shown(pages, request, make)


@router.post("/editor/{kind}/new", include_in_schema=False)
async def create_record(request: Request, kind: str, pages: PagesDep, editing: EditingDep) -> Response:
    def act(session: Session, form: dict[str, str]) -> Response:
        known(kind, creating=True)
        editing.require_somewhere(session.user, "edit")  # nothing is rendered or checked for anyone else
        data = report_values(kind, form, editing.as_draft(kind, decode(form_fields(kind), form)), None)
        action, message = form.get("action", "save"), form.get("message", "")
        try:
            if action != "save":
                return record_page(pages, editing, request, session.user, session.csrf_token, kind, None,
                                   with_action(data, action), 0, None, message=message)
            created = editing.create(session.user, kind, data, message)
        except EditingError as error:  # the form again, with what was typed
            return record_page(pages, editing, request, session.user, session.csrf_token, kind, None, data, 0, None,
                               status_of(error), notice=error, message=message)
        return done(f"/editor/{kind}/{created.record_id}")
    return await acted(pages, request, act, "/editor/")


# -- an existing record ------------------------------------------------------------------------
@router.get("/editor/{kind}/{record_id}", include_in_schema=False)
def record(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        known(kind)
        opened = editing.open(user, kind, record_id)
        return record_page(pages, editing, request, user, csrf, kind, record_id, opened.data, opened.revision, opened)
    return shown(pages, request, make)


@router.post("/editor/{kind}/{record_id}", include_in_schema=False)
async def save_record(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    """Save the form; or act on its lists, or take the other person's value on the conflict page, and show the
    form again (nothing saved)."""
    def act(session: Session, form: dict[str, str]) -> Response:
        known(kind)
        user, csrf = session.user, session.csrf_token
        message, action, revision = form.get("message", ""), form.get("action", "save"), form_revision(form)
        opened = editing.open(user, kind, record_id)
        data = report_values(kind, form, codes_kept(form, editing.as_draft(kind, decode(form_fields(kind), form),
                                                                           opened), opened), opened)
        if action.startswith("take:"):
            try:
                path = parse_path(action.removeprefix("take:"))
                data = with_value(data, path, value_at(opened.data, path))
            except ValueError as error:
                raise EditingError(*error.args) from None
            return record_page(pages, editing, request, user, csrf, kind, record_id, data, revision, opened, 409,
                               message=message, conflict=opened)
        if action != "save":
            return record_page(pages, editing, request, user, csrf, kind, record_id, with_action(data, action),
                               revision, opened, message=message)
        try:
            editing.save(user, kind, record_id, data, revision, message)
        except Conflict as conflict:  # both versions side by side; this person's input is kept
            return record_page(pages, editing, request, user, csrf, kind, record_id, data, conflict.current.revision,
                               conflict.current, 409, message=message, conflict=conflict.current)
        return done(f"/editor/{kind}/{record_id}")
    return await acted(pages, request, act, f"/editor/{kind}/{record_id}")


@router.post("/editor/{kind}/{record_id}/check", include_in_schema=False)
async def check_record(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    """The checks panel of what the form holds now (htmx swaps it in as the officer types)."""
    def act(session: Session, form: dict[str, str]) -> Response:
        known(kind)
        opened = editing.open(session.user, kind, record_id) if record_id != "new" else None
        if opened is None:
            editing.require_somewhere(session.user, "edit")
        data = report_values(kind, form, codes_kept(form, editing.as_draft(kind, decode(form_fields(kind), form),
                                                                           opened), opened), opened)
        _, issues = editing.check(kind, data, session.user)
        _, anchors = issue_anchors(kind, issues, data)
        return pages.page(request, "_problems.html", issues=issues, anchors=anchors)
    return await acted(pages, request, act)


@router.post("/editor/{kind}/{record_id}/workflow", include_in_schema=False)
async def move(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    back = f"/editor/{kind}/{record_id}"

    def act(session: Session, form: dict[str, str]) -> Response:
        step, revision = form.get("move", ""), form_revision(form)
        if step == "publish":
            editing.publish(session.user, kind, record_id, revision, release_time(form, editing.open(
                session.user, kind, record_id)), confirm_early=form.get("confirm_early") == "yes")
        elif step in ("submit", "approve", "send_back"):
            getattr(editing, step)(session.user, kind, record_id, revision)
        else:
            raise EditingError(Message("no workflow step '%(step)s'", step=step))
        return done(back)
    return await acted(pages, request, act, back)


@router.post("/editor/{kind}/{record_id}/comments", include_in_schema=False)
async def comment(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    back = f"/editor/{kind}/{record_id}"

    def act(session: Session, form: dict[str, str]) -> Response:
        editing.comment(session.user, kind, record_id, form.get("path", "").strip(), form.get("text", ""),
                        form.get("suggestion", "").strip() or None)
        return done(f"{back}#comments-heading")
    return await acted(pages, request, act, back)


@router.post("/editor/{kind}/{record_id}/comments/{comment_id}/apply", include_in_schema=False)
async def apply(request: Request, kind: str, record_id: str, comment_id: int, pages: PagesDep,
                editing: EditingDep) -> Response:
    back = f"/editor/{kind}/{record_id}"

    def act(session: Session, form: dict[str, str]) -> Response:
        editing.apply_suggestion(session.user, kind, record_id, form_revision(form), comment_id)
        return done(back)
    return await acted(pages, request, act, back)


@router.post("/editor/{kind}/{record_id}/restore", include_in_schema=False)
async def restore(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    back = f"/editor/{kind}/{record_id}"

    def act(session: Session, form: dict[str, str]) -> Response:
        old = whole_number(form.get("old"))
        if old is None:
            raise EditingError(Message("say which revision to restore"))
        editing.restore(session.user, kind, record_id, form_revision(form), old)
        return done(back)
    return await acted(pages, request, act, back)


@router.get("/editor/{kind}/{record_id}/history", include_in_schema=False)
def history(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        opened = editing.open(user, kind, record_id)
        before = whole_number(request.query_params.get("before"))
        before = before if before is not None and 0 < before <= MAX_REVISION else None
        revisions = editing.history(user, kind, record_id, HISTORY_PAGE + 1, before)
        older_page = revisions[HISTORY_PAGE - 1]["revision"] if len(revisions) > HISTORY_PAGE else None
        revisions = revisions[:HISTORY_PAGE]
        numbers = [row["revision"] for row in revisions]
        older = _chosen(request.query_params.get("from"), numbers, numbers[1] if len(numbers) > 1 else None)
        newer = _chosen(request.query_params.get("to"), numbers, numbers[0] if numbers else None)
        if older is not None and newer is not None and older > newer:
            older, newer = newer, older
        changes = (differences(editing.revision_document(kind, record_id, older),
                               editing.revision_document(kind, record_id, newer))
                   if older is not None and newer is not None else [])
        return pages.page(request, "history.html", kind=kind, record_id=record_id, revisions=revisions,
                          history_messages=HISTORY_MESSAGES, before=before, older_page=older_page,
                          older=older, newer=newer, changes=changes, stage_labels=STAGE_LABELS, csrf_token=csrf,
                          current_revision=opened.revision, may_edit=editing.may(user, opened.agency, "edit")
                          and editing.held(opened) is None)
    return shown(pages, request, make)


@router.get("/editor/{kind}/{record_id}/translations", include_in_schema=False)
def translations_page(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, _: str) -> Response:
        opened = editing.open(user, kind, record_id)
        gaps = translation_gaps(form_fields(kind), opened.data, editing.info().languages)
        return pages.page(request, "translations.html", kind=kind, record_id=record_id, gaps=gaps)
    return shown(pages, request, make)


def _chosen(given: str | None, numbers: list[int], default: int | None) -> int | None:
    """The revision a history link asks for, when the record has it; else ``default``."""
    value = whole_number(given)
    return value if value in numbers else default
