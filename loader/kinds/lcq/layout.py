"""The layout of a Government LCQ press release: title, opening sentence, question, reply, trailer.

An LCQ release (info.gov.hk ``/gia/general/…``) is titled ``LCQ10: Smart government`` /
``立法會十題：智慧政府`` / ``立法会十题：智慧政府`` and opens ``Following is a question by the Hon X
and a reply by the Secretary for Y, Mr Z, in the Legislative Council today (April 10):`` /
``以下是今日（四月十日）在立法會會議上X議員的提問和Y局局長Z的答覆：``. The question follows a
``Question:`` / ``問題：`` line and the reply a ``Reply:`` / ``答覆：`` line; the release ends
``Ends/Wednesday, April 10, 2024`` / ``完`` ``2024年4月10日（星期三）``. Nothing here writes RDF.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from loader.kinds.common.dates import MONTHS, make_date

#: A title: ``LCQ10: Smart government``, ``立法會十題：智慧政府``, ``LCQ: Urgent question…``.
#: Not anchored: clean-up may join it to the page navigation before it.
_EN_TITLE = re.compile(r"(?:^|(?<=[\s>]))LCQ(?:\s*(?P<n>\d{1,3}))?\s*[:：]\s*(?P<subject>\S.*)$")
_ZH_TITLE = re.compile(
    r"立法[會会](?:(?P<n>[一二三四五六七八九十]{1,4})[題题]|急切[質质][詢询])\s*[:：]\s*(?P<subject>\S.*)$"
)
_EN_OPENING = re.compile(
    r"Following\s+is\s+(?:a|an)\s+(?P<urgent>urgent\s+)?question\s+by\s+(?P<asker>.+?)\s+"
    r"(?:under\s+Rule\s+\S+\s+of\s+the\s+Rules\s+of\s+Procedure\s+)?and\s+(?:a|the)\s+"
    r"(?P<written>written\s+)?(?:reply|answer)\s+by\s+(?P<officers>.+?),?\s+in\s+the\s+"
    r"Legislative\s+Council\s+today\s*\((?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2})\)\s*[:：]?",
    re.I,
)
_ZH_OPENING = re.compile(
    r"以下[是為为]今日[（(](?P<month>[一二三四五六七八九十]{1,2})月(?P<day>[一二三四五六七八九十]{1,3})日"
    r"[)）]在立法[會会][會会][議议]上(?P<asker>.+?)(?:根[據据].+?提出)?的(?P<urgent>急切)?"
    r"(?:提[問问]|[質质][詢询])和(?P<officers>.+?)的(?P<written>[書书]面)?答[覆复][:：]"
)
_QUESTION_HEADING = re.compile(r"^(?:Question|問題|问题)\s*[:：]\s*", re.I)
_REPLY_HEADING = re.compile(r"^(?:Reply|Answer|答[覆复])\s*[:：]$", re.I)
#: The reply's heading run into the question (text that lost its line breaks).
_INLINE_REPLY = re.compile(
    r"(?<=\S)\s*(?=(?:\bReply|\bAnswer|答[覆复])\s*[:：]\s*(?:President|主席|\S))"
)
_INLINE_HEADING = re.compile(
    r"^(?P<heading>(?:Reply|Answer|答[覆复])\s*[:：])\s*(?P<rest>\S.*)$", re.I
)
#: Where a subject run together with the page around it ends: a column gap, a navigation bar,
#: the opening sentence.
_SUBJECT_END = re.compile(r"\s{2,}|\s[|>»]\s|\s(?=Following\s+is\b)|(?=以下[是為为]今日)")
#: A subject longer than this is page text clean-up joined to it.
_LONGEST_SUBJECT = 200
_SALUTATION = re.compile(r"^(?:(?:Madam\s+)?President|主席)\s*[,，:：]\s*", re.I)
_MONTH = "|".join(MONTHS)
_EN_TRAILER = re.compile(
    rf"Ends\s*/\s*[A-Za-z]+,\s*(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})", re.I
)
_ZH_TRAILER = re.compile(
    r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日\s*[（(]星期[一二三四五六日天][)）]"
)
_ZH_END = re.compile(r"^完$")
_ISSUED = re.compile(r"^(?:Issued\s+at\s+HKT|香港時間|香港时间|NNNN)", re.I)
#: ``…/202404/10/P2024041000242.htm``: a release's number holds its date; so does its folder.
_RELEASE_NUMBER = re.compile(r"P(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})\d{3,}")
_RELEASE_FOLDER = re.compile(r"/(?P<year>\d{4})(?P<month>\d{2})/(?P<day>\d{2})/")
_ZH_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


@dataclass
class ReleaseLayout:
    """The parts of a release as text; fields are None or empty where the release lacks them."""

    title: str | None = None
    number: int | None = None
    subject: str | None = None
    opening: str | None = None
    asker: str | None = None
    officers: str | None = None
    written: bool = False
    urgent: bool = False
    today: tuple[int, int] | None = None
    question: list[str] = field(default_factory=list)
    reply: list[str] = field(default_factory=list)
    issued_on: dt.date | None = None


def zh_number(text: str) -> int | None:
    """``十`` → 10, ``二十二`` → 22, ``三十一`` → 31: Chinese numerals up to 99."""
    if not text or any(c not in _ZH_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)


def split_release(text: str) -> ReleaseLayout:
    """Title, opening, question, reply and issue date of a release's cleaned text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    layout = ReleaseLayout()
    found = _find_opening(lines)
    if found is None:
        _read_title(layout, lines)
        layout.issued_on = trailer_date(lines)
        return layout
    index, opening = found
    line = lines[index]
    _read_title(layout, [*lines[:index], line[: opening.start()].strip()])
    _read_opening(layout, opening)
    rest = line[opening.end() :].strip()
    after = [rest, *lines[index + 1 :]] if rest else lines[index + 1 :]
    layout.issued_on = trailer_date(after)
    body = _split_headings(_body(after))
    reply_at = next((i for i, line in enumerate(body) if _REPLY_HEADING.match(line)), None)
    question = body if reply_at is None else body[:reply_at]
    layout.question = [q for q in (_QUESTION_HEADING.sub("", line) for line in question) if q]
    reply = [] if reply_at is None else body[reply_at + 1 :]
    if reply:
        reply[0] = _SALUTATION.sub("", reply[0])
    layout.reply = [line for line in reply if line]
    return layout


