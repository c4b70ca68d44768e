"""``catalogue import sdmx``: the structures of SDMX-ML messages as records of a catalogue folder.

Agencies come from agency schemes, or for a maintenance agency the message only names, from
``mappings/sdmx_agencies.yaml``. A dataflow (or a data structure no dataflow uses) becomes a dataset, a
**draft** (an officer reviews it before it is published), under the terms of use the import is given:
SDMX says nothing of access. A data structure becomes a data structure record, which the datasets of its
dataflows name: its variables are its components, with their concepts, codelists, roles, text types and
attachment.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from catalogue.model import Code, Codelist, Concept, ConceptScheme
from catalogue.model.identity import identity
from catalogue.model.kinds import record_key
from catalogue.model.references import Shared
from catalogue.model.versions import is_version
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.importers.apply import ImportReport, RecordWriter
from catalogue.importers.sdmx import Structures, Unmapped, read_structure_message, structure_files
from catalogue.formats.sdmx.periods import period_coverage


def _dataset_id(artefact_id: str, prefix: str) -> str:
    return "DS_" + artefact_id.removeprefix(prefix)


def _combined(inputs: Iterable[Path]) -> Structures:
    combined = Structures()
    for path in inputs:
        for source in structure_files(path):
            found = read_structure_message(source)
            for name in ("agencies", "codelists", "concept_schemes", "data_structures", "metadata_structures",
                         "dataflows", "unmapped", "categorisations"):
                getattr(combined, name).extend(getattr(found, name))
            combined.maintainers |= found.maintainers
            combined.categories = {**found.categories, **combined.categories}
            combined.core = {**found.core, **combined.core}
    return combined


def _structures(found: Structures) -> list[tuple[str, dict[str, Any]]]:
    """(where, record data) of a data structure record per data structure definition: several datasets name it."""
    structures = []
    for data in found.data_structures:
        variables = [{k: v for k, v in _represented(variable, found.core).items() if not k.startswith("_")}
                     for variable in data["variables"]]
        record = {"id": data["id"], "agency": data["agency"], "version": data["version"], "name": data["name"],
                  "variables": variables}
        if data.get("description"):
            record["description"] = data["description"]
        structures.append((f"DataStructure[{data['agency']}:{data['id']}({data['version']})]", record))
    return structures


def _datasets(found: Structures, terms: str, imported: set[tuple[str, str, str]], unmapped: list[Unmapped],
              frequencies: dict[str, str]) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """(where, record data) of a dataset per dataflow, and per data structure that no dataflow uses, each naming its
    data structure (``imported``: those written), and of a series per series' dataflow (one whose ``RELEASE``
    annotations are its releases: a dataset each); what is not imported is said in ``unmapped``."""
    structures = {(d["agency"], d["id"], d["version"]): d for d in found.data_structures}
    used: set[tuple[str, str, str]] = set()
    datasets: list[tuple[str, dict[str, Any]]] = []
    by_id: dict[str, dict[str, Any]] = {}
    series: list[tuple[str, dict[str, Any]]] = []
    for flow in found.dataflows:
        key = flow["structure"]
        structure = structures.get(key) if key else None
        where = f"Dataflow[{flow['agency']}:{flow['id']}({flow['version']})]"
        if structure is None:
            unmapped.append(Unmapped(where, "its data structure is not in the message: import it with "
                                                  "references=all (or both files at once)"))
            continue
        used.add(key)
        if key not in imported:
            unmapped.append(Unmapped(where, f"not imported: its data structure {identity(*key)} could not be"))
            continue
        dataset = {**_dataset(flow, structure, terms, "DF_"), "_flow": flow["id"]}
        themes = [category for source, category in found.categorisations
                  if source == (flow["agency"], flow["id"], flow["version"])]
        if themes:
            dataset["themes"] = list(dict.fromkeys(themes))
        made = [(where, f"Dataflow[{flow['agency']}:{flow['id']}]", dataset)]
        if flow.get("_releases") and not (flow["id"].startswith("DF_") and all(r["id"] for r in flow["_releases"])):
            unmapped.append(Unmapped(where, "its RELEASE annotations are not a series' releases as ours are written "
                                            "(a DF_ dataflow, each annotation with the release's id): imported as "
                                            "one dataset"))
        elif flow.get("_releases"):
            made = [(at, at, data) for at, data in _releases(flow, dataset, frequencies, unmapped)]
            series.append((where, made.pop(0)[2]))
        for told_at, made_at, made_dataset in made:
            same = by_id.get(made_dataset["id"])
            if same is not None and same.get("series") and made_dataset.get("series"):  # a release of two series
                for key in ("series", "themes"):
                    joined = list(dict.fromkeys([*same.get(key, ()), *made_dataset.get(key, ())]))
                    if joined:
                        same[key] = joined
                continue
            if same is not None:
                unmapped.append(Unmapped(told_at, f"not imported: another dataflow of the message is dataset "
                                                  f"{made_dataset['id']} already (its id with or without DF_)"))
                continue
            datasets.append((made_at, made_dataset))
            by_id[made_dataset["id"]] = made_dataset
    for key, structure in structures.items():
        if key not in used and key in imported:
            datasets.append((f"DataStructure[{key[0]}:{key[1]}]", _dataset(structure, structure, terms, "DSD_")))
    return datasets, series


def _releases(flow: dict[str, Any], dataset: dict[str, Any], frequencies: dict[str, str],
              unmapped: list[Unmapped]) -> list[tuple[str, dict[str, Any]]]:
    """A series' dataflow (as our structure messages write one): the series (first), then a dataset per ``RELEASE``
    annotation, with its id, its title and the period it covers, in the series; each takes the dataflow's
    structure, terms and themes."""
    series_id = flow["id"].removeprefix("DF_")
    made: list[tuple[str, dict[str, Any]]] = []
    codes = set()
    for release in flow["_releases"]:
        data = {key: value for key, value in dataset.items() if key != "dataflow"}
        data.update(id=release["id"], series=[series_id])
        if release["texts"]:
            data["title"] = release["texts"]
        covered = period_coverage(release["period"]) if release["period"] else None
        if covered is not None:
            start, end, code = covered
            data["temporal_coverage"] = {"start": start.isoformat(), "end": end.isoformat()}
            if code in frequencies:
                data["frequency"] = frequencies[code]
            codes.add(code)
        elif release["period"]:
            unmapped.append(Unmapped(release["where"], f"'{release['period']}' is not an SDMX period: the release "
                                                       "is imported without its temporal coverage"))
        made.append((release["where"], data))
    record = {"id": series_id, "publisher": flow["agency"], "title": flow["name"],
              "description": flow.get("description") or flow["name"], "themes": dataset.get("themes", [])}
    if len(codes) == 1 and (code := next(iter(codes))) in frequencies:
        record["frequency"] = frequencies[code]
    return [(f"Dataflow[{flow['agency']}:{flow['id']}]", record), *made]


def _dataset(named: dict[str, Any], structure: dict[str, Any], terms: str, prefix: str) -> dict[str, Any]:
    dataset_id = _dataset_id(named["id"], prefix)
    flow = {"dataflow": named["id"]} if prefix == "DF_" and not named["id"].startswith("DF_") else {}
    return {
        **flow, "id": dataset_id, "status": "draft", "title": named["name"],
        # a dataflow without a description is described by its structure's, else by its name
        "description": named.get("description") or structure.get("description") or named["name"],
        "publisher": named["agency"], "terms": terms, "version": named["version"],
        "structure": identity(structure["agency"], structure["id"], structure["version"]),
    }


def _represented(variable: dict[str, Any], core: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A component without a representation of its own takes its concept's core representation (SDMX's rule)."""
    given = core.get(str(variable.get("concept"))) if variable.get("_core") else None
    if not given:
        return variable
    if variable["role"] == "time_dimension" and given.get("data_type", "time_period") == "string":
        given = {}  # a time dimension stays a time period
    return {**variable, **given}


