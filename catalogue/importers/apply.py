"""Records read from another standard written into a catalogue folder: validated by the model, never
overwriting an existing record unless asked (``update``), each file written atomically, and a report of
what was created, updated, left as it was, and could not be carried over."""

from __future__ import annotations

import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogue.errors import CatalogueError, ImportTargetError, ImportedItemInvalid, RecordTooLarge, YamlProblem
from catalogue.support.fileio import atomic_output
from catalogue.model import RECORD_KINDS, CatalogueInfo
from catalogue.i18n import in_languages
from catalogue.model.types import LanguageTag
from catalogue.records.loader import fill_licence
from catalogue.records.writer import CATALOGUE_FILE, file_data, record_data, record_file
from catalogue.model.kinds import KIND_FOLDERS, MAINTAINABLE_KINDS, identity_fields, record_key
from catalogue.vocab import vocabulary
from catalogue.records.yamlsource import MAX_ENTRIES, read_yaml_file, write_yaml
from catalogue.importers.sdmx import Unmapped

def _is_text(annotation: Any) -> bool:
    """Whether a field's type is a text in several languages (``{language: text}``, or a list per language)."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_text(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is dict:
        return typing.get_args(annotation)[0] is LanguageTag
    return any(_is_text(argument) for argument in typing.get_args(annotation))


def _text_fields() -> frozenset[str]:
    """The names of the fields of every record (and of what records hold) whose values are texts in several
    languages, read from the model."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = list(RECORD_KINDS.values())
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if _is_text(info.annotation):
                found.add(name)
            pending += [t for t in _models_in(info.annotation) if t not in seen]
    return frozenset(found)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


TEXT_FIELDS = _text_fields()
"""Fields that hold a text in several languages (a field of that name that holds something else is not a
``{language: ...}`` mapping, and is left alone)."""


class _Bounded:
    """A text stream that stops (``RecordTooLarge``) once what was written counts more lines and list items than a
    record file may hold, counted as the reader counts them."""

    def __init__(self, stream: Any | None) -> None:
        self.stream, self.entries = stream, 0

    def write(self, text: str) -> None:
        self.entries += text.count("\n") + text.count(",")
        if self.entries > MAX_ENTRIES:
            raise RecordTooLarge
        if self.stream is not None:
            self.stream.write(text)


