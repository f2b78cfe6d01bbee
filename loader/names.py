"""Names as LegCo prints them, in English and Chinese, and the keys under which they match.

One place for what surrounds a person's name in LegCo papers, ScheduleDB, HansardDB and
Wikidata — titles and honorifics (``Hon``, ``Dr the Hon``, ``Ir Dr Hon``, ``The Hon Mrs``,
``議員``, ``先生``, ``太平紳士``, ``資深大律師``), post-nominals (``SBS``, ``J.P.``) and the office
in brackets (``(President)``, ``(主席)``) — and for the keys built on it:

- ``person_name``: the name alone, whatever the document kind that printed it;
- ``fold``: NFKC (full/half width), Simplified Chinese (OpenCC ``t2s``), case-folded — the form
  search indexes and matches in;
- ``name_key``: ``fold`` keeping letters and digits only (spaces, hyphens, dots dropped);
- ``match_key``: ``name_key`` of ``person_name``: two printings of one person's name meet on it;
- ``normalize_for_matching``: width, case and spaces folded, script and punctuation kept — the
  key name-keyed IRIs and curated-table lookups use (stable: IRIs must not change).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import opencc

#: Personal titles printed before an English name: ``Dr``, ``Ir``, ``Mrs``, ``Prof``, ``Dato``.
HONORIFICS = (
    "Dr", "Prof", "Professor", "Ir", "Sr", "Mr", "Mrs", "Ms", "Miss", "Mdm", "Sir", "Dame",
    "Rev", "Dato", "Datuk",
)  # fmt: skip
#: Everything printed before an English name (case-insensitive, with or without a full stop):
#: ``Hon``, ``Dr the Hon``, ``Ir Dr Hon``, ``The Hon Mrs``, ``Prof the Hon``.
EN_TITLES = ("The", "Hon", "Honourable", *HONORIFICS)
#: A regex alternation of ``HONORIFICS``, longest first, for kinds that split lists of names.
HONORIFIC = "(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + ")"
#: Personal titles printed after a Chinese name, Traditional and Simplified.
ZH_HONORIFICS = (
    "先生", "女士", "小姐", "太太", "博士", "教授", "醫生", "医生", "工程師", "工程师",
    "測量師", "测量师", "資深大律師", "资深大律师", "大律師", "大律师", "律師", "律师",
)  # fmt: skip
#: Everything printed after a Chinese name: honorifics, 議員, 太平紳士, 主席 for the President.
ZH_TITLES = ("議員", "议员", "太平紳士", "太平绅士", "副主席", "主席", *ZH_HONORIFICS)
#: Honours and post-nominal letters printed after a name, with or without full stops.
POST_NOMINALS = (
    "GBM", "GBS", "SBS", "BBS", "MH", "JP", "SC", "KC", "QC", "PDSM", "IDSM", "MBE", "OBE",
    "CBE", "SBM", "PhD",
)  # fmt: skip

_EN_TITLE = re.compile(r"^(?:(?:" + "|".join(EN_TITLES) + r")\.?\s+)+", re.IGNORECASE)
_ZH_TITLE = re.compile("(?:" + "|".join(ZH_TITLES) + ")+$")
_OFFICE = re.compile(r"\s*[(（]\s*(?P<office>[^()（）]+?)\s*[)）]\s*$")
_DOTTED = {"".join(f"{letter}." for letter in word): word for word in POST_NOMINALS}
_TRAILING_POST_NOMINAL = re.compile(
    r"[,\s]+(?P<letters>"
    + "|".join(re.escape(form) for form in sorted({*POST_NOMINALS, *_DOTTED}, key=len)[::-1])
    + r")\.?\s*$"
)
#: After a comma, any short run of capitals counts as honours (ScheduleDB's ``honourable_eng``).
_CAPITALS = re.compile(r"^[A-Z]{2,5}$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


@dataclass(frozen=True)
class ParsedName:
    """A name as printed, split into the person's name and what surrounds it."""

    name: str
    titles: tuple[str, ...] = ()
    post_nominals: tuple[str, ...] = ()
    office: str | None = None


def parse_name(text: str) -> ParsedName:
    """``Hon Andrew LEUNG Kwan-yuen, SBS, JP`` → ``Andrew LEUNG Kwan-yuen`` and the rest;
    ``陳鑑林議員 , S.B.S., J.P.`` → ``陳鑑林``; ``梁君彥議員 (主席)`` → ``梁君彥``, office 主席."""
    name = " ".join(unicodedata.normalize("NFKC", text).split())
    office: str | None = None
    titles: list[str] = []
    post_nominals: list[str] = []
    previous = None
    while name != previous:
        previous = name
        found = _OFFICE.search(name)
        if found and found.start() > 0:
            office, name = office or found["office"], name[: found.start()]
        letters, name = _post_nominals(name)
        post_nominals[:0] = letters
        found = _EN_TITLE.match(name)
        if found and found.end() < len(name):
            titles += found.group(0).split()
            name = name[found.end() :]
        name = name.strip(" ,")
        found = _ZH_TITLE.search(name)
        if found and found.start() > 0:
            titles.append(found.group(0))
            name = name[: found.start()].strip(" ,")
    return ParsedName(name, tuple(titles), tuple(post_nominals), office)


def _post_nominals(name: str) -> tuple[list[str], str]:
    """Honours at the end of ``name`` (``, SBS, JP``, `` , S.B.S., J.P.``), and the rest."""
    if "," in name:
        head, tail = name.split(",", 1)
        parts = [part.strip() for part in tail.split(",") if part.strip()]
        words = [_DOTTED.get(part, _DOTTED.get(part + ".", part)) for part in parts]
        if parts and all(_CAPITALS.match(word) or word in POST_NOMINALS for word in words):
            return words, head.rstrip()
    letters: list[str] = []
    while found := _TRAILING_POST_NOMINAL.search(name):
        if found.start() == 0:
            break
        word = found["letters"]
        letters.insert(0, _DOTTED.get(word, _DOTTED.get(word + ".", word)))
        name = name[: found.start()]
    return letters, name


def person_name(text: str) -> str:
    """The person's name without titles, honours or office: the same whoever printed it."""
    return parse_name(text).name or text.strip()


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def fold(text: str) -> str:
    """NFKC, Simplified Chinese and case-folded: the form text is indexed and matched in."""
    return to_simplified(unicodedata.normalize("NFKC", text)).casefold()


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (OpenCC ``t2s``, many-to-one): 梁君彥 → 梁君彦."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """``text`` in Hong Kong Traditional characters (OpenCC ``s2hk``): 梁君彦 → 梁君彥."""
    return _converter("s2hk").convert(text)


def name_key(text: str) -> str:
    """``fold`` keeping letters and digits only: ``LEUNG Che-cheung`` ≡ ``leung checheung``."""
    return "".join(char for char in fold(text) if unicodedata.category(char)[0] in "LN")


def match_key(name: str) -> str:
    """The key every printing of one person's name shares: ``Hon Andrew LEUNG Kwan-yuen, SBS,
    JP``, ``ANDREW LEUNG KWAN-YUEN`` (one key); ``梁君彥議員 (主席)`` ≡ ``梁君彦议员``."""
    return name_key(parse_name(name).name)


def normalize_for_matching(text: str) -> str:
    """NFKC-folded (full/half width), case-folded, without whitespace; script kept, so the
    name-keyed IRIs built on it stay as they are."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def has_han(text: str) -> bool:
    """True when ``text`` has a Chinese character: it is searched as Chinese, not English."""
    return bool(_HAN.search(text))
