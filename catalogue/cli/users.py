"""``catalogue user``: accounts of the editor, for the first admin and for scripts."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from catalogue.cli.common import fail, out
from catalogue.cli.help import Command, Group

if TYPE_CHECKING:
    from catalogue.store.accounts import Accounts

T = TypeVar("T")

users_app = typer.Typer(cls=Group, help="Accounts of the web editor, in a store: add, give a role in an agency, "
                                         "disable.", no_args_is_help=True)

StoreUrl = Annotated[str, typer.Option("--db", metavar="URL", help="The store (an SQLAlchemy URL: "
                                                                   "sqlite:///catalogue.db, "
                                                                   "postgresql+psycopg://user@host/db)")]
UserName = Annotated[str, typer.Argument(metavar="NAME", help="The login name")]


def _accounts(db: str) -> Accounts:
    from catalogue.errors import CatalogueError
    from catalogue.store import open_store
    from catalogue.store.accounts import Accounts

    try:
        return Accounts(open_store(db).engine)
    except CatalogueError as error:
        fail(error)


def _do(db: str, action: Callable[[Accounts], T], done: Callable[[T], str]) -> None:
    """Run one action on the accounts of a store and say what was done; a refusal is one error line (exit 1)."""
    from catalogue.errors import AccountError

    accounts = _accounts(db)
    try:
        result = action(accounts)
    except AccountError as error:
        fail(error)
    out.print(done(result), markup=False, highlight=False)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


PasswordStdin = Annotated[bool, typer.Option("--password-stdin", metavar="",
                                             help="Read the password from the first line of standard input (for "
                                                  "scripts) instead of asking for it")]


@users_app.command("add", cls=Command)
def add(name: UserName, db: StoreUrl, password_stdin: PasswordStdin = False) -> None:
    """Add an account that signs in with a password (at least 12 characters; kept as an argon2id hash)."""
    _do(db, lambda accounts: accounts.add_user(name, _password(password_stdin)), lambda _: f"added {name}")


@users_app.command("password", cls=Command)
def password(name: UserName, db: StoreUrl, password_stdin: PasswordStdin = False) -> None:
    """Set an account's password; its sessions end."""
    def change(accounts: Accounts) -> None:
        accounts.set_password(name, _password(password_stdin))
        accounts.sign_out_everywhere(name)
    _do(db, change, lambda _: f"password of {name} set")


@users_app.command("role", cls=Command)
def role(name: UserName,
         agency: Annotated[str, typer.Argument(metavar="AGENCY", help="The agency's id")],
         role_name: Annotated[str, typer.Argument(metavar="ROLE",
                                                  help="viewer, editor, reviewer, publisher, admin; or none")],
         db: StoreUrl) -> None:
    """Give an account a role in an agency (each role may do what the ones before it may), or take it away."""
    _do(db, lambda accounts: accounts.set_role(name, agency, None if role_name == "none" else role_name),
        lambda _: f"{name}: {role_name} in {agency}")


@users_app.command("disable", cls=Command)
def disable(name: UserName, db: StoreUrl) -> None:
    """Stop an account from signing in; its sessions and API tokens end at once."""
    _do(db, lambda accounts: accounts.disable(name), lambda _: f"disabled {name}")


@users_app.command("enable", cls=Command)
def enable(name: UserName, db: StoreUrl) -> None:
    """Let a disabled account sign in again."""
    _do(db, lambda accounts: accounts.enable(name), lambda _: f"enabled {name}")


@users_app.command("token", cls=Command)
def token(name: UserName, db: StoreUrl,
          label: Annotated[str, typer.Option("--label", metavar="TEXT", help="What the token is for")] = "script"
          ) -> None:
    """Make an API token for an account's scripts (printed once; only its hash is kept)."""
    _do(db, lambda accounts: accounts.add_token(name, label), str)


@users_app.command("list", cls=Command)
def list_users(db: StoreUrl) -> None:
    """Every account, whether it is disabled, and its roles."""
    for name, disabled, roles in _accounts(db).users():
        described = ", ".join(f"{role} in {agency}" for agency, role in sorted(roles.items())) or "no role"
        out.print(f"{name}{' (disabled)' if disabled else ''}: {described}", markup=False, highlight=False)


researchers_app = typer.Typer(cls=Group, help="Researchers' accounts (they register themselves on the server): list, "
                                             "disable, enable.", no_args_is_help=True)
Address = Annotated[str, typer.Argument(metavar="EMAIL", help="The researcher's e-mail address")]


def _set_disabled(db: str, email: str, disabled: bool) -> None:
    from catalogue.access.researchers import Researchers
    from catalogue.errors import CatalogueError
    from catalogue.store import open_store

    try:
        found = Researchers(open_store(db).engine).set_disabled(email.strip().lower(), disabled)
    except CatalogueError as error:
        fail(error)
    if not found:
        fail(LookupError(f"no researcher '{email}'"))
    out.print(f"{'disabled' if disabled else 'enabled'} {email}", markup=False, highlight=False)


@researchers_app.command("list", cls=Command)
def list_researchers(db: StoreUrl) -> None:
    """Every researcher: address, name, organisation, country, whether the address is confirmed or the account
    disabled."""
    from catalogue.access.researchers import Researchers
    from catalogue.errors import CatalogueError
    from catalogue.store import open_store

    try:
        found = Researchers(open_store(db).engine).listed()
    except CatalogueError as error:
        fail(error)
    for researcher in found:
        state = "disabled" if researcher.disabled else "confirmed" if researcher.confirmed else "not confirmed"
        profile = researcher.profile
        out.print(f"{researcher.email}: {profile.name}, {profile.organisation} ({profile.country}), {state}",
                  markup=False, highlight=False)


@researchers_app.command("disable", cls=Command)
def disable_researcher(email: Address, db: StoreUrl) -> None:
    """Stop a researcher from signing in; the account's sessions and e-mail links end at once."""
    _set_disabled(db, email, True)


@researchers_app.command("enable", cls=Command)
def enable_researcher(email: Address, db: StoreUrl) -> None:
    """Let a disabled researcher sign in again."""
    _set_disabled(db, email, False)
