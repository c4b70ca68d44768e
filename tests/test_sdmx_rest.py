"""Issue 13: SDMX-REST on the live server — sdmx1 (2.1 and 3.0) and pysdmx's registry client read every public
structure of the example from a running server; a matrix of queries validates against the official XSDs and
JSON Schema and returns exactly the artefacts the query selects (an oracle computed from the site's full
structure message); SDMX errors; caching headers; nothing hidden."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest
import sdmx
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from lxml import etree

from catalogue.conformance.validators import safe_xml_parser, sdmx_json_errors, sdmx_xsd_errors
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store

from .conftest import EXAMPLE, REPO, by_id, served
from .test_sdmx import LFS_FLOWS
from .strategies import AS_OF, SECRET, catalogues
from .test_serve import BUILT_AT, Clock

XML_21 = "application/vnd.sdmx.structure+xml;version=2.1"
XML_30 = "application/vnd.sdmx.structure+xml;version=3.0.0"
JSON_20 = "application/vnd.sdmx.structure+json;version=2.0.0"
TYPES = ("codelist", "conceptscheme", "datastructure", "dataflow", "categoryscheme", "categorisation",
         "agencyscheme")
REFERENCES = ("none", "parents", "parentsandsiblings", "children", "descendants", "all", "codelist",
              "datastructure", "categorisation")
DETAILS = ("full", "allstubs", "referencestubs", "referencepartial", "allcompletestubs", "referencecompletestubs")
CLASS_TYPES = {"Codelist": "codelist", "Code": "codelist", "ConceptScheme": "conceptscheme",
               "Concept": "conceptscheme", "DataStructure": "datastructure", "Dataflow": "dataflow",
               "CategoryScheme": "categoryscheme", "Category": "categoryscheme", "Categorisation": "categorisation",
               "AgencyScheme": "agencyscheme", "Agency": "agencyscheme", "MetadataStructure": "metadatastructure",
               "Metadataflow": "metadataflow"}
JSON_CONTAINERS = {"codelists": "codelist", "conceptSchemes": "conceptscheme", "dataStructures": "datastructure",
                   "dataflows": "dataflow", "categorySchemes": "categoryscheme",
                   "categorisations": "categorisation", "agencySchemes": "agencyscheme",
                   "metadataStructures": "metadatastructure", "metadataflows": "metadataflow"}

Key = tuple[str, str, str, tuple[int, ...]]


def version_key(version: str) -> tuple[int, ...]:
    return tuple((list(map(int, version.split("."))) + [0, 0, 0])[:3])


# -- the server ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('rest') / 'c.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "sdmx-rest")
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, Clock(BUILT_AT))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live(store) -> Iterator[str]:
    """The app on a real socket (uvicorn), as sdmx1 and pysdmx reach a registry."""
    with served(create_app(store)) as address:
        yield address


@pytest.fixture(scope="module")
def view():
    return public_view(read_catalogue(EXAMPLE), BUILT_AT)


# -- real clients ------------------------------------------------------------------------------------
def _sdmx1_client(live: str, version: str) -> sdmx.Client:
    source_id = f"NSO_TEST_{version.replace('.', '_')}"
    path = "/sdmx/rest" if version == "2.1" else "/sdmx/v2"
    sdmx.add_source({"id": source_id, "url": live + path, "name": "catalogue serve", "versions": [version]},
                    override=True)
    return sdmx.Client(source_id)


@pytest.mark.parametrize("version", ["2.1", "3.0.0"])
def test_sdmx1_reads_every_public_structure(live, view, version):
    """sdmx1 through its own URL builder: every dataflow with references=all, then every codelist, concept
    scheme and DSD; every language of every name, and every code parent the format can carry."""
    client = _sdmx1_client(live, version)
    message = client.dataflow(agency_id="BSO", references="all")
    expected_content_type = XML_21 if version == "2.1" else XML_30
    assert message.response.headers["content-type"] == expected_content_type
    flows = {flow_id for flow_id in message.dataflow if flow_id != "(missing id)"}
    # sdmx1 2.28 reads 3.0's dataset-level <str:AttributeRelationship><str:Dataflow/> as one more dataflow,
    # without id (its reader's "forward reference" to a Dataflow); the XSD-valid message has none such
    assert flows == {"DF_POP_AGE_SEX_REGION", "DF_HH_SIZE_REGION", "DF_LFS_QUARTERLY", *LFS_FLOWS}
    assert set(message.structure) == {"DSD_POP_AGE_SEX_REGION", "DSD_HH_SIZE_REGION", "DSD_LFS_QUARTERLY", "DSD_LFS"}
    dsd = message.structure["DSD_POP_AGE_SEX_REGION"]
    assert [d.id for d in dsd.dimensions] == ["REF_AREA", "AGE", "SEX", "TIME_PERIOD"]
    assert [a.id for a in dsd.attributes] == ["UNIT_MEASURE", "OBS_STATUS"]
    if version == "2.1":
        # in 3.0, the phantom dataflow above takes the names of the DSD it is read in (sdmx1 2.28), and a
        # 3.0 message of DSDs alone fails to parse ("Cannot construct URN for <Dataflow (missing id)>")
        assert dsd.name.localizations == view.datasets["DS_POP_AGE_SEX_REGION"].title
        assert set(client.datastructure(agency_id="all").structure) == set(message.structure)
    codelists = client.get("codelist", agency_id="all" if version == "2.1" else "*").codelist
    assert set(codelists) == set(by_id(view.codelists))
    for codelist_id, record in by_id(view.codelists).items():
        read_codelist = codelists[codelist_id]
        assert read_codelist.name.localizations == record.name
        for code in record.codes:
            assert read_codelist[code.id].name.localizations == code.name
            parent = read_codelist[code.id].parent
            read_parent = parent.id if parent is not None and parent is not read_codelist else None
            carried = version == "2.1" or code.parent is None or code.parent[0].isalpha()
            # 3.0.0's Parent is an NCName: '_T' travels as a PARENT annotation, which sdmx1 does not read
            assert read_parent == (code.parent if carried else None), (codelist_id, code.id)
    schemes = client.get("conceptscheme", agency_id="BSO").concept_scheme
    concepts = {c.id: c for c in schemes["CS_BSO"]}
    for record in by_id(view.concept_schemes)["CS_BSO"].concepts:
        assert concepts[record.id].name.localizations == record.name


def test_pysdmx_registry_client_reads_codelists_concepts_flows_and_schemas(live, view):
    from pysdmx.api.fmr import RegistryClient

    client = RegistryClient(live + "/sdmx/v2")
    default = view.info.default_language
    for codelist_id, record in by_id(view.codelists).items():
        codelist = client.get_codes(record.agency, codelist_id)
        assert codelist.name == record.name[default]
        assert [c.id for c in codelist.codes] == [c.id for c in record.codes]
        assert [c.name for c in codelist.codes] == [c.name[default] for c in record.codes]
    scheme = client.get_concepts("BSO", "CS_BSO")
    assert [c.id for c in scheme.concepts] == [c.id for c in by_id(view.concept_schemes)["CS_BSO"].concepts]
    flows = client.get_dataflows()
    assert {f.id for f in flows} == {"DF_POP_AGE_SEX_REGION", "DF_HH_SIZE_REGION", "DF_LFS_QUARTERLY", *LFS_FLOWS}
    details = client.get_dataflow_details("BSO", "DF_POP_AGE_SEX_REGION")
    assert [c.id for c in details.components] == ["REF_AREA", "AGE", "SEX", "TIME_PERIOD", "OBS_VALUE",
                                                  "UNIT_MEASURE", "OBS_STATUS"]
    schema = client.get_schema("dataflow", "BSO", "DF_POP_AGE_SEX_REGION", "1.1")
    coded = {c.id: c.enumeration.id for c in schema.components if c.enumeration is not None}
    assert coded == {"REF_AREA": "CL_AREA", "AGE": "CL_AGE", "SEX": "CL_SEX", "UNIT_MEASURE": "CL_UNIT_MEASURE",
                     "OBS_STATUS": "CL_OBS_STATUS"}
    assert [c.id for c in schema.components["AGE"].enumeration.codes] == \
        [c.id for c in by_id(view.codelists)["CL_AGE"].codes]


# -- the oracle: artefacts and references read from the site's full structure message -------------------
class Oracle:
    """The maintainable artefacts of the full SDMX-ML 2.1 message and the references between them, read
    from its ``Ref`` elements (not from the server's own reference graph)."""

    def __init__(self, *bodies: bytes) -> None:
        self.children: dict[Key, set[Key]] = {}
        self.items: dict[Key, list[str]] = {}
        for element in (e for body in bodies for e in etree.fromstring(body, safe_xml_parser()).iter()):
            tag = etree.QName(element).localname
            if element.get("agencyID") is None or tag not in CLASS_TYPES or tag == "Agency":
                continue
            key = (CLASS_TYPES[tag], element.get("agencyID"), element.get("id"), version_key(element.get("version")))
            targets = set()
            for ref in element.iter("Ref"):
                if ref.get("agencyID") is None:
                    continue  # a local reference (a code's parent, a dimension)
                parent_id = ref.get("maintainableParentID")
                version = ref.get("maintainableParentVersion") if parent_id else ref.get("version")
                targets.add((CLASS_TYPES[ref.get("class")], ref.get("agencyID"), parent_id or ref.get("id"),
                             version_key(version)))
            self.children[key] = targets
            self.items[key] = [child.get("id") for child in element if child.get("id") is not None]
        self.parents: dict[Key, set[Key]] = {key: set() for key in self.children}
        for key, targets in self.children.items():
            for target in targets:
                self.parents[target].add(key)

    def _walk(self, start: set[Key], edges: dict[Key, set[Key]]) -> set[Key]:
        seen: set[Key] = set()
        todo = list(start)
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def expected(self, matched: set[Key], references: str) -> set[Key]:
        parents = set().union(*(self.parents[k] for k in matched)) if matched else set()
        siblings = parents | set().union(*(self.children[p] for p in parents)) if parents else parents
        children = set().union(*(self.children[k] for k in matched)) if matched else set()
        found = {"none": set(), "parents": parents, "parentsandsiblings": siblings, "children": children,
                 "descendants": self._walk(matched, self.children), "ancestors": self._walk(matched, self.parents),
                 "all": siblings | self._walk(matched, self.children)}.get(references)
        if found is None:  # a structure type: of that type, used by or using the matched ones
            linked = self._walk(matched, self.children) | self._walk(matched, self.parents)
            found = {k for k in linked if k[0] == references}
        return matched | found


@pytest.fixture(scope="module")
def oracle(client) -> Oracle:
    return Oracle(client.get("/sdmx/structure-2.1.xml").content, client.get("/sdmx/report-structures-2.1.xml").content)


def returned(body: bytes, media_type: str) -> dict[Key, dict]:
    """The artefacts of an answer, with how each is written (stub, partial, its items)."""
    found: dict[Key, dict] = {}
    if media_type == JSON_20:
        for container, artefacts in json.loads(body)["data"].items():
            for artefact in artefacts:
                items = next((artefact[k] for k in ("codes", "concepts", "categories", "agencies") if k in artefact),
                             [])
                key = (JSON_CONTAINERS[container], artefact["agencyID"], artefact["id"],
                       version_key(artefact["version"]))
                found[key] = {"stub": any(link["rel"] == "external" for link in artefact["links"]),
                              "partial": artefact.get("isPartial", False), "items": [i["id"] for i in items],
                              "description": "description" in artefact}
        return found
    root = etree.fromstring(body, safe_xml_parser())
    structures = next(e for e in root if etree.QName(e).localname == "Structures")
    for container in structures:
        for artefact in container:
            tag = etree.QName(artefact).localname
            key = (CLASS_TYPES[tag], artefact.get("agencyID"), artefact.get("id"),
                   version_key(artefact.get("version", "1.0")))
            found[key] = {"stub": artefact.get("structureURL") is not None,
                          "partial": artefact.get("isPartial") == "true",
                          "items": [c.get("id") for c in artefact if c.get("id") is not None],
                          "description": any(etree.QName(c).localname == "Description" for c in artefact)}
    return found


_validated: dict[str, list[str]] = {}


def conformance_errors(body: bytes, media_type: str) -> list[str]:
    digest = hashlib.sha256(body).hexdigest()
    if digest not in _validated:
        if media_type == JSON_20:
            _validated[digest] = sdmx_json_errors(json.loads(body))
        else:
            _validated[digest] = sdmx_xsd_errors(body, "2.1" if media_type == XML_21 else "3.0")
    return _validated[digest]


ROUTES = {"v1-latest-2.1": ("/sdmx/rest/{type}/all/all/latest", XML_21),
          "v1-all-json": ("/sdmx/rest/{type}/all/all/all", JSON_20),
          "v2-latest-3.0": ("/sdmx/v2/structure/{type}/*/*/~", XML_30),
          "v2-stable-json": ("/sdmx/v2/structure/{type}/*/*/+", JSON_20),
          "v2-all-2.1": ("/sdmx/v2/structure/{type}/*/*/*", XML_21)}


@pytest.mark.parametrize("route,media_type", ROUTES.values(), ids=ROUTES.keys())
def test_every_query_of_the_matrix_is_valid_and_exact(client, oracle, route, media_type):
    """Each structure type × references × detail: valid against the official schema, the artefacts those
    the spec's definitions select (no more, no fewer), stubs and partial item schemes where detail says."""
    for structure_type in TYPES:
        matched = {k for k in oracle.children if k[0] == structure_type}
        for references in REFERENCES + (("ancestors",) if "/v2/" in route else ()):
            expected = oracle.expected(matched, references)
            for detail in DETAILS:
                url = route.format(type=structure_type) + f"?references={references}&detail={detail}"
                response = client.get(url, headers={"Accept": media_type})
                assert response.status_code == 200, (url, response.text[:300])
                assert response.headers["content-type"] == media_type
                assert conformance_errors(response.content, media_type) == [], url
                found = returned(response.content, media_type)
                assert set(found) == expected, url
                for key, written in found.items():
                    stub = detail in ("allstubs", "allcompletestubs") or \
                        (detail in ("referencestubs", "referencecompletestubs") and key not in matched)
                    assert written["stub"] == stub, (url, key)
                    if stub:
                        assert written["items"] == [] and (written["description"] <= ("complete" in detail))
                    partial = detail == "referencepartial" and key not in matched and \
                        key[0] in ("conceptscheme", "categoryscheme")
                    if not stub:
                        assert written["partial"] == partial, (url, key)
                        if partial:
                            assert set(written["items"]) <= set(oracle.items[key])
                        else:
                            assert written["items"] == oracle.items[key], (url, key)


def test_referencepartial_keeps_only_the_concepts_a_structure_uses(client):
    response = client.get("/sdmx/v2/structure/datastructure/BSO/DSD_HH_SIZE_REGION/~?references=children"
                          "&detail=referencepartial", headers={"Accept": JSON_20})
    scheme = response.json()["data"]["conceptSchemes"][0]
    dsd = response.json()["data"]["dataStructures"][0]["dataStructureComponents"]
    used = {c["conceptIdentity"].rsplit(".", 1)[1] for part in ("dimensionList", "attributeList", "measureList")
            for key in ("dimensions", "attributes", "measures") for c in dsd.get(part, {}).get(key, [])}
    used.add(dsd["dimensionList"]["timeDimension"]["conceptIdentity"].rsplit(".", 1)[1])
    assert scheme["isPartial"] is True and {c["id"] for c in scheme["concepts"]} == used


@pytest.mark.parametrize("path,found", [
    ("/sdmx/rest/codelist/BSO/CL_AGE/1.1", {"CL_AGE"}),
    ("/sdmx/rest/codelist/BSO/CL_AGE/all", {"CL_AGE"}),
    ("/sdmx/rest/codelist/BSO/CL_AGE+CL_SEX", {"CL_AGE", "CL_SEX"}),
    ("/sdmx/rest/codelist/BSO/CL_AGE,CL_SEX/latest", {"CL_AGE", "CL_SEX"}),
    ("/sdmx/rest/codelist/all/CL_FREQ/latest", {"CL_FREQ"}),
    ("/sdmx/rest/codelist", None),
    ("/sdmx/v2/structure/codelist/BSO/CL_AGE/1.1.0", {"CL_AGE"}),
    ("/sdmx/v2/structure/codelist/BSO/CL_AGE/1.1", {"CL_AGE"}),
    ("/sdmx/v2/structure/codelist/BSO/CL_AGE/1+.0.0", {"CL_AGE"}),
    ("/sdmx/v2/structure/codelist/BSO/CL_AGE/1.*.*", {"CL_AGE"}),
    ("/sdmx/v2/structure/codelist/BSO,SDMX/*/*", None),
    ("/sdmx/v2/structure/codelist/*/CL_AGE,CL_FREQ/+", {"CL_AGE", "CL_FREQ"}),
    ("/sdmx/v2/structure/codelist", None),
])
def test_version_keywords_lists_and_defaults(client, view, path, found):
    response = client.get(path)
    assert response.status_code == 200, response.text
    media_type = XML_21 if path.startswith("/sdmx/rest") else XML_30
    ids = {key[2] for key in returned(response.content, media_type)}
    assert ids == (found or set(by_id(view.codelists)))


@pytest.mark.parametrize("path", ["/sdmx/rest/codelist/BSO/CL_AGE/1.0", "/sdmx/v2/structure/codelist/BSO/CL_AGE/2.0.0",
                                  "/sdmx/v2/structure/codelist/BSO/CL_AGE/2+.0.0"])
def test_a_version_that_does_not_exist_finds_nothing(client, path):
    assert client.get(path).status_code == 404


def test_item_queries_return_a_partial_scheme(client):
    response = client.get("/sdmx/rest/codelist/BSO/CL_AGE/1.1/Y_LT15+Y0T4")
    codelist = returned(response.content, XML_21)[("codelist", "BSO", "CL_AGE", (1, 1, 0))]
    assert codelist["partial"] and codelist["items"] == ["Y_LT15", "Y0T4"]
    assert conformance_errors(response.content, XML_21) == []
    response = client.get("/sdmx/v2/structure/conceptscheme/BSO/CS_BSO/~/FREQ,SEX", headers={"Accept": JSON_20})
    assert [c["id"] for c in response.json()["data"]["conceptSchemes"][0]["concepts"]] == ["FREQ", "SEX"]
    response = client.get("/sdmx/v2/structure/*/*/*/*/POPULATION", headers={"Accept": JSON_20})
    assert list(response.json()["data"]) == ["categorySchemes"]
    assert client.get("/sdmx/rest/codelist/BSO/CL_AGE/1.1/NO_SUCH_CODE").status_code == 404


def test_the_hierarchy_travels_in_json_too(client, view):
    response = client.get("/sdmx/v2/structure/codelist/BSO/CL_AGE", headers={"Accept": JSON_20})
    codes = response.json()["data"]["codelists"][0]["codes"]
    assert {c["id"]: c.get("parent") for c in codes} == {c.id: c.parent for c in by_id(view.codelists)["CL_AGE"].codes}


@pytest.mark.parametrize("accept,expected", [
    (None, XML_21), ("*/*", XML_21), ("application/xml", XML_21), ("application/json", JSON_20),
    ("application/vnd.sdmx.structure+xml;version=3.0.0", XML_30),
    ("application/vnd.sdmx.structure+xml; version=3.0", XML_30),
    ("application/vnd.sdmx.structure+xml", XML_21),
    (f"{XML_30};q=0.5, {JSON_20};q=0.9", JSON_20),
    (f"{XML_30};q=0.9, {JSON_20};q=0.5", XML_30),
    ("text/html, application/xhtml+xml, */*;q=0.8", XML_21),
])
def test_content_negotiation(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sdmx/rest/codelist/BSO/CL_SEX", headers=headers)
    assert response.status_code == 200 and response.headers["content-type"] == expected
    assert "Accept" in response.headers["vary"]


def test_the_format_parameter_and_a_406(client):
    assert client.get("/sdmx/rest/codelist/BSO/CL_SEX?format=sdmx-json").headers["content-type"] == JSON_20
    assert client.get("/sdmx/v2/structure/codelist/BSO/CL_SEX?format=sdmx-2.1").headers["content-type"] == XML_21
    assert client.get("/sdmx/v2/structure/codelist/BSO/CL_SEX").headers["content-type"] == XML_30
    refused = client.get("/sdmx/rest/codelist/BSO/CL_SEX", headers={"Accept": "text/csv"})
    assert refused.status_code == 406 and b'code="406"' in refused.content


def test_accept_language_picks_the_names_of_sdmx_json(client):
    everything = client.get("/sdmx/v2/structure/codelist/BSO/CL_SEX", headers={"Accept": JSON_20}).json()
    codelist = everything["data"]["codelists"][0]
    assert codelist["names"] == {"en": "Sex", "fr": "Sexe"} and codelist["name"] == "Sex"
    assert everything["meta"]["contentLanguages"] == ["en", "fr"]
    french = client.get("/sdmx/v2/structure/codelist/BSO/CL_SEX",
                        headers={"Accept": JSON_20, "Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"}).json()
    codelist = french["data"]["codelists"][0]
    assert codelist["name"] == "Sexe" and codelist["names"] == {"fr": "Sexe", "en": "Sex"}
    assert french["meta"]["contentLanguages"] == ["fr", "en"]
    only = client.get("/sdmx/v2/structure/codelist/BSO/CL_SEX",
                      headers={"Accept": JSON_20, "Accept-Language": "fr"}).json()["data"]["codelists"][0]
    assert only["name"] == "Sexe" and only["names"] == {"fr": "Sexe"}
    assert sdmx_json_errors(french) == []


def _error_code(response) -> int:
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["errors"][0]["code"]
    version = "3.0" if b"v3_0" in response.content else "2.1"
    assert sdmx_xsd_errors(response.content, version) == []
    return int(etree.fromstring(response.content, safe_xml_parser())[0].get("code"))


@pytest.mark.parametrize("path,status,code", [
    ("/sdmx/rest/codelist/BSO/NO_SUCH_LIST", 404, 100),
    ("/sdmx/rest/hierarchicalcodelist/all/all/latest", 404, 100),
    ("/sdmx/rest/notatype/BSO", 400, 140),
    ("/sdmx/rest/codelist/B!SO", 400, 140),
    ("/sdmx/rest/codelist/BSO/CL_AGE/v1", 400, 140),
    ("/sdmx/rest/codelist/BSO/CL_AGE?references=cousins", 400, 140),
    ("/sdmx/rest/codelist/BSO/CL_AGE?detail=everything", 400, 140),
    ("/sdmx/rest/dataflow/BSO/DF_X/latest/ITEM", 400, 140),
    ("/sdmx/rest/codelist/BSO/CL_AGE?startPeriod=2020", 501, 501),
    ("/sdmx/rest/data/DF_POP_AGE_SEX_REGION/all", 501, 501),
    ("/sdmx/v2/data/dataflow/BSO/DF_POP_AGE_SEX_REGION/*/*", 501, 501),
    ("/sdmx/v2/structure/codelist/BSO/CL_AGE/1.x", 400, 140),
    ("/sdmx/v2/structure/codelist/BSO/NO_SUCH_LIST", 404, 100),
    ("/sdmx/v2/structure/codelist/BSO/NO_SUCH_LIST?format=sdmx-json", 404, 100),
    ("/sdmx/v2/schema/dataflow/BSO/NO_SUCH_FLOW/1.0", 404, 100),
    ("/sdmx/v2/schema/codelist/BSO/CL_AGE/1.0", 400, 140),
    ("/sdmx/v2/nothing/here", 400, 140),
])
def test_errors_are_sdmx_error_messages(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status and _error_code(response) == code, response.text


def test_etag_last_modified_and_304(client):
    first = client.get("/sdmx/rest/dataflow/all/all/latest?references=all")
    assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
    assert client.get("/sdmx/rest/dataflow/all/all/latest?references=all",
                      headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert client.get("/sdmx/rest/dataflow/all/all/latest?references=all",
                      headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
    again = client.get("/sdmx/rest/dataflow/all/all/latest?references=all")
    assert again.content == first.content  # the same bytes: the message id and time are the store's


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_hidden_artefacts_answer_exactly_like_unknown_ones(tmp_path_factory, catalogue):
    """Codelists used only by drafts, embargoed datasets or confidential variables, and the dataflows of
    hidden datasets: the same 404 as an id that never existed, in every API and format; no answer holds
    anything hidden."""
    root = tmp_path_factory.mktemp("rest-leak")
    store = open_store(f"sqlite:///{root / 'c.db'}")
    store.load(catalogue, root, "ana", "leak test")
    public = public_view(catalogue, AS_OF)
    agency = catalogue.info.publisher
    with TestClient(create_app(store, Clock(AS_OF))) as client:
        for prefix, accept in (("/sdmx/rest", XML_21), ("/sdmx/v2/structure", XML_30), ("/sdmx/v2/structure", JSON_20)):
            unknown = client.get(f"{prefix}/codelist/{agency}/NO_SUCH_ID", headers={"Accept": accept})
            for codelist_id in by_id(catalogue.codelists):
                response = client.get(f"{prefix}/codelist/{agency}/{codelist_id}", headers={"Accept": accept})
                if codelist_id in by_id(public.codelists):
                    assert response.status_code == 200
                else:
                    assert response.content == unknown.content and response.status_code == 404
                    assert dict(response.headers) == dict(unknown.headers)
            for dataset_id in catalogue.datasets:
                flow = f"DF_{dataset_id.removeprefix('DS_')}"
                response = client.get(f"{prefix}/dataflow/{agency}/{flow}", headers={"Accept": accept})
                if SECRET in dataset_id:
                    assert response.content == unknown.content
            everything = "all/all/all" if prefix == "/sdmx/rest" else "*/*/*"
            response = client.get(f"{prefix}/structure/{everything}?references=all", headers={"Accept": accept})
            assert response.status_code == 200 and SECRET not in response.text
            assert conformance_errors(response.content, accept) == []
    store.engine.dispose()


SAMPLES = REPO.parent / "shared" / "samples" / "sdmx"
ANNOTATION_ELEMENTS = {"Annotations", "Annotation", "AnnotationTitle", "AnnotationType", "AnnotationURL",
                       "AnnotationText"}
AGENCY_ANSWERS = ("ECB_EXR_1_structure-full.xml", "INSEE_IPI-2010-A21-structure.xml")
"""Real registries' answers to ``dataflow/{agency}/{id}/latest?references=all`` (SDMX-ML 2.1)."""


def _shape(body: bytes) -> tuple[dict[str, set[str]], set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """Per container, the element names used in it; the maintainables present; and those referenced."""
    root = etree.fromstring(body, safe_xml_parser())
    structures = next(e for e in root if etree.QName(e).localname == "Structures")
    vocabulary: dict[str, set[str]] = {}
    present, referenced = set(), set()
    for container in structures:
        names = vocabulary.setdefault(etree.QName(container).localname, set())
        for artefact in container:
            names.update(etree.QName(e).localname for e in artefact.iter() if isinstance(e.tag, str))
            present.add((etree.QName(artefact).localname, artefact.get("agencyID"), artefact.get("id")))
            for ref in artefact.iter("Ref"):
                if ref.get("agencyID") and ref.get("class") in CLASS_TYPES:
                    parent = ref.get("maintainableParentID")
                    cls = {"Code": "Codelist", "Concept": "ConceptScheme", "Category": "CategoryScheme"}.get(
                        ref.get("class"), ref.get("class"))
                    referenced.add((cls, ref.get("agencyID"), parent or ref.get("id")))
    return vocabulary, present, referenced


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside this checkout")
def test_a_dataflow_with_its_references_has_the_shape_of_real_registries_answers(client):
    """Until the importer can load the agencies' files, compare shapes: the same containers as INSEE's answer
    (ECB's adds a content constraint and its agency scheme, and leaves out the category scheme its
    categorisations point to), DSD elements from the vocabulary the agencies use, and every reference
    resolved inside the message — which the agencies' own answers do not quite achieve."""
    ours, present, referenced = _shape(client.get(
        "/sdmx/rest/dataflow/BSO/DF_POP_AGE_SEX_REGION/latest?references=all").content)
    ecb, insee = [_shape((SAMPLES / name).read_bytes()) for name in AGENCY_ANSWERS]
    assert set(ours) == set(insee[0])
    assert set(ours) - set(ecb[0]) == {"CategorySchemes"}
    for container, names in ours.items():
        used = ecb[0].get(container, set()) | insee[0].get(container, set())
        # what these samples happen not to use: descriptions, "dataset level" (<str:None/> in 2.1), the
        # annotations that carry licence and terms of use, and code hierarchies (<str:Parent><Ref/>)
        assert names - used <= {"Description", "None", "Parent", "Ref", *ANNOTATION_ELEMENTS}, container
    assert referenced <= present
    assert {kind for kind, _, _ in ecb[2] - ecb[1]} == {"CategoryScheme"}
    assert {kind for kind, _, _ in insee[2] - insee[1]} == {"Codelist"}


def test_a_large_answer_is_streamed_from_a_spool_with_the_same_bytes_and_etag(store, client):
    """Answers too large to keep are written to a spool (memory flat in their size) and streamed: the same
    bytes, an ETag that is their hash, and 304 on a repeat."""
    path = "/sdmx/rest/structure/all/all/all?references=all"
    kept = client.get(path)
    with TestClient(create_app(store, Clock(BUILT_AT), cache_bytes=4096)) as small:
        streamed = small.get(path)
        assert len(streamed.content) > 1024 and streamed.content == kept.content
        assert streamed.headers["etag"] == kept.headers["etag"] == \
            '"' + hashlib.sha256(kept.content).hexdigest()[:32] + '"'
        assert small.get(path, headers={"If-None-Match": streamed.headers["etag"]}).status_code == 304
        assert small.head(path).status_code == 200
