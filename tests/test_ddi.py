"""Issue 16: DDI-Codebook 2.5 and 2.6 — valid against the official XSDs (the example and generated catalogues),
read back as NADA and the Metadata Editor read it (their DDI 2.5 element paths), every language, summary
statistics computed from the data only where the data are public, nothing confidential."""

from __future__ import annotations

import csv
import io
import statistics
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from catalogue.conformance.validators import ddi_xsd_errors, safe_xml_parser, standards_dir
from catalogue.formats.ddi import VERSIONS, DdiBuilder
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue

from .conftest import EXAMPLE, by_id, run
from .exports import example_view
from .strategies import AS_OF, catalogues

NS = {"d": "ddi:codebook:2_5"}
NADA_PATHS = {
    # what NADA's DDI 2.5 importer and the Metadata Editor's DDI template read (their XPath, without the root)
    "title": "d:stdyDscr/d:citation/d:titlStmt/d:titl",
    "parallel titles": "d:stdyDscr/d:citation/d:titlStmt/d:parTitl",
    "IDNo": "d:stdyDscr/d:citation/d:titlStmt/d:IDNo",
    "producers": "d:stdyDscr/d:citation/d:prodStmt/d:producer",
    "abstract": "d:stdyDscr/d:stdyInfo/d:abstract",
    "keywords": "d:stdyDscr/d:stdyInfo/d:subject/d:keyword",
    "topics": "d:stdyDscr/d:stdyInfo/d:subject/d:topcClas",
    "universe": "d:stdyDscr/d:stdyInfo/d:sumDscr/d:universe",
    "kind of data": "d:stdyDscr/d:stdyInfo/d:sumDscr/d:dataKind",
    "sampling": "d:stdyDscr/d:method/d:dataColl/d:sampProc",
    "mode": "d:stdyDscr/d:method/d:dataColl/d:collMode",
    "response rate": "d:stdyDscr/d:method/d:anlyInfo/d:respRate",
    "access conditions": "d:stdyDscr/d:dataAccs/d:useStmt/d:conditions",
    "confidentiality": "d:stdyDscr/d:dataAccs/d:useStmt/d:confDec",
    "citation requirement": "d:stdyDscr/d:dataAccs/d:useStmt/d:citReq",
    "files": "d:fileDscr/d:fileTxt/d:fileName",
    "variables": "d:dataDscr/d:var",
}


def codebook(view, dataset_id: str, version: str = "2.5") -> bytes:
    stream = io.BytesIO()
    DdiBuilder(view, EXAMPLE).write(view.datasets[dataset_id], stream, version)
    return stream.getvalue()


