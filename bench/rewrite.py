"""Rewriting one real document into another of the same kind: every date moved by whole weeks,
paper numbers renumbered, sessions and years moved along.

A document's keys (its meeting's date, its LC Paper No., a question's date) decide its named
graph, so a rewritten copy becomes a new document while keeping the real one's structure, wording
and artefacts (half-width and full-width digits, Chinese-numeral dates, session folders in URLs,
press-release numbers). Shifting by whole weeks keeps every weekday right (Council meets on
Wednesdays; "(星期三)" stays true).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(MONTHS)
_DIGIT = "[0-9０-９]"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_ZH_NUMERALS = "零一二三四五六七八九十"

#: "9 January 2024" (with an optional weekday before it).
EN_DAY_FIRST = re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_MONTH_NAMES}),? (?P<y>\d{{4}})\b")
#: "April 10, 2024".
EN_MONTH_FIRST = re.compile(rf"\b(?P<m>{_MONTH_NAMES}) (?P<d>\d{{1,2}}), (?P<y>\d{{4}})\b")
#: A formatting element closed and opened again at once (HTML converted from Word splits a date
#: into runs this way); removing the pair joins the runs without changing the text.
SPLIT_RUNS = re.compile(r"</(strong|b|i|em|span)>\s*<\1(?:\s[^<>]*)?>")
#: "(February 22)": a press release's "today", the year implied.
EN_NO_YEAR = re.compile(rf"\((?P<m>{_MONTH_NAMES}) (?P<d>\d{{1,2}})\)")
#: "2024 年 4 月 8 日", "２０２４年２月６日".
ZH_DATE = re.compile(
    rf"(?P<y>{_DIGIT}{{4}})(?P<s1>\s*)年(?P<s2>\s*)(?P<m>{_DIGIT}{{1,2}})(?P<s3>\s*)月"
    rf"(?P<s4>\s*)(?P<d>{_DIGIT}{{1,2}})(?P<s5>\s*)日"
)
#: "（十一月十五日）": a press release's "today" in Chinese numerals.
ZH_NUMERAL_DATE = re.compile(
    r"[（(](?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日[）)]"
)
#: "20240410" in press-release numbers, "itb20230213" in file names, "202404/10" in URLs.
COMPACT = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<sep>/?)(?P<d>[0-3]\d)(?![0-9])"
)
#: The date inside a press release's number: "P2024041000242".
PRESS_RELEASE = re.compile(r"(?<=P)(?P<y>20\d{2})(?P<m>[01]\d)(?P<sep>)(?P<d>[0-3]\d)(?=\d{5}\b)")
#: LC Paper No. "CB(4)12/2024", "CB (4) 12 / 2024", "CB(1)1456/07-08", "立法會CB(1)1501/09-10".
PAPER = re.compile(
    r"(?P<head>(?<![A-Za-z])[A-Z]{2,3}\s*\(\s*\d\s*\)\s*)(?P<n>\d{1,5})(?P<mid>\s*/\s*)"
    r"(?P<year>\d{2}-\d{2}|\d{4})"
)
#: Session folders in LegCo URLs: "yr17-18", "yr2023".
SESSION = re.compile(r"\byr(?P<year>\d{2}-\d{2}|\d{4})\b")


@dataclass
class Rewrite:
    """How one copy differs from its template: days moved (a multiple of 7), paper numbers."""

    days: int
    paper_offset: int
    #: The year a date without one ("(February 22)", "（十一月十五日）") is in.
    year: int = 2001
    _papers: dict[str, str] = field(default_factory=dict)

    @property
    def years(self) -> int:
        """Whole years the dates moved, for years that stand for a session or a paper's year."""
        return round(self.days / 365.25)

    def date(self, day: dt.date) -> dt.date:
        """A date of the template, moved."""
        return day + dt.timedelta(days=self.days)

    def apply(self, text: str) -> str:
        """The template's text with every date, session and paper number rewritten."""
        text = SPLIT_RUNS.sub("", text)  # "<b>201</b><b>5</b><b>年</b>" is one date
        for pattern, replace in self._rules():
            text = pattern.sub(replace, text)
        return text

    def _rules(self) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
        return [
            (EN_DAY_FIRST, self._en_day_first),
            (EN_MONTH_FIRST, self._en_month_first),
            (EN_NO_YEAR, self._en_no_year),
            (ZH_DATE, self._zh_date),
            (ZH_NUMERAL_DATE, self._zh_numeral_date),
            (COMPACT, self._compact),
            (PRESS_RELEASE, self._compact),
            (PAPER, self._paper),
            (SESSION, lambda m: f"yr{self._year_part(m['year'])}"),
        ]

    def _moved(self, year: int, month: int, day: int) -> dt.date | None:
        try:
            return self.date(dt.date(year, month, day))
        except ValueError:
            return None

    def _en_day_first(self, match: re.Match[str]) -> str:
        moved = self._moved(int(match["y"]), MONTHS[match["m"]], int(match["d"]))
        if moved is None:
            return match[0]
        comma = "," if "," in match[0] else ""
        return f"{moved.day} {calendar.month_name[moved.month]}{comma} {moved.year}"

    def _en_month_first(self, match: re.Match[str]) -> str:
        moved = self._moved(int(match["y"]), MONTHS[match["m"]], int(match["d"]))
        if moved is None:
            return match[0]
        return f"{calendar.month_name[moved.month]} {moved.day}, {moved.year}"

    def _en_no_year(self, match: re.Match[str]) -> str:
        moved = self._moved(self.year, MONTHS[match["m"]], int(match["d"]))
        return match[0] if moved is None else f"({calendar.month_name[moved.month]} {moved.day})"

    def _zh_date(self, match: re.Match[str]) -> str:
        full = match["y"][0] in "０１２３４５６７８９"
        values = [int(match[k].translate(_HALF_WIDTH)) for k in ("y", "m", "d")]
        moved = self._moved(*values)
        if moved is None:
            return match[0]
        y, m, d = (str(v).translate(_FULL_WIDTH) if full else str(v) for v in moved.timetuple()[:3])
        return f"{y}{match['s1']}年{match['s2']}{m}{match['s3']}月{match['s4']}{d}{match['s5']}日"

    def _zh_numeral_date(self, match: re.Match[str]) -> str:
        moved = self._moved(self.year, zh_number(match["m"]), zh_number(match["d"]))
        if moved is None:
            return match[0]
        opening, closing = match[0][0], match[0][-1]
        return f"{opening}{zh_numeral(moved.month)}月{zh_numeral(moved.day)}日{closing}"

    def _compact(self, match: re.Match[str]) -> str:
        moved = self._moved(int(match["y"]), int(match["m"]), int(match["d"]))
        if moved is None:
            return match[0]
        return f"{moved:%Y%m}{match['sep']}{moved:%d}"

    def _paper(self, match: re.Match[str]) -> str:
        key = f"{match['n']}/{match['year']}"
        if key not in self._papers:
            number = (int(match["n"]) + self.paper_offset) % 9000 + 1
            self._papers[key] = f"{number}/{self._year_part(match['year'])}"
        number, year = self._papers[key].split("/")
        return f"{match['head']}{number}{match['mid']}{year}"

    def _year_part(self, year: str) -> str:
        """A paper's or session's year ("2024" or "07-08") moved by whole years."""
        if "-" in year:
            start = (int(year[:2]) + self.years) % 100
            return f"{start:02d}-{(start + 1) % 100:02d}"
        return str(int(year) + self.years)


