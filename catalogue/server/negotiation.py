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


def parse_accept(header: str) -> list[tuple[str, dict[str, str], float]]:
    """(media range, its parameters, q) of each part of an ``Accept`` (or ``Accept-Language``) header, in
    order; a malformed q-value counts as 0."""
    ranges = []
    for part in header.split(","):
        pieces = [piece.strip() for piece in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        parameters: dict[str, str] = {}
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
            elif name:
                parameters[name] = value
        ranges.append((media, parameters, quality))
    return ranges


def accepted_languages(header: str | None) -> list[str] | None:
    """The client's languages, best first (``None``: it asked for none, or for any)."""
    if not header:
        return None
    ranked = sorted(((q, -i, media) for i, (media, _, q) in enumerate(parse_accept(header)) if q > 0), reverse=True)
    languages = list(dict.fromkeys(language for _, _, language in ranked if language != "*"))
    return languages or None


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
    ranges = parse_accept(accept)
    best_quality, chosen = 0.0, None
    for media_type in [DEFAULT, *[m for m in RDF_MEDIA_TYPES if m != DEFAULT]]:
        matching = [(_specificity(r, media_type), q) for r, _, q in ranges if _specificity(r, media_type)]
        if not matching:
            continue
        quality = max(matching)[1]
        if quality > best_quality:
            best_quality, chosen = quality, media_type
    return chosen
