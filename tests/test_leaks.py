"""Confidentiality is a hard rule: nothing of a draft, an embargoed dataset or a confidential
variable reaches any byte of any export (DCAT in every serialization, DCAT-US, schema.org,
SDMX-ML 2.1 and 3.0, DDI-Codebook 2.5 and 2.6, Data Package descriptors, the calendar, dataset and series pages);
restricted data never get a download URL."""

from __future__ import annotations


import rdflib
from hypothesis import HealthCheck, Phase, given, settings

from catalogue.formats.dcat_us import dcat_us_catalogue
from catalogue.policy.view import public_view
from catalogue.rdf import FORMATS

from .exports import RDFLIB_FORMATS, dcat_text, every_export
from .strategies import AS_OF, SECRET, catalogues


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_no_export_leaks_what_is_not_public(catalogue):
    view = public_view(catalogue, AS_OF)
    for name, text in every_export(view).items():
        assert SECRET not in text, name
    for dataset in view.datasets.values():
        if not view.is_open_access(dataset):
            assert all(d.download_url is None and d.path is None for d in dataset.distributions)
    data_json = dcat_us_catalogue(view)
    for record in data_json["dataset"]:
        if record["accessLevel"] != "public":
            assert all("downloadURL" not in d for d in record.get("distribution", []))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_exports_parse_in_every_serialization(catalogue):
    view = public_view(catalogue, AS_OF)
    sizes = {name: len(rdflib.Graph().parse(data=dcat_text(view, name), format=RDFLIB_FORMATS[name]))
             for name in FORMATS}
    assert len(set(sizes.values())) == 1, sizes


def test_the_marker_would_be_caught():
    """The leak test can fail: a catalogue with its drafts left in does contain the marker."""
    from datetime import datetime, timezone

    from hypothesis import find

    catalogue = find(catalogues(), lambda c: any(d.status == "draft" for d in c.datasets.values()),
                     settings=settings(phases=[Phase.generate], database=None))  # any one: no need to shrink it
    everything = public_view(catalogue.model_copy(update={"datasets": {
        i: d.model_copy(update={"status": "published", "release_time": None}) for i, d in catalogue.datasets.items()}}),
        datetime(2200, 1, 1, tzinfo=timezone.utc))
    assert any(SECRET in text for text in every_export(everything).values())
