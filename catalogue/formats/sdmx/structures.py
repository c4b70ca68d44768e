"""The SDMX artefacts of a public view: agency scheme, codelists, concept schemes, data structure
definitions, dataflows, category scheme and categorisations, with the references between them (the artefacts
themselves: ``artefacts``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from catalogue.i18n import in_languages
from catalogue.model import Agency, Codelist, ConceptScheme, Dataset, Variable
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.formats.text import pick
from catalogue.formats.uris import Uris, datasets_of_flow, flow_base
from catalogue.formats.sdmx.artefacts import (Annotation, Categorisation, Component, ComponentKind, Dataflow,
                                              DataStructure, LazyArtefacts, Ref, SeriesFlow, Structures)
from catalogue.formats.sdmx.periods import reporting_period
from catalogue.formats.sdmx.reference_metadata import add_reports

T = TypeVar("T")

ARTEFACT_TYPES = ("agencyscheme", "codelist", "conceptscheme", "datastructure", "dataflow", "categoryscheme",
                  "categorisation", "metadatastructure", "metadataflow")
AGENCY_SCHEME_ID = "AGENCIES"
TOP_AGENCY = "SDMX"
"""The maintainer of the scheme of top-level agencies."""
CATEGORY_SCHEME_ID = "THEMES"
FIXED_VERSION = "1.0"
RELEASE = "RELEASE"
"""The annotation type that tells a release apart in its series' dataflow."""
COMPONENT_KIND: dict[str, ComponentKind] = {"dimension": "dimension", "time_dimension": "time",
                                           "measure": "measure", "attribute": "attribute"}
"""Variable role → DSD component kind; identifiers and other variables are not components."""


