"""Researchers' accounts in the store, apart from the editor's: registration with a confirmed address, throttled
sign-in, sessions of their own, a new password through a one-time e-mail link, a profile. Only hashes of passwords,
session tokens and e-mail tokens are kept: a copy of the tables opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from catalogue.access.profile import Profile
from catalogue.store.accounts import (FAILURE_WINDOW, MAX_ADDRESS_FAILURES, MAX_FAILURES, MAX_UNKNOWN_FAILURES,
                                      SignIn)
from catalogue.store.passwords import hash_password, needs_rehash, password_matches
from catalogue.store.schema import (login_failures, researcher_devices, researcher_sessions, researcher_tokens,
                                    researchers)
from catalogue.support.moments import aware

SESSION_LIFETIME = timedelta(hours=12)
LIFETIMES = {"confirm": timedelta(hours=48), "reset": timedelta(hours=1)}
"""How long an e-mail's link is good for, by what it does."""
REGISTRATIONS = 5
"""Registrations from one network address within the sign-in window, at most (each costs a password hash and a
mail)."""
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


def throttle_name(email: str) -> str:
    """How the failed sign-ins of a researcher's address are counted (apart from the editor's names)."""
    return "researcher:" + _hash(email)[:40]


class Researchers:
    """The researchers' accounts of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- registering and confirming ------------------------------------------------------------------
    def register(self, email: str, password: str, profile: Profile, now: datetime) -> tuple[str, str | None, str]:
        """A new account, not yet confirmed: ``("confirm", token, language)``, the token of its confirmation link.
        An address registered already gets no second account: ``("notice", None, language)``, the mail to send its
        owner. ``("", None, "")``: no mail (the address had its mails for the hour). An account whose confirmation
        expired unconfirmed is removed first: nobody keeps an address they do not own."""
        password_hash = hash_password(password)
        with self.engine.begin() as connection:
            stale = select(researchers.c.email).where(researchers.c.email == email,
                                                      researchers.c.confirmed_at.is_(None),
                                                      researchers.c.created_at < now - LIFETIMES["confirm"])
            if connection.execute(stale).first() is not None:
                for table in (researcher_tokens, researcher_sessions, researcher_devices, researchers):
                    connection.execute(delete(table).where(table.c.email == email))
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(researchers).values(
                    email=email, password_hash=password_hash, name=profile.name, organisation=profile.organisation,
                    country=profile.country, orcid=profile.orcid, language=profile.language, confirmed_at=None,
                    disabled=False, created_at=now))
        except IntegrityError:  # registered already
            with self.engine.connect() as connection:
                language = connection.execute(select(researchers.c.language)
                                              .where(researchers.c.email == email)).scalar()
            notice = self._claim_mail(email, NOTICE, now)
            return ("notice", None, str(language or profile.language)) if notice else ("", None, "")
        token = self._claim_mail(email, "confirm", now)
        return ("confirm", token, profile.language) if token else ("", None, "")

    def confirm(self, token: str, password: str, now: datetime, address: str
                ) -> tuple[SignIn, str | None, str | None]:
        """Confirm the address of a confirmation link with the account's password (a link alone confirms nothing:
        whoever registered somebody else's address does not get it confirmed by its owner), and sign in; the link
        is used then, and not by a wrong password, which counts as a failed sign-in. Returns the address too."""
        with self.engine.connect() as connection:
            row = connection.execute(select(researcher_tokens.c.email, researcher_tokens.c.expires_at).where(
                researcher_tokens.c.token_hash == _hash(token), researcher_tokens.c.purpose == "confirm")).first()
        if row is None or aware(row.expires_at) <= now:
            return SignIn.REFUSED, None, None
        email = str(row.email)
        outcome, session = self.sign_in(email, password, now, address, confirming=True)
        if outcome is SignIn.ACCEPTED:
            with self.engine.begin() as connection:
                self._use(connection, token, "confirm", now)
        return outcome, session, email

    # -- a new password ------------------------------------------------------------------------------
    def request_reset(self, email: str, now: datetime) -> tuple[str | None, str]:
        """The token of a link to choose a new password, and the language of its mail (``None``: no account of
        that address that may sign in, or its mails for the hour are spent; the page says the same either way)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(researchers.c.disabled, researchers.c.language)
                                     .where(researchers.c.email == email)).first()
        if row is None or row.disabled:
            return None, ""
        token = self._claim_mail(email, "reset", now)
        return (token, str(row.language)) if token else (None, "")

    def reset(self, token: str, password: str, now: datetime) -> str | None:
        """Set the password of a reset link (once; its mailbox is the researcher's, so the address is confirmed
        too); every session of the account ends. Its address, else ``None`` (checked before any hashing)."""
        if not self.token_is_live(token, "reset", now):
            return None
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
    def sign_in(self, email: str, password: str, now: datetime, address: str, confirming: bool = False,
                device: str | None = None) -> tuple[SignIn, str | None]:
        """Check a password; on success a new session (its token). Each attempt is written as a failure before
        the password is checked (and taken back when it is right), then counted: attempts at the same moment are
        counted as they come, never all allowed. Five for an account from one address, fifty for it from
        anywhere, a hundred from one address refuse the next ones for the window. An account not confirmed (but
        when ``confirming`` it) or disabled is refused as a wrong password."""
        attempt = self.attempt(throttle_name(email), address, now,
                               device=device if device and self.trusts(email, device) else None)
        if attempt is None:
            return SignIn.THROTTLED, None
        with self.engine.connect() as connection:
            row = connection.execute(select(researchers.c.password_hash, researchers.c.confirmed_at,
                                            researchers.c.disabled).where(researchers.c.email == email)).first()
        stored = row.password_hash if row is not None else None
        if not password_matches(stored, password) or row is None or stored is None or row.disabled \
                or (row.confirmed_at is None and not confirming):
            return SignIn.REFUSED, None
        with self.engine.begin() as connection:
            connection.execute(delete(login_failures).where(login_failures.c.id == attempt))
            kept = hash_password(password) if needs_rehash(stored) else stored
            unchanged = connection.execute(update(researchers).where(  # the password checked is still the
                # account's (a new one set meanwhile ended its sessions: this one must not outlive them)
                researchers.c.email == email, researchers.c.password_hash == stored, researchers.c.disabled.is_(False))
                .values(password_hash=kept, confirmed_at=func.coalesce(researchers.c.confirmed_at, now))).rowcount
            if unchanged != 1:
                return SignIn.REFUSED, None
            token = secrets.token_urlsafe(32)
            connection.execute(delete(researcher_sessions).where(researcher_sessions.c.expires_at < now))
            connection.execute(insert(researcher_sessions).values(
                token_hash=_hash(token), email=email, csrf_token=secrets.token_urlsafe(32), created_at=now,
                expires_at=now + SESSION_LIFETIME))
        return SignIn.ACCEPTED, token

    def may_register(self, address: str, now: datetime) -> bool:
        """Whether ``address`` may register once more: ``REGISTRATIONS`` within the window (counted per address
        only: registrations from everywhere never close registering for all)."""
        return self.attempt(f"register:{address[:100]}", address, now, REGISTRATIONS) is not None

    def attempt(self, name: str, address: str, now: datetime, most: int = MAX_FAILURES, device: str | None = None
                ) -> int | None:
        """Write an attempt of ``name`` from ``address`` (as a failure until taken back), then count: its row, or
        ``None`` (and no row) when there were too many in the window. From a browser that signed in to the account
        before (its ``device`` token), only that browser's own failures count: guesses from elsewhere never lock
        the owner out of it."""
        since = now - FAILURE_WINDOW
        source = f"device:{_hash(device)}" if device else f"address:{address[:100]}"
        with self.engine.begin() as connection:
            connection.execute(delete(login_failures).where(login_failures.c.failed_at < since))
            attempt = connection.execute(insert(login_failures).values(user_name=name, failed_at=now, source=source)
                                         .returning(login_failures.c.id)).scalar_one()
        with self.engine.begin() as connection:
            def counted(*where: Any) -> int:
                return int(connection.execute(select(func.count()).select_from(login_failures).where(
                    login_failures.c.failed_at >= since, *where)).scalar_one())

            if counted(login_failures.c.user_name == name, login_failures.c.source == source) > most \
                    or not device and counted(login_failures.c.user_name == name,
                                              login_failures.c.source.not_like("device:%")) > MAX_UNKNOWN_FAILURES \
                    or not device and counted(login_failures.c.source == source) > MAX_ADDRESS_FAILURES:
                connection.execute(delete(login_failures).where(login_failures.c.id == attempt))
                return None
        return int(attempt)

    def trust_device(self, email: str, now: datetime) -> str:
        """A new device token for a browser that just signed in (its cookie; only a hash is kept)."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(researcher_devices).values(token_hash=_hash(token), email=email, created_at=now))
        return token

    def trusts(self, email: str, device: str | None) -> bool:
        """Whether ``device`` is the token of a browser that signed in to the account before."""
        if not device or len(device) > 100:
            return False
        with self.engine.connect() as connection:
            return connection.execute(select(researcher_devices.c.email).where(
                researcher_devices.c.token_hash == _hash(device))).scalar_one_or_none() == email

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
                connection.execute(delete(researcher_devices).where(researcher_devices.c.email == email))
                connection.execute(delete(researcher_tokens).where(researcher_tokens.c.email == email,
                                                                   researcher_tokens.c.purpose != NOTICE))
        return found

    def listed(self) -> list[Researcher]:
        with self.engine.connect() as connection:
            emails = connection.execute(select(researchers.c.email).order_by(researchers.c.email)).scalars().all()
        return [found for email in emails if (found := self.researcher(email)) is not None]

    # -- the links of e-mails ------------------------------------------------------------------------
    def _claim_mail(self, email: str, purpose: str, now: datetime) -> str | None:
        """A new link of ``purpose`` for ``email`` (its token), written, then counted with the address's others of
        the hour: mails asked at the same moment are counted as they come, never all sent. ``None`` (and no link)
        past ``MAILS_PER_HOUR``."""
        token, hour_ago = secrets.token_urlsafe(32), now - timedelta(hours=1)
        with self.engine.begin() as connection:
            connection.execute(delete(researcher_tokens).where(researcher_tokens.c.expires_at < hour_ago))
            connection.execute(insert(researcher_tokens).values(
                token_hash=_hash(token), email=email, purpose=purpose, created_at=now,
                expires_at=now + LIFETIMES.get(purpose, timedelta(hours=1))))
        with self.engine.begin() as connection:
            sent = connection.execute(select(func.count()).select_from(researcher_tokens).where(
                researcher_tokens.c.email == email, researcher_tokens.c.created_at > hour_ago)).scalar_one()
            if int(sent) > MAILS_PER_HOUR:
                connection.execute(delete(researcher_tokens).where(researcher_tokens.c.token_hash == _hash(token)))
                return None
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
