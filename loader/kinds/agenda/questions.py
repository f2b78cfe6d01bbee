"""Council questions listed in a Council agenda: number, asker, kind, text, parts and officer.

A Council agenda has a roman-numbered section of questions (``II. Questions``, ``II. Questions
for Written Replies``, ``II. 以書面答覆的質詢``); each question starts ``1. Hon X to ask:`` or
``1. 某某議員問：`` and ends with the public officer to reply. A ``*`` before the number marks a
question for written reply in a section that holds both kinds.
"""

import datetime as dt
import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from loader.government_bodies import write_answering_body
from loader.kinds.common.context import Context, date_label
from loader.kinds.common.graph import short_label
from loader.kinds.common.items import ITEM_LINE
from loader.kinds.common.questions import Question
from loader.names import person_name
from loader.vocab import LG

_START = re.compile(
    r"^(?P<star>\*)?\s*(?P<n>\d{1,3})\s*[.．]\s*(?P<asker>\S.*?)\s*"
    r"(?:\bto\s+ask|問)\s*[:：]\s*(?:\((?:Translation|譯文)\))?\s*$",
    re.I,
)
#: The Seventh Council's web layout: one field a line, ``1.陳克勤議員`` / ``1. Hon X``, then
#: ``(subject)``, then the answering post(s).
_LISTED = re.compile(
    r"^(?P<star>\*)?\s*(?P<n>\d{1,3})\s*[.．]\s*(?P<asker>[\u4e00-\u9fff]{2,6}議員"
    r"|(?:(?:Dr|Ir|Prof|Mr|Mrs|Ms)\s+)?(?:the\s+)?Hon\s+[A-Za-z][\w .,'-]{1,60})\s*$"
)
_SUBJECT = re.compile(r"^[(（](?P<subject>[^()（）]{1,200})[)）]$")
_OFFICER = re.compile(
    r"^(?:Public\s+Officers?\s+to\s+reply|負責答覆的政府官員)\s*[:：]\s*(?P<post>.*)$", re.I
)
_QUESTIONS = re.compile(r"\bQuestions?\b|質詢")
_WRITTEN = re.compile(r"\bWritten\b|書面", re.I)
_URGENT = re.compile(r"\bUrgent\b|急切", re.I)
_SENTENCE_ENDS = tuple(".。?？:：;；")
_ARTICLE = re.compile(r"^The\s+", re.I)
_KIND_LABEL = {
    LG.OralQuestion: ("口頭", "Oral question"),
    LG.WrittenQuestion: ("書面", "Written question"),
    LG.UrgentQuestion: ("急切", "Urgent question"),
}


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
        start = _START.match(line) or _LISTED.match(line) if section is not None else None
        if start:
            kind = LG.WrittenQuestion if start["star"] else section
            current = Question(int(start["n"]), start["asker"].strip(), kind)
            questions.append(current)
            reading_posts = start.re is _LISTED
            continue
        if current is None:
            continue
        subject = _SUBJECT.match(line) if reading_posts and not current.posts else None
        if subject and current.subject is None:
            current.subject = subject["subject"].strip()
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
    if question.subject:
        out.add(iri, DCTERMS.title, out.text(question.subject))
    name = person_name(question.asker)
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
