"""SDMX-REST: a 100,000-code codelist asked of ``catalogue serve`` as SDMX-ML 2.1, SDMX-ML 3.0 and SDMX-JSON 2.0,
next to pysdmx writing the same codelist (SDMX-ML 2.1 and SDMX-JSON 2.0) in the same run.

    python benchmarks/sdmx_rest.py --codes 100000 --requests 20

A store (SQLite) holds a small synthetic catalogue whose first codelist has ``--codes`` codes, each with a
name and a description in two languages and a parent (a 10-ary tree). One uvicorn worker serves it in a
subprocess; a client on 127.0.0.1 asks each format ``--requests`` times and prints the first answer's
time, p50/p99 of the repeats, the answer's size, and the server's peak memory (VmHWM) before the first codelist query and after all of them. The first answer
of each format is written (and its time compared with pysdmx's write); repeats are kept by the worker
when under 16 MB, else written again through the spool. pysdmx writes the
same codes (one language: the only one it writes) in a fresh subprocess each, for its time and peak.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402

QUERIES = {
    "SDMX-ML 2.1": ("/sdmx/rest/codelist/NSO/CL_0/latest", "application/vnd.sdmx.structure+xml;version=2.1"),
    "SDMX-ML 3.0": ("/sdmx/v2/structure/codelist/NSO/CL_0/~", "application/vnd.sdmx.structure+xml;version=3.0.0"),
    "SDMX-JSON 2.0": ("/sdmx/v2/structure/codelist/NSO/CL_0/~", "application/vnd.sdmx.structure+json;version=2.0.0"),
}


def code_data(n: int) -> list[dict[str, Any]]:
    return [{"id": f"C{i:07d}", "name": {"en": f"Code {i} & more", "fr": f"Code {i} et plus"},
             "description": {"en": f"Description of code {i}", "fr": f"Description du code {i}"},
             **({"parent": f"C{i // 10:07d}"} if i >= 10 else {})} for i in range(n)]


def fill(url: str, n: int) -> None:
    """A store holding a synthetic catalogue of 20 datasets whose codelist CL_0 has ``n`` codes."""
    from catalogue.model import Catalogue, Codelist
    from catalogue.store import open_store
    from synthetic import CONTEXT, LazyDatasets, synthetic_view

    view = synthetic_view(20)
    big = Codelist.model_validate({"id": "CL_0", "agency": "NSO", "version": "1.0",
                                   "name": {"en": "Big codelist", "fr": "Grande liste"}, "codes": code_data(n)},
                                  context=CONTEXT)
    catalogue = Catalogue.model_construct(
        info=view.info, agencies=dict(view.agencies), licences=dict(view.licences), terms=dict(view.terms),
        concept_schemes=dict(view.concept_schemes), codelists={**view.codelists, "CL_0": big},
        datasets={key: dataset for key, dataset in LazyDatasets(20).items()})
    open_store(url).load(catalogue, Path("."), "benchmark", "a large codelist")


def serve(url: str, port: int) -> None:
    import uvicorn

    from catalogue.server import create_app
    from catalogue.store import open_store

    uvicorn.run(create_app(open_store(url)), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def pysdmx_write(n: int, kind: str) -> None:
    """pysdmx writes the same codes (English only); prints seconds and peak memory as JSON."""
    from pysdmx.model import Code, Codelist

    start = time.perf_counter()
    codes = [Code(id=c["id"], name=c["name"]["en"], description=c["description"]["en"]) for c in code_data(n)]
    codelist = Codelist(id="CL_0", agency="NSO", version="1.0", name="Big codelist", items=codes)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        if kind == "xml":
            from pysdmx.io import write_sdmx
            from pysdmx.io.format import Format

            write_sdmx([codelist], Format.STRUCTURE_SDMX_ML_2_1, output_path=out)
        else:
            from pysdmx.io.json.sdmxjson2.writer.v2_0.structure import write

            write([codelist], output_path=out, prettyprint=False)
        size = out.stat().st_size
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_rss_mb(), "bytes": size}))


def _peak(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {"p50_ms": statistics.median(ordered) * 1000,
            "p99_ms": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--fill", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--pysdmx", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        return fill(args.fill[0], int(args.fill[1]))
    if args.serve:
        return serve(args.serve[0], int(args.serve[1]))
    if args.pysdmx:
        return pysdmx_write(int(args.pysdmx[0]), args.pysdmx[1])

    import httpx

    from serve import free_port

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'rest.db'}"
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--fill", url, str(args.codes)], check=True)
        print(f"store with a {args.codes:,}-code codelist written in {time.perf_counter() - start:.1f} s")
        port = free_port()
        server = subprocess.Popen([sys.executable, __file__, "--serve", url, str(port)])
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
                deadline = time.monotonic() + 120
                while True:
                    try:
                        if client.get("/sdmx/rest/codelist/NSO/CL_1/latest").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        raise SystemExit("the server did not start")
                    time.sleep(0.2)
                before = _peak(server.pid)
                print(f"server peak memory with the store's records loaded: {before:.0f} MB")
                results: dict[str, dict[str, float]] = {}
                for name, (path, media_type) in QUERIES.items():
                    times, size = [], 0
                    for _ in range(args.requests):
                        began = time.perf_counter()
                        response = client.get(path, headers={"Accept": media_type, "Accept-Encoding": "identity"})
                        times.append(time.perf_counter() - began)
                        if response.status_code != 200 or response.headers["content-type"] != media_type:
                            raise SystemExit(f"{name}: {response.status_code} {response.text[:200]}")
                        size = len(response.content)
                    results[name] = {"first_ms": times[0] * 1000, **_summary(times[1:] or times), "mb": size / 1e6}
                after = _peak(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    theirs = {}
    for kind in ("xml", "json"):
        output = subprocess.run([sys.executable, __file__, "--pysdmx", str(args.codes), kind], check=True,
                                capture_output=True, text=True).stdout
        theirs[kind] = json.loads(output.strip().splitlines()[-1])
    print(f"\n{args.codes:,} codes, two languages, names and descriptions, parents; {args.requests} requests each")
    print("(first: written; then p50/p99 of the repeats, kept by the worker when under 16 MB, else written again)")
    print(f"{'answer':<16}{'first ms':>10}{'p50 ms':>10}{'p99 ms':>10}{'MB':>8}")
    for name, figures in results.items():
        print(f"{name:<16}{figures['first_ms']:>10.0f}{figures['p50_ms']:>10.0f}{figures['p99_ms']:>10.0f}"
              f"{figures['mb']:>8.1f}")
    print(f"server peak memory: {before:.0f} MB before the codelist queries, {after:.0f} MB after "
          f"(+{after - before:.0f} MB for {sum(f['mb'] for f in results.values()) * args.requests:,.0f} MB answered)")
    for kind, name in (("xml", "SDMX-ML 2.1"), ("json", "SDMX-JSON 2.0")):
        mine = results[name]["first_ms"] / 1000
        print(f"pysdmx {kind} write of the same codes, English only: {theirs[kind]['seconds']:.2f} s, "
              f"peak {theirs[kind]['peak_mb']:.0f} MB, {theirs[kind]['bytes'] / 1e6:.1f} MB; "
              f"ratio pysdmx write / our first answer: {theirs[kind]['seconds'] / mine:.2f}")


if __name__ == "__main__":
    main()
