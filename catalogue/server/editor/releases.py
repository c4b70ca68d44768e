"""The editor's releases pages: a series' releases in every stage (drafts and those in review among them), and on a
dataset, its next release (from the latest of its series) and a new version that replaces it."""

from fastapi import Request
from fastapi.responses import Response

from catalogue.editing.releases import next_release
from catalogue.server.editor.labels import STAGE_LABELS
from catalogue.errors import EditingError
from catalogue.formats.text import pick
from catalogue.messages import Message
from catalogue.server.editor.answers import acted, done, shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.versions import MAX_VERSION
from catalogue.server.routing import RouteGroup
from catalogue.store.accounts import Session

router = RouteGroup()
MAX_NOTES = 2000
"""The longest version notes the form takes."""


def _rows(editing: EditingDep, user: str, series_id: str) -> list[dict[str, str]]:
    """A series' releases as the page lists them: id, title, period, version and stage."""
    language = editing.info().default_language
    rows = []
    for opened in editing.releases(user, series_id):
        coverage = opened.data.get("temporal_coverage")
        coverage = coverage if isinstance(coverage, dict) else {}
        title = opened.data.get("title") or {}  # a draft may hold anything the form took
        rows.append({"id": opened.record_id, "title": pick(title, language) or "" if isinstance(title, dict)
                     else str(title),
                     "period": " – ".join(str(coverage[k]) for k in ("start", "end") if coverage.get(k)),
                     "version": str(opened.data.get("version") or ""), "stage": STAGE_LABELS[opened.stage],
                     "withdrawn": "withdrawn" if opened.data.get("withdrawn") else ""})
    return rows


@router.get("/editor/series/{series_id}/releases", include_in_schema=False)
def series_releases(request: Request, series_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        return pages.page(request, "releases.html", kind="series", record_id=series_id, csrf_token=csrf,
                          series=[{"id": series_id, "releases": _rows(editing, user, series_id)}], dataset=None)
    return shown(pages, request, make)


@router.get("/editor/dataset/{dataset_id}/releases", include_in_schema=False)
def dataset_releases(request: Request, dataset_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def make(user: str, csrf: str) -> Response:
        opened = editing.open(user, "dataset", dataset_id)
        series = [{"id": series_id, "releases": _rows(editing, user, series_id)}
                  for series_id in opened.data.get("series") or []]
        latest = all(entry["releases"] and entry["releases"][-1]["id"] == dataset_id for entry in series)
        _, suggested_next = next_release(dict(opened.data))
        new_id, version = editing.suggested_dataset_version(user, dataset_id)
        return pages.page(request, "releases.html", kind="dataset", record_id=dataset_id, csrf_token=csrf,
                          series=series, dataset={"latest": bool(series) and latest, "next_id": suggested_next or "",
                                                  "new_id": new_id, "version": version},
                          may_edit=editing.may(user, opened.agency, "edit"))
    return shown(pages, request, make)


@router.post("/editor/dataset/{dataset_id}/next-release", include_in_schema=False)
async def make_next_release(request: Request, dataset_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def act(session: Session, form: dict[str, str]) -> Response:
        new_id = form.get("id", "").strip()
        if not new_id:
            raise EditingError(Message("say the id of the new release"))
        made = editing.next_release(session.user, dataset_id, new_id, form.get("message", ""))
        return done(f"/editor/dataset/{made.record_id}")
    return await acted(pages, request, act, f"/editor/dataset/{dataset_id}/releases")


@router.post("/editor/dataset/{dataset_id}/new-dataset-version", include_in_schema=False)
async def make_new_version(request: Request, dataset_id: str, pages: PagesDep, editing: EditingDep) -> Response:
    def act(session: Session, form: dict[str, str]) -> Response:
        new_id, version, notes = (form.get(name, "").strip() for name in ("id", "version", "notes"))
        if not new_id:
            raise EditingError(Message("say the id of the new version"))
        if not version or len(version) > MAX_VERSION:
            raise EditingError(Message("say which version to make, such as '1.1' or '1.1.0'"))
        if len(notes) > MAX_NOTES:
            raise EditingError(Message("the version notes are too long (%(limit)d characters at most)",
                                       limit=MAX_NOTES))
        made = editing.new_dataset_version(session.user, dataset_id, new_id, version, notes, form.get("message", ""))
        return done(f"/editor/dataset/{made.record_id}")
    return await acted(pages, request, act, f"/editor/dataset/{dataset_id}/releases")
