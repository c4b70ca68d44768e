"""Issue 18, point 3: a rebuild into a folder built before takes the outputs whose inputs did not change from it,
and gives exactly the bytes of a full build — for generated catalogues and random sequences of edits (a
dataset's title, a codelist's name, the catalogue's title, a dataset removed or published, time passing so
that an embargo lifts, a dataset's frequency: a controlled value the DCAT feed types once, where first used), and
for a data file that changes. The feeds' parts of unchanged datasets are copied from the previous build."""

from __future__ import annotations

import filecmp
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalogue.cli import app
from catalogue.support.fileio import remove_stale_builds
from catalogue.model import Catalogue
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import write_catalogue
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE, replace_in, run
from .strategies import catalogues

EDITS = ("dataset title", "dataset frequency", "codelist name", "catalogue title", "remove dataset", "publish dataset",
         "report title", "time passes")
FREQUENCIES = sorted(vocabulary().frequencies)


def apply(catalogue: Catalogue, edit: str, pick: int, as_of: datetime) -> tuple[Catalogue, datetime]:
    datasets = sorted(catalogue.datasets)
    dataset_id = datasets[pick % len(datasets)] if datasets else None
    if edit == "dataset title" and dataset_id:
        dataset = catalogue.datasets[dataset_id]
        title = {language: f"{text} (edited)" for language, text in dataset.title.items()}
        return catalogue.model_copy(update={"datasets": {**catalogue.datasets,
                                                         dataset_id: dataset.model_copy(update={"title": title})}}), as_of
    if edit == "dataset frequency" and dataset_id:  # a controlled value the DCAT feed types where first used
        dataset = catalogue.datasets[dataset_id].model_copy(update={"frequency": FREQUENCIES[pick % len(FREQUENCIES)]})
        return catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset_id: dataset}}), as_of
    if edit == "codelist name":
        codelist_id = sorted(catalogue.codelists)[pick % len(catalogue.codelists)]
        codelist = catalogue.codelists[codelist_id]
        name = {language: f"{text} (renamed)" for language, text in codelist.name.items()}
        return catalogue.model_copy(update={"codelists": {**catalogue.codelists,
                                                          codelist_id: codelist.model_copy(update={"name": name})}}), as_of
    if edit == "catalogue title":
        title = {language: f"{text} (new)" for language, text in catalogue.info.title.items()}
        return catalogue.model_copy(update={"info": catalogue.info.model_copy(update={"title": title})}), as_of
    if edit == "remove dataset" and dataset_id and len(datasets) > 1:
        kept = {key: d.model_copy(update={"related": [r for r in d.related if r != dataset_id],
                                          "previous_version": None if d.previous_version == dataset_id
                                          else d.previous_version})
                for key, d in catalogue.datasets.items() if key != dataset_id}
        reports = {key: r for key, r in catalogue.metadata_reports.items() if r.target.id != dataset_id}
        return catalogue.model_copy(update={"datasets": kept, "metadata_reports": reports}), as_of
    if edit == "report title" and catalogue.metadata_reports:  # its page, and the pages that link it
        reports = sorted(catalogue.metadata_reports)
        report = catalogue.metadata_reports[reports[pick % len(reports)]]
        title = {language: f"{text} (edited)" for language, text in (report.title or {}).items()} or None
        return catalogue.model_copy(update={"metadata_reports": {**catalogue.metadata_reports, report.id:
                                                                 report.model_copy(update={"title": title})}}), as_of
    if edit == "publish dataset" and dataset_id:
        dataset = catalogue.datasets[dataset_id].model_copy(update={"status": "published"})
        return catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset_id: dataset}}), as_of
    return catalogue, as_of + timedelta(days=400 * (pick % 40 + 1))  # time passes: embargoes lift


