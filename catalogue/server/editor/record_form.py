"""A record's form, generated from the model: its fields, the checks of ``check`` beside each, what reference
fields offer, the workflow steps the officer may take, the comments, and the publish form's release time; and what
a sent form says (its revision, an action on its lists, a release time)."""

from collections import Counter
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from catalogue.editing.codes import CODES_IN_FORM
from catalogue.editing.diff import anchor, differences, flatten
from catalogue.editing.fields import form_fields
from catalogue.editing.formdata import apply_action, parse_path, path_name
from catalogue.editing.report_form import (is_report_action, read_values, report_action, report_anchor,
                                          report_slots, slot_id)
from catalogue.editing.service import KEEP, WORKFLOW_FIELDS, Editing, Opened, owner, release_moment
from catalogue.editing.workflow import MOVES, moves_from
from catalogue.errors import EditingError, NotFound, Problem
from catalogue.messages import Message
from catalogue.model import RECORD_KINDS
from catalogue.server.editor.labels import KIND_LABELS, MOVE_LABELS, STAGE_LABELS
from catalogue.server.editor.pages import EditorPages
from catalogue.store.accounts import allowed
from catalogue.support.moments import parse_moment
from catalogue.support.strict import whole_number

CODES_APART = "codes._apart"
"""Marks a form that leaves its codelist's codes out (edited on the codes page)."""
HIDDEN_FIELDS = {kind: frozenset(fields) | ({"values"} if kind == "metadata_report" else set())
                 for kind, fields in WORKFLOW_FIELDS.items()}
"""Fields the workflow sets, not the form: a dataset is published, with its release time, by a publisher."""
PICKED = {"codelist": "codelists", "concept_scheme": "concept_schemes", "licence": "licences", "terms": "terms",
          "publisher": "agencies", "agency": "agencies", "structure": "data_structures", "series": "series"}
"""Fields whose value names another record, and the records offered for it."""
OFFSETS = tuple(f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
                for minutes in range(-12 * 60, 14 * 60 + 1, 15))
"""The offsets from UTC the publish form offers (every quarter hour from -12:00 to +14:00)."""


def known(kind: str, creating: bool = False) -> None:
    """Refuse a kind of record that does not exist (or, ``creating``, the catalogue: a store holds one)."""
    if kind not in KIND_LABELS or kind not in RECORD_KINDS or (creating and kind == "catalogue"):
        raise NotFound(Message("no kind of record '%(kind)s'", kind=kind))


def record_page(pages: EditorPages, editing: Editing, request: Request, user: str, csrf: str, kind: str,
                record_id: str | None, data: dict[str, Any], revision: int, opened: Opened | None, status: int = 200,
                notice: str | Exception = "", message: str = "", conflict: Opened | None = None) -> Response:
    """A record's form with its checks, workflow and comments (``conflict``: the newer revision a save met); a
    released version's shows its release, read-only."""
    held = editing.held(opened) if opened is not None else None
    released = held is not None
    if held is not None:
        data = held
    _, issues = editing.check(kind, data, user)
    issues_at, anchors = issue_anchors(kind, issues, data)
    agency = opened.agency if opened else owner(kind, data, editing.info().publisher)
    roles = editing.roles(user)
    role = roles.get(agency)
    may_edit = not released and (allowed(role, "edit") or
                                 (opened is None and any(allowed(r, "edit") for r in roles.values())))
    errors = any(issue.is_error for issue in issues)  # a record with errors is offered no step forward
    possible = [move for move in moves_from(opened.stage) if allowed(role, MOVES[move].action)] if opened else []
    moves = [move for move in possible if not (errors and move != "send_back")]
    held_back = len(moves) < len(possible)
    comments = editing.comments(user, kind, record_id) if opened and record_id else []
    fields = form_fields(kind)
    base = f"/editor/{kind}/{record_id}" if record_id else f"/editor/{kind}/new"
    info = editing.info()
    apart = {"codes": len(data.get("codes") or [])} if kind == "codelist" and \
        len(data.get("codes") or []) > CODES_IN_FORM else {}
    structured = str(data["structure"]) if kind == "dataset" and isinstance(data.get("structure"), str) else ""
    report = _report_form(editing, user, data, pages.language(request)) if kind == "metadata_report" else None
    return pages.page(
        request, "record.html", status, apart=apart, structured=structured, report=report, kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id,
        data=data, revision=revision, opened=opened, fields=fields, issues=issues, issues_at=issues_at,
        anchors=anchors,
        languages=info.languages, default_language=info.default_language, hidden=HIDDEN_FIELDS.get(kind, ()),
        pickers=_pickers(editing, user, kind, data), may_edit=may_edit, released=released,
        may_comment=allowed(role, "comment"),
        moves=moves, held_back=held_back, embargoed=_embargoed(data, pages.clock()),
        release=release_fields(opened.data if opened else data),
        move_labels=MOVE_LABELS, stage_labels=STAGE_LABELS, comments=comments,
        comment_anchors={c.id: _comment_anchor(fields, c.path) for c in comments},
        field_paths=[path_name(path) for path in flatten(data)] if allowed(role, "comment") else [],
        csrf_token=csrf, form_action=base, check_action=f"{base}/check", notice=notice, message=message,
        conflict=conflict, conflict_changes=differences(conflict.data, data) if conflict else [])


