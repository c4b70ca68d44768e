"""DCAT-AP 3.0.1 + StatDCAT-AP export of the example, measured by the official shapes."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from hypothesis import HealthCheck, given, settings

from catalogue.conformance.validators import shacl_results
from catalogue.rdf import FORMATS

from .conftest import STANDARDS
from .exports import dcat_graph, dcat_text, example_view
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import catalogues

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
STAT = Namespace("http://data.europa.eu/m8g/")
QB = Namespace("http://purl.org/linked-data/cube#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
BASE = "https://data.bso.example.org/"

needs_standards = pytest.mark.skipif(not STANDARDS.is_dir(), reason=f"{STANDARDS} is absent: the official shapes "
                                                                    "are needed")


@needs_standards
def test_turtle_export_has_no_shacl_violation():
    results = shacl_results(dcat_graph(example_view()), STANDARDS)
    assert [r for r in results if r.severity == "Violation"] == []


@needs_standards
def test_only_warning_with_recommended_shapes_is_the_national_publisher():
    results = shacl_results(dcat_graph(example_view()), STANDARDS, recommended=True)
    assert [r for r in results if r.severity == "Violation"] == []
    warnings = [r for r in results if r.severity == "Warning"]
    assert warnings, "the publisher warning is expected: a national office is not in the EU corporate-body table"
    for warning in warnings:
        assert warning.path == str(DCT.publisher), warning
        assert "CorporateBodyRestriction" in warning.message


def test_every_serialization_parses_and_they_are_isomorphic():
    view = example_view()
    graphs = {name: dcat_graph(view, name) for name in FORMATS}
    reference = graphs["turtle"]
    assert len(reference) > 300
    for name, graph in graphs.items():
        assert isomorphic(reference, graph), name
    reserialized = rdflib.Graph().parse(data=reference.serialize(format="turtle"), format="turtle")
    assert isomorphic(reference, reserialized)


def test_same_input_gives_the_same_bytes():
    for name in FORMATS:
        assert dcat_text(example_view(), name) == dcat_text(example_view(), name)


def test_every_text_in_every_language():
    graph = dcat_graph(example_view())
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        for prop in (DCT.title, DCT.description):
            assert {o.language for o in graph.objects(dataset, prop)} == {"en", "fr"}, (dataset, prop)
        assert {o.language for o in graph.objects(dataset, DCAT.keyword)} == {"en", "fr"}


def test_uris_are_minted_from_the_base_uri():
    graph = dcat_graph(example_view())
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert URIRef(BASE + "dataset/DS_POP_AGE_SEX_REGION") in datasets
    assert (URIRef(BASE + "catalog"), DCAT.dataset, URIRef(BASE + "dataset/DS_POP_AGE_SEX_REGION")) in graph


def test_statdcat_properties_on_statistical_datasets():
    graph = dcat_graph(example_view())
    dataset = URIRef(BASE + "dataset/DS_POP_AGE_SEX_REGION")
    dimensions = set(graph.objects(dataset, STAT.dimension))
    assert {URIRef(BASE + f"dataset/DS_POP_AGE_SEX_REGION/variable/{v}")
            for v in ("REF_AREA", "AGE", "SEX", "TIME_PERIOD")} == dimensions
    for dimension in dimensions:
        assert (dimension, RDF.type, QB.DimensionProperty) in graph
        assert {o.language for o in graph.objects(dimension, rdflib.RDFS.label)} == {"en", "fr"}
    attributes = set(graph.objects(dataset, STAT.attribute))
    assert {str(a).rsplit("/", 1)[1] for a in attributes} == {"UNIT_MEASURE", "OBS_STATUS"}
    assert all((a, RDF.type, QB.AttributeProperty) in graph for a in attributes)
    assert graph.value(dataset, STAT.numSeries) == Literal(144, datatype=XSD.integer)
    assert list(graph.objects(dataset, STAT.statUnitMeasure))
    annotation = graph.value(dataset, DQV.hasQualityAnnotation)
    assert annotation is not None and (annotation, RDF.type, DQV.QualityAnnotation) in graph
    sdmx = [d for d in graph.objects(dataset, DCAT.distribution)
            if graph.value(d, DCT["format"]) == URIRef("http://publications.europa.eu/resource/authority/file-type/SDMX")]
    assert sdmx and graph.value(sdmx[0], DCT.conformsTo) is not None


def test_distribution_details():
    graph = dcat_graph(example_view())
    csv = URIRef(BASE + "dataset/DS_POP_AGE_SEX_REGION/distribution/CSV")
    assert graph.value(csv, DCAT.byteSize) == Literal("4055", datatype=XSD.nonNegativeInteger)
    assert graph.value(csv, DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/text/csv")
    assert graph.value(csv, DCT.license) == URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    assert graph.value(csv, DCAT.downloadURL) is not None


def test_policy_in_the_export():
    graph = dcat_graph(example_view())
    text = dcat_text(example_view())
    rdc = URIRef(BASE + "dataset/DS_HHS_RDC")
    assert (rdc, RDF.type, DCAT.Dataset) in graph
    assert graph.value(rdc, DCT.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/RESTRICTED")
    for distribution in graph.objects(rdc, DCAT.distribution):
        assert graph.value(distribution, DCAT.downloadURL) is None
    for hidden in ("DS_CENSUS_COMMUTING", "DS_POP_PROJECTIONS", "EDIT_FLAG", "Internal editing flag", "DISTRICT"):
        assert hidden not in text


def test_embargoed_dataset_appears_after_its_release_time():
    from datetime import datetime, timezone

    text = dcat_text(example_view(datetime(2099, 7, 1, tzinfo=timezone.utc)))
    assert "DS_POP_PROJECTIONS" in text and "DS_CENSUS_COMMUTING" not in text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_catalogues_have_no_shacl_violation(catalogue):
    from catalogue.conformance.validators import standards_dir
    from catalogue.policy.view import public_view

    graph = dcat_graph(public_view(catalogue, GENERATED_AS_OF))
    assert [r for r in shacl_results(graph, standards_dir()) if r.severity == "Violation"] == []
