"""The editor's home page, listing the signed-in officer's agencies, roles and records (drafts included: they are
members), each with what the public sees of it; and the editor's static files."""

from datetime import datetime
from importlib import resources

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from catalogue.editing.service import Opened, release_moment
from catalogue.editing.workflow import PUBLISHED
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.labels import KIND_LABELS, STAGE_LABELS, STATUS_LABELS
from catalogue.server.editor.pages import NO_STORE
from catalogue.server.routing import RouteGroup
from catalogue.store.schema import memberships

STATIC_FILES = {"htmx.min.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}

router = RouteGroup()


@router.get("/editor/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in STATIC_FILES:
        return Response("not found\n", status_code=404, media_type="text/plain")
    content = (resources.files("catalogue") / "editor_static" / name).read_bytes()
    return Response(content, media_type=STATIC_FILES[name],
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get("/editor/", include_in_schema=False)
def home(request: Request, pages: PagesDep, editing: EditingDep) -> Response:
    signed_in = pages.session_of(request)
    if signed_in is None:
        return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
    _, session = signed_in
    with pages.store.engine.connect() as connection:
        roles = connection.execute(select(memberships.c.agency, memberships.c.role)
                                   .where(memberships.c.user_name == session.user)
                                   .order_by(memberships.c.agency)).all()
    owned = editing.records_of(session.user) if roles else []
    now = pages.clock()
    return pages.page(request, "home.html", user=session.user, memberships=roles, records=owned,
                      public_side={(r.kind, r.record_id): _public_side(r, now) for r in owned},
                      csrf_token=session.csrf_token,
                      status_labels=STATUS_LABELS, stage_labels=STAGE_LABELS, kinds=KIND_LABELS,
                      creatable=[kind for kind in KIND_LABELS if kind != "catalogue"],
                      admin_of=[agency for agency, role in roles if role == "admin"],
                      catalogue_publisher=pages.info().publisher)


def _public_side(record: Opened, now: datetime) -> tuple[str, str | None]:
    """What the public sees of a record beside its stage: its published version under a working copy, an
    embargo not yet lifted (with its moment)."""
    if record.editing and record.published_revision is not None:
        release = record.published_release
        return ("published version embargoed until", release.isoformat()) if release and release > now \
            else ("published version online", None)
    release = release_moment(record.data.get("release_time")) if record.stage == PUBLISHED else None
    return ("embargoed until", release.isoformat()) if release and release > now else ("", None)
