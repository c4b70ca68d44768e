"""The live server: ``catalogue serve``."""

from __future__ import annotations

import os

from fastapi import FastAPI

from ..store import open_store
from .app import create_app

DATABASE_VARIABLE = "CATALOGUE_DB"


def app_from_environment() -> FastAPI:
    """The application for the store named by $CATALOGUE_DB (what each uvicorn worker calls)."""
    return create_app(open_store(os.environ[DATABASE_VARIABLE]))


__all__ = ["DATABASE_VARIABLE", "app_from_environment", "create_app"]
