"""What the public reference metadata reports on a dataset say, field by field, for the formats that have a field
of their own for it (DDI-Codebook's method and access fields): each value of a report whose concept a mapping
names, as plain text per language; the dataset's own reports first, then its series'."""

from __future__ import annotations

from collections.abc import Mapping

import lxml.html

from catalogue.model import Dataset, ReportedAttribute
from catalogue.policy.view import PublicView
from catalogue.support.xhtml import sanitized

Said = dict[str, str]
"""A text per language (a value that is no text: under the key ``""``)."""


def report_fields(view: PublicView, dataset: Dataset, mapping: Mapping[str, str]) -> dict[str, Said]:
    """Each field of ``mapping`` (concept ``AGENCY:SCHEME(VERSION).ID`` → field) a public report on the dataset or on
    one of its series gives, from the first report that gives it."""
    found: dict[str, Said] = {}
    reports = [*view.reports_on("dataset", dataset.id),
               *(report for series_id in dataset.series for report in view.reports_on("series", series_id))]
    for report in reports:
        structure = view.metadata_structures[view.report_structures[report.id]]
        by_path = {attribute.path: attribute for attribute in structure.attributes}
        pending = [(value, value.attribute) for value in report.values]
        while pending:
            value, path = pending.pop(0)
            attribute = by_path.get(path)
            if attribute is not None:
                known = view.concept_keys.get(attribute.concept)
                field = mapping.get(f"{known[0]}.{known[1]}") if known is not None else None
                said = _said(value, attribute.representation)
                if field is not None and said and field not in found:
                    found[field] = said
            pending[0:0] = [(child, f"{path}.{child.attribute}") for child in value.values]
    return found


def _said(value: ReportedAttribute, representation: str | None) -> Said:
    if value.text:
        if representation == "xhtml":
            return {language: lxml.html.fragment_fromstring(sanitized(text) or " ", create_parent="div")
                    .text_content().strip() for language, text in value.text.items()}
        return dict(value.text)
    return {"": value.value} if value.value is not None else {}
