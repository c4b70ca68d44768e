"""Routes grouped by concern, each group added to an application as the application's own routes.

A ``RouteGroup`` is an ``APIRouter`` that remembers how each route was declared; ``add_to`` declares them again on
the application, as ``app.api_route`` does (``include_router`` would add the group as one entry of ``app.routes``,
which lists none of its routes). A reading route answers GET and HEAD (``get_and_head``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, FastAPI

Route = TypeVar("Route", bound=Callable[..., Any])


class RouteGroup(APIRouter):
    """The routes of one concern, declared at import as on any ``APIRouter``."""

    def __init__(self) -> None:
        self.declared: list[tuple[str, Callable[..., Any], dict[str, Any]]] = []
        """Each route as declared: its path, its function and the options given."""
        super().__init__()

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        self.declared.append((path, endpoint, options))
        super().add_api_route(path, endpoint, **options)

    def get_and_head(self, path: str, **options: Any) -> Callable[[Route], Route]:
        """A route that answers GET and HEAD (caches and harvesters check with HEAD); the OpenAPI description
        lists the GET alone (one operation id per operation)."""
        def register(function: Route) -> Route:
            self.api_route(path, methods=["HEAD"], **{**options, "include_in_schema": False})(function)
            return self.api_route(path, methods=["GET"], **options)(function)

        return register

    def add_to(self, app: FastAPI) -> None:
        """Every route of the group as the application's own, in the order declared."""
        for path, endpoint, options in self.declared:
            app.router.add_api_route(path, endpoint, **options)
