"""DDI-Codebook writing: time and memory as the number of variables and categories grows.

    python benchmarks/ddi_codebook.py

Each size runs in a fresh subprocess: it builds the public view of one dataset with V variables, each
coded by a codelist of C codes (names and descriptions in two languages), then streams its DDI-Codebook
2.5 to a file. Printed: the codebook's size, the write time, and the peak memory before the write (the
records) and after it, whose difference is the writer's own, which should not grow with V × C.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import peak_rss_mb  # noqa: E402

SIZES = [(100, 100), (1_000, 100), (100, 10_000), (1_000, 1_000), (10, 100_000)]


def one(variables: int, codes: int) -> None:
    from catalogue.formats.ddi import DdiBuilder
    from catalogue.model import Codelist, Dataset
    from catalogue.policy.view import PublicView
    from synthetic import AS_OF, CONTEXT, synthetic_view

    base = synthetic_view(0)
    codelists = {f"CL_{k}": Codelist.model_validate({
        "id": f"CL_{k}", "agency": "NSO", "name": {"en": f"List {k}", "fr": f"Liste {k}"},
        "codes": [{"id": f"C{i}", "name": {"en": f"Code {i}", "fr": f"Code {i} (fr)"},
                   "description": {"en": f"About code {i}", "fr": f"À propos du code {i}"},
                   **({"parent": f"C{i // 10}"} if i >= 10 else {})} for i in range(codes)]}, context=CONTEXT)
        for k in range(max(1, min(variables, 10)))}
    dataset = Dataset.model_validate({
        "id": "DS_BIG", "status": "published", "title": {"en": "Big", "fr": "Grand"},
        "description": {"en": "A wide survey.", "fr": "Une enquête large."}, "publisher": "NSO",
        "terms": "OPEN", "licence": "CC-BY-4.0",
        "variables": [{"id": f"V{i}", "label": {"en": f"Variable {i}", "fr": f"Variable {i} (fr)"},
                       "role": "other", "data_type": "string", "codelist": f"CL_{i % len(codelists)}"}
                      for i in range(variables)],
        "distributions": [{"id": "CSV", "format": "CSV", "download_url": "https://stats.example.org/big.csv"}],
    }, context=CONTEXT)
    view = PublicView(info=base.info, as_of=AS_OF, agencies=base.agencies, licences=base.licences,
                      terms=base.terms, concept_schemes={}, codelists=codelists, datasets={"DS_BIG": dataset})
    before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "big.xml"
        start = time.perf_counter()
        with target.open("wb") as stream:
            DdiBuilder(view, Path(folder)).write(dataset, stream)
        seconds = time.perf_counter() - start
        size = target.stat().st_size
    print(json.dumps({"seconds": seconds, "before_mb": before, "after_mb": peak_rss_mb(), "mb": size / 1e6}))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        return one(int(sys.argv[2]), int(sys.argv[3]))
    print(f"{'variables':>10}{'codes':>9}{'categories':>12}{'MB':>8}{'seconds':>9}{'records MB':>12}{'writer MB':>11}")
    for variables, codes in SIZES:
        output = subprocess.run([sys.executable, __file__, "--one", str(variables), str(codes)], check=True,
                                capture_output=True, text=True).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        print(f"{variables:>10,}{codes:>9,}{variables * codes:>12,}{figures['mb']:>8.1f}{figures['seconds']:>9.2f}"
              f"{figures['before_mb']:>12.0f}{figures['after_mb'] - figures['before_mb']:>11.1f}")


if __name__ == "__main__":
    main()
