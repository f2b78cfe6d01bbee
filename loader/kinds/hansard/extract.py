"""A Hansard as linked data: the sitting's record (``lg:Hansard``), who attended, the order of
business as sections with their items, every speech (``lg:Speech``) with its speaker, the
Council questions as spoken, and the divisions as the vote events vrdb keys the same way.

One record, two languages: the English and the Chinese Hansard of a sitting are one
``{meeting}/hansard`` loaded into two named graphs, and a speech is one node whichever version
it is read from — ``{meeting}/speech/{n}`` with ``n`` the number of its PDF bookmark
(``SP_LC_DPSD_00206`` → 206, as HansardDB's Rundown gives it) when the form carries one (the
JSON's ``bookmark``, a PDF's named destinations), else
``{meeting}/speech/p{order}``, its place among the record's speeches: the translation keeps
the floor record's speeches one for one, so both versions key a speech alike.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, XSD

from loader.ids import Iris
from loader.kinds.common import Extraction
from loader.kinds.common.context import Context, date_label
from loader.kinds.common.graph import short_label
from loader.kinds.hansard import votes
from loader.kinds.hansard.destinations import assign_bookmarks, speech_destinations
from loader.kinds.hansard.people import People
from loader.kinds.hansard.reader import read
from loader.kinds.hansard.record import Record, Speech
from loader.text import detect_language
from loader.vocab import LG, SCHEMA

_SPEECH_MARK = re.compile(r"^[A-Z]{2,}_[A-Z0-9_]*?(?P<n>\d+)$")
_QUESTION_TYPES = {
    "oral-questions": LG.OralQuestion,
    "written-questions": LG.WrittenQuestion,
    "urgent-questions": LG.UrgentQuestion,
}
_QUESTION_WORDS = {
    LG.OralQuestion: ("Oral question", "口頭"),
    LG.WrittenQuestion: ("Written question", "書面"),
    LG.UrgentQuestion: ("Urgent question", "急切"),
}


def extract(
    text: str,
    *,
    language: str,
    base_iri: str,
    origin: str | None = None,
    pdf: bytes | None = None,
) -> Extraction:
    """The graph of one Hansard (PDF text, HTML text or the floor record's JSON); ``pdf``, the
    PDF the text came from, gives the speeches the bookmarks its named destinations hold."""
    record = read(text)
    if pdf is not None:
        assign_bookmarks(record.speeches, speech_destinations(pdf))
    ctx = Context(Iris(base_iri), language, "")
    meeting = ctx.meeting(ctx.council(), record.date)
    document = URIRef(f"{meeting}/hansard")
    title = _title(record.date, language)
    web = origin if origin and urlsplit(origin).scheme in ("http", "https") else None
    url = record.url or web
    _write_record(ctx, record, document, meeting, title, url)
    people = People(ctx, record, meeting, document)
    sections = _write_sections(ctx, record, document)
    iris = _write_speeches(ctx, record, document, meeting, sections, people, url)
    _write_questions(ctx, record, meeting, iris)
    votes.write_divisions(ctx, record, meeting, sections, iris)
    return Extraction(ctx.out.graph, document, title, _warnings(record))


def speech_key(speech: Speech) -> str:
    """The speech's key in its meeting: the bookmark's number, else ``p{order}``."""
    found = _SPEECH_MARK.match(speech.bookmark or "")
    return found["n"].lstrip("0") or "0" if found else f"p{speech.order}"


def _title(date: dt.date, language: str) -> str:
    when = date_label(date, language)
    if language.startswith("zh"):
        return f"立法會{when}會議過程正式紀錄"
    return f"Official Record of Proceedings of the Legislative Council, {when}"


def _write_record(
    ctx: Context, record: Record, document: URIRef, meeting: URIRef, title: str, url: str | None
) -> None:
    out = ctx.out
    out.resource(document, LG.Hansard, title)
    out.add(document, DCTERMS.title, out.text(title))
    out.add(document, DCTERMS.date, Literal(record.date.isoformat(), datatype=XSD.date))
    out.add(document, LG.forMeeting, meeting)
    if record.started:
        out.add(document, LG.sittingStart, Literal(record.started.isoformat(), datatype=XSD.time))
    ends = [(kind, time) for kind, time in record.events if kind in ("adjourned", "suspended")]
    if ends:
        kind, time = ends[-1]
        out.add(document, LG.sittingEndedBy, Literal(kind))
        if time:
            out.add(document, LG.sittingEnd, Literal(time.isoformat(), datatype=XSD.time))
    if url:
        out.add(document, SCHEMA.url, URIRef(url))


def _write_sections(ctx: Context, record: Record, document: URIRef) -> list[list[URIRef]]:
    """Each section of the order of business and its items; returns [section, *items] each."""
    out = ctx.out
    written: list[list[URIRef]] = []
    for index, section in enumerate(record.sections, start=1):
        iri = URIRef(f"{document}/section/{index}")
        out.resource(iri, LG.Section, section.title)
        out.add(iri, LG.partOfDocument, document)
        out.add(iri, LG.position, Literal(index, datatype=XSD.integer))
        out.add(iri, DCTERMS.title, out.text(section.title))
        row = [iri]
        for number, item in enumerate(section.items, start=1):
            child = URIRef(f"{iri}/item/{number}")
            out.resource(child, LG.Section, short_label(item, 120))
            out.add(child, LG.partOfDocument, document)
            out.add(child, LG.parentSection, iri)
            out.add(child, LG.position, Literal(number, datatype=XSD.integer))
            out.add(child, DCTERMS.title, out.text(item))
            row.append(child)
        written.append(row)
    return written


def section_of(record: Record, sections: list[list[URIRef]], speech: Speech) -> URIRef | None:
    """The innermost part of the business ``speech`` belongs to: its item, else its section."""
    if speech.section is None or speech.section >= len(sections):
        return None
    row = sections[speech.section]
    items = record.sections[speech.section].items
    if speech.item is not None and speech.item in items:
        return row[items.index(speech.item) + 1]
    return row[0]


def _write_speeches(
    ctx: Context,
    record: Record,
    document: URIRef,
    meeting: URIRef,
    sections: list[list[URIRef]],
    people: People,
    url: str | None,
) -> list[URIRef]:
    out = ctx.out
    iris: list[URIRef] = []
    zh = ctx.language.startswith("zh")
    for speech in record.speeches:
        iri = URIRef(f"{meeting}/speech/{speech_key(speech)}")
        iris.append(iri)
        text_language = _text_language(speech, ctx.language)
        label = (
            f"{speech.label}：{short_label(speech.text, 50)}"
            if zh
            else (f"{speech.label}: {short_label(speech.text, 50)}")
        )
        out.resource(iri, LG.Speech)
        out.add(iri, RDFS.label, Literal(label, lang=ctx.language))
        out.add(iri, LG.recordedIn, document)
        out.add(iri, LG.spokenAt, meeting)
        out.add(iri, LG.position, Literal(speech.order, datatype=XSD.integer))
        out.add(iri, LG.speakerLabel, out.text(speech.label))
        out.add(iri, LG.speakerRole, Literal(speech.role))
        out.add(iri, LG.speaker, people.speaker(speech))
        if speech.language in ("yue", "cmn", "en"):
            out.add(iri, LG.deliveredIn, Literal(speech.language))
        if speech.text:
            out.add(iri, LG.text, Literal(speech.text, lang=text_language))
        out.add(iri, LG.speechSection, section_of(record, sections, speech))
        if speech.page:
            out.add(iri, LG.page, Literal(speech.page, datatype=XSD.integer))
        if speech.bookmark:
            out.add(iri, LG.bookmark, Literal(speech.bookmark))
            if url:
                link = f"{url.split('#', 1)[0]}#nameddest={speech.bookmark}"
                out.add(iri, FOAF.page, URIRef(link))
        if speech.part:
            out.add(iri, LG.questionPart, Literal(speech.part))
    return iris


def _text_language(speech: Speech, language: str) -> str:
    """The language of a speech's words: the floor record keeps English speeches in English."""
    if language == "en" or not speech.text:
        return language
    return "en" if detect_language(speech.text) == "en" else language


def _write_questions(ctx: Context, record: Record, meeting: URIRef, iris: list[URIRef]) -> None:
    """The Council questions the speeches ask, supplement and answer, as the agendas key them."""
    out = ctx.out
    for speech, iri in zip(record.speeches, iris, strict=True):
        if speech.question is None or speech.section is None:
            continue
        kind = _QUESTION_TYPES.get(record.sections[speech.section].kind)
        if kind is None:
            continue
        question = ctx.iris.question(record.date, speech.question)
        out.add(iri, LG.aboutQuestion, question)
        asker = out.graph.value(iri, LG.speaker) if speech.part == "question" else None
        if asker is not None and out.graph.value(question, LG.askedBy) is None:
            out.add(question, LG.askedBy, asker)
        if question in ctx.written:
            continue
        ctx.written.add(question)
        label = _question_label(speech.question, record, kind, ctx.language)
        out.resource(question, LG.CouncilQuestion, label)
        out.add(question, DCTERMS.date, Literal(record.date.isoformat(), datatype=XSD.date))
        out.add(question, LG.questionNumber, Literal(speech.question, datatype=XSD.integer))
        out.add(question, LG.questionType, kind)
        out.add(question, LG.askedAt, meeting)
        if speech.item:
            out.add(question, DCTERMS.title, out.text(speech.item))


def _question_label(number: int, record: Record, kind: URIRef, language: str) -> str:
    when = date_label(record.date, language)
    en, zh = _QUESTION_WORDS[kind]
    if language.startswith("zh"):
        return f"{when}立法會會議第{number}項{zh}質詢"
    return f"{en} {number} at the Council meeting on {when}"


def _warnings(record: Record) -> tuple[str, ...]:
    """What a partial record lacks: attendance, a section heading, a division's result."""
    warnings = []
    if not record.attendance:
        warnings.append("no attendance lists: the record's front matter may be missing")
    if not record.sections:
        warnings.append("no order-of-business headings: speeches are not placed in sections")
    return tuple(warnings)
