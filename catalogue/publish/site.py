"""``catalogue build``: every public output and an HTML page per dataset and language, in one folder.

The default language is at the root (``index.html``, ``datasets/<id>/index.html``), every other
language under ``<lang>/``. Links between pages are relative, so the site works from any web
server or from disk; ``--base-url`` is where it will be served (for the sitemap and the
``hreflang`` alternates).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import timezone
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

from catalogue.formats.datapackage import DataPackageBuilder
from catalogue.formats.dcat import DcatBuilder
from catalogue.formats.jsonstream import STREAMED, json_frame
from catalogue.formats.sdmx import build_structures, export_sdmx
from catalogue.formats.sdmx.dialect import DIALECTS
from catalogue.formats.sdmx.structures import Ref, sdmx_outline
from catalogue.publish.outline import Outline
from catalogue.publish.citations import citation_names, write_citations
from catalogue.formats.datacite import has_datacite
from catalogue.formats.sdmx.writer import header_id
from catalogue.support.processes import available_cores, can_fork, fans_out, forked_pool
from catalogue.formats.xmlwriter import XmlWriter
from catalogue.publish.memo import BuildMemo, PartedFeeds
from catalogue.support.hashing import fingerprint, record_fingerprint
from catalogue.rdf import IRI
from catalogue.rdf.writers import SERIALIZATIONS
from catalogue.formats.ddi import DdiBuilder
from catalogue.i18n import office_files
from catalogue.model import Dataset
from catalogue.policy.view import PublicView
from catalogue.records.writer import record_data
from catalogue.vocab import Vocabulary, vocabulary

from catalogue.publish.pages import Page, Pages, ROWS
from catalogue.publish.report_page import report_relative
from catalogue.publish.series_page import series_relative
from catalogue.publish import paths
from catalogue.publish.filter_index import FILTER_FOLDER, filter_parts, write_filter
from catalogue.publish.report_keys import ReportKeys
from catalogue.publish.feeds import write_report_messages, write_sdmx_structures
from catalogue.publish.paths import CALENDAR_PAGE, SEARCH_INDEX, sitemap_part_names, sitemap_part_number
from catalogue.formats.registry import (CALENDAR_ATOM, CALENDAR_ICS, DDI_PATH, FEEDS, JSON_FEEDS, RDF_FEEDS, SDMX_FEEDS,
                                        Output)


class SiteBuilder(Pages):
    """Writes a complete site for a public view into an empty folder."""

    def __init__(self, view: PublicView, source_root: Path, base_url: str | None = None,
                 strip_confidential: bool = False, vocab: Vocabulary | None = None) -> None:
        vocab = vocab or vocabulary()
        self.packages = DataPackageBuilder(view, source_root, strip_confidential, vocab)
        super().__init__(self.packages.served_view(), source_root, base_url, vocab)
        """Sizes and checksums are those of the bytes the site serves."""
        self.codebooks = DdiBuilder(self.view, source_root, self.vocab)
        self.memo: BuildMemo | None = None
        """Set by a build into a folder built before: outputs whose inputs did not change are taken from it."""
        self._dataset_keys: dict[str, str] = {}
        self.report_keys = ReportKeys(self.view)
        self._outlines: dict[str, Outline] = {}

    # -- the plan ------------------------------------------------------------------------------
    def steps(self) -> list[tuple[str, Callable[[Path], None]]]:
        """Every unit of work, named, so that a progress bar can follow. The feeds and the datasets' own outputs (in
        chunks) are steps apart (``Apart``), which ``build_site`` may hand to other cores while it makes the rest."""
        steps: list[tuple[str, Callable[[Path], None]]] = [("dataset folders", self.make_dataset_folders)]
        steps += [("DCAT-AP", Apart(self.write_rdf)), ("SDMX", Apart(self.write_sdmx))]  # the longest first
        steps += [(output.label, Apart(partial(self.write_json_feed, output=output))) for output in JSON_FEEDS]
        ids = list(self.view.datasets)  # ids only: a large catalogue's datasets are made again when read
        size = max(1, min(DATASETS_PER_CHUNK, -(-len(ids) // (4 * available_cores()))))
        for start in range(0, len(ids), size):
            chunk = ids[start:start + size]
            steps.append((chunk[0] if len(chunk) == 1 else f"{chunk[0]} – {chunk[-1]}",
                          Apart(partial(self.write_dataset_outputs, dataset_ids=chunk))))
        steps += [("data files", self.write_data_files), ("style", self.write_style)]
        steps.append(("catalogue pages", self.write_catalogue_pages))
        steps.append(("series pages", self.write_series_pages))
        steps.append(("report pages", self.write_report_pages))
        for page in self.pages:
            steps.append((f"{page.language}: release calendar", partial(self.write_calendar, page=page)))
        steps.append(("sitemap", self.write_sitemap))
        if self.memo is not None:
            steps.append(("build keys", self.memo.save))  # last: every output's key is known
        return steps

    def shared_inputs(self) -> str:
        """A fingerprint of what every page is made from besides its own record: the catalogue record, the shared
        records (the data structures whose variables a dataset takes among them), the build's options and the office's interface translations."""
        view = self.view
        records = [record_data(view.info)] + [
            {key: record_data(record) for key, record in sorted(group.items())}
            for group in (view.agencies, view.licences, view.terms, view.concept_schemes, view.codelists,
                          view.data_structures, view.series)] + [
            sorted(view.codelist_keys.items()), sorted(view.concept_keys.items()),
            sorted(view.structure_keys.items())]  # what references name
        office = [Path(path).read_bytes().decode("utf-8", "replace")
                  for page in self.pages for path in office_files(self.source_root, page.language)]
        return fingerprint(records, self.base_url, self.packages.strip_confidential, office)

    # -- feeds ---------------------------------------------------------------------------------
    def dataset_key(self, dataset: Dataset | str) -> str:
        """A hash of a public dataset as published (the dataset, or its id; computed once per build): the view's,
        known without making the dataset, else its record's; with what its outputs say of the others."""
        dataset_id = dataset if isinstance(dataset, str) else dataset.id
        if dataset_id not in self._dataset_keys:
            known = self.view.keys.get(dataset_id)
            if known is None:
                known = record_fingerprint(self.view.datasets[dataset_id] if isinstance(dataset, str) else dataset)
            placement = self.view.placement(dataset_id)  # its neighbours in its series, its newer versions
            self._dataset_keys[dataset_id] = fingerprint(known, placement) if any(placement) else known
        return self._dataset_keys[dataset_id]

    def series_key(self) -> str:
        """A hash of the public series as published: their records, and what each names (``named_by_series``) as
        published."""
        return fingerprint([record_data(series) for series in self.view.series.values()],
                           [(i, self.dataset_key(i)) for s in self.view.series for i in self.named_by_series(s)])

    def releases_key(self, series_id: str) -> str:
        """A hash of a series as published and of its releases in order (what its SDMX dataflow says)."""
        return fingerprint(record_data(self.view.series[series_id]),
                           [(i, self.dataset_key(i)) for i in self.view.releases.get(series_id, ())])

    def named_by_series(self, series_id: str) -> list[str]:
        """The public datasets a series' outputs name: its releases, the versions they replace, its withdrawn
        releases and the versions that replace these."""
        releases = self.view.releases.get(series_id, ())
        withdrawn = self.view.withdrawn_releases.get(series_id, ())
        return [*releases, *(self.view.replaces[i] for i in releases if i in self.view.replaces), *withdrawn,
                *(newer for i in withdrawn for newer in self.view.newer_versions.get(i, ()))]

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
                       has_datacite(dataset), sdmx_outline(dataset))

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
                key = self.memo.key("dcat", self.dataset_key(dataset_id), typed_before,  # and its reports
                                    [self.report_keys.of(r.id) for r in self.view.reports_on("dataset", dataset_id)]) \
                    if self.memo else ""
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

    def write_json_feed(self, out: Path, output: Output) -> None:
        """A catalogue-wide JSON feed with one item per dataset, each item's text copied from the previous build
        when the dataset and what the feed's items are made from besides it are unchanged."""
        feed = output.json_feed()
        builder = feed.builder(self.view, self.vocab)
        inputs = feed.item_inputs(self.view)
        path = output.path
        frame = json_frame(builder.catalogue(STREAMED), feed.keep_empty)
        feeds = PartedFeeds(self.memo, path, out, [path])
        try:
            if not self.view.datasets:
                feeds.write({path: frame.empty})
                return
            feeds.write({path: frame.before})
            for index, dataset_id in enumerate(self.view.datasets):
                key = self.memo.key(path, self.dataset_key(dataset_id), index == 0,
                                    self.report_keys.of_dataset(dataset_id), *inputs) if self.memo else ""
                if not self.memo or feeds.reuse(key) is None:
                    item = feed.item(builder, self.view.datasets[dataset_id])
                    feeds.part(key, {path: frame.item(item, index == 0)})
            if feed.closing is not None:  # the series' items: made again when a series or a release changes
                key = self.memo.key(path, "closing", *inputs, self.series_key(),
                                    [self.report_keys.of(r.id) for s in self.view.series
                                     for r in self.view.reports_on("series", s)]) if self.memo else ""
                if not self.memo or feeds.reuse(key) is None:
                    feeds.part(key, {path: "".join(frame.item(item, False) for item in feed.closing(builder))})
            feeds.write({path: frame.after})
        finally:
            feeds.close()

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
                    origin = structures.origins.get(ref)
                    key = self.memo.key("sdmx", version, ref.type, ref.agency, ref.id, ref.version,
                                        self.dataset_key(origin) if origin is not None else
                                        self.releases_key(structures.series_origins[ref]))
                    writer.flush()
                    if feeds.reuse(key) is None:
                        def written() -> None:
                            write()
                            writer.flush()
                        feeds.written_part(key, written)

                export_sdmx(structures.without_reports() if version == "2.1" else structures,
                            cast(IO[bytes], feeds.streams[path]), DIALECTS[version],
                            header_id(self.view.info.id, self.view.as_of), self.view.as_of, artefact)
            finally:
                feeds.close()
        if structures.metadata_sets:  # the public reports, beside the structures they follow
            write_report_messages(self.view, out, structures)

    def sdmx(self, stream: IO[bytes], version: str, structures: Any = None) -> None:
        """The SDMX-ML structure message of the view in one version (``2.1`` or ``3.0``)."""
        write_sdmx_structures(self.view, stream, version, structures, self.vocab)

    def make_dataset_folders(self, out: Path) -> None:
        """The folders of the codebooks and Data Packages (there even when empty, as in every build)."""
        for folder in ("ddi", "datapackages", "citations", "datacite"):
            (out / folder).mkdir()

    def write_dataset_outputs(self, out: Path, dataset_ids: list[str]) -> None:
        """What each of these datasets has of its own: its page in every language, its DDI-Codebook 2.5 document
        (``ddi/<id>.xml``, when it has variables), its Data Package (``datapackages/<id>/``) and its citations."""
        for dataset_id in dataset_ids:  # an unchanged dataset is not made: its outputs are left or copied
            outline = self.outline(dataset_id)
            for page in self.pages:
                self.write_dataset_page(out, page, dataset_id)
            if outline.has_codebook:
                self.write_codebook(out, dataset_id)
            if outline.has_package:
                self.write_package(out, dataset_id)
            write_citations(out, self.view, dataset_id, citation_names(outline.has_datacite), self.base_url, self.vocab,
                            self.memo, self.dataset_key(dataset_id))

    def write_codebook(self, out: Path, dataset_id: str) -> None:
        relative = DDI_PATH.format(id=dataset_id)
        produced = self.view.as_of.astimezone(timezone.utc).date().isoformat()  # the codebook's production date
        key = ("ddi", produced, self.dataset_key(dataset_id), self.report_keys.of_dataset(dataset_id))
        if self.memo is not None and self.memo.reuse(relative, self.memo.key(*key), out / relative):
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
        (out / "site.css").write_text(self.style(), encoding="utf-8")

    # -- pages ---------------------------------------------------------------------------------

    def write_catalogue_pages(self, out: Path) -> None:
        """The catalogue's pages and its search index in every language. A page is keyed by its datasets as published
        (the datasets of a page not written again are not made), and the index's row of an unchanged dataset is
        copied from the previous build."""
        for page in self.pages:
            (out / page.prefix).mkdir(parents=True, exist_ok=True)
        ids = list(self.view.datasets)
        for number, name in enumerate(self.catalogue_page_names(), start=1):
            first = (number - 1) * paths.DATASETS_PER_PAGE
            chosen = ids[first:first + paths.DATASETS_PER_PAGE]
            keys: list[Any] = [self.dataset_key(dataset_id) for dataset_id in chosen]
            keys += [self.report_keys.of(r.id) for r in self.catalogue_reports()]  # the reports it links
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
            rows = json.loads((out / page.prefix / SEARCH_INDEX).read_text(encoding="utf-8"))  # made of no dataset
            write_filter(out / page.prefix / FILTER_FOLDER, filter_parts(rows))

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

    # -- the release calendar -------------------------------------------------------------------
    def write_calendar(self, out: Path, page: Page) -> None:
        folder = out / page.prefix
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CALENDAR_PAGE).write_text(self.calendar_page(page), encoding="utf-8")
        (folder / CALENDAR_ICS).write_bytes(self.calendar_ics(page))
        (folder / CALENDAR_ATOM).write_bytes(self.calendar_atom(page))

    def write_dataset_page(self, out: Path, page: Page, dataset_id: str) -> None:
        relative = f"{page.prefix}datasets/{dataset_id}/index.html"
        target = out / relative
        if self.memo is not None:  # the page shows the titles of the datasets it names: keyed by them as published
            related = [self.dataset_key(other) for other in self.outline(dataset_id).related]
            related += [self.dataset_key(other) for other in self.view.shown_with(dataset_id)]
            reports = [self.report_keys.of(r.id) for r in self.view.reports_on("dataset", dataset_id)]
            if self.memo.reuse(relative, self.memo.key("dataset page", page.language, self.dataset_key(dataset_id),
                                                       related, reports), target):
                return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.dataset_page(page, self.view.datasets[dataset_id]), encoding="utf-8")

    def write_series_pages(self, out: Path) -> None:
        """Each public series' page in every language, left as it was when the series, its releases as published
        (and the versions they replace) and the calendar's entries for it are the same."""
        for series_id, series in self.view.series.items():
            named = self.named_by_series(series_id)
            announced = [repr(entry) for entry in self.view.calendar if series_id in entry.series_ids]
            key = [record_data(series), [self.dataset_key(i) for i in named], announced,
                   [self.report_keys.of(r.id) for r in self.view.reports_on("series", series_id)]]
            for page in self.pages:
                relative = f"{page.prefix}{series_relative(series_id)}"
                target = out / relative
                if self.memo is not None and \
                        self.memo.reuse(relative, self.memo.key("series page", page.language, key), target):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(self.series_page(page, series), encoding="utf-8")

    def write_report_pages(self, out: Path) -> None:
        """Each public metadata report's page in every language (written at each build: a report's page shows the
        titles of its target and the names of its structure's concepts and codes)."""
        for report_id, report in self.view.reports.items():
            for page in self.pages:
                target = out / f"{page.prefix}{report_relative(report_id)}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(self.report_page(page, report), encoding="utf-8")

    def write_sitemap(self, out: Path) -> None:
        """The sitemap (and its parts), each left as it was when the datasets' and series' ids are the same."""
        ids = list(self.view.datasets)
        key = self.memo.key("sitemap", ids, list(self.view.series), list(self.view.reports)) \
            if self.memo is not None else ""
        for name in ["sitemap.xml", *sitemap_part_names(self.sitemap_parts(ids))]:
            if self.memo is not None and self.memo.reuse(name, key, out / name):
                continue
            made = self.sitemap(ids) if name == "sitemap.xml" else self.sitemap_part(ids, sitemap_part_number(name))
            (out / name).write_text(made or "", encoding="utf-8")


@dataclass(frozen=True)
class Apart:
    """A step of a build that writes outputs of its own, which no other step reads: a forked worker may make it
    (a catalogue-wide feed, or a chunk of datasets' own outputs)."""

    run: Callable[[Path], None]

    def __call__(self, out: Path) -> None:
        self.run(out)


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
