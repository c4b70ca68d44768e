"""``catalogue import spreadsheet``: a codebook kept in a spreadsheet (``.xlsx``, read with openpyxl) or in CSV
files, as a draft dataset with its variables and codelists.

The layout (``--template`` writes it, with a column per language of the catalogue):

- sheet ``dataset`` (``dataset.csv``), one row: ``id``, ``title:<lang>``…, ``description:<lang>``…,
  ``keywords:<lang>`` (separated by ``;``), ``terms``, ``publisher``, ``version``;
- sheet ``variables`` (``variables.csv``), a row per variable: ``name``, ``label:<lang>``…,
  ``description:<lang>``…, ``type`` (mappings/data_types.yaml), ``codelist``, ``unit:<lang>``…, ``role``,
  ``concept``, ``missing`` (``code=label`` pairs separated by ``;``, labels in the default language);
- sheet ``codes`` (``codes.csv``), a row per code: ``codelist``, ``code``, ``parent``, ``name:<lang>``…; a
  row without a code gives the codelist's own name.

Header cells are matched exactly; an unknown column is reported, an empty cell is absent.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from catalogue.support.fileio import atomic_write_bytes
from catalogue.importers.apply import ImportReport, RecordWriter
from catalogue.errors import ImportTargetError
from catalogue.importers.datapackage import record_id
from catalogue.importers.sdmx import Unmapped

SHEETS = ("dataset", "variables", "codes")
COLUMNS = {
    "dataset": ["id", "title:*", "description:*", "keywords:*", "terms", "publisher", "version"],
    "variables": ["name", "label:*", "description:*", "type", "codelist", "unit:*", "role", "concept", "missing"],
    "codes": ["codelist", "code", "parent", "name:*"],
}
"""Each sheet's columns; ``:*`` stands for one column per language."""


def template_columns(sheet: str, languages: list[str]) -> list[str]:
    """A sheet's header: its columns, a language column for each ``:*`` one."""
    return [name for column in COLUMNS[sheet] for name in
            ([column.replace("*", language) for language in languages] if column.endswith("*") else [column])]


def write_template(path: Path, languages: list[str]) -> None:
    """An empty codebook workbook with the three sheets and their columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(template_columns(sheet, languages))
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
    stream = io.BytesIO()
    workbook.save(stream)
    atomic_write_bytes(path, stream.getvalue())


def _rows(source: Path) -> dict[str, list[dict[str, str]]]:
    """Every sheet's rows as {column: text}, from a workbook or from a folder of CSV files."""
    sheets: dict[str, list[dict[str, str]]] = {}
    if source.is_dir():
        for sheet in SHEETS:
            path = source / f"{sheet}.csv"
            if path.is_file():
                with path.open(encoding="utf-8-sig", newline="") as stream:
                    sheets[sheet] = [{k.strip(): (v or "").strip() for k, v in row.items() if k}
                                     for row in csv.DictReader(stream)]
        return sheets
    if source.suffix.lower() != ".xlsx":
        raise ImportTargetError(f"{source}: give a .xlsx workbook or a folder of dataset.csv, variables.csv, codes.csv")
    from openpyxl import load_workbook

    try:  # a sheet of a read-only workbook is parsed as its rows are read: both inside
        workbook = load_workbook(source, read_only=True, data_only=True)
        for sheet in SHEETS:
            rows = list(workbook[sheet].iter_rows(values_only=True)) if sheet in workbook.sheetnames else []
            if not rows:
                continue
            header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
            sheets[sheet] = [{name: "" if value is None else str(value).strip()
                              for name, value in zip(header, row) if name}
                             for row in rows[1:] if any(value not in (None, "") for value in row)]
        workbook.close()
    except Exception as error:  # openpyxl's errors (and defusedxml's refusals) for a file that is not a workbook
        cause = error.__cause__ or error.__context__
        why = str(error).splitlines()[0] + (f": {type(cause).__name__} {cause}" if cause else "")
        raise ImportTargetError(f"{source}: not a readable .xlsx workbook ({why})") from None
    return sheets