class _Builder:
    def __init__(self, view: PublicView, vocab: Vocabulary) -> None:
        self.view = view
        self.vocab = vocab

    def codelist_ref(self, codelist: Codelist) -> Ref:
        return Ref("codelist", codelist.agency, codelist.id, codelist.version)

    def scheme_ref(self, scheme: ConceptScheme) -> Ref:
        return Ref("conceptscheme", scheme.agency, scheme.id, scheme.version)

    def component(self, variable: Variable, series_dimensions: int) -> Component:
        found, concept = self.view.scheme_of(variable.concept), self.view.concept(variable.concept)
        if found is None or concept is None:
            raise ValueError(f"variable '{variable.id}' names no concept of the public view")  # check refuses it
        codelist = self.view.codelist(variable.codelist)
        attachment = variable.attachment or "observation"
        if attachment == "series" and series_dimensions == 0:
            attachment = "dataset"
        return Component(
            id=variable.id,
            kind=COMPONENT_KIND[variable.role],
            concept_scheme=self.scheme_ref(found[1]),
            concept=concept.id,
            codelist=self.codelist_ref(codelist) if codelist else None,
            text_type=None if codelist else self.vocab.data_types[variable.data_type].sdmx,
            attachment=attachment,
            required=bool(variable.constraints and variable.constraints.required),
            name=variable.label,
        )

    def data_structure_ref(self, dataset: Dataset) -> Ref:
        return self.structure_ref(dataset.id, dataset.publisher, dataset.version, dataset.structure)

    def structure_ref(self, dataset_id: str, publisher: str, version: str, structure: str | None) -> Ref:
        """The data structure of a dataset: the one it names, else one of its own (``DSD_`` and its id)."""
        return self.named_structure_ref(structure) or _data_structure_ref(dataset_id, publisher, version)

    def named_structure_ref(self, structure: str | None) -> Ref | None:
        """The data structure record a dataset names, if it names one of the public view."""
        key = self.view.structure_keys.get(structure) if structure is not None else None
        named = self.view.data_structures.get(key) if key is not None else None
        return Ref("datastructure", named.agency, named.id, named.version) if named is not None else None

    @staticmethod
    def dataflow_ref(dataset: Dataset) -> Ref:
        return _dataflow_ref(dataset.id, dataset.publisher, dataset.version, dataset.dataflow)

    def data_structure(self, dataset: Dataset) -> DataStructure:
        parts = [v for v in dataset.variables if v.role in COMPONENT_KIND]
        dimensions = [v for v in parts if v.role == "dimension"]
        ordered = dimensions + [v for v in parts if v.role == "time_dimension"] + \
            [v for v in parts if v.role == "measure"] + [v for v in parts if v.role == "attribute"]
        named = self.view.structure_of(dataset)  # shared by datasets: its own name, not one dataset's
        return DataStructure(
            ref=self.data_structure_ref(dataset),
            name=named.name if named is not None else dataset.title,
            description=named.description if named is not None else dataset.description,
            components=[self.component(v, len(dimensions)) for v in ordered],
        )

    def terms_annotations(self, dataset: Dataset) -> list[Annotation]:
        """A dataset's licence, terms of use, citation requirement and access rights."""
        terms = self.view.terms_of(dataset)
        annotations = []
        licence = self.view.licence_of(dataset)
        if licence:
            annotations.append(Annotation("LICENCE", licence.url, licence.title, title=licence.id))
        level = self.vocab.access_levels[terms.access_level]
        terms_text = terms.conditions or terms.name
        annotations.append(Annotation("TERMS_OF_USE", terms.application_url, terms_text,
                                      title=f"{terms.access_level}/{terms.access_type}"))
        if terms.citation_requirement:
            annotations.append(Annotation("CITATION", None, terms.citation_requirement))
        annotations.append(Annotation("ACCESS_RIGHTS", level.eu_uri, in_languages(level.label, self.view.info.languages),
                                      title=terms.access_level))
        source = self.vocab.source_types.get(dataset.source_type or "")
        if source is not None:  # SIMS S.18.1, with its fitness for purpose
            annotations.append(Annotation("SOURCE_TYPE", None, in_languages(source.label, self.view.info.languages),
                                          title=dataset.source_type))
        if dataset.fitness_for_purpose:
            annotations.append(Annotation("FITNESS_FOR_PURPOSE", None, dataset.fitness_for_purpose))
        return annotations

    def dataflow(self, dataset: Dataset) -> Dataflow:
        return Dataflow(ref=self.dataflow_ref(dataset),
                        name=dataset.title, description=dataset.description,
                        structure=self.data_structure_ref(dataset),
                        annotations=self.terms_annotations(dataset))

    def series_dataflow(self, series_id: str, flow: SeriesFlow) -> Dataflow:
        """The dataflow of a series' releases: named as the series, with the terms of its latest release and a
        ``RELEASE`` annotation per release in order (id: the dataset; title: the period it covers; URL: its URI)."""
        series = self.view.series[series_id]
        uris = Uris(self.view.info)
        releases: list[Annotation] = []
        for dataset_id in flow.releases:
            dataset = self.view.datasets[dataset_id]  # the last one read is the latest release
            coverage = dataset.temporal_coverage
            frequency = self.vocab.frequencies.get(dataset.frequency or series.frequency or "")
            period = reporting_period(coverage.start if coverage else None, coverage.end if coverage else None,
                                      frequency.sdmx if frequency else None)
            releases.append(Annotation(RELEASE, uris.dataset(dataset_id), dataset.title, title=period, id=dataset_id))
        return Dataflow(ref=flow.ref, name=series.title, description=series.description, structure=flow.structure,
                        annotations=[*self.terms_annotations(dataset), *releases])

    def categorisation(self, dataset: Dataset, theme: str, category_scheme: Ref) -> Categorisation:
        return self.categorised(self.dataflow_ref(dataset), dataset.title, theme, category_scheme)

    def series_categorisation(self, series_id: str, flow: Ref, theme: str, category_scheme: Ref) -> Categorisation:
        return self.categorised(flow, self.view.series[series_id].title, theme, category_scheme)

    def categorised(self, flow: Ref, title: dict[str, str], theme: str, category_scheme: Ref) -> Categorisation:
        theme_name = next(t.name for t in self.view.info.themes if t.id == theme)
        return Categorisation(
            ref=self.categorisation_ref(flow, theme),
            name={lang: f"{pick(title, lang)} – {pick(theme_name, lang)}" for lang in title},
            source=flow, category_scheme=category_scheme, category=theme)

    def of_dataset(self, make: Callable[..., T], *arguments: Any, dataset_id: str) -> T:
        """``make(dataset, *arguments)`` for the dataset of this id (read from the view when asked)."""
        return make(self.view.datasets[dataset_id], *arguments)

    def categorisation_ref(self, flow: Ref, theme: str) -> Ref:
        return Ref("categorisation", self.view.info.publisher, f"CAT_{flow.id}_{theme}", FIXED_VERSION)


