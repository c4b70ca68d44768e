"""Files in the editor: a dataset's data files, uploaded one per distribution (stored, measured and checked at
once), and the records folder of the whole catalogue, downloaded as a zip or imported from one (checked as
``catalogue check`` does, loaded as ``catalogue load`` does). An upload is refused before its body is read when
the officer may not make it."""

import tempfile
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from catalogue.editing.files import Attached, attach_file, pack_folder, unpack_folder
from catalogue.editing.service import Editing
from catalogue.errors import EditingError, RecordsInvalid
from catalogue.messages import Message
from catalogue.server.editor.answers import acted, before_upload, shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.pages import NO_STORE, EditorPages, uploaded_file
from catalogue.server.editor.record_form import form_revision
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import Session
from catalogue.store.folders import load_checked
from catalogue.support.strict import whole_number

router = RouteGroup()


# -- a dataset's data files ---------------------------------------------------------------------
def _files_page(pages: EditorPages, editing: Editing, request: Request, user: str, csrf: str, record_id: str,
                status: int = 200, attached: Attached | None = None) -> Response:
    opened = editing.open(user, "dataset", record_id)
    return pages.page(request, "files.html", status, record_id=record_id,
                      distributions=opened.data.get("distributions") or [], revision=opened.revision,
                      csrf_token=csrf, may_edit=editing.may(user, opened.agency, "edit"), attached=attached)


@router.get("/editor/dataset/{record_id}/files", include_in_schema=False)
def data_files(request: Request, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    return shown(pages, request, lambda user, csrf: _files_page(pages, editing, request, user, csrf, record_id))


@router.post("/editor/dataset/{record_id}/files", include_in_schema=False)
async def upload(request: Request, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    """A data file for one distribution: stored, measured and checked at once (it is saved even when the
    checks find problems, as a draft is)."""
    def may_upload(user: str) -> None:
        editing.require(user, editing.open(user, "dataset", record_id).agency, "edit")

    early = await before_upload(pages, request, may_upload, f"/editor/dataset/{record_id}/files")
    if early is not None:
        return early
    sent = await uploaded_file(request, "file")

    def act(session: Session, form: dict[str, str]) -> Response:
        if sent is None:
            raise EditingError(Message("choose a file to upload"))
        index = whole_number(form.get("distribution"))
        index = -1 if index is None else index
        attached = attach_file(editing, session.user, record_id, form_revision(form), index, *sent)
        return _files_page(pages, editing, request, session.user, session.csrf_token, record_id, attached=attached)
    return await acted(pages, request, act, f"/editor/dataset/{record_id}/files")


# -- the records folder of the catalogue --------------------------------------------------------
@router.get("/editor/folder", include_in_schema=False)
def folder(request: Request, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        editing.require_catalogue_admin(user)
        return pages.page(request, "folder.html", csrf_token=csrf, problems=[], report=None)
    return shown(pages, request, make)


@router.get("/editor/folder.zip", include_in_schema=False)
def download_folder(request: Request, pages: PagesDep, editing: EditingDep) -> Response:
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
    return shown(pages, request, make)


@router.post("/editor/folder", include_in_schema=False)
async def import_folder(request: Request, pages: PagesDep, editing: EditingDep) -> Response:
    """A zip of a records folder, checked as ``catalogue check`` does, then loaded as ``catalogue load`` does
    (in one transaction; nothing is loaded when it has an error)."""
    early = await before_upload(pages, request, editing.require_catalogue_admin, "/editor/folder")
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
    return await acted(pages, request, act, "/editor/folder")


def _relative(file: str, root: Path) -> str:
    """A problem's file as the officer knows it: relative to the unpacked folder."""
    return str(Path(file).relative_to(root)) if file.startswith(str(root)) else file
