"""Every output of the catalogue, listed once: its name, where the site holds it, its media type, its label on the
pages, and the official validator that checks it. The build, the pages' links, the server, ``export`` and
``validate`` read this table. A new catalogue-wide JSON feed is its module (a builder and a ``JsonFeed``) and one row
here naming it; a new RDF serialization of the DCAT feeds is one row."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalogue.formats.jsonfeed import JsonFeed


@dataclass(frozen=True)
class Output:
    """One output."""

    name: str
    """Its name in this table."""
    path: str
    """Its path in the site (``{id}``: one per dataset)."""
    media_type: str
    label: str
    """How the pages name it among a dataset's machine-readable forms."""
    validator: str
    """The official validator that checks it in ``catalogue validate``: ``dcat-ap`` (pyshacl and the DCAT-AP shapes),
    ``dcat-us`` (its JSON Schema), ``sdmx`` (the SDMX-ML XSDs), ``schema.org`` (the pages' embedded JSON-LD against
    the feed), ``ddi`` (the DDI-Codebook XSD), ``datapackage`` (its profile and frictionless), ``icalendar``,
    ``atom``, ``citation`` (read back by bibtexparser, rispy and citeproc-py), ``datacite`` (the DataCite 4.5 JSON
    Schema of the ``datacite`` package)."""
    syntax: str = ""
    """Its syntax among its validator's (an RDF serialization: ``turtle``, ``jsonld``, ``xml``; an SDMX-ML version)."""
    per_dataset: bool = False
    statistical: bool = False
    """Made only for statistical datasets (an SDMX data structure): a dataset page links it only for those."""
    feed: str = ""
    """A catalogue-wide JSON feed: ``module:NAME`` of its ``JsonFeed`` (imported when used)."""
    summary: str = ""
    """What ``catalogue export NAME --help`` says of a JSON feed."""

    def json_feed(self) -> JsonFeed:
        """The ``JsonFeed`` the row names."""
        module, _, name = self.feed.partition(":")
        feed: JsonFeed = getattr(import_module(module), name)
        return feed


OUTPUTS: tuple[Output, ...] = (
    Output("dcat-turtle", "catalog.ttl", "text/turtle", "DCAT-AP 3 (Turtle)", "dcat-ap", "turtle"),
    Output("dcat-jsonld", "catalog.jsonld", "application/ld+json", "DCAT-AP 3 (JSON-LD)", "dcat-ap", "jsonld"),
    Output("dcat-rdfxml", "catalog.rdf", "application/rdf+xml", "DCAT-AP 3 (RDF/XML)", "dcat-ap", "xml"),
    Output("dcat-us", "data.json", "application/json", "DCAT-US 1.1 (data.json)", "dcat-us",
           feed="catalogue.formats.dcat_us:DCAT_US", summary="DCAT-US 1.1 (Project Open Data data.json)."),
    Output("sdmx-2.1", "sdmx/structure-2.1.xml", "application/xml", "SDMX-ML 2.1 structures", "sdmx", "2.1",
           statistical=True),
    Output("sdmx-3.0", "sdmx/structure-3.0.xml", "application/xml", "SDMX-ML 3.0 structures", "sdmx", "3.0",
           statistical=True),
    Output("schema-org", "schema-org.jsonld", "application/ld+json", "schema.org DataCatalog (JSON-LD)", "schema.org",
           feed="catalogue.formats.schema_org:SCHEMA_ORG",
           summary="schema.org DataCatalog with its Datasets, as JSON-LD (Google Dataset Search)."),
    Output("ddi", "ddi/{id}.xml", "application/xml", "DDI-Codebook 2.5", "ddi", "2.5", per_dataset=True),
    Output("datapackage", "datapackages/{id}/datapackage.json", "application/json", "Frictionless Data Package v2",
           "datapackage", per_dataset=True),
    Output("citation-bibtex", "citations/{id}.bib", "application/x-bibtex; charset=utf-8", "BibTeX", "citation",
           "bibtex", per_dataset=True),
    Output("citation-ris", "citations/{id}.ris", "application/x-research-info-systems; charset=utf-8", "RIS",
           "citation", "ris", per_dataset=True),
    Output("citation-csl", "citations/{id}.json", "application/vnd.citationstyles.csl+json", "CSL-JSON", "citation",
           "csl-json", per_dataset=True),
    Output("datacite", "datacite/{id}.xml", "application/vnd.datacite.datacite+xml", "DataCite Metadata Schema 4.5",
           "datacite", per_dataset=True),
    Output("calendar-ics", "releases.ics", "text/calendar; charset=utf-8", "iCalendar", "icalendar"),
    Output("calendar-atom", "releases.atom", "application/atom+xml", "Atom", "atom"),
)
OUTPUT = {output.name: output for output in OUTPUTS}

FEEDS = [(o.path, o.media_type, o.label) for o in OUTPUTS
         if not o.per_dataset and o.validator not in ("icalendar", "atom")]
"""Every catalogue-wide feed a page links: (path in the site, media type, name)."""
JSON_FEEDS = [o for o in OUTPUTS if o.feed]
"""The catalogue-wide JSON feeds."""
RDF_FEEDS = {o.path: o.syntax for o in OUTPUTS if o.validator == "dcat-ap"}
"""The DCAT-AP feeds and their serializations."""
SDMX_FEEDS = {o.path: o.syntax for o in OUTPUTS if o.validator == "sdmx"}
"""The SDMX-ML structure messages and their versions."""
SDMX_METADATA = {"sdmx/metadata-2.1.xml": "2.1", "sdmx/metadata-3.0.xml": "3.0"}
"""The SDMX-ML reference metadata messages (the public reports) and their versions: written when there are public
reports, linked from their pages."""
SDMX_METADATA_SPECIFIC_21 = "sdmx/metadata-specific-2.1.xml"
"""The same reports as SDMX-ML 2.1 structure-specific metadata: each set of the types its metadata structure's
schema derives (``formats.sdmx.metadata_schema``)."""
SDMX_METADATA_JSON = "sdmx/metadata.json"
"""The same reports as an SDMX-JSON 2.0 metadata message."""
SDMX_REPORT_STRUCTURES_21 = "sdmx/report-structures-2.1.xml"
"""The SDMX-ML 2.1 structure message of the metadata structures and metadataflows the public reports follow (3.0's
structure message holds them; 2.1's leaves them apart, for readers that take no 2.1 MSD)."""
STATISTICAL_ONLY = {o.path: o.statistical for o in OUTPUTS}
"""Whether an output is made only for statistical datasets, by path."""
SCHEMA_ORG_FEED = OUTPUT["schema-org"].path
DDI_PATH = OUTPUT["ddi"].path
CALENDAR_ICS = OUTPUT["calendar-ics"].path
CALENDAR_ATOM = OUTPUT["calendar-atom"].path