SdmxOutline = tuple[str, str, tuple[str, ...], str | None, str | None, tuple[str, ...]] | None
"""What the artefacts' references need of a dataset: its publisher, version, themes, the data structure it names,
its dataflow's id and its series (None: not statistical)."""


def _data_structure_ref(dataset_id: str, publisher: str, version: str) -> Ref:
    return Ref("datastructure", publisher, f"DSD_{flow_base(dataset_id)}", version)


def _dataflow_ref(dataset_id: str, publisher: str, version: str, dataflow: str | None) -> Ref:
    return Ref("dataflow", publisher, dataflow or f"DF_{flow_base(dataset_id)}", version)


def agency_schemes(agencies: Iterable[Agency]) -> dict[Ref, list[Agency]]:
    """The agency schemes the agencies fall in (``Structures.agency_schemes``), SDMX's first."""
    schemes: dict[Ref, list[Agency]] = {}
    for agency in agencies:
        parent, dot, _ = agency.id.rpartition(".")
        maintainer = parent if dot else TOP_AGENCY
        schemes.setdefault(Ref("agencyscheme", maintainer, AGENCY_SCHEME_ID, FIXED_VERSION), []).append(agency)
    return dict(sorted(schemes.items(), key=lambda scheme: (scheme[0].agency != TOP_AGENCY, scheme[0].agency)))


def sdmx_outline(dataset: Dataset) -> SdmxOutline:
    return (dataset.publisher, dataset.version, tuple(dataset.themes), dataset.structure, dataset.dataflow,
            tuple(dataset.series)) if dataset.is_statistical else None


def series_flows(view: PublicView, builder: _Builder, outline: Callable[[str], SdmxOutline]) -> dict[str, SeriesFlow]:
    """The public series whose releases are one dataflow (``DF_`` and the series' id, of its publisher): those
    whose current statistical releases all name a version of one data structure of the catalogue and no dataflow
    of their own, unless a dataset that is not one of its releases has that dataflow already. The dataflow refers to
    the structure its latest release names, and takes that version. A replaced or withdrawn release is in none."""
    flows: dict[str, SeriesFlow] = {}
    for series_id, releases in view.releases.items():
        series = view.series.get(series_id)
        members: list[str] = []
        structures: list[Ref | None] = []
        themes: dict[str, None] = dict.fromkeys(series.themes if series is not None else ())
        for dataset_id in releases:
            known = outline(dataset_id)
            if known is None:
                continue
            _, _, dataset_themes, structure, dataflow, _ = known
            structures.append(builder.named_structure_ref(structure) if dataflow is None else None)
            themes.update(dict.fromkeys(dataset_themes))
            members.append(dataset_id)
        latest = structures[-1] if structures else None
        if series is None or latest is None or \
                any(named is None or (named.agency, named.id) != (latest.agency, latest.id) for named in structures):
            continue
        taken = [other for other in datasets_of_flow(series_id) if other in view.datasets  # not a release of its own
                 and (known := outline(other)) is not None and known[4] is None and series_id not in known[5]]
        if not taken:
            ref = Ref("dataflow", series.publisher, f"DF_{series_id}", latest.version)
            flows[series_id] = SeriesFlow(ref, tuple(members), latest, tuple(themes))
    return flows


