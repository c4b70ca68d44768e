"""Issue 30, point by point: every request bounded before work starts, every value the editor takes checked as a
record file is, no reachable 500."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone
import concurrent.futures
import re
import io
import shutil
import threading
import time
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from catalogue.checks.datafiles import check_data
from catalogue.checks.integrity import check_integrity
from catalogue.model.dataset import Constraints
from catalogue.records.loader import read_catalogue
from catalogue.server import create_app
from catalogue.server.limits import MAX_BODY
from catalogue.store.accounts import MAX_ADDRESS_FAILURES, MAX_FAILURES, MAX_UNKNOWN_FAILURES, Accounts, SignIn
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE
from .test_editor_forms import post_form, record_form
from .test_trust import NOW, browser, clock, editing, public, store, through_review  # noqa: F401 (fixtures)

DATASET = "DS_POP_AGE_SEX_REGION"
PASSWORD = "correct horse battery"


def api(store, clock, name: str) -> tuple[TestClient, dict[str, str]]:
    token = Accounts(store.engine).add_token(name, "script")
    return TestClient(create_app(store, clock)), {"Authorization": f"Bearer {token}"}


# -- 1. list indexes are bounded before any work -------------------------------------------------------------
@pytest.mark.parametrize("action", ["add:variables.100000000.codes", "add:variables.99999999999999999999.codes",
                                    "add:variables." + "9" * 5000 + ".codes"])
def test_a_list_action_never_pads_a_list(store, clock, action):
    nobody, csrf = browser(store, clock, "nobody")  # signed in, no role anywhere: nothing is worked on
    assert nobody.post("/editor/dataset/new", data={"csrf_token": csrf, "action": action, "id": "X"}).status_code == 403
    client, csrf = browser(store, clock, "b_ed")
    answer = client.post("/editor/dataset/new", data={"csrf_token": csrf, "action": action, "id": "X"})
    assert answer.status_code == 400 and len(answer.content) < 200_000


@pytest.mark.parametrize("index", ["5000", "9" * 5000, "²"])
def test_taking_the_other_value_never_pads_a_list_or_fails(store, clock, editing, index):
    client, csrf = browser(store, clock, "b_ed")
    revision = editing.current("dataset", DATASET).revision
    answer = client.post(f"/editor/dataset/{DATASET}", data={"csrf_token": csrf, "revision": str(revision),
                                                              "action": f"take:variables.{index}.label"})
    assert answer.status_code == 400 and len(answer.content) < 500_000
    assert editing.current("dataset", DATASET).revision == revision


# -- 2. bodies: authenticate first, then read at most the cap --------------------------------------------------
def _call(app, method: str, path: str, headers: dict[str, str], chunks: int, size: int) -> tuple[int, int]:
    """The status of an ASGI request whose body arrives in ``chunks`` pieces of ``size`` bytes, and how many bytes
    the application took from it."""
    taken, status = 0, 0
    sent = 0

    async def receive():
        nonlocal taken, sent
        if sent >= chunks:
            return {"type": "http.disconnect"}
        sent += 1
        taken += size
        return {"type": "http.request", "body": b"x" * size, "more_body": sent < chunks}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    _run(app(scope, receive, send))
    return status, taken


def _run(coroutine):
    """``asyncio.run`` in a thread of its own (a browser test may leave an event loop running in this one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_an_anonymous_body_is_refused_before_a_byte_of_it_is_read(store, clock):
    app = create_app(store, clock)
    for path, headers, refused in (
            ("/api/editor/records/dataset", {"content-type": "application/json"}, 401),
            ("/api/editor/records/dataset", {"content-type": "application/json", "authorization": "Bearer x"}, 401),
            ("/editor/dataset/new", {"content-type": "application/x-www-form-urlencoded"}, 303),
            (f"/editor/dataset/{DATASET}/files", {"content-type": "multipart/form-data; boundary=b"}, 303)):
        status, taken = _call(app, "POST", path, headers, chunks=1000, size=200_000)  # 200 MB, chunked
        assert (status, taken) == (refused, 0), path


def test_a_chunked_body_beyond_the_cap_is_cut_off_and_refused(store, clock):
    token = Accounts(store.engine).add_token("b_ed", "script")
    app = create_app(store, clock)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    status, taken = _call(app, "POST", "/api/editor/records/dataset", headers, chunks=4000, size=64 * 1024)
    assert status == 413 and taken <= MAX_BODY + 64 * 1024


def test_a_declared_length_beyond_the_cap_is_refused_at_once(store, clock):
    token = Accounts(store.engine).add_token("b_ed", "script")
    app = create_app(store, clock)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}",
               "content-length": str(MAX_BODY + 1)}
    assert _call(app, "POST", "/api/editor/records/dataset", headers, chunks=1, size=10) == (413, 0)
    headers["content-length"] = "²"
    assert _call(app, "POST", "/api/editor/records/dataset", headers, chunks=1, size=10)[0] == 400


# -- 3. a control character is refused in the editor as in a record file ---------------------------------------
def test_a_control_character_typed_in_the_editor_is_an_error_and_never_published(store, clock, editing, public):
    data = dict(editing.current("dataset", DATASET).data)
    data["title"] = {**data["title"], "en": "Population\x07 by age"}
    client, headers = api(store, clock, "b_ed")
    revision = editing.current("dataset", DATASET).revision
    answer = client.put(f"/api/editor/records/dataset/{DATASET}", json={"data": data},
                        headers={**headers, "If-Match": f'"{revision}"'})
    issues = answer.json()["issues"]
    assert {"path": "title.en", "severity": "error",
            "message": "control character U+0007 is not allowed (XML 1.0, and so DCAT and SDMX, cannot carry it)"} \
        in issues
    with pytest.raises(Exception):
        through_review(editing, DATASET, "b_ed", "b_rev")
    for path in ("/catalog.rdf", "/sdmx/structure-2.1.xml", "/sdmx/structure-3.0.xml", "/sdmx/rest/dataflow",
                 f"/ddi/{DATASET}.xml"):
        assert public.get(path).status_code == 200, path


def test_the_editor_and_the_record_reader_say_the_same_of_a_control_character(tmp_path, editing):
    from catalogue.records.yamlsource import parse_yaml
    from catalogue.errors import YamlProblem
    with pytest.raises(YamlProblem) as read:
        parse_yaml('id: X\ntitle: {en: "a\\x07b"}\n')
    _, issues = editing.check("codelist", {"id": "X", "agency": "BSO", "name": {"en": "a\x07b"},
                                           "codes": [{"id": "A", "name": {"en": "A"}}]})
    assert read.value.message in [issue.message for issue in issues]


# -- 4. patterns are matched in linear time --------------------------------------------------------------------
def _with_pattern(catalogue, dataset_id: str, variable_id: str, pattern: str):
    dataset = catalogue.datasets[dataset_id]
    variables = [v.model_copy(update={"constraints": Constraints(pattern=pattern)}) if v.id == variable_id else v
                 for v in dataset.variables]
    return catalogue.model_copy(update={"datasets": {**catalogue.datasets,
                                                     dataset_id: dataset.model_copy(update={"variables": variables})}})


