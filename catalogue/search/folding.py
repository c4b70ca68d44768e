"""How text is folded before it is indexed or searched, the same for every store and for the static site's filter:
case, diacritics (é/e, ё/е), and Arabic's letter variants as Lucene's Arabic normalizer unifies them (alef with
hamza or madda → alef, alef maksura → yeh, teh marbuta → heh, no tatweel)."""

from __future__ import annotations

import re
import unicodedata

ARABIC = str.maketrans({"\u0649": "\u064a", "\u0629": "\u0647", "\u0640": None, "\u0671": "\u0627"})
"""Alef maksura → yeh, teh marbuta → heh, tatweel removed, alef wasla → alef (hamza and madda on alef are combining
marks once decomposed, removed with the other diacritics)."""
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics, Arabic letter variants unified: step by step as the static site's
    filter folds in JavaScript (``normalize("NFKD").toLowerCase()``, marks removed, the Arabic letters, NFC)."""
    decomposed = unicodedata.normalize("NFKD", text).lower()
    stripped = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", stripped.translate(ARABIC))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits)."""
    return WORD.findall(fold(text))


MOST_TERMS = 16


def search_terms(text: str) -> list[str]:
    """The words of a search (``MOST_TERMS`` at most): folded words with a letter or a digit (an underscore alone
    is no word a store's tokenizer keeps)."""
    return [word for word in words(text) if any(c.isalnum() for c in word)][:MOST_TERMS]
