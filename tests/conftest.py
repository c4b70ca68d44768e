"""Shared fixtures: the bundled example, copies of it to break, and the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from typer.testing import CliRunner

from catalogue.cli import app
from catalogue.errors import UnresolvedReference
from catalogue.model.versions import Version

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent


def _examples_copy() -> Path:
    """The bundled examples, copied once per test process: a command run on an example writes beside its records
    (the calendar's ``.catalogue-secret``), which must never land in the repository's folders, nor make one
    test's input depend on another having run first."""
    import atexit
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="catalogue-examples-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shutil.copytree(REPO / "examples", folder / "examples", ignore=shutil.ignore_patterns(".catalogue-secret"))
    from catalogue.policy.secret import folder_secret

    for example in (folder / "examples").iterdir():  # made now, not by whichever test builds first (a store
        folder_secret(example)  # loaded before would name the calendar's entries otherwise)
    return folder / "examples"


EXAMPLES = _examples_copy()
EXAMPLE = EXAMPLES / "census"
ALMARA = EXAMPLES / "almara"
STANDARDS = REPO.parent / "shared" / "standards"


@pytest.fixture(autouse=True, scope="session")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record parse cache of this run, never the user's: files are parsed once, then read from it."""
    import os

    folder = tmp_path_factory.mktemp("parse-cache")
    os.environ["CATALOGUE_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """Passwords hashed with argon2id at its lowest cost in this run: the library's own cost (64 MiB, three passes)
    made each account a test adds or signs in cost a third of a second, most of the suite's setting up. What is
    tested is what the hashes are used for; `test_passwords_are_hashed_at_the_library_s_cost` checks the cost the
    catalogue itself uses."""
    from argon2 import PasswordHasher

    import catalogue.store.passwords as passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(autouse=True)
def newest_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request waits for the whole catalogue's documents at its own version (a test expects the newest; one
    that tests an earlier document answering sets the wait it needs)."""
    import catalogue.server.prepared as prepared

    monkeypatch.setattr(prepared, "FRESH_WAIT", prepared.WHOLE_WAIT)


@pytest.fixture
def census(tmp_path: Path) -> Path:
    """A private copy of examples/census that a test may break."""
    target = tmp_path / "census"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, *args: str):
    """Run the catalogue command in-process; exceptions are not caught, so a traceback fails the test."""
    return cli.invoke(app, list(args), catch_exceptions=False)


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a record file in place, failing if ``old`` is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    """The 1-based number of the line holding ``fragment``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def by_id(records: Mapping[str, T]) -> dict[str, T]:
    """Codelists or concept schemes (keyed ``AGENCY:ID(VERSION)``) by their ids alone, in a catalogue where no two
    share one."""
    found = {getattr(record, "id"): record for record in records.values()}
    assert len(found) == len(records), "two records share an id: name them by key"
    return found


def codelist_named(records: Any, reference: str | None) -> tuple[str, str, Version] | None:
    """What a variable's codelist reference names in a catalogue or a public view: (agency, id, version), the
    version as SDMX compares it (``1.0`` is ``1.0.0``)."""
    found = (records.codelist(reference) if hasattr(records, "codelist") else
             records.shared().codelist(reference)) if reference else None
    return (found.agency, found.id, Version.parse(found.version)) if found is not None else None


def concept_named(records: Any, reference: str | None) -> tuple[str, str, Version, str] | None:
    """What a variable's concept reference names: its scheme's (agency, id, version) and the concept's id."""
    if not reference:
        return None
    if hasattr(records, "scheme_of"):
        held = records.scheme_of(reference)
        concept = records.concept(reference)
        scheme = held[1] if held else None
    else:
        try:
            key, concept = records.shared().concepts.resolve(reference)
        except UnresolvedReference:
            return None
        scheme = records.concept_schemes[key]
    if scheme is None or concept is None:
        return None
    return scheme.agency, scheme.id, Version.parse(scheme.version), concept.id


@contextmanager
def served(app: Any) -> Iterator[str]:
    """``app`` on a real socket (uvicorn, in a thread), as clients such as sdmx1 and pysdmx reach a server: its
    address."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