def test_a_backtracking_pattern_takes_no_time_on_a_data_file(tmp_path):
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    data = folder / "data" / "pop_age_sex_region_2021.csv"
    lines = data.read_text().splitlines()
    position = lines[0].split(",").index("REF_AREA")
    cells = lines[1].split(",")
    cells[position] = "a" * 40 + "b"  # (a|a)+$ backtracks 2^40 times on it in Python's re
    data.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")
    catalogue = _with_pattern(read_catalogue(EXAMPLE), DATASET, "REF_AREA", "(a|a)+$")
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(check_data(catalogue, folder)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the pattern backtracked"
    flagged = [p.line for p in found if 'constraint "pattern" is "(a|a)+$"' in p.message]
    assert flagged == list(range(2, len(lines) + 1))  # no code of the column matches it either
    assert any(p.line == 2 and "a" * 40 + "b" in p.message for p in found)


def test_a_pattern_with_a_backreference_is_refused_by_check():
    catalogue = _with_pattern(read_catalogue(EXAMPLE), DATASET, "REF_AREA", r"(a)\1")
    findings = [f for f in check_integrity(catalogue, vocabulary()) if f.fields[-1:] == ("pattern",)]
    assert len(findings) == 1 and "RE2" in findings[0].message


# -- 5. reachable 500s -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["page_size=²", "page_size=" + "9" * 5000, "page_size=١٢"])
def test_a_bad_page_size_is_a_400(public, query):
    answer = public.get(f"/catalog?{query}")
    assert answer.status_code == 400 and answer.json()["parameter"] == "page_size"


@pytest.mark.parametrize("path", ["/sdmx/rest/codelist/all/all/" + "1" * 5000,
                                  "/sdmx/rest/v2/structure/codelist/*/*/" + "1" * 5000,
                                  "/sdmx/rest/codelist/all/all/1.²"])
def test_a_version_of_thousands_of_digits_is_a_syntax_error(public, path):
    assert public.get(path).status_code == 400


def test_a_record_nested_deeper_than_a_record_file_may_be_is_refused(store, clock):
    client, headers = api(store, clock, "b_ed")
    deep: dict = {}
    inner = deep
    for _ in range(800):
        inner["x"] = {}
        inner = inner["x"]
    answer = client.post("/api/editor/records/dataset", json={"data": {"id": "DS_DEEP", "publisher": "BSO",
                                                                        "extra": deep}}, headers=headers)
    assert answer.status_code == 422 and "nesting deeper" in answer.json()["error"]


@pytest.mark.parametrize("record_id", ["new", "a/b", "a?b#c", "X\r\nLocation: http://evil", "", " ", "é"])
def test_an_id_that_no_address_can_name_is_refused(store, clock, record_id):
    client, headers = api(store, clock, "b_ed")
    answer = client.post("/api/editor/records/dataset", json={"data": {"id": record_id, "publisher": "BSO"}},
                         headers=headers)
    assert answer.status_code == 422, answer.text
    assert "Location" not in answer.headers


def test_a_zip_whose_declared_size_lies_is_refused_not_a_500(store, clock):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("catalogue.yaml", "id: X\n" * 1000)
    data = bytearray(buffer.getvalue())
    # the central directory and the local header both say 10 bytes: the stream holds 6,000
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = (10).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    Accounts(store.engine).set_role("b_adm", "BSO", "admin")
    client, csrf = browser(store, clock, "b_adm")
    answer = client.post("/editor/folder", data={"csrf_token": csrf},
                         files={"archive": ("records.zip", bytes(data), "application/zip")})
    assert answer.status_code in (400, 403, 422), answer.text


# -- 16. the editor ------------------------------------------------------------------------------------------------
def test_saving_without_a_change_makes_no_revision(store, clock, editing):
    client, csrf = browser(store, clock, "b_ed")
    before = editing.current("dataset", DATASET)
    revisions = len(editing.history("b_ed", "dataset", DATASET))
    saved = editing.save("b_ed", "dataset", DATASET, before.data, before.revision)
    assert saved.revision == before.revision and saved.stage == before.stage == "published"
    values, _ = record_form(client.get(f"/editor/dataset/{DATASET}").text)  # the form sent back as it came
    assert post_form(client, f"/editor/dataset/{DATASET}", values, action="save").status_code == 303
    assert len(editing.history("b_ed", "dataset", DATASET)) == revisions


# -- 6. sign-in, the event loop, slow clients, the Host header -------------------------------------------------
def _sign_in(client: TestClient, name: str, password: str, **headers: str):
    form = client.get("/editor/login")
    token = re.search(r'name="csrf_token" value="([^"]*)"', form.text).group(1)
    return client.post("/editor/login", data={"name": name, "password": password, "csrf_token": token},
                       headers=headers)


def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out_of_their_own_browser(store, clock):
    Accounts(store.engine).set_password("b_ed", PASSWORD)
    owner = TestClient(create_app(store, clock), base_url="https://testserver", follow_redirects=False)
    assert _sign_in(owner, "b_ed", PASSWORD).status_code == 303  # the owner's browser is known from now on
    app = create_app(store, clock)
    guesser = TestClient(app, base_url="https://testserver", follow_redirects=False)
    for _ in range(MAX_FAILURES):
        assert _sign_in(guesser, "b_ed", "wrong").status_code == 401
    assert _sign_in(guesser, "b_ed", PASSWORD).status_code == 429  # the guesser's source is locked
    owner.cookies.delete("catalogue_session")
    assert _sign_in(owner, "b_ed", PASSWORD).status_code == 303  # the owner is not


def test_guesses_spread_over_many_addresses_stop_unknown_browsers_only(store, clock):
    accounts = Accounts(store.engine)
    accounts.set_password("b_ed", PASSWORD)
    device = accounts.trust_device("b_ed", NOW)
    for number in range(MAX_UNKNOWN_FAILURES):
        assert accounts.sign_in("b_ed", "wrong", NOW, f"10.0.{number // 250}.{number % 250}")[0] is SignIn.REFUSED
    assert accounts.sign_in("b_ed", PASSWORD, NOW, "192.0.2.1")[0] is SignIn.THROTTLED
    assert accounts.sign_in("b_ed", PASSWORD, NOW, "192.0.2.1", device)[0] is SignIn.ACCEPTED
    assert accounts.sign_in("b_ed", PASSWORD, NOW, "192.0.2.1", "forged")[0] is SignIn.THROTTLED


def test_passwords_are_checked_off_the_event_loop(store, clock, monkeypatch):
    import catalogue.store.accounts as accounts_module
    threads = []
    checked = accounts_module.password_matches

    def watched(stored, password):
        threads.append(threading.current_thread() is threading.main_thread())
        return checked(stored, password)

    monkeypatch.setattr(accounts_module, "password_matches", watched)
    Accounts(store.engine).set_password("b_ed", PASSWORD)
    client = TestClient(create_app(store, clock), base_url="https://testserver", follow_redirects=False)
    with client:  # the event loop runs in the portal's thread: a check on it would be in that thread
        loop_thread = client.portal.call(threading.current_thread)
        monkeypatch.setattr(accounts_module, "password_matches", lambda stored, password: (
            threads.append(threading.current_thread() is loop_thread), checked(stored, password))[1])
        assert _sign_in(client, "b_ed", PASSWORD).status_code == 303
    assert threads == [False]


def test_a_planted_sign_in_cookie_with_its_own_value_as_token_is_refused(store, clock):
    Accounts(store.engine).set_password("b_ed", PASSWORD)
    client = TestClient(create_app(store, clock), base_url="https://testserver", follow_redirects=False)
    client.cookies.set("catalogue_login_csrf", "planted", path="/editor/login")
    answer = client.post("/editor/login", data={"name": "b_ed", "password": PASSWORD, "csrf_token": "planted"})
    assert answer.status_code == 403
    answer = _sign_in(client, "b_ed", PASSWORD, origin="https://evil.example")
    assert answer.status_code == 403
    answer = _sign_in(client, "b_ed", PASSWORD, **{"sec-fetch-site": "cross-site"})
    assert answer.status_code == 403
    behind_a_proxy = {"origin": "https://catalogue.example.org", "sec-fetch-site": "same-origin"}  # Host rewritten
    assert _sign_in(client, "b_ed", PASSWORD, **behind_a_proxy).status_code == 303
    assert _sign_in(client, "b_ed", PASSWORD, origin="https://testserver").status_code == 303


def test_links_are_written_from_settings_never_from_the_host_header(store, clock):
    for base, expected in ((None, read_catalogue(EXAMPLE).info.base_uri), ("https://data.example.org/", None)):
        client = TestClient(create_app(store, clock, base_url=base))
        answer = client.get("/catalog.ttl?page_size=1", headers={"host": "evil.example"})
        assert "evil.example" not in answer.text
        assert (expected or base).rstrip("/") + "/catalog.ttl?" in answer.text
        stubs = client.get("/sdmx/rest/codelist/all/all/latest?detail=allstubs", headers={"host": "evil.example"})
        assert stubs.status_code == 200 and "evil.example" not in stubs.text and "structureURL" in stubs.text


def test_a_client_too_slow_to_send_its_headers_or_body_is_cut_off(store):
    from catalogue.server import protocol

    quick = {"header_timeout": 0.5, "body_idle_timeout": 0.5}
    for implementation in (protocol.TimedH11Protocol, protocol.TimedHttpToolsProtocol):  # h11: where httptools is not
        _cut_off_when_too_slow(store, type("Quick", (implementation,), quick))


def _cut_off_when_too_slow(store, quick) -> None:
    import socket
    import time

    import uvicorn

    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=0, http=quick, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        for opening in (b"GET /health HTTP/1.1\r\nHost: x\r\n",  # never ends its headers
                        b"POST /editor/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        b"Content-Length: 100\r\n\r\nname="):  # nor body
            with socket.create_connection(("127.0.0.1", port)) as connection:
                connection.sendall(opening)
                connection.settimeout(5)
                started = time.monotonic()
                assert connection.recv(1024) == b""  # closed by the server
                assert time.monotonic() - started < 4
        with socket.create_connection(("127.0.0.1", port)) as connection:  # a prompt client is answered
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            connection.settimeout(5)
            assert connection.recv(1024).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(5)


# -- 8. load shedding ---------------------------------------------------------------------------------------------
def test_requests_beyond_what_a_worker_answers_at_once_are_refused_at_once_and_health_still_answers(store, clock):
    client = TestClient(create_app(store, clock, max_in_flight=0))
    busy = client.get("/index.html")
    assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
    assert client.get("/health").status_code == 200


def test_the_limit_counts_requests_until_their_answer_starts():
    from catalogue.server.limits import LoadShedding
    release = asyncio.Event()

    async def slow(scope, receive, send):
        if scope["path"] != "/health":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    shedding = LoadShedding(slow, limit=2)

    async def status(path: str) -> int:
        answered = []

        async def send(message):
            if message["type"] == "http.response.start":
                answered.append(message["status"])

        async def receive():
            return {"type": "http.request", "body": b""}

        await shedding({"type": "http", "path": path, "method": "GET", "headers": []}, receive, send)
        return answered[0]

    async def scenario() -> list[int]:
        held = [asyncio.create_task(status("/a")) for _ in range(2)]
        await asyncio.sleep(0.01)
        refused, health = await status("/b"), await status("/health")
        release.set()
        return [*(await asyncio.gather(*held)), refused, health, await status("/c")]

    assert _run(scenario()) == [200, 200, 503, 200, 200]


# -- 13. codes on right-to-left pages --------------------------------------------------------------------------
def test_an_empty_missing_value_code_is_named_on_the_page(tmp_path):
    from catalogue.model.dataset import MissingValue
    from catalogue.store import open_store

    almara = EXAMPLE.parent / "almara"
    catalogue = read_catalogue(almara)
    dataset = catalogue.datasets["DS_ENCUESTA_HOGARES"]
    context = {"default_language": "es", "languages": ["es", "ar", "en"]}
    empty = MissingValue.model_validate({"code": "", "label": {"es": "Vacío", "ar": "فارغ", "en": "Empty"}},
                                        context=context)
    variables = [v.model_copy(update={"missing_values": [*v.missing_values, empty]}) if v.id == "EDAD" else v
                 for v in dataset.variables]
    catalogue = catalogue.model_copy(update={"datasets": {**catalogue.datasets, dataset.id: dataset.model_copy(
        update={"variables": variables})}})
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    store.load(catalogue, almara, "loader", "load")
    page = TestClient(create_app(store)).get("/ar/datasets/DS_ENCUESTA_HOGARES/index.html")
    assert page.status_code == 200
    assert '<bdi dir="ltr">-9</bdi>' in page.text and "<em>خلية فارغة</em> فارغ" in page.text
    store.engine.dispose()


# -- 12. imports are all or nothing -----------------------------------------------------------------------------
def test_an_import_that_check_refuses_writes_nothing_and_can_be_run_again(tmp_path):
    from typer.testing import CliRunner

    from .conftest import run
    from .exports import sdmx_codelist_message

    message = sdmx_codelist_message(tmp_path / "sex.xml")  # F's parent is _T: _T made F's child, a cycle
    text = message.read_text(encoding="utf-8")
    total = re.search(r'<str:Code id="_T"[^>]*>(<com:Name[^<]*</com:Name>)+', text)
    assert total is not None and '<str:Parent><Ref id="_T"/></str:Parent>' in text
    message.write_text(text[:total.end()] + '<str:Parent><Ref id="F"/></str:Parent>' + text[total.end():],
                       encoding="utf-8")
    target = tmp_path / "new"
    arguments = ("import", "sdmx", str(message), "--into", str(target), "--language", "en", "--agency", "OFFICE",
                 "--base-uri", "https://data.example.org/", "--title", "Imported")
    for _ in range(2):  # the second run is not refused for a catalogue.yaml the first one left
        result = run(CliRunner(), *arguments)
        assert result.exit_code == 1, result.output
        assert "part of a parent cycle" in result.output and f"nothing was written to {target}" in result.output
        assert not target.exists()
        assert [p.name for p in tmp_path.iterdir()] == ["sex.xml"]  # no staging folder left beside it


@pytest.mark.parametrize("standard", ["dcat-us", "ddi"])
def test_an_import_into_a_new_folder_makes_the_agency_and_terms_it_needs_and_passes_check(tmp_path, standard):
    """DCAT-US stopped at 'no terms of use ... give --terms ID' (and a new folder has no terms to name), DDI at 20
    errors of check: the publisher's agency record and the terms are made from the input, what is made is reported,
    and the texts in languages the new catalogue does not have are dropped from every field that holds them."""
    import yaml
    from typer.testing import CliRunner

    from .conftest import run

    exported = tmp_path / ("data.json" if standard == "dcat-us" else "ddi")
    assert run(CliRunner(), "export", standard, str(EXAMPLE), "-o", str(exported)).exit_code == 0
    target = tmp_path / "new"
    result = run(CliRunner(), "import", "dcat" if standard == "dcat-us" else "ddi", str(exported), "--into",
                 str(target), "--language", "en", "--agency", "BSO", "--base-uri", "https://data.example.org/",
                 "--title", "Imported")
    assert result.exit_code == 0, result.output
    agency = yaml.safe_load((target / "agencies" / "BSO.yaml").read_text(encoding="utf-8"))
    assert agency["name"] == {"en": "Belmar Statistical Office"}
    terms = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (target / "terms").glob("*.yaml")}
    levels = {t["access_level"] for t in terms.values()}
    assert {"public", "restricted"} <= levels
    if standard == "dcat-us":  # made for an access level, said so
        assert terms["T_RESTRICTED"]["access_type"] == "not_available"
        assert "terms/T_RESTRICTED.yaml: made for the restricted datasets" in " ".join(result.output.split())
    texts = "".join(p.read_text(encoding="utf-8") for p in target.rglob("*.yaml"))
    assert "\n  fr:" not in texts
    assert standard == "dcat-us" or "not a language of the catalogue (en)" in result.output  # data.json has one
    assert run(CliRunner(), "check", str(target)).exit_code == 0


# -- 15. messages ------------------------------------------------------------------------------------------------
def test_an_unknown_page_is_a_page_in_the_visitors_language(public):
    for path, headers, language, words in (
            ("/nothing-here.html", {"accept-language": "fr-CH, fr;q=0.9"}, "fr", "Page introuvable"),
            ("/fr/datasets/DS_NO_SUCH/index.html", {}, "fr", "Page introuvable"),
            ("/datasets/DS_NO_SUCH/index.html", {"accept-language": "de"}, "en", "Page not found"),
            ("/some/folder/", {"accept": "text/html"}, "en", "Page not found")):
        answer = public.get(path, headers=headers)
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html"), path
        assert f'<html lang="{language}"' in answer.text and words in answer.text, path
    document = public.get("/no/such/document.json")
    assert document.status_code == 404 and document.json() == {"error": "not found"}


def test_a_bad_cursor_says_what_is_expected(public):
    answer = public.get("/catalog?cursor=nonsense")
    assert answer.status_code == 400
    assert answer.json()["error"] == "cursor: expected a cursor this server gave (take the hydra:next link of a page)"


def test_a_tab_in_a_record_file_is_named_as_such():
    from catalogue.records.yamlsource import parse_yaml
    from catalogue.errors import YamlProblem

    with pytest.raises(YamlProblem) as problem:
        parse_yaml("id: X\ntitle:\n\ten: A title\n")
    assert problem.value.message == "a tab where YAML expects spaces: indent with spaces only (replace the tab)"
    assert (problem.value.position.line, problem.value.position.column) == (3, 1)


def test_every_character_xml_cannot_carry_in_a_file_is_reported(tmp_path):
    from catalogue.records.loader import load_catalogue

    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "datasets" / f"{DATASET}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", 'title_x: "a\\x07"\ntitle:', 1).replace(
        "description:", 'description_x: "b\\x0b"\ndescription:', 1), encoding="utf-8")
    found = [p for p in load_catalogue(folder).problems if "XML 1.0" in p.message]
    assert sorted(p.message.split(" is")[0] for p in found) == ["control character U+0007",
                                                                "control character U+000B"]


