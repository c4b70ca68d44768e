"""Issue 11.5–11.13: whatever text ``check`` accepts builds into outputs that every reader accepts,
with the same graph in every RDF serialization; what no output can carry is an error in ``check``."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html
from rdflib.compare import isomorphic

from catalogue.checks.datafiles import load_and_check

from .conftest import line_of, replace_in, run

HH = "datasets/DS_HH_SIZE_REGION.yaml"
HH_TITLE = "  en: Private households by size and region, 2021 Census\n"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")


def build(cli, census: Path, tmp_path: Path, *options: str) -> Path:
    site = tmp_path / "site"
    result = run(cli, "build", str(census), "--out", str(site), "--quiet", "--as-of", "2026-01-01T00:00:00Z", *options)
    assert result.exit_code == 0, result.output
    return site


def validate(cli, site: Path) -> None:
    result = run(cli, "validate", str(site))
    assert result.exit_code == 0, result.output


def only_error(census: Path):
    errors = load_and_check(census).errors
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def dataset_page_blocks(site: Path, dataset: str) -> list[dict]:
    blocks = []
    for page in [site / "datasets" / dataset / "index.html", site / "fr" / "datasets" / dataset / "index.html"]:
        tree = html.fromstring(page.read_bytes())
        blocks += [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
    return blocks


def test_embedded_json_ld_survives_script_breaking_text(census, cli, tmp_path):
    hostile = "A <!-- B --> </script><script>alert(1)</script> & C"
    replace_in(census / HH, HH_TITLE, f"  en: '{hostile}'\n")
    site = build(cli, census, tmp_path)
    page = (site / "datasets" / "DS_HH_SIZE_REGION" / "index.html").read_text(encoding="utf-8")
    assert "<\\!--" not in page and "</script><script>alert" not in page
    blocks = dataset_page_blocks(site, "DS_HH_SIZE_REGION")
    assert len(blocks) == 2 and all({"@language": "en", "@value": hostile} in b["name"] for b in blocks)
    validate(cli, site)


def test_validate_finds_a_broken_embedded_block(census, cli, tmp_path):
    site = build(cli, census, tmp_path)
    page = site / "datasets" / "DS_HH_SIZE_REGION" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('"@type":"Dataset"', '"@type":"Dataset",,'),
                    encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 1 and "embedded JSON-LD does not parse" in result.output


def test_a_carriage_return_reads_back_from_every_serialization(census, cli, tmp_path):
    replace_in(census / HH, HH_TITLE, '  en: "A\\rB\\r\\nC"\n')
    site = build(cli, census, tmp_path)
    for name, rdf_format in (("catalog.ttl", "turtle"), ("catalog.rdf", "xml"), ("catalog.jsonld", "json-ld")):
        graph = rdflib.Graph().parse(site / name, format=rdf_format)
        titles = {str(o) for o in graph.objects(None, DCT.title) if getattr(o, "language", None) == "en"}
        assert "A\rB\r\nC" in titles, name
    validate(cli, site)


@pytest.mark.parametrize("escape, code", [("\\x01", "0001"), ("\\v", "000B"), ("\\x1f", "001F"),
                                          ("\\uFFFE", "FFFE"), ("\\uFFFF", "FFFF"), ("\\0", "0000")])
def test_a_character_xml_cannot_carry_is_an_error(census, escape, code):
    replace_in(census / HH, HH_TITLE, f'  en: "A{escape}B"\n')
    error = only_error(census)
    assert (error.file, error.line, error.path) == (str(census / HH), line_of(census / HH, "A\\"), "title.en")
    assert f"character U+{code} is not allowed" in error.message


def test_iris_are_encoded_alike_in_every_serialization(census, cli, tmp_path):
    replace_in(census / HH, "landing_page: https://www.bso.example.org/census/2021/households",
               "landing_page: https://www.bso.example.org/census?fields=a|b&x={y}^`z")
    site = build(cli, census, tmp_path)
    turtle = rdflib.Graph().parse(site / "catalog.ttl", format="turtle")
    for name, rdf_format in (("catalog.rdf", "xml"), ("catalog.jsonld", "json-ld")):
        assert isomorphic(turtle, rdflib.Graph().parse(site / name, format=rdf_format)), name
    pages = {str(o) for o in turtle.objects(None, DCAT.landingPage)}
    assert "https://www.bso.example.org/census?fields=a%7Cb&x=%7By%7D%5E%60z" in pages
    validate(cli, site)


@pytest.mark.parametrize("field, value, expected", [
    ("email: census@bso.example.org", 'email: "census{x}@bso.example.org"', "not an email address"),
    ("email: census@bso.example.org", "email: census..office@bso.example.org", "not an email address"),
    ('telephone: "+000 20 123 4500"', 'telephone: "+000 <20> & {1}"', "not a telephone number"),
    ("url: https://www.bso.example.org/contact/census", "url: https://bso example.org/", "not an absolute http(s) URL"),
    ("url: https://www.bso.example.org/contact/census", "url: 'https://<bso>.org/'", "not an absolute http(s) URL"),
])
def test_an_email_telephone_or_url_that_cannot_be_an_iri_is_an_error(census, field, value, expected):
    agency = census / "agencies" / "BSO.yaml"
    text = agency.read_text(encoding="utf-8")
    agency.write_text(text.replace(field, value, 1), encoding="utf-8")
    error = only_error(census)
    assert error.file == str(agency) and error.line == line_of(agency, value) and expected in error.message


def test_ids_that_sdmx_ml_refuses_are_errors(census):
    concepts = next((census / "concepts").glob("*.yaml"))
    replace_in(concepts, "  - id: FREQ\n", "  - id: HH$SIZE\n")
    replace_in(census / HH, "  - id: REF_AREA\n", "  - id: 1REF_AREA\n")
    errors = load_and_check(census).errors
    messages = {(e.file, e.path): e.message for e in errors}
    assert "cannot be the id of a concept in SDMX-ML" in messages[(str(concepts), "concepts[0].id")]
    assert "cannot be the id of a dimension (an SDMX component)" in messages[(str(census / HH), "variables[0].id")]


def test_distribution_ids_that_differ_only_in_case_are_an_error(census):
    replace_in(census / HH, "distributions:\n", "distributions:\n  - id: csv\n"
               "    access_url: https://www.bso.example.org/x\n    format: HTML\n")
    error = only_error(census)
    assert error.path == "distributions[1].id" and "same Data Package resource name 'csv'" in error.message


def test_validate_reads_every_descriptor_even_with_remote_data(census, cli, tmp_path):
    site = build(cli, census, tmp_path)
    path = site / "datapackages" / "DS_HHS_PUF" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert any(str(r.get("path", "")).startswith("https://") for r in descriptor["resources"])
    descriptor["contributors"][0]["email"] = "census..office@bso.example.org"
    descriptor["resources"].append(dict(descriptor["resources"][-1]))
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 1
    assert "is used by more than one resource" in result.output


def test_validate_reports_a_bad_email_in_a_descriptor_with_remote_data(census, cli, tmp_path):
    site = build(cli, census, tmp_path)
    path = site / "datapackages" / "DS_HHS_PUF" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["contributors"][0]["email"] = "census..office@bso.example.org"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run(cli, "validate", str(site))
    assert result.exit_code == 1 and "email" in result.output


def test_download_links_are_url_encoded(census, cli, tmp_path):
    original = census / "data" / "households_size_region_2021.csv"
    renamed = census / "data" / "households 2021#v1.csv"
    original.rename(renamed)
    replace_in(census / HH, "path: data/households_size_region_2021.csv", "path: 'data/households 2021#v1.csv'")
    site = build(cli, census, tmp_path)
    page = html.fromstring((site / "datasets" / "DS_HH_SIZE_REGION" / "index.html").read_bytes())
    links = [a.get("href") for a in page.xpath("//a[@href]") if "households" in a.get("href")]
    assert "../../data/households%202021%23v1.csv" in links
    assert (site / "data" / "households 2021#v1.csv").read_bytes() == renamed.read_bytes()
    from catalogue.formats.uris import Uris
    from catalogue.records.loader import read_catalogue

    minted = Uris(read_catalogue(census).info).local_file("data/households 2021#v1.csv")
    assert minted == "https://data.bso.example.org/data/households%202021%23v1.csv"


def test_a_dataset_without_keywords_and_a_documentation_only_dataset_validate(census, cli, tmp_path):
    text = (census / HH).read_text(encoding="utf-8")
    text = re.sub(r"keywords:\n  en: .*\n  fr: .*\n", "", text)
    (census / HH).write_text(text, encoding="utf-8")
    (census / "data" / "questionnaire.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    (census / "datasets" / "DS_QUESTIONNAIRE.yaml").write_text("""id: DS_QUESTIONNAIRE
