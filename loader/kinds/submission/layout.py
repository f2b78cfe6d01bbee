"""The layout of submissions (意見書): paper-number stamps, heading, addressee, sign-off, body.

A file holds one submission (a letter, perhaps with an attachment) or a bundle of many, each
opening with its own stamp ``立法會CB(3)673/2026(02)號文件`` and the heading
``<committee><submitter>於<date>提交的意見書``. A stamp repeated with the same number is a page
stamp; letterhead lines repeated on every page are page furniture. Nothing here writes RDF.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from loader.kinds.common.dates import parse_date
from loader.kinds.common.origin import without_note
from loader.kinds.common.tables import looks_like_committee
from loader.paper_numbers import PaperNumber, find_paper_numbers

#: A line that opens with an LC Paper No. stamp (the rest of the line may be a title).
_STAMP = re.compile(
    r"^(?:立法[會会]\s*|(?:LC|LegCo)\s+Paper\s+No\.?\s*:?\s*)?(?=(?:CB|AS)\s*[(（]?\s*\d)", re.I
)
_STAMP_END = re.compile(r"^\s*[號号]文件")
#: ``…委員會<submitter>於2026年6月10日提交的意見書`` (a bundle's heading for each submission).
BUNDLE_HEADING = re.compile(
    r"^(?P<committee>.*?(?:委員會|委员会|Subcommittee|Committee|Panel))\s*"
    r"(?P<who>[^，。：:]{1,60}?)\s*[於于]\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"\s*提交的意[見见][書书]"
)
_TITLE = re.compile(r"意[見见]書|意见书|回應|回应|\bsubmission\b|\bviews\b", re.I)
#: A Chinese committee name in a heading (``香港特別行政區立法會…小組委員會``) …
_ZH_COMMITTEE = re.compile(
    r"(?P<name>[\u4e00-\u9fff\d]{2,60}?(?:委員會|委员会))(?!\s*[轄屬属辖]下)"
)
#: … or an English one, up to the next field or bracket.
_EN_COMMITTEE = re.compile(
    r"(?P<name>(?:Panel|Subcommittee|Sub-committee|Bills Committee|Select Committee|Committee)"
    r"\s+(?:on|for)\s+[A-Z][\w ,'&-]*?)(?=\s*(?:\(|$|Date|From|Subject|Sent))"
)
#: The title at the start of a heading line, up to the word for a submission or response.
_TITLE_AT_START = re.compile(
    r"^(?P<title>[^。！？；:：]{2,60}?(?:意[見见]書|意见书|[之的]回[應应]|Submission\b[^.]{0,80}))"
)
_SIGNED = re.compile(r"\s*(?:謹啟|敬啟|謹上|敬上|謹呈|谨启|敬启|谨上)$")
_EN_CLOSING = re.compile(
    r"^(?:Yours\s+(?:faithfully|sincerely|truly)|Regards|Best regards),?$", re.I
)
_SALUTATION = re.compile(
    r"^(?:各位委員|各位议员|各位議員|主席|敬啟者|敬启者|Dear\s+.{1,40}|Sir/Madam)\s*[:：,，]?$",
    re.I,
)
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:\d{1,3}|第\s*\d{1,3}\s*頁|Page\s+\d{1,3}(?:\s+of\s+\d+)?)(?:\s*-)?$", re.I
)
_ZH_DIGITS = {char: str(value % 10) for value, char in enumerate("〇一二三四五六七八九")}
_ZH_DIGITS |= {"零": "0", "○": "0"}
_ZH_NUMERAL_DATE = re.compile(
    r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_US_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})\b",
    re.I,
)
#: Fields of an e-mail or memo heading: ``From: … To: … Date: … Subject: …``, ``寄件者: …``.
_FIELD_NAMES = (
    r"From|To|Date|Sent|Subject|Re|寄件者|寄件人|收件者|收件人|已傳送|日期|主旨|事由|標題"
)
_FIELD = re.compile(rf"(?P<field>{_FIELD_NAMES})\s*[:：]\s*")
#: Where a field's value glued to the next text ends (``…Ride-Hailing ServicesI am writing``).
_GLUED = re.compile(r"(?<=[a-z.])(?=[A-Z][a-z ])|(?<=[。])")
_FIELD_KIND = {
    "from": "who",
    "寄件者": "who",
    "寄件人": "who",
    "to": "to",
    "收件者": "to",
    "收件人": "to",
    "date": "date",
    "sent": "date",
    "已傳送": "date",
    "日期": "date",
    "subject": "title",
    "re": "title",
    "主旨": "title",
    "事由": "title",
    "標題": "title",
}
_ADDRESSEE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:Clerk|Secretariat|Secretary)\s+(?:to|of)\s+)?(?:the\s+)?"
    r"(?:Legislative Council|LegCo)\s+|^(?:香港特別行政區|香港特别行政区)?(?:立法會|立法会)",
    re.I,
)
#: A line that can be a signatory's name: short, letters only (no sentence, no OCR debris).
_NAME_LINE = re.compile(r"^[\w\u4e00-\u9fff][\w\u4e00-\u9fff .,&'()（）-]{1,40}$")
_SPACED = re.compile(r"(?<=\d)\s*([年月日])\s*(?=\d|$|\D)")


@dataclass
class Part:
    """One submission of a file: its stamp, body lines and what its heading says."""

    number: PaperNumber | None = None
    lines: list[str] = field(default_factory=list)
    committee: str | None = None
    submitter: str | None = None
    date: dt.date | None = None
    title: str | None = None
    signed: list[int] = field(default_factory=list)


def split_parts(text: str) -> list[Part]:
    """The submissions of a file, in order: a new stamp number starts a new one."""
    parts = [Part()]
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("#"):
            line = without_note(line)
        if not line:
            continue
        number, rest = stamp(line)
        current = parts[-1]
        if number is not None:
            if current.number is None:
                current.number = number
            elif number != current.number:
                parts.append(Part(number=number))
            if not rest:
                continue
            line = rest
        parts[-1].lines.append(line)
    parts = [part for part in parts if part.lines]
    for part in parts:
        _read_heading(part)
    return parts


def stamp(line: str) -> tuple[PaperNumber | None, str]:
    """The paper number a line opens with as a stamp (``立法會CB(3)634/2026(01)號文件``), and
    the rest of the line; (None, line) for any other line."""
    match = _STAMP.match(line)
    if not match:
        return None, line
    found = find_paper_numbers(line)
    if not found or found[0][1] != match.end():
        return None, line
    number, _, end = found[0]
    rest = _STAMP_END.sub("", line[end:]).strip()
    return number, rest


def zh_numeral_date(text: str) -> dt.date | None:
    """``二零二六年六月三日`` → 2026-06-03."""
    match = _ZH_NUMERAL_DATE.search(text)
    if not match:
        return None
    year = int("".join(_ZH_DIGITS[c] for c in match["y"]))
    try:
        return dt.date(year, _small(match["m"]), _small(match["d"]))
    except ValueError:
        return None


def _small(numeral: str) -> int:
    """一 … 三十一 as a number."""
    digits = "一二三四五六七八九"
    if "十" not in numeral:
        return digits.index(numeral) + 1
    tens, _, units = numeral.partition("十")
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(units) + 1 if units else 0)


def any_date(line: str) -> dt.date | None:
    """The date a line gives, spaced (``2026 年 6 月 4 日``) or in numerals (``二零二六年…``)."""
    found = parse_date(_SPACED.sub(r"\1", line)) or zh_numeral_date(line)
    if found is None and (match := _US_DATE.search(line)):
        found = parse_date(f"{match['d']} {match['month']} {match['y']}")
    return found


def is_date_only(line: str) -> bool:
    """True for a line that is one date and nothing more (a sign-off date)."""
    squeezed = _SPACED.sub(r"\1", line).strip(" ,.，。")
    return any_date(line) is not None and len(squeezed) <= 20 and not re.search(r"[，。；]", line)


def _read_heading(part: Part) -> None:
    """Committee, submitter, date and title from the bundle heading or the letter's lines."""
    lines = part.lines
    for index, line in enumerate(lines[:4]):
        match = BUNDLE_HEADING.match(line)
        if match:
            part.committee = match["committee"].strip()
            part.submitter = match["who"].strip()
            part.date = any_date(match["date"])
            part.title = line[: match.end()].strip()
            rest = line[match.end() :].strip()
            part.lines = lines[:index] + ([rest] if rest else []) + lines[index + 1 :]
            part.signed = []
            return
    head = lines[:12]
    part.committee = next((name for name in map(_addressee, head) if name), None)
    for index, line in enumerate(head):
        match = _TITLE_AT_START.match(line)
        if match:
            part.title = match["title"].strip()
            rest = line[match.end() :].strip()
            part.lines = lines[:index] + ([rest] if rest else []) + lines[index + 1 :]
            break
    _read_sign_off(part)
    _read_fields(part)


