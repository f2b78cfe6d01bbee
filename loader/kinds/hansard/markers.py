"""Speaker markers: the label that opens a speech (``劉皇發議員︰``, ``1. 林健鋒議員：``,
``SECRETARY FOR THE ENVIRONMENT (in Chinese):``, ``主席（以英語發言）：``) and what it says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from loader.names import HONORIFIC

_COLON = "[:：︰﹕]"
#: The label's last characters say who may speak in the Council: a Member, a presiding
#: officer, the clerk or a public officer's post.
_ZH_ROLES = "議員|主席|秘書|局長|司長|行政長官|署長|處長|專員|關長|總監|秘書長|官|律師|主任"
_ZH = re.compile(
    rf"^(?:(?P<number>\d{{1,3}})\s*[.．、]\s*)?"
    rf"(?P<label>[^\s:：︰﹕，。、「」“”()（）,]{{0,24}}?(?:{_ZH_ROLES}))\s*"
    rf"(?:[(（]\s*(?:以\s*(?P<language>英語|普通話|粵語|英文)\s*發言|(?P<translated>譯文))\s*[)）])?"
    rf"\s*{_COLON}\s*"
)
_EN = re.compile(
    rf"^(?:(?P<number>\d{{1,3}})\s*\.\s+)?"
    rf"(?P<label>[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){{0,9}})\s*(?P<translated>)"
    rf"(?:\(\s*in\s+(?P<language>Cantonese|Putonghua|Chinese|English|Mandarin)\s*\))?\s*{_COLON}\s*"
)
#: Labels that head a list, never a speech.
_NOT_SPEAKERS = re.compile(
    r"^(?:出席議員|缺席議員|列席秘書|出席政府官員|功能團體|地方選區|註|附錄|"
    r"MEMBERS? (?:PRESENT|ABSENT)|PUBLIC OFFICERS? ATTENDING|CLERKS? IN ATTENDANCE|"
    r"NOTE|NOTES|APPENDIX|ANNEX|TOTAL|Q|A)$"
)
_LANGUAGES = {
    "英語": "en",
    "英文": "en",
    "English": "en",
    "普通話": "cmn",
    "Putonghua": "cmn",
    "Mandarin": "cmn",
    "粵語": "yue",
    "Cantonese": "yue",
    #: Before 2016 the English record said "(in Chinese)" for the Cantonese floor language
    #: (Putonghua was always named): Chinese speech in the Chamber is Cantonese unless marked.
    "Chinese": "yue",
}
#: How a label names a presiding officer or the clerk: the role, not a person.
PRESIDING = {
    "主席": "president",
    "PRESIDENT": "president",
    "THE PRESIDENT": "president",
    "代理主席": "deputy-president",
    "DEPUTY PRESIDENT": "deputy-president",
    "全委會主席": "chairman",
    "CHAIRMAN": "chairman",
    "THE CHAIRMAN": "chairman",
    "代理全委會主席": "deputy-chairman",
    "DEPUTY CHAIRMAN": "deputy-chairman",
    "秘書": "clerk",
    "CLERK": "clerk",
    "THE CLERK": "clerk",
    "CLERK TO THE LEGISLATIVE COUNCIL": "clerk",
}
_MEMBER_EN = re.compile(rf"^(?i:{HONORIFIC}|HON)\s+\S")


@dataclass(frozen=True)
class Marker:
    """A speaker label as printed, its role, the question number before it and the language of
    delivery the record states (None when it states none)."""

    label: str
    role: str
    number: int | None
    language: str | None
    end: int


def normalise(text: str) -> str:
    """Full-width digits and colons folded so the patterns see one form."""
    return "".join(
        unicodedata.normalize("NFKC", c) if c.isdigit() or c in "．" else c for c in text
    )


def find_marker(text: str) -> Marker | None:
    """The speaker marker opening ``text``, or None."""
    text = normalise(text)
    for pattern in (_ZH, _EN):
        found = pattern.match(text)
        if found is None:
            continue
        label = unicodedata.normalize("NFKC", found["label"].strip())
        if _NOT_SPEAKERS.match(label) or (pattern is _EN and not _english_speaker(label)):
            continue
        number = int(found["number"]) if found["number"] else None
        language = _LANGUAGES.get(found["language"]) if found["language"] else None
        if pattern is _ZH and found["translated"]:
            language = "en"
        return Marker(label, role_of(label), number, language, found.end())
    return None


def role_of(label: str) -> str:
    """``member``, ``officer`` or a presiding role for a speaker label."""
    if label in PRESIDING:
        return PRESIDING[label]
    if label.endswith("議員") or _MEMBER_EN.match(label):
        return "member"
    return "officer"


def _english_speaker(label: str) -> bool:
    """An English label is a name or a post in capitals: a title, or at least two words."""
    if label in PRESIDING or _MEMBER_EN.match(label):
        return True
    words = label.split()
    return len(words) >= 2 and len(label) >= 8
