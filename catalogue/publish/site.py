"""``catalogue build``: every public output and an HTML page per dataset and language, in one folder.

The default language is at the root (``index.html``, ``datasets/<id>/index.html``), every other
language under ``<lang>/``. Links between pages are relative, so the site works from any web
server or from disk; ``--base-url`` is where it will be served (for the sitemap and the
``hreflang`` alternates).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import timezone
from functools import partial
from itertools import islice
from pathlib import Path
from urllib.parse import quote
from typing import IO, Any, NamedTuple, cast

from babel.support import NullTranslations
from jinja2 import BytecodeCache, Environment, PackageLoader, select_autoescape
from jinja2.bccache import Bucket

from catalogue.choices import DATA_TYPE_NAMES, ROLE_NAMES

from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.dcat import DcatBuilder
from catalogue.formats.dcat_us import DcatUsBuilder
from catalogue.formats.jsonstream import STREAMED, json_frame
from catalogue.formats.schema_org import SchemaOrgBuilder
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.sdmx.structures import Ref, SdmxOutline, sdmx_outline
from catalogue.formats.sdmx.writer import header_id
from catalogue.support.processes import available_cores, can_fork, fans_out, forked_pool
from catalogue.formats.xmlwriter import XmlWriter
from catalogue.publish.memo import BuildMemo, PartedFeeds
from catalogue.support.hashing import fingerprint, record_fingerprint
from catalogue.rdf import IRI
from catalogue.rdf.writers import SERIALIZATIONS
from catalogue.policy.calendar import CalendarEntry
from catalogue.formats.calendar import STATUS_NAMES, moment, write_atom, write_ics
from catalogue.formats.ddi import DdiBuilder
from catalogue.formats.text import pick, shorten
from catalogue.i18n import TextOnly, autonym, direction, label, month_name, office_files, translations
from catalogue.model import Codelist, Dataset, Distribution, Variable
from catalogue.policy.view import PublicView
from catalogue.records.writer import record_data
from catalogue.vocab import Vocabulary, vocabulary

FEEDS = [
    ("catalog.ttl", "text/turtle", "DCAT-AP 3 (Turtle)"),
    ("catalog.jsonld", "application/ld+json", "DCAT-AP 3 (JSON-LD)"),
    ("catalog.rdf", "application/rdf+xml", "DCAT-AP 3 (RDF/XML)"),
    ("data.json", "application/json", "DCAT-US 1.1 (data.json)"),
    ("sdmx/structure-2.1.xml", "application/xml", "SDMX-ML 2.1 structures"),
    ("sdmx/structure-3.0.xml", "application/xml", "SDMX-ML 3.0 structures"),
    ("schema-org.jsonld", "application/ld+json", "schema.org DataCatalog (JSON-LD)"),
]
"""Every catalogue-wide feed: (path in the site, media type, name)."""
RDF_FEEDS = {"catalog.ttl": "turtle", "catalog.jsonld": "jsonld", "catalog.rdf": "xml"}
SDMX_FEEDS = {"sdmx/structure-2.1.xml": "2.1", "sdmx/structure-3.0.xml": "3.0"}
SCHEMA_ORG_FEED = "schema-org.jsonld"
DATASETS_PER_PAGE = 500
"""Datasets listed on one page of the catalogue (about 200 KB of HTML): 100,000 datasets make 200 pages."""
SEARCH_INDEX = "search-index.json"
MATCHES_SHOWN = 200
"""Matches of a filter listed at once; more ask for more words."""
DDI_PATH = "ddi/{id}.xml"
CALENDAR_PAGE, CALENDAR_ICS, CALENDAR_ATOM = "releases.html", "releases.ics", "releases.atom"
"""The release calendar of each language, beside its catalogue page."""
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


class Outline(NamedTuple):
    """What a build reads of a public dataset besides its own outputs: kept in the build's manifest under the
    dataset's key, so that a rebuild does not make an unchanged dataset to know it."""

    related: tuple[str, ...]
    has_codebook: bool
    has_package: bool
    sdmx: SdmxOutline
    """Of a statistical dataset (an SDMX data structure and dataflow): its publisher, version and themes."""

    def as_json(self) -> list[Any]:
        return [list(self.related), self.has_codebook, self.has_package,
                None if self.sdmx is None else [self.sdmx[0], self.sdmx[1], list(self.sdmx[2])]]

    @classmethod
    def from_json(cls, row: Any) -> Outline | None:
        """The kept form read back (None when absent or not one)."""
        try:
            related, has_codebook, has_package, sdmx = row
            return cls(tuple(map(str, related)), bool(has_codebook), bool(has_package), None if sdmx is None else
                       (str(sdmx[0]), str(sdmx[1]), tuple(map(str, sdmx[2]))))
        except (TypeError, ValueError, IndexError):
            return None


@dataclass(frozen=True)
class Page:
    """Where a page lies for one language."""

    language: str
    prefix: str
    """'' for the default language, '<lang>/' for the others."""


