"""Researchers' accounts in the store, apart from the editor's: registration with a confirmed address, throttled
sign-in, sessions of their own, a new password through a one-time e-mail link, a profile. Only hashes of passwords,
session tokens and e-mail tokens are kept: a copy of the tables opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from catalogue.access.profile import Profile
from catalogue.store.accounts import FAILURE_WINDOW, MAX_ADDRESS_FAILURES, MAX_FAILURES, MAX_UNKNOWN_FAILURES, SignIn
from catalogue.store.passwords import hash_password, needs_rehash, password_matches
from catalogue.store.schema import login_failures, researcher_sessions, researcher_tokens, researchers
from catalogue.store.store import aware

SESSION_LIFETIME = timedelta(hours=12)
LIFETIMES = {"confirm": timedelta(hours=48), "reset": timedelta(hours=1)}
"""How long an e-mail's link is good for, by what it does."""
MAILS_PER_HOUR = 3
"""E-mails to one address within an hour, at most: the forms never make the catalogue a sender of floods."""
NOTICE = "notice"
"""A message that names no link (``someone tried to register your address``): counted, never usable."""


@dataclass(frozen=True)
class ResearcherSession:
    email: str
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class Researcher:
    email: str
    profile: Profile
    confirmed: bool
    disabled: bool


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _throttle_name(email: str) -> str:
    """How the failed sign-ins of a researcher's address are counted (apart from the editor's names)."""
    return "researcher:" + _hash(email)[:40]


