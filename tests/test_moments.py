"""Moments given as text (``--as-of``, ``modified_since``, a form's release time) are read one way: ISO 8601,
and a date with an offset is the first moment of that day there, never a time of day."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from catalogue.support.moments import parse_moment

from .conftest import EXAMPLE, run

UTC = timezone.utc


@pytest.mark.parametrize("text, moment", [
    ("2026-01-01", datetime(2026, 1, 1, tzinfo=UTC)),
    ("2026-01-01Z", datetime(2026, 1, 1, tzinfo=UTC)),
    ("2026-01-01+05:00", datetime(2025, 12, 31, 19, tzinfo=UTC)),  # Python alone reads 05:00 of that day, in UTC
    ("2026-01-01-05:00", datetime(2026, 1, 1, 5, tzinfo=UTC)),
    ("2026-01-01+0530", datetime(2025, 12, 31, 18, 30, tzinfo=UTC)),
    ("2026-01-01T10:00:00+02:00", datetime(2026, 1, 1, 8, tzinfo=UTC)),
    ("2026-01-01 10:00Z", datetime(2026, 1, 1, 10, tzinfo=UTC)),
    ("20260101T1000Z", datetime(2026, 1, 1, 10, tzinfo=UTC)),
])
def test_a_moment_is_read_as_iso_8601_writes_it(text, moment):
    assert parse_moment(text) == moment


def test_a_date_with_an_offset_keeps_its_day_and_offset():
    kept = parse_moment("2026-01-01+05:00", keep_offset=True)
    assert kept.date().isoformat() == "2026-01-01" and kept.utcoffset() == timedelta(hours=5)


@pytest.mark.parametrize("text", ["2026-01-01x10:00", "2026-01-01+10", "2026-01-01/10:00", "2026-01-01+05:00x"])
def test_any_other_character_after_the_date_is_refused(text):
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_moment(text)


def test_as_of_a_date_with_an_offset_does_not_release_that_days_embargo_early(cli, tmp_path):
    """DS_POP_PROJECTIONS is released at 2099-06-30T07:00Z: midnight of that day at +07:00 is 17:00Z the day
    before, when it is still embargoed (read as 07:00 in UTC it was released)."""
    written = {}
    for as_of in ("2099-06-30+07:00", "2099-06-30-08:00"):
        output = tmp_path / f"{as_of}.json"
        result = run(cli, "export", "dcat-us", str(EXAMPLE), "-o", str(output), "--as-of", as_of)
        assert result.exit_code == 0, result.output
        written[as_of] = {d["identifier"].rsplit("/", 1)[-1] for d in json.loads(output.read_text())["dataset"]}
    assert not any("DS_POP_PROJECTIONS" in identifier for identifier in written["2099-06-30+07:00"])
    assert any("DS_POP_PROJECTIONS" in identifier for identifier in written["2099-06-30-08:00"])
