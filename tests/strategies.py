"""Hypothesis strategies that build valid catalogues (used by the round-trip and, later, leak tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from catalogue.model import Catalogue, CatalogueInfo
from catalogue.model import (Agency, Codelist, ConceptScheme, DataStructure, Dataset, Licence, MetadataReport,
                             MetadataStructure, Release, Series, TermsOfUse)
from catalogue.vocab import vocabulary

VOCAB = vocabulary()
IDS = st.from_regex(r"[A-Z][A-Z0-9_]{0,11}", fullmatch=True)
ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\u2028\u2029\x85")
YAML_LOOKALIKES = ["null", "~", "yes", "no", "true", "1.10", "0x1F", "2024-01-01", "- x", "a: b", "#c", "'q'",
                   '"d"', "@x", "%y", "!t", "&a", "*b", "{x}", "[y]", "|", ">", "é ü ß ø 中文"]
PLAIN = st.one_of(st.text(ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool),
                  st.sampled_from(YAML_LOOKALIKES))
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
AS_OF = datetime(2050, 1, 1, tzinfo=timezone.utc)
"""The build time of the leak tests: datasets released after it are embargoed."""
SECRET = "ZSECRET"
"""Marks every id, title and label that must never reach a public output (drafts, embargoed
datasets, confidential variables); no other generated text contains it."""


def texts(languages: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({language: PLAIN for language in languages})


@st.composite
def codelists(draw, agency: str, languages: list[str], codelist_id: str) -> dict:
    code_ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    codes = []
    for index, code_id in enumerate(code_ids):
        code = {"id": code_id, "name": draw(texts(languages))}
        if index and draw(st.booleans()):
            code["parent"] = draw(st.sampled_from(code_ids[:index]))  # earlier codes only: always a tree
        if draw(st.booleans()):
            code["description"] = draw(texts(languages))
        codes.append(code)
    return {"id": codelist_id, "agency": agency, "version": draw(st.from_regex(r"(0|[1-9][0-9]?)(\.(0|[1-9][0-9]?)){0,2}",
                                                                             fullmatch=True)),
            "name": draw(texts(languages)), "ordered": draw(st.booleans()), "codes": codes}


@st.composite
def variables(draw, languages: list[str], codelist_ids: list[str], concept_ids: list[str]) -> list[dict]:
    dimension_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    result = [{"id": vid, "label": draw(texts(languages)), "role": "dimension", "data_type": "string",
               "codelist": draw(st.sampled_from(codelist_ids)), "concept": draw(st.sampled_from(concept_ids)),
               "confidential": draw(st.booleans())} for vid in dimension_ids]
    result.append({"id": f"{SECRET}V", "label": _secret(languages, "variable label"), "role": "attribute",
                   "question": _secret(languages, "question of a confidential variable"),
                   "concept": draw(st.sampled_from(concept_ids)),
                   "description": _secret(languages, "variable description"), "data_type": "string",
                   "codelist": draw(st.sampled_from(codelist_ids)), "confidential": True})
    result.append({"id": "TIME_PERIOD_X", "label": draw(texts(languages)), "role": "time_dimension",
                   "concept": draw(st.sampled_from(concept_ids)),
                   "data_type": draw(st.sampled_from([k for k, v in VOCAB.data_types.items() if v.time]))})
    result.append({"id": "OBS_VALUE_X", "label": draw(texts(languages)), "role": "measure",
                   "concept": draw(st.sampled_from(concept_ids)),
                   "data_type": draw(st.sampled_from(["integer", "decimal"])),
                   "unit": draw(texts(languages)),
                   "missing_values": [{"code": "-9", "label": draw(texts(languages))}],
                   "constraints": {"minimum": draw(st.integers(0, 10)), "maximum": draw(st.integers(11, 99))}})
    result.append({"id": "NOTE_X", "label": draw(texts(languages)), "role": "attribute", "data_type": "string",
                   "concept": draw(st.sampled_from(concept_ids)),
                   "attachment": draw(st.sampled_from(["dataset", "series", "observation"])),
                   "confidential": draw(st.booleans())})
    return result


def _secret(languages: list[str], what: str) -> dict[str, str]:
    return {language: f"{SECRET} {what} {language}" for language in languages}


STATUSES = ["scheduled", "confirmed", "postponed", "cancelled", "released"]


def metadata_structure(concept_ids: list[str], codelist: dict, name: dict[str, str]) -> dict:
    """A report structure with a heading over an XHTML and a numeric attribute, a coded one and a repeated text."""
    concept = [f"NSO:CS_X(1.0).{concept_ids[n % len(concept_ids)]}" for n in range(5)]
    return {"id": "MSD_X", "agency": "NSO", "version": "1.0", "name": name, "attributes": [
        {"id": "HEAD", "concept": concept[0], "representation": None},
        {"id": "BODY", "concept": concept[1], "parent": "HEAD", "representation": "xhtml"},
        {"id": "RATE", "concept": concept[2], "parent": "HEAD", "representation": "number"},
        {"id": "CODED", "concept": concept[3], "representation": "code",
         "codelist": f"NSO:{codelist['id']}({codelist['version']})"},
        {"id": "NOTE", "concept": concept[4], "representation": "text", "max_occurs": None}]}


@st.composite
def metadata_reports(draw, index: int, languages: list[str], targets: list[tuple[str, str | None]],
                     codes: list[str]) -> dict:
    """A report on one of ``targets`` (kind, id: an id with the marker is a hidden record's), with values marked
    confidential or not; everything of a report that is not public, and of each confidential value, is secret."""
    kind, target_id = draw(st.sampled_from(targets))
    status = draw(st.sampled_from(["draft", "published"]))
    hidden = status == "draft" or (target_id or "").startswith(SECRET)

    def text(secret: bool, what: str, xhtml: bool = False) -> dict[str, str]:
        if secret:
            return _secret(languages, what)
        return {language: f"<p>{value.replace('<', '').replace('&', '')}</p>" if xhtml else value
                for language, value in draw(texts(languages)).items()}

    def confidential() -> bool:
        return bool(draw(st.booleans()))

    head_secret = confidential()
    body_secret = confidential()
    values = [{"attribute": "HEAD", "confidential": head_secret, "values": [
                  {"attribute": "BODY", "confidential": body_secret,
                   "text": text(hidden or head_secret or body_secret, "report XHTML", xhtml=True)},
                  {"attribute": "RATE", "value": str(draw(st.decimals(0, 100, places=1)))}]},
              {"attribute": "CODED", "value": draw(st.sampled_from(codes))}]
    for _ in range(draw(st.integers(0, 2))):
        secret = confidential()
        values.append({"attribute": "NOTE", "confidential": secret, "text": text(hidden or secret, "report note")})
    return {"id": f"{SECRET}REP{index}" if hidden else f"REP_{index}", "publisher": "NSO", "structure": "MSD_X",
            "target": {"kind": kind, **({"id": target_id} if target_id is not None else {})},
            "title": text(hidden, "report title"), "period": "2024", "status": status, "values": values}
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1),
                       timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))]))


@st.composite
def announcements(draw, languages: list[str], name: str, planned: datetime | None = None) -> dict:
    """An announcement: public from its ``announced`` time, so one announced after ``AS_OF`` is marked
    secret (nothing of it may appear yet)."""
    announced = draw(MOMENTS)
    if planned is not None:
        announced = min(announced, planned)  # a release never precedes its announcement (check refuses it)
    status = draw(st.sampled_from(STATUSES))
    text = (lambda what: _secret(languages, what)) if announced > AS_OF else \
        (lambda what: {language: f"Announced {name} {what} {language}" for language in languages})
    history = [{"planned": draw(MOMENTS).isoformat(), "changed": (announced + timedelta(days=10 * (i + 1))).isoformat(),
                "reason": text(f"change {i}")} for i in range(draw(st.integers(0, 2)))]
    return {"title": text("title"), "description": text("description"), "announced": announced.isoformat(),
            "planned": (planned or draw(MOMENTS)).isoformat(), "status": status, "series": text("series"),
            **({"reason": text("reason")} if status in ("postponed", "cancelled") else {}), "history": history}


@st.composite
def datasets(draw, index: int, languages: list[str], refs: dict[str, list[str]], terms_levels: dict) -> dict:
    terms = draw(st.sampled_from(sorted(terms_levels)))
    public = terms_levels[terms] == "public"
    issued = draw(DATES)
    status = draw(st.sampled_from(["draft", "published"]))
    release = None
    if draw(st.booleans()):
        release = datetime.combine(issued, datetime.min.time(), tzinfo=timezone(timedelta(hours=1)))
    hidden = status == "draft" or (release is not None and release > AS_OF)
    dataset_id = f"{SECRET}DS{index}" if hidden else f"DS_{index}"
    dataset = {
        "id": dataset_id,
        "status": status,
        "title": _secret(languages, "dataset title") if hidden else draw(texts(languages)),
        "description": draw(texts(languages)),
        "keywords": {language: draw(st.lists(PLAIN, min_size=1, max_size=3)) for language in languages},
        "themes": draw(st.lists(st.sampled_from(refs["themes"]), max_size=2, unique=True)),
        "publisher": refs["agency"][0],
        "contact_point": refs["contact"][0],
        "licence": draw(st.sampled_from(refs["licence"])),
        "terms": terms,
        "issued": issued.isoformat(),
        "modified": (issued + timedelta(days=draw(st.integers(0, 400)))).isoformat(),
        "version": "1.0",
        "frequency": draw(st.sampled_from(sorted(VOCAB.frequencies))),
        "temporal_coverage": {"start": "2020-01-01", "end": "2020-12-31"},
        "spatial_coverage": [{"uri": "https://example.org/area/X", "name": draw(texts(languages))}],
        "distributions": [{
            "id": "CSV", "format": "CSV", "media_type": "text/csv",
            "access_url": "https://example.org/access?a=1&b='2'",
            **({"download_url": f"https://example.org/files/{dataset_id}.csv"} if public else {}),
            "byte_size": draw(st.integers(0, 10**12)),
        }],
        "variables": draw(variables(languages, refs["codelist"], refs["concept"])),
    }
    if draw(st.booleans()):
        dataset["study"] = {"universe": _secret(languages, "universe") if hidden else draw(texts(languages)),
                            "sampling": draw(texts(languages)), "response_rate": draw(texts(languages)),
                            "weight": "OBS_VALUE_X"}
    if draw(st.booleans()):
        dataset["announcement"] = draw(announcements(languages, f"release {index}", release))
    if draw(st.booleans()):  # its source, and (where the source asks for one) a fitness statement as secret as it
        dataset["source_type"] = draw(st.sampled_from(sorted(VOCAB.source_types)))
        if VOCAB.source_types[dataset["source_type"]].fitness_required or draw(st.booleans()):
            dataset["fitness_for_purpose"] = _secret(languages, "fitness for purpose") if hidden else \
                draw(texts(languages))
    if release is not None:
        dataset["release_time"] = release.isoformat()
    if hidden:
        for variable in dataset["variables"]:
            variable["label"] = _secret(languages, "label of a hidden dataset's variable")
    return dataset


@st.composite
def catalogues(draw) -> Catalogue:
    """A valid catalogue with every kind of record, in one to three languages."""
    languages = draw(st.lists(st.sampled_from(["en", "fr", "de", "pt-BR"]), min_size=1, max_size=3, unique=True))
    context = {"default_language": languages[0], "languages": languages}
    agency = {"id": "NSO", "name": draw(texts(languages)),
              "contacts": [{"id": "CONTACT", "name": draw(texts(languages)), "email": "stats@example.org"}]}
    licence_ids = draw(st.lists(st.sampled_from(sorted(VOCAB.licences)), min_size=1, max_size=3, unique=True))
    licences = [{"id": spdx, "title": draw(texts(languages)),
                 **VOCAB.licences[spdx].model_dump(include={"url", "open_definition_id", "eu_uri", "types"},
                                                   exclude_none=True)}
                for spdx in licence_ids]
    levels = ["public", "restricted", "non_public"]
    terms = [{"id": f"T_{level.upper()}", "name": draw(texts(languages)), "access_level": level,
              "access_type": draw(st.sampled_from(sorted(VOCAB.access_types))),
              "conditions": draw(texts(languages))} for level in levels]
    codelist_ids = draw(st.lists(IDS.map(lambda s: f"CL_{s}"), min_size=1, max_size=3, unique=True))
    codelist_data = [draw(codelists("NSO", languages, cid)) for cid in codelist_ids]
    concept_ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    scheme = {"id": "CS_X", "agency": "NSO", "name": draw(texts(languages)),
              "concepts": [{"id": cid, "name": draw(texts(languages))} for cid in concept_ids]}
    themes = [{"id": f"TH_{code}", "name": {language: f"{code} {text}" for language, text in  # distinct names: a
                                            draw(texts(languages)).items()},  # feed names a theme by its name
               "eu_theme": code}
              for code in draw(st.lists(st.sampled_from(sorted(VOCAB.themes)), min_size=1, max_size=3, unique=True))]
    info = {"id": "CAT", "base_uri": "https://data.example.org/", "default_language": languages[0],
            "languages": languages, "title": draw(texts(languages)), "description": draw(texts(languages)),
            "publisher": "NSO", "licence": licence_ids[0], "homepage": "https://example.org/", "themes": themes}
    refs = {"agency": ["NSO"], "contact": ["CONTACT"], "licence": licence_ids, "codelist": codelist_ids,
            "concept": concept_ids, "themes": [t["id"] for t in themes]}
    levels_by_terms = {t["id"]: t["access_level"] for t in terms}
    dataset_data = [draw(datasets(index, languages, refs, levels_by_terms))
                    for index in range(draw(st.integers(1, 4)))]
    for index, dataset in enumerate(dataset_data):
        others = [d["id"] for d in dataset_data if d["id"] != dataset["id"]]
        dataset["related"] = draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []

    series_count = draw(st.integers(0, 2))
    memberships = [draw(st.lists(st.integers(0, series_count - 1), max_size=2, unique=True)) if series_count else []
                   for _ in dataset_data]
    series_data = []
    for number in range(series_count):  # public when a released dataset is one of its releases, else all secret
        public = any(not d["id"].startswith(SECRET) and number in m for d, m in zip(dataset_data, memberships))
        series_data.append({
            "id": f"SER_{number}" if public else f"{SECRET}SER{number}", "publisher": "NSO", "contact_point": "CONTACT",
            "title": draw(texts(languages)) if public else _secret(languages, "series title"),
            "description": draw(texts(languages)), "frequency": draw(st.sampled_from(sorted(VOCAB.frequencies)))})
    for index, (dataset, membership) in enumerate(zip(dataset_data, memberships)):
        dataset["series"] = [series_data[number]["id"] for number in membership]
        earlier = [d["id"] for d in dataset_data[:index]]  # versions come after those they replace: no circle
        if earlier and draw(st.booleans()):  # a version of another (a hidden one, maybe)
            dataset["previous_version"] = draw(st.sampled_from(earlier))
            dataset["version_notes"] = draw(texts(languages))
        if draw(st.integers(0, 3)) == 0:  # a withdrawn release: its reason is as secret as the dataset
            dataset["withdrawn"] = {"date": "2024-06-01", "reason": _secret(languages, "withdrawal reason")
                                    if dataset["id"].startswith(SECRET) else draw(texts(languages))}

    structure_data = []
    namers = [d for d, m in zip(dataset_data, memberships) if m and draw(st.booleans())]
    if namers:  # releases that share a data structure: one SDMX dataflow for their series, unless another says
        public = any(not d["id"].startswith(SECRET) for d in namers)  # secret when only hidden datasets name it
        shared = draw(variables(languages, refs["codelist"], refs["concept"]))
        if not public:
            for variable in shared:
                variable["label"] = _secret(languages, "label of a hidden structure's variable")
        structure_data.append({"id": "DSD_SHARED", "agency": "NSO", "version": "1.0", "variables": shared,
                               "name": draw(texts(languages)) if public else _secret(languages, "structure name")})
        for dataset in namers:
            dataset.update(structure="NSO:DSD_SHARED(1.0)", variables=[dict(v) for v in shared])  # as loaded

    def build(model, items):
        return {item["id"]: model.model_validate(item, context=context) for item in items}

    release_data = [{"id": f"REL_{index}", "publisher": "NSO", **draw(announcements(languages, f"record {index}")),
                     "in_series": draw(st.lists(st.sampled_from([s["id"] for s in series_data]), max_size=2, unique=True))
                     if series_data else []}  # a hidden series among them: never named by the calendar
                    for index in range(draw(st.integers(0, 2)))]
    targets = [("catalogue", None), ("agency", "NSO"), *(("dataset", d["id"]) for d in dataset_data),
               *(("series", s["id"]) for s in series_data)]
    report_data = [draw(metadata_reports(index, languages, targets, [c["id"] for c in codelist_data[0]["codes"]]))
                   for index in range(draw(st.integers(0, 3)))]
    return Catalogue(
        releases=build(Release, release_data),
        metadata_structures={"NSO:MSD_X(1.0)": MetadataStructure.model_validate(
            metadata_structure(concept_ids, codelist_data[0], draw(texts(languages))), context=context)},
        metadata_reports=build(MetadataReport, report_data),
        info=CatalogueInfo.model_validate(info, context=context),
        agencies=build(Agency, [agency]),
        licences=build(Licence, licences),
        terms=build(TermsOfUse, terms),
        concept_schemes=build(ConceptScheme, [scheme]),
        codelists=build(Codelist, codelist_data),
        series=build(Series, series_data),
        data_structures=build(DataStructure, structure_data),
        datasets=build(Dataset, dataset_data),
    )
