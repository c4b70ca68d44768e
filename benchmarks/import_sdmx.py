"""SDMX import: `catalogue import sdmx` of a large codelist and of the largest agency sample, next to pysdmx
and sdmx1 reading the same file, in one run.

    python benchmarks/import_sdmx.py --codes 100000

The codelist message is written first (every code named in English and French). Each reader runs in a fresh subprocess, so its peak resident memory (VmHWM) is its
own: ours reads the message and writes the records into a new catalogue folder (the codelist's record file
included; a codelist whose record file would pass the 500,000 lines `check` reads is refused: 0 codes);
pysdmx (``read_sdmx``) and sdmx1 (``sdmx.read_sdmx``) only read it into their models. Each line
also says how many codes each one read, which must be the same.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples" / "sdmx"


def ours(path: Path) -> int:
    from catalogue.importers.apply import RecordWriter
    from catalogue.importers.from_sdmx import import_sdmx
    from catalogue.importers.new_catalogue import NewCatalogue, new_catalogue_info, start_catalogue
    from catalogue.vocab import vocabulary

    with tempfile.TemporaryDirectory() as folder:
        info = new_catalogue_info(NewCatalogue(["en", "fr"], "BENCH", "https://bench.example.org/", "Benchmark"))
        start_catalogue(Path(folder), info, vocabulary())
        writer = RecordWriter(Path(folder), update=False, dry_run=False)
        import_sdmx([path], writer, terms=None)
        return sum(len(codes) for codes in writer.codelists().values())


def pysdmx_read(path: Path) -> int:
    from pysdmx.io import read_sdmx

    message = read_sdmx(str(path))
    return sum(len(codelist.items) for codelist in message.get_codelists())


def sdmx1_read(path: Path) -> int:
    import sdmx

    message = sdmx.read_sdmx(path)
    return sum(len(codelist) for codelist in message.codelist.values() if not codelist.is_external_reference)


READERS = {"ours (import)": ours, "pysdmx": pysdmx_read, "sdmx1": sdmx1_read}


def run_phase(name: str, path: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--phase", name, "--file", str(path)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}  # type: ignore[dict-item]
    return json.loads(result.stdout)


def big_codelist(n: int, out: Path) -> None:
    """An SDMX-ML 2.1 message of one codelist of ``n`` codes, each named in English and French."""
    with out.open("w", encoding="utf-8") as stream:
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<mes:Structure '
                     'xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
                     'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
                     'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"><mes:Header>'
                     '<mes:ID>BENCH</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2026-01-01T00:00:00</mes:Prepared>'
                     '<mes:Sender id="BENCH"/></mes:Header><mes:Structures><str:Codelists>'
                     '<str:Codelist id="CL_BIG" agencyID="ECB" version="1.0" isFinal="true">'
                     '<com:Name xml:lang="en">Big codelist</com:Name><com:Name xml:lang="fr">Grande liste</com:Name>')
        for i in range(n):
            stream.write(f'<str:Code id="C{i:07d}"><com:Name xml:lang="en">Code {i} &amp; more</com:Name>'
                         f'<com:Name xml:lang="fr">Code {i} et plus</com:Name></str:Code>')
        stream.write("</str:Codelist></str:Codelists></mes:Structures></mes:Structure>\n")


def compare(label: str, path: Path) -> None:
    print(f"\n{label}: {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"{'reader':<16}{'seconds':>10}{'peak RSS (MB)':>15}{'baseline (MB)':>15}{'codes':>10}")
    results = {}
    for name in READERS:
        r = results[name] = run_phase(name, path)
        if "error" in r:
            print(f"{name:<16}  cannot read it: {r['error']}")
            continue
        print(f"{name:<16}{r['seconds']:>10.2f}{r['peak_rss_mb']:>15.1f}{r['baseline_rss_mb']:>15.1f}{int(r['codes']):>10,}")
    mine = results["ours (import)"]
    for name in ("pysdmx", "sdmx1"):
        theirs = results[name]
        if "error" not in theirs and "error" not in mine:
            print(f"ours / {name}: time {mine['seconds'] / theirs['seconds']:.2f}, peak memory above baseline "
                  f"{(mine['peak_rss_mb'] - mine['baseline_rss_mb']) / max(theirs['peak_rss_mb'] - theirs['baseline_rss_mb'], 1):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        baseline = peak_rss_mb()
        start = time.perf_counter()
        codes = READERS[args.phase](args.file)
        print(json.dumps({"seconds": time.perf_counter() - start, "peak_rss_mb": peak_rss_mb(),
                          "baseline_rss_mb": baseline, "codes": codes}))
        return
    with tempfile.TemporaryDirectory() as folder:
        message = Path(folder) / f"codelist-{args.codes}.xml"
        big_codelist(args.codes, message)
        compare(f"a {args.codes:,}-code codelist (names in en and fr)", message)
    samples = sorted(SAMPLES.glob("*.xml"), key=lambda p: p.stat().st_size) if SAMPLES.is_dir() else []
    if samples:
        compare("the largest agency sample", samples[-1])
    else:
        print(f"\n{SAMPLES} is not beside this checkout: the agency sample is not measured")


if __name__ == "__main__":
    main()
