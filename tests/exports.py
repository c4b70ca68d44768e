"""Helpers for export tests: the example's public view and every export as text."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

from catalogue.formats.dcat import export_dcat
from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.ddi import VERSIONS, DdiBuilder
from catalogue.formats.dcat_us import dcat_us_catalogue
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.schema_org import schema_org_catalogue
from catalogue.policy.view import PublicView, public_view
from catalogue.rdf import FORMATS
from catalogue.records.loader import read_catalogue
from catalogue.publish.feeds import write_sdmx_metadata, write_sdmx_metadata_json
from catalogue.publish.site import SiteBuilder

from .conftest import EXAMPLE

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


def example_view(as_of: datetime = AS_OF) -> PublicView:
    return public_view(read_catalogue(EXAMPLE), as_of)


def sdmx_codelist_message(path, codelist_id: str = "CL_SEX"):
    """An SDMX-ML 2.1 structure message of one of the example's codelists, written to ``path``."""
    view = example_view()
    stream = io.BytesIO()
    export_sdmx(build_structures(view).select([("codelist", codelist_id)], False), stream, DIALECTS["2.1"], "T",
                view.as_of)
    path.write_bytes(stream.getvalue())
    return path


def dcat_text(view: PublicView, rdf_format: str = "turtle") -> str:
    stream = io.StringIO()
    export_dcat(view, stream, rdf_format)
    return stream.getvalue()


def dcat_graph(view: PublicView, rdf_format: str = "turtle"):
    import rdflib

    return rdflib.Graph().parse(data=dcat_text(view, rdf_format), format=RDFLIB_FORMATS[rdf_format])


def every_export(view: PublicView) -> dict[str, str]:
    """Each export of a view, by name, as the text that would be written."""
    texts = {f"dcat.{name}": dcat_text(view, name) for name in FORMATS}
    texts["data.json"] = json.dumps(dcat_us_catalogue(view), ensure_ascii=False)
    texts["schema.org"] = json.dumps(schema_org_catalogue(view), ensure_ascii=False)
    structures = build_structures(view)
    for name, dialect in DIALECTS.items():
        stream = io.BytesIO()
        export_sdmx(structures, stream, dialect, "TEST", view.as_of)
        texts[f"sdmx-{name}"] = stream.getvalue().decode("utf-8")
        stream = io.BytesIO()
        write_sdmx_metadata(view, stream, name, structures)
        texts[f"sdmx-metadata-{name}"] = stream.getvalue().decode("utf-8")
    stream = io.BytesIO()
    write_sdmx_metadata_json(view, stream, structures)
    texts["sdmx-metadata-json"] = stream.getvalue().decode("utf-8")
    codebooks = DdiBuilder(view, EXAMPLE)
    for dataset in codebooks.datasets():
        for version in VERSIONS:
            stream = io.BytesIO()
            codebooks.write(dataset, stream, version)
            texts[f"ddi-{version}/{dataset.id}"] = stream.getvalue().decode("utf-8")
    site = SiteBuilder(view, EXAMPLE)
    for page in site.pages:
        texts[f"calendar/{page.language}.html"] = site.calendar_page(page)
        texts[f"calendar/{page.language}.ics"] = site.calendar_ics(page).decode("utf-8")
        texts[f"calendar/{page.language}.atom"] = site.calendar_atom(page).decode("utf-8")
        for dataset in view.datasets.values():  # its series, neighbours, versions and withdrawal
            texts[f"page/{page.language}/{dataset.id}"] = site.dataset_page(page, dataset)
        for series in view.series.values():
            texts[f"series/{page.language}/{series.id}"] = site.series_page(page, series)
        for report in view.reports.values():
            texts[f"report/{page.language}/{report.id}"] = site.report_page(page, report)
    packages = DataPackageBuilder(view, EXAMPLE)
    for dataset in view.datasets.values():
        texts[f"datapackage/{dataset.id}"] = json.dumps(packages.package(dataset, None), ensure_ascii=False)
    return texts
