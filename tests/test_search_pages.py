"""The live catalogue page is the search page, and the static site's filter folds as search does, from an index in
parts (issue 35, point 2): in a browser, in Spanish and Arabic, with and without JavaScript."""

from __future__ import annotations

import re

import pytest

from catalogue.publish.filter_index import ROWS_PER_PART, filter_parts, word_key
from catalogue.records.loader import read_catalogue
from catalogue.search.folding import fold

from .browser import launch_arguments, live_server
from .conftest import ALMARA

HOUSEHOLDS = "DS_ENCUESTA_HOGARES"
POPULATION = "DS_POB_MUNICIPIO"
FOLDED = ["Población", "POBLACIÓN", "الإحصاء", "الأسرة", "مستشفى", "Ёлка", "ＡＢＣ１２", "ﬁnance", "İstanbul", "Straße",
          "Ελλάδα", "naïve café", "ـــالسكان", "ٱلسكان"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_arguments()}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from live_server(f"sqlite:///{tmp_path_factory.mktemp('search') / 'c.db'}", ALMARA, "INEA")


def test_the_filter_index_is_in_parts_a_word_finds_its_part():
    catalogue = read_catalogue(ALMARA)
    datasets = list(catalogue.datasets.values())
    themes = {t.id: t.name for t in catalogue.info.themes}
    rows = [[d.id, d.title["ar"], " ".join([*(d.keywords or {}).get("ar", []), *(themes[t]["ar"] for t in d.themes)])]
            for d in datasets]
    parts = filter_parts(rows)
    assert sorted(p for p in parts if p.startswith("rows-")) == [f"rows-{n}.json" for n in
                                                                 range(-(-len(datasets) // ROWS_PER_PART))]
    typed = fold("الاسر")  # without hamza: the title says الأسر
    found = __import__("json").loads(parts[f"words-{word_key(typed)}.json"])
    rows = {row for word, numbers in found.items() if word.startswith(typed) for row in numbers}
    assert [datasets[row].id for row in rows] == [HOUSEHOLDS]


def test_the_front_page_is_the_search_page_with_the_catalogues_description_reports_and_feeds(server, page):
    page.goto(f"{server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("form[role=search]").count() == 1
    assert page.locator('a[type="application/json"]', has_text="JSON").count() >= 1  # the feeds
    titles = page.locator("main h3 a").all_inner_texts()
    assert any("الأسر" in title for title in titles)


def test_the_browsers_folding_is_the_servers(server, page):
    """The filter's fold() as Chromium runs it, word for word against catalogue.search.folding.fold."""
    page.goto(f"{server.url}/index.html")
    script = page.locator("script:not([src])").last.inner_text()
    fold_source = re.search(r"function fold\(text\) \{.*?\n  \}", script, re.S).group(0)
    folded = page.evaluate(f"texts => {{ {fold_source}; return texts.map(fold); }}", FOLDED)
    assert folded == [fold(text) for text in FOLDED]


@pytest.mark.parametrize("language, typed, expected", [("es", "poblacion", POPULATION), ("ar", "الاسر", HOUSEHOLDS)])
def test_the_static_filter_finds_folded_words_from_its_parts_not_the_whole_list(server, browser, language, typed,
                                                                               expected):
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    prefix = "" if language == "es" else f"/{language}"
    page.goto(f"{prefix}/index.html")
    page.locator("#filter").fill(typed)
    page.locator(f'#matches a[href="datasets/{expected}/index.html"]').wait_for()
    assert not any(url.endswith("search-index.json") for url in asked)
    fetched = [url.rsplit("/", 1)[1] for url in asked if "/filter/" in url]
    assert fetched and all(name.startswith(("words-", "rows-")) for name in fetched)
    context.close()


@pytest.mark.parametrize("language, typed, expected", [("es", "POBLACIÓN", POPULATION), ("ar", "الاسر", HOUSEHOLDS)])
def test_the_search_page_without_javascript(server, browser, language, typed, expected):
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    page = context.new_page()
    prefix = "" if language == "es" else f"/{language}"
    page.goto(f"{prefix}/search")
    page.locator("#q").fill(typed)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*[?&]q="))
    assert page.locator("main h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        f"datasets/{expected}/index.html"]
    facet = page.locator("nav.facets a").first
    facet.click()
    page.wait_for_load_state()
    assert page.locator('nav.facets a[aria-current="true"]').count() == 1
    context.close()


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_search_page_with_javascript_changes_its_results_in_place(server, browser, language):
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    prefix = "" if language == "es" else f"/{language}"
    page.goto(f"{prefix}/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stayed = true; }")  # gone if the page is loaded again
    every = page.locator("main h3 a").count()
    page.locator("nav.facets a").first.click()
    page.wait_for_function("() => document.querySelector('nav.facets a[aria-current=\"true\"]') !== null")
    assert page.evaluate("() => window.stayed === true") and page.locator("main h3 a").count() <= every
    assert "=" in page.url.split("?", 1)[1]  # the address says the filter: it can be shared and reloaded
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_dataset_page_previews_its_data_and_dates_its_citation_in_the_browser(server, browser, javascript):
    """Issue 35, points 3 and 4, in Arabic: the preview's table has the variables' labels as headers; with
    JavaScript the citation's date of access is today's (the page's one inline script runs under the server's
    Content-Security-Policy), without it the line stays hidden."""
    context = browser.new_context(base_url=server.url, java_script_enabled=javascript)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(f"/ar/datasets/{POPULATION}/index.html")
    assert page.locator("html").get_attribute("dir") == "rtl"
    headers = page.locator("table.preview thead th").all_inner_texts()
    assert headers and all(header.strip() for header in headers)
    accessed = page.locator("time[data-today]")
    if javascript:
        assert accessed.is_visible()
        today = page.evaluate("new Date().toISOString().slice(0, 10)")
        assert accessed.get_attribute("datetime") == today and accessed.inner_text().strip()
    else:
        assert not accessed.is_visible()
    assert not refused
    context.close()