def test_a_pasted_parent_that_is_no_code_is_refused_at_its_line(store, clock, editing):
    from catalogue.errors import BadPaste

    Accounts(store.engine).set_role("b_ed", "BSO", "editor")
    current = editing.current("codelist", "BSO:CL_SEX(1.0)")
    with pytest.raises(BadPaste) as refused:
        editing.paste_codes("b_ed", "BSO:CL_SEX(1.0)", current.revision, "id,parent,name_en\nX1,,One\nX2,NOPE,Two\n")
    assert [issue.message for issue in refused.value.problems] == [
        "line 3, column 2: parent 'NOPE' is not a code of the codelist (paste it too, or fix the parent)"]
    assert editing.current("codelist", "BSO:CL_SEX(1.0)").revision == current.revision


def test_validate_names_the_resources_a_warning_is_about():
    from catalogue.conformance.validators import ShaclResult
    from catalogue.conformance.validate import FileReport, _shacl_findings

    report = FileReport("catalog.ttl", "pyshacl")
    found = [ShaclResult("Warning", f"https://data.example.org/datasets/DS_{n}", "http://purl.org/dc/terms/spatial",
                         "missing", "shape") for n in range(3)]
    _shacl_findings(report, found)
    assert report.notes == ["3 warning(s) on spatial: https://data.example.org/datasets/DS_0, "
                            "https://data.example.org/datasets/DS_1, https://data.example.org/datasets/DS_2"]


