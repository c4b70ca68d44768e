"""Issue 18, point 8: what makes `validate` faster must not change its findings. The compiled profile check
agrees with jsonschema, a codelist's report kept for the next package that embeds it is that package's report
too, and the same-graph check agrees with rdflib's isomorphism on graphs with blank nodes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from catalogue.conformance import packages, validate
from catalogue.rdf.reading import canonical_quads
from catalogue.conformance.validators import standards_dir
from catalogue.formats.datapackage import DataPackageBuilder

from .conftest import EXAMPLE
from .exports import example_view

STANDARDS = standards_dir()


@pytest.fixture(scope="module")
def descriptors() -> list[dict]:
    builder = DataPackageBuilder(example_view(), EXAMPLE)
    return [builder.package(dataset, None) for dataset in example_view().datasets.values()]


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "x", "-", "A B"]),
                           lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from(
                               ["name", "path", "type", "fields", "x"]), inner, max_size=2), max_leaves=4)


def places(document: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value of a JSON document."""
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += places(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += places(value, (*prefix, index))
    return found


def changed(document: dict, path: tuple, value: object, remove: bool) -> dict:
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if remove and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_compiled_profile_check_agrees_with_jsonschema(descriptors, data):
    document = data.draw(st.sampled_from(descriptors))
    path = data.draw(st.sampled_from(places(document)[1:]))
    edited = changed(document, path, data.draw(JSON_VALUES), data.draw(st.booleans()))
    fast, explained = packages._profile(STANDARDS)
    assert fast.is_valid(edited) == (not list(explained.iter_errors(edited))), path
    assert (packages.profile_errors(edited, STANDARDS) == []) == fast.is_valid(edited)


def test_known_faults_are_found_by_both_profile_checks(descriptors):
    document = descriptors[0]
    faults = [changed(document, ("resources",), [], False), changed(document, ("version",), 3, False),
              changed(document, ("resources", 0, "name"), 7, False), changed(document, ("resources", 0), {}, False)]
    for fault in faults:
        errors = packages.profile_errors(fault, STANDARDS)
        assert errors and all(": " in error for error in errors), fault


CODELIST = {"name": "codelist-cl_sex", "data": [["code", "label", "parent"], ["F", "Female", ""], ["F", "Again", ""],
                                                ["M", "Male", "X"]],
            "schema": {"fields": [{"name": "code", "type": "string"}, {"name": "label", "type": "string"},
                                  {"name": "parent", "type": "string"}], "primaryKey": ["code"],
                       "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "code"}}]}}


def package_file(folder: Path, name: str, resources: list[dict]) -> Path:
    path = folder / name / "datapackage.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "name": name,
                                "resources": resources}), encoding="utf-8")
    return path


def test_a_codelist_embedded_by_several_packages_is_reported_in_each(tmp_path):
    table = {"name": "table", "data": [["sex"], ["M"], ["Z"]],
             "schema": {"fields": [{"name": "sex", "type": "string"}], "foreignKeys": [
                 {"fields": "sex", "reference": {"resource": "codelist-cl_sex", "fields": "code"}}]}}
    first = package_file(tmp_path, "first", [CODELIST])
    second = package_file(tmp_path, "second", [dict(CODELIST), table])
    packages._inline_resource_report.cache_clear()
    reports = packages._package_batch(tmp_path, STANDARDS, [first, second])
    assert packages._inline_resource_report.cache_info().hits == 1  # the codelist, once per process
    assert packages._inline_resource_report.cache_info().misses == 1  # the table refers to another resource
    codelist_errors = [e for e in reports[0].errors if e.startswith("codelist-cl_sex")]
    assert "codelist-cl_sex: row 3: the same as in the row at position 2" in codelist_errors
    assert any(e.startswith("codelist-cl_sex: row 4: ") and '"X" not found' in e for e in codelist_errors)
    assert [e for e in reports[1].errors if e.startswith("codelist-cl_sex")] == codelist_errors
    assert any(e.startswith("table: row 3: ") and '"Z" not found' in e for e in reports[1].errors), reports[1].errors
    from frictionless import Package

    for path, report in zip([first, second], reports):  # frictionless on the whole package: the same findings
        whole = Package(str(path)).validate()
        assert len(report.errors) == len(whole.flatten(["note"])), (report.errors, whole.flatten(["note"]))


