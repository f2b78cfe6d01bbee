"""Dates in LegCo briefs: single dates, lists whose year/month carry over, and deadlines."""

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)

ZH_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
EN_DATE = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<y>\d{{4}})\b", re.I)
DOTTED_DATE = re.compile(r"(?<![\d./])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})(?!\d)")

# One element of a date list: Chinese "2023年2月13日" / "3月20日" / "20日"; English "13 February".
_ZH_ITEM = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日")
_ZH_SEPARATOR = re.compile(r"\s*(?:、|及|和|與|至|,|，)\s*")
_EN_ITEM = re.compile(rf"(?P<d>\d{{1,2}})(?:\s+(?P<month>{_MONTH}))?(?:\s+(?P<y>\d{{4}}))?", re.I)
_EN_SEPARATOR = re.compile(r"\s*(?:,\s*and|,|and)\s+", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date in running text and where it is (offsets into that text)."""

    date: dt.date
    start: int
    end: int


def make_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    """A date, or None when the parts do not make one."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def parse_date(text: str) -> dt.date | None:
    """The first full date in ``text``: ``2024年3月28日``, ``28 March 2024`` or ``28.3.2024``."""
    found = (
        [(m.start(), make_date(m["y"], m["m"], m["d"])) for m in ZH_DATE.finditer(text)]
        + [
            (m.start(), make_date(m["y"], _month_number(m["month"]), m["d"]))
            for m in EN_DATE.finditer(text)
        ]
        + [(m.start(), make_date(m["y"], m["m"], m["d"])) for m in DOTTED_DATE.finditer(text)]
    )
    found = [(start, date) for start, date in found if date is not None]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def is_date_line(text: str) -> bool:
    """True when ``text`` is nothing but one date (a sign-off or table cell)."""
    text = text.strip()
    return any(p.fullmatch(text) for p in (ZH_DATE, EN_DATE, DOTTED_DATE))


def date_lists(text: str) -> list[list[DateMention]]:
    """Runs of dates such as ``2023年2月13日、3月20日及12月12日`` with parts carried over, and
    of dotted dates (``16.1.2023, 19.6.2023 and 20.11.2023``)."""
    return _zh_lists(text) + _en_lists(text) + _dotted_lists(text)


def _dotted_lists(text: str) -> list[list[DateMention]]:
    lists: list[list[DateMention]] = []
    last_end = -1
    for match in DOTTED_DATE.finditer(text):
        date = make_date(match["y"], match["m"], match["d"])
        if date is None:
            last_end = -1
            continue
        mention = DateMention(date, match.start(), match.end())
        between = text[last_end : match.start()]
        joined = _EN_SEPARATOR.fullmatch(between) or _ZH_SEPARATOR.fullmatch(between)
        if lists and last_end >= 0 and joined:
            lists[-1].append(mention)
        else:
            lists.append([mention])
        last_end = match.end()
    return lists


def _zh_lists(text: str) -> list[list[DateMention]]:
    lists: list[list[DateMention]] = []
    current: list[DateMention] = []
    year = month = None
    last_end = -1
    for match in _ZH_ITEM.finditer(text):
        continues = current and _ZH_SEPARATOR.fullmatch(text[last_end : match.start()])
        if not continues:
            if current:
                lists.append(current)
            current, year, month = [], None, None
            if not match["y"]:
                last_end = -1
                continue
        year = match["y"] or year
        month = match["m"] or month
        date = make_date(year, month, match["d"]) if year and month else None
        if date is None:
            current, last_end = [], -1
            continue
        current.append(DateMention(date, match.start(), match.end()))
        last_end = match.end()
    if current:
        lists.append(current)
    return lists


def _en_lists(text: str) -> list[list[DateMention]]:
    lists: list[list[DateMention]] = []
    items: list[re.Match[str]] = []
    for match in _EN_ITEM.finditer(text):
        if not match["month"] and not items:
            if not re.match(rf"{_EN_SEPARATOR.pattern}\d{{1,2}}", text[match.end() :], re.I):
                continue
        if items and not _EN_SEPARATOR.fullmatch(text[items[-1].end() : match.start()]):
            lists.append(_close_en_list(items))
            items = []
        items.append(match)
        if match["y"]:
            lists.append(_close_en_list(items))
            items = []
    return [dates for dates in lists if dates]


def _close_en_list(items: list[re.Match[str]]) -> list[DateMention]:
    """Fill each element's missing month and year from the next element that has them."""
    out: list[DateMention] = []
    month = year = None
    for match in reversed(items):
        month = match["month"] or month
        year = match["y"] or year
        if not (month and year):
            continue
        date = make_date(year, _month_number(month), match["d"])
        if date is not None:
            out.append(DateMention(date, match.start(), match.end()))
    return list(reversed(out)) if items and items[-1]["y"] else []


@dataclass(frozen=True)
class Deadline:
    """A target date normalised to the latest point the wording allows, and the wording."""

    value: Literal
    text: str
    start: int
    end: int
    completed: bool


_ZH_DEADLINE = re.compile(
    r"(?P<done>已)?(?P<prep>在|於)?(?P<y>\d{4})年"
    r"(?:(?P<part>年中|年底|年末|底|中|上半年|下半年|年內|內|第(?P<q>[一二三四1-4])季)"
    r"|(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?(?P<mpart>底|中|內)?)?"
    r"(?P<before>前|或之前|之前|內)?(?P<verb>[^，。；]{0,8}?(?:完成|推出|落實|實施|成立|設立))?"
)
_PART_MONTH = {
    "年中": 6,
    "中": 6,
    "上半年": 6,
    "年底": 12,
    "年末": 12,
    "底": 12,
    "下半年": 12,
    "年內": 12,
    "內": 12,
}
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_EN_DEADLINE = re.compile(
    r"(?P<done>(?:was|were|has been|have been|had been)\s+completed\s+)?"
    r"(?P<prep>by|before|no later than|within|in)\s+(?:the\s+)?"
    r"(?:(?P<part>end|mid|middle|first half|second half|first quarter|second quarter|"
    r"third quarter|fourth quarter)(?:-|\s+of\s+)(?:the\s+year\s+)?)?"
    rf"(?:(?P<d>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH})\s+)?(?P<y>\d{{4}})\b",
    re.I,
)
_EN_PART_MONTH = {
    "end": 12,
    "mid": 6,
    "middle": 6,
    "first half": 6,
    "second half": 12,
    "first quarter": 3,
    "second quarter": 6,
    "third quarter": 9,
    "fourth quarter": 12,
}


def _literal(year: int, month: int | None = None, day: int | None = None) -> Literal:
    if day is not None and month is not None:
        return Literal(dt.date(year, month, day).isoformat(), datatype=XSD.date)
    if month is not None:
        return Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def point_in_time(text: str) -> Literal | None:
    """A loose date such as ``2022年底`` / ``2023年6月`` / ``2020年`` as a typed literal."""
    match = _ZH_DEADLINE.match(text.strip())
    if match and match.end() > 0:
        return _zh_literal(match)
    match = _EN_DEADLINE.match("in " + text.strip())
    return _en_literal(match) if match else None


def _zh_literal(match: re.Match[str]) -> Literal:
    year = int(match["y"])
    if match["q"]:
        return _literal(year, _QUARTER[match["q"]])
    if match["part"]:
        return _literal(year, _PART_MONTH[match["part"]])
    if match["m"]:
        day = int(match["d"]) if match["d"] and not match["mpart"] else None
        return _literal(year, int(match["m"]), day)
    return _literal(year)


def _en_literal(match: re.Match[str]) -> Literal:
    year = int(match["y"])
    if match["part"]:
        return _literal(year, _EN_PART_MONTH[match["part"].lower()])
    if match["month"]:
        day = int(match["d"]) if match["d"] else None
        return _literal(year, _month_number(match["month"]), day)
    return _literal(year)


def find_deadline(text: str) -> Deadline | None:
    """The first deadline (``在2024年年中前``, ``by end-2025``) or completion date in ``text``."""
    for match in _ZH_DEADLINE.finditer(text):
        completed = bool(match["done"] and match["verb"] and "完成" in match["verb"])
        if not (match["before"] or match["part"] in ("年內", "內") or completed):
            continue
        end = match.end() if completed else match.end("before") if match["before"] else match.end()
        return Deadline(
            _zh_literal(match), text[match.start() : end], match.start(), end, completed
        )
    for match in _EN_DEADLINE.finditer(text):
        completed = bool(match["done"])
        if match["prep"].lower() == "in" and not (completed or match["part"]):
            continue
        return Deadline(_en_literal(match), match.group(0), match.start(), match.end(), completed)
    return None
