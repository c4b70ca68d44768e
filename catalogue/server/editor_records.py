"""The editor's record pages: one form per record generated from the model, the checks of ``check`` beside each
field, the workflow, comments, history with restore, the untranslated texts, and the conflict page.

Every form works without JavaScript (POST, then a redirect to the page, or the page again with what was typed);
htmx only checks the record as it is typed (``/check`` answers the checks panel).
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catalogue.errors import BadPaste, Conflict, EditingError, NotFound, Problem, RecordsInvalid
from catalogue.editing.diff import anchor, differences, flatten
from catalogue.editing.fields import form_fields, translation_gaps
from catalogue.support.moments import parse_moment
from catalogue.support.strict import whole_number
from catalogue.editing.formdata import apply_action, decode, parse_path, path_name, value_at, with_value
from catalogue.editing.codes import CODES_IN_FORM
from catalogue.store.folders import load_checked
from catalogue.editing.files import Attached, attach_file, pack_folder, unpack_folder
from catalogue.editing.preview import dataset_preview, view_preview, with_banner
from catalogue.editing.service import HISTORY_MESSAGES, KEEP, WORKFLOW_FIELDS, Editing, Opened, owner, release_moment
from catalogue.editing.workflow import MOVES, STAGES, moves_from
from catalogue.model.kinds import KINDS, OWNER_FIELDS
from catalogue.messages import Message
from catalogue.model import RECORD_KINDS
from catalogue.store.accounts import Session, allowed
from catalogue.server.errors import status_of
from catalogue.server.editor_pages import CSRF_HEADER, NO_STORE, EditorPages, cross_site, same_token, uploaded_file

PREVIEW_BANNERS = ("Preview: this is how the page will look once published. It is not public yet.",
                   "Preview of the public view as of %(moment)s (UTC).")
"""What a preview says above the public page (gettext message ids)."""
CODES_APART = "codes._apart"
"""Marks a form that leaves its codelist's codes out (edited on the codes page)."""
KIND_LABELS = {name: KINDS[name].title for name in ("dataset", "codelist", "concept_scheme", "agency", "licence", "terms",
                                                    "release", "catalogue")}
"""Each kind of record as the editor lists it."""
STAGE_LABELS = {name: stage.title for name, stage in STAGES.items()}
MOVE_LABELS = {name: move.title for name, move in MOVES.items()}
HIDDEN_FIELDS = {"dataset": frozenset(WORKFLOW_FIELDS)}
"""Fields the workflow sets, not the form: a dataset is published, with its release time, by a publisher."""
PICKED = {"codelist": "codelists", "concept_scheme": "concept_schemes", "licence": "licences", "terms": "terms",
          "publisher": "agencies", "agency": "agencies"}
"""Fields whose value names another record, and the records offered for it."""


def _issue_anchors(kind: str, issues: list[Problem]) -> tuple[dict[str, list[Problem]], list[str]]:
    """The issues by the form element that shows their field, and each issue's element."""
    fields = form_fields(kind)
    at: dict[str, list[Problem]] = {}
    anchors = []
    for issue in issues:
        name = path_name(anchor(fields, issue.fields))
        at.setdefault(name, []).append(issue)
        anchors.append(name)
    return at, anchors


OFFSETS = tuple(f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
                for minutes in range(-12 * 60, 14 * 60 + 1, 15))
"""The offsets from UTC the publish form offers (every quarter hour from -12:00 to +14:00)."""


