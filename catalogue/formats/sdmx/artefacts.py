"""The SDMX artefacts of a structure message, as the writers read them, and a message's set of them (``Structures``):
their references, selection and restriction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from catalogue.errors import ArtefactSelectionError
from catalogue.model import Agency, Codelist, ConceptScheme, MetadataReport, ReportedAttribute, Theme

T = TypeVar("T")
ComponentKind = Literal["dimension", "time", "measure", "attribute"]


@dataclass(frozen=True, order=True)
class Ref:
    """A maintainable artefact: its type, maintenance agency, id and version (as in the records)."""

    type: str
    agency: str
    id: str
    version: str


@dataclass(frozen=True)
class Annotation:
    type: str
    url: str | None
    text: dict[str, str] | None
    title: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Component:
    id: str
    kind: ComponentKind
    concept_scheme: Ref
    concept: str
    codelist: Ref | None
    text_type: str | None
    attachment: str
    required: bool
    name: dict[str, str]


@dataclass(frozen=True)
class DataStructure:
    ref: Ref
    name: dict[str, str]
    description: dict[str, str] | None
    components: list[Component]

    def of_kind(self, kind: ComponentKind) -> list[Component]:
        return [c for c in self.components if c.kind == kind]


@dataclass(frozen=True)
class Dataflow:
    ref: Ref
    name: dict[str, str]
    description: dict[str, str] | None
    structure: Ref
    annotations: list[Annotation]


@dataclass(frozen=True)
class Categorisation:
    ref: Ref
    name: dict[str, str]
    source: Ref
    category_scheme: Ref
    category: str


@dataclass(frozen=True)
class SeriesFlow:
    """One dataflow for a series' releases (``series_flows``): its current statistical releases in order, the
    structure the latest names, and the themes of the series and its releases."""

    ref: Ref
    releases: tuple[str, ...]
    structure: Ref
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ReportAttribute:
    """A metadata attribute as SDMX writes it: its concept and representation resolved, its children nested."""

    id: str
    concept_scheme: Ref
    concept: str
    codelist: Ref | None
    representation: str | None
    """text, xhtml, code, number, date, url; none: presentational (a heading)."""
    min_occurs: int
    max_occurs: int | None
    children: tuple[ReportAttribute, ...] = ()

    def walk(self) -> Iterator[ReportAttribute]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ReportStructure:
    """A metadata structure definition (MSD)."""

    ref: Ref
    name: dict[str, str]
    description: dict[str, str] | None
    attributes: tuple[ReportAttribute, ...]

    def references(self) -> set[Ref]:
        every = [attribute for top in self.attributes for attribute in top.walk()]
        return {a.concept_scheme for a in every} | {a.codelist for a in every if a.codelist is not None}


@dataclass(frozen=True)
class Metadataflow:
    """The public reports of one publisher that follow one metadata structure, and what kinds of artefact they are
    on (``dataflow``, ``agency``, ``categoryscheme``)."""

    ref: Ref
    name: dict[str, str]
    structure: Ref
    targets: tuple[str, ...]


@dataclass(frozen=True)
class MetadataSet:
    """One public report as SDMX reference metadata: on one artefact (an agency: an item of its scheme)."""

    ref: Ref
    report: MetadataReport
    flow: Ref
    structure: Ref
    target: Ref
    target_item: str | None = None

    def stub(self) -> MetadataSet:
        """The set as a stub (``detail=allstubs``): its identification, names and the ids of its top attributes,
        without values (SDMX-ML 2.1 and SDMX-JSON 2.0 want a set to report one attribute at least)."""
        tops = [ReportedAttribute(attribute=a) for a in dict.fromkeys(v.attribute for v in self.report.values)]
        return replace(self, report=self.report.model_copy(update={"values": tops}))


@dataclass
class Structures:
    """Every artefact of one structure message."""

    sender: str
    agency_schemes: dict[Ref, list[Agency]]
    """The agencies, in the scheme each belongs to, as SDMX identifies them: a top-level agency (``IMF``) is an item
    of the scheme ``SDMX`` maintains, a nested one (``IMF.RES``) an item (``RES``) of the scheme its parent
    (``IMF``) maintains."""
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    """Names of the made-up artefacts (agency scheme, category scheme) in the catalogue's languages."""
    codelists: dict[Ref, Codelist] = field(default_factory=dict)
    concept_schemes: dict[Ref, ConceptScheme] = field(default_factory=dict)
    data_structures: Mapping[Ref, DataStructure] = field(default_factory=dict)
    dataflows: Mapping[Ref, Dataflow] = field(default_factory=dict)
    category_scheme: Ref | None = None
    themes: list[Theme] = field(default_factory=list)
    categorisations: Mapping[Ref, Categorisation] = field(default_factory=dict)
    """Data structures, dataflows and categorisations: dicts, or ``LazyArtefacts`` made when read."""
    metadata_structures: dict[Ref, ReportStructure] = field(default_factory=dict)
    metadataflows: dict[Ref, Metadataflow] = field(default_factory=dict)
    metadata_sets: dict[Ref, MetadataSet] = field(default_factory=dict)
    """The public reports (not structures: written in metadata messages)."""
    stubs: dict[Ref, str] = field(default_factory=dict)
    """Artefacts written as stubs: ``stub`` (identification and names) or ``complete`` (with descriptions
    and annotations), as SDMX-REST's ``detail`` asks."""
    partial: dict[Ref, frozenset[str]] = field(default_factory=dict)
    """Item schemes written with only these items (``isPartial``)."""
    structure_url: Callable[[Ref], str] | None = None
    """Where a stub's full artefact can be fetched."""
    origins: dict[Ref, str] = field(default_factory=dict)
    """The dataset each data structure, dataflow and categorisation is made from."""
    series_origins: dict[Ref, str] = field(default_factory=dict)
    """The series each series' dataflow and its categorisations are made from (with its releases)."""
    known_references: dict[Ref, set[Ref]] = field(default_factory=dict)
    """What artefacts made when read refer to, where known without making them (a server's, from the stored
    documents)."""

    def all_refs(self) -> list[Ref]:
        refs = [*self.agency_schemes, self.category_scheme, *self.codelists, *self.concept_schemes,
                *self.data_structures, *self.dataflows, *self.categorisations, *self.metadata_structures,
                *self.metadataflows]
        return [ref for ref in refs if ref is not None]

    def references_of(self, ref: Ref) -> set[Ref]:
        """The artefacts ``ref`` refers to directly."""
        if ref in self.known_references:
            return self.known_references[ref]
        if ref.type == "datastructure":
            dsd = self.data_structures[ref]
            return {c.codelist for c in dsd.components if c.codelist} | {c.concept_scheme for c in dsd.components}
        if ref.type == "dataflow":
            return {self.dataflows[ref].structure}
        if ref.type == "categorisation":
            categorisation = self.categorisations[ref]
            return {categorisation.source, categorisation.category_scheme}
        if ref.type == "metadatastructure":
            return self.metadata_structures[ref].references()
        if ref.type == "metadataflow":
            return {self.metadataflows[ref].structure}
        return set()

    def select(self, wanted: list[tuple[str, str]], references: bool) -> Structures:
        """Only the named artefacts (``(type, id)``), plus with ``references`` all they refer to."""
        by_key: dict[tuple[str, str], list[Ref]] = {}
        for ref in self.all_refs():
            by_key.setdefault((ref.type, ref.id), []).append(ref)
        chosen: set[Ref] = set()
        for key in wanted:
            if key not in by_key:
                known = ", ".join(f"{t}:{i}" for t, i in sorted(by_key) if t == key[0]) or "none"
                raise ArtefactSelectionError(f"no {key[0]} '{key[1]}' in the public view (known: {known})")
            chosen.update(by_key[key])
        pending = list(chosen) if references else []
        while pending:
            for target in self.references_of(pending.pop()):
                if target not in chosen:
                    chosen.add(target)
                    pending.append(target)
        return self.restricted_to(chosen)

    def without_reports(self) -> Structures:
        """The artefacts but the metadata structures and metadataflows: the site's SDMX-ML 2.1 structure message,
        which readers that take no 2.1 MSD (pysdmx) read whole; ``of_reports`` gives those apart."""
        return replace(self, metadata_structures={}, metadataflows={})

    def of_reports(self) -> Structures:
        """The metadata structures and metadataflows, with the concept schemes and codelists they name."""
        wanted = [(ref.type, ref.id) for ref in [*self.metadata_structures, *self.metadataflows]]
        return self.select(wanted, references=True)

    def restricted_to(self, chosen: set[Ref]) -> Structures:
        """Only the ``chosen`` artefacts (those made when read stay so: none is made here)."""
        return replace(
            self,
            agency_schemes={r: v for r, v in self.agency_schemes.items() if r in chosen},
            codelists={r: v for r, v in self.codelists.items() if r in chosen},
            concept_schemes={r: v for r, v in self.concept_schemes.items() if r in chosen},
            data_structures=_only(self.data_structures, chosen),
            dataflows=_only(self.dataflows, chosen),
            category_scheme=self.category_scheme if self.category_scheme in chosen else None,
            categorisations=_only(self.categorisations, chosen),
            metadata_structures={r: v for r, v in self.metadata_structures.items() if r in chosen},
            metadataflows={r: v for r, v in self.metadataflows.items() if r in chosen},
            metadata_sets={r: v for r, v in self.metadata_sets.items() if v.flow in chosen},
        )


class LazyArtefacts(Mapping[Ref, T]):
    """Artefacts made from their dataset each time they are read, and not kept: a site writes each once, and
    copies most from its previous build (100,000 data structures held at once would take a gigabyte)."""

    def __init__(self) -> None:
        self._makers: dict[Ref, Callable[[], T]] = {}

    def add(self, ref: Ref, make: Callable[[], T]) -> None:
        self._makers[ref] = make

    def __getitem__(self, ref: Ref) -> T:
        return self._makers[ref]()

    def only(self, chosen: set[Ref]) -> LazyArtefacts[T]:
        """The chosen ones, still made when read."""
        kept: LazyArtefacts[T] = LazyArtefacts()
        kept._makers = {ref: make for ref, make in self._makers.items() if ref in chosen}
        return kept

    def __iter__(self) -> Iterator[Ref]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _only(artefacts: Mapping[Ref, T], chosen: set[Ref]) -> Mapping[Ref, T]:
    """The chosen artefacts, made now only if they were made already."""
    if isinstance(artefacts, LazyArtefacts):
        return artefacts.only(chosen)
    return {ref: artefact for ref, artefact in artefacts.items() if ref in chosen}