def build(cli: CliRunner, records: Path, site: Path, as_of: datetime, cache: bool = True) -> None:
    """``catalogue build`` (``cache``: else with the parse cache off: every dataset read, checked and made now)."""
    arguments = ["build", str(records), "--out", str(site), "--quiet", "--as-of", as_of.isoformat()]
    result = cli.invoke(app, arguments, catch_exceptions=False, env=None if cache else {"CATALOGUE_CACHE": "off"})
    assert result.exit_code == 0, result.output


def assert_same_tree(left: Path, right: Path) -> None:
    comparison = filecmp.dircmp(left, right)
    assert not comparison.left_only and not comparison.right_only, (comparison.left_only, comparison.right_only)
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    assert not mismatch and not errors, (left, mismatch, errors)
    for folder in comparison.common_dirs:
        assert_same_tree(left / folder, right / folder)


@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(catalogue=catalogues(), edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 100)),
                                              min_size=1, max_size=3))
def test_a_rebuild_is_byte_identical_to_a_full_build(tmp_path_factory, catalogue, edits):
    root = tmp_path_factory.mktemp("incremental")
    cli = CliRunner()
    as_of = datetime(2000, 1, 1, tzinfo=timezone.utc)
    records, site = root / "records", root / "site"
    write_catalogue(catalogue, records)
    build(cli, records, site, as_of)
    for step, (edit, pick) in enumerate(edits):
        catalogue, as_of = apply(catalogue, edit, pick, as_of)
        shutil.rmtree(records)
        write_catalogue(catalogue, records)
        build(cli, records, site, as_of)  # into the folder built before
        full = root / f"full-{step}"
        build(cli, records, full, as_of, cache=False)  # no dataset taken from a previous check or build
        assert_same_tree(site, full)


def test_a_changed_data_file_is_published_again(cli, tmp_path):
    """The example's pages and packages are taken from the previous build until a data file changes: then the
    dataset's package, codebook and page (its size and checksum) are made again, as a full build makes them."""
    records = tmp_path / "records"
    shutil.copytree(EXAMPLE, records)
    site = tmp_path / "site"
    build(cli, records, site, datetime(2026, 1, 1, tzinfo=timezone.utc))
    again = run(cli, "build", str(records), "--out", str(site), "--as-of", "2026-01-01T00:00:00Z")
    assert "outputs unchanged since the previous build" in again.output
    data = records / "data" / "pop_age_sex_region_2021.csv"
    text = data.read_text(encoding="utf-8")
    assert text.count("R3,Y_GE80,M,2021,3688,") == 1
    data.write_text(text.replace("R3,Y_GE80,M,2021,3688,", "R3,Y_GE80,M,2021,3690,"), encoding="utf-8")  # a revision
    record = records / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"  # its declared size and checksum go with it
    record.write_text("".join(line for line in record.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.lstrip().startswith(("byte_size: 4055", "checksum: {algorithm: sha256, "
                                                                                  "value: 5b15b7"))), encoding="utf-8")
    build(cli, records, site, datetime(2026, 1, 1, tzinfo=timezone.utc))
    full = tmp_path / "full"
    build(cli, records, full, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert_same_tree(site, full)


def test_a_controlled_value_first_used_earlier_is_typed_there_in_a_rebuild(cli, tmp_path):
    """A DCAT part is taken from the previous build only when the controlled values typed before it are the same:
    once an earlier dataset uses the frequency a later one typed, the later part is made again without it."""
    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc)
    catalogue = read_catalogue(EXAMPLE)
    public = list(public_view(catalogue, as_of).datasets)
    unused = next(f for f in FREQUENCIES if all(d.frequency != f for d in catalogue.datasets.values()))

    def with_frequency(catalogue: Catalogue, dataset_id: str) -> Catalogue:
        dataset = catalogue.datasets[dataset_id].model_copy(update={"frequency": unused})
        return catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset_id: dataset}})

    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    shutil.copytree(EXAMPLE, records)  # the data files
    for step in (with_frequency(catalogue, public[-1]), with_frequency(with_frequency(catalogue, public[-1]), public[0])):
        shutil.rmtree(records / "datasets")
        shutil.rmtree(tmp_path / "written", ignore_errors=True)
        write_catalogue(step, tmp_path / "written")
        shutil.copytree(tmp_path / "written" / "datasets", records / "datasets")
        build(cli, records, site, as_of)
    build(cli, records, full, as_of)
    assert_same_tree(site, full)


