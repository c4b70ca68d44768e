"""The rules on datasets: their variables, distributions, dates, structure, tags and recommended fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator


from catalogue.errors import FieldPath, PatternError, Problem, Severity
from catalogue.formats.uris import data_structure_identity, datasets_of_flow, flow_base, package_name
from catalogue.messages import Message
from catalogue.checks.findings import (RECOMMENDED, duplicates, missing, modified_before_issued, one_record_per_version,
                                       unique, unresolved)
from catalogue.checks.patterns import compile_pattern
from catalogue.errors import UnresolvedReference
from catalogue.model import Catalogue, DataStructure, Dataset, Distribution, Variable
from catalogue.model.dataset import circle_of_versions
from catalogue.model.references import Artefacts, Shared, referenced_concept, referenced_id
from catalogue.model.versions import Version, is_version, stable
from catalogue.vocab import Vocabulary

ERROR, WARNING = Severity.ERROR, Severity.WARNING
HEX_DIGEST_LENGTH = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
MEASURE_ROLES = {"measure"}
DIMENSION_ROLES = {"dimension", "time_dimension"}
COMPONENT_ROLES = DIMENSION_ROLES | {"measure", "attribute"}
DESCRIPTION_LENGTH = (50, 5000)


Owner = tuple[str, str]
"""The record holding variables: a dataset or a data structure (kind, key)."""


def check_variables(owner: Owner, variables: list[Variable], shared: Shared, vocab: Vocabulary) -> Iterator[Problem]:
    """The rules on the variables of a dataset, or of a data structure."""
    yield from _check_structure(owner, variables)
    yield from unique(*owner, variables, "variables", Message("variable"))
    for index, variable in enumerate(variables):
        yield from _check_variable(shared, vocab, owner, index, variable)


def _check_variable(shared: Shared, vocab: Vocabulary, owner: Owner, index: int,
                    variable: Variable) -> Iterator[Problem]:
    path: FieldPath = ("variables", index)
    kind, did = owner
    yield from missing(kind, did, (*path, "data_type"), Message("data type"), variable.data_type,
                        vocab.data_types)
    yield from unresolved(kind, did, (*path, "codelist"), Message("codelist"), variable.codelist,
                          shared.codelists.resolve, referenced_id(variable.codelist))
    yield from unresolved(kind, did, (*path, "concept"), Message("concept"), variable.concept,
                          shared.concepts.resolve, referenced_concept(variable.concept))
    data_type = vocab.data_types.get(variable.data_type)
    if variable.role == "time_dimension" and data_type and not data_type.time:
        time_types = ", ".join(name for name, entry in vocab.data_types.items() if entry.time)
        yield Problem.in_record(kind, did, (*path, "data_type"),
                      Message("a time dimension needs a time data type (%(types)s), not '%(data_type)s'",
                              types=time_types, data_type=variable.data_type))
    if variable.attachment and variable.role != "attribute":
        yield Problem.in_record(kind, did, (*path, "attachment"), Message("only attributes have an attachment level"))
    for repeated in duplicates([m.code for m in variable.missing_values]):
        yield Problem.in_record(kind, did, (*path, "missing_values"),
                      Message("missing-value code '%(code)s' appears twice", code=repeated))
    constraints = variable.constraints
    if constraints:
        if constraints.minimum is not None and constraints.maximum is not None \
                and constraints.maximum < constraints.minimum:
            yield Problem.in_record(kind, did, (*path, "constraints", "maximum"), Message("maximum is below minimum"))
        if constraints.min_length is not None and constraints.max_length is not None \
                and constraints.max_length < constraints.min_length:
            yield Problem.in_record(kind, did, (*path, "constraints", "max_length"),
                          Message("max_length is below min_length"))
        if constraints.pattern is not None:
            try:
                compile_pattern(constraints.pattern)
            except PatternError as error:
                said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Message) else str(error)
                yield Problem.in_record(kind, did, (*path, "constraints", "pattern"), said)


def _check_distribution(catalogue: Catalogue, vocab: Vocabulary, dataset: Dataset, index: int,
                        distribution: Distribution, public: bool) -> Iterator[Problem]:
    path: FieldPath = ("distributions", index)
    did = dataset.id
    if not (distribution.access_url or distribution.download_url or distribution.path):
        yield Problem.in_record("dataset", did, path,
                      Message("a distribution needs an access_url, a download_url or a path"))
    yield from missing("dataset", did, (*path, "format"), Message("file format"), distribution.format,
                        vocab.file_formats)
    yield from missing("dataset", did, (*path, "licence"), Message("licence"), distribution.licence,
                        catalogue.licences)
    yield from missing("dataset", did, (*path, "availability"), Message("availability"), distribution.availability,
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
    if public and distribution.path is not None and file_format is not None and not file_format.tabular and \
            any(variable.confidential for variable in dataset.variables):
        yield Problem.in_record("dataset", did, (*path, "format"),
                      Message("a local %(format)s file of a dataset with confidential variables cannot be published: "
                              "the catalogue removes confidential columns only from tables (CSV, TSV) and would copy "
                              "it whole; publish a table without them, or link the file (download_url)",
                              format=distribution.format))
    if not public and distribution.download_url:
        yield Problem.in_record("dataset", did, (*path, "download_url"),
                      Message("a dataset whose terms are not public must not have a public download_url "
                              "(give an access_url to the application page instead)"))


def _source(dataset: Dataset, vocab: Vocabulary) -> Iterator[Problem]:
    """A known source type, and a fitness-for-purpose statement where the source asks for one."""
    yield from missing("dataset", dataset.id, ("source_type",), Message("source type"), dataset.source_type,
                       vocab.source_types)
    source = vocab.source_types.get(dataset.source_type or "")
    if source is not None and source.fitness_required and not dataset.fitness_for_purpose:
        yield Problem.in_record("dataset", dataset.id, ("fitness_for_purpose",), Message(
            "data of this source (%(source)s) need a statement of their fitness for purpose: why they fit their use, "
            "and how their quality was judged", source=dataset.source_type))


def check_datasets(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """References, dates, structure, distributions and access of every dataset."""
    contacts, shared = catalogue.contact_points(), catalogue.shared()  # made once: not once per variable
    structures = catalogue.structures()
    theme_ids = {theme.id for theme in catalogue.info.themes}
    for dataset in catalogue.datasets.values():
        did = dataset.id
        yield from missing("dataset", did, ("publisher",), Message("agency"), dataset.publisher, catalogue.agencies)
        yield from missing("dataset", did, ("contact_point",), Message("contact point"), dataset.contact_point,
                            contacts)
        yield from missing("dataset", did, ("licence",), Message("licence"), dataset.licence, catalogue.licences)
        yield from missing("dataset", did, ("terms",), Message("terms of use"), dataset.terms, catalogue.terms)
        yield from missing("dataset", did, ("frequency",), Message("frequency"), dataset.frequency,
                            vocab.frequencies)
        yield from _source(dataset, vocab)
        for index, theme in enumerate(dataset.themes):
            yield from missing("dataset", did, ("themes", index), Message("theme"), theme, theme_ids)
        yield from related_findings(did, dataset.related, catalogue.datasets, dataset.previous_version)
        for index, related in enumerate(dataset.related):
            if related == did:
                yield Problem.in_record("dataset", did, ("related", index), Message("a dataset is not related to itself"))
        if dataset.previous_version == did:
            yield Problem.in_record("dataset", did, ("previous_version",),
                                    Message("a dataset is not a version of itself"))
        yield from _check_releases(dataset, catalogue)
        if isinstance(catalogue.datasets, dict):  # every dataset at hand (a loader tells of the others' chains)
            yield from version_cycle(did, lambda i: d.previous_version if (d := catalogue.datasets.get(i)) else None)
        yield from _check_dates(dataset)
        if dataset.structure is None:
            yield from check_variables(("dataset", did), dataset.variables, shared, vocab)
            yield from _own_structure_free(dataset, structures)
        else:
            yield from _check_named_structure(dataset, structures)
        if dataset.dataflow is not None and (dataset.dataflow != flow_base(did) or dataset.dataflow.startswith("DF_")):
            yield Problem.in_record("dataset", did, ("dataflow",), Message(
                "the dataflow of '%(id)s' is '%(base)s' (its id without DS_), or without this field 'DF_%(base)s'",
                id=did, base=flow_base(did)))
        yield from unique("dataset", did, dataset.distributions, "distributions", Message("distribution"))
        yield from _distinct_resource_names(dataset)
        yield from _check_weight(dataset)
        terms = catalogue.terms.get(dataset.terms)
        public = terms is None or terms.access_level == "public"
        for index, distribution in enumerate(dataset.distributions):
            yield from _check_distribution(catalogue, vocab, dataset, index, distribution, public)
        if dataset.status == "published":
            yield from _recommended(dataset)
            yield from _ckan_tags(dataset)


def _check_releases(dataset: Dataset, catalogue: Catalogue) -> Iterator[Problem]:
    """A dataset is a release of each of its series once, those series are its publisher's, and it tells the
    period it covers (which orders the releases)."""
    did = dataset.id
    repeated = duplicates(dataset.series)
    for index, series_id in enumerate(dataset.series):
        yield from missing("dataset", did, ("series", index), Message("series"), series_id, catalogue.series)
        series = catalogue.series.get(series_id)
        if series_id in repeated and dataset.series.index(series_id) != index:
            yield Problem.in_record("dataset", did, ("series", index),
                                    Message("series '%(series)s' is named twice", series=series_id))
        elif series is not None and series.publisher != dataset.publisher:
            yield Problem.in_record("dataset", did, ("series", index), Message(
                "a release of series '%(series)s' is published by its publisher, '%(agency)s'", series=series_id,
                agency=series.publisher))
    if dataset.series and not (dataset.temporal_coverage and dataset.temporal_coverage.start):
        yield Problem.in_record("dataset", did, ("temporal_coverage",), Message(
            "a release of a series is ordered by the start of the period it covers: give temporal_coverage.start "
            "(else its issue date orders it)"), WARNING)


def version_cycle(dataset_id: str, previous_of: Callable[[str], str | None]) -> Iterator[Problem]:
    """Following a dataset's previous versions does not come back to it (naming itself is told apart)."""
    chain = circle_of_versions(dataset_id, previous_of)
    if chain:
        yield Problem.in_record("dataset", dataset_id, ("previous_version",), Message(
            "its versions go round in a circle (%(chain)s): the first version names no previous one",
            chain=" → ".join([dataset_id, *chain, dataset_id])),
            reference=(Message("dataset"), chain[0]))  # of other datasets: never kept with the file's findings


