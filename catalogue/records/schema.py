"""JSON Schema (2020-12) of each kind of record file, generated from the model.

Editors use them for completion and inline errors; controlled values (data types, formats,
frequencies, EU themes, access levels) are listed as enums, taken from ``mappings/``.
"""

from __future__ import annotations

import json
from typing import Any

from catalogue.model import RECORD_KINDS
from catalogue.vocab import Vocabulary, vocabulary

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _controlled_values(vocab: Vocabulary) -> dict[str, list[str]]:
    """Fields whose value must be a code of a mapping, and those codes."""
    return {
        "data_type": list(vocab.data_types),
        "format": list(vocab.file_formats),
        "frequency": list(vocab.frequencies),
        "eu_theme": list(vocab.themes),
        "type": list(vocab.agent_types),
        "availability": list(vocab.availability),
        "source_type": list(vocab.source_types),
    }


def _add_enums(node: Any, enums: dict[str, list[str]]) -> None:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            if name in enums:
                branches = prop.get("anyOf", [prop])
                for branch in branches:
                    if branch.get("type") == "string":
                        branch["enum"] = enums[name]
        for value in node.values():
            _add_enums(value, enums)
    elif isinstance(node, list):
        for item in node:
            _add_enums(item, enums)


def _known_licences_may_be_short(schema: dict[str, Any], vocab: Vocabulary) -> None:
    """A licence record with a known SPDX id may leave title and URL to mappings/licences.yaml."""
    filled = [name for name in ("title", "url") if name in schema["required"]]
    schema["required"] = [name for name in schema["required"] if name not in filled]
    schema["if"] = {"properties": {"id": {"not": {"enum": list(vocab.licences)}}}}
    schema["then"] = {"required": filled}


def record_schema(kind: str, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema of one kind of record file."""
    vocab = vocab or vocabulary()
    schema = RECORD_KINDS[kind].model_json_schema(mode="validation")
    _add_enums(schema, _controlled_values(vocab))
    if kind == "licence":
        _known_licences_may_be_short(schema, vocab)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def schema_files(vocab: Vocabulary | None = None) -> dict[str, str]:
    """File name → JSON text, for every kind of record."""
    return {
        f"{kind}.schema.json": json.dumps(record_schema(kind, vocab), indent=2, ensure_ascii=False) + "\n"
        for kind in RECORD_KINDS
    }
