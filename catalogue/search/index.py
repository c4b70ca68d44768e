"""Keeping the search index: written in the transaction that changes the records (a load, a publication), so a
publication is found as soon as it commits; a dataset is indexed when published (found from its release time, which
the query checks), and never while a draft."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, text

from catalogue.model import Catalogue, CatalogueInfo, Codelist, ConceptScheme, Dataset, TermsOfUse
from catalogue.model.references import Shared, referenced_id
from catalogue.search import counts
from catalogue.search.documents import SearchDocument, search_document
from catalogue.store.schema import records, search_datasets, search_facets, search_titles, search_uses, settings

SEARCH_VERSION = "3"
"""The version of what the index holds: a store whose index another version made is indexed again on upgrade."""
VERSION_SETTING = "search_version"
SHARED_KINDS = ("codelist", "concept_scheme", "terms")
"""The kinds of record a dataset's words or facets come from."""
CONFIGURATIONS = {"ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
                  "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
                  "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
                  "nb": "norwegian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pt": "portuguese",
                  "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
                  "yi": "yiddish"}
"""A language's PostgreSQL text search configuration (its stemmer), where PostgreSQL has one; any other language,
Chinese among them, is searched by its folded words alone (``simple``)."""
BATCH = 500
EARLIEST = date(1, 1, 1)
"""The day a dataset without one is kept as modified on: last in the order of the most recently modified."""


def configuration(connection: Connection, language: str) -> str:
    """The text search configuration of a language on this PostgreSQL (``simple`` where it has none)."""
    known = connection.info.get("catalogue.ts_configs")
    if known is None:
        known = connection.info["catalogue.ts_configs"] = set(
            connection.execute(text("SELECT cfgname FROM pg_ts_config")).scalars())
    name = CONFIGURATIONS.get(language.split("-")[0].lower(), "simple")
    return name if name in known else "simple"


def refresh(connection: Connection, changed: Iterable[tuple[str, str]], catalogue: Catalogue | None = None,
            now: datetime | None = None) -> None:
    """Index again what changed records (kind, key) make different: a dataset changed, and every dataset whose words
    or facets come from a codelist, concept scheme or terms that changed. ``catalogue``: the records as now written,
    when at hand (a load); otherwise they are read in ``connection``. ``now``: the write's time (the clock's when
    not given), which the kept facet counts move to."""
    datasets: set[str] = set()
    for kind, key in changed:
        if kind == "catalogue":  # its languages: every title of every dataset
            datasets.update(connection.execute(select(search_datasets.c.dataset_id)).scalars())
        elif kind == "dataset":
            datasets.add(key)
        elif kind in SHARED_KINDS:
            artefact = referenced_id(key) or key
            names = [artefact, "*"] if kind == "concept_scheme" else [artefact]
            datasets.update(connection.execute(select(search_uses.c.dataset_id).where(
                search_uses.c.kind == kind, search_uses.c.record_id.in_(names))).scalars())
    _index(connection, sorted(datasets), catalogue, now or datetime.now(timezone.utc))


def rebuild(connection: Connection) -> None:
    """The whole index made again from the records (and its version noted)."""
    for table in (search_titles, search_facets, search_uses):
        connection.execute(delete(table))
    if connection.dialect.name != "postgresql":
        connection.execute(text("DELETE FROM search_text"))
    connection.execute(delete(search_datasets))
    ids = list(connection.execute(select(records.c.record_id).where(records.c.kind == "dataset")).scalars())
    for start in range(0, len(ids), BATCH):
        _index(connection, ids[start:start + BATCH], None, None)
    counts.recount(connection, datetime.now(timezone.utc))
    connection.execute(delete(settings).where(settings.c.name == VERSION_SETTING))
    connection.execute(insert(settings).values(name=VERSION_SETTING, value=SEARCH_VERSION))


def current(connection: Connection) -> bool:
    """Whether the index was made by this version of the catalogue."""
    value = connection.execute(select(settings.c.value).where(settings.c.name == VERSION_SETTING)).scalar()
    return value == SEARCH_VERSION


def _index(connection: Connection, dataset_ids: list[str], catalogue: Catalogue | None, now: datetime | None
           ) -> None:
    """Index the published datasets among ``dataset_ids`` again, and keep the facet counts with them as of ``now``
    (``None``: the whole index is being made again, and counted at its end)."""
    if not dataset_ids:
        return
    as_of = counts.advance(connection, now) if now is not None else None
    if as_of is not None:
        counts.removing(connection, dataset_ids, as_of)
    _remove(connection, dataset_ids)
    info, found = _records(connection, dataset_ids, catalogue)
    if info is None or not found:
        return
    shared = _shared(connection, found, info, catalogue)
    terms = _terms(connection, found, info, catalogue)
    kept: list[tuple[str, str]] = []
    for dataset in found:
        document = search_document(dataset, terms.get(dataset.terms), shared, info.default_language,
                                   info.languages)
        _write(connection, document)
        if as_of is not None and counts.counted(document.release_time, as_of):
            kept += [counts.DATASETS, *document.facets]
    if kept:
        counts.adding(connection, kept)


