"""One layout for records printed many ways: table cells (``| … |``), full-width digits, and PDF
text with every line break lost, turned back into the line-a-line form the kinds parse.

``relayout`` is linear in the text and idempotent. Kinds call it on the cleaned text before
splitting it into lines (agendas, minutes, submissions); ``detect`` calls it on its glance.
"""

import re

#: Full-width digits, Latin letters and the punctuation of numbers and paper numbers.
_WIDE = {0xFF10 + d: str(d) for d in range(10)}
_WIDE |= {0xFF21 + i: chr(ord("A") + i) for i in range(26)}
_WIDE |= {0xFF41 + i: chr(ord("a") + i) for i in range(26)}
_WIDE |= {ord("．"): ".", ord("／"): "/", ord("－"): "-"}
_WIDE_DIGIT = re.compile("[\uff10-\uff19]")
#: A line this long on average (or longer) is a page or more run together.
_FLAT_LINE = 400
#: A record this short may be all on one line of at least this many characters…
_SHORT_FLAT_LINE = 160
#: … holding at least this many places where its structure starts a new line.
_SHORT_FLAT_BREAKS = 2
#: Where a record's structure starts a new line, in running text that lost its breaks: item
#: headings (``IV.``), paper numbers that open an entry (not ``issued vide …``), the notes and
#: dashed descriptions under them, heading fields and sign-offs.
_BREAK_BEFORE = re.compile(
    r"(?<![*])(?<!\bvide)(?<!\bwith)\s+(?="
    r"\*?\s*(?:[IVX]{1,6})\s*[.．、]\s*\S"
    r"|\*\s+(?=[^\sIVX])"
    r"|(?:LC|PLC|LegCo)\s+Paper\s+Nos?\.\s*(?:CB|AS)"
    r"|立法[會会]\s*(?:CB|AS)\s*[(（]"
    r"|[(（](?:issued|於|于|隨|随|as at|截至|Chinese version|English version|Restricted"
    r"|\d{1,2}[:.]\d{2}\s*[ap]m|\d{1,2}\s*[ap]m|[上下]午)"
    r"|-\s?(?=[A-Z\u4e00-\u9fff]|\d{4}年|\d{1,2}月)"
    r"|Meeting on\b|Revised agenda\b|Agenda\b|AGENDA\b|in Conference Room|Venue\s*:"
    r"|Council Business Division|Legislative Council Secretariat|Clerk to the"
    r"|日\s*期\s*[:：]|時\s*間\s*[:：]|地\s*點\s*[:：]|修訂議程|議程|立法會秘書處|議會事務部"
    r"|Legislative Council(?=\s+(?:Revised\s+)?Agenda\b)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
    r"|\*?\s*\d{1,3}\s*[.．]\s*[^\s.\d].{0,80}?\bto\s+ask\s*:"
    r"|Public\s+Officers?\s+to\s+reply\s*:|IA\s*[.．]\s*\S"
    r"|(?:Item\s*(?:No\.?)?\s*)?\d{1,2}\s*[.．、]?\s+(?:FCR|PWSC|EC)\s*[(（]\s*(?:19|20)\d\d"
    r")"
)
#: The end of a Council question's opening (``1. Hon X to ask: (Translation)``, ``…議員問：``).
_ASKS = re.compile(r"((?:\bto\s+ask|問)\s*[:：]\s*(?:[(（](?:Translation|譯文)[)）])?)[ \t]*(?=\S)")
#: A Chinese record's fields run together without spaces: break before them too (not inside a
#: roman numeral, nor between a dash and the description it opens).
_ZH_BREAK = re.compile(
    r"(?<=[^\s])(?<![-－–—])(?<![-－–—]\s)(?="
    r"(?:日\s*期|時\s*間|地\s*點)\s*[:：]|(?<![隨随(（])立法[會会]CB\s*[(（]|立法會秘書處|議會事務部"
    r"|(?<!議程)(?:修訂)?議程(?=\s*[(（]|\s*I\s*[.．、])"
    r"|[(（](?:於|隨文|截至|只備)|負責答覆的政府官員\s*[:：]"
    r"|(?<!\d)\*?\d{1,3}\s*[.．]\s*[^\s.\d\x00-\x7f][^。，\n]{0,40}?議員問\s*[:：]"
    r"|(?<=議程)\d{4}年|(?<=立法會)(?:修訂)?議程"
    r"|(?<=\d)立法會(?=\s*(?:修訂)?議程)"
    r"|(?<![IVXLC])[IVX]{1,6}\s*[.．、](?=\s?[\u4e00-\u9fff])"
    r"|(?<![\d(（])\*?\s*\d{1,2}\s*[.．、]?\s*(?=(?:FCR|PWSC|EC)\s*[(（]\s*(?:19|20)\d\d))"
)


def relayout(text: str) -> str:
    """``text`` with table cells on lines of their own, narrow digits, and, when its lines were
    run together, a line break before every structural marker."""
    if _WIDE_DIGIT.search(text):
        text = text.translate(_WIDE)
    if "|" in text:
        text = "\n".join(_cells(line) for line in text.split("\n"))
    if is_flat(text):
        text = _ZH_BREAK.sub("\n", _BREAK_BEFORE.sub("\n", text))
        text = _ASKS.sub("\\1\n", text)
    return text


def is_flat(text: str) -> bool:
    """True when ``text``'s lines were run together: a page or more a line on average, or a
    short record on one to three lines with the markers of several lines in one."""
    lines = [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
    if not lines:
        return False
    if sum(map(len, lines)) / len(lines) >= _FLAT_LINE:
        return True
    longest = max(lines, key=len)
    breaks = len(_BREAK_BEFORE.findall(longest)) + len(_ZH_BREAK.findall(longest))
    return len(lines) <= 3 and len(longest) >= _SHORT_FLAT_LINE and breaks >= _SHORT_FLAT_BREAKS


def _cells(line: str) -> str:
    """``| I. | Confirmation of minutes |`` → one line per non-empty cell."""
    if "|" not in line:
        return line
    return "\n".join(cell.strip() for cell in line.split("|") if cell.strip())
