"""The metadata structures shipped in mappings/reference_metadata (issue 34, point 1): SIMS 2.0 with its 19 top
concepts, and ESMS as Eurostat's sample gives it; each checks clean in a catalogue, and the example's copy of SIMS
is the shipped one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from catalogue.records.loader import load_catalogue, read_catalogue

from .conftest import EXAMPLE, REPO, run
from .test_metadata_structures import ESMS, NEW_CATALOGUE

SHIPPED = REPO / "mappings" / "reference_metadata"
SIMS_TOP = [("CONTACT", "Contact"), ("META_UPDATE", "Metadata update"), ("STAT_PRES", "Statistical presentation"),
            ("UNIT_MEASURE", "Unit of measure"), ("REF_PERIOD", "Reference period"),
            ("INST_MANDATE", "Institutional mandate"), ("CONF", "Confidentiality"), ("REL_POLICY", "Release policy"),
            ("FREQ_DISS", "Frequency of dissemination"), ("DISS_FORMAT", "Accessibility and clarity"),
            ("QUALITY_MGMNT", "Quality management"), ("RELEVANCE", "Relevance"),
            ("ACCURACY", "Accuracy and reliability"), ("TIMELINESS_PUNCT", "Timeliness and punctuality"),
            ("COHER_COMPAR", "Coherence and comparability"), ("COST_BURDEN", "Cost and burden"),
            ("DATA_REV", "Data revision"), ("STAT_PROCESS", "Statistical processing"), ("COMMENT_DSET", "Comment")]


def shipped_in(name: str, tmp_path: Path) -> Path:
    """The census example with one shipped structure's folders copied in, as the docs say."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    shutil.copytree(SHIPPED / name, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    return folder


def test_sims_has_its_19_top_concepts_in_order_each_with_its_sub_concepts(tmp_path):
    loaded = load_catalogue(shipped_in("sims", tmp_path))
    assert loaded.errors == [] and loaded.warnings == []
    catalogue = loaded.catalogue
    sims = catalogue.metadata_structures["ESTAT:SIMS(2.0)"]
    names = {c.id: c.name for c in catalogue.concept_schemes["ESTAT:SIMS_CONCEPTS(2.0)"].concepts}
    top = [a for a in sims.attributes if a.parent is None]
    assert [(a.id, names[a.id]["en"]) for a in top] == SIMS_TOP
    assert all(names[a.id].get("fr") for a in sims.attributes)  # named in French too
    tree = sims.children()
    headings = [a.id for a in top if a.representation is None]
    assert headings and all(tree[a] for a in headings)  # a heading has the concepts under it
    assert [a.id for a in tree["ACCURACY"].values()] == ["ACCURACY_OVERALL", "SAMPLING_ERR", "NONSAMPLING_ERR"]
    assert {a.representation for a in sims.attributes} == {None, "text", "xhtml", "date"}


def test_the_examples_sims_is_the_shipped_one():
    for relative in ("concepts/ESTAT/SIMS_CONCEPTS/2.0.yaml", "metadata_structures/ESTAT/SIMS/2.0.yaml"):
        shipped = yaml.safe_load((SHIPPED / "sims" / relative).read_text(encoding="utf-8"))
        assert yaml.safe_load((EXAMPLE / relative).read_text(encoding="utf-8")) == shipped, relative


@pytest.mark.skipif(not ESMS.is_file(), reason="../shared/samples is not beside the repository")
def test_the_shipped_esms_is_what_eurostats_sample_imports_as(cli, tmp_path):
    result = run(cli, "import", "sdmx", str(ESMS), "--into", str(tmp_path / "imported"), *NEW_CATALOGUE)
    assert result.exit_code == 0, result.output
    imported = read_catalogue(tmp_path / "imported")
    shipped = read_catalogue(shipped_in("esms", tmp_path))
    assert set(imported.metadata_structures) == {"ESTAT:ESMS_SIMPLE_REPORT(1.0)", "ESTAT:ESMS_UPDATE_REPORT(1.0)"}
    for key, structure in imported.metadata_structures.items():
        assert shipped.metadata_structures[key] == structure
    assert shipped.concept_schemes["ESTAT:ESMS_CONCEPTS(1.0)"] == imported.concept_schemes["ESTAT:ESMS_CONCEPTS(1.0)"]
    assert shipped.codelists["ESTAT:CL_COUNTRY(1.0)"] == imported.codelists["ESTAT:CL_COUNTRY(1.0)"]


SDG = ESMS.parent / "IAEG-SDGs_metadatastructure-0.xml"


def test_the_examples_sdg_structure_is_the_shipped_one():
    for relative in ("concepts/IAEG-SDGs/SDG_META_CONCEPTS/1.0.yaml", "metadata_structures/IAEG-SDGs/SDG_MSD/1.0.yaml",
                     "agencies/IAEG-SDGs.yaml"):
        shipped = yaml.safe_load((SHIPPED / "sdg" / relative).read_text(encoding="utf-8"))
        assert yaml.safe_load((EXAMPLE / relative).read_text(encoding="utf-8")) == shipped, relative


@pytest.mark.skipif(not SDG.is_file(), reason="../shared/samples is not beside the repository")
def test_the_shipped_sdg_structure_is_the_registrys_in_the_templates_order(cli, tmp_path):
    """The registry's MSD imported into a catalogue holding the shipped concepts is the shipped structure but for
    the order of its attributes (alphabetical there, the SDG metadata template's here), which the names number."""
    folder = tmp_path / "imported"
    shutil.copytree(EXAMPLE, folder)
    for part in ("metadata_structures/IAEG-SDGs", "metadata_reports/SDG_8_5_2_BELMAR.yaml"):
        target = folder / part
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    result = run(cli, "import", "sdmx", str(SDG), "--into", str(folder))
    assert result.exit_code == 0, result.output
    imported = read_catalogue(folder).metadata_structures["IAEG-SDGs:SDG_MSD(1.0)"]
    loaded = load_catalogue(shipped_in("sdg", tmp_path))
    assert loaded.errors == [] and loaded.warnings == []
    shipped = loaded.catalogue.metadata_structures["IAEG-SDGs:SDG_MSD(1.0)"]
    assert sorted(shipped.attributes, key=lambda a: a.id) == sorted(imported.attributes, key=lambda a: a.id)
    assert len(shipped.attributes) == 44 and all(a.parent is None for a in shipped.attributes)
    names = {c.id: c.name for c in loaded.catalogue.concept_schemes["IAEG-SDGs:SDG_META_CONCEPTS(1.0)"].concepts}
    numbered = [names[a.id]["en"].split(" ")[0] for a in shipped.attributes if a.id != "TRANSLATIONS"]
    assert numbered[:3] == ["0.", "0.a.", "0.b."] and numbered[-1] == "7."
    assert numbered == sorted(numbered, key=lambda n: [int(p) if p.isdigit() else p for p in n.strip(".").split(".")])
    assert all(name.get("fr") for name in names.values())


def test_the_examples_sdg_report_is_public_and_in_sdmx():
    from datetime import datetime, timezone

    from catalogue.formats.sdmx import build_structures
    from catalogue.policy.view import public_view

    view = public_view(read_catalogue(EXAMPLE), datetime(2026, 1, 1, tzinfo=timezone.utc))
    report = view.reports["SDG_8_5_2_BELMAR"]
    assert report.target.kind == "series" and report.target.id == "LFS"
    sets = {s.report.id: s for s in build_structures(view).metadata_sets.values()}
    assert sets["SDG_8_5_2_BELMAR"].structure.id == "SDG_MSD"
