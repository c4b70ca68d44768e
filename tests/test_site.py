"""`catalogue build` and `catalogue validate`: pages, feeds, languages, links, atomicity, determinism."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest
import rdflib
from lxml import etree

from .conftest import EXAMPLE, replace_in, run

AS_OF = "2026-01-01T00:00:00Z"
PUBLIC = ["DS_HHS_PUF", "DS_HHS_RDC", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY", "DS_POP_AGE_SEX_REGION",
          "DS_LFS_2024Q1", "DS_LFS_2024Q2", "DS_LFS_2024Q3", "DS_LFS_2024Q3_R", "DS_LFS_2024Q4"]
HIDDEN = ["DS_CENSUS_COMMUTING", "Commuting", "Navettes", "DS_POP_PROJECTIONS",
          "Population projections by age group and sex", "Projections de population selon le groupe d'âge",
          "EDIT_FLAG", "Internal editing flag", "Indicateur d'édition", "CL_EDIT_FLAG"]
"""Of the draft, the embargoed dataset (whose announcement alone is public: "Population projections
2025-2070") and the confidential variable."""


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.headings: list[int] = []
        self.scripts: list[str] = []
        self.html_lang: str | None = None
        self._script: list[str] | None = None
        self.th_without_scope = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "link" and attributes.get("rel") == "stylesheet" or tag in ("img", "iframe"):
            self.loads.append(attributes.get("href") or attributes.get("src") or "")
        if tag == "script":
            if "src" in attributes:
                self.loads.append(attributes["src"])
            if attributes.get("type") == "application/ld+json":
                self._script = []
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" not in attributes:
            self.links.append(attributes["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in attributes:
            self.th_without_scope += 1

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("site") / "site"
    result = run(CliRunner(), "build", str(EXAMPLE), "--out", str(out), "--as-of", AS_OF, "--quiet")
    assert result.exit_code == 0, result.output
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_public_dataset_has_a_page_in_every_language_with_its_json_ld(site):
    for prefix, language in (("", "en"), ("fr/", "fr")):
        assert (site / prefix / "index.html").is_file()
        for dataset_id in PUBLIC:
            path = site / prefix / "datasets" / dataset_id / "index.html"
            page = parse(path)
            assert page.html_lang == language
            [json_ld] = page.scripts[-1:]
            document = json.loads(json_ld)
            assert document["@type"] == "Dataset" and document["@id"].endswith(dataset_id)
            assert document["@context"] == "https://schema.org/"
            offline = json.dumps({**document, "@context": {"@vocab": "https://schema.org/"}})  # nothing fetched
            assert len(rdflib.Graph().parse(data=offline, format="json-ld")) > 10
    assert len(list((site / "datasets").iterdir())) == len(PUBLIC)


def test_feeds_are_all_there(site):
    for path in ("catalog.ttl", "catalog.jsonld", "catalog.rdf", "data.json", "sdmx/structure-2.1.xml",
                 "sdmx/structure-3.0.xml", "sitemap.xml", "site.css"):
        assert (site / path).is_file(), path
    for dataset_id in PUBLIC:
        assert (site / "datapackages" / dataset_id / "datapackage.json").is_file()


def test_nothing_hidden_in_any_file(site):
    for path in sorted(site.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for hidden in HIDDEN:
                assert hidden not in text, (path, hidden)


def test_every_internal_link_resolves(site):
    for path in pages(site):
        page = parse(path)
        for href in page.links:
            if re.match(r"^[a-z]+:", href):
                continue  # absolute: http(s), mailto
            url, fragment = urldefrag(href)
            if not url:
                assert f'id="{fragment}"' in path.read_text(encoding="utf-8"), (path, href)
                continue
            target = (path.parent / url).resolve()
            assert target.is_file(), (path.relative_to(site), href)


def test_pages_load_nothing_from_the_network_and_are_accessible(site):
    for path in pages(site):
        page = parse(path)
        assert all(not re.match(r"^(https?:)?//", load) for load in page.loads), (path, page.loads)
        assert page.html_lang in ("en", "fr")
        assert page.headings[0] == 1 and page.headings.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), (path, page.headings)
        assert page.th_without_scope == 0


def test_dataset_page_shows_variables_codes_terms_and_access(site):
    text = (site / "datasets" / "DS_POP_AGE_SEX_REGION" / "index.html").read_text(encoding="utf-8")
    assert "<code><bdi dir=\"ltr\">REF_AREA</bdi></code>" in text and "Alden District" in text and "Creative Commons" in text
    restricted = (site / "datasets" / "DS_HHS_RDC" / "index.html").read_text(encoding="utf-8")
    assert "https://www.bso.example.org/rdc/apply" in restricted and "12 Harbour Street" in restricted
    french = (site / "fr" / "datasets" / "DS_HHS_RDC" / "index.html").read_text(encoding="utf-8")
    assert "12 rue du Port" in french and 'hreflang="en"' in french


def test_sitemap_lists_every_page_with_its_languages(site):
    tree = etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = tree.xpath("//s:loc/text()", namespaces=ns)
    assert len(locations) == 2 * (2 + 1 + 2 + len(PUBLIC))  # the catalogue page, the calendar, the series LFS, its
    # SIMS and SDG reports, each dataset
    assert "https://data.bso.example.org/fr/datasets/DS_HHS_PUF/index.html" in locations
    assert len(tree.xpath("//x:link[@hreflang='fr']", namespaces=ns)) == len(locations)


def test_two_builds_are_identical(site, cli, tmp_path):
    again = tmp_path / "again"
    assert run(cli, "build", str(EXAMPLE), "--out", str(again), "--as-of", AS_OF, "--quiet").exit_code == 0
    assert snapshot(again) == snapshot(site)


def test_a_broken_record_leaves_the_previous_site_byte_identical(census, cli, tmp_path):
    out = tmp_path / "site"
    assert run(cli, "build", str(census), "--out", str(out), "--as-of", AS_OF, "--quiet").exit_code == 0
    before = snapshot(out)
    replace_in(census / "datasets" / "DS_HH_SIZE_REGION.yaml", "terms: OPEN", "terms: NOPE")
    result = run(cli, "build", str(census), "--out", str(out), "--as-of", AS_OF, "--quiet")
    assert result.exit_code == 1 and "unknown terms of use 'NOPE'" in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["census", "site"]


def test_validate_passes_on_the_built_site(site, cli):
    result = run(cli, "validate", str(site))
    assert result.exit_code == 0, result.output
    assert "36 of 36 files valid" in result.output


def test_validate_fails_on_a_broken_site(site, cli, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(site, broken)
    path = broken / "sdmx" / "structure-2.1.xml"
    path.write_text(path.read_text(encoding="utf-8").replace('isFinal="true"', 'isFinal="maybe"', 1), encoding="utf-8")
    data = broken / "data.json"
    data.write_text(data.read_text(encoding="utf-8").replace('"accessLevel": "public"', '"accessLevel": "open"', 1),
                    encoding="utf-8")
    codebook = broken / "ddi" / "DS_HHS_PUF.xml"
    codebook.write_text(codebook.read_text(encoding="utf-8").replace('intrvl="discrete"', 'intrvl="sometimes"', 1),
                        encoding="utf-8")
    table = broken / "ddi" / "DS_POP_AGE_SEX_REGION.xml"
    table.write_text(table.read_text(encoding="utf-8").replace('files="F1"', 'files="F9"', 1), encoding="utf-8")
    result = run(cli, "validate", str(broken))
    assert result.exit_code == 1
    assert "32 of 36 files valid" in result.output
    assert "files='F9' names no element of the document" in " ".join(result.output.split())


def test_a_folder_not_built_by_catalogue_is_never_replaced(cli, tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = run(cli, "build", str(EXAMPLE), "--out", str(precious), "--quiet")
    assert result.exit_code == 2 and "not built by" in " ".join(result.output.replace("│", " ").split())
    assert [p.name for p in precious.iterdir()] == ["thesis.txt"]
    result = run(cli, "export", "datapackage", str(EXAMPLE), "-o", str(precious))
    assert result.exit_code == 2
    assert [p.name for p in precious.iterdir()] == ["thesis.txt"]


def test_the_records_folder_is_never_an_output(census, cli):
    result = run(cli, "build", str(census), "--out", str(census), "--quiet")
    assert result.exit_code == 2 and "records" in " ".join(result.output.split())
    result = run(cli, "build", str(census / "datasets"), "--out", str(census.parent), "--quiet")
    assert result.exit_code == 2
    assert (census / "catalogue.yaml").is_file()


def test_a_previous_build_is_replaced(site, cli, tmp_path):
    out = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(out), "--quiet").exit_code == 0
    assert (out / ".catalogue-output").is_file()
    assert run(cli, "build", str(EXAMPLE), "--out", str(out), "--quiet").exit_code == 0
