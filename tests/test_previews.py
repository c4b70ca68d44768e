"""Issue 35, point 3: a dataset page previews its open local tables — the first rows with the variables' labels as
headers and the codes' labels in the cells, and a summary per variable — computed independently here from the
files with the csv module; never a confidential column, never a dataset whose data are not open; a large file
is read in one lazy pass."""

from __future__ import annotations

import csv
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from catalogue.policy.view import public_view
from catalogue.publish.pages import Pages
from catalogue.publish.preview import CELL_CHARACTERS, PREVIEW_ROWS, TOP_CODES, table_previews
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store

from .conftest import EXAMPLE, run
from .test_data_files import POP_CSV, SECRET, outputs_text, rewrite_table

AS_OF = datetime(2026, 6, 1, tzinfo=timezone.utc)
PUF_CSV = "data/hhs2023_puf_sample.csv"


def page_of(root: Path, dataset_id: str, language: str = "en") -> html.HtmlElement:
    view = public_view(read_catalogue(root), AS_OF)
    pages = Pages(view, root)
    page = pages.page(language)
    assert page is not None
    return html.fromstring(pages.dataset_page(page, view.datasets[dataset_id]))


def table_rows(path: Path, delimiter: str = ",") -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        header, *body = list(csv.reader(stream, delimiter=delimiter))
    return header, body


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def preview_table(document: html.HtmlElement) -> html.HtmlElement:
    tables = document.xpath("//table[contains(@class, 'preview')]")
    assert len(tables) == 1
    return tables[0]


def summary_rows(document: html.HtmlElement) -> dict[str, list[str]]:
    """The summary table's rows by variable id: values, missing, smallest, largest, most frequent."""
    table = document.xpath("//section[@aria-labelledby='preview-heading']//table[not(contains(@class, 'preview'))]")
    assert len(table) == 1
    return {row.xpath("th//bdi")[0].text: [text(cell) for cell in row.xpath("td")] for row in table[0].xpath(".//tbody/tr")}


def test_the_preview_shows_labels_not_codes():
    """The population table: headers are the variables' labels; a coded cell shows its code's label; a
    measure's cell its value."""
    catalogue = read_catalogue(EXAMPLE)
    dataset = catalogue.datasets["DS_POP_AGE_SEX_REGION"]
    header, body = table_rows(EXAMPLE / POP_CSV)
    document = page_of(EXAMPLE, dataset.id)
    table = preview_table(document)
    variables = {v.id: v for v in dataset.variables}
    assert [th.xpath(".//bdi")[0].text for th in table.xpath(".//thead/th | .//thead/tr/th")] == header
    assert [text(th) for th in table.xpath(".//thead/tr/th")] == [f"{variables[h].label['en']} {h}" for h in header]
    shown = table.xpath(".//tbody/tr")
    assert len(shown) == min(PREVIEW_ROWS, len(body))
    codelists = {cl.id: cl for cl in catalogue.codelists.values()}
    for row, cells in zip(body, shown):
        for name, value, cell in zip(header, row, cells.xpath("td")):
            variable = variables[name]
            if variable.codelist:
                codes = {code.id: code.name["en"] for code in codelists[variable.codelist.split(":")[-1].split("(")[0]].codes}
                assert text(cell) == codes[value], (name, value)
                assert cell.xpath("span/@title") == [value]
            else:
                assert text(cell) == value


def test_the_summary_counts_as_an_independent_count_does():
    """The survey sample: per variable, values and missing values; the range of a numeric variable (its missing
    codes left out); the most frequent codes of a coded one, in order, with their counts."""
    catalogue = read_catalogue(EXAMPLE)
    dataset = catalogue.datasets["DS_HHS_PUF"]
    header, body = table_rows(EXAMPLE / PUF_CSV)
    summaries = summary_rows(page_of(EXAMPLE, dataset.id))
    assert list(summaries) == header
    facts = page_of(EXAMPLE, dataset.id).xpath("//section[@aria-labelledby='preview-heading']//dl/dd")
    assert text(facts[0]) == f"{len(body):,}"
    for index, name in enumerate(header):
        variable = next(v for v in dataset.variables if v.id == name)
        values = [row[index] for row in body]
        missing_codes = {m.code for m in variable.missing_values}
        valid = [v for v in values if v and v not in missing_codes]
        got_valid, got_missing, smallest, largest, frequent = summaries[name]
        assert (got_valid, got_missing) == (f"{len(valid):,}", f"{len(values) - len(valid):,}"), name
        if variable.codelist:
            assert (smallest, largest) == ("", "")
            counts = sorted({v: valid.count(v) for v in valid}.items(), key=lambda item: -item[1])[:TOP_CODES]
            assert [f": {count}" in part for part, (_, count) in zip(frequent.split(" "), counts)]
            assert frequent.count(":") == len(counts)
        elif variable.data_type in ("integer", "decimal"):
            numbers = [float(v) for v in valid]
            def shown(number: float) -> str:
                return f"{int(number):,}" if number.is_integer() else f"{number:,}"
            assert (smallest, largest) == (shown(min(numbers)), shown(max(numbers))), name
            assert frequent == ""
    assert float(summaries["INCOME"][2].replace(",", "")) >= 0  # the refusal codes -8 and -9 are not values


