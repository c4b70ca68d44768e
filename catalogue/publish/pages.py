"""The public pages, rendered: the catalogue's pages, a dataset's page, a series' page, the release calendar, the
sitemap. Each process keeps one Jinja environment per interface (a language's translations), made once:
``catalogue build``, the live server and the editor's previews render with it, and no render installs translations
another could see."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel.support import NullTranslations
from jinja2 import Environment, PackageLoader, select_autoescape

from catalogue.choices import DATA_TYPE_NAMES, ROLE_NAMES
from catalogue.formats.calendar import STATUS_NAMES, moment, write_atom, write_ics
from catalogue.formats.datapackage import has_package
from catalogue.formats.ddi import has_codebook
from catalogue.formats.schema_org import SchemaOrgBuilder
from catalogue.formats.text import pick, shorten
from catalogue.publish.preview import PreviewLabels, TablePreview, table_previews
from catalogue.publish.citations import citation_context, landing_page, site_base
from catalogue.formats.datacite import has_datacite
from catalogue.i18n import TextOnly, autonym, direction, label, month_name, translations
from catalogue.model import Codelist, Dataset, Distribution, MetadataReport, Series, Variable
from catalogue.model.licence import BY_APPLICATION
from catalogue.policy.calendar import CalendarEntry
from catalogue.policy.view import PublicView
from catalogue.publish import paths
from catalogue.publish.filter_index import FILTER_FOLDER, ROWS_PER_PART
from catalogue.publish.paths import CALENDAR_PAGE, MATCHES_SHOWN, SEARCH_INDEX, catalogue_page_name, sitemap_part_names
from catalogue.formats.xmlwriter import escape_attribute
from catalogue.formats.registry import CALENDAR_ATOM, CALENDAR_ICS, FEEDS, OUTPUT, RDF_FEEDS, STATISTICAL_ONLY
from catalogue.publish.report_page import report_context, report_links, report_relative
from catalogue.publish.series_page import series_context, series_relative
from catalogue.vocab import Vocabulary, vocabulary

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


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
    return escape_attribute(text)


ROWS = ("[", ",\n", "]\n")
"""A JSON list of rows already written as JSON, one a line: its start, the separator, its end."""


@lru_cache(maxsize=64)
def page_environment(interface: NullTranslations | None = None) -> Environment:
    """This process's environment for the public pages in one interface (the translations of a language, an
    office's ``i18n/`` over them): made once and kept, so that every build step, answer and preview in that
    language renders with templates compiled once."""
    env = Environment(loader=PackageLoader("catalogue", "site_templates"), extensions=["jinja2.ext.i18n"],
                      autoescape=select_autoescape(["html", "xml"]), keep_trailing_newline=True)
    if interface is not None:
        env.install_gettext_translations(TextOnly(interface), newstyle=True)  # type: ignore[attr-defined]
    return env


class Pages:
    """The pages of one public view, in each of its languages."""

    applications = False
    """Researchers apply for restricted data on this site (the live server, when it sends e-mail): a dataset page
    whose terms take applications links to the form."""

    def __init__(self, view: PublicView, source_root: Path, base_url: str | None = None,
                 vocab: Vocabulary | None = None) -> None:
        self.vocab = vocab or vocabulary()
        self.source_root = source_root
        self.base_url = site_base(view, base_url)
        self.view = view
        self.env = page_environment()
        self.schema_org = SchemaOrgBuilder(view, self.vocab)
        default = view.info.default_language
        self.pages = [Page(lang, "" if lang == default else f"{lang}/") for lang in view.info.languages]
        self._translations: dict[str, NullTranslations] = {}
        self._themes = {theme.id: theme for theme in view.info.themes}
        self._previews: tuple[str, list[TablePreview]] = ("", [])
        """The previews of the last dataset whose page was made (its pages in each language follow one another)."""

    def render(self, template: str, page: Page, **context: Any) -> str:
        """``template`` rendered in ``page``'s language, by that interface's environment."""
        return page_environment(self.gettext(page.language)).get_template(template).render(**context)

    def style(self) -> str:
        """The site's style sheet."""
        return self.env.loader.get_source(self.env, "site.css")[0]  # type: ignore[union-attr]

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

    def catalogue_page_names(self, total: int | None = None) -> list[str]:
        """The catalogue's pages: ``index.html``, then ``index-2.html``... (``DATASETS_PER_PAGE`` datasets each) of
        the view's datasets, or of ``total`` datasets (a server that reads one page of them)."""
        count = max(1, -(-(len(self.view.datasets) if total is None else total) // paths.DATASETS_PER_PAGE))
        return [catalogue_page_name(number) for number in range(1, count + 1)]

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
        return self.render("not_found.html", page, **self.common(page, "/", "index.html"))

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
        return self.render("calendar.html", page, **self.common(page, root, CALENDAR_PAGE), upcoming=months,
            past=[self.release_context(e, page, gettext) for e in reversed(released)],
            cancelled=[self.release_context(e, page, gettext) for e in cancelled],
            ics=CALENDAR_ICS, atom=CALENDAR_ATOM)

    def release_context(self, entry: CalendarEntry, page: Page, gettext: Callable[[str], str],
                        root: str = "") -> dict[str, Any]:
        """An entry of the calendar as a page shows it (``root``: the way from the page to its language's root)."""
        language = page.language
        return {
            "key": entry.key, "title": pick(entry.title, language), "description": pick(entry.description, language),
            "href": f"{root}datasets/{entry.dataset}/index.html" if entry.dataset else None,
            "in_series": [{"href": f"{root}{series_relative(s)}", "title": pick(self.view.series[s].title, language)}
                          for s in entry.series_ids if s in self.view.series],
            "datetime": entry.planned.isoformat(), "when": moment(entry.planned),
            "status": gettext(STATUS_NAMES[entry.status]), "series": pick(entry.series, language),
            "reason": pick(entry.reason, language),
            "history": [{"datetime": c.planned.isoformat(), "when": moment(c.planned),
                         "reason": pick(c.reason, language)} for c in entry.history],
        }

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
            newer = self.view.newer_versions.get(dataset.id, ())
            entries.append({
                "href": f"datasets/{dataset.id}/index.html", "title": title, "themes": theme_names,
                "summary": shorten(pick(dataset.description, page.language) or "", 240), "access": access,
                "newer": f"datasets/{newer[-1]}/index.html" if newer else None,
                "withdrawn": dataset.withdrawn.date.isoformat() if dataset.withdrawn is not None else None,
            })
        return entries

    def catalogue_page(self, page: Page, number: int = 1, entries: list[dict[str, Any]] | None = None,
                       total: int | None = None) -> str:
        """The HTML of one page of the catalogue in one language (the static site and the server both use it):
        ``DATASETS_PER_PAGE`` datasets, links to the other pages; the filter searches all of them. ``total``: how
        many datasets the catalogue lists when the view holds only this page's (``entries``)."""
        root = "../" if page.prefix else ""
        if entries is None:
            first = (number - 1) * paths.DATASETS_PER_PAGE
            entries = self.catalogue_entries(page, [self.view.datasets[dataset_id] for dataset_id in
                                                    islice(self.view.datasets, first, first + paths.DATASETS_PER_PAGE)])
        names = self.catalogue_page_names(total)
        html = self.render("catalogue.html", page, **self.common(page, root, names[number - 1]),
            **self.catalogue_links(page, root), datasets=entries,
            count=len(self.view.datasets) if total is None else total, number=number, pages=page_links(number, names),
            matches_shown=MATCHES_SHOWN, filter_parts=f"{FILTER_FOLDER}/", filter_rows=ROWS_PER_PART)
        return html

    def catalogue_links(self, page: Page, root: str) -> dict[str, Any]:
        """What the catalogue's front page shows besides its datasets: its description, the reports on the catalogue
        and its agencies, its feeds."""
        reports = [link for kind, target in [("catalogue", None), *(("agency", a) for a in self.view.agencies)]
                   for link in report_links(self.view, kind, target, page.language, "")]
        return {"description": pick(self.view.info.description, page.language), "reports": reports,
                "search_index": SEARCH_INDEX,
                "feeds": [{"href": f"{root}{path}", "type": media, "name": name} for path, media, name in FEEDS]}

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
        html = self.render("dataset.html", page, **self.common(page, root, relative),
            d=self.dataset_context(dataset, page.language, root),
            machine_links=self.machine_links(dataset, root),
            json_ld=json_for_script(self.schema_org.dataset(dataset)),
            reports=report_links(self.view, "dataset", dataset.id, page.language, "../../"))
        return html

    def series_page(self, page: Page, series: Series) -> str:
        """The HTML of a series' page in one language: its releases over time and its next release."""
        root = "../../" + ("../" if page.prefix else "")
        relative = series_relative(series.id)
        feeds = [{"href": f"{root}{path}", "type": media, "name": name} for path, media, name in FEEDS
                 if path in RDF_FEEDS]
        gettext = self.gettext(page.language).gettext
        upcoming = [entry for entry in self.view.calendar
                    if series.id in entry.series_ids and entry.status not in ("released", "cancelled")]
        frequency = self.vocab.frequencies.get(series.frequency) if series.frequency else None
        context = {**series_context(self.view, series, page.language, "../../"),
                   "frequency": self.label(frequency.label, page.language) if frequency else None,
                   "next": [self.release_context(entry, page, gettext, "../../") for entry in upcoming[:1]]}
        return self.render("series.html", page, **self.common(page, root, relative), machine_links=feeds, s=context,
                           json_ld=json_for_script(self.schema_org.series(series)),
                           reports=report_links(self.view, "series", series.id, page.language, "../../"))

    def catalogue_reports(self) -> list[MetadataReport]:
        """The public reports the catalogue's pages link: on the catalogue, then on each agency."""
        return [*self.view.reports_on("catalogue"),
                *(r for agency in self.view.agencies for r in self.view.reports_on("agency", agency))]

    def report_page(self, page: Page, report: MetadataReport) -> str:
        """The HTML of a public metadata report's page in one language."""
        root = "../../" + ("../" if page.prefix else "")
        return self.render("report.html", page, **self.common(page, root, report_relative(report.id)),
                           r=report_context(self.view, report, page.language, root + page.prefix, root))

    def machine_links(self, dataset: Dataset, root: str) -> list[dict[str, str]]:
        """The machine-readable forms of a dataset a page links: the catalogue-wide feeds that hold it, then its
        own outputs (a codebook, a Data Package) when it has them."""
        feeds = [{"href": f"{root}{path}", "type": media, "name": name} for path, media, name in FEEDS
                 if dataset.is_statistical or not STATISTICAL_ONLY.get(path, False)]
        own = {"ddi": has_codebook(dataset), "datapackage": has_package(dataset, self.vocab),
               "datacite": has_datacite(dataset)}
        return feeds + [{"href": f"{root}{OUTPUT[name].path.format(id=dataset.id)}", "type": OUTPUT[name].media_type,
                         "name": OUTPUT[name].label} for name, made in own.items() if made]

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
                "apply_url": f"{root}account/apply/{dataset.id}"
                if self.applications and terms.access_type in BY_APPLICATION else None,
                "citation": pick(terms.citation_requirement, language),
                "confidentiality": pick(terms.confidentiality_statement, language),
                "disclaimer": pick(terms.disclaimer, language)},
            "quality": pick(dataset.quality_statement, language), "provenance": pick(dataset.provenance, language),
            "source": self.label(self.vocab.source_types[dataset.source_type].label, language)
            if dataset.source_type in self.vocab.source_types else None,
            "fitness": pick(dataset.fitness_for_purpose, language),
            "study": self.study_context(dataset, language),
            "distributions": [self.distribution_context(dataset, d, language, root) for d in dataset.distributions],
            "previews": [PreviewLabels(self.view, language).context(p) for p in self.previews(dataset)],
            "citation": citation_context(self.view, dataset, language, landing_page(
                self.base_url, page.prefix if (page := self.page(language)) else "", dataset.id), root),
            "related": [{"href": f"../{other}/index.html",
                         "title": pick(self.view.datasets[other].title, language)} for other in dataset.related],
            "version_notes": pick(dataset.version_notes, language),
            "withdrawn": {"date": dataset.withdrawn.date.isoformat(), "reason": pick(dataset.withdrawn.reason, language)}
            if dataset.withdrawn is not None else None,
            **self.releases_context(dataset, language),
        }

    def previews(self, dataset: Dataset) -> list[TablePreview]:
        """The previews of a dataset's open local tables, read once for its pages in every language."""
        if self._previews[0] != dataset.id:
            self._previews = (dataset.id, table_previews(self.view, self.source_root, self.vocab, dataset))
        return self._previews[1]

    def releases_context(self, dataset: Dataset, language: str) -> dict[str, Any]:
        """What a dataset page says of its series and versions: its previous and next releases in each series, the
        version it replaces, and those that replace it (public ones only: the view holds no other)."""
        def link(other: str | None) -> dict[str, str] | None:
            found = self.view.datasets.get(other) if other is not None else None
            return {"href": f"../{other}/index.html", "title": pick(found.title, language) or ""} if found else None

        series = []
        for series_id in dict.fromkeys(dataset.series):
            if series_id in self.view.series:
                before, after = self.view.neighbours(dataset.id, series_id)
                series.append({"title": pick(self.view.series[series_id].title, language),
                               "href": f"../../{series_relative(series_id)}",
                               "previous": link(before), "next": link(after)})
        newer = [link(other) for other in self.view.newer_versions.get(dataset.id, ())]
        return {"series": series, "replaces": link(self.view.replaces.get(dataset.id)),
                "newer": [found for found in newer if found]}

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
        codelist = self.view.codelist(variable.codelist)
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

    def _sitemap_relatives(self, ids: list[str]) -> list[str]:
        count = max(1, -(-len(ids) // paths.DATASETS_PER_PAGE))
        return [*(catalogue_page_name(n) for n in range(1, count + 1)), CALENDAR_PAGE,
                *(series_relative(s) for s in self.view.series), *(report_relative(r) for r in sorted(self.view.reports)),
                *(f"datasets/{d}/index.html" for d in ids)]

    def _relatives_per_part(self) -> int:
        return max(1, paths.URLS_PER_SITEMAP // len(self.pages))

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
