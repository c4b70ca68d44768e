"""DCAT-US 1.1 (``data.json``) datasets as records: the ``import dcat`` command reads a ``data.json`` this way.

One language (the catalogue's default): title, description, keywords; dates; temporal (``start/end``) and
spatial coverage (a URL, else a place name); frequency (ISO 8601 duration of mappings/frequencies.yaml);
landing page; licence (URL back to SPDX, or the catalogue's); publisher (an agency of the catalogue by
name, else ``--agency``); contact point (by e-mail); terms of use (``--terms``, else the catalogue's with the
``accessLevel``); themes by name; federal bureau and program codes; distributions with their URLs, media
type and format. A collection (an entry other entries name by its ``identifier`` in ``isPartOf``) becomes a series
record, not a dataset (its title, description, publisher, contact point, frequency, themes and landing page), and the
datasets naming it are its releases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from catalogue.vocab import Vocabulary
from catalogue.importers.apply import RecordWriter
from catalogue.errors import ImportTargetError
from catalogue.importers.datapackage import record_id
from catalogue.importers.sdmx import Unmapped


def is_data_json(path: Path) -> bool:
    """A DCAT-US catalogue: a JSON object with a list of datasets (and no JSON-LD graph)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(document, dict) and isinstance(document.get("dataset"), list) and "@graph" not in document


