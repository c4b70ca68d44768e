"""The public view: what may be published, and when.

Every exporter reads only a ``PublicView``, never the raw catalogue:

- drafts never appear;
- a dataset whose release time is after the build time (``as_of``) does not appear;
- confidential variables never appear, nor concepts and codelists used only by them;
- restricted and non-public datasets keep their access rights and conditions but lose every
  download URL and local data path;
- references to datasets that are not public (``related``) are dropped.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from .calendar import CalendarEntry, calendar_entries
from .compact import like, select
from .model import (Agency, Catalogue, CatalogueInfo, Codelist, ConceptScheme, ContactPoint, Dataset, Distribution,
                    Licence, TermsOfUse)


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
    if dataset.status != "published":
        return False
    return dataset.release_time is None or dataset.release_time <= as_of


def public_dataset(dataset: Dataset, terms: TermsOfUse, released_ids: Container[str]) -> Dataset:
    """A released dataset as it may be published: no confidential variable, no forbidden download."""
    open_access = terms.access_level == "public"
    distributions = [
        distribution if open_access else distribution.model_copy(update={"download_url": None, "path": None})
        for distribution in dataset.distributions
    ]
    return dataset.model_copy(update={
        "variables": [variable for variable in dataset.variables if not variable.confidential],
        "distributions": distributions,
        "related": [related for related in dataset.related if related in released_ids],
    })


def public_view(catalogue: Catalogue, as_of: datetime | None = None) -> PublicView:
    """Compute the public view once; hand it to every exporter."""
    as_of = as_of or now_utc()
    if as_of.tzinfo is None:
        raise ValueError("the build time needs a time zone")
    released_ids = [i for i, d in catalogue.datasets.items() if is_released(d, as_of)]
    released = select(catalogue.datasets, released_ids)
    view = view_of_released(catalogue, released, set(released_ids), as_of)
    announced = [(d.id, d.publisher, d.announcement, d.id in released)
                 for d in catalogue.datasets.values() if d.announcement is not None]
    return replace(view, calendar=calendar_entries(catalogue.info, catalogue.releases, announced, as_of))


def view_of_released(catalogue: Catalogue, released: Mapping[str, Dataset], released_ids: Container[str],
                     as_of: datetime) -> PublicView:
    """The public view of some released datasets (all of them, or one page of them): the shared records
    of ``catalogue`` (its own datasets are not read) pruned to what these datasets use.

    ``released_ids`` holds at least every released dataset that these datasets name as related."""
    datasets: MutableMapping[str, Dataset] = like(released, ())
    used_codelists: set[str] = set()
    used_concepts: set[str] = set()
    used_licences, used_terms = {catalogue.info.licence}, set()
    withheld_columns, source_columns = {}, {}
    for i, dataset in released.items():  # one pass: a large catalogue's datasets are made again at each read
        public = datasets[i] = public_dataset(dataset, catalogue.terms[dataset.terms], released_ids)
        used_codelists |= {v.codelist for v in public.variables if v.codelist}
        used_concepts |= {v.concept for v in public.variables if v.concept}
        used_licences |= {public.licence} | {x.licence for x in public.distributions}
        used_terms.add(public.terms)
        withheld_columns[i] = frozenset(v.id for v in dataset.variables if v.confidential)
        source_columns[i] = tuple(v.id for v in dataset.variables)
    schemes = {}
    for scheme_id, scheme in catalogue.concept_schemes.items():
        concepts = [c for c in scheme.concepts if c.id in used_concepts]
        if concepts:
            schemes[scheme_id] = scheme.model_copy(update={"concepts": concepts})
    return PublicView(
        info=catalogue.info,
        as_of=as_of,
        agencies=catalogue.agencies,
        licences={i: x for i, x in catalogue.licences.items() if i in used_licences},
        terms={i: x for i, x in catalogue.terms.items() if i in used_terms},
        concept_schemes=schemes,
        codelists={i: x for i, x in catalogue.codelists.items() if i in used_codelists},
        datasets=datasets,
        withheld_columns=withheld_columns,
        source_columns=source_columns,
    )
