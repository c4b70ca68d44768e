"""The editor's versions page of a codelist or a concept scheme: its versions, what differs between two of them,
and a new version made from one (the way a released version changes)."""

from fastapi import Request
from fastapi.responses import Response

from catalogue.errors import EditingError
from catalogue.messages import Message
from catalogue.server.editor.answers import acted, done, shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.labels import KIND_LABELS
from catalogue.server.editor.record_form import known
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import Session

router = RouteGroup()
MAX_VERSION = 64
"""The longest version a form may send (what a record's version may be)."""


@router.get("/editor/{kind}/{record_id}/versions", include_in_schema=False)
def versions_page(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        known(kind)
        opened = editing.open(user, kind, record_id)
        keys = editing.versions(user, kind, record_id)
        other = request.query_params.get("with")
        other = other if other in keys and other != record_id else None
        changes = editing.compare_versions(user, kind, record_id, other) if other else []
        return pages.page(request, "versions.html", kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id,
                          keys=keys, other=other, changes=changes, released=editing.held(opened) is not None,
                          suggested=editing.suggested_version(user, kind, record_id), csrf_token=csrf,
                          may_edit=editing.may(user, opened.agency, "edit"))
    return shown(pages, request, make)


@router.post("/editor/{kind}/{record_id}/new-version", include_in_schema=False)
async def new_version(request: Request, kind: str, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    back = f"/editor/{kind}/{record_id}/versions"

    def act(session: Session, form: dict[str, str]) -> Response:
        known(kind)
        version = form.get("version", "").strip()
        if not version or len(version) > MAX_VERSION:
            raise EditingError(Message("say which version to make, such as '1.1' or '1.1.0'"))
        made = editing.new_version(session.user, kind, record_id, version, form.get("message", ""))
        return done(f"/editor/{kind}/{made.record_id}")
    return await acted(pages, request, act, back)
