"""Metadata reports as records (issue 34, point 2): checked against their structure with located errors, published
only when they and their target are public, never with a value marked not for publication, their XHTML sanitized;
a page per report in every language, linked from its target's page, the same from the build and the live server."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from catalogue.model import MetadataReport, ReportedAttribute, ReportTarget
from catalogue.policy.view import public_view
from catalogue.publish.site import SiteBuilder
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.support.xhtml import removed, sanitized

from .conftest import EXAMPLE, line_of, run
from .test_series import stored

SPECIMENS = Path(__file__).parent / "specimens" / "reports"
REPORT = "metadata_reports/LFS_QUALITY.yaml"
HIDDEN = "Interviewer notes on refusals"
AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)


def with_report(folder: Path) -> Path:
    """The census example with the quality report structure and its report on the LFS series."""
    shutil.copytree(EXAMPLE, folder)
    scheme = folder / "concepts" / "CS_BSO.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + (SPECIMENS / "concepts.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    (folder / "metadata_structures" / "BSO" / "QUALITY").mkdir(parents=True, exist_ok=True)
    shutil.copy(SPECIMENS / "QUALITY.yaml", folder / "metadata_structures" / "BSO" / "QUALITY" / "1.0.yaml")
    (folder / "metadata_reports").mkdir(exist_ok=True)
    shutil.copy(SPECIMENS / "LFS_QUALITY.yaml", folder / REPORT)
    return folder


def edit(folder: Path, change) -> None:
    path = folder / REPORT
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_report_that_follows_its_structure_checks_clean(tmp_path):
    loaded = load_catalogue(with_report(tmp_path / "c"))
    assert loaded.errors == [] and loaded.warnings == []
    report = loaded.catalogue.metadata_reports["LFS_QUALITY"]
    assert [v.attribute for v in report.values[0].values] == ["ORGANISATION", "EMAIL"]


def test_a_report_is_checked_against_its_structure_with_located_errors(tmp_path):
    folder = with_report(tmp_path / "c")
    path = folder / REPORT
    text = path.read_text(encoding="utf-8")
    for old, new in [('value: "78.4"', 'value: "78,4"'), ("<strong>small</strong>.</p>",
                                                             "<strong>small</strong>.<img src='https://x.org/a.png'></p>"),
                     ("{attribute: ORGANISATION,", "{attribute: NOPE,"), ('value: "2025-02-14"', 'value: "2025-02-30"'),
                     ("value: Q}", "value: X}"), ("target: {kind: series, id: LFS}", "target: {kind: agency, id: SDMX}"),
                     ('period: "2024"', 'period: "2024-Q5"')]:
        assert old in text
        text = text.replace(old, new)
    text += "  - {attribute: CONF, text: {en: again, fr: encore}}\n  - {attribute: LINK, text: {en: a, fr: b}}\n"
    path.write_text(text, encoding="utf-8")
    found = {(p.line, p.path, p.message) for p in load_catalogue(folder).errors}
    expected = {
        (line_of(path, "target:"), "target", "a report is on a record of its publisher 'BSO' (this one is 'SDMX''s)"),
        (line_of(path, "period:"), "period",
         "'2024-Q5' is not a reporting period such as 2024, 2024-Q1, 2024-03 or 2024-01-01/2024-06-30"),
        (line_of(path, "- attribute: CONTACT") + 1, "values[0].values",
         "'CONTACT.ORGANISATION' is to be given at least 1 time (given: 0)"),
        (line_of(path, "NOPE"), "values[0].values[0].attribute",
         "no attribute 'NOPE' under 'CONTACT' in BSO:QUALITY(1.0) (known: ORGANISATION, EMAIL)"),
        (line_of(path, "<img"), "values[1].text.en", "the XHTML holds what is never published (<img>): only text "
                                                    "markup, lists, tables and http(s) or mailto links are"),
        (line_of(path, "78,4"), "values[1].values[0].value", "'78,4' is not a number such as 12, -0.5 or 1.2E3"),
        (line_of(path, "2025-02-30"), "values[3].value", "'2025-02-30' is not a date, a date and time or a period "
                                                        "such as 2024-03-31, 2024-03-31T09:00:00Z or 2024-Q1"),
        (line_of(path, "again"), "values[6].attribute", "'CONF' may be given 1 time at most"),
        (line_of(path, "attribute: LINK, text"), "values[7].text", "'LINK' takes a value (value:), not a text"),
    }
    assert expected <= found, sorted(found - expected)
    assert found == expected  # nothing of 'X' in CL_FREQ: an external codelist, whose codes are not known here


def test_a_coded_value_is_one_of_its_codelists_codes(tmp_path):
    folder = with_report(tmp_path / "c")
    structure = folder / "metadata_structures" / "BSO" / "QUALITY" / "1.0.yaml"
    structure.write_text(structure.read_text(encoding="utf-8").replace("codelist: CL_FREQ", "codelist: CL_SEX"),
                         encoding="utf-8")
    edit(folder, lambda data: data["values"][4].update(value="Q"))
    assert [(p.path, p.message) for p in load_catalogue(folder).errors] == [
        ("values[4].value", "'Q' is not a code of CL_SEX (codes: _T, F, M)")]


@pytest.mark.parametrize("target, message", [
    ({"kind": "catalogue", "id": "X"}, "a report on the catalogue names no id"),
    ({"kind": "series"}, "a report on a series, a dataset or an agency names its id"),
])
def test_a_target_names_an_id_exactly_when_it_needs_one(tmp_path, target, message):
    folder = with_report(tmp_path / "c")
    edit(folder, lambda data: data.update(target=target))
    assert any(message in p.message for p in load_catalogue(folder).errors)


def test_the_public_sees_a_published_report_on_a_public_target_without_what_is_not_for_publication(tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    view = public_view(catalogue, AS_OF)
    public = view.reports["LFS_QUALITY"]
    assert [v.attribute for v in public.values] == ["CONTACT", "ACCURACY", "POSTED", "FREQ_DISS", "LINK"]
    assert HIDDEN not in public.model_dump_json()
    assert view.report_structures["LFS_QUALITY"] == "BSO:QUALITY(1.0)" and "BSO:QUALITY(1.0)" in \
        view.metadata_structures
    assert view.concept("BSO:CS_BSO(1.0).Q_RESPONSE") is not None  # its attributes are named

    def report(**change) -> MetadataReport:
        return catalogue.metadata_reports["LFS_QUALITY"].model_copy(update=change)

    hidden_heading = report(values=[v.model_copy(update={"confidential": v.attribute == "CONTACT"})
                                    for v in report().values])
    contact = report().values[0]
    emptied = contact.model_copy(update={"values": [v.model_copy(update={"confidential": True})
                                                    for v in contact.values]})
    view = public_view(catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": report(
        values=[emptied, *report().values[1:]])}}), AS_OF)
    assert "CONTACT" not in [v.attribute for v in view.reports["LFS_QUALITY"].values]  # a heading with nothing
    for changed, shown in [(report(status="draft"), False), (hidden_heading, True)]:
        view = public_view(catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": changed}}), AS_OF)
        assert ("LFS_QUALITY" in view.reports) is shown
        if shown:  # a heading not for publication takes what is under it along
            assert "Labour statistics unit" not in view.reports["LFS_QUALITY"].model_dump_json()


def test_a_report_on_an_embargoed_dataset_appears_at_its_release_and_not_before(tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    embargoed = next(d for d in catalogue.datasets.values() if d.release_time is not None
                     and d.release_time > AS_OF and d.status == "published")
    on_it = catalogue.metadata_reports["LFS_QUALITY"].model_copy(update={
        "target": ReportTarget(kind="dataset", id=embargoed.id), "publisher": embargoed.publisher})
    catalogue = catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": on_it}})
    assert "LFS_QUALITY" not in public_view(catalogue, AS_OF).reports
    assert "LFS_QUALITY" not in public_view(catalogue, embargoed.release_time - timedelta(seconds=1)).reports
    assert "LFS_QUALITY" in public_view(catalogue, embargoed.release_time).reports


def test_xhtml_is_sanitized_on_every_output_even_when_the_check_was_not_run(tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    hostile = '<p onmouseover="steal()">a</p><script>steal()</script><img src="https://evil.org/x.png"><iframe ' \
              'src="https://evil.org"></iframe><a href="javascript:steal()">x</a><style>body{}</style>'
    report = catalogue.metadata_reports["LFS_QUALITY"]
    values = [v.model_copy(update={"text": {"en": hostile, "fr": hostile}}) if v.attribute == "ACCURACY" else v
              for v in report.values]
    view = public_view(catalogue.model_copy(update={"metadata_reports": {
        "LFS_QUALITY": report.model_copy(update={"values": values})}}), AS_OF)
    site = SiteBuilder(view, EXAMPLE)
    for page in site.pages:
        html = site.report_page(page, view.reports["LFS_QUALITY"])
        for active in ("<script", "onmouseover", "<img", "<iframe", "javascript:", "<style", "evil.org"):
            assert active not in html, active
    assert sorted(removed(hostile)) == sorted(['<p onmouseover>', '<script>', '<img>', '<iframe>',
                                               '<a href="javascript:steal()">', '<style>'])
    assert removed('<p>A <a href="https://e.org/?a=1&amp;b=2" hreflang="en">link</a><br/></p>'
                   '<table><tr><th scope="col">x</th></tr></table>') == []
    assert removed("<p>a table inside a paragraph<table><tr><td>1</td></tr></table></p>") == [
        "markup that is not well formed"]  # what a browser would make of it differs from what was written
    assert sanitized("<p>x</p><!-- note -->") == "<p>x</p>"
    for link in ("//evil.example/x", "../../datasets/X/index.html", "/x", "https:no-host"):  # never relative
        assert removed(f'<a href="{link}">x</a>') == [f'<a href="{link}">'] and "href" not in sanitized(
            f'<a href="{link}">x</a>')
    assert removed("<h1>A heading of its own</h1>") == ["<h1>"]  # the page's outline is the structure's


def test_the_page_gives_each_value_its_own_anchor_and_links_only_checked_urls(tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    report = catalogue.metadata_reports["LFS_QUALITY"]
    links = [ReportedAttribute(attribute="LINK", value=url) for url in
             ("https://stats.example.org/a", "https://stats.example.org/b", "javascript:alert(1)")]
    view = public_view(catalogue.model_copy(update={"metadata_reports": {"LFS_QUALITY": report.model_copy(
        update={"values": [*report.values, *links]})}}), AS_OF)
    site = SiteBuilder(view, EXAMPLE)
    html = site.report_page(site.pages[0], view.reports["LFS_QUALITY"])
    anchors = re.findall(r'<section class="concept" id="([^"]+)"', html)
    assert len(anchors) == len(set(anchors)) and {"6-LINK", "6-LINK-2", "6-LINK-3", "6-LINK-4"} <= set(anchors)
    assert 'href="javascript' not in html and "javascript:alert(1)" in html  # shown, never a link


def test_a_report_is_bounded_before_it_is_read(tmp_path):
    folder = with_report(tmp_path / "c")
    edit(folder, lambda data: data["values"].extend({"attribute": "LINK", "value": f"https://e.org/{n}"}
                                                    for n in range(10_001)))
    assert any("at most 10000 items" in p.message or "at most 10000 values" in p.message
               for p in load_catalogue(folder).errors)
    edit(folder, lambda data: data.update(values=[{"attribute": "ACCURACY",
                                                   "text": {"en": "<p>" + "a" * 100_001 + "</p>", "fr": "b"}}]))
    assert any("a text of a report holds at most 100000 characters" in p.message
               for p in load_catalogue(folder).errors)


def test_reports_on_the_catalogue_and_an_agency_are_linked_from_the_catalogue_page_and_a_foreign_target_never_shows(
        tmp_path):
    catalogue = read_catalogue(with_report(tmp_path / "c"))
    report = catalogue.metadata_reports["LFS_QUALITY"]
    reports = {"ON_CAT": report.model_copy(update={"id": "ON_CAT", "target": ReportTarget(kind="catalogue")}),
               "ON_BSO": report.model_copy(update={"id": "ON_BSO", "target": ReportTarget(kind="agency", id="BSO")}),
               "ON_SDMX": report.model_copy(update={"id": "ON_SDMX", "target": ReportTarget(kind="agency",
                                                                                           id="SDMX")}),
               "NOT_ITS_DATASET": report.model_copy(update={"id": "NOT_ITS_DATASET", "publisher": "SDMX",
                                                            "target": ReportTarget(kind="dataset", id="DS_HHS_PUF")})}
    view = public_view(catalogue.model_copy(update={"metadata_reports": reports}), AS_OF)
    assert set(view.reports) == {"ON_CAT", "ON_BSO"}  # a record of another agency is never reported on by it
    site = SiteBuilder(view, EXAMPLE)
    html = site.catalogue_page(site.pages[0])
    assert 'href="reports/ON_CAT/index.html"' in html and 'href="reports/ON_BSO/index.html"' in html


def test_the_build_writes_a_report_page_in_every_language_linked_from_its_series(cli, tmp_path):
    folder = with_report(tmp_path / "c")
    site = tmp_path / "site"
    result = run(cli, "build", str(folder), "--out", str(site), "--as-of", AS_OF.isoformat(), "--quiet")
    assert result.exit_code == 0, result.output
    english = (site / "reports" / "LFS_QUALITY" / "index.html").read_text(encoding="utf-8")
    french = (site / "fr" / "reports" / "LFS_QUALITY" / "index.html").read_text(encoding="utf-8")
    assert "<h2><bdi dir=\"ltr\">2</bdi> Accuracy</h2>" in english and "<strong>small</strong>" in english
    assert "<h3><bdi dir=\"ltr\">2.1</bdi> Unit response rate</h3>" in english
    assert "<h2><bdi dir=\"ltr\">2</bdi> Précision</h2>" in french and "<strong>faible</strong>" in french
    assert "Not available" in english  # the confidential value: as if not given
    assert 'href="../../reports/LFS_QUALITY/index.html"' in (site / "series" / "LFS" / "index.html").read_text("utf-8")
    assert "reports/LFS_QUALITY/index.html" in (site / "sitemap.xml").read_text(encoding="utf-8")
    import json
    import re
    series_page = (site / "series" / "LFS" / "index.html").read_text(encoding="utf-8")
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', series_page, re.S)
    described = {r["@id"].rsplit("/", 2)[1]: r for r in json.loads(script)["subjectOf"]}  # schema.org's subjectOf
    assert described["LFS_QUALITY"]["@type"] == "Report" and described["LFS_QUALITY"]["isBasedOn"] == \
        "urn:sdmx:org.sdmx.infomodel.metadatastructure.MetadataStructure=BSO:QUALITY(1.0)"
    assert described["LFS_QUALITY"]["temporalCoverage"] == "2024"
    for path in site.rglob("*"):
        if path.is_file():
            assert HIDDEN.encode() not in path.read_bytes(), path


def test_the_live_server_answers_a_report_page_while_it_and_its_target_are_public(tmp_path):
    from fastapi.testclient import TestClient

    from catalogue.server import create_app

    folder = with_report(tmp_path / "c")
    store = stored(folder, tmp_path)
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        page = client.get("/reports/LFS_QUALITY/index.html")
        assert page.status_code == 200 and "Unit response rate" in page.text and HIDDEN not in page.text
        assert client.get("/fr/reports/LFS_QUALITY/index.html").status_code == 200
        assert client.get("/reports/NOPE/index.html").status_code == 404
        assert 'href="../../reports/LFS_QUALITY/index.html"' in client.get("/series/LFS/index.html").text
    edit(folder, lambda data: data.update(status="draft"))
    (tmp_path / "draft").mkdir()
    draft = stored(folder, tmp_path / "draft")
    with TestClient(create_app(draft, lambda: AS_OF)) as client:
        assert client.get("/reports/LFS_QUALITY/index.html").status_code == 404
        assert "LFS_QUALITY" not in client.get("/series/LFS/index.html").text


def test_an_officer_publishes_a_report_on_a_dataset_through_the_editor_and_another_agency_cannot(tmp_path):
    """Path: create → submit → approve → publish a report on one of the agency's datasets (its status is the
    workflow's: publishing makes it published); another agency's officer reporting on it is refused, and that
    changes nothing public."""
    import copy

    from fastapi.testclient import TestClient

    from catalogue.server import create_app
    from catalogue.store.accounts import Accounts

    folder = with_report(tmp_path / "c")
    store = stored(folder, tmp_path)
    accounts, tokens = Accounts(store.engine), {}
    for name, agency, role in (("ed", "BSO", "editor"), ("rita", "BSO", "reviewer"), ("paul", "BSO", "publisher"),
                               ("sam", "SDMX", "editor")):
        accounts.add_user(name, None)
        accounts.set_role(name, agency, role)
        tokens[name] = accounts.add_token(name, "tests")
    api = "/api/editor/records/metadata_report"
    base = yaml.safe_load((folder / REPORT).read_text(encoding="utf-8"))

    def as_user(user: str, etag: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[user]}", **({"If-Match": etag} if etag else {})}

    def report(report_id: str, **change) -> dict:
        return {**copy.deepcopy(base), "id": report_id, "status": "published", **change}

    def errors(answer) -> list[tuple[str, str]]:
        return [(i["path"], i["message"]) for i in answer.json()["issues"] if i["severity"] == "error"]

    on_dataset = {"kind": "dataset", "id": "DS_HHS_PUF"}
    with TestClient(create_app(store, lambda: AS_OF), base_url="https://testserver") as client:
        made = client.post(api, json={"data": report("ON_PUF", target=on_dataset)}, headers=as_user("ed"))
        assert made.status_code == 201 and errors(made) == []
        assert made.json()["data"]["status"] == "draft"  # the workflow's, whatever the form said
        assert client.get("/reports/ON_PUF/index.html").status_code == 404
        moved = client.post(f"{api}/ON_PUF/submit", headers=as_user("ed", made.headers["etag"]))
        moved = client.post(f"{api}/ON_PUF/approve", headers=as_user("rita", moved.headers["etag"]))
        moved = client.post(f"{api}/ON_PUF/publish", json={}, headers=as_user("paul", moved.headers["etag"]))
        assert moved.status_code == 200, moved.text
        assert client.get("/reports/ON_PUF/index.html").status_code == 200
        assert "reports/ON_PUF/index.html" in client.get("/datasets/DS_HHS_PUF/index.html").text
        assert "reports/ON_PUF/index.html" in client.get("/sitemap.xml").text
        foreign = client.post(api, json={"data": report("SDMX_ON_PUF", publisher="SDMX", target=on_dataset)},
                              headers=as_user("sam"))
        assert errors(foreign) == [("target", "a report is on a record of its publisher 'SDMX' (this one is "
                                              "'BSO''s)")]
        hidden = client.post(api, json={"data": report("SDMX_ON_DRAFT", publisher="SDMX", target={
            "kind": "dataset", "id": "DS_CENSUS_COMMUTING"})}, headers=as_user("sam"))
        assert errors(hidden) == [("target.id", "no dataset 'DS_CENSUS_COMMUTING' that its publisher may report "
                                                "on")]  # another agency's unreleased dataset is as if unknown
        refused = client.post(f"{api}/SDMX_ON_PUF/submit", headers=as_user("sam", foreign.headers["etag"]))
        assert refused.status_code == 422
        assert "SDMX_ON_PUF" not in client.get("/datasets/DS_HHS_PUF/index.html").text
