"""Issue 17: the release calendar — announcements public before the release (only their own fields),
iCalendar read by icalendar and vobject, Atom read by feedparser, changes kept, check's rules, and the live
calendar turning at the release time to the second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
import icalendar
import pytest
import vobject
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from catalogue.policy.calendar import entry_key
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.publish.site import SiteBuilder
from catalogue.store import open_store

from .conftest import EXAMPLE, replace_in, run
from .strategies import AS_OF, SECRET, catalogues
from .test_serve import Clock
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

BUILT = datetime(2026, 1, 1, tzinfo=timezone.utc)
RELEASE = datetime(2099, 6, 30, 7, 0, tzinfo=timezone.utc)
"""DS_POP_PROJECTIONS's embargo lifts then (09:00 at +02:00)."""


CALENDAR_SECRET = b"a calendar secret of this test, 32+ bytes"


def feeds(as_of: datetime, language: str = "en") -> tuple[SiteBuilder, bytes, bytes, str]:
    site = SiteBuilder(public_view(read_catalogue(EXAMPLE), as_of, calendar_secret=CALENDAR_SECRET), EXAMPLE)
    page = site.page(language)
    assert page is not None
    return site, site.calendar_ics(page), site.calendar_atom(page), site.calendar_page(page)


def events(ics: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def test_ics_is_read_by_two_independent_readers():
    _, ics, _, _ = feeds(BUILT)
    by_icalendar = events(ics)
    by_vobject = {str(e.uid.value): e for e in vobject.readOne(ics.decode("utf-8")).vevent_list}
    assert set(by_icalendar) == set(by_vobject) and len(by_vobject) == 5
    for uid, event in by_vobject.items():
        assert event.dtstart.value == by_icalendar[uid].decoded("DTSTART")
        assert event.summary.value == str(by_icalendar[uid]["SUMMARY"])
        assert int(event.sequence.value) == int(by_icalendar[uid]["SEQUENCE"])
    cancelled = by_icalendar["REL_TOURISM_2025Q3@data.bso.example.org"]
    assert cancelled["STATUS"] == "CANCELLED"
    postponed = by_icalendar["REL_HBS_2025@data.bso.example.org"]
    assert int(postponed["SEQUENCE"]) == 1 and postponed["STATUS"] == "TENTATIVE"
    assert "2026-11-19 10:00" in str(postponed["DESCRIPTION"])  # the earlier date stays visible


def test_uids_are_stable_and_the_dataset_id_stays_hidden_until_release():
    """The embargoed dataset's announcement: a digest UID before and after its release, no dataset id or
    title before it, and a link to the dataset after it."""
    key = entry_key(CALENDAR_SECRET, "DS_POP_PROJECTIONS")
    uid = f"{key}@data.bso.example.org"
    _, before_ics, before_atom, before_page = feeds(RELEASE - timedelta(seconds=1))
    _, after_ics, after_atom, after_page = feeds(RELEASE)
    assert uid in events(before_ics) and uid in events(after_ics)
    for text in (before_ics.decode(), before_atom.decode(), before_page):
        assert "DS_POP_PROJECTIONS" not in text and "Population projections by age group" not in text
        assert "Population projections 2025-2070" in text
    after = events(after_ics)[uid]
    assert str(after["URL"]) == "https://data.bso.example.org/datasets/DS_POP_PROJECTIONS/index.html"
    assert after["STATUS"] == "CONFIRMED"
    assert 'href="datasets/DS_POP_PROJECTIONS/index.html"' in after_page


def test_atom_is_read_by_feedparser_with_the_changes():
    _, _, atom, _ = feeds(BUILT, "fr")
    feed = feedparser.parse(atom)
    assert not feed.bozo and feed.version == "atom10" and feed.feed.language == "fr"
    assert len(feed.entries) == 5
    assert [e.updated_parsed for e in feed.entries] == sorted((e.updated_parsed for e in feed.entries), reverse=True)
    budget = next(e for e in feed.entries if e.id.endswith("release/REL_HBS_2025"))
    assert "Reportée" in budget.summary and "Prévu auparavant" in budget.summary
    assert "2026-11-19 10:00" in budget.summary and budget.title.startswith("Enquête sur le budget")
    assert {t.term for t in budget.tags} >= {"postponed", "Conditions de vie"}


def test_the_calendar_page_shows_upcoming_by_month_past_with_links_and_postponements():
    _, _, _, page = feeds(BUILT, "fr")
    upcoming, past = page.split('id="past-heading"')
    assert "<h3>Février 2027</h3>" in upcoming and "<h3>Mars 2027</h3>" in upcoming
    assert upcoming.index("Février 2027") < upcoming.index("Mars 2027") < upcoming.index("Juin 2099")
    assert "Programmée" in upcoming and "Confirmée" in upcoming  # scheduled, confirmed
    assert 'href="datasets/DS_POP_AGE_SEX_REGION/index.html"' in past
    assert "<del><time dir=\"ltr\" datetime=\"2022-03-01T10:00:00+01:00\">" in past  # moved to 15 March
    assert "Annulée" in page and "Reportée" in page


def test_an_announcement_is_secret_until_it_is_made_public():
    catalogue = read_catalogue(EXAMPLE)
    release = catalogue.releases["REL_HBS_2025"]
    before = public_view(catalogue, release.announced - timedelta(seconds=1))
    assert "REL_HBS_2025" not in {e.key for e in before.calendar}
    assert "REL_HBS_2025" in {e.key for e in public_view(catalogue, release.announced).calendar}
    change = release.history[0]
    earlier = {e.key: e for e in public_view(catalogue, change.changed - timedelta(seconds=1)).calendar}
    assert earlier["REL_HBS_2025"].planned == change.planned and earlier["REL_HBS_2025"].history == ()


@pytest.mark.parametrize("edit, expected, severity", [
    (("planned: 2099-06-30T09:00:00+02:00", "planned: 2099-07-01T09:00:00+02:00"),
     "the announcement plans 2099-07-01T09:00:00+02:00 but the embargo lifts at 2099-06-30T09:00:00+02:00", "warning"),
    (("announced: 2025-09-01T09:00:00+02:00", "announced: 2099-07-01T09:00:00+02:00"),
     "is earlier than the announcement was made public", "error"),
    (("status: confirmed", "status: cancelled"), "a cancelled release needs a reason", "error"),
])
def test_check_compares_the_release_time_with_its_announcement(census, cli, edit, expected, severity):
    replace_in(census / "datasets" / "DS_POP_PROJECTIONS.yaml", *edit)
    result = run(cli, "check", str(census))
    flat = " ".join(result.output.split())
    assert expected in flat, result.output
    assert ("DS_POP_PROJECTIONS.yaml" in flat) and (result.exit_code == (1 if severity == "error" else 0))


def test_build_and_validate_write_and_check_the_calendar(cli, tmp_path):
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", "2026-01-01").exit_code == 0
    for path in ("releases.html", "releases.ics", "releases.atom", "fr/releases.html", "fr/releases.ics",
                 "fr/releases.atom"):
        assert (site / path).is_file(), path
    result = run(cli, "validate", str(site))
    assert result.exit_code == 0 and "icalendar (RFC 5545)" in result.output and "feedparser" in result.output
    (site / "releases.ics").write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"
                                       "END:VCALENDAR\n")
    broken = run(cli, "validate", str(site))
    assert broken.exit_code == 1 and "no UID, DTSTAMP, DTSTART, SEQUENCE" in " ".join(broken.output.split())


