"""Issue 30: every route of the server, public and editor, under generated paths, parameters, bodies and headers
(within the bounds a client may send): never a 500, never an answer slower than a budget, and the server's memory
does not grow beyond a bound over the whole run."""

from __future__ import annotations

import re
from collections import Counter
import resource
import time
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE

BUDGET = 10.0
"""Seconds an answer may take at most here (a generous bound: what it catches is work out of proportion)."""
MEMORY_BOUND_MB = 300
"""Growth of the process's peak memory over the whole run, at most."""

HOSTILE = st.sampled_from(["", "²", "١٢", "9" * 5000, "-1", "0", "1e400", "NaN", "a/b", "a?b#c", "..", "%00", "\x07",
                           "new", "DS_POP_AGE_SEX_REGION", "DS_POP_PROJECTIONS", "CL_SEX", "BSO", "en", "fr", "ar",
                           "2026-01-01", "2026-13-45T99:99", "*", "~", "+", "1.0", "1.0.0", "all", "latest",
                           "<script>", "' OR 1=1 --", "é" * 300, "\r\nX-Injected: 1"])
TEXT = st.one_of(HOSTILE, st.text(max_size=60))
ACTIONS = st.sampled_from(["save", "add:variables", "add:variables.3.codes", "remove:variables.0", "up:variables.1",
                           "down:variables.0", "take:title.en", "take:variables.0.label", "add:distributions"])
PARAMETERS = ("page_size", "cursor", "modified_since", "format", "detail", "references", "q", "from", "to",
              "offset", "at", "language")
HEADER_VALUES = st.sampled_from(["*/*", "text/turtle", "application/ld+json;q=0.5, text/html", "garbage;;;",
                                 "application/vnd.sdmx.structure+xml;version=2.1", "ar, fr;q=0.9", "zz-ZZ",
                                 '"abc"', "W/\"1\"", "*", "Mon, 32 Foo 2026 99:99:99 GMT", ("é" * 100).encode()])
HEADERS = st.dictionaries(st.sampled_from(["accept", "accept-language", "if-none-match", "if-modified-since",
                                           "if-match", "origin", "sec-fetch-site"]), HEADER_VALUES, max_size=3)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    store = open_store(f"sqlite:///{folder / 'c.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "first load")
    accounts = Accounts(store.engine)
    accounts.add_user("ed", None)
    accounts.set_role("ed", "BSO", "editor")
    token = accounts.add_token("ed", "fuzz")
    session = accounts.open_session("ed")
    csrf = accounts.session(session).csrf_token  # type: ignore[union-attr]
    app = create_app(store)
    routes = sorted({(method, route.path) for route in app.routes if isinstance(route, APIRoute)
                     for method in route.methods if method in ("GET", "POST", "PUT")})
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    client.cookies.set("catalogue_session", session)
    yield client, routes, {"Authorization": f"Bearer {token}"}, csrf
    store.engine.dispose()


def _path(template: str, values: dict[str, str]) -> str:
    """The path with its parameters as a client sends them on the wire (percent-encoded)."""
    return re.sub(r"\{(\w+)(:path)?\}", lambda m: quote(values.get(m.group(1), "x"), safe="/" if m.group(2) else ""),
                  template)


@st.composite
def requests(draw: Any, routes: list[tuple[str, str]]) -> dict[str, Any]:
    method, template = draw(st.sampled_from(routes))
    names = re.findall(r"\{(\w+)", template)
    values = {name: draw(st.one_of(st.sampled_from(["dataset", "codelist", "terms", "agency", "release"]), TEXT))
              if name == "kind" else draw(TEXT) for name in names}
    query = draw(st.dictionaries(st.sampled_from(PARAMETERS), TEXT, max_size=3))
    body: dict[str, Any] = {}
    if method != "GET":
        kind = draw(st.sampled_from(["json", "none"] if template.startswith("/api/") else
                                    ["form", "form", "form", "multipart", "json", "none"]))
        fields = draw(st.dictionaries(st.sampled_from(["revision", "id", "title.en", "variables.0.id", "move",
                                                       "release_local", "release_offset", "old", "path", "text",
                                                       "suggestion", "csv", "distribution", "name", "password",
                                                       "message"]), TEXT, max_size=5))
        fields["action"] = draw(st.one_of(ACTIONS, TEXT))
        if kind == "form":
            body["data"] = fields
        elif kind == "json":
            body["json"] = draw(st.one_of(
                st.fixed_dictionaries({"data": st.dictionaries(st.sampled_from(["id", "title", "publisher",
                                                                                "variables", "codes"]),
                                                               st.recursive(TEXT, lambda inner: st.lists(inner,
                                                                            max_size=3), max_leaves=8), max_size=4)}),
                st.recursive(st.one_of(TEXT, st.integers(), st.none()),
                             lambda inner: st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=10)))
        elif kind == "multipart":
            body["data"] = fields
            body["files"] = {"file": ("x.csv", draw(st.binary(max_size=200)), "text/csv"),
                             "archive": ("x.zip", draw(st.binary(max_size=200)), "application/zip")}
    headers = draw(HEADERS)
    if method != "GET" and draw(st.integers(0, 4)):  # most forms come from the editor's own pages
        headers = {k: v for k, v in headers.items() if k not in ("origin", "sec-fetch-site")}
    return {"method": method, "url": _path(template, values), "params": query, "headers": headers, **body}


def test_no_route_answers_500_or_takes_too_long_or_grows_memory(served):
    client, routes, bearer, csrf = served
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seen: Counter[tuple[str, int]] = Counter()

    @settings(max_examples=250, deadline=None, database=None, derandomize=True,  # the same requests each run:
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # its coverage is checked
    @given(st.data())
    def run(data: Any) -> None:
        request = data.draw(requests(routes))
        if request["method"] != "GET" and "data" in request:
            request["data"] = {**request["data"], "csrf_token": csrf}
        if request["url"].startswith("/api/"):
            request["headers"] = {**request["headers"], **bearer}
        started = time.monotonic()
        answer = client.request(**request)
        took = time.monotonic() - started
        unserved = answer.status_code == 501 and request["url"].startswith("/sdmx/")  # SDMX-REST's "not implemented"
        assert answer.status_code < 500 or unserved, (request, answer.status_code, answer.text[:300])
        assert took < BUDGET, (request, took)
        seen[(request["method"], answer.status_code)] += 1

    run()
    statuses = {status for _, status in seen}  # the run reached the routes' work, not only their refusals
    assert {200, 400, 404} <= statuses and any(method != "GET" and status in (200, 303, 400, 409, 422)
                                               for method, status in seen), seen
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - peak_before
    assert growth < MEMORY_BOUND_MB, f"the peak memory grew by {growth:.0f} MB"
