"""How alike two names are, for candidates that do not share a key exactly.

Keys and the names themselves come from ``loader.names`` (titles, post-nominals, width, case and
Traditional/Simplified folding); this module adds word order and a similarity score.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from loader.names import name_key


def token_key(text: str) -> str:
    """The key of the name's words in sorted order: "Andrew LEUNG" ≡ "LEUNG, Andrew"."""
    words = re.split(r"[\s,，、]+", unicodedata.normalize("NFKC", text))
    return " ".join(sorted(key for key in map(name_key, words) if key))


def similarity(first: str, second: str) -> float:
    """How alike two names are, 0..1: 1 for equal keys, 0.95 for the same words reordered."""
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if " " in token_key(first) and token_key(first) == token_key(second):
        return 0.95
    return round(SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)
