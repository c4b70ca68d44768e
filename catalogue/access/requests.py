"""Researchers' requests for restricted data in the store: each for one dataset under its terms of use, with the
questions as asked, the answers and the files asked for, and every step in order. A researcher sees only their own;
at most one request per dataset is open at a time, however many forms are sent at once."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from catalogue.access.application import AskedQuestion
from catalogue.errors import AccessRequestError
from catalogue.messages import Message
from catalogue.store.audit import log_action
from catalogue.store.schema import access_request_steps, access_requests
from catalogue.support.moments import aware

REFERENCE_BYTES = 8
REFERENCE = re.compile(f"[0-9a-f]{{{REFERENCE_BYTES * 2}}}")
"""What a request is called: random hexadecimal digits."""
AUDITED = "access_request"
"""What the agency's audit log calls a request (its entries name the request by its reference)."""
OPEN = ("submitted", "more")
"""The states of a request waiting for someone: the office (submitted), or the researcher (asked for more)."""
STATES = {"submitted": "Sent: the office is reviewing it", "more": "The office asks for more",
          "approved": "Approved", "denied": "Denied"}
"""What each state of a request is called on the researcher's pages (translated by the interface catalogues)."""
ACTIONS = {"submit": "Sent", "resubmit": "Sent again", "ask": "More asked for", "approve": "Approved",
           "deny": "Denied", "forward": "Forwarded"}
"""What each step of a request is called on its page (translated by the interface catalogues)."""
WAITING_MANY = "You have %(count)s requests waiting already: wait for an answer to one of them."
WAITING_ONE = "You have a request for this dataset waiting already."
REQUEST_MESSAGES = (WAITING_MANY, WAITING_ONE)
"""What a refused request says (translated by the interface catalogues)."""
NOT_WAITING = "This request is not waiting for that."
DECISION_MESSAGES = (NOT_WAITING, "Say why.", "Choose the files granted, of those asked for.",
                     "An approval ends after now and within a year.", "Downloads allowed: from 1 to %(count)s.",
                     "A request for the research data centre grants no file.", "Name the approver it goes to.")
"""What a decision refused says (translated by the interface catalogues)."""
MOST_DOWNLOADS = 100
LONGEST = timedelta(days=366)
"""How long an approval lasts, at most."""
MOST_NOTE = 5000
MOST_OPEN = 20
"""Open requests of one researcher, at most."""
MOST_LISTED = 200
"""Requests a researcher's page lists, newest first."""


@dataclass(frozen=True)
class Step:
    at: datetime
    actor: str
    action: str
    note: str | None


@dataclass(frozen=True)
class AccessRequest:
    reference: str
    email: str
    dataset_id: str
    agency: str
    terms_id: str
    access_type: str
    state: str
    questions: list[AskedQuestion]
    answers: dict[str, str]
    files: list[str]
    created_at: datetime
    updated_at: datetime
    steps: tuple[Step, ...] = ()
    granted_files: tuple[str, ...] = ()
    expires_at: datetime | None = None
    max_downloads: int | None = None
    downloads: int = 0
    assignee: str | None = None


@dataclass(frozen=True)
class Decision:
    """What an approver decides: ``approve`` (the files granted of those asked for, until when, how many
    downloads), ``deny`` (with the reason), ``ask`` (for more, saying what), ``forward`` (to another approver)."""

    action: str
    note: str = ""
    files: tuple[str, ...] = ()
    expires_at: datetime | None = None
    max_downloads: int | None = None
    to: str | None = None


