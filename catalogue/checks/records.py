"""The rules on the shared records: the catalogue record, licences, terms of use, agencies, concept schemes, codelists."""

from __future__ import annotations

from collections.abc import Iterator


from catalogue.errors import Problem, Severity
from catalogue.messages import Message
from catalogue.checks.findings import RECOMMENDED, duplicates, missing, modified_before_issued, one_record_per_version, unique
from catalogue.model import Catalogue, Codelist
from catalogue.model.licence import BY_APPLICATION
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def check_catalogue(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """The catalogue record: publisher, licence, themes, dates."""
    info = catalogue.info
    yield from missing("catalogue", info.id, ("publisher",), Message("agency"), info.publisher, catalogue.agencies)
    yield from missing("catalogue", info.id, ("licence",), Message("licence"), info.licence, catalogue.licences)
    yield from unique("catalogue", info.id, info.themes, "themes", Message("theme"))
    for index, theme in enumerate(info.themes):
        yield from missing("catalogue", info.id, ("themes", index, "eu_theme"), Message("EU data theme"),
                            theme.eu_theme, vocab.themes)
    if len(set(info.languages)) != len(info.languages):
        yield Problem.in_record("catalogue", info.id, ("languages",), Message("a language is listed more than once"))
    if info.issued and info.modified and info.modified < info.issued:
        yield Problem.in_record("catalogue", info.id, ("modified",), modified_before_issued(info.modified, info.issued))
    for field, what in RECOMMENDED["catalogue"].items():
        if getattr(info, field) is None:
            yield Problem.in_record("catalogue", info.id, (field,), Message("no %(what)s: DCAT-AP recommends one", what=what),
                          WARNING)


def check_licences(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Licence types come from mappings/licence_types.yaml."""
    for licence in catalogue.licences.values():
        for index, licence_type in enumerate(licence.types):
            yield from missing("licence", licence.id, ("types", index), Message("licence type"), licence_type,
                                vocab.licence_types)


def check_terms(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Questions are asked only by terms a researcher applies under, each once."""
    for terms in catalogue.terms.values():
        yield from unique("terms", terms.id, terms.questions, "questions", Message("question"))
        if terms.questions and terms.access_type not in BY_APPLICATION:
            yield Problem.in_record("terms", terms.id, ("questions",), Message(
                "questions are asked only by terms whose access is by application (licensed) or in a research data "
                "centre (enclave), not '%(type)s'", type=terms.access_type))


def check_agencies(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Contact ids are unique in the whole catalogue; a contact can be reached."""
    repeated = duplicates([c.id for a in catalogue.agencies.values() for c in a.contacts])
    for agency in catalogue.agencies.values():
        yield from missing("agency", agency.id, ("type",), Message("agency type"), agency.type, vocab.agent_types)
        for index, contact in enumerate(agency.contacts):
            if contact.id in repeated:
                yield Problem.in_record("agency", agency.id, ("contacts", index, "id"),
                              Message("contact '%(id)s' is defined more than once in the catalogue", id=contact.id))
            if not (contact.email or contact.url or contact.telephone):
                yield Problem.in_record("agency", agency.id, ("contacts", index),
                              Message("a contact point needs an email, a telephone or a url"))


def check_concepts(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Concept ids are unique in their scheme; each scheme has a known maintainer."""
    yield from one_record_per_version("concept_scheme", catalogue.concept_schemes)
    for key, scheme in catalogue.concept_schemes.items():
        yield from missing("concept_scheme", key, ("agency",), Message("agency"), scheme.agency, catalogue.agencies)
        yield from unique("concept_scheme", key, scheme.concepts, "concepts", Message("concept"))


def _cycle_members(codelist: Codelist) -> set[str]:
    parents = {code.id: code.parent for code in codelist.codes}
    in_cycle: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current is not None and current in seen:
            in_cycle.update(seen[seen.index(current):])
    return in_cycle


def check_codelists(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Codes are unique, parents exist and nest without cycles, validity is ordered."""
    yield from one_record_per_version("codelist", catalogue.codelists)
    for cid, codelist in catalogue.codelists.items():
        kind = "codelist"
        yield from missing(kind, cid, ("agency",), Message("agency"), codelist.agency, catalogue.agencies)
        if codelist.external_urn and codelist.codes:
            yield Problem.in_record(kind, cid, ("codes",),
                          Message("an external codelist (external_urn) lists no codes of its own"))
        if not codelist.external_urn and not codelist.codes:
            yield Problem.in_record(kind, cid, ("codes",), Message("a codelist needs codes (or an external_urn)"))
        if codelist.valid_from and codelist.valid_to and codelist.valid_to < codelist.valid_from:
            yield Problem.in_record(kind, cid, ("valid_to",),
                          Message("valid_to (%(valid_to)s) is before valid_from (%(valid_from)s)",
                                  valid_to=str(codelist.valid_to), valid_from=str(codelist.valid_from)))
        yield from unique(kind, cid, codelist.codes, "codes", Message("code"))
        ids = {code.id for code in codelist.codes}
        cycle = _cycle_members(codelist)
        for index, code in enumerate(codelist.codes):
            if code.parent is None:
                continue
            if code.parent == code.id:
                yield Problem.in_record(kind, cid, ("codes", index, "parent"),
                              Message("code '%(id)s' is its own parent", id=code.id))
            elif code.parent not in ids:
                yield Problem.in_record(kind, cid, ("codes", index, "parent"),
                              Message("parent '%(parent)s' is not a code of %(codelist)s", parent=code.parent,
                                      codelist=cid))
            elif code.id in cycle:
                yield Problem.in_record(kind, cid, ("codes", index, "parent"),
                              Message("code '%(id)s' is part of a parent cycle; a hierarchy must be a tree",
                                      id=code.id))
