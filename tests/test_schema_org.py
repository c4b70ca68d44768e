"""schema.org JSON-LD for search engines: valid JSON-LD, Google's required and recommended fields."""

from __future__ import annotations

import json

import rdflib

from catalogue.formats.schema_org import SchemaOrgBuilder, schema_org_catalogue

from .exports import example_view

SDO = rdflib.Namespace("https://schema.org/")


def offline(document):
    """The document with the schema.org context inlined, so that it parses without the network."""
    text = json.dumps(document).replace('"@context": "https://schema.org/"', '"@context": {"@vocab": "https://schema.org/"}')
    return rdflib.Graph().parse(data=text, format="json-ld")


def test_catalogue_is_valid_json_ld_with_every_public_dataset():
    view = example_view()
    graph = offline(schema_org_catalogue(view))
    datasets = set(graph.subjects(rdflib.RDF.type, SDO.Dataset))
    assert len(datasets) == len(view.datasets) + len(view.series) == 11  # a release's series is a Dataset too
    for dataset in datasets:
        assert {o.language for o in graph.objects(dataset, SDO.name)} == {"en", "fr"}
        assert {o.language for o in graph.objects(dataset, SDO.description)} == {"en", "fr"}


def test_dataset_follows_google_guidelines():
    view = example_view()
    record = SchemaOrgBuilder(view).dataset(view.datasets["DS_POP_AGE_SEX_REGION"])
    assert record["@context"] == "https://schema.org/"
    for key in ("name", "description", "url", "identifier", "keywords", "license", "creator", "temporalCoverage",
                "spatialCoverage", "distribution", "variableMeasured", "isAccessibleForFree",
                "includedInDataCatalog", "inLanguage"):
        assert key in record, key
    assert record["temporalCoverage"] == "2021-01-01/2021-12-31"
    assert record["distribution"][0] == {
        "@type": "DataDownload", "contentUrl": "https://data.bso.example.org/files/pop_age_sex_region_2021.csv",
        "encodingFormat": "text/csv", "name": record["distribution"][0]["name"], "contentSize": "4055"}
    names = [v["propertyID"] for v in record["variableMeasured"]]
    assert names == ["REF_AREA", "AGE", "SEX", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"]
    observed = next(v for v in record["variableMeasured"] if v["propertyID"] == "OBS_VALUE")
    assert observed["unitText"] == "persons"
    assert offline(record)


def test_restricted_dataset_is_not_free_and_has_no_download():
    view = example_view()
    record = SchemaOrgBuilder(view).dataset(view.datasets["DS_HHS_RDC"])
    assert record["isAccessibleForFree"] is False
    assert "distribution" not in record
    assert record["conditionsOfAccess"]
