"""Rules that span records: references, uniqueness, hierarchies, dates, texts and policy.

Each rule yields ``Problem``s that name a record and a field path inside it; the record
loader turns them into file, line and column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Container, ItemsView, Iterator, Mapping, ValuesView
from functools import lru_cache, partial
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from catalogue.records.compact import MadeOnRead
from catalogue.errors import FieldPath, PatternError, Problem, Severity
from catalogue.formats.uris import package_name
from catalogue.messages import Message
from catalogue.checks.patterns import compile_pattern
from catalogue.model import Announcement, Catalogue, Codelist, Dataset, Distribution, Variable
from catalogue.model.kinds import records_of
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING
HEX_DIGEST_LENGTH = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
MEASURE_ROLES = {"measure"}
DIMENSION_ROLES = {"dimension", "time_dimension"}
COMPONENT_ROLES = DIMENSION_ROLES | {"measure", "attribute"}
DESCRIPTION_LENGTH = (50, 5000)


Rule = Callable[[Catalogue, Vocabulary], Iterator[Problem]]


def _holds_containers(annotation: Any) -> bool:
    """A field of this type may hold a text, a list or a nested record (not only a scalar)."""
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, dict, list))
    origin = get_origin(annotation)
    if origin in (dict, list, tuple, set) or origin is Literal:
        return origin is not Literal
    return any(_holds_containers(argument) for argument in get_args(annotation))


@lru_cache(maxsize=None)
def _container_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record type that may hold texts: the walk skips the scalar ones."""
    return tuple(name for name, info in model.model_fields.items() if _holds_containers(info.annotation))


def _texts(record: BaseModel) -> list[tuple[FieldPath, dict[str, Any]]]:
    """Every multilingual text in a record (in records, every dict is a text or keywords), in field order: a walk
    with a stack of what is left to see (a recursive generator cost a frame per level for every value)."""
    found: list[tuple[FieldPath, dict[str, Any]]] = []
    left: list[tuple[Any, FieldPath]] = [(record, ())]
    while left:
        value, path = left.pop()
        if isinstance(value, BaseModel):
            left.extend((item, (*path, name)) for name in reversed(_container_fields(type(value)))
                        if (item := getattr(value, name)) is not None)
        elif isinstance(value, list):
            left.extend((value[index], (*path, index)) for index in range(len(value) - 1, -1, -1))
        elif isinstance(value, dict):
            found.append((path, value))
    return found


def check_texts(catalogue: Catalogue, vocab: Vocabulary, exact: Collection[tuple[str, str]] = ()) -> Iterator[Problem]:
    """Texts use the catalogue's languages, always include the default one, and are translated. ``exact``: records
    (kind, id) known to hold every text in exactly the catalogue's languages, of which there is nothing to say."""
    for kind, record_id, record in records_of(catalogue):
        if (kind, record_id) not in exact:
            yield from _record_texts(catalogue, vocab, kind, record_id, record)


def check_dataset_texts(catalogue: Catalogue, vocab: Vocabulary,
                        exact: Collection[tuple[str, str]] = ()) -> Iterator[Problem]:
    """``check_texts`` of the datasets alone."""
    for record_id, record in catalogue.datasets.items():
        if ("dataset", record_id) not in exact:
            yield from _record_texts(catalogue, vocab, "dataset", record_id, record)


def _record_texts(catalogue: Catalogue, vocab: Vocabulary, kind: str, record_id: str,
                  record: BaseModel) -> Iterator[Problem]:
    languages = catalogue.info.languages
    default = catalogue.info.default_language
    for path, text in _texts(record):
        if kind == "licence" and path == ("title",) and _official_name(catalogue, vocab, record_id, text):
            continue  # a known licence's official name is a name, in its own language
        for language in text:
            if language not in languages:
                yield Problem.in_record(kind, record_id, (*path, language),
                              Message("language '%(language)s' is not one of the catalogue's languages "
                                      "(%(languages)s)", language=language, languages=", ".join(languages)))
        if default not in text:
            yield Problem.in_record(kind, record_id, path,
                          Message("no text in the default language '%(language)s' (the standards that take "
                                  "a single language use it)", language=default))
        for language in languages:
            if language != default and language not in text:
                yield Problem.in_record(kind, record_id, path, Message("no '%(language)s' translation", language=language),
                              WARNING)


