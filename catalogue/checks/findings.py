"""What the rules of every subject say alike: a missing or dangling reference, a duplicate id, dates out of order,
the fields recommended for each kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any


from catalogue.errors import FieldPath, Problem, Severity, UnresolvedReference
from catalogue.messages import Message

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
