"""``/health``: whether this worker reaches its store."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from catalogue.errors import Unavailable
from catalogue.server.catalogue_server import ServerDep
from catalogue.server.routing import RouteGroup

router = RouteGroup()


async def health_thread(request: Request) -> ThreadPoolExecutor:
    """The thread of the application's own that answers ``/health`` (kept on ``app.state``)."""
    return cast(ThreadPoolExecutor, request.app.state.health_thread)


HealthThreadDep = Annotated[ThreadPoolExecutor, Depends(health_thread)]


@router.get_and_head("/health")
async def health(server: ServerDep, thread: HealthThreadDep) -> JSONResponse:
    """Whether this worker reaches its store: asked on a thread of its own, so a worker whose request threads
    are all busy still answers at once."""
    try:
        await asyncio.get_running_loop().run_in_executor(thread, server.snapshots.fingerprint)
    except SQLAlchemyError:
        raise Unavailable() from None
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
