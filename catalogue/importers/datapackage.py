"""``catalogue import datapackage``: Frictionless Data Packages (v1 and v2) as records of a catalogue folder.

A package becomes a **draft** dataset (an officer reviews it before it is published): title, description,
keywords, version, homepage, creation date, licence (its Open Definition id mapped back to SPDX through
``mappings/licences.yaml``), provenance from its sources. Each resource becomes a distribution: a local
file is copied into the catalogue folder (``data/<dataset id>/``) with its dialect, size and checksum, a
URL stays a download URL. The Table Schema's fields become variables (type, constraints, missing values);
a field's ``categories`` become a codelist, or the catalogue's codelist with the same codes. Texts are in
the catalogue's default language, and in the others where the package has our ``x_translations``. Data
Package has no roles, concepts or agencies: variables are "other" unless a field's ``rdfType`` is a
concept's URI, and the publisher is ``--agency`` (by default the catalogue's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from catalogue.support.fileio import atomic_write_bytes
from catalogue.formats.uris import package_name
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.importers.apply import ImportReport, RecordWriter
from catalogue.errors import ImportTargetError
from catalogue.importers.sdmx import Unmapped
from catalogue.model.kinds import identity_fields

TABLE_TYPES = {"string": "string", "integer": "integer", "number": "decimal", "boolean": "boolean", "date": "date",
               "datetime": "datetime", "year": "year", "yearmonth": "year_month"}
"""Table Schema types → the data types of mappings/data_types.yaml."""
CONSTRAINTS = {"required": "required", "unique": "unique", "minimum": "minimum", "maximum": "maximum",
               "minLength": "min_length", "maxLength": "max_length", "pattern": "pattern"}
ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_@$-]")


def record_id(name: str) -> str:
    """An SDMX id from a Data Package name (``ds_hh_size-2021`` → ``DS_HH_SIZE-2021``)."""
    return ID_CHARACTERS.sub("_", name).upper() or "X"


class _Package:
    def __init__(self, path: Path, writer: RecordWriter, vocab: Vocabulary, terms: str, agency: str) -> None:
        self.path = path.parent
        self.where = str(path)
        self.writer, self.vocab, self.terms, self.agency = writer, vocab, terms, agency
        self.default = writer.info.default_language
        self.references: dict[str, str] = {}
        """A field's name → the resource its foreign key names."""
        try:
            self.descriptor = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportTargetError(f"{path}: not a readable Data Package descriptor ({error})") from None
        if not isinstance(self.descriptor, dict):
            raise ImportTargetError(f"{path}: a Data Package descriptor is a JSON object")
        self.dataset_id = record_id(self.descriptor.get("name") or path.parent.name)

    def report(self, where: str, why: str) -> None:
        self.writer.report.unmapped.append(Unmapped(f"{self.where}: {where}", why))

    def text(self, owner: dict[str, Any], key: str, translations_key: str | None = None) -> dict[str, Any] | None:
        """A text in the default language, with the others of ``x_translations``."""
        value = owner.get(key)
        texts: dict[str, Any] = {self.default: value} if isinstance(value, (str, list)) and value else {}
        for language, translated in (owner.get("x_translations") or {}).items():
            if isinstance(translated, dict) and translated.get(translations_key or key):
                texts[language] = translated[translations_key or key]
        return texts or None

    # -- the dataset -------------------------------------------------------------------------------
    def dataset(self) -> dict[str, Any]:
        package = self.descriptor
        title = self.text(package, "title") or {self.default: package.get("name") or self.dataset_id}
        data: dict[str, Any] = {"id": self.dataset_id, "status": "draft", "title": title,
                                "description": self.text(package, "description") or title,
                                "publisher": self.agency, "terms": self.terms}
        keywords = self.text(package, "keywords")
        if keywords:
            data["keywords"] = keywords
        if isinstance(package.get("version"), str) and re.fullmatch(r"[0-9]+(\.[0-9]+)*", package["version"]):
            data["version"] = package["version"]
        elif package.get("version"):
            self.report("version", f"'{package['version']}' is not a version such as 1.0: left out")
        if isinstance(package.get("homepage"), str):
            data["landing_page"] = package["homepage"]
        if isinstance(package.get("created"), str) and re.match(r"\d{4}-\d{2}-\d{2}", package["created"]):
            data["issued"] = package["created"][:10]
        licence = self.licence()
        if licence:
            data["licence"] = licence
        sources = [str(s["title"]) for s in package.get("sources") or [] if isinstance(s, dict) and s.get("title")]
        if sources:
            data["provenance"] = {self.default: " ".join(sources)}
        contact = self.contributors(package.get("contributors"))
        if contact:
            data["contact_point"] = contact
        for key in ("image", "profile"):
            if package.get(key):
                self.report(key, "the dataset's look comes from the catalogue's records")
        tables = [r for r in package.get("resources") or [] if isinstance(r, dict)]
        schema = next((r.get("schema") for r in tables if isinstance(r.get("schema"), dict)), None)
        if isinstance(schema, str):
            self.report("schema", "a schema given by path or URL is not read (nothing is fetched)")
        self.references = {str(key.get("fields")): str((key.get("reference") or {}).get("resource"))
                           for key in (schema or {}).get("foreignKeys") or []
                           if isinstance(key, dict) and isinstance(key.get("fields"), str)}
        carried = {name for name in self.references.values() if self.codelist_table(name)}
        data["distributions"] = [d for d in (self.distribution(r) for r in tables if r.get("name") not in carried)
                                 if d]
        data["variables"] = [v for v in (self.variable(f) for f in (schema or {}).get("fields") or []) if v]
        keys = {"primaryKey": "the model has no keys across variables", "uniqueKeys": "the model has no keys "
                "across variables"}
        for key, why in keys.items():
            if (schema or {}).get(key):
                self.report(f"schema.{key}", why)
        for field_name, resource in self.references.items():
            if resource not in carried:
                self.report(f"schema.foreignKeys[{field_name}]", f"a reference to '{resource}', not a codelist table "
                                                                 "of the package: not kept")
        return data

    def contributors(self, given: Any) -> str | None:
        """The package's publisher as the dataset's agency's record, when it has none yet, and its contact as a
        contact of that agency (where the catalogue's records may take it): the contact's id, else ``None``."""
        people = [c for c in given or [] if isinstance(c, dict) and isinstance(c.get("title"), str)
                  and c["title"].strip()] if isinstance(given, list) else []
        roles = lambda c: c.get("roles") or ([c["role"]] if isinstance(c.get("role"), str) else [])  # noqa: E731
        publisher = next((c for c in people if "publisher" in roles(c)), None)
        if publisher is not None and self.agency not in self.writer.existing("agency"):
            agency: dict[str, Any] = {"id": self.agency, "name": {self.default: publisher["title"].strip()}}
            if isinstance(publisher.get("path"), str) and publisher["path"].startswith(("http://", "https://")):
                agency["url"] = publisher["path"]
            if isinstance(publisher.get("email"), str):
                agency["email"] = publisher["email"]
            record = self.writer.validated("agency", agency, f"{self.where}: contributors")
            if record is not None:
                self.writer.write("agency", record)
        contact = next((c for c in people if "contact" in roles(c)), None)
        made = None
        if contact is not None:
            entry: dict[str, Any] = {"id": record_id(contact["title"].strip()),
                                     "name": {self.default: contact["title"].strip()}}
            if isinstance(contact.get("email"), str):
                entry["email"] = contact["email"]
            if isinstance(contact.get("path"), str) and contact["path"].startswith(("http://", "https://")):
                entry["url"] = contact["path"]
            existing = next((c.get("id") for a in self.writer.records_of("agency") for c in a.get("contacts") or []
                             if isinstance(c, dict) and entry.get("email") and c.get("email") == entry["email"]), None)
            made = str(existing) if existing else self.writer.add_contact(self.agency, entry)
        others = [c["title"] for c in people if c is not publisher and c is not contact]
        if (contact is not None and made is None) or others:
            self.report("contributors", "not carried over (the catalogue's agencies and their contacts are its "
                                        f"records): {', '.join([*([contact['title']] if contact and not made else []), *others])}")
        return made

    def licence(self) -> str | None:
        licences = [item for item in self.descriptor.get("licenses") or [] if isinstance(item, dict)]
        for item in licences[1:]:
            self.report("licenses", f"'{item.get('name') or item.get('path')}': a dataset has one licence")
        if not licences:
            return None
        name, path = str(licences[0].get("name") or ""), str(licences[0].get("path") or "")
        for existing in self.writer.records_of("licence"):  # the catalogue's own licences, custom ones too
            if existing.get("id") == name or (path and existing.get("url") == path):
                return str(existing["id"])
        spdx = next((key for key, entry in self.vocab.licences.items() if name in (key, entry.open_definition_id)), None)
        if spdx is None:
            self.report("licenses[0]", f"'{name}' is not a licence of mappings/licences.yaml: add it to licences/ "
                                       "and to the dataset")
            return None
        self.writer.add_known_licence(spdx, self.vocab.licences[spdx], f"licence {spdx}")
        return spdx

    def distribution(self, resource: dict[str, Any]) -> dict[str, Any] | None:
        name = str(resource.get("name") or "resource")
        if resource.get("data") is not None:
            self.report(f"resources[{name}]", "inline data: the catalogue describes files, not values (a codelist "
                                              "table's codes come through the fields' categories)")
            return None
        file_format = str(resource.get("format") or "").upper()
        if file_format not in self.vocab.file_formats:
            guess = Path(str(resource.get("path") or "")).suffix.lstrip(".").upper()
            file_format = guess if guess in self.vocab.file_formats else ""
        if not file_format:
            self.report(f"resources[{name}]", f"format '{resource.get('format')}' is not one of "
                                              "mappings/file_formats.yaml: not imported")
            return None
        data: dict[str, Any] = {"id": record_id(name), "format": file_format}
        for key, field_name in (("title", "title"), ("description", "description")):
            text = self.text(resource, key)
            if text:
                data[field_name] = text
        if resource.get("mediatype"):
            data["media_type"] = resource["mediatype"]
        if isinstance(resource.get("bytes"), int):
            data["byte_size"] = resource["bytes"]
        checksum = resource.get("hash")
        if isinstance(checksum, str) and checksum:
            algorithm, _, value = checksum.rpartition(":")
            data["checksum"] = {"algorithm": algorithm or "md5", "value": value.lower()}
        path = resource.get("path")
        if isinstance(path, list):
            self.report(f"resources[{name}].path", "a resource in several files: only the first is imported")
            path = path[0] if path else None
        if isinstance(path, str) and re.match(r"^[a-z]+://", path):
            data["download_url"] = path
        elif isinstance(path, str):
            data["path"] = self.copy(path)
            dialect = self.dialect(resource)
            if dialect:
                data["dialect"] = dialect
        return data

    def copy(self, relative: str) -> str:
        """Copy a local data file into the catalogue folder; the distribution's path in it."""
        source = (self.path / relative).resolve()
        if not source.is_relative_to(self.path.resolve()) or not source.is_file():
            raise ImportTargetError(f"{self.where}: resource path '{relative}' is not a file of the package")
        target = f"data/{self.dataset_id}/{source.name}"
        if not self.writer.dry_run:
            destination = self.writer.into / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(destination, source.read_bytes())
        return target

    @staticmethod
    def dialect(resource: dict[str, Any]) -> dict[str, Any]:
        dialect: dict[str, Any] = resource["dialect"] if isinstance(resource.get("dialect"), dict) else {}
        result: dict[str, Any] = {}
        for key, target in (("delimiter", "delimiter"), ("quoteChar", "quote_char"), ("header", "header")):
            if key in dialect:
                result[target] = dialect[key]
        encoding = resource.get("encoding")
        if isinstance(encoding, str) and encoding.lower() not in ("utf-8", "utf8"):
            result["encoding"] = encoding
        return result

    # -- variables -------------------------------------------------------------------------------
    def variable(self, field: Any) -> dict[str, Any] | None:
        if not isinstance(field, dict) or not field.get("name"):
            return None
        name = str(field["name"])
        data: dict[str, Any] = {"id": record_id(name) if not re.fullmatch(r"[A-Za-z0-9_@$-]+", name) else name,
                                "label": self.text(field, "title") or {self.default: name}, "role": "other"}
        if data["id"] != name:
            self.report(f"field {name}", f"its name is not an SDMX id: imported as {data['id']}")
        description = self.text(field, "description")
        if description:
            data["description"] = description
        field_type = str(field.get("type") or "string")
        data["data_type"] = TABLE_TYPES.get(field_type, "string")
        if field_type not in TABLE_TYPES:
            self.report(f"field {name}", f"type '{field_type}': imported as string")
        constraints = {CONSTRAINTS[k]: v for k, v in (field.get("constraints") or {}).items() if k in CONSTRAINTS}
        if constraints:
            data["constraints"] = constraints
        missing = field.get("missingValues") or []
        labels = ((field.get("x_translations") or {}))
        data["missing_values"] = [self.missing(value, labels) for value in missing if value != ""]
        if not data["missing_values"]:
            del data["missing_values"]
        if field.get("categories"):
            data["codelist"] = self.codelist(name, field)
        concept = self.concept_of(field.get("rdfType"))
        if concept:
            data["concept"] = concept
        return data

    def missing(self, value: Any, translations: dict[str, Any]) -> dict[str, Any]:
        if isinstance(value, dict):
            code = str(value.get("value"))
            label = {self.default: value.get("label") or code}
        else:
            code, label = str(value), {self.default: str(value)}
        for language, translated in translations.items():
            text = ((translated or {}).get("missingValues") or {}).get(code) if isinstance(translated, dict) else None
            if text:
                label[language] = text
        return {"code": code, "label": label}

    def codelist(self, name: str, field: dict[str, Any]) -> str:
        categories = [c if isinstance(c, dict) else {"value": c} for c in field["categories"]]
        values = [str(c.get("value")) for c in categories]
        same_codes = [codelist_id for codelist_id, code_ids in self.writer.codelists().items() if code_ids == values]
        # the catalogue's codelist with the same codes (our own packages' way back): the one the field's foreign
        # key names (our codelist resources are `codelist-<id>`), else the first
        referenced = self.references.get(name)
        named = [i for i in same_codes
                 if referenced == package_name(f"codelist-{identity_fields('codelist', i)['id']}")]
        if named or same_codes:
            return self.writer.codelist_reference((named or same_codes)[0])
        translations = {lang: (t or {}).get("categories") or {} for lang, t in (field.get("x_translations") or {}).items()
                        if isinstance(t, dict)}
        table = self.codelist_table(referenced)
        parents = table[1] if table else {}
        code_id = lambda value: value if re.fullmatch(r"[A-Za-z0-9_@$-]+", value) else record_id(value)  # noqa: E731
        codes: list[dict[str, Any]] = []
        for category, value in zip(categories, values):
            label = {self.default: str(category.get("label") or value)}
            label.update({lang: texts[value] for lang, texts in translations.items() if value in texts})
            code: dict[str, Any] = {"id": code_id(value), "name": label}
            if parents.get(value) in values:
                code["parent"] = code_id(parents[value])
            codes.append(code)
        # a codelist table of the package (ours: `codelist-<id>`, its title the codelist's name, a parent column)
        # names the codelist; else it is the field's, named after it
        codelist_id = table[0] if table else f"CL_{self.dataset_id.removeprefix('DS_')}_{record_id(name)}"
        codelist_name = table[2] if table else self.text(field, "title") or {self.default: name}
        record = self.writer.validated("codelist", {"id": codelist_id, "agency": self.agency,
                                                    "name": codelist_name,
                                                    "ordered": bool(field.get("categoriesOrdered")),
                                                    "codes": codes}, f"{self.where}: field {name}")
        if record is not None:
            self.writer.write("codelist", record)
        return codelist_id

    def codelist_table(self, resource_name: str | None) -> tuple[str, dict[str, str], dict[str, Any]] | None:
        """The codelist table a field's foreign key names, when the package has it inline with a ``code`` column:
        (the codelist's id, each code's parent, the codelist's name)."""
        resource = next((r for r in self.descriptor.get("resources") or [] if isinstance(r, dict)
                         and resource_name and r.get("name") == resource_name), None)
        rows = resource.get("data") if resource else None
        if not isinstance(rows, list) or not rows or not isinstance(rows[0], list) or "code" not in rows[0]:
            return None
        header = [str(column) for column in rows[0]]
        parents: dict[str, str] = {}
        for row in rows[1:]:
            if isinstance(row, list) and len(row) == len(header):
                values = dict(zip(header, (str(cell) for cell in row)))
                if values.get("parent"):
                    parents[values["code"]] = values["parent"]
        assert resource is not None and resource_name is not None
        title = resource.get("title")
        name = {self.default: title} if isinstance(title, str) and title.strip() else {self.default: resource_name}
        return record_id(resource_name.removeprefix("codelist-")), parents, name

    def concept_of(self, uri: Any) -> str | None:
        if not isinstance(uri, str):
            return None
        return self.writer.concept_uris().get(uri)


