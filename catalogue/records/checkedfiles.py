"""Dataset record files checked before, kept by content: a file read, validated and checked before against the
same other records is neither validated nor checked again, and its dataset is made only when something reads it.

What is kept of a file (``CheckedFile``) is what loading it found besides the dataset: its id, its problems
(located), and what the policy reads of it (``policy.DatasetFacts``: its status and release time, the shared
records it uses, the datasets it names as related — whether they exist depends on the other datasets: the loader
tells it each time — and whether it names local data files, checked each time: they may change without the
record), so that a build computes the public view without making it.
It is keyed by the file's parse-cache name (its bytes and the reader's code) and its name (the file name must
match the id), in a file per *context*: a hash of this package's code and mappings and of every other record file
(catalogue.yaml, agencies, licences, terms, concepts, codelists) — a change to any of them checks every dataset
again. The files live beside the parse cache (``parsecache.cache_folder``, off with it); a context's file holds
the files of its last load, and the files of the few most recent contexts are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catalogue.support.hashing import code_fingerprint
from catalogue.errors import Problem, Severity, YamlProblem
from catalogue.checks.integrity import dataset_findings
from catalogue.model import Catalogue, Dataset
from catalogue.model.types import TextLanguages
from catalogue.records.parsecache import cache_folder, digest
from catalogue.policy.view import DatasetFacts
from catalogue.support.processes import BrokenProcessPool, available_cores, can_fork, fans_out, forked_pool
from catalogue.vocab import Vocabulary
from catalogue.records.yamlsource import SourceMap, parse_record_bytes, read_record_bytes

CONTEXTS_KEPT = 8
"""Contexts whose checked files are kept (a few catalogues, or a few versions of the shared records)."""

@dataclass(frozen=True)
class CheckedFile:
    """What loading a dataset file found besides the dataset."""

    id: str
    problems: tuple[Problem, ...]
    """Its problems, placed in the file but not yet named by it (a dangling reference in one is told only when the
    referred kind loaded whole, as the loader decides)."""
    facts: DatasetFacts
    """What the policy reads of the dataset (the datasets it names as related, whether it names local data files:
    their existence, size and checksum are checked each time)."""

    @property
    def related(self) -> tuple[str, ...]:
        return self.facts.related

    @property
    def local_files(self) -> bool:
        return self.facts.local_files

    def as_json(self) -> list[Any]:
        return [self.id, [problem.as_row() for problem in self.problems], self.facts.as_json()]

    @classmethod
    def from_json(cls, row: Any) -> CheckedFile | None:
        """The kept form read back (None when it is not one: a damaged cache is a cache miss)."""
        try:
            record_id, problems, facts = row
            return cls(str(record_id), tuple(Problem.from_row(problem) for problem in problems),
                       DatasetFacts.from_json(facts))
        except (TypeError, ValueError, IndexError):
            return None


def context_of(files: Sequence[tuple[str, str]]) -> str:
    """The context of a load: the package's code and mappings and the other record files read (their paths and
    parse-cache names, or why they could not be read)."""
    return hashlib.sha256("\x1f".join((code_fingerprint(), *(f"{path}\x1e{name}" for path, name in files)))
                          .encode()).hexdigest()


def file_key(name: str, stem: str) -> str:
    """The key of a dataset file: its parse-cache name and its name without the suffix."""
    return f"{name}:{stem}"


class CheckedFiles:
    """The checked files of one context: read at the first lookup, written back (those of this load) by ``save``."""

    def __init__(self, context: str) -> None:
        folder = cache_folder()
        self.path = None if folder is None else folder / "checked" / f"{context}.jsonl"
        self._before: dict[str, Any] | None = None
        self._now: dict[str, CheckedFile] = {}
        self._added = False

    def get(self, key: str) -> CheckedFile | None:
        if self._before is None:
            self._before = self._read()
        found = CheckedFile.from_json(self._before[key]) if key in self._before else None
        if found is not None:
            self._now[key] = found
        return found

    def put(self, key: str, checked: CheckedFile) -> None:
        self._now[key] = checked
        self._added = True

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            with self.path.open(encoding="utf-8") as stream:
                rows = (json.loads(line) for line in stream)
                return {row[0]: row[1] for row in rows if isinstance(row, list) and len(row) == 2}
        except (OSError, ValueError):
            return {}

    def save(self) -> None:
        """Keep the files of this load (written whole or not at all; a cache that cannot be written is skipped)."""
        if self.path is None or not (self._added or len(self._before or {}) != len(self._now)):
            return
        lines = [json.dumps([key, checked.as_json()], ensure_ascii=False, separators=(",", ":"))
                 for key, checked in self._now.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            os.replace(temporary, self.path)
            _prune(self.path.parent)
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Leave the files of the ``CONTEXTS_KEPT`` contexts used last."""
    kept = sorted(folder.glob("*.jsonl"), key=lambda path: path.stat().st_mtime, reverse=True)
    for path in kept[CONTEXTS_KEPT:]:
        path.unlink(missing_ok=True)


