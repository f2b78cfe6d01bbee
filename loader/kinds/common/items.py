"""The layout of a committee agenda: header (meeting), numbered items, listed papers, sign-off.

Works on the cleaned text of a Panel or Subcommittee agenda in Chinese or English. Nothing here
writes RDF; ``agenda.py`` turns the layout into a graph.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from loader.ids import from_roman
from loader.kinds.common.dates import parse_date
from loader.paper_numbers import PaperNumber, find_paper_numbers

#: ``III.Title`` / ``* V. Title`` / ``IV、標題``: an agenda item heading (``*`` marks a note).
ITEM_LINE = re.compile(r"^\*?\s*(?P<roman>[IVXLC]{1,7})\s*[.．、]\s*(?P<title>\S.*)$")
#: ``1. FCR(2024-25)12 HEAD 708 …`` / ``Item No. 2 PWSC(2024-25)5 …`` / ``3 EC(2024-25)3``: an
#: item the Finance Committee and its subcommittees number in Arabic, opening with its paper.
ARABIC_ITEM_LINE = re.compile(
    r"^\*?\s*(?:Item\s*(?:No\.?)?\s*|項目\s*)?(?P<roman>\d{1,2})\s*[.．、]?\s+"
    r"(?P<title>(?:FCR|PWSC|EC)\s*[(（].*)$",
    re.I,
)
#: A line that begins with an LC Paper No. (with or without its prefix).
PAPER_LINE = re.compile(
    r"^(?:(?:LC|PLC|LegCo)\s+Paper\s+Nos?\.?\s*|立法會\s*)?(?:CB|AS|FCR|PWSC|EC)\s*[(（\d]", re.I
)
#: Where a paper number starts inside a description line that clean-up joined to it.
_JOINED_PAPER = re.compile(r"(?<![隨(（])(?=(?:立法會\s*CB\s*\(|LC\s+Paper\s+Nos?\b))", re.I)
#: ``A 13/14-24``: the number LegCo gives a Council agenda.
AGENDA_NUMBER = re.compile(r"^A\s*\d{2}/\d{2}\s*-\s*\d{1,3}$")
REVISED = re.compile(r"修訂議程|\bRevised\s+agenda\b", re.I)
_AGENDA_TITLE = re.compile(r"^(?:修訂)?議程$|^(?:Revised\s+)?agenda$", re.I)
SIGN_OFF = re.compile(
    r"^(?:立法會秘書處|議會事務部\s*\d+|Council Business Division\s*\d+"
    r"|Legislative Council Secretariat)$",
    re.I,
)
#: ``* 立法會所有其他議員獲邀…`` / ``* All Members are invited …``: a note for starred items.
_NOTE = re.compile(r"^\*\s*")
_DASH = re.compile(r"^[-－–—]\s*")
_ZH_TIME = re.compile(
    r"(?P<half>上午|下午|中午|晚上)\s*(?P<h>\d{1,2})\s*時(?:\s*(?P<m>\d{1,2})\s*分|正)?"
)
_EN_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<half>[ap])\.?\s*m\b\.?", re.I)
_ZH_VENUE = re.compile(r"^地\s*點\s*[:：]\s*(?P<venue>.+)$")
_EN_VENUE = re.compile(r"^(?:Venue\s*:\s*|in\s+)(?P<venue>.+)$", re.I)
_ISSUED = re.compile(r"發出|issued|隨文附上", re.I)
_EN_NOON = re.compile(r"\b(?:12\s*)?noon\b", re.I)
#: ``IV.`` alone on a line, its title on the next (table and PDF layouts).
_BARE_ROMAN = re.compile(
    r"^\*?\s*(?:[IVXLC]{1,7}\s*[.．、]|(?:Item\s*(?:No\.?)?\s*)?\d{1,2}\s*[.．、]?)$", re.I
)
#: A Finance Committee paper opening a line: a bare number on the line before is its item's.
_FINANCE_PAPER = re.compile(r"^(?:FCR|PWSC|EC)\s*[(（]")
_BARE_DIGITS = re.compile(r"^\d{1,2}$")
_ONLY = {
    "zh-Hant": re.compile(r"Chinese version only|只備中文本|只有中文本", re.I),
    "en": re.compile(r"English version only|只備英文本|只有英文本", re.I),
}
_VIDE = re.compile(r"隨.*?號文件|vide\b", re.I)


@dataclass
class PaperEntry:
    """One listed paper (or several sharing one description) under an agenda item."""

    numbers: list[PaperNumber]
    notes: list[str] = field(default_factory=list)
    description: str = ""

    @property
    def issue_date(self) -> dt.date | None:
        """The date the notes say the paper was issued (於…發出 / issued on …)."""
        return next(
            (parse_date(n) for n in self.notes if _ISSUED.search(n) and parse_date(n)), None
        )

    @property
    def qualifiers(self) -> list[str]:
        """Notes that are not about its issue: ``Chinese version only``, ``Restricted to …``."""
        return [note for note in self.notes if not _ISSUED.search(note)]

    @property
    def only_language(self) -> str | None:
        """The one language the paper is available in, when a qualifier says so."""
        return next(
            (tag for tag, only in _ONLY.items() for note in self.notes if only.search(note)), None
        )

    @property
    def issued_via(self) -> PaperNumber | None:
        """The cover paper it was issued with (隨立法會…號文件發出 / issued vide …)."""
        for note in self.notes:
            if _VIDE.search(note):
                found = find_paper_numbers(note)
                if found:
                    return found[0][0]
        return None


@dataclass
class Item:
    """An agenda item: its roman number, title, time slot and papers."""

    roman: str
    position: int
    title: str
    time_slot: str | None = None
    flagged: bool = False
    papers: list[PaperEntry] = field(default_factory=list)


@dataclass
class AgendaLayout:
    """The parts of an agenda as text."""

    header: list[str]
    items: list[Item]
    sign_off: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def committee_lines(self) -> list[str]:
        """Header lines that may name the committee (before the date lines)."""
        return [line for line in self.header if not parse_date(line)]

    @property
    def meeting_date(self) -> dt.date | None:
        """The first date in the header that is not the revision date."""
        revised = self.revised_at
        dates = [parse_date(line) for line in self.header if parse_date(line)]
        return next((d for d in dates if d != revised), dates[0] if dates else None)

    @property
    def revised_at(self) -> dt.date | None:
        """The date a revised agenda is as at (修訂議程(截至…) / Revised agenda (as at …))."""
        for index, line in enumerate(self.header):
            if REVISED.search(line):
                return next(
                    (parse_date(x) for x in self.header[index : index + 2] if parse_date(x)), None
                )
        return None

    @property
    def is_revised(self) -> bool:
        """True when the agenda calls itself revised."""
        return any(REVISED.search(line) for line in self.header)

    @property
    def start_time(self) -> dt.time | None:
        """The meeting's start time from the header (下午2時30分 / 2:30 pm)."""
        for line in self.header:
            if REVISED.search(line) or line.startswith("("):
                continue
            found = parse_time(line)
            if found is not None:
                return found
        return None

    @property
    def venue(self) -> str | None:
        """The meeting place as printed (地點：… / in Conference Room …)."""
        for line in self.header:
            match = _ZH_VENUE.match(line) or _EN_VENUE.match(line)
            if match:
                return match.group("venue").strip()
        return None

    @property
    def agenda_number(self) -> str | None:
        """The agenda's own number (``A 13/14-24``) as printed in the heading."""
        return next((line for line in self.header if AGENDA_NUMBER.match(line)), None)

    @property
    def signed_on(self) -> dt.date | None:
        """The date of the sign-off (when the agenda was issued)."""
        return next((parse_date(line) for line in self.sign_off if parse_date(line)), None)


