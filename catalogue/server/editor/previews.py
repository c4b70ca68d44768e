"""Previews in the editor: a dataset's public page as it will appear once published, and the catalogue's public
page as of a chosen moment (with the embargoes of the member's agencies lifted by then); never indexed."""

from datetime import timezone
from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from catalogue.editing.preview import dataset_preview, view_preview, with_banner
from catalogue.server.editor.answers import shown
from catalogue.server.editor.dependencies import EditingDep, PagesDep
from catalogue.server.editor.pages import NO_STORE
from catalogue.server.editor.record_form import typed_moment
from catalogue.server.routing import RouteGroup

PREVIEW_BANNERS = ("Preview: this is how the page will look once published. It is not public yet.",
                   "Preview of the public view as of %(moment)s (UTC).")
"""What a preview says above the public page (gettext message ids)."""

router = RouteGroup()


def _preview_response(html: str, address: str, banner: str) -> Response:
    return HTMLResponse(with_banner(html, address, escape(banner)),
                        headers={**NO_STORE, "X-Robots-Tag": "noindex"})


@router.get("/editor/dataset/{record_id}/preview", include_in_schema=False)
def preview_dataset(request: Request, record_id: str, pages: PagesDep, editing: EditingDep,
                    language: str | None = None) -> Response:
    """The dataset's public page as it will appear once published, in one of the catalogue's languages."""
    def make(user: str, _: str) -> Response:
        html, address = dataset_preview(editing, pages.store, pages.files(), user, record_id,
                                        language or editing.info().default_language, pages.clock())
        return _preview_response(html, address, pages.gettext(request, PREVIEW_BANNERS[0]))
    return shown(pages, request, make, f"/editor/dataset/{record_id}")


@router.get("/editor/preview", include_in_schema=False)
def preview_view(request: Request, pages: PagesDep, editing: EditingDep, at: str = "", language: str | None = None,
                 page: int = 1) -> Response:
    """The catalogue's public page as of a chosen moment (with the embargoes of the member's agencies lifted
    by then)."""
    def make(user: str, _: str) -> Response:
        moment = typed_moment(at) or pages.clock()
        html, address = view_preview(editing, pages.store, pages.files(), user, moment, pages.clock(),
                                     language or editing.info().default_language, page)
        banner = pages.gettext(request, PREVIEW_BANNERS[1]) % {
            "moment": moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}
        return _preview_response(html, address, banner)
    return shown(pages, request, make)
