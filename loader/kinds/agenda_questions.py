"""Council questions listed in a Council agenda: number, asker, kind, text, parts and officer.

A Council agenda has a roman-numbered section of questions (``II. Questions``, ``II. Questions
for Written Replies``, ``II. 以書面答覆的質詢``); each question starts ``1. Hon X to ask:`` or
``1. 某某議員問：`` and ends with the public officer to reply. A ``*`` before the number marks a
question for written reply in a section that holds both kinds.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from loader.government_bodies import write_answering_body
from loader.kinds.agenda_layout import ITEM_LINE
from loader.kinds.brief_context import Context, date_label
from loader.kinds.brief_graph import short_label
from loader.vocab import LG

_START = re.compile(
    r"^(?P<star>\*)?\s*(?P<n>\d{1,3})\s*[.．]\s*(?P<asker>\S.*?)\s*"
    r"(?:\bto\s+ask|問)\s*[:：]\s*(?:\((?:Translation|譯文)\))?\s*$",
    re.I,
)
_OFFICER = re.compile(
    r"^(?:Public\s+Officers?\s+to\s+reply|負責答覆的政府官員)\s*[:：]\s*(?P<post>.*)$", re.I
)
_PART = re.compile(
    r"^[(（](?P<label>[a-z]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*(?P<rest>.*)$"
)
_QUESTIONS = re.compile(r"\bQuestions?\b|質詢")
_WRITTEN = re.compile(r"\bWritten\b|書面", re.I)
_URGENT = re.compile(r"\bUrgent\b|急切", re.I)
_HONORIFIC = re.compile(r"^(?:(?:Dr|Prof|Ir|Hon|The)\s+)+|議員$|\s*,.*$")
_ZH_NUMERALS = "一二三四五六七八九十"
_FIRST_LABELS = {"a", "1", "一"}
_SENTENCE_ENDS = tuple(".。?？:：;；")
_ARTICLE = re.compile(r"^The\s+", re.I)
_KIND_LABEL = {
    LG.OralQuestion: ("口頭", "Oral question"),
    LG.WrittenQuestion: ("書面", "Written question"),
    LG.UrgentQuestion: ("急切", "Urgent question"),
}


@dataclass
class Question:
    """One question as the agenda lists it."""

    number: int
    asker: str
    kind: URIRef
    lines: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The full question text, one printed paragraph a line."""
        return "\n".join(self.lines)

    @property
    def parts(self) -> list[tuple[str, str]]:
        """``(a)``/``(1)``/``(一)`` parts in series as (label, text); sub-parts stay inside."""
        parts: list[tuple[str, str]] = []
        for line in self.lines:
            found = _PART.match(line)
            allowed = {_next_label(parts[-1][0])} if parts else _FIRST_LABELS
            if found and found["rest"] and found["label"] in allowed:
                parts.extend(_split_joined(found["label"], found["rest"]))
            elif parts:
                parts[-1] = (parts[-1][0], f"{parts[-1][1]}\n{line}")
        return parts


def _split_joined(label: str, rest: str) -> list[tuple[str, str]]:
    """A part with the next parts that clean-up joined onto its line (``…；及(三)…``)."""
    out = []
    while True:
        following = _next_label(label)
        marker = None
        if following is not None:
            joined = rf"(?:[；;，,及和或]|\band)\s*(?P<m>[(（]{re.escape(following)}[)）])"
            marker = re.search(joined, rest)
        if following is None or marker is None:
            out.append((label, rest.strip()))
            return out
        out.append((label, rest[: marker.start("m")].strip()))
        label, rest = following, rest[marker.end() :]


def _next_label(label: str) -> str | None:
    """The label after ``label`` in its series: ``a``→``b``, ``2``→``3``, ``二``→``三``."""
    if label.isdigit():
        return str(int(label) + 1)
    if label in _ZH_NUMERALS[:-1]:
        return _ZH_NUMERALS[_ZH_NUMERALS.index(label) + 1]
    if len(label) == 1 and "a" <= label < "z":
        return chr(ord(label) + 1)
    return None