def descriptors(path: Path) -> list[Path]:
    """``datapackage.json`` itself, or every one under a folder."""
    if path.is_file():
        return [path]
    return sorted(path.rglob("datapackage.json"))


def import_datapackage(inputs: list[Path], writer: RecordWriter, terms: str | None, agency: str | None,
                       vocab: Vocabulary | None = None) -> ImportReport:
    """Each Data Package of ``inputs`` as a draft dataset of the catalogue."""
    vocab = vocab or vocabulary()
    chosen = terms or (next(iter(writer.existing("terms"))) if len(writer.existing("terms")) == 1 else None)
    if chosen is None and writer.is_new and not writer.existing("terms"):  # a package is published: public terms
        chosen = writer.new_terms("public")
        writer.report.unmapped.append(Unmapped("datapackage.json", "a Data Package does not say who may access its "
                                               "data: taken as public (give --terms ID for other terms)"))
    if chosen is None:
        raise ImportTargetError("a dataset needs terms of use, which a Data Package does not give: give --terms ID")
    publisher = agency or writer.info.publisher
    for inp in inputs:
        for path in descriptors(inp):
            package = _Package(path, writer, vocab, chosen, publisher)
            record = writer.validated("dataset", package.dataset(), str(path))
            if record is not None:
                writer.write("dataset", record)
    return writer.finish()


__all__ = ["import_datapackage", "record_id"]
