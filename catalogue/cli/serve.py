"""``catalogue serve``: the site, every feed and the editor, from a store or from a folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from catalogue.cli.common import Database, SourceFolder, fail, open_store, out, records_folder, refuse


def serve(
    source: SourceFolder = None,
    db: Database = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, metavar="N",
                                         help="Worker processes (they share the store)")] = 1,
    one_person_office: Annotated[bool, typer.Option(
        "--one-person-office", metavar="", help="Let the last editor of a change approve and publish it (an office "
                                                "of one person; by default someone else must)")] = False,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", metavar="URL",
        help="Where the server is reached, for the links it writes (default: http://HOST:PORT/ on this machine's own "
             "address, else the catalogue's base URI); never a request's Host")] = None,
) -> None:
    """Serve the site and every feed from a store (--db), or from a folder loaded into an embedded SQLite file;
    the public view is evaluated at each request, so embargoes lift to the second."""
    import uvicorn

    from catalogue.errors import CatalogueError, RecordsInvalid
    from catalogue.model.types import check_url
    from catalogue.server import BASE_URL_VARIABLE, DATABASE_VARIABLE, ONE_PERSON_VARIABLE, PREPARED_VARIABLE
    from catalogue.server.protocol import PROTOCOL
    from catalogue.store.folders import load_checked

    if base_url is None and host in ("127.0.0.1", "localhost", "::1"):  # on this machine: where it is reached
        base_url = f"http://{'[::1]' if host == '::1' else host}:{port}/"
    if base_url is not None:
        try:
            check_url(base_url)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--base-url") from None
        os.environ[BASE_URL_VARIABLE] = base_url

    if db is None:
        folder = records_folder(source, None, default=Path("."))
        embedded = Path(tempfile.mkdtemp(prefix="catalogue-serve-")) / "catalogue.db"
        atexit.register(shutil.rmtree, embedded.parent, True)
        db = f"sqlite:///{embedded}"
        try:  # the folder's secret goes with it: the served calendar names its entries as a build does
            load_checked(folder, db, os.environ.get("USER") or "catalogue", f"serve {folder}", with_secret=True)
        except RecordsInvalid as error:
            refuse(error.problems, folder, "nothing is served")
        except CatalogueError as error:
            fail(error)
    else:
        if source is not None:
            raise typer.BadParameter("give either a catalogue folder or --db, not both", param_hint="SOURCE")
        try:
            open_store(db)
        except CatalogueError as error:
            fail(error)
    os.environ[DATABASE_VARIABLE] = db
    prepared = Path(tempfile.mkdtemp(prefix="catalogue-prepared-"))  # the workers' documents of the whole catalogue
    atexit.register(shutil.rmtree, prepared, True)
    os.environ[PREPARED_VARIABLE] = str(prepared)
    if one_person_office:
        os.environ[ONE_PERSON_VARIABLE] = "1"
    out.print(f"serving on http://{host}:{port}/ (DCAT at /catalog, DCAT-US at /data.json, API at /docs)",
              markup=False, highlight=False)
    uvicorn.run("catalogue.server:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", http=PROTOCOL)
