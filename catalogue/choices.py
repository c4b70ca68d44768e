"""The interface name of each controlled value of the model (a gettext message id): what the pages show of a value
and what the editor's choices offer. The mappings' values are named by their English labels; the others here."""

from __future__ import annotations

from collections.abc import Mapping

from catalogue.messages import Message
from catalogue.vocab import Vocabulary

ROLE_NAMES = {"dimension": "dimension", "time_dimension": "time dimension", "measure": "measure",
              "attribute": "attribute", "identifier": "identifier", "other": "other"}
"""Each variable role."""
DATA_TYPE_NAMES = {"string": "text", "integer": "whole number", "decimal": "decimal number",
                   "boolean": "true or false", "date": "date", "datetime": "date and time", "year": "year",
                   "year_month": "year and month", "time_period": "time period"}
"""Each data type of ``mappings/data_types.yaml`` (another type shows its id)."""
ATTACHMENT_NAMES = {"dataset": "the whole dataset", "series": "each series", "observation": "each observation"}
"""What an attribute's value is given for."""
RELEASE_STATUS_NAMES = {"scheduled": "Scheduled", "confirmed": "Confirmed", "postponed": "Postponed",
                        "cancelled": "Cancelled", "released": "Published"}
"""Each status of an announced release."""
RECORD_STATUS_NAMES = {"draft": "draft", "published": "published"}
"""Each status of a dataset record."""

ACTION_NAMES = {"view drafts": Message("view drafts"), "edit": Message("edit"), "comment": Message("comment"),
                "approve": Message("approve"), "publish": Message("publish"),
                "manage members": Message("manage members")}
"""Each action on an agency's records (``store.accounts.ACTIONS``), as a verb in a message."""


def choice_names(vocab: Vocabulary) -> dict[str, Mapping[str, str]]:
    """A field's name → each value it may take → the value's interface name."""
    def labels(table: Mapping[str, object]) -> dict[str, str]:
        return {value: entry.label["en"] for value, entry in table.items()}  # type: ignore[attr-defined]

    return {"frequency": labels(vocab.frequencies), "access_level": labels(vocab.access_levels),
            "access_type": labels(vocab.access_types), "type": labels(vocab.agent_types),
            "availability": labels(vocab.availability), "source_type": labels(vocab.source_types), "eu_theme": labels(vocab.themes), "role": ROLE_NAMES,
            "data_type": DATA_TYPE_NAMES, "attachment": ATTACHMENT_NAMES,
            "status": {**RECORD_STATUS_NAMES, **RELEASE_STATUS_NAMES}}


__all__ = ["ACTION_NAMES", "ATTACHMENT_NAMES", "DATA_TYPE_NAMES", "RECORD_STATUS_NAMES",
           "RELEASE_STATUS_NAMES", "ROLE_NAMES", "choice_names"]