def _report_form(editing: Editing, user: str, data: dict[str, Any], language: str) -> dict[str, Any]:
    """A report's values as the form of its structure shows them (no slot while it names no structure the officer
    may use)."""
    shared = editing.may_refer(user, data, "metadata_report")
    reference = data.get("structure")
    structure = shared.report_structures().get(reference) if isinstance(reference, str) else None
    slots = report_slots(structure, data.get("values"), shared, language)
    return {"structure": reference if structure is not None else None, "slots": slots,
            "ids": {slot.key: slot_id(slot.key) for slot in slots}}


def _pickers(editing: Editing, user: str, kind: str, data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """What reference fields offer: the catalogue's records that the record may refer to (what is public, and
    its own agency's when the officer is a member of it), and the record's own items (a code's parent among the
    codelist's codes, the weight among the dataset's variables, a contact of the publisher)."""
    shared = editing.may_refer(user, data, kind)
    language = shared.info.default_language
    offered: dict[str, list[tuple[str, str]]] = {}
    for field, collection in PICKED.items():
        records = getattr(shared, collection)
        if collection in ("codelists", "concept_schemes", "data_structures"):  # by id where no other has it; shown with its identity
            held = Counter(record.id for record in records.values())
            offered[field] = [(record.id if held[record.id] == 1 else key, f"{_title(record, language)} ({key})")
                              for key, record in records.items()]
        else:
            offered[field] = [(record_id, _title(record, language)) for record_id, record in records.items()]
    held = Counter(concept.id for scheme in shared.concept_schemes.values() for concept in scheme.concepts)
    offered["concept"] = [(concept.id if held[concept.id] == 1 else f"{key}.{concept.id}", _title(concept, language))
                          for key, scheme in shared.concept_schemes.items() for concept in scheme.concepts]
    offered["themes"] = [(theme.id, _title(theme, language)) for theme in shared.info.themes]
    own = {"parent": data.get("codes"), "weight": data.get("variables")}
    for field, items in own.items():
        if isinstance(items, list) and len(items) <= CODES_IN_FORM:
            offered[field] = [(str(item.get("id")), _title(item, language)) for item in items
                              if isinstance(item, dict) and item.get("id")]
    if kind == "metadata_report":  # a report's structure is a metadata structure
        offered["structure"] = [(key, f"{_title(msd, language)} ({key})") for key, msd in shared.metadata_structures.items()]
    agency = shared.agencies.get(str(data.get("publisher")))
    if agency is not None:
        offered["contact_point"] = [(contact.id, _title(contact, language)) for contact in agency.contacts]
    return offered


def issue_anchors(kind: str, issues: list[Problem], data: dict[str, Any] | None = None
                  ) -> tuple[dict[str, list[Problem]], list[str]]:
    """The issues by the form element that shows their field, and each issue's element (a report's value: its
    slot)."""
    fields = form_fields(kind)
    at: dict[str, list[Problem]] = {}
    anchors = []
    for issue in issues:
        slot = report_anchor((data or {}).get("values"), issue.fields) if kind == "metadata_report" else None
        name = slot or path_name(anchor(fields, issue.fields))
        at.setdefault(name, []).append(issue)
        anchors.append(name)
    return at, anchors


def release_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the publish form shows of a record's release time: its date and time as written (a browser's
    ``datetime-local``), and its offset from UTC among those offered."""
    moment = release_moment(data.get("release_time"))
    if moment is None:
        return {"local": "", "offset": "+00:00", "offsets": OFFSETS}
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+00:00"
    offsets = OFFSETS if offset in OFFSETS else (*OFFSETS, offset)
    return {"local": moment.strftime("%Y-%m-%dT%H:%M:%S"), "offset": offset, "offsets": offsets}


def release_time(form: dict[str, str], opened: Opened) -> datetime | str | None:
    """The release time the publish form asks for: the record's own when it was left as shown (``KEEP``), none
    when emptied (at once), else the moment given: a date and time with its offset from UTC (the form's two
    fields), or ISO 8601 text (``release_time``, for scripts)."""
    if "release_local" in form:
        local = form["release_local"].strip()
        if not local:
            return None
        offset = form.get("release_offset", "+00:00").strip()
        if offset not in OFFSETS and offset != release_fields(opened.data)["offset"]:
            raise EditingError(Message("'%(text)s' is not an offset from UTC such as +02:00", text=offset[:10]))
        given = typed_moment(f"{local}{offset}")
    elif "release_time" in form:
        given = typed_moment(form["release_time"])
    else:
        return KEEP
    current = release_moment(opened.data.get("release_time"))
    return KEEP if given == current else given


def _embargoed(data: dict[str, Any], now: datetime) -> bool:
    """Whether the record's release time is still ahead (publishing it earlier asks for confirmation)."""
    moment = release_moment(data.get("release_time"))
    return moment is not None and moment > now