def _themes(datasets: list[tuple[str, dict[str, Any]]], found: Structures, writer: RecordWriter) -> None:
    """A dataflow's categories are its themes where the catalogue has a theme with the category's id; the other
    categories are reported (a theme needs its EU data theme, which SDMX does not give)."""
    themes = {theme.id for theme in writer.info.themes}
    missing: set[str] = set()
    for _, dataset in datasets:
        missing |= set(dataset.get("themes", [])) - themes
        dataset["themes"] = [theme for theme in dataset.get("themes", []) if theme in themes]
        if not dataset["themes"]:
            del dataset["themes"]
    for category_id in sorted(missing | (found.categories.keys() - themes)):
        category = found.categories.get(category_id, {})
        writer.report.unmapped.append(Unmapped(
            category.get("_where", f"Category[{category_id}]"),
            "not a theme of the catalogue: add it to catalogue.yaml's themes with its EU data theme (and its "
            "datasets get it on the next import with --update)"))


def _labels(structures: list[tuple[str, dict[str, Any]]], found: Structures) -> None:
    """A variable's label is its concept's name (SDMX names components by their concepts)."""
    concepts = {f"{record_key('concept_scheme', scheme)}.{c['id']}": c["name"]
                for scheme in found.concept_schemes for c in scheme["concepts"]}
    for _, structure in structures:
        for variable in structure["variables"]:
            variable["label"] = concepts.get(variable.get("concept", ""), {}) or {"en": variable["id"]}