def memo_fields(text: str) -> dict[str, str]:
    """The fields of an e-mail or memo heading (who, to, date, title), as printed."""
    found: dict[str, str] = {}
    matches = list(_FIELD.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        kind = _FIELD_KIND[match["field"].lower()]
        value = _GLUED.split(text[match.end() : end], maxsplit=1)[0].strip(" ,;，")
        if value and kind not in found:
            found[kind] = value
    return found


def _read_fields(part: Part) -> None:
    """What an e-mail or memo heading adds: sender, addressee, date and subject."""
    fields = memo_fields("\n".join(part.lines[:4])[:1200])
    if not fields:
        return
    if part.submitter is None and fields.get("who") and len(fields["who"]) < 80:
        part.submitter = fields["who"].split("<")[0].strip() or None
    to = _ADDRESSEE_PREFIX.sub("", fields.get("to", "")).strip()
    if part.committee is None and to and looks_like_committee(to):
        part.committee = to
    if part.date is None and fields.get("date"):
        part.date = any_date(fields["date"])
    if fields.get("title") and len(fields["title"]) < 200:
        part.title = part.title or fields["title"]


def _addressee(line: str) -> str | None:
    """The committee a heading line names (``致：…小組委員會``, ``Subcommittee on …``)."""
    line = _FIELD.split(line, maxsplit=1)[0] if _FIELD.match(line) is None else line
    match = _ZH_COMMITTEE.search(line) or _EN_COMMITTEE.search(line)
    if match is None:
        return None
    name = _ADDRESSEE_PREFIX.sub("", match["name"].strip())
    return name if looks_like_committee(name) else None


def _read_sign_off(part: Part) -> None:
    """The submitter and date from the sign-off: ``X 謹啟`` and a date line, or a short name
    line just before the last date line (``Uber 香港團隊`` / ``2026 年 6 月 4 日``)."""
    lines = part.lines
    dates = [i for i, line in enumerate(lines) if is_date_only(line)]
    if dates:
        part.date = any_date(lines[dates[-1]])
    for index, line in enumerate(lines):
        if _SIGNED.search(line) and len(line) < 60:
            part.submitter = _SIGNED.sub("", line).strip()
            part.signed = [index] + [d for d in dates if d in (index + 1, index + 2)]
            return
        if _EN_CLOSING.match(line) and index + 1 < len(lines) and len(lines[index + 1]) < 60:
            part.submitter = lines[index + 1].strip()
            part.signed = [index, index + 1]
            return
    for last in reversed(dates):
        before = last - 1
        if before >= 0 and _NAME_LINE.match(lines[before]):
            part.submitter = lines[before]
            part.signed = [before, last]
            return
    part.signed = dates[-1:]


def furniture(part: Part) -> set[str]:
    """Lines that are page furniture: repeated letterhead, page numbers, salutations."""
    seen: dict[str, int] = {}
    for line in part.lines:
        seen[line] = seen.get(line, 0) + 1
    repeated = {line for line, count in seen.items() if count > 1 and len(line) < 120}
    return repeated | {
        line for line in part.lines if _PAGE_NUMBER.match(line) or _SALUTATION.match(line)
    }