def release_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the publish form shows of a record's release time: its date and time as written (a browser's
    ``datetime-local``), and its offset from UTC among those offered."""
    moment = release_moment(data.get("release_time"))
    if moment is None:
        return {"local": "", "offset": "+00:00", "offsets": OFFSETS}
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+00:00"
    offsets = OFFSETS if offset in OFFSETS else (*OFFSETS, offset)
    return {"local": moment.strftime("%Y-%m-%dT%H:%M:%S"), "offset": offset, "offsets": offsets}


def _release_time(form: dict[str, str], opened: Opened) -> datetime | str | None:
    """The release time the publish form asks for: the record's own when it was left as shown (``KEEP``), none
    when emptied (at once), else the moment given: a date and time with its offset from UTC (the form's two
    fields), or ISO 8601 text (``release_time``, for scripts)."""
    if "release_local" in form:
        local = form["release_local"].strip()
        if not local:
            return None
        offset = form.get("release_offset", "+00:00").strip()
        if offset not in OFFSETS and offset != release_fields(opened.data)["offset"]:
            raise EditingError(Message("'%(text)s' is not an offset from UTC such as +02:00", text=offset[:10]))
        given = _moment(f"{local}{offset}")
    elif "release_time" in form:
        given = _moment(form["release_time"])
    else:
        return KEEP
    current = release_moment(opened.data.get("release_time"))
    return KEEP if given == current else given


def _embargoed(data: dict[str, Any], now: datetime) -> bool:
    """Whether the record's release time is still ahead (publishing it earlier asks for confirmation)."""
    moment = release_moment(data.get("release_time"))
    return moment is not None and moment > now