def texts_by_language(root, path: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in root.xpath(path, namespaces=NS):
        language = element.get("{http://www.w3.org/XML/1998/namespace}lang")
        found.setdefault(language, []).append(element.text)
    return found


@pytest.mark.parametrize("version", sorted(VERSIONS))
@pytest.mark.parametrize("example", ["census", "almara"])
def test_every_codebook_of_the_examples_is_valid(version, example):
    root = EXAMPLE.parent / example
    view = public_view(read_catalogue(root), datetime(2026, 1, 1, tzinfo=timezone.utc))
    builder = DdiBuilder(view, root)
    written = [d.id for d in builder.datasets()]
    assert written == [d.id for d in view.datasets.values() if d.variables] and written
    for dataset in builder.datasets():
        stream = io.BytesIO()
        builder.write(dataset, stream, version)
        assert ddi_xsd_errors(stream.getvalue(), standards_dir()) == [], dataset.id


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_catalogues_give_valid_codebooks(catalogue):
    view = public_view(catalogue, AS_OF)
    builder = DdiBuilder(view, EXAMPLE)
    for dataset in builder.datasets():
        for version in VERSIONS:
            stream = io.BytesIO()
            builder.write(dataset, stream, version)
            assert ddi_xsd_errors(stream.getvalue(), standards_dir()) == [], (dataset.id, version)


def test_a_microdata_library_reads_every_public_variable_category_and_language():
    """The public-use file read through NADA's element paths: the study, its access conditions, and each
    variable with its labels, categories (every code of its codelist, with its label in each language) and
    missing values; the confidential DISTRICT is nowhere."""
    view = example_view()
    record = read_catalogue(EXAMPLE).datasets["DS_HHS_PUF"]
    public = view.datasets["DS_HHS_PUF"]
    body = codebook(view, "DS_HHS_PUF")
    root = etree.fromstring(body, safe_xml_parser())
    found = {name: texts_by_language(root, path) for name, path in NADA_PATHS.items() if name != "variables"}
    assert found["title"] == {"en": [record.title["en"]]} and found["parallel titles"] == {"fr": [record.title["fr"]]}
    assert found["IDNo"][None] == ["DS_HHS_PUF", "BSO-HHS-2023-PUF"]
    for name, text in (("abstract", record.description), ("universe", record.study.universe),
                       ("kind of data", record.study.kind_of_data), ("sampling", record.study.sampling),
                       ("mode", record.study.data_collection), ("response rate", record.study.response_rate)):
        assert {k: v[0] for k, v in found[name].items()} == text, name
    assert found["keywords"] == record.keywords
    terms = view.terms["PUBLIC_USE"]
    assert all(terms.conditions[lang] in " ".join(found["access conditions"][lang]) for lang in ("en", "fr"))
    assert all("Public use file" in c for c in found["access conditions"]["en"][:1])
    assert {k: v[0] for k, v in found["confidentiality"].items()} == terms.confidentiality_statement
    assert {k: v[0] for k, v in found["citation requirement"].items()} == terms.citation_requirement
    assert found["files"][None] == ["hhs2023_puf.csv", "hhs2023_puf_sample.csv"]
    variables = root.xpath(NADA_PATHS["variables"], namespaces=NS)
    assert [v.get("name") for v in variables] == [v.id for v in public.variables]
    assert "DISTRICT" not in [v.get("name") for v in variables] and b"DISTRICT" not in body.replace(b"District", b"")
    for element, variable in zip(variables, public.variables):
        assert texts_by_language(element, "d:labl") == {k: [v] for k, v in variable.label.items()}
        codes = by_id(view.codelists)[variable.codelist].codes if variable.codelist else []
        categories = element.xpath("d:catgry[not(@missing)]", namespaces=NS)
        assert [c.findtext("d:catValu", namespaces=NS) for c in categories] == [code.id for code in codes]
        for category, code in zip(categories, codes):
            assert texts_by_language(category, "d:labl") == {k: [v] for k, v in code.name.items()}
        missing = element.xpath("d:catgry[@missing='Y']/d:catValu/text()", namespaces=NS)
        assert missing == [m.code for m in variable.missing_values]
        assert element.xpath("d:invalrng/d:item/@VALUE", namespaces=NS) == [m.code for m in variable.missing_values]
        if variable.question:
            assert texts_by_language(element, "d:qstn/d:qstnLit") == {k: [v] for k, v in variable.question.items()}
    weight = next(v for v in variables if v.get("name") == "WEIGHT")
    assert weight.get("wgt") == "wgt"
    assert {v.get("wgt-var") for v in variables if v is not weight} == {weight.get("ID")}


def test_a_code_hierarchy_travels_as_nested_categories():
    view = example_view()
    root = etree.fromstring(codebook(view, "DS_HHS_PUF"), safe_xml_parser())
    region = root.xpath("d:dataDscr/d:var[@name='REGION']", namespaces=NS)[0]
    values = {c.get("ID"): c.findtext("d:catValu", namespaces=NS) for c in region.xpath("d:catgry", namespaces=NS)}
    children = {values[c.get("ID")]: sorted(values[i] for i in c.get("catgry").split())
                for c in region.xpath("d:catgry[@catgry]", namespaces=NS)}
    expected: dict[str, list[str]] = {}
    for code in by_id(view.codelists)["CL_AREA"].codes:
        if code.parent:
            expected.setdefault(code.parent, []).append(code.id)
    assert children == {parent: sorted(ids) for parent, ids in expected.items()}


def test_summary_statistics_are_those_of_the_data_file():
    """Counts, min, max and mean from the local sample, computed here with the csv module."""
    view = example_view()
    root = etree.fromstring(codebook(view, "DS_HHS_PUF"), safe_xml_parser())
    with (EXAMPLE / "data" / "hhs2023_puf_sample.csv").open(encoding="utf-8") as stream:
        records = list(csv.DictReader(stream))
    ages = [float(r["AGE"]) for r in records]
    stats = {s.get("type"): s.text for s in root.xpath("d:dataDscr/d:var[@name='AGE']/d:sumStat", namespaces=NS)}
    assert stats["vald"] == str(len(records)) and stats["invd"] == "0"
    assert float(stats["min"]) == min(ages) and float(stats["max"]) == max(ages)
    assert float(stats["mean"]) == pytest.approx(statistics.mean(ages), abs=1e-6)
    income = {s.get("type"): s.text for s in root.xpath("d:dataDscr/d:var[@name='INCOME']/d:sumStat", namespaces=NS)}
    refused = sum(r["INCOME"] in ("-8", "-9") for r in records)
    assert int(income["invd"]) == refused > 0
    valid = [float(r["INCOME"]) for r in records if r["INCOME"] not in ("-8", "-9")]
    assert float(income["mean"]) == pytest.approx(statistics.mean(valid), abs=1e-6)
    frequencies = {c.findtext("d:catValu", namespaces=NS): int(c.findtext("d:catStat", namespaces=NS))
                   for c in root.xpath("d:dataDscr/d:var[@name='SEX']/d:catgry", namespaces=NS)}
    assert frequencies == {code: sum(r["SEX"] == code for r in records) for code in ("_T", "F", "M")}
    files = root.xpath("d:fileDscr[d:fileTxt/d:fileName='hhs2023_puf_sample.csv']//d:dimensns", namespaces=NS)[0]
    assert files.findtext("d:caseQnty", namespaces=NS) == str(len(records))
    assert files.findtext("d:varQnty", namespaces=NS) == str(len(records[0]))


def test_no_statistics_for_data_that_are_not_public(tmp_path):
    """A restricted dataset with a local data file: its codebook describes the file, never its values."""
    catalogue = read_catalogue(EXAMPLE)
    puf = catalogue.datasets["DS_HHS_PUF"]
    restricted = catalogue.model_copy(update={"datasets": {**catalogue.datasets,
                                                           "DS_HHS_PUF": puf.model_copy(update={"terms": "RDC"})}})
    view = public_view(restricted, datetime(2026, 1, 1, tzinfo=timezone.utc))
    body = codebook(view, "DS_HHS_PUF")
    assert b"sumStat" not in body and b"catStat" not in body and b"caseQnty" not in body
    assert ddi_xsd_errors(body, standards_dir()) == []
    open_body = codebook(example_view(), "DS_HHS_PUF")
    assert b"sumStat" in open_body and b"catStat" in open_body


def test_2_6_states_the_type_of_access_and_the_licence():
    view = example_view()
    root = etree.fromstring(codebook(view, "DS_HHS_RDC", "2.6"), safe_xml_parser())
    namespaces = {"d": "ddi:codebook:2_6"}
    assert root.xpath("d:stdyDscr/d:dataAccs/d:typeOfAccess/text()", namespaces=namespaces) == ["Data enclave"]
    licences = root.xpath("d:stdyDscr/d:dataAccs/d:license", namespaces=namespaces)
    assert licences and licences[0].get("URI") == view.licences[view.datasets["DS_HHS_RDC"].licence].url
    assert root.get("version") == "2.6"


def test_export_ddi_writes_every_codebook(cli, tmp_path):
    out = tmp_path / "ddi"
    result = run(cli, "export", "ddi", str(EXAMPLE), "-o", str(out), "--version", "2.6", "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.output
    view = example_view()
    assert sorted(p.stem for p in out.glob("*.xml")) == sorted(d.id for d in view.datasets.values() if d.variables)
    assert all(b'xmlns="ddi:codebook:2_6"' in p.read_bytes() for p in out.glob("*.xml"))
    assert all(ddi_xsd_errors(p, standards_dir()) == [] for p in out.glob("*.xml"))
    refused = run(cli, "export", "ddi", str(EXAMPLE), "-o", str(out), "--version", "3.0")
    assert refused.exit_code == 2


def test_the_site_links_each_codebook_from_its_page_and_its_distributions(tmp_path, cli):
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", "2026-01-01").exit_code == 0
    page = (site / "datasets" / "DS_HHS_PUF" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../ddi/DS_HHS_PUF.xml"' in page
    assert "<https://data.bso.example.org/ddi/DS_HHS_PUF.xml>" in (site / "catalog.ttl").read_text(encoding="utf-8")
    assert (site / "ddi" / "DS_HHS_PUF.xml").read_bytes() == codebook(example_view(), "DS_HHS_PUF")
