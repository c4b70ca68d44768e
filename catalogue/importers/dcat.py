"""``catalogue import dcat``: DCAT-AP catalogues (Turtle, RDF/XML, JSON-LD, N-Triples; a portal's catalogue
file, or each page of its paged endpoint saved as files) as records of a catalogue folder.

Each ``dcat:Dataset`` becomes a **draft** dataset: titles, descriptions and keywords in their languages
(an untagged text is in the catalogue's default language), themes (the catalogue's theme with that EU data
theme), issued and modified dates, temporal and spatial coverage, frequency (EU frequency table), landing
page, version, the licence (EU licence URI or licence URL mapped back to SPDX, or one of the catalogue's
licences), terms of use (``--terms``, else the catalogue's terms with the access right's level), publisher
(an agency of the catalogue by IRI or name, else ``--agency``), contact point (a contact of the catalogue
with the same e-mail). Its distributions keep access and download URLs, format (EU file-type table, else
the media type's), media type, size, checksum and planned availability; StatDCAT-AP dimensions and
attributes come back as variables with their labels and concepts. Each ``dcat:DatasetSeries`` becomes a series
record, and a dataset keeps the series it is a release of (``dcat:inSeries``), the version it replaces
(``dcat:previousVersion``) and its version notes (``adms:versionNotes``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from catalogue.formats.uris import Uris
from catalogue.i18n import translations
from catalogue.rdf.reading import RDF_FORMATS, parse_rdf_file
from catalogue.rdf.terms import NAMESPACES
from catalogue.errors import ImportTargetError, RdfReadError
from catalogue.model.types import AGENCY_ID_PATTERN
from catalogue.support.strict import whole_number
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.importers.apply import ImportReport, RecordWriter
from catalogue.importers.datapackage import record_id
from catalogue.importers.dcat_us import DataJson, is_data_json
from catalogue.importers.sdmx import Unmapped

EU = "http://publications.europa.eu/resource/authority/"

AGENCY_ID = re.compile(AGENCY_ID_PATTERN.strip("^$"))
"""An agency id, as the last segment of a publisher's IRI may be one."""


def _term(name: str) -> Any:
    from rdflib import URIRef

    prefix, _, local = name.partition(":")
    return URIRef(NAMESPACES[prefix] + local)


"""The access type of terms made for an access level (restricted access has conditions only an officer knows)."""


