"""The public reports of a view as SDMX reference metadata: the metadata structures they follow (MSDs), a
metadataflow per publisher and structure (``MF_<agency>_<structure id>``), and a metadata set per report, on the artefact
that stands for its target: a series' or a dataset's dataflow, an agency of the agency scheme, the catalogue's
category scheme (else its publisher)."""

from __future__ import annotations

from catalogue.formats.sdmx.artefacts import (MetadataSet, Metadataflow, Ref, ReportAttribute, ReportStructure,
                                              Structures)
from catalogue.model import MetadataAttribute, MetadataReport, MetadataStructure
from catalogue.policy.view import PublicView

FLOW_PREFIX = "MF_"
SET_VERSION = "1.0"


def add_reports(structures: Structures, view: PublicView) -> None:
    """Put the view's public reports, their structures and metadataflows into ``structures`` (a report whose
    target has no SDMX artefact, such as a dataset that is not statistical, is not among them)."""
    made: dict[str, Ref | None] = {}
    flows: dict[Ref, tuple[Ref, set[str]]] = {}
    dataflows = {**_dataflows(structures.origins), **_dataflows(structures.series_origins, "series")}
    for report_id in sorted(view.reports):
        report = view.reports[report_id]
        key = view.report_structures[report_id]
        if key not in made:
            made[key] = _structure(structures, view, view.metadata_structures[key])
        structure_ref = made[key]
        target = _target(structures, view, report, dataflows)
        if structure_ref is None or target is None:
            continue
        flow_ref = flow_of(report.publisher, structure_ref)
        flows.setdefault(flow_ref, (structure_ref, set()))[1].add(target[0].type)
        set_ref = Ref("metadataset", report.publisher, report.id, SET_VERSION)
        structures.metadata_sets[set_ref] = MetadataSet(set_ref, report, flow_ref, structure_ref, *target)
    for flow_ref, (structure_ref, kinds) in flows.items():
        structure = structures.metadata_structures[structure_ref]
        structures.metadataflows[flow_ref] = Metadataflow(flow_ref, structure.name, structure_ref,
                                                          tuple(sorted(kinds)))


def flow_of(publisher: str, structure: Ref) -> Ref:
    """The metadataflow of a publisher's reports that follow ``structure``: ``MF_<agency>_<id>`` in the structure's
    version (``BSO:MF_ESTAT_SIMS(2.0)``): two agencies' structures of one id are two flows."""
    return Ref("metadataflow", publisher, f"{FLOW_PREFIX}{structure.agency.replace('.', '_')}_{structure.id}",
               structure.version)


def _structure(structures: Structures, view: PublicView, msd: MetadataStructure) -> Ref | None:
    """The structure's SDMX form, added to ``structures`` (``None``: a concept or codelist it names is not known,
    in a catalogue ``check`` refuses)."""
    ref = Ref("metadatastructure", msd.agency, msd.id, msd.version)
    resolved: dict[str, ReportAttribute] = {}
    tops: list[str] = []
    children: dict[str, list[str]] = {}
    for attribute in msd.attributes:
        made = _attribute(view, attribute)
        if made is None:
            return None
        resolved[attribute.path] = made
        (children.setdefault(attribute.parent, []) if attribute.parent else tops).append(attribute.path)

    def nested(path: str) -> ReportAttribute:
        own = resolved[path]
        return ReportAttribute(own.id, own.concept_scheme, own.concept, own.codelist, own.representation,
                               own.min_occurs, own.max_occurs, tuple(nested(c) for c in children.get(path, ())))

    written = ReportStructure(ref, msd.name, msd.description, tuple(nested(path) for path in tops))
    if any(r.type == "conceptscheme" and r not in structures.concept_schemes for r in written.references()):
        return None  # the view holds the schemes its public reports' structures name
    structures.metadata_structures[ref] = written
    return ref


def _attribute(view: PublicView, attribute: MetadataAttribute) -> ReportAttribute | None:
    found = view.concept_keys.get(attribute.concept)
    if found is None:
        return None
    scheme = view.concept_schemes[found[0]]
    codelist = view.codelist(attribute.codelist) if attribute.codelist is not None else None
    if attribute.codelist is not None and codelist is None:
        return None
    return ReportAttribute(
        attribute.id, Ref("conceptscheme", scheme.agency, scheme.id, scheme.version), found[1],
        Ref("codelist", codelist.agency, codelist.id, codelist.version) if codelist is not None else None,
        attribute.representation, attribute.min_occurs, attribute.max_occurs)


def _dataflows(origins: dict[Ref, str], kind: str = "dataset") -> dict[tuple[str, str], Ref]:
    """The dataflow made from each dataset (or series), by (kind, id)."""
    return {(kind, origin): ref for ref, origin in origins.items() if ref.type == "dataflow"}


def _target(structures: Structures, view: PublicView, report: MetadataReport,
            dataflows: dict[tuple[str, str], Ref]) -> tuple[Ref, str | None] | None:
    """The artefact a report is on, and the item of it (an agency of its scheme)."""
    target = report.target
    if target.kind in ("series", "dataset"):
        flow = dataflows.get((target.kind, target.id or ""))
        dataset = view.datasets.get(target.id or "") if target.kind == "dataset" and flow is None else None
        for series in dataset.series if dataset is not None else ():  # a release in its series' flow
            flow = flow or dataflows.get(("series", series))
        return (flow, None) if flow is not None else None
    if target.kind == "catalogue" and structures.category_scheme is not None:
        return structures.category_scheme, None
    agency = target.id if target.kind == "agency" else view.info.publisher
    for scheme, agencies in structures.agency_schemes.items():
        if any(a.id == agency for a in agencies):
            return scheme, agency
    return None