def test_numbers_and_labels_follow_the_page_language():
    document = page_of(EXAMPLE, "DS_HHS_PUF", "fr")
    assert document.xpath("//h2[@id='preview-heading']")[0].text == "Aperçu des données"
    sex = summary_rows(document)["SEX"][4]
    assert "Femmes" in sex or "Hommes" in sex


def test_a_confidential_column_is_never_previewed(census, cli, tmp_path):
    """A table with a confidential column, published with it stripped: the preview has every other column and
    not that one, in the built site and on the live server alike; its values are nowhere."""
    rewrite_table(census)
    document = page_of(census, "DS_POP_AGE_SEX_REGION")
    headers = [th.xpath(".//bdi")[0].text for th in preview_table(document).xpath(".//thead/tr/th")]
    assert "EDIT_FLAG" not in headers and headers == table_rows(census / POP_CSV)[0][:-1]
    assert "EDIT_FLAG" not in summary_rows(document)
    assert SECRET not in html.tostring(document, encoding="unicode")
    result = run(cli, "build", str(census), "--out", str(tmp_path / "site"), "--strip-confidential", "--quiet")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "datasets" / "DS_POP_AGE_SEX_REGION" / "index.html").read_text(encoding="utf-8")
    assert "preview-heading" in page and "EDIT_FLAG" not in page.split("preview-heading")[1].split("reports-heading")[0]
    assert SECRET.encode() not in outputs_text(tmp_path / "site")


def test_data_that_are_not_open_have_no_preview():
    """The population table under terms of a research data centre: no preview, and its file is not read."""
    catalogue = read_catalogue(EXAMPLE)
    dataset = catalogue.datasets["DS_POP_AGE_SEX_REGION"]
    restricted = dataset.model_copy(update={"terms": "RDC", "distributions": [
        d.model_copy(update={"download_url": None}) for d in dataset.distributions]})
    view = public_view(catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset.id: restricted}}),
                       AS_OF)
    pages = Pages(view, EXAMPLE / "no such folder")
    assert not table_previews(view, EXAMPLE / "no such folder", pages.vocab, view.datasets[dataset.id])
    page = pages.page("en")
    assert page is not None
    document = html.fromstring(pages.dataset_page(page, view.datasets[dataset.id]))
    assert not document.xpath("//*[@id='preview-heading']")
    assert document.xpath("//*[@id='distributions-heading']")  # the page itself is made


def test_cells_are_text_and_bounded(census):
    """A hostile cell is escaped, never markup, and a long one is cut; an unreadable file leaves no preview and
    no error."""
    header, body = table_rows(census / PUF_CSV)
    body[0][header.index("HH_ID")] = "<script>alert(1)</script>" + "x" * 500
    with (census / PUF_CSV).open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([header, *body])
    document = page_of(census, "DS_HHS_PUF")
    assert not [script for script in document.xpath("//script") if "alert" in (script.text or "")]
    first = text(preview_table(document).xpath(".//tbody/tr/td")[0])
    assert first.startswith("<script>") and len(first) == CELL_CHARACTERS and first.endswith("…")
    (census / PUF_CSV).write_bytes(b"HH_ID,\xff\xfe\n")
    assert not page_of(census, "DS_HHS_PUF").xpath("//*[@id='preview-heading']")