def _moment(text: str) -> datetime | None:
    """A moment typed in a form: ISO 8601 with a time zone (empty: none)."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_moment(text, offset_required=True, keep_offset=True)
    except ValueError as error:
        raise EditingError(error.args[0]) from None


def add_record_routes(app: FastAPI, pages: EditorPages, editing: Editing) -> None:
    """The record pages of the editor on ``app``."""

    def signed_in_user(request: Request) -> tuple[str, str] | None:
        signed_in = pages.session_of(request)
        return (signed_in[1].user, signed_in[1].csrf_token) if signed_in else None

    def to_login() -> Response:
        return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)

    def refused(request: Request, error: EditingError, back: str | None = None) -> Response:
        return pages.page(request, "problem.html", status_of(error), problem=error, back=back)

    def shown(request: Request, make: Callable[[str, str], Response], back: str | None = "/editor/") -> Response:
        """A page for the signed-in officer (``make(name, csrf_token)``), the way to sign in, or the refusal."""
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            return make(*signed_in)
        except EditingError as error:
            return refused(request, error, back)

    async def acted(request: Request, act: Callable[[Session, dict[str, str]], Response],
                    back: str | None = None) -> Response:
        """A form sent by the signed-in officer, acted on (``act(session, fields)``) once its CSRF token is checked;
        or the way to sign in, or the refusal."""
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked

        def answer() -> Response:
            try:
                return act(session, form)
            except EditingError as error:
                return refused(request, error, back)
        return await run_in_threadpool(answer)  # the work is off the event loop: other requests go on

    async def before_upload(request: Request, may: Callable[[str], Any], back: str) -> Response | None:
        """What refuses an upload before its body is read: no live session, a form from another site, a CSRF header
        that is not the session's, or a role that does not allow it. ``None``: read it (the form's token, in the
        body, is checked once it is read: only an officer allowed to upload here gets that far)."""
        signed_in = await run_in_threadpool(pages.session_of, request)
        if signed_in is None:
            return to_login()
        session = signed_in[1]
        given = request.headers.get(CSRF_HEADER)
        if cross_site(request) or (given is not None and not same_token(session.csrf_token, given)):
            return Response("the form's CSRF token is missing or wrong\n", status_code=403, headers=NO_STORE,
                            media_type="text/plain")
        try:
            await run_in_threadpool(may, session.user)
        except EditingError as error:
            return refused(request, error, back)
        return None

    def done(url: str) -> Response:
        return RedirectResponse(url, status_code=303, headers=NO_STORE)

    def pickers(user: str, kind: str, data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
        """What reference fields offer: the catalogue's records that the record may refer to (what is public, and
        its own agency's when the officer is a member of it), and the record's own items (a code's parent among the
        codelist's codes, the weight among the dataset's variables, a contact of the publisher)."""
        shared = editing.may_refer(user, data, kind)
        language = shared.info.default_language
        offered: dict[str, list[tuple[str, str]]] = {}
        for field, collection in PICKED.items():
            records = getattr(shared, collection)
            offered[field] = [(record_id, _title(record, language)) for record_id, record in records.items()]
        offered["concept"] = [(concept.id, _title(concept, language)) for scheme in shared.concept_schemes.values()
                              for concept in scheme.concepts]
        offered["themes"] = [(theme.id, _title(theme, language)) for theme in shared.info.themes]
        own = {"parent": data.get("codes"), "weight": data.get("variables")}
        for field, items in own.items():
            if isinstance(items, list) and len(items) <= CODES_IN_FORM:
                offered[field] = [(str(item.get("id")), _title(item, language)) for item in items
                                  if isinstance(item, dict) and item.get("id")]
        agency = shared.agencies.get(str(data.get("publisher")))
        if agency is not None:
            offered["contact_point"] = [(contact.id, _title(contact, language)) for contact in agency.contacts]
        return offered

    def record_page(request: Request, user: str, csrf: str, kind: str, record_id: str | None, data: dict[str, Any],
                    revision: int, opened: Opened | None, status: int = 200, notice: str | Exception = "", message: str = "",
                    conflict: Opened | None = None) -> Response:
        """A record's form with its checks, workflow and comments (``conflict``: the newer revision a save met)."""
        _, issues = editing.check(kind, data, user)
        issues_at, anchors = _issue_anchors(kind, issues)
        agency = opened.agency if opened else owner(kind, data, editing.info().publisher)
        roles = editing.roles(user)
        role = roles.get(agency)
        may_edit = allowed(role, "edit") or (opened is None and any(allowed(r, "edit") for r in roles.values()))
        errors = any(issue.is_error for issue in issues)  # a record with errors is offered no step forward
        possible = [move for move in moves_from(opened.stage) if allowed(role, MOVES[move].action)] if opened else []
        moves = [move for move in possible if not (errors and move != "send_back")]
        held_back = len(moves) < len(possible)
        comments = editing.comments(user, kind, record_id) if opened and record_id else []
        fields = form_fields(kind)
        base = f"/editor/{kind}/{record_id}" if record_id else f"/editor/{kind}/new"
        info = editing.info()
        apart = {"codes": len(data.get("codes") or [])} if kind == "codelist" and \
            len(data.get("codes") or []) > CODES_IN_FORM else {}
        return pages.page(
            request, "record.html", status, apart=apart, kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id,
            data=data, revision=revision, opened=opened, fields=fields, issues=issues, issues_at=issues_at,
            anchors=anchors,
            languages=info.languages, default_language=info.default_language, hidden=HIDDEN_FIELDS.get(kind, ()),
            pickers=pickers(user, kind, data), may_edit=may_edit, may_comment=allowed(role, "comment"), moves=moves,
            held_back=held_back, embargoed=_embargoed(data, pages.clock()),
            release=release_fields(opened.data if opened else data),
            move_labels=MOVE_LABELS, stage_labels=STAGE_LABELS, comments=comments,
            comment_anchors={c.id: _comment_anchor(fields, c.path) for c in comments},
            field_paths=[path_name(path) for path in flatten(data)] if allowed(role, "comment") else [],
            csrf_token=csrf, form_action=base, check_action=f"{base}/check", notice=notice, message=message,
            conflict=conflict, conflict_changes=differences(conflict.data, data) if conflict else [])

    def known(kind: str, creating: bool = False) -> None:
        """Refuse a kind of record that does not exist (or, ``creating``, the catalogue: a store holds one)."""
        if kind not in KIND_LABELS or kind not in RECORD_KINDS or (creating and kind == "catalogue"):
            raise NotFound(Message("no kind of record '%(kind)s'", kind=kind))

    @app.get("/editor/audit/{agency}", include_in_schema=False)
    def audit(request: Request, agency: str) -> Response:
        return shown(request, lambda user, _: pages.page(request, "audit.html", agency=agency,
                                                         rows=editing.audit(user, agency)))

    # -- previews -------------------------------------------------------------------------------
    def preview_response(request: Request, html: str, address: str, banner: str) -> Response:
        return HTMLResponse(with_banner(html, address, escape(banner)),
                            headers={**NO_STORE, "X-Robots-Tag": "noindex"})

    @app.get("/editor/dataset/{record_id}/preview", include_in_schema=False)
    def preview_dataset(request: Request, record_id: str, language: str | None = None) -> Response:
        """The dataset's public page as it will appear once published, in one of the catalogue's languages."""
        def make(user: str, _: str) -> Response:
            html, address = dataset_preview(editing, pages.store, pages.files(), user, record_id,
                                            language or editing.info().default_language, pages.clock())
            return preview_response(request, html, address, pages.gettext(request, PREVIEW_BANNERS[0]))
        return shown(request, make, f"/editor/dataset/{record_id}")

    @app.get("/editor/preview", include_in_schema=False)
    def preview_view(request: Request, at: str = "", language: str | None = None, page: int = 1) -> Response:
        """The catalogue's public page as of a chosen moment (with the embargoes of the member's agencies lifted
        by then)."""
        def make(user: str, _: str) -> Response:
            moment = _moment(at) or pages.clock()
            html, address = view_preview(editing, pages.store, pages.files(), user, moment, pages.clock(),
                                         language or editing.info().default_language, page)
            banner = pages.gettext(request, PREVIEW_BANNERS[1]) % {
                "moment": moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}
            return preview_response(request, html, address, banner)
        return shown(request, make)

    # -- files -----------------------------------------------------------------------------------
    def files_page(request: Request, user: str, csrf: str, record_id: str, status: int = 200,
                   attached: Attached | None = None) -> Response:
        opened = editing.open(user, "dataset", record_id)
        return pages.page(request, "files.html", status, record_id=record_id,
                          distributions=opened.data.get("distributions") or [], revision=opened.revision,
                          csrf_token=csrf, may_edit=editing.may(user, opened.agency, "edit"), attached=attached)

    @app.get("/editor/dataset/{record_id}/files", include_in_schema=False)
    def data_files(request: Request, record_id: str) -> Response:
        return shown(request, lambda user, csrf: files_page(request, user, csrf, record_id))

    @app.post("/editor/dataset/{record_id}/files", include_in_schema=False)
    async def upload(request: Request, record_id: str) -> Response:
        """A data file for one distribution: stored, measured and checked at once (it is saved even when the
        checks find problems, as a draft is)."""
        def may_upload(user: str) -> None:
            editing.require(user, editing.open(user, "dataset", record_id).agency, "edit")

        early = await before_upload(request, may_upload, f"/editor/dataset/{record_id}/files")
        if early is not None:
            return early
        sent = await uploaded_file(request, "file")

        def act(session: Session, form: dict[str, str]) -> Response:
            if sent is None:
                raise EditingError(Message("choose a file to upload"))
            index = whole_number(form.get("distribution"))
            index = -1 if index is None else index
            attached = attach_file(editing, session.user, record_id, _revision(form), index, *sent)
            return files_page(request, session.user, session.csrf_token, record_id, attached=attached)
        return await acted(request, act, f"/editor/dataset/{record_id}/files")

    @app.get("/editor/folder", include_in_schema=False)
    def folder(request: Request) -> Response:
        def make(user: str, csrf: str) -> Response:
            editing.require_catalogue_admin(user)
            return pages.page(request, "folder.html", csrf_token=csrf, problems=[], report=None)
        return shown(request, make)

    @app.get("/editor/folder.zip", include_in_schema=False)
    def download_folder(request: Request) -> Response:
        """The published catalogue as a records folder, as ``catalogue dump`` writes it."""
        def make(user: str, _: str) -> Response:
            editing.require_catalogue_admin(user)
            with tempfile.TemporaryDirectory(prefix="catalogue-dump-") as work:
                target = Path(work) / "records"
                pages.store.write_folder(target)
                archive = pack_folder(target)
            editing.audit_catalogue(user, "export", f"{len(archive)} bytes")
            return Response(archive, media_type="application/zip", headers={
                **NO_STORE, "Content-Disposition": f'attachment; filename="{editing.info().id}.zip"'})
        return shown(request, make)

    @app.post("/editor/folder", include_in_schema=False)
    async def import_folder(request: Request) -> Response:
        """A zip of a records folder, checked as ``catalogue check`` does, then loaded as ``catalogue load`` does
        (in one transaction; nothing is loaded when it has an error)."""
        early = await before_upload(request, editing.require_catalogue_admin, "/editor/folder")
        if early is not None:
            return early
        sent = await uploaded_file(request, "archive")

        def act(session: Session, form: dict[str, str]) -> Response:
            editing.require_catalogue_admin(session.user)
            if sent is None:
                raise EditingError(Message("choose the zip file of a records folder"))
            with tempfile.TemporaryDirectory(prefix="catalogue-import-") as work:
                root = Path(work)
                unpack_folder(sent[1], root)
                try:
                    report = load_checked(root, pages.store, session.user,
                                          form.get("message") or f"imported {sent[0]} in the editor")
                except RecordsInvalid as invalid:
                    problems = [problem.as_dict() | {"file": _relative(problem.file, root)}
                                for problem in invalid.problems if problem.is_error]
                    return pages.page(request, "folder.html", 422, csrf_token=session.csrf_token, problems=problems,
                                      report=None)
            editing.audit_catalogue(session.user, "import", f"{sent[0]}: {report.revisions} revision(s)")
            counts = {name: sum(getattr(report, name).values()) for name in ("created", "changed", "deleted",
                                                                              "unchanged")}
            return pages.page(request, "folder.html", csrf_token=session.csrf_token, problems=[], report=counts)
        return await acted(request, act, "/editor/folder")

    # -- the codes of a codelist ---------------------------------------------------------------
    def codes_page(request: Request, user: str, csrf: str, record_id: str, status: int = 200,
                   problems: list[Problem] | None = None, pasted: str = "") -> Response:
        index = editing.code_index(user, record_id)
        agency, revision = editing.head("codelist", record_id)
        query = request.query_params.get("q", "")
        parent = request.query_params.get("parent") or None
        given = request.query_params.get("offset", "")
        offset = whole_number(given) or 0
        matches, more = index.search(query)
        level, total = index.below(parent, offset)
        info = editing.info()
        return pages.page(request, "codes.html", status, record_id=record_id, index=index, query=query,
                          matches=matches, more=more, level=level, total=total, offset=offset, parent=parent,
                          trail=index.path_to(parent) if parent else [], languages=info.languages,
                          default_language=info.default_language, revision=revision, csrf_token=csrf,
                          may_edit=editing.may(user, agency, "edit"), problems=problems or [], pasted=pasted)

    @app.get("/editor/codelist/{record_id}/codes", include_in_schema=False)
    def codes(request: Request, record_id: str) -> Response:
        return shown(request, lambda user, csrf: codes_page(request, user, csrf, record_id))

    @app.post("/editor/codelist/{record_id}/codes", include_in_schema=False)
    async def paste_codes(request: Request, record_id: str) -> Response:
        back = f"/editor/codelist/{record_id}/codes"

        def act(session: Session, form: dict[str, str]) -> Response:
            try:
                editing.paste_codes(session.user, record_id, _revision(form), form.get("csv", ""))
            except BadPaste as error:  # the page again, with what was pasted and where it is wrong
                return codes_page(request, session.user, session.csrf_token, record_id, status_of(error), error.problems,
                                  form.get("csv", ""))
            return done(back)
        return await acted(request, act, back)

    # -- a new record --------------------------------------------------------------------------
    @app.get("/editor/{kind}/new", include_in_schema=False)
    def new_record(request: Request, kind: str) -> Response:
        def make(user: str, csrf: str) -> Response:
            known(kind, creating=True)
            editing.require_somewhere(user, "edit")
            editable = sorted(agency for agency, role in editing.roles(user).items() if allowed(role, "edit"))
            field = OWNER_FIELDS.get(kind) if kind != "agency" else None
            data = {field: editable[0]} if field and editable else {}
            return record_page(request, user, csrf, kind, None, data, 0, None)
        return shown(request, make)

    @app.post("/editor/{kind}/new", include_in_schema=False)
    async def create_record(request: Request, kind: str) -> Response:
        def act(session: Session, form: dict[str, str]) -> Response:
            known(kind, creating=True)
            editing.require_somewhere(session.user, "edit")  # nothing is rendered or checked for anyone else
            data = editing.as_draft(kind, decode(form_fields(kind), form))
            action, message = form.get("action", "save"), form.get("message", "")
            try:
                if action != "save":
                    return record_page(request, session.user, session.csrf_token, kind, None, _acted(data, action), 0,
                                       None, message=message)
                created = editing.create(session.user, kind, data, message)
            except EditingError as error:  # the form again, with what was typed
                return record_page(request, session.user, session.csrf_token, kind, None, data, 0, None, status_of(error),
                                   notice=error, message=message)
            return done(f"/editor/{kind}/{created.record_id}")
        return await acted(request, act, "/editor/")

    # -- an existing record --------------------------------------------------------------------
    @app.get("/editor/{kind}/{record_id}", include_in_schema=False)
    def record(request: Request, kind: str, record_id: str) -> Response:
        def make(user: str, csrf: str) -> Response:
            known(kind)
            opened = editing.open(user, kind, record_id)
            return record_page(request, user, csrf, kind, record_id, opened.data, opened.revision, opened)
        return shown(request, make)

    @app.post("/editor/{kind}/{record_id}", include_in_schema=False)
    async def save_record(request: Request, kind: str, record_id: str) -> Response:
        """Save the form; or act on its lists, or take the other person's value on the conflict page, and show the
        form again (nothing saved)."""
        def act(session: Session, form: dict[str, str]) -> Response:
            known(kind)
            user, csrf = session.user, session.csrf_token
            message, action, revision = form.get("message", ""), form.get("action", "save"), _revision(form)
            opened = editing.open(user, kind, record_id)
            data = _codes_kept(form, editing.as_draft(kind, decode(form_fields(kind), form), opened), opened)
            if action.startswith("take:"):
                try:
                    path = parse_path(action.removeprefix("take:"))
                    data = with_value(data, path, value_at(opened.data, path))
                except ValueError as error:
                    raise EditingError(*error.args) from None
                return record_page(request, user, csrf, kind, record_id, data, revision, opened, 409, message=message,
                                   conflict=opened)
            if action != "save":
                return record_page(request, user, csrf, kind, record_id, _acted(data, action), revision, opened,
                                   message=message)
            try:
                editing.save(user, kind, record_id, data, revision, message)
            except Conflict as conflict:  # both versions side by side; this person's input is kept
                return record_page(request, user, csrf, kind, record_id, data, conflict.current.revision,
                                   conflict.current, 409, message=message, conflict=conflict.current)
            return done(f"/editor/{kind}/{record_id}")
        return await acted(request, act, f"/editor/{kind}/{record_id}")

    @app.post("/editor/{kind}/{record_id}/check", include_in_schema=False)
    async def check_record(request: Request, kind: str, record_id: str) -> Response:
        """The checks panel of what the form holds now (htmx swaps it in as the officer types)."""
        def act(session: Session, form: dict[str, str]) -> Response:
            known(kind)
            opened = editing.open(session.user, kind, record_id) if record_id != "new" else None
            if opened is None:
                editing.require_somewhere(session.user, "edit")
            data = _codes_kept(form, editing.as_draft(kind, decode(form_fields(kind), form), opened), opened)
            _, issues = editing.check(kind, data, session.user)
            _, anchors = _issue_anchors(kind, issues)
            return pages.page(request, "_problems.html", issues=issues, anchors=anchors)
        return await acted(request, act)

    @app.post("/editor/{kind}/{record_id}/workflow", include_in_schema=False)
    async def move(request: Request, kind: str, record_id: str) -> Response:
        back = f"/editor/{kind}/{record_id}"

        def act(session: Session, form: dict[str, str]) -> Response:
            step, revision = form.get("move", ""), _revision(form)
            if step == "publish":
                editing.publish(session.user, kind, record_id, revision, _release_time(form, editing.open(
                    session.user, kind, record_id)), confirm_early=form.get("confirm_early") == "yes")
            elif step in ("submit", "approve", "send_back"):
                getattr(editing, step)(session.user, kind, record_id, revision)
            else:
                raise EditingError(Message("no workflow step '%(step)s'", step=step))
            return done(back)
        return await acted(request, act, back)

    @app.post("/editor/{kind}/{record_id}/comments", include_in_schema=False)
    async def comment(request: Request, kind: str, record_id: str) -> Response:
        back = f"/editor/{kind}/{record_id}"

        def act(session: Session, form: dict[str, str]) -> Response:
            editing.comment(session.user, kind, record_id, form.get("path", "").strip(), form.get("text", ""),
                            form.get("suggestion", "").strip() or None)
            return done(f"{back}#comments-heading")
        return await acted(request, act, back)

    @app.post("/editor/{kind}/{record_id}/comments/{comment_id}/apply", include_in_schema=False)
    async def apply(request: Request, kind: str, record_id: str, comment_id: int) -> Response:
        back = f"/editor/{kind}/{record_id}"

        def act(session: Session, form: dict[str, str]) -> Response:
            editing.apply_suggestion(session.user, kind, record_id, _revision(form), comment_id)
            return done(back)
        return await acted(request, act, back)

    @app.post("/editor/{kind}/{record_id}/restore", include_in_schema=False)
    async def restore(request: Request, kind: str, record_id: str) -> Response:
        back = f"/editor/{kind}/{record_id}"

        def act(session: Session, form: dict[str, str]) -> Response:
            old = whole_number(form.get("old"))
            if old is None:
                raise EditingError(Message("say which revision to restore"))
            editing.restore(session.user, kind, record_id, _revision(form), old)
            return done(back)
        return await acted(request, act, back)

    @app.get("/editor/{kind}/{record_id}/history", include_in_schema=False)
    def history(request: Request, kind: str, record_id: str) -> Response:
        def make(user: str, csrf: str) -> Response:
            opened = editing.open(user, kind, record_id)
            revisions = editing.history(user, kind, record_id)
            numbers = [row["revision"] for row in revisions]
            older = _chosen(request.query_params.get("from"), numbers, numbers[1] if len(numbers) > 1 else None)
            newer = _chosen(request.query_params.get("to"), numbers, numbers[0] if numbers else None)
            if older is not None and newer is not None and older > newer:
                older, newer = newer, older
            changes = (differences(editing.revision_document(kind, record_id, older),
                                   editing.revision_document(kind, record_id, newer))
                       if older is not None and newer is not None else [])
            return pages.page(request, "history.html", kind=kind, record_id=record_id, revisions=revisions,
                              history_messages=HISTORY_MESSAGES,
                              older=older, newer=newer, changes=changes, stage_labels=STAGE_LABELS, csrf_token=csrf,
                              current_revision=opened.revision, may_edit=editing.may(user, opened.agency, "edit"))
        return shown(request, make)

    @app.get("/editor/{kind}/{record_id}/translations", include_in_schema=False)
    def translations_page(request: Request, kind: str, record_id: str) -> Response:
        def make(user: str, _: str) -> Response:
            opened = editing.open(user, kind, record_id)
            gaps = translation_gaps(form_fields(kind), opened.data, editing.info().languages)
            return pages.page(request, "translations.html", kind=kind, record_id=record_id, gaps=gaps)
        return shown(request, make)


