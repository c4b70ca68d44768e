"""Atomic writes: a failed or interrupted write leaves the previous file intact."""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import CatalogueError


def _readable_like_a_new_file(temporary: str) -> None:
    """mkstemp makes private files; published outputs get the usual permissions (0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, (stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH)
             & ~umask)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    with atomic_output(path, binary=True) as stream:
        stream.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


class OutputError(CatalogueError):
    """The operating system refuses an output (no permission, a file where a folder should be, disk full)."""


def _refused(path: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        reason = "a file stands where a folder is needed"
    return OutputError(f"cannot write {path}: {reason}")


@contextmanager
def atomic_output(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream to a temporary file beside ``path``, renamed over it only when the block succeeds
    (text in UTF-8 with ``\n`` line ends, or bytes). The operating system's refusals become ``OutputError``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _refused(path, error) from None
    try:
        stream = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _readable_like_a_new_file(temporary)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _refused(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class OutsideFolderError(CatalogueError):
    """A local path that leads outside the catalogue folder (``..``, absolute, or through a link)."""


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path of ``relative`` under ``root``, links followed; refuse one that leaves ``root``."""
    real_root = root.resolve()
    target = (root / relative).resolve()
    if target != real_root and real_root not in target.parents:
        raise OutsideFolderError(f"{relative} leads outside the catalogue folder (to {target})")
    return target


OUTPUT_MARKER = ".catalogue-output"
"""Written into every folder the catalogue builds: only such a folder (or an empty one) is ever replaced."""


class OutputFolderError(CatalogueError):
    """The output folder cannot be replaced without losing something."""


def check_output_file(path: Path, source: Path) -> None:
    """Refuse a single-file output inside the records folder: it could replace a record or a data file."""
    target, records = path.resolve(), source.resolve()
    if records in target.parents or target == records:
        raise OutputFolderError(f"{path} is inside the catalogue's records folder ({source}): write outputs "
                                "elsewhere, a record or data file could be replaced")
    if target.is_dir():
        raise OutputFolderError(f"{path} is a folder, not a file")


def check_output_folder(path: Path, source: Path | None = None) -> None:
    """Refuse to replace a folder the catalogue did not build, or one that holds the records."""
    path = path.resolve()
    if source is not None and (path == source.resolve() or path in source.resolve().parents):
        raise OutputFolderError(f"{path} holds the catalogue's records ({source}): choose another output folder")
    if path.exists() and not path.is_dir():
        raise OutputFolderError(f"{path} is a file, not a folder")
    if path.is_dir() and any(path.iterdir()) and not (path / OUTPUT_MARKER).is_file():
        raise OutputFolderError(f"{path} is not empty and was not built by catalogue (no {OUTPUT_MARKER}): "
                                "it would be replaced; choose an empty or new folder")


@contextmanager
def atomic_directory(path: Path, source: Path | None = None) -> Iterator[Path]:
    """A temporary folder beside ``path``, swapped in for it only when the block succeeds.

    The previous folder stays in place until the new one is complete; on failure the temporary
    folder is removed and ``path`` is left exactly as it was. Only an empty folder, or one the
    catalogue built (it holds ``.catalogue-output``), is ever replaced.
    """
    check_output_folder(path, source)
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(path)
        building = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent))
        (building / BUILDER_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as error:
        raise _refused(path, error) from None
    try:
        yield building
        (building / BUILDER_FILE).unlink()
        (building / OUTPUT_MARKER).write_text("Built by catalogue: this folder is replaced by each build.\n",
                                              encoding="utf-8")
        _readable_tree(building)
        if path.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".previous", dir=path.parent))
            os.replace(path, previous / path.name)
            os.replace(building, path)
            shutil.rmtree(previous)
        else:
            os.replace(building, path)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise _refused(path, error) from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


BUILDER_FILE = ".catalogue-builder"
"""In a folder being built: the id of the process building it, so that a later run knows it is stale."""
STALE_GRACE_SECONDS = 60


def _is_stale(folder: Path) -> bool:
    """Left by a build that died (killed, power cut): its process is gone."""
    try:
        pid = int((folder / BUILDER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        # no process id yet (a build starting this very moment) or unreadable: stale only when old
        return time.time() - folder.stat().st_mtime > STALE_GRACE_SECONDS
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def remove_stale_builds(path: Path) -> list[Path]:
    """Remove the temporary folders of this output that earlier, interrupted builds left beside it."""
    removed = []
    for folder in path.parent.glob(f".{glob.escape(path.name)}.*"):
        if folder.is_dir() and folder.suffix in (".building", ".previous") and _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _readable_tree(root: Path) -> None:
    """mkdtemp makes a private folder; a published folder gets the usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(root, 0o777 & ~umask)


def digest(path: Path, algorithm: str = "sha256") -> str:
    """The hexadecimal digest of a file's bytes."""
    hasher = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()