def typed_moment(text: str) -> datetime | None:
    """A moment typed in a form: ISO 8601 with a time zone (empty: none)."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_moment(text, offset_required=True, keep_offset=True)
    except ValueError as error:
        raise EditingError(error.args[0]) from None


def report_values(kind: str, form: dict[str, str], data: dict[str, Any], opened: Opened | None) -> dict[str, Any]:
    """A report's values from the form of its structure; a form that shows none (no structure yet) keeps them. For
    an action on the occurrences, empty ones stay: the action's index names the one it was shown at."""
    if kind != "metadata_report":
        return data
    values = read_values(form, prune=not is_report_action(form.get("action", "")))
    if values is None:
        values = opened.data.get("values") if opened is not None else None
    return {**{k: v for k, v in data.items() if k != "values"}, **({"values": values} if values else {})}


def codes_kept(form: dict[str, str], data: dict[str, Any], opened: Opened | None) -> dict[str, Any]:
    """A long codelist's form leaves its codes out (they are edited on the codes page): keep them."""
    if opened is None or not form.get(CODES_APART):
        return data
    return {**data, "codes": opened.data.get("codes") or []}


def form_revision(form: dict[str, str]) -> int:
    """The revision the form was opened on."""
    revision = whole_number(form.get("revision"))
    if revision is None:
        raise EditingError(Message("the form does not say which revision it was opened on: reload the page"))
    return revision


def with_action(data: dict[str, Any], action: str) -> dict[str, Any]:
    """The record with an action of the form on its lists applied (add, remove, move an item; add or remove an
    occurrence of a report's attribute)."""
    if is_report_action(action):
        return {**data, "values": report_action(data.get("values"), action)}
    try:
        return apply_action(data, action)
    except ValueError as error:
        raise EditingError(*error.args) from None


def _title(record: Any, language: str) -> str:
    text = getattr(record, "title", None) or getattr(record, "name", None) or {}
    return str(text.get(language) or next(iter(text.values()), "")) if isinstance(text, dict) else str(text)


def _comment_anchor(fields: tuple[Any, ...], path: str) -> str:
    """The form element a comment is about ('' when its path names none)."""
    try:
        return path_name(anchor(fields, parse_path(path)))
    except ValueError:
        return ""
