"""A catalogue written out as record files, as the project writes them."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from catalogue.model import Catalogue
from catalogue.model.kinds import CATALOGUE_FIELDS, KIND_FOLDERS, MAINTAINABLE_KINDS
from catalogue.records.yamlsource import write_yaml

CATALOGUE_FILE = "catalogue.yaml"
"""The file of the catalogue record, at the top of the folder."""


def record_data(record: BaseModel) -> dict[str, Any]:
    """A record as plain data for a record file (defaults left out)."""
    return record.model_dump(mode="json", exclude_defaults=True)


def file_data(record: BaseModel) -> dict[str, Any]:
    """A record as its file holds it: ``record_data``, but a dataset naming a data structure lists no variables (it
    takes them from the structure when read)."""
    return own_fields(record_data(record))


def own_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A record's data without what it takes from another record: a dataset naming a data structure without its
    variables."""
    return {name: value for name, value in data.items() if name != "variables"} \
        if data.get("structure") is not None else data


def canonical_json(record: BaseModel) -> str:
    """The one text of a record: what the store compares to know whether it changed."""
    return json.dumps(record_data(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_file(kind: str, record: BaseModel) -> PurePosixPath:
    """Where a record's file goes in a catalogue folder: ``<kind folder>/<id>.yaml``, and for a maintainable
    artefact ``<kind folder>/<agency>/<id>/<version>.yaml`` (its identity visible in the folder's layout)."""
    if kind in MAINTAINABLE_KINDS:
        agency, record_id, version = (str(getattr(record, name)) for name in ("agency", "id", "version"))
        return PurePosixPath(KIND_FOLDERS[kind], agency, record_id, f"{version}.yaml")
    return PurePosixPath(KIND_FOLDERS[kind], f"{getattr(record, 'id')}.yaml")


def write_catalogue(catalogue: Catalogue, root: Path | str) -> None:
    """Write every record of a catalogue as record files under ``root`` (which must not exist yet)."""
    root = Path(root)
    root.mkdir(parents=True)

    def dump(record: BaseModel, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            write_yaml(file_data(record), stream)

    dump(catalogue.info, root / CATALOGUE_FILE)
    for kind in KIND_FOLDERS:
        for record in getattr(catalogue, CATALOGUE_FIELDS[kind]).values():
            dump(record, root / record_file(kind, record))
