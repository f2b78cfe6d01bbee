"""A Hansard's text, whatever its layout, as paragraphs with the page each starts on.

PDF text (PDFBox or pdfminer) carries a running header ``立法會 ─ 2012年11月21日`` /
``LEGISLATIVE COUNCIL ─ 29 April 2015`` with the page number on its own line next to it,
blank lines after every line and hard wraps at the column width; HTML from Word has one
paragraph per line. Headers and page numbers go (the page is kept), hard wraps are joined.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from loader.text import CJK, clean_text, display_width

#: The running page header: the Council's name, a dash, the sitting's date.
_HEADER = re.compile(
    r"^(?:立\s*法\s*會|LEGISLATIVE\s+COUNCIL)\s*[─―—–\-]+\s*"
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s+[A-Za-z]+\s+\d{4})\s*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\d{1,5}$")
#: A paragraph ending here ends its sentence (closing brackets and quotes looked through).
_TERMINAL = "。？！：︰；.?!:;"
_CLOSERS = "”’」』》)）]\"'"


@dataclass
class Paragraph:
    """One paragraph of the record, where it starts, the PDF bookmark it carries if known."""

    text: str
    page: int | None = None
    bookmark: str | None = None
    #: The speaker label, when the form gives it apart from the text (the JSON's ``title``).
    speaker: str | None = None


def is_page_header(line: str) -> bool:
    """True for the running header that tops every page of a Hansard."""
    return bool(_HEADER.match(line.strip()))


def page_lines(text: str) -> list[tuple[str, int | None]]:
    """Non-blank cleaned lines with their page; running headers and page numbers dropped."""
    text = unicodedata.normalize("NFC", text)  # CJK compatibility ideographs → unified
    raw = [clean_text(line).strip() for line in text.replace("\f", "\n").split("\n")]
    raw = [line for line in raw if line]
    out: list[tuple[str, int | None]] = []
    page: int | None = None
    skip: set[int] = set()
    for index, line in enumerate(raw):
        if index in skip:
            continue
        if not is_page_header(line):
            out.append((line, page))
            continue
        after = raw[index + 1] if index + 1 < len(raw) else ""
        if _PAGE_NUMBER.match(after):
            page = int(after)
            skip.add(index + 1)
        elif out and _PAGE_NUMBER.match(out[-1][0]):
            page = int(out.pop()[0])
    return out


def paragraphs(text: str, starts: Callable[[str], bool]) -> list[Paragraph]:
    """The record's paragraphs: wrapped lines joined; ``starts`` marks lines that always begin
    a paragraph (speaker markers, headings)."""
    lines = page_lines(text)
    full = _full_width([line for line, _ in lines])
    out: list[Paragraph] = []
    open_ = False
    for line, page in lines:
        if open_ and out and not starts(line):
            out[-1].text = _join(out[-1].text, line)
        else:
            out.append(Paragraph(line, page))
        open_ = display_width(line) >= full and not _ends_sentence(line)
    return out


def _full_width(lines: list[str]) -> int:
    """The width of a full line of running text: lines this wide were wrapped by the layout."""
    widths = sorted(display_width(line) for line in lines)
    if not widths:
        return 0
    return max(20, int(widths[int(len(widths) * 0.9)] * 0.8))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    if line.startswith(("(", "（")) and line.endswith((")", "）")):
        return True
    return bool(stripped) and stripped[-1] in _TERMINAL


def _join(block: str, line: str) -> str:
    """Two pieces of one sentence: nothing between CJK, one space between words."""
    if re.match(rf"[{CJK}]", block[-1]) or re.match(rf"[{CJK}]", line[0]):
        return block + line
    if block.endswith("-") and line[:1].islower():
        return block + line
    return block + " " + line
