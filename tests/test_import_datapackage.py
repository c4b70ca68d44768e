"""Issue 15, point 4: `catalogue import datapackage` — our own Data Packages (v2) come back as the same
datasets up to what Data Package cannot carry (roles, concepts without URIs, the publisher), a foreign v1
package imports into records `check` accepts, with its categories as a codelist and its data file copied."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from catalogue.importers.datapackage import TABLE_TYPES
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE, run, by_id
from .strategies import catalogues


VOCAB = vocabulary()


def shared_records(tmp_path: Path) -> Path:
    """The example's folder without its datasets (and their data): where the packages come back to."""
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    return folder


def test_our_own_packages_come_back(cli, tmp_path):
    packages = tmp_path / "packages"
    assert run(cli, "export", "datapackage", str(EXAMPLE), "-o", str(packages), "--as-of", "2026-01-01").exit_code == 0
    folder = shared_records(tmp_path)
    result = run(cli, "import", "datapackage", str(packages), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    imported = read_catalogue(folder)
    original = read_catalogue(EXAMPLE)
    for dataset_id, dataset in imported.datasets.items():
        source = original.datasets[dataset_id]
        assert dataset.status == "draft" and dataset.title == source.title and dataset.keywords == source.keywords
        # a restricted dataset's package description adds how to get access
        assert all(dataset.description[lang].startswith(text) for lang, text in source.description.items())
        assert dataset.licence == source.licence
        public = [v for v in source.variables if not v.confidential]
        # an external codelist (CL_FREQ) has no codes to give as categories
        coded = {i for i, c in by_id(original.codelists).items() if c.codes}
        # a type Table Schema lacks (time_period is a string there) comes back as the type it was written as
        assert [(v.id, v.label, v.data_type, v.codelist, v.missing_values) for v in dataset.variables] == \
            [(v.id, v.label, TABLE_TYPES[VOCAB.data_types[v.data_type].table_schema.type],
              v.codelist if v.codelist in coded else None, v.missing_values) for v in public], dataset_id
        concepts_with_uri = {c.id for s in by_id(original.concept_schemes).values() for c in s.concepts if c.uri}
        assert [v.concept for v in dataset.variables] == \
            [v.concept if v.concept in concepts_with_uri else None for v in public]
        local = [d for d in dataset.distributions if d.path]
        for distribution in local:
            assert (folder / distribution.path).is_file() and distribution.checksum is not None
    assert set(by_id(imported.codelists)) == set(by_id(original.codelists))  # every field's codes matched a codelist


def test_a_foreign_v1_package_imports_with_a_codelist_and_its_data(cli, tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "cities.csv").write_text("city;size;note\nLuxembourg;large;-\nEsch;small;x\n", encoding="utf-8")
    (package / "datapackage.json").write_text(json.dumps({
        "name": "city-sizes", "title": "City sizes", "version": "2.0", "licenses": [{"name": "ODC-PDDL-1.0"}],
        "keywords": ["cities"], "resources": [{
            "name": "cities", "path": "cities.csv", "format": "csv", "dialect": {"delimiter": ";"},
            "schema": {"fields": [
                {"name": "city", "type": "string", "title": "City", "constraints": {"required": True}},
                {"name": "size", "type": "string", "categories": [{"value": "large", "label": "Large"},
                                                                   {"value": "small", "label": "Small"}]},
                {"name": "note", "type": "string", "missingValues": ["-"]},
                {"name": "bad name!", "type": "geopoint"}]}}]}), encoding="utf-8")
    folder = shared_records(tmp_path)
    result = run(cli, "import", "datapackage", str(package / "datapackage.json"), "--into", str(folder),
                 "--terms", "OPEN")
    flat = " ".join(result.output.split())
    assert result.exit_code == 0 and "finds 0 error(s)" in flat, result.output
    assert "its name is not an SDMX id: imported as BAD_NAME_" in flat and "type 'geopoint': imported as string" in flat
    loaded = load_catalogue(folder)
    assert loaded.ok
    dataset = loaded.catalogue.datasets["CITY-SIZES"]
    assert dataset.licence == "PDDL-1.0" and dataset.version == "2.0" and dataset.status == "draft"
    assert [v.id for v in dataset.variables] == ["city", "size", "note", "BAD_NAME_"]
    size = next(v for v in dataset.variables if v.id == "size")
    codelist = by_id(loaded.catalogue.codelists)[size.codelist]
    assert [(c.id, c.name["en"]) for c in codelist.codes] == [("large", "Large"), ("small", "Small")]
    assert next(v for v in dataset.variables if v.id == "note").missing_values[0].code == "-"
    (distribution,) = dataset.distributions
    assert distribution.path == "data/CITY-SIZES/cities.csv" and distribution.dialect.delimiter == ";"
    assert (folder / distribution.path).read_bytes() == (package / "cities.csv").read_bytes()


def test_a_package_without_terms_is_refused_clearly(cli, tmp_path):
    folder = shared_records(tmp_path)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "datapackage.json").write_text('{"name": "x", "resources": []}', encoding="utf-8")
    result = run(cli, "import", "datapackage", str(tmp_path / "p"), "--into", str(folder))
    assert result.exit_code == 1 and "give --terms ID" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run(cli, "import", "datapackage", str(broken), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 1 and "not a readable Data Package descriptor" in result.output


@settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues())
def test_generated_catalogues_come_back_through_data_packages(tmp_path_factory, catalogue):
    """Round trip (issue 15, point 7): each public dataset of a generated catalogue as a Data Package, imported
    into a folder with the same shared records, gives back its texts in every language, licence, version and
    variables (labels, types as Table Schema has them, codes, missing values), up to what Data Package cannot
    carry (roles, units, concepts without URIs, the publisher, the terms)."""
    from catalogue.formats.datapackage import DataPackageBuilder
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.datapackage import import_datapackage
    from catalogue.policy.view import public_view
    from catalogue.records.writer import write_catalogue

    from .strategies import AS_OF

    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("datapackage-round-trip")
    builder = DataPackageBuilder(view, root)
    for dataset in view.datasets.values():
        folder = root / "packages" / dataset.id
        folder.mkdir(parents=True)
        descriptor = builder.package(dataset, folder)
        (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    target = root / "catalogue"
    write_catalogue(catalogue.model_copy(update={"datasets": {}, "releases": {}, "metadata_reports": {}}), target)
    if not view.datasets:
        return
    import_datapackage([root / "packages"], RecordWriter(target, update=False, dry_run=False), terms="T_PUBLIC",
                       agency=None)
    imported = read_catalogue(target)
    assert set(imported.datasets) == set(view.datasets)
    coded = {i for i, c in by_id(catalogue.codelists).items() if c.codes}
    for dataset_id, source in view.datasets.items():
        mine = imported.datasets[dataset_id]
        assert (mine.title, mine.licence, mine.version, mine.terms) == (source.title, source.licence, source.version,
                                                                        "T_PUBLIC")
        open_access = view.is_open_access(source)
        for language, text in source.description.items():
            assert mine.description[language] == text if open_access else mine.description[language].startswith(text)
        assert mine.keywords == source.keywords
        assert [(v.id, v.label, v.description, v.data_type, v.codelist, v.missing_values) for v in mine.variables] \
            == [(v.id, v.label, v.description, TABLE_TYPES[VOCAB.data_types[v.data_type].table_schema.type],
                 v.codelist if v.codelist in coded else None, v.missing_values) for v in source.variables]
        for theirs, ours in zip(source.variables, mine.variables):
            if theirs.codelist in coded:
                assert [(c.id, c.parent) for c in by_id(imported.codelists)[ours.codelist].codes] == \
                    [(c.id, c.parent) for c in by_id(catalogue.codelists)[theirs.codelist].codes]