class _Codebook:
    def __init__(self, source: Path, writer: RecordWriter, terms: str | None, agency: str | None) -> None:
        self.source, self.where, self.writer = source, str(source), writer
        self.languages = writer.info.languages
        self.default = writer.info.default_language
        self.terms, self.agency = terms, agency
        self.sheets = _rows(source)
        for sheet, rows in self.sheets.items():
            allowed = set(template_columns(sheet, self.languages))
            for column in sorted({c for row in rows for c in row} - allowed):
                self.report(f"{sheet}!{column}", f"not a column of the layout (expected {', '.join(sorted(allowed))})")

    def report(self, where: str, why: str) -> None:
        self.writer.report.unmapped.append(Unmapped(f"{self.where}: {where}", why))

    def texts(self, row: dict[str, str], field: str) -> dict[str, str] | None:
        found = {language: row[f"{field}:{language}"] for language in self.languages if row.get(f"{field}:{language}")}
        return found or None

    def codelists(self) -> None:
        lists: dict[str, dict[str, Any]] = {}
        for index, row in enumerate(self.sheets.get("codes", []), start=2):
            codelist_id = row.get("codelist", "")
            if not codelist_id:
                self.report(f"codes!{index}", "a code row needs its codelist")
                continue
            entry = lists.setdefault(codelist_id, {"id": codelist_id, "agency": self.publisher(), "codes": []})
            if not row.get("code"):
                entry["name"] = self.texts(row, "name")
                continue
            code: dict[str, Any] = {"id": row["code"], "name": self.texts(row, "name") or {self.default: row["code"]}}
            if row.get("parent"):
                code["parent"] = row["parent"]
            entry["codes"].append(code)
        for codelist_id, data in lists.items():
            data.setdefault("name", None)
            data["name"] = data["name"] or {self.default: codelist_id}
            record = self.writer.validated("codelist", data, f"{self.where}: codes, codelist {codelist_id}")
            if record is not None:
                self.writer.write("codelist", record)

    def publisher(self) -> str:
        row = (self.sheets.get("dataset") or [{}])[0]
        return self.agency or row.get("publisher") or self.writer.info.publisher

    def dataset(self) -> dict[str, Any]:
        row = (self.sheets.get("dataset") or [{}])[0]
        dataset_id = record_id(row.get("id") or self.source.stem)
        title = self.texts(row, "title") or {self.default: dataset_id}
        terms = self.terms or row.get("terms") or \
            (next(iter(self.writer.existing("terms"))) if len(self.writer.existing("terms")) == 1 else None)
        if terms is None:
            raise ImportTargetError(f"{self.source}: a dataset needs terms of use: give --terms ID or a terms column")
        data: dict[str, Any] = {"id": dataset_id, "status": "draft", "title": title,
                                "description": self.texts(row, "description") or title,
                                "publisher": self.publisher(), "terms": terms}
        keywords = {lang: [k.strip() for k in text.split(";") if k.strip()]
                    for lang, text in (self.texts(row, "keywords") or {}).items()}
        if keywords:
            data["keywords"] = keywords
        if row.get("version"):
            data["version"] = row["version"]
        data["variables"] = [self.variable(r, i) for i, r in enumerate(self.sheets.get("variables", []), start=2)]
        return data

    def variable(self, row: dict[str, str], index: int) -> dict[str, Any]:
        name = row.get("name") or f"V{index}"
        data: dict[str, Any] = {"id": name, "label": self.texts(row, "label") or {self.default: name},
                                "role": row.get("role") or "other", "data_type": row.get("type") or "string"}
        for field in ("description", "unit"):
            text = self.texts(row, field)
            if text:
                data[field] = text
        for field in ("codelist", "concept"):
            if row.get(field):
                data[field] = row[field]
        missing = [pair.split("=", 1) for pair in row.get("missing", "").split(";") if pair.strip()]
        if missing:
            data["missing_values"] = [{"code": code.strip(), "label": {self.default: (label or code).strip()}}
                                      for code, *rest in missing for label in [rest[0] if rest else code]]
        return data


def import_spreadsheet(inputs: list[Path], writer: RecordWriter, terms: str | None,
                       agency: str | None) -> ImportReport:
    """Each codebook (a workbook, or a folder of the three CSV files) as a draft dataset with its codelists."""
    for source in inputs:
        codebook = _Codebook(source, writer, terms, agency)
        codebook.codelists()
        record = writer.validated("dataset", codebook.dataset(), str(source))
        if record is not None:
            writer.write("dataset", record)
    return writer.finish()
