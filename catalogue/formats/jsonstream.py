"""A JSON document with one long list written item by item: memory flat in the number of items.

The text is exactly ``json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`` of the document with
the list in place, so a streamed feed and a written file have the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

_MARK = "\x00items\x00"
STREAMED: list[Any] = [_MARK]
"""Put in the document where the streamed list goes (one top-level list per document)."""
INDENT = 2


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=INDENT)


def stream_json(document: dict[str, Any], items: Iterable[Any], keep_empty: bool = True) -> Iterator[str]:
    """The text of ``document`` with its ``STREAMED`` list made of ``items``; with ``keep_empty`` false an
    empty list is left out, key and all (as writers that drop empty values do)."""
    key = next(k for k, v in document.items() if v is STREAMED)
    iterator = iter(items)
    first = next(iterator, _MARK)
    if first is _MARK:
        empty = {k: ([] if k == key else v) for k, v in document.items() if keep_empty or k != key}
        yield _dumps(empty) + "\n"
        return
    text = _dumps(document)
    marker = _dumps(_MARK)
    before, after = text.split(marker)
    item_indent = before[before.rindex("\n") + 1:]
    yield before
    yield _dumps(first).replace("\n", "\n" + item_indent)
    for item in iterator:
        yield ",\n" + item_indent + _dumps(item).replace("\n", "\n" + item_indent)
    yield after + "\n"