def parse_time(text: str) -> dt.time | None:
    """The first clock time in ``text``: ``下午2時30分``, ``2:30 pm``, ``10 am``."""
    match = _ZH_TIME.search(text)
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        afternoon = match["half"] in ("下午", "晚上") or (match["half"] == "中午" and hour < 6)
        return _clock(hour + 12 if afternoon and hour < 12 else hour, minute)
    match = _EN_TIME.search(text)
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        pm = match["half"].lower() == "p"
        return _clock(
            hour + 12 if pm and hour < 12 else (0 if not pm and hour == 12 else hour), minute
        )
    return dt.time(12, 0) if _EN_NOON.search(text) else None


def _clock(hour: int, minute: int) -> dt.time | None:
    try:
        return dt.time(hour, minute)
    except ValueError:
        return None


def lines_of(text: str) -> list[str]:
    """Non-empty stripped lines; a joined paper number split off, a bare ``IV.`` joined on."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _DASH.match(line):
            parts = _JOINED_PAPER.split(line)
            out.extend(part.strip() for part in parts if part.strip())
        elif (
            out
            and _BARE_ROMAN.match(out[-1])
            and (not _BARE_DIGITS.match(out[-1]) or _FINANCE_PAPER.match(line))
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def split_layout(text: str) -> AgendaLayout:
    """Header, items (with their papers) and sign-off of an agenda's cleaned text."""
    lines = lines_of(text)
    starts = _item_starts(lines)
    if not starts:
        return AgendaLayout(header=lines, items=[], sign_off=[])
    end = next(
        (i for i in range(starts[-1] + 1, len(lines)) if SIGN_OFF.match(lines[i])), len(lines)
    )
    items = []
    for position, start in enumerate(starts, start=1):
        stop = starts[position] if position < len(starts) else end
        items.append(_read_item(position, lines[start], lines[start + 1 : stop]))
    notes = [
        _NOTE.sub("", line)
        for line in lines[starts[0] : end]
        if _NOTE.match(line) and not _item_heading(line)
    ]
    return AgendaLayout(header=lines[: starts[0]], items=items, sign_off=lines[end:], notes=notes)