def check_series(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Series: their publisher, frequency, themes, contact point and terms are known."""
    contacts, themes = catalogue.contact_points(), {theme.id for theme in catalogue.info.themes}
    for sid, series in catalogue.series.items():
        yield from missing("series", sid, ("publisher",), Message("agency"), series.publisher, catalogue.agencies)
        yield from missing("series", sid, ("frequency",), Message("frequency"), series.frequency, vocab.frequencies)
        yield from missing("series", sid, ("contact_point",), Message("contact point"), series.contact_point,
                           contacts)
        yield from missing("series", sid, ("terms",), Message("terms of use"), series.terms, catalogue.terms)
        for index, theme in enumerate(series.themes):
            yield from missing("series", sid, ("themes", index), Message("theme"), theme, themes)
        for other in datasets_of_flow(sid):
            if other in catalogue.datasets and catalogue.datasets[other].dataflow is None \
                    and sid not in catalogue.datasets[other].series:  # a release of its own is not in the way
                yield Problem.in_record("series", sid, ("id",), Message(
                    "the SDMX dataflow of this series would be 'DF_%(id)s', which is already the dataflow of the "
                    "dataset '%(dataset)s': its releases keep a dataflow each (give '%(dataset)s' 'dataflow: "
                    "%(id)s', or rename one)",
                    id=sid, dataset=other), WARNING)


def check_structures(catalogue: Catalogue, vocab: Vocabulary) -> Iterator[Problem]:
    """Data structures: a known maintainer, one record per version, and their variables as a dataset's."""
    shared = catalogue.shared()
    yield from one_record_per_version("data_structure", catalogue.data_structures)
    for key, structure in catalogue.data_structures.items():
        yield from missing("data_structure", key, ("agency",), Message("agency"), structure.agency, catalogue.agencies)
        yield from check_variables(("data_structure", key), structure.variables, shared, vocab)


def related_findings(dataset_id: str, related: list[str], known: Container[str],
                     previous: str | None = None) -> Iterator[Problem]:
    """The datasets a dataset names (as related, or as the version it replaces) that are not in the catalogue (the
    only findings of a dataset that depend on the other datasets: their ids)."""
    for index, other in enumerate(related):
        yield from missing("dataset", dataset_id, ("related", index), Message("dataset"), other, known)
    yield from missing("dataset", dataset_id, ("previous_version",), Message("dataset"), previous, known)


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
        yield Problem.in_record("dataset", did, ("modified",), modified_before_issued(dataset.modified, dataset.issued))
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


def _check_structure(owner: Owner, variables: list[Variable]) -> Iterator[Problem]:
    """A statistical table has at most one time dimension and a public measure."""
    time_dimensions = [i for i, v in enumerate(variables) if v.role == "time_dimension"]
    for index in time_dimensions[1:]:
        yield Problem.in_record(*owner, ("variables", index, "role"),
                      Message("a dataset has at most one time dimension"))
    has_dimension = any(v.role in DIMENSION_ROLES for v in variables)
    measures = [v for v in variables if v.role in MEASURE_ROLES]
    if has_dimension and not measures:
        yield Problem.in_record(*owner, ("variables",), Message("a dataset with dimensions needs a measure"))
    if has_dimension and measures:
        for index, variable in enumerate(variables):
            if variable.role in COMPONENT_ROLES and variable.concept is None:
                yield Problem.in_record(*owner, ("variables", index, "concept"),
                              Message("%(role)s of a statistical table needs a concept "
                                      "(SDMX gives every component a concept identity)",
                                      role=COMPONENT_NAMES[variable.role]))
    if measures and all(v.confidential for v in measures):
        yield Problem.in_record(*owner, ("variables",),
                      Message("every measure is confidential: the published structure would have no measure"))


def _own_structure_free(dataset: Dataset, structures: Artefacts[DataStructure]) -> Iterator[Problem]:
    """The SDMX data structure made of a dataset's own variables is not named as a data structure record is (however
    its version is spelt: SDMX writes ``1.1`` and ``1.1.0`` alike)."""
    if not dataset.is_statistical:
        return
    agency, structure_id, version = data_structure_identity(dataset, None)
    try:
        own = Version.parse(version)
    except ValueError:
        return  # the model refuses it
    for key, structure in structures.by_id.get(structure_id, ()):
        if structure.agency == agency and is_version(structure.version) and Version.parse(structure.version) == own:
            yield Problem.in_record("dataset", dataset.id, ("variables",),
                                    Message("SDMX would name the structure of its variables '%(key)s', as the data "
                                            "structure record of that identity: name that structure (structure: "
                                            "%(key)s) or give the dataset another id", key=key))


def _check_named_structure(dataset: Dataset, structures: Artefacts[DataStructure]) -> Iterator[Problem]:
    """The data structure a dataset names exists, is a released version once the dataset is published (a draft may
    change under it), and gives the variables the dataset holds (a published dataset stored before its structure
    changed; a draft takes them again when it is published)."""
    assert dataset.structure is not None
    found = None
    try:
        key = structures.resolve(dataset.structure)
        found = structures.artefacts[key]
    except UnresolvedReference as unresolved:
        yield Problem.in_record("dataset", dataset.id, ("structure",), unresolved.message,
                                reference=(Message("data structure"), referenced_id(dataset.structure) or dataset.structure))
    if found is None:
        return
    if dataset.status == "published" and not stable(found.version):
        yield Problem.in_record("dataset", dataset.id, ("structure",),
                                Message("a published dataset names a released version of its data structure: "
                                        "'%(key)s' is a draft, which may still change", key=key))
    if dataset.status == "published" and found.variables != dataset.variables:  # a draft takes them when published
        yield Problem.in_record("dataset", dataset.id, ("structure",),
                                Message("its variables differ from those of data structure '%(key)s': save the "
                                        "dataset again to take them", key=key))


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
