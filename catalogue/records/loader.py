"""Record files on disk ⇄ the model, with file, line and column in every problem.

A catalogue is a folder: ``catalogue.yaml`` and one folder per kind of record
(``agencies/``, ``licences/``, ``terms/``, ``concepts/``, ``codelists/``, ``datasets/``),
one record per ``.yaml`` file. Loading reports every problem it finds, never only the first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogue.records import parsecache
from catalogue.records.checkedfiles import CheckedFile, CheckedFiles, DatasetChecker, check_files, context_of, file_key
from catalogue.support.fileio import resolve_inside
from catalogue.support.hashing import file_digest
from catalogue.errors import (CatalogueError, FieldPath, OutsideFolderError, Position, Problem, RecordsInvalid,
                              Severity, YamlProblem)
from catalogue.support.collector import collector_paused
from catalogue.records.compact import MadeOnRead, records_for, sorted_by_key
from catalogue.checks.integrity import check_integrity
from catalogue.checks.datasets import related_findings, version_cycle
from catalogue.records.parsecache import one_folder
from catalogue.policy.view import DatasetFacts
from catalogue.model import RECORD_KINDS, Catalogue, CatalogueInfo, Dataset, Distribution
from catalogue.model.dataset import STRUCTURES
from catalogue.model.references import referenced_id
from catalogue.model.kinds import CATALOGUE_FIELDS, KIND_FOLDERS, MAINTAINABLE_KINDS, identity_fields, record_key
from catalogue.model.types import (TextLanguages)
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.records.model_errors import located_problem, validation_problems
from catalogue.records.writer import CATALOGUE_FILE, record_file
from catalogue.records.yamlsource import SourceMap, kept_source_map, parse_ahead, parse_record_bytes, read_record_bytes, read_yaml_file


@dataclass
class SourceRecord:
    """Where a record came from."""

    file: str
    source_map: SourceMap


@dataclass
class LoadResult:
    """A loaded catalogue (``None`` when a record could not be read at all) and every problem found."""

    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    sources: dict[tuple[str, str], SourceRecord] = field(default_factory=dict)
    datasets_with_files: set[str] | None = None
    """The datasets whose distributions name local data files (None: not told, any may)."""
    facts: dict[str, DatasetFacts] = field(default_factory=dict)
    """What the policy reads of the datasets checked apart (``checkedfiles``), each with its file's key: a public
    view is computed from them without making the datasets (``policy.public_view``)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not self.errors


def fill_licence(data: dict[str, Any], vocab: Vocabulary, languages: list[str]) -> dict[str, Any]:
    """A licence record may name a known SPDX id and leave the rest to mappings/licences.yaml.

    Mapped texts are kept in the catalogue's languages; where the catalogue has none of them, the
    licence keeps its official name (in English), which ``check`` accepts as it is.
    """
    known = vocab.licences.get(str(data.get("id")))
    if known is None:
        return data
    defaults: dict[str, Any] = dict(known.model_dump(exclude_none=True, exclude={"ckan_title"}))
    defaults["title"] = {lang: text for lang, text in known.title.items() if lang in languages} or \
        {OFFICIAL_NAME_LANGUAGE: known.title[OFFICIAL_NAME_LANGUAGE]}
    return {**defaults, **data}


OFFICIAL_NAME_LANGUAGE = "en"
"""The language of the official names of the licences in mappings/licences.yaml."""


