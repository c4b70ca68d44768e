"""Atomic writes: a failed or interrupted write leaves the previous file intact."""

from __future__ import annotations

import glob
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from catalogue.errors import OutputError, OutputFolderError, OutsideFolderError


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


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path of ``relative`` under ``root``, links followed; refuse one that leaves ``root``."""
    real_root = root.resolve()
    target = (root / relative).resolve()
    if target != real_root and real_root not in target.parents:
        raise OutsideFolderError(f"{relative} leads outside the catalogue folder (to {target})")
    return target


OUTPUT_MARKER = ".catalogue-output"
"""Written into every folder the catalogue builds: only such a folder (or an empty one) is ever replaced."""


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
    with _folder_beside(path) as building:
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


@contextmanager
def staged_copy(path: Path) -> Iterator[Path]:
    """A copy of the folder ``path`` (empty when there is none yet) beside it, to change and then move in with
    ``swap_in``; removed when the block ends without that. Files are hard-linked where the system allows: every
    writer of the package replaces a file (``atomic_output``) rather than writing into it, so the original's bytes
    are never touched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".staging", dir=path.parent))
    staged = holder / path.name
    try:
        if path.is_dir():
            shutil.copytree(path, staged, symlinks=True, copy_function=_link_or_copy)
        else:
            staged.mkdir()
        yield staged
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def swap_in(staged: Path, path: Path) -> None:
    """Put the folder ``staged`` where ``path`` is (the previous one removed once the new one is in place)."""
    if not path.exists():
        os.replace(staged, path)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".previous", dir=path.parent))
    os.replace(path, previous / path.name)
    os.replace(staged, path)
    shutil.rmtree(previous, ignore_errors=True)


@contextmanager
def _folder_beside(path: Path) -> Iterator[Path]:
    """A new folder beside ``path`` (after what interrupted builds left there is cleared), holding this process's
    id; when the block fails it is removed, and the operating system's refusal is an ``OutputError``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(path)
        folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent))
        (folder / BUILDER_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as error:
        raise _refused(path, error) from None
    try:
        yield folder
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise _refused(path, error) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


@dataclass
class FolderUpdate:
    """Where a build of a folder writes: a new folder swapped in whole, or, when the folder is updated in place,
    one that holds only what changed, moved into the folder when the block succeeds."""

    folder: Path
    in_place: bool
    removed: list[str] = field(default_factory=list)
    """Set by the block, in place: what to remove from the folder (relative paths; a folder's ends with ``/``)."""
    last: str | None = None
    """Set by the block, in place: the file moved into the folder last (the build's record of what it holds)."""


JOURNAL = ".catalogue-journal.json"
"""In a folder of changes: the commit point of an update in place (what to remove, what to move last); from the
moment it is written, the update is carried to its end, by this build or, when it was interrupted, by the next."""
_REMOVED_MARK = ".catalogue-removed"


@contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """One build of a folder at a time: a build reads what the previous one left, so two at once would each
    update the folder from the same state. The lock is taken on the folder's parent (which always exists, and
    outlives a swap of the folder), so that nothing is left beside the folder."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    parent = path.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(parent, os.O_RDONLY)
    except OSError as error:
        raise _refused(path, error) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def updated_directory(path: Path, source: Path | None, in_place: bool) -> Iterator[FolderUpdate]:
    """A folder to build ``path`` in: a whole new one swapped in (``atomic_directory``), or, ``in_place``, a folder
    of changes moved into ``path`` when the block succeeds.

    In place, the previous folder is untouched until the block has succeeded: a failure removes the changes and
    leaves ``path`` exactly as it was. Then the journal is written (the commit point), the removed outputs are
    removed and the changed ones moved in, each file replaced at once, the record of what the folder holds last.
    A build interrupted after the commit point is completed by the next build of the same folder before it starts.
    """
    if not in_place:
        with atomic_directory(path, source) as building:
            yield FolderUpdate(building, False)
        return
    check_output_folder(path, source)
    path = path.resolve()
    with _folder_beside(path) as changes:
        update = FolderUpdate(changes, True)
        yield update
        temporary = changes / f"{JOURNAL}.tmp"
        temporary.write_text(json.dumps({"removed": update.removed, "last": update.last}), encoding="utf-8")
        os.replace(temporary, changes / JOURNAL)
    try:
        apply_journal(changes, path)
    except OSError as error:
        raise _refused(path, error) from None


def apply_journal(changes: Path, path: Path) -> None:
    """Carry an update in place to its end (again, from where it stopped, after an interruption): remove what the
    journal says, move every file of ``changes`` into ``path`` (its own record last), remove ``changes``."""
    journal = json.loads((changes / JOURNAL).read_text(encoding="utf-8"))
    last = journal.get("last")
    if last:
        (path / last).unlink(missing_ok=True)  # until it is moved in, the folder tells no next build what it holds
    if not (changes / _REMOVED_MARK).exists():
        for relative in journal.get("removed", []):
            target = path / relative
            if relative.endswith("/"):
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
                _remove_empty_folders(target.parent, path)
        (changes / _REMOVED_MARK).touch()
    for top, _, files in os.walk(changes):
        here = Path(top)
        target_folder = path / here.relative_to(changes)
        target_folder.mkdir(parents=True, exist_ok=True)  # every folder of the build, empty ones too
        for name in files:
            if here == changes and name in (JOURNAL, _REMOVED_MARK, BUILDER_FILE, last):
                continue
            os.replace(here / name, target_folder / name)
    if last and (changes / last).exists():
        os.replace(changes / last, path / last)
    shutil.rmtree(changes)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty (a removed dataset's page folder)."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


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
    """Remove the temporary folders of this output that earlier, interrupted builds left beside it (finishing an
    update in place that was interrupted after its commit point)."""
    removed = []
    for folder in path.parent.glob(f".{glob.escape(path.name)}.*"):
        if folder.is_dir() and folder.suffix in (".building", ".previous") and _is_stale(folder):
            if (folder / JOURNAL).is_file() and path.is_dir():
                try:
                    apply_journal(folder, path)  # an update in place interrupted after its commit point: finish it
                except (OSError, ValueError, AttributeError):
                    pass  # a journal that cannot be read is not committed: the update never happened
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _readable_tree(root: Path) -> None:
    """mkdtemp makes a private folder; a published folder gets the usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(root, 0o777 & ~umask)
