"""HansardDB → Council questions, the Council's subjects (topics), speakers, voting results.

A question's IRI is the documents' rule, ``question/{date}/{n}``: ``n`` is the number in the
Hansard bookmark (``orq01``, ``wrq22``: LegCo numbers oral and written questions in one
sequence) and the date the meeting's agenda date (a meeting may run over several days).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from loader.harvest.context import HarvestContext, clean, date_literal, day, describe
from loader.harvest.odata import Page
from loader.harvest.voting import Division
from loader.ids import iri_segment
from loader.vocab import LG

QUESTION_TYPES = {
    "oral": LG.OralQuestion,
    "written": LG.WrittenQuestion,
    "urgent": LG.UrgentQuestion,
}
RESULTS = {"passed": LG.Passed, "negatived": LG.Negatived}
_BOOKMARK = re.compile(r"#nameddest=(?P<mark>[A-Za-z0-9_]+)$")
_QUESTION_MARK = re.compile(r"^(?P<kind>orq|wrq|urq)(?P<number>\d+)$", re.I)
SPEAKER_GRAPH = "odata/hansard/speaker"
#: A speech's bookmark in the Rundown: ``SP_MB_CT_00307`` (speeches only; ``EV_…`` are events).
_SPEECH_MARK = re.compile(r"^SP_[A-Z0-9_]*?_(?P<n>\d+)$")
#: The speaker label opening a Rundown speech: ``MS TANYA CHAN (in Cantonese):``.
_SPEAKER_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Z'’.\- ]{1,80}?)\s*(?:\(in (?P<language>Cantonese|Putonghua|English)\))?"
    r"\s*:\s*"
)
_DELIVERY = {"cantonese": "yue", "putonghua": "cmn", "english": "en"}
_NO_DIVISION = "Decided without a recorded division (vrdb has none for this question)"


def agenda_dates(pages: list[Page]) -> dict[str, str]:
    """Hansard file URL → the agenda date of its meeting (HansardDB ``Hansard`` rows)."""
    return {
        clean(record["HansardFileURL"]): clean(record.get("AgendaDate") or record["MeetingDate"])
        for page in pages
        for record in page.records
        if clean(record.get("HansardFileURL"))
    }


def write_speakers(ctx: HarvestContext, pages: list[Page]) -> dict[str, URIRef]:
    """Members among HansardDB speakers, matched by Chinese then English name; SpeakerID →
    Member. Public officers and Council offices (Type PO, LC) are not Members."""
    directory = ctx.reconciliation.directory
    speakers: dict[str, URIRef] = {}
    for page in pages:
        for record in page.records:
            if clean(record.get("Type")).upper() != "MB":
                continue
            graph = ctx.graphs.take(SPEAKER_GRAPH, page)
            names = [
                (clean(record.get("NameChi")), "zh-Hant"),
                (clean(record.get("NameEng")), "en"),
            ]
            member = ctx.reconciliation.member(graph, "HansardDB Speakers", names)
            if member is None:
                continue
            speaker_id = clean(record["SpeakerID"])
            speakers[speaker_id] = member
            graph.add((member, LG.speakerId, Literal(speaker_id)))
            for name, language in names:
                if name:
                    graph.add((member, SKOS.altLabel, Literal(name, lang=language)))
                    if member in directory.members:
                        directory.add_variant(member, name, language)
    return speakers


def write_subjects(ctx: HarvestContext, pages: list[Page], dates: dict[str, str]) -> None:
    """Each subject taken at a Council meeting as a topic of the Council, linked from the meeting
    (section headings, written in capitals, are not subjects)."""
    for page in pages:
        for record in page.records:
            subject = clean(record.get("Subject"))
            if not subject or subject.upper() == subject:
                continue
            date = day(record.get("MeetingDate"))
            graph = ctx.graphs.take(f"odata/hansard/subject/{ctx.terms.partition(date)}", page)
            graph.add((_council_meeting(ctx, date), LG.topic, _topic(ctx, graph, subject)))


def write_questions(
    ctx: HarvestContext, pages: list[Page], speakers: dict[str, URIRef], dates: dict[str, str]
) -> Counter:
    """Each question with a numbered bookmark; returns counts of rows skipped, by reason."""
    skipped: Counter = Counter()
    for page in pages:
        for record in page.records:
            link = clean(record.get("HansardFileURL"))
            mark = _BOOKMARK.search(link)
            number = _QUESTION_MARK.match(mark["mark"]) if mark else None
            if number is None:
                skipped["no question number in the Hansard link"] += 1
                continue
            date = day(dates.get(link.split("#", 1)[0]) or record.get("MeetingDate"))
            graph = ctx.graphs.take(f"odata/hansard/question/{ctx.terms.partition(date)}", page)
            iri = ctx.iris.question(date, int(number["number"]))
            subject = clean(record.get("Subject"))
            describe(graph, iri, [LG.CouncilQuestion], {"en": subject})
            graph.add((iri, DCTERMS.title, Literal(subject, lang="en")))
            graph.add((iri, DCTERMS.date, date_literal(date)))
            graph.add((iri, LG.questionNumber, Literal(int(number["number"]))))
            kind = QUESTION_TYPES.get(clean(record.get("QuestionType")).casefold())
            if kind is not None:
                graph.add((iri, LG.questionType, kind))
            graph.add((iri, LG.askedAt, _council_meeting(ctx, date)))
            graph.add((iri, FOAF.page, URIRef(link)))
            graph.add((iri, LG.topic, _topic(ctx, graph, subject)))
            asker = speakers.get(clean(record.get("SpeakerID")))
            if asker is None and clean(record.get("Speaker")):
                names = [(clean(record["Speaker"]), "en")]
                asker = ctx.reconciliation.member(
                    graph, "HansardDB Questions", names, ctx.terms.number_of(date)
                )
            if asker is not None:
                graph.add((iri, LG.askedBy, asker))
    return skipped


def write_votes(
    ctx: HarvestContext,
    pages: list[Page],
    dates: dict[str, str],
    divisions: dict[dt.date, list[Division]] | None = None,
) -> None:
    """Each question put to the vote at a Council meeting, with its result: a row that is one
    of vrdb's divisions (``divisions``, by the meeting's first day) adds its Hansard bookmark and
    link to vrdb's ``vote/council/{date}/{n}``; any other is ``vote/council/{date}/hansard/{n}``,
    said to be decided without a recorded division when vrdb's divisions of that meeting are
    known (a voice vote)."""
    rows = sorted(
        (record for page in pages for record in page.records),
        key=lambda record: _mark_number(clean(record.get("HansardFileURL"))),
    )
    pages_of = {id(record): page for page in pages for record in page.records}
    taken: set[URIRef] = set()
    for record in rows:
        link = clean(record.get("HansardFileURL"))
        mark = _BOOKMARK.search(link)
        date = day(record.get("MeetingDate"))
        agenda = day(dates.get(link.split("#", 1)[0])) or date
        graph = ctx.graphs.take(
            f"odata/hansard/vote/{ctx.terms.partition(date)}", pages_of[id(record)]
        )
        subject = clean(record.get("Subject"))
        result = RESULTS.get(clean(record.get("VoteResult")).casefold())
        known = None if divisions is None else divisions.get(agenda, [])
        division = _division_of(subject, result, known or [], taken)
        if division is not None:
            taken.add(division.event)
            iri = division.event
            labels = {"en": division.motion_en, "zh-Hant": division.motion_ch}
            describe(graph, iri, [LG.VoteEvent], labels)
            graph.add((iri, DCTERMS.date, date_literal(division.date)))
        else:
            key = mark["mark"] if mark else f"rundown-{clean(record.get('RundownID'))}"
            iri = ctx.iris.iri(f"vote/council/{date.isoformat()}/hansard/{iri_segment(key)}")
            describe(graph, iri, [LG.VoteEvent], {"en": subject})
            graph.add((iri, DCTERMS.date, date_literal(date)))
            if known is not None:
                graph.add((iri, DCTERMS.description, Literal(_NO_DIVISION, lang="en")))
        if result is not None:
            graph.add((iri, LG.voteResult, result))
        graph.add((iri, LG.atMeeting, _council_meeting(ctx, agenda)))
        if mark:
            graph.add((iri, LG.bookmark, Literal(mark["mark"])))
        if link:
            graph.add((iri, FOAF.page, URIRef(link)))


def _mark_number(link: str) -> tuple[int, str]:
    """Where a bookmark stands in its sitting's record: ``…#nameddest=EV_VOTED_00349`` → 349."""
    found = re.search(r"(\d+)$", link)
    return (int(found.group(1)) if found else 0, link)


