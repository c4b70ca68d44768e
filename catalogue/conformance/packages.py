"""Data Packages of a built site against the official Data Package v2 profile (jsonschema) and frictionless."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Executor
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from catalogue.conformance.file_report import FileReport, guarded, one_line

DATAPACKAGE_PROFILE = Path("datapackage", "profiles-2.0", "datapackage.json")


PACKAGES_PER_TASK = 25


def packages(site: Path, standards: Path, pool: Executor | None = None) -> Callable[[], list[FileReport]]:
    """Every Data Package, in batches across the pool; call the result for the reports (in file order)."""
    paths = sorted((site / "datapackages").glob("*/datapackage.json"))
    batches = [paths[start:start + PACKAGES_PER_TASK] for start in range(0, len(paths), PACKAGES_PER_TASK)]
    if pool is None:
        done = [_package_batch(site, standards, batch) for batch in batches]
        return lambda: [report for batch in done for report in batch]
    futures = [pool.submit(_package_batch, site, standards, batch) for batch in batches]
    return lambda: [report for future in futures for report in future.result()]


def _package_batch(site: Path, standards: Path, paths: list[Path]) -> list[FileReport]:
    reports = []
    for path in paths:
        report = FileReport(str(path.relative_to(site)), "jsonschema, Data Package v2 profile; frictionless")
        reports.append(guarded(report, partial(_package, path, standards, report)))
    return reports


@lru_cache(maxsize=4)
def _profile(standards: Path) -> tuple[Any, Any]:
    """The official Data Package v2 profile twice: jsonschema-rs (compiled, hundreds of times faster) tells
    whether a descriptor is valid, and jsonschema says why when one is not (its messages, as before)."""
    import jsonschema_rs
    from jsonschema import Draft7Validator

    schema = json.loads((standards / DATAPACKAGE_PROFILE).read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(schema, validate_formats=False, offline=True), Draft7Validator(schema)


def profile_errors(descriptor: Any, standards: Path) -> list[str]:
    """What the official Data Package profile finds wrong with a descriptor, one line each."""
    fast, explained = _profile(standards)
    if fast.is_valid(descriptor):
        return []
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in explained.iter_errors(descriptor)]


def _package(path: Path, standards: Path, report: FileReport) -> None:
    from frictionless import FrictionlessException, Package

    descriptor = json.loads(path.read_text(encoding="utf-8"))
    report.errors = profile_errors(descriptor, standards)
    names = [str(r.get("name")) for r in descriptor.get("resources", []) if isinstance(r, dict)]
    report.errors += [f"resources: the name '{name}' is used by more than one resource"
                      for name in sorted({n for n in names if names.count(n) > 1})]
    if report.errors:
        return
    try:
        package = Package(descriptor, basepath=str(path.parent))  # reads the descriptor, fetches nothing
    except FrictionlessException as error:
        report.errors += [one_line(f"frictionless: {e.note}") for e in error.reasons or [error.error]]
        return
    remote = [r.name for r in package.resources if "://" in str(r.path or "")]
    local = descriptor["resources"]
    if remote:
        # the descriptor was read above; remote data are not fetched (offline), local data are checked
        report.notes.append(f"data on the web not fetched (offline): {', '.join(map(str, remote))}")
        local = [r for r in descriptor["resources"] if r.get("name") not in remote]
        for name in remote:
            package.remove_resource(str(name))
    try:  # what Package.validate does, each resource's report kept where it depends on the resource alone
        package.to_descriptor(validate=True)
    except FrictionlessException as exception:
        report.errors += [one_line(f"frictionless: {e.note}") for e in exception.to_errors()]
        return
    for resource, raw in zip(package.resources, local):
        found = _resource_report(resource, raw).flatten(["rowNumber", "fieldName", "note"])
        report.errors += [one_line(_data_error(str(resource.name), *error)) for error in found]


def _data_error(resource: str, row: int | None, field: str | None, note: str) -> str:
    """A frictionless finding in the data, at its resource, row and column where it has them."""
    where = f", column '{field}'" if row and field else ""
    return f"{resource}: row {row}{where}: {note}" if row else f"{resource}: {note}"


def _resource_report(resource: Any, descriptor: dict[str, Any]) -> Any:
    """frictionless's report of a package's resource. A resource whose data, schema and dialect are inline and
    whose foreign keys refer only to itself (a codelist's parent codes) depends on nothing else, not the
    package, not a file: its report is kept by descriptor, so a codelist that many packages embed is validated
    once per process."""
    inline = "data" in descriptor and "path" not in descriptor and all(
        isinstance(descriptor.get(part, {}), dict) for part in ("schema", "dialect"))
    foreign_keys = resource.schema.foreign_keys if resource.schema else []
    if inline and all(key["reference"]["resource"] in ("", resource.name) for key in foreign_keys):
        return _inline_resource_report(json.dumps(descriptor, sort_keys=True))
    return resource.validate()


@lru_cache(maxsize=512)
def _inline_resource_report(descriptor: str) -> Any:
    from frictionless import Resource

    return Resource(json.loads(descriptor)).validate()
