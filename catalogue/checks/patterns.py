"""The regular expressions a record gives (a variable's ``constraints.pattern``), compiled by RE2: matching takes
time linear in the text, whatever the pattern (Python's ``re`` backtracks: ``(a|a)+$`` takes seconds per added
character). RE2 reads XML Schema's and Table Schema's patterns; it refuses backreferences and lookaround, which
neither standard has."""

from __future__ import annotations

from functools import lru_cache

import re2

from catalogue.messages import Message
from catalogue.errors import PatternError

MAX_PATTERN = 1000
"""Characters of a pattern at most."""


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> re2._Regexp:
    """The compiled pattern (a cell matches when the whole of it does: ``fullmatch``)."""
    if len(pattern) > MAX_PATTERN:
        raise PatternError(Message("a pattern holds %(limit)s characters at most", limit=MAX_PATTERN))
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if error.args and isinstance(error.args[0], bytes) \
            else str(error)
        raise PatternError(Message("not a regular expression RE2 reads (no backreferences or lookaround): "
                                   "%(reason)s", reason=reason)) from None


__all__ = ["MAX_PATTERN", "compile_pattern"]