# -- 16. the editor, continued -------------------------------------------------------------------------------
def test_the_record_list_tells_a_working_copy_of_a_published_record_and_an_embargo(store, clock, editing):
    current = editing.current("dataset", DATASET)
    editing.save("b_ed", "dataset", DATASET, {**current.data, "version": "8.8"}, current.revision)
    client, _ = browser(store, clock, "b_ed")
    rows = {re.search(r'href="/editor/[a-z_]+/([^"]+)"', row).group(1): row
            for row in re.findall(r"<tr>.*?</tr>", client.get("/editor/").text, re.S) if "/editor/" in row}
    assert "Draft · published version online" in rows[DATASET]
    assert "Published · embargoed until" in rows["DS_POP_PROJECTIONS"] and "2099-06-30T09:00:00+02:00" in \
        rows["DS_POP_PROJECTIONS"]


def test_submit_is_not_offered_on_a_record_with_errors(store, clock, editing):
    current = editing.current("dataset", DATASET)
    editing.save("b_ed", "dataset", DATASET, {**current.data, "licence": "NO-SUCH-LICENCE"}, current.revision)
    client, _ = browser(store, clock, "b_ed")
    page = client.get(f"/editor/dataset/{DATASET}").text
    assert 'value="submit"' not in page and "Fix the errors listed above" in page
    editing.save("b_ed", "dataset", DATASET, current.data, editing.current("dataset", DATASET).revision)
    assert 'value="submit"' in client.get(f"/editor/dataset/{DATASET}").text


def test_the_release_time_is_picked_as_a_date_and_time_and_an_offset(store, clock, editing):
    through_review(editing, "DS_POP_PROJECTIONS", "b_ed", "b_rev",
                   {**editing.current("dataset", "DS_POP_PROJECTIONS").data, "version": "7.0"})
    client, csrf = browser(store, clock, "b_pub")
    page = client.get("/editor/dataset/DS_POP_PROJECTIONS").text  # embargoed: its release time as written
    assert 'type="datetime-local"' in page and 'name="release_local" value="2099-06-30T09:00:00"' in page
    assert re.search(r'name="release_offset">.*?<option value="\+02:00" selected>', page, re.S)
    approved = through_review(editing, DATASET, "b_ed", "b_rev",
                              {**editing.current("dataset", DATASET).data, "version": "7.0"})
    answer = client.post(f"/editor/dataset/{DATASET}/workflow", data={
        "csrf_token": csrf, "revision": str(approved.revision), "move": "publish", "release_local": "2022-03-15T09:30",
        "release_offset": "+02:00"})  # the day it was issued, in another zone than its own
    assert answer.status_code == 303, answer.text
    published = editing.current("dataset", DATASET).data["release_time"]
    assert datetime.fromisoformat(published.replace("Z", "+00:00")) == datetime(2022, 3, 15, 7, 30, tzinfo=timezone.utc)


