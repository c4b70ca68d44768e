"""``catalogue user``: accounts of the editor, for the first admin and for scripts."""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console

users_app = typer.Typer(help="Accounts of the web editor, in a store: add, give a role in an agency, disable.",
                        no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreUrl = Annotated[str, typer.Option("--db", help="The store (an SQLAlchemy URL: sqlite:///catalogue.db, "
                                                    "postgresql+psycopg://user@host/db)")]
UserName = Annotated[str, typer.Argument(help="The login name")]


def _fail(error: Exception) -> NoReturn:
    err.print(f"error: {error}", style="red", markup=False, highlight=False)
    raise typer.Exit(1)


def _accounts(db: str):  # type: ignore[no-untyped-def]
    from .errors import CatalogueError
    from .store import open_store
    from .store.accounts import Accounts
    try:
        return Accounts(open_store(db).engine)
    except CatalogueError as error:
        _fail(error)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def add(name: UserName, db: StoreUrl,
        password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                     help="Read the password from the first line of standard input "
                                                          "(for scripts) instead of asking for it")] = False) -> None:
    """Add an account that signs in with a password (at least 12 characters; kept as an argon2id hash)."""
    from .store.accounts import AccountError
    accounts = _accounts(db)
    try:
        accounts.add_user(name, _password(password_stdin))
    except AccountError as error:
        _fail(error)
    out.print(f"added {name}", markup=False, highlight=False)


@users_app.command("password")
def password(name: UserName, db: StoreUrl,
             password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False) -> None:
    """Set an account's password; its sessions end."""
    from .store.accounts import AccountError
    accounts = _accounts(db)
    try:
        accounts.set_password(name, _password(password_stdin))
        accounts.sign_out_everywhere(name)
    except AccountError as error:
        _fail(error)
    out.print(f"password of {name} set", markup=False, highlight=False)


@users_app.command("role")
def role(name: UserName,
         agency: Annotated[str, typer.Argument(help="The agency's id")],
         role_name: Annotated[str, typer.Argument(metavar="ROLE",
                                                  help="viewer, editor, reviewer, publisher, admin; or none")],
         db: StoreUrl) -> None:
    """Give an account a role in an agency (each role may do what the ones before it may), or take it away."""
    from .store.accounts import AccountError
    accounts = _accounts(db)
    try:
        accounts.set_role(name, agency, None if role_name == "none" else role_name)
    except AccountError as error:
        _fail(error)
    out.print(f"{name}: {role_name} in {agency}", markup=False, highlight=False)


@users_app.command("disable")
def disable(name: UserName, db: StoreUrl) -> None:
    """Stop an account from signing in; its sessions and API tokens end at once."""
    from .store.accounts import AccountError
    try:
        _accounts(db).disable(name)
    except AccountError as error:
        _fail(error)
    out.print(f"disabled {name}", markup=False, highlight=False)


@users_app.command("enable")
def enable(name: UserName, db: StoreUrl) -> None:
    """Let a disabled account sign in again."""
    from .store.accounts import AccountError
    try:
        _accounts(db).enable(name)
    except AccountError as error:
        _fail(error)
    out.print(f"enabled {name}", markup=False, highlight=False)


@users_app.command("token")
def token(name: UserName, db: StoreUrl,
          label: Annotated[str, typer.Option("--label", help="What the token is for")] = "script") -> None:
    """Make an API token for an account's scripts (printed once; only its hash is kept)."""
    from .store.accounts import AccountError
    try:
        made = _accounts(db).add_token(name, label)
    except AccountError as error:
        _fail(error)
    out.print(made, markup=False, highlight=False)


@users_app.command("list")
def list_users(db: StoreUrl) -> None:
    """Every account, whether it is disabled, and its roles."""
    for name, disabled, roles in _accounts(db).users():
        described = ", ".join(f"{role} in {agency}" for agency, role in sorted(roles.items())) or "no role"
        out.print(f"{name}{' (disabled)' if disabled else ''}: {described}", markup=False, highlight=False)