def test_a_large_table_is_read_lazily(census):
    """A table of 16 MB (30,000 rows of long values): the preview holds its first rows, counts every row, and the
    pass keeps a small fraction of the file in memory (the encoding check reads it in blocks of a megabyte)."""
    header, body = table_rows(census / POP_CSV)
    value = header.index("OBS_VALUE")
    with (census / POP_CSV).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([*row[:value], f"{i:0>520}", *row[value + 1:]] for i, row in
                         ((i, body[i % len(body)]) for i in range(30_000)))
    size = (census / POP_CSV).stat().st_size
    view = public_view(read_catalogue(EXAMPLE), AS_OF)  # the records as they are, the bigger file under census
    dataset = view.datasets["DS_POP_AGE_SEX_REGION"]
    tracemalloc.start()
    try:
        previews = table_previews(view, census, Pages(view, census).vocab, dataset)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.cases for p in previews] == [30_000] and len(previews[0].rows) == PREVIEW_ROWS
    assert peak < size / 5, f"{peak:,} bytes at the peak for a file of {size:,}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_live_page_previews_as_the_built_one(language, tmp_path):
    """The live server makes the dataset page from the store's copy of the file: the same preview."""
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "preview")
    prefix = "" if language == "en" else f"{language}/"
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        answer = client.get(f"/{prefix}datasets/DS_HHS_PUF/index.html")
    assert answer.status_code == 200
    live = html.fromstring(answer.text)
    built = page_of(EXAMPLE, "DS_HHS_PUF", language)
    assert summary_rows(live) == summary_rows(built)
    assert html.tostring(preview_table(live)) == html.tostring(preview_table(built))


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "hex"])
def test_a_codec_that_is_not_a_text_encoding_is_refused_where_it_is_declared(census, encoding):
    """Python knows codecs that are not text (rot13, base64…): a dialect naming one is an error of the record, at
    its line, and a page made anyway from such a record has no preview and no error."""
    from catalogue.model.dataset import Dialect
    from catalogue.records.loader import load_catalogue

    from .conftest import line_of, replace_in

    replace_in(census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml", "    byte_size: 4055",
               f"    dialect: {{encoding: {encoding}}}\n    byte_size: 4055")
    errors = load_catalogue(census).errors
    assert any("encoding" in e.path and encoding in e.message and
               e.line == line_of(census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml", "dialect:") for e in errors), errors
    catalogue = read_catalogue(EXAMPLE)
    dataset = catalogue.datasets["DS_POP_AGE_SEX_REGION"]
    odd = dataset.model_copy(update={"distributions": [
        d.model_copy(update={"dialect": Dialect.model_construct(delimiter=",", quote_char='"', header=True,
                                                                encoding=encoding) if d.path else d.dialect})
        for d in dataset.distributions]})
    view = public_view(catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset.id: odd}}), AS_OF)
    assert table_previews(view, EXAMPLE, Pages(view, EXAMPLE).vocab, view.datasets[dataset.id]) == []


def test_the_first_rows_are_kept_cut(census):
    """A table whose first rows hold cells of a megabyte: the preview keeps each cut to what it shows."""
    header, body = table_rows(census / PUF_CSV)
    for row in body[:5]:
        row[header.index("HH_ID")] = "9" * 1_000_000
    with (census / PUF_CSV).open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([header, *body])
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    [preview] = table_previews(view, census, Pages(view, census).vocab, view.datasets["DS_HHS_PUF"])
    assert max(len(cell) for row in preview.rows for cell in row) == CELL_CHARACTERS + 1


def test_a_table_longer_than_the_bound_is_summarized_in_its_first_rows(census, monkeypatch):
    """A page is made when asked for: past ``SUMMARY_ROWS`` rows the summary is of the first rows, and the page says
    so instead of the file's count (here a bound of 100 over the 144 rows of the population table)."""
    import catalogue.publish.preview as preview

    monkeypatch.setattr(preview, "SUMMARY_ROWS", 100)
    header, body = table_rows(EXAMPLE / POP_CSV)
    view = public_view(read_catalogue(EXAMPLE), AS_OF)
    [table] = table_previews(view, EXAMPLE, Pages(view, EXAMPLE).vocab, view.datasets["DS_POP_AGE_SEX_REGION"])
    assert len(body) > 100 and (table.cases, table.complete) == (100, False)
    values = [float(row[header.index("OBS_VALUE")]) for row in body[:100]]
    assert table.stats["OBS_VALUE"].maximum == max(values) and table.stats["OBS_VALUE"].valid == 100
    facts = page_of(EXAMPLE, "DS_POP_AGE_SEX_REGION").xpath("//section[@aria-labelledby='preview-heading']//dl")[0]
    assert "Rows summarized" in text(facts) and "100, the first of the file (it has more)" in text(facts)
    monkeypatch.setattr(preview, "SUMMARY_ROWS", len(body))
    [whole] = table_previews(view, EXAMPLE, Pages(view, EXAMPLE).vocab, view.datasets["DS_POP_AGE_SEX_REGION"])
    assert (whole.cases, whole.complete) == (len(body), True)
