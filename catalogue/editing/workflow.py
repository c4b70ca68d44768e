"""The editor's workflow in one table: the stages of a record, the moves between them, the action of a role each
move needs, and their names in the interface."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.messages import Message


@dataclass(frozen=True)
class Stage:
    """A stage of a record in the workflow."""

    noun: Message
    """Its name in a sentence ("the record is in review")."""
    title: Message
    """Its name as a label."""


@dataclass(frozen=True)
class Move:
    """A move of a working copy from one stage to another."""

    start: tuple[str, ...]
    """The stages it moves from."""
    end: str
    action: str
    """The action of a role it needs (``store.accounts.ACTIONS``)."""
    title: Message
    """Its button."""
    done: Message
    """What the record's history says of it."""


PUBLISHED = "published"
STAGES: dict[str, Stage] = {
    "draft": Stage(Message("draft"), Message("Draft")),
    "in_review": Stage(Message("in review"), Message("In review")),
    "approved": Stage(Message("approved"), Message("Approved")),
    PUBLISHED: Stage(Message("published"), Message("Published")),
}
"""Every stage, in order; a working copy is at one of those before ``published``, and publishing moves it into the
records."""

MOVES: dict[str, Move] = {
    "submit": Move(("draft",), "in_review", "edit", Message("Submit for review"), Message("submitted for review")),
    "approve": Move(("in_review",), "approved", "approve", Message("Approve"), Message("approved")),
    "publish": Move(("approved",), PUBLISHED, "publish", Message("Publish"), Message("published")),
    "send_back": Move(("in_review", "approved"), "draft", "approve", Message("Send back to draft"),
                      Message("sent back to draft")),
}
"""Every move, in the order the editor offers them."""


def moves_from(stage: str) -> list[str]:
    """The moves a record at ``stage`` may make (each also needs its role)."""
    return [name for name, move in MOVES.items() if stage in move.start]
