"""Government LCQ press releases: a Council question and the reply given to it.

``extract`` turns the cleaned text of one release (English, Traditional or Simplified Chinese)
into a graph: the release (``lg:PressRelease``), the question it reports (the same
``lg:CouncilQuestion`` ``question/{date}/{n}`` a Council agenda lists), its asker, the answering
posts and bureaux, the question's parts and the reply's paragraphs (``lg:GovernmentResponse``).
The release says only "today (April 10)": the year comes from its URL or file name
(``…/202404/10/P2024041000242.htm``), else from its ``Ends/…`` trailer.
"""

import datetime as dt
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, XSD

from loader.government_bodies import write_answering_body
from loader.ids import Iris, iri_segment
from loader.kinds.common import Extraction, NotReadable
from loader.kinds.common.context import Context, date_label
from loader.kinds.common.graph import short_label
from loader.kinds.common.questions import Question
from loader.kinds.lcq.layout import (
    ReleaseLayout,
    origin_date,
    release_number,
    split_release,
)
from loader.kinds.lcq.people import (
    Officer,
    asker_label,
    officers,
    traditional,
)
from loader.names import person_name
from loader.vocab import LG, SCHEMA

_KIND_WORDS = {
    LG.OralQuestion: ("Oral question", "口頭", "口头"),
    LG.WrittenQuestion: ("Written question", "書面", "书面"),
    LG.UrgentQuestion: ("Urgent question", "急切", "急切"),
}


def extract(text: str, *, language: str, base_iri: str, origin: str | None = None) -> Extraction:
    """The graph of one cleaned LCQ release; ``origin`` is its URL or file name, if known."""
    layout = split_release(text)
    if layout.opening is None:
        raise NotReadable("no opening sentence naming the question's asker and replying officer")
    if layout.number is None:
        raise NotReadable("no question number: the title (LCQ10: … / 立法會十題：…) is missing")
    issued = origin_date(origin) or layout.issued_on
    if issued is None:
        raise NotReadable("no date: neither the release's URL/file name nor an Ends/完 trailer")
    date = _meeting_date(issued, layout.today)
    ctx = Context(Iris(base_iri), language, "")
    meeting = ctx.meeting(ctx.council(), date)
    question = ctx.iris.question(date, layout.number)
    release = URIRef(f"{question}/release/{iri_segment(language.lower())}")
    title = layout.title
    assert title is not None  # the number comes from the title
    _write_release(ctx, release, question, title, issued, origin)
    kind = _kind(layout)
    _write_question(ctx, question, meeting, date, layout, kind)
    _write_parts(ctx, release, question, layout)
    _write_reply(
        ctx, release, question, meeting, question_label(layout.number, date, kind, language), layout
    )
    return Extraction(
        graph=ctx.out.graph, document=release, title=title, warnings=_warnings(layout, issued, date)
    )


def _warnings(layout: ReleaseLayout, issued: dt.date, date: dt.date) -> tuple[str, ...]:
    """What a partial release lacks, and a question dated otherwise than the release."""
    warnings = []
    if not layout.question:
        warnings.append("no question text after the opening: the release may be cut short")
    if not layout.reply:
        warnings.append("no reply after the question: the release may be cut short")
    if issued != date:
        warnings.append(f"released on {issued.isoformat()} about the meeting of {date.isoformat()}")
    return tuple(warnings)


def _meeting_date(issued: dt.date, today: tuple[int, int] | None) -> dt.date:
    """The meeting day: the opening's "today (April 10)" in the year the release was issued."""
    if today is None:
        return issued
    try:
        return dt.date(issued.year, *today)
    except ValueError:
        return issued


def _kind(layout: ReleaseLayout) -> URIRef:
    if layout.urgent:
        return LG.UrgentQuestion
    return LG.WrittenQuestion if layout.written else LG.OralQuestion


def _write_release(
    ctx: Context, release: URIRef, question: URIRef, title: str, issued: dt.date, origin: str | None
) -> None:
    out = ctx.out
    out.resource(release, LG.PressRelease, title)
    out.add(release, DCTERMS.title, out.text(title))
    out.add(release, DCTERMS.language, Literal(ctx.language))
    out.add(release, DCTERMS.date, Literal(issued.isoformat(), datatype=XSD.date))
    out.add(release, FOAF.primaryTopic, question)
    out.add(release, DCTERMS.identifier, release_number(origin))
    if origin and urlsplit(origin).scheme in ("http", "https"):
        out.add(release, SCHEMA.url, URIRef(origin))


def question_label(number: int, date: dt.date, kind: URIRef, language: str) -> str:
    """``Written question 10 at the Council meeting on 10 April 2024`` / ``…第10項書面質詢``."""
    when = date_label(date, language)
    en, hant, hans = _KIND_WORDS[kind]
    if language == "zh-Hans":
        return f"{when}立法会会议第{number}项{hans}质询"
    if language.startswith("zh"):
        return f"{when}立法會會議第{number}項{hant}質詢"
    return f"{en} {number} at the Council meeting on {when}"


