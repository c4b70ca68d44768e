"""The public view: what may be published, and when.

Every exporter reads only a ``PublicView``, never the raw catalogue:

- drafts never appear;
- a dataset whose release time is after the build time (``as_of``) does not appear;
- confidential variables never appear, nor concepts and codelists used only by them;
- restricted and non-public datasets keep their access rights and conditions but lose every
  download URL and local data path;
- references to datasets that are not public (``related``) are dropped.

What the policy reads of a dataset (``DatasetFacts``) is kept when its record file is checked, so that the
public view of a large catalogue is computed without making its datasets: each public dataset is then made
when an exporter reads it, and the view knows a key of it as published (``PublicView.keys``) from its file.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import partial
from typing import Any

from catalogue.support.hashing import fingerprint
from catalogue.policy.release import released
from catalogue.policy.secret import PROCESS_SECRET
from catalogue.policy.calendar import CalendarEntry, calendar_entries
from catalogue.records.compact import MadeOnRead, like, select
from catalogue.model.dataset import circle_of_versions
from catalogue.errors import UnresolvedReference
from catalogue.model import (Agency, Catalogue, CatalogueInfo, Codelist, Concept, ConceptScheme, ContactPoint,
                             DataStructure, Dataset, Distribution, Licence, MetadataReport, MetadataStructure, Series,
                             TermsOfUse)
from catalogue.policy.reports import public_reports


@dataclass(frozen=True)
class PublicView:
    """The part of a catalogue that may be published at ``as_of``."""

    info: CatalogueInfo
    as_of: datetime
    agencies: Mapping[str, Agency]
    licences: Mapping[str, Licence]
    terms: Mapping[str, TermsOfUse]
    concept_schemes: Mapping[str, ConceptScheme]
    codelists: Mapping[str, Codelist]
    datasets: Mapping[str, Dataset]
    withheld_columns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per public dataset, the ids of its confidential variables: only so that an exporter copying a
    data file can remove those columns (or refuse); never to be written anywhere."""
    calendar: tuple[CalendarEntry, ...] = ()
    """The release calendar: announced releases, as much of them as is public at ``as_of``."""
    source_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per public dataset, every variable id in order, confidential ones included: the columns of its
    data files as the office wrote them (a file without a header row has them in this order); never to
    be written anywhere."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Per public dataset whose record file is known (``DatasetFacts.source``): a hash of the dataset as published,
    known without making it (its file's bytes and name, its terms' access level, the released datasets it names
    as related). A dataset not here is hashed from its record."""
    with_local_files: Collection[str] | None = None
    """The public datasets whose distributions name local data files, where known (None: any may)."""
    codelist_keys: Mapping[str, str] = field(default_factory=dict)
    """What each codelist reference of a public variable names: the key of a codelist of ``codelists``, as the
    whole catalogue resolves it."""
    concept_keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """What each concept reference of a public variable names: the key of a scheme of ``concept_schemes`` and the
    concept's id."""
    data_structures: Mapping[str, DataStructure] = field(default_factory=dict)
    """The data structures public datasets name, with their public variables only."""
    structure_keys: Mapping[str, str] = field(default_factory=dict)
    """What each structure reference of a public dataset names: the key of a structure of ``data_structures``."""

    series: Mapping[str, Series] = field(default_factory=dict)
    """The series public datasets are releases of."""
    releases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per public series, its released datasets in order (``series_order``), but those a released version in the
    same series replaces: its first and last, and each release's previous and next, are told from it."""
    newer_versions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per public dataset, the released datasets that replace it (name it as their previous version)."""
    replaces: Mapping[str, str] = field(default_factory=dict)
    """Per public dataset, the public dataset it replaces (the inverse of ``newer_versions``)."""
    withdrawn_releases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per public series, its withdrawn releases in the same order (public, never its first, last, previous or
    next), but those a released version in the series replaces."""
    reports: Mapping[str, MetadataReport] = field(default_factory=dict)
    """The public metadata reports (``policy.reports``): published, on a public target, without their confidential
    values."""
    metadata_structures: Mapping[str, MetadataStructure] = field(default_factory=dict)
    """The metadata structures public reports follow."""
    report_structures: Mapping[str, str] = field(default_factory=dict)
    """Per public report, the key of its structure in ``metadata_structures``."""

    def reports_on(self, kind: str, target_id: str | None = None) -> list[MetadataReport]:
        """The public reports on a record (by id; the catalogue: none), by their period, newest first, then id."""
        found = [r for r in self.reports.values() if r.target.kind == kind and r.target.id == target_id]
        return sorted(sorted(found, key=lambda r: r.id), key=lambda r: r.period or "", reverse=True)

    def shown_with(self, dataset_id: str) -> list[str]:
        """The other public datasets a dataset's page names: its neighbours in its series, the version it replaces
        and those that replace it."""
        named = [other for series_id in self.releases for other in self.neighbours(dataset_id, series_id)]
        named += [self.replaces.get(dataset_id), *self.newer_versions.get(dataset_id, ())]
        return [other for other in dict.fromkeys(named) if other is not None]

    def neighbours(self, dataset_id: str, series_id: str) -> tuple[str | None, str | None]:
        """The releases before and after a dataset in a series (``None``: it is the first, or the last)."""
        order = self.releases.get(series_id, ())
        if dataset_id not in order:
            return None, None
        index = order.index(dataset_id)
        return (order[index - 1] if index > 0 else None), (order[index + 1] if index + 1 < len(order) else None)

    def placement(self, dataset_id: str) -> tuple[Any, ...]:
        """What a public dataset's outputs say of the others: its neighbours in each series and its newer versions
        (a part of a build made from the dataset is made again when they change)."""
        return (tuple((s, *self.neighbours(dataset_id, s)) for s in self.releases if dataset_id in self.releases[s]),
                self.newer_versions.get(dataset_id, ()))

    def structure_of(self, dataset: Dataset) -> DataStructure | None:
        """The data structure a public dataset names (``None``: its variables are its own)."""
        key = self.structure_keys.get(dataset.structure) if dataset.structure is not None else None
        return self.data_structures.get(key) if key is not None else None

    def codelist(self, reference: str | None) -> Codelist | None:
        """The codelist a public variable's reference names."""
        key = self.codelist_keys.get(reference) if reference is not None else None
        return self.codelists.get(key) if key is not None else None

    def scheme_of(self, reference: str | None) -> tuple[str, ConceptScheme] | None:
        """The key and the scheme of the concept a public variable's reference names."""
        found = self.concept_keys.get(reference) if reference is not None else None
        return (found[0], self.concept_schemes[found[0]]) if found is not None else None

    def concept(self, reference: str | None) -> Concept | None:
        """The concept a public variable's reference names."""
        found = self.concept_keys.get(reference) if reference is not None else None
        if found is None:
            return None
        return next((c for c in self.concept_schemes[found[0]].concepts if c.id == found[1]), None)

    def terms_of(self, dataset: Dataset) -> TermsOfUse:
        return self.terms[dataset.terms]

    def is_open_access(self, dataset: Dataset) -> bool:
        """Public terms: the data themselves may be downloaded."""
        return self.terms_of(dataset).access_level == "public"

    def contact(self, contact_id: str | None) -> ContactPoint | None:
        """A contact point of one of the agencies."""
        for agency in self.agencies.values():
            for contact in agency.contacts:
                if contact.id == contact_id:
                    return contact
        return None

    def licence_of(self, dataset: Dataset, distribution: Distribution | None = None) -> Licence | None:
        licence_id = (distribution.licence if distribution else None) or dataset.licence
        return self.licences.get(licence_id) if licence_id else None