def _item_starts(lines: list[str]) -> list[int]:
    """Indexes of item headings, numbered in sequence (so ``L.N. No.`` is not item L); roman
    numerals, else the Finance Committee's Arabic-numbered paper items."""
    for arabic in (False, True):
        starts: list[int] = []
        last = None
        for index, line in enumerate(lines):
            match = _item_heading(line, arabic)
            number = _number(match["roman"]) if match else None
            if number is not None and (last is None or number == last + 1):
                starts.append(index)
                last = number
        if starts:
            return starts
    return []


def _number(label: str) -> int | None:
    return int(label) if label.isdigit() else from_roman(label)


def _item_heading(line: str, arabic: bool = False) -> re.Match[str] | None:
    match = ARABIC_ITEM_LINE.match(line) if arabic else ITEM_LINE.match(line)
    return match if match and _number(match["roman"]) is not None else None


def _read_item(position: int, heading: str, body: list[str]) -> Item:
    match = _item_heading(heading) or _item_heading(heading, arabic=True)
    assert match is not None
    item = Item(
        roman=match["roman"],
        position=position,
        title=match["title"].strip(),
        flagged=heading.startswith("*"),
    )
    entry: PaperEntry | None = None
    opening = find_paper_numbers(item.title) if PAPER_LINE.match(item.title) else []
    if opening and opening[0][1] == 0:
        entry = PaperEntry([n for found, _, _ in opening for n in found.single_papers()])
        item.papers.append(entry)
        item.title = entry.description = _DASH.sub("", item.title[opening[-1][2] :]).strip()
    for line in body:
        if entry is not None and entry is item.papers[0] and not item.title:
            item.title = entry.description = _DASH.sub("", line).strip()
            continue
        numbers = find_paper_numbers(line) if PAPER_LINE.match(line) else []
        if numbers:
            entry = PaperEntry([n for found, _, _ in numbers for n in found.single_papers()])
            item.papers.append(entry)
            rest = re.sub(r"^\s*號文件", "", line[numbers[-1][2] :]).strip()
            if _DASH.match(rest):
                entry.description = _DASH.sub("", rest).strip()
        elif line.startswith(("(", "（")):
            if entry is None and item.time_slot is None and parse_time(line):
                item.time_slot = line.strip("()（） ")
            elif entry is not None and not entry.description:
                entry.notes.append(line.strip("()（） "))
        elif entry is not None and _DASH.match(line) and not entry.description:
            entry.description = _DASH.sub("", line).strip()
        elif entry is not None and entry.description and not line.startswith("*"):
            entry.description = _join(entry.description, line)
    return item


def _join(before: str, after: str) -> str:
    cjk = before[-1:] > "\u2e7f" or after[:1] > "\u2e7f"
    return before + ("" if cjk else " ") + after


def looks_like_agenda_title(line: str) -> bool:
    """True for a line that is only the word agenda (議程 / Revised agenda)."""
    return bool(_AGENDA_TITLE.match(line))
