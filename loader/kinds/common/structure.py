"""The layout of a background brief: header, headed sections, numbered paragraphs, sign-off."""

import re
from dataclasses import dataclass, field

from loader.kinds.common.dates import is_date_line
from loader.text import CJK, QUOTES, display_width

#: Headings every brief uses for its top-level sections, by role (Chinese and English).
TOP_HEADINGS = {
    "purpose": r"目的|Purpose",
    "background": r"背景|Background",
    "discussion": (
        r"過往的討論|(?:議員|委員|事務委員會|小組委員會)的(?:商議工作|主要意見及關注事項)|商議工作"
        r"|主要關注事項|Previous discussions?|(?:Members|Committee|Panel|Subcommittee)['’]s?"
        r" deliberations|Deliberations(?: of the \w+)?"
        r"|Major (?:views and )?concerns(?: of members)?"
    ),
    "questions": (
        r"在立法會會議上提出的質詢|立法會質詢|質詢|Council questions?"
        r"|Questions? raised at Council meetings?"
    ),
    "motions": r"議員議案|議案|(?:Council |Members['’] )?motions?",
    "latest": (
        r"最新(?:情況|發展|進展)|Latest (?:developments?|position|situation)|Recent developments?"
    ),
    "papers": r"相關文件|Relevant papers|References",
    "appendix": r"附錄[IVX一二三四]*|Appendix(?: [IVX]+)?",
}
_TOP = {role: re.compile(rf"(?:{pattern})", re.I) for role, pattern in TOP_HEADINGS.items()}
NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[^\d\s]))(.*)$")
LIST_ITEM = re.compile(r"^[(（]([a-z]{1,2}|[ivx]{1,5})[)）]\s*(.*)$")
_SENTENCE_MARKS = "。；，;"
_CLOSERS = "”’」』》)）]"
_SIGN_OFF = re.compile(r"秘書處|Secretariat", re.I)
_TITLE = re.compile(r"背景資料簡介|background brief", re.I)


@dataclass
class Section:
    """A headed part of the brief; ``parent`` is the index of the enclosing section."""

    index: int
    title: str
    level: int
    role: str | None
    parent: int | None


@dataclass
class Paragraph:
    """A numbered paragraph: its clean text and the (label, start, end) of its list items."""

    number: str
    position: int
    section: int | None
    text: str = ""
    items: list[tuple[str, int, int]] = field(default_factory=list)

    def append(self, line: str, *, new_line: bool = False) -> None:
        """Add a line: a new line for list items, else continue the last sentence."""
        if not self.text:
            self.text = line
        elif new_line:
            self.text += "\n" + line
        else:
            self.text = join_text(self.text, line)


@dataclass
class BriefLayout:
    """A brief split into its parts."""

    header: list[str]
    sections: list[Section]
    paragraphs: list[Paragraph]
    sign_off: list[str]
    sign_off_date: str | None
    appendix: list[str]


def join_text(left: str, right: str) -> str:
    """Two pieces of one sentence: no space when CJK meets, else one."""
    if re.match(rf"[{CJK}{QUOTES}]", left[-1]) or re.match(rf"[{CJK}{QUOTES}]", right[0]):
        return left + right
    return left + " " + right


def top_role(line: str) -> str | None:
    """The role of a top-level heading (``purpose``, ``discussion``…), or None."""
    text = line.strip().rstrip(":：")
    for role, pattern in _TOP.items():
        if pattern.fullmatch(text):
            return role
    return None


def heading_shaped(line: str) -> bool:
    """Short, no sentence punctuation, not a paragraph or list start: could be a heading."""
    stripped = line.rstrip(_CLOSERS) or line
    if NUMBERED.match(line) or LIST_ITEM.match(line) or display_width(line) > 80:
        return False
    if stripped[-1] in "。；：，、.;:,!?！？" or any(mark in line for mark in _SENTENCE_MARKS):
        return False
    return not re.search(r"\.\s", line)


