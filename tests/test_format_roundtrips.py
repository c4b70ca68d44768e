"""Issue 30, point 11: what a format carries comes back. A generated catalogue is exported in each format and
imported into a new catalogue folder (same languages, publisher and base URI); every field the format can carry
is compared with the public view of the original, dataset by dataset."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from typer.testing import CliRunner

from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.ddi import DdiBuilder
from catalogue.model import Dataset
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import write_catalogue

from .conftest import run
from .strategies import AS_OF, catalogues

EXPORTED = {"dcat": "catalog.ttl", "dcat-us": "data.json", "ddi": "ddi", "datapackage": "packages", "sdmx": "s.xml"}
SDMX_FIXED_IDS = {"time_dimension": "TIME_PERIOD", "measure": "OBS_VALUE"}
IMPORTER = {"dcat": "dcat", "dcat-us": "dcat", "ddi": "ddi", "datapackage": "datapackage", "sdmx": "sdmx"}


def _as_sets(keywords: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """Keywords as RDF has them: a set per language (a repeated keyword is one)."""
    return {language: sorted(set(words)) for language, words in (keywords or {}).items()}


def _default(text: dict[str, Any] | None, catalogue: Any) -> Any:
    return (text or {}).get(catalogue.info.default_language)


def _codelist(catalogue: Any, reference: str) -> Any:
    return catalogue.codelist(reference) if hasattr(catalogue, "codelist") else catalogue.shared().codelist(reference)


def carried(standard: str, dataset: Dataset, catalogue: Any) -> dict[str, Any]:
    """``catalogue``: a catalogue or a public view (what their records have in common)."""
    """What a dataset's export in ``standard`` carries, as the model holds it."""
    terms = catalogue.terms[dataset.terms]
    contact = next((c for a in catalogue.agencies.values() for c in a.contacts if c.id == dataset.contact_point), None)
    themes = sorted(t.eu_theme for t in catalogue.info.themes if t.id in dataset.themes)
    codelists = {v.id: [(c.id, c.parent) for c in _codelist(catalogue, v.codelist).codes]
                 for v in dataset.variables if v.codelist and _codelist(catalogue, v.codelist) is not None}
    if standard == "dcat":
        return {"title": dataset.title, "description": dataset.description, "keywords": _as_sets(dataset.keywords),
                "issued": dataset.issued, "modified": dataset.modified, "frequency": dataset.frequency,
                "version": dataset.version, "licence": dataset.licence, "themes": themes,
                "temporal": dataset.temporal_coverage, "contact": contact.email if contact else None,
                "access_level": terms.access_level}
    if standard == "dcat-us":  # one language: the catalogue's default (its keywords: those of every language)
        return {"title": _default(dataset.title, catalogue), "description": _default(dataset.description, catalogue),
                "keywords": sorted({w for words in (dataset.keywords or {}).values() for w in words}),
                "issued": dataset.issued,
                "modified": dataset.modified, "licence": dataset.licence, "access_level": terms.access_level}
    if standard == "ddi":
        return {"title": dataset.title, "description": dataset.description, "keywords": dataset.keywords,
                "frequency": dataset.frequency, "version": dataset.version, "licence": dataset.licence,
                "contact": contact.email if contact else None, "issued": dataset.issued,
                "variables": [(v.id, v.label) for v in dataset.variables], "codelists": codelists,
                "access_level": terms.access_level}
    if standard == "datapackage":
        return {"title": dataset.title, "keywords": dataset.keywords, "version": dataset.version,
                "licence": dataset.licence, "variables": [v.id for v in dataset.variables], "codelists": codelists}
    return {"title": dataset.title, "description": dataset.description, "version": dataset.version,  # sdmx
            "licence": dataset.licence, "terms": (terms.access_level, terms.access_type),
            # SDMX 2.1 names the time dimension TIME_PERIOD and the primary measure OBS_VALUE, whatever the table's
            "variables": sorted(SDMX_FIXED_IDS.get(v.role, v.id) for v in dataset.variables
                                if v.role in ("dimension", "time_dimension", "measure", "attribute")),
            "codelists": codelists}


@pytest.mark.parametrize("standard", sorted(EXPORTED))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                                 HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues())
def test_an_export_imported_into_a_new_catalogue_keeps_what_its_format_carries(tmp_path_factory, catalogue, standard):
    view = public_view(catalogue, AS_OF)
    root = tmp_path_factory.mktemp("roundtrip")
    source = root / "source"
    write_catalogue(catalogue, source)
    packages, codebooks = DataPackageBuilder(view, source), DdiBuilder(view, source)
    described = [dataset for dataset in view.datasets.values()
                 if {"sdmx": dataset.is_statistical, "ddi": codebooks.has_codebook(dataset),
                     "datapackage": packages.has_package(dataset)}.get(standard, True)]
    assume(described)  # a catalogue of which the format has nothing (no structure, codebook, package) tells nothing
    exported = root / EXPORTED[standard]
    result = run(CliRunner(), "export", standard, str(source), "-o", str(exported), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    target = root / "imported"
    options = [f"--language={language}" for language in catalogue.info.languages]
    result = run(CliRunner(), "import", IMPORTER[standard], str(exported), "--into", str(target), *options,
                 "--agency", catalogue.info.publisher, "--base-uri", catalogue.info.base_uri, "--title", "Imported")
    assert result.exit_code == 0, result.output
    imported = read_catalogue(target)
    for dataset in described:
        again = imported.datasets.get(dataset.id)
        assert again is not None, (standard, dataset.id, sorted(imported.datasets), result.output[-3000:])
        expected, found = carried(standard, dataset, view), carried(standard, again, imported)
        if standard == "sdmx" and again.series:  # a release in its series' dataflow: the rest is the series'
            expected, found = ({k: d[k] for k in ("title", "version", "variables", "codelists")}
                               for d in (expected, found))
        assert found == expected, (standard, {k: (expected[k], found[k]) for k in expected
                                              if expected[k] != found.get(k)})
