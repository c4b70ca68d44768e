"""Content negotiation for RDF: the ``Accept`` header with q-values, or a file suffix."""

from __future__ import annotations

RDF_MEDIA_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
"""Each RDF media type the server writes, and its writer."""
SUFFIXES: dict[str, str] = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
                            ".nt": "application/n-triples"}
DEFAULT = "text/turtle"


def _parse(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) of each part of an Accept header; malformed q-values count as 0."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, position))
    return ranges


def _specificity(media_range: str, media_type: str) -> int:
    """How closely a range names a type: 3 exactly, 2 as ``type/*``, 1 as ``*/*``, 0 not at all."""
    if media_range == media_type:
        return 3
    kind, _, subtype = media_range.partition("/")
    if subtype == "*" and media_type.startswith(kind + "/"):
        return 2
    return 1 if media_range == "*/*" else 0


def choose(accept: str | None) -> str | None:
    """The RDF media type to answer with, or ``None`` when the client accepts none of them (406).

    Each type takes the q-value of the most specific range that names it (RFC 9110); the highest q
    wins, Turtle first among equals."""
    if not accept or not accept.strip():
        return DEFAULT
    ranges = _parse(accept)
    best_quality, chosen = 0.0, None
    for media_type in [DEFAULT, *[m for m in RDF_MEDIA_TYPES if m != DEFAULT]]:
        matching = [(_specificity(r, media_type), q) for r, q, _ in ranges if _specificity(r, media_type)]
        if not matching:
            continue
        quality = max(matching)[1]
        if quality > best_quality:
            best_quality, chosen = quality, media_type
    return chosen