def _official_name(catalogue: Catalogue, vocab: Vocabulary, licence_id: str, title: dict[str, Any]) -> bool:
    """The title is the official name of a licence known to mappings/licences.yaml, as it gives it."""
    known = vocab.licences.get(licence_id)
    return known is not None and all(known.title.get(language) == value for language, value in title.items())


def _duplicates(ids: list[str]) -> set[str]:
    if len(set(ids)) == len(ids):  # the usual case, told without counting
        return set()
    return {value for value, count in Counter(ids).items() if count > 1}


def _unique(kind: str, record_id: str, items: list[Any], field: str, what: Message) -> Iterator[Problem]:
    repeated = _duplicates([item.id for item in items])
    for index, item in enumerate(items):
        if item.id in repeated:
            yield Problem.in_record(kind, record_id, (field, index, "id"),
                          Message("%(what)s '%(id)s' appears more than once", what=what, id=item.id))


def _missing(kind: str, record_id: str, path: FieldPath, what: Message, ref: str | None,
             known: Any) -> Iterator[Problem]:
    if ref is not None and ref not in known:
        choices = ", ".join(sorted(known)[:12]) or Message("none defined")
        yield Problem.in_record(kind, record_id, path, Message("unknown %(what)s '%(ref)s' (known: %(choices)s)", what=what,
                                                     ref=ref, choices=choices), reference=(what, ref))


RECOMMENDED: dict[str, dict[str, Message]] = {
    "catalogue": {"licence": Message("licence"), "homepage": Message("homepage")},
    "dataset": {"contact_point": Message("contact point"), "keywords": Message("keywords"),
                "themes": Message("theme"), "licence": Message("licence"), "distributions": Message("distribution"),
                "issued": Message("issue date"), "temporal_coverage": Message("temporal coverage"),
                "spatial_coverage": Message("spatial coverage")},
}
"""Fields that DCAT-AP (and the EU metadata quality assessment) recommend, per kind of record: a warning where
they are missing, and a mark in the editor's forms."""


