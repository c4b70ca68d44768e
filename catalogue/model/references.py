"""References to maintainable artefacts (codelists, concept schemes) and to concepts, resolved as SDMX names them.

A maintainable artefact is identified by its agency, id and version: ``ECB:CL_FREQ(1.0)``, which is also its
record key. A reference may leave out the agency, the version, or both (``CL_FREQ``, ``CL_FREQ(2.1)``,
``SDMX:CL_FREQ``); it may give a version query (``SDMX:CL_FREQ(2.+.0)``, see ``model.versions``):

- without an agency, it names the catalogue's own agency's artefact where there is one with that id, else the
  one agency maintaining one; several agencies and none of them the catalogue's: ambiguous;
- without a version, it names the latest stable version (the latest of any kind where none is stable);
- a version query must select exactly one version.

A concept is referenced as ``CONCEPT``, ``SCHEME.CONCEPT`` or ``AGENCY:SCHEME(VERSION).CONCEPT``. Without a scheme,
the concept names the schemes holding a concept of that id (each artefact's latest version holding it), the
catalogue's own agency's first; more than one: ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from catalogue.errors import UnresolvedReference
from catalogue.messages import Message
from catalogue.model.codelist import Codelist
from catalogue.model.concept import Concept, ConceptScheme
from catalogue.model.dataset import Dataset
from catalogue.model.types import REFERENCE_AGENCY as AGENCY
from catalogue.model.types import REFERENCE_ID as ID
from catalogue.model.types import REFERENCE_VERSION as _VERSION_QUERY
from catalogue.model.versions import Version, parse_queries, select

_ARTEFACT_REFERENCE = rf"(?:(?P<agency>{AGENCY}):)?(?P<id>{ID})(?:\((?P<version>{_VERSION_QUERY})\))?"
_ARTEFACT = re.compile(_ARTEFACT_REFERENCE)
_CONCEPT = re.compile(rf"(?:{_ARTEFACT_REFERENCE}\.)?(?P<concept>{ID})")


class Maintained(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def agency(self) -> str: ...
    @property
    def version(self) -> str: ...


M = TypeVar("M", bound=Maintained)


@dataclass(frozen=True)
class ArtefactReference:
    """A reference as written, cut into its parts (``None``: left out)."""

    agency: str | None
    id: str
    version: str | None

    @classmethod
    def parse(cls, text: str) -> ArtefactReference | None:
        match = _ARTEFACT.fullmatch(text)
        return cls(match["agency"], match["id"], match["version"]) if match else None


def referenced_id(text: str | None) -> str | None:
    """The id of the artefact a reference names (``None``: not a reference)."""
    reference = ArtefactReference.parse(text) if text is not None else None
    return reference.id if reference else None


def referenced_concept(text: str | None) -> str | None:
    """The id of the concept a reference names (``None``: not a reference)."""
    match = _CONCEPT.fullmatch(text) if text is not None else None
    return match["concept"] if match else None


class Artefacts(Generic[M]):
    """The artefacts of one kind, by record key, and the resolution of references to them."""

    def __init__(self, artefacts: Mapping[str, M], own_agency: str, noun: Message) -> None:
        self.artefacts = artefacts
        self.own_agency = own_agency
        self.noun = noun
        self.by_id: dict[str, list[tuple[str, M]]] = {}
        for key, artefact in artefacts.items():
            self.by_id.setdefault(artefact.id, []).append((key, artefact))
        self._resolved: dict[str, str] = {}

    def keys_of(self, agency: str | None, artefact_id: str) -> list[tuple[str, M]]:
        """The versions of an artefact, or of the artefact a reference without agency names (``UnresolvedReference``:
        none, or several agencies none of them the catalogue's)."""
        candidates = self.by_id.get(artefact_id, [])
        if agency is not None:
            return [(key, a) for key, a in candidates if a.agency == agency]
        own = [(key, a) for key, a in candidates if a.agency == self.own_agency]
        if own:
            return own
        agencies = sorted({a.agency for _, a in candidates})
        if len(agencies) > 1:
            raise UnresolvedReference(Message(
                "%(what)s '%(ref)s' is maintained by several agencies (%(agencies)s): name one, e.g. '%(example)s'",
                what=self.noun, ref=artefact_id, agencies=", ".join(agencies),
                example=f"{agencies[0]}:{artefact_id}"))
        return candidates

    def resolve(self, text: str) -> str:
        """The record key a reference names; ``UnresolvedReference`` when it names none or several."""
        if text in self._resolved:
            return self._resolved[text]
        reference = ArtefactReference.parse(text)
        if reference is None:
            raise UnresolvedReference(Message("'%(ref)s' is not a reference such as 'CL_FREQ', 'SDMX:CL_FREQ' or "
                                     "'SDMX:CL_FREQ(2.1)'", ref=text))
        versions = self.keys_of(reference.agency, reference.id)
        if not versions:
            raise self._unknown(text)
        key = latest(versions) if reference.version is None else self._version(text, reference.version, versions)
        self._resolved[text] = key
        return key

    def _version(self, text: str, query: str, versions: list[tuple[str, M]]) -> str:
        try:
            queries = parse_queries(query)
        except ValueError:
            raise UnresolvedReference(Message("'%(version)s' is not a version (e.g. '1.0', '2.1.0') nor a version query "
                                     "(e.g. '2.+.0')", version=query)) from None
        chosen = select(queries, versions, lambda item: Version.parse(item[1].version), lambda item: item[1].id)
        if len(chosen) != 1:
            if chosen:
                raise UnresolvedReference(Message("%(what)s reference '%(ref)s' names several versions (%(versions)s): "
                                         "name one", what=self.noun, ref=text,
                                         versions=", ".join(a.version for _, a in chosen)))
            raise UnresolvedReference(Message("no version of %(what)s '%(ref)s' matches '%(version)s' (versions: "
                                     "%(versions)s)", what=self.noun, ref=text, version=query,
                                     versions=", ".join(sorted((a.version for _, a in versions),
                                                               key=Version.parse))))
        return chosen[0][0]

    def _unknown(self, text: str) -> UnresolvedReference:
        known = sorted({key.split(":", 1)[1].split("(", 1)[0] if ":" in key else key for key in self.artefacts})
        return UnresolvedReference(Message("unknown %(what)s '%(ref)s' (known: %(choices)s)", what=self.noun, ref=text,
                                  choices=", ".join(known[:12]) or Message("none defined")))

    def get(self, text: str | None) -> M | None:
        """The artefact a reference names, ``None`` when it names none or several."""
        if text is None:
            return None
        try:
            return self.artefacts[self.resolve(text)]
        except UnresolvedReference:
            return None


def latest(versions: Iterable[tuple[str, M]]) -> str:
    """The key of the latest stable version, or of the latest of any kind where none is stable."""
    listed = [(Version.parse(a.version), key) for key, a in versions]
    stable = [item for item in listed if item[0].stable]
    return max(stable or listed, key=lambda item: item[0])[1]


class Concepts:
    """The concepts of the concept schemes, and the resolution of references to them."""

    def __init__(self, schemes: Artefacts[ConceptScheme]) -> None:
        self.schemes = schemes
        self.holding: dict[str, list[tuple[str, ConceptScheme]]] = {}
        for key, scheme in schemes.artefacts.items():
            for concept in scheme.concepts:
                self.holding.setdefault(concept.id, []).append((key, scheme))
        self._resolved: dict[str, tuple[str, Concept]] = {}

    def resolve(self, text: str) -> tuple[str, Concept]:
        """The key of the scheme and the concept a reference names; ``UnresolvedReference`` when none or several."""
        if text in self._resolved:
            return self._resolved[text]
        match = _CONCEPT.fullmatch(text)
        if match is None:
            raise UnresolvedReference(Message("'%(ref)s' is not a concept reference such as 'SEX' or 'CS_DEMO.SEX'", ref=text))
        concept_id = match["concept"]
        if match["id"] is not None:
            key = self.schemes.resolve(text[:-len(concept_id) - 1])
            found = next((c for c in self.schemes.artefacts[key].concepts if c.id == concept_id), None)
            if found is None:
                raise UnresolvedReference(Message("concept scheme '%(scheme)s' has no concept '%(concept)s'", scheme=key,
                                         concept=concept_id))
            self._resolved[text] = (key, found)
            return key, found
        key = self._scheme_holding(concept_id)
        found = next(c for c in self.schemes.artefacts[key].concepts if c.id == concept_id)
        self._resolved[text] = (key, found)
        return key, found

    def _scheme_holding(self, concept_id: str) -> str:
        holders = self.holding.get(concept_id, [])
        if not holders:
            known = sorted(self.holding)
            raise UnresolvedReference(Message("unknown %(what)s '%(ref)s' (known: %(choices)s)", what=Message("concept"),
                                     ref=concept_id, choices=", ".join(known[:12]) or Message("none defined")))
        own = [(key, s) for key, s in holders if s.agency == self.schemes.own_agency]
        by_artefact: dict[tuple[str, str], list[tuple[str, ConceptScheme]]] = {}
        for key, scheme in own or holders:
            by_artefact.setdefault((scheme.agency, scheme.id), []).append((key, scheme))
        if len(by_artefact) > 1:
            schemes = sorted(f"{agency}:{scheme_id}" for agency, scheme_id in by_artefact)
            raise UnresolvedReference(Message(
                "concept '%(concept)s' is in several concept schemes (%(schemes)s): name one, e.g. '%(example)s'",
                concept=concept_id, schemes=", ".join(schemes),
                example=f"{schemes[0].split(':', 1)[1]}.{concept_id}"))
        return latest(next(iter(by_artefact.values())))

    def get(self, text: str | None) -> Concept | None:
        """The concept a reference names, ``None`` when it names none or several."""
        if text is None:
            return None
        try:
            return self.resolve(text)[1]
        except UnresolvedReference:
            return None


def named_by(dataset: Dataset, shared: Shared) -> dict[tuple[int, str], str | None]:
    """What each codelist and concept reference of a dataset's variables names: (variable index, field) → the key
    of the codelist, or ``SCHEME_KEY.CONCEPT``; ``None`` where it names none, or several."""
    found: dict[tuple[int, str], str | None] = {}
    for index, variable in enumerate(dataset.variables):
        if variable.codelist is not None:
            try:
                found[(index, "codelist")] = shared.codelists.resolve(variable.codelist)
            except UnresolvedReference:
                found[(index, "codelist")] = None
        if variable.concept is not None:
            try:
                key, concept = shared.concepts.resolve(variable.concept)
                found[(index, "concept")] = f"{key}.{concept.id}"
            except UnresolvedReference:
                found[(index, "concept")] = None
    return found


class Lookup(Protocol):
    """What reads the codelists and concepts that variables name."""

    def codelist(self, reference: str | None) -> Codelist | None: ...
    def concept(self, reference: str | None) -> Concept | None: ...


@dataclass(frozen=True)
class Shared:
    """The shared artefacts that variables reference: codelists and concepts."""

    codelists: Artefacts[Codelist]
    concepts: Concepts

    @classmethod
    def of(cls, codelists: Mapping[str, Codelist], schemes: Mapping[str, ConceptScheme],
           own_agency: str) -> Shared:
        return cls(Artefacts(codelists, own_agency, Message("codelist")),
                   Concepts(Artefacts(schemes, own_agency, Message("concept scheme"))))

    def codelist(self, reference: str | None) -> Codelist | None:
        """The codelist a reference names (``None``: none, or several)."""
        return self.codelists.get(reference)

    def concept(self, reference: str | None) -> Concept | None:
        """The concept a reference names (``None``: none, or several)."""
        return self.concepts.get(reference)

