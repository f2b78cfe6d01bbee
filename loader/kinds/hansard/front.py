"""A Hansard's front matter: the sitting's date and start, and who attended (Members present and
absent, public officers, clerks), in Chinese (``出席議員：``) and English (``MEMBERS PRESENT:``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loader.kinds.hansard.markers import normalise
from loader.names import HONORIFIC, ZH_HONORIFICS

BLOCKS = {
    "出席議員": "present",
    "缺席議員": "absent",
    "出席政府官員": "officers",
    "列席秘書": "clerks",
    "MEMBERS PRESENT": "present",
    "MEMBERS ABSENT": "absent",
    "PUBLIC OFFICERS ATTENDING": "officers",
    "PUBLIC OFFICER ATTENDING": "officers",
    "CLERKS IN ATTENDANCE": "clerks",
    "CLERK IN ATTENDANCE": "clerks",
}
BLOCK_HEAD = re.compile(r"^(?P<head>[^:：︰]{2,30}?)\s*[:：︰]\s*$")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_EN_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ZH_TIME = re.compile(r"(上午|中午|下午|晚上|凌晨)?\s*(\d{1,2})\s*時\s*(?:正|(零?\d{1,2})\s*分)")
_EN_NUMBERS = {
    w: i + 1
    for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())
}
_EN_TIME = re.compile(
    r"(?:(?P<half>half-past|half past|a quarter past|a quarter to)\s+)?"
    r"(?P<word>One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)\s+o'clock"
    r"|(?P<h>\d{1,2})[.:](?P<m>\d{2})\s*(?P<ampm>[ap])\.?m",
    re.IGNORECASE,
)
_NAME_TITLE = re.compile(rf"^(?:THE\s+HONOURABLE|(?:{HONORIFIC}|HON)\b)", re.IGNORECASE)
_HONOUR = re.compile(r"^(?:[A-Z][A-Za-z]{0,2}\.){2,}$|^大紫荊勳賢$|^G\.?B\.?M\.?$|^S\.C\.$")
_ZH_POST = re.compile(
    r"^(?P<post>.*(?:局長|司長|行政長官|秘書長|署長|處長|專員|關長|總監|主席))"
    rf"(?P<name>[^,，]+?)(?P<title>{'|'.join(ZH_HONORIFICS)})?$"
)
_ZH_ROLE_PREFIX = re.compile(r"^(?P<role>主席|代理主席|全委會主席)(?P<name>\S+議員)$")
_SPLIT_BILINGUAL = re.compile(rf"\s(?=(?:THE|(?i:{HONORIFIC}))\s+[A-Z])")


@dataclass
class Attendee:
    """One person in an attendance list: name as printed, post or role, honours."""

    name: str
    post: str | None = None
    honours: list[str] = field(default_factory=list)
    other_name: str | None = None


def sitting_date(texts: list[str]) -> dt.date | None:
    """The sitting's date from the first lines (``2012年11月21日星期三``, ``Wednesday, 29 April
    2015``, ``2013-10-9``)."""
    for text in texts:
        text = normalise(text).strip()
        for pattern, order in ((_ZH_DATE, (1, 2, 3)), (_ISO_DATE, (1, 2, 3))):
            found = pattern.search(text)
            if found:
                try:
                    return dt.date(*(int(found[i]) for i in order))
                except ValueError:
                    continue
        found = _EN_DATE.search(text)
        if found and found[2].casefold() in _MONTHS:
            return dt.date(int(found[3]), _MONTHS[found[2].casefold()], int(found[1]))
    return None


def clock_time(text: str) -> dt.time | None:
    """The time a line states: ``下午12時43分``, ``Eleven o'clock``, ``8.02 pm``."""
    text = normalise(text)
    found = _ZH_TIME.search(text)
    if found:
        hour, minute = int(found[2]), int((found[3] or "0").lstrip("零") or 0)
        if found[1] in ("下午", "晚上") and hour < 12:
            hour += 12
        return dt.time(hour % 24, minute) if minute < 60 else None
    found = _EN_TIME.search(text)
    if found is None:
        return None
    if found["word"]:
        hour, minute = _EN_NUMBERS[found["word"].casefold()], 0
        half = (found["half"] or "").casefold()
        minute = 30 if half.startswith("half") else 15 if "past" in half else 0
        if "to" in half.split():
            hour, minute = hour - 1, 45
        if hour < 8:
            hour += 12
        return dt.time(hour, minute)
    hour, minute = int(found["h"]), int(found["m"])
    if found["ampm"].lower() == "p" and hour < 12:
        hour += 12
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def block_of(text: str) -> str | None:
    """``present``/``absent``/``officers``/``clerks`` when ``text`` heads an attendance list."""
    found = BLOCK_HEAD.match(text.strip())
    return BLOCKS.get(found["head"].strip().upper()) if found else None


def attendees(kind: str, lines: list[str]) -> list[Attendee]:
    """The people of one attendance list; English public officers' posts follow their names."""
    out: list[Attendee] = []
    role: str | None = None
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if re.fullmatch(r"THE (?:PRESIDENT|CHAIRMAN|DEPUTY PRESIDENT)", line, re.IGNORECASE):
            role = line
            continue
        if kind == "officers" and out and not _has_cjk(line) and not _NAME_TITLE.match(line):
            out[-1].post = line
            continue
        person = parse_attendee(line, kind)
        if role:
            person.post, role = role, None
        out.append(person)
    return out


def parse_attendee(entry: str, kind: str) -> Attendee:
    """One attendance entry: ``食物及衞生局局長高永文醫生 , B.B.S., J.P.``, ``主席曾鈺成議員``,
    ``MR KENNETH CHEN WEI-ON, S.B.S., SECRETARY GENERAL``, or the JSON's both languages at once."""
    entry = " ".join(entry.split())
    other = None
    if _has_cjk(entry):
        parts = _SPLIT_BILINGUAL.split(entry, maxsplit=1)
        if len(parts) == 2:
            entry, other = parts[0], parts[1]
    pieces = [p.strip() for p in re.split(r"\s*[,，]\s*", entry) if p.strip()]
    name, rest = pieces[0], pieces[1:]
    honours = [p for p in rest if _HONOUR.match(p)]
    posts = [p for p in rest if not _HONOUR.match(p)]
    post = ", ".join(posts) or None
    if _has_cjk(name):
        prefixed = _ZH_ROLE_PREFIX.match(name)
        if prefixed:
            post, name = prefixed["role"], prefixed["name"]
        elif kind in ("officers", "clerks"):
            found = _ZH_POST.match(name)
            if found and found["name"]:
                post, name = found["post"], found["name"] + (found["title"] or "")
    if other:
        other = _english_name(other)
    return Attendee(name, post, honours, other)


def _english_name(text: str) -> str:
    """The name in an English attendance entry, without honours or posts after it."""
    text = re.sub(r"^THE (?:PRESIDENT|CHAIRMAN)\s+", "", text)
    return re.split(r"\s*,\s*", text, maxsplit=1)[0].strip()


def _has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", text))
