"""``/docs``: Swagger UI on the application's OpenAPI description, every file from the installed packages (never
from a CDN)."""

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from catalogue.server.routing import RouteGroup

DOCS_ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8",
               "swagger-ui.css": "text/css; charset=utf-8"}
"""The files of Swagger UI the documentation page loads (from the swagger-ui-bundle package)."""
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/docs/static/docs.js"></script>
</body></html>
"""
DOCS_SCRIPT = """window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  SwaggerUIBundle({url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui"});
});
"""

router = RouteGroup()


def _swagger_folder() -> Path:
    import swagger_ui_bundle  # type: ignore[import-untyped]
    return Path(swagger_ui_bundle.swagger_ui_path)


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(DOCS_PAGE.format(title=request.app.title, openapi=request.app.openapi_url))


@router.get("/docs/static/{name}", include_in_schema=False)
def docs_asset(name: str) -> Response:
    if name == "docs.js":
        return Response(DOCS_SCRIPT, media_type="text/javascript; charset=utf-8")
    if name not in DOCS_ASSETS:
        return Response("not found\n", status_code=404, media_type="text/plain")
    return Response((_swagger_folder() / name).read_bytes(), media_type=DOCS_ASSETS[name],
                    headers={"Cache-Control": "public, max-age=86400"})