def now_utc() -> datetime:
    """The default build time."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def is_released(dataset: Dataset, as_of: datetime) -> bool:
    """Published, and past its release time."""
    return released(dataset.status, dataset.release_time, as_of)


@dataclass(frozen=True)
class DatasetFacts:
    """What the policy reads of a dataset: kept when its record file is checked (as JSON), so that a public view is
    computed without making the dataset."""

    status: str
    release_time: datetime | None
    terms: str
    announced: bool
    codelists: tuple[str, ...]
    """Those of its public variables (and ``concepts``)."""
    concepts: tuple[str, ...]
    licences: tuple[str, ...]
    """Its own and its distributions'."""
    related: tuple[str, ...]
    local_files: bool
    """A distribution names a local data file."""
    structure: str | None = None
    """The data structure it names, as written."""
    series: tuple[str, ...] = ()
    """The series it is a release of."""
    order: tuple[str, str, str] = ("", "", "")
    """Where it falls among its series' releases: the start of the period it covers, its issue date (ISO dates,
    empty where not given) and its id."""
    previous: str | None = None
    """The dataset this version replaces."""
    withdrawn: bool = False
    """A withdrawn release: public, out of its series' order."""
    source: str | None = None
    """A key of the record file it was read from (its bytes and name), set by the loader; never kept."""

    @classmethod
    def of(cls, dataset: Dataset) -> DatasetFacts:
        public = [variable for variable in dataset.variables if not variable.confidential]
        licences = {dataset.licence, *(distribution.licence for distribution in dataset.distributions)}
        return cls(dataset.status, dataset.release_time, dataset.terms, dataset.announcement is not None,
                   tuple(sorted({v.codelist for v in public if v.codelist})),
                   tuple(sorted({v.concept for v in public if v.concept})),
                   tuple(sorted(licence for licence in licences if licence)), tuple(dataset.related),
                   any(distribution.path is not None for distribution in dataset.distributions), dataset.structure,
                   tuple(dataset.series), (_iso(dataset.temporal_coverage.start if dataset.temporal_coverage else None),
                                           _iso(dataset.issued), dataset.id), dataset.previous_version,
                   dataset.withdrawn is not None)

    @classmethod
    def of_document(cls, document: Mapping[str, Any]) -> DatasetFacts:
        """``of`` a stored dataset's document (its JSON, valid: it was checked when stored), without making it."""
        variables = [v for v in document.get("variables") or () if isinstance(v, dict)]
        public = [v for v in variables if not v.get("confidential")]
        distributions = [d for d in document.get("distributions") or () if isinstance(d, dict)]
        licences = {document.get("licence"), *(d.get("licence") for d in distributions)}
        release = document.get("release_time")
        return cls(str(document.get("status", "published")), datetime.fromisoformat(release) if release else None,
                   str(document["terms"]), document.get("announcement") is not None,
                   tuple(sorted({str(v["codelist"]) for v in public if v.get("codelist")})),
                   tuple(sorted({str(v["concept"]) for v in public if v.get("concept")})),
                   tuple(sorted(str(licence) for licence in licences if licence)),
                   tuple(str(r) for r in document.get("related") or ()),
                   any(d.get("path") is not None for d in distributions),
                   str(document["structure"]) if document.get("structure") is not None else None,
                   tuple(str(s) for s in document.get("series") or ()),
                   (str((document.get("temporal_coverage") or {}).get("start") or ""),
                    str(document.get("issued") or ""), str(document["id"])),
                   str(document["previous_version"]) if document.get("previous_version") is not None else None,
                   document.get("withdrawn") is not None)

    def is_released(self, as_of: datetime) -> bool:
        """Published, and past its release time."""
        return released(self.status, self.release_time, as_of)

    def as_json(self) -> list[Any]:
        return [self.status, self.release_time.isoformat() if self.release_time else None, self.terms,
                self.announced, list(self.codelists), list(self.concepts), list(self.licences), list(self.related),
                self.local_files, self.structure, list(self.series), list(self.order), self.previous, self.withdrawn]

    @classmethod
    def from_json(cls, row: Any) -> DatasetFacts:
        """The kept form read back (``ValueError``, ``TypeError``: not one)."""
        (status, release_time, terms, announced, codelists, concepts, licences, related, local_files, structure, series,
         order, previous, withdrawn) = row
        moment = datetime.fromisoformat(release_time) if release_time is not None else None
        if moment is not None and moment.tzinfo is None:
            raise ValueError("a release time without a time zone")
        codelists, concepts, licences, related = (tuple(map(str, ids)) for ids in (codelists, concepts, licences, related))
        return cls(str(status), moment, str(terms), bool(announced), codelists, concepts, licences, related,
                   bool(local_files), str(structure) if structure is not None else None, tuple(map(str, series)),
                   (str(order[0]), str(order[1]), str(order[2])), str(previous) if previous is not None else None,
                   bool(withdrawn))


