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
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..editing.checks import Issue
from ..editing.diff import anchor, differences
from ..editing.fields import form_fields, translation_gaps
from ..editing.formdata import apply_action, decode, parse_path, path_name, value_at, with_value
from ..editing.codes import CODES_IN_FORM
from ..datacheck import load_and_check
from ..editing.files import MAX_FOLDER, MAX_UPLOAD, Attached, attach_file, pack_folder, unpack_folder
from ..editing.preview import dataset_preview, view_preview, with_banner
from ..editing.service import WORKFLOW_FIELDS, BadPaste, Conflict, Editing, EditingError, Opened, owner
from ..model import RECORD_KINDS
from ..store.accounts import allowed
from .editor_pages import NO_STORE, EditorPages, uploaded_file

PREVIEW_BANNERS = ("Preview: this is how the page will look once published. It is not public yet.",
                   "Preview of the public view as of %(moment)s (UTC).")
"""What a preview says above the public page (gettext message ids)."""
CODES_APART = "codes._apart"
"""Marks a form that leaves its codelist's codes out (edited on the codes page)."""
KIND_LABELS = {"dataset": "Dataset", "codelist": "Codelist", "concept_scheme": "Concept scheme", "agency": "Agency",
               "licence": "Licence", "terms": "Terms of use", "release": "Release", "catalogue": "Catalogue"}
"""Each kind of record as the interface names it (gettext message ids)."""
STAGE_LABELS = {"draft": "Draft", "in_review": "In review", "approved": "Approved", "published": "Published"}
MOVE_LABELS = {"submit": "Submit for review", "approve": "Approve", "send_back": "Send back to draft",
               "publish": "Publish"}
MOVES = {"draft": ("submit",), "in_review": ("approve", "send_back"), "approved": ("publish", "send_back"),
         "published": ()}
"""What may be done at each stage (each also needs its role)."""
MOVE_ACTIONS = {"submit": "edit", "approve": "approve", "send_back": "approve", "publish": "publish"}
HIDDEN_FIELDS = {"dataset": frozenset(WORKFLOW_FIELDS)}
"""Fields the workflow sets, not the form: a dataset is published, with its release time, by a publisher."""
PICKED = {"codelist": "codelists", "concept_scheme": "concept_schemes", "licence": "licences", "terms": "terms",
          "publisher": "agencies", "agency": "agencies"}
"""Fields whose value names another record, and the records offered for it."""


def _issue_anchors(kind: str, issues: list[Issue]) -> tuple[dict[str, list[Issue]], list[str]]:
    """The issues by the form element that shows their field, and each issue's element."""
    fields = form_fields(kind)
    at: dict[str, list[Issue]] = {}
    anchors = []
    for issue in issues:
        name = path_name(anchor(fields, issue.path))
        at.setdefault(name, []).append(issue)
        anchors.append(name)
    return at, anchors


def _moment(text: str) -> datetime | None:
    """A moment typed in a form: ISO 8601 with a time zone (empty: none)."""
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise EditingError(f"'{text}' is not a date and time: write e.g. 2026-06-30T10:00:00+02:00") from None
    if moment.tzinfo is None:
        raise EditingError(f"'{text}' has no time zone: write e.g. 2026-06-30T10:00:00+02:00 or …Z")
    return moment