Checked = tuple[CheckedFile, Dataset, SourceMap] | None
"""A file checked: what was found, the dataset and where its fields stand; None when it does not parse or
validate (the loader reads it as any record, which reports why)."""


@dataclass
class DatasetChecker:
    """Reads, validates and checks dataset files against the other records of a catalogue."""

    others: Catalogue
    """The catalogue without its datasets."""
    vocab: Vocabulary
    context: dict[str, Any]
    """The validation context (the catalogue's languages)."""

    def check(self, files: Sequence[tuple[Path, str]]) -> list[Checked]:
        """Each file (its path and the parse-cache name of the bytes it had when listed) checked: a batch's integrity
        rules run once. A file that changed since is not checked (the loader reads it again)."""
        results: list[Checked] = []
        batch: dict[str, tuple[int, Dataset, SourceMap, bool]] = {}
        for path, name in files:
            parsed = self._validated(path, name)
            if parsed is None:
                results.append(None)
                continue
            dataset, source_map, exact = parsed
            if dataset.id in batch:  # two files of one id: each is checked alone (the loader refuses the second)
                self._check_batch(batch, files, results)
                batch = {}
            batch[dataset.id] = (len(results), dataset, source_map, exact)
            results.append(None)
        self._check_batch(batch, files, results)
        return results

    def _validated(self, path: Path, name: str) -> tuple[Dataset, SourceMap, bool] | None:
        try:
            content = read_record_bytes(path)
            if digest(content) != name:
                return None
            data, source_map = parse_record_bytes(content, path, name)
        except (YamlProblem, OSError):
            return None
        if not isinstance(data, dict):
            return None
        texts = TextLanguages(self.context["languages"])
        try:
            dataset = Dataset.model_validate(data, context={**self.context, "text_languages": texts})
        except ValidationError:
            return None
        return dataset, source_map, texts.all_exact

    def _check_batch(self, batch: dict[str, tuple[int, Dataset, SourceMap, bool]],
                     files: Sequence[tuple[Path, str]], results: list[Checked]) -> None:
        if not batch:
            return
        exact = {("dataset", dataset_id) for dataset_id, (_, _, _, all_exact) in batch.items() if all_exact}
        catalogue = self.others.model_copy(update={"datasets": {i: dataset for i, (_, dataset, _, _) in batch.items()}})
        found: dict[str, list[Problem]] = {dataset_id: [] for dataset_id in batch}
        for finding in dataset_findings(catalogue, self.vocab, exact):
            if finding.reference is not None and finding.reference[0] == "dataset":
                continue  # whether a related dataset exists: the loader tells, knowing every dataset
            found[finding.record_id].append(finding.placed("", batch[finding.record_id][2].locate(finding.fields)))
        for dataset_id, (index, dataset, source_map, _) in batch.items():
            path = files[index][0]
            problems = found[dataset_id]
            if path.stem != dataset_id:
                position = source_map.locate(("id",))
                problems.append(Problem("", position.line, position.column, "id",
                                        f"the file name does not match the id '{dataset_id}'", Severity.WARNING))
            checked = CheckedFile(dataset_id, tuple(problems), DatasetFacts.of(dataset))
            results[index] = (checked, dataset, source_map)


_work: tuple[DatasetChecker, Sequence[tuple[Path, str]]] | None = None
"""What forked workers check (set only while a pool runs)."""


def _check_in_worker(start: int, end: int) -> list[list[Any] | None]:
    assert _work is not None
    checker, files = _work
    return [None if result is None else result[0].as_json() for result in checker.check(files[start:end])]


def check_files(checker: DatasetChecker, files: Sequence[tuple[Path, str]],
                parallel: bool) -> list[tuple[CheckedFile, Dataset | None, SourceMap | None] | None]:
    """Each file checked, in order: by forked workers when ``parallel`` and there are enough of them (the dataset
    and its positions then stay there: the dataset is made again when read, the positions are in the parse cache),
    else here."""
    global _work
    cores = available_cores()
    if parallel and fans_out(len(files)) and can_fork():
        size = max(1, min(250, -(-len(files) // (cores * 4))))
        _work = (checker, files)
        try:
            with forked_pool(cores) as pool:
                chunks = [pool.submit(_check_in_worker, start, min(start + size, len(files)))
                          for start in range(0, len(files), size)]
                rows = [row for chunk in chunks for row in chunk.result()]
            return [None if row is None or (checked := CheckedFile.from_json(row)) is None else (checked, None, None)
                    for row in rows]
        except (BrokenProcessPool, OSError):
            pass  # no pool here: checked in this process
        finally:
            _work = None
    return list(checker.check(files))


__all__ = ["CheckedFile", "CheckedFiles", "DatasetChecker", "check_files", "context_of", "file_key"]
