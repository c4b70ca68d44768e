"""What a researcher answers to apply for restricted data: the questions of the dataset's terms of use (their own,
or the standard ones), and the answers checked field by field as the profile's are."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from catalogue.access.profile import has_control_characters
from catalogue.errors import ResearcherFormError
from catalogue.messages import Message
from catalogue.model.licence import BY_APPLICATION, MOST_QUESTIONS, AnswerKind, TermsOfUse
from catalogue.model.types import Text

MOST = {"line": 300, "paragraph": 5000, "people": 3000, "accept": 3}
"""Characters of an answer, at most, by its kind."""
MOST_FORM_BYTES = MOST_QUESTIONS * max(MOST.values()) * 4 * 3 + 64 * 1024
"""Bytes of an application's form at most: every question answered at its longest, each character four bytes of
UTF-8 percent-encoded in three, and room for the files chosen and the token."""
MOST_PEOPLE = 50
"""Lines of a list of people (the team), at most."""
ACCEPTED = "yes"
"""What a ticked box sends."""
STANDARD: tuple[tuple[str, str, str | None, AnswerKind], ...] = (
    ("project", "Project title", None, "line"),
    ("purpose", "Purpose of the research", "What the project studies, and why it needs these data.", "paragraph"),
    ("team", "Team members", "One per line: name, organisation.", "people"),
    ("outputs", "Intended outputs", "What the project will publish: papers, reports, tables.", "paragraph"),
    ("security", "Data security", "Where the data will be kept, who can reach them, and how they will be destroyed "
                                  "at the end of the project.", "paragraph"),
    ("accept", "I accept the conditions of use of these data.", None, "accept"),
)
"""The questions of terms that ask none of their own (id, label, help, kind), in English: the interface's
catalogues translate them."""
APPLICATION_MESSAGES = (*(text for _, label, help_text, _ in STANDARD for text in (label, help_text) if text),
                        "Tick the box to accept.", "At most %(count)s lines.")
"""What the standard questions and the answers' checks say (translated by the interface catalogues)."""


@dataclass(frozen=True)
class AskedQuestion:
    """A question as the form shows it, in the page's language."""

    id: str
    label: str
    help: str | None
    kind: AnswerKind
    required: bool


def by_application(terms: TermsOfUse) -> bool:
    """A researcher applies for access under these terms (on this server)."""
    return terms.access_type in BY_APPLICATION


def questions_of(terms: TermsOfUse, language: str, default_language: str,
                 gettext: Callable[[str], str]) -> list[AskedQuestion]:
    """The questions of ``terms`` in ``language`` (their text in the catalogue's language where one is missing)."""
    def said(text: Text | None) -> str | None:
        return None if text is None else text.get(language) or text.get(default_language) or next(iter(text.values()))

    if terms.questions:
        return [AskedQuestion(q.id, said(q.label) or q.id, said(q.help), q.kind, q.required) for q in terms.questions]
    return [AskedQuestion(id_, gettext(label), gettext(help_text) if help_text else None, kind, True)
            for id_, label, help_text, kind in STANDARD]


def checked_answers(questions: Sequence[AskedQuestion], fields: Mapping[str, str]) -> dict[str, str]:
    """The answers of a form's fields (named ``q_<question id>``), each checked as its kind says; a refusal names
    each field that is wrong."""
    problems: dict[str, Message] = {}
    answers: dict[str, str] = {}
    for question in questions:
        name = f"q_{question.id}"
        given = fields.get(name, "")
        if question.kind == "line":
            value = unicodedata.normalize("NFC", " ".join(given.split()))
        else:  # lines kept; the spaces around each, and empty lines, not
            value = "\n".join(line.strip() for line in unicodedata.normalize("NFC", given).splitlines()
                              if line.strip())
        if question.kind == "accept":
            if value and value != ACCEPTED:
                problems[name] = Message("Tick the box to accept.")
            elif not value and question.required:
                problems[name] = Message("Tick the box to accept.")
        elif not value and question.required:
            problems[name] = Message("This field is required.")
        elif len(value) > MOST[question.kind]:
            problems[name] = Message("At most %(count)s characters.", count=MOST[question.kind])
        elif has_control_characters(value.replace("\n", "")):
            problems[name] = Message("Remove the control characters.")
        elif question.kind == "people" and value.count("\n") >= MOST_PEOPLE:
            problems[name] = Message("At most %(count)s lines.", count=MOST_PEOPLE)
        if value:
            answers[question.id] = value
    if problems:
        raise ResearcherFormError(problems)
    return answers


__all__ = ["APPLICATION_MESSAGES", "MOST_FORM_BYTES", "AskedQuestion", "by_application", "checked_answers",
           "questions_of"]
