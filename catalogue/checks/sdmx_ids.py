"""The rules on ids SDMX must carry: NCNames for artefacts and for the components of a structure."""

from __future__ import annotations

import re
from collections.abc import Iterator


from catalogue.errors import FieldPath, Problem, Severity
from catalogue.messages import Message
from catalogue.checks.datasets import COMPONENT_NAMES, COMPONENT_ROLES
from catalogue.model import Catalogue, Variable
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING


SDMX_NCNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
"""SDMX-ML's NCNameIDType: the ids of codelists, concept schemes, concepts and components."""


def _ncname(kind: str, record_id: str, path: FieldPath, value: str, what: Message) -> Iterator[Problem]:
    if not SDMX_NCNAME.match(value):
        yield Problem.in_record(kind, record_id, path,
                      Message("'%(value)s' cannot be the id of %(what)s in SDMX-ML: it must start with a letter and "
                              "hold only letters, digits, '_' and '-'", value=value, what=what))


def check_sdmx_ids(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Ids written where SDMX-ML allows only NCNames (wider SDMX ids such as 'HH$SIZE' or '1REF_AREA'
    are fine elsewhere)."""
    for agency in catalogue.agencies.values():
        parent, dot, _ = agency.id.rpartition(".")
        if dot and parent not in catalogue.agencies:
            yield Problem.in_record("agency", agency.id, ("id",),
                          Message("'%(id)s' is nested under the agency '%(parent)s', which is not an agency of the "
                                  "catalogue: SDMX writes it as an item of the agency scheme '%(parent)s' maintains "
                                  "(add agencies/%(parent)s.yaml)", id=agency.id, parent=parent))
    for key, codelist in catalogue.codelists.items():
        yield from _ncname("codelist", key, ("id",), codelist.id, Message("a codelist"))
    for key, scheme in catalogue.concept_schemes.items():
        yield from _ncname("concept_scheme", key, ("id",), scheme.id, Message("a concept scheme"))
        for index, concept in enumerate(scheme.concepts):
            yield from _ncname("concept_scheme", key, ("concepts", index, "id"), concept.id,
                               Message("a concept"))
    for key, structure in catalogue.data_structures.items():
        yield from _ncname("data_structure", key, ("id",), structure.id, Message("a data structure"))
        yield from _component_ids(("data_structure", key), structure.variables)
    yield from check_component_ids(catalogue, vocab)


def check_component_ids(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """``check_sdmx_ids`` of the datasets alone: the ids of the components of statistical tables."""
    for dataset in catalogue.datasets.values():
        if dataset.is_statistical and dataset.structure is None:  # a structure's are its own findings
            yield from _component_ids(("dataset", dataset.id), dataset.variables)


def _component_ids(owner: tuple[str, str], variables: list[Variable]) -> Iterator[Problem]:
    roles = {variable.role for variable in variables}
    if "measure" not in roles or "dimension" not in roles:
        return  # not a statistical table: no SDMX structure is made of it
    for index, variable in enumerate(variables):
        if variable.role in COMPONENT_ROLES:
            yield from _ncname(*owner, ("variables", index, "id"), variable.id,
                               Message("%(role)s (an SDMX component)", role=COMPONENT_NAMES[variable.role]))
