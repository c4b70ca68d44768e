"""The site's DCAT feeds cut into chunks of datasets that can be validated one at a time, on several cores.

The feeds are written by this catalogue resource by resource, in the same order in every format: a Turtle block
between blank lines, a JSON-LD node on one line of ``@graph``, an RDF/XML ``rdf:Description``. The resources
before the first dataset (the catalogue, agencies, terms...) are the head; each dataset's group runs from its
``dcat:Dataset`` to the next one, and ends with the controlled values it is the first to use (each is typed once
in the export, where first used). A chunk holds the head, some consecutive groups, and the controlled values of
other groups that its own resources refer to (and those they refer to in turn), so every node a shape may look
at is in the chunk. Files not laid out this way are not cut (``plan`` returns None): they are validated whole.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from catalogue.formats.registry import RDF_FEEDS
from catalogue.rdf.terms import RDFLIB_SYNTAX

FEEDS = {path: RDFLIB_SYNTAX[syntax] for path, syntax in RDF_FEEDS.items()}
"""The DCAT-AP feeds and the name rdflib gives their syntax."""
_TOKEN = re.compile(rb"<[^>\s]*>|[A-Za-z][\w.-]*:[A-Za-z_][\w-]*")
"""IRIs as Turtle writes them (in brackets, or with a declared prefix); strings that look alike only add nodes."""


@dataclass
class Layout:
    """Where each resource lies in one feed: its header and footer, and each block's byte range."""

    header: bytes
    footer: bytes
    starts: array
    ends: array


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    offset = 0
    with path.open("rb") as stream:
        for line in stream:
            yield offset, line
            offset += len(line)


def _turtle(path: Path) -> Layout | None:
    header, starts, ends = b"", array("q"), array("q")
    in_header, start = True, None
    last = 0
    for offset, line in _lines(path):
        last = offset + len(line)
        if in_header:
            if line.strip():
                header += line
                continue
            in_header = False
            continue
        if line.strip():
            if start is None:
                start = offset
            continue
        if start is not None:
            starts.append(start)
            ends.append(offset)
            start = None
    if start is not None:
        starts.append(start)
        ends.append(last)
    return Layout(header, b"", starts, ends) if starts else None


def _jsonld(path: Path) -> Layout | None:
    header, starts, ends = b"", array("q"), array("q")
    in_graph, footer = False, b""
    for offset, line in _lines(path):
        if not in_graph:
            header += line
            in_graph = line.rstrip().endswith(b'"@graph": [')
        elif line.startswith(b"    {"):
            starts.append(offset)
            ends.append(offset + len(line.rstrip().rstrip(b",")))
        else:
            footer += line
    return Layout(header, footer, starts, ends) if in_graph and starts and footer.split() == [b"]", b"}"] else None


def _rdfxml(path: Path) -> Layout | None:
    header, starts, ends = b"", array("q"), array("q")
    start, footer = None, b""
    for offset, line in _lines(path):
        if line.startswith(b"  <rdf:Description "):
            start = offset
        elif line.startswith(b"  </rdf:Description>"):
            if start is None:
                return None
            starts.append(start)
            ends.append(offset + len(line))
            start = None
        elif start is None:
            if starts:
                footer += line
            else:
                header += line
    return Layout(header, footer, starts, ends) if starts and footer.strip() == b"</rdf:RDF>" else None


LAYOUTS = {"turtle": _turtle, "json-ld": _jsonld, "xml": _rdfxml}


@dataclass
class Chunk:
    """Consecutive dataset groups (blocks ``first`` to ``last``, end excluded) and the other blocks they need."""

    first: int
    last: int
    extra: list[int]


@dataclass
class Plan:
    layouts: dict[str, Layout]
    chunks: list[Chunk]
    subjects: array
    """The hashes of every resource's subject as Turtle writes it, sorted (to look one up without every IRI)."""
    head: frozenset[bytes] = frozenset()
    """The subjects of the head's resources as Turtle writes them: every chunk holds them."""

    def has_subject(self, token: bytes) -> bool:
        position = bisect_left(self.subjects, hash(token))
        return position < len(self.subjects) and self.subjects[position] == hash(token)


def _read(stream: IO[bytes], layout: Layout, index: int) -> bytes:
    stream.seek(layout.starts[index])
    return stream.read(layout.ends[index] - layout.starts[index])


