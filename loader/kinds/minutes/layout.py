"""The layout of committee minutes: heading, attendance blocks, agenda items with paragraphs.

Works on the cleaned text of minutes of a Panel, Subcommittee or Bills Committee in Chinese or
English, as a PDF or an HTML page decodes. The items are found the way agendas find them
(``agenda_layout.split_layout``); under each item come its papers in brackets, its numbered
paragraphs, sub-headings and the "Action" column's markers (``Admin``, ``政府當局``).
Nothing here writes RDF.
"""

import re
from dataclasses import dataclass, field

from loader.kinds.common.items import (
    ITEM_LINE,
    AgendaLayout,
    PaperEntry,
    lines_of,
    split_layout,
)
from loader.kinds.common.structure import LIST_ITEM, NUMBERED, Paragraph, heading_shaped
from loader.paper_numbers import find_paper_numbers


def _spaced(word: str) -> str:
    """``出席委員`` matched also when printed ``出 席 委 員``."""
    return r"\s*".join(word)


#: Attendance labels by what they list, Chinese and English.
ATTENDANCE_LABELS = {
    "present": rf"Members?\s+present|{_spaced('出席委員')}",
    "absent": rf"Members?\s+absent|{_spaced('缺席委員')}",
    "attending": rf"(?:Other\s+)?Members?\s+attending|{_spaced('其他出席議員')}",
    "officers": rf"Public\s+Officers?(?:\s+attending)?|{_spaced('出席公職人員')}",
    "clerk": rf"Clerks?\s+in\s+attendance|{_spaced('列席秘書')}",
    "staff": rf"Staff\s+in\s+attendance|{_spaced('列席職員')}",
    "invited": (
        rf"Attendance\s+by\s+invitation|Deputations?\s+attending|{_spaced('應邀出席者')}"
        rf"|{_spaced('應邀出席人士')}"
    ),
}
_LABEL = re.compile(
    r"^(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in ATTENDANCE_LABELS.items())
    + r")\s*(?:[:：]\s*(?P<rest>.*))?$",
    re.I,
)
#: Column headings and labels' second lines that carry nothing: ``Action``, ``經辦人／部門``.
_NOISE = re.compile(
    r"^(?:Action|經辦人\s*[/／]\s*部門|經辦人|經過討論事項|attending|in\s+attendance|[:：])$", re.I
)
#: What the "Action" column names: who is to act on a paragraph.
ACTION_MARKER = (
    r"(?:Admin(?:istration)?|Clerk|Secretariat|Chairman|(?:S?ALA|LA)\d*|政府當局|秘書處?|主席"
    r"|(?:助理)?法律顧問\d*)"
)
_MARKER_LINE = re.compile(rf"^{ACTION_MARKER}(?:\s*(?:[,/、／&]|and|及)\s*{ACTION_MARKER})*$")
_TRAILING_MARKER = re.compile(
    rf"\s{{2,}}(?P<marker>{ACTION_MARKER}(?:\s*(?:[,/、／&]|and|及)\s*{ACTION_MARKER})*)$"
)
#: A column heading that clean-up joined into running text (a page break mid-paragraph).
_JOINED_NOISE = re.compile(r"(?<=[a-z,]) Action(?= [a-z])|經辦人\s*[/／]\s*部門")
_PAPER_START = re.compile(r"[(（]\s*(?:(?:LC|PLC|LegCo)\s+Paper\s+Nos?\b|立法會\s*(?:CB|AS))", re.I)
_ENTRY_DASH = re.compile(r"^\s*(?:號文件)?\s*(?:--|[-－–—]+)\s*")
_ENTRY_TAIL = re.compile(r"\s*(?:(?:LC|PLC|LegCo)\s+Paper\s+Nos?\.?|立法會)\s*$", re.I)


@dataclass
class MinutesItem:
    """An agenda item as the minutes record it: title, papers and where its text lies."""

    roman: str
    position: int
    title: str
    papers: list[PaperEntry] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class Body:
    """Paragraphs of the minutes with their sections and "Action" markers."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[tuple[int, str, int | None]] = field(default_factory=list)
    markers: dict[int, str] = field(default_factory=dict)
    item_of_section: dict[int, int] = field(default_factory=dict)


@dataclass
class MinutesLayout:
    """The parts of minutes as text."""

    header: list[str]
    attendance: list[tuple[str, list[str]]]
    items: list[MinutesItem]
    sign_off: list[str]

    @property
    def heading(self) -> AgendaLayout:
        """The heading read as an agenda's heading (date, start time, venue)."""
        return AgendaLayout(header=self.header, items=[], sign_off=self.sign_off)


