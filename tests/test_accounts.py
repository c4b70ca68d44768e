"""Issue 14, point 1 (first part): accounts of the editor in the store — argon2id passwords, roles per agency,
sessions kept in the store (a new token at each sign-in, only hashes kept), throttled sign-in, signing out
everywhere, API tokens, and the `catalogue user` commands; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from catalogue.cli import app
from catalogue.records.loader import read_catalogue
from catalogue.store import open_store
from catalogue.store.accounts import ACTIONS, FAILURE_WINDOW, MAX_FAILURES, ROLES, SESSION_LIFETIME, Accounts, SignIn, allowed
from catalogue.errors import AccountError
from catalogue.store.schema import api_tokens, sessions, users

from .conftest import EXAMPLE, run
from .test_store import db  # noqa: F401 (the SQLite and PostgreSQL fixture)

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(db):  # noqa: F811
    store = open_store(db)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "accounts")
    yield Accounts(store.engine)
    store.engine.dispose()


def test_passwords_are_argon2id_and_sessions_are_new_tokens_kept_as_hashes(accounts):
    accounts.add_user("ana", PASSWORD, NOW)
    with accounts.engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    first = accounts.sign_in("ana", PASSWORD, NOW)
    second = accounts.sign_in("ana", PASSWORD, NOW)
    assert first[0] is second[0] is SignIn.ACCEPTED and first[1] != second[1]
    with accounts.engine.connect() as connection:
        kept = set(connection.execute(select(sessions.c.token_hash)).scalars())
    assert first[1] not in kept and second[1] not in kept and len(kept) == 2
    session = accounts.session(first[1], NOW)
    assert session is not None and session.user == "ana" and len(session.csrf_token) >= 32
    assert accounts.session(first[1], NOW + SESSION_LIFETIME) is None  # expired
    assert accounts.session("forged", NOW) is None
    accounts.sign_out(first[1])
    assert accounts.session(first[1], NOW) is None and accounts.session(second[1], NOW) is not None
    accounts.sign_out_everywhere("ana")
    assert accounts.session(second[1], NOW) is None


def test_passwords_are_hashed_at_the_library_s_cost():
    """The suite hashes at argon2id's lowest cost (tests/conftest.py); the catalogue at the library's (RFC 9106's
    second choice: 64 MiB, three passes), which a hash it makes names."""
    import importlib

    import catalogue.store.passwords as passwords

    cheap = passwords._HASHER
    try:
        made = importlib.reload(passwords).hash_password(PASSWORD)  # the module as the catalogue imports it
    finally:
        passwords._HASHER = cheap
    assert made.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_wrong_passwords_unknown_names_and_throttling(accounts):
    accounts.add_user("ana", PASSWORD, NOW)
    assert accounts.sign_in("ana", "wrong password!", NOW) == (SignIn.REFUSED, None)
    assert accounts.sign_in("nobody", PASSWORD, NOW) == (SignIn.REFUSED, None)
    for _ in range(MAX_FAILURES - 1):
        accounts.sign_in("ana", "wrong password!", NOW)
    assert accounts.sign_in("ana", PASSWORD, NOW + timedelta(minutes=1)) == (SignIn.THROTTLED, None)
    later = NOW + FAILURE_WINDOW + timedelta(seconds=1)
    assert accounts.sign_in("ana", PASSWORD, later)[0] is SignIn.ACCEPTED


def test_a_disabled_account_cannot_sign_in_and_loses_its_sessions_and_tokens(accounts):
    accounts.add_user("ana", PASSWORD, NOW)
    _, token = accounts.sign_in("ana", PASSWORD, NOW)
    api = accounts.add_token("ana", "nightly load", NOW)
    assert accounts.token_user(api) == "ana" and accounts.token_user(api + "x") is None
    with accounts.engine.connect() as connection:
        assert api not in set(connection.execute(select(api_tokens.c.token_hash)).scalars())
    accounts.disable("ana")
    assert accounts.session(token, NOW) is None and accounts.token_user(api) is None
    assert accounts.sign_in("ana", PASSWORD, NOW) == (SignIn.REFUSED, None)
    accounts.enable("ana")
    assert accounts.sign_in("ana", PASSWORD, NOW)[0] is SignIn.ACCEPTED


def test_roles_are_per_agency_and_each_allows_what_the_ones_before_it_do(accounts):
    accounts.add_user("ana", PASSWORD, NOW)
    agency = read_catalogue(EXAMPLE).info.publisher
    accounts.set_role("ana", agency, "reviewer")
    assert accounts.roles("ana") == {agency: "reviewer"}
    with pytest.raises(AccountError, match="not a role"):
        accounts.set_role("ana", agency, "king")
    with pytest.raises(AccountError, match="no agency 'ELSEWHERE'"):
        accounts.set_role("ana", "ELSEWHERE", "editor")
    with pytest.raises(AccountError, match="no user"):
        accounts.set_role("bob", agency, "editor")
    accounts.set_role("ana", agency, None)
    assert accounts.roles("ana") == {}
    table = {(role, action) for role in ROLES for action in ACTIONS if allowed(role, action)}
    assert ("viewer", "view drafts") in table and ("viewer", "edit") not in table
    assert ("editor", "edit") in table and ("editor", "approve") not in table
    assert ("reviewer", "approve") in table and ("reviewer", "publish") not in table
    assert ("publisher", "publish") in table and ("publisher", "manage members") not in table
    assert all(("admin", action) in table for action in ACTIONS)
    assert not any(allowed(None, action) for action in ACTIONS)


def test_bad_names_and_short_passwords_are_refused(accounts):
    with pytest.raises(AccountError, match="at least 12"):
        accounts.add_user("ana", "short", NOW)
    with pytest.raises(AccountError, match="not a user name"):
        accounts.add_user("<script>", PASSWORD, NOW)
    accounts.add_user("ana", PASSWORD, NOW)
    with pytest.raises(AccountError, match="exists already"):
        accounts.add_user("ana", PASSWORD, NOW)


def test_the_user_commands_make_the_first_admin(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    store.load(read_catalogue(EXAMPLE), EXAMPLE, "ana", "accounts")
    agency = read_catalogue(EXAMPLE).info.publisher
    added = cli.invoke(app, ["user", "add", "admin", "--db", url, "--password-stdin"], input=PASSWORD + "\n",
                       catch_exceptions=False)
    assert added.exit_code == 0, added.output
    assert run(cli, "user", "role", "admin", agency, "admin", "--db", url).exit_code == 0
    listed = run(cli, "user", "list", "--db", url)
    assert listed.exit_code == 0 and f"admin: admin in {agency}" in listed.output
    assert Accounts(store.engine).sign_in("admin", PASSWORD)[0] is SignIn.ACCEPTED
    refused = cli.invoke(app, ["user", "add", "bob", "--db", url, "--password-stdin"], input="short\n",
                         catch_exceptions=False)
    assert refused.exit_code == 1 and "at least 12 characters" in refused.output
    assert "Traceback" not in refused.output
    assert run(cli, "user", "disable", "admin", "--db", url).exit_code == 0
    assert Accounts(store.engine).sign_in("admin", PASSWORD)[0] is SignIn.REFUSED
    store.engine.dispose()