def test_an_import_into_a_new_folder_keeps_each_datasets_publisher_and_makes_their_agencies(tmp_path):
    from typer.testing import CliRunner

    from catalogue.records.loader import load_catalogue

    from .conftest import REPO, run

    target = tmp_path / "new"
    result = run(CliRunner(), "import", "dcat", str(REPO / "tests" / "specimens" / "three_publishers.ttl"),
                 "--into", str(target), "--language", "en", "--agency", "AG_NORTH",
                 "--base-uri", "https://data.example.org/", "--title", "Imported")
    assert result.exit_code == 0, result.output
    loaded = load_catalogue(target)
    assert loaded.errors == []
    assert sorted(d.publisher for d in loaded.catalogue.datasets.values()) == ["AG_EAST", "AG_NORTH", "AG_SOUTH"]
    assert loaded.catalogue.agencies["AG_SOUTH"].name == {"en": "South Statistics"}  # from the input
    again = tmp_path / "again"  # into an existing catalogue, --agency still names every dataset's publisher
    shutil.copytree(target, again)
    shutil.rmtree(again / "datasets")
    result = run(CliRunner(), "import", "dcat", str(REPO / "tests" / "specimens" / "three_publishers.ttl"),
                 "--into", str(again), "--agency", "AG_EAST")
    assert result.exit_code == 0, result.output
    assert {d.publisher for d in load_catalogue(again).catalogue.datasets.values()} == {"AG_EAST"}


# -- 7. whole-catalogue documents (first part: the sitemap) ----------------------------------------------------
def test_a_large_sitemap_is_an_index_of_parts_within_the_protocols_limits(tmp_path, monkeypatch):
    from lxml import etree
    from typer.testing import CliRunner

    import catalogue.publish.paths as paths_module
    from catalogue.store import open_store

    from .conftest import run

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    whole = tmp_path / "whole"
    assert run(CliRunner(), "build", str(EXAMPLE), "--out", str(whole), "--quiet").exit_code == 0
    every = set(etree.parse(str(whole / "sitemap.xml")).xpath("//s:url/s:loc/text()", namespaces=namespace))
    monkeypatch.setattr(paths_module, "URLS_PER_SITEMAP", 6)  # as 10,000 is to a catalogue of 100,000 datasets
    parted = tmp_path / "parted"
    assert run(CliRunner(), "build", str(EXAMPLE), "--out", str(parted), "--quiet").exit_code == 0
    index = etree.parse(str(parted / "sitemap.xml"))
    assert index.getroot().tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.rsplit("/", 1)[1] for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=namespace)]
    assert len(parts) > 1
    found: list[str] = []
    for name in parts:
        locs = etree.parse(str(parted / name)).xpath("//s:url/s:loc/text()", namespaces=namespace)
        assert 0 < len(locs) <= 6
        found += locs
    assert sorted(found) == sorted(every)  # each address once, in one part
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "loader", "load")
    served = TestClient(create_app(store))
    for name in ["sitemap.xml", *parts]:
        assert served.get(f"/{name}").content == (parted / name).read_bytes(), name
    assert served.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    store.engine.dispose()


def test_the_catalogues_pages_and_search_index_read_only_what_they_show(store, clock, monkeypatch):
    """A page of the list reads its datasets and their count; the search index streams them in batches; neither
    (nor the sitemap) reads every dataset at once."""
    import catalogue.publish.paths as paths_module
    from catalogue.store.public import PublicRecords

    def refused(self):
        raise AssertionError("a request read every public dataset at once")

    monkeypatch.setattr(PublicRecords, "whole", refused)
    monkeypatch.setattr(paths_module, "DATASETS_PER_PAGE", 4)
    public = TestClient(create_app(store, clock))
    for path in ("/", "/index.html", "/index-2.html", "/index-3.html", "/fr/index-3.html", "/search-index.json",
                 "/fr/search-index.json", "/sitemap.xml"):
        assert public.get(path).status_code == 200, path
    listed = [re.findall(r'<h3><a href="datasets/([^/]+)/index.html">', public.get(f"/index-{n}.html").text)
              for n in (2, 3)]
    rows = [row[0] for row in public.get("/search-index.json").json()]
    assert [*re.findall(r'<h3><a href="datasets/([^/]+)/index.html">', public.get("/index.html").text), *listed[0],
            *listed[1]] \
        == rows and len(rows) == 10
    for path in ("/index-4.html", "/index-0.html", "/index-1.html", "/index-03.html", "/index-².html",
                 "/index-" + "9" * 400 + ".html"):
        assert public.get(path).status_code == 404, path


def test_the_whole_catalogues_documents_are_made_in_the_background_once_per_version(store, clock, monkeypatch):
    """The feeds, the search indexes, the SDMX structure files and the artefacts SDMX-REST answers from are made
    by the worker's background thread, once per version of the public view however many ask at once, from the
    stored documents read in batches or as JSON: no request makes one, none reads every dataset at once."""
    from catalogue.store.public import PublicRecords

    passes: list[str] = []
    original_batches, original_documents = PublicRecords.batches, PublicRecords.documents

    def slow_batches(self, size=500):
        passes.append(threading.current_thread().name)
        time.sleep(0.3)
        yield from original_batches(self, size)

    def slow_documents(self):  # the one pass of the SDMX artefacts over every released dataset's document
        passes.append(threading.current_thread().name)
        time.sleep(0.3)
        yield from original_documents(self)

    def refused(self):
        raise AssertionError("every public dataset made at once")

    monkeypatch.setattr(PublicRecords, "batches", slow_batches)
    monkeypatch.setattr(PublicRecords, "documents", slow_documents)
    monkeypatch.setattr(PublicRecords, "whole", refused)
    public = TestClient(create_app(store, clock))
    paths = ["/search-index.json", "/data.json", "/schema-org.jsonld", "/sdmx/structure-2.1.xml",
             "/sdmx/structure-3.0.xml", "/sdmx/rest/dataflow/all/all/latest", "/sdmx/v2/structure/codelist/*/*/*"]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(public.get, paths * 3))
    assert [a.status_code for a in answers] == [200] * len(answers)
    for index, path in enumerate(paths):
        assert answers[index].content == answers[index + len(paths)].content == \
            answers[index + 2 * len(paths)].content, path
    assert passes and set(passes) == {"catalogue-prepared"}  # never on a request's thread
    assert len(passes) == 4  # the search index, data.json, schema.org: a pass each; the SDMX artefacts: one
    assert public.get("/data.json").content == answers[1].content and len(passes) == 4


def test_an_earlier_document_answers_only_when_the_public_view_only_grew_since(store, clock, editing, monkeypatch):
    """Until a document is made at the request's version, an earlier one answers after a short wait, but only
    when the public view has only grown since (an embargo lifted, a dataset published); after a change (an edit
    published, a dataset withdrawn) the request waits for the new one, and is refused (503) rather than ever be
    answered with what the store no longer says."""
    import catalogue.server.prepared as prepared_module
    from catalogue.store.public import PublicRecords

    public = TestClient(create_app(store, clock))
    before = public.get("/data.json")
    titles = {d["identifier"]: d["title"] for d in before.json()["dataset"]}
    assert before.status_code == 200 and "DS_POP_PROJECTIONS" not in json.dumps(titles)  # embargoed till 2099
    monkeypatch.setattr(prepared_module, "FRESH_WAIT", 0.1)
    monkeypatch.setattr(prepared_module, "WHOLE_WAIT", 0.5)
    gate = threading.Event()
    original = PublicRecords.batches

    def held(self, size=500):
        gate.wait(10)
        yield from original(self, size)

    monkeypatch.setattr(PublicRecords, "batches", held)
    clock.now = datetime(2100, 1, 1, tzinfo=timezone.utc)  # the embargo lifts: the view only grew
    earlier = public.get("/data.json")
    assert earlier.status_code == 200 and earlier.content == before.content
    assert earlier.headers["cache-control"] == "public, max-age=5" and earlier.headers["etag"] == before.headers["etag"]
    assert "last-modified" not in earlier.headers  # revalidated by its ETag alone: the date is not its own
    gate.set()
    for _ in range(100):
        fresh = public.get("/data.json")
        if fresh.content != before.content:
            break
        time.sleep(0.05)
    assert "DS_POP_PROJECTIONS" in fresh.text and fresh.headers["etag"] != before.headers["etag"]
    gate.clear()
    data = dict(editing.current("dataset", DATASET).data)
    data["title"] = {**data["title"], "en": "Renamed: the old title must not be served"}
    approved = through_review(editing, DATASET, "b_ed", "b_rev", data)
    editing.publish("b_pub", "dataset", DATASET, approved.revision)
    refused = public.get("/data.json")  # the edit is not additive: never the old title
    assert refused.status_code == 503 and refused.headers["retry-after"]
    gate.set()
    for _ in range(100):
        changed = public.get("/data.json")
        if changed.status_code == 200:
            break
        time.sleep(0.05)
    assert "Renamed: the old title must not be served" in changed.text