def public_dataset(dataset: Dataset, terms: TermsOfUse, released_ids: Container[str]) -> Dataset:
    """A released dataset as it may be published: no confidential variable, no forbidden download, no reference to a
    dataset that is not released."""
    open_access = terms.access_level == "public"
    distributions = [
        distribution if open_access else distribution.model_copy(update={"download_url": None, "path": None})
        for distribution in dataset.distributions
    ]
    return dataset.model_copy(update={
        "variables": [variable for variable in dataset.variables if not variable.confidential],
        "distributions": distributions,
        "related": [related for related in dataset.related if related in released_ids],
        "previous_version": dataset.previous_version if dataset.previous_version in released_ids else None,
    })


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def public_structure(structure: DataStructure) -> DataStructure:
    """A data structure as it may be published: no confidential variable."""
    return structure.model_copy(update={"variables": [v for v in structure.variables if not v.confidential]})


def public_view(catalogue: Catalogue, as_of: datetime | None = None,
                facts: Mapping[str, DatasetFacts] | None = None, calendar_secret: bytes | None = None) -> PublicView:
    """Compute the public view once; hand it to every exporter. ``facts``: those of datasets kept when their files
    were checked (``records.LoadResult.facts``); a dataset with none is made to be read. ``calendar_secret``: what
    names the calendar's entries (``secret.folder_secret``); without it, a secret of this process (entries named
    the same in every view it makes, never as another process names them)."""
    as_of = as_of or now_utc()
    if as_of.tzinfo is None:
        raise ValueError("the build time needs a time zone")
    kept = facts or {}
    every = {i: kept[i] if i in kept else DatasetFacts.of(catalogue.datasets[i]) for i in catalogue.datasets}
    released_ids = [i for i, f in every.items() if f.is_released(as_of)]
    released = select(catalogue.datasets, released_ids)
    view = view_of_released(catalogue, released, set(released_ids), as_of, every if kept else None)
    announced = [(d.id, d.publisher, d.announcement, d.id in released)
                 for d in (catalogue.datasets[i] for i, f in every.items() if f.announced) if d.announcement is not None]
    return replace(view, calendar=calendar_entries(catalogue.releases, announced, as_of,
                                                   PROCESS_SECRET if calendar_secret is None else calendar_secret,
                                                   view.series))


