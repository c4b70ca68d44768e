"""The editor under load, on SQLite and PostgreSQL: the form of a dataset with 200 variables (rendered over HTTP),
saving it, and searching a codelist of 100,000 codes as an officer types (p50 and p99 of each).

    python benchmarks/editor.py [--variables 200] [--codes 100000] [--runs 30] [--backends sqlite,postgresql]

Each figure comes with a baseline measured in the same run: the form against the public page of the same
dataset (the site's renderer), the save against the checks alone that it runs, and the indexed search against
a scan of the stored codelist without the index (what every keystroke would cost without it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient
from lxml import html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue.editing.codes import index_codes  # noqa: E402
from catalogue.editing.service import Editing  # noqa: E402
from catalogue.records.loader import read_catalogue  # noqa: E402
from catalogue.server import create_app  # noqa: E402
from catalogue.store import open_store  # noqa: E402
from catalogue.store.accounts import Accounts  # noqa: E402
from catalogue.store.store import Store  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "census"
POSTGRES_ADMIN = os.environ.get("CATALOGUE_POSTGRES_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
PASSWORD = "benchmark password"


def summary(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return summary(seconds)


@contextmanager
def database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"catalogue_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def big_dataset(variables: int) -> dict:
    """A published-looking dataset of the example with ``variables`` variables, every text in two languages."""
    listed = [{"id": "REF_AREA", "label": {"en": "Region", "fr": "Région"}, "role": "dimension",
               "data_type": "string", "codelist": "CL_AREA", "concept": "REF_AREA"}]
    for number in range(1, variables):
        listed.append({"id": f"V{number:03d}", "label": {"en": f"Variable {number}", "fr": f"Variable {number} (fr)"},
                       "description": {"en": f"What variable {number} measures.", "fr": f"Ce que mesure {number}."},
                       "role": "measure" if number == 1 else "attribute", "data_type": "integer",
                       "concept": "OBS_VALUE" if number == 1 else "OBS_STATUS"})
    return {"id": "DS_WIDE", "title": {"en": "A wide table", "fr": "Une table large"},
            "description": {"en": "A table with many variables, to time the editor's form and its checks.",
                            "fr": "Une table avec beaucoup de variables, pour mesurer le formulaire de l'éditeur."},
            "publisher": "BSO", "terms": "OPEN", "variables": listed}


def big_codelist(count: int) -> dict:
    codes = []
    for number in range(count):
        code = {"id": f"C{number:06d}", "name": {"en": f"Place {number}", "fr": f"Lieu {number}"}}
        if number >= 100:
            code["parent"] = f"C{number % 100:06d}"
        codes.append(code)
    return {"id": "CL_PLACES", "agency": "BSO", "version": "1.0", "name": {"en": "Places", "fr": "Lieux"},
            "codes": codes}


def prepared(url: str, variables: int, codes: int) -> tuple[Store, TestClient]:
    store = open_store(url)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "bench", "benchmark")
    accounts = Accounts(store.engine)
    accounts.add_user("ed", PASSWORD)
    accounts.set_role("ed", "BSO", "editor")
    editing = Editing(store, lambda: NOW)
    editing.create("ed", "dataset", big_dataset(variables))
    editing.create("ed", "codelist", big_codelist(codes))
    client = TestClient(create_app(store, lambda: NOW), base_url="https://localhost", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/editor/login").text).group(1)
    client.post("/editor/login", data={"name": "ed", "password": PASSWORD, "csrf_token": token})
    return store, client


def measure(backend: str, variables: int, codes: int, runs: int) -> dict[str, tuple[float, float]]:
    with database(backend) as url:
        store, client = prepared(url, variables, codes)
        editing = Editing(store, lambda: NOW)
        figures: dict[str, tuple[float, float]] = {}

        def form() -> str:
            response = client.get("/editor/dataset/DS_WIDE")
            assert response.status_code == 200, response.status_code
            return response.text

        figures["render the form"] = timed(form, runs)
        figures["  baseline: the public page (preview renderer)"] = timed(
            lambda: client.get("/editor/dataset/DS_WIDE/preview"), runs)

        def save() -> None:
            values = dict(html.fromstring(form()).xpath('//form[@id="record-form"]')[0].form_values())
            values["title.en"] = f"A wide table {random.random()}"
            response = client.post("/editor/dataset/DS_WIDE", data={**values, "action": "save"})
            assert response.status_code == 303, response.status_code

        figures["open, fill and save the form"] = timed(save, runs)
        data = editing.current("dataset", "DS_WIDE").data
        figures["  baseline: the checks alone"] = timed(lambda: editing.check("dataset", data), runs)
        words = [f"Lieu {random.randrange(codes)}" for _ in range(runs)] + [f"c0{random.randrange(99999):05d}"
                                                                            for _ in range(runs)]
        client.get("/editor/codelist/CL_PLACES/codes")  # the index is made once per revision
        queries = iter(words)
        figures["search the codes (as typed)"] = timed(
            lambda: client.get("/editor/codelist/CL_PLACES/codes", params={"q": next(queries)}), 2 * runs)

        def scan() -> None:
            document = editing.current("codelist", "CL_PLACES").data
            index_codes(document["codes"]).search(random.choice(words))

        figures["  baseline: read the codelist and scan it"] = timed(scan, max(3, runs // 5))
        store.engine.dispose()
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variables", type=int, default=200)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgresql")
    arguments = parser.parse_args()
    random.seed(7)
    print(f"editor: a dataset of {arguments.variables} variables, a codelist of {arguments.codes} codes, "
          f"{arguments.runs} runs each")
    results = {backend: measure(backend, arguments.variables, arguments.codes, arguments.runs)
               for backend in arguments.backends.split(",")}
    names = list(next(iter(results.values())))
    print(f"{'':48}" + "".join(f"{backend + ' p50/p99 ms':>26}" for backend in results))
    for name in names:
        print(f"{name:48}" + "".join(f"{results[b][name][0]:>14.1f} / {results[b][name][1]:<9.1f}" for b in results))
    for backend, figures in results.items():
        search, scan = figures["search the codes (as typed)"][0], figures["  baseline: read the codelist and scan it"][0]
        form, page = figures["render the form"][0], figures["  baseline: the public page (preview renderer)"][0]
        print(f"{backend}: indexed search {scan / search:.0f}x faster than reading and scanning the codelist; "
              f"the form costs {form / page:.1f}x the public page")
    print(json.dumps({b: {k.strip(): v for k, v in f.items()} for b, f in results.items()}))


if __name__ == "__main__":
    main()