def _is_dataset(statements: bytes) -> bool:
    """The block's first statement types it ``dcat:Dataset``."""
    first = statements.split(b"\n", 1)[0].strip()
    return first.startswith(b"a ") and b"dcat:Dataset" in first[2:].rstrip(b" ;.").split(b", ")


def plan(site: Path, datasets_per_chunk: int) -> Plan | None:
    """Chunks of about ``datasets_per_chunk`` datasets, or None when the feeds are not laid out as this catalogue
    writes them or hold fewer than two chunks' worth of datasets."""
    layouts = {}
    for path, rdf_format in FEEDS.items():
        if not (site / path).is_file():
            return None
        layout = LAYOUTS[rdf_format](site / path)
        if layout is None:
            return None
        layouts[path] = layout
    turtle = layouts["catalog.ttl"]
    if len({len(layout.starts) for layout in layouts.values()}) != 1:
        return None
    group_starts: list[int] = []
    owner: dict[bytes, int] = {}
    needs: dict[int, set[bytes]] = {}
    """Per block owned by a group's controlled values: the tokens it refers to (for the closure)."""
    shared: set[int] = set()
    subjects: dict[bytes, int] = {}
    after_link = False
    catalogue_subject = None
    hashes = array("q")
    head_subjects: set[bytes] = set()
    with (site / "catalog.ttl").open("rb") as stream:
        for index in range(len(turtle.starts)):
            block = _read(stream, turtle, index)
            first_line, _, rest = block.partition(b"\n")
            subject = first_line.strip()
            hashes.append(hash(subject))
            if catalogue_subject is None:
                catalogue_subject = subject  # the catalogue comes first
            if _is_dataset(rest):
                group_starts.append(index)
                after_link = False
            if not group_starts:
                head_subjects.add(subject)
                continue
            group = len(group_starts) - 1
            tokens = set(_TOKEN.findall(rest))
            for token in tokens:
                found = owner.get(token)
                if found is not None and found != group:
                    shared.add(subjects[token])
            if after_link:
                owner[subject] = group
                subjects[subject] = index
                needs[index] = tokens
            if subject == catalogue_subject and rest.lstrip().startswith(b"dcat:dataset "):
                after_link = True
        todo = list(shared)
        while todo:  # what the shared blocks refer to, in turn
            for token in needs.get(todo.pop(), ()):
                referred = subjects.get(token)
                if referred is not None and referred not in shared:
                    shared.add(referred)
                    todo.append(referred)
    if len(group_starts) < 2 * datasets_per_chunk:
        return None
    head = list(range(group_starts[0]))
    bounds = group_starts[::datasets_per_chunk] + [len(turtle.starts)]
    chunks = [Chunk(first, last, head + sorted(i for i in shared if not first <= i < last))
              for first, last in zip(bounds, bounds[1:])]
    return Plan(layouts, chunks, array("q", sorted(hashes)), frozenset(head_subjects))


@dataclass(frozen=True)
class Piece:
    """Where one chunk lies in one feed: enough to read it without the feed's whole layout."""

    path: str
    header: bytes
    footer: bytes
    own: tuple[int, int]
    extra: tuple[tuple[int, int], ...]


def pieces(chunking: Plan, chunk: Chunk) -> list[Piece]:
    """The chunk in each feed."""
    return [Piece(path, layout.header, layout.footer, (layout.starts[chunk.first], layout.ends[chunk.last - 1]),
                  tuple((layout.starts[index], layout.ends[index]) for index in chunk.extra))
            for path, layout in chunking.layouts.items()]


def chunk_text(site: Path, piece: Piece) -> bytes:
    """The chunk as a document of the feed's own format."""
    with (site / piece.path).open("rb") as stream:
        extra = []
        for start, end in piece.extra:
            stream.seek(start)
            extra.append(stream.read(end - start))
        stream.seek(piece.own[0])
        own = stream.read(piece.own[1] - piece.own[0])
    rdf_format = FEEDS[piece.path]
    if rdf_format == "json-ld":
        nodes = [node.strip().rstrip(b",") for node in [*extra, own]]
        return piece.header + b",\n".join(nodes) + b"\n" + piece.footer
    if rdf_format == "turtle":
        return piece.header + b"\n" + b"\n\n".join([*extra, own]) + b"\n"
    return piece.header + b"".join([*extra, own]) + piece.footer


__all__ = ["Chunk", "FEEDS", "Piece", "Plan", "chunk_text", "pieces", "plan"]
