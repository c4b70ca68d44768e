"""What the editor's pages call each kind of record, stage, workflow step and status (gettext message ids)."""

from catalogue.editing.workflow import MOVES, STAGES
from catalogue.formats.calendar import STATUS_NAMES
from catalogue.model.kinds import KINDS

KIND_LABELS = {name: KINDS[name].title for name in ("dataset", "series", "codelist", "concept_scheme", "data_structure",
                                                    "agency", "licence", "terms",
                                                    "release", "metadata_report", "catalogue")}
"""Each kind of record as the editor lists it."""
STAGE_LABELS = {name: stage.title for name, stage in STAGES.items()}
MOVE_LABELS = {name: move.title for name, move in MOVES.items()}
STATUS_LABELS = {"draft": "draft", "published": "published", **STATUS_NAMES}
"""A record's status as the interface names it: a dataset's, or a release's (gettext message ids)."""
