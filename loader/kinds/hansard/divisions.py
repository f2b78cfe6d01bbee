"""Divisions (recorded votes): who claimed one, each Member's vote by constituency group, the
counts the presiding officer announced and the result, in Chinese and English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.kinds.hansard.markers import normalise
from loader.names import HONORIFIC

GROUPS = {
    "功能團體": "functional",
    "功能界別": "functional",
    "地方選區": "geographical",
    "選舉委員會界別": "election-committee",
    "選舉委員會": "election-committee",
    "FUNCTIONAL CONSTITUENCIES": "functional",
    "FUNCTIONAL CONSTITUENCY": "functional",
    "GEOGRAPHICAL CONSTITUENCIES": "geographical",
    "GEOGRAPHICAL CONSTITUENCY": "geographical",
    "ELECTION COMMITTEE CONSTITUENCY": "election-committee",
}
_GROUP_HEAD = re.compile(r"^\s*(?P<group>[^:：︰]{2,40}?)\s*[:：︰]\s*$")
_CLAIM = re.compile(
    r"(?P<zh>\S+?議員)起立要求(?:記名|點名)表決|(?P<en>"
    rf"{HONORIFIC}\s.+?)"
    r"\s+(?:rose to claim|claimed) a division"
)
_ZH_VOTES = re.compile(r"^(?P<names>.+?)(?P<option>贊成|反對|棄權|出席|沒有表決)。?$")
_EN_VOTES = re.compile(
    r"^(?P<names>.+?),?\s+(?P<option>voted for|voted in favour of|voted against|abstained|"
    r"(?:was|were) present|did not (?:cast any vote|vote))\b"
)
OPTIONS = {
    "贊成": "yes",
    "反對": "no",
    "棄權": "abstain",
    "出席": "present",
    "沒有表決": "present",
    "voted for": "yes",
    "voted in favour of": "yes",
    "voted against": "no",
    "abstained": "abstain",
    "was present": "present",
    "were present": "present",
    "did not cast any vote": "present",
    "did not vote": "present",
}
_RESULT = re.compile(r"宣布.{0,40}?(?:有\s*\d+\s*人出席|人出席)|announced that .{0,120}?present")
_ZH_COUNTS = {
    "present": r"(\d+)\s*人出席",
    "yes": r"(\d+)\s*人贊成",
    "no": r"(\d+)\s*人反對",
    "abstain": r"(\d+)\s*人棄權",
}
_EN_COUNTS = {
    "present": r"(\d+) (?:were|was|Members were) present|there were (\d+) Members present",
    "yes": r"(\d+) (?:were |was )?in favour",
    "no": r"(\d+) (?:were |was )?against",
    "abstain": r"(\d+) (?:abstained|abstentions?)",
}
_PASSED = re.compile(r"獲得?通過|予以通過|was (?:passed|carried|agreed)|were passed")
_NEGATIVED = re.compile(r"否決|negatived")


@dataclass
class Division:
    """One recorded vote of the sitting, numbered in the record's order."""

    number: int
    claimed_by: str | None = None
    votes: list[tuple[str, str, str | None]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    result: str | None = None
    page: int | None = None
    after_speech: int | None = None


def group_of(text: str) -> str | None:
    """The constituency group a ``功能團體：`` / ``Geographical Constituencies:`` line heads."""
    found = _GROUP_HEAD.match(normalise(text))
    return GROUPS.get(found["group"].strip().upper()) if found else None


def claim_in(text: str) -> str | None:
    """The Member who rose to claim a division, as printed, if ``text`` says so."""
    found = _CLAIM.search(text)
    return (found["zh"] or found["en"]).strip() if found else None


def votes_in(text: str) -> tuple[list[str], str] | None:
    """The names and the vote of a vote-list sentence, or None if ``text`` is not one."""
    text = text.strip()
    found = _ZH_VOTES.match(text)
    if found:
        names = [n.strip() for n in re.split(r"[、及和]\s*(?=\S+議員)", found["names"])]
        if names and all(n.endswith("議員") and len(n) <= 20 for n in names):
            return [re.sub(r"^(?:主席|代理主席|全委會主席)", "", n) or n for n in names], OPTIONS[
                found["option"]
            ]
        return None
    found = _EN_VOTES.match(text)
    if found:
        names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", found["names"])]
        if names and all(re.match(rf"(?:THE PRESIDENT|{HONORIFIC})\b", n) for n in names):
            return names, OPTIONS[found["option"]]
    return None


def result_in(text: str) -> tuple[dict[str, dict[str, int]], str | None] | None:
    """The counts by group and the result of an announcement, or None if ``text`` is not one."""
    text = normalise(text)
    if not _RESULT.search(text):
        return None
    english = "announced that" in text
    counts: dict[str, dict[str, int]] = {}
    for clause in re.split(r"[；;]", text.split("由於")[0] if not english else text):
        group = _clause_group(clause)
        patterns = _EN_COUNTS if english else _ZH_COUNTS
        found = {}
        for key, pattern in patterns.items():
            match = re.search(pattern, clause)
            if match:
                found[key] = int(next(g for g in match.groups() if g))
        if found:
            counts[group] = found
    result = "negatived" if _NEGATIVED.search(text) else "passed" if _PASSED.search(text) else None
    return counts, result


def _clause_group(clause: str) -> str:
    lowered = clause.casefold()
    if "功能團體" in clause or "功能界別" in clause or "functional" in lowered:
        return "functional"
    if "分區直" in clause or "地方選區" in clause or "geographical" in lowered:
        return "geographical"
    if "選舉委員會" in clause or "election committee" in lowered:
        return "election-committee"
    return "all"