def test_the_live_calendar_turns_at_the_release_time_to_the_second(db):  # noqa: F811
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "calendar")
    clock = Clock(RELEASE - timedelta(seconds=1))
    key = entry_key(store.calendar_secret(), "DS_POP_PROJECTIONS")
    with TestClient(create_app(store, clock)) as client:
        before = client.get("/releases.ics")
        assert before.status_code == 200 and before.headers["content-type"].startswith("text/calendar")
        assert "DS_POP_PROJECTIONS" not in before.text and key in before.text
        assert int(before.headers["cache-control"].split("max-age=")[1]) <= 1
        page = client.get("/fr/releases.html")
        assert page.status_code == 200 and "Projections de population 2025-2070" in page.text
        clock.moment = RELEASE
        after = client.get("/releases.ics")
        assert "DS_POP_PROJECTIONS/index.html" in after.text.replace("\r\n ", "") and key in after.text
        assert after.headers["etag"] != before.headers["etag"]
        assert client.get("/releases.atom").headers["content-type"] == "application/atom+xml"
        assert client.get("/xx/releases.html").status_code == 404
        assert client.get("/releases.pdf").status_code == 404
    store.engine.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_after_the_release_the_announcement_links_to_the_dataset(catalogue):
    """Generated catalogues: before its release an announced dataset is an entry without a link or id;
    once released (far in the future, for every published dataset) the entry links to it."""
    later = datetime(2200, 1, 1, tzinfo=timezone.utc)
    for as_of in (AS_OF, later):
        view = public_view(catalogue, as_of)
        linked = {e.dataset for e in view.calendar if e.dataset}
        announced_public = {d.id for d in catalogue.datasets.values() if d.announcement is not None
                            and d.announcement.announced <= as_of and d.id in view.datasets}
        assert linked == announced_public
        for entry in view.calendar:
            assert entry.dataset is None or entry.dataset in view.datasets
            assert SECRET not in str(entry.title) or as_of == later


def test_dcat_describes_the_calendar_as_a_data_service_never_the_embargoed_dataset():
    import rdflib

    from .exports import dcat_graph

    graph = dcat_graph(public_view(read_catalogue(EXAMPLE), BUILT))
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    catalog = rdflib.URIRef("https://data.bso.example.org/catalog")
    (service,) = graph.objects(catalog, dcat.service)
    assert set(graph.objects(service, dcat.endpointURL)) == {rdflib.URIRef("https://data.bso.example.org/releases.ics")}
    assert rdflib.URIRef("https://www.rfc-editor.org/rfc/rfc5545") in set(graph.objects(
        service, rdflib.URIRef("http://purl.org/dc/terms/conformsTo")))
    assert set(graph.objects(service, dcat.servesDataset)) == {
        rdflib.URIRef("https://data.bso.example.org/dataset/DS_POP_AGE_SEX_REGION")}
    text = graph.serialize(format="nt")
    assert "DS_POP_PROJECTIONS" not in text and "Population projections 2025-2070" not in text