def test_an_edited_dataset_is_made_again_in_every_feed(cli, tmp_path):
    """A statistical dataset's new title reaches its data structure, dataflow and categorisations in both SDMX
    messages, its DCAT, schema.org and data.json parts; the other datasets' parts are copied."""
    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc)
    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    shutil.copytree(EXAMPLE, records)
    build(cli, records, site, as_of)
    record = records / "datasets" / "DS_HH_SIZE_REGION.yaml"
    replace_in(record, "en: Private households by size and region, 2021 Census",
               "en: Households by number of members and region, 2021 Census")
    build(cli, records, site, as_of)
    build(cli, records, full, as_of)
    assert_same_tree(site, full)
    for path in ("sdmx/structure-2.1.xml", "sdmx/structure-3.0.xml", "catalog.ttl", "data.json", "schema-org.jsonld"):
        assert "Households by number of members" in (site / path).read_text(encoding="utf-8"), path


def test_a_rebuild_leaves_unchanged_outputs_where_they_are(cli, tmp_path):
    """A folder built before is updated in place: an unchanged page is not written again (the same file, the same
    inode), a changed one is, and the folder is that of a full build. When what every page is made from changes
    (the catalogue's title), a new folder is built and swapped in."""
    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc)
    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    shutil.copytree(EXAMPLE, records)
    build(cli, records, site, as_of)
    unchanged, edited = site / "datasets" / "DS_LFS_QUARTERLY" / "index.html", \
        site / "datasets" / "DS_HH_SIZE_REGION" / "index.html"
    inodes = {path: path.stat().st_ino for path in (unchanged, edited)}
    folder_inode = site.stat().st_ino
    replace_in(records / "datasets" / "DS_HH_SIZE_REGION.yaml", "en: Private households by size and region, 2021 Census",
               "en: Households by number of members and region, 2021 Census")
    build(cli, records, site, as_of)
    assert unchanged.stat().st_ino == inodes[unchanged]
    assert edited.stat().st_ino != inodes[edited] and "number of members" in edited.read_text(encoding="utf-8")
    build(cli, records, full, as_of)
    assert_same_tree(site, full)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "records", "site"]  # nothing left beside
    assert site.stat().st_ino == folder_inode
    replace_in(records / "catalogue.yaml", "en: Belmar Statistical Office data catalogue",
               "en: Belmar statistics")  # every page changes: a new folder is swapped in
    build(cli, records, site, as_of)
    assert site.stat().st_ino != folder_inode
    shutil.rmtree(full)
    build(cli, records, full, as_of)
    assert_same_tree(site, full)


