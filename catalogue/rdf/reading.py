"""RDF read from files the catalogue does not vouch for (a portal's catalogue, a site folder to validate):
parsed by rdflib with nothing fetched. A document with a DTD or entities is refused before parsing, and so is
a JSON-LD document whose context would have to be fetched (rdflib would fetch it: RDFLib/rdflib#1844)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from catalogue.errors import RdfReadError

RDF_FORMATS = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld",
               ".json": "json-ld", ".nt": "nt"}
"""rdflib's format of each file suffix."""


def remote_contexts(document: Any) -> list[str]:
    """Every JSON-LD context a document names by URL (``@context`` strings, ``@import``), at any depth."""
    found: list[str] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "@import" and isinstance(value, str):
                found.append(value)
            if key == "@context":
                found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            found += remote_contexts(value)
    elif isinstance(document, list):
        for item in document:
            found += remote_contexts(item)
    return found


def parse_rdf_file(graph: Any, path: Path, rdf_format: str) -> None:
    """Parse ``path`` into ``graph`` (an rdflib Graph), refusing what would make rdflib read other files or
    the network. rdflib's own syntax errors pass through."""
    parse_rdf_data(graph, path.read_bytes(), rdf_format)


def parse_rdf_data(graph: Any, data: bytes, rdf_format: str) -> None:
    """``parse_rdf_file`` of a document held in memory."""
    _refuse_outside_reads(data, rdf_format)
    graph.parse(data=data, format=rdf_format)


OXIGRAPH_FORMATS = {"turtle": "TURTLE", "json-ld": "JSON_LD", "xml": "RDF_XML", "nt": "N_TRIPLES"}
"""pyoxigraph's format (a ``RdfFormat`` name) of each rdflib format."""


def canonical_quads(data: bytes, rdf_format: str) -> set[Any]:
    """A document's triples read by pyoxigraph (a second, independent reader; Rust, about 7 times as fast as
    rdflib's parsers), with its blank nodes canonically labelled: two documents of isomorphic graphs give equal
    sets. The same refusals as ``parse_rdf_data``; pyoxigraph's own syntax errors pass through."""
    import pyoxigraph

    _refuse_outside_reads(data, rdf_format)
    dataset = pyoxigraph.Dataset(pyoxigraph.parse(data, getattr(pyoxigraph.RdfFormat, OXIGRAPH_FORMATS[rdf_format])))
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.UNSTABLE)  # stable within one version: one process
    return set(dataset)


def _refuse_outside_reads(data: bytes, rdf_format: str) -> None:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise RdfReadError("the document declares a DTD or entities: refused")
    if rdf_format == "json-ld":
        try:
            remote = remote_contexts(json.loads(data))
        except ValueError as error:
            raise RdfReadError(f"not JSON: {error}") from None
        if remote:
            raise RdfReadError(f"its JSON-LD context {remote[0]} would have to be fetched, which is never done: give "
                               "the document with its context inline")
