"""Issue 15 (hostile inputs): a codelist of very many codes is streamed — from the XML reader (each element freed
once read) through a spool on disk into the record file (each code validated and written in turn) — so an
import's memory does not grow with the codes. Measured in fresh subprocesses (peak resident memory, VmHWM)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from catalogue.importers.spool import Spool

from .conftest import REPO

IMPORT = """
import json, sys, tempfile
from pathlib import Path
from catalogue.importers.apply import RecordWriter
from catalogue.importers.from_sdmx import import_sdmx
from catalogue.importers.new_catalogue import NewCatalogue, new_catalogue_info, start_catalogue
from catalogue.records.loader import read_catalogue
from catalogue.vocab import vocabulary

def peak():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024

n, message = int(sys.argv[1]), Path(sys.argv[2])
with message.open("w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\\n<mes:Structure '
              'xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
              'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
              'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"><mes:Header><mes:ID>BIG</mes:ID>'
              '<mes:Test>false</mes:Test><mes:Prepared>2026-01-01T00:00:00</mes:Prepared><mes:Sender id="T"/>'
              '</mes:Header><mes:Structures><str:Codelists><str:Codelist id="CL_BIG" agencyID="ECB" version="1.0">'
              '<com:Name xml:lang="en">Big</com:Name>')
    for i in range(n):
        out.write(f'<str:Code id="C{i:07d}"><com:Name xml:lang="en">Code {i}</com:Name></str:Code>')
    out.write('</str:Codelist></str:Codelists></mes:Structures></mes:Structure>')
start = peak()
folder = Path(tempfile.mkdtemp())
info = new_catalogue_info(NewCatalogue(["en"], "ECB", "https://bench.example.org/", "Big"))
start_catalogue(folder, info, vocabulary())
writer = RecordWriter(folder, update=False, dry_run=False)
report = import_sdmx([message], writer, terms=None)
grown = peak() - start
codelists = read_catalogue(folder).codelists
codes = codelists["ECB:CL_BIG(1.0)"].codes if "ECB:CL_BIG(1.0)" in codelists else []
print(json.dumps({"grown_mb": grown, "codes": len(codes), "last": codes[-1].id if codes else None,
                  "report": [f"{item.where}: {item.why}" for item in report.unmapped]}))
"""


def imported(codes: int, tmp_path: Path) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", IMPORT, str(codes), str(tmp_path / f"big-{codes}.xml")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout))


def test_codes_past_the_bound_are_read_in_bounded_memory_and_refused_clearly(tmp_path):
    """50,000 codes import (their record file read back whole); 300,000 codes — 6 times as many, two lines each in
    a record file — are read in about the same memory (held in memory they would take hundreds of megabytes), and
    refused with the reason: their record file would pass the bound on what `check` reads, and nothing is left half
    written. (A million codes grew no more in CI; 300,000 keep the suite fast.)"""
    small, large = imported(50_000, tmp_path), imported(300_000, tmp_path)
    assert (small["codes"], small["last"]) == (50_000, "C0049999")
    assert large["codes"] == 0 and any("Codelist[ECB:CL_BIG(1.0)]: not imported: its record file would hold more "
                                       "than 500,000 lines" in line and "300,000 codes" in line
                                       for line in large["report"]), large["report"]
    assert large["grown_mb"] - small["grown_mb"] < 60, (small, large)


def test_the_spool_gives_back_what_it_was_given_in_order():
    spool = Spool(limit=3)
    items = [{"id": f"C{i}", "name": {"en": f"é {i}"}} for i in range(10)]
    for item in items[:2]:
        spool.append(item)
    assert list(spool) == items[:2] and spool.path is None
    for item in items[2:]:
        spool.append(item)
    assert spool.path is not None and Path(spool.path).is_file()
    assert list(spool) == items and list(spool) == items and len(spool) == 10
    path = spool.path
    del spool
    assert not Path(path).exists()  # removed with the spool
