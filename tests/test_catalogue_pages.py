"""Issue 18, point 6: the catalogue page lists its datasets in pages (no page grows with the catalogue), and the
filter searches every public dataset through a static index per language, loaded only when someone types."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

import catalogue.publish.paths as paths_module
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.publish.site import SiteBuilder
from catalogue.publish.pages import page_links
from catalogue.publish.paths import SEARCH_INDEX

from .conftest import EXAMPLE, run
from .test_scaling import catalogue_of

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_pages_hold_every_dataset_once_and_stay_small():
    """10,000 datasets: 20 pages in each language, each dataset on exactly one, each page well under 1 MB; the
    index of each language lists every dataset with its title."""
    view = public_view(catalogue_of(10_000), AS_OF)
    builder = SiteBuilder(view, EXAMPLE)
    names = builder.catalogue_page_names()
    assert len(names) == 10_000 // paths_module.DATASETS_PER_PAGE and names[:2] == ["index.html", "index-2.html"]
    for page in builder.pages:
        listed: list[str] = []
        for number, name in enumerate(names, start=1):
            html = builder.catalogue_page(page, number)
            assert len(html.encode()) < 1_000_000 // 2, name
            listed += re.findall(r'<li>\s*<h3><a href="datasets/([^/]+)/index.html">', html)
            assert f'href="{name}" aria-current="page"' in html
        assert listed == list(view.datasets)
        index = json.loads("".join(builder.search_index(page)))
        assert [row[0] for row in index] == list(view.datasets)
        assert all(isinstance(row[1], str) and row[1] for row in index)


@pytest.mark.parametrize(("number", "count", "expected"), [
    (1, 1, []),
    (1, 3, [1, 2, 3]),
    (1, 200, [1, 2, 3, None, 200]),
    (100, 200, [1, None, 98, 99, 100, 101, 102, None, 200]),
    (199, 200, [1, None, 197, 198, 199, 200]),
])
def test_the_page_bar_shows_the_ends_and_the_neighbours(number, count, expected):
    names = [f"index-{n}.html" for n in range(1, count + 1)]
    assert [link.get("number") for link in page_links(number, names)] == expected


def test_the_built_pages_and_index_hold_only_public_datasets(cli, tmp_path, monkeypatch):
    """Two datasets a page: the pages, the sitemap and every language's index hold the public datasets, each
    once; the draft and the embargoed dataset of the example appear nowhere."""
    monkeypatch.setattr(paths_module, "DATASETS_PER_PAGE", 2)
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", AS_OF.isoformat()).exit_code == 0
    catalogue = read_catalogue(EXAMPLE)
    public = list(public_view(catalogue, AS_OF).datasets)
    hidden = set(catalogue.datasets) - set(public)
    assert hidden and len(public) > 2
    for prefix in ["", *(f"{language}/" for language in catalogue.info.languages[1:])]:
        pages = sorted(site.glob(f"{prefix}index*.html"), key=lambda p: (len(p.name), p.name))
        assert len(pages) == -(-len(public) // 2)
        listed = [match for page in pages
                  for match in re.findall(r'<h3><a href="datasets/([^/]+)/index.html">', page.read_text("utf-8"))]
        assert listed == public
        index = json.loads((site / prefix / SEARCH_INDEX).read_text("utf-8"))
        assert [row[0] for row in index] == public
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "index-2.html" in sitemap
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text("utf-8", errors="replace")
            assert not any(f"datasets/{dataset_id}/" in text for dataset_id in hidden), path