def split_layout(text: str) -> BriefLayout:
    """Header, sections and paragraphs, sign-off and appendix of a cleaned brief."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    body, sign_off, date, appendix = _split_sign_off(lines)
    start = _body_start(body)
    header, body = body[:start], body[start:]
    sections, paragraphs = _parse_body(body)
    return BriefLayout(header, sections, paragraphs, sign_off, date, appendix)


def _split_sign_off(lines: list[str]) -> tuple[list[str], list[str], str | None, list[str]]:
    last_paragraph = next((i for i, line in enumerate(lines) if NUMBERED.match(line)), 0)
    for index in range(last_paragraph + 1, len(lines)):
        if not is_date_line(lines[index]):
            continue
        block = lines[max(last_paragraph + 1, index - 3) : index]
        found = [i for i, line in enumerate(block) if _SIGN_OFF.search(line)]
        if found:
            first = index - len(block) + min(found)
            first = min(first, index - len(block) + _first_short(block))
            return lines[:first], lines[first:index], lines[index], lines[index + 1 :]
    for index in range(last_paragraph + 1, len(lines)):
        if top_role(lines[index]) == "appendix":
            return lines[:index], [], None, lines[index:]
    return lines, [], None, []


def _first_short(block: list[str]) -> int:
    """Index of the first line of the trailing run of heading-shaped lines in ``block``."""
    first = len(block)
    for i in range(len(block) - 1, -1, -1):
        if not heading_shaped(block[i]):
            break
        first = i
    return first


def _body_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if top_role(line) == "purpose":
            return index
    for index, line in enumerate(lines):
        if NUMBERED.match(line) or (top_role(line) and not _TITLE.search(line)):
            return index
    return 0


def _is_heading(lines: list[str], index: int) -> bool:
    if top_role(lines[index]) and heading_shaped(lines[index]):
        return True
    for line in lines[index:]:
        if NUMBERED.match(line):
            return True
        if not heading_shaped(line):
            return False
    return False


def _parse_body(lines: list[str]) -> tuple[list[Section], list[Paragraph]]:
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    stack: list[Section] = []
    level_in_use = 2
    last_was_heading = False
    last_number = 0
    for index, line in enumerate(lines):
        numbered = NUMBERED.match(line)
        if numbered and _next_number(int(numbered.group(1)), last_number):
            last_number = int(numbered.group(1))
            section = stack[-1].index if stack else None
            current = Paragraph(numbered.group(1), len(paragraphs) + 1, section)
            current.append(numbered.group(2).strip())
            paragraphs.append(current)
            if last_was_heading and stack:
                level_in_use = stack[-1].level
            last_was_heading = False
        elif _is_heading(lines, index):
            role = top_role(line)
            if role and role != "appendix" or not stack:
                level = 1
            elif last_was_heading:
                level = stack[-1].level + 1
            else:
                level = max(2, level_in_use)
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1].index if stack else None
            section = Section(len(sections) + 1, line, level, role if level == 1 else None, parent)
            sections.append(section)
            stack.append(section)
            current = None
            last_was_heading = True
        else:
            item = LIST_ITEM.match(line)
            if current is None:
                section = stack[-1].index if stack else None
                current = Paragraph("", len(paragraphs) + 1, section)
                paragraphs.append(current)
            if item:
                start = len(current.text) + (1 if current.text else 0)
                current.append(line, new_line=True)
                current.items.append((f"({item.group(1)})", start, len(current.text)))
            else:
                current.append(line)
                if current.items:
                    label, start, _ = current.items[-1]
                    current.items[-1] = (label, start, len(current.text))
            last_was_heading = False
    return sections, _number_implicit(paragraphs)


def _next_number(number: int, last: int) -> bool:
    return number == last + 1 or (last == 0 and number in (1, 2))


def _number_implicit(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give the unnumbered purpose paragraph the number before the first numbered one."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if paragraph.number:
            out.append(paragraph)
        elif not out:
            following = next((p for p in paragraphs if p.number), None)
            if following and int(following.number) == 2:
                paragraph.number = "1"
                out.append(paragraph)
        else:
            out[-1].append(paragraph.text)
    for position, paragraph in enumerate(out, start=1):
        paragraph.position = position
    return out
