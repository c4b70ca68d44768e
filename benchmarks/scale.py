"""The main job at scale: `check` (with a cold parse cache, then a warm one) and `build` of a generated record
folder of N datasets, a rebuild with nothing changed and one after editing a dataset, each with its wall time and peak memory; and the record reader next to
the pure-Python ruamel.yaml reader it replaced, on the same files, in the same run.

    python benchmarks/scale.py --datasets 1000 10000 [--validate 10000]

Each size's folder is written from the synthetic catalogue of ``benchmarks/synthetic.py`` (10 variables, 3
distributions, every text in two languages, shared codelists), one dataset at a time. Every command runs in a
fresh process under ``/usr/bin/time`` (wall seconds, maximum resident memory). The last lines give the time per
1,000 datasets at each size (linear growth keeps it flat) and the readers' ratio; ``catalogue validate`` of the
sites up to ``--validate`` datasets is timed too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

AS_OF = "2026-01-01T00:00:00Z"
READER_SAMPLE = 300
"""Record files read by each YAML reader (ruamel's pure-Python composer takes tens of ms per file)."""


def write_folder(n: int, root: Path) -> Path:
    from catalogue.model import Catalogue
    from catalogue.records.writer import write_catalogue
    from synthetic import synthetic_view

    view = synthetic_view(n)
    folder = root / f"records-{n}"
    write_catalogue(Catalogue.model_construct(
        info=view.info, agencies=dict(view.agencies), licences=dict(view.licences), terms=dict(view.terms),
        concept_schemes=dict(view.concept_schemes), codelists=dict(view.codelists), releases={},
        datasets=view.datasets), folder)
    return folder


def timed(*arguments: str) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``catalogue ARGUMENTS`` in a fresh process."""
    run = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "catalogue", *arguments],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"catalogue {' '.join(arguments)} failed:\n{run.stdout[-800:]}\n{run.stderr[-800:]}")
    seconds, kilobytes = run.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024


def edit_one(folder: Path) -> None:
    path = sorted((folder / "datasets").glob("*.yaml"))[len(list((folder / "datasets").glob("*.yaml"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Synthetic table", "Edited synthetic table", 1), encoding="utf-8")


def readers(folder: Path) -> tuple[float, float]:
    """Milliseconds per record file: our reader, and ruamel.yaml's pure-Python composer (the one it replaced)."""
    from ruamel.yaml import YAML

    from catalogue.records.yamlsource import read_yaml_file

    files = sorted((folder / "datasets").glob("*.yaml"))[:READER_SAMPLE]
    os.environ["CATALOGUE_CACHE"] = "off"  # the parser itself, not the parse cache
    start = time.perf_counter()
    for path in files:
        read_yaml_file(path)
    ours = (time.perf_counter() - start) / len(files) * 1000
    del os.environ["CATALOGUE_CACHE"]
    ruamel = YAML(typ="rt", pure=True)
    start = time.perf_counter()
    for path in files:
        ruamel.compose(path.read_text(encoding="utf-8"))
    theirs = (time.perf_counter() - start) / len(files) * 1000
    return ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--validate", type=int, default=10000,
                        help="also time `catalogue validate` of the sites of at most this many datasets")
    args = parser.parse_args()
    columns = ("check", "check again", "build", "rebuild, unchanged", "rebuild, one edit")
    print(f"{'datasets':>9}" + "".join(f"{name + ' s':>22}{'MB':>8}" for name in columns))
    per_thousand: dict[int, list[float]] = {}
    validated: dict[int, tuple[float, float]] = {}
    reader_figures = None
    with tempfile.TemporaryDirectory() as temporary:
        for n in args.datasets:
            folder = write_folder(n, Path(temporary))
            site = Path(temporary) / f"site-{n}"
            os.environ["CATALOGUE_CACHE_DIR"] = str(Path(temporary) / f"parse-cache-{n}")  # cold at first
            figures = [timed("check", str(folder)), timed("check", str(folder))]
            figures.append(timed("build", str(folder), "--out", str(site), "--quiet", "--as-of", AS_OF))
            figures.append(timed("build", str(folder), "--out", str(site), "--quiet", "--as-of", AS_OF))
            edit_one(folder)
            figures.append(timed("build", str(folder), "--out", str(site), "--quiet", "--as-of", AS_OF))
            print(f"{n:>9,}" + "".join(f"{seconds:>22.1f}{mb:>8.0f}" for seconds, mb in figures), flush=True)
            per_thousand[n] = [seconds / n * 1000 for seconds, _ in figures]
            if n <= args.validate:
                validated[n] = timed("validate", str(site))
            if reader_figures is None:
                reader_figures = readers(folder)
    for n, (seconds, mb) in validated.items():
        print(f"validate, {n:,} datasets: {seconds:.1f} s, {mb:.0f} MB (the official validators across the cores)")
    print("\nseconds per 1,000 datasets:")
    for n, values in per_thousand.items():
        print(f"{n:>9,}" + "".join(f"{value:>22.2f}{'':>8}" for value in values))
    if reader_figures:
        ours, theirs = reader_figures
        print(f"\nreading a dataset's record file: ours {ours:.1f} ms, ruamel.yaml (pure Python) {theirs:.1f} ms: "
              f"{theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
