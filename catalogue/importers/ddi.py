"""``catalogue import ddi``: DDI-Codebook 2.5 and 2.6 (as NADA and the Metadata Editor export them) as records.

The study becomes a **draft** dataset: titles (parallel titles in their languages), abstract, keywords,
time and geographic coverage, the study block (unit of analysis, universe, kind of data, sampling,
collection mode, response rate, weight), quality statement and provenance from the method's notes. The
access conditions become terms of use with NADA's access type (unless ``--terms`` names the catalogue's),
the series statements the series it is a release of (a series the catalogue lacks becomes a series record: its
name and information in their languages), the version statement its version and version notes, each file
description a distribution, each variable a variable with its labels, question, description,
type, range, unit, concept, missing-value categories, and its categories as a codelist (the catalogue's
codelist with the same codes, else a new one; a category naming its children keeps the hierarchy).
Summary statistics are derived from data and not imported.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from catalogue.conformance.validators import safe_xml_parser
from catalogue.formats.ddi import ACCESS_TYPE_TERMS
from catalogue.vocab import vocabulary
from catalogue.importers.apply import ImportReport, RecordWriter
from catalogue.errors import ImportTargetError
from catalogue.importers.datapackage import record_id
from catalogue.importers.sdmx import Unmapped
from catalogue.importers.sdmx_xml import XML_LANG
from catalogue.model.types import SDMX_ID_PATTERN, VERSION_PATTERN

ACCESS_TYPES = {name.lower(): key for key, name in ACCESS_TYPE_TERMS.items()} | {
    "public use file": "public_use", "licensed file": "licensed", "data enclave": "enclave", "open": "open",
    "direct": "direct", "public use": "public_use", "licensed": "licensed", "enclave": "enclave", "remote": "remote"}
"""NADA's data access types (and their singular forms) → the catalogue's access types."""
EU_THEMES = "http://publications.europa.eu/resource/authority/data-theme/"
LICENCE_ADDRESS = re.compile(r"https?://\S+$")
"""A licence's address ending a condition (``Creative Commons Attribution 4.0 International: https://...``)."""
LEVELS = {"open": "public", "direct": "public", "public_use": "public", "licensed": "restricted",
          "enclave": "restricted", "remote": "restricted", "not_available": "non_public"}


def _local(element: Any) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _all(element: Any, path: str) -> list[Any]:
    """Elements at a path of local names (``stdyDscr/citation/titlStmt/titl``), whatever the namespace."""
    found = [element]
    for step in path.split("/"):
        found = [child for parent in found for child in parent if _local(child) == step]
    return found


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


