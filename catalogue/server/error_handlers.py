"""What an error raised while answering says: JSON ``{"error": …}`` never cached, its status from ``errors.STATUS``
(``status_of``); an unknown address asked for as a page gets the site's page that says so."""

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from catalogue.errors import BadForm, BadRequest, Busy, Unavailable
from catalogue.server.catalogue_server import catalogue_server
from catalogue.server.errors import status_of
from catalogue.server.prepared import WHOLE_WAIT
from catalogue.server.responses import error
from catalogue.server.routes.pages import not_found_page

RETRY_AFTER = 30
"""Seconds a client is asked to wait when the store is not available."""


async def bad_request(request: Request, problem: BadRequest) -> JSONResponse:
    return error(status_of(problem), f"{problem.parameter}: expected {problem.message}", parameter=problem.parameter)


async def bad_form(request: Request, problem: BadForm) -> JSONResponse:
    return error(status_of(problem), str(problem))


async def invalid_request(request: Request, problem: RequestValidationError) -> JSONResponse:
    """FastAPI's 422, without the values sent (a non-finite number cannot be written back as JSON)."""
    found = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
             for e in problem.errors()[:20]]
    return JSONResponse({"error": "the request does not match what this address takes", "detail": found},
                        status_code=422, headers={"Cache-Control": "no-store"})


async def busy(request: Request, problem: Busy) -> JSONResponse:
    response = error(status_of(problem), "the server is making a document of the whole catalogue: try again shortly")
    response.headers["Retry-After"] = str(int(WHOLE_WAIT))
    return response


async def unavailable(request: Request, problem: Unavailable) -> JSONResponse:
    response = error(status_of(problem), "the store is not available")
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


async def unknown(request: Request, problem: StarletteHTTPException) -> Response:
    """An address no route answers (or a method it does not take)."""
    if problem.status_code == 404 and _wants_html(request):
        return await run_in_threadpool(not_found_page, await catalogue_server(request), request)
    return error(problem.status_code, "not found" if problem.status_code == 404 else str(problem.detail))


def _wants_html(request: Request) -> bool:
    """Whether an unknown address is answered with a page: one that names a page, or a browser's request."""
    path = request.url.path
    return path.endswith((".html", "/")) or "text/html" in request.headers.get("accept", "")