status: published
title: {en: Census questionnaire 2021, fr: Questionnaire du recensement 2021}
description:
  en: The household questionnaire of the 2021 census, as printed and as a web page for respondents.
  fr: Le questionnaire ménage du recensement de 2021, imprimé et en page web pour les répondants.
publisher: BSO
licence: CC-BY-4.0
terms: OPEN
distributions:
  - id: PDF
    path: data/questionnaire.pdf
    format: PDF
  - id: PAGE
    access_url: https://www.bso.example.org/census/2021/questionnaire
    format: HTML
""", encoding="utf-8")
    assert load_and_check(census).ok
    site = build(cli, census, tmp_path)
    data = json.loads((site / "data.json").read_text(encoding="utf-8"))
    keywords = {d["title"]: d["keyword"] for d in data["dataset"]}
    assert all(keywords.values())
    package = json.loads((site / "datapackages" / "DS_QUESTIONNAIRE" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["pdf", "page"]
    assert all("schema" not in r for r in package["resources"])
    assert (site / "data" / "questionnaire.pdf").is_file()
    validate(cli, site)


def test_published_sizes_and_checksums_are_those_of_the_served_file(census, cli, tmp_path):
    from .test_datapackage import with_confidential_column

    source = with_confidential_column(census)
    record = census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    size = source.stat().st_size
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    replace_in(record, "    format: CSV\n    availability",
               f"    format: CSV\n    byte_size: {size}\n    checksum: {{algorithm: sha256, value: {digest}}}\n"
               "    availability")
    site = build(cli, census, tmp_path, "--strip-confidential")
    served = (site / "data" / source.name).read_bytes()
    assert len(served) != size
    graph = rdflib.Graph().parse(site / "catalog.ttl", format="turtle")
    sizes = {int(o) for o in graph.objects(None, DCAT.byteSize)}
    values = {str(o) for o in graph.objects(None, SPDX.checksumValue)}
    assert len(served) in sizes and size not in sizes
    assert hashlib.sha256(served).hexdigest() in values and digest not in values


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "data:text/html,x", "//example.org/", "example.org",
                                 "https://exa mple.org/", "ftp://example.org/"])
def test_base_url_must_be_an_absolute_http_url(census, cli, tmp_path, url):
    result = run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--quiet", "--base-url", url)
    assert result.exit_code == 2 and "--base-url" in result.output
    assert not (tmp_path / "site").exists()


URL_PIECES = st.lists(st.sampled_from(["http", "https", "HTTP", "://", "//", ":", "a", "Z", "0", "9", ".", "-", "/",
                                       "?", "#", "@", "[", "]", "%", " ", "\t", "é", "8080", "99999", "\\", "x.org"]),
                      max_size=10).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(URL_PIECES, st.text(max_size=30), st.text(max_size=20).map(lambda rest: "http://a.b" + rest)))
def test_the_quick_url_check_accepts_only_what_the_full_check_accepts(value):
    from catalogue.model import types

    if types._is_plain_url(value):
        assert types._is_http_url(value), value