def import_sdmx(inputs: list[Path], writer: RecordWriter, terms: str | None,
                vocab: Vocabulary | None = None) -> ImportReport:
    """Read every structure message of ``inputs`` and write its records with ``writer``."""
    vocab = vocab or vocabulary()
    found = _combined(inputs)
    writer.report.unmapped.extend(found.unmapped)
    defined = {agency["id"] for agency in found.agencies} | writer.existing("agency")
    for agency in found.agencies:
        record = writer.validated("agency", agency, f"Agency[{agency['id']}]")
        if record is not None:
            writer.write("agency", record)
    named = found.maintainers | {agency["id"] for agency in found.agencies}
    parents = {agency_id.rsplit(".", depth)[0] for agency_id in named for depth in range(1, agency_id.count(".") + 1)}
    for maintainer in sorted((named | parents) - defined):  # a nested agency's parents are agencies too
        known = vocab.sdmx_agencies.get(maintainer)
        if known is None:  # SDMX gives a maintainer nothing but its id: the record is named by it, and reported
            known = {"name": {writer.info.default_language: maintainer}}
            writer.report.unmapped.append(Unmapped(
                f"agency {maintainer}", "maintains artefacts of the message but is neither in it, nor in the "
                                        "catalogue, nor in mappings/sdmx_agencies.yaml: its record is named by its "
                                        f"id; give its name in agencies/{maintainer}.yaml"))
        known = {**known, "name": writer.label(known["name"])}  # in the catalogue's languages
        record = writer.validated("agency", {"id": maintainer, **known}, f"agency {maintainer}")
        if record is not None:
            writer.write("agency", record)
    for data in found.codelists:  # their codes streamed from the reader's spool into the record file
        if not writer.write_items("codelist", data, "codes", Code,
                                  f"Codelist[{data['agency']}:{data['id']}({data['version']})]"):
            found.codelists = [other for other in found.codelists if other is not data]  # not there to name
    for data in list(found.concept_schemes):
        record = writer.validated("concept_scheme", data, f"ConceptScheme[{data['agency']}:{data['id']}({data['version']})]")
        if record is not None:
            writer.write("concept_scheme", record)
        else:  # not there to name
            found.concept_schemes = [other for other in found.concept_schemes if other is not data]
    _metadata_structures(found, writer)
    flows = {(flow["agency"], flow["id"], flow["version"]) for flow in found.dataflows}
    for source, category in found.categorisations:
        if source not in flows:
            writer.report.unmapped.append(Unmapped(
                f"Categorisation[{source[0]}:{source[1]}({source[2]})→{category}]",
                "categorises a dataflow that is not in the message: import the dataflow with it"))
    if not (found.dataflows or found.data_structures):
        _themes([], found, writer)  # its categories, said as they would be of datasets
    if found.dataflows or found.data_structures:
        structures = _structures(found)
        _labels(structures, found)
        imported: set[tuple[str, str, str]] = set()
        for where, data in _dangling(structures, writer, _known(found, writer)):
            record = writer.validated("data_structure", data, where)
            if record is not None:
                writer.write("data_structure", record)
                imported.add((data["agency"], data["id"], data["version"]))
        chosen = terms or _only_terms(writer)
        frequencies: dict[str, str] = {}
        for name, frequency in vocab.frequencies.items():
            if frequency.sdmx:
                frequencies.setdefault(frequency.sdmx, name)
        datasets, series = _datasets(found, chosen or "", imported, writer.report.unmapped, frequencies)
        _themes([*datasets, *series], found, writer)
        _annotations(datasets, found, writer, vocab, terms)
        without = [where for where, data in datasets if not data["terms"]]
        if without:
            writer.report.unmapped.append(Unmapped(
                ", ".join(without), "not imported: a dataset needs terms of use, which SDMX does not give (but for "
                                    "our own dataflows' annotations): give --terms ID"))
        released_in: set[str] = set()
        for where, data in datasets:
            if not data["terms"]:
                continue
            record = writer.validated("dataset", data, where)
            if record is not None:
                writer.write("dataset", record)
                released_in.update(data.get("series", ()))
        for where, data in series:  # one a written release names; one the catalogue has is only named, not rewritten
            if data["id"] in released_in and data["id"] not in writer.existing("series") and \
                    (record := writer.validated("series", data, where)):
                writer.write("series", record)
    return writer.finish()


