"""What the editor's routes are handed (FastAPI dependencies): its pages (templates, the signed-in officer, the CSRF
check) and the editing service, one of each per application, kept on ``app.state`` by ``create_app``."""

from typing import Annotated, cast

from fastapi import Depends, Request

from catalogue.editing.service import Editing
from catalogue.server.editor.pages import EditorPages


async def editor_pages(request: Request) -> EditorPages:
    return cast(EditorPages, request.app.state.editor_pages)


async def editing_service(request: Request) -> Editing:
    """The editing service: one per worker, it keeps the shared records and indexed codelists between requests."""
    return cast(Editing, request.app.state.editing)


PagesDep = Annotated[EditorPages, Depends(editor_pages)]
EditingDep = Annotated[Editing, Depends(editing_service)]
