"""``catalogue serve`` under load, on SQLite and PostgreSQL, next to a static file served by the same server.

    python benchmarks/serve.py --datasets 100000
    python benchmarks/serve.py --datasets 10000 --backends sqlite --requests 50

For each backend and each size (10,000 and ``--datasets``): a synthetic store (5 % drafts, 5 %
embargoed until 2099, the rest public) is written with ``Store.load`` in a subprocess (time and peak
memory), then served by one uvicorn worker in another, which also serves ``/static/`` from a folder.
A client on 127.0.0.1 (one connection, requests one after another, gzip as harvesters ask) measures:

- a full harvest of ``/catalog.ttl`` through ``hydra:next`` (pages of 100): time per 1,000 datasets at
  each size (linear when the two agree);
- at the largest size, p50/p99 latency and requests per second of a DCAT page of 100 datasets and of a
  dataset document, and the time of ``/data.json``: until it is ready (made in the background) and then
  served from its file, next to the same bytes fetched from ``/static/``; and the server's peak memory
  before and after it is made.

Then, at the largest size, ``catalogue serve --workers 2`` (as deployed) under concurrent load, next to nginx
serving the same bytes from files (``wrk``, at concurrency 1, 8, 32 and 128; ``--concurrency`` to choose): a
dataset page made the first time (a different dataset each request), a kept dataset page, the catalogue's first
page, its search index, the sitemap, an SDMX-REST codelist query and ``/health``; for each, requests per second,
p50 and p99, answers refused (503) or failed, whether a worker was lost, and each worker's peak memory. The time
until each whole-catalogue document (the SDMX structure file included) is ready is measured once.

`catalogue load` of a folder adds the reading and checking of its YAML files (``benchmarks`` of the scale
issue measure those); ``--cli-load N`` times it too, on a generated folder of N datasets.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402

POSTGRES_ADMIN = os.environ.get("CATALOGUE_POSTGRES_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PAGE_SIZE = 100
NEXT = re.compile(r"hydra:next <([^>]+)>")
EMBARGO = datetime(2099, 1, 1, tzinfo=timezone.utc)


def hidden_kind(index: int) -> str | None:
    """5 % drafts, 5 % embargoed, the rest public."""
    return {0: "draft", 1: "embargoed"}.get(index % 20)


def public_count(n: int) -> int:
    return sum(1 for i in range(n) if hidden_kind(i) is None)


# -- subprocesses ---------------------------------------------------------------------------------
def fill(url: str, n: int) -> None:
    """Write a synthetic store of ``n`` datasets; print seconds and peak memory as JSON."""
    from catalogue.model import Catalogue
    from catalogue.store import open_store
    from synthetic import LazyDatasets, make_dataset, synthetic_view

    class Datasets(LazyDatasets):
        def __getitem__(self, key: str):  # type: ignore[no-untyped-def]
            index = int(key.split("_")[1])
            dataset = make_dataset(index)
            kind = hidden_kind(index)
            if kind == "draft":
                return dataset.model_copy(update={"status": "draft"})
            if kind == "embargoed":
                return dataset.model_copy(update={"release_time": EMBARGO})
            return dataset

        def values(self):  # type: ignore[no-untyped-def]
            return (self[key] for key in self)

    baseline = peak_rss_mb()
    view = synthetic_view(n)
    catalogue = Catalogue.model_construct(
        info=view.info, agencies=dict(view.agencies), licences=dict(view.licences), terms=dict(view.terms),
        concept_schemes=dict(view.concept_schemes), codelists=dict(view.codelists), datasets=Datasets(n))
    start = time.perf_counter()
    store = open_store(url)
    report = store.load(catalogue, Path("."), "benchmark", "synthetic catalogue")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_rss_mb(), "baseline_mb": baseline,
                      "revisions": report.revisions}))


def serve(url: str, port: int, static: str) -> None:
    """One uvicorn worker: the catalogue, and ``/static/`` from a folder."""
    import uvicorn
    from fastapi.staticfiles import StaticFiles

    from catalogue.server import create_app
    from catalogue.store import open_store

    app = create_app(open_store(url), base_url=f"http://127.0.0.1:{port}/")  # hydra:next leads back here
    app.mount("/static", StaticFiles(directory=static), name="static")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# -- the client -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(client: Any) -> None:
    """Until the server answers ``/health`` (two minutes at most)."""
    import httpx

    for _ in range(600):
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)


def rss_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(client: Any, path: str, until_ready: bool = False) -> tuple[float, bytes]:
    """The seconds of one answer and its body; ``until_ready``: of the answers until one is not a 503 (a document
    of the whole catalogue made in the background meanwhile)."""
    start = time.perf_counter()
    response = client.get(path)
    while until_ready and response.status_code == 503:
        time.sleep(0.5)
        response = client.get(path)
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    return seconds, response.content


def summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000, "rps": len(ordered) / sum(ordered)}


def harvest(client: Any) -> tuple[float, int, list[float], bytes]:
    """Follow hydra:next from the first page: (seconds, pages, each page's seconds, the first page)."""
    path: str | None = f"/catalog.ttl?page_size={PAGE_SIZE}"
    times: list[float] = []
    first = b""
    while path:
        seconds, body = timed(client, path)
        times.append(seconds)
        first = first or body
        found = NEXT.search(body.decode())
        path = None
        if found:
            link = urlsplit(found.group(1))
            path = f"{link.path}?{link.query}"
    return sum(times), len(times), times, first


def measure_server(url: str, n: int, requests: int, detailed: bool) -> dict[str, Any]:
    import httpx

    static = Path(tempfile.mkdtemp(prefix="bench-static-"))
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "_serve", url, str(port), str(static)])
    result: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            wait_until_up(client)
            seconds, pages, page_times, first_page = harvest(client)
            expected_pages = -(-public_count(n) // PAGE_SIZE)
            if pages != expected_pages:
                raise SystemExit(f"harvest: {pages} pages, expected {expected_pages}")
            tenth = max(1, pages // 10)
            result["harvest"] = {"seconds": seconds, "pages": pages,
                                 "ms_per_1000_datasets": seconds / public_count(n) * 1e6,
                                 "first_tenth_p50_ms": statistics.median(page_times[:tenth]) * 1000,
                                 "last_tenth_p50_ms": statistics.median(page_times[-tenth:]) * 1000}
            if not detailed:
                return result
            result["page_rendered"] = summary(page_times)
            result["page_kept"] = summary([timed(client, f"/catalog.ttl?page_size={PAGE_SIZE}")[0]
                                           for _ in range(requests)])
            (static / "page.ttl").write_bytes(first_page)
            result["page_static"] = summary([timed(client, "/static/page.ttl")[0] for _ in range(requests)])
            public = [f"DS_{i:07d}" for i in range(n) if hidden_kind(i) is None]
            chosen = random.Random(1).sample(public, min(requests, len(public)))
            result["dataset_rendered"] = summary([timed(client, f"/datasets/{d}.ttl")[0] for d in chosen])
            result["dataset_kept"] = summary([timed(client, f"/datasets/{chosen[0]}.ttl")[0]
                                              for _ in range(requests)])
            (static / "dataset.ttl").write_bytes(timed(client, f"/datasets/{chosen[0]}.ttl")[1])
            result["dataset_static"] = summary([timed(client, "/static/dataset.ttl")[0] for _ in range(requests)])
            before = rss_peak_mb(process.pid)
            rendered, body = timed(client, "/data.json", until_ready=True)
            result["data_json"] = {"rendered_s": rendered, "mb": len(body) / 1e6, "server_peak_mb_before": before,
                                   "server_peak_mb_after": rss_peak_mb(process.pid)}
            if len(json.loads(body)["dataset"]) != public_count(n):
                raise SystemExit("data.json: wrong number of datasets")
            kept = [timed(client, "/data.json") for _ in range(3)]
            if any(b != body for _, b in kept):
                raise SystemExit("data.json: a kept answer differs")
            result["data_json"]["kept_s"] = statistics.median(s for s, _ in kept)
            (static / "data.json").write_bytes(body)
            result["data_json"]["static_s"] = statistics.median(timed(client, "/static/data.json")[0]
                                                                for _ in range(3))
            result["server_peak_mb"] = rss_peak_mb(process.pid)
    finally:
        process.terminate()
        process.wait(30)
        shutil.rmtree(static, ignore_errors=True)
    return result


# -- under concurrent load ------------------------------------------------------------------------------
LOADED = (("dataset page, made", "/datasets/{id}/index.html", "rendered"),
          ("dataset page, kept", "/datasets/{first}/index.html", None),
          ("catalogue page", "/index.html", None),
          ("search index", "/search-index.json", None),
          ("sitemap", "/sitemap.xml", None),
          ("SDMX-REST codelist", "/sdmx/rest/codelist/all/all/latest", None),
          ("health", "/health", None))
WHOLE = ("/index.html", "/search-index.json", "/sitemap.xml", "/sdmx/rest/codelist/all/all/latest",
         "/sdmx/structure-2.1.xml")
WRK_LINE = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int, seconds: int, script: Path | None = None) -> dict[str, float]:
    """``wrk`` at ``connections`` connections for ``seconds``: requests/s, p50 and p99 (ms), refused and failed."""
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--latency",
               "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    run = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    text = run.stdout
    found = {share: float(value) * UNITS[unit] for share, value, unit in WRK_LINE.findall(text)}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    refused = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    total = re.search(r"(\d+) requests in", text)
    return {"rps": float(rate.group(1)) if rate else 0.0, "p50_ms": found.get("50", float("nan")),
            "p99_ms": found.get("99", float("nan")), "requests": int(total.group(1)) if total else 0,
            "refused": int(refused.group(1)) if refused else 0,
            "failed": sum(int(g) for g in errors.groups()) if errors else 0}


def workers_of(pid: int) -> dict[int, float]:
    """The worker processes of a ``catalogue serve`` (its children's children too) and their peak memory (MB)."""
    found: dict[int, float] = {}
    pending = [pid]
    while pending:
        parent = pending.pop()
        children = Path(f"/proc/{parent}/task/{parent}/children")
        for child in (children.read_text().split() if children.exists() else []):
            pending.append(int(child))
            try:
                found[int(child)] = rss_peak_mb(int(child))
            except FileNotFoundError:
                pass
    return found


def nginx(folder: Path, port: int) -> subprocess.Popen[bytes]:
    """nginx with two workers serving ``folder`` on ``port`` (the baseline: the same bytes from files)."""
    config = folder / "nginx.conf"
    config.write_text(f"""worker_processes 2; daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; keepalive_requests 100000; types {{ }} default_type application/octet-stream;
  client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy; fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
  server {{ listen 127.0.0.1:{port}; root {folder}/www; }} }}
""")
    return subprocess.Popen(["nginx", "-c", str(config), "-p", str(folder)])


def measure_load(url: str, n: int, levels: list[int], seconds: int) -> dict[str, Any]:
    """``catalogue serve --workers 2`` and nginx under ``wrk`` at each concurrency of ``levels``."""
    import httpx

    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    folder.chmod(0o755)  # nginx's workers run as another user: a folder only its owner reads answers 403
    (folder / "www").mkdir(mode=0o755)
    port, static_port = free_port(), free_port()
    process = subprocess.Popen([sys.executable, "-m", "catalogue", "serve", "--db", url, "--workers", "2",
                                "--port", str(port)], stdout=subprocess.DEVNULL)
    baseline = nginx(folder, static_port)
    base = f"http://127.0.0.1:{port}"
    public = [f"DS_{i:07d}" for i in range(n) if hidden_kind(i) is None]
    result: dict[str, Any] = {"first": {}, "load": {}}
    try:
        with httpx.Client(base_url=base, timeout=900) as client:
            wait_until_up(client)
            for path in WHOLE:  # made in the background once per version of the public view: the time until
                for _ in range(2):  # it is ready (refused with 503 meanwhile), then a second answer
                    result["first"].setdefault(path, []).append(timed(client, path, until_ready=True)[0])
            result["first_peak_mb"] = workers_of(process.pid)
            ids = random.Random(2).sample(public, min(len(public), 50_000))
            script = folder / "ids.lua"
            script.write_text("ids = {" + ",".join(f'"{i}"' for i in ids) + "}\ncounter = 0\n"
                              "request = function()\n counter = counter + 1\n"
                              " return wrk.format(nil, \"/datasets/\" .. ids[(counter % #ids) + 1] .. \"/index.html\")\n"
                              "end\n")
            for name, path, kind in LOADED:
                concrete = path.format(id=ids[0], first=public[0])
                body = client.get(concrete).content
                target = folder / "www" / concrete.lstrip("/").replace("?", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
                client.get(concrete)  # kept by the other worker too
                workers = set(workers_of(process.pid))
                for level in levels:
                    served = wrk(base + concrete, level, seconds, script if kind == "rendered" else None)
                    static = wrk(f"http://127.0.0.1:{static_port}{concrete}", level, seconds)
                    if static["refused"]:
                        raise SystemExit(f"nginx answered {static['refused']} requests for {concrete} with an error: "
                                         "the baseline would be wrong")
                    lost = workers - set(workers_of(process.pid))
                    result["load"][f"{name} @{level}"] = {"served": served, "nginx": static, "lost": len(lost)}
                    workers = set(workers_of(process.pid))
            result["peak_mb"] = workers_of(process.pid)
    finally:
        process.terminate()
        baseline.terminate()
        process.wait(30)
        baseline.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    return result


def print_load(result: dict[str, Any]) -> None:
    for path, times in result["first"].items():
        print(f"{path} ready after " + ", then ".join(f"{t:.2f} s" for t in times))
    print("workers' peak memory after them: " + ", ".join(f"{mb:.0f} MB" for mb in result["first_peak_mb"].values()))
    print(f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'503':>6} {'failed':>6} {'lost':>4} | "
          f"{'nginx req/s':>11} {'p50 ms':>7} {'p99 ms':>7}")
    for name, row in result["load"].items():
        s, g = row["served"], row["nginx"]
        print(f"{name:28} {s['rps']:8.0f} {s['p50_ms']:8.1f} {s['p99_ms']:8.1f} {s['refused']:6d} {s['failed']:6d} "
              f"{row['lost']:4d} | {g['rps']:11.0f} {g['p50_ms']:7.1f} {g['p99_ms']:7.1f}")
    print("workers' peak memory: " + ", ".join(f"{mb:.0f} MB" for mb in result["peak_mb"].values()))


def database(backend: str, folder: Path, n: int) -> tuple[str, Any]:
    """A new empty database: (URL, a function that removes it)."""
    if backend == "sqlite":
        path = folder / f"catalogue-{n}.db"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import sqlalchemy as sa

    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"catalogue_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return admin.url.set(database=name).render_as_string(hide_password=False), drop


def cli_load(n: int, folder: Path) -> dict[str, float]:
    """`catalogue load` of a generated folder of ``n`` datasets into a new SQLite file."""
    from catalogue.model import Catalogue
    from catalogue.records.writer import write_catalogue
    from synthetic import synthetic_view

    view = synthetic_view(n)
    source = folder / f"records-{n}"
    write_catalogue(Catalogue.model_construct(
        info=view.info, agencies=dict(view.agencies), licences=dict(view.licences), terms=dict(view.terms),
        concept_schemes=dict(view.concept_schemes), codelists=dict(view.codelists),
        datasets={d.id: d for d in view.datasets.values()}), source)
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "catalogue", "load", str(source),
                          "--db", f"sqlite:///{folder / 'cli.db'}"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"catalogue load failed: {run.stdout[-500:]} {run.stderr[-500:]}")
    return {"seconds": seconds, "peak_mb": int(run.stderr.strip().splitlines()[-1]) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cli-load", type=int, default=0, help="also time `catalogue load` of N datasets")
    parser.add_argument("--concurrency", type=lambda v: [int(x) for x in v.split(",") if x], default=[1, 8, 32, 128],
                        help="connections of the load test, comma-separated ('' for none)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of each load test")
    arguments = parser.parse_args()
    sizes = sorted({min(10_000, arguments.datasets), arguments.datasets})
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    report: dict[str, Any] = {}
    try:
        for backend in arguments.backends.split(","):
            for n in sizes:
                url, remove = database(backend, folder, n)
                try:
                    run = subprocess.run([sys.executable, __file__, "_fill", url, str(n)], capture_output=True,
                                         text=True, check=True)
                    loaded = json.loads(run.stdout.strip().splitlines()[-1])
                    served = measure_server(url, n, arguments.requests, detailed=n == sizes[-1])
                    if n == sizes[-1] and arguments.concurrency:
                        served["under_load"] = measure_load(url, n, arguments.concurrency, arguments.seconds)
                finally:
                    remove()
                report[f"{backend} {n}"] = {"load": loaded, **served}
                print(f"\n== {backend}, {n:,} datasets ({public_count(n):,} public)")
                print(f"store load: {loaded['seconds']:.1f} s, peak {loaded['peak_mb']:.0f} MB "
                      f"(after imports {loaded['baseline_mb']:.0f} MB), {loaded['revisions']:,} revisions")
                h = served["harvest"]
                print(f"full harvest, pages of {PAGE_SIZE}: {h['seconds']:.1f} s for {h['pages']:,} pages = "
                      f"{h['ms_per_1000_datasets']:.0f} ms per 1,000 datasets (page p50 in the first tenth "
                      f"{h['first_tenth_p50_ms']:.0f} ms, in the last {h['last_tenth_p50_ms']:.0f} ms)")
                for name, label in (("page", "DCAT page of 100"), ("dataset", "dataset document")):
                    if f"{name}_static" in served:
                        static = served[f"{name}_static"]
                        for kind in ("rendered", "kept"):
                            row = served[f"{name}_{kind}"]
                            print(f"{label:18} {kind:8}: p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  "
                                  f"{row['rps']:7.1f} req/s  ({row['p50_ms'] / static['p50_ms']:.1f}x static)")
                        print(f"{label:18} static  : p50 {static['p50_ms']:7.1f} ms  p99 {static['p99_ms']:7.1f} ms  "
                              f"{static['rps']:7.1f} req/s")
                if "data_json" in served:
                    d = served["data_json"]
                    print(f"/data.json ({d['mb']:.0f} MB): ready after {d['rendered_s']:.1f} s "
                          f"({d['rendered_s'] / d['static_s']:.1f}x static), kept {d['kept_s']:.2f} s "
                          f"({d['kept_s'] / d['static_s']:.1f}x static), static {d['static_s']:.2f} s; server peak "
                          f"{d['server_peak_mb_before']:.0f} MB before, {d['server_peak_mb_after']:.0f} MB after")
                    print(f"server peak memory: {served['server_peak_mb']:.0f} MB")
                if "under_load" in served:
                    print(f"-- catalogue serve --workers 2 under load (wrk), next to nginx serving the same bytes")
                    print_load(served["under_load"])
        if len(sizes) == 2:
            for backend in arguments.backends.split(","):
                small, large = (report[f"{backend} {n}"]["harvest"]["ms_per_1000_datasets"] for n in sizes)
                print(f"\n{backend}: harvest time per dataset at {sizes[1]:,} / at {sizes[0]:,} = {large / small:.2f}")
        if arguments.cli_load:
            timing = cli_load(arguments.cli_load, folder)
            print(f"\n`catalogue load` of a folder of {arguments.cli_load:,} datasets (SQLite): "
                  f"{timing['seconds']:.1f} s, peak {timing['peak_mb']:.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_fill":
        fill(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_serve":
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()
