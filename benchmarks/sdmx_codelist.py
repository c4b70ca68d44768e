"""SDMX codelist write: our streaming writer (every code with a name and a description in two
languages) against pysdmx ``write_sdmx`` (one language, the only one it writes), in one run.

    python benchmarks/sdmx_codelist.py --codes 100000

Each writer runs in a fresh subprocess so that its peak resident memory (VmHWM) is its own.
Our codes are produced lazily, as a large codelist would be streamed from its source, so the
figure is the writer's; pysdmx needs its whole model in memory. Both outputs are checked
against the official SDMX-ML 2.1 XSD.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402


def ours(n: int, out: Path) -> float:
    from catalogue.formats.sdmx import Structures
    from catalogue.formats.sdmx.dialect import SDMX_21
    from catalogue.formats.sdmx.structures import Ref
    from catalogue.formats.sdmx.writer import export_sdmx
    from catalogue.model import Code, Codelist

    def codes():
        for i in range(n):
            yield Code.model_construct(
                id=f"C{i:07d}", name={"en": f"Code {i} & more", "fr": f"Code {i} et plus"},
                description={"en": f"Description of code {i}", "fr": f"Description du code {i}"},
                parent=f"C{i // 10:07d}" if i >= 10 else None)

    codelist = Codelist.model_construct(id="CL_BIG", agency="BENCH", version="1.0",
                                        name={"en": "Big codelist", "fr": "Grande liste"}, description=None,
                                        ordered=False, valid_from=None, valid_to=None, external_urn=None,
                                        codes=codes())
    ref = Ref("codelist", "BENCH", "CL_BIG", "1.0")
    structures = Structures(sender="BENCH", agencies=[], agency_scheme=None, codelists={ref: codelist})
    start = time.perf_counter()
    with out.open("wb") as stream:
        export_sdmx(structures, stream, SDMX_21, "BENCH", datetime(2026, 1, 1, tzinfo=timezone.utc))
    return time.perf_counter() - start


def pysdmx_write(n: int, out: Path) -> float:
    from pysdmx.io import write_sdmx
    from pysdmx.io.format import Format
    from pysdmx.model import Code, Codelist

    start = time.perf_counter()
    items = [Code(id=f"C{i:07d}", name=f"Code {i} & more", description=f"Description of code {i}")
             for i in range(n)]
    codelist = Codelist(id="CL_BIG", agency="BENCH", version="1.0", name="Big codelist", items=items,
                        is_final=True)
    write_sdmx([codelist], sdmx_format=Format.STRUCTURE_SDMX_ML_2_1, output_path=str(out))
    return time.perf_counter() - start


WRITERS = {"ours": ours, "pysdmx": pysdmx_write}


def run_phase(name: str, n: int, out: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--phase", name, "--codes", str(n), "--out", str(out)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        baseline = peak_rss_mb()
        seconds = WRITERS[args.phase](args.codes, args.out)
        print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline,
                          "bytes": args.out.stat().st_size}))
        return
    from catalogue.conformance.validators import sdmx_xsd_errors

    print(f"codes: {args.codes:,} (ours: name and description in en and fr, with parents; pysdmx: en only)")
    print(f"{'writer':<10}{'seconds':>10}{'peak RSS (MB)':>15}{'baseline (MB)':>15}{'file (MB)':>11}  XSD-valid")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in WRITERS:
            out = Path(folder) / f"{name}.xml"
            results[name] = run_phase(name, args.codes, out)
            valid = not sdmx_xsd_errors(out, "2.1")
            r = results[name]
            print(f"{name:<10}{r['seconds']:>10.2f}{r['peak_rss_mb']:>15.1f}{r['baseline_rss_mb']:>15.1f}"
                  f"{r['bytes'] / 1e6:>11.1f}  {valid}")
    print(f"ours (two languages) / pysdmx (one language), time: "
          f"{results['ours']['seconds'] / results['pysdmx']['seconds']:.2f}")


if __name__ == "__main__":
    main()
