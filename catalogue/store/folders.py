"""A records folder into a store, checked first, and a store back into a records folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from catalogue.checks.datafiles import load_and_check
from catalogue.errors import OutputError, RecordsInvalid
from catalogue.model import Catalogue
from catalogue.policy.secret import folder_secret
from catalogue.records.loader import in_files
from catalogue.store.store import LoadReport, Store, open_store


def _opened(store: Store | str) -> Store:
    return open_store(store) if isinstance(store, str) else store


def load_checked(folder: Path, store: Store | str, author: str, message: str, *,
                 with_secret: bool = False) -> LoadReport:
    """Check ``folder`` as ``catalogue check`` does (records and data files), then write it into ``store`` in one
    transaction: a revision for each new, changed or removed record (by ``author``, saying ``message``).

    ``store`` is a store, or the URL of one: it is then opened only once the folder is found valid (an invalid
    folder creates no database). ``with_secret``: the folder's calendar secret is made first when it has none, so
    that the store names the calendar's entries as a build of the folder does.

    Raises ``RecordsInvalid`` with every problem found (errors and warnings) when the folder holds an error; the
    store is then not changed. Any other ``CatalogueError`` when the store cannot be opened or written."""
    result = load_and_check(folder)
    if not result.ok or result.catalogue is None:
        raise RecordsInvalid(result.problems)
    if with_secret:
        folder_secret(folder)
    try:
        return _opened(store).load(result.catalogue, folder, author, message)
    except RecordsInvalid as refused:  # a released version changed: said at its file
        raise RecordsInvalid(in_files(refused.problems, result.sources)) from None


def dump_folder(store: Store | str, target: Path) -> Catalogue:
    """Write the stored catalogue as the new records folder ``target`` (which must not exist): written in a folder
    beside it and renamed when complete, so that a failure leaves nothing half-written. The catalogue written.

    ``store`` is a store, or the URL of one (opened once the folder to write in is made). Raises ``OutputError``
    when the operating system refuses the folder, a ``StoreError`` when the store cannot be read."""
    if target.exists():
        raise OutputError(f"{target} exists; dump writes a new folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".dumping", dir=target.parent))
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        catalogue = _opened(store).write_folder(building / "records")
        os.replace(building / "records", target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return catalogue
