"""What an incremental build keys the outputs that show public reports by: a report as shown, with its structure."""

from __future__ import annotations

from typing import Any

from catalogue.policy.view import PublicView
from catalogue.records.writer import record_data


class ReportKeys:
    """The keys of a view's public reports, for the outputs that show them (no dataset is made to know them)."""

    def __init__(self, view: PublicView) -> None:
        self.view = view
        self._series_of: dict[str, list[str]] | None = None

    def of(self, report_id: str) -> list[Any]:
        """What a page linking a public report shows of it: the report and the name of its structure."""
        structure = self.view.metadata_structures[self.view.report_structures[report_id]]
        return [record_data(self.view.reports[report_id]), structure.name]

    def of_dataset(self, dataset_id: str) -> list[Any]:
        """The public reports a dataset's own outputs draw on (its codebook's method and access fields, its
        schema.org ``subjectOf``): those on it and on its public series, each with its structure."""
        if not self.view.reports:
            return []
        if self._series_of is None:  # the public series of each release, from the series' orders
            self._series_of = {}
            for series_id, releases in self.view.releases.items():
                for release in releases:
                    self._series_of.setdefault(release, []).append(series_id)
        reports = [*self.view.reports_on("dataset", dataset_id),
                   *(r for s in self._series_of.get(dataset_id, ()) for r in self.view.reports_on("series", s))]
        return [[record_data(r), record_data(self.view.metadata_structures[self.view.report_structures[r.id]])]
                for r in reports]
