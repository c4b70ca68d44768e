"""A build of a site folder: a new folder swapped in, or the folder built before updated with what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from catalogue.errors import OutputError
from catalogue.policy.view import PublicView
from catalogue.publish.memo import MANIFEST, BuildMemo
from catalogue.publish.site import SiteBuilder, build_site
from catalogue.support.collector import objects_kept
from catalogue.support.fileio import build_lock, remove_stale_builds, updated_directory

BuildProgress = Callable[[int, int, str], None]
"""Told the steps done, the steps in all and the name of the step just done: once before the first step (0 done,
no name), then after each."""


@dataclass(frozen=True)
class BuiltSite:
    """What a build made."""

    datasets: int
    languages: int
    reused: int
    """Outputs taken unchanged from the build before."""


@contextmanager
def locked_folder(folder: Path) -> Iterator[None]:
    """One build of ``folder`` at a time, after what an interrupted one left is finished or removed. Raises
    ``OutputError`` when the operating system refuses the lock or the clearing."""
    with ExitStack() as stack:
        try:
            stack.enter_context(build_lock(folder))
            remove_stale_builds(folder.resolve())  # an interrupted update is finished before the folder is read
        except OSError as error:
            raise OutputError(f"cannot write {folder}: {error.strerror or error}") from None
        yield


def build_site_folder(view: PublicView, source: Path, out: Path, base_url: str | None = None,
                      strip_confidential: bool = False, progress: BuildProgress | None = None) -> BuiltSite:
    """Build the site of ``view`` (the catalogue in the records folder ``source``) into the folder ``out``, the
    caller holding ``locked_folder(out)``. A folder built before is updated: the outputs whose inputs did not
    change are taken from it, in place when its shared inputs are the same; else a new folder is swapped in.

    Raises ``OutputFolderError`` when ``out`` may not be replaced; another ``CatalogueError`` (a confidential column,
    a data file that cannot be published, an output the system refuses) leaves ``out`` exactly as it was."""
    with objects_kept():  # the catalogue lives through the build: collections leave it alone
        memo = BuildMemo(out if (out / MANIFEST).is_file() else None)
        builder = SiteBuilder(view, source, base_url, strip_confidential)
        memo.begin(builder.shared_inputs())
        builder.memo = memo
        with updated_directory(out, source, memo.in_place) as update:
            total = len(builder.steps())
            done = 0

            def advance(name: str) -> None:
                nonlocal done
                done += 1
                if progress is not None:
                    progress(done, total, name)

            if progress is not None:
                progress(0, total, "")
            build_site(builder, update.folder, advance)
            update.removed, update.last = memo.removed, MANIFEST
    return BuiltSite(len(view.datasets), len(view.info.languages), memo.reused)
