"""SDMX-REST reference metadata queries (issue 34, point 3): 2.x by metadataset, metadataflow and structure, 1.x by
flow, key and provider; SDMX-JSON 2.0 (the 2.x default), SDMX-ML 3.0 and 2.1, each valid against the official
schema; the same public sets as the site's messages, a report on an embargoed dataset from its release to the
second, nothing not for publication."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from catalogue.conformance.validators import sdmx_json_errors, sdmx_metadata_xsd_errors

from .test_metadata_reports import HIDDEN, edit, with_report
from .test_reference_metadata_sdmx import AS_OF
from .test_series import stored

JSON = "application/vnd.sdmx.metadata+json;version=2.0.0"
XML_30 = "application/vnd.sdmx.metadata+xml;version=3.0.0"
XML_21 = "application/vnd.sdmx.genericmetadata+xml;version=2.1"
ALL = {"LFS_QUALITY", "LFS_SIMS_2024", "SDG_8_5_2_BELMAR"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A client of a server of the census example with the quality report (a clock the test moves), and the
    embargoed dataset that report is moved to by a test."""
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    tmp_path = tmp_path_factory.mktemp("rest")
    folder = with_report(tmp_path / "c")
    moment = [AS_OF]
    with TestClient(create_app(stored(folder, tmp_path), lambda: moment[0])) as client:
        yield client, moment


def sets(answer) -> dict[str, dict]:
    """The metadata sets of a valid answer, by id (any of the three formats)."""
    assert answer.status_code == 200, answer.text[:500]
    media_type = answer.headers["content-type"]
    if media_type == JSON:
        message = json.loads(answer.content)
        assert sdmx_json_errors(message, "metadata") == []
        return {s["id"]: s for s in message["data"]["metadataSets"]}
    version = "3.0" if media_type == XML_30 else "2.1"
    assert media_type == (XML_30 if version == "3.0" else XML_21)
    assert sdmx_metadata_xsd_errors(answer.content, version) == []
    from lxml import etree
    tree = etree.fromstring(answer.content)
    found = tree.xpath("//*[local-name()='MetadataSet']")
    return {(s.get("id") or s.get("setID")): {"xml": etree.tostring(s)} for s in found}


@pytest.mark.parametrize("path, expected", [
    ("/sdmx/v2/metadata/metadataset", ALL),
    ("/sdmx/v2/metadata/metadataset/BSO/LFS_SIMS_2024/1.0.0", {"LFS_SIMS_2024"}),
    ("/sdmx/v2/metadata/metadataset/*/LFS_QUALITY,LFS_SIMS_2024/~", {"LFS_QUALITY", "LFS_SIMS_2024"}),
    ("/sdmx/v2/metadata/metadataflow/BSO/MF_ESTAT_SIMS/2.0.0", {"LFS_SIMS_2024"}),
    ("/sdmx/v2/metadata/metadataflow/*/MF_BSO_QUALITY/+/BSO", {"LFS_QUALITY"}),
    ("/sdmx/v2/metadata/structure/dataflow/BSO/DF_LFS", ALL),
    ("/sdmx/v2/metadata/structure/*/*/*/*", ALL),
    ("/sdmx/v2/metadata/metadataflow/BSO/MF_IAEG-SDGs_SDG_MSD", {"SDG_8_5_2_BELMAR"}),
    ("/sdmx/rest/metadata", ALL),
    ("/sdmx/rest/metadata/MF_ESTAT_SIMS", {"LFS_SIMS_2024"}),
    ("/sdmx/rest/metadata/BSO,MF_BSO_QUALITY,1.0/DF_LFS/BSO", {"LFS_QUALITY"}),
    ("/sdmx/rest/metadata/all/DF_LFS+DF_OTHER/all", ALL),
    ("/sdmx/rest/metadata/all/DF_LFS_QUARTERLY", None),
])
def test_each_way_of_asking_finds_its_sets_in_every_format(served, path, expected):
    client, _ = served
    if expected is None:  # a dataflow no report is on
        assert client.get(path).status_code == 404
        return
    for accept in (None, JSON, XML_30, XML_21):
        answer = client.get(path, headers={"Accept": accept} if accept else {})
        assert set(sets(answer)) == expected, (path, accept)
        assert HIDDEN not in answer.text
    default = client.get(path).headers["content-type"]
    assert default == (JSON if path.startswith("/sdmx/v2/") else XML_21)


@pytest.mark.parametrize("path, status", [
    ("/sdmx/v2/metadata/metadataset/BSO/NOPE", 404),
    ("/sdmx/v2/metadata/metadataflow/BSO/MF_ESTAT_SIMS/1.0.0", 404),
    ("/sdmx/v2/metadata/structure/codelist", 404),
    ("/sdmx/v2/metadata/structure/notatype", 400),
    ("/sdmx/v2/metadata/somethingelse/BSO", 400),
    ("/sdmx/v2/metadata/metadataset/BSO/X/1.0.0/extra", 400),
    ("/sdmx/v2/metadata/metadataset/B%20SO", 400),
    ("/sdmx/v2/metadata/metadataset?detail=referencepartial", 400),
    ("/sdmx/v2/metadata/metadataset?asOf=2020-01-01", 501),
    ("/sdmx/rest/metadata/all/all/all?startPeriod=2020", 501),
    ("/sdmx/rest/metadata/A,B,C,D", 400),
    ("/sdmx/rest/metadata/BSO,MF_ESTAT_SIMS,x.y", 400),
    ("/sdmx/rest/metadata/all/DF_NONE", 404),
])
def test_queries_it_cannot_answer_get_the_sdmx_error_they_deserve(served, path, status):
    client, _ = served
    answer = client.get(path)
    assert answer.status_code == status, answer.text
    assert answer.headers["cache-control"] == "no-store"


