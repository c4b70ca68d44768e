"""Source type and fitness for purpose (issue 34, point 4): a controlled vocabulary in mappings/ (census, sample
survey, administrative data, big data of four kinds, citizen-generated data, mixed), checked, shown on the dataset
page, in DCAT-AP (the type of the activity that generated the dataset; the fitness statement a quality
annotation; 0 SHACL violations), in SDMX (dataflow annotations, read back by the importer), DDI-Codebook's dataKind
and schema.org's measurementTechnique; a fitness-for-purpose statement required where the source asks for one."""

from __future__ import annotations

import io
import shutil
from datetime import datetime, timezone

import pytest
import yaml
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from catalogue.conformance.validators import shacl_results, standards_dir
from catalogue.formats.ddi import DdiBuilder
from catalogue.formats.schema_org import SchemaOrgBuilder
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE, run
from .exports import dcat_graph

PROV = Namespace("http://www.w3.org/ns/prov#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
OA = Namespace("http://www.w3.org/ns/oa#")
AS_OF = datetime(2026, 6, 1, tzinfo=timezone.utc)
BASE = "https://data.bso.example.org/"
PROJECTIONS = "DS_POP_PROJECTIONS"
"""A mixed source, embargoed to 2099: its source and fitness statement are nowhere before its release."""
RELEASED = datetime(2100, 1, 1, tzinfo=timezone.utc)
"""After the projections' release."""


def test_the_vocabulary_names_every_source_and_which_need_a_fitness_statement():
    sources = vocabulary().source_types
    assert list(sources) == ["census", "sample_survey", "administrative", "big_data_web", "big_data_mobile",
                             "big_data_satellite", "big_data_scanner", "citizen_generated", "mixed"]
    assert {code for code, entry in sources.items() if not entry.fitness_required} == \
        {"census", "sample_survey", "administrative"}
    assert all(entry.label.keys() >= {"en", "fr"} for entry in sources.values())


def edited(folder, dataset_id, change):
    path = folder / "datasets" / f"{dataset_id}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("source, fitness, expected", [
    ("big_data_satellite", False, "need a statement of their fitness for purpose"),
    ("citizen_generated", False, "need a statement of their fitness for purpose"),
    ("mixed", False, "need a statement of their fitness for purpose"),
    ("big_data_scanner", True, None),
    ("administrative", False, None),
    ("crowd", False, "unknown source type 'crowd'"),
])
def test_check_asks_for_fitness_where_the_source_needs_it(census, source, fitness, expected):
    def change(data):
        data["source_type"] = source
        if not fitness:
            data.pop("fitness_for_purpose", None)
    path = edited(census, PROJECTIONS, change)
    loaded = load_catalogue(census)
    problems = [p for p in loaded.errors if PROJECTIONS in str(p.file)]
    if expected is None:
        assert problems == []
        return
    [problem] = problems
    assert expected in problem.message and problem.line is not None
    field = "fitness_for_purpose" if "fitness" in expected else "source_type"
    assert problem.fields == (field,) and path.name in problem.file


def test_the_page_says_the_source_and_its_fitness_in_each_language(cli, tmp_path):
    site = tmp_path / "site"
    assert run(cli, "build", str(EXAMPLE), "--out", str(site), "--quiet", "--as-of", RELEASED.isoformat()).exit_code == 0
    english = (site / "datasets" / PROJECTIONS / "index.html").read_text(encoding="utf-8")
    assert "<dt>Source of the data</dt><dd>Mixed sources</dd>" in english
    assert "<dt>Fitness for purpose</dt><dd>The projections start from the 2021 census" in english
    french = (site / "fr" / "datasets" / PROJECTIONS / "index.html").read_text(encoding="utf-8")
    assert "<dd>Sources mixtes</dd>" in french and "Les projections partent du recensement" in french
    before = tmp_path / "before"
    assert run(cli, "build", str(EXAMPLE), "--out", str(before), "--quiet", "--as-of", AS_OF.isoformat()).exit_code == 0
    assert not any("The projections start from" in page.read_text(encoding="utf-8") for page in before.rglob("*")
                   if page.is_file() and page.suffix in (".html", ".xml", ".json", ".ttl", ".jsonld", ".rdf"))
    survey = (site / "datasets" / "DS_HHS_PUF" / "index.html").read_text(encoding="utf-8")
    assert "<dd>Sample survey</dd>" in survey and "Fitness for purpose" not in survey


def test_dcat_says_the_source_as_the_generating_activitys_type_and_fitness_as_an_annotation():
    assert "The projections start from" not in dcat_graph(public_view(read_catalogue(EXAMPLE), AS_OF)).serialize(
        format="turtle")  # embargoed
    graph = dcat_graph(public_view(read_catalogue(EXAMPLE), RELEASED))
    dataset = URIRef(BASE + f"dataset/{PROJECTIONS}")
    activity = graph.value(dataset, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    concept = graph.value(activity, DCTERMS.type)
    assert concept == URIRef(BASE + "vocabularies/source-types/mixed")
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, SKOS.prefLabel, Literal("Mixed sources", lang="en")) in graph
    assert (concept, SKOS.inScheme, URIRef(BASE + "vocabularies/source-types")) in graph
    [annotation] = [a for a in graph.objects(dataset, DQV.hasQualityAnnotation) if str(a).endswith("#fitness-for-purpose")]
    assert (annotation, OA.hasTarget, dataset) in graph
    assert {body.language for body in graph.objects(annotation, OA.bodyValue)} == {"en", "fr"}
    census = graph.value(graph.value(URIRef(BASE + "dataset/DS_HH_SIZE_REGION"), PROV.wasGeneratedBy), DCTERMS.type)
    assert census == URIRef(BASE + "vocabularies/source-types/census")
    assert [r for r in shacl_results(graph, standards_dir()) if r.severity == "Violation"] == []


