"""Search at scale: the live server's search index (``catalogue.search``) filled with generated datasets, on
PostgreSQL and SQLite, measured against the same queries as a sequential ``ILIKE`` scan in the same run.

    python benchmarks/search.py                                  # 1,000,000 on PostgreSQL, 100,000 on SQLite
    python benchmarks/search.py --postgresql 100000 --sqlite 10000 --repeat 20

What is generated: a statistical office's catalogue in two languages (English and French): titles of a topic,
two breakdowns, a place and a year ("unemployment by age and sex, <place>, 2019"), descriptions of forty words
from a vocabulary of 5,000 (Zipf-distributed, as words are), keywords, variable labels; facets as
``search_document`` writes them (theme, keywords, publisher, formats, licence, access, frequency, series, languages,
years of coverage, source type) and the row that counts the dataset: about eighteen rows per dataset; 5 % embargoed
until 2099 (never found). The rows go into the index's own tables as ``catalogue.search.index`` writes them (a
PostgreSQL ``tsvector`` per dataset with the titles weighted A in each language's configuration and in ``simple``;
SQLite's FTS5 table) by ``COPY``/bulk inserts, the index's secondary indexes dropped and made again after, and the
facet counts kept as of a day before the queries: the **index build** time and size. A base catalogue is loaded
with ``Store.load`` first, and at the end one dataset is **published** with ``Store.load``, while another
connection searches for it every few milliseconds: how long until it is found.

Queries (``run_search``, which also counts every facet of what it finds, as every search page does): one word,
three words, one word with two facet filters, and no words (every released dataset, every facet counted). Each
is run with different words each time (no answer kept between two), at concurrency 1 and 8 (threads, each with
its own connection; the server is measured end to end by ``benchmarks/serve.py``): p50 and p99. The same queries
as a sequential ``ILIKE`` scan of the same texts (with the same release condition, filters, facet counts and
first page) at concurrency 1.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue.model import Catalogue  # noqa: E402
from catalogue.search.counts import DATASETS, recount  # noqa: E402
from catalogue.search.query import SearchQuery, run_search  # noqa: E402
from catalogue.store import open_store  # noqa: E402

POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
AS_OF = datetime(2026, 6, 1, tzinfo=timezone.utc)
LAST_WRITE = datetime(2026, 5, 31, tzinfo=timezone.utc)
"""When the index was last written (the facet counts are kept as of then): a day before the queries."""
EMBARGO = datetime(2099, 1, 1, tzinfo=timezone.utc)
TOPICS = ("population births deaths marriages migration households dwellings census unemployment employment wages "
          "earnings income poverty inflation prices consumption trade exports imports tourism transport energy "
          "emissions waste water agriculture crops livestock fisheries forestry industry construction retail "
          "services enterprises investment debt deficit taxes pensions health hospitals education schools "
          "students graduates crime justice elections culture sport internet households expenditure rents "
          "productivity innovation research patents gdp accounts balance labour vacancies hours absences "
          "disability ageing fertility mortality life expectancy vaccination tobacco alcohol obesity housing "
          "homelessness commuting roads railways aviation shipping ports").split()
BREAKDOWNS = ("age sex region district occupation industry education nationality citizenship status size duration "
              "income quintile household type tenure activity sector product purpose mode origin destination cause "
              "group month quarter").split()
THEMES = ("AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN")
FORMATS = ("CSV", "XLSX", "SDMX-ML", "JSON", "PARQUET", "PDF")
LICENCES = ("CC-BY-4.0", "CC0-1.0", "OGL-UK-3.0", "etalab-2.0", "CC-BY-SA-4.0")
FREQUENCIES = ("annual", "quarterly", "monthly", "weekly", "daily", "irregular", "biennial", "decennial")
SOURCES = ("census", "sample_survey", "administrative", "big_data", "citizen_generated", "mixed")
LANGUAGES = ("en", "fr")


def syllable_words(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct made-up words (place names and the descriptions' vocabulary)."""
    onsets, vowels = "b c d f g k l m n p r s t v z br tr pl st gr".split(), "a e i o u ai ou ei".split()
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """The generated catalogue: dataset ``i`` is the same in every run."""

    def __init__(self) -> None:
        rng = random.Random(35)
        self.places = syllable_words(rng, 2_000)
        self.vocabulary = syllable_words(rng, 5_000)
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocabulary))]  # Zipf
        self.keywords = [f"{topic} {breakdown}" for topic in TOPICS for breakdown in BREAKDOWNS[:6]]

    def dataset(self, index: int) -> dict[str, Any]:
        rng = random.Random(index)
        topic, first, second = rng.choice(TOPICS), rng.choice(BREAKDOWNS), rng.choice(BREAKDOWNS)
        place, year = rng.choice(self.places), rng.randint(1990, 2025)
        title = f"{topic} by {first} and {second}, {place}, {year}"
        words = " ".join(rng.choices(self.vocabulary, self.weights, k=40))
        keywords = rng.sample(self.keywords, 3)
        labels = " ".join(f"{b} of {topic}" for b in (first, second))
        facets = {("theme", rng.choice(THEMES)), ("publisher", f"AGENCY_{rng.randint(1, 20):02d}"),
                  ("licence", rng.choice(LICENCES)), ("access", "public"), ("frequency", rng.choice(FREQUENCIES)),
                  ("series", f"SERIES_{index // 20:06d}"), ("source_type", rng.choice(SOURCES))}
        facets |= {("format", f) for f in rng.sample(FORMATS, rng.randint(1, 3))}
        facets |= {("keyword", f"{language}:{k}") for k in keywords for language in LANGUAGES}
        facets |= {("language", language) for language in LANGUAGES}
        facets |= {("year", str(y)) for y in range(year - rng.randint(0, 2), year + 1)}
        facets.add(DATASETS)  # as the index writes every dataset: its count is the number found
        dataset_id = f"BX_{index:07d}"
        modified = date(year if year < 2026 else 2025, rng.randint(1, 12), rng.randint(1, 28))
        return {
            "id": index + 1_001, "dataset_id": dataset_id, "modified": modified,  # ids after the base catalogue's
            "release_time": EMBARGO if index % 20 == 7 else None,
            "titles": {"en": title, "fr": f"{title} fr"}, "bodies": {
                language: f"{words} {' '.join(keywords)} {labels}" for language in LANGUAGES},
            "facets": sorted(facets),
            "shown": json.dumps({"title": {"en": title, "fr": f"{title} fr"}, "description": {"en": words[:300]},
                                 "publisher": "AGENCY", "modified": modified.isoformat()}),
        }