def _find_opening(lines: list[str]) -> tuple[int, re.Match[str]] | None:
    """The index of the line holding the opening sentence, and the sentence's match."""
    for index, line in enumerate(lines):
        opening = _EN_OPENING.search(line) or _ZH_OPENING.search(line)
        if opening is not None:
            return index, opening
    return None


def _read_title(layout: ReleaseLayout, lines: list[str]) -> None:
    """The last title in the lines before the opening (page navigation may come first)."""
    for line in reversed(lines):
        en, zh = _EN_TITLE.search(line), _ZH_TITLE.search(line)
        found = en or zh
        if found is None:
            continue
        subject = _SUBJECT_END.split(found["subject"].strip(), maxsplit=1)[0]
        if len(subject) > _LONGEST_SUBJECT:
            subject = subject[:_LONGEST_SUBJECT].rsplit(" ", 1)[0]
        layout.subject = subject
        layout.title = line[found.start() : found.start("subject")] + subject
        if found["n"]:
            layout.number = int(found["n"]) if en else zh_number(found["n"])
        return


def _read_opening(layout: ReleaseLayout, found: re.Match[str]) -> None:
    layout.opening = found.group(0)
    layout.asker = found["asker"].strip()
    layout.officers = found["officers"].strip()
    layout.written = bool(found["written"])
    layout.urgent = bool(found["urgent"])
    if found.re is _EN_OPENING:
        month = found["month"].lower()
        layout.today = (MONTHS.index(month) + 1, int(found["day"])) if month in MONTHS else None
    else:
        month, day = zh_number(found["month"]), zh_number(found["day"])
        layout.today = (month, day) if month and day else None


def _split_headings(lines: list[str]) -> list[str]:
    """Lines with a ``Reply:`` / ``答覆：`` heading run into them put on a line of its own."""
    out: list[str] = []
    for line in lines:
        for piece in _INLINE_REPLY.split(line):
            heading = _INLINE_HEADING.match(piece)
            out += [heading["heading"], heading["rest"]] if heading else [piece]
    return [line for line in out if line]


def _body(lines: list[str]) -> list[str]:
    """The lines after the opening, up to the trailer (``Ends/…``, ``完``, the issue time)."""
    out = []
    for line in lines:
        trailer = _EN_TRAILER.search(line)
        if trailer:
            before = line[: trailer.start()].strip()
            if before:
                out.append(before)
            break
        if _ZH_END.match(line) or _ZH_TRAILER.match(line) or _ISSUED.match(line):
            break
        out.append(line)
    return out


def trailer_date(lines: list[str]) -> dt.date | None:
    """The issue date the trailer gives: ``Ends/Wednesday, April 10, 2024`` or ``2024年4月10日``."""
    for line in reversed(lines):
        en = _EN_TRAILER.search(line)
        if en:
            return make_date(en["year"], MONTHS.index(en["month"].lower()) + 1, en["day"])
        zh = _ZH_TRAILER.search(line)
        if zh:
            return make_date(zh["year"], zh["month"], zh["day"])
    return None


def origin_date(origin: str | None) -> dt.date | None:
    """The date a release's URL or file name holds: ``P2024041000242`` or ``/202404/10/``."""
    if not origin:
        return None
    found = _RELEASE_NUMBER.search(origin) or _RELEASE_FOLDER.search(origin)
    return make_date(found["year"], found["month"], found["day"]) if found else None


def release_number(origin: str | None) -> str | None:
    """The release's own number (``P2024041000242``) when its URL or file name gives it."""
    found = _RELEASE_NUMBER.search(origin or "")
    return found.group(0) if found else None


def looks_like_title(line: str) -> bool:
    """True for an LCQ release title: ``LCQ10: …``, ``立法會十題：…``, ``立法会十题：…``."""
    return bool(_EN_TITLE.search(line) or _ZH_TITLE.search(line))


def looks_like_opening(line: str) -> bool:
    """True for the opening sentence that names the asker and the replying officer."""
    return bool(_EN_OPENING.search(line) or _ZH_OPENING.search(line))
