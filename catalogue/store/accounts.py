"""Accounts of the editor in the store: users, their role in each agency, sessions, throttled sign-in and API
tokens. Everything lives in the database, so several server workers share it; only hashes of session and API
tokens are kept, so a copy of the tables opens nothing."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from catalogue.store.passwords import hash_password, needs_rehash, password_matches
from catalogue.errors import AccountError
from catalogue.support.moments import aware
from catalogue.store.schema import api_tokens, login_failures, memberships, records, sessions, settings, trusted_devices, users

ROLES = ("viewer", "editor", "reviewer", "publisher", "admin")
"""Roles in an agency, each allowed what the ones before it are."""
ACTIONS = {"view drafts": "viewer", "edit": "editor", "comment": "reviewer", "approve": "reviewer",
           "publish": "publisher", "manage members": "admin"}
"""The least role that may do each action on an agency's records."""
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,254}$")
SESSION_LIFETIME = timedelta(hours=12)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
"""Five failed sign-ins of one name from one source within fifteen minutes refuse the next ones from that source
until the oldest is that old. A source is a browser that signed in as that user before (its device cookie), or
else the client's address."""
MAX_UNKNOWN_FAILURES = 50
"""Failed sign-ins of one name from every browser not known to it, within the window, that refuse any such
browser: a guesser spread over many addresses is stopped, and the owner's own browsers still sign in."""
MAX_ADDRESS_FAILURES = 100
"""Failed sign-ins from one address, whatever the names, within the window, that refuse its next ones (each
costs a password hash; a browser known to the name is not refused)."""
MAX_PASSWORD = 1024
"""Characters of a password at most (hashing a longer one is work out of proportion)."""
SIGNING_SECRET = "signing_secret"


