"""DDI-Codebook 2.5 (what NADA and the IHSN/World Bank Metadata Editor read) and 2.6: one ``codeBook`` per
public dataset with variables, streamed with ``XmlWriter`` (memory flat in the number of variables and
categories), every text in every language of the catalogue (the default first, ``xml:lang`` on each).

Only the public view is read: confidential variables, drafts and embargoed datasets never reach it.
Summary statistics come from the local data files, and only of datasets whose data are public.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from datetime import timezone
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from typing import IO

from catalogue.formats.ddi_statistics import NUMERIC_TYPES, FileFacts, VariableStatistics, local_tables, statistics
from catalogue.formats.report_fields import report_fields
from catalogue.i18n import in_languages, label, translations
from catalogue.model import Codelist, Dataset, Distribution, Variable
from catalogue.policy.view import PublicView
from catalogue.records.tabular import is_tabular
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.xmlwriter import XmlWriter
from catalogue.formats.uris import Uris

VERSIONS = {
    "2.5": ("ddi:codebook:2_5", "http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd"),
    "2.6": ("ddi:codebook:2_6", "http://www.ddialliance.org/Specification/DDI-Codebook/2.6/XMLSchema/codebook.xsd"),
}
ACCESS_TYPE_TERMS = {"open": "Open access", "direct": "Direct access", "public_use": "Public use files",
                     "licensed": "Licensed files", "enclave": "Data enclave", "remote": "Remote access",
                     "not_available": "Data not available"}
"""The access types of the policy as NADA names them (its data access types)."""


def has_codebook(dataset: Dataset) -> bool:
    """A codebook describes variables: a dataset without public ones has none."""
    return bool(dataset.variables)


class DdiBuilder:
    """Writes the DDI-Codebook of the public datasets of a view."""

    def __init__(self, view: PublicView, source_root: Path, vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.source_root = source_root
        self.vocab = vocab or vocabulary()
        self.languages = [view.info.default_language] + [lang for lang in view.info.languages
                                                         if lang != view.info.default_language]

    def has_codebook(self, dataset: Dataset) -> bool:
        return has_codebook(dataset)

    def datasets(self) -> Iterator[Dataset]:
        return (d for d in self.view.datasets.values() if self.has_codebook(d))

    def local_tables(self, dataset: Dataset) -> list[Distribution]:
        return local_tables(dataset, self.vocab)

    # -- the codebook ----------------------------------------------------------------------------
    def write(self, dataset: Dataset, out: IO[bytes], version: str = "2.5") -> None:
        """Stream the codebook of one public dataset."""
        stats, facts = statistics(self.view, self.source_root, self.vocab, dataset)
        _Codebook(self, dataset, XmlWriter(out), version, stats, facts).write()


def _format_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(round(value, 6))


class _Codebook:
    def __init__(self, builder: DdiBuilder, dataset: Dataset, writer: XmlWriter, version: str,
                 stats: dict[str, VariableStatistics], facts: dict[str, FileFacts]) -> None:
        self.builder, self.view, self.dataset, self.out = builder, builder.view, dataset, writer
        self.version, self.stats, self.facts = version, stats, facts
        self.element, self.leaf = writer.element, writer.leaf
        self.languages = builder.languages
        self.tables = [d for d in dataset.distributions if is_tabular(d, builder.vocab)]
        self.file_ids = {d.id: f"F{i}" for i, d in enumerate(self.tables, start=1)}
        self.variable_ids = {v.id: f"V{i}" for i, v in enumerate(dataset.variables, start=1)}
        self.reported = report_fields(builder.view, dataset, builder.vocab.report_ddi)
        """What the public reports on the dataset (or its series) say of the fields its record leaves empty."""

    # -- texts -----------------------------------------------------------------------------------
    def ordered(self, text: dict[str, str] | None) -> list[tuple[str, str]]:
        """A text's languages in the catalogue's order, the default first."""
        if not text:
            return []
        return [(lang, text[lang]) for lang in self.languages if lang in text] + \
            [(lang, value) for lang, value in text.items() if lang not in self.languages]

    def texts(self, tag: str, text: dict[str, str] | None, attributes: dict[str, str] | None = None) -> None:
        for language, value in self.ordered(text):
            self.leaf(tag, value, {**(attributes or {}), "xml:lang": language})

    def wrapped(self, tag: str, inner: str, text: dict[str, str] | None) -> None:
        """``<tag xml:lang><inner>text</inner></tag>`` per language (e.g. ``qstn/qstnLit``)."""
        for language, value in self.ordered(text):
            with self.element(tag, {"xml:lang": language}):
                self.leaf(inner, value, {"xml:lang": language})

    # -- the document ------------------------------------------------------------------------------
    def write(self) -> None:
        namespace, location = VERSIONS[self.version]
        dataset = self.dataset
        self.out.declaration()
        attributes = {"xmlns": namespace, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                      "xsi:schemaLocation": f"{namespace} {location}", "version": self.version,
                      "ID": _xml_id(dataset.id), "xml:lang": self.view.info.default_language,
                      "codeBookAgency": dataset.publisher}
        with self.element("codeBook", attributes):
            self.doc_description()
            self.study_description()
            for distribution in self.tables:
                self.file_description(distribution)
            if dataset.variables:
                with self.element("dataDscr"):
                    for variable in dataset.variables:
                        self.variable(variable)
        self.out.write("\n")
        self.out.finish()

    def agency_name(self, agency_id: str) -> dict[str, str]:
        agency = self.view.agencies.get(agency_id)
        return agency.name if agency else {self.view.info.default_language: agency_id}

    def titles(self) -> None:
        with self.element("titlStmt"):
            texts = self.ordered(self.dataset.title)
            self.leaf("titl", texts[0][1], {"xml:lang": texts[0][0]})
            for language, value in texts[1:]:  # titl is single: other languages are parallel titles
                self.leaf("parTitl", value, {"xml:lang": language})
            self.leaf("IDNo", self.dataset.id, {"agency": self.dataset.publisher})
            if self.dataset.identifier:
                self.leaf("IDNo", self.dataset.identifier, {"agency": self.dataset.publisher})

    def doc_description(self) -> None:
        info = self.view.info
        produced = self.view.as_of.astimezone(timezone.utc).date().isoformat()
        with self.element("docDscr"), self.element("citation"):
            with self.element("titlStmt"):
                texts = self.ordered(self.dataset.title)
                self.leaf("titl", texts[0][1], {"xml:lang": texts[0][0]})
                for language, value in texts[1:]:
                    self.leaf("parTitl", value, {"xml:lang": language})
                self.leaf("IDNo", f"DDI-{self.dataset.id}", {"agency": info.publisher})
            with self.element("prodStmt"):
                self.texts("producer", self.agency_name(info.publisher), {"abbr": info.publisher,
                                                                          "role": "Documentation of the study"})
                self.leaf("prodDate", produced, {"date": produced})
                self.leaf("software", "nso-catalogue", {"version": _package_version()})
            with self.element("verStmt"):
                self.leaf("version", self.dataset.version,
                          {"date": self.dataset.modified.isoformat()} if self.dataset.modified else None)

    def study_description(self) -> None:
        dataset = self.dataset
        with self.element("stdyDscr"):
            with self.element("citation"):
                self.titles()
                with self.element("rspStmt"):
                    self.texts("AuthEnty", self.agency_name(dataset.publisher))
                with self.element("prodStmt"):
                    self.texts("producer", self.agency_name(dataset.publisher), {"abbr": dataset.publisher})
                    if dataset.issued:
                        self.leaf("prodDate", dataset.issued.isoformat(), {"date": dataset.issued.isoformat()})
                with self.element("distStmt"):
                    agency = self.view.agencies.get(self.view.info.publisher)
                    homepage = {"URI": agency.url} if agency and agency.url else {}
                    self.texts("distrbtr", self.agency_name(self.view.info.publisher),
                               {"abbr": self.view.info.publisher, **homepage})
                    self.contact("contact")
                    if dataset.issued:
                        self.leaf("distDate", dataset.issued.isoformat(), {"date": dataset.issued.isoformat()})
                for series_id in dict.fromkeys(dataset.series):  # the series it is a release of, when public
                    if (series := self.view.series.get(series_id)) is not None:
                        with self.element("serStmt", {"URI": Uris(self.view.info).series(series_id)}):
                            self.texts("serName", series.title, {"abbr": series_id})
                            self.texts("serInfo", series.description)
                with self.element("verStmt"):
                    self.leaf("version", dataset.version,
                              {"date": dataset.modified.isoformat()} if dataset.modified else None)
                    self.texts("notes", dataset.version_notes)
                if dataset.landing_page:
                    self.leaf("holdings", None, {"URI": dataset.landing_page})
            self.study_info()
            self.method()
            self.access()

    def contact(self, tag: str) -> None:
        contact = self.view.contact(self.dataset.contact_point)
        if contact is None:
            return
        extra = {k: v for k, v in (("email", contact.email), ("URI", contact.url)) if v}
        for language, name in self.ordered(contact.name):
            affiliation = self.ordered(contact.department)
            self.leaf(tag, name, {"xml:lang": language, **extra,
                                  **({"affiliation": dict(affiliation).get(language, affiliation[0][1])}
                                     if affiliation else {})})

    def study_info(self) -> None:
        dataset, study = self.dataset, self.dataset.study
        themes = {theme.id: theme for theme in self.view.info.themes}
        with self.element("stdyInfo"):
            if dataset.keywords or dataset.themes:
                with self.element("subject"):
                    for language in self.languages:
                        for keyword in (dataset.keywords or {}).get(language, []):
                            self.leaf("keyword", keyword, {"xml:lang": language})
                    for theme_id in dataset.themes:
                        theme = themes[theme_id]
                        uri = f"http://publications.europa.eu/resource/authority/data-theme/{theme.eu_theme}"
                        self.texts("topcClas", theme.name, {"vocab": "EU data themes", "vocabURI": uri})
            self.texts("abstract", dataset.description)
            with self.element("sumDscr"):
                coverage = dataset.temporal_coverage
                for event, moment in (("start", coverage.start if coverage else None),
                                      ("end", coverage.end if coverage else None)):
                    if moment:
                        self.leaf("timePrd", moment.isoformat(), {"event": event, "date": moment.isoformat()})
                for place in dataset.spatial_coverage:
                    if place.name:
                        self.texts("geogCover", place.name)
                    elif place.uri:
                        self.leaf("geogCover", place.uri)
                if study:
                    self.texts("anlyUnit", study.analysis_unit)
                    self.texts("universe", study.universe)
                    self.texts("dataKind", study.kind_of_data)
                source = vocabulary().source_types.get(dataset.source_type or "")
                if source is not None and source.ddi and not (study and study.kind_of_data):
                    self.leaf("dataKind", source.ddi)  # the DDI Alliance's KindOfData term

    def said(self, tag: str, own: dict[str, str] | None = None) -> None:
        """A field: the record's own text, else what a report on the dataset says of it (``report_fields``)."""
        if own:
            self.texts(tag, own)
            return
        reported = self.reported.get(tag, {})
        if "" in reported:  # a value, in no language
            self.leaf(tag, reported[""])
        else:
            self.texts(tag, reported)

    def method(self) -> None:
        dataset, study = self.dataset, self.dataset.study
        reported = self.reported.keys()
        collection = bool((study and (study.data_collection or study.sampling or study.weight)) or dataset.frequency
                          or reported & {"frequenc", "collMode", "dataSrc", "cleanOps"})
        analysis = bool((study and study.response_rate) or reported & {"respRate", "EstSmpErr"})
        if not collection and not analysis and not dataset.quality_statement and not dataset.provenance:
            return
        with self.element("method"):
            if collection:
                with self.element("dataColl"):
                    if dataset.frequency:  # its id in "freq", its label in each language
                        label = self.builder.vocab.frequencies[dataset.frequency].label
                        self.texts("frequenc", in_languages(label, self.builder.languages),
                                   {"freq": dataset.frequency})
                    else:
                        self.said("frequenc")
                    self.texts("sampProc", study.sampling if study else None)
                    self.said("collMode", study.data_collection if study else None)
                    if "dataSrc" in reported:
                        with self.element("sources"):
                            self.said("dataSrc")
                    if study and study.weight and study.weight in self.variable_ids:
                        weight = self.dataset.variables[int(self.variable_ids[study.weight][1:]) - 1]
                        self.texts("weight", weight.label)
                    self.said("cleanOps")
            self.texts("notes", dataset.quality_statement, {"subject": "Quality statement"})
            self.texts("notes", dataset.provenance, {"subject": "Provenance"})
            if analysis:
                with self.element("anlyInfo"):
                    self.said("respRate", study.response_rate if study else None)
                    self.said("EstSmpErr")

    def access(self) -> None:
        dataset = self.dataset
        terms = self.view.terms_of(dataset)
        level = self.builder.vocab.access_levels[terms.access_level]
        access_type = ACCESS_TYPE_TERMS[terms.access_type]
        licence = self.view.licence_of(dataset)
        with self.element("dataAccs"):
            if self.version == "2.6":
                self.leaf("typeOfAccess", access_type, {"vocab": "NADA data access types"})
            with self.element("setAvail"):
                if terms.application_url:
                    self.leaf("accsPlac", None, {"URI": terms.application_url})
                self.leaf("avlStatus", f"{access_type} ({terms.access_level})")
            if self.version == "2.6" and licence:
                self.texts("license", licence.title, {"URI": licence.url})
            with self.element("useStmt"):
                self.said("confDec", terms.confidentiality_statement)
                if terms.application_url:
                    self.leaf("specPerm", None, {"URI": terms.application_url})
                self.contact("contact")
                self.texts("citReq", terms.citation_requirement)
                for language, name in self.ordered(terms.name):
                    gettext = translations(language, self.builder.source_root)
                    stated = f"{name}. {label(level.label, language, gettext)}: " \
                             f"{label(self.builder.vocab.access_types[terms.access_type].label, language, gettext)}."
                    conditions = dict(self.ordered(terms.conditions)).get(language)
                    self.leaf("conditions", f"{stated} {conditions}" if conditions else stated,
                              {"xml:lang": language})
                if licence and self.version == "2.5":
                    for language, title in self.ordered(licence.title):
                        self.leaf("conditions", f"{title}: {licence.url}", {"xml:lang": language})
                self.texts("disclaimer", terms.disclaimer)

    def file_description(self, distribution: Distribution) -> None:
        file_format = self.builder.vocab.file_formats[distribution.format]
        attributes = {"ID": self.file_ids[distribution.id]}
        uri = distribution.download_url or distribution.access_url
        if uri:
            attributes["URI"] = uri
        media_type = distribution.media_type or file_format.media_type
        with self.element("fileDscr", attributes):
            with self.element("fileTxt", {"mimeType": media_type} if self.version == "2.6" and media_type else None):
                name = Path(distribution.path).name if distribution.path else \
                    (PurePosixPath(urlsplit(uri).path).name if uri else "") or distribution.id
                self.leaf("fileName", name)
                contents = self.ordered(distribution.description or distribution.title)
                for language, value in contents if self.version == "2.6" else contents[:1]:  # 2.5: one fileCont
                    self.leaf("fileCont", value, {"xml:lang": language})
                facts = self.facts.get(distribution.id)
                if facts:
                    with self.element("dimensns"):
                        self.leaf("caseQnty", str(facts.cases))
                        self.leaf("varQnty", str(facts.variables))
                self.leaf("fileType", media_type or distribution.format)
                self.leaf("format", distribution.format)

    # -- variables -------------------------------------------------------------------------------
    def variable(self, variable: Variable) -> None:
        study = self.dataset.study
        numeric = variable.data_type in NUMERIC_TYPES
        attributes = {"ID": self.variable_ids[variable.id], "name": variable.id}
        if self.file_ids:
            attributes["files"] = " ".join(self.file_ids.values())
        if variable.data_type == "integer":
            attributes["dcml"] = "0"
        attributes["intrvl"] = "contin" if numeric and not variable.codelist else "discrete"
        weight = study.weight if study else None
        if weight == variable.id:
            attributes["wgt"] = "wgt"
        elif weight and weight in self.variable_ids:
            attributes["wgt-var"] = self.variable_ids[weight]
        unit = self.ordered(variable.unit)
        if unit:
            attributes["measUnit"] = unit[0][1]
        codelist = self.view.codelist(variable.codelist)
        stats = self.stats.get(variable.id)
        with self.element("var", attributes):
            self.texts("labl", variable.label)
            self.wrapped("qstn", "qstnLit", variable.question)
            constraints = variable.constraints
            if constraints and (constraints.minimum is not None or constraints.maximum is not None):
                bounds = {k: _format_number(float(v)) for k, v in (("min", constraints.minimum),
                                                                    ("max", constraints.maximum)) if v is not None}
                with self.element("valrng"):
                    self.leaf("range", None, bounds)
            if variable.missing_values:
                with self.element("invalrng"):
                    for missing in variable.missing_values:
                        self.leaf("item", None, {"VALUE": missing.code})
            if stats is not None:
                self.summary(stats, numeric and not variable.codelist)
            self.texts("txt", variable.description)
            if codelist:
                self.categories(variable, codelist, stats)
            for missing in variable.missing_values:
                with self.element("catgry", {"missing": "Y"}):
                    self.leaf("catValu", missing.code)
                    self.texts("labl", missing.label)
                    if stats is not None:
                        self.leaf("catStat", str(stats.frequencies.get(missing.code, 0)), {"type": "freq"})
            self.concept(variable)
            self.leaf("varFormat", None, {"type": "numeric" if numeric else "character", "schema": "other"})
            for language, value in unit:
                self.leaf("notes", value, {"xml:lang": language, "subject": "Unit of measure"})

    def summary(self, stats: VariableStatistics, continuous: bool) -> None:
        self.leaf("sumStat", str(stats.valid), {"type": "vald"})
        self.leaf("sumStat", str(stats.invalid), {"type": "invd"})
        if continuous and stats.numbers:
            assert stats.minimum is not None and stats.maximum is not None
            self.leaf("sumStat", _format_number(stats.minimum), {"type": "min"})
            self.leaf("sumStat", _format_number(stats.maximum), {"type": "max"})
            self.leaf("sumStat", _format_number(stats.total / stats.numbers), {"type": "mean"})

    def categories(self, variable: Variable, codelist: Codelist, stats: VariableStatistics | None) -> None:
        """One ``catgry`` per code; a parent names its children (``catgry`` IDREFS), so the hierarchy travels."""
        prefix = self.variable_ids[variable.id]
        ids = {code.id: f"{prefix}_C{i}" for i, code in enumerate(codelist.codes, start=1)}
        children: dict[str, list[str]] = {}
        for code in codelist.codes:
            if code.parent in ids:
                children.setdefault(code.parent, []).append(ids[code.id])
        for code in codelist.codes:
            attributes = {"ID": ids[code.id]}
            if code.id in children:
                attributes["catgry"] = " ".join(children[code.id])
            with self.element("catgry", attributes):
                self.leaf("catValu", code.id)
                self.texts("labl", code.name)
                self.texts("txt", code.description)
                if stats is not None:
                    self.leaf("catStat", str(stats.frequencies.get(code.id, 0)), {"type": "freq"})

    def concept(self, variable: Variable) -> None:
        if not variable.concept:
            return
        found = self.view.scheme_of(variable.concept)
        concept = self.view.concept(variable.concept)
        if found is not None and concept is not None:
            attributes = {"vocab": found[1].id, **({"vocabURI": concept.uri} if concept.uri else {})}
            self.texts("concept", concept.name, attributes)


def _xml_id(value: str) -> str:
    """An ``xs:ID`` (an NCName) from a record id, which may start with a digit."""
    return value if value[:1].isalpha() or value[:1] == "_" else f"_{value}"


@lru_cache(maxsize=1)
def _package_version() -> str:
    """This package's version (looked up once: reading the installed metadata takes about a millisecond)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nso-catalogue")
    except PackageNotFoundError:
        return "0"


def codebook_bytes(view: PublicView, dataset: Dataset, source_root: Path, version: str = "2.5") -> bytes:
    import io

    stream = io.BytesIO()
    DdiBuilder(view, source_root).write(dataset, stream, version)
    return stream.getvalue()


__all__ = ["VERSIONS", "DdiBuilder", "codebook_bytes"]
