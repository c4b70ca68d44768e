"""DCAT-AP export speed and memory: our streaming Turtle and N-Triples writers against rdflib and pyoxigraph
writing the same triples, the same work timed on every side, in one run.

    python benchmarks/dcat_export.py --datasets 1000
    python benchmarks/dcat_export.py --datasets 100000 --ours-only

Two measures per writer, each in a fresh subprocess (peak resident memory, VmHWM, beside the baseline of
the interpreter and its imports):

- **serializer**: the triples of the catalogue are made first (our resources, converted to the library's
  terms for rdflib and pyoxigraph, outside the timing); the time is that of writing them out;
- **end to end**: from the catalogue's records to the file: our builder and writer; or our builder, the
  conversion to the library's terms (rdflib's `Graph.add`, pyoxigraph's `Triple`s) and its serializer.

rdflib's Turtle writer is quadratic on this data (RDFLib/rdflib#1752): `--ours-only` skips rdflib at large
sizes. pyoxigraph (`pip install pyoxigraph`) is skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402

WRITERS = ("ours turtle", "ours nt", "pyoxigraph turtle", "pyoxigraph nt", "rdflib turtle")


def _resources(n: int) -> list[Any]:
    from catalogue.formats.dcat import DcatBuilder
    from synthetic import synthetic_view

    return list(DcatBuilder(synthetic_view(n)).resources())


def _pyoxigraph_triples(resources: list[Any]) -> list[Any]:
    import pyoxigraph as ox

    from catalogue.rdf.terms import IRI
    from catalogue.rdf.writers import _iri_text

    nodes: dict[str, Any] = {}

    def node(iri: str) -> Any:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = ox.NamedNode(_iri_text(iri))
        return found

    def term(value: Any) -> Any:
        if isinstance(value, IRI):
            return node(value)
        if value.language:
            return ox.Literal(value.value, language=value.language)
        return ox.Literal(value.value, datatype=node(value.datatype)) if value.datatype else ox.Literal(value.value)

    return [ox.Triple(node(subject), node(predicate), term(value))
            for subject, statements in resources for predicate, value in statements]


def _rdflib_graph(resources: list[Any]) -> Any:
    import rdflib

    from catalogue.rdf.terms import PREFIXES, IRI
    from catalogue.rdf.writers import _iri_text

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)

    def term(value: Any) -> Any:
        if isinstance(value, IRI):
            return rdflib.URIRef(_iri_text(value))
        return rdflib.Literal(value.value, lang=value.language,
                              datatype=rdflib.URIRef(value.datatype) if value.datatype and not value.language else None)

    for subject, statements in resources:
        for predicate, value in statements:
            graph.add((rdflib.URIRef(_iri_text(subject)), rdflib.URIRef(predicate), term(value)))
    return graph


def _write(writer: str, made: Any, out: Path) -> None:
    library, rdf_format = writer.split()
    if library == "ours":
        from catalogue.rdf import write_rdf

        with out.open("w", encoding="utf-8") as stream:
            write_rdf(made, stream, rdf_format)
    elif library == "pyoxigraph":
        import pyoxigraph as ox

        from catalogue.rdf.terms import PREFIXES

        with out.open("wb") as stream:
            ox.serialize(made, stream, ox.RdfFormat.TURTLE if rdf_format == "turtle" else ox.RdfFormat.N_TRIPLES,
                         prefixes=PREFIXES if rdf_format == "turtle" else None)
    else:
        made.serialize(destination=str(out), format=rdf_format)


def _made(writer: str, resources: list[Any]) -> Any:
    library = writer.split()[0]
    return {"ours": lambda r: r, "pyoxigraph": _pyoxigraph_triples, "rdflib": _rdflib_graph}[library](resources)


def measure(phase: str, n: int, out: Path) -> dict[str, float]:
    """One measured phase in this process: ``<writer>|serializer`` or ``<writer>|end to end``."""
    writer, what = phase.split("|")
    baseline = peak_rss_mb()
    if what == "serializer":
        made = _made(writer, _resources(n))
        start = time.perf_counter()
        _write(writer, made, out)
    else:
        start = time.perf_counter()
        _write(writer, _made(writer, _resources(n)), out)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline,
            "bytes": out.stat().st_size}


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
    try:
        import pyoxigraph  # noqa: F401
        writers = list(WRITERS)
    except ImportError:
        print("pyoxigraph is not installed (pip install pyoxigraph): left out")
        writers = [w for w in WRITERS if not w.startswith("pyoxigraph")]
    if args.ours_only:
        writers = [w for w in writers if not w.startswith("rdflib")]
    triples = sum(len(statements) for _, statements in _resources(min(args.datasets, 100))) * args.datasets // \
        min(args.datasets, 100)
    print(f"datasets: {args.datasets:,} (3 distributions, 10 variables each), about {triples:,} triples")
    print(f"{'writer':<20}{'measure':<13}{'seconds':>9}{'triples/s':>12}{'peak RSS (MB)':>15}{'baseline (MB)':>15}"
          f"{'output (MB)':>13}")
    results: dict[tuple[str, str], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for writer in writers:
            for what in ("serializer", "end to end"):
                result = results[(writer, what)] = run_phase(f"{writer}|{what}", args.datasets,
                                                             Path(folder) / f"{writer.replace(' ', '.')}.out")
                print(f"{writer:<20}{what:<13}{result['seconds']:>9.2f}{triples / result['seconds']:>12,.0f}"
                      f"{result['peak_rss_mb']:>15.1f}{result['baseline_rss_mb']:>15.1f}{result['bytes'] / 1e6:>13.1f}",
                      flush=True)
    for rdf_format in ("turtle", "nt"):
        for other in ("pyoxigraph", "rdflib"):
            for what in ("serializer", "end to end"):
                mine, theirs = results.get((f"ours {rdf_format}", what)), results.get((f"{other} {rdf_format}", what))
                if mine and theirs:
                    print(f"ours / {other}, {rdf_format}, {what}: time {mine['seconds'] / theirs['seconds']:.2f}")


if __name__ == "__main__":
    main()
