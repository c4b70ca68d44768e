"""Issue 15, point 6: `catalogue import spreadsheet` — the template it writes, filled in, imports into records
`check` accepts (variables with labels in every language, codelists with their hierarchy); the same codebook
as CSV files imports alike; a column outside the layout is reported."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import load_workbook

from catalogue.records.loader import load_catalogue

from .conftest import EXAMPLE, run, by_id

VARIABLES = [
    ["AGE", "Age", "Âge", "", "", "integer", "", "years", "ans", "other", "", "-9=Not stated"],
    ["REGION", "Region", "Région", "Region of residence", "", "string", "CL_MY_REGION", "", "", "identifier",
     "REF_AREA", ""],
]
CODES = [
    ["CL_MY_REGION", "", "", "Regions", "Régions"],
    ["CL_MY_REGION", "ALL", "", "All regions", "Toutes les régions"],
    ["CL_MY_REGION", "N", "ALL", "North", "Nord"],
    ["CL_MY_REGION", "S", "ALL", "South", "Sud"],
]
DATASET = ["HH_SURVEY", "Household survey codebook", "Livre de codes", "Variables of the survey.",
           "Variables de l'enquête.", "survey; households", "enquête", "OPEN", "", "1.0"]


def catalogue_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("datasets", "data", "releases"))
    return folder


def check_imported(folder: Path) -> None:
    loaded = load_catalogue(folder)
    assert loaded.ok, "\n".join(map(str, loaded.errors))
    dataset = loaded.catalogue.datasets["HH_SURVEY"]
    assert dataset.title == {"en": "Household survey codebook", "fr": "Livre de codes"}
    assert dataset.keywords == {"en": ["survey", "households"], "fr": ["enquête"]}
    age, region = dataset.variables
    assert age.label == {"en": "Age", "fr": "Âge"} and age.unit == {"en": "years", "fr": "ans"}
    assert age.missing_values[0].code == "-9" and age.data_type == "integer"
    assert (region.role, region.codelist, region.concept) == ("identifier", "CL_MY_REGION", "REF_AREA")
    codelist = by_id(loaded.catalogue.codelists)["CL_MY_REGION"]
    assert codelist.name == {"en": "Regions", "fr": "Régions"}
    assert [(c.id, c.parent, c.name["fr"]) for c in codelist.codes] == [
        ("ALL", None, "Toutes les régions"), ("N", "ALL", "Nord"), ("S", "ALL", "Sud")]


def test_the_template_filled_in_imports(cli, tmp_path):
    folder = catalogue_folder(tmp_path)
    template = tmp_path / "codebook.xlsx"
    result = run(cli, "import", "spreadsheet", "--template", str(template), "--into", str(folder))
    assert result.exit_code == 0, result.output
    workbook = load_workbook(template)
    assert [c.value for c in workbook["variables"][1]][:3] == ["name", "label:en", "label:fr"]
    workbook["dataset"].append(DATASET)
    for row in VARIABLES:
        workbook["variables"].append(row)
    for row in CODES:
        workbook["codes"].append(row)
    workbook.save(template)
    result = run(cli, "import", "spreadsheet", str(template), "--into", str(folder))
    assert result.exit_code == 0 and "finds 0 error(s)" in result.output, result.output
    check_imported(folder)


def test_the_same_codebook_as_csv_files_imports_alike(cli, tmp_path):
    folder = catalogue_folder(tmp_path)
    template = tmp_path / "codebook.xlsx"
    assert run(cli, "import", "spreadsheet", "--template", str(template), "--into", str(folder)).exit_code == 0
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in load_workbook(template).worksheets}
    source = tmp_path / "codebook"
    source.mkdir()
    for sheet, rows in (("dataset", [DATASET]), ("variables", VARIABLES), ("codes", CODES)):
        with (source / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(headers[sheet] + (["colour"] if sheet == "variables" else []))
            writer.writerows([row + (["blue"] if sheet == "variables" else []) for row in rows])
    result = run(cli, "import", "spreadsheet", str(source), "--into", str(folder))
    flat = " ".join(result.output.split())
    assert result.exit_code == 0 and "finds 0 error(s)" in flat, result.output
    assert "variables!colour: not a column of the layout" in flat
    check_imported(folder)


def test_a_file_that_is_not_a_workbook_is_one_clear_error(cli, tmp_path):
    folder = catalogue_folder(tmp_path)
    bogus = tmp_path / "codebook.xlsx"
    bogus.write_text("not a zip", encoding="utf-8")
    result = run(cli, "import", "spreadsheet", str(bogus), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 1 and "not a readable .xlsx workbook" in result.output


def test_a_workbook_with_xml_entities_is_refused_clearly(cli, tmp_path):
    """A workbook is a zip of XML: a sheet declaring entities (a billion laughs) is refused (defusedxml, which
    openpyxl uses when it is installed), with one clear error and nothing written."""
    import zipfile

    folder = catalogue_folder(tmp_path)
    template = tmp_path / "template.xlsx"
    assert run(cli, "import", "spreadsheet", "--template", str(template), "--into", str(folder)).exit_code == 0
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                declaration = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                data = (declaration + text.replace("<v>", "<v>&b;", 1)).encode("utf-8")
            target.writestr(item, data)
    result = run(cli, "import", "spreadsheet", str(hostile), "--into", str(folder))
    assert result.exit_code == 1 and "not a readable .xlsx workbook" in result.output, result.output
    assert "Traceback" not in result.output and not (folder / "datasets").exists()