class SignIn(Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class Session:
    user: str
    csrf_token: str
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def allowed(role: str | None, action: str) -> bool:
    """Whether a member with ``role`` (None: not a member) may do ``action``."""
    return role is not None and ROLES.index(role) >= ROLES.index(ACTIONS[action])


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


class Accounts:
    """The accounts of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users and roles ---------------------------------------------------------------------
    def add_user(self, name: str, password: str | None, now: datetime | None = None) -> None:
        """A new account (no password: one that signs in elsewhere)."""
        if not USER_NAME.match(name):
            raise AccountError(f"'{name}' is not a user name: letters, digits, '.', '_', '@' and '-', starting "
                               "with a letter or digit")
        try:
            password_hash = hash_password(password) if password is not None else None
        except ValueError as error:
            raise AccountError(str(error)) from None
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(users).values(name=name, password_hash=password_hash, disabled=False,
                                                        created_at=_now(now)))
        except IntegrityError:
            raise AccountError(f"the user '{name}' exists already") from None

    def set_password(self, name: str, password: str) -> None:
        try:
            password_hash = hash_password(password)
        except ValueError as error:
            raise AccountError(str(error)) from None
        self._update_user(name, password_hash=password_hash)

    def _update_user(self, name: str, **values: object) -> None:
        with self.engine.begin() as connection:
            if connection.execute(update(users).where(users.c.name == name).values(**values)).rowcount != 1:
                raise AccountError(f"no user '{name}'")

    def disable(self, name: str) -> None:
        """The account can no longer sign in; its sessions and tokens end at once."""
        self._update_user(name, disabled=True)
        self.sign_out_everywhere(name)
        with self.engine.begin() as connection:
            connection.execute(delete(api_tokens).where(api_tokens.c.user_name == name))
            connection.execute(delete(trusted_devices).where(trusted_devices.c.user_name == name))

    def enable(self, name: str) -> None:
        self._update_user(name, disabled=False)

    def set_role(self, name: str, agency: str, role: str | None) -> None:
        """Make ``name`` a member of ``agency`` with ``role`` (None: no longer a member)."""
        if role is not None and role not in ROLES:
            raise AccountError(f"'{role}' is not a role: one of {', '.join(ROLES)}")
        with self.engine.begin() as connection:
            if connection.execute(select(users.c.name).where(users.c.name == name)).first() is None:
                raise AccountError(f"no user '{name}'")
            known = connection.execute(select(records.c.record_id).where(records.c.kind == "agency")).scalars().all()
            if role is not None and agency not in known:
                raise AccountError(f"no agency '{agency}' in the store (agencies: {', '.join(sorted(known)) or 'none'})")
            connection.execute(delete(memberships).where(memberships.c.user_name == name,
                                                         memberships.c.agency == agency))
            if role is not None:
                connection.execute(insert(memberships).values(user_name=name, agency=agency, role=role))

    def roles(self, name: str) -> dict[str, str]:
        """The agencies ``name`` belongs to, with the role in each."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(memberships.c.agency, memberships.c.role)
                                      .where(memberships.c.user_name == name)).all()
        return {agency: role for agency, role in rows}

    def users(self) -> list[tuple[str, bool, dict[str, str]]]:
        """Every account: its name, whether it is disabled, its roles."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(users.c.name, users.c.disabled).order_by(users.c.name)).all()
        return [(name, bool(disabled), self.roles(name)) for name, disabled in rows]

    # -- signing in ----------------------------------------------------------------------------
    def sign_in(self, name: str, password: str, now: datetime | None = None, address: str = "",
                device: str | None = None) -> tuple[SignIn, str | None]:
        """Check a password; on success a new session (its token for the cookie). Every failure counts, for
        names that do not exist too, against its source: the browser's ``device`` token when it signed in as
        ``name`` before, else its ``address``. Too many recent failures from one source refuse even the right
        password from it; so do too many from unknown browsers, for unknown browsers only (see
        ``MAX_UNKNOWN_FAILURES``): a guesser never locks the owner out of a browser the owner signed in with."""
        now = _now(now)
        since = now - FAILURE_WINDOW
        if not USER_NAME.match(name) or len(password) > MAX_PASSWORD:  # no account is named so: nothing to check
            return SignIn.REFUSED, None
        with self.engine.begin() as connection:
            connection.execute(delete(login_failures).where(login_failures.c.failed_at < since))
            known = device is not None and connection.execute(select(trusted_devices.c.user_name).where(
                trusted_devices.c.token_hash == _hash(device))).scalar_one_or_none() == name
            source = f"device:{_hash(device)}" if known and device else f"address:{address[:100]}"

            def failures(*where: Any) -> int:
                return int(connection.execute(select(func.count()).select_from(login_failures).where(
                    login_failures.c.user_name == name, login_failures.c.failed_at >= since, *where)).scalar_one())

            if failures(login_failures.c.source == source) >= MAX_FAILURES or (
                    not known and failures(login_failures.c.source.not_like("device:%")) >= MAX_UNKNOWN_FAILURES):
                return SignIn.THROTTLED, None
            from_address = connection.execute(select(func.count()).select_from(login_failures).where(
                login_failures.c.source == f"address:{address[:100]}", login_failures.c.failed_at >= since)).scalar_one()
            if not known and from_address >= MAX_ADDRESS_FAILURES:  # one address guessing many names
                return SignIn.THROTTLED, None
            row = connection.execute(select(users.c.password_hash, users.c.disabled)
                                     .where(users.c.name == name)).first()
        stored = row.password_hash if row is not None else None
        if not password_matches(stored, password) or row is None or row.disabled:
            with self.engine.begin() as connection:
                connection.execute(insert(login_failures).values(user_name=name, failed_at=now, source=source))
            return SignIn.REFUSED, None
        if stored and needs_rehash(stored):
            self._update_user(name, password_hash=hash_password(password))
        return SignIn.ACCEPTED, self.open_session(name, now)

    def trust_device(self, name: str, now: datetime | None = None) -> str:
        """A new device token for a browser that just signed in as ``name`` (its cookie; only a hash is kept)."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(trusted_devices).values(token_hash=_hash(token), user_name=name,
                                                              created_at=_now(now)))
        return token

    def trusts(self, name: str, device: str | None) -> bool:
        """Whether ``device`` is the token of a browser that signed in as ``name`` before."""
        if not device:
            return False
        with self.engine.connect() as connection:
            return connection.execute(select(trusted_devices.c.user_name).where(
                trusted_devices.c.token_hash == _hash(device))).scalar_one_or_none() == name

    def signing_secret(self) -> bytes:
        """The store's secret for what the server signs (the sign-in form's token; made by the migration)."""
        with self.engine.connect() as connection:
            return str(connection.execute(select(settings.c.value).where(settings.c.name == SIGNING_SECRET))
                       .scalar_one()).encode()

    def open_session(self, name: str, now: datetime | None = None) -> str:
        """A new session of ``name`` (always a new token: signing in never reuses one); its token."""
        now = _now(now)
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.expires_at < now))
            connection.execute(insert(sessions).values(token_hash=_hash(token), user_name=name,
                                                       csrf_token=secrets.token_urlsafe(32), created_at=now,
                                                       expires_at=now + SESSION_LIFETIME))
        return token

    def session(self, token: str, now: datetime | None = None) -> Session | None:
        """The live session of a cookie's token, if any (expired ones and those of disabled accounts are not)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(sessions.c.user_name, sessions.c.csrf_token, sessions.c.expires_at)
                .join(users, users.c.name == sessions.c.user_name)
                .where(sessions.c.token_hash == _hash(token), users.c.disabled.is_(False))).first()
        if row is None or aware(row.expires_at) <= _now(now):
            return None
        return Session(row.user_name, row.csrf_token, aware(row.expires_at))

    def sign_out(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.token_hash == _hash(token)))

    def sign_out_everywhere(self, name: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.user_name == name))

    # -- API tokens ------------------------------------------------------------------------------
    def add_token(self, name: str, label: str, now: datetime | None = None) -> str:
        """A new API token for ``name`` (shown once: only its hash is kept)."""
        token = "cat_" + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            if connection.execute(select(users.c.name).where(users.c.name == name)).first() is None:
                raise AccountError(f"no user '{name}'")
            connection.execute(insert(api_tokens).values(token_hash=_hash(token), user_name=name, label=label,
                                                         created_at=_now(now)))
        return token

    def token_user(self, token: str) -> str | None:
        """The account of an API token, if the token and the account are live."""
        with self.engine.connect() as connection:
            row = connection.execute(select(api_tokens.c.user_name).join(users, users.c.name == api_tokens.c.user_name)
                                     .where(api_tokens.c.token_hash == _hash(token),
                                            users.c.disabled.is_(False))).first()
        return row.user_name if row is not None else None


__all__ = ["ACTIONS", "ROLES", "AccountError", "Accounts", "Session", "SignIn", "allowed"]
