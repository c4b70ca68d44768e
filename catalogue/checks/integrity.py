"""The rules of a catalogue, run together: each subject's rules live in a module of their own (``texts``,
``records``, ``datasets``, ``sdmx_ids``, ``releases``); here they are listed, and run over a catalogue whose
datasets may be made when read, in batches.

Each rule yields ``Problem``s that name a record and a field path inside it; the record
loader turns them into file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, ItemsView, Iterator, Mapping, ValuesView
from functools import partial


from catalogue.checks.datasets import check_datasets, check_series, check_structures
from catalogue.checks.metadata import check_metadata_structures
from catalogue.checks.reports import check_metadata_reports
from catalogue.checks.records import check_agencies, check_catalogue, check_codelists, check_concepts, check_licences, check_terms
from catalogue.checks.releases import check_announcements, check_releases
from catalogue.checks.sdmx_ids import check_component_ids, check_sdmx_ids
from catalogue.checks.texts import check_dataset_texts, check_texts
from catalogue.records.compact import MadeOnRead
from catalogue.errors import Problem, Severity
from catalogue.model import Catalogue, Dataset
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING


Rule = Callable[[Catalogue, Vocabulary], Iterator[Problem]]


RULES: list[Rule] = [check_catalogue, check_texts, check_licences, check_terms, check_agencies, check_concepts,
                     check_codelists, check_structures, check_metadata_structures, check_series, check_datasets, check_releases,
                     check_metadata_reports, check_sdmx_ids]


DATASETS_PER_BATCH = 1000


class _Batch(Mapping[str, Dataset]):
    """Some of a catalogue's datasets as objects, made once: ``values`` and ``items`` give these, while ids, lookups
    and membership answer for every dataset of the catalogue (a reference to another dataset is still known)."""

    def __init__(self, datasets: Mapping[str, Dataset], ids: list[str]) -> None:
        self._all = datasets
        self._objects = {dataset_id: datasets[dataset_id] for dataset_id in ids}

    def __getitem__(self, dataset_id: str) -> Dataset:
        found = self._objects.get(dataset_id)
        return found if found is not None else self._all[dataset_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def __contains__(self, dataset_id: object) -> bool:
        return dataset_id in self._all

    def values(self) -> ValuesView[Dataset]:  # type: ignore[override]
        return self._objects.values()

    def items(self) -> ItemsView[str, Dataset]:  # type: ignore[override]
        return self._objects.items()


DATASET_RULES: list[Rule] = [check_dataset_texts, check_datasets, check_announcements, check_component_ids]
"""The parts of the rules about datasets alone (each yields findings of datasets only), in the order of ``RULES``."""


def dataset_findings(catalogue: Catalogue, vocab: Vocabulary,
                     exact_texts: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """The findings of the datasets of ``catalogue`` (a batch of them): what ``check_integrity`` says of them."""
    rules = [partial(check_dataset_texts, exact=exact_texts) if rule is check_dataset_texts else rule
             for rule in DATASET_RULES]
    return [finding for rule in rules for finding in rule(catalogue, vocab)]


def check_integrity(catalogue: Catalogue, vocab: Vocabulary, exact_texts: Collection[tuple[str, str]] = (),
                    datasets: Collection[str] | None = None) -> list[Problem]:
    """Every finding of every rule (``exact_texts``: records whose texts are known to be in exactly the catalogue's
    languages, as the loader sees while it validates them; the rule on languages skips them; ``datasets``: the
    datasets to check, when a loader knows the others' findings already). The datasets of a catalogue that makes
    them when read (compact, or checked before) are checked in batches made once, so that each rule's pass over
    them does not make every one again: the rules run once with no dataset for the other records' findings, then
    the rules' dataset parts per batch."""
    rules = [partial(check_texts, exact=exact_texts) if rule is check_texts else rule for rule in RULES]
    if datasets is None and not isinstance(catalogue.datasets, MadeOnRead):
        return [finding for rule in rules for finding in rule(catalogue, vocab)]
    every = catalogue.datasets
    alone = catalogue.model_copy(update={"datasets": _Batch(every, [])})
    findings = [finding for rule in rules for finding in rule(alone, vocab)]
    ids = list(every if datasets is None else datasets)
    for start in range(0, len(ids), DATASETS_PER_BATCH):
        batch = catalogue.model_copy(update={"datasets": _Batch(every, ids[start:start + DATASETS_PER_BATCH])})
        findings += dataset_findings(batch, vocab, exact_texts)
    return findings
