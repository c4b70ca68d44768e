"""Reference metadata in DCAT-AP (issue 34, point 3): W3C DQV quality annotations per report section, in each
language, conforming to the report's structure; quality measurements of declared metrics for numeric values; no
SHACL violation; nothing not for publication."""

from __future__ import annotations

from datetime import datetime, timezone

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from catalogue.conformance.validators import shacl_results, standards_dir
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue

from .exports import dcat_graph
from .test_metadata_reports import HIDDEN, with_report

DQV = Namespace("http://www.w3.org/ns/dqv#")
OA = Namespace("http://www.w3.org/ns/oa#")
AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
BASE = "https://data.bso.example.org/"


def test_a_series_reports_sections_are_quality_annotations_and_its_numbers_measurements(tmp_path):
    graph = dcat_graph(public_view(read_catalogue(with_report(tmp_path / "c")), AS_OF))
    series = URIRef(BASE + "series/LFS")
    annotations = set(graph.objects(series, DQV.hasQualityAnnotation))
    quality = BASE + "reports/LFS_QUALITY#"
    assert {URIRef(quality + section) for section in ("CONTACT", "ACCURACY", "FREQ_DISS", "LINK")} <= annotations
    assert URIRef(quality + "CONF") not in annotations  # not for publication
    accuracy = URIRef(quality + "ACCURACY")
    assert (accuracy, RDF.type, DQV.QualityAnnotation) in graph and (accuracy, OA.hasTarget, series) in graph
    assert (accuracy, OA.motivatedBy, DQV.qualityAssessment) in graph
    bodies = {body.language: str(body) for body in graph.objects(accuracy, OA.bodyValue)}
    assert bodies == {"en": "Sampling error is small.", "fr": "L'erreur d'échantillonnage est faible."}
    standard = URIRef(BASE + "metadata-structures/BSO/QUALITY/1.0")
    assert (accuracy, DCTERMS.conformsTo, standard) in graph and (standard, RDF.type, DCTERMS.Standard) in graph
    dimension = graph.value(accuracy, DQV.inDimension)
    assert (dimension, SKOS.prefLabel, Literal("Accuracy", lang="en")) in graph
    [measurement] = graph.objects(series, DQV.hasQualityMeasurement)
    assert graph.value(measurement, DQV.value) == Literal("78.4", datatype=XSD.double)
    assert graph.value(measurement, DQV.computedOn) == series
    metric = graph.value(measurement, DQV.isMeasurementOf)
    assert (metric, RDF.type, DQV.Metric) in graph
    assert (metric, SKOS.prefLabel, Literal("Unit response rate", lang="en")) in graph
    assert graph.value(metric, DQV.inDimension) == dimension
    assert HIDDEN not in graph.serialize(format="turtle")
    assert [r for r in shacl_results(graph, standards_dir()) if r.severity == "Violation"] == []


def test_a_report_on_an_embargoed_dataset_says_nothing_before_its_release(tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    embargoed = next(d for d in catalogue.datasets.values() if d.status == "published" and d.release_time
                     and d.release_time > AS_OF)
    report = catalogue.metadata_reports["LFS_QUALITY"]
    moved = report.model_copy(update={"target": report.target.model_copy(update={"kind": "dataset",
                                                                                "id": embargoed.id})})
    catalogue = catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": moved}})
    before = dcat_graph(public_view(catalogue, AS_OF)).serialize(format="turtle")
    assert "LFS_QUALITY" not in before and "Sampling error" not in before
    after = dcat_graph(public_view(catalogue, embargoed.release_time))
    dataset = URIRef(BASE + f"dataset/{embargoed.id}")
    assert URIRef(BASE + "reports/LFS_QUALITY#ACCURACY") in set(after.objects(dataset, DQV.hasQualityAnnotation))


def test_a_value_given_again_is_an_annotation_or_a_measurement_of_its_own(tmp_path):
    """Review: two values of one attribute were one annotation with both bodies, and a second number was dropped."""
    from catalogue.model import ReportedAttribute

    catalogue = read_catalogue(with_report(tmp_path / "c"))
    report = catalogue.metadata_reports["LFS_QUALITY"]
    again = [ReportedAttribute(attribute="LINK", value="https://stats.example.org/lfs/other")]
    accuracy = report.values[1]
    second = accuracy.model_copy(update={"values": [accuracy.values[0].model_copy(update={"value": "80.1"})]})
    report = report.model_copy(update={"values": [*report.values, *again, second]})
    graph = dcat_graph(public_view(catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": report}}), AS_OF))
    series = URIRef(BASE + "series/LFS")
    annotations = set(graph.objects(series, DQV.hasQualityAnnotation))
    quality = BASE + "reports/LFS_QUALITY#"
    assert {URIRef(quality + "LINK"), URIRef(quality + "LINK-2"), URIRef(quality + "ACCURACY-2")} <= annotations
    assert [str(b) for b in graph.objects(URIRef(quality + "LINK-2"), OA.bodyValue)] == [
        "https://stats.example.org/lfs/other"] * 2
    values = sorted(str(graph.value(m, DQV.value)) for m in graph.objects(series, DQV.hasQualityMeasurement))
    assert values == ["78.4", "80.1"]
