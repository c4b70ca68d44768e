"""Issue 12.1–12.2: the store (SQLite and PostgreSQL), with revisions; `load` and `dump`; `--db` on every
command that reads a catalogue."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from catalogue.publish.memo import MANIFEST
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import write_catalogue
from catalogue.store import canonical_json, open_store

from .conftest import EXAMPLE, replace_in, run

POSTGRES_ADMIN = os.environ.get("CATALOGUE_POSTGRES_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("CATALOGUE_REQUIRE_POSTGRES") == "1"
"""CI sets it: there, a PostgreSQL that cannot be reached fails the tests instead of skipping them."""


def _postgres_database():
    """A new, empty PostgreSQL database for one test, dropped after it."""
    try:
        admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = f"catalogue_test_{uuid.uuid4().hex[:12]}"
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        if REQUIRE_POSTGRES:
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN} ({str(error.orig).splitlines()[0]}); "
                    "CI starts it (.ci/run)")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'catalogue.db'}"
    else:
        yield from _postgres_database()


def stored_rows(url: str, table: str) -> list[dict]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(sa.text(f"SELECT * FROM {table}"))]
    engine.dispose()
    return rows


def test_load_then_dump_then_load_is_the_identity(db, cli, tmp_path):
    assert run(cli, "load", str(EXAMPLE), "--db", db, "--author", "ana", "-m", "first load").exit_code == 0
    dumped = tmp_path / "dumped"
    assert run(cli, "dump", str(dumped), "--db", db).exit_code == 0
    canonical = tmp_path / "canonical"
    write_catalogue(read_catalogue(EXAMPLE), canonical)
    files = {p.relative_to(dumped): p.read_bytes() for p in dumped.rglob("*") if p.is_file()}
    expected = {p.relative_to(canonical): p.read_bytes() for p in canonical.rglob("*") if p.is_file()}
    data = {p.relative_to(EXAMPLE): p.read_bytes() for p in (EXAMPLE / "data").rglob("*") if p.is_file()}
    secret = files.pop(Path(".catalogue-secret"))  # the calendar's secret goes with the records
    assert secret.decode().strip() == open_store(db).calendar_secret().decode()
    assert files == {**expected, **data}  # byte for byte: the canonical record files and every data file
    assert read_catalogue(dumped) == read_catalogue(EXAMPLE)
    before = len(stored_rows(db, "revisions"))
    result = run(cli, "load", str(dumped), "--db", db)
    assert result.exit_code == 0 and "0 revision(s)" in result.output
    assert len(stored_rows(db, "revisions")) == before


def test_every_change_is_a_revision_and_only_changes_are(db, cli, census):
    assert run(cli, "load", str(census), "--db", db, "--author", "ana", "-m", "first").exit_code == 0
    revisions = stored_rows(db, "revisions")
    assert len(revisions) == 45 and {r["author"] for r in revisions} == {"ana"}
    replace_in(census / "datasets" / "DS_HH_SIZE_REGION.yaml", "num_series: 24", "num_series: 25")
    (census / "datasets" / "DS_POP_PROJECTIONS.yaml").unlink()
    result = run(cli, "load", str(census), "--db", db, "--author", "ben", "-m", "fix the series count")
    assert result.exit_code == 0 and "2 revision(s)" in result.output
    store = open_store(db)
    history = store.history("dataset", "DS_HH_SIZE_REGION")
    assert [(h["revision"], h["author"], h["message"]) for h in history] == [
        (1, "ana", "first"), (2, "ben", "fix the series count")]
    assert json.loads(history[-1]["document"])["num_series"] == 25
    deleted = store.history("dataset", "DS_POP_PROJECTIONS")
    assert deleted[-1]["document"] is None and deleted[-1]["revision"] == 2
    rows = {(r["kind"], r["record_id"]): r for r in stored_rows(db, "records")}
    assert ("dataset", "DS_POP_PROJECTIONS") not in rows
    pop = rows[("dataset", "DS_POP_AGE_SEX_REGION")]
    assert (pop["status"], pop["agency"]) == ("published", "BSO") and pop["release_time"] is not None
    catalogue = store.catalogue()
    assert catalogue is not None and catalogue.datasets["DS_HH_SIZE_REGION"].num_series == 25
    assert canonical_json(catalogue.datasets["DS_HH_SIZE_REGION"]) == history[-1]["document"]


def test_a_broken_folder_leaves_the_store_unchanged(db, cli, census):
    assert run(cli, "load", str(census), "--db", db).exit_code == 0
    before = (stored_rows(db, "records"), stored_rows(db, "revisions"))
    replace_in(census / "datasets" / "DS_HH_SIZE_REGION.yaml", "terms: OPEN", "terms: NOPE")
    result = run(cli, "load", str(census), "--db", db)
    assert result.exit_code == 1 and "unknown terms of use 'NOPE'" in result.output
    assert "the store was not changed" in result.output
    assert (stored_rows(db, "records"), stored_rows(db, "revisions")) == before


def test_a_failure_midway_writes_nothing(db, census, monkeypatch):
    store = open_store(db)
    catalogue = read_catalogue(census)
    store.load(catalogue, census, "ana", "first")
    before = (stored_rows(db, "records"), stored_rows(db, "revisions"), stored_rows(db, "files"))
    changed = catalogue.model_copy(update={"datasets": {
        **catalogue.datasets, "DS_HH_SIZE_REGION": catalogue.datasets["DS_HH_SIZE_REGION"].model_copy(
            update={"num_series": 99})}})
    from catalogue.store import store as store_module

    def failing(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.Store, "_store_files", staticmethod(failing))
    with pytest.raises(OSError):
        store.load(changed, census, "ben", "second")
    assert (stored_rows(db, "records"), stored_rows(db, "revisions"), stored_rows(db, "files")) == before


@pytest.mark.parametrize("example", [EXAMPLE, EXAMPLE.parent / "almara"], ids=["census", "almara"])
def test_every_reading_command_takes_a_store(db, cli, tmp_path, example):
    """Whatever order a store gives a text's languages in (alphabetical: ar, en, es), they are the catalogue's
    (es, ar, en for Almara): a site built from the store is the site built from the folder, byte for byte."""
    assert run(cli, "load", str(example), "--db", db).exit_code == 0
    checked = run(cli, "check", "--db", db)
    assert checked.exit_code == 0 and "0 error(s), 0 warning(s)" in checked.output
    site = tmp_path / "site"
    assert run(cli, "build", "--db", db, "--out", str(site), "--quiet", "--as-of", "2026-01-01T00:00:00Z").exit_code == 0
    folder_site = tmp_path / "folder-site"
    assert run(cli, "build", str(example), "--out", str(folder_site), "--quiet",
               "--as-of", "2026-01-01T00:00:00Z").exit_code == 0
    def published(folder: Path) -> dict[Path, bytes]:  # the build's own record of its keys aside: they hash the
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")  # record files' bytes, which differ
                if p.is_file() and p.name != MANIFEST}

    assert published(site) == published(folder_site)
    for args in (["export", "dcat", "-o", str(tmp_path / "c.ttl")], ["export", "dcat-us", "-o", str(tmp_path / "d.json")],
                 ["export", "schema-org", "-o", str(tmp_path / "s.jsonld")],
                 ["export", "sdmx", "-o", str(tmp_path / "s.xml")],
                 ["export", "datapackage", "-o", str(tmp_path / "p")], ["score"]):
        result = run(cli, *args, "--db", db)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize("url, expected", [
    ("nonsense", "is not a database URL"),
    ("sqlite:////nonexistent-folder/x/catalogue.db", "cannot reach the store"),
    ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot reach the store"),
])
def test_a_store_that_cannot_be_used_is_one_error_line(cli, url, expected):
    result = run(cli, "check", "--db", url)
    assert result.exit_code == 1 and expected in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("error:")]) == 1


def test_an_empty_store_says_so(cli, tmp_path):
    result = run(cli, "check", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert result.exit_code == 1 and "holds no catalogue yet" in result.output


def test_a_folder_and_a_store_together_are_a_usage_error(cli, tmp_path):
    result = run(cli, "check", str(EXAMPLE), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.exit_code == 2


def test_the_migrations_describe_the_tables_of_the_model(tmp_path):
    """Alembic's comparison of the migrated database with the tables in catalogue/store/schema.py (but SQLite's FTS5
    table of search words and the tables FTS5 keeps it in, which SQLAlchemy's tables cannot describe)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from catalogue.store.schema import metadata

    def described(name, kind, parent_names) -> bool:
        return not (kind == "table" and (name == "search_text" or name.startswith("search_text_")))

    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": described})
        differences = compare_metadata(context, metadata)
    assert differences == []
    with store.engine.connect() as connection:  # the FTS5 table is there
        assert connection.exec_driver_sql("SELECT count(*) FROM search_text").scalar() == 0