def test_an_earlier_document_holding_what_was_published_while_it_was_made_is_not_served_once_withdrawn(
        store, clock, editing, monkeypatch):
    """Found by the hostile review: a document is made from the store as it is while it is made, so it may hold a
    dataset published meanwhile that its version did not; once that dataset is embargoed again, the earlier
    document must not answer. Each document's listing is what it read, and an earlier one answers only when all of
    it is still public as it was read."""
    import catalogue.server.prepared as prepared_module
    from catalogue.store.public import PublicRecords

    public = TestClient(create_app(store, clock))
    assert public.get("/data.json").status_code == 200
    monkeypatch.setattr(prepared_module, "FRESH_WAIT", 0.1)
    monkeypatch.setattr(prepared_module, "WHOLE_WAIT", 1.0)
    opened, entered = threading.Event(), threading.Event()
    opened.set()
    original = PublicRecords.batches

    def held(self, size=500):
        entered.set()
        assert opened.wait(10)
        yield from original(self, size)

    monkeypatch.setattr(PublicRecords, "batches", held)
    opened.clear()
    answers: list = []
    asking = threading.Thread(target=lambda: answers.append(public.get("/schema-org.jsonld")))
    asking.start()
    assert entered.wait(10)  # made at the version without DS_POP_PROJECTIONS (embargoed till 2099)...
    approved = through_review(editing, "DS_POP_PROJECTIONS", "b_ed", "b_rev",
                              {**editing.current("dataset", "DS_POP_PROJECTIONS").data, "version": "2.0"})
    editing.publish("b_pub", "dataset", "DS_POP_PROJECTIONS", approved.revision, None, confirm_early=True)
    opened.set()  # ... it reads the store as it is now: published
    asking.join(10)
    assert answers[0].status_code == 200 and "DS_POP_PROJECTIONS" in answers[0].text
    data = {**editing.current("dataset", "DS_POP_PROJECTIONS").data, "version": "3.0"}
    data.pop("modified", None)
    approved = through_review(editing, "DS_POP_PROJECTIONS", "b_ed", "b_rev", data)
    editing.publish("b_pub", "dataset", "DS_POP_PROJECTIONS", approved.revision,
                    datetime(2099, 6, 30, 7, tzinfo=timezone.utc))  # embargoed again
    opened.clear()
    assert public.get("/datasets/DS_POP_PROJECTIONS/index.html").status_code == 404
    again = public.get("/schema-org.jsonld")
    assert again.status_code == 503 and "DS_POP_PROJECTIONS" not in again.text
    opened.set()
    for _ in range(100):
        again = public.get("/schema-org.jsonld")
        if again.status_code == 200:
            break
        time.sleep(0.05)
    assert again.status_code == 200 and "DS_POP_PROJECTIONS" not in again.text


def test_a_client_that_stops_reading_a_feed_holds_nobody_back(store, clock, monkeypatch):
    """Found by the hostile review: the feed was written as its first client read it, so a client that stopped
    reading held the others back. Now it is made apart from any request, and read from its file by each."""
    application = create_app(store, clock)
    stuck, release = threading.Event(), threading.Event()

    async def slow_client() -> None:  # reads the first block of /data.json, then nothing
        scope = {"type": "http", "method": "GET", "path": "/data.json", "raw_path": b"/data.json",
                 "query_string": b"", "headers": [(b"host", b"testserver")], "asgi": {"version": "3.0"},
                 "http_version": "1.1", "scheme": "http", "root_path": "", "client": ("1.2.3.4", 1),
                 "server": ("testserver", 80)}

        async def receive():
            while not release.is_set():
                await asyncio.sleep(0.05)
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.body":
                stuck.set()
                while not release.is_set():
                    await asyncio.sleep(0.05)

        await application(scope, receive, send)

    thread = threading.Thread(target=lambda: asyncio.run(slow_client()), daemon=True)
    thread.start()
    try:
        assert stuck.wait(10)
        started = time.monotonic()
        answer = TestClient(application).get("/data.json")
        assert answer.status_code == 200 and answer.json()["dataset"] and time.monotonic() - started < 5
    finally:
        release.set()
        thread.join(5)


def test_a_kept_answer_skips_the_store_until_something_changed(store, clock, editing, monkeypatch):
    """A kept answer costs no query of the store; a change this worker commits is seen at once, one another worker
    (or machine) commits within ``RECHECK`` seconds, and an embargo lifts at its second."""
    from sqlalchemy import event

    import catalogue.server.catalogue_server as app_module
    from catalogue.store import open_store

    monkeypatch.setattr(app_module, "RECHECK", 3600.0)  # within the window however slow the machine
    public = TestClient(create_app(store, clock))
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    first = public.get("/datasets/DS_HH_SIZE_REGION/index.html")
    statements.clear()
    for _ in range(20):
        assert public.get("/datasets/DS_HH_SIZE_REGION/index.html").content == first.content
    assert statements == []
    opened = editing.current("dataset", "DS_HH_SIZE_REGION")  # this worker's own change: seen at once
    changed = dict(opened.data, title={**opened.data["title"], "en": "Households, retitled"})
    approved = through_review(editing, "DS_HH_SIZE_REGION", "b_ed", "b_rev", changed)
    editing.publish("b_pub", "dataset", "DS_HH_SIZE_REGION", approved.revision)
    assert "Households, retitled" in public.get("/datasets/DS_HH_SIZE_REGION/index.html").text
    public.get("/index.html")  # another worker's change: seen when this one looks again
    other = open_store(str(store.engine.url))
    with other.engine.begin() as connection:
        connection.execute(text("UPDATE records SET status = 'draft' WHERE record_id = 'DS_HH_SIZE_REGION'"))
        connection.execute(text("INSERT INTO revisions (kind, record_id, revision, document, author, message, "
                                "created_at) SELECT kind, record_id, revision + 1, document, 'other', 'withdrawn', "
                                "changed_at FROM records WHERE record_id = 'DS_HH_SIZE_REGION'"))
    assert public.get("/datasets/DS_HH_SIZE_REGION/index.html").status_code == 200  # not looked again yet
    monkeypatch.setattr(app_module, "RECHECK", 0.0)
    assert public.get("/datasets/DS_HH_SIZE_REGION/index.html").status_code == 404
    other.engine.dispose()
    monkeypatch.setattr(app_module, "RECHECK", 3600.0)  # an embargo lifts at its second, whatever RECHECK says
    assert public.get("/datasets/DS_POP_PROJECTIONS/index.html").status_code == 404
    clock.now = datetime(2099, 6, 30, 7, 0, tzinfo=timezone.utc)
    assert public.get("/datasets/DS_POP_PROJECTIONS/index.html").status_code == 200


