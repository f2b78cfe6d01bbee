"""Business before the Council in a Council agenda: tabled papers, bills and motions.

A Council agenda's roman-numbered sections hold, besides questions (``agenda_questions``):
``Tabling of Papers`` / ``提交文件`` with subsidiary legislation by L.N. number and other papers
with their presenters; ``Bills`` / ``法案`` under stage headings (``First Reading``, ``首讀`` …)
with the public officer or Member in charge after a colon; and motions (``Motions``,
``Members' Motions`` / ``議員議案``) with the line naming the mover (``Hon X to move the following
motion:`` / ``X議員動議下列議案：``) and any amendments. Table layouts that put the number, title,
colon and mover on lines of their own are read the same way.
"""

import re
from dataclasses import dataclass, field

from loader.kinds.common.items import ITEM_LINE, AgendaLayout, lines_of

_TABLING = re.compile(r"Tabling\s+of\s+Papers|Laying\s+of\s+Papers|提交文件", re.I)
_BILLS = re.compile(r"\bBills?\b|法案|條例草案")
_MOTIONS = re.compile(r"\bMotions?\b|議案")
_SUBSIDIARY = re.compile(r"^(?:Subsidiary\s+Legislation|附屬法例)", re.I)
_OTHER_PAPERS = re.compile(r"^(?:Other\s+Papers?|其他文件)$", re.I)
_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\s*[.．]\s*(?P<rest>.*)$")
_LEGAL_NOTICE = re.compile(r"^(?P<title>.*?)\s*(?P<n>\d{1,4})\s*/\s*(?P<y>\d{4})$")
_SESSIONAL = re.compile(r"^(?:No\.\s*(?P<en>\d{1,4})|第(?P<zh>\d{1,4})號)\s*[-─—–]?\s*")
_DASH_ONLY = re.compile(r"^[-─—–]$")
_STAGE = re.compile(
    r"^(?:First\s+Reading|Second\s+Reading\b.*|Committee\s+Stage\b.*|Third\s+Reading"
    r"|首讀|二讀.*|全體委員會審議階段.*|三讀)$",
    re.I,
)
_EN_BILL = re.compile(r"^(?P<title>.+?\bBill(?:\s+\d{4})?)\s*(?:[:：]\s*(?P<mover>.*))?$")
_ZH_BILL = re.compile(r"^《(?P<title>[^》]+?草案)》\s*(?:[:：]\s*(?P<mover>.*))?$")
_EN_MOVER = re.compile(r"^(?P<mover>.+?)\s+to\s+move\s+the\s+(?:following\s+)?motion\b", re.I)
_ZH_MOVER = re.compile(r"^(?P<mover>.+?)動議(?:下列|載於.+?的)議案")
_EN_AMENDMENT = re.compile(
    r"^\((?P<n>[ivx]{1,5})\)\s*(?P<mover>.+?)\s+to\s+move\s+the\s+following\s+amendment", re.I
)
_ZH_AMENDMENT = re.compile(r"^\((?P<n>[ivx]{1,5})\)\s*(?P<mover>.+?)動議下列修正案")
_MOTION_TEXT_END = re.compile(
    r"^(?:Amendments?\s+to\s+the\s+motion|就議案提出的修正案|Public\s+Officers?\s+to\s+attend"
    r"|出席的政府官員|Clerk\s+to\s+the\s+Legislative\s+Council|立法會秘書)",
    re.I,
)
#: A second officer a clean-up joined after the one in charge of a bill.
_FURTHER_OFFICER = re.compile(r"\s+(?=(?:Under|Permanent|Deputy)\s+Secretary\b)")
_NOTE = re.compile(r"^[(（].*(?:issued|發出)", re.I)
_EDITORIAL = re.compile(r"^[(（](?:Translation|譯文)[)）]$", re.I)
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff)）]) +(?=[\u3400-\u9fff(（])")


@dataclass
class TabledItem:
    """A paper laid on the table: subsidiary legislation (with its L.N.) or another paper."""

    position: int
    title: str
    legal_notice: tuple[int, int] | None = None
    sessional_number: str | None = None
    notes: list[str] = field(default_factory=list)
    section: str = ""


@dataclass
class BillEntry:
    """A bill as one stage heading lists it, with the officer or Member in charge."""

    title: str
    stage: str
    mover: str | None


@dataclass
class MotionEntry:
    """A motion (or an amendment to one): its section, number, title, mover and wording."""

    section: str
    number: str
    title: str
    mover: str | None = None
    lines: list[str] = field(default_factory=list)
    amendments: list["MotionEntry"] = field(default_factory=list)


@dataclass
class CouncilBusiness:
    """Everything besides questions that a Council agenda puts before the Council."""

    tabled: list[TabledItem] = field(default_factory=list)
    bills: list[BillEntry] = field(default_factory=list)
    motions: list[MotionEntry] = field(default_factory=list)


def read_business(text: str, layout: AgendaLayout) -> CouncilBusiness:
    """The tabled papers, bills and motions of a Council agenda's cleaned text."""
    business = CouncilBusiness()
    for roman, title, lines in _sections(text, layout):
        body = merge_cells(lines)
        if _TABLING.search(title):
            business.tabled.extend(_tabled(roman, body))
        elif _BILLS.search(title):
            business.bills.extend(_bills(body))
        elif _MOTIONS.search(title):
            business.motions.extend(_motions(roman, body))
    return business


def _sections(text: str, layout: AgendaLayout) -> list[tuple[str, str, list[str]]]:
    """(roman, title, body lines) of each agenda item, in the order ``layout`` found them."""
    romans = [item.roman for item in layout.items]
    sections: list[tuple[str, str, list[str]]] = []
    for line in lines_of(text):
        heading = ITEM_LINE.match(line)
        expected = romans[len(sections)] if len(sections) < len(romans) else None
        if heading and heading["roman"] == expected:
            sections.append((expected, heading["title"].strip(), []))
        elif sections:
            sections[-1][2].append(line)
    return sections


def merge_cells(lines: list[str]) -> list[str]:
    """Table cells back into lines: ``1.`` + title, title + ``:`` + mover, a lone L.N. number."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _NUMBERED.match(line) and not _NUMBERED.match(line)["rest"] and index + 1 < len(lines):
            index += 1
            line = f"{line} {lines[index]}"
        if index + 2 < len(lines) and lines[index + 1] in (":", "："):
            line = f"{line} : {lines[index + 2]}"
            index += 2
        if out and re.fullmatch(r"\d{1,4}\s*/\s*\d{4}", line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        index += 1
    return out


def _tabled(roman: str, lines: list[str]) -> list[TabledItem]:
    """Subsidiary legislation and other papers under "Tabling of Papers"."""
    items: list[TabledItem] = []
    block: str | None = None
    for line in lines:
        if _SUBSIDIARY.match(line):
            block = "subsidiary"
            continue
        if _OTHER_PAPERS.match(line):
            block = "other"
            continue
        numbered = _NUMBERED.match(line)
        if block == "subsidiary" and numbered:
            found = _LEGAL_NOTICE.match(numbered["rest"])
            if found:
                notice = (int(found["n"]), int(found["y"]))
                title = _clean_title(found["title"])
                items.append(TabledItem(len(items) + 1, title, notice, section=roman))
        elif block == "other":
            _other_paper(items, line, numbered, roman)
    return items


def _other_paper(
    items: list[TabledItem], line: str, numbered: re.Match[str] | None, roman: str
) -> None:
    """One line of the other papers: a new paper, its title's next line, or a note."""
    current = items[-1] if items and items[-1].legal_notice is None else None
    if line.startswith(("(", "（")):
        if current is not None:
            current.notes.append(line.strip("()（） "))
        return
    if _DASH_ONLY.match(line):
        return
    if numbered or current is None or current.notes:
        text = numbered["rest"] if numbered else line
        sessional = _SESSIONAL.match(text)
        title = _clean_title(text[sessional.end() :] if sessional else text)
        paper = TabledItem(len(items) + 1, title, section=roman)
        if sessional:
            paper.sessional_number = sessional["en"] or sessional["zh"]
        items.append(paper)
    else:
        current.title = _join(current.title, line)


def _bills(lines: list[str]) -> list[BillEntry]:
    """Each bill under each stage heading, with its mover when a colon names one."""
    bills: list[BillEntry] = []
    stage: str | None = None
    expect_entry = False
    for line in lines:
        if _STAGE.match(line):
            stage, expect_entry = line, True
            continue
        if stage is None or line.startswith(("(", "（")):
            continue
        numbered = _NUMBERED.match(line)
        if not numbered and not expect_entry:
            continue
        entry = numbered["rest"] if numbered else line
        found = _EN_BILL.match(entry) or _ZH_BILL.match(entry)
        expect_entry = False
        if found:
            mover = _FURTHER_OFFICER.split((found["mover"] or "").strip())[0] or None
            bills.append(BillEntry(_clean_title(found["title"]), stage, mover))
    return bills


def _motions(roman: str, lines: list[str]) -> list[MotionEntry]:
    """Each motion of a motions section, its mover line, wording and amendments."""
    motions: list[MotionEntry] = []
    reading: MotionEntry | None = None
    for line in lines:
        numbered = _NUMBERED.match(line)
        if numbered or (not motions and not line.startswith(("(", "（"))):
            title = numbered["rest"] if numbered else line
            motions.append(MotionEntry(roman, numbered["n"] if numbered else "1", title))
            reading = None
            continue
        if not motions:
            continue
        motion = motions[-1]
        amendment = _EN_AMENDMENT.match(line) or _ZH_AMENDMENT.match(line)
        mover = _EN_MOVER.match(line) or _ZH_MOVER.match(line)
        if amendment:
            reading = MotionEntry(roman, amendment["n"], "", amendment["mover"].strip())
            motion.amendments.append(reading)
        elif mover and motion.mover is None:
            motion.mover = mover["mover"].strip()
            reading = motion if re.search(r"following|下列", line, re.I) else None
        elif _MOTION_TEXT_END.match(line):
            reading = None
        elif reading is not None and not _EDITORIAL.match(line) and not _NOTE.match(line):
            reading.lines.append(line)
    return motions


def _clean_title(title: str) -> str:
    """A title as printed, without 《》 and the spaces a table layout left inside Chinese."""
    return _CJK_GAP.sub("", title.strip().strip("《》").strip())


def _join(before: str, after: str) -> str:
    if not before:
        return after
    cjk = before[-1:] > "\u2e7f" or after[:1] > "\u2e7f"
    return before + ("" if cjk else " ") + after