class _Codebook:
    def __init__(self, path: Path, writer: RecordWriter, terms: str | None, agency: str | None,
                 made_series: set[str] | None = None) -> None:
        self.path, self.where, self.writer = path, str(path), writer
        self.made_series = made_series if made_series is not None else set()
        """The series records this import wrote (or, in a dry run, would write), so that each is written once."""
        self.default = writer.info.default_language
        try:
            from lxml import etree

            self.root = etree.parse(str(path), safe_xml_parser()).getroot()
        except Exception as error:  # lxml's syntax errors: the file is not readable XML
            raise ImportTargetError(f"{path}: not a readable DDI-Codebook document ({error})") from None
        if _local(self.root) != "codeBook":
            raise ImportTargetError(f"{path}: not a DDI-Codebook document (its root is {_local(self.root)})")
        self.terms, self.agency = terms, agency
        self.vocab = vocabulary()
        self.public = True
        """Whether the terms of use let the data be downloaded (set when the terms are known)."""
        ids = [_text(e) for e in _all(self.root, "stdyDscr/citation/titlStmt/IDNo")]
        self.dataset_id = record_id(self.root.get("ID") or (ids[0] if ids else path.stem))

    def report(self, where: str, why: str) -> None:
        self.writer.report.unmapped.append(Unmapped(f"{self.where}: {where}", why))

    def at(self, element: Any, field: str) -> str:
        """Where an element is: the file, its line and the field (``hbs.xml: line 12: serStmt``)."""
        return f"{self.where}: line {element.sourceline}: {field}"

    def texts(self, elements: list[Any]) -> dict[str, str] | None:
        """One text per language (an element without xml:lang is in the catalogue's default language)."""
        found: dict[str, str] = {}
        for element in elements:
            text = _text(element)
            if text:
                found.setdefault(element.get(XML_LANG) or self.default, text)
        return found or None

    # -- the study ---------------------------------------------------------------------------------
    def dataset(self) -> dict[str, Any]:
        study, titles = self.root, "stdyDscr/citation/titlStmt"
        title = self.texts(_all(study, f"{titles}/titl") + _all(study, f"{titles}/parTitl")) or \
            {self.default: self.dataset_id}
        ids = [_text(e) for e in _all(study, f"{titles}/IDNo")]
        terms = self.terms or self.terms_of_use()
        self.public = next((t.get("access_level") == "public" for t in self.writer.records_of("terms")
                            if t.get("id") == terms), self.public)
        data: dict[str, Any] = {"id": self.dataset_id, "status": "draft", "title": title,
                                "description": self.texts(_all(study, "stdyDscr/stdyInfo/abstract")) or title,
                                "publisher": self.publisher(), "terms": terms}
        identifier = next((i for i in ids if i and i != self.dataset_id), None)
        if identifier:
            data["identifier"] = identifier
        keywords: dict[str, list[str]] = {}
        for element in _all(study, "stdyDscr/stdyInfo/subject/keyword"):
            keywords.setdefault(element.get(XML_LANG) or self.default, []).append(_text(element))
        if keywords:
            data["keywords"] = keywords
        summary = "stdyDscr/stdyInfo/sumDscr"
        periods = {e.get("event"): (e.get("date") or _text(e))[:10] for e in _all(study, f"{summary}/timePrd")}
        if periods.get("start") or periods.get("end"):
            data["temporal_coverage"] = {k: v for k, v in (("start", periods.get("start")), ("end", periods.get("end")))
                                         if v}
        places = self.places(_all(study, f"{summary}/geogCover"))
        if places:
            data["spatial_coverage"] = places
        self.version(data)
        series = self.series(data["publisher"])
        if series:
            data["series"] = series
        holdings = _all(study, "stdyDscr/citation/holdings")
        if holdings and holdings[0].get("URI"):
            data["landing_page"] = holdings[0].get("URI")
        dates = _all(study, "stdyDscr/citation/prodStmt/prodDate")
        if dates and (dates[0].get("date") or "")[:4].isdigit():
            data["issued"] = dates[0].get("date")[:10]
        notes = _all(study, "stdyDscr/method/notes")
        for subject, key in (("Quality statement", "quality_statement"), ("Provenance", "provenance")):
            text = self.texts([n for n in notes if n.get("subject") == subject])
            if text:
                data[key] = text
        frequency = self.frequency()
        if frequency:
            data["frequency"] = frequency
        themes = self.themes()
        if themes:
            data["themes"] = themes
        contact = self.contact(data["publisher"])
        if contact:
            data["contact_point"] = contact
        licence = self.licence()
        if licence:
            data["licence"] = licence
        data["study"] = self.study()
        files = _all(study, "fileDscr")
        data["distributions"] = [self.distribution(f) for f in files]
        variables = _all(study, "dataDscr/var")
        weight = next((v.get("name") for v in variables if v.get("wgt") == "wgt"), None)
        if weight:
            data["study"]["weight"] = weight
        if not data["study"]:
            del data["study"]
        data["variables"] = [self.variable(v) for v in variables]
        for group in _all(study, "dataDscr/varGrp") + _all(study, "dataDscr/nCube"):
            self.report(_local(group), "variable groups and cubes have no place in the model")
        return data

    def version(self, data: dict[str, Any]) -> None:
        """``verStmt``: its ``version`` (digits and dots, as SDMX has it; another is reported) and ``notes`` (the
        version notes, in their languages)."""
        versions = _all(self.root, "stdyDscr/citation/verStmt/version")
        text = _text(versions[0]) if versions else ""
        if re.fullmatch(VERSION_PATTERN, text):
            data["version"] = text
        elif text:
            self.writer.report.unmapped.append(Unmapped(self.at(versions[0], "verStmt/version"), (
                f"'{text}' is not a version of digits and dots (1, 1.0, 2.1.3): the dataset is version 1.0")))
        notes = self.texts(_all(self.root, "stdyDscr/citation/verStmt/notes"))
        if notes:
            data["version_notes"] = notes

    def series(self, publisher: str) -> list[str]:
        """``serStmt``: the series the study is a release of, by id: the statement's ``ID`` when it is an id (SDMX's
        characters), else its name's ``abbr`` (as our codebooks write it), else one made from its name. A series the
        catalogue has is named only (a statement holds less than its record); another becomes a series record of
        the study's publisher: its name (``serName``) and information (``serInfo``) in their languages."""
        found: list[str] = []
        for element in _all(self.root, "stdyDscr/citation/serStmt"):
            names = _all(element, "serName")
            title = self.texts(names)
            series_id = next((c for c in [element.get("ID"), *(n.get("abbr") for n in names)]
                              if c and re.fullmatch(SDMX_ID_PATTERN, c) and len(c) <= 255), None)
            if series_id is None and title:
                series_id = _made_id(title.get(self.default) or next(iter(title.values())))
            if series_id is None:
                self.writer.report.unmapped.append(Unmapped(self.at(element, "serStmt"),
                                                            "neither an ID nor a series name: no series to name"))
                continue
            if series_id not in self.writer.existing("series") | self.made_series:
                data = {"id": series_id, "title": title or {self.default: series_id}, "publisher": publisher,
                        "description": self.texts(_all(element, "serInfo")) or title or {self.default: series_id}}
                record = self.writer.validated("series", data, self.at(element, "serStmt"))
                if record is None:
                    continue
                self.writer.write("series", record)
                self.made_series.add(series_id)
            if series_id not in found:
                found.append(series_id)
        return found

    def places(self, elements: list[Any]) -> list[dict[str, Any]]:
        """Places, each in its languages: a language seen again starts the next place."""
        places: list[dict[str, str]] = []
        for element in elements:
            language = element.get(XML_LANG) or self.default
            if not places or language in places[-1]:
                places.append({})
            places[-1][language] = _text(element)
        return [{"name": place} for place in places if place]

    def frequency(self) -> str | None:
        """``dataColl/frequenc``: its ``freq`` (ours: the frequency's id), else a label of the frequency table."""
        elements = _all(self.root, "stdyDscr/method/dataColl/frequenc")
        for element in elements:
            if element.get("freq") in self.vocab.frequencies:
                return str(element.get("freq"))
            found = next((k for k, e in self.vocab.frequencies.items()
                          if _text(element).casefold() in {t.casefold() for t in e.label.values()}), None)
            if found:
                return found
        if elements:
            self.report("frequenc", f"'{_text(elements[0])}': not a frequency of mappings/frequencies.yaml")
        return None

    def themes(self) -> list[str]:
        """``topcClas``: the catalogue's theme of that name, else of that EU data theme (``vocabURI``), else a new
        theme of the catalogue (where it may take one); the others reported."""
        found: list[str] = []
        groups: dict[str, list[Any]] = {}
        for element in _all(self.root, "stdyDscr/stdyInfo/subject/topcClas"):
            groups.setdefault(element.get("vocabURI") or _text(element), []).append(element)
        for key, elements in groups.items():
            names = self.texts(elements) or {}
            code = key.rsplit("/", 1)[1] if key.startswith(EU_THEMES) else None
            theme = next((t.id for t in self.writer.info.themes
                          if set(names.values()) & set(t.name.values())), None) or \
                next((t.id for t in self.writer.info.themes if code and t.eu_theme == code), None)
            if theme is None and names:
                made: dict[str, Any] = {"id": record_id(names.get(self.default) or next(iter(names.values()))),
                                        "name": names}
                if code in self.vocab.themes:
                    made["eu_theme"] = code
                theme = self.writer.add_theme(made)
            if theme is None:
                self.report("topcClas", f"'{_text(elements[0])}': not a theme of the catalogue (catalogue.yaml themes; "
                                        "--update adds it)")
            elif theme not in found:
                found.append(theme)
        return found

    def contact(self, publisher: str) -> str | None:
        """``distStmt/contact`` (or the use statement's): the contact of the catalogue's agencies with that e-mail,
        else a new contact of the publisher (where its record may take one); else reported."""
        elements = _all(self.root, "stdyDscr/citation/distStmt/contact") or \
            _all(self.root, "stdyDscr/dataAccs/useStmt/contact")
        if not elements:
            return None
        email = next((e.get("email") for e in elements if e.get("email")), None)
        for agency in self.writer.records_of("agency"):
            for known in agency.get("contacts") or []:
                if isinstance(known, dict) and email and known.get("email") == email:
                    return str(known["id"])
        names = self.texts(elements) or {}
        entry: dict[str, Any] = {"id": record_id(names.get(self.default) or next(iter(names.values()), "CONTACT")),
                                 "name": names}
        departments = {e.get(XML_LANG) or self.default: e.get("affiliation") for e in elements if e.get("affiliation")}
        if departments:
            entry["department"] = departments
        if email:
            entry["email"] = email
        made = self.writer.add_contact(publisher, entry) if names else None
        if made is None:
            self.report("contact", f"{_text(elements[0])}: not a contact of the catalogue's agencies: add it to one "
                                   "(agencies/<id>.yaml contacts)")
        return made

    def licence(self) -> str | None:
        """DDI 2.6 ``license`` (its ``URI``), else a use statement's condition ending in a licence's address (as
        our 2.5 codebooks write it): the catalogue's licence at that address, else a known one (SPDX)."""
        use = "stdyDscr/dataAccs/useStmt"
        addresses = [e.get("URI") for e in _all(self.root, f"{use}/license") if e.get("URI")] + \
            [m.group(0) for e in _all(self.root, f"{use}/conditions") if (m := LICENCE_ADDRESS.search(_text(e)))]
        for address in addresses:
            for existing in self.writer.records_of("licence"):
                if address in (existing.get("url"), existing.get("eu_uri")):
                    return str(existing["id"])
            spdx = next((k for k, e in self.vocab.licences.items() if address in (e.url, e.eu_uri)), None)
            if spdx is not None:
                self.writer.add_known_licence(spdx, self.vocab.licences[spdx], address)
                return spdx
        if addresses:
            self.report("license", f"{addresses[0]}: a licence neither in mappings/licences.yaml nor in the catalogue: "
                                   "add it to licences/")
        return None

    def study(self) -> dict[str, Any]:
        fields = {"analysis_unit": "stdyDscr/stdyInfo/sumDscr/anlyUnit", "universe": "stdyDscr/stdyInfo/sumDscr/universe",
                  "kind_of_data": "stdyDscr/stdyInfo/sumDscr/dataKind", "sampling": "stdyDscr/method/dataColl/sampProc",
                  "data_collection": "stdyDscr/method/dataColl/collMode",
                  "response_rate": "stdyDscr/method/anlyInfo/respRate"}
        return {key: text for key, path in fields.items() if (text := self.texts(_all(self.root, path)))}

    def publisher(self) -> str:
        """``--agency``, else a producer whose abbreviation is one of the catalogue's agencies, else the
        catalogue's publisher. The agency chosen, when it has no record yet, gets one from the producer (or
        distributor) of that abbreviation, else the first one: its name in every language, and its URI."""
        known = self.writer.existing("agency")
        producers = _all(self.root, "stdyDscr/citation/prodStmt/producer") + \
            _all(self.root, "stdyDscr/citation/distStmt/distrbtr")
        chosen = self.agency or next((str(p.get("abbr")) for p in producers if p.get("abbr") in known),
                                     self.writer.info.publisher)
        if chosen not in known and producers:
            abbreviation = next((p.get("abbr") for p in producers if p.get("abbr") == chosen),
                                producers[0].get("abbr"))
            same = [p for p in producers if p.get("abbr") == abbreviation] or producers[:1]
            data: dict[str, Any] = {"id": chosen, "name": self.texts(same)}
            url = next((p.get("URI") for p in same if p.get("URI")), None)
            if url:
                data["url"] = url
            record = self.writer.validated("agency", data, f"{self.path}: producer {abbreviation or ''}".strip())
            if record is not None:
                self.writer.write("agency", record)
        return chosen

    def terms_of_use(self) -> str:
        """Terms of use from the access conditions, with NADA's access type; written as a record."""
        access = _all(self.root, "stdyDscr/dataAccs")
        words = [_text(e) for e in _all(self.root, "stdyDscr/dataAccs/typeOfAccess")] + \
            [_text(e).split("(")[0].strip() for e in _all(self.root, "stdyDscr/dataAccs/setAvail/avlStatus")]
        access_type = next((ACCESS_TYPES[w.lower()] for w in words if w.lower() in ACCESS_TYPES), None)
        if access_type is None:
            self.report("dataAccs", "no access type NADA knows: the terms say not_available (not public) until an "
                                    "officer sets them")
            access_type = "not_available"
        statuses = [_text(e) for e in _all(self.root, "stdyDscr/dataAccs/setAvail/avlStatus")]
        stated = next((s.rsplit("(", 1)[1].rstrip(")").strip() for s in statuses if "(" in s), "")
        level = stated if stated in ("public", "restricted", "non_public") else LEVELS[access_type]
        use = "stdyDscr/dataAccs/useStmt"
        conditions = self.texts(_all(self.root, f"{use}/conditions"))
        name = {lang: text.split(". ")[0] for lang, text in (conditions or {}).items()} or \
            {self.default: ACCESS_TYPE_TERMS[access_type]}
        data: dict[str, Any] = {"id": f"T_{self.dataset_id}", "name": name, "access_level": level,
                                "access_type": access_type}
        for key, path in (("conditions", f"{use}/conditions"), ("citation_requirement", f"{use}/citReq"),
                          ("confidentiality_statement", f"{use}/confDec"), ("disclaimer", f"{use}/disclaimer")):
            text = self.texts(_all(self.root, path))
            if text:
                data[key] = text
        where = [e.get("URI") for e in _all(self.root, f"{use}/specPerm") + _all(self.root, "stdyDscr/dataAccs/setAvail/accsPlac")
                 if e.get("URI")]
        if where:
            data["application_url"] = where[0]
        self.public = data["access_level"] == "public"
        record = self.writer.validated("terms", data, f"{self.where}: dataAccs")
        if record is not None:
            self.writer.write("terms", record)
        if not access:
            self.report("dataAccs", "no access conditions in the codebook")
        return str(data["id"])

    def distribution(self, element: Any) -> dict[str, Any]:
        text = next(iter(_all(element, "fileTxt")), element)
        name = _text(next(iter(_all(text, "fileName")), text)) or element.get("ID") or "FILE"
        uri = element.get("URI")
        stem = PurePosixPath(name).stem or PurePosixPath(urlsplit(uri or "").path).stem or name
        formats = [_text(e).upper() for e in _all(text, "format")] + [PurePosixPath(name).suffix.lstrip(".").upper()]
        file_format = next((f for f in formats if f in self.writer_formats()), "CSV")
        data: dict[str, Any] = {"id": record_id(stem), "format": file_format}
        contents = self.texts(_all(text, "fileCont"))
        if contents:
            data["description"] = contents
        if uri:
            downloadable = PurePosixPath(urlsplit(uri).path).suffix and self.public
            data["download_url" if downloadable else "access_url"] = uri  # restricted data are applied for
        else:
            data["access_url"] = self.writer.info.base_uri
            self.report(f"fileDscr[{element.get('ID')}]", "no URI: the distribution points at the catalogue until "
                                                           "its file is added")
        return data

    def writer_formats(self) -> set[str]:
        return set(vocabulary().file_formats)

    # -- variables -------------------------------------------------------------------------------
    def variable(self, element: Any) -> dict[str, Any]:
        name = element.get("name") or element.get("ID") or "VAR"
        data: dict[str, Any] = {"id": record_id(name) if not all(c.isalnum() or c in "_@$-" for c in name) else name,
                                "label": self.texts(_all(element, "labl")) or {self.default: name}, "role": "other"}
        question = self.texts(_all(element, "qstn/qstnLit"))
        if question:
            data["question"] = question
        description = self.texts(_all(element, "txt"))
        if description:
            data["description"] = description
        formats = _all(element, "varFormat")
        numeric = bool(formats) and formats[0].get("type") == "numeric"
        data["data_type"] = ("integer" if element.get("dcml") == "0" else "decimal") if numeric else "string"
        ranges = _all(element, "valrng/range")
        if ranges:
            bounds = {k: float(v) for k, v in (("minimum", ranges[0].get("min")), ("maximum", ranges[0].get("max")))
                      if v not in (None, "")}
            if bounds:
                data["constraints"] = {k: int(v) if v.is_integer() else v for k, v in bounds.items()}
        unit = self.texts([n for n in _all(element, "notes") if n.get("subject") == "Unit of measure"])
        if unit or element.get("measUnit"):
            data["unit"] = unit or {self.default: element.get("measUnit")}
        missing = [c for c in _all(element, "catgry") if c.get("missing") == "Y"]
        if missing:
            data["missing_values"] = [{"code": _text(next(iter(_all(c, "catValu")), c)),
                                       "label": self.texts(_all(c, "labl")) or {self.default: _text(c)}}
                                      for c in missing]
        categories = [c for c in _all(element, "catgry") if c.get("missing") != "Y"]
        if categories:
            data["codelist"] = self.codelist(data["id"], categories, data["label"])
        concept = self.concept(element)
        if concept:
            data["concept"] = concept
        return data

    def codelist(self, variable_id: str, categories: list[Any], label: dict[str, str]) -> str:
        codes = []
        by_id = {c.get("ID"): _text(next(iter(_all(c, "catValu")), c)) for c in categories if c.get("ID")}
        parents = {child: by_id[c.get("ID")] for c in categories if c.get("catgry") for child in c.get("catgry").split()}
        for category in categories:
            value = _text(next(iter(_all(category, "catValu")), category))
            code: dict[str, Any] = {"id": record_id(value) if not all(ch.isalnum() or ch in "_@$-" for ch in value)
                                    else value, "name": self.texts(_all(category, "labl")) or {self.default: value}}
            description = self.texts(_all(category, "txt"))
            if description:
                code["description"] = description
            parent = parents.get(category.get("ID"))
            if parent is not None:
                code["parent"] = parent
            codes.append(code)
        values = [c["id"] for c in codes]
        for key, code_ids in self.writer.codelists().items():
            if code_ids == values:
                return self.writer.codelist_reference(key)
        codelist_id = f"CL_{self.dataset_id.removeprefix('DS_')}_{variable_id}"
        record = self.writer.validated("codelist", {"id": codelist_id, "agency": self.publisher(), "name": label,
                                                    "codes": codes}, f"{self.where}: var {variable_id}")
        if record is not None:
            self.writer.write("codelist", record)
        return codelist_id

    def concept(self, element: Any) -> str | None:
        """The catalogue's concept named by the variable's ``concept`` (its scheme in ``vocab``)."""
        for concept in _all(element, "concept"):
            scheme = concept.get("vocab")
            name = _text(concept)
            for data in self.writer.records_of("concept_scheme"):
                if scheme and data.get("id") != scheme:
                    continue
                for item in data.get("concepts") or []:
                    if isinstance(item, dict) and name in (item.get("name") or {}).values():
                        return str(item.get("id"))
        return None


def _made_id(name: str) -> str:
    """A series id from its name (``Labour Force Survey`` → ``LABOUR_FORCE_SURVEY``); a name of other scripts, which
    would leave underscores only, gives ``SER_`` and a digest of it (the same name, the same id)."""
    made = re.sub(r"_+", "_", record_id(name)).strip("_")[:100]
    return made if re.search(r"[A-Za-z0-9]", made) else f"SER_{hashlib.sha256(name.encode()).hexdigest()[:12].upper()}"


def import_ddi(inputs: list[Path], writer: RecordWriter, terms: str | None, agency: str | None) -> ImportReport:
    """Each DDI-Codebook file of ``inputs`` (files, or folders of ``.xml``) as a draft dataset (and the series its
    series statements name, once)."""
    made_series: set[str] = set()
    for inp in inputs:
        for path in ([inp] if inp.is_file() else sorted(inp.rglob("*.xml"))):
            codebook = _Codebook(path, writer, terms, agency, made_series)
            record = writer.validated("dataset", codebook.dataset(), str(path))
            if record is not None:
                writer.write("dataset", record)
    return writer.finish()