def check_catalogue(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """The catalogue record: publisher, licence, themes, dates."""
    info = catalogue.info
    yield from _missing("catalogue", info.id, ("publisher",), Message("agency"), info.publisher, catalogue.agencies)
    yield from _missing("catalogue", info.id, ("licence",), Message("licence"), info.licence, catalogue.licences)
    yield from _unique("catalogue", info.id, info.themes, "themes", Message("theme"))
    for index, theme in enumerate(info.themes):
        yield from _missing("catalogue", info.id, ("themes", index, "eu_theme"), Message("EU data theme"),
                            theme.eu_theme, vocab.themes)
    if len(set(info.languages)) != len(info.languages):
        yield Problem.in_record("catalogue", info.id, ("languages",), Message("a language is listed more than once"))
    if info.issued and info.modified and info.modified < info.issued:
        yield Problem.in_record("catalogue", info.id, ("modified",), _modified_before_issued(info.modified, info.issued))
    for field, what in RECOMMENDED["catalogue"].items():
        if getattr(info, field) is None:
            yield Problem.in_record("catalogue", info.id, (field,), Message("no %(what)s: DCAT-AP recommends one", what=what),
                          WARNING)


def _modified_before_issued(modified: object, issued: object) -> Message:
    return Message("modified (%(modified)s) is before issued (%(issued)s)", modified=str(modified), issued=str(issued))


def check_licences(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Licence types come from mappings/licence_types.yaml."""
    for licence in catalogue.licences.values():
        for index, licence_type in enumerate(licence.types):
            yield from _missing("licence", licence.id, ("types", index), Message("licence type"), licence_type,
                                vocab.licence_types)


def check_agencies(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Contact ids are unique in the whole catalogue; a contact can be reached."""
    repeated = _duplicates([c.id for a in catalogue.agencies.values() for c in a.contacts])
    for agency in catalogue.agencies.values():
        yield from _missing("agency", agency.id, ("type",), Message("agency type"), agency.type, vocab.agent_types)
        for index, contact in enumerate(agency.contacts):
            if contact.id in repeated:
                yield Problem.in_record("agency", agency.id, ("contacts", index, "id"),
                              Message("contact '%(id)s' is defined more than once in the catalogue", id=contact.id))
            if not (contact.email or contact.url or contact.telephone):
                yield Problem.in_record("agency", agency.id, ("contacts", index),
                              Message("a contact point needs an email, a telephone or a url"))


def check_concepts(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Concept ids are unique in the whole catalogue; each scheme has a known maintainer."""
    repeated = _duplicates([c.id for s in catalogue.concept_schemes.values() for c in s.concepts])
    for scheme in catalogue.concept_schemes.values():
        yield from _missing("concept_scheme", scheme.id, ("agency",), Message("agency"), scheme.agency,
                            catalogue.agencies)
        for index, concept in enumerate(scheme.concepts):
            if concept.id in repeated:
                yield Problem.in_record("concept_scheme", scheme.id, ("concepts", index, "id"),
                              Message("concept '%(id)s' is defined more than once in the catalogue", id=concept.id))


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
    for codelist in catalogue.codelists.values():
        kind, cid = "codelist", codelist.id
        yield from _missing(kind, cid, ("agency",), Message("agency"), codelist.agency, catalogue.agencies)
        if codelist.external_urn and codelist.codes:
            yield Problem.in_record(kind, cid, ("codes",),
                          Message("an external codelist (external_urn) lists no codes of its own"))
        if not codelist.external_urn and not codelist.codes:
            yield Problem.in_record(kind, cid, ("codes",), Message("a codelist needs codes (or an external_urn)"))
        if codelist.valid_from and codelist.valid_to and codelist.valid_to < codelist.valid_from:
            yield Problem.in_record(kind, cid, ("valid_to",),
                          Message("valid_to (%(valid_to)s) is before valid_from (%(valid_from)s)",
                                  valid_to=str(codelist.valid_to), valid_from=str(codelist.valid_from)))
        yield from _unique(kind, cid, codelist.codes, "codes", Message("code"))
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


def _check_variable(catalogue: Catalogue, vocab: Vocabulary, concepts: Mapping[str, object], dataset: Dataset,
                    index: int, variable: Variable) -> Iterator[Problem]:
    path: FieldPath = ("variables", index)
    did = dataset.id
    yield from _missing("dataset", did, (*path, "data_type"), Message("data type"), variable.data_type,
                        vocab.data_types)
    yield from _missing("dataset", did, (*path, "codelist"), Message("codelist"), variable.codelist,
                        catalogue.codelists)
    yield from _missing("dataset", did, (*path, "concept"), Message("concept"), variable.concept, concepts)
    data_type = vocab.data_types.get(variable.data_type)
    if variable.role == "time_dimension" and data_type and not data_type.time:
        time_types = ", ".join(name for name, entry in vocab.data_types.items() if entry.time)
        yield Problem.in_record("dataset", did, (*path, "data_type"),
                      Message("a time dimension needs a time data type (%(types)s), not '%(data_type)s'",
                              types=time_types, data_type=variable.data_type))
    if variable.attachment and variable.role != "attribute":
        yield Problem.in_record("dataset", did, (*path, "attachment"), Message("only attributes have an attachment level"))
    for repeated in _duplicates([m.code for m in variable.missing_values]):
        yield Problem.in_record("dataset", did, (*path, "missing_values"),
                      Message("missing-value code '%(code)s' appears twice", code=repeated))
    constraints = variable.constraints
    if constraints:
        if constraints.minimum is not None and constraints.maximum is not None \
                and constraints.maximum < constraints.minimum:
            yield Problem.in_record("dataset", did, (*path, "constraints", "maximum"), Message("maximum is below minimum"))
        if constraints.min_length is not None and constraints.max_length is not None \
                and constraints.max_length < constraints.min_length:
            yield Problem.in_record("dataset", did, (*path, "constraints", "max_length"),
                          Message("max_length is below min_length"))
        if constraints.pattern is not None:
            try:
                compile_pattern(constraints.pattern)
            except PatternError as error:
                said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Message) else str(error)
                yield Problem.in_record("dataset", did, (*path, "constraints", "pattern"), said)


def _check_distribution(catalogue: Catalogue, vocab: Vocabulary, dataset: Dataset, index: int,
                        distribution: Distribution, public: bool) -> Iterator[Problem]:
    path: FieldPath = ("distributions", index)
    did = dataset.id
    if not (distribution.access_url or distribution.download_url or distribution.path):
        yield Problem.in_record("dataset", did, path,
                      Message("a distribution needs an access_url, a download_url or a path"))
    yield from _missing("dataset", did, (*path, "format"), Message("file format"), distribution.format,
                        vocab.file_formats)
    yield from _missing("dataset", did, (*path, "licence"), Message("licence"), distribution.licence,
                        catalogue.licences)
    yield from _missing("dataset", did, (*path, "availability"), Message("availability"), distribution.availability,
                        vocab.availability)
    file_format = vocab.file_formats.get(distribution.format)
    if file_format and distribution.media_type and distribution.media_type != file_format.media_type:
        yield Problem.in_record("dataset", did, (*path, "media_type"),
                      Message("media type '%(media_type)s' differs from the %(format)s media type '%(expected)s'",
                              media_type=distribution.media_type, format=distribution.format,
                              expected=file_format.media_type), WARNING)
    checksum = distribution.checksum
    if checksum and len(checksum.value) != HEX_DIGEST_LENGTH[checksum.algorithm]:
        yield Problem.in_record("dataset", did, (*path, "checksum", "value"),
                      Message("a %(algorithm)s digest has %(digits)s hex digits, not %(length)s",
                              algorithm=checksum.algorithm, digits=HEX_DIGEST_LENGTH[checksum.algorithm],
                              length=len(checksum.value)))
    if distribution.path is not None:
        parts = distribution.path.replace("\\", "/").split("/")
        if distribution.path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", distribution.path) or ".." in parts:
            yield Problem.in_record("dataset", did, (*path, "path"),
                          Message("a path must stay inside the catalogue folder (relative, no '..')"))
    if not public and distribution.download_url:
        yield Problem.in_record("dataset", did, (*path, "download_url"),
                      Message("a dataset whose terms are not public must not have a public download_url "
                              "(give an access_url to the application page instead)"))


def check_datasets(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """References, dates, structure, distributions and access of every dataset."""
    contacts, concepts = catalogue.contact_points(), catalogue.concepts()  # made once: not once per variable
    theme_ids = {theme.id for theme in catalogue.info.themes}
    for dataset in catalogue.datasets.values():
        did = dataset.id
        yield from _missing("dataset", did, ("publisher",), Message("agency"), dataset.publisher, catalogue.agencies)
        yield from _missing("dataset", did, ("contact_point",), Message("contact point"), dataset.contact_point,
                            contacts)
        yield from _missing("dataset", did, ("licence",), Message("licence"), dataset.licence, catalogue.licences)
        yield from _missing("dataset", did, ("terms",), Message("terms of use"), dataset.terms, catalogue.terms)
        yield from _missing("dataset", did, ("frequency",), Message("frequency"), dataset.frequency,
                            vocab.frequencies)
        for index, theme in enumerate(dataset.themes):
            yield from _missing("dataset", did, ("themes", index), Message("theme"), theme, theme_ids)
        yield from related_findings(did, dataset.related, catalogue.datasets)
        for index, related in enumerate(dataset.related):
            if related == did:
                yield Problem.in_record("dataset", did, ("related", index), Message("a dataset is not related to itself"))
        yield from _check_dates(dataset)
        yield from _check_structure(dataset)
        yield from _unique("dataset", did, dataset.variables, "variables", Message("variable"))
        yield from _unique("dataset", did, dataset.distributions, "distributions", Message("distribution"))
        yield from _distinct_resource_names(dataset)
        yield from _check_weight(dataset)
        for index, variable in enumerate(dataset.variables):
            yield from _check_variable(catalogue, vocab, concepts, dataset, index, variable)
        terms = catalogue.terms.get(dataset.terms)
        public = terms is None or terms.access_level == "public"
        for index, distribution in enumerate(dataset.distributions):
            yield from _check_distribution(catalogue, vocab, dataset, index, distribution, public)
        if dataset.status == "published":
            yield from _recommended(dataset)
            yield from _ckan_tags(dataset)


def related_findings(dataset_id: str, related: list[str], known: Container[str]) -> Iterator[Problem]:
    """The datasets a dataset names as related that are not in the catalogue (the only finding of a dataset that
    depends on the other datasets: their ids)."""
    for index, other in enumerate(related):
        yield from _missing("dataset", dataset_id, ("related", index), Message("dataset"), other, known)


def _check_weight(dataset: Dataset) -> Iterator[Problem]:
    """The study's weight names a variable of the dataset, a numeric one that is not confidential (every
    other variable is weighted by it in DDI: a hidden weight would leave dangling references)."""
    weight = dataset.study.weight if dataset.study else None
    if weight is None:
        return
    variable = next((v for v in dataset.variables if v.id == weight), None)
    path = ("study", "weight")
    if variable is None:
        known = ", ".join(v.id for v in dataset.variables) or Message("none")
        yield Problem.in_record("dataset", dataset.id, path,
                      Message("'%(weight)s' is not a variable of this dataset (known: %(known)s)", weight=weight,
                              known=known))
    elif variable.data_type not in ("integer", "decimal"):
        yield Problem.in_record("dataset", dataset.id, path,
                      Message("the weight variable '%(weight)s' must be integer or decimal, not %(data_type)s",
                              weight=weight, data_type=variable.data_type))
    elif variable.confidential:
        yield Problem.in_record("dataset", dataset.id, path,
                      Message("the weight variable '%(weight)s' is confidential: a weight that cannot be published "
                              "cannot weight published variables", weight=weight))


def _distinct_resource_names(dataset: Dataset) -> Iterator[Problem]:
    """Distribution ids become Data Package resource names (lower case): 'CSV' and 'csv' would collide."""
    names = [package_name(d.id) for d in dataset.distributions]
    ids = [d.id for d in dataset.distributions]
    for index, name in enumerate(names):
        clashing = [ids[i] for i, other in enumerate(names[:index]) if other == name and ids[i] != ids[index]]
        if clashing:
            yield Problem.in_record("dataset", dataset.id, ("distributions", index, "id"),
                          Message("distribution '%(id)s' and '%(other)s' become the same Data Package resource "
                                  "name '%(name)s'; give ids that differ in more than case", id=ids[index],
                                  other=clashing[0], name=name))


def _check_dates(dataset: Dataset) -> Iterator[Problem]:
    did = dataset.id
    if dataset.issued and dataset.modified and dataset.modified < dataset.issued:
        yield Problem.in_record("dataset", did, ("modified",), _modified_before_issued(dataset.modified, dataset.issued))
    if dataset.release_time and dataset.issued and dataset.issued < dataset.release_time.date():
        yield Problem.in_record("dataset", did, ("issued",),
                      Message("issued (%(issued)s) is before the release time (%(release_time)s): a dataset cannot be "
                              "issued while it is embargoed", issued=str(dataset.issued),
                              release_time=dataset.release_time.isoformat()))
    coverage = dataset.temporal_coverage
    if coverage and coverage.start and coverage.end and coverage.end < coverage.start:
        yield Problem.in_record("dataset", did, ("temporal_coverage", "end"),
                      Message("end (%(end)s) is before start (%(start)s)", end=str(coverage.end),
                              start=str(coverage.start)))


def _check_structure(dataset: Dataset) -> Iterator[Problem]:
    """A statistical table has at most one time dimension and a public measure."""
    did = dataset.id
    time_dimensions = [i for i, v in enumerate(dataset.variables) if v.role == "time_dimension"]
    for index in time_dimensions[1:]:
        yield Problem.in_record("dataset", did, ("variables", index, "role"),
                      Message("a dataset has at most one time dimension"))
    has_dimension = any(v.role in DIMENSION_ROLES for v in dataset.variables)
    measures = [v for v in dataset.variables if v.role in MEASURE_ROLES]
    if has_dimension and not measures:
        yield Problem.in_record("dataset", did, ("variables",), Message("a dataset with dimensions needs a measure"))
    if has_dimension and measures:
        for index, variable in enumerate(dataset.variables):
            if variable.role in COMPONENT_ROLES and variable.concept is None:
                yield Problem.in_record("dataset", did, ("variables", index, "concept"),
                              Message("%(role)s of a statistical table needs a concept "
                                      "(SDMX gives every component a concept identity)",
                                      role=COMPONENT_NAMES[variable.role]))
    if measures and all(v.confidential for v in measures):
        yield Problem.in_record("dataset", did, ("variables",),
                      Message("every measure is confidential: the published structure would have no measure"))


COMPONENT_NAMES: dict[str, Message] = {
    "dimension": Message("a dimension"), "time_dimension": Message("a time dimension"),
    "measure": Message("a measure"), "attribute": Message("an attribute"),
}
"""Each role of an SDMX component, named with its article (a message names the component it is about)."""


FALLBACKS: dict[str, Message] = {
    "keywords": Message("DCAT-US requires one, so data.json gives the theme names (or the title) as keywords"),
}
"""What an export writes instead of a missing recommended field, so that its output stays valid."""


CKAN_TAG = re.compile(r"^[\w \-.]{2,100}$")
"""CKAN's tag validator: letters, digits, spaces, '-', '_' and '.', 2 to 100 characters."""


def _ckan_tags(dataset: Dataset) -> Iterator[Problem]:
    """Keywords that CKAN portals (and their DCAT harvesters) refuse as tags."""
    for language, words in (dataset.keywords or {}).items():
        for index, word in enumerate(words):
            if not CKAN_TAG.match(word):
                yield Problem.in_record("dataset", dataset.id, ("keywords", language, index),
                              Message("keyword '%(keyword)s' is refused as a tag by CKAN portals (letters, digits, "
                                      "spaces, '-', '_' and '.' only, 2 to 100 characters); say it without the other "
                                      "characters", keyword=word), WARNING)


def _recommended(dataset: Dataset) -> Iterator[Problem]:
    """Fields that portals and the EU quality assessment expect of a published dataset."""
    for field, what in RECOMMENDED["dataset"].items():
        if not getattr(dataset, field):
            fallback = FALLBACKS.get(field)
            message = Message("no %(what)s: recommended by DCAT-AP and the EU metadata quality assessment",
                              what=what) if fallback is None else \
                Message("no %(what)s: recommended by DCAT-AP and the EU metadata quality assessment; %(fallback)s",
                        what=what, fallback=fallback)
            yield Problem.in_record("dataset", dataset.id, (field,), message, WARNING)
    for language, text in dataset.description.items():
        if not DESCRIPTION_LENGTH[0] <= len(text) <= DESCRIPTION_LENGTH[1]:
            # one English text for every count ("1 characters" too, as it has always read); plural forms in the
            # languages that inflect the noun
            yield Problem.in_record("dataset", dataset.id, ("description", language),
                          Message.counted("the description has %(count)s characters; Google Dataset Search expects "
                                          "%(least)s to %(most)s",
                                          "the description has %(count)s characters; Google Dataset Search expects "
                                          "%(least)s to %(most)s", count=len(text), least=DESCRIPTION_LENGTH[0],
                                          most=DESCRIPTION_LENGTH[1]), WARNING)


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
    publisher = catalogue.info.publisher
    for agency in catalogue.agencies.values():
        if "." in agency.id and not agency.id.startswith(f"{publisher}.") or agency.id.count(".") > 1:
            yield Problem.in_record("agency", agency.id, ("id",),
                          Message("'%(id)s' cannot be an item of the SDMX agency scheme that '%(publisher)s' "
                                  "maintains: a nested agency id is '%(publisher)s.<ID>' (SDMX-ML writes it as "
                                  "'<ID>')", id=agency.id, publisher=publisher))
    for codelist in catalogue.codelists.values():
        yield from _ncname("codelist", codelist.id, ("id",), codelist.id, Message("a codelist"))
    for scheme in catalogue.concept_schemes.values():
        yield from _ncname("concept_scheme", scheme.id, ("id",), scheme.id, Message("a concept scheme"))
        for index, concept in enumerate(scheme.concepts):
            yield from _ncname("concept_scheme", scheme.id, ("concepts", index, "id"), concept.id,
                               Message("a concept"))
    yield from check_component_ids(catalogue, vocab)


def check_component_ids(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """``check_sdmx_ids`` of the datasets alone: the ids of the components of statistical tables."""
    for dataset in catalogue.datasets.values():
        if dataset.is_statistical:
            for index, variable in enumerate(dataset.variables):
                if variable.role in COMPONENT_ROLES:
                    yield from _ncname("dataset", dataset.id, ("variables", index, "id"), variable.id,
                                       Message("%(role)s (an SDMX component)", role=COMPONENT_NAMES[variable.role]))


def _check_announcement(kind: str, record_id: str, announcement: Announcement,
                        path: FieldPath = ()) -> Iterator[Problem]:
    """A reason where the status needs one; date changes in order, each made public after the announcement."""
    if announcement.status in ("postponed", "cancelled") and not announcement.reason:
        yield Problem.in_record(kind, record_id, (*path, "reason"),
                      Message("a postponed release needs a reason") if announcement.status == "postponed"
                      else Message("a cancelled release needs a reason"))
    if announcement.status == "postponed" and not announcement.history:
        yield Problem.in_record(kind, record_id, (*path, "history"),
                      Message("a postponed release lists its earlier planned time in history"), WARNING)
    previous = announcement.announced
    for index, change in enumerate(announcement.history):
        if change.changed < previous:
            yield Problem.in_record(kind, record_id, (*path, "history", index, "changed"),
                          Message("this change (%(changed)s) is earlier than the announcement or the change before it "
                                  "(%(previous)s): history lists changes oldest first",
                                  changed=change.changed.isoformat(), previous=previous.isoformat()))
        previous = change.changed


def check_releases(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Standalone release records and the announcements of datasets: their rules, and a dataset's release
    time against its announcement."""
    for release in catalogue.releases.values():
        yield from _missing("release", release.id, ("publisher",), Message("agency"), release.publisher,
                            catalogue.agencies)
        yield from _check_announcement("release", release.id, release)
        if release.id in catalogue.datasets:
            yield Problem.in_record("release", release.id, ("id",),
                          Message("'%(id)s' is a dataset id too: announce a dataset's release in the dataset record "
                                  "(announcement)", id=release.id))
    yield from check_announcements(catalogue, vocab)


def check_announcements(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """``check_releases`` of the datasets alone: each one's announcement against its release time."""
    for dataset in catalogue.datasets.values():
        announcement = dataset.announcement
        if announcement is None:
            continue
        yield from _check_announcement("dataset", dataset.id, announcement, ("announcement",))
        release_time = dataset.release_time
        if release_time is None:
            continue
        if release_time < announcement.announced:
            yield Problem.in_record("dataset", dataset.id, ("release_time",),
                          Message("the release time (%(release_time)s) is earlier than the announcement was made "
                                  "public (%(announced)s): a release cannot precede its announcement",
                                  release_time=release_time.isoformat(), announced=announcement.announced.isoformat()))
        elif release_time != announcement.planned and announcement.status != "cancelled":
            yield Problem.in_record("dataset", dataset.id, ("announcement", "planned"),
                          Message("the announcement plans %(planned)s but the embargo lifts at %(release_time)s "
                                  "(release_time)", planned=announcement.planned.isoformat(),
                                  release_time=release_time.isoformat()), WARNING)


RULES: list[Rule] = [check_catalogue, check_texts, check_licences, check_agencies, check_concepts, check_codelists,
                     check_datasets, check_releases, check_sdmx_ids]


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