def _last_segment(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


class _Graph:
    def __init__(self, paths: list[Path], writer: RecordWriter, vocab: Vocabulary, terms: str | None,
                 agency: str | None) -> None:
        from rdflib import Graph

        self.writer, self.vocab, self.terms, self.agency = writer, vocab, terms, agency
        self.default = writer.info.default_language
        self.made_agencies: set[str] = set()
        self.graph = Graph()
        for path in paths:
            rdf_format = RDF_FORMATS.get(path.suffix.lower())
            if rdf_format is None:
                raise ImportTargetError(f"{path}: not an RDF file this command reads (.ttl, .rdf, .jsonld, .nt)")
            try:
                parse_rdf_file(self.graph, path, rdf_format)
            except RdfReadError as error:
                raise ImportTargetError(f"{path}: {error}") from None
            except Exception as error:  # every parser's syntax error: the file is not readable as declared
                raise ImportTargetError(f"{path}: not readable as {rdf_format}: {str(error).splitlines()[0][:300]}") \
                    from None
        for page, following in self.graph.subject_objects(_term("hydra:next")):
            self.report(str(page), f"the next page ({following}) was not read: give every page's file")

    def report(self, where: str, why: str) -> None:
        self.writer.report.unmapped.append(Unmapped(where, why))

    def texts(self, subject: Any, predicate: str) -> dict[str, str] | None:
        found: dict[str, str] = {}
        for value in self.graph.objects(subject, _term(predicate)):
            language = getattr(value, "language", None) or self.default
            found.setdefault(language, str(value))
        return found or None

    def one(self, subject: Any, predicate: str) -> Any:
        return next(iter(self.graph.objects(subject, _term(predicate))), None)

    # -- datasets ----------------------------------------------------------------------------------
    def datasets(self) -> list[tuple[str, dict[str, Any]]]:
        subjects = sorted(set(self.graph.subjects(_term("rdf:type"), _term("dcat:Dataset"))), key=str)
        found = [(subject, self.dataset(subject)) for subject in subjects]
        imported = {data["id"] for _, data in found}
        for subject, data in found:
            self.releases(subject, data, imported)
        return [(str(subject), data) for subject, data in found]

    def series(self) -> list[tuple[str, dict[str, Any]]]:
        """The dataset series (``dcat:DatasetSeries``) as series records."""
        found = []
        for subject in sorted(set(self.graph.subjects(_term("rdf:type"), _term("dcat:DatasetSeries"))), key=str):
            series_id = self.record_id(subject)
            title = self.texts(subject, "dct:title") or {self.default: series_id}
            data: dict[str, Any] = {"id": series_id, "title": title, "publisher": self.publisher(subject),
                                    "description": self.texts(subject, "dct:description") or title}
            frequency = self.frequency(subject)
            if frequency:
                data["frequency"] = frequency
            contact = self.contact(subject, data["publisher"])
            if contact:
                data["contact_point"] = contact
            landing = self.one(subject, "dcat:landingPage")
            if landing is not None:
                data["landing_page"] = str(landing)
            found.append((str(subject), data))
        return found

    def record_id(self, subject: Any) -> str:
        """A record's id from its IRI (its last segment), else from its ``dct:identifier``."""
        segment = _last_segment(str(subject))
        identifier = self.one(subject, "dct:identifier")
        return record_id(segment if re.fullmatch(r"[A-Za-z0-9_@$-]+", segment) else str(identifier or segment))

    def frequency(self, subject: Any) -> str | None:
        """The frequency of the EU table a ``dct:accrualPeriodicity`` names (others reported)."""
        frequency = self.one(subject, "dct:accrualPeriodicity")
        if frequency is None:
            return None
        found = next((k for k, e in self.vocab.frequencies.items() if e.eu_uri == str(frequency)), None)
        if found is None:
            self.report(str(subject), f"frequency {frequency}: not in the EU frequency table")
        return found

    def releases(self, subject: Any, data: dict[str, Any], imported: set[str]) -> None:
        """The series a dataset is a release of (those of the import or the catalogue), and the version it replaces
        with its notes (one of the import or the catalogue; another is reported)."""
        series = [self.record_id(s) for s in sorted(self.graph.objects(subject, _term("dcat:inSeries")), key=str)]
        known = set(self.writer.existing("series")) | {self.record_id(s) for s in self.graph.subjects(
            _term("rdf:type"), _term("dcat:DatasetSeries"))}
        if [s for s in series if s in known]:
            data["series"] = list(dict.fromkeys(s for s in series if s in known))
        previous = self.one(subject, "dcat:previousVersion")
        if previous is not None:
            previous_id = self.record_id(previous)
            if previous_id in imported or previous_id in self.writer.existing("dataset"):
                data["previous_version"] = previous_id
            else:
                self.report(str(subject), f"its previous version {previous}: neither imported nor in the catalogue")
        notes = self.texts(subject, "adms:versionNotes")
        if notes:
            data["version_notes"] = notes

    def dataset(self, subject: Any) -> dict[str, Any]:
        identifier = self.one(subject, "dct:identifier")
        dataset_id = self.record_id(subject)
        title = self.texts(subject, "dct:title") or {self.default: dataset_id}
        data: dict[str, Any] = {"id": dataset_id, "status": "draft", "title": title,
                                "description": self.texts(subject, "dct:description") or title,
                                "publisher": self.publisher(subject), "terms": self.terms_of(subject)}
        if identifier is not None and str(identifier) != dataset_id:
            data["identifier"] = str(identifier)
        keywords: dict[str, list[str]] = {}
        for value in self.graph.objects(subject, _term("dcat:keyword")):
            keywords.setdefault(getattr(value, "language", None) or self.default, []).append(str(value))
        if keywords:
            data["keywords"] = {k: sorted(v) for k, v in keywords.items()}
        themes = self.themes(subject)
        if themes:
            data["themes"] = themes
        for predicate, key in (("dct:issued", "issued"), ("dct:modified", "modified")):
            value = self.one(subject, predicate)
            if value is not None and re.match(r"\d{4}-\d{2}-\d{2}", str(value)):
                data[key] = str(value)[:10]
        temporal = self.one(subject, "dct:temporal")
        if temporal is not None:
            period = {k: str(v)[:10] for k, v in (("start", self.one(temporal, "dcat:startDate")),
                                                  ("end", self.one(temporal, "dcat:endDate"))) if v is not None}
            if period:
                data["temporal_coverage"] = period
        places = []
        for place in self.graph.objects(subject, _term("dct:spatial")):
            entry: dict[str, Any] = {}
            if not str(place).startswith("_:") and re.match(r"^https?://", str(place)) and "#spatial-" not in str(place):
                entry["uri"] = str(place)
            name = self.texts(place, "skos:prefLabel")
            if name:
                entry["name"] = name
            for predicate, key in (("dcat:bbox", "bbox"), ("dcat:centroid", "centroid")):
                value = self.one(place, predicate)
                if value is not None:
                    entry[key] = str(value)
            geometry = self.one(place, "locn:geometry")  # CKAN's, and DCAT-AP 1's
            if geometry is not None and "bbox" not in entry and str(geometry).lstrip().upper().startswith("POLYGON"):
                entry["bbox"] = str(geometry).strip()
            elif geometry is not None and "bbox" not in entry:
                self.report(str(subject), "a place's locn:geometry that is not a WKT polygon: not imported")
            if entry:
                places.append(entry)
        if places:
            data["spatial_coverage"] = places
        frequency = self.frequency(subject)
        if frequency:
            data["frequency"] = frequency
        landing = self.one(subject, "dcat:landingPage")
        if landing is not None:
            data["landing_page"] = str(landing)
        version = self.one(subject, "dcat:version") or self.one(subject, "owl:versionInfo")
        if version is not None and re.fullmatch(r"[0-9]+(\.[0-9]+)*", str(version)):
            data["version"] = str(version)
        contact = self.contact(subject, data["publisher"])
        if contact:
            data["contact_point"] = contact
        # the catalogue's own SDMX structure message, which every export offers for a statistical table, is not
        # one of the dataset's distributions: it is made again from the imported variables
        structure = Uris(self.writer.info).sdmx_structure()
        distributions = sorted((d for d in self.graph.objects(subject, _term("dcat:distribution"))
                                if str(self.one(d, "dcat:accessURL")) != structure), key=str)
        made = [(d, licence) for d, licence in ((self.distribution(subject, x, i), self.licence(x))
                                                for i, x in enumerate(distributions)) if d is not None]
        data["distributions"] = [d for d, _ in made]
        # the dataset's licence: its own, else the one most of its distributions have (DCAT-AP puts it there); a
        # distribution under another one keeps its own
        given = [licence for _, licence in made if licence]
        own = self.licence(subject) or (max(given, key=lambda licence: (given.count(licence), -given.index(licence)))
                                        if given else None)
        if own:
            data["licence"] = own
        for distribution, licence in made:
            if licence and licence != own:
                distribution["licence"] = licence
        data["variables"] = self.variables(subject)
        return data

    def publisher(self, subject: Any) -> str:
        """``--agency``, else the catalogue's agency the publisher's IRI or name is, else the catalogue's publisher.
        The agency chosen, when it has no record yet, gets one from the publisher's name, e-mail and homepage."""
        agent = self.one(subject, "dct:publisher")
        chosen = self.agency or self.known_publisher(agent)
        if agent is not None and chosen not in self.writer.existing("agency") | self.made_agencies:
            names = self.texts(agent, "foaf:name")
            if names:
                data: dict[str, Any] = {"id": chosen, "name": names}
                for predicate, key in (("foaf:mbox", "email"), ("foaf:homepage", "url")):
                    value = self.one(agent, predicate)
                    if value is not None:
                        data[key] = str(value).removeprefix("mailto:")
                record = self.writer.validated("agency", data, str(agent))
                if record is not None:
                    self.writer.write("agency", record)
                    self.made_agencies.add(chosen)
        return chosen

    def known_publisher(self, agent: Any) -> str:
        """The catalogue's agency the publisher is (by the last segment of its IRI, or by name); a publisher the
        catalogue does not know becomes an agency of its own when its IRI ends in an agency id and it has a name
        (``publisher`` writes its record); else the catalogue's publisher, reported."""
        if agent is not None:
            segment = _last_segment(str(agent))
            if segment in self.writer.existing("agency") | self.made_agencies:
                return segment
            names = set((self.texts(agent, "foaf:name") or {}).values())
            for record in self.writer.records_of("agency"):
                if names & set((record.get("name") or {}).values()):
                    return str(record["id"])
            if names and str(agent).startswith(("http://", "https://")) and AGENCY_ID.fullmatch(segment):
                return segment  # a publisher named by an IRI (a blank node's label is no one's id)
            self.report(str(agent), "a publisher the catalogue does not know: the catalogue's publisher is used "
                                    "(give --agency, or add the agency)")
        return self.writer.info.publisher

    def terms_of(self, subject: Any) -> str:
        """``--terms``; else the catalogue's terms a distribution's ``dct:rights`` names (as our exports
        write them); else its terms with the access right's level."""
        if self.terms:
            return self.terms
        known = self.writer.existing("terms")
        for distribution in self.graph.objects(subject, _term("dcat:distribution")):
            rights = self.one(distribution, "dct:rights")
            if rights is not None and _last_segment(str(rights)) in known:
                return _last_segment(str(rights))
        rights = self.one(subject, "dct:accessRights")
        level = next((k for k, e in self.vocab.access_levels.items() if e.eu_uri == str(rights)), None) if rights else None
        existing = self.writer.records_of("terms")
        candidates = [t for t in existing if level is None or t.get("access_level") == level]
        if len(candidates) >= 1 and (level is not None or len(candidates) == 1):
            return str(candidates[0]["id"])
        if rights is None and not existing:
            self.report(str(subject), "no dct:accessRights: taken as public, as a portal publishes it (check it)")
            level = "public"
        made = self.writer.new_terms(level) if level is not None else None
        if made is None:
            raise ImportTargetError(f"{subject}: no terms of use of the catalogue match its access rights "
                                    f"({rights or 'none given'}): give --terms ID")
        return made

    def themes(self, subject: Any) -> list[str]:
        by_eu = {theme.eu_theme: theme.id for theme in self.writer.info.themes}
        themes = []
        for theme in self.graph.objects(subject, _term("dcat:theme")):
            code = _last_segment(str(theme)) if str(theme).startswith(f"{EU}data-theme/") else None
            if code is not None and code not in by_eu and code in self.vocab.themes:  # a new theme, if it may
                made = self.writer.add_theme({"id": record_id(code), "eu_theme": code,
                                              "name": self.theme_name(code)})
                if made is not None:
                    by_eu[code] = made
            if code in by_eu and by_eu[code] not in themes:
                themes.append(by_eu[code])
            elif code not in by_eu:
                self.report(str(subject), f"theme {theme}: the catalogue has no theme for it (catalogue.yaml themes; "
                                          "--update adds it)")
        return themes

    def theme_name(self, code: str) -> dict[str, str]:
        """An EU data theme's name in the catalogue's languages: the EU table's, else the interface's."""
        label = self.vocab.themes[code].label
        return {language: label.get(language) or translations(language).gettext(label["en"])
                for language in self.writer.info.languages}

    def contact(self, subject: Any, publisher: str | None = None) -> str | None:
        card = self.one(subject, "dcat:contactPoint")
        if card is None:
            return None
        email = str(self.one(card, "vcard:hasEmail") or "").removeprefix("mailto:")
        for agency in self.writer.records_of("agency"):
            for contact in agency.get("contacts") or []:
                if isinstance(contact, dict) and (contact.get("email") == email or
                                                  _last_segment(str(card)) == contact.get("id")):
                    return str(contact["id"])
        names = self.texts(card, "vcard:fn")
        if names and publisher is not None:  # a contact of the publisher, where its record may take it
            segment = _last_segment(str(card))
            card_contact: dict[str, Any] = {"id": record_id(segment if not str(card).startswith("_:") and segment
                                                       else next(iter(names.values()))), "name": names}
            if email:
                card_contact["email"] = email
            telephone = self.one(card, "vcard:hasTelephone")
            if telephone is not None:
                card_contact["telephone"] = str(telephone).removeprefix("tel:")
            made = self.writer.add_contact(publisher, card_contact)
            if made is not None:
                return made
        who = ", ".join(str(v) for v in (self.one(card, "vcard:fn"), email or None) if v)
        self.report(str(subject), f"contact point {who or card}: not a contact of the catalogue's agencies: add it to "
                                  "one (agencies/<id>.yaml contacts) and import again with --update")
        return None

    def licence(self, subject: Any) -> str | None:
        licence = self.one(subject, "dct:license")
        if licence is None:
            return None
        iri = str(licence)
        for existing in self.writer.records_of("licence"):
            if iri in (existing.get("url"), existing.get("eu_uri")) or _last_segment(iri) == existing.get("id"):
                return str(existing["id"])
        spdx = next((k for k, e in self.vocab.licences.items() if iri in (e.eu_uri, e.url)), None)
        if spdx is not None:
            self.writer.add_known_licence(spdx, self.vocab.licences[spdx], iri)
            return spdx
        title = self.texts(licence, "dct:title") or self.texts(licence, "skos:prefLabel")
        if title and self.writer.may_extend() and re.match(r"https?://", iri):  # a custom licence, as exported
            custom = "LicenseRef-" + "-".join(re.findall(r"[A-Za-z0-9]+", iri.split("://", 1)[1]))[:80]
            if custom not in self.writer.existing("licence"):
                record = self.writer.validated("licence", {"id": custom, "title": title, "url": iri}, iri)
                if record is None:
                    return None
                self.writer.write("licence", record)
                self.report(f"licences/{custom}.yaml", "made from the licence's title and address: check them, and "
                                                       "name it as your office does")
            return custom
        self.report(iri, "a licence neither in mappings/licences.yaml nor in the catalogue: add it to licences/")
        return None

    def distribution(self, dataset: Any, subject: Any, index: int) -> dict[str, Any] | None:
        segment = _last_segment(str(subject))
        data: dict[str, Any] = {"id": record_id(segment) if not str(subject).startswith("_:") and segment
                                else f"D{index + 1}"}
        file_format = self.one(subject, "dct:format")
        media = self.one(subject, "dcat:mediaType")
        by_eu = next((k for k, e in self.vocab.file_formats.items() if e.eu_uri == str(file_format)), None)
        # CKAN writes the format's name and the media type as literals; DCAT-AP, the EU and IANA IRIs
        by_name = next((k for k in self.vocab.file_formats if file_format is not None and
                        str(file_format).strip().lstrip(".").upper() == k.upper()), None)
        by_media = next((k for k, e in self.vocab.file_formats.items() if media is not None and
                         (str(media) == e.media_type or str(media).endswith("/" + e.media_type))), None)
        data["format"] = by_eu or by_name or by_media or "HTML"
        if not (by_eu or by_name or by_media):
            self.report(str(subject), f"format {file_format or media or 'none'}: not in mappings/file_formats.yaml; "
                                      "imported as HTML (a page to open)")
        for predicate, key in (("dcat:accessURL", "access_url"), ("dcat:downloadURL", "download_url")):
            value = self.one(subject, predicate)
            if value is not None:
                data[key] = str(value)
        for predicate, key in (("dct:title", "title"), ("dct:description", "description")):
            text = self.texts(subject, predicate)
            if text:
                data[key] = text
        size = self.one(subject, "dcat:byteSize")
        byte_size = whole_number(str(size).split(".")[0]) if size is not None else None
        if byte_size is not None:
            data["byte_size"] = byte_size
        checksum = self.one(subject, "spdx:checksum")
        if checksum is not None:
            algorithm = _last_segment(str(self.one(checksum, "spdx:algorithm") or "")).removeprefix("checksumAlgorithm_")
            value = self.one(checksum, "spdx:checksumValue")
            if value is not None and algorithm:
                data["checksum"] = {"algorithm": algorithm.lower(), "value": str(value).lower()}
        availability = self.one(subject, "dcatap:availability")
        if availability is not None:
            found = next((k for k, e in self.vocab.availability.items() if e.uri == str(availability)), None)
            if found:
                data["availability"] = found
        if media is not None and by_media is None and by_eu is not None:
            data["media_type"] = str(media).rsplit("/media-types/", 1)[-1]
        if "access_url" not in data and "download_url" not in data:
            self.report(str(subject), "no access or download URL: not imported")
            return None
        return data

    def variables(self, subject: Any) -> list[dict[str, Any]]:
        variables = []
        concepts = self.writer.concept_uris()
        for predicate in ("stat:dimension", "stat:attribute"):
            for component in sorted(self.graph.objects(subject, _term(predicate)), key=str):
                notation = self.one(component, "skos:notation")
                variable_id = str(notation) if notation is not None else record_id(_last_segment(str(component)))
                # StatDCAT-AP names dimensions and attributes but not the measure: a table's structure comes
                # back from its SDMX structure, so here they are variables of role "other"
                variable: dict[str, Any] = {"id": variable_id, "role": "other", "data_type": "string",
                                            "label": self.texts(component, "rdfs:label") or {self.default: variable_id}}
                description = self.texts(component, "rdfs:comment")
                if description:
                    variable["description"] = description
                concept = self.one(component, "qb:concept")
                if concept is not None:
                    notation = self.one(concept, "skos:notation")
                    known = concepts.get(str(concept)) or (str(notation) if notation is not None else None)
                    if known and known in self.known_concepts():
                        variable["concept"] = known
                variables.append(variable)
        if variables:
            self.report(str(subject), "StatDCAT-AP components come back as variables of role other, without types, "
                                      "codelists or their order (import the SDMX structure for the table's)")
        return variables

    def known_concepts(self) -> set[str]:
        return {str(c.get("id")) for s in self.writer.records_of("concept_scheme")
                for c in s.get("concepts") or [] if isinstance(c, dict)}


def rdf_files(inputs: list[Path]) -> list[Path]:
    return [p for inp in inputs for p in ([inp] if inp.is_file() else
                                          sorted(q for q in inp.rglob("*") if q.suffix.lower() in RDF_FORMATS))]


def import_dcat(inputs: list[Path], writer: RecordWriter, terms: str | None, agency: str | None,
                vocab: Vocabulary | None = None) -> ImportReport:
    """The datasets of DCAT-AP files (every page of a paged catalogue given as files) and of DCAT-US
    ``data.json`` files as draft datasets."""
    vocab = vocab or vocabulary()
    files = rdf_files(inputs)
    us = [path for path in files if is_data_json(path)]
    found = [item for path in us for item in DataJson(path, writer, vocab, terms, agency).datasets()]
    rdf = [path for path in files if path not in us]
    if rdf:
        graph = _Graph(rdf, writer, vocab, terms, agency)
        for where, data in graph.series():  # before the datasets that name them
            series = writer.validated("series", data, where)
            if series is not None:
                writer.write("series", series)
        found += graph.datasets()
    for where, data in found:
        record = writer.validated("dataset", data, where)
        if record is not None:
            writer.write("dataset", record)
    return writer.finish()