def _relative(file: str, root: Path) -> str:
    """A problem's file as the officer knows it: relative to the unpacked folder."""
    return str(Path(file).relative_to(root)) if file.startswith(str(root)) else file


def _codes_kept(form: dict[str, str], data: dict[str, Any], opened: Opened | None) -> dict[str, Any]:
    """A long codelist's form leaves its codes out (they are edited on the codes page): keep them."""
    if opened is None or not form.get(CODES_APART):
        return data
    return {**data, "codes": opened.data.get("codes") or []}


def _title(record: Any, language: str) -> str:
    text = getattr(record, "title", None) or getattr(record, "name", None) or {}
    return str(text.get(language) or next(iter(text.values()), "")) if isinstance(text, dict) else str(text)


def _comment_anchor(fields: tuple[Any, ...], path: str) -> str:
    """The form element a comment is about ('' when its path names none)."""
    try:
        return path_name(anchor(fields, parse_path(path)))
    except ValueError:
        return ""


def _revision(form: dict[str, str]) -> int:
    revision = whole_number(form.get("revision"))
    if revision is None:
        raise EditingError(Message("the form does not say which revision it was opened on: reload the page"))
    return revision


def _acted(data: dict[str, Any], action: str) -> dict[str, Any]:
    try:
        return apply_action(data, action)
    except ValueError as error:
        raise EditingError(*error.args) from None


def _chosen(given: str | None, numbers: list[int], default: int | None) -> int | None:
    value = whole_number(given)
    return value if value in numbers else default
