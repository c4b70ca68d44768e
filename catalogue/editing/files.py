"""Files in the editor: a data file uploaded to a distribution (stored once by content, its size and checksum
written into the working copy, the data checks of ``check`` run at once), and a whole records folder imported
from a zip file or downloaded as one, as ``catalogue load`` and ``catalogue dump`` do.

An uploaded file is stored beside the published files but is served by no public route until its dataset is
published: the public server serves a file only for a released dataset that names it.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from catalogue.errors import NotFound, NotReady, Problem
from catalogue.messages import Message
from catalogue.model import Dataset
from catalogue.store.datafiles import keep_file
from catalogue.editing.filechecks import UPLOADS, check_distribution_file
from catalogue.editing.service import Editing, Opened

MAX_UPLOAD = 200 * 1024 * 1024
"""The largest file the editor takes (bytes)."""
MAX_FOLDER = 500 * 1024 * 1024
"""The most a records folder may unpack to (bytes): a zip bomb stops there."""
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


MAX_NAME = 120
"""Characters of an uploaded file's stored name at most."""


def stored_path(dataset_id: str, filename: str, sha256: str) -> str:
    """Where an uploaded file lies in the records folder: ``data/<dataset>/<start of its SHA-256>/<name>`` (a plain
    name). The content is in the path, so an upload never changes the bytes of a file already published: the
    published version keeps serving its own file until the new one is published."""
    name = SAFE_NAME.sub("_", PurePosixPath(filename.replace("\\", "/")).name).strip("._") or "data.csv"
    stem, dot, suffix = name.rpartition(".")
    if len(name) > MAX_NAME:  # every file system takes it (255 bytes a name), with its extension kept
        name = f"{stem[:MAX_NAME - len(suffix[:16]) - 1]}.{suffix[:16]}" if dot else name[:MAX_NAME]
    return f"{UPLOADS}/{dataset_id}/{sha256[:16]}/{name}"


@dataclass(frozen=True)
class Attached:
    """A file attached to a distribution: the record after it, and what the data checks found."""

    record: Opened
    path: str
    size: int
    sha256: str
    problems: list[Problem]


def attach_file(editing: Editing, user: str, dataset_id: str, revision: int, index: int, filename: str,
                content: bytes) -> Attached:
    """Store ``content`` as the local file of distribution ``index`` and record its path, size and SHA-256 in a new
    draft revision; check its rows and columns against the dataset's variables."""
    current = editing.fresh(user, "dataset", dataset_id, revision, "edit")  # nothing is stored for a stale form
    distributions = list(current.data.get("distributions") or [])
    if not 0 <= index < len(distributions):
        raise NotFound(Message("dataset '%(id)s' has no distribution %(number)s", id=dataset_id, number=index + 1))
    if len(content) > MAX_UPLOAD:
        raise NotReady(Message("the file has %(size)s bytes; the editor takes files up to %(limit)s bytes",
                               size=len(content), limit=MAX_UPLOAD))
    sha256 = hashlib.sha256(content).hexdigest()
    path = stored_path(dataset_id, filename, sha256)
    distribution = {**distributions[index], "path": path, "byte_size": str(len(content)),
                    "checksum": {"algorithm": "sha256", "value": sha256}}
    distributions[index] = distribution
    data = {**current.data, "distributions": distributions}
    with editing.store.engine.begin() as connection:  # the bytes first: a revision never names a missing file
        keep_file(connection, path, sha256, content)
    saved = editing.save(user, "dataset", dataset_id, data, revision,
                         f"attached {path} to distribution {index + 1} ({len(content)} bytes)")
    return Attached(saved, path, len(content), sha256, check_attached(editing, saved, index, content))


def check_attached(editing: Editing, record: Opened, index: int, content: bytes) -> list[Problem]:
    """The data checks of ``check`` on one distribution's file (its rows and columns against the variables)."""
    dataset, _ = editing.check("dataset", record.data)
    if not isinstance(dataset, Dataset):
        return [Problem(record.data["distributions"][index].get("path", ""), None, None, "",
                        "the record has errors: the file is checked once the record is valid")]
    return check_distribution_file(dataset, index, content, editing.vocab, editing.visible_to(dataset.publisher))


def unpack_folder(archive: bytes, target: Path) -> None:
    """A records folder from a zip file, refusing what would land outside ``target`` or unpack too large (the
    bytes are counted as they unpack: a zip's declared sizes may lie), and a damaged or encrypted archive."""
    try:
        zipped = zipfile.ZipFile(io.BytesIO(archive))
        names = [info for info in zipped.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise NotReady(Message("the file is not a zip archive of a records folder")) from None
    total = 0
    prefix = _common_folder([info.filename for info in names])
    for info in names:
        relative = PurePosixPath(info.filename[len(prefix):])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise NotReady(Message("'%(name)s' would unpack outside the folder", name=info.filename))
        destination = target.joinpath(*relative.parts)
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            with zipped.open(info) as source, destination.open("wb") as sink:
                while chunk := source.read(1024 * 1024):
                    total += len(chunk)
                    if total > MAX_FOLDER:
                        raise NotReady(Message("the archive unpacks to more than %(limit)s bytes", limit=MAX_FOLDER))
                    sink.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
            raise NotReady(Message("'%(name)s' cannot be unpacked: %(error)s", name=info.filename, error=str(error))) from None
        except OSError as error:  # a name too long, a file where a folder is needed...
            raise NotReady(Message("'%(name)s' cannot be unpacked: %(error)s", name=info.filename[:200],
                                   error=str(error.strerror or error))) from None


def _common_folder(names: list[str]) -> str:
    """The one folder every entry is in (a zip of ``census/…``), or '' when the records lie at the top."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop() + "/"
    return ""


def pack_folder(folder: Path) -> bytes:
    """A records folder as a zip file (paths relative to the folder, in a stable order)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            zipped.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
