"""A streamed JSON document has exactly the bytes of the whole document written at once."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.formats.jsonstream import STREAMED, indented_json, stream_json

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)
keys = st.text(min_size=1, max_size=5)
JSON_VALUES = st.recursive(scalars | st.floats(allow_nan=False, allow_infinity=False),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                           max_leaves=20)


@given(st.dictionaries(keys, values, max_size=4), keys, st.lists(values, max_size=4), st.booleans())
def test_streamed_equals_whole(document: dict[str, Any], key: str, items: list[Any], keep_empty: bool) -> None:
    frame = {**document, key: STREAMED}
    whole = {k: (items if k == key else v) for k, v in frame.items() if keep_empty or items or k != key}
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert "".join(stream_json(frame, iter(items), keep_empty)) == expected


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_indented_json_is_the_standard_librarys(value):
    """The fast indenter writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, numbers,
    escapes and empty containers included (and NaN the same way, through the standard library)."""
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_json_writes_nan_as_the_standard_library():
    value = {"x": [float("nan"), float("inf")], "y": "é"}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
