"""``catalogue upgrade``: a catalogue folder rewritten to the layout where a maintainable artefact's identity shows,
``codelists/AGENCY/ID/VERSION.yaml`` and ``concepts/AGENCY/ID/VERSION.yaml``, without losing anything.

A record file moves as it is (its bytes, comments included); nothing else changes, since a reference by id alone
keeps naming what it named. The folder is upgraded in a copy beside it, which must load to the very same records
as the original (and with no more problems) before it takes the original's place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.errors import CatalogueError, Problem, RecordsInvalid, YamlProblem
from catalogue.model.kinds import KIND_FOLDERS, MAINTAINABLE_KINDS, record_key
from catalogue.model.types import AGENCY_ID_PATTERN, SDMX_ID_PATTERN
from catalogue.model.versions import VERSION
from catalogue.records.loader import load_catalogue
from catalogue.records.yamlsource import read_yaml_file
from catalogue.support.fileio import staged_copy, swap_in


PARTS = {"agency": AGENCY_ID_PATTERN, "id": SDMX_ID_PATTERN, "version": VERSION.pattern}
"""What an agency, an id and a version may be: each names a folder or a file, never a way out of the folder."""


@dataclass
class Upgrade:
    """What an upgrade did (or, in a dry run, would do)."""

    moved: list[tuple[str, str]] = field(default_factory=list)
    """(from, to), relative to the folder."""
    left: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) of the files left where they are."""


def _plan(root: Path) -> Upgrade:
    """The moves: each maintainable artefact's file at the top of its kind's folder, to its identity's place."""
    plan = Upgrade()
    planned: set[str] = set()
    for kind in sorted(MAINTAINABLE_KINDS):
        folder = root / KIND_FOLDERS[kind]
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            try:
                data, _ = read_yaml_file(path)
            except (YamlProblem, CatalogueError):
                plan.left.append((relative, "cannot be read: fix it (catalogue check says how) and upgrade again"))
                continue
            if not isinstance(data, dict) or not all(isinstance(data.get(name), str) for name in ("agency", "id")):
                plan.left.append((relative, "names no agency and id: fix it and upgrade again"))
                continue
            key = record_key(kind, data)
            fields = {"agency": data["agency"], "id": data["id"], "version": str(data.get("version", "1.0"))}
            if not all(re.fullmatch(PARTS[name], value) for name, value in fields.items()):
                plan.left.append((relative, "its agency, id or version is not one SDMX allows: fix it (catalogue "
                                            "check says how) and upgrade again"))
                continue
            target = Path(KIND_FOLDERS[kind], fields["agency"], fields["id"], f"{fields['version']}.yaml")
            if (root / target).exists() or target.as_posix() in planned:
                plan.left.append((relative, f"{target.as_posix()} exists already: two files hold {key}"))
                continue
            planned.add(target.as_posix())
            plan.moved.append((relative, target.as_posix()))
    return plan


def upgrade_folder(root: Path, dry_run: bool = False) -> Upgrade:
    """Move each maintainable artefact's record file to its identity's place. ``RecordsInvalid`` when the upgraded
    copy would not load to the same records (the folder is then left as it was)."""
    plan = _plan(root)
    if dry_run or not plan.moved:
        return plan
    before = load_catalogue(root)
    with staged_copy(root) as staged:
        for source, target in plan.moved:
            (staged / target).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / source, staged / target)
        after = load_catalogue(staged)
        if after.catalogue != before.catalogue or len(after.errors) > len(before.errors):
            found = [problem for problem in after.errors if problem not in before.errors] or [
                Problem(str(root), None, None, "", "the upgraded folder does not load to the same records")]
            raise RecordsInvalid(found)
        swap_in(staged, root)
    return plan
