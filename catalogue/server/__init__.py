"""The live server: ``catalogue serve``."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from catalogue.store import open_store
from catalogue.server.app import create_app
from catalogue.support.mail import MailSettings

DATABASE_VARIABLE = "CATALOGUE_DB"
ONE_PERSON_VARIABLE = "CATALOGUE_ONE_PERSON_OFFICE"
"""Set (to 1): the last editor of a change may approve and publish it (``catalogue serve --one-person-office``)."""
BASE_URL_VARIABLE = "CATALOGUE_BASE_URL"
"""Where the server is reached (``catalogue serve --base-url``), for the links it writes."""
PREPARED_VARIABLE = "CATALOGUE_PREPARED_FOLDER"
"""The folder the workers of one ``catalogue serve`` share for the documents of the whole catalogue (each makes
them once, for all)."""


def app_from_environment() -> FastAPI:
    """The application for the store named by $CATALOGUE_DB (what each uvicorn worker calls)."""
    return create_app(open_store(os.environ[DATABASE_VARIABLE]),
                      separate_duties=os.environ.get(ONE_PERSON_VARIABLE) != "1",
                      base_url=os.environ.get(BASE_URL_VARIABLE) or None,
                      prepared_folder=Path(os.environ[PREPARED_VARIABLE]) if os.environ.get(PREPARED_VARIABLE) else None,
                      mail=MailSettings.from_environment())


__all__ = ["BASE_URL_VARIABLE", "DATABASE_VARIABLE", "ONE_PERSON_VARIABLE", "PREPARED_VARIABLE", "app_from_environment",
           "create_app"]