def test_the_servers_sdmx_artefacts_are_the_sites_and_their_references_known_without_making_them(store, clock):
    """The artefacts made from the stored documents are those of the whole public view, each referring to what the
    made one refers to; a query of codelists makes no dataset at all."""
    from catalogue.formats.sdmx import build_structures
    from catalogue.formats.sdmx.query import parse_v1
    from catalogue.formats.sdmx.selection import resolve
    from catalogue.server.sdmx_rest import stored_structures
    from catalogue.store.public import PublicRecords

    server = TestClient(create_app(store, clock))
    assert server.get("/health").status_code == 200
    records = PublicRecords(store, store.shared_records(), clock())
    lazy, eager = stored_structures(records, store.shared_records()), build_structures(records.whole())
    assert lazy.all_refs() == eager.all_refs() and lazy.known_references
    for ref in eager.all_refs():
        assert lazy.references_of(ref) == eager.references_of(ref), ref
    made: list[str] = []
    original = PublicRecords.require
    records.require = lambda dataset_id: made.append(dataset_id) or original(records, dataset_id)  # type: ignore
    lazy = stored_structures(records, store.shared_records())
    for query in ("codelist/all/all/latest", "codelist/all/all/latest?references=parents",
                  "conceptscheme/all/all/latest?references=parentsandsiblings"):
        path, _, parameters = query.partition("?")
        resolve(lazy, parse_v1(path, dict(p.split("=") for p in parameters.split("&") if p)))
    assert made == []


# -- found by the hostile review (each a class of the points above) ---------------------------------------------
def test_a_number_the_model_calls_finite_is_finite(store, clock, editing, public):
    data = json.loads(json.dumps(editing.current("dataset", DATASET).data))
    data["variables"][4]["constraints"] = {"maximum": "1e400"}
    client, headers = api(store, clock, "b_ed")
    revision = editing.current("dataset", DATASET).revision
    answer = client.put(f"/api/editor/records/dataset/{DATASET}", json={"data": data},
                        headers={**headers, "If-Match": f'"{revision}"'})
    assert any(i["path"] == "variables[4].constraints.maximum" and i["severity"] == "error"
               for i in answer.json()["issues"])
    for body in ({"data": 1e400}, {"data": {"id": "X", "title": float("nan")}}):
        refused = client.post("/api/editor/records/dataset", content=json.dumps(body), headers={
            **headers, "content-type": "application/json"})
        assert refused.status_code == 422, refused.text
    assert public.get("/data.json").status_code == 200


def test_an_uploaded_file_with_a_long_name_is_stored_under_a_name_every_file_system_takes():
    from catalogue.editing.files import MAX_NAME, stored_path

    path = stored_path("DS", "x" * 1000 + ".csv", "a" * 64)
    assert path.endswith(".csv") and len(path.rsplit("/", 1)[1]) <= MAX_NAME


def test_checks_name_no_record_the_officer_may_not_know(store, clock, editing):
    nobody, csrf = browser(store, clock, "nobody")
    assert nobody.post("/editor/dataset/new/check", data={"csrf_token": csrf, "id": "X"}).status_code == 403
    probe = {**json.loads(json.dumps(editing.current("dataset", DATASET).data)), "id": "DS_PROBE",
             "related": ["DS_POP_PROJECTIONS", "DS_NOPE_Q"]}  # BSO's, embargoed; and one that does not exist
    for publisher in ("SDMX", "BSO"):  # as s_ed's own agency's record, and as another's (the form says which)
        _, issues = editing.check("dataset", {**probe, "publisher": publisher}, "s_ed")
        said = [issue.message for issue in issues if "unknown dataset" in issue.message]
        assert len(said) == 2 and all("DS_POP_PROJECTIONS" not in message.split("known:")[1] for message in said)
    _, issues = editing.check("dataset", {**probe, "publisher": "BSO"}, "b_ed")  # its own agency's: known
    assert [issue.message for issue in issues if "unknown dataset" in issue.message] == [
        "unknown dataset 'DS_NOPE_Q' (known: DS_POP_PROJECTIONS, DS_PROBE)"]


def test_a_slow_body_holds_no_place_among_the_requests_answered():
    from catalogue.server.limits import LoadShedding
    body = asyncio.Event()

    async def reads(scope, receive, send):
        await receive()  # waits for the client's body
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    shedding = LoadShedding(reads, limit=1)

    async def request(slow: bool) -> int:
        answered = []

        async def receive():
            if slow:
                await body.wait()
            return {"type": "http.request", "body": b""}

        async def send(message):
            if message["type"] == "http.response.start":
                answered.append(message["status"])

        await shedding({"type": "http", "path": "/x", "method": "POST", "headers": []}, receive, send)
        return answered[0]

    async def scenario() -> list[int]:
        slow = asyncio.create_task(request(True))
        await asyncio.sleep(0.01)
        quick = await request(False)
        body.set()
        return [quick, await slow]

    assert _run(scenario()) == [200, 200]


def test_an_upload_is_refused_before_its_body_is_read_for_whoever_may_not_upload(store, clock):
    app = create_app(store, clock)
    token = Accounts(store.engine).open_session("nobody", NOW)
    for path in (f"/editor/dataset/{DATASET}/files", "/editor/folder"):
        headers = {"content-type": "multipart/form-data; boundary=b", "cookie": f"catalogue_session={token}"}
        status, taken = _call(app, "POST", path, headers, chunks=100, size=100_000)
        assert status in (403, 404) and taken == 0, path
    urlencoded = {"content-type": "application/x-www-form-urlencoded", "cookie": f"catalogue_session={token}",
                  "content-length": str(MAX_BODY + 1)}
    assert _call(app, "POST", f"/editor/dataset/{DATASET}/files", urlencoded, chunks=1, size=1)[0] == 413


def test_sign_in_is_bounded_whoever_asks(store, clock):
    accounts = Accounts(store.engine)
    assert accounts.sign_in("x" * 15_000_000, "wrong", NOW, "192.0.2.7")[0] is SignIn.REFUSED
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM login_failures")).scalar_one() == 0  # nothing kept
    for number in range(MAX_ADDRESS_FAILURES):
        accounts.sign_in(f"name{number}", "wrong", NOW, "192.0.2.8")
    accounts.set_password("b_ed", PASSWORD)
    assert accounts.sign_in("b_ed", PASSWORD, NOW, "192.0.2.8")[0] is SignIn.THROTTLED  # that address guessed enough
    assert accounts.sign_in("b_ed", PASSWORD, NOW, "192.0.2.9")[0] is SignIn.ACCEPTED
    client = TestClient(create_app(store, clock), base_url="https://testserver")
    assert client.post("/editor/login", content=b"a=" + b"x" * 20_000, headers={
        "content-type": "application/x-www-form-urlencoded"}).status_code == 413


@pytest.mark.parametrize("fields", [{"a" + "." * 1000: "x"}, {f"f{n}": "" for n in range(100_001)}])
def test_a_form_no_page_sends_is_refused(store, clock, fields):
    client, csrf = browser(store, clock, "b_ed")
    assert client.post("/editor/dataset/new/check", data={"csrf_token": csrf, **fields}).status_code == 400


