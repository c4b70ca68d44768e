"""The public part of metadata reports: a published report on a public target (the catalogue, an agency, a series
with a public release, a released dataset), without its values marked confidential (nor those under them), its
XHTML sanitized."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass

from catalogue.errors import UnresolvedReference
from catalogue.model import Catalogue, Dataset, MetadataReport, MetadataStructure, ReportedAttribute
from catalogue.policy.release import PUBLISHED
from catalogue.support.xhtml import sanitized


@dataclass(frozen=True)
class PublicReports:
    """The public reports, by id, and the metadata structures they follow, by key."""

    reports: dict[str, MetadataReport]
    structures: dict[str, MetadataStructure]
    structure_of: dict[str, str]
    """Per public report, the key of its structure in ``structures``."""


def public_reports(catalogue: Catalogue, datasets: Mapping[str, Dataset], series: Container[str]) -> PublicReports:
    """The reports of ``catalogue`` that are public when ``datasets`` are the released datasets and ``series`` the
    series with a public release."""
    resolver = catalogue.report_structures()
    reports: dict[str, MetadataReport] = {}
    structures: dict[str, MetadataStructure] = {}
    structure_of: dict[str, str] = {}
    for report_id, report in catalogue.metadata_reports.items():
        if report.status != PUBLISHED or not _public_target(report, catalogue, datasets, series):
            continue
        try:
            key = resolver.resolve(report.structure)
        except UnresolvedReference:
            continue  # a catalogue ``check`` refuses: nothing to publish it with
        structure = catalogue.metadata_structures[key]
        kinds = {attribute.path: attribute.representation for attribute in structure.attributes}
        reports[report_id] = report.model_copy(update={"values": _public_values(report.values, None, kinds)})
        structures[key] = structure
        structure_of[report_id] = key
    return PublicReports(reports, structures, structure_of)


def _public_target(report: MetadataReport, catalogue: Catalogue, datasets: Mapping[str, Dataset],
                   series: Container[str]) -> bool:
    """The target is public and its publisher's (the check says so; a record that changed hands since is not
    reported on by its former owner)."""
    target = report.target
    if target.kind == "catalogue":
        return catalogue.info.publisher == report.publisher
    if target.kind == "agency":
        return target.id == report.publisher and target.id in catalogue.agencies
    if target.id is None:
        return False
    if target.kind == "series":
        found = catalogue.series.get(target.id)
        return target.id in series and found is not None and found.publisher == report.publisher
    return target.id in datasets and datasets[target.id].publisher == report.publisher


def _public_values(values: list[ReportedAttribute], parent: str | None,
                   kinds: Mapping[str, str | None]) -> list[ReportedAttribute]:
    """The values that are not confidential, each with its public values under it and its XHTML sanitized (an
    attribute its structure does not know is left out, with what is under it)."""
    kept = []
    for value in values:
        path = f"{parent}.{value.attribute}" if parent else value.attribute
        if value.confidential or path not in kinds:
            continue
        text = value.text
        if text is not None and kinds[path] == "xhtml":
            text = {language: sanitized(body) for language, body in text.items()}
        under = _public_values(value.values, path, kinds)
        if kinds[path] is None and not under:
            continue  # a heading whose values are none of them public says nothing
        kept.append(value.model_copy(update={"text": text, "values": under}))
    return kept
