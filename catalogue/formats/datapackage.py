"""Frictionless Data Package v2: one package per public dataset, with a Table Schema built from its
variables, and its local data files copied beside the descriptor.

Data Package holds one language: texts are in the catalogue's default language, and the other
languages travel in the custom property ``x_translations`` (on the package and on each field).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from catalogue.records.compact import like
from catalogue.errors import ConfidentialColumnError
from catalogue.support.fileio import resolve_inside
from catalogue.support.hashing import file_digest
from catalogue.i18n import translations as interface_translations
from catalogue.model import Dataset, Distribution
from catalogue.model.dataset import Checksum
from catalogue.policy.view import PublicView
from catalogue.records.tabular import dialect_of, is_tabular, plan_columns, write_without
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.jsonstream import indented_json
from catalogue.formats.tableschema import TableSchemaBuilder
from catalogue.formats.text import pick
from catalogue.formats.uris import Uris, package_name

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"


def _header(schema: dict[str, Any]) -> list[str]:
    """Inline data with the header row only: the table described, no row given (restricted access)."""
    return [field["name"] for field in schema["fields"]]



def has_package(dataset: Dataset, vocab: Vocabulary) -> bool:
    """A Data Package needs a resource: a table (variables or a tabular file) or a file to point at."""
    return any(not v.confidential for v in dataset.variables) or any(
        is_tabular(d, vocab) or d.path or d.download_url or d.access_url for d in dataset.distributions)


class DataPackageBuilder:
    """Descriptors and data files of a public view."""

    def __init__(self, view: PublicView, source_root: Path, strip_confidential: bool = False,
                 vocab: Vocabulary | None = None) -> None:
        self.view = view
        self.source_root = source_root
        self.strip_confidential = strip_confidential
        self.vocab = vocab or vocabulary()
        self.uris = Uris(view.info)
        self.language = view.info.default_language
        self.tables = TableSchemaBuilder(self.vocab, view, self.language,
                                         view.info.languages)

    def text(self, value: dict[str, str] | None) -> str | None:
        return pick(value, self.language)

    def write_all(self, out: Path) -> list[Path]:
        """Write ``out/<dataset-id>/datapackage.json`` (and data files) for every public dataset."""
        return [self.write_package(dataset, out / dataset.id) for dataset in self.view.datasets.values()
                if self.has_package(dataset)]

    def write_package(self, dataset: Dataset, folder: Path) -> Path:
        """Write ``folder/datapackage.json`` (and its data files) of one dataset."""
        folder.mkdir(parents=True)
        descriptor = self.package(dataset, folder)
        path = folder / "datapackage.json"
        path.write_text(indented_json(descriptor) + "\n", encoding="utf-8")
        return path

    def package(self, dataset: Dataset, folder: Path | None) -> dict[str, Any]:
        """The descriptor of one dataset; data files are copied into ``folder`` when it is given."""
        terms = self.view.terms_of(dataset)
        open_access = self.view.is_open_access(dataset)
        description = self.text(dataset.description) or ""
        if not open_access:
            conditions = self.text(terms.conditions) or self.text(terms.name) or ""
            access = interface_translations(self.language, self.source_root).gettext("Access")
            description = f"{description}\n\n{access}: {conditions}".strip()
        descriptor: dict[str, Any] = {
            "$schema": PACKAGE_PROFILE,
            "name": package_name(dataset.id),
            "id": self.uris.dataset(dataset.id),
            "title": self.text(dataset.title),
            "description": description,
            "version": dataset.version,
        }
        if dataset.issued:
            descriptor["created"] = f"{dataset.issued.isoformat()}T00:00:00Z"
        if dataset.landing_page:
            descriptor["homepage"] = dataset.landing_page
        keywords = (dataset.keywords or {}).get(self.language)
        if keywords:
            descriptor["keywords"] = keywords
        licence = self.view.licence_of(dataset)
        if licence:
            entry = {"path": licence.url, "title": self.text(licence.title)}
            descriptor["licenses"] = [{"name": licence.open_definition_id, **entry} if licence.open_definition_id
                                      else entry]
        descriptor["sources"] = [self.source(dataset)]
        descriptor["contributors"] = self.contributors(dataset)
        translations = self.translations(dataset)
        if translations:
            descriptor["x_translations"] = translations
        if not open_access:
            descriptor["x_access"] = {
                "access_level": terms.access_level, "access_type": terms.access_type,
                **({"application_url": terms.application_url} if terms.application_url else {})}
        descriptor["resources"] = self.resources(dataset, folder)
        return descriptor

    def source(self, dataset: Dataset) -> dict[str, str]:
        publisher = self.view.agencies[dataset.publisher]
        source = {"title": self.text(dataset.provenance) or self.text(publisher.name) or publisher.id}
        path = dataset.landing_page or publisher.url
        if path:
            source["path"] = path
        return source

    def contributors(self, dataset: Dataset) -> list[dict[str, Any]]:
        publisher = self.view.agencies[dataset.publisher]
        roles = self.vocab.roles
        result: list[dict[str, Any]] = [{"title": self.text(publisher.name), "roles": [roles["publisher"].datapackage],
                                         **({"path": publisher.url} if publisher.url else {}),
                                         **({"email": publisher.email} if publisher.email else {})}]
        contact = self.view.contact(dataset.contact_point)
        if contact:
            result.append({"title": self.text(contact.name), "roles": [roles["contact"].datapackage],
                           **({"email": contact.email} if contact.email else {}),
                           **({"path": contact.url} if contact.url else {})})
        return result

    def translations(self, dataset: Dataset) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for language in self.view.info.languages:
            if language == self.language:
                continue
            entry: dict[str, Any] = {key: value[language] for key, value in (("title", dataset.title),
                                                             ("description", dataset.description))
                     if language in value}
            if dataset.keywords and language in dataset.keywords:
                entry["keywords"] = dataset.keywords[language]
            if entry:
                result[language] = entry
        return result

    def resources(self, dataset: Dataset, folder: Path | None) -> list[dict[str, Any]]:
        schema = self.tables.schema(dataset)
        codelists = self.codelist_resources(dataset, schema)
        if codelists:
            schema["foreignKeys"] = [
                {"fields": field["name"], "reference": {"resource": codelists[field["name"]]["name"], "fields": "code"}}
                for field in schema["fields"] if field["name"] in codelists]
        tabular = [d for d in dataset.distributions if is_tabular(d, self.vocab)]
        resources = [self.resource(dataset, distribution, schema, folder) for distribution in tabular]
        if not tabular and schema["fields"]:
            # no tabular data to give (restricted, or no tabular distribution): describe the table only
            resources.append({"name": "table", "title": self.text(dataset.title),
                              "data": [_header(schema)], "schema": schema})
        # files that are not tables: local ones always (they are published beside the descriptor), web ones
        # only for a dataset without a table (documentation only: a questionnaire, a report, a web page)
        documentation_only = not resources
        resources += [resource for distribution in dataset.distributions if not is_tabular(distribution, self.vocab)
                      and (documentation_only or (distribution.path and folder is not None))
                      if (resource := self.file_resource(dataset, distribution, folder))]
        if schema["fields"]:
            resources += list({r["name"]: r for r in codelists.values()}.values())
        return resources

    def has_package(self, dataset: Dataset) -> bool:
        return has_package(dataset, self.vocab)

    def file_resource(self, dataset: Dataset, distribution: Distribution, folder: Path | None) -> dict[str, Any] | None:
        """A file that is not a table (a questionnaire, a report, a web page): a plain resource, no schema."""
        location: dict[str, Any]
        if distribution.path and folder is not None:
            copied = self.copy(dataset, distribution, folder)
            location = {"path": copied.name, "bytes": copied.stat().st_size, "hash": f"sha256:{file_digest(copied)}"}
        elif distribution.download_url or distribution.access_url:
            location = {"path": distribution.download_url or distribution.access_url}
        else:
            return None
        texts = {key: self.text(value) for key, value in (("title", distribution.title),
                                                          ("description", distribution.description)) if value}
        return {"name": package_name(distribution.id), "path": location.pop("path"), **texts,
                "format": distribution.format.lower(),
                "mediatype": distribution.media_type or self.vocab.file_formats[distribution.format].media_type,
                **location}

    def codelist_resources(self, dataset: Dataset, schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Per coded text field, an inline resource of its codelist (code, label, parent): the table's
        foreign keys point at it, and it keeps the hierarchy that ``categories`` cannot hold."""
        result = {}
        variables = {v.id: v for v in dataset.variables}
        used = {(c.agency, c.id, c.version) for v in dataset.variables if (c := self.view.codelist(v.codelist))}
        same_id = Counter(codelist_id for _, codelist_id, _ in used)
        for field in schema["fields"]:
            variable = variables.get(field["name"])
            codelist = self.view.codelist(variable.codelist) if variable else None
            if codelist is None or not codelist.codes or field["type"] != "string":
                continue
            rows = [[code.id, self.text(code.name) or code.id, code.parent or ""] for code in codelist.codes]
            result[field["name"]] = {
                "name": package_name(f"codelist-{codelist.id}" if same_id[codelist.id] == 1 else  # one per artefact
                                     f"codelist-{codelist.agency}-{codelist.id}-{codelist.version}"),
                "title": self.text(codelist.name),
                "data": [["code", "label", "parent"], *rows],
                "schema": {"fields": [{"name": "code", "type": "string", "constraints": {"required": True}},
                                      {"name": "label", "type": "string"},
                                      {"name": "parent", "type": "string"}],
                           "primaryKey": ["code"],
                           "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "code"}}]},
            }
        return result

    def resource(self, dataset: Dataset, distribution: Distribution, schema: dict[str, Any],
                 folder: Path | None) -> dict[str, Any]:
        file_format = self.vocab.file_formats[distribution.format]
        location: dict[str, Any]
        size: dict[str, Any] = {}
        if distribution.path and folder is not None:
            copied = self.copy(dataset, distribution, folder)
            location = {"path": copied.name}
            size = {"bytes": copied.stat().st_size, "hash": f"sha256:{file_digest(copied)}"}
        elif distribution.download_url:
            location = {"path": distribution.download_url}
            if distribution.byte_size is not None:
                size["bytes"] = distribution.byte_size
            if distribution.checksum:
                size["hash"] = f"{distribution.checksum.algorithm}:{distribution.checksum.value}"
        else:
            location = {"data": [_header(schema)]}
        texts = {key: self.text(value) for key, value in (("title", distribution.title),
                                                          ("description", distribution.description)) if value}
        dialect = dialect_of(distribution, self.vocab)
        form: dict[str, Any] = {"format": distribution.format.lower(),
                                "mediatype": distribution.media_type or file_format.media_type,
                                "encoding": dialect.encoding.lower()}
        if dialect.descriptor():
            form["dialect"] = dialect.descriptor()
        return {"name": package_name(distribution.id), **location, **texts, **(form if "path" in location else {}),
                **size, "schema": schema}

    def served_view(self) -> PublicView:
        """The public view with every declared size and checksum of a local table that is published
        without its confidential columns (``--strip-confidential``) replaced by those of the bytes served."""
        if not self.strip_confidential:
            return self.view
        datasets: MutableMapping[str, Dataset] = like(self.view.datasets, ())  # a large catalogue's stay compact
        for dataset_id, dataset in self.view.datasets.items():
            distributions = [self.served(dataset, d) for d in dataset.distributions]
            changed = any(a is not b for a, b in zip(distributions, dataset.distributions))
            datasets[dataset_id] = dataset.model_copy(update={"distributions": distributions}) if changed else dataset
        return replace(self.view, datasets=datasets)

    def served(self, dataset: Dataset, distribution: Distribution) -> Distribution:
        if not (distribution.path and self.strip_confidential and is_tabular(distribution, self.vocab)
                and self.view.is_open_access(dataset) and (distribution.byte_size is not None or distribution.checksum)):
            return distribution
        with tempfile.TemporaryDirectory() as temporary:
            copied = self.copy(dataset, distribution, Path(temporary))
            update: dict[str, Any] = {}
            if distribution.byte_size is not None:
                update["byte_size"] = copied.stat().st_size
            if distribution.checksum is not None:
                algorithm = distribution.checksum.algorithm
                update["checksum"] = Checksum(algorithm=algorithm, value=file_digest(copied, algorithm))
        return distribution.model_copy(update=update)

    def copy(self, dataset: Dataset, distribution: Distribution, folder: Path) -> Path:
        """Copy a local data file beside the descriptor: a table without the columns of confidential
        variables (or not at all, see ``tabular.plan_columns``), any other file byte for byte."""
        source = resolve_inside(self.source_root, distribution.path or "")
        target = folder / source.name
        if target.exists():
            target = folder / f"{distribution.id}-{source.name}"
        if not is_tabular(distribution, self.vocab):
            shutil.copyfile(source, target)
            return target
        dialect = dialect_of(distribution, self.vocab)
        plan = plan_columns(source, dialect, dataset.id, list(self.view.source_columns.get(dataset.id, ())),
                            self.view.withheld_columns.get(dataset.id, frozenset()))
        if not plan.hidden:
            shutil.copyfile(source, target)
            return target
        if not self.strip_confidential:
            names = ", ".join(plan.header[i] for i in plan.hidden)
            raise ConfidentialColumnError(
                f"{source}: column {names} holds a confidential variable of {dataset.id}; remove it from "
                "the file or export with --strip-confidential (the original file is never changed)")
        write_without(source, target, dialect, plan.hidden)
        return target
