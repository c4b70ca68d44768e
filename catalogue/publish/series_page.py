"""A series' page: what the programme is, its public releases over time (newest first, each with the period it
covers, its issue date and version, and the version it replaces), its withdrawn releases, and its next release
as the calendar announces it. Made from the public view alone, as every page: nothing of an embargoed release
shows but its announcement, and that only once the announcement is public."""

from __future__ import annotations

from typing import Any

from catalogue.formats.text import pick
from catalogue.model import Dataset, Series
from catalogue.policy.view import PublicView


def series_relative(series_id: str) -> str:
    """Where a series' page lies below a language's root."""
    return f"series/{series_id}/index.html"


def period(dataset: Dataset) -> str | None:
    """The period a release covers, as its page says it."""
    coverage = dataset.temporal_coverage
    return " – ".join(d.isoformat() for d in (coverage.start, coverage.end) if d) if coverage else None


def release_row(view: PublicView, dataset: Dataset, language: str, root: str) -> dict[str, Any]:
    """A release as a series' page lists it (links from the page's root)."""
    replaced = view.replaces.get(dataset.id)
    earlier = view.datasets.get(replaced) if replaced is not None else None
    return {"href": f"{root}datasets/{dataset.id}/index.html", "title": pick(dataset.title, language) or dataset.id,
            "period": period(dataset), "issued": dataset.issued.isoformat() if dataset.issued else None,
            "version": dataset.version,
            "replaces": {"href": f"{root}datasets/{earlier.id}/index.html",
                         "title": pick(earlier.title, language) or earlier.id} if earlier is not None else None}


def series_context(view: PublicView, series: Series, language: str, root: str) -> dict[str, Any]:
    """What a series' page shows of the series and its releases, in ``language`` (``root``: the way from the page to
    its language's root)."""
    themes = {theme.id: theme for theme in view.info.themes}
    contact = view.contact(series.contact_point)
    releases = [view.datasets[i] for i in view.releases.get(series.id, ()) if i in view.datasets]
    withdrawn = [view.datasets[i] for i in view.withdrawn_releases.get(series.id, ()) if i in view.datasets]
    return {
        "title": pick(series.title, language) or series.id, "description": pick(series.description, language),
        "publisher": pick(view.agencies[series.publisher].name, language) if series.publisher in view.agencies
        else series.publisher,
        "themes": [pick(themes[t].name, language) for t in series.themes if t in themes],
        "contact": {"name": pick(contact.name, language), "email": contact.email} if contact else None,
        "process": pick(series.process, language), "landing_page": series.landing_page,
        "releases": [release_row(view, d, language, root) for d in reversed(releases)],
        "withdrawn": [{**release_row(view, d, language, root), "date": d.withdrawn.date.isoformat(),
                       "reason": pick(d.withdrawn.reason, language),
                       "replaced_by": [{"href": f"{root}datasets/{other}/index.html",
                                        "title": pick(view.datasets[other].title, language) or other}
                                       for other in view.newer_versions.get(d.id, ()) if other in view.datasets]}
                      for d in reversed(withdrawn) if d.withdrawn is not None],
    }


__all__ = ["period", "release_row", "series_context", "series_relative"]