def test_sdmx_annotates_the_dataflow_and_import_sdmx_reads_it_back(cli, tmp_path):
    view = public_view(read_catalogue(EXAMPLE), RELEASED)
    stream = io.BytesIO()
    export_sdmx(build_structures(view).without_reports(), stream, DIALECTS["2.1"], "T", AS_OF)
    body = stream.getvalue()
    assert b"<com:AnnotationType>SOURCE_TYPE</com:AnnotationType>" in body
    assert b"<com:AnnotationType>FITNESS_FOR_PURPOSE</com:AnnotationType>" in body
    path = tmp_path / "structures.xml"
    path.write_bytes(body)
    result = run(cli, "import", "sdmx", str(path), "--into", str(tmp_path / "c"), "--language", "en", "--language",
                 "fr", "--agency", "BSO", "--base-uri", "https://example.org/", "--title", "T")
    assert result.exit_code == 0, result.output
    imported = read_catalogue(tmp_path / "c").datasets
    assert imported[PROJECTIONS].source_type == "mixed"
    assert imported[PROJECTIONS].fitness_for_purpose == view.datasets[PROJECTIONS].fitness_for_purpose
    assert imported["DS_HH_SIZE_REGION"].source_type == "census"


def test_ddi_gives_the_kind_of_data_and_schema_org_the_measurement_technique(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLE, folder)
    codebook = folder / "datasets" / "DS_HHS_PUF.yaml"
    codebook.write_text("".join(line for line in codebook.read_text(encoding="utf-8").splitlines(keepends=True)
                                if "kind_of_data" not in line), encoding="utf-8")
    view = public_view(read_catalogue(folder), AS_OF)
    stream = io.BytesIO()
    view = public_view(read_catalogue(folder), RELEASED)
    DdiBuilder(view, folder).write(view.datasets["DS_HHS_PUF"], stream, "2.5")
    assert b"<dataKind>Survey data</dataKind>" in stream.getvalue()
    record = SchemaOrgBuilder(view).dataset(view.datasets[PROJECTIONS])
    assert {"@language": "fr", "@value": "Sources mixtes"} in record["measurementTechnique"]


def test_a_releases_codebook_takes_method_and_access_fields_from_its_series_sims_report():
    """The LFS releases give no collection mode, sampling error, non-response or confidentiality policy of their
    own: their codebook takes them from the SIMS report on their series (S.18.3, S.18.1, S.13.2, S.13.3.3.1, S.7.1),
    in each language, valid against the DDI-Codebook XSD; the value not for publication stays out."""
    from catalogue.conformance.validators import ddi_xsd_errors

    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    stream = io.BytesIO()
    DdiBuilder(view, EXAMPLE).write(view.datasets["DS_LFS_2024Q1"], stream, "2.5")
    body = stream.getvalue().decode()
    assert ddi_xsd_errors(stream.getvalue(), standards_dir()) == []
    assert '<collMode xml:lang="en">Computer-assisted personal and telephone interviews.</collMode>' in body
    assert '<collMode xml:lang="fr">Entretiens en face à face' in body
    assert '<sources><dataSrc xml:lang="en">Sample survey of households.</dataSrc>' in body
    assert '<respRate xml:lang="en">Unit non-response rate 21.6%</respRate>' in body
    assert '<EstSmpErr xml:lang="en">The coefficient of variation' in body
    assert '<confDec xml:lang="en">Individual answers are protected by the Statistics Act' in body
    assert "Internal note" not in body
    without = public_view(read_catalogue(EXAMPLE).model_copy(update={"metadata_reports": {}}), AS_OF)
    stream = io.BytesIO()
    DdiBuilder(without, EXAMPLE).write(without.datasets["DS_LFS_2024Q1"], stream, "2.5")
    assert b"collMode" not in stream.getvalue() and b"confDec" not in stream.getvalue()


def test_review_a_rebuild_in_place_carries_a_report_change_into_codebooks_and_schema_org(cli, tmp_path):
    """Review: the codebooks and schema.org were reused by their dataset alone, so a report value later marked not
    for publication stayed in them after a rebuild into the same folder."""
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLE, folder)
    site = tmp_path / "site"
    build = ("build", str(folder), "--out", str(site), "--quiet", "--as-of", AS_OF.isoformat())
    assert run(cli, *build).exit_code == 0
    assert "Computer-assisted personal and telephone" in (site / "ddi" / "DS_LFS_2024Q1.xml").read_text(encoding="utf-8")
    assert "SDG_8_5_2_BELMAR" in (site / "schema-org.jsonld").read_text(encoding="utf-8")
    path = folder / "metadata_reports" / "LFS_SIMS_2024.yaml"
    report = yaml.safe_load(path.read_text(encoding="utf-8"))
    process = next(v for v in report["values"] if v["attribute"] == "STAT_PROCESS")
    next(v for v in process["values"] if v["attribute"] == "COLL_METHOD")["confidential"] = True
    path.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sdg = folder / "metadata_reports" / "SDG_8_5_2_BELMAR.yaml"
    sdg.write_text(sdg.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    assert run(cli, *build).exit_code == 0
    for codebook in (site / "ddi").glob("*.xml"):
        assert "Computer-assisted personal and telephone" not in codebook.read_text(encoding="utf-8"), codebook
    assert "SDG_8_5_2_BELMAR" not in (site / "schema-org.jsonld").read_text(encoding="utf-8")
