"""Versions of a codelist or a concept scheme in the editor: the versions of one artefact, a new version made from
one of them (a released version never changes: its change is a new version), and what differs between two."""

from __future__ import annotations

from typing import Any

from catalogue.errors import NotFound, NotReady
from catalogue.messages import Message
from catalogue.model.identity import identity, parse_identity
from catalogue.model.kinds import MAINTAINABLE_KINDS, identity_fields
from catalogue.model.versions import Version, is_version
from catalogue.store.working import keys_starting
from catalogue.editing.core import EditingCore
from catalogue.editing.diff import Change, differences
from catalogue.editing.opened import Opened, unknown_record


def _parts(kind: str, record_id: str) -> tuple[str, str, str]:
    if kind not in MAINTAINABLE_KINDS:
        raise NotReady(Message("only a codelist or a concept scheme has versions"))
    parts = parse_identity(record_id)
    if parts is None:
        raise NotFound(unknown_record(kind, record_id))
    return parts


def _version(kind: str, key: str) -> Version:
    return Version.parse(_parts(kind, key)[2])


def versions_of(editing: EditingCore, user: str, kind: str, record_id: str) -> list[str]:
    """The keys of every version of the artefact ``record_id`` is a version of (published or being made), oldest
    first; for the members of the agency maintaining it (who may see its drafts)."""
    agency, artefact, _ = _parts(kind, record_id)
    editing.open(user, kind, record_id)
    with editing.store.engine.connect() as connection:
        keys = keys_starting(connection, kind, f"{agency}:{artefact}(")
    found = [(parts, key) for key in keys if (parts := parse_identity(key)) and parts[:2] == (agency, artefact)
             and is_version(parts[2])]  # (a key an older store gave a draft with no valid version is not one)
    return [key for parts, key in sorted(found, key=lambda item: Version.parse(item[0][2]))]


def suggested_version(editing: EditingCore, user: str, kind: str, record_id: str) -> str:
    """The version a new version of ``record_id`` suggests: the next minor version (a draft's release), passing
    over those taken."""
    taken = {_version(kind, key) for key in versions_of(editing, user, kind, record_id)}
    agency, artefact, current = _parts(kind, record_id)
    try:
        version = Version.parse(current).following()
        while version in taken or editing.released(kind, identity(agency, artefact, version.text)) is not None:
            version = version.following()  # (a version released once is taken for good, even deleted since)
    except ValueError:  # past the largest version number: the officer says which
        return ""
    return version.text


def new_version_data(editing: EditingCore, user: str, kind: str, record_id: str,
                     version: str) -> dict[str, Any]:
    """The data of a new version of ``record_id``: what it holds (its working copy if it has one), as ``version``,
    for an editor of the agency maintaining it; a version the artefact has, in whatever form (``1.1`` is
    ``1.1.0``), is refused."""
    source = editing.open(user, kind, record_id)
    editing.require(user, source.agency, "edit")
    try:
        wanted = Version.parse(version)
    except ValueError:
        raise NotReady(Message("'%(version)s' is not a version: write it as '1.1', '1.1.0' or '1.1.0-draft'",
                               version=version[:60])) from None
    agency, artefact, _ = _parts(kind, record_id)
    taken = [key for key in versions_of(editing, user, kind, record_id) if _version(kind, key) == wanted]
    if not taken and editing.released(kind, identity(agency, artefact, version)) is not None:
        taken = [identity(agency, artefact, version)]  # released once, deleted since: still its version
    if taken:
        raise NotReady(Message("'%(key)s' is a version it has: choose another", key=taken[0]))
    return {**_content(editing, source), "version": version}


def compare_versions(editing: EditingCore, user: str, kind: str, record_id: str, other: str) -> list[Change]:
    """What differs from version ``other`` to version ``record_id`` of one artefact: field by field, codes and
    concepts matched by their ids."""
    if other not in versions_of(editing, user, kind, record_id):
        raise NotFound(unknown_record(kind, other))
    before, after = editing.open(user, kind, other), editing.open(user, kind, record_id)
    return differences({**_content(editing, before), **identity_fields(kind, other)},
                       {**_content(editing, after), **identity_fields(kind, record_id)}, by_id=True)


def _content(editing: EditingCore, opened: Opened) -> dict[str, Any]:
    """What a version holds: what it holds for good (``EditingCore.held``), else its working copy or its record."""
    held = editing.held(opened)
    return held if held is not None else opened.data