@dataclass
class ImportReport:
    """What an import did, per kind of record, and what it could not carry over."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    """Existing records that differ and were left as they were (no ``update``)."""
    unmapped: list[Unmapped] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept))


def write_record_file(path: Path, data: dict[str, Any]) -> None:
    """One record file, written atomically (its folder made when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as stream:
        write_yaml(data, stream)


def catalogue_info(into: Path) -> CatalogueInfo:
    """The catalogue record of the target folder (its languages decide what texts are kept)."""
    path = into / CATALOGUE_FILE
    if not path.is_file():
        raise ImportTargetError(f"{into}: no {CATALOGUE_FILE}: import into a catalogue folder (write its "
                                f"{CATALOGUE_FILE} first; `catalogue check` tells what it needs)")
    try:
        data, _ = read_yaml_file(path)
        return CatalogueInfo.model_validate(data)
    except (YamlProblem, ValidationError) as error:
        raise ImportTargetError(f"{path}: not a valid catalogue record ({str(error).splitlines()[0]}); "
                                "fix it with `catalogue check` first") from None


def validation_messages(error: ValidationError, limit: int = 5) -> list[str]:
    """``field.path: message`` for the first problems of a validation error."""
    return [f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}" for problem in error.errors()[:limit]]


def keep_languages(data: Any, languages: list[str], dropped: Counter[str]) -> Any:
    """The record data with texts only in the catalogue's languages (the others counted in ``dropped``)."""
    if isinstance(data, list):
        return [keep_languages(item, languages, dropped) for item in data]
    if not isinstance(data, dict):
        return data
    result = {}
    for key, value in data.items():
        if key in TEXT_FIELDS and isinstance(value, dict):
            kept = {language: text for language, text in value.items() if language in languages}
            for language in value.keys() - kept.keys():
                dropped[language] += 1
            if kept:
                result[key] = kept
        else:
            result[key] = keep_languages(value, languages, dropped)
    return result


NEW_TERMS_ACCESS = {"public": "open", "restricted": "not_available", "non_public": "not_available"}
"""The access type of terms an import makes for an access level: of restricted data it cannot tell how users get
them (a licence, an enclave, remote access), so nothing is offered until an officer says."""


class RecordWriter:
    """Validates record data and writes it as record files into a catalogue folder."""

    def __init__(self, into: Path, update: bool, dry_run: bool, info: CatalogueInfo | None = None) -> None:
        self.into, self.update, self.dry_run = into, update, dry_run
        self.info = info or catalogue_info(into)
        self.context = {"default_language": self.info.default_language, "languages": self.info.languages}
        self.report = ImportReport()
        self.dropped: Counter[str] = Counter()
        self._codelists: dict[str, list[str]] | None = None
        self.made_terms: set[str] = set()
        self.vocab = vocabulary()
        self.is_new = info is not None
        """A catalogue this import starts: its records may grow with what the input tells (themes, contacts)."""
        self.replaceable: set[Path] = set()
        """Files this run started the catalogue with (an agency from the SDMX table): the import may replace them."""

    def new_terms(self, level: str) -> str | None:
        """Terms of use for an access level the catalogue has none of (named after the level, in the catalogue's
        languages): made once per import, and reported so that an officer completes their conditions."""
        if level not in NEW_TERMS_ACCESS:
            return None
        terms_id = f"T_{level.upper()}"
        if terms_id not in self.made_terms and terms_id not in self.existing("terms"):
            data = {"id": terms_id, "name": self.label(self.vocab.access_levels[level].label), "access_level": level,
                    "access_type": NEW_TERMS_ACCESS[level]}
            record = self.validated("terms", data, f"terms {terms_id}")
            if record is None:
                return None
            self.write("terms", record)
            how = " and how users get the data (not_available until then: a licence, an enclave, remote access?)" \
                if level == "restricted" else ""
            self.report.unmapped.append(Unmapped(
                f"terms/{terms_id}.yaml", f"made for the {level} datasets (the catalogue had no such terms): add "
                                          f"their conditions, citation requirement and disclaimer{how}"))
            self.made_terms.add(terms_id)
        return terms_id

    def label(self, text: dict[str, str]) -> dict[str, str]:
        """A controlled value's label as a name in the catalogue's languages; where neither the mapping nor the
        interface has its default language, the English label stands in it (for an officer to rename)."""
        name = in_languages(text, self.info.languages) or {}
        name = {language: value for language, value in name.items() if language in self.info.languages}
        if self.info.default_language not in name:
            name = {self.info.default_language: text.get("en") or next(iter(text.values())), **name}
        return name

    def may_extend(self) -> bool:
        """Whether the catalogue's existing records may take what the input adds (a new catalogue, or --update)."""
        return self.is_new or self.update

    def add_theme(self, theme: dict[str, Any]) -> str | None:
        """A theme added to the catalogue record (of a new catalogue, or with --update): its id, else ``None``."""
        if not self.may_extend():
            return None
        data = record_data(self.info)
        data["themes"] = [*data.get("themes", []), keep_languages(theme, self.info.languages, Counter())]
        try:
            info = CatalogueInfo.model_validate(data, context=self.context)
        except ValidationError as error:
            self.not_imported(f"{CATALOGUE_FILE} themes", error)
            return None
        self.info = info
        self.report.updated["catalogue"] += 1
        if not self.dry_run:
            write_record_file(self.into / CATALOGUE_FILE, record_data(info))
        return str(theme["id"])

    def add_contact(self, agency_id: str, contact: dict[str, Any]) -> str | None:
        """A contact added to an agency's record (of a new catalogue or one this import made, or with --update):
        its id, else ``None``."""
        path = self.into / KIND_FOLDERS["agency"] / f"{agency_id}.yaml"
        if not path.is_file() or not (self.may_extend() or path in self.report.written):
            return None
        try:
            data, _ = read_yaml_file(path)
        except (YamlProblem, CatalogueError):
            return None
        contacts = [c for c in data.get("contacts") or [] if isinstance(c, dict)]
        if any(c.get("id") == contact["id"] for c in contacts):
            return str(contact["id"])
        data = {**data, "contacts": [*contacts, keep_languages(contact, self.info.languages, self.dropped)]}
        try:
            agency = RECORD_KINDS["agency"].model_validate(data, context=self.context)
        except ValidationError as error:
            self.not_imported(f"{path.relative_to(self.into)} contacts", error)
            return None
        if not self.dry_run:
            write_record_file(path, record_data(agency))
        return str(contact["id"])

    def files_of(self, kind: str) -> Iterator[tuple[Path, dict[str, Any]]]:
        """The catalogue's files of one kind, with their record data (unreadable ones are left to `check`)."""
        folder = self.into / KIND_FOLDERS[kind]
        pattern = "**/*.yaml" if kind in MAINTAINABLE_KINDS else "*.yaml"  # codelists/AGENCY/ID/VERSION.yaml
        for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
            try:
                data, _ = read_yaml_file(path)
            except (YamlProblem, CatalogueError):
                continue
            if isinstance(data, dict):
                yield path, data

    def records_of(self, kind: str) -> list[dict[str, Any]]:
        """The record data of the catalogue's files of one kind (unreadable ones are left to `check`)."""
        return [data for _, data in self.files_of(kind)]

    def codelists(self) -> dict[str, list[str]]:
        """Each codelist's code ids by its key (``AGENCY:ID(VERSION)``), of the catalogue and of this import."""
        if self._codelists is None:
            self._codelists = {record_key("codelist", d): [str(c.get("id")) for c in d.get("codes") or []
                                                          if isinstance(c, dict)] for d in self.records_of("codelist")}
        return self._codelists

    def codelist_reference(self, key: str) -> str:
        """How a variable names the codelist of that key: by its id where no other codelist has it, else by key."""
        wanted = identity_fields("codelist", key)["id"]
        same_id = [other for other in self.codelists() if identity_fields("codelist", other)["id"] == wanted]
        return wanted if same_id == [key] else key

    def path_of(self, kind: str, record: BaseModel) -> Path:
        """Where a record goes: the file that holds it already (a folder's old layout, ``codelists/ID.yaml``, kept),
        else its place in the layout (``codelists/AGENCY/ID/VERSION.yaml``)."""
        placed = self.into / record_file(kind, record)
        if kind not in MAINTAINABLE_KINDS or placed.is_file():
            return placed
        flat = self.into / KIND_FOLDERS[kind] / f"{getattr(record, 'id')}.yaml"
        if flat.is_file():
            try:
                data, _ = read_yaml_file(flat)
            except (YamlProblem, CatalogueError):
                return placed
            if isinstance(data, dict) and record_key(kind, data) == record_key(kind, record):
                return flat
        return placed

    def concept_uris(self) -> dict[str, str]:
        """Concept URI → concept id, of the catalogue's concept schemes."""
        return {str(c["uri"]): str(c.get("id")) for d in self.records_of("concept_scheme")
                for c in d.get("concepts") or [] if isinstance(c, dict) and c.get("uri")}

    def existing(self, kind: str) -> set[str]:
        """The keys of the catalogue's records of one kind (a file's name, or a maintainable artefact's identity)."""
        if kind in MAINTAINABLE_KINDS:
            return {record_key(kind, data) for data in self.records_of(kind)}
        folder = self.into / KIND_FOLDERS[kind]
        return {path.stem for path in folder.glob("*.yaml")} if folder.is_dir() else set()

    def validated(self, kind: str, data: dict[str, Any], where: str) -> BaseModel | None:
        data = keep_languages(data, self.info.languages, self.dropped)
        try:
            return RECORD_KINDS[kind].model_validate(data, context=self.context)
        except ValidationError as error:
            self.not_imported(where, error)
            return None

    def not_imported(self, where: str, error: ValidationError) -> None:
        self.report.unmapped += [Unmapped(where, f"not imported: {message}") for message in validation_messages(error)]

    def write(self, kind: str, record: BaseModel) -> None:
        if kind == "codelist":
            self.codelists()[record_key(kind, record)] = [code.id for code in getattr(record, "codes")]
        path = self.path_of(kind, record)
        data = file_data(record)
        if path in self.replaceable:
            self.replaceable.discard(path)
            self.report.created[kind] += 1
        elif path.is_file():
            if self._same(kind, path, data):
                self.report.unchanged[kind] += 1
                return
            if not self.update:
                self.report.kept[kind] += 1
                self.report.unmapped.append(Unmapped(str(path.relative_to(self.into)),
                                                     "exists and differs: left as it was (give --update to replace it)"))
                return
            self.report.updated[kind] += 1
        else:
            self.report.created[kind] += 1
        if self.dry_run:
            return
        write_record_file(path, data)
        self.report.written.append(path)

    def write_items(self, kind: str, data: dict[str, Any], items_field: str, item_model: type[BaseModel],
                    where: str) -> bool:
        """Validate and write a record whose ``items_field`` (a codelist's codes) may be too many to hold: the
        record without them is validated as a whole, each item alone as it is written, straight into the file
        (a new one; a record that exists is compared as ``write`` does). An invalid item writes nothing."""
        model = RECORD_KINDS[kind]
        head = self.validated(kind, {**{k: v for k, v in data.items() if k != items_field}, items_field: []}, where)
        if head is None:
            return False
        path = self.path_of(kind, head)
        known_codes = self.codelists()  # read before this record's file is written (not read back after)
        ids: list[str] = []

        def validated_items() -> Iterator[dict[str, Any]]:
            for index, item in enumerate(data[items_field]):
                item = keep_languages(item, self.info.languages, self.dropped)
                try:
                    validated = item_model.model_validate(item, context=self.context)
                except ValidationError as error:
                    raise ImportedItemInvalid(f"{where}/{items_field}[{index}]", error) from None
                ids.append(str(getattr(validated, "id")))
                yield record_data(validated)

        try:
            if path.is_file() and path not in self.replaceable:
                whole = model.model_validate({**record_data(head), items_field: list(validated_items())},
                                             context=self.context)
                self.write(kind, whole)
                return True
            record = {**record_data(head), items_field: validated_items()}
            if self.dry_run:
                write_yaml(record, _Bounded(None))  # validated and measured as a write would, written nowhere
            else:
                with atomic_output(path) as stream:
                    write_yaml(record, _Bounded(stream))
                self.report.written.append(path)
        except RecordTooLarge:
            self.report.unmapped.append(Unmapped(where, f"not imported: its record file would hold more than "
                                                        f"{MAX_ENTRIES:,} lines, which `check` refuses to read: split "
                                                        f"it into several codelists (it has {len(data[items_field]):,} "
                                                        f"{items_field})"))
            return False
        except ImportedItemInvalid as invalid:
            self.not_imported(invalid.where, invalid.error)
            return False
        self.replaceable.discard(path)
        self.report.created[kind] += 1
        if kind == "codelist":
            known_codes[record_key(kind, head)] = ids
        return True

    def add_known_licence(self, spdx: str, known: BaseModel, where: str) -> None:
        """The licence record of ``mappings/licences.yaml``'s entry ``known`` (SPDX id ``spdx``), written unless the
        catalogue has it."""
        if spdx in self.existing("licence"):
            return
        filled = fill_licence({"id": spdx}, self.vocab, self.info.languages)  # as `check` reads it: an official
        data = {**keep_languages(filled, self.info.languages, self.dropped),  # name in English where none is ours
                "title": filled["title"]}
        try:
            record = RECORD_KINDS["licence"].model_validate(data, context=self.context)
        except ValidationError as error:
            self.not_imported(where, error)
            return
        self.write("licence", record)

    def _same(self, kind: str, path: Path, data: dict[str, Any]) -> bool:
        try:
            existing, _ = read_yaml_file(path)
            current = RECORD_KINDS[kind].model_validate(existing, context=self.context)
        except (YamlProblem, ValidationError, CatalogueError):
            return False
        return file_data(current) == data

    def finish(self) -> ImportReport:
        for language, count in sorted(self.dropped.items()):
            self.report.unmapped.append(Unmapped(f"texts in '{language}' ({count})",
                                                 f"not a language of the catalogue ({', '.join(self.info.languages)})"))
        return self.report