NODES = [rdflib.URIRef(f"https://example.org/{name}") for name in "abc"]
PREDICATES = [rdflib.URIRef(f"https://example.org/p{index}") for index in range(2)]
LITERALS = [rdflib.Literal("x"), rdflib.Literal("x", lang="fr"), rdflib.Literal(1)]


@st.composite
def graphs(draw: st.DrawFn) -> list[tuple]:
    blanks = [f"b{index}" for index in range(draw(st.integers(0, 3)))]
    subjects = st.sampled_from(NODES + blanks) if blanks else st.sampled_from(NODES)
    objects = st.sampled_from(NODES + LITERALS + blanks)
    return draw(st.lists(st.tuples(subjects, st.sampled_from(PREDICATES), objects), max_size=8))


def graph(triples: list[tuple], names: dict[str, str]) -> rdflib.Graph:
    made = rdflib.Graph()
    for triple in triples:
        made.add(tuple(rdflib.BNode(names.get(term, term)) if type(term) is str else term for term in triple))
    return made


@settings(max_examples=300, deadline=None)
@given(graphs(), graphs(), st.permutations([f"b{index}" for index in range(3)]), st.booleans(),
       st.sampled_from(["json-ld", "xml", "turtle"]))
def test_the_same_graph_check_is_rdflib_isomorphism(left, right, relabelling, same, other_format):
    """Two serializations, read by pyoxigraph with their blank nodes canonically labelled, give the same triples
    exactly when rdflib finds the graphs they hold isomorphic (as rdflib reads them back: its JSON-LD writer drops a
    blank node's triple to itself)."""
    names = {f"b{index}": f"n{label}" for index, label in enumerate(relabelling)}
    documents = [(graph(left, {}).serialize(format="turtle", encoding="utf-8"), "turtle"),
                 (graph(left if same else right, names).serialize(format=other_format, encoding="utf-8"), other_format)]
    read = [rdflib.Graph().parse(data=data, format=rdf_format) for data, rdf_format in documents]
    turtle, other = (canonical_quads(data, rdf_format) for data, rdf_format in documents)
    assert (turtle == other) == isomorphic(*read)


def test_a_site_validated_across_the_pool_gives_the_reports_of_one_process(tmp_path):
    """The pool's share of the work (chunks, packages, SDMX, DDI) comes back in the order and with the findings
    of the same work done in this process (a small site is validated without a pool)."""
    from catalogue.support.processes import process_pool

    from .test_validate_chunks import AS_OF, SiteBuilder, build_site, public_view, read_catalogue

    base = read_catalogue(EXAMPLE)
    template = base.datasets["DS_HH_SIZE_REGION"]
    copies = {f"DS_COPY_{i:02d}": template.model_copy(update={"id": f"DS_COPY_{i:02d}"}) for i in range(4)}
    site = tmp_path / "site"
    site.mkdir()
    build_site(SiteBuilder(public_view(base.model_copy(update={"datasets": {**base.datasets, **copies}}), AS_OF),
                           EXAMPLE), site)
    alone = validate._validate_site(site, STANDARDS, None)
    with process_pool() as pool:
        pooled = validate._validate_site(site, STANDARDS, pool)
    assert [(r.file, r.validator, r.errors, r.notes) for r in pooled] == \
        [(r.file, r.validator, r.errors, r.notes) for r in alone]
    assert any(r.file.startswith("ddi/") for r in alone) and any(r.file.startswith("sdmx/") for r in alone)