def test_a_failed_update_in_place_leaves_the_folder_as_it_was(cli, tmp_path, monkeypatch):
    """A build that fails after writing some of its changes (here: the sitemap cannot be made) leaves the folder
    built before exactly as it was, and nothing beside it."""
    from catalogue.errors import CatalogueError
    from catalogue.publish.site import SiteBuilder

    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc)
    records, site = tmp_path / "records", tmp_path / "site"
    shutil.copytree(EXAMPLE, records)
    build(cli, records, site, as_of)
    before = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    replace_in(records / "datasets" / "DS_HH_SIZE_REGION.yaml", "en: Private households by size and region, 2021 Census",
               "en: Households by number of members and region, 2021 Census")

    def broken(self, out):
        raise CatalogueError("the sitemap cannot be made")

    monkeypatch.setattr(SiteBuilder, "write_sitemap", broken)
    result = run(cli, "build", str(records), "--out", str(site), "--quiet", "--as-of", as_of.isoformat())
    assert result.exit_code == 1 and "left as it was" in result.output
    assert {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records", "site"]


INTERRUPTED_BUILD = """
import os, sys
limit, moves, real_replace = int(sys.argv[1]), 0, os.replace
def replace(source, target):
    global moves
    if ".building" in str(source) and "catalogue-journal" not in str(target):  # a change moved into the folder
        moves += 1
        if moves > limit:
            os._exit(9)  # killed in the middle of moving the changes in
    real_replace(source, target)
os.replace = replace
from catalogue.cli import main
sys.argv = ["catalogue", *sys.argv[2:]]
main()
"""


def test_an_update_interrupted_after_its_commit_point_is_finished_by_the_next_build(cli, tmp_path):
    """A build killed while it moves its changes into the folder (after its journal was written) leaves a folder
    that no build trusts as it is (the record of what it holds is gone); the next build finishes the update first,
    and the folder is then that of a full build."""
    import subprocess
    import sys

    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc)
    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    shutil.copytree(EXAMPLE, records)
    build(cli, records, site, as_of)
    replace_in(records / "datasets" / "DS_HH_SIZE_REGION.yaml", "en: Private households by size and region, 2021 Census",
               "en: Households by number of members and region, 2021 Census")
    killed = subprocess.run([sys.executable, "-c", INTERRUPTED_BUILD, "5", "build", str(records), "--out", str(site),
                             "--quiet", "--as-of", as_of.isoformat()], capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    assert not (site / ".catalogue-build.json").exists()
    assert len(list(tmp_path.glob(".site.*.building"))) == 1
    build(cli, records, full, as_of)
    remove_stale_builds(site)  # what the next build does first
    assert_same_tree(site, full)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "records", "site"]
    build(cli, records, site, as_of)
    assert "outputs unchanged" in run(cli, "build", str(records), "--out", str(site), "--as-of",
                                      as_of.isoformat()).output  # in place again
    assert_same_tree(site, full)


FORKED_BUILD = """
import sys
import catalogue.publish.site as site
import catalogue.support.processes as processes
processes.FAN_OUT_FROM = 1  # the example's datasets, made across the cores
gather = site._gather
def counted(builder, pending, advance):
    if pending:
        print(f"steps made by workers: {len(pending)}", file=sys.stderr)
    gather(builder, pending, advance)
site._gather = counted
from catalogue.cli import main
sys.argv = ["catalogue", *sys.argv[1:]]
main()
"""


def test_datasets_made_across_the_cores_give_the_folder_one_process_gives(cli, tmp_path):
    """The feeds and the datasets' own outputs (pages, codebooks, packages, chunk by chunk) made by forked workers
    give the bytes one process gives, in a full build and in an update in place (the workers' keys and feeds'
    parts reach the manifest)."""
    import subprocess
    import sys

    as_of = datetime(2026, 1, 1, tzinfo=timezone.utc).isoformat()
    records, site = tmp_path / "records", tmp_path / "site"
    shutil.copytree(EXAMPLE, records)

    def forked() -> str:
        done = subprocess.run([sys.executable, "-c", FORKED_BUILD, "build", str(records), "--out", str(site),
                               "--as-of", as_of], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "steps made by workers: 9" in done.stderr  # 4 feeds, and the 5 public datasets, a chunk each
        return done.stdout

    forked()
    build(cli, records, tmp_path / "full", datetime.fromisoformat(as_of))
    assert_same_tree(site, tmp_path / "full")
    replace_in(records / "datasets" / "DS_HH_SIZE_REGION.yaml", "en: Private households by size and region, 2021 Census",
               "en: Households by number of members and region, 2021 Census")
    assert "outputs unchanged since the previous build" in forked()
    build(cli, records, tmp_path / "full-2", datetime.fromisoformat(as_of))
    assert_same_tree(site, tmp_path / "full-2")