def _remove(connection: Connection, dataset_ids: list[str]) -> None:
    if connection.dialect.name != "postgresql":
        rows = connection.execute(select(search_datasets.c.id).where(search_datasets.c.dataset_id.in_(dataset_ids)))
        ids = [{"id": row_id} for row_id in rows.scalars()]
        if ids:
            connection.execute(text("DELETE FROM search_text WHERE rowid = :id"), ids)
    for table in (search_titles, search_facets, search_uses, search_datasets):
        connection.execute(delete(table).where(table.c.dataset_id.in_(dataset_ids)))


def _context(info: CatalogueInfo) -> dict[str, Any]:
    return {"default_language": info.default_language, "languages": info.languages}


def _records(connection: Connection, dataset_ids: list[str], catalogue: Catalogue | None
             ) -> tuple[CatalogueInfo | None, list[Dataset]]:
    """The catalogue's description and the published datasets among ``dataset_ids``."""
    if catalogue is not None:
        return catalogue.info, [catalogue.datasets[i] for i in dataset_ids if i in catalogue.datasets
                                and catalogue.datasets[i].status == "published"]
    info_document = connection.execute(select(records.c.document).where(records.c.kind == "catalogue")).scalar()
    if info_document is None:
        return None, []
    info = CatalogueInfo.model_validate(json.loads(info_document))
    rows = connection.execute(select(records.c.document).where(
        records.c.kind == "dataset", records.c.status == "published", records.c.record_id.in_(dataset_ids)))
    return info, [Dataset.model_validate_json(document, context=_context(info)) for document in rows.scalars()]


def _shared(connection: Connection, datasets: list[Dataset], info: CatalogueInfo, catalogue: Catalogue | None
            ) -> Shared:
    """The codelists and concept schemes the datasets' variables may name (every version of each codelist named)."""
    if catalogue is not None:
        return Shared.of(catalogue.codelists, catalogue.concept_schemes, info.publisher)
    named = {referenced_id(v.codelist) for d in datasets for v in d.variables if v.codelist}
    codelists: dict[str, Codelist] = {}
    if named:
        found = connection.execute(select(records.c.record_id, records.c.document).where(
            records.c.kind == "codelist", or_(*(records.c.record_id.like(f"%:{_like(n)}(%", escape="\\")
                                                for n in named if n))))
        codelists = {row.record_id: Codelist.model_validate_json(row.document, context=_context(info))
                     for row in found}
    schemes = {row.record_id: ConceptScheme.model_validate_json(row.document, context=_context(info))
               for row in connection.execute(select(records.c.record_id, records.c.document)
                                             .where(records.c.kind == "concept_scheme"))}
    return Shared.of(codelists, schemes, info.publisher)


def _terms(connection: Connection, datasets: list[Dataset], info: CatalogueInfo, catalogue: Catalogue | None
           ) -> dict[str, TermsOfUse]:
    if catalogue is not None:
        return dict(catalogue.terms)
    wanted = sorted({dataset.terms for dataset in datasets})
    rows = connection.execute(select(records.c.record_id, records.c.document).where(
        records.c.kind == "terms", records.c.record_id.in_(wanted)))
    return {row.record_id: TermsOfUse.model_validate_json(row.document, context=_context(info)) for row in rows}


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _write(connection: Connection, document: SearchDocument) -> None:
    row_id = connection.execute(insert(search_datasets).values(
        dataset_id=document.dataset_id, modified=document.modified or EARLIEST,
        release_time=document.release_time.astimezone(timezone.utc) if document.release_time else None,  # SQLite
        # keeps no offset: every moment in UTC, as the records' release times and the server's clock
        shown=json.dumps(document.shown, ensure_ascii=False, sort_keys=True))
        .returning(search_datasets.c.id)).scalar_one()
    titles, bodies = " ".join(document.titles.values()), " ".join(document.bodies.values())
    if connection.dialect.name == "postgresql":
        parts, values = [], {"id": row_id, "titles": titles, "bodies": bodies}
        for number, language in enumerate(sorted(set(document.titles) | set(document.bodies))):
            values[f"c{number}"] = configuration(connection, language)
            values[f"t{number}"], values[f"b{number}"] = document.titles.get(language, ""), \
                document.bodies.get(language, "")
            parts += [f"setweight(to_tsvector(CAST(:c{number} AS regconfig), :t{number}), 'A')",
                      f"setweight(to_tsvector(CAST(:c{number} AS regconfig), :b{number}), 'B')"]
        parts += ["setweight(to_tsvector('simple', :titles), 'A')", "setweight(to_tsvector('simple', :bodies), 'B')"]
        connection.execute(text(f"UPDATE search_datasets SET vector = {' || '.join(parts)} WHERE id = :id"), values)
    else:
        connection.execute(text("INSERT INTO search_text (rowid, title, body) VALUES (:id, :title, :body)"),
                           {"id": row_id, "title": titles, "body": bodies})
    connection.execute(insert(search_titles), [{"language": language, "sort_title": title,
                                                "dataset_id": document.dataset_id}
                                               for language, title in document.sort_titles.items()])
    connection.execute(insert(search_facets), [{"facet": f, "value": v, "dataset_id": document.dataset_id}
                                               for f, v in sorted({counts.DATASETS, *document.facets})])
    if document.uses:
        connection.execute(insert(search_uses), [{"kind": k, "record_id": r, "dataset_id": document.dataset_id}
                                                 for k, r in sorted(document.uses)])
