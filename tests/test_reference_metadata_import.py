"""Importing reference metadata reports (issue 34, point 6): SDMX-ML 2.1 generic and structure-specific, SDMX-ML 3.0
and SDMX-JSON 2.0 metadata read into draft reports; the agencies' samples import (or are refused with located
errors where they break their own structure); our reports round-trip 2.1 ⇄ 3.0 ⇄ SDMX-JSON; hostile messages get a
clear error and change nothing."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from catalogue.importers.sdmx_reports import ReadValue, read_metadata_message
from catalogue.model import ReportedAttribute, ReportTarget
from catalogue.policy.view import public_view
from catalogue.publish.feeds import write_sdmx_metadata, write_sdmx_metadata_json
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.support.xhtml import sanitized

from .conftest import EXAMPLE, run
from .strategies import AS_OF as GENERATED_AS_OF
from .strategies import catalogues
from .test_reference_metadata_sdmx import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "sdmx-metadata"
ESMS = Path(__file__).resolve().parents[1] / "mappings" / "reference_metadata" / "esms"
REPORT = "metadata_reports/LFS_SIMS_2024.yaml"
FORMATS = ("2.1", "3.0", "json")


def message(view, version: str) -> bytes:
    stream = io.BytesIO()
    if version == "json":
        write_sdmx_metadata_json(view, stream)
    else:
        write_sdmx_metadata(view, stream, version)
    return stream.getvalue()


def kept_tree(values: list[ReportedAttribute], xhtml: set[str], one_language_as_value: bool) -> list[tuple]:
    """A public report's values as a message carries them: XHTML sanitized; (SDMX-ML 2.1) a plain text in one
    language as a value."""
    tree = []
    for v in values:
        given = v.value if v.value is not None else \
            ({k: sanitized(t) for k, t in v.text.items()} if v.attribute in xhtml and v.text else v.text)
        if one_language_as_value and isinstance(given, dict) and len(given) == 1 and v.attribute not in xhtml:
            given = next(iter(given.values()))
        tree.append((v.attribute, given, kept_tree(v.values, xhtml, one_language_as_value)))
    return tree


def read_tree(values: list[ReadValue]) -> list[tuple]:
    return [(v.id, v.value if v.value is not None else
             ({k: sanitized(t) for k, t in v.xhtml.items()} if v.xhtml else v.texts), read_tree(v.values))
            for v in values]


def without_report(tmp_path: Path) -> Path:
    """The census example without its reports."""
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLE, folder)
    for report in (folder / "metadata_reports").iterdir():
        report.unlink()
    return folder


@pytest.mark.parametrize("version", FORMATS)
def test_the_examples_report_comes_back_through_each_format(cli, tmp_path, version):
    """Written as the site writes it, imported into the catalogue without it: the same report (a draft), its
    values those that were public; the 2.1 set carries no title (sdmx1 reads none), 3.0 and SDMX-JSON do."""
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    written = tmp_path / f"metadata.{'json' if version == 'json' else 'xml'}"
    written.write_bytes(message(view, version))
    folder = without_report(tmp_path)
    result = run(cli, "import", "sdmx-metadata", str(written), "--into", str(folder))
    assert result.exit_code == 0, result.output
    loaded = load_catalogue(folder)
    assert loaded.errors == []
    imported = loaded.catalogue.metadata_reports["LFS_SIMS_2024"]
    original = view.reports["LFS_SIMS_2024"]
    xhtml = {a.id for a in view.metadata_structures[view.report_structures[original.id]].attributes
             if a.representation == "xhtml"}
    assert imported.status == "draft" and imported.structure == original.structure
    assert (imported.target, imported.period, imported.publisher) == (original.target, original.period,
                                                                     original.publisher)
    assert kept_tree(imported.values, xhtml, False) == kept_tree(original.values, xhtml, version == "2.1")
    assert imported.title == (None if version == "2.1" else original.title)


def test_a_report_goes_round_from_2_1_to_3_0_to_json_and_back(cli, tmp_path):
    """2.1 → import → 3.0 → import → SDMX-JSON → import: the values stay those of the first."""
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    body = message(view, "2.1")
    trees = []
    for step, version in enumerate(("3.0", "json", "2.1")):
        folder = without_report(tmp_path / f"c{step}")
        written = tmp_path / f"m{step}.{'json' if version == 'json' else 'xml'}"
        written.write_bytes(body)
        assert run(cli, "import", "sdmx-metadata", str(written), "--into", str(folder)).exit_code == 0
        report = folder / REPORT
        report.write_text(report.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                          encoding="utf-8")
        republished = public_view(read_catalogue(folder), AS_OF)
        trees.append(republished.reports["LFS_SIMS_2024"].values)
        body = message(republished, version)
    assert trees[0] == trees[1] == trees[2]


@pytest.mark.parametrize("sample", ["v21_xml_demography_esms_generic.xml", "v21_xml_demography_esms_structured.xml"])
def test_eurostats_esms_samples_import_generic_and_structure_specific(cli, tmp_path, sample):
    folder = without_report(tmp_path)
    for part in ("agencies", "concepts", "codelists", "metadata_structures"):
        shutil.copytree(ESMS / part, folder / part, dirs_exist_ok=True)
    result = run(cli, "import", "sdmx-metadata", str(SAMPLES / sample), "--into", str(folder), "--target",
                 "series:LFS")
    assert result.exit_code == 0, result.output
    [report] = read_catalogue(folder).metadata_reports.values()
    assert report.structure == "ESTAT:ESMS_SIMPLE_REPORT(1.0)" and report.period == "2010"
    tree = {v.attribute: v for v in report.values}
    contact = {v.attribute: v for v in tree["CONTACT"].values}
    assert contact["ORGANISATION"].text == {"en": "Eurostat, the statistical office of the European Union"}
    assert [v.value for v in contact["ADDRESS"].values if v.attribute == "COUNTRY"] == ["LU"]
    description = tree["STAT_PRES"].values[0]
    assert description.attribute == "DATA_DESCR" and description.text["en"].startswith("<p>The tables presented")
    assert "<ul>" in description.text["en"] and "xmlns" not in description.text["en"]


def test_the_json_sample_splits_a_report_against_its_structure_and_is_refused_with_located_errors(cli, tmp_path):
    """SDMX's constructed SDMX-JSON sample gives ESMS's CONTACT, and META_UPDATE's children as top attributes, in
    three sets: the first is a report without its required sections, the others follow no structure."""
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLE, folder)
    for part in ("agencies", "concepts", "codelists", "metadata_structures"):
        shutil.copytree(ESMS / part, folder / part, dirs_exist_ok=True)
    before = sorted(p.name for p in (folder / "metadata_reports").iterdir())
    result = run(cli, "import", "sdmx-metadata", str(SAMPLES / "v3_json_metadata_constructed-sample.json"),
                 "--into", str(folder), "--target", "series:LFS")
    assert result.exit_code == 1
    assert "METADATASET1.yaml" in result.output and "'META_UPDATE' is to be given at least 1 time" in result.output
    assert "MetadataSet[META_UPDATE]" in result.output and "nothing was written" in result.output
    assert sorted(p.name for p in (folder / "metadata_reports").iterdir()) == before


def test_the_generated_json_sample_is_reported_not_imported(cli, tmp_path):
    folder = without_report(tmp_path)
    result = run(cli, "import", "sdmx-metadata", str(SAMPLES / "v3_json_metadata_generated-sample.json"),
                 "--into", str(folder))
    assert result.exit_code == 0 and "not imported: its metadata structure" in result.output
    assert not any((folder / "metadata_reports").iterdir())


@pytest.mark.parametrize("body, expected", [
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", "DTD"),
    (b"<mes:Structure xmlns:mes='m'/>", "holds no reference metadata"),
    (b"<GenericMetadata><MetadataSet", "not a readable XML document"),
    (b'{"data": {"metadataSets": 3}}', "no data.metadataSets"),
    (b'{"data": {"metadataSets": [1]}}', "a metadata set is an object"),
    (b"{" + b'"data": {"metadataSets": [{"attributes": ' + b'[{"attributes": ' * 40 + b"[]" + b"}]" * 40 + b"}]}}",
     "nested deeper than"),
    (b'{"data": \xff}', "not a readable JSON document"),
])
def test_hostile_messages_get_a_located_error_and_change_nothing(cli, tmp_path, body, expected):
    folder = without_report(tmp_path)
    path = tmp_path / "hostile.xml"
    path.write_bytes(body)
    result = run(cli, "import", "sdmx-metadata", str(path), "--into", str(folder))
    assert result.exit_code == 1 and expected in result.output and "hostile.xml" in result.output, result.output
    assert not any((folder / "metadata_reports").iterdir())


def test_a_target_the_catalogue_has_not_is_reported_and_bad_options_are_refused(cli, tmp_path):
    folder = without_report(tmp_path)
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    written = tmp_path / "m.xml"
    written.write_bytes(message(view, "3.0").replace(b"DF_LFS", b"DF_ELSEWHERE"))
    result = run(cli, "import", "sdmx-metadata", str(written), "--into", str(folder))
    assert result.exit_code == 0 and "name one with --target" in result.output
    assert run(cli, "import", "sdmx-metadata", str(written), "--into", str(folder), "--target", "table:X").exit_code == 2
    assert run(cli, "import", "sdmx-metadata", str(written), "--into", str(folder), "--structure", "SIMS").exit_code == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalogues())
def test_generated_reports_read_back_equal_from_each_format(tmp_path, catalogue):
    """Every generated report made public (on its publisher), so that each example has some to read back."""
    from catalogue.formats.sdmx import build_structures

    public = {report_id: report.model_copy(update={"status": "published", "target": ReportTarget(kind="agency",
                                                                                                  id="NSO")})
              for report_id, report in catalogue.metadata_reports.items()}
    view = public_view(catalogue.model_copy(update={"metadata_reports": public}), GENERATED_AS_OF)
    sets = {s.report.id: s for s in build_structures(view).metadata_sets.values() if s.report.values}
    assert len(sets) == len([r for r in view.reports.values() if r.values])
    if not sets:
        return  # the catalogue has no report
    for version in FORMATS:
        path = tmp_path / f"generated.{version}"
        path.write_bytes(message(view, version))
        read = {r.id: r for r in read_metadata_message(path)}
        assert set(read) == set(sets), version
        for report_id, metadata_set in sets.items():
            structure = view.metadata_structures[view.report_structures[report_id]]
            xhtml = {a.id for a in structure.attributes if a.representation == "xhtml"}
            expected = kept_tree(metadata_set.report.values, xhtml, version == "2.1")
            got = read_tree(read[report_id].values)
            assert _plain(got) == _plain(expected), (version, report_id)
        if version == "json":
            assert json.loads(path.read_bytes())["data"]["metadataSets"]


def _plain(tree: list[tuple]) -> list[tuple]:
    """A tree with texts compared case-folded in their language tags (SDMX-JSON writes them in lower case)."""
    return [(a, {k.lower(): v for k, v in given.items()} if isinstance(given, dict) else given, _plain(children))
            for a, given, children in tree]


def test_review_deep_json_two_ids_made_one_and_another_agencys_claim_are_said(cli, tmp_path):
    """Review: deep JSON crashed the reader; two set ids cleaned to one record id overwrote each other; a set given by
    another agency was taken as its target owner's without a word; non-string texts became 'None'."""
    folder = without_report(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text('{"data": {"metadataSets": ' + "[" * 200_000 + "]" * 200_000 + "}}")
    result = run(cli, "import", "sdmx-metadata", str(deep), "--into", str(folder))
    assert result.exit_code == 1 and "nested deeper than a reader allows" in result.output
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    message = json.loads(message_of(view))
    first = next(s for s in message["data"]["metadataSets"] if s["id"] == "LFS_SIMS_2024")
    first["names"] = {"en": None, "fr": "Rapport"}
    twin = {**first, "id": "LFS.SIMS.2024", "agencyID": "ESTAT"}
    first["id"] = "LFS_SIMS_2024"
    message["data"]["metadataSets"] = [first, twin]
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(message))
    result = run(cli, "import", "sdmx-metadata", str(path), "--into", str(folder))
    said = " ".join(result.output.split())
    assert "the id of a report this import has made already" in said
    assert "given by 'ESTAT': imported as a report of 'BSO'" in said
    # the English title was null: left out (not the text "None"), so the title lacks its default language
    assert result.exit_code == 1 and "title: no text in the default language 'en'" in said
    assert not any((folder / "metadata_reports").iterdir())


def message_of(view) -> bytes:
    return message(view, "json")
