"""A submission's body: paragraphs rejoined from wrapped lines, their numbers, the sentences that
ask for something, the meeting the submission is for, and a submitter who names itself."""

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib.term import URIRef

from loader.kinds.common.discussion import sentences
from loader.kinds.submission.layout import Part, any_date, furniture, is_date_only
from loader.vocab import LG

_END = "。！？；：.!?;:」』”）)"
_NUMBER = re.compile(
    r"^(?:(?P<zh>[一二三四五六七八九十]{1,3})\s*[、.．]|(?P<digit>\d{1,2})\s*[.、．)）](?!\d)"
    r"|[(（]\s*(?P<bracket>[a-z]|[ivx]{1,4}|\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])\s*"
)
#: Sentences that ask for something, and what kind of concern each is.
_SUGGESTS = re.compile(r"建議|建议|提議|提议|\brecommend|\bsuggest|\bpropos", re.I)
_ASKS = re.compile(
    r"促請|促请|要求|呼籲|呼吁|籲請|吁请|懇請|恳请|敦促|希望|期望|期盼|必須|必须|應當|应当"
    r"|\burge|\brequest|\bcall(?:s|ed)?\s+(?:on|upon)|\bask(?:s|ed)?\s+(?:the|that)|\bshould\b",
    re.I,
)
_OPPOSES = re.compile(r"反對|反对|\boppose|\bobject\s+to", re.I)
#: ``香港運輸物流業工會聯會（下稱：港運聯）`` / ``汽車交通運輸業總工會 (下稱本會)``.
_SELF_NAMED = re.compile(
    r"(?P<name>[^，。、；：,;:()（）「」《》\s][^，。、；：,;:()（）「」《》]{1,40}?)\s*[（(]\s*"
    r"(?:下稱|下称|以下簡稱|以下简称|簡稱|简称)\s*[:：]?\s*[「“\"]?(?P<short>[^）)」”\"]{1,10})"
)
_MEETING = re.compile(r"^.{0,24}?(?:舉行的?會議|举行的?会议|會議|会议|討論|讨论|審議|审议)")
_EN_MEETING = re.compile(
    r"meeting\s+(?:to\s+be\s+held\s+|held\s+)?on\s+$|discuss\w*\s+on\s+$", re.I
)


@dataclass
class Paragraph:
    """A paragraph: its text, number as printed, and the spans that ask for something."""

    text: str
    number: str | None = None
    requests: list[tuple[int, int, URIRef]] = field(default_factory=list)


@dataclass
class Body:
    """The paragraphs of one submission and the meeting it is for."""

    paragraphs: list[Paragraph]
    meeting_date: dt.date | None

    @property
    def text(self) -> str:
        """The paragraphs as text, one a line."""
        return "\n".join(p.text for p in self.paragraphs)


def read_body(part: Part) -> Body:
    """The paragraphs of ``part`` without its heading, sign-off and page furniture."""
    skip = furniture(part) | {part.title or "", part.committee or ""}
    kept = [
        line
        for index, line in enumerate(part.lines)
        if index not in part.signed and line not in skip and not is_date_only(line)
    ]
    paragraphs = [_paragraph(text) for text in _rejoin(kept)]
    paragraphs = [p for p in paragraphs if p.text]
    return Body(paragraphs, _meeting_date("\n".join(p.text for p in paragraphs)))


def _rejoin(lines: list[str]) -> list[str]:
    """Lines wrapped at the page width joined back into paragraphs: a line that does not end a
    sentence and is about as long as the longest lines continues on the next one."""
    if not lines:
        return []
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.9) - 1 if len(lines) > 1 else 0]
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        wrapped = (
            previous and previous[-1] not in _END and len(previous.split("\n")[-1]) >= 0.8 * width
        )
        if wrapped and not _NUMBER.match(line):
            joiner = " " if previous[-1].isascii() and line[:1].isascii() else ""
            out[-1] = previous + joiner + line
        else:
            out.append(line)
    return out


def _paragraph(text: str) -> Paragraph:
    match = _NUMBER.match(text)
    number = next((g for g in match.groups() if g), None) if match else None
    paragraph = Paragraph(text.strip(), number)
    for start, end in sentences(paragraph.text):
        sentence = paragraph.text[start:end]
        if _SUGGESTS.search(sentence):
            paragraph.requests.append((start, end, LG.SuggestionMade))
        elif _ASKS.search(sentence) or _OPPOSES.search(sentence):
            paragraph.requests.append((start, end, LG.ViewExpressed))
    return paragraph


def _meeting_date(text: str) -> dt.date | None:
    """The date of the meeting that will discuss the submission, when the text names it
    (``將於2026年6月8日討論``, ``at its meeting on 8 June 2026``)."""
    for match in re.finditer(
        r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", text
    ):
        if _MEETING.match(text[match.end() : match.end() + 30]) or _EN_MEETING.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            return any_date(match.group(0))
    return None


def submitter_named(body: Body) -> str | None:
    """A submitter that names itself in the text: ``X（下稱本會）``, ``X（下稱：港運聯）``."""
    flat = "".join(body.text.split("\n"))
    for match in _SELF_NAMED.finditer(flat):
        name = re.sub(r"\s+", "", match["name"]) if not match["name"].isascii() else match["name"]
        short = match["short"].strip()
        if short in ("本會", "本会", "我們", "我们", "本團體", "本联会", "本聯會") or len(name) > 4:
            if re.search(r"(?:會|会|公司|團隊|聯盟|組織|中心)$", name):
                return name
    return None