def _division_of(
    subject: str, result: URIRef | None, known: list[Division], taken: set[URIRef]
) -> Division | None:
    """The first of the meeting's divisions not yet taken whose motion names ``subject`` (and
    whose result, when both say, is the same); rows come in the record's order, so do these."""
    wanted = _motion_words(subject)
    if not wanted:
        return None
    for division in known:
        if division.event in taken:
            continue
        if result is not None and division.result is not None and division.result != result:
            continue
        words = _motion_words(division.motion_en)
        if wanted in words or (words and words in wanted):
            return division
    return None


def _motion_words(text: str) -> str:
    """A motion's words for matching: width, case, quotes and punctuation folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w()]+", " ", text).split())


def write_rundown(ctx: HarvestContext, pages: list[Page], speakers: dict[str, URIRef]) -> None:
    """Each speech of the Rundown (a ``SP_…_00206`` bookmark) as the lg:Speech the Hansard kind
    writes for it: ``{meeting}/speech/206`` at the sitting's meeting, with its speaker, label,
    language of delivery, English text and the PDF link; events and headings are not speeches."""
    for page in pages:
        for record in page.records:
            mark = _SPEECH_MARK.match(clean(record.get("BookmarkName")))
            date = day(record.get("MeetingDate"))
            if mark is None or date is None:
                continue
            graph = ctx.graphs.take(f"odata/hansard/rundown/{ctx.terms.partition(date)}", page)
            meeting = _council_meeting(ctx, date)
            iri = URIRef(f"{meeting}/speech/{int(mark['n'])}")
            content = str(record.get("Content") or "").strip()
            said = _SPEAKER_LABEL.match(content)
            label = " ".join(said["label"].split()) if said else ""
            text = content[said.end() :].strip() if said else content
            describe(graph, iri, [LG.Speech], {"en": f"{label}: {text[:50]}".strip(": ")})
            graph.add((iri, LG.spokenAt, meeting))
            graph.add((iri, LG.recordedIn, _hansard_record(ctx, graph, meeting, date)))
            graph.add((iri, LG.bookmark, Literal(mark.group(0))))
            if label:
                graph.add((iri, LG.speakerLabel, Literal(label, lang="en")))
            if said and said["language"]:
                graph.add((iri, LG.deliveredIn, Literal(_DELIVERY[said["language"].casefold()])))
            if text:
                graph.add((iri, LG.text, Literal(text, lang="en")))
            link = clean(record.get("HansardFileURL"))
            if link:
                graph.add((iri, FOAF.page, URIRef(link)))
            speaker = speakers.get(clean(record.get("SpeakerID")))
            if speaker is not None:
                graph.add((iri, LG.speaker, speaker))


def _hansard_record(ctx: HarvestContext, graph, meeting: URIRef, date) -> URIRef:
    """The sitting's Hansard, ``{meeting}/hansard``, as the hansard kind names it."""
    iri = URIRef(f"{meeting}/hansard")
    describe(
        graph, iri, [LG.Hansard], {"en": f"Official Record of Proceedings, {date.isoformat()}"}
    )
    graph.add((iri, LG.forMeeting, meeting))
    graph.add((iri, DCTERMS.date, date_literal(date)))
    return iri


def _council_meeting(ctx: HarvestContext, date) -> URIRef:
    return ctx.iris.meeting(ctx.iris.committee("council"), date)


def _topic(ctx: HarvestContext, graph, subject: str) -> URIRef:
    """The Council topic named ``subject``: ``committee/council/topics/{key}``."""
    council = ctx.iris.committee("council")
    iri = ctx.iris.topic(council, subject)
    describe(graph, iri, [LG.Topic], {"en": subject})
    graph.add((iri, SKOS.inScheme, ctx.iris.topic_scheme(council)))
    return iri