class AccessRequests:
    """The requests for restricted data of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def submit(self, email: str, dataset_id: str, agency: str, terms_id: str, access_type: str,
               questions: list[AskedQuestion], answers: dict[str, str], files: list[str], now: datetime) -> str:
        """A new request, submitted: its reference. ``AccessRequestError`` when the researcher has one open for
        the dataset already, or too many open."""
        reference = secrets.token_hex(REFERENCE_BYTES)
        row = {"reference": reference, "email": email, "dataset_id": dataset_id, "agency": agency,
               "terms_id": terms_id, "access_type": access_type, "state": "submitted",
               "questions": json.dumps([question.__dict__ for question in questions], ensure_ascii=False),
               "answers": json.dumps(answers, ensure_ascii=False), "files": json.dumps(files),
               "created_at": now, "updated_at": now}
        try:
            with self.engine.begin() as connection:
                opened = connection.execute(select(func.count()).select_from(access_requests).where(
                    access_requests.c.email == email, access_requests.c.state.in_(OPEN))).scalar_one()
                if opened >= MOST_OPEN:
                    raise AccessRequestError(Message(WAITING_MANY, count=opened))
                request_id = connection.execute(insert(access_requests).values(**row)
                                                .returning(access_requests.c.id)).scalar_one()
                connection.execute(insert(access_request_steps).values(
                    request_id=request_id, at=now, actor=email, action="submit", note=None))
                log_action(connection, now, email, agency, "submit", AUDITED, reference, None, dataset_id)
        except IntegrityError:  # the unique index of open requests: one was made meanwhile
            raise AccessRequestError(Message(WAITING_ONE)) from None
        return reference

    def open_for(self, email: str, dataset_id: str) -> str | None:
        """The reference of the researcher's open request for the dataset, if any."""
        with self.engine.connect() as connection:
            return connection.execute(select(access_requests.c.reference).where(
                access_requests.c.email == email, access_requests.c.dataset_id == dataset_id,
                access_requests.c.state.in_(OPEN))).scalar_one_or_none()

    def of_researcher(self, email: str) -> list[AccessRequest]:
        """The researcher's requests, newest first (without their steps)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(access_requests).where(access_requests.c.email == email)
                                      .order_by(access_requests.c.created_at.desc(), access_requests.c.id.desc())
                                      .limit(MOST_LISTED)).all()
        return [_request(row) for row in rows]

    def one(self, email: str, reference: str) -> AccessRequest | None:
        """One of the researcher's requests with its steps; ``None`` for a reference that is not theirs (unknown
        and somebody else's alike)."""
        return self._one(access_requests.c.email == email, reference)

    # -- the office's side -------------------------------------------------------------------------------------
    def queue(self, agency: str, states: tuple[str, ...] = ("submitted",)) -> list[AccessRequest]:
        """An agency's requests in ``states``, oldest first (at most ``MOST_LISTED``)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(access_requests).where(
                access_requests.c.agency == agency, access_requests.c.state.in_(states))
                .order_by(access_requests.c.created_at, access_requests.c.id).limit(MOST_LISTED)).all()
        return [_request(row) for row in rows]

    def of_agency(self, agency: str, reference: str) -> AccessRequest | None:
        """One of the agency's requests with its steps (``None`` for another agency's and an unknown one)."""
        return self._one(access_requests.c.agency == agency, reference)

    def decide(self, agency: str, reference: str, officer: str, decision: Decision, now: datetime) -> AccessRequest:
        """Record an approver's decision on one of the agency's requests waiting for the office, with its step and
        its entry in the agency's audit log, in one transaction; ``AccessRequestError`` says what is wrong, and
        nothing changes (two decisions at once: the first wins, the other is refused)."""
        found = self.of_agency(agency, reference)
        if found is None or found.state != "submitted":
            raise AccessRequestError(Message(NOT_WAITING))
        note = decision.note.strip()
        values: dict[str, Any] = {"updated_at": now}
        if decision.action == "approve":
            if found.access_type == "enclave" and decision.files:
                raise AccessRequestError(Message("A request for the research data centre grants no file."))
            if found.access_type == "licensed" and (not decision.files
                                                    or not set(decision.files) <= set(found.files)):
                raise AccessRequestError(Message("Choose the files granted, of those asked for."))
            if decision.expires_at is None or not now < decision.expires_at <= now + LONGEST:
                raise AccessRequestError(Message("An approval ends after now and within a year."))
            if found.access_type == "licensed" and not 1 <= (decision.max_downloads or 0) <= MOST_DOWNLOADS:
                raise AccessRequestError(Message("Downloads allowed: from 1 to %(count)s.", count=MOST_DOWNLOADS))
            values |= {"state": "approved", "expires_at": decision.expires_at,
                       "granted_files": json.dumps([f for f in found.files if f in decision.files]),
                       "max_downloads": decision.max_downloads if found.access_type == "licensed" else None}
        elif decision.action in ("deny", "ask"):
            if not note or len(note) > MOST_NOTE:
                raise AccessRequestError(Message("Say why."))
            values["state"] = "denied" if decision.action == "deny" else "more"
        elif decision.action == "forward":
            if not decision.to or len(decision.to) > 255:
                raise AccessRequestError(Message("Name the approver it goes to."))
            values["assignee"] = decision.to
            note = decision.to
        else:
            raise AccessRequestError(Message(NOT_WAITING))
        with self.engine.begin() as connection:
            moved = connection.execute(update(access_requests).where(
                access_requests.c.reference == reference, access_requests.c.agency == agency,
                access_requests.c.state == "submitted").values(**values)).rowcount
            if moved != 1:  # decided meanwhile
                raise AccessRequestError(Message(NOT_WAITING))
            self._step(connection, reference, now, officer, decision.action, note or None, agency)
        decided = self.of_agency(agency, reference)
        assert decided is not None
        return decided

    def resubmit(self, email: str, reference: str, answers: dict[str, str], files: list[str],
                 now: datetime) -> None:
        """The researcher's answers again, for a request the office asked more of: it waits for the office again."""
        with self.engine.begin() as connection:
            row = connection.execute(select(access_requests.c.agency).where(
                access_requests.c.reference == reference, access_requests.c.email == email)).first()
            moved = connection.execute(update(access_requests).where(
                access_requests.c.reference == reference, access_requests.c.email == email,
                access_requests.c.state == "more").values(
                    state="submitted", answers=json.dumps(answers, ensure_ascii=False), files=json.dumps(files),
                    updated_at=now)).rowcount
            if row is None or moved != 1:
                raise AccessRequestError(Message(NOT_WAITING))
            self._step(connection, reference, now, email, "resubmit", None, str(row.agency))

    def _step(self, connection: Connection, reference: str, now: datetime, actor: str, action: str,
              note: str | None, agency: str) -> None:
        request_id = connection.execute(select(access_requests.c.id).where(
            access_requests.c.reference == reference)).scalar_one()
        connection.execute(insert(access_request_steps).values(request_id=request_id, at=now, actor=actor,
                                                               action=action, note=note))
        log_action(connection, now, actor, agency, action, AUDITED, reference, None, note or "")

    def _one(self, condition: Any, reference: str) -> AccessRequest | None:
        if not REFERENCE.fullmatch(reference):  # what no request is called is looked up nowhere
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(access_requests).where(
                access_requests.c.reference == reference, condition)).one_or_none()
            if row is None:
                return None
            steps = connection.execute(select(access_request_steps).where(
                access_request_steps.c.request_id == row.id).order_by(access_request_steps.c.id)).all()
        return _request(row, tuple(Step(aware(s.at), s.actor, s.action, s.note) for s in steps))


def _request(row: Any, steps: tuple[Step, ...] = ()) -> AccessRequest:
    questions = [AskedQuestion(**question) for question in json.loads(row.questions)]
    return AccessRequest(row.reference, row.email, row.dataset_id, row.agency, row.terms_id, row.access_type,
                         row.state, questions, json.loads(row.answers), json.loads(row.files),
                         aware(row.created_at), aware(row.updated_at), steps,
                         tuple(json.loads(row.granted_files)) if row.granted_files else (),
                         aware(row.expires_at) if row.expires_at is not None else None, row.max_downloads,
                         int(row.downloads or 0), row.assignee)


__all__ = ["ACTIONS", "DECISION_MESSAGES", "REQUEST_MESSAGES", "STATES", "AccessRequest", "AccessRequests", "Decision",
           "MOST_OPEN", "OPEN", "Step"]
