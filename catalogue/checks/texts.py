"""The rules on texts: every text in the catalogue's languages, descriptions of a fair length, official names."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from catalogue.errors import FieldPath, Problem, Severity
from catalogue.messages import Message
from catalogue.model import Catalogue, Dataset
from catalogue.model.kinds import records_of
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _holds_containers(annotation: Any) -> bool:
    """A field of this type may hold a text, a list or a nested record (not only a scalar)."""
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, dict, list))
    origin = get_origin(annotation)
    if origin in (dict, list, tuple, set) or origin is Literal:
        return origin is not Literal
    return any(_holds_containers(argument) for argument in get_args(annotation))


@lru_cache(maxsize=None)
def _container_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record type that may hold texts: the walk skips the scalar ones."""
    return tuple(name for name, info in model.model_fields.items() if _holds_containers(info.annotation))


def _texts(record: BaseModel) -> list[tuple[FieldPath, dict[str, Any]]]:
    """Every multilingual text in a record (in records, every dict is a text or keywords), in field order: a walk
    with a stack of what is left to see (a recursive generator cost a frame per level for every value)."""
    found: list[tuple[FieldPath, dict[str, Any]]] = []
    left: list[tuple[Any, FieldPath]] = [(record, ())]
    while left:
        value, path = left.pop()
        if isinstance(value, BaseModel):
            left.extend((item, (*path, name)) for name in reversed(_container_fields(type(value)))
                        if (item := getattr(value, name)) is not None)
        elif isinstance(value, list):
            left.extend((value[index], (*path, index)) for index in range(len(value) - 1, -1, -1))
        elif isinstance(value, dict):
            found.append((path, value))
    return found


def check_texts(catalogue: Catalogue, vocab: Vocabulary, exact: Collection[tuple[str, str]] = ()) -> Iterator[Problem]:
    """Texts use the catalogue's languages, always include the default one, and are translated. ``exact``: records
    (kind, id) known to hold every text in exactly the catalogue's languages, of which there is nothing to say."""
    for kind, record_id, record in records_of(catalogue):
        if (kind, record_id) not in exact:
            yield from _record_texts(catalogue, vocab, kind, record_id, _own(record))


def check_dataset_texts(catalogue: Catalogue, vocab: Vocabulary,
                        exact: Collection[tuple[str, str]] = ()) -> Iterator[Problem]:
    """``check_texts`` of the datasets alone."""
    for record_id, record in catalogue.datasets.items():
        if ("dataset", record_id) not in exact:
            yield from _record_texts(catalogue, vocab, "dataset", record_id, _own(record))


def _own(record: BaseModel) -> BaseModel:
    """A record without what another record holds: a dataset naming a data structure without its variables (the
    structure's texts are the structure's findings)."""
    return record.model_copy(update={"variables": []}) if isinstance(record, Dataset) and record.structure else record


def _record_texts(catalogue: Catalogue, vocab: Vocabulary, kind: str, record_id: str,
                  record: BaseModel) -> Iterator[Problem]:
    languages = catalogue.info.languages
    default = catalogue.info.default_language
    for path, text in _texts(record):
        if kind == "licence" and path == ("title",) and _official_name(catalogue, vocab, record_id, text):
            continue  # a known licence's official name is a name, in its own language
        for language in text:
            if language not in languages:
                yield Problem.in_record(kind, record_id, (*path, language),
                              Message("language '%(language)s' is not one of the catalogue's languages "
                                      "(%(languages)s)", language=language, languages=", ".join(languages)))
        if default not in text:
            yield Problem.in_record(kind, record_id, path,
                          Message("no text in the default language '%(language)s' (the standards that take "
                                  "a single language use it)", language=default))
        for language in languages:
            if language != default and language not in text:
                yield Problem.in_record(kind, record_id, path, Message("no '%(language)s' translation", language=language),
                              WARNING)


def _official_name(catalogue: Catalogue, vocab: Vocabulary, licence_id: str, title: dict[str, Any]) -> bool:
    """The title is the official name of a licence known to mappings/licences.yaml, as it gives it."""
    known = vocab.licences.get(licence_id)
    return known is not None and all(known.title.get(language) == value for language, value in title.items())