class _Loader:
    def __init__(self, root: Path, vocab: Vocabulary) -> None:
        self.root = root
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.sources: dict[tuple[str, str], SourceRecord] = {}
        self.unreadable: set[tuple[str, str]] = set()
        """References into records that failed to load: reported once, at the record, not at each use."""
        self.exact_texts: set[tuple[str, str]] = set()
        """Records whose every text was seen, when validated, in exactly the catalogue's languages."""
        self.unreadable_kinds: set[str] = set()
        """Kinds with a record file that could not be read at all: what it declared is unknown, so no
        reference to that kind is reported as dangling."""
        self.files_read: list[tuple[str, str]] = []
        """The record files read other than datasets: their paths and parse-cache names (the context of the
        datasets' checks)."""
        self.checked_problems: list[tuple[str, Problem]] = []
        """The problems of dataset files checked before or across the cores: their files and what was found."""
        self.related: dict[str, tuple[str, ...]] = {}
        self.facts: dict[str, DatasetFacts] = {}
        """The related datasets each of those names (whether they exist is told once every dataset is known)."""
        self.unchecked: list[str] = []
        """Datasets read here, whose integrity rules run with the catalogue's."""
        self.with_files: set[str] = set()
        """The datasets whose distributions name local data files."""

    def read(self, path: Path, kind: str, context: dict[str, Any]) -> BaseModel | None:
        file = str(path)
        name = "unreadable"
        try:
            content = read_record_bytes(path)
            name = parsecache.digest(content)
            data, source_map = parse_record_bytes(content, path, name)
        except YamlProblem as problem:
            for found in (problem, *problem.more):
                self.problems.append(located_problem(file, found.position, found.path, found.message))
            self.unreadable_kinds.add(kind)
            return None
        except OSError as error:
            self.problems.append(located_problem(file, None, (), f"cannot read the file: {error.strerror}"))
            self.unreadable_kinds.add(kind)
            return None
        finally:
            if kind != "dataset":
                self.files_read.append((os.path.relpath(path, self.root), name))
        if not isinstance(data, dict):
            self.problems.append(located_problem(file, Position(1, 1), (), "a record file holds one mapping of fields"))
            return None
        if kind == "licence":
            data = fill_licence(data, self.vocab, context.get("languages", []))
        model = RECORD_KINDS[kind]
        texts = TextLanguages(context["languages"]) if "languages" in context else None
        try:
            record = model.model_validate(data, context={**context, "text_languages": texts} if texts else context)
        except ValidationError as error:
            refused = validation_problems(error, model, data, file, source_map)
            if kind == "dataset" and self._structure_unreadable(data):  # its file's problem is told, not each use
                refused = [problem for problem in refused if problem.path != "structure"]
            self.problems.extend(refused)
            nested = kind in MAINTAINABLE_KINDS and path.parent != self.root / KIND_FOLDERS[kind]
            named = path.parent.name if nested else path.stem  # codelists/AGENCY/ID/VERSION.yaml, or ID.yaml
            self.unreadable |= _declared_references(kind, data) | _declared_references(kind, {"id": named})
            return None
        record_id = record_key(kind, record)
        key = (kind, record_id)
        if self._repeated(key, file, source_map):
            return None
        self.sources[key] = SourceRecord(file, source_map)
        if texts is not None and texts.all_exact:
            self.exact_texts.add(key)
        if kind != "catalogue" and not self._in_its_place(kind, path, record):
            where = record_file(kind, record)
            self.problems.append(located_problem(file, source_map.locate(("id",)), ("id",),
                                          f"the file name does not match the record: '{where}'" if kind in
                                          MAINTAINABLE_KINDS else f"the file name does not match the id "
                                                                  f"'{record_id}'", Severity.WARNING))
        return record

    def _structure_unreadable(self, data: dict[str, Any]) -> bool:
        """The data structure a dataset names failed to load, or a structure file could not be read at all."""
        named = referenced_id(data.get("structure")) if isinstance(data.get("structure"), str) else None
        return "data_structure" in self.unreadable_kinds or \
            (named is not None and (REFERENCE_NAMES["data_structure"], named) in self.unreadable)

    def _in_its_place(self, kind: str, path: Path, record: BaseModel) -> bool:
        """A record file is named by its id; a maintainable artefact's, by its agency, id and version
        (``codelists/SDMX/CL_FREQ/2.1.yaml``), or by its id alone at the top of its kind's folder."""
        identity = identity_fields(kind, record_key(kind, record))
        if kind in MAINTAINABLE_KINDS and path.parent != self.root / KIND_FOLDERS[kind]:
            place = path.relative_to(self.root / KIND_FOLDERS[kind]).with_suffix("")
            return place.parts == (identity["agency"], identity["id"], identity["version"])
        return path.stem == identity["id"]

    def _repeated(self, key: tuple[str, str], file: str, source_map: SourceMap) -> bool:
        """The record's id is that of a record read before: say so, at its id."""
        first = self.sources.get(key)
        if first is None:
            return False
        self.problems.append(located_problem(file, source_map.locate(("id",)), ("id",),
                                      f"{key[0].replace('_', ' ')} '{key[1]}' is also defined in {first.file}"))
        return True

    def catalogue_info(self) -> tuple[CatalogueInfo | None, dict[str, Any]]:
        path = self.root / CATALOGUE_FILE
        if not path.is_file():
            self.problems.append(located_problem(str(path), None, (),
                                          "missing: every catalogue folder has a catalogue.yaml"))
            return None, {}
        language = _peek_default_language(path)
        context: dict[str, Any] = {"default_language": language} if language else {}
        info = self.read(path, "catalogue", context)
        if isinstance(info, CatalogueInfo):
            context = {"default_language": info.default_language, "languages": info.languages}
        return info if isinstance(info, CatalogueInfo) else None, context

    def records(self, kind: str, context: dict[str, Any]) -> MutableMapping[str, BaseModel]:
        folder = self.root / KIND_FOLDERS[kind]
        if not folder.is_dir():
            return {}
        files = sorted(_record_files(folder))
        parse_ahead(files)  # parsed across the cores into the parse cache, then read from it in order
        loaded: MutableMapping[str, BaseModel] = records_for(len(files)) if kind == "dataset" else {}
        for path in files:
            record = self.read(path, kind, context)
            if record is not None:
                loaded[record_key(kind, record)] = record
        return sorted_by_key(loaded)

    def datasets(self, context: dict[str, Any], others: Catalogue) -> MutableMapping[str, BaseModel]:
        """The dataset records. A file checked before against the same other records (``checkedfiles``) is taken
        as it was found: its problems, and its dataset left to be made when something reads it. The others are
        read, validated and checked now, across the cores when they are many."""
        folder = self.root / KIND_FOLDERS["dataset"]
        if not folder.is_dir():
            return {}
        files = sorted(_record_files(folder))
        store = CheckedFiles(context_of(self.files_read))
        names: list[str] = []
        found: list[tuple[CheckedFile, Dataset | None, SourceMap | None] | None] = []
        for path in files:  # the bytes are not kept: a checker reads a file again, the parse cache has its data
            try:
                name = parsecache.digest(read_record_bytes(path))
            except (YamlProblem, OSError):
                name = ""  # read again below, as any record, which reports why
            checked = store.get(file_key(name, path.stem)) if name else None
            names.append(name)
            found.append((checked, None, None) if checked is not None else None)
        missing = [index for index, result in enumerate(found) if result is None and names[index]]
        checker = DatasetChecker(others, self.vocab, context)
        results = check_files(checker, [(files[i], names[i]) for i in missing], parallel=store.path is not None)
        for index, result in zip(missing, results):
            if result is not None:
                found[index] = result
                store.put(file_key(names[index], files[index].stem), result[0])
        loaded: MadeOnRead[BaseModel] = records_for(len(files))
        for path, name, result in zip(files, names, found):
            if result is None:  # cannot be read, parsed or validated: read as any record, which says why
                record = self.read(path, "dataset", context)
                if isinstance(record, Dataset):  # changed since it was read: checked with the whole catalogue
                    loaded[record.id] = record
                    self.unchecked.append(record.id)
                    if any(distribution.path is not None for distribution in record.distributions):
                        self.with_files.add(record.id)
                continue
            checked, dataset, source_map = result
            source_map = source_map or kept_source_map(path, name)
            if self._repeated(("dataset", checked.id), str(path), source_map):
                continue
            self.sources[("dataset", checked.id)] = SourceRecord(str(path), source_map)
            self.checked_problems += [(str(path), problem) for problem in checked.problems]
            self.related[checked.id] = checked.related
            self.facts[checked.id] = replace(checked.facts, source=file_key(name, path.stem))
            if checked.local_files:
                self.with_files.add(checked.id)
            if dataset is not None:
                loaded[checked.id] = dataset
            else:
                loaded.defer(checked.id, _DatasetMaker(path, name, context, parsecache.entry_path(name)))
        store.save()
        return sorted_by_key(loaded)

    def stray_files(self) -> None:
        """YAML files outside the record folders are ignored: say so, a misnamed folder must not hide records.
        The record folders and hidden folders are not walked (they may hold most of the files)."""
        known = {self.root / folder for folder in KIND_FOLDERS.values()}
        folders = ", ".join(f"{folder}/" for folder in KIND_FOLDERS.values())
        for top, subfolders, files in os.walk(self.root):
            here = Path(top)
            subfolders[:] = sorted(name for name in subfolders
                                   if not name.startswith(".") and here / name not in known)
            for name in sorted(files):
                path = here / name
                if path.suffix not in (".yaml", ".yml") or name.startswith(".") or path == self.root / CATALOGUE_FILE:
                    continue
                self.problems.append(located_problem(str(path), None, (),
                                              f"not in a record folder ({folders}): ignored", Severity.WARNING))

    def check_files(self, catalogue: Catalogue) -> None:
        """Local data files named by distributions exist, with the declared size and checksum."""
        for dataset_id in sorted(self.with_files):  # the others name no local file: not made to be looked at
            dataset = catalogue.datasets[dataset_id]
            source = self.sources[("dataset", dataset.id)]
            for index, distribution in enumerate(dataset.distributions):
                if distribution.path is None or ".." in distribution.path.replace("\\", "/").split("/"):
                    continue
                path: FieldPath = ("distributions", index)
                for field_name, message in _file_mismatches(self.root, distribution):
                    field_path = (*path, field_name)
                    self.problems.append(located_problem(source.file, source.source_map.locate(field_path),
                                                  field_path, message))

    def locate_findings(self, catalogue: Catalogue) -> None:
        """The integrity rules' findings: those of the records read here, whether the related datasets that the
        datasets checked apart name exist, and what those were found to have."""
        findings = check_integrity(catalogue, self.vocab, self.exact_texts, datasets=self.unchecked)
        findings += [finding for dataset_id, related in self.related.items()
                     for finding in related_findings(dataset_id, list(related), catalogue.datasets,
                                                     self.facts[dataset_id].previous)]
        if isinstance(self.unchecked, list):  # (a check of every dataset as objects runs the rule on each)
            previous = {i: facts.previous for i, facts in self.facts.items()} | \
                {i: catalogue.datasets[i].previous_version for i in self.unchecked}
            findings += [finding for dataset_id, before in previous.items() if before is not None
                         for finding in version_cycle(dataset_id, previous.get)]
        for finding in findings:
            if self._not_told(finding.reference):
                continue
            source = self.sources[(finding.kind, finding.record_id)]
            self.problems.append(finding.placed(source.file, source.source_map.locate(finding.fields)))
        for file, problem in self.checked_problems:
            if not self._not_told(problem.reference):
                self.problems.append(replace(problem, file=file))

    def _not_told(self, reference: tuple[str, str] | None) -> bool:
        """A reference into a record that failed to load, or to a kind of which a file could not be read at all,
        is not told as dangling (the record's own problem is)."""
        return reference is not None and (
            reference in self.unreadable or REFERENCED_KINDS.get(reference[0]) in self.unreadable_kinds)