def add_record_routes(app: FastAPI, pages: EditorPages, editing: Editing) -> None:
    """The record pages of the editor on ``app``."""

    def signed_in_user(request: Request) -> tuple[str, str] | None:
        signed_in = pages.session_of(request)
        return (signed_in[1].user, signed_in[1].csrf_token) if signed_in else None

    def to_login() -> Response:
        return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)

    def refused(request: Request, error: EditingError, back: str | None = None) -> Response:
        return pages.page(request, "problem.html", error.status, problem=str(error), back=back)

    def pickers(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
        """What reference fields offer: the catalogue's records, and the record's own items (a code's parent among
        the codelist's codes, the weight among the dataset's variables, a contact of the publisher)."""
        shared = editing.shared()
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

    def record_page(request: Request, user: str, csrf: str, kind: str, record_id: str | None, data: dict[str, Any], revision: int,
                    opened: Opened | None, status: int = 200, notice: str = "", message: str = "",
                    conflict: Opened | None = None) -> Response:
        _, issues = editing.check(kind, data)
        issues_at, anchors = _issue_anchors(kind, issues)
        agency = opened.agency if opened else owner(kind, data, editing.info().publisher)
        roles = editing.roles(user)
        role = roles.get(agency)
        may_edit = allowed(role, "edit") or (opened is None and any(allowed(r, "edit") for r in roles.values()))
        moves = [move for move in MOVES[opened.stage] if allowed(role, MOVE_ACTIONS[move])] if opened else []
        comments = editing.comments(user, kind, record_id) if opened and record_id else []
        fields = form_fields(kind)
        base = f"/editor/{kind}/{record_id}" if record_id else f"/editor/{kind}/new"
        info = editing.info()
        apart = {"codes": len(data.get("codes") or [])} if kind == "codelist" and \
            len(data.get("codes") or []) > CODES_IN_FORM else {}
        return pages.page(
            request, "record.html", status, apart=apart, kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id, data=data,
            revision=revision, opened=opened, fields=fields, issues=issues, issues_at=issues_at, anchors=anchors,
            languages=info.languages, default_language=info.default_language, hidden=HIDDEN_FIELDS.get(kind, ()),
            pickers=pickers(data), may_edit=may_edit, may_comment=allowed(role, "comment"), moves=moves,
            move_labels=MOVE_LABELS, stage_labels=STAGE_LABELS, comments=comments,
            comment_anchors={c.id: path_name(anchor(fields, parse_path(c.path))) for c in comments},
            csrf_token=csrf, form_action=base, check_action=f"{base}/check", notice=notice, message=message,
            conflict=conflict, conflict_changes=differences(conflict.data, data) if conflict else [])

    def known(kind: str) -> bool:
        return kind in KIND_LABELS and kind in RECORD_KINDS

    @app.get("/editor/audit/{agency}", include_in_schema=False)
    def audit(request: Request, agency: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            rows = editing.audit(signed_in[0], agency)
        except EditingError as error:
            return refused(request, error, "/editor/")
        return pages.page(request, "audit.html", agency=agency, rows=rows)

    # -- previews -------------------------------------------------------------------------------
    def preview_response(request: Request, html: str, address: str, banner: str) -> Response:
        return HTMLResponse(with_banner(html, address, escape(banner)),
                            headers={**NO_STORE, "X-Robots-Tag": "noindex"})

    @app.get("/editor/dataset/{record_id}/preview", include_in_schema=False)
    def preview_dataset(request: Request, record_id: str, language: str | None = None) -> Response:
        """The dataset's public page as it will appear once published, in one of the catalogue's languages."""
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        chosen = language or editing.info().default_language
        try:
            html, address = dataset_preview(editing, pages.store, pages.files(), signed_in[0], record_id, chosen,
                                            pages.clock())
        except EditingError as error:
            return refused(request, error, f"/editor/dataset/{record_id}")
        return preview_response(request, html, address, pages.gettext(request, PREVIEW_BANNERS[0]))

    @app.get("/editor/preview", include_in_schema=False)
    def preview_view(request: Request, at: str = "", language: str | None = None, page: int = 1) -> Response:
        """The catalogue's public page as of a chosen moment (with the embargoes of the member's agencies lifted
        by then)."""
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            moment = _moment(at) or pages.clock()
            html, address = view_preview(editing, pages.store, pages.files(), signed_in[0], moment, pages.clock(),
                                         language or editing.info().default_language, page)
        except EditingError as error:
            return refused(request, error, "/editor/")
        banner = pages.gettext(request, PREVIEW_BANNERS[1]) % {
            "moment": moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}
        return preview_response(request, html, address, banner)

    # -- files -----------------------------------------------------------------------------------
    def files_page(request: Request, user: str, csrf: str, record_id: str, status: int = 200,
                   attached: Attached | None = None) -> Response:
        opened = editing.open(user, "dataset", record_id)
        return pages.page(request, "files.html", status, record_id=record_id,
                          distributions=opened.data.get("distributions") or [], revision=opened.revision,
                          csrf_token=csrf, may_edit=editing.may(user, opened.agency, "edit"), attached=attached)

    @app.get("/editor/dataset/{record_id}/files", include_in_schema=False)
    def data_files(request: Request, record_id: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            return files_page(request, *signed_in, record_id)
        except EditingError as error:
            return refused(request, error, "/editor/")

    @app.post("/editor/dataset/{record_id}/files", include_in_schema=False)
    async def upload(request: Request, record_id: str) -> Response:
        """A data file for one distribution: stored, measured and checked at once (it is saved even when the
        checks find problems, as a draft is)."""
        if int(request.headers.get("content-length") or 0) > MAX_UPLOAD + 1024 * 1024:
            return refused(request, TooLarge(f"the editor takes files up to {MAX_UPLOAD} bytes"))
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/dataset/{record_id}/files"
        sent = await uploaded_file(request, "file")
        try:
            if sent is None:
                raise EditingError("choose a file to upload")
            index = int(form.get("distribution", "")) if form.get("distribution", "").isdigit() else -1
            attached = attach_file(editing, session.user, record_id, _revision(form), index, *sent)
        except EditingError as error:
            return refused(request, error, back)
        return files_page(request, session.user, session.csrf_token, record_id, attached=attached)

    @app.get("/editor/folder", include_in_schema=False)
    def folder(request: Request) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            editing.require_catalogue_admin(signed_in[0])
        except EditingError as error:
            return refused(request, error, "/editor/")
        return pages.page(request, "folder.html", csrf_token=signed_in[1], problems=[], report=None)

    @app.get("/editor/folder.zip", include_in_schema=False)
    def download_folder(request: Request) -> Response:
        """The published catalogue as a records folder, as ``catalogue dump`` writes it."""
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            editing.require_catalogue_admin(signed_in[0])
        except EditingError as error:
            return refused(request, error, "/editor/")
        with tempfile.TemporaryDirectory(prefix="catalogue-dump-") as work:
            target = Path(work) / "records"
            pages.store.write_folder(target)
            archive = pack_folder(target)
        editing.audit_catalogue(signed_in[0], "export", f"{len(archive)} bytes")
        name = f"{editing.info().id}.zip"
        return Response(archive, media_type="application/zip", headers={
            **NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})

    @app.post("/editor/folder", include_in_schema=False)
    async def import_folder(request: Request) -> Response:
        """A zip of a records folder, checked as ``catalogue check`` does, then loaded as ``catalogue load`` does
        (in one transaction; nothing is loaded when it has an error)."""
        if int(request.headers.get("content-length") or 0) > MAX_FOLDER:
            return refused(request, TooLarge(f"the editor takes archives up to {MAX_FOLDER} bytes"))
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        try:
            editing.require_catalogue_admin(session.user)
            sent = await uploaded_file(request, "archive")
            if sent is None:
                raise EditingError("choose the zip file of a records folder")
            with tempfile.TemporaryDirectory(prefix="catalogue-import-") as work:
                root = Path(work)
                unpack_folder(sent[1], root)
                result = load_and_check(root)
                if not result.ok or result.catalogue is None:
                    problems = [problem.as_dict() | {"file": str(Path(problem.file).relative_to(root))
                                                     if problem.file.startswith(str(root)) else problem.file}
                                for problem in result.errors]
                    return pages.page(request, "folder.html", 422, csrf_token=session.csrf_token, problems=problems,
                                      report=None)
                report = pages.store.load(result.catalogue, root, session.user,
                                          form.get("message") or f"imported {sent[0]} in the editor")
        except EditingError as error:
            return refused(request, error, "/editor/folder")
        editing.audit_catalogue(session.user, "import", f"{sent[0]}: {report.revisions} revision(s)")
        counts = {name: sum(getattr(report, name).values()) for name in ("created", "changed", "deleted", "unchanged")}
        return pages.page(request, "folder.html", csrf_token=session.csrf_token, problems=[], report=counts)

    # -- the codes of a codelist ---------------------------------------------------------------
    def codes_page(request: Request, user: str, csrf: str, record_id: str, status: int = 200,
                   problems: list[Issue] | None = None, pasted: str = "") -> Response:
        index = editing.code_index(user, record_id)
        agency, revision = editing.head("codelist", record_id)
        query = request.query_params.get("q", "")
        parent = request.query_params.get("parent") or None
        given = request.query_params.get("offset", "")
        offset = int(given) if given.isdigit() else 0
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
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            return codes_page(request, *signed_in, record_id)
        except EditingError as error:
            return refused(request, error, "/editor/")

    @app.post("/editor/codelist/{record_id}/codes", include_in_schema=False)
    async def paste_codes(request: Request, record_id: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/codelist/{record_id}/codes"
        try:
            editing.paste_codes(session.user, record_id, _revision(form), form.get("csv", ""))
        except BadPaste as error:
            return codes_page(request, session.user, session.csrf_token, record_id, error.status, error.problems,
                              form.get("csv", ""))
        except EditingError as error:
            return refused(request, error, back)
        return RedirectResponse(back, status_code=303, headers=NO_STORE)

    # -- a new record --------------------------------------------------------------------------
    @app.get("/editor/{kind}/new", include_in_schema=False)
    def new_record(request: Request, kind: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        if not known(kind) or kind == "catalogue":
            return refused(request, EditingError(f"no kind of record '{kind}'"), "/editor/")
        user, csrf = signed_in
        editable = sorted(agency for agency, role in editing.roles(user).items() if allowed(role, "edit"))
        data: dict[str, Any] = {}
        owner_field = {"dataset": "publisher", "release": "publisher", "codelist": "agency",
                       "concept_scheme": "agency"}.get(kind)
        if owner_field and editable:
            data[owner_field] = editable[0]
        return record_page(request, user, csrf, kind, None, data, 0, None)

    @app.post("/editor/{kind}/new", include_in_schema=False)
    async def create_record(request: Request, kind: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        if not known(kind):
            return refused(request, EditingError(f"no kind of record '{kind}'"), "/editor/")
        data = editing.as_draft(kind, decode(form_fields(kind), form))
        action = form.get("action", "save")
        try:
            if action != "save":
                return record_page(request, session.user, session.csrf_token, kind, None, _acted(data, action), 0, None,
                                   message=form.get("message", ""))
            created = editing.create(session.user, kind, data, form.get("message", ""))
        except EditingError as error:
            return record_page(request, session.user, session.csrf_token, kind, None, data, 0, None, error.status,
                               notice=str(error), message=form.get("message", ""))
        return RedirectResponse(f"/editor/{kind}/{created.record_id}", status_code=303, headers=NO_STORE)

    # -- an existing record --------------------------------------------------------------------
    @app.get("/editor/{kind}/{record_id}", include_in_schema=False)
    def record(request: Request, kind: str, record_id: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        user, csrf = signed_in
        try:
            opened = editing.open(user, kind, record_id) if known(kind) else None
        except EditingError as error:
            return refused(request, error, "/editor/")
        if opened is None:
            return refused(request, EditingError(f"no kind of record '{kind}'"), "/editor/")
        return record_page(request, user, csrf, kind, record_id, opened.data, opened.revision, opened)

    @app.post("/editor/{kind}/{record_id}", include_in_schema=False)
    async def save_record(request: Request, kind: str, record_id: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        user, csrf = session.user, session.csrf_token
        if not known(kind):
            return refused(request, EditingError(f"no kind of record '{kind}'"), "/editor/")
        data = decode(form_fields(kind), form)
        message = form.get("message", "")
        action = form.get("action", "save")
        revision = 0
        try:
            revision = _revision(form)
            opened = editing.open(user, kind, record_id)
            data = editing.as_draft(kind, data, opened)
            data = _codes_kept(form, data, opened)
            if action.startswith("take:"):  # the conflict page: take the other person's value of one field
                path = parse_path(action.removeprefix("take:"))
                data = with_value(data, path, value_at(opened.data, path))
                return record_page(request, user, csrf, kind, record_id, data, revision, opened, 409, message=message,
                                   conflict=opened)
            if action != "save":
                return record_page(request, user, csrf, kind, record_id, _acted(data, action), revision, opened,
                                   message=message)
            editing.save(user, kind, record_id, data, revision, message)
        except Conflict as conflict:
            return record_page(request, user, csrf, kind, record_id, data, conflict.current.revision, conflict.current, 409,
                               message=message, conflict=conflict.current)
        except EditingError as error:
            return refused(request, error, f"/editor/{kind}/{record_id}")
        return RedirectResponse(f"/editor/{kind}/{record_id}", status_code=303, headers=NO_STORE)

    @app.post("/editor/{kind}/{record_id}/check", include_in_schema=False)
    async def check_record(request: Request, kind: str, record_id: str) -> Response:
        """The checks panel of what the form holds now (htmx swaps it in as the officer types)."""
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        if not known(kind):
            return refused(request, EditingError(f"no kind of record '{kind}'"))
        opened = None
        if record_id != "new":
            try:
                opened = editing.open(session.user, kind, record_id)
            except EditingError as error:
                return refused(request, error)
        data = _codes_kept(form, editing.as_draft(kind, decode(form_fields(kind), form), opened), opened)
        _, issues = editing.check(kind, data)
        _, anchors = _issue_anchors(kind, issues)
        return pages.page(request, "_problems.html", issues=issues, anchors=anchors)

    @app.post("/editor/{kind}/{record_id}/workflow", include_in_schema=False)
    async def move(request: Request, kind: str, record_id: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/{kind}/{record_id}"
        revision = _revision(form)
        try:
            step = form.get("move", "")
            if step == "publish":
                editing.publish(session.user, kind, record_id, revision, _moment(form.get("release_time", "")))
            elif step in ("submit", "approve", "send_back"):
                getattr(editing, step)(session.user, kind, record_id, revision)
            else:
                raise EditingError(f"no workflow step '{step}'")
        except EditingError as error:
            return refused(request, error, back)
        return RedirectResponse(back, status_code=303, headers=NO_STORE)

    @app.post("/editor/{kind}/{record_id}/comments", include_in_schema=False)
    async def comment(request: Request, kind: str, record_id: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/{kind}/{record_id}"
        suggestion = form.get("suggestion", "").strip()
        try:
            editing.comment(session.user, kind, record_id, form.get("path", "").strip(), form.get("text", ""),
                            suggestion or None)
        except EditingError as error:
            return refused(request, error, back)
        return RedirectResponse(f"{back}#comments-heading", status_code=303, headers=NO_STORE)

    @app.post("/editor/{kind}/{record_id}/comments/{comment_id}/apply", include_in_schema=False)
    async def apply(request: Request, kind: str, record_id: str, comment_id: int) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/{kind}/{record_id}"
        try:
            editing.apply_suggestion(session.user, kind, record_id, _revision(form), comment_id)
        except EditingError as error:
            return refused(request, error, back)
        return RedirectResponse(back, status_code=303, headers=NO_STORE)

    @app.post("/editor/{kind}/{record_id}/restore", include_in_schema=False)
    async def restore(request: Request, kind: str, record_id: str) -> Response:
        checked = await pages.signed_in_post(request)
        if isinstance(checked, Response):
            return checked
        _, session, form = checked
        back = f"/editor/{kind}/{record_id}"
        try:
            old = int(form.get("old", ""))
        except ValueError:
            return refused(request, EditingError("say which revision to restore"), back)
        try:
            editing.restore(session.user, kind, record_id, _revision(form), old)
        except EditingError as error:
            return refused(request, error, back)
        return RedirectResponse(back, status_code=303, headers=NO_STORE)

    @app.get("/editor/{kind}/{record_id}/history", include_in_schema=False)
    def history(request: Request, kind: str, record_id: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        user, csrf = signed_in
        try:
            opened = editing.open(user, kind, record_id)
            revisions = editing.history(user, kind, record_id)
        except EditingError as error:
            return refused(request, error, "/editor/")
        numbers = [row["revision"] for row in revisions]
        older = _chosen(request.query_params.get("from"), numbers, numbers[1] if len(numbers) > 1 else None)
        newer = _chosen(request.query_params.get("to"), numbers, numbers[0] if numbers else None)
        if older is not None and newer is not None and older > newer:
            older, newer = newer, older
        changes = (differences(editing.revision_document(kind, record_id, older),
                               editing.revision_document(kind, record_id, newer))
                   if older is not None and newer is not None else [])
        return pages.page(request, "history.html", kind=kind, record_id=record_id, revisions=revisions, older=older,
                          newer=newer, changes=changes, stage_labels=STAGE_LABELS, csrf_token=csrf,
                          current_revision=opened.revision, may_edit=editing.may(user, opened.agency, "edit"))

    @app.get("/editor/{kind}/{record_id}/translations", include_in_schema=False)
    def translations_page(request: Request, kind: str, record_id: str) -> Response:
        signed_in = signed_in_user(request)
        if signed_in is None:
            return to_login()
        try:
            opened = editing.open(signed_in[0], kind, record_id)
        except EditingError as error:
            return refused(request, error, "/editor/")
        gaps = translation_gaps(form_fields(kind), opened.data, editing.info().languages)
        return pages.page(request, "translations.html", kind=kind, record_id=record_id, gaps=gaps)


class TooLarge(EditingError):
    status = 413


def _codes_kept(form: dict[str, str], data: dict[str, Any], opened: Opened | None) -> dict[str, Any]:
    """A long codelist's form leaves its codes out (they are edited on the codes page): keep them."""
    if opened is None or not form.get(CODES_APART):
        return data
    return {**data, "codes": opened.data.get("codes") or []}


def _title(record: Any, language: str) -> str:
    text = getattr(record, "title", None) or getattr(record, "name", None) or {}
    return str(text.get(language) or next(iter(text.values()), "")) if isinstance(text, dict) else str(text)


def _revision(form: dict[str, str]) -> int:
    try:
        return int(form.get("revision", ""))
    except ValueError:
        raise EditingError("the form does not say which revision it was opened on: reload the page") from None


def _acted(data: dict[str, Any], action: str) -> dict[str, Any]:
    try:
        return apply_action(data, action)
    except ValueError as error:
        raise EditingError(str(error)) from None


def _chosen(given: str | None, numbers: list[int], default: int | None) -> int | None:
    try:
        value = int(given) if given else default
    except ValueError:
        return default
    return value if value in numbers else default
