"""The editor's reads and writes of local files: their bytes (stored once by SHA-256), where they lie, and which
dataset names each (what the public server serves a file for, once the dataset is released).

Every function takes the caller's connection: the caller decides what one transaction holds.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from catalogue.model import Dataset
from catalogue.store.schema import blobs, dataset_files, files


def keep_file(connection: Connection, path: str, sha256: str, content: bytes) -> None:
    """Store ``content`` (once per SHA-256) as the file at ``path``, unless a file lies there already."""
    if connection.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first() is None:
        connection.execute(insert(blobs).values(sha256=sha256, size=len(content), content=content))
    if connection.execute(select(files.c.path).where(files.c.path == path)).first() is None:
        connection.execute(insert(files).values(path=path, sha256=sha256))


def file_content(connection: Connection, path: str) -> bytes | None:
    """The bytes of the file stored at ``path``, or ``None`` when none is."""
    content = connection.execute(select(blobs.c.content).join(files, files.c.sha256 == blobs.c.sha256)
                                 .where(files.c.path == path)).scalar_one_or_none()
    return None if content is None else bytes(content)


def stored_paths(connection: Connection, paths: list[str]) -> set[str]:
    """Those of ``paths`` where a file is stored."""
    return set(connection.execute(select(files.c.path).where(files.c.path.in_(paths))).scalars())


def file_datasets(connection: Connection, paths: list[str]) -> dict[str, set[str]]:
    """Path → the published (or loaded) datasets that name it, for those of ``paths`` that any dataset names."""
    named: dict[str, set[str]] = {}
    for row in connection.execute(select(dataset_files.c.path, dataset_files.c.dataset_id)
                                  .where(dataset_files.c.path.in_(paths))):
        named.setdefault(row.path, set()).add(row.dataset_id)
    return named


def index_dataset_files(connection: Connection, dataset: Dataset) -> None:
    """Note the local files a published dataset names as its own (and no longer those it named before)."""
    connection.execute(delete(dataset_files).where(dataset_files.c.dataset_id == dataset.id))
    paths = sorted({d.path.replace("\\", "/") for d in dataset.distributions if d.path})
    if paths:
        connection.execute(insert(dataset_files), [{"path": path, "dataset_id": dataset.id} for path in paths])