def json_for_script(document: Any) -> str:
    """JSON that cannot close or comment out its <script> element: ``<``, ``>`` and ``&`` as JSON
    escapes (``\\u003c``...), which every JSON reader turns back into the same text."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))  # the C encoder: indent is 5x slower
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


class SiteBuilder:
    """Writes a complete site for a public view into an empty folder."""

    def __init__(self, view: PublicView, source_root: Path, base_url: str | None = None,
                 strip_confidential: bool = False, vocab: Vocabulary | None = None) -> None:
        self.vocab = vocab or vocabulary()
        self.source_root = source_root
        base = base_url or view.info.base_uri
        self.base_url = base if base.endswith("/") else base + "/"
        self.packages = DataPackageBuilder(view, source_root, strip_confidential, self.vocab)
        self.view = view = self.packages.served_view()
        """Sizes and checksums are those of the bytes the site serves."""
        self.schema_org = SchemaOrgBuilder(view, self.vocab)
        self.codebooks = DdiBuilder(view, source_root, self.vocab)
        self.env = Environment(loader=PackageLoader("catalogue", "site_templates"), extensions=["jinja2.ext.i18n"],
                               autoescape=select_autoescape(["html", "xml"]), keep_trailing_newline=True,
                               bytecode_cache=COMPILED_TEMPLATES)
        self.memo: BuildMemo | None = None
        """Set by a build into a folder built before: outputs whose inputs did not change are taken from it."""
        default = view.info.default_language
        self.pages = [Page(lang, "" if lang == default else f"{lang}/") for lang in view.info.languages]
        self._translations: dict[str, NullTranslations] = {}
        self._dataset_keys: dict[str, str] = {}
        self._outlines: dict[str, Outline] = {}
        self._themes = {theme.id: theme for theme in view.info.themes}

    # -- the plan ------------------------------------------------------------------------------
    def steps(self) -> list[tuple[str, Callable[[Path], None]]]:
        """Every unit of work, named, so that a progress bar can follow. The feeds and the datasets' own outputs (in
        chunks) are steps apart (``Apart``), which ``build_site`` may hand to other cores while it makes the rest."""
        steps: list[tuple[str, Callable[[Path], None]]] = [("dataset folders", self.make_dataset_folders)]
        steps += [(name, Apart(write)) for name, write in (  # the longest first: workers take them in this order
            ("DCAT-AP", self.write_rdf), ("SDMX", self.write_sdmx), ("schema.org", self.write_schema_org),
            ("DCAT-US", self.write_dcat_us))]
        ids = list(self.view.datasets)  # ids only: a large catalogue's datasets are made again when read
        size = max(1, min(DATASETS_PER_CHUNK, -(-len(ids) // (4 * available_cores()))))
        for start in range(0, len(ids), size):
            chunk = ids[start:start + size]
            steps.append((chunk[0] if len(chunk) == 1 else f"{chunk[0]} – {chunk[-1]}",
                          Apart(partial(self.write_dataset_outputs, dataset_ids=chunk))))
        steps += [("data files", self.write_data_files), ("style", self.write_style)]
        steps.append(("catalogue pages", self.write_catalogue_pages))
        for page in self.pages:
            steps.append((f"{page.language}: release calendar", partial(self.write_calendar, page=page)))
        steps.append(("sitemap", self.write_sitemap))
        if self.memo is not None:
            steps.append(("build keys", self.memo.save))  # last: every output's key is known
        return steps

    def shared_inputs(self) -> str:
        """A fingerprint of what every page is made from besides its own record: the catalogue record, the shared
        records, the build's options and the office's interface translations."""
        view = self.view
        records = [record_data(view.info)] + [
            {key: record_data(record) for key, record in sorted(group.items())}
            for group in (view.agencies, view.licences, view.terms, view.concept_schemes, view.codelists)]
        office = [Path(path).read_bytes().decode("utf-8", "replace")
                  for page in self.pages for path in office_files(self.source_root, page.language)]
        return fingerprint(records, self.base_url, self.packages.strip_confidential, office)

    # -- feeds ---------------------------------------------------------------------------------
    def dataset_key(self, dataset: Dataset | str) -> str:
        """A hash of a public dataset as published (the dataset, or its id; computed once per build): the view's,
        known without making the dataset, else its record's."""
        dataset_id = dataset if isinstance(dataset, str) else dataset.id
        if dataset_id not in self._dataset_keys:
            known = self.view.keys.get(dataset_id)
            if known is None:
                known = record_fingerprint(self.view.datasets[dataset_id] if isinstance(dataset, str) else dataset)
            self._dataset_keys[dataset_id] = known
        return self._dataset_keys[dataset_id]

    def outline(self, dataset_id: str) -> Outline:
        """What the build reads of a public dataset besides its outputs: from the previous build when it had the
        dataset as it is now, else from the dataset (made); kept in this build's manifest."""
        outline = self._outlines.get(dataset_id)
        if outline is not None:
            return outline
        key = self.memo.key("outline", self.dataset_key(dataset_id)) if self.memo is not None else ""
        outline = Outline.from_json(self.memo.outlines_before.get(key)) if self.memo is not None else None
        if outline is None:
            outline = self.outline_of(self.view.datasets[dataset_id])
        if self.memo is not None:
            self.memo.outlines[key] = outline.as_json()
        self._outlines[dataset_id] = outline
        return outline

    def outline_of(self, dataset: Dataset) -> Outline:
        return Outline(tuple(dataset.related), self.codebooks.has_codebook(dataset), self.packages.has_package(dataset),
                       sdmx_outline(dataset))

    def prepare(self) -> None:
        """Every public dataset's key and outline, before the steps (forked workers inherit them): only datasets
        the previous build did not have as they are now are made here (a first build makes every one, once)."""
        for dataset_id in self.view.datasets:
            self.outline(dataset_id)

    def write_rdf(self, out: Path) -> None:
        """The DCAT-AP feeds, each resource made once and written in every format; a dataset's part is copied
        from the previous build when the dataset and the controlled values typed before it are unchanged."""
        builder = DcatBuilder(self.view, self.vocab)
        formats = {path: SERIALIZATIONS[rdf_format] for path, rdf_format in RDF_FEEDS.items()}
        feeds = PartedFeeds(self.memo, "dcat", out, list(formats))
        try:
            head = list(builder.head_resources())
            feeds.write({path: form.head + form.resource(head[0])[form.first_cut:]
                         + "".join(form.resource(resource) for resource in head[1:])
                         for path, form in formats.items()})
            typed_before = fingerprint(sorted(builder.typed))
            for dataset_id in self.view.datasets:  # an unchanged dataset is not made: its part is copied
                key = self.memo.key("dcat", self.dataset_key(dataset_id), typed_before) if self.memo else ""
                adds = feeds.reuse(key) if self.memo else None
                if adds is None:
                    known = set(builder.typed)
                    resources = list(builder.dataset_resources(self.view.datasets[dataset_id]))
                    adds = sorted(builder.typed - known)
                    feeds.part(key, {path: "".join(form.resource(resource) for resource in resources)
                                     for path, form in formats.items()}, adds)
                else:
                    builder.typed.update(IRI(value) for value in adds)
                typed_before = fingerprint(typed_before, adds)
            feeds.write({path: form.tail for path, form in formats.items()})
        finally:
            feeds.close()

    def _write_json_feed(self, out: Path, path: str, document: dict[str, Any], keep_empty: bool,
                         item: Callable[[Dataset], Any], *inputs: Any) -> None:
        """A JSON feed with one item per dataset, each item's text copied from the previous build when the
        dataset (and ``inputs``) are unchanged."""
        frame = json_frame(document, keep_empty)
        feeds = PartedFeeds(self.memo, path, out, [path])
        try:
            if not self.view.datasets:
                feeds.write({path: frame.empty})
                return
            feeds.write({path: frame.before})
            for index, dataset_id in enumerate(self.view.datasets):
                key = self.memo.key(path, self.dataset_key(dataset_id), index == 0, *inputs) if self.memo else ""
                if not self.memo or feeds.reuse(key) is None:
                    feeds.part(key, {path: frame.item(item(self.view.datasets[dataset_id]), index == 0)})
            feeds.write({path: frame.after})
        finally:
            feeds.close()

    def write_dcat_us(self, out: Path) -> None:
        builder = DcatUsBuilder(self.view, self.vocab)
        self._write_json_feed(out, "data.json", builder.catalogue(STREAMED), True, builder.dataset,
                              self.view.as_of.date().isoformat())  # the date a dataset without one is given

    def write_schema_org(self, out: Path) -> None:
        builder = SchemaOrgBuilder(self.view, self.vocab)
        self._write_json_feed(out, SCHEMA_ORG_FEED, builder.catalogue(STREAMED), False,
                              partial(builder.dataset, embedded=True))

    def write_sdmx(self, out: Path) -> None:
        """The SDMX-ML structure messages; each data structure, dataflow and categorisation of a dataset is copied
        from the previous build when the dataset is unchanged."""
        # updating a build in place, an unchanged artefact is never made; otherwise each is made once, at once (made
        # when written, a large catalogue's compact dataset would be made again for each of its six artefacts)
        lazy = self.memo is not None and self.memo.in_place
        structures = build_structures(self.view, self.vocab, lazy=lazy,
                                     outline=(lambda dataset_id: self.outline(dataset_id).sdmx) if lazy else None)
        (out / "sdmx").mkdir()
        for path, version in SDMX_FEEDS.items():
            feeds = PartedFeeds(self.memo, path, out, [path])
            try:
                def artefact(writer: XmlWriter, ref: Ref, write: Callable[[], None], path: str = path,
                             version: str = version, feeds: PartedFeeds = feeds) -> None:
                    if self.memo is None:
                        write()
                        return
                    key = self.memo.key("sdmx", version, ref.type, ref.agency, ref.id, ref.version,
                                        self.dataset_key(structures.origins[ref]))
                    writer.flush()
                    if feeds.reuse(key) is None:
                        def written() -> None:
                            write()
                            writer.flush()
                        feeds.written_part(key, written)

                export_sdmx(structures, cast(IO[bytes], feeds.streams[path]), DIALECTS[version],
                            header_id(self.view.info.id, self.view.as_of), self.view.as_of, artefact)
            finally:
                feeds.close()

    def sdmx(self, stream: IO[bytes], version: str, structures: Any = None) -> None:
        """The SDMX-ML structure message of the view in one version (``2.1`` or ``3.0``)."""
        export_sdmx(structures if structures is not None else build_structures(self.view, self.vocab), stream,
                    DIALECTS[version], header_id(self.view.info.id, self.view.as_of), self.view.as_of)

    def make_dataset_folders(self, out: Path) -> None:
        """The folders of the codebooks and Data Packages (there even when empty, as in every build)."""
        (out / "ddi").mkdir()
        (out / "datapackages").mkdir()

    def write_dataset_outputs(self, out: Path, dataset_ids: list[str]) -> None:
        """What each of these datasets has of its own: its page in every language, its DDI-Codebook 2.5 document
        (``ddi/<id>.xml``, when it has variables) and its Data Package (``datapackages/<id>/``)."""
        for dataset_id in dataset_ids:  # an unchanged dataset is not made: its outputs are left or copied
            outline = self.outline(dataset_id)
            for page in self.pages:
                self.write_dataset_page(out, page, dataset_id)
            if outline.has_codebook:
                self.write_codebook(out, dataset_id)
            if outline.has_package:
                self.write_package(out, dataset_id)

    def write_codebook(self, out: Path, dataset_id: str) -> None:
        relative = DDI_PATH.format(id=dataset_id)
        produced = self.view.as_of.astimezone(timezone.utc).date().isoformat()  # the codebook's production date
        if self.memo is not None and \
                self.memo.reuse(relative, self.memo.key("ddi", produced, self.dataset_key(dataset_id)), out / relative):
            return
        with (out / relative).open("wb") as stream:
            self.codebooks.write(self.view.datasets[dataset_id], stream, "2.5")

    def write_package(self, out: Path, dataset_id: str) -> None:
        relative = f"datapackages/{dataset_id}"
        if self.memo is not None and \
                self.memo.reuse_folder(relative, self.memo.key("package", self.dataset_key(dataset_id)), out / relative):
            return
        self.packages.write_package(self.view.datasets[dataset_id], out / relative)

    def write_data_files(self, out: Path) -> None:
        """Local data files of open datasets at their own path, where the DCAT download URL points."""
        with_files = self.view.with_local_files
        for dataset_id in [i for i in self.view.datasets if with_files is None or i in with_files]:
            dataset = self.view.datasets[dataset_id]
            for distribution in dataset.distributions:
                if distribution.path and self.view.is_open_access(dataset):
                    target = out / distribution.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    copied = self.packages.copy(dataset, distribution, target.parent)
                    if copied != target:
                        shutil.move(copied, target)

    def write_style(self, out: Path) -> None:
        template = self.env.loader.get_source(self.env, "site.css")[0]  # type: ignore[union-attr]
        (out / "site.css").write_text(template, encoding="utf-8")

    # -- pages ---------------------------------------------------------------------------------
    def gettext(self, language: str) -> NullTranslations:
        """The interface in ``language``: the package's catalogues with the office's ``i18n/`` over them (looked up
        once per builder: a build or an answer is made with one set of files)."""
        if language not in self._translations:
            self._translations[language] = translations(language, self.source_root)
        return self._translations[language]

    def label(self, text: dict[str, str] | None, language: str) -> str | None:
        """A controlled value's label in ``language`` (mapping, else the interface catalogues)."""
        return label(text, language, self.gettext(language))

    def alternates(self, relative: str, root: str) -> list[dict[str, str]]:
        return [{"lang": page.language, "name": autonym(page.language), "dir": direction(page.language),
                 "href": f"{root}{page.prefix}{relative}", "absolute": f"{self.base_url}{page.prefix}{relative}"}
                for page in self.pages]

    def common(self, page: Page, root: str, relative: str) -> dict[str, Any]:
        info = self.view.info
        return {
            "lang": page.language, "dir": direction(page.language), "root": root,
            "home": f"{root}{page.prefix}index.html",
            "catalogue_title": pick(info.title, page.language),
            "publisher": pick(self.view.agencies[info.publisher].name, page.language),
            "alternates": self.alternates(relative, root),
            "calendar": f"{root}{page.prefix}{CALENDAR_PAGE}",
        }

    def write_catalogue_pages(self, out: Path) -> None:
        """The catalogue's pages and its search index in every language. A page is keyed by its datasets as published
        (the datasets of a page not written again are not made), and the index's row of an unchanged dataset is
        copied from the previous build."""
        for page in self.pages:
            (out / page.prefix).mkdir(parents=True, exist_ok=True)
        ids = list(self.view.datasets)
        for number, name in enumerate(self.catalogue_page_names(), start=1):
            first = (number - 1) * DATASETS_PER_PAGE
            chosen = ids[first:first + DATASETS_PER_PAGE]
            keys = [self.dataset_key(dataset_id) for dataset_id in chosen]
            datasets: list[Dataset] | None = None
            for page in self.pages:
                target = out / page.prefix / name
                if self.memo is not None and self.memo.reuse(
                        f"{page.prefix}{name}", self.memo.key("catalogue page", page.language, number, len(ids), keys),
                        target):
                    continue
                datasets = datasets or [self.view.datasets[dataset_id] for dataset_id in chosen]
                target.write_text(self.catalogue_page(page, number, self.catalogue_entries(page, datasets)),
                                  encoding="utf-8")
        for page in self.pages:
            self.write_search_index(out, page)

    def write_search_index(self, out: Path, page: Page) -> None:
        relative = f"{page.prefix}{SEARCH_INDEX}"
        feeds = PartedFeeds(self.memo, relative, out, [relative])
        try:
            start, separator, end = ROWS
            feeds.write({relative: start})
            for index, dataset_id in enumerate(self.view.datasets):
                key = self.memo.key("search", page.language, self.dataset_key(dataset_id), index == 0) \
                    if self.memo else ""
                if not self.memo or feeds.reuse(key) is None:
                    row = self.search_row(page, self.view.datasets[dataset_id])
                    feeds.part(key, {relative: row if index == 0 else separator + row})
            feeds.write({relative: end})
        finally:
            feeds.close()

    def catalogue_page_names(self, total: int | None = None) -> list[str]:
        """The catalogue's pages: ``index.html``, then ``index-2.html``... (``DATASETS_PER_PAGE`` datasets each) of
        the view's datasets, or of ``total`` datasets (a server that reads one page of them)."""
        count = max(1, -(-(len(self.view.datasets) if total is None else total) // DATASETS_PER_PAGE))
        return [catalogue_page_name(number) for number in range(1, count + 1)]

    # -- the release calendar -------------------------------------------------------------------
    def write_calendar(self, out: Path, page: Page) -> None:
        folder = out / page.prefix
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CALENDAR_PAGE).write_text(self.calendar_page(page), encoding="utf-8")
        (folder / CALENDAR_ICS).write_bytes(self.calendar_ics(page))
        (folder / CALENDAR_ATOM).write_bytes(self.calendar_atom(page))

    def _calendar_urls(self, page: Page) -> tuple[str, Callable[[str], str]]:
        page_url = f"{self.base_url}{page.prefix}{CALENDAR_PAGE}"
        return page_url, lambda dataset_id: f"{self.base_url}{page.prefix}datasets/{dataset_id}/index.html"

    def calendar_ics(self, page: Page) -> bytes:
        """The release calendar in iCalendar, in the page's language."""
        page_url, dataset_url = self._calendar_urls(page)
        return write_ics(self.view.calendar, self.view.info, page.language, self.gettext(page.language).gettext,
                         page_url, dataset_url)

    def calendar_atom(self, page: Page) -> bytes:
        """Announcements and their changes as Atom, in the page's language."""
        page_url, dataset_url = self._calendar_urls(page)
        publisher = pick(self.view.agencies[self.view.info.publisher].name, page.language) or self.view.info.publisher
        return write_atom(self.view.calendar, self.view.info, page.language, self.gettext(page.language).gettext,
                          page_url, f"{self.base_url}{page.prefix}{CALENDAR_ATOM}", dataset_url, publisher)

    def not_found_page(self, page: Page) -> str:
        """The page a server answers for an address that names no page (links from the site's root, as the page
        may be answered at any depth)."""
        self.env.install_gettext_translations(TextOnly(self.gettext(page.language)), newstyle=True)  # type: ignore[attr-defined]
        return self.env.get_template("not_found.html").render(**self.common(page, "/", "index.html"))

    def calendar_page(self, page: Page) -> str:
        """The calendar page: upcoming releases by month, past releases with links, cancelled ones."""
        root = "../" if page.prefix else ""
        gettext = self.gettext(page.language).gettext
        released = [e for e in self.view.calendar if e.status == "released"]
        cancelled = [e for e in self.view.calendar if e.status == "cancelled"]
        upcoming = [e for e in self.view.calendar if e.status not in ("released", "cancelled")]
        months: list[dict[str, Any]] = []
        for entry in upcoming:
            name = month_name(entry.planned, page.language)
            if not months or months[-1]["name"] != name:
                months.append({"name": name, "releases": []})
            months[-1]["releases"].append(self.release_context(entry, page, gettext))
        self.env.install_gettext_translations(TextOnly(self.gettext(page.language)), newstyle=True)  # type: ignore[attr-defined]
        return self.env.get_template("calendar.html").render(
            **self.common(page, root, CALENDAR_PAGE), upcoming=months,
            past=[self.release_context(e, page, gettext) for e in reversed(released)],
            cancelled=[self.release_context(e, page, gettext) for e in cancelled],
            ics=CALENDAR_ICS, atom=CALENDAR_ATOM)

    def release_context(self, entry: CalendarEntry, page: Page, gettext: Callable[[str], str]) -> dict[str, Any]:
        language = page.language
        return {
            "key": entry.key, "title": pick(entry.title, language), "description": pick(entry.description, language),
            "href": f"datasets/{entry.dataset}/index.html" if entry.dataset else None,
            "datetime": entry.planned.isoformat(), "when": moment(entry.planned),
            "status": gettext(STATUS_NAMES[entry.status]), "series": pick(entry.series, language),
            "reason": pick(entry.reason, language),
            "history": [{"datetime": c.planned.isoformat(), "when": moment(c.planned),
                         "reason": pick(c.reason, language)} for c in entry.history],
        }

    def write_dataset_page(self, out: Path, page: Page, dataset_id: str) -> None:
        relative = f"{page.prefix}datasets/{dataset_id}/index.html"
        target = out / relative
        if self.memo is not None:  # the page shows the titles of the related datasets: keyed by them as published
            related = [self.dataset_key(other) for other in self.outline(dataset_id).related]
            if self.memo.reuse(relative, self.memo.key("dataset page", page.language, self.dataset_key(dataset_id),
                                                       related), target):
                return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.dataset_page(page, self.view.datasets[dataset_id]), encoding="utf-8")

    def page(self, language: str) -> Page | None:
        """The page set of a language of the catalogue."""
        return next((page for page in self.pages if page.language == language), None)

    def catalogue_entries(self, page: Page, datasets: list[Dataset]) -> list[dict[str, Any]]:
        """What a page of the catalogue lists of its datasets, in one language."""
        themes = {theme.id: theme for theme in self.view.info.themes}
        gettext = self.gettext(page.language).gettext
        entries = []
        for dataset in datasets:
            title = pick(dataset.title, page.language) or dataset.id
            theme_names = [name for t in dataset.themes if (name := pick(themes[t].name, page.language))]
            terms = self.view.terms_of(dataset)
            access = None if self.view.is_open_access(dataset) else \
                f"{gettext('Access')}: {self.label(self.vocab.access_levels[terms.access_level].label, page.language)}"
            entries.append({
                "href": f"datasets/{dataset.id}/index.html", "title": title, "themes": theme_names,
                "summary": shorten(pick(dataset.description, page.language) or "", 240), "access": access,
            })
        return entries

    def catalogue_page(self, page: Page, number: int = 1, entries: list[dict[str, Any]] | None = None,
                       total: int | None = None) -> str:
        """The HTML of one page of the catalogue in one language (the static site and the server both use it):
        ``DATASETS_PER_PAGE`` datasets, links to the other pages; the filter searches all of them. ``total``: how
        many datasets the catalogue lists when the view holds only this page's (``entries``)."""
        root = "../" if page.prefix else ""
        if entries is None:
            first = (number - 1) * DATASETS_PER_PAGE
            entries = self.catalogue_entries(page, [self.view.datasets[dataset_id] for dataset_id in
                                                    islice(self.view.datasets, first, first + DATASETS_PER_PAGE)])
        names = self.catalogue_page_names(total)
        self.env.install_gettext_translations(TextOnly(self.gettext(page.language)), newstyle=True)  # type: ignore[attr-defined]
        html = self.env.get_template("catalogue.html").render(
            **self.common(page, root, names[number - 1]),
            description=pick(self.view.info.description, page.language), datasets=entries,
            count=len(self.view.datasets) if total is None else total, number=number, pages=page_links(number, names),
            search_index=SEARCH_INDEX, matches_shown=MATCHES_SHOWN,
            feeds=[{"href": f"{root}{path}", "type": media, "name": name} for path, media, name in FEEDS])
        return html

    def search_index(self, page: Page, datasets: Iterable[Dataset] | None = None) -> Iterator[str]:
        """Every public dataset of the catalogue (the view's, or ``datasets`` as they come) for the filter of its
        pages, in one language: its id, its title and the other words it is found by (keywords, themes), as JSON
        written a row at a time; loaded when someone types a filter."""
        start, separator, end = ROWS
        yield start
        for index, dataset in enumerate(self.view.datasets.values() if datasets is None else datasets):
            row = self.search_row(page, dataset)
            yield row if index == 0 else separator + row
        yield end

    def search_row(self, page: Page, dataset: Dataset) -> str:
        """A dataset's row of the search index in one language."""
        title = pick(dataset.title, page.language) or dataset.id
        words = [*(dataset.keywords or {}).get(page.language, []),
                 *(name for t in dataset.themes if (name := pick(self._themes[t].name, page.language)))]
        return json.dumps([dataset.id, title, " ".join(words)], ensure_ascii=False, separators=(",", ":"))

    def dataset_page(self, page: Page, dataset: Dataset) -> str:
        """The HTML of a dataset page in one language."""
        root = "../../" + ("../" if page.prefix else "")
        relative = f"datasets/{dataset.id}/index.html"
        self.env.install_gettext_translations(TextOnly(self.gettext(page.language)), newstyle=True)  # type: ignore[attr-defined]
        html = self.env.get_template("dataset.html").render(
            **self.common(page, root, relative),
            d=self.dataset_context(dataset, page.language, root),
            machine_links=self.machine_links(dataset, root),
            json_ld=json_for_script(self.schema_org.dataset(dataset)))
        return html

    def machine_links(self, dataset: Dataset, root: str) -> list[dict[str, str]]:
        links = [{"href": f"{root}{path}", "type": media, "name": name} for path, media, name in FEEDS
                 if not path.startswith("sdmx/") or dataset.is_statistical]
        if self.codebooks.has_codebook(dataset):
            links.append({"href": f"{root}{DDI_PATH.format(id=dataset.id)}", "type": "application/xml",
                          "name": "DDI-Codebook 2.5"})
        if self.packages.has_package(dataset):
            links.append({"href": f"{root}datapackages/{dataset.id}/datapackage.json",
                          "type": "application/json", "name": "Frictionless Data Package v2"})
        return links

    def dataset_context(self, dataset: Dataset, language: str, root: str) -> dict[str, Any]:
        themes = {theme.id: theme for theme in self.view.info.themes}
        terms = self.view.terms_of(dataset)
        licence = self.view.licence_of(dataset)
        contact = self.view.contact(dataset.contact_point)
        coverage = dataset.temporal_coverage
        return {
            "title": pick(dataset.title, language), "description": pick(dataset.description, language),
            "restricted": not self.view.is_open_access(dataset),
            "keywords": (dataset.keywords or {}).get(language, []),
            "themes": [pick(themes[t].name, language) for t in dataset.themes],
            "temporal": " – ".join(d.isoformat() for d in (coverage.start, coverage.end) if d) if coverage else None,
            "spatial": [pick(p.name, language) or p.uri for p in dataset.spatial_coverage],
            "issued": dataset.issued.isoformat() if dataset.issued else None,
            "modified": dataset.modified.isoformat() if dataset.modified else None,
            "version": dataset.version,
            "frequency": self.label(self.vocab.frequencies[dataset.frequency].label, language) if dataset.frequency else None,
            "publisher": pick(self.view.agencies[dataset.publisher].name, language),
            "contact": {"name": pick(contact.name, language), "email": contact.email} if contact else None,
            "variables": [self.variable_context(v, language) for v in dataset.variables],
            "licence": {"url": licence.url, "title": pick(licence.title, language)} if licence else None,
            "terms": {
                "level": self.label(self.vocab.access_levels[terms.access_level].label, language),
                "type": self.label(self.vocab.access_types[terms.access_type].label, language),
                "conditions": pick(terms.conditions, language), "application_url": terms.application_url,
                "citation": pick(terms.citation_requirement, language),
                "confidentiality": pick(terms.confidentiality_statement, language),
                "disclaimer": pick(terms.disclaimer, language)},
            "quality": pick(dataset.quality_statement, language), "provenance": pick(dataset.provenance, language),
            "study": self.study_context(dataset, language),
            "distributions": [self.distribution_context(dataset, d, language, root) for d in dataset.distributions],
            "related": [{"href": f"../{other}/index.html",
                         "title": pick(self.view.datasets[other].title, language)} for other in dataset.related],
        }

    @staticmethod
    def study_context(dataset: Dataset, language: str) -> dict[str, str | None] | None:
        """How a survey was made, as a microdata library's study page shows it."""
        study = dataset.study
        if study is None:
            return None
        fields = {name: pick(getattr(study, name), language) for name in
                  ("kind_of_data", "analysis_unit", "universe", "sampling", "data_collection", "response_rate")}
        public_weight = study.weight if any(v.id == study.weight for v in dataset.variables) else None
        return {**fields, "weight": public_weight} if any(fields.values()) or public_weight else None

    def variable_context(self, variable: Variable, language: str) -> dict[str, Any]:
        codelist = self.view.codelists.get(variable.codelist or "")
        return {
            "id": variable.id, "label": pick(variable.label, language),
            "description": pick(variable.description, language),
            "question": pick(variable.question, language),
            "role": self.gettext(language).gettext(ROLE_NAMES[variable.role]), "type": self.gettext(language).gettext(DATA_TYPE_NAMES[variable.data_type])
            if variable.data_type in DATA_TYPE_NAMES else variable.data_type,
            "unit": pick(variable.unit, language),
            "codelist": self.codelist_context(codelist, language) if codelist else None,
            "missing": [{"code": m.code, "label": pick(m.label, language)} for m in variable.missing_values],
        }

    def codelist_context(self, codelist: Codelist, language: str) -> dict[str, Any]:
        parents = {code.id: code.parent for code in codelist.codes}

        def depth(code_id: str) -> int:
            level, current, seen = 0, parents.get(code_id), {code_id}
            while current is not None and current not in seen:  # check refuses cycles; never loop anyway
                seen.add(current)
                level, current = level + 1, parents.get(current)
            return level

        return {"name": pick(codelist.name, language),
                "codes": [{"id": code.id, "name": pick(code.name, language), "depth": depth(code.id)}
                          for code in codelist.codes]}

    def distribution_context(self, dataset: Dataset, distribution: Distribution, language: str,
                             root: str) -> dict[str, Any]:
        file_format = self.vocab.file_formats[distribution.format]
        download = distribution.download_url
        if distribution.path and self.view.is_open_access(dataset):
            download = f"{root}{quote(distribution.path.replace(chr(92), '/'), safe='/@$-_.~')}"
        return {"title": pick(distribution.title, language) or self.label(file_format.label, language),
                "format": self.label(file_format.label, language), "description": pick(distribution.description, language),
                "download": download, "access": distribution.access_url}

    def write_sitemap(self, out: Path) -> None:
        """The sitemap (and its parts), each left as it was when the datasets' ids are the same."""
        ids = list(self.view.datasets)
        key = self.memo.key("sitemap", *ids) if self.memo is not None else ""
        for name in ["sitemap.xml", *sitemap_part_names(self.sitemap_parts(ids))]:
            if self.memo is not None and self.memo.reuse(name, key, out / name):
                continue
            made = self.sitemap(ids) if name == "sitemap.xml" else self.sitemap_part(ids, sitemap_part_number(name))
            (out / name).write_text(made or "", encoding="utf-8")

    def _sitemap_relatives(self, ids: list[str]) -> list[str]:
        count = max(1, -(-len(ids) // DATASETS_PER_PAGE))
        return [*(catalogue_page_name(n) for n in range(1, count + 1)), CALENDAR_PAGE,
                *(f"datasets/{d}/index.html" for d in ids)]

    def _relatives_per_part(self) -> int:
        return max(1, URLS_PER_SITEMAP // len(self.pages))

    def sitemap_parts(self, ids: list[str]) -> int:
        """How many files the sitemap's addresses take (1: ``sitemap.xml`` holds them; more: it is their index)."""
        return max(1, -(-len(self._sitemap_relatives(ids)) // self._relatives_per_part()))

    def sitemap(self, ids: list[str] | None = None) -> str:
        """The sitemap of every page with its language alternates (``ids``: the public datasets, by default the
        view's); when its addresses pass ``URLS_PER_SITEMAP``, the index of its parts (``sitemap-N.xml``), so that
        each file stays within the sitemap protocol's limits (50,000 addresses, 50 MB)."""
        ids = list(self.view.datasets) if ids is None else ids
        parts = self.sitemap_parts(ids)
        if parts == 1:
            return self._urlset(self._sitemap_relatives(ids))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                 *(f"  <sitemap><loc>{_xml(self.base_url + name)}</loc></sitemap>" for name in sitemap_part_names(parts)),
                 "</sitemapindex>"]
        return "\n".join(lines) + "\n"

    def sitemap_part(self, ids: list[str], number: int) -> str | None:
        """Part ``number`` (from 1) of a sitemap of several files, or ``None`` when there is no such part."""
        parts = self.sitemap_parts(ids)
        if parts == 1 or not 1 <= number <= parts:
            return None
        size = self._relatives_per_part()
        return self._urlset(self._sitemap_relatives(ids)[(number - 1) * size:number * size])

    def _urlset(self, relatives: list[str]) -> str:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
        for relative in relatives:
            alternates = self.alternates(relative, "")
            for alternate in alternates:
                lines.append(f"  <url><loc>{_xml(alternate['absolute'])}</loc>")
                lines += [f'    <xhtml:link rel="alternate" hreflang="{other["lang"]}" href="{_xml(other["absolute"])}"/>'
                          for other in alternates]
                lines.append("  </url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"


URLS_PER_SITEMAP = 10_000
"""Addresses of one sitemap file at most (the protocol allows 50,000 and 50 MB: each address here carries a link
per language, so a file stays well within both)."""


def sitemap_part_names(parts: int) -> list[str]:
    """The files of a sitemap of ``parts`` parts beside ``sitemap.xml`` (none when it holds every address)."""
    return [f"sitemap-{number}.xml" for number in range(1, parts + 1)] if parts > 1 else []


def sitemap_part_number(name: str) -> int:
    return int(name.removeprefix("sitemap-").removesuffix(".xml"))


ROWS = ("[", ",\n", "]\n")
"""A JSON list of rows already written as JSON, one a line: its start, the separator, its end."""


def catalogue_page_name(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


def page_links(number: int, names: list[str], around: int = 2) -> list[dict[str, Any]]:
    """The links of a page bar: the first and last pages, and those near the current one (None: a gap)."""
    shown = sorted({1, len(names), *range(max(1, number - around), min(len(names), number + around) + 1)})
    links: list[dict[str, Any]] = []
    for previous, current in zip([0, *shown], shown):
        if current - previous > 1:
            links.append({"gap": True})
        links.append({"number": current, "href": names[current - 1], "current": current == number})
    return links if len(names) > 1 else []


def _xml(text: str) -> str:
    from catalogue.formats.xmlwriter import escape_attribute

    return escape_attribute(text)


@dataclass(frozen=True)
class Apart:
    """A step of a build that writes outputs of its own, which no other step reads: a forked worker may make it
    (a catalogue-wide feed, or a chunk of datasets' own outputs)."""

    run: Callable[[Path], None]

    def __call__(self, out: Path) -> None:
        self.run(out)


class _CompiledTemplates(BytecodeCache):
    """The templates compiled once per process, whichever builder renders them (each builder keeps an environment
    of its own: the translations it installs are its own). A template is known by its name and the checksum of its
    source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()

DATASETS_PER_CHUNK = 250
_forked_builder: SiteBuilder | None = None
"""The builder a forked worker inherits (set only while a pool runs)."""
WorkerResult = tuple[dict[str, str], dict[str, dict[str, Any]], int]
"""What a worker's step recorded in the build memo: output keys, feeds' parts, outputs reused."""


def _step_in_worker(out: Path, index: int) -> WorkerResult:
    """Step ``index`` of the build, made in a forked worker (which inherited the builder): what it recorded in the
    memo, for the parent."""
    builder = _forked_builder
    assert builder is not None
    memo = builder.memo
    if memo is not None:
        memo.keys, memo.parts, memo.reused = {}, {}, 0
    builder.steps()[index][1](out)
    return (memo.keys, memo.parts, memo.reused) if memo is not None else ({}, {}, 0)


def build_site(builder: SiteBuilder, out: Path, advance: Callable[[str], None] | None = None) -> None:
    """Run every step into ``out`` (an empty folder), telling ``advance`` after each. In a large catalogue, when
    this process may fork (one thread), the steps apart (the feeds, the dataset chunks) go to forked workers, and
    this process makes the others meanwhile; the workers' keys are gathered before the last step, which writes
    them. Each output is written by one process, so the folder is the same either way."""
    builder.prepare()
    steps = builder.steps()
    if not (fans_out(len(builder.view.datasets)) and can_fork()):
        for name, step in steps:
            step(out)
            if advance:
                advance(name)
        return
    global _forked_builder
    _forked_builder = builder
    try:
        with forked_pool() as pool:
            pending = [(name, pool.submit(_step_in_worker, out, index))  # the workers fork at the first
                       for index, (name, step) in enumerate(steps) if isinstance(step, Apart)]
            for index, (name, step) in enumerate(steps):
                if isinstance(step, Apart):
                    continue
                if index == len(steps) - 1:
                    _gather(builder, pending, advance)
                step(out)
                if advance:
                    advance(name)
            _gather(builder, pending, advance)
    finally:
        _forked_builder = None


def _gather(builder: SiteBuilder, pending: list[tuple[str, Future[WorkerResult]]],
            advance: Callable[[str], None] | None) -> None:
    """The workers' results, in order (the first failure raised is the one a single process meets first)."""
    while pending:
        name, future = pending.pop(0)
        keys, parts, reused = future.result()
        if builder.memo is not None:
            builder.memo.keys.update(keys)
            builder.memo.parts.update(parts)
            builder.memo.reused += reused
        if advance:
            advance(name)


__all__ = ["FEEDS", "SiteBuilder", "build_site"]