# -- the index, filled --------------------------------------------------------------------------------------------
def base_catalogue(extra: int | None = None) -> Catalogue:
    """The shared records of the synthetic catalogue and three datasets (``extra``: one more, to publish)."""
    from synthetic import make_dataset, synthetic_view

    view = synthetic_view(3)
    datasets = {d.id: d for d in view.datasets.values()}
    if extra is not None:
        published = make_dataset(extra)
        published = published.model_copy(update={"title": {"en": "Zyxwvut published now", "fr": "Zyxwvut publié"}})
        datasets[published.id] = published
    return Catalogue.model_construct(info=view.info, agencies=dict(view.agencies), licences=dict(view.licences),
                                     terms=dict(view.terms), concept_schemes=dict(view.concept_schemes),
                                     codelists=dict(view.codelists), datasets=datasets)


def chunks(generator: Generator, n: int, size: int = 20_000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, n, size):
        yield [generator.dataset(i) for i in range(start, min(n, start + size))]


def fill_postgresql(engine: sa.Engine, generator: Generator, n: int) -> dict[str, float]:
    """The index of ``n`` datasets by COPY, its secondary indexes made after; seconds of each phase and sizes."""
    with engine.begin() as connection:
        made = [(row.indexname, row.indexdef) for row in connection.execute(sa.text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename IN "
            "('search_datasets', 'search_titles', 'search_facets') AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname)"))]
        for name, _ in made:
            connection.execute(sa.text(f'DROP INDEX "{name}"'))
        connection.execute(sa.text("CREATE UNLOGGED TABLE bench_text (id integer, dataset_id text, release_time "
                                   "timestamptz, modified date, shown text, title_en text, title_fr text, "
                                   "body_en text, body_fr text)"))
    start = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for rows in chunks(generator, n):
            with cursor.copy("COPY bench_text FROM STDIN") as copy:  # type: ignore[attr-defined]
                for r in rows:
                    copy.write_row((r["id"], r["dataset_id"], r["release_time"], r["modified"], r["shown"],
                                    r["titles"]["en"], r["titles"]["fr"], r["bodies"]["en"], r["bodies"]["fr"]))
            with cursor.copy("COPY search_titles (language, sort_title, dataset_id) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for r in rows:
                    for language in LANGUAGES:
                        copy.write_row((language, r["titles"][language], r["dataset_id"]))
            with cursor.copy("COPY search_facets (facet, value, dataset_id) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for r in rows:
                    for facet, value in r["facets"]:
                        copy.write_row((facet, value, r["dataset_id"]))
        cursor.execute(
            "INSERT INTO search_datasets (id, dataset_id, release_time, modified, shown, vector) SELECT id, dataset_id, "
            "release_time, modified, shown, setweight(to_tsvector('english', title_en), 'A') || "
            "setweight(to_tsvector('english', body_en), 'B') || setweight(to_tsvector('french', title_fr), 'A') || "
            "setweight(to_tsvector('french', body_fr), 'B') || setweight(to_tsvector('simple', title_en || ' ' || "
            "title_fr), 'A') || setweight(to_tsvector('simple', body_en || ' ' || body_fr), 'B') FROM bench_text")
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_datasets', 'id'), "
                       "(SELECT max(id) FROM search_datasets))")
        raw.commit()
        loaded = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")  # as PostgreSQL's docs advise for building indexes
        for _, definition in made:
            cursor.execute(definition)
        raw.commit()
        raw.driver_connection.autocommit = True  # type: ignore[union-attr]
        for table in ("search_datasets", "search_titles", "search_facets", "bench_text"):
            # what autovacuum does to a table bulk-loaded: statistics and the visibility map, without which an
            # index-only scan of the facets reads the table too
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        raw.driver_connection.autocommit = False  # type: ignore[union-attr]
        with engine.begin() as connection:
            recount(connection, LAST_WRITE)
            connection.execute(sa.text("ANALYZE search_counts"))
        indexed = time.perf_counter()
        cursor.execute("SELECT sum(pg_total_relation_size(t)) FROM unnest(ARRAY['search_datasets', 'search_titles', "
                       "'search_facets', 'search_counts']::regclass[]) t")
        size = (cursor.fetchone() or (0,))[0]
        cursor.execute("SELECT pg_relation_size('bench_text')")
        texts = (cursor.fetchone() or (0,))[0]
    finally:
        raw.close()
    return {"rows_seconds": loaded - start, "indexes_seconds": indexed - loaded, "build_seconds": indexed - start,
            "index_mb": float(size) / 1e6, "texts_mb": float(texts) / 1e6}


def fill_sqlite(path: Path, generator: Generator, n: int) -> dict[str, float]:
    """The index of ``n`` datasets by bulk inserts in one transaction (FTS5 included)."""
    connection = sqlite3.connect(path)
    start = time.perf_counter()
    connection.execute("CREATE TABLE bench_text (dataset_id TEXT PRIMARY KEY, release_time TEXT, title_en TEXT, "
                       "title_fr TEXT, body_en TEXT, body_fr TEXT)")
    for rows in chunks(generator, n):
        connection.executemany(
            "INSERT INTO search_datasets (id, dataset_id, release_time, modified, shown) VALUES (?, ?, ?, ?, ?)",
            [(r["id"], r["dataset_id"], r["release_time"].replace(tzinfo=None).isoformat(sep=" ")
              if r["release_time"] else None, r["modified"].isoformat(), r["shown"]) for r in rows])
        connection.executemany("INSERT INTO search_text (rowid, title, body) VALUES (?, ?, ?)",
                               [(r["id"], " ".join(r["titles"].values()), " ".join(r["bodies"].values()))
                                for r in rows])
        connection.executemany("INSERT INTO search_titles (language, sort_title, dataset_id) VALUES (?, ?, ?)",
                               [(language, r["titles"][language], r["dataset_id"]) for r in rows
                                for language in LANGUAGES])
        connection.executemany("INSERT INTO search_facets (facet, value, dataset_id) VALUES (?, ?, ?)",
                               [(f, v, r["dataset_id"]) for r in rows for f, v in r["facets"]])
        connection.executemany("INSERT INTO bench_text VALUES (?, ?, ?, ?, ?, ?)",
                               [(r["dataset_id"], r["release_time"].replace(tzinfo=None).isoformat(sep=" ")
                                 if r["release_time"] else None, r["titles"]["en"], r["titles"]["fr"],
                                 r["bodies"]["en"], r["bodies"]["fr"]) for r in rows])
    connection.commit()
    connection.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as counting:
        recount(counting, LAST_WRITE)
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("ANALYZE")
    seconds = time.perf_counter() - start
    connection.close()
    return {"build_seconds": seconds, "file_mb": path.stat().st_size / 1e6}


# -- the queries --------------------------------------------------------------------------------------------------
def queries(kind: str, count: int, seed: int) -> list[SearchQuery]:
    """``count`` different queries of one kind."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        topic = rng.choice(TOPICS)
        if kind == "one word":
            made.append(SearchQuery(text=topic))
        elif kind == "three words":
            made.append(SearchQuery(text=f"{topic} {rng.choice(BREAKDOWNS)} {rng.choice(BREAKDOWNS)}"))
        elif kind == "word and two filters":
            made.append(SearchQuery(text=topic, filters=(("theme", (rng.choice(THEMES),)),
                                                         ("year", (str(rng.randint(1995, 2025)),)))))
        else:  # no words: every released dataset, every facet counted
            made.append(SearchQuery(sort=rng.choice(("title", "modified")), limit=rng.choice((10, 20, 50))))
    return made


KINDS = ("one word", "three words", "word and two filters", "no words, every facet counted")


def ilike_search(connection: sa.Connection, query: SearchQuery, as_of: datetime) -> tuple[int, int, int]:
    """The same answer as ``run_search`` (total, facet counts, first page by title) from a sequential scan of the
    texts with ``ILIKE``: (total, facet rows, hits)."""
    conditions = ["(b.release_time IS NULL OR b.release_time <= :as_of)"]
    values: dict[str, Any] = {"as_of": as_of}
    like = "ILIKE" if connection.dialect.name == "postgresql" else "LIKE"  # SQLite's LIKE ignores ASCII case
    for number, word in enumerate(query.terms):
        conditions.append(f"(b.title_en || ' ' || b.body_en || ' ' || b.title_fr || ' ' || b.body_fr) {like} :w{number}")
        values[f"w{number}"] = f"%{word}%"
    for number, (facet, chosen) in enumerate(query.filters):
        conditions.append(f"b.dataset_id IN (SELECT dataset_id FROM search_facets WHERE facet = :f{number} "
                          f"AND value = :v{number})")
        values[f"f{number}"], values[f"v{number}"] = facet, chosen[0]
    matched = f"SELECT b.dataset_id FROM bench_text b WHERE {' AND '.join(conditions)}"
    total = connection.execute(sa.text(f"SELECT count(*) FROM ({matched}) m"), values).scalar_one()
    facets = connection.execute(sa.text(f"SELECT facet, value, count(*) FROM search_facets WHERE dataset_id IN "
                                        f"({matched}) GROUP BY facet, value"), values).all()
    hits = connection.execute(sa.text(f"SELECT b.dataset_id FROM bench_text b WHERE {' AND '.join(conditions)} "
                                      "ORDER BY b.title_en, b.dataset_id LIMIT 21"), values).all()
    return total, len(facets), len(hits)


def timed_runs(engine: sa.Engine, work: Callable[[sa.Connection, SearchQuery], Any], batch: list[SearchQuery],
               concurrency: int) -> dict[str, float]:
    """Each query of ``batch`` once, ``concurrency`` at a time, each thread on its own connection: p50, p99."""
    local = threading.local()
    connections: list[sa.Connection] = []
    lock = threading.Lock()

    def one(query: SearchQuery) -> float:
        if not hasattr(local, "connection"):
            local.connection = engine.connect()
            with lock:
                connections.append(local.connection)
        start = time.perf_counter()
        work(local.connection, query)
        local.connection.rollback()
        return time.perf_counter() - start

    wall = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        seconds = sorted(pool.map(one, batch))
    wall = time.perf_counter() - wall
    for connection in connections:
        connection.close()
    return {"p50_ms": statistics.median(seconds) * 1000,
            "p99_ms": seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))] * 1000,
            "queries_per_second": len(batch) / wall}


def measure_queries(engine: sa.Engine, repeat: int, ilike_repeat: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with engine.connect() as connection:  # warm the caches once, as a running server has them
        for kind in KINDS:
            for query in queries(kind, 3, 0):
                run_search(connection, query, AS_OF)
    for seed, kind in enumerate(KINDS, start=1):
        found: dict[str, Any] = {}
        with engine.connect() as connection:
            sample = run_search(connection, queries(kind, 1, seed)[0], AS_OF)
        found["matches_of_a_sample"] = sample.total
        for concurrency in (1, 8):
            batch = queries(kind, repeat * concurrency, seed * 100 + concurrency)
            found[f"concurrency {concurrency}"] = timed_runs(
                engine, lambda c, q: run_search(c, q, AS_OF), batch, concurrency)
        if ilike_repeat:
            found["ILIKE scan, concurrency 1"] = timed_runs(
                engine, lambda c, q: ilike_search(c, q, AS_OF), queries(kind, ilike_repeat, seed * 100), 1)
        result[kind] = found
    return result


def publish_visible(url: str, engine: sa.Engine) -> dict[str, float]:
    """One dataset published with ``Store.load`` while another connection searches for it: seconds from the start
    of the load until it is found, and from the load's return (its commit) until it is found."""
    found_at: list[float] = []
    stop = threading.Event()

    def look() -> None:
        with engine.connect() as connection:
            while not stop.is_set():
                result = run_search(connection, SearchQuery(text="zyxwvut"), datetime.now(timezone.utc))
                connection.rollback()
                if result.total:
                    found_at.append(time.perf_counter())
                    return
                time.sleep(0.005)

    watcher = threading.Thread(target=look)
    watcher.start()
    store = open_store(url)
    start = time.perf_counter()
    store.load(base_catalogue(extra=9_999_999), Path("."), "benchmark", "publish one")
    committed = time.perf_counter()
    watcher.join(timeout=30)
    stop.set()
    store.engine.dispose()
    if not found_at:
        raise SystemExit("the published dataset was not found within 30 s")
    return {"load_seconds": committed - start, "found_after_start_seconds": found_at[0] - start,
            "found_after_commit_seconds": max(0.0, found_at[0] - committed)}


# -- the runs -----------------------------------------------------------------------------------------------------
def run_postgresql(n: int, repeat: int, ilike_repeat: int, admin_url: str, keep: bool = False) -> dict[str, Any]:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"catalogue_search_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        store = open_store(url)
        store.load(base_catalogue(), Path("."), "benchmark", "base")
        store.engine.dispose()
        engine = sa.create_engine(url, pool_size=10)
        report: dict[str, Any] = {"datasets": n, "index": fill_postgresql(engine, Generator(), n)}
        report["queries"] = measure_queries(engine, repeat, ilike_repeat)
        report["publish"] = publish_visible(url, engine)
        engine.dispose()
        if keep:
            print(f"kept: {url}", flush=True)
        return report
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_sqlite(n: int, repeat: int, ilike_repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        path = Path(folder) / "search.db"
        url = f"sqlite:///{path}"
        store = open_store(url)
        store.load(base_catalogue(), Path("."), "benchmark", "base")
        store.engine.dispose()
        report: dict[str, Any] = {"datasets": n, "index": fill_sqlite(path, Generator(), n)}
        engine = sa.create_engine(url)
        report["queries"] = measure_queries(engine, repeat, ilike_repeat)
        report["publish"] = publish_visible(url, engine)
        engine.dispose()
        return report


def print_report(backend: str, report: dict[str, Any]) -> None:
    print(f"\n{backend}: {report['datasets']:,} datasets")
    print("  index: " + ", ".join(f"{k} {v:,.1f}" for k, v in report["index"].items()))
    for kind, found in report["queries"].items():
        print(f"  {kind} (a sample matches {found['matches_of_a_sample']:,})")
        for label, figures in found.items():
            if isinstance(figures, dict):
                print(f"    {label:28} p50 {figures['p50_ms']:8.1f} ms   p99 {figures['p99_ms']:8.1f} ms   "
                      f"{figures['queries_per_second']:7.1f} queries/s")
    print("  publish: " + ", ".join(f"{k} {v:.3f}" for k, v in report["publish"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", type=int, default=1_000_000, help="datasets on PostgreSQL (0: none)")
    parser.add_argument("--sqlite", type=int, default=100_000, help="datasets on SQLite (0: none)")
    parser.add_argument("--repeat", type=int, default=25, help="queries of each kind per thread")
    parser.add_argument("--ilike", type=int, default=5, help="queries of each kind as an ILIKE scan")
    parser.add_argument("--admin", default=POSTGRES_ADMIN, help="PostgreSQL URL to create the database with")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database (its URL is printed)")
    arguments = parser.parse_args()
    reports = {}
    if arguments.sqlite:
        reports["SQLite"] = run_sqlite(arguments.sqlite, arguments.repeat, arguments.ilike)
        print_report("SQLite", reports["SQLite"])
    if arguments.postgresql:
        reports["PostgreSQL"] = run_postgresql(arguments.postgresql, arguments.repeat, arguments.ilike,
                                               arguments.admin, arguments.keep)
        print_report("PostgreSQL", reports["PostgreSQL"])
    if arguments.json:
        arguments.json.write_text(json.dumps(reports, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
