"""Every exception the catalogue raises, in one tree, and the located problem that record checks report.

Each error's text is one line, said to a person (file, line and field where it has them); the server answers
each kind with the HTTP status of ``catalogue.server.errors.STATUS``, never from the error itself.

CatalogueError                      bad input, or an action refused
├── UsageError                      a command called wrongly
├── RecordsInvalid                  record files that hold errors (``problems``)
├── InputError                      something given to read that cannot be read as it is
│   ├── YamlProblem                 not acceptable YAML for a record (position, field path)
│   ├── PatternError                a pattern RE2 cannot compile
│   ├── MappingError                a broken file of ``mappings/``
│   ├── DataFileError               a data file that cannot be read as declared
│   ├── OutsideFolderError          a local path that leads outside the catalogue folder
│   ├── RdfReadError                an RDF document that is not read
│   ├── SdmxImportError             an SDMX structure message that cannot be read
│   ├── ImportTargetError           a folder to import into that is not a catalogue folder
│   ├── ImportedItemInvalid         an imported item the model refuses
│   ├── RecordTooLarge              a record beyond what a record file may hold
│   └── SecretError                 the folder's secret, unreadable
├── ConfidentialColumnError         a data file to publish with a confidential column
├── ArtefactSelectionError          an SDMX artefact asked for that the public view does not hold
├── UnresolvedReference             a reference to an artefact that names none, or several (``message``)
├── OutputError                     the operating system refuses an output
│   └── OutputFolderError           an output folder that cannot be replaced without loss
├── StoreError                      the store cannot be reached or used
│   └── Unavailable                 ... while a request is answered
├── MailError                       the mail server's settings are wrong, or it did not take a message
├── Busy                            a document of the whole catalogue still being made
├── Refused                         an action that cannot be done
│   ├── AccountError                on accounts
│   ├── ResearcherFormError         a researcher's form with values not taken (each field's message)
│   ├── AccessRequestError          a request for restricted data that cannot be made
│   └── EditingError                in the editor
│       ├── Forbidden               not this person's to do
│       ├── NotFound                no such record (or none this person may see)
│       ├── Conflict                the record changed since the form was opened
│       └── NotReady                not at this stage of the workflow
│           ├── BadPaste            pasted codes that cannot be read
│           └── EarlyRelease        publishing an embargoed dataset before its time, unconfirmed
└── RequestError                    a request the server refuses as it is sent
    ├── BadRequest                  a parameter or header with a value not taken
    ├── SearchQueryError            a search parameter refused (its name, in the searcher's language)
    ├── BadForm                     a form no page of the editor sends
    ├── QueryError                  an SDMX-REST query refused (its SDMX error code)
    ├── Unauthenticated             an API request without a valid token
    ├── PreconditionRequired        a change sent without ``If-Match``
    └── PreconditionFailed          an ``If-Match`` that is not an ETag of this API
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from catalogue.messages import Message
from catalogue.model.types import ascii_visible

if TYPE_CHECKING:
    from pydantic import ValidationError


class Severity(str, Enum):
    """How serious a problem is: errors block publishing, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


FieldPath = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column in a file (a named tuple: the reader makes one per key and value)."""

    line: int
    column: int


def format_field_path(path: FieldPath) -> str:
    """Render ``("variables", 2, "codelist")`` as ``variables[2].codelist``, ``("codes", "[F]", "name")`` as
    ``codes[F].name``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.startswith("["):  # an item named by its id (``codes[F]``)
            text += part
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    """One error or warning, located as precisely as it is known: in a record (``kind``, ``record_id``, and
    ``fields``: the field path as parts), at a field (``path``: the same as text), and once its file is read, in
    that file (``file``, ``line``, ``column``). The rules of ``checks`` find problems in records; the loader places
    them in their files; the editor shows them at their fields."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: Severity = Severity.ERROR
    kind: str = ""
    record_id: str = ""
    fields: FieldPath = ()
    reference: tuple[str, str] | None = None
    """For a dangling reference: what it names (``("codelist", "CL_SEX")``)."""

    @classmethod
    def in_record(cls, kind: str, record_id: str, fields: FieldPath, message: str,
                  severity: Severity = Severity.ERROR, reference: tuple[str, str] | None = None) -> Problem:
        """A problem a rule finds at ``fields`` of one record, before its file is known."""
        return cls("", None, None, format_field_path(fields), message, severity, kind, record_id, fields, reference)

    @classmethod
    def at_field(cls, fields: FieldPath, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem at ``fields`` of the record at hand (one being edited)."""
        return cls.in_record("", "", fields, message, severity)

    def placed(self, file: str, position: Position | None) -> Problem:
        """The problem in ``file``, at ``position`` when it is known."""
        return replace(self, file=file, line=position.line if position else None,
                       column=position.column if position else None)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """One line, whatever the file, field or echoed value holds (control characters are escaped)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return ascii_visible(f"{where}:{field_part} {prefix}{self.message}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``catalogue check --format json``."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "severity": self.severity.value,
        }

    def as_row(self) -> list[Any]:
        """The compact form kept of a file checked before (its file is the one it is kept for)."""
        return [self.line, self.column, self.path, self.message, self.severity.value,
                list(self.reference) if self.reference else None]

    @classmethod
    def from_row(cls, row: Any) -> Problem:
        """The kept form read back (``TypeError`` or ``ValueError`` when it is not one)."""
        line, column, path, message, severity, reference = row
        return cls("", line, column, str(path), str(message), Severity(severity),
                   reference=(str(reference[0]), str(reference[1])) if reference else None)


class CatalogueError(Exception):
    """Base of every error the catalogue raises: bad input, or an action refused. Its text is one line."""


class UsageError(CatalogueError):
    """The command was called wrongly (a missing folder, a bad option value)."""


class RecordsInvalid(CatalogueError):
    """The record files hold errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} error(s) in the record files")