def find_questions(text: str) -> list[Question]:
    """Every question in the agenda's question sections, in order."""
    questions: list[Question] = []
    section: URIRef | None = None
    current: Question | None = None
    reading_posts = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = ITEM_LINE.match(line)
        if heading and not _START.match(line):
            title = heading["title"]
            section = _section_kind(title) if _QUESTIONS.search(title) else None
            current = None
            continue
        start = _START.match(line) if section is not None else None
        if start:
            kind = LG.WrittenQuestion if start["star"] else section
            current = Question(int(start["n"]), start["asker"], kind)
            questions.append(current)
            reading_posts = False
            continue
        if current is None:
            continue
        officer = _OFFICER.match(line)
        if officer:
            reading_posts = True
            line = officer["post"]
        if reading_posts:
            if officer is None and not _looks_like_post(line):
                current = None
            elif line:
                current.posts.append(_ARTICLE.sub("", line))
        else:
            current.lines.append(line)
    return questions


def _looks_like_post(line: str) -> bool:
    """A further line under "Public Officers to reply": short, not a note or a sentence."""
    return len(line) <= 80 and not line.startswith("*") and not line.endswith(_SENTENCE_ENDS)


def _section_kind(title: str) -> URIRef:
    if _URGENT.search(title):
        return LG.UrgentQuestion
    return LG.WrittenQuestion if _WRITTEN.search(title) else LG.OralQuestion


def member_name(asker: str) -> str:
    """The asker's name without honorifics: ``Dr Hon KWOK Ka-ki`` → ``KWOK Ka-ki``."""
    return _HONORIFIC.sub("", asker.strip()).strip() or asker.strip()


def write_questions(ctx: Context, meeting: URIRef, agenda: URIRef, text: str, date: dt.date) -> int:
    """Write every question of a Council agenda; returns how many there were."""
    questions = find_questions(text)
    for question in questions:
        _write_question(ctx, meeting, agenda, date, question)
    return len(questions)


def _write_question(
    ctx: Context, meeting: URIRef, agenda: URIRef, date: dt.date, question: Question
) -> None:
    out, language = ctx.out, ctx.language
    iri = ctx.iris.question(date, question.number)
    out.resource(iri, LG.CouncilQuestion, _label(question, date, language))
    other = ctx.other_language()
    out.add(iri, RDFS.label, Literal(_label(question, date, other), lang=other))
    out.add(iri, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date))
    out.add(iri, LG.questionNumber, Literal(question.number, datatype=XSD.integer))
    out.add(iri, LG.questionType, question.kind)
    out.add(iri, LG.askedAt, meeting)
    out.add(agenda, DCTERMS.references, iri)
    if question.lines:
        out.add(iri, LG.text, out.text(question.text))
    name = member_name(question.asker)
    out.add(iri, LG.askedBy, ctx.member(name, question.asker))
    for post in question.posts:
        out.add(iri, LG.answeringPost, out.text(post))
        body = write_answering_body(ctx, post, date)
        if body is not None:
            out.add(iri, LG.answeringBody, body)
    for position, (label, part) in enumerate(question.parts, start=1):
        paragraph = ctx.iris.paragraph(iri, label)
        out.resource(paragraph, LG.Paragraph, f"({label}) {short_label(part)}")
        out.add(paragraph, LG.partOfDocument, agenda)
        out.add(paragraph, DCTERMS.isPartOf, iri)
        out.add(paragraph, LG.paragraphNumber, Literal(label))
        out.add(paragraph, LG.position, Literal(position, datatype=XSD.integer))
        out.add(paragraph, LG.text, out.text(part))


def _label(question: Question, date: dt.date, language: str) -> str:
    """``2014年4月30日立法會會議第1項書面質詢`` / ``Written question 1 at the Council …``."""
    when = date_label(date, language)
    kind = _KIND_LABEL[question.kind]
    if language.startswith("zh"):
        return f"{when}立法會會議第{question.number}項{kind[0]}質詢"
    return f"{kind[1]} {question.number} at the Council meeting on {when}"
