"""The rules of ``check`` applied to one record being edited: the model's, then the integrity rules against the
records it refers to, reported per field path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogue.errors import Problem, YamlProblem
from catalogue.checks.integrity import check_integrity
from catalogue.model import RECORD_KINDS, Catalogue, CatalogueInfo, DataStructure, Dataset
from catalogue.model.dataset import STRUCTURES
from catalogue.model.references import Artefacts
from catalogue.records.loader import fill_licence
from catalogue.records.writer import own_fields
from catalogue.records.model_errors import model_errors
from catalogue.model.kinds import CATALOGUE_FIELDS, record_key
from catalogue.vocab import Vocabulary
from catalogue.records.yamlsource import plain_data_problems


def _context(kind: str, data: Mapping[str, Any], info: CatalogueInfo | None) -> dict[str, Any]:
    if kind == "catalogue":
        language = data.get("default_language")
        return {"default_language": language} if isinstance(language, str) else {}
    assert info is not None
    return {"default_language": info.default_language, "languages": info.languages}


def validate_record(kind: str, data: dict[str, Any], info: CatalogueInfo | None, vocab: Vocabulary,
                    structures: Artefacts[DataStructure] | None = None) -> tuple[BaseModel | None, list[Problem]]:
    """The record the data make, or its errors: first what the record reader refuses in a file (a character XML
    cannot carry, nesting too deep), then the model's (``structures``: those a dataset may name and take its
    variables from; without them, a dataset keeps the variables it has)."""
    try:
        plain = plain_data_problems(data)
    except YamlProblem as problem:
        return None, [Problem.at_field(problem.path, problem.message)]
    if plain:
        return None, [Problem.at_field(path, message) for path, message in plain]
    model = RECORD_KINDS[kind]
    if kind == "licence" and info is not None:
        data = fill_licence(data, vocab, info.languages)
    try:
        context = _context(kind, data, info)
        if structures is not None:  # a dataset naming a structure has its variables, whatever was sent
            context[STRUCTURES] = structures
            data = own_fields(data)
        return model.model_validate(data, context=context), []
    except ValidationError as error:
        return None, [Problem.at_field(found.path, found.message) for found in model_errors(error, model, data)]


def with_record(shared: Catalogue, kind: str, record: BaseModel, datasets: Mapping[str, Dataset]) -> Catalogue:
    """The shared records with ``record`` in place of its stored version, and these datasets (unvalidated: every
    part is already valid)."""
    values: dict[str, Any] = {name: getattr(shared, name) for name in Catalogue.model_fields}
    values["datasets"] = dict(datasets)
    if kind == "catalogue":
        values["info"] = record
    else:
        field = CATALOGUE_FIELDS[kind]
        values[field] = {**values[field], record_key(kind, record): record}
    return Catalogue.model_construct(**values)


def check_record(kind: str, data: dict[str, Any], shared: Catalogue, vocab: Vocabulary,
                 datasets: Mapping[str, Dataset] | None = None) -> tuple[BaseModel | None, list[Problem]]:
    """Every problem ``check`` would report in this record, were it saved in the catalogue of ``shared`` (with
    ``datasets``: the other datasets the rules need, those it names as related)."""
    record, issues = validate_record(kind, data, shared.info, vocab, shared.structures())
    if record is None:
        return None, issues
    record_id = record_key(kind, record)
    others = dict(datasets or {})
    if isinstance(record, Dataset):
        others[record_id] = record
    catalogue = with_record(shared, kind, record, others)
    found = [finding for finding in check_integrity(catalogue, vocab)
             if finding.kind == kind and finding.record_id == record_id]
    return record, sorted(found, key=lambda issue: (not issue.is_error,))