# --- input that cannot be read as it is ------------------------------------------------------------------------

class InputError(CatalogueError):
    """Something given to read (a file, a document, a setting) that cannot be read as it is."""


@dataclass
class YamlProblem(InputError):
    """The file is not acceptable YAML for a record."""

    message: str
    position: Position | None = None
    path: FieldPath = ()
    more: list[YamlProblem] = field(default_factory=list)
    """Other problems of the same file found in the same reading (each character XML cannot carry)."""

    def __str__(self) -> str:
        return str(self.message)


class PatternError(InputError, ValueError):
    """A pattern RE2 cannot compile: the message says why."""


class MappingError(InputError):
    """A file of ``mappings/`` is broken (an installation or editing error, not a record error)."""


class DataFileError(InputError):
    """A local data file that cannot be read as declared, or must not be published."""

    def __init__(self, path: Path, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path, self.message, self.line, self.column = path, message, line, column
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class OutsideFolderError(InputError):
    """A local path that leads outside the catalogue folder (``..``, absolute, or through a link)."""


class RdfReadError(InputError, ValueError):
    """A document that is not read: why, in one line."""


class SdmxImportError(InputError):
    """A structure message that cannot be read: not XML, truncated, or with a DTD (refused)."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path, self.message, self.line = path, message, line
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")


class ImportTargetError(InputError):
    """The folder to import into is not a catalogue folder."""


class ImportedItemInvalid(InputError):
    """An imported item the model refuses (``where`` it is, the model's ``error``): reported, not written."""

    def __init__(self, where: str, error: ValidationError) -> None:
        super().__init__(where)
        self.where, self.error = where, error


class RecordTooLarge(InputError):
    """A record file would pass the bound on what a record file may hold."""


class SecretError(InputError):
    """The folder's secret cannot be read or made."""


# --- what may not be published, or written ---------------------------------------------------------------------

class ConfidentialColumnError(CatalogueError):
    """A data file to publish holds a column of a confidential variable."""


class ArtefactSelectionError(CatalogueError, ValueError):
    """An ``--artefact`` names nothing in the public view."""


class UnresolvedReference(CatalogueError):
    """A reference to a codelist, a concept scheme or a concept that names none, or several."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class OutputError(CatalogueError):
    """The operating system refuses an output (no permission, a file where a folder should be, disk full)."""


class OutputFolderError(OutputError):
    """The output folder cannot be replaced without losing something."""


# --- the store --------------------------------------------------------------------------------------------------

class StoreError(CatalogueError):
    """The store cannot be reached or used (a wrong URL, a server that is down)."""


class Unavailable(StoreError):
    """The store cannot be reached while a request is answered."""


class MailError(CatalogueError):
    """The mail server's settings are wrong, or the server could not be reached or refused a message."""


class Busy(CatalogueError):
    """A document of the whole catalogue is being made, for longer than a request waits."""


# --- actions refused ------------------------------------------------------------------------------------------

class Refused(CatalogueError):
    """An action that cannot be done (in the editor, on accounts)."""


class AccountError(Refused):
    """A request on accounts that cannot be done (an unknown user, a bad name or role)."""


class ResearcherFormError(Refused):
    """A researcher's form (registration, profile, new password) with values not taken: each field's message."""

    def __init__(self, problems: dict[str, Message]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))
        self.problems = problems


class AccessRequestError(Refused):
    """A researcher's request for restricted data that cannot be made (one for the dataset is open already, too
    many are open): what to tell the researcher."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


class EditingError(Refused):
    """An action of the editor that cannot be done."""


class Forbidden(EditingError):
    """The person may not do this."""


class NotFound(EditingError):
    """No such record, file or revision (or none this person may see)."""


class Conflict(EditingError):
    """The form was opened on an older revision than the record's latest."""

    def __init__(self, current: Any, given: int) -> None:
        self.current, self.given = current, given
        super().__init__(f"the record changed since revision {given}: it is at revision {current.revision} "
                         f"(saved by {current.updated_by})")


class NotReady(EditingError):
    """The workflow does not allow it now (a record with errors, a record not at that stage)."""


class BadPaste(NotReady):
    """Pasted codes that cannot be read: every problem, with its line and column."""

    def __init__(self, problems: list[Any]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems[:10]))


class EarlyRelease(NotReady):
    """Publishing would release an embargoed dataset before its release time: the publisher must confirm it."""

    def __init__(self, embargo: datetime) -> None:
        self.embargo = embargo
        super().__init__(Message("the dataset is embargoed until %(moment)s: confirm that it is to be released "
                                 "earlier, or keep its release time", moment=embargo.isoformat()))


# --- requests the server refuses ------------------------------------------------------------------------------

class RequestError(CatalogueError):
    """A request the server refuses as it is sent."""


class BadRequest(RequestError):
    """A query parameter or header with a value the server does not take."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter, self.message = parameter, message


class SearchQueryError(RequestError):
    """A search that cannot be run as asked: which parameter, and why (in the searcher's language)."""

    def __init__(self, parameter: str, message: Message) -> None:
        super().__init__(message)
        self.parameter, self.message = parameter, message


class BadForm(RequestError, ValueError):
    """A form no page of the editor sends."""


class QueryError(RequestError):
    """An SDMX-REST query the server refuses: its SDMX error code and a message naming what is wrong."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class Unauthenticated(RequestError):
    """A request of the API without a valid token."""


class PreconditionRequired(RequestError):
    """A change sent without the revision it was made on (``If-Match``)."""


class PreconditionFailed(RequestError):
    """An ``If-Match`` that is not an ETag of this API."""
