"""A maintainable artefact's identity as SDMX writes it, ``AGENCY:ID(VERSION)``: also its record key."""

from __future__ import annotations

import re

IDENTITY = re.compile(r"(?P<agency>[^:()]+):(?P<id>[^:()]+)\((?P<version>[^()]+)\)")


def identity(agency: str, artefact_id: str, version: str) -> str:
    """``AGENCY:ID(VERSION)``."""
    return f"{agency}:{artefact_id}({version})"


def parse_identity(key: str) -> tuple[str, str, str] | None:
    """(agency, id, version) of an identity, ``None`` when ``key`` is not one."""
    match = IDENTITY.fullmatch(key)
    return (match["agency"], match["id"], match["version"]) if match else None