def _record_files(folder: Path) -> Iterator[Path]:
    """The YAML files under a record folder, links to files included, linked folders not followed (the type of
    each entry comes with the folder's listing: no call per file)."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _record_files(Path(entry.path))
        elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            yield Path(entry.path)


REFERENCE_NAMES: dict[str, str] = {
    "agency": "agency", "licence": "licence", "terms": "terms of use", "codelist": "codelist", "dataset": "dataset",
    "data_structure": "data structure", "series": "series",
}
"""How integrity findings name a reference to each kind of record."""
REFERENCED_KINDS: dict[str, str] = {
    **{name: kind for kind, name in REFERENCE_NAMES.items()}, "contact point": "agency", "concept": "concept_scheme"}
"""The kind of record that defines what a reference names."""


def _declared_references(kind: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """What a record that failed to load would have defined, as far as its raw data tells."""
    def ids(items: Any) -> set[str]:
        return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item} \
            if isinstance(items, list) else set()

    declared = set()
    if kind in REFERENCE_NAMES and data.get("id") is not None:
        declared.add((REFERENCE_NAMES[kind], str(data["id"])))
    if kind == "agency":
        declared |= {("contact point", contact) for contact in ids(data.get("contacts"))}
    if kind == "concept_scheme":
        declared |= {("concept", concept) for concept in ids(data.get("concepts"))}
    return declared


def _file_mismatches(root: Path, distribution: Distribution) -> list[tuple[str, str]]:
    """What is wrong with a distribution's local file: outside the folder (through a link), missing,
    unreadable, or another size or checksum."""
    try:
        file = resolve_inside(root, distribution.path or "")
    except OutsideFolderError:
        return [("path", f"{distribution.path} leads outside the catalogue folder through a symbolic link; "
                         "a published file must lie inside the folder")]
    if not file.is_file():
        return [("path", f"file not found: {distribution.path} (relative to {root})")]
    mismatches = []
    size = file.stat().st_size
    if distribution.byte_size is not None and distribution.byte_size != size:
        mismatches.append(("byte_size", f"byte_size is {distribution.byte_size} but {distribution.path} has {size} bytes"))
    try:
        with file.open("rb") as stream:
            stream.read(1)
    except OSError as error:
        return [("path", f"cannot read {distribution.path}: {error.strerror or error}")]
    checksum = distribution.checksum
    if checksum is not None:
        value = file_digest(file, checksum.algorithm)
        if value != checksum.value:
            mismatches.append(("checksum", f"the {checksum.algorithm} of {distribution.path} is "
                                           f"{value}, not the declared value"))
    return mismatches


def _peek_default_language(path: Path) -> str | None:
    try:
        data, _ = read_yaml_file(path)
    except (YamlProblem, OSError):
        return None
    language = data.get("default_language") if isinstance(data, dict) else None
    return language if isinstance(language, str) else None


def load_catalogue(root: Path | str, vocab: Vocabulary | None = None) -> LoadResult:
    """Load and check a catalogue folder; bad input never raises, it becomes problems."""
    with collector_paused():  # what is loaded lives on: a collection would walk it all, again and again
        return _load_catalogue(Path(root), vocab)


def _load_catalogue(root: Path, vocab: Vocabulary | None) -> LoadResult:
    loader = _Loader(root, vocab or vocabulary())
    if not root.is_dir():
        loader.problems.append(located_problem(str(root), None, (), "not a folder"))
        return LoadResult(None, loader.problems)
    if not (root / CATALOGUE_FILE).is_file():
        # not a catalogue folder: say so at once, without walking a tree that may be huge
        loader.problems.append(located_problem(str(root / CATALOGUE_FILE), None, (),
                                        "missing: every catalogue folder has a catalogue.yaml"))
        return LoadResult(None, loader.problems)
    with one_folder():
        info, context = loader.catalogue_info()
        records: dict[str, MutableMapping[str, BaseModel]] = {}
        for kind in KIND_FOLDERS:
            if kind == "dataset" and info is not None:  # checked against the other records, read before them
                others = Catalogue.model_validate({"info": info, **{CATALOGUE_FIELDS[k]: v for k, v in records.items()}})
                records[kind] = loader.datasets({**context, STRUCTURES: others.structures()}, others)
            else:
                records[kind] = loader.records(kind, context)
    loader.stray_files()
    catalogue = None
    if info is not None:
        fields = {CATALOGUE_FIELDS[kind]: found for kind, found in records.items()}
        datasets = fields.pop("datasets")  # validated one by one, and maybe compact: not gathered again
        catalogue = Catalogue.model_validate({"info": info, **fields}).model_copy(update={"datasets": datasets})
        loader.locate_findings(catalogue)
        loader.check_files(catalogue)
    problems = sorted(loader.problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
    return LoadResult(catalogue, problems, loader.sources, loader.with_files if catalogue is not None else None,
                      loader.facts if catalogue is not None else {})


@dataclass(frozen=True)
class _DatasetMaker:
    """Makes a dataset checked before, when it is first read: from its parse-cache entry (or its file again)."""

    path: Path
    name: str
    """The parse-cache name of the bytes that were checked."""
    context: dict[str, Any]
    entry: Path | None = None
    """Where their entry lies (None: the cache is off)."""

    def __call__(self) -> Dataset:
        found = parsecache.kept_at(self.entry) if self.entry is not None else None
        if found is not None:
            return Dataset.model_validate(found[0], context=self.context)
        content = read_record_bytes(self.path)
        if parsecache.digest(content) != self.name:
            raise CatalogueError(f"{self.path}: the file changed while the catalogue was read; run the command again")
        return Dataset.model_validate(parse_record_bytes(content, self.path, self.name)[0], context=self.context)


def in_files(problems: Iterable[Problem], sources: Mapping[tuple[str, str], SourceRecord]) -> list[Problem]:
    """Problems found in records, each placed at its field in the record's file (when the file is known)."""
    placed = []
    for problem in problems:
        source = sources.get((problem.kind or "", problem.record_id or ""))
        placed.append(problem.placed(source.file, source.source_map.locate(problem.fields or ()))
                      if source is not None and not problem.file else problem)
    return placed


def read_catalogue(root: Path | str, vocab: Vocabulary | None = None) -> Catalogue:
    """Load a catalogue folder; raise ``RecordsInvalid`` (with every problem) if it has errors."""
    result = load_catalogue(root, vocab)
    if not result.ok:
        raise RecordsInvalid(result.problems)
    assert result.catalogue is not None
    return result.catalogue


__all__ = ["LoadResult", "SourceRecord", "fill_licence", "in_files", "load_catalogue", "read_catalogue"]
