"""What an incremental build keys the outputs that show public reports by: a report as shown, with its structure."""

from __future__ import annotations

from typing import Any

from catalogue.policy.view import PublicView
from catalogue.records.writer import record_data


def report_key(view: PublicView, report_id: str) -> list[Any]:
    """What a page linking a public report shows of it: the report and the name of its structure."""
    structure = view.metadata_structures[view.report_structures[report_id]]
    return [record_data(view.reports[report_id]), structure.name]


def reports_key(view: PublicView, dataset_id: str) -> list[Any]:
    """The public reports a dataset's own outputs draw on (its codebook's method and access fields, its schema.org
    ``subjectOf``): those on it and on its series, each with its structure."""
    reports = [*view.reports_on("dataset", dataset_id),
               *(r for s in view.datasets[dataset_id].series for r in view.reports_on("series", s))]
    return [[record_data(r), record_data(view.metadata_structures[view.report_structures[r.id]])] for r in reports]