class Researchers:
    """The researchers' accounts of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- registering and confirming ------------------------------------------------------------------
    def register(self, email: str, password: str, profile: Profile, now: datetime) -> tuple[str | None, str]:
        """A new account, not yet confirmed; the token of its confirmation link. An address already registered
        gets no second account and no token (``None``: the mail to send says so, and the page says what it says
        to anyone), and the language its mail is in. ``(None, "")`` when the address had its mails for the hour."""
        password_hash = hash_password(password)
        try:
            with self.engine.begin() as connection:
                if self._mails_spent(connection, email, now):
                    return None, ""
                connection.execute(insert(researchers).values(
                    email=email, password_hash=password_hash, name=profile.name, organisation=profile.organisation,
                    country=profile.country, orcid=profile.orcid, language=profile.language, confirmed_at=None,
                    disabled=False, created_at=now))
                return self._token(connection, email, "confirm", now), profile.language
        except IntegrityError:  # registered already
            pass
        with self.engine.begin() as connection:
            if self._mails_spent(connection, email, now):
                return None, ""
            self._token(connection, email, NOTICE, now)
            language = connection.execute(select(researchers.c.language).where(researchers.c.email == email)).scalar()
        return None, str(language or profile.language)

    def resend(self, email: str, now: datetime) -> tuple[str | None, str]:
        """A new confirmation link for an account not yet confirmed (``None``: none is, or the hour's mails are
        spent) and the account's language."""
        with self.engine.begin() as connection:
            row = connection.execute(select(researchers.c.confirmed_at, researchers.c.disabled, researchers.c.language)
                                     .where(researchers.c.email == email)).first()
            if row is None or row.confirmed_at is not None or row.disabled or self._mails_spent(connection, email, now):
                return None, ""
            return self._token(connection, email, "confirm", now), str(row.language)

    def confirm(self, token: str, now: datetime) -> str | None:
        """Confirm the address of a confirmation link (once); its address, else ``None``."""
        with self.engine.begin() as connection:
            email = self._use(connection, token, "confirm", now)
            if email is not None:
                connection.execute(update(researchers).where(researchers.c.email == email,
                                                             researchers.c.confirmed_at.is_(None))
                                   .values(confirmed_at=now))
        return email

    # -- a new password ------------------------------------------------------------------------------
    def request_reset(self, email: str, now: datetime) -> tuple[str | None, str]:
        """The token of a link to choose a new password, and the language of its mail (``None``: no account of
        that address that may sign in, or its mails for the hour are spent; the page says the same either way)."""
        with self.engine.begin() as connection:
            row = connection.execute(select(researchers.c.disabled, researchers.c.language)
                                     .where(researchers.c.email == email)).first()
            if row is None or row.disabled or self._mails_spent(connection, email, now):
                return None, ""
            return self._token(connection, email, "reset", now), str(row.language)

    def reset(self, token: str, password: str, now: datetime) -> str | None:
        """Set the password of a reset link (once; its mailbox is the researcher's, so the address is confirmed
        too); every session of the account ends. Its address, else ``None``."""
        password_hash = hash_password(password)
        with self.engine.begin() as connection:
            email = self._use(connection, token, "reset", now)
            if email is None:
                return None
            connection.execute(update(researchers).where(researchers.c.email == email)
                               .values(password_hash=password_hash,
                                       confirmed_at=func.coalesce(researchers.c.confirmed_at, now)))
            connection.execute(delete(researcher_tokens).where(researcher_tokens.c.email == email,
                                                               researcher_tokens.c.purpose == "reset"))
            connection.execute(delete(researcher_sessions).where(researcher_sessions.c.email == email))
        return email

    def forget_token(self, token: str) -> None:
        """A link whose e-mail was not sent is no link."""
        with self.engine.begin() as connection:
            connection.execute(delete(researcher_tokens).where(researcher_tokens.c.token_hash == _hash(token)))

    def forget_unconfirmed(self, email: str, token: str) -> None:
        """An account just registered whose confirmation was not sent: gone, so that registering again starts
        afresh (only while it is unconfirmed, with that token its only one)."""
        with self.engine.begin() as connection:
            tokens = connection.execute(select(researcher_tokens.c.token_hash)
                                        .where(researcher_tokens.c.email == email)).scalars().all()
            connection.execute(delete(researcher_tokens).where(researcher_tokens.c.token_hash == _hash(token)))
            if list(tokens) == [_hash(token)]:
                connection.execute(delete(researchers).where(researchers.c.email == email,
                                                             researchers.c.confirmed_at.is_(None)))

    def token_is_live(self, token: str, purpose: str, now: datetime) -> bool:
        """Whether a link's token may still be used (its page offers the form, or says it has expired)."""
        with self.engine.connect() as connection:
            expires = connection.execute(select(researcher_tokens.c.expires_at).where(
                researcher_tokens.c.token_hash == _hash(token), researcher_tokens.c.purpose == purpose)).scalar()
        return expires is not None and aware(expires) > now

    # -- signing in ----------------------------------------------------------------------------------
    def sign_in(self, email: str, password: str, now: datetime, address: str) -> tuple[SignIn, str | None]:
        """Check a password; on success a new session (its token). Failures count against the address and the
        account's name as the editor's do; an account not confirmed or disabled is refused as a wrong password."""
        name, source = _throttle_name(email), f"address:{address[:100]}"
        since = now - FAILURE_WINDOW
        with self.engine.begin() as connection:
            connection.execute(delete(login_failures).where(login_failures.c.failed_at < since))

            def failures(*where: object) -> int:
                return int(connection.execute(select(func.count()).select_from(login_failures).where(
                    login_failures.c.failed_at >= since, *where)).scalar_one())  # type: ignore[arg-type]

            if failures(login_failures.c.user_name == name, login_failures.c.source == source) >= MAX_FAILURES \
                    or failures(login_failures.c.user_name == name) >= MAX_UNKNOWN_FAILURES \
                    or failures(login_failures.c.source == source) >= MAX_ADDRESS_FAILURES:
                return SignIn.THROTTLED, None
            row = connection.execute(select(researchers.c.password_hash, researchers.c.confirmed_at,
                                            researchers.c.disabled).where(researchers.c.email == email)).first()
        stored = row.password_hash if row is not None else None
        if not password_matches(stored, password) or row is None or row.disabled or row.confirmed_at is None:
            with self.engine.begin() as connection:
                connection.execute(insert(login_failures).values(user_name=name, failed_at=now, source=source))
            return SignIn.REFUSED, None
        with self.engine.begin() as connection:
            if stored and needs_rehash(stored):
                connection.execute(update(researchers).where(researchers.c.email == email)
                                   .values(password_hash=hash_password(password)))
            token = secrets.token_urlsafe(32)
            connection.execute(delete(researcher_sessions).where(researcher_sessions.c.expires_at < now))
            connection.execute(insert(researcher_sessions).values(
                token_hash=_hash(token), email=email, csrf_token=secrets.token_urlsafe(32), created_at=now,
                expires_at=now + SESSION_LIFETIME))
        return SignIn.ACCEPTED, token

    def session(self, token: str, now: datetime) -> ResearcherSession | None:
        """The live session of a cookie's token (not one of an account since disabled)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(researcher_sessions.c.email, researcher_sessions.c.csrf_token, researcher_sessions.c.expires_at)
                .join(researchers, researchers.c.email == researcher_sessions.c.email)
                .where(researcher_sessions.c.token_hash == _hash(token), researchers.c.disabled.is_(False))).first()
        if row is None or aware(row.expires_at) <= now:
            return None
        return ResearcherSession(row.email, row.csrf_token, aware(row.expires_at))

    def sign_out(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(researcher_sessions).where(researcher_sessions.c.token_hash == _hash(token)))

    # -- the account ---------------------------------------------------------------------------------
    def researcher(self, email: str) -> Researcher | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(researchers).where(researchers.c.email == email)).first()
        if row is None:
            return None
        return Researcher(row.email, Profile(row.name, row.organisation, row.country, row.orcid, row.language),
                          row.confirmed_at is not None, bool(row.disabled))

    def update_profile(self, email: str, profile: Profile) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(researchers).where(researchers.c.email == email).values(
                name=profile.name, organisation=profile.organisation, country=profile.country, orcid=profile.orcid,
                language=profile.language))

    def set_disabled(self, email: str, disabled: bool) -> bool:
        """Disable an account (its sessions and links end at once) or enable it again; whether there is one."""
        with self.engine.begin() as connection:
            found = connection.execute(update(researchers).where(researchers.c.email == email)
                                       .values(disabled=disabled)).rowcount == 1
            if found and disabled:
                connection.execute(delete(researcher_sessions).where(researcher_sessions.c.email == email))
                connection.execute(delete(researcher_tokens).where(researcher_tokens.c.email == email,
                                                                   researcher_tokens.c.purpose != NOTICE))
        return found

    def listed(self) -> list[Researcher]:
        with self.engine.connect() as connection:
            emails = connection.execute(select(researchers.c.email).order_by(researchers.c.email)).scalars().all()
        return [found for email in emails if (found := self.researcher(email)) is not None]

    # -- the links of e-mails ------------------------------------------------------------------------
    @staticmethod
    def _mails_spent(connection: Connection, email: str, now: datetime) -> bool:
        sent = connection.execute(select(func.count()).select_from(researcher_tokens).where(
            researcher_tokens.c.email == email, researcher_tokens.c.created_at > now - timedelta(hours=1))).scalar_one()
        return int(sent) >= MAILS_PER_HOUR

    @staticmethod
    def _token(connection: Connection, email: str, purpose: str, now: datetime) -> str:
        connection.execute(delete(researcher_tokens).where(researcher_tokens.c.expires_at < now - timedelta(hours=1)))
        token = secrets.token_urlsafe(32)
        lifetime = LIFETIMES.get(purpose, timedelta(hours=1))
        connection.execute(insert(researcher_tokens).values(token_hash=_hash(token), email=email, purpose=purpose,
                                                            created_at=now, expires_at=now + lifetime))
        return token

    @staticmethod
    def _use(connection: Connection, token: str, purpose: str, now: datetime) -> str | None:
        """The address of a live token of ``purpose``, used up (deleted); else ``None``."""
        row = connection.execute(select(researcher_tokens.c.email, researcher_tokens.c.expires_at).where(
            researcher_tokens.c.token_hash == _hash(token), researcher_tokens.c.purpose == purpose)).first()
        if row is None:
            return None
        connection.execute(delete(researcher_tokens).where(researcher_tokens.c.token_hash == _hash(token)))
        return str(row.email) if aware(row.expires_at) > now else None