def test_what_the_review_sent_gets_an_answer_not_a_500(store, clock, public):
    client, csrf = browser(store, clock, "b_ed")
    assert client.post("/editor/dataset/new/check", data={"csrf_token": "é"}).status_code == 403
    assert client.post("/editor/dataset/new/check", headers={"X-CSRF-Token": "é".encode()}).status_code == 403
    assert public.get("/catalog.ttl?cursor=eyJhZnRlciI6Ilx1ZDgwMCJ9").status_code == 400
    assert public.get("/data.json", headers={
        "If-Modified-Since": "Sun, 06 Nov 99999999999999999999 08:49:37 GMT"}).status_code == 200
    assert client.get("/editor/preview", params={"at": "9999-12-31T23:59:59-14:00"}).status_code == 400
    api_client, headers = api(store, clock, "b_ed")
    surrogate = api_client.post("/api/editor/records/dataset", content=b'{"data": {"id": "DS_S", "publisher": '
                                b'"BSO", "title": {"en": "\\ud800"}}}', headers={**headers,
                                                                                 "content-type": "application/json"})
    assert surrogate.status_code == 422, surrogate.text
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("x", "a")
        zipped.writestr("x/y", "b")
    Accounts(store.engine).set_role("b_adm", "BSO", "admin")
    admin, admin_csrf = browser(store, clock, "b_adm")
    answer = admin.post("/editor/folder", data={"csrf_token": admin_csrf},
                        files={"archive": ("r.zip", archive.getvalue(), "application/zip")})
    assert answer.status_code in (403, 422), answer.text


def test_a_file_far_wider_than_its_dataset_is_refused_as_a_whole(tmp_path):
    folder = tmp_path / "census"
    shutil.copytree(EXAMPLE, folder)
    data = folder / "data" / "pop_age_sex_region_2021.csv"
    lines = data.read_text().splitlines()
    data.write_text(",".join([lines[0], *(f"C{n}" for n in range(200_000))]) + "\n" + "\n".join(lines[1:]) + "\n")
    found = check_data(read_catalogue(EXAMPLE), folder)
    width = len(lines[0].split(",")) + 200_000
    assert [p.message for p in found if p.file.endswith("pop_age_sex_region_2021.csv")] == [
        f"the file has {width:,} columns and the dataset 8 variables: a column is a variable"]


# -- 14. the editor's checks and refusals in the officer's language ----------------------------------------------
def test_the_editors_checks_and_refusals_are_said_in_the_officers_language(store, clock, editing):
    """The checks beside the fields and in the panel, and the page refusing a submit, in the language the
    officer's browser asks for; the API keeps the English text."""
    from lxml import html

    current = editing.current("dataset", DATASET)
    saved = editing.save("b_ed", "dataset", DATASET, {**current.data, "licence": "NO-SUCH-LICENCE"}, current.revision)
    client, csrf = browser(store, clock, "b_ed")
    spanish = html.fromstring(client.get(f"/editor/dataset/{DATASET}", headers={"Accept-Language": "es"}).text)
    beside = spanish.xpath('string(//ul[@id="i-licence"])')
    panel = spanish.xpath('string(//section[@id="problems"])')
    assert "licencia: identificador «NO-SUCH-LICENCE» desconocido" in beside and "Error" in beside
    assert "1 error, 0 advertencias" in panel and "licencia: identificador «NO-SUCH-LICENCE» desconocido" in panel
    assert "unknown licence" not in panel
    refused = client.post(f"/editor/dataset/{DATASET}/workflow", headers={"Accept-Language": "ar"},
                          data={"csrf_token": csrf, "move": "submit", "revision": str(saved.revision)})
    assert refused.status_code == 422 and "في السجل خطأ واحد (1): صحّحه قبل" in refused.text
    assert "أُرسل للمراجعة" in refused.text and "the record has" not in refused.text
    api_client, headers = api(store, clock, "b_ed")
    issues = api_client.get(f"/api/editor/records/dataset/{DATASET}", headers=headers).json()["issues"]
    assert any(i["message"].startswith("unknown licence 'NO-SUCH-LICENCE'") for i in issues)


def test_a_data_files_problems_are_said_in_the_officers_language(store, clock):
    """The data checks of an uploaded file (frictionless's findings and our own) in the officer's language, each at
    its row and column."""
    from lxml import html

    from .conftest import EXAMPLE as example

    good = (example / "data" / "pop_age_sex_region_2021.csv").read_bytes()
    broken = good.replace(b"BM,_T,F,2021,430735", b"BM,_T,F,2021,many", 1)
    client, csrf = browser(store, clock, "b_ed")
    page = client.get(f"/editor/dataset/{DATASET}/files")
    revision = html.fromstring(page.text).xpath('//input[@name="revision"]/@value')[0]
    answer = client.post(f"/editor/dataset/{DATASET}/files", headers={"Accept-Language": "fr"},
                         data={"csrf_token": csrf, "revision": revision, "distribution": "0"},
                         files={"file": ("pop.csv", broken, "text/csv")})
    rows = [[cell.text_content() for cell in row.xpath("td")]
            for row in html.fromstring(answer.text).xpath("//table/tbody/tr")]
    assert ["3", "5", "colonne « OBS_VALUE » : « many » n'est pas du type integer"] in rows


def test_a_fault_of_the_server_is_a_500_with_the_security_headers_and_is_logged(store, clock, monkeypatch, caplog):
    """Found by the hostile review: an answer that failed before it started was Starlette's bare 500, without the
    security headers, and the connection was dropped; now it is a logged 500 like any other answer."""
    from catalogue.store.public import PublicRecords

    def broken(self, dataset_id):
        raise RuntimeError("a fault of the server")

    monkeypatch.setattr(PublicRecords, "get", broken)
    answer = TestClient(create_app(store, clock)).get(f"/datasets/{DATASET}/index.html")
    assert answer.status_code == 500 and answer.json() == {"error": "the server failed to answer; the failure is "
                                                                    "logged"}
    assert answer.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in answer.headers
    assert answer.headers["cache-control"] == "no-store" and "a fault of the server" not in answer.text
    assert any("a fault of the server" in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


def test_once_a_worker_is_asked_for_the_sdmx_artefacts_every_worker_makes_them_before_its_first_query(
        store, clock, tmp_path, monkeypatch):
    """Measured at 100,000 datasets: each worker made its SDMX artefacts (20 s) on its first query, so the second
    worker's first queries waited. Once one worker is asked, the others make them in the background as soon as they
    next look at the store, and at each new version."""
    import catalogue.server.catalogue_server as app_module

    made: list[str] = []
    original = app_module.stored_structures

    def counted(records, shared):
        made.append(threading.current_thread().name)
        return original(records, shared)

    monkeypatch.setattr(app_module, "stored_structures", counted)
    monkeypatch.setattr(app_module, "RECHECK", 0.0)
    first = TestClient(create_app(store, clock, prepared_folder=tmp_path / "prepared"))
    second = TestClient(create_app(store, clock, prepared_folder=tmp_path / "prepared"))
    assert second.get("/index.html").status_code == 200 and made == []  # nobody asked: nothing made
    assert first.get("/sdmx/rest/codelist/all/all/latest").status_code == 200 and len(made) == 1
    assert second.get("/index.html").status_code == 200  # it looks at the store: its thread makes them
    for _ in range(200):
        if len(made) == 2:
            break
        time.sleep(0.05)
    assert made == ["catalogue-prepared", "catalogue-prepared"]
    assert second.get("/sdmx/rest/codelist/all/all/latest").status_code == 200 and len(made) == 2
    clock.now = clock.now.replace(year=2100)  # a new version: both make them again before any query
    first.get("/index.html"), second.get("/index.html")
    for _ in range(200):
        if len(made) == 4:
            break
        time.sleep(0.05)
    assert len(made) == 4 and set(made) == {"catalogue-prepared"}
