"""What the browser tests share: Debian's Chromium driven by Playwright (pytest-playwright's fixtures, launched
from /usr/bin/chromium: Playwright's own browser download does not work here), and the live server on a store
with a clock the test moves."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
import uvicorn

from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import Store, open_store
from catalogue.support.mail import MailSettings
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("CATALOGUE_REQUIRE_BROWSER") == "1"
"""CI sets it: there, a missing Chromium fails the browser tests instead of skipping them."""
SCREENSHOTS = os.environ.get("CATALOGUE_SCREENSHOTS")
"""A folder to keep the screenshots in (docs/screenshots/ when they are renewed); unset: not kept."""
PASSWORD = "correct horse battery"
NOW = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
OFFICERS = {"ed": "editor", "eve": "editor", "rita": "reviewer", "paul": "publisher", "ada": "admin"}


def launch_arguments() -> dict:
    """Playwright's launch arguments for Debian's Chromium, or a skip (a failure in CI) where it is missing."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        message = ("Chromium is not installed (apt-get install chromium): the browser tests need Debian's "
                   "Chromium at /usr/bin/chromium")
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    return {"executable_path": str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            "args": ["--no-sandbox", "--disable-dev-shm-usage"]}


class Clock:
    """The server's clock, moved by the test (an embargo lifts without waiting)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class LiveServer:
    url: str
    store: Store
    clock: Clock


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def live_server(database_url: str, example: Path = EXAMPLE, agency: str = "BSO",
                mail: MailSettings | None = None) -> Iterator[LiveServer]:
    """``catalogue serve`` of an example on ``database_url``, with the officers of OFFICERS in its agency (``mail``:
    the SMTP server researchers' e-mails go through)."""
    store = open_store(database_url)
    store.load(read_catalogue(example), example, "loader", "first load")
    accounts = Accounts(store.engine)
    for name, role in OFFICERS.items():
        accounts.add_user(name, PASSWORD)
        accounts.set_role(name, agency, role)
    clock = Clock()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, clock, mail=mail), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", store, clock)
    finally:
        server.should_exit = True
        thread.join(10)
        store.engine.dispose()


def screenshot(page, name: str, top: bool = False) -> None:
    """Keep a screenshot of what the page shows (``top``: of its beginning) where CATALOGUE_SCREENSHOTS says; they
    are looked at, then committed under docs/screenshots/."""
    if SCREENSHOTS:
        folder = Path(SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(1000)  # the checks panel follows typing 600 ms later
        if top:
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(folder / f"{name}.png"))
