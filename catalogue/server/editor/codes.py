"""The codes of a codelist too long for its form: searched, browsed level by level, and replaced by a pasted CSV
(the page again, with what was pasted and where it is wrong, when it does not read)."""

from fastapi import Request
from fastapi.responses import Response

from catalogue.editing.service import Editing
from catalogue.errors import BadPaste, Problem
from catalogue.server.editor.answers import acted, done, shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.pages import EditorPages
from catalogue.server.editor.record_form import form_revision
from catalogue.server.errors import status_of
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import Session
from catalogue.support.strict import whole_number

router = RouteGroup()


def _codes_page(pages: EditorPages, editing: Editing, request: Request, user: str, csrf: str, record_id: str,
                status: int = 200, problems: list[Problem] | None = None, pasted: str = "") -> Response:
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
                      may_edit=editing.may(user, agency, "edit")
                      and editing.held(editing.current("codelist", record_id)) is None,
                      problems=problems or [], pasted=pasted)


@router.get("/editor/codelist/{record_id}/codes", include_in_schema=False)
def codes(request: Request, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    return shown(pages, request, lambda user, csrf: _codes_page(pages, editing, request, user, csrf, record_id))


@router.post("/editor/codelist/{record_id}/codes", include_in_schema=False)
async def paste_codes(request: Request, record_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    back = f"/editor/codelist/{record_id}/codes"

    def act(session: Session, form: dict[str, str]) -> Response:
        try:
            editing.paste_codes(session.user, record_id, form_revision(form), form.get("csv", ""))
        except BadPaste as error:  # the page again, with what was pasted and where it is wrong
            return _codes_page(pages, editing, request, session.user, session.csrf_token, record_id,
                               status_of(error), error.problems, form.get("csv", ""))
        return done(back)
    return await acted(pages, request, act, back)
