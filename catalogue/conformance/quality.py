"""The data.europa.eu Metadata Quality Assessment (MQA), computed offline from the DCAT-AP export.

Points come from the official piveau vocabulary; how each metric is measured is in
``mappings/mqa.yaml``. Distribution metrics are taken from the dataset's best distribution.
The checks that need a URL to answer (80 points) are reported as not checked offline.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, URIRef

from catalogue.conformance.validators import shacl_results
from catalogue.formats.dcat import IANA_MEDIA_TYPES, SCHEMES, export_dcat
from catalogue.policy.view import PublicView
from catalogue.rdf.terms import NAMESPACES
from catalogue.vocab import Vocabulary, vocabulary

DCAT, DCT, PV = (rdflib.Namespace(NAMESPACES[prefix]) for prefix in ("dcat", "dct", "pv"))
MQA_DIR = Path("dcat", "vocabularies", "mqa")
EU_FILE_TYPE = str(SCHEMES["file-type"]) + "/"
EU_ACCESS_RIGHT = str(SCHEMES["access-right"]) + "/"
EU_LICENCE = str(SCHEMES["licence"]) + "/"


@dataclass
class Context:
    """What the checks need besides the graph."""

    graph: rdflib.Graph
    non_compliant: set[URIRef]
    machine_readable: set[str]
    non_proprietary: set[str]


Check = Callable[[Context, URIRef], bool]


def _has(predicate: URIRef) -> Check:
    return lambda ctx, node: ctx.graph.value(node, predicate) is not None


def _value_starts(predicate: URIRef, prefix: str) -> Check:
    return lambda ctx, node: any(str(o).startswith(prefix) for o in ctx.graph.objects(node, predicate))


def _format_in(attribute: str) -> Check:
    return lambda ctx, node: any(str(o) in getattr(ctx, attribute) for o in ctx.graph.objects(node, DCT["format"]))


CHECKS: dict[str, Check] = {
    "keywordAvailability": _has(DCAT.keyword),
    "categoryAvailability": _has(DCAT.theme),
    "spatialAvailability": _has(DCT.spatial),
    "temporalAvailability": _has(DCT.temporal),
    "downloadUrlAvailability": _has(DCAT.downloadURL),
    "formatAvailability": _has(DCT["format"]),
    "mediaTypeAvailability": _has(DCAT.mediaType),
    "formatMediaTypeVocabularyAlignment": lambda ctx, node: (
        _value_starts(DCT["format"], EU_FILE_TYPE)(ctx, node)
        and _value_starts(DCAT.mediaType, IANA_MEDIA_TYPES)(ctx, node)),
    "formatMediaTypeNonProprietary": _format_in("non_proprietary"),
    "formatMediaTypeMachineInterpretable": _format_in("machine_readable"),
    "dcatApCompliance": lambda ctx, node: node not in ctx.non_compliant,
    "licenceAvailability": _has(DCT.license),
    "knownLicence": _value_starts(DCT.license, EU_LICENCE),
    "accessRightsAvailability": _has(DCT.accessRights),
    "accessRightsVocabularyAlignment": _value_starts(DCT.accessRights, EU_ACCESS_RIGHT),
    "contactPointAvailability": _has(DCAT.contactPoint),
    "publisherAvailability": _has(DCT.publisher),
    "rightsAvailability": _has(DCT.rights),
    "byteSizeAvailability": _has(DCAT.byteSize),
    "dateIssuedAvailability": _has(DCT.issued),
    "dateModifiedAvailability": _has(DCT.modified),
}
"""How each offline metric is checked on a dataset or distribution node."""


@dataclass
class DatasetScore:
    """One dataset's score: points earned offline, what was not checked, and what is missing."""

    dataset: str
    points: int = 0
    offline_maximum: int = 0
    not_checked: int = 0
    missing: list[str] = field(default_factory=list)
    by_dimension: dict[str, int] = field(default_factory=dict)

    @property
    def maximum(self) -> int:
        return self.offline_maximum + self.not_checked

    def as_dict(self) -> dict[str, object]:
        return {"dataset": self.dataset, "points": self.points, "offline_maximum": self.offline_maximum,
                "not_checked_offline": self.not_checked, "maximum": self.maximum,
                "by_dimension": self.by_dimension, "missing": self.missing}


def official_points(standards: Path) -> dict[str, int]:
    """Each metric's points (pv:trueScore) in the official piveau vocabulary."""
    graph = rdflib.Graph().parse(standards / MQA_DIR / "piveau-dqv-vocabulary.ttl", format="turtle")
    return {str(metric).rsplit("#", 1)[1]: int(str(score)) for metric, score in graph.subject_objects(PV.trueScore)}


def _listed(standards: Path, name: str) -> set[str]:
    graph = rdflib.Graph().parse(standards / MQA_DIR / name, format="xml")
    return {str(subject) for subject in graph.subjects() if isinstance(subject, URIRef)}


def _datasets(graph: rdflib.Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef)}


def _non_compliant(graph: rdflib.Graph, standards: Path) -> set[URIRef]:
    """Datasets with a SHACL violation on themselves or on a node minted under their URI."""
    datasets = _datasets(graph)
    bad = set()
    for result in shacl_results(graph, standards):
        if result.severity != "Violation":
            continue
        for dataset in datasets:
            if result.focus == str(dataset) or result.focus.startswith(str(dataset) + "/") \
                    or result.focus.startswith(str(dataset) + "#"):
                bad.add(dataset)
    return bad


def score_view(view: PublicView, standards: Path, vocab: Vocabulary | None = None) -> list[DatasetScore]:
    """The MQA score of every dataset of a public view."""
    vocab = vocab or vocabulary()
    text = io.StringIO()
    export_dcat(view, text, "nt")
    graph = rdflib.Graph().parse(data=text.getvalue(), format="nt")
    points = official_points(standards)
    context = Context(graph, _non_compliant(graph, standards),
                      _listed(standards, "edp-machine-readable-format.rdf"),
                      _listed(standards, "edp-non-proprietary-format.rdf"))
    scores = []
    for dataset in sorted(_datasets(graph)):
        scores.append(_score_dataset(context, dataset, points, vocab))
    return scores


def _score_dataset(context: Context, dataset: URIRef, points: dict[str, int], vocab: Vocabulary) -> DatasetScore:
    score = DatasetScore(dataset=str(dataset).rsplit("/", 1)[1])
    offline = {name: entry for name, entry in vocab.mqa.items() if entry.offline}
    for name, entry in vocab.mqa.items():
        score.by_dimension.setdefault(entry.dimension, 0)
        if not entry.offline:
            score.not_checked += points[name]
    distributions: list[URIRef | None] = [d for d in context.graph.objects(dataset, DCAT.distribution)
                                          if isinstance(d, URIRef)] or [None]

    def distribution_total(node: URIRef | None) -> int:
        return sum(points[n] for n, e in offline.items()
                   if e.level == "distribution" and node is not None and CHECKS[n](context, node))

    best = max(distributions, key=distribution_total)
    for name, entry in offline.items():
        node = dataset if entry.level == "dataset" else best
        score.offline_maximum += points[name]
        if node is not None and CHECKS[name](context, node):
            score.points += points[name]
            score.by_dimension[entry.dimension] += points[name]
        else:
            score.missing.append(f"{entry.missing} (-{points[name]})")
    return score
