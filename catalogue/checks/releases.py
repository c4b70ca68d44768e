"""The rules on announced releases and on datasets' announcements."""

from __future__ import annotations

from collections.abc import Iterator


from catalogue.errors import FieldPath, Problem, Severity
from catalogue.messages import Message
from catalogue.checks.findings import missing
from catalogue.model import Announcement, Catalogue
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _check_announcement(kind: str, record_id: str, announcement: Announcement,
                        path: FieldPath = ()) -> Iterator[Problem]:
    """A reason where the status needs one; date changes in order, each made public after the announcement."""
    if announcement.status in ("postponed", "cancelled") and not announcement.reason:
        yield Problem.in_record(kind, record_id, (*path, "reason"),
                      Message("a postponed release needs a reason") if announcement.status == "postponed"
                      else Message("a cancelled release needs a reason"))
    if announcement.status == "postponed" and not announcement.history:
        yield Problem.in_record(kind, record_id, (*path, "history"),
                      Message("a postponed release lists its earlier planned time in history"), WARNING)
    previous = announcement.announced
    for index, change in enumerate(announcement.history):
        if change.changed < previous:
            yield Problem.in_record(kind, record_id, (*path, "history", index, "changed"),
                          Message("this change (%(changed)s) is earlier than the announcement or the change before it "
                                  "(%(previous)s): history lists changes oldest first",
                                  changed=change.changed.isoformat(), previous=previous.isoformat()))
        previous = change.changed


def _check_in_series(kind: str, record_id: str, path: FieldPath, announcement: Announcement, publisher: str,
                     catalogue: Catalogue) -> Iterator[Problem]:
    """The series an announcement names exist and are its publisher's."""
    for index, series_id in enumerate(announcement.in_series):
        yield from missing(kind, record_id, (*path, "in_series", index), Message("series"), series_id, catalogue.series)
        series = catalogue.series.get(series_id)
        if series is not None and series.publisher != publisher:
            yield Problem.in_record(kind, record_id, (*path, "in_series", index), Message(
                "a release of series '%(series)s' is published by its publisher, '%(agency)s'",
                series=series_id, agency=series.publisher), reference=(Message("series"), series_id))


def check_releases(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Standalone release records and the announcements of datasets: their rules, and a dataset's release
    time against its announcement."""
    for release in catalogue.releases.values():
        yield from missing("release", release.id, ("publisher",), Message("agency"), release.publisher,
                            catalogue.agencies)
        yield from _check_announcement("release", release.id, release)
        yield from _check_in_series("release", release.id, (), release, release.publisher, catalogue)
        if release.id in catalogue.datasets:
            yield Problem.in_record("release", release.id, ("id",),
                          Message("'%(id)s' is a dataset id too: announce a dataset's release in the dataset record "
                                  "(announcement)", id=release.id))
    yield from check_announcements(catalogue, vocab)


def check_announcements(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """``check_releases`` of the datasets alone: each one's announcement against its release time."""
    for dataset in catalogue.datasets.values():
        announcement = dataset.announcement
        if announcement is None:
            continue
        yield from _check_announcement("dataset", dataset.id, announcement, ("announcement",))
        yield from _check_in_series("dataset", dataset.id, ("announcement",), announcement, dataset.publisher,
                                    catalogue)
        release_time = dataset.release_time
        if release_time is None:
            continue
        if release_time < announcement.announced:
            yield Problem.in_record("dataset", dataset.id, ("release_time",),
                          Message("the release time (%(release_time)s) is earlier than the announcement was made "
                                  "public (%(announced)s): a release cannot precede its announcement",
                                  release_time=release_time.isoformat(), announced=announcement.announced.isoformat()))
        elif release_time != announcement.planned and announcement.status != "cancelled":
            yield Problem.in_record("dataset", dataset.id, ("announcement", "planned"),
                          Message("the announcement plans %(planned)s but the embargo lifts at %(release_time)s "
                                  "(release_time)", planned=announcement.planned.isoformat(),
                                  release_time=release_time.isoformat()), WARNING)
