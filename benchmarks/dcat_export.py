"""DCAT-AP export speed and memory: our streaming Turtle and N-Triples writers against rdflib's
``Graph.serialize(format="turtle")`` of the same triples, in one run.

    python benchmarks/dcat_export.py --datasets 1000
    python benchmarks/dcat_export.py --datasets 100000 --ours-only

Each measurement runs in a fresh subprocess, so that its peak resident memory (VmHWM) is its
own; the baseline (interpreter plus imports, before any work) is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402


def measure(phase: str, n: int, out: Path) -> dict[str, float]:
    """One measured phase, in this process: returns seconds, peak RSS, triples, bytes."""
    from catalogue.formats.dcat import DcatBuilder
    from catalogue.rdf import write_rdf
    from synthetic import synthetic_view

    baseline = peak_rss_mb()
    view = synthetic_view(n)
    if phase in ("turtle", "nt"):
        start = time.perf_counter()
        with out.open("w", encoding="utf-8") as stream:
            write_rdf(DcatBuilder(view).resources(), stream, phase)
        seconds = time.perf_counter() - start
        triples = None
    elif phase == "rdflib":
        import rdflib

        graph = rdflib.Graph()
        text = tempfile.NamedTemporaryFile("w", suffix=".nt", delete=False, encoding="utf-8")
        with text:
            write_rdf(DcatBuilder(view).resources(), text, "nt")
        graph.parse(text.name, format="nt")
        os.unlink(text.name)
        start = time.perf_counter()
        graph.serialize(destination=str(out), format="turtle")
        seconds = time.perf_counter() - start
        triples = len(graph)
    else:
        raise ValueError(phase)
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline,
            "bytes": out.stat().st_size, "triples": triples}


def run_phase(phase: str, n: int, out: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--phase", phase, "--datasets", str(n), "--out", str(out)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def check_sample(n: int = 20) -> bool:
    """Our Turtle and N-Triples of a sample are isomorphic to rdflib's serialization of the same graph."""
    import io

    import rdflib
    from rdflib.compare import isomorphic

    from catalogue.formats.dcat import DcatBuilder
    from catalogue.rdf import write_rdf
    from synthetic import synthetic_view

    texts = {}
    for name in ("turtle", "nt"):
        stream = io.StringIO()
        write_rdf(DcatBuilder(synthetic_view(n)).resources(), stream, name)
        texts[name] = stream.getvalue()
    ours = rdflib.Graph().parse(data=texts["turtle"], format="turtle")
    theirs = rdflib.Graph().parse(data=ours.serialize(format="turtle"), format="turtle")
    return isomorphic(ours, theirs) and isomorphic(ours, rdflib.Graph().parse(data=texts["nt"], format="nt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--ours-only", action="store_true", help="skip rdflib (it is quadratic on large graphs)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(measure(args.phase, args.datasets, args.out)))
        return
    print(f"sample of 20 datasets isomorphic to rdflib's serialization: {check_sample()}")
    with tempfile.TemporaryDirectory() as folder:
        phases = ["turtle", "nt"] + ([] if args.ours_only else ["rdflib"])
        results = {phase: run_phase(phase, args.datasets, Path(folder) / f"{phase}.out") for phase in phases}
    triples = results.get("rdflib", {}).get("triples")
    print(f"datasets: {args.datasets:,} (3 distributions, 10 variables each)"
          + (f"; triples: {triples:,}" if triples else ""))
    print(f"{'writer':<22}{'seconds':>10}{'per dataset (ms)':>18}{'peak RSS (MB)':>15}{'baseline (MB)':>15}"
          f"{'output (MB)':>13}")
    labels = {"turtle": "ours, Turtle", "nt": "ours, N-Triples", "rdflib": "rdflib Turtle"}
    for phase, result in results.items():
        print(f"{labels[phase]:<22}{result['seconds']:>10.2f}{1000 * result['seconds'] / args.datasets:>18.3f}"
              f"{result['peak_rss_mb']:>15.1f}{result['baseline_rss_mb']:>15.1f}{result['bytes'] / 1e6:>13.1f}")
    if "rdflib" in results:
        for phase in ("turtle", "nt"):
            print(f"speed-up of {labels[phase]} over rdflib Turtle: "
                  f"{results['rdflib']['seconds'] / results[phase]['seconds']:.1f}x")


if __name__ == "__main__":
    main()