def template_dates(text: str) -> list[dt.date]:
    """The full dates a template's text names (English and Chinese), for the range it spans."""
    found = []
    for pattern in (EN_DAY_FIRST, EN_MONTH_FIRST):
        for match in pattern.finditer(text):
            found.append((int(match["y"]), MONTHS[match["m"]], int(match["d"])))
    for match in (*ZH_DATE.finditer(text), *COMPACT.finditer(text)):
        found.append(tuple(int(match[k].translate(_HALF_WIDTH)) for k in ("y", "m", "d")))
    dates = []
    for year, month, day in found:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


def zh_number(numeral: str) -> int:
    """一 … 三十一 as an integer."""
    if "十" not in numeral:
        return _ZH_NUMERALS.index(numeral)
    tens, _, units = numeral.partition("十")
    return (_ZH_NUMERALS.index(tens) if tens else 1) * 10 + (
        _ZH_NUMERALS.index(units) if units else 0
    )


def zh_numeral(number: int) -> str:
    """1 … 31 in Chinese numerals, as press releases write days and months."""
    tens, units = divmod(number, 10)
    if not tens:
        return _ZH_NUMERALS[units]
    head = "" if tens == 1 else _ZH_NUMERALS[tens]
    return f"{head}十{_ZH_NUMERALS[units] if units else ''}"