def build_structures(view: PublicView, vocab: Vocabulary | None = None, lazy: bool = False,
                     outline: Callable[[str], SdmxOutline] | None = None) -> Structures:
    """Every SDMX artefact of the public view (statistical datasets only give a DSD and a dataflow); ``lazy``:
    the data structures, dataflows and categorisations are made when read (``LazyArtefacts``), and ``outline``
    tells what their references need of a dataset without making it."""
    vocab = vocab or vocabulary()
    builder = _Builder(view, vocab)
    publisher = view.info.publisher
    names = {artefact: {lang: texts[lang] for lang in view.info.languages if lang in texts} or {"en": texts["en"]}
             for artefact, texts in vocab.sdmx_names.items()}
    structures = Structures(sender=publisher, agency_schemes=agency_schemes(view.agencies.values()), names=names)
    # the public view already holds only the codelists and concepts that public variables use
    for codelist in view.codelists.values():
        structures.codelists[builder.codelist_ref(codelist)] = codelist
    for scheme in view.concept_schemes.values():
        structures.concept_schemes[builder.scheme_ref(scheme)] = scheme
    if view.info.themes:
        structures.category_scheme = Ref("categoryscheme", publisher, CATEGORY_SCHEME_ID, FIXED_VERSION)
        structures.themes = list(view.info.themes)
    data_structures: dict[Ref, DataStructure] | LazyArtefacts[DataStructure] = LazyArtefacts() if lazy else {}
    dataflows: dict[Ref, Dataflow] | LazyArtefacts[Dataflow] = LazyArtefacts() if lazy else {}
    categorisations: dict[Ref, Categorisation] | LazyArtefacts[Categorisation] = LazyArtefacts() if lazy else {}
    of_series = series_flows(view, builder, outline if lazy and outline is not None else
                             lambda dataset_id: sdmx_outline(view.datasets[dataset_id]))
    in_series_flow = {dataset_id for flow in of_series.values() for dataset_id in flow.releases}
    series_refs = {(flow.ref.agency, flow.ref.id) for flow in of_series.values()}
    category_scheme = structures.category_scheme
    for dataset_id in view.datasets:  # one at a time: a large catalogue's datasets are made again when read
        dataset = None if lazy and outline is not None else view.datasets[dataset_id]
        known = sdmx_outline(dataset) if dataset is not None else outline(dataset_id)  # type: ignore[misc]
        if known is None:
            continue
        publisher, version, themes, structure, dataflow, _ = known
        # lazily, each artefact reads its dataset again when made; else all are made now from this one reading
        made = partial(builder.of_dataset, dataset_id=dataset_id) if dataset is None or lazy else partial(_of, dataset)
        dsd_ref = builder.structure_ref(dataset_id, publisher, version, structure)
        if dsd_ref not in structures.origins:  # a structure several datasets name: written once, made from the first
            _add(data_structures, dsd_ref, partial(made, builder.data_structure))
            structures.origins[dsd_ref] = dataset_id
        flow_ref = _dataflow_ref(dataset_id, publisher, version, dataflow)
        if dataset_id in in_series_flow or (flow_ref.agency, flow_ref.id) in series_refs:  # its dataflow is its series'
            continue
        _add(dataflows, flow_ref, partial(made, builder.dataflow))
        structures.origins[flow_ref] = dataset_id
        structures.known_references[flow_ref] = {dsd_ref}
        for theme, category_ref in _categories(themes, category_scheme):
            ref = builder.categorisation_ref(flow_ref, theme)
            _add(categorisations, ref, partial(made, builder.categorisation, theme, category_ref))
            structures.origins[ref] = dataset_id
            structures.known_references[ref] = {flow_ref, category_ref}
    for series_id, flow in of_series.items():
        _add(dataflows, flow.ref, partial(builder.series_dataflow, series_id, flow))
        structures.series_origins[flow.ref] = series_id
        structures.known_references[flow.ref] = {flow.structure}
        for theme, category_ref in _categories(flow.themes, category_scheme):
            ref = builder.categorisation_ref(flow.ref, theme)
            _add(categorisations, ref, partial(builder.series_categorisation, series_id, flow.ref, theme, category_ref))
            structures.series_origins[ref] = series_id
            structures.known_references[ref] = {flow.ref, category_ref}
    structures.data_structures, structures.dataflows, structures.categorisations = \
        data_structures, dataflows, categorisations
    add_reports(structures, view)
    return structures


def _categories(themes: Iterable[str], scheme: Ref | None) -> list[tuple[str, Ref]]:
    """Each theme with the category scheme it is a category of (none without a scheme)."""
    return [(theme, scheme) for theme in themes] if scheme is not None else []


def _of(dataset: Dataset, make: Callable[..., T], *arguments: Any) -> T:
    return make(dataset, *arguments)


def _add(artefacts: dict[Ref, T] | LazyArtefacts[T], ref: Ref, make: Callable[[], T]) -> None:
    """An artefact made now (into a dict), or when read (``LazyArtefacts``)."""
    if isinstance(artefacts, LazyArtefacts):
        artefacts.add(ref, make)
    else:
        artefacts[ref] = make()