def split_minutes(text: str) -> MinutesLayout:
    """Heading, attendance blocks, items and sign-off of the cleaned text of minutes."""
    agenda = split_layout(text)
    lines = [line for line in lines_of(text) if not _NOISE.match(line)]
    items: list[MinutesItem] = []
    index = 0
    for item in agenda.items:
        while index < len(lines) and not _heads(lines[index], item.roman):
            index += 1
        if index == len(lines):
            break
        items.append(MinutesItem(item.roman, item.position, item.title))
        index += 1
    starts = _starts(lines, items)
    end = len(lines) - len(agenda.sign_off) if items else len(lines)
    for position, item in enumerate(items):
        stop = starts[position + 1] if position + 1 < len(items) else end
        item.lines = lines[starts[position] + 1 : stop]
        _take_papers(item)
    top = lines[: starts[0]] if items else lines
    first_label = next((i for i, line in enumerate(top) if _LABEL.match(line)), len(top))
    attendance = _attendance(top[first_label:])
    sign_off = lines[end:] if items else []
    return MinutesLayout(top[:first_label], attendance, items, sign_off)


def _heads(line: str, roman: str) -> bool:
    match = ITEM_LINE.match(line)
    return bool(match and match["roman"] == roman)


def _starts(lines: list[str], items: list[MinutesItem]) -> list[int]:
    """Line indexes of the item headings, found in order."""
    starts: list[int] = []
    index = 0
    for item in items:
        while not _heads(lines[index], item.roman):
            index += 1
        starts.append(index)
        index += 1
    return starts


def _attendance(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(kind, lines) for each attendance label and the lines listed under it."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _LABEL.match(line)
        if match:
            kind = next(k for k in ATTENDANCE_LABELS if match[k])
            blocks.append((kind, [match["rest"]] if match["rest"] else []))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


def _take_papers(item: MinutesItem) -> None:
    """Move the bracketed paper list after the heading out of the title and the body."""
    text, rest = item.title, list(item.lines)
    opening = _PAPER_START.search(text)
    if opening is None and rest and _PAPER_START.match(rest[0]):
        opening, text = _PAPER_START.match(rest[0]), rest.pop(0)
    elif opening is not None:
        item.title = text[: opening.start()].strip()
    if opening is None:
        return
    listing = text[opening.start() :]
    while _depth(listing) > 0 and rest and not NUMBERED.match(rest[0]):
        listing = f"{listing} {rest.pop(0)}"
    item.lines = rest
    item.papers = paper_entries(listing.strip()[1:-1] if _depth(listing) == 0 else listing[1:])


def _depth(text: str) -> int:
    return sum(1 if c in "(（" else -1 if c in ")）" else 0 for c in text)


def paper_entries(listing: str) -> list[PaperEntry]:
    """``LC Paper No. X -- title LC Paper No. Y -- title`` as one entry per described paper."""
    found = find_paper_numbers(listing)
    entries: list[PaperEntry] = []
    for index, (number, _, end) in enumerate(found):
        stop = found[index + 1][1] if index + 1 < len(found) else len(listing)
        tail = listing[end:stop]
        numbers = number.single_papers()
        if entries and not _ENTRY_TAIL.sub("", tail).strip():
            entries[-1].numbers.extend(numbers)
            continue
        dash = _ENTRY_DASH.match(tail)
        description = _ENTRY_TAIL.sub("", tail[dash.end() :]).strip() if dash else ""
        entries.append(PaperEntry(numbers, description=description))
    return entries


def read_body(items: list[MinutesItem]) -> Body:
    """Numbered paragraphs, sub-headings and markers of every item, numbered in sequence.

    Each item is a section (index = item position); a sub-heading is a section under it.
    Text before an item's first numbered paragraph is a paragraph numbered ``{roman}.{n}``.
    """
    body = Body()
    last_number = 0
    for item in items:
        body.sections.append((len(body.sections) + 1, f"{item.roman}. {item.title}", None))
        item_section = len(body.sections)
        body.item_of_section[item_section] = item.position
        section, current, marker, unnumbered = item_section, None, None, 0
        for raw in item.lines:
            line = _JOINED_NOISE.sub("", raw)
            trailing = _TRAILING_MARKER.search(line)
            line = line[: trailing.start()] if trailing else line
            numbered = NUMBERED.match(line)
            if numbered and _in_sequence(int(numbered[1]), last_number):
                last_number = int(numbered[1])
                current = _new_paragraph(body, str(last_number), section, numbered[2].strip())
                if marker is not None:
                    body.markers[current.position], marker = marker, None
            elif _MARKER_LINE.match(line):
                marker = line
            elif heading_shaped(line) and not LIST_ITEM.match(line):
                body.sections.append((len(body.sections) + 1, line, item_section))
                body.item_of_section[len(body.sections)] = item.position
                section, current = len(body.sections), None
            elif current is None:
                unnumbered += 1
                current = _new_paragraph(body, f"{item.roman}.{unnumbered}", section, line)
            else:
                current.append(line, new_line=bool(LIST_ITEM.match(line)))
            if trailing and current is not None:
                body.markers[current.position] = trailing["marker"]
        if marker is not None and current is not None:
            body.markers.setdefault(current.position, marker)
    return body


def _new_paragraph(body: Body, number: str, section: int, text: str) -> Paragraph:
    paragraph = Paragraph(number, len(body.paragraphs) + 1, section)
    paragraph.append(text)
    body.paragraphs.append(paragraph)
    return paragraph


def _in_sequence(number: int, last: int) -> bool:
    return number == last + 1 or (last == 0 and number in (1, 2))
