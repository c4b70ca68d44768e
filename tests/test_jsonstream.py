"""A streamed JSON document has exactly the bytes of the whole document written at once."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from catalogue.formats.jsonstream import STREAMED, stream_json

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)
keys = st.text(min_size=1, max_size=5)


@given(st.dictionaries(keys, values, max_size=4), keys, st.lists(values, max_size=4), st.booleans())
def test_streamed_equals_whole(document: dict[str, Any], key: str, items: list[Any], keep_empty: bool) -> None:
    frame = {**document, key: STREAMED}
    whole = {k: (items if k == key else v) for k, v in frame.items() if keep_empty or items or k != key}
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert "".join(stream_json(frame, iter(items), keep_empty)) == expected