Placement = tuple[dict[str, list[str]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]
"""Of every released dataset: the versions that replace each, each series' releases in order, and each series'
withdrawn releases (``series_order``)."""


def named_by_placement(placement: Placement, dataset_id: str) -> set[str]:
    """The releases a dataset's page names from the placement: its neighbours in each series and its newer
    versions."""
    newer, ordered, _ = placement
    named = set(newer.get(dataset_id, ()))
    for order in ordered.values():
        if dataset_id in order:
            index = order.index(dataset_id)
            named.update(order[max(index - 1, 0):index + 2])
    return named - {dataset_id}


def view_of_released(catalogue: Catalogue, released: Mapping[str, Dataset], released_ids: Container[str],
                     as_of: datetime, facts: Mapping[str, DatasetFacts] | None = None,
                     whole: bool = True, placement: Placement | None = None) -> PublicView:
    """The public view of some released datasets (all of them, or one page of them: not ``whole``): the shared
    records of ``catalogue`` (its own datasets are not read) pruned to what these datasets use. A page's view tells
    the series from the ``placement`` of every release (without it, none: their order needs every release).

    ``released_ids`` holds at least every released dataset that these datasets name as related. With ``facts``
    (of every released dataset) and datasets made when read (``MadeOnRead``), the view is computed from the facts,
    and each public dataset is made when it is read."""
    if facts is not None and isinstance(released, MadeOnRead):
        return _lazy_view(catalogue, released, released_ids, as_of, facts)
    if not whole and placement is None:
        catalogue = catalogue.model_copy(update={"series": {}})
    datasets: MutableMapping[str, Dataset] = like(released, ())
    used, withheld_columns, source_columns = [], {}, {}
    for i, dataset in released.items():  # one pass: a large catalogue's datasets are made again at each read
        datasets[i] = public_dataset(dataset, catalogue.terms[dataset.terms], released_ids)
        used.append(DatasetFacts.of(dataset))
        withheld_columns[i] = frozenset(v.id for v in dataset.variables if v.confidential)
        source_columns[i] = tuple(v.id for v in dataset.variables)
    return _pruned_view(catalogue, as_of, datasets, used, withheld_columns=withheld_columns,
                        source_columns=source_columns, placement=placement)


def _lazy_view(catalogue: Catalogue, released: MadeOnRead[Dataset], released_ids: Container[str], as_of: datetime,
               facts: Mapping[str, DatasetFacts]) -> PublicView:
    """``view_of_released`` from the datasets' facts: a public dataset is made when it is read; only those naming
    local data files are made now (their columns are needed to copy the files)."""
    datasets: MadeOnRead[Dataset] = type(released)()
    withheld_columns, source_columns, keys, with_files = {}, {}, {}, []
    for i in released:
        known = facts[i]
        terms = catalogue.terms[known.terms]
        datasets.defer(i, partial(_public_of, released, i, terms, released_ids))
        if known.local_files:  # a build may change their distributions (the served sizes): hashed from the record
            with_files.append(i)
            dataset = released[i]
            withheld_columns[i] = frozenset(v.id for v in dataset.variables if v.confidential)
            source_columns[i] = tuple(v.id for v in dataset.variables)
        elif known.source is not None:
            keys[i] = fingerprint(known.source, terms.access_level, known.previous in released_ids,
                                  *(related for related in known.related if related in released_ids))
    return _pruned_view(catalogue, as_of, datasets, [facts[i] for i in released], withheld_columns=withheld_columns,
                        source_columns=source_columns, keys=keys, with_local_files=frozenset(with_files))


def _public_of(released: Mapping[str, Dataset], dataset_id: str, terms: TermsOfUse,
               released_ids: Container[str]) -> Dataset:
    return public_dataset(released[dataset_id], terms, released_ids)


def series_order(used: list[DatasetFacts], series: Container[str]) -> Placement:
    """Of these released datasets: the versions that replace each (those naming it as their previous version,
    where the chain of versions has an end), and each series' releases in order (the period they cover, else their
    issue date; then their issue date and id), but those a version in the same series replaces; and each series'
    withdrawn releases, in the same order, apart."""
    by_id = {facts.order[2]: facts for facts in used}
    newer: dict[str, list[str]] = {}
    for facts in used:
        if facts.previous is not None and facts.previous in by_id and circle_of_versions(
                facts.order[2], lambda i: by_id[i].previous if i in by_id else None) is None:
            newer.setdefault(facts.previous, []).append(facts.order[2])
    releases: dict[str, list[tuple[str, str, str]]] = {}
    withdrawn: dict[str, list[tuple[str, str, str]]] = {}
    for facts in used:
        for series_id in dict.fromkeys(facts.series):
            replaced = any(series_id in by_id[other].series and not by_id[other].withdrawn
                           for other in newer.get(facts.order[2], ()))  # a withdrawn version takes no one's place
            if series_id in series and not replaced:  # a version replaced in its series stays public, out of it
                start, issued, dataset_id = facts.order
                found = withdrawn if facts.withdrawn else releases  # a withdrawn one too, said apart
                found.setdefault(series_id, []).append((start or issued, issued, dataset_id))
    def in_order(kept: dict[str, list[tuple[str, str, str]]]) -> dict[str, tuple[str, ...]]:
        return {series_id: tuple(order[2] for order in sorted(found)) for series_id, found in kept.items()}
    return newer, in_order(releases), in_order(withdrawn)


def _pruned_view(catalogue: Catalogue, as_of: datetime, datasets: Mapping[str, Dataset], used: list[DatasetFacts],
                 placement: Placement | None = None, **more: Any) -> PublicView:
    """A public view of these public datasets, with the shared records they use (``used``: their facts; a
    confidential variable's codelist and concept are not among them; ``placement``: the series' order, of every
    release, when these datasets are not all of them)."""
    shared = catalogue.shared()  # references resolve against the whole catalogue, as ``check`` resolved them
    codelist_keys, concept_keys = {}, {}
    for reference in {codelist for facts in used for codelist in facts.codelists}:
        try:
            codelist_keys[reference] = shared.codelists.resolve(reference)
        except UnresolvedReference:
            continue  # a catalogue that ``check`` refuses: the variable has no codelist to show
    for reference in {concept for facts in used for concept in facts.concepts}:
        try:
            key, concept = shared.concepts.resolve(reference)
        except UnresolvedReference:
            continue
        concept_keys[reference] = (key, concept.id)
    structures = catalogue.structures()
    structure_keys = {}
    for reference in {facts.structure for facts in used if facts.structure is not None}:
        try:
            structure_keys[reference] = structures.resolve(reference)
        except UnresolvedReference:
            continue
    public_structures = {key: public_structure(catalogue.data_structures[key]) for key in set(structure_keys.values())}
    newer, ordered, withdrawn = placement if placement is not None else series_order(used, catalogue.series)
    reports = public_reports(catalogue, datasets, {*ordered, *withdrawn})
    for structure in reports.structures.values():  # what a public report's attributes are named by and take
        for attribute in structure.attributes:
            if attribute.concept not in concept_keys:
                try:
                    scheme_key, concept = shared.concepts.resolve(attribute.concept)
                    concept_keys[attribute.concept] = (scheme_key, concept.id)
                except UnresolvedReference:
                    pass
            if attribute.codelist is not None and attribute.codelist not in codelist_keys:
                try:
                    codelist_keys[attribute.codelist] = shared.codelists.resolve(attribute.codelist)
                except UnresolvedReference:
                    pass
    used_licences = {catalogue.info.licence, *(licence for facts in used for licence in facts.licences)}
    used_terms = {facts.terms for facts in used}
    used_codelists = set(codelist_keys.values())
    used_concepts: dict[str, set[str]] = {}
    for key, concept_id in concept_keys.values():
        used_concepts.setdefault(key, set()).add(concept_id)
    schemes = {}
    for scheme_key, scheme in catalogue.concept_schemes.items():
        concepts = [c for c in scheme.concepts if c.id in used_concepts.get(scheme_key, ())]
        if concepts:
            schemes[scheme_key] = scheme.model_copy(update={"concepts": concepts})
    return PublicView(
        info=catalogue.info,
        as_of=as_of,
        agencies=catalogue.agencies,
        licences={i: x for i, x in catalogue.licences.items() if i in used_licences},
        terms={i: x for i, x in catalogue.terms.items() if i in used_terms},
        concept_schemes=schemes,
        codelists={i: x for i, x in catalogue.codelists.items() if i in used_codelists},
        datasets=datasets,
        codelist_keys=codelist_keys,
        concept_keys=concept_keys,
        data_structures=public_structures,
        structure_keys=structure_keys,
        series={series_id: catalogue.series[series_id] for series_id in dict.fromkeys([*ordered, *withdrawn])},
        releases=ordered,
        withdrawn_releases=withdrawn,
        newer_versions={i: tuple(sorted(ids)) for i, ids in newer.items()},
        replaces={new: old for old, ids in newer.items() for new in ids},
        reports=reports.reports,
        metadata_structures=reports.structures,
        report_structures=reports.structure_of,
        **more,
    )