def test_a_dump_that_fails_leaves_nothing(db, cli, tmp_path, monkeypatch):
    assert run(cli, "load", str(EXAMPLE), "--db", db).exit_code == 0
    from catalogue.store import store as store_module

    def failing_write(catalogue, target):
        target.mkdir(parents=True)
        (target / "catalogue.yaml").write_text("id: HALF\n", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "write_catalogue", failing_write)
    result = run(cli, "dump", str(tmp_path / "dumped"), "--db", db)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".db")) == []


def test_a_store_of_the_first_schema_is_upgraded_with_its_data(db):
    """Migration 0002 fills what the first schema lacked (which dataset owns each file; `modified` falling
    back on `issued`) from the stored records: a store loaded before it serves the same afterwards."""
    from alembic import command
    from alembic.config import Config
    from importlib import resources

    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "first")
    expected_files = stored_rows(db, "dataset_files")
    expected_dates = {r["record_id"]: r["modified"] for r in stored_rows(db, "records") if r["kind"] == "dataset"}
    assert expected_files and any(r["modified"] is not None for r in stored_rows(db, "records"))
    config = Config()
    config.set_main_option("script_location", str(resources.files("catalogue.store") / "migrations"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        connection.execute(sa.text("UPDATE records SET modified = NULL WHERE document NOT LIKE '%\"modified\"%'"))
    store.upgrade()
    store.engine.dispose()
    assert sorted(stored_rows(db, "dataset_files"), key=str) == sorted(expected_files, key=str)
    assert {r["record_id"]: r["modified"] for r in stored_rows(db, "records")
            if r["kind"] == "dataset"} == expected_dates


def test_changes_of_the_records_commit_in_the_order_of_their_revisions(db):
    """Found by the hostile review: on PostgreSQL a revision's id is taken at its insert, so a change that committed
    after another with a larger id left the largest id (what a worker checks to see a change) as it was, and a
    withdrawal unseen. Changes of the records now run one at a time: the one that commits last has the largest
    id."""
    import threading
    import time
    from datetime import datetime, timezone

    from catalogue.store.schema import revisions

    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "first load")
    inserted, began = threading.Event(), {}

    def change(name: str, hold: float) -> None:
        with store.engine.begin() as connection:
            store.changing_records(connection)
            connection.execute(sa.insert(revisions).values(
                kind="dataset", record_id=name, revision=1, document=None, author="ana", message=name,
                created_at=datetime.now(timezone.utc), stage=None))
            began[name] = time.monotonic()  # its row written: on either store, once the other change committed
            inserted.set()
            time.sleep(hold)

    first = threading.Thread(target=change, args=("DS_FIRST", 0.5))
    first.start()
    assert inserted.wait(10)
    change("DS_SECOND", 0)  # waits for the first to commit (on SQLite too: one writer at a time)
    first.join(10)
    with store.engine.connect() as connection:
        ids = dict(connection.execute(sa.select(revisions.c.record_id, revisions.c.id)
                                      .where(revisions.c.record_id.in_(["DS_FIRST", "DS_SECOND"]))).all())
    # the second change waited for the first to commit (it held the records 0.5 s), and took the larger id
    assert began["DS_SECOND"] - began["DS_FIRST"] >= 0.45 and ids["DS_FIRST"] < ids["DS_SECOND"]
    store.engine.dispose()


def test_a_store_keyed_by_ids_is_rekeyed_by_identity_with_its_history_copies_and_comments(db):
    """Migration 0007: codelists and concept schemes, keyed by id alone before, are keyed ``AGENCY:ID(VERSION)``
    in every table that names a record; their revisions, working copies, comments and audit entries follow."""
    from alembic import command
    from alembic.config import Config
    from importlib import resources

    from catalogue.editing.service import Editing
    from catalogue.store.accounts import Accounts

    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "first")
    Accounts(store.engine).add_user("ed", "a long enough password")
    Accounts(store.engine).set_role("ed", "BSO", "editor")
    editing = Editing(store, lambda: datetime(2026, 7, 1, tzinfo=timezone.utc))
    opened = editing.open("ed", "codelist", "BSO:CL_SEX(1.0)")
    with store.engine.begin() as connection:  # a copy of a released version, as a store made before 0008 may hold
        editing._write_copy(connection, "ed", opened, "codelist", "BSO:CL_SEX(1.0)", "BSO",
                            {**opened.data, "name": {"en": "Sex", "fr": "Sexe!"}}, "draft", "saved", edited=True)
    saved = editing.current("codelist", "BSO:CL_SEX(1.0)")
    Accounts(store.engine).add_user("rita", "a long enough password")
    Accounts(store.engine).set_role("rita", "BSO", "reviewer")
    editing.comment("rita", "codelist", "BSO:CL_SEX(1.0)", "name", "Why the mark?")
    tables = ("records", "revisions", "working_copies", "comments", "audit_log")
    keyed = {table: sorted({r["record_id"] for r in stored_rows(db, table) if r["kind"] == "codelist"})
             for table in tables}
    assert "BSO:CL_SEX(1.0)" in keyed["working_copies"] and "BSO:CL_SEX(1.0)" in keyed["comments"]
    config = Config()
    config.set_main_option("script_location", str(resources.files("catalogue.store") / "migrations"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    by_id = {table: sorted({r["record_id"] for r in stored_rows(db, table) if r["kind"] == "codelist"})
             for table in tables}
    assert "CL_SEX" in by_id["records"] and "CL_SEX" in by_id["comments"] and "BSO:CL_SEX(1.0)" not in by_id["records"]
    store.upgrade()
    assert {table: sorted({r["record_id"] for r in stored_rows(db, table) if r["kind"] == "codelist"})
            for table in tables} == keyed
    again = editing.current("codelist", "BSO:CL_SEX(1.0)")
    assert again.revision == saved.revision and again.data["name"]["fr"] == "Sexe!"
    assert [c.text for c in editing.comments("ed", "codelist", "BSO:CL_SEX(1.0)")] == ["Why the mark?"]
    assert store.catalogue() == read_catalogue(EXAMPLE)
    store.engine.dispose()
