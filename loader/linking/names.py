"""Names as matching keys: honorifics stripped, width and case folded, Simplified ≡ Traditional.

Two spellings of one name get the same ``name_key`` when they differ only in width, case,
spaces, hyphens or punctuation, or in Simplified versus Traditional characters (OpenCC's
``t2s`` folds both to Simplified). ``person_name`` removes what LegCo and Wikidata put around a
person's name: "Dr Hon", "Ir Dr Hon", ", JP", ", SBS, JP", "(President)", "議員", "主席".
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache

import opencc

_EN_TITLES = re.compile(
    r"^(?:(?:the\s+)?(?:hon|honourable|dr|ir|prof|professor|mr|mrs|ms|miss|sr|rev|sir|dame)"
    r"\.?\s+)+",
    re.IGNORECASE,
)
#: Post-nominal letters (honours, JP, SC) that follow a comma or a space at the end of a name.
_POST_NOMINALS = re.compile(
    r"(?:[,\s]+(?:JP|SBS|GBS|BBS|MH|GBM|SC|KC|QC|PDSM|IDSM|MBE|OBE|CBE|SBM|PhD))+\.?\s*$"
)
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_ZH_TITLES = re.compile(
    r"(?:議員|议员|副主席|主席|先生|女士|博士|教授|醫生|医生|太平紳士|太平绅士)+$"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def has_han(text: str) -> bool:
    """True when ``text`` has a Chinese character: it is searched as Chinese, not English."""
    return bool(_HAN.search(text))


def person_name(text: str) -> str:
    """A person's name without titles, post-nominals or a trailing "(President)"/"(主席)"."""
    name = unicodedata.normalize("NFKC", text).strip()
    previous = None
    while name != previous:
        previous = name
        name = _TRAILING_NOTE.sub("", name)
        name = _POST_NOMINALS.sub("", name)
        name = _EN_TITLES.sub("", name)
        name = _ZH_TITLES.sub("", name).strip(" ,，")
    return name or text.strip()


def name_key(text: str) -> str:
    """The matching key: NFKC, case-folded, Simplified, letters and digits only."""
    folded = _to_simplified().convert(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(char for char in folded if unicodedata.category(char)[0] in "LN")


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
