"""What the rules of every subject say alike: a missing or dangling reference, a duplicate id, dates out of order,
the fields recommended for each kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any


from catalogue.errors import FieldPath, Problem, Severity, UnresolvedReference
from catalogue.messages import Message
from catalogue.model.kinds import MAX_KEY
from catalogue.model.maintainable import Maintainable
from catalogue.model.versions import Version

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def duplicates(ids: list[str]) -> set[str]:
    if len(set(ids)) == len(ids):  # the usual case, told without counting
        return set()
    return {value for value, count in Counter(ids).items() if count > 1}


def unique(kind: str, record_id: str, items: list[Any], field: str, what: Message) -> Iterator[Problem]:
    repeated = duplicates([item.id for item in items])
    for index, item in enumerate(items):
        if item.id in repeated:
            yield Problem.in_record(kind, record_id, (field, index, "id"),
                          Message("%(what)s '%(id)s' appears more than once", what=what, id=item.id))


def missing(kind: str, record_id: str, path: FieldPath, what: Message, ref: str | None,
             known: Any) -> Iterator[Problem]:
    if ref is not None and ref not in known:
        choices = ", ".join(sorted(known)[:12]) or Message("none defined")
        yield Problem.in_record(kind, record_id, path, Message("unknown %(what)s '%(ref)s' (known: %(choices)s)", what=what,
                                                     ref=ref, choices=choices), reference=(what, ref))


def unresolved(kind: str, record_id: str, path: FieldPath, what: Message, ref: str | None,
               resolve: Callable[[str], object], named: str | None) -> Iterator[Problem]:
    """A reference to a codelist or a concept that names none, or several (``named``: the id it names, to tell
    the reference into a record that failed to load apart)."""
    if ref is None:
        return
    try:
        resolve(ref)
    except UnresolvedReference as error:
        yield Problem.in_record(kind, record_id, path, error.message, reference=(what, named or ref))


RECOMMENDED: dict[str, dict[str, Message]] = {
    "catalogue": {"licence": Message("licence"), "homepage": Message("homepage")},
    "dataset": {"contact_point": Message("contact point"), "keywords": Message("keywords"),
                "themes": Message("theme"), "licence": Message("licence"), "distributions": Message("distribution"),
                "issued": Message("issue date"), "temporal_coverage": Message("temporal coverage"),
                "spatial_coverage": Message("spatial coverage")},
}
"""Fields that DCAT-AP (and the EU metadata quality assessment) recommend, per kind of record: a warning where
they are missing, and a mark in the editor's forms."""


def modified_before_issued(modified: object, issued: object) -> Message:
    return Message("modified (%(modified)s) is before issued (%(issued)s)", modified=str(modified), issued=str(issued))


def one_record_per_version(kind: str, artefacts: Mapping[str, Maintainable]) -> Iterator[Problem]:
    """``1.0`` and ``1.0.0`` are one version of an artefact (SDMX 3.0 writes the first as the second): one record."""
    seen: dict[tuple[str, str, Version], str] = {}
    for key, artefact in artefacts.items():
        if len(key) > MAX_KEY:
            yield Problem.in_record(kind, key, ("id",), Message(
                "'%(key)s' is longer than %(count)s characters: shorten its agency or its id", key=key[:80],
                count=MAX_KEY))
        try:
            version = Version.parse(artefact.version)
        except ValueError:
            continue  # the model refuses it
        first = seen.setdefault((artefact.agency, artefact.id, version), key)
        if first != key:
            yield Problem.in_record(kind, key, ("version",), Message(
                "'%(key)s' and '%(other)s' are one version of one artefact (SDMX writes both as %(version)s): "
                "keep one record", key=key, other=first, version=version.semantic()))
    cores = {(artefact.agency, artefact.id, artefact.version) for artefact in artefacts.values()}
    for key, artefact in artefacts.items():
        core = artefact.version.partition("-")[0]
        if core != artefact.version and (artefact.agency, artefact.id, core) in cores:
            yield Problem.in_record(kind, key, ("version",), Message(
                "'%(key)s' is a draft of a version that is released: SDMX 2.1 writes both as %(version)s, and "
                "its messages keep the release only", key=key, version=core), severity=Severity.WARNING)
