"""Issue 33: a series' page (static and live) lists its public releases over time and its next release as the
calendar announces it; the calendar links an announced release to its series; nothing of an embargoed release shows
but its announcement, once that is public."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path


from catalogue.policy.view import public_view
from catalogue.publish.site import SiteBuilder
from catalogue.records.loader import read_catalogue

from .test_series import AS_OF, CORRECTED, EMBARGOED, QUARTERS, quarterly_series, _set, stored

ANNOUNCED = datetime(2025, 6, 1, tzinfo=timezone.utc)


def announced_series(folder: Path) -> Path:
    """The quarterly series, its embargoed quarter announced from ``ANNOUNCED``, and a second series, NEW, whose
    only release is that embargoed quarter (no public release: no page)."""
    quarterly_series(folder)
    _set(folder, EMBARGOED, series=["LFS", "NEW"], announcement={
        "title": {"en": "Labour Force Survey, first quarter of 2025", "fr": "Enquête sur les forces de travail, T1 2025"},
        "planned": "2030-05-15T10:00:00+00:00", "announced": ANNOUNCED.isoformat(), "in_series": ["LFS", "NEW"]})
    (folder / "series" / "NEW.yaml").write_text(
        (folder / "series" / "LFS.yaml").read_text(encoding="utf-8").replace("id: LFS", "id: NEW")
        .replace("Labour Force Survey, quarterly results", "A secret new programme"), encoding="utf-8")
    return folder


def rows(html: str) -> list[str]:
    """The releases a series' page lists, in its order, by dataset id."""
    table = html.split('id="releases-heading"', 1)[1]
    return re.findall(r'<th scope="row"><a href="[^"]*datasets/([^/]+)/index.html"', table)


def test_a_series_page_lists_its_releases_newest_first_and_its_next_release_in_every_language(tmp_path):
    folder = announced_series(tmp_path / "c")
    view = public_view(read_catalogue(folder), AS_OF)
    assert set(view.series) == {"LFS"}  # NEW has no public release
    site = SiteBuilder(view, folder)
    for page in site.pages:
        html = site.series_page(page, view.series["LFS"])
        assert rows(html) == ["DS_LFS_2024Q4", "DS_LFS_2024Q3", CORRECTED, "DS_LFS_2024Q1"]
        assert "../../datasets/DS_LFS_2024Q2/index.html" in html  # the version the correction replaces
        assert EMBARGOED not in html and "secret new programme" not in html
        assert 'id="next-heading"' in html and "2030-05-15 10:00 UTC" in html
        assert 'application/ld+json' in html and '"hasPart"' in html
    before = SiteBuilder(public_view(read_catalogue(folder), datetime(2025, 5, 1, tzinfo=timezone.utc)), folder)
    assert 'id="next-heading"' not in before.series_page(before.pages[0], view.series["LFS"])  # not announced yet


def test_the_build_writes_series_pages_the_sitemap_names_them_and_pages_link_them(cli, tmp_path):
    from .test_incremental_build import assert_same_tree, build

    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    announced_series(records)
    build(cli, records, site, AS_OF)
    languages = read_catalogue(records).info.languages
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("series/*/index.html"))
    assert pages == sorted(f"{'' if i == 0 else language + '/'}series/LFS/index.html"
                           for i, language in enumerate(languages))
    assert "/series/LFS/index.html" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "series/NEW" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    dataset_page = (site / "datasets" / CORRECTED / "index.html").read_text(encoding="utf-8")
    assert 'href="../../series/LFS/index.html"' in dataset_page
    calendar = (site / "releases.html").read_text(encoding="utf-8")
    assert 'href="series/LFS/index.html"' in calendar and "NEW" not in calendar
    for text in (p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()):
        assert "secret new programme" not in text
    later = datetime(2031, 1, 1, tzinfo=timezone.utc)  # the embargoed quarter is out: both series are public
    build(cli, records, site, later)
    build(cli, records, full, later)
    assert_same_tree(site, full)
    assert rows((site / "series" / "LFS" / "index.html").read_text(encoding="utf-8"))[0] == EMBARGOED
    assert (site / "series" / "NEW" / "index.html").exists()


def test_the_live_server_answers_a_series_page_as_the_build_writes_it(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = announced_series(tmp_path / "c")
    store = stored(folder, tmp_path)
    moment = [AS_OF]
    with TestClient(create_app(store, lambda: moment[0])) as client:
        page = client.get("/series/LFS/index.html")
        assert page.status_code == 200
        assert rows(page.text) == ["DS_LFS_2024Q4", "DS_LFS_2024Q3", CORRECTED, "DS_LFS_2024Q1"]
        assert EMBARGOED not in page.text and "2030-05-15 10:00 UTC" in page.text
        assert client.get("/fr/series/LFS/index.html").status_code == 200
        for hidden in ("/series/NEW/index.html", "/series/NOPE/index.html", "/en/series/LFS/index.html"):
            assert client.get(hidden).status_code == 404, hidden
        assert "series/LFS/index.html" in client.get("/sitemap.xml").text
        assert "series/NEW" not in client.get("/sitemap.xml").text
        assert 'href="series/LFS/index.html"' in client.get("/releases.html").text
        dataset_page = client.get(f"/datasets/{CORRECTED}/index.html").text
        assert 'href="../../series/LFS/index.html"' in dataset_page
        moment[0] = datetime(2031, 1, 1, tzinfo=timezone.utc)
        assert rows(client.get("/series/LFS/index.html").text)[0] == EMBARGOED
        assert client.get("/series/NEW/index.html").status_code == 200
    assert set(QUARTERS) < set(read_catalogue(folder).datasets)