def _annotations(datasets: list[tuple[str, dict[str, Any]]], found: Structures, writer: RecordWriter,
                 vocab: Vocabulary, terms: str | None) -> None:
    """A dataflow's annotations as our structure messages write them (``LICENCE``, ``TERMS_OF_USE``, ``CITATION``,
    ``ACCESS_RIGHTS``, ``SOURCE_TYPE``, ``FITNESS_FOR_PURPOSE``) give its dataset its licence, its source and, unless
    ``--terms`` names them, its terms of use: the catalogue's with that access level and type, else new ones where
    the catalogue may take them."""
    flows = {flow["id"]: flow.get("_annotations") or {} for flow in found.dataflows}
    for where, dataset in datasets:
        annotations = flows.get(dataset.pop("_flow", None) or "")
        if not annotations:
            continue
        source = annotations.get("SOURCE_TYPE")
        if source and source["title"] in vocab.source_types:  # where its data come from (SIMS S.18.1)
            dataset["source_type"] = source["title"]
        if annotations.get("FITNESS_FOR_PURPOSE", {}).get("texts"):
            dataset["fitness_for_purpose"] = annotations["FITNESS_FOR_PURPOSE"]["texts"]
        licence = annotations.get("LICENCE")
        if licence:
            found_licence = _licence(licence, writer, vocab, where)
            if found_licence:
                dataset["licence"] = found_licence
        use = annotations.get("TERMS_OF_USE")
        if terms is None and use and "/" in (use["title"] or ""):
            made = _terms(use, annotations.get("CITATION"), writer, vocab, where)
            if made:
                dataset["terms"] = made


def _licence(annotation: dict[str, Any], writer: RecordWriter, vocab: Vocabulary, where: str) -> str | None:
    """The catalogue's licence of that id or address, else the known one (SPDX), else a new one where the catalogue
    may take it; else reported."""
    licence_id, url = annotation["title"], annotation["url"]
    for existing in writer.records_of("licence"):
        if licence_id == existing.get("id") or (url and url in (existing.get("url"), existing.get("eu_uri"))):
            return str(existing["id"])
    known = licence_id if licence_id in vocab.licences else \
        next((k for k, e in vocab.licences.items() if url and url in (e.url, e.eu_uri)), None)
    if known:
        writer.add_known_licence(known, vocab.licences[known], where)
        return known
    if licence_id and url and annotation["texts"] and writer.may_extend():
        record = writer.validated("licence", {"id": licence_id, "title": annotation["texts"], "url": url}, where)
        if record is not None:
            writer.write("licence", record)
            return licence_id
    writer.report.unmapped.append(Unmapped(where, f"licence {licence_id or url}: neither in mappings/licences.yaml "
                                                  "nor in the catalogue: add it to licences/"))
    return None


def _terms(use: dict[str, Any], citation: dict[str, Any] | None, writer: RecordWriter, vocab: Vocabulary,
           where: str) -> str | None:
    """The catalogue's terms of the annotation's access level and type (``level/type``), else new ones with its
    text as their conditions and the citation's as their citation requirement (where the catalogue may take
    them)."""
    level, access_type = str(use["title"]).split("/", 1)
    if level not in vocab.access_levels or access_type not in vocab.access_types:
        return None
    for existing in writer.records_of("terms"):
        if existing.get("access_level") == level and existing.get("access_type") == access_type:
            return str(existing["id"])
    if not writer.may_extend():
        return None
    terms_id = f"T_{level}_{access_type}".upper()
    if terms_id not in writer.existing("terms"):
        data: dict[str, Any] = {"id": terms_id, "access_level": level, "access_type": access_type,
                                "name": writer.label(vocab.access_types[access_type].label)}
        if use["texts"]:
            data["conditions"] = use["texts"]
        if citation and citation["texts"]:
            data["citation_requirement"] = citation["texts"]
        record = writer.validated("terms", data, where)
        if record is None:
            return None
        writer.write("terms", record)
        writer.report.unmapped.append(Unmapped(f"terms/{terms_id}.yaml", "made from the dataflow's annotations "
                                                                         "(its terms' name is the access type's): "
                                                                         "check them"))
    return terms_id


