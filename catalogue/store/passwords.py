"""Who someone is: passwords hashed with argon2id, behind one interface so that another way of signing in
(OpenID Connect) can be added beside it without touching what comes after (sessions, roles)."""

from __future__ import annotations

from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()  # argon2id with the library's current parameters (RFC 9106's second choice)
MIN_PASSWORD_LENGTH = 12


class Authenticator(Protocol):
    """Turns what someone gave to sign in into an account name, or None."""

    def authenticate(self, name: str, secret: str) -> str | None: ...


def hash_password(password: str) -> str:
    """An argon2id hash of a password (``$argon2id$...``, salt and parameters included)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether the password is the one hashed (a missing or damaged hash matches nothing)."""
    if not stored_hash:
        _HASHER.hash(password)  # the same work as a check: timing does not tell which accounts exist
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """The hash was made with older parameters than the library's current ones."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


__all__ = ["Authenticator", "MIN_PASSWORD_LENGTH", "hash_password", "needs_rehash", "password_matches"]
