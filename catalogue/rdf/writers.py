"""Streaming RDF serializers: each writes resource by resource, in the order given, so that
output is deterministic and memory does not grow with the size of the catalogue."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import IO

from catalogue.formats.xmlwriter import escape_attribute, escape_text
from catalogue.rdf.terms import IRI, PREFIXES, Object, Resource

RDF_TYPE = IRI(PREFIXES["rdf"] + "type")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_STRING_UNSAFE = re.compile(r'[\\"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _iri_text(iri: str) -> str:
    """An IRI with the characters N-Triples, Turtle and XML forbid percent-encoded: the one form every
    serialization writes, so that all four give the same graph."""
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), iri)


_NAMESPACE_PREFIX = {namespace: prefix for prefix, namespace in PREFIXES.items()}


def _split(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) when the IRI is in a declared namespace with a plain local name."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = _NAMESPACE_PREFIX.get(iri[:cut])
    if prefix is None:
        return None
    local = iri[cut:]
    return (prefix, local) if _LOCAL_NAME.match(local) else None


def _nt_term(term: Object) -> str:
    if isinstance(term, IRI):
        return f"<{_iri_text(term)}>"
    text = f'"{_STRING_UNSAFE.sub(_escape_char, term.value)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^<{term.datatype}>"
    return text


@lru_cache(maxsize=1 << 16)
def turtle_iri(iri: str) -> str:
    """An IRI in Turtle: prefixed where it can be (remembered: classes, properties and shared values recur
    in every resource)."""
    split = _split(iri)
    return f"{split[0]}:{split[1]}" if split else f"<{_iri_text(iri)}>"


def _ttl_term(term: Object) -> str:
    if isinstance(term, IRI):
        return turtle_iri(term)
    if term.datatype and not term.language:
        split = _split(term.datatype)
        datatype = f"{split[0]}:{split[1]}" if split else f"<{term.datatype}>"
        return f'"{_STRING_UNSAFE.sub(_escape_char, term.value)}"^^{datatype}'
    return _nt_term(term)


def _grouped(statements: list[tuple[IRI, Object]]) -> list[tuple[IRI, list[Object]]]:
    """Statements with the same predicate gathered, in order of first appearance."""
    groups: dict[IRI, list[Object]] = {}
    for predicate, obj in statements:
        groups.setdefault(predicate, []).append(obj)
    return list(groups.items())


def _ntriples(resource: Resource) -> str:
    subject, statements = resource
    head = f"<{_iri_text(subject)}> "
    return "".join(f"{head}<{p}> {_nt_term(o)} .\n" for p, o in statements)


def _turtle(resource: Resource) -> str:
    subject, statements = resource
    lines = []
    for predicate, objects in _grouped(statements):
        verb = "a" if predicate == RDF_TYPE else _ttl_term(predicate)
        lines.append(f"    {verb} {', '.join(_ttl_term(o) for o in objects)}")
    return f"\n{_ttl_term(subject)}\n" + " ;\n".join(lines) + " .\n"


def _jsonld_value(term: Object) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"@id": _iri_text(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype:
        return {"@value": term.value, "@type": term.datatype}
    return {"@value": term.value}


def _jsonld(resource: Resource) -> str:
    """A node object of flattened JSON-LD, full IRIs as keys, after the separator from the node before."""
    subject, statements = resource
    node: dict[str, object] = {"@id": _iri_text(subject)}
    for predicate, objects in _grouped(statements):
        if predicate == RDF_TYPE:
            node["@type"] = [_iri_text(str(o)) for o in objects]
        else:
            node[predicate] = [_jsonld_value(o) for o in objects]
    return ",\n    " + json.dumps(node, ensure_ascii=False)


def quoteattr(value: str) -> str:
    """An attribute value in double quotes (white space other than spaces as references)."""
    return f'"{escape_attribute(value)}"'


def _rdfxml(resource: Resource) -> str:
    subject, statements = resource
    lines = [f"  <rdf:Description rdf:about={quoteattr(_iri_text(subject))}>\n"]
    for predicate, obj in statements:
        split = _split(predicate)
        if split is None:
            raise ValueError(f"predicate {predicate} has no declared prefix (needed in RDF/XML)")
        element = f"{split[0]}:{split[1]}"
        if isinstance(obj, IRI):
            lines.append(f"    <{element} rdf:resource={quoteattr(_iri_text(obj))}/>\n")
        elif obj.language:
            lines.append(f"    <{element} xml:lang={quoteattr(obj.language)}>{escape_text(obj.value)}</{element}>\n")
        elif obj.datatype:
            lines.append(f"    <{element} rdf:datatype={quoteattr(obj.datatype)}>{escape_text(obj.value)}</{element}>\n")
        else:
            lines.append(f"    <{element}>{escape_text(obj.value)}</{element}>\n")
    lines.append("  </rdf:Description>\n")
    return "".join(lines)


@dataclass(frozen=True)
class Serialization:
    """One RDF format as text pieces: what opens the document, each resource's text, what closes it. A
    resource's text does not depend on the resources around it, so pieces can be kept and reused."""

    head: str
    resource: Callable[[Resource], str]
    tail: str
    first_cut: int = 0
    """Characters to drop from the first resource's text (the separator JSON-LD puts between nodes)."""


_NAMESPACES_XML = "".join(f"\n    xmlns:{p}={quoteattr(ns)}" for p, ns in PREFIXES.items())
SERIALIZATIONS: dict[str, Serialization] = {
    "turtle": Serialization("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()), _turtle, ""),
    "nt": Serialization("", _ntriples, ""),
    "jsonld": Serialization('{\n  "@context": ' + json.dumps(PREFIXES, sort_keys=True) + ',\n  "@graph": [',
                            _jsonld, "\n  ]\n}\n", first_cut=1),
    "xml": Serialization(f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{_NAMESPACES_XML}>\n', _rdfxml,
                         "</rdf:RDF>\n"),
}
"""Each output format's pieces."""
FORMATS = SERIALIZATIONS


EXTENSIONS: dict[str, str] = {".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld",
                              ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
"""The format a file extension implies."""


def write_rdf(resources: Iterable[Resource], out: IO[str], rdf_format: str) -> None:
    """Serialize resources in ``rdf_format`` (turtle, nt, jsonld or xml)."""
    serialization = SERIALIZATIONS[rdf_format]
    out.write(serialization.head)
    cut = serialization.first_cut
    for resource in resources:
        out.write(serialization.resource(resource)[cut:])
        cut = 0
    out.write(serialization.tail)
