"""Researchers' requests for restricted data in the store: each for one dataset under its terms of use, with the
questions as asked, the answers and the files asked for, and every step in order. A researcher sees only their own;
at most one request per dataset is open at a time, however many forms are sent at once."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from catalogue.access.application import AskedQuestion
from catalogue.errors import AccessRequestError
from catalogue.messages import Message
from catalogue.store.audit import log_action
from catalogue.store.schema import access_request_steps, access_requests
from catalogue.support.moments import aware

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


class AccessRequests:
    """The requests for restricted data of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def submit(self, email: str, dataset_id: str, agency: str, terms_id: str, access_type: str,
               questions: list[AskedQuestion], answers: dict[str, str], files: list[str], now: datetime) -> str:
        """A new request, submitted: its reference. ``AccessRequestError`` when the researcher has one open for
        the dataset already, or too many open."""
        reference = secrets.token_hex(8)
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
        if len(reference) > 24:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(access_requests).where(
                access_requests.c.reference == reference, access_requests.c.email == email)).one_or_none()
            if row is None:
                return None
            steps = connection.execute(select(access_request_steps).where(
                access_request_steps.c.request_id == row.id).order_by(access_request_steps.c.id)).all()
        return _request(row, tuple(Step(aware(s.at), s.actor, s.action, s.note) for s in steps))


def _request(row: Any, steps: tuple[Step, ...] = ()) -> AccessRequest:
    questions = [AskedQuestion(**question) for question in json.loads(row.questions)]
    return AccessRequest(row.reference, row.email, row.dataset_id, row.agency, row.terms_id, row.access_type,
                         row.state, questions, json.loads(row.answers), json.loads(row.files),
                         aware(row.created_at), aware(row.updated_at), steps)


__all__ = ["REQUEST_MESSAGES", "ACTIONS", "AccessRequest", "AccessRequests", "MOST_OPEN", "OPEN", "STATES", "Step"]