def test_a_format_no_metadata_query_answers_in_is_not_acceptable(served):
    client, _ = served
    assert client.get("/sdmx/v2/metadata/metadataset",
                      headers={"Accept": "application/vnd.sdmx.structure+xml;version=3.0.0"}).status_code == 406
    assert client.get("/sdmx/v2/metadata/metadataset?format=csv").status_code == 406
    assert client.get("/sdmx/v2/metadata/metadataset",
                      headers={"Accept": "application/xml"}).headers["content-type"] == XML_30
    assert client.get("/sdmx/rest/metadata", headers={"Accept": "application/json"}).headers["content-type"] == JSON


def test_stubs_name_the_sets_and_carry_no_value(served):
    client, _ = served
    for accept in (JSON, XML_30, XML_21):
        answer = client.get("/sdmx/v2/metadata/metadataset?detail=allstubs", headers={"Accept": accept})
        found = sets(answer)
        assert set(found) == ALL
        assert "Sampling error" not in answer.text and "78.4" not in answer.text
    stub = sets(client.get("/sdmx/v2/metadata/metadataset/BSO/LFS_QUALITY?detail=allstubs"))["LFS_QUALITY"]
    assert stub["attributes"] and all("value" not in a and "attributes" not in a for a in stub["attributes"])


def test_json_texts_follow_accept_language_and_values_keep_their_types(served):
    client, _ = served
    found = sets(client.get("/sdmx/v2/metadata/metadataset/BSO/LFS_QUALITY", headers={"Accept-Language": "fr"}))
    quality = found["LFS_QUALITY"]
    assert quality["name"].startswith("Rapport qualité")
    accuracy = next(a for a in quality["attributes"] if a["id"] == "ACCURACY")
    assert set(accuracy["value"]) == {"fr"} and accuracy["format"] == {"dataType": "XHTML"}
    assert accuracy["value"]["fr"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    assert accuracy["attributes"] == [{"id": "RESPONSE_RATE", "format": {"dataType": "Decimal"}, "value": "78.4"}]


def test_a_report_on_an_embargoed_dataset_is_found_from_its_release_to_the_second(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.records.loader import read_catalogue
    from catalogue.server import create_app

    folder = with_report(tmp_path / "c")
    embargoed = next(d for d in read_catalogue(folder).datasets.values() if d.status == "published"
                     and d.release_time and d.release_time > AS_OF)
    edit(folder, lambda data: data.update(target={"kind": "dataset", "id": embargoed.id}))
    moment = [embargoed.release_time - timedelta(seconds=1)]
    queries = ["/sdmx/v2/metadata/metadataset", "/sdmx/v2/metadata/metadataset/BSO/LFS_QUALITY",
               "/sdmx/v2/metadata/metadataflow/BSO/MF_BSO_QUALITY", "/sdmx/v2/metadata/structure/dataflow",
               "/sdmx/rest/metadata", "/sdmx/rest/metadata/MF_BSO_QUALITY"]
    with TestClient(create_app(stored(folder, tmp_path), lambda: moment[0])) as client:
        before = {path: client.get(path) for path in queries}
        assert all("LFS_QUALITY" not in answer.text for answer in before.values())
        assert before["/sdmx/v2/metadata/metadataset/BSO/LFS_QUALITY"].status_code == 404
        assert before["/sdmx/rest/metadata/MF_BSO_QUALITY"].status_code == 404
        moment[0] = embargoed.release_time
        for path in queries:
            answer = client.get(path)
            assert "LFS_QUALITY" in sets(answer), path
            assert HIDDEN not in answer.text and "Interviewer notes" not in answer.text


def test_a_type_refused_with_q_0_is_not_answered_and_languages_are_said_once(served):
    """Review: ``X;q=0, */*`` got X; ``fr,fr,fr`` echoed fr three times."""
    client, _ = served
    answer = client.get("/sdmx/rest/metadata", headers={"Accept": f"{XML_21};q=0, */*"})
    assert answer.status_code == 200 and answer.headers["content-type"] == XML_30  # the next offered
    assert client.get("/sdmx/rest/metadata", headers={"Accept": f"{XML_21};q=0"}).status_code == 406
    message = json.loads(client.get("/sdmx/v2/metadata/metadataset", headers={"Accept-Language": "fr,fr,fr"}).content)
    assert message["meta"]["contentLanguages"] == ["fr"]


def test_a_report_with_no_public_value_is_found_in_sdmx_ml_3_0_only(tmp_path):
    """Review: SDMX-JSON and SDMX-ML 2.1 answered 200 with no set for a report whose every value is not for
    publication (they carry no set without an attribute); 3.0 gives its stub."""
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = with_report(tmp_path / "c")
    edit(folder, lambda data: [value.update(confidential=True) for value in data["values"]])
    with TestClient(create_app(stored(folder, tmp_path), lambda: AS_OF)) as client:
        path = "/sdmx/v2/metadata/metadataset/BSO/LFS_QUALITY"
        assert client.get(path, headers={"Accept": JSON}).status_code == 404
        assert client.get(path, headers={"Accept": XML_21}).status_code == 404
        assert set(sets(client.get(path, headers={"Accept": XML_30}))) == {"LFS_QUALITY"}
        assert HIDDEN not in client.get(path, headers={"Accept": XML_30}).text