def _write_question(
    ctx: Context,
    question: URIRef,
    meeting: URIRef,
    date: dt.date,
    layout: ReleaseLayout,
    kind: URIRef,
) -> None:
    out, language = ctx.out, ctx.language
    assert layout.number is not None and layout.asker is not None
    out.resource(question, LG.CouncilQuestion)
    for tag in {"en", "zh-Hant", language}:
        out.add(
            question, RDFS.label, Literal(question_label(layout.number, date, kind, tag), lang=tag)
        )
    out.add(question, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date))
    out.add(question, LG.questionNumber, Literal(layout.number, datatype=XSD.integer))
    out.add(question, LG.questionType, kind)
    out.add(question, LG.askedAt, meeting)
    if layout.subject:
        out.add(question, DCTERMS.title, out.text(layout.subject))
    if layout.question:
        out.add(question, LG.text, out.text("\n".join(layout.question)))
    name = person_name(layout.asker)
    member = ctx.member(traditional(name, language), asker_label(layout.asker))
    out.add(question, LG.askedBy, member)
    for officer in officers(layout.officers or ""):
        out.add(question, LG.answeringPost, out.text(officer.post))
        body = write_answering_body(ctx, officer.post, date)
        if body is not None:
            out.add(question, LG.answeringBody, body)


def _write_officer(ctx: Context, officer: Officer) -> URIRef | None:
    """The named officer as an ``lg:PublicOfficer`` with the post the release gives."""
    if not officer.name:
        return None
    name = person_name(officer.name)
    iri = ctx.iris.officer_from_name(traditional(name, ctx.language))
    ctx.out.resource(iri, LG.PublicOfficer, name)
    ctx.out.add(iri, FOAF.name, ctx.out.text(name))
    ctx.out.add(iri, LG.post, ctx.out.text(officer.post))
    return iri


def question_parts(layout: ReleaseLayout) -> list[tuple[str, str]]:
    """The question's ``(a)``/``(1)``/``(一)`` parts, read as Council agendas read them."""
    return Question(layout.number or 0, layout.asker or "", LG.OralQuestion, layout.question).parts


def _write_parts(ctx: Context, release: URIRef, question: URIRef, layout: ReleaseLayout) -> None:
    """The question's ``(a)``/``(1)``/``(一)`` parts as paragraphs of the release."""
    out = ctx.out
    parts = question_parts(layout)
    for position, (label, part) in enumerate(parts, start=1):
        paragraph = ctx.iris.paragraph(release, f"question-{label}")
        out.resource(paragraph, LG.Paragraph, f"({label}) {short_label(part)}")
        out.add(paragraph, LG.partOfDocument, release)
        out.add(paragraph, DCTERMS.isPartOf, question)
        out.add(paragraph, LG.paragraphNumber, Literal(label))
        out.add(paragraph, LG.position, Literal(position, datatype=XSD.integer))
        out.add(paragraph, LG.text, out.text(part))


def _write_reply(
    ctx: Context,
    release: URIRef,
    question: URIRef,
    meeting: URIRef,
    label: str,
    layout: ReleaseLayout,
) -> None:
    """The reply as an ``lg:GovernmentResponse`` whose paragraphs are the release's."""
    if not layout.reply:
        return
    out = ctx.out
    zh = ctx.language.startswith("zh")
    response = URIRef(f"{release}/reply")
    out.resource(response, LG.GovernmentResponse, f"{label}{'的答覆' if zh else ': reply'}")
    out.add(response, LG.respondsTo, question)
    out.add(response, LG.raisedAt, meeting)
    out.add(response, LG.text, out.text("\n".join(layout.reply)))
    out.add(response, LG.attribution, out.text(layout.officers or ""))
    for officer in officers(layout.officers or ""):
        out.add(response, DCTERMS.creator, _write_officer(ctx, officer))
    respondents = set(out.graph.objects(question, LG.answeringBody))
    for body in respondents or {ctx.generic_body("政府當局")}:
        out.add(response, LG.respondent, body)
    first_part = len(question_parts(layout))
    for index, text in enumerate(layout.reply, start=1):
        paragraph = ctx.iris.paragraph(release, f"reply-{index}")
        out.resource(paragraph, LG.Paragraph, short_label(text))
        out.add(paragraph, LG.partOfDocument, release)
        out.add(paragraph, DCTERMS.isPartOf, response)
        out.add(paragraph, LG.paragraphNumber, Literal(str(index)))
        out.add(paragraph, LG.position, Literal(first_part + index, datatype=XSD.integer))
        out.add(paragraph, LG.text, out.text(text))
        if index == 1:
            out.evidence(response, paragraph, text, 0, len(text))
        else:
            out.add(response, LG.sourceParagraph, paragraph)