class DataJson:
    def __init__(self, path: Path, writer: RecordWriter, vocab: Vocabulary, terms: str | None,
                 agency: str | None) -> None:
        self.path, self.writer, self.vocab, self.terms, self.agency = path, writer, vocab, terms, agency
        self.default = writer.info.default_language
        self.made_agencies: set[str] = set()
        try:
            self.document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportTargetError(f"{path}: not a readable data.json ({error})") from None

    def report(self, where: str, why: str) -> None:
        self.writer.report.unmapped.append(Unmapped(f"{self.path}: {where}", why))

    def datasets(self) -> list[tuple[str, dict[str, Any]]]:
        """The entries as datasets, but the collections (entries another names in ``isPartOf``): those are written
        as series records first, and a dataset naming one is its release."""
        entries = [(index, item) for index, item in enumerate(self.document.get("dataset") or [])
                   if isinstance(item, dict)]
        parents = {item["isPartOf"] for _, item in entries if isinstance(item.get("isPartOf"), str)} & \
            {_identifier(item) for _, item in entries}
        collections = [(index, item) for index, item in entries if _identifier(item) in parents]
        series = {str(item["identifier"]): made for index, item in collections
                  if (made := self.series(item, index)) is not None}
        found = []
        for index, item in entries:
            if _identifier(item) in parents:
                continue
            data = self.dataset(item, index)
            part_of = item.get("isPartOf")
            if isinstance(part_of, str) and part_of in series:
                data["series"] = [series[part_of]]
            elif part_of is not None and not (isinstance(part_of, str) and part_of in parents):
                self.report(f"dataset[{index}].isPartOf", f"{part_of}: no entry of this file (a collection of the "
                                                          "same catalogue): the dataset is in no series")
            found.append((f"{self.path}: dataset[{index}]", data))
        return found

    def series(self, item: dict[str, Any], index: int) -> str | None:
        """A collection as a series record, written; its id, or None when it is not imported (reported)."""
        series_id = record_id(re.split(r"[/#]", str(item["identifier"]).rstrip("/#"))[-1])
        title = self.text(item.get("title")) or {self.default: series_id}
        data: dict[str, Any] = {"id": series_id, "title": title,
                                "description": self.text(item.get("description")) or title,
                                "publisher": self.publisher(item)}
        data.update(self.described(item, index))
        if item.get("distribution"):
            self.report(f"dataset[{index}].distribution", "a collection becomes a series, which has no "
                                                          "distributions: they are not imported")
        if item.get("isPartOf") is not None:
            self.report(f"dataset[{index}].isPartOf", "a collection in a collection: a series is in no other")
        record = self.writer.validated("series", data, f"{self.path}: dataset[{index}]")
        if record is None:
            return None
        self.writer.write("series", record)
        return series_id

    def text(self, value: Any) -> dict[str, str] | None:
        return {self.default: value} if isinstance(value, str) and value.strip() else None

    def dataset(self, item: dict[str, Any], index: int) -> dict[str, Any]:
        identifier = str(item.get("identifier") or f"DATASET_{index + 1}")
        segment = re.split(r"[/#]", identifier.rstrip("/#"))[-1]
        dataset_id = record_id(segment)
        title = self.text(item.get("title")) or {self.default: dataset_id}
        data: dict[str, Any] = {"id": dataset_id, "status": "draft", "title": title,
                                "description": self.text(item.get("description")) or title,
                                "publisher": self.publisher(item), "terms": self.terms_of(item)}
        if identifier != dataset_id:
            data["identifier"] = identifier
        keywords = [k for k in item.get("keyword") or [] if isinstance(k, str) and k.strip()]
        if keywords:
            data["keywords"] = {self.default: keywords}
        for key in ("issued", "modified"):
            value = str(item.get(key) or "")
            if re.match(r"\d{4}-\d{2}-\d{2}", value):
                data[key] = value[:10]
        temporal = str(item.get("temporal") or "")
        if "/" in temporal:
            start, end = temporal.split("/", 1)
            period = {k: v[:10] for k, v in (("start", start), ("end", end)) if re.match(r"\d{4}-\d{2}-\d{2}", v)}
            if period:
                data["temporal_coverage"] = period
        spatial = item.get("spatial")
        if isinstance(spatial, str) and spatial:
            data["spatial_coverage"] = [{"uri": spatial} if re.match(r"^https?://", spatial) else
                                        {"name": {self.default: spatial}}]
        data.update(self.described(item, index))
        licence = self.licence(item.get("license"))
        if licence:
            data["licence"] = licence
        for key, field in (("bureauCode", "bureau_code"), ("programCode", "program_code")):
            if isinstance(item.get(key), list) and item[key]:
                data[field] = item[key]
        data["distributions"] = self.distributions(item.get("distribution") or [])
        if item.get("references"):
            self.report(f"dataset[{index}].references", "references are pages, not datasets of this catalogue")
        return data

    def described(self, item: dict[str, Any], index: int) -> dict[str, Any]:
        """What an entry says of a dataset and a series alike: its frequency, contact point, themes and landing
        page (those it gives and this catalogue knows)."""
        found = {"frequency": self.frequency(item.get("accrualPeriodicity"), index),
                 "contact_point": self.contact(item.get("contactPoint")),
                 "themes": self.themes(item.get("theme") or [], index),
                 "landing_page": item["landingPage"] if isinstance(item.get("landingPage"), str) else None}
        return {field: value for field, value in found.items() if value}

    def frequency(self, value: Any, index: int) -> str | None:
        """The frequency of mappings/frequencies.yaml an ``accrualPeriodicity`` gives (data.json writes ``R/P1Y``)."""
        if not isinstance(value, str):
            return None
        found = next((k for k, e in self.vocab.frequencies.items() if value in (e.iso8601, f"R/{e.iso8601}")), None)
        if found is None and value != "irregular":
            self.report(f"dataset[{index}].accrualPeriodicity", f"'{value}' is not in mappings/frequencies.yaml")
        return found

    def publisher(self, item: dict[str, Any]) -> str:
        """``--agency``, else the catalogue's agency the publisher's name is, else the catalogue's publisher. The
        agency chosen, when it has no record yet, gets one from the publisher's name (a new catalogue's own
        publisher among them)."""
        publisher = item.get("publisher")
        name = publisher.get("name") if isinstance(publisher, dict) else None
        name = name.strip() if isinstance(name, str) and name.strip() else None
        chosen = self.agency
        if chosen is None:
            chosen = next((str(record["id"]) for record in self.writer.records_of("agency")
                           if name and name in (record.get("name") or {}).values()), self.writer.info.publisher)
        if name and chosen not in self.writer.existing("agency") | self.made_agencies:
            record = self.writer.validated("agency", {"id": chosen, "name": {self.default: name}},
                                           f"{self.path}: publisher {name}")
            if record is not None:
                self.writer.write("agency", record)
                self.made_agencies.add(chosen)
        return chosen

    def terms_of(self, item: dict[str, Any]) -> str:
        if self.terms:
            return self.terms
        level = next((k for k, e in self.vocab.access_levels.items() if e.dcat_us == item.get("accessLevel")), None)
        for record in self.writer.records_of("terms"):
            if record.get("access_level") == level:
                return str(record["id"])
        made = self.writer.new_terms(level) if level is not None else None
        if made is None:
            raise ImportTargetError(f"{self.path}: no terms of use of the catalogue have the access level "
                                    f"'{item.get('accessLevel')}' (and an import cannot tell their access type): "
                                    "write them in terms/ID.yaml and give --terms ID")
        return made

    def licence(self, url: Any) -> str | None:
        if not isinstance(url, str) or not url:
            return None
        for existing in self.writer.records_of("licence"):
            if url in (existing.get("url"), existing.get("eu_uri")):
                return str(existing["id"])
        spdx = next((k for k, e in self.vocab.licences.items() if url in (e.url, e.eu_uri)), None)
        if spdx is None:
            self.report("license", f"{url}: neither in mappings/licences.yaml nor in the catalogue")
            return None
        self.writer.add_known_licence(spdx, self.vocab.licences[spdx], url)
        return spdx

    def contact(self, point: Any) -> str | None:
        if not isinstance(point, dict):
            return None
        email = str(point.get("hasEmail") or "").removeprefix("mailto:")
        for agency in self.writer.records_of("agency"):
            for contact in agency.get("contacts") or []:
                if isinstance(contact, dict) and email and contact.get("email") == email:
                    return str(contact["id"])
        self.report("contactPoint", f"{point.get('fn') or email}: a contact the catalogue does not know")
        return None

    def themes(self, names: list[Any], index: int) -> list[str]:
        """The catalogue's themes of these names: data.json gives a theme's name in the catalogue's default
        language, so a theme of that name there is taken first (another theme may bear it in another language)."""
        found = []
        themes = self.writer.info.themes
        for name in names:
            theme = next((t.id for t in themes if t.name.get(self.default) == name), None) or \
                next((t.id for t in themes if name in t.name.values()), None)
            if theme and theme not in found:
                found.append(theme)
            elif theme is None:
                self.report(f"dataset[{index}].theme", f"'{name}' is not a theme of the catalogue")
        return found

    def distributions(self, items: list[Any]) -> list[dict[str, Any]]:
        distributions: list[dict[str, Any]] = []
        for item in items:
            if not isinstance(item, dict) or not (item.get("downloadURL") or item.get("accessURL")):
                continue
            media = item.get("mediaType")
            name = str(item.get("format") or "")
            file_format = next((k for k, e in self.vocab.file_formats.items()
                                if name in (k, *e.label.values()) or (media and e.media_type == media)), "HTML")
            identifier = record_id(file_format)
            taken = {d["id"] for d in distributions}
            if identifier in taken:
                identifier = f"{identifier}_{len(distributions) + 1}"
            data: dict[str, Any] = {"id": identifier, "format": file_format}
            for key, field in (("downloadURL", "download_url"), ("accessURL", "access_url")):
                if isinstance(item.get(key), str):
                    data[field] = item[key]
            for key in ("title", "description"):
                text = self.text(item.get(key))
                if text:
                    data[key] = text
            distributions.append(data)
        return distributions


def _identifier(item: dict[str, Any]) -> str | None:
    identifier = item.get("identifier")
    return identifier if isinstance(identifier, str) else None
