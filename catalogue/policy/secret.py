"""The catalogue's secret: what names release calendar entries so that nobody can confirm a guessed dataset id
from the calendar. A records folder keeps it in ``.catalogue-secret`` (made on first use, readable by its owner
only; ``CATALOGUE_SECRET`` overrides it); a store keeps it in its settings, and takes the folder's when it loads
one, so that a built site and a served one name their entries alike."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from catalogue.errors import SecretError

SECRET_FILE = ".catalogue-secret"
SECRET_VARIABLE = "CATALOGUE_SECRET"
PROCESS_SECRET = secrets.token_bytes(32)
"""For a view made without a catalogue's secret: stable within this process only."""


def folder_secret(folder: Path) -> bytes:
    """The secret of the records folder ``folder`` (made there when it has none)."""
    given = os.environ.get(SECRET_VARIABLE)
    if given:
        return given.encode()
    path = folder / SECRET_FILE
    try:
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as written:
                written.write(secrets.token_hex(32) + "\n")
        text = path.read_text(encoding="ascii").strip()
    except FileExistsError:  # another process made it meanwhile
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise SecretError(f"{path}: the calendar's secret cannot be read or made ({error}); set {SECRET_VARIABLE} "
                          "instead") from None
    if len(text) < 32:
        raise SecretError(f"{path}: the calendar's secret is too short (32 characters at least)")
    return text.encode()


def existing_secret(folder: Path) -> bytes | None:
    """The folder's secret if it has one (``CATALOGUE_SECRET`` first), without making one."""
    given = os.environ.get(SECRET_VARIABLE)
    if given:
        return given.encode()
    path = folder / SECRET_FILE
    return path.read_text(encoding="ascii").strip().encode() if path.is_file() else None