def _known(found: Structures, writer: RecordWriter) -> Shared:
    """The codelists and concepts the imported datasets may name: the message's and the catalogue's (as far as
    their identities, and the schemes' concept ids)."""
    def head(data: dict[str, Any]) -> dict[str, Any]:
        return {"id": str(data.get("id")), "agency": str(data.get("agency")), "version": str(data.get("version", "1.0"))}

    def valid(data: dict[str, Any]) -> bool:  # a record file the import cannot read is left to `check`
        return isinstance(data.get("agency"), str) and isinstance(data.get("id"), str) and \
            is_version(str(data.get("version", "1.0")))

    codelists = {record_key("codelist", data): Codelist.model_construct(**head(data))
                 for data in [*writer.records_of("codelist"), *found.codelists] if valid(data)}
    schemes = {record_key("concept_scheme", data): ConceptScheme.model_construct(
        **head(data), concepts=[Concept.model_construct(id=str(c.get("id"))) for c in data.get("concepts") or []
                                if isinstance(c, dict)])
        for data in [*writer.records_of("concept_scheme"), *found.concept_schemes] if valid(data)}
    return Shared.of(codelists, schemes, writer.info.publisher)


def _dangling(structures: list[tuple[str, dict[str, Any]]], writer: RecordWriter,
              known: Shared) -> list[tuple[str, dict[str, Any]]]:
    """The data structures that can be imported. A component whose codelist is neither imported nor in the
    catalogue keeps its place, uncoded (reported); a structure whose components' concepts are missing is
    not imported (every component of a statistical table needs its concept): import their scheme first."""
    kept = []
    for where, dataset in structures:
        if not _concepts_known(where, dataset["variables"], "components", known, writer):
            continue
        for variable in _unknown_codelists(where, dataset["variables"], known, writer,
                                           "the variable is imported uncoded"):
            del variable["codelist"]
        kept.append((where, dataset))
    return kept


def _concepts_known(where: str, items: list[dict[str, Any]], parts: str, known: Shared,
                    writer: RecordWriter) -> bool:
    """Whether the concepts the items name are in the message or the catalogue (else reported)."""
    missing = sorted({i["concept"] for i in items if i.get("concept") and known.concept(i["concept"]) is None})
    if missing:
        writer.report.unmapped.append(Unmapped(where, f"not imported: the concepts of its {parts} "
                                                      f"({', '.join(missing)}) are neither in the message nor in "
                                                      "the catalogue: import their concept scheme first"))
    return not missing


def _unknown_codelists(where: str, items: list[dict[str, Any]], known: Shared, writer: RecordWriter,
                       outcome: str) -> list[dict[str, Any]]:
    """The items whose codelist is in neither the message nor the catalogue, reported with what becomes of them."""
    unknown = [i for i in items if i.get("codelist") is not None and known.codelist(i["codelist"]) is None]
    for item in unknown:
        writer.report.unmapped.append(Unmapped(f"{where}/{item['id']}", f"its codelist '{item['codelist']}' is "
                                                                        "neither in the message nor in the "
                                                                        f"catalogue: {outcome}"))
    return unknown


def _metadata_structures(found: Structures, writer: RecordWriter) -> None:
    """The metadata structures whose concepts are in the message or the catalogue (else reported, as a data
    structure's); an attribute whose codelist is in neither is imported as text (reported)."""
    known = _known(found, writer)
    for data in found.metadata_structures:
        where = f"MetadataStructure[{data['agency']}:{data['id']}({data['version']})]"
        if not _concepts_known(where, data["attributes"], "attributes", known, writer):
            continue
        for attribute in _unknown_codelists(where, data["attributes"], known, writer,
                                            "the attribute is imported as text"):
            attribute.update(representation="text", codelist=None)
        record = writer.validated("metadata_structure", data, where)
        if record is not None:
            writer.write("metadata_structure", record)


def _only_terms(writer: RecordWriter) -> str | None:
    """The catalogue's terms of use when it has exactly one set."""
    existing = writer.existing("terms")
    return next(iter(existing)) if len(existing) == 1 else None
