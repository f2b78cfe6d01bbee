"""What agendas and minutes both write about a meeting: its committee, time and place, its
numbered items and the papers each lists (kind, issuer, issue date, cover paper, file URL)."""

import datetime as dt
import re
from collections import Counter

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from loader.kinds.common.context import Context
from loader.kinds.common.dates import parse_date
from loader.kinds.common.graph import short_label
from loader.kinds.common.items import AgendaLayout, Item, PaperEntry
from loader.kinds.common.tables import looks_like_committee
from loader.paper_numbers import panel_paper_url
from loader.vocab import LG, SCHEMA

#: Hong Kong time, for the meeting's start as an ``xsd:dateTime``.
HONG_KONG = dt.timezone(dt.timedelta(hours=8))
_MEETING_SUFFIX = re.compile(r"\s*(?:會議|特別會議|Meeting)$", re.I)
_BRIEF = re.compile(r"背景資料簡介|background brief", re.I)
_MINUTES = re.compile(r"紀要|^minutes\b", re.I)
_ADMINISTRATION = re.compile(r"政府當局|\bAdministration\b")
_SECRETARIAT = re.compile(r"立法會秘書處|(?:Legislative Council|LegCo) Secretariat", re.I)


def heading_names(layout: AgendaLayout) -> list[str]:
    """The heading lines that may name the committee, without ``會議``/``Meeting`` after it."""
    return [_MEETING_SUFFIX.sub("", line) for line in layout.committee_lines]


def committee_of(ctx: Context, layout: AgendaLayout) -> URIRef | None:
    """The first heading line naming a curated committee (the Council only when none other)."""
    names = heading_names(layout)
    curated = [name for name in names if ctx.tables.committee(name) is not None]
    council = ctx.iris.committee("council")
    curated.sort(key=lambda name: ctx.tables.committee(name) == council)
    if curated:
        return ctx.committee(curated[0])
    return next((ctx.committee(name) for name in names if looks_like_committee(name)), None)


def write_meeting(ctx: Context, meeting: URIRef, date: dt.date, layout: AgendaLayout) -> None:
    """The meeting's start (Hong Kong time) and venue, as its heading gives them."""
    out = ctx.out
    start = layout.start_time
    if start is not None:
        moment = dt.datetime.combine(date, start, tzinfo=HONG_KONG).isoformat()
        out.add(meeting, SCHEMA.startDate, Literal(moment, datatype=XSD.dateTime))
    if layout.venue:
        out.add(meeting, SCHEMA.location, out.text(layout.venue))


def write_item(ctx: Context, committee: URIRef, meeting: URIRef, item: Item) -> None:
    """The numbered item of ``meeting``, and every paper it lists."""
    out = ctx.out
    iri = ctx.iris.agenda_item(meeting, item.roman)
    out.resource(iri, LG.AgendaItem, f"{item.roman}. {short_label(item.title)}")
    out.add(iri, LG.itemOf, meeting)
    out.add(iri, LG.itemNumber, Literal(item.roman))
    out.add(iri, LG.position, Literal(item.position, datatype=XSD.integer))
    out.add(iri, DCTERMS.title, out.text(item.title))
    if item.time_slot:
        out.add(iri, LG.timeSlot, out.text(item.time_slot))
    for entry in item.papers:
        for number in entry.numbers:
            _write_paper(ctx, committee, meeting, iri, entry, ctx.iris.paper(number), str(number))


def write_paper_files(ctx: Context, committee: URIRef, date: dt.date, items: list[Item]) -> None:
    """``schema:url`` of the files of a Panel meeting's own papers, where derivable.

    A meeting's own papers are the batch issued for it: the LC Paper No. that most of the listed
    sub-numbered papers share (``CB(1)1200/07-08(01)`` … ``(07)``); their files are named after
    the meeting's date (``paper_numbers.panel_paper_url`` says which cases are reliable). Papers
    of other batches (earlier minutes, papers issued for another meeting) get no URL, since
    their file names carry a date this document does not give.
    """
    prefix = f"{ctx.iris.base}committee/panel/"
    if not committee.startswith(prefix):
        return
    panel = committee[len(prefix) :]
    entries = [entry for item in items for entry in item.papers]
    batches = Counter(
        (n.division, n.serial, n.session) for e in entries for n in e.numbers if n.subs
    ).most_common(2)
    if not batches or (len(batches) > 1 and batches[0][1] == batches[1][1]):
        return
    batch = batches[0][0]
    for entry in entries:
        languages = [entry.only_language] if entry.only_language else ["en", "zh-Hant"]
        for number in entry.numbers:
            if (number.division, number.serial, number.session) != batch:
                continue
            for language in languages:
                url = panel_paper_url(number, panel, date, language)
                if url is not None:
                    ctx.out.add(ctx.iris.paper(number), SCHEMA.url, URIRef(url))


def _write_paper(
    ctx: Context,
    committee: URIRef,
    meeting: URIRef,
    item: URIRef,
    entry: PaperEntry,
    paper: URIRef,
    number: str,
) -> None:
    out = ctx.out
    first = paper not in ctx.written
    ctx.written.add(paper)
    description = entry.description
    rdf_class, earlier = _kind(description, committee, ctx)
    if first:
        out.resource(paper, rdf_class, short_label(description) if description else number)
        out.add(paper, LG.paperNumber, Literal(number))
        if description:
            out.add(paper, DCTERMS.title, out.text(description))
    out.add(paper, LG.consideredUnder, item)
    out.add(paper, LG.minutesOf if earlier is not None else LG.forMeeting, earlier or meeting)
    for qualifier in entry.qualifiers:
        out.add(paper, SKOS.note, out.text(qualifier))
    if entry.only_language is not None:
        out.add(paper, DCTERMS.language, Literal(entry.only_language))
    issuer = _issuer(ctx, description)
    out.add(paper, DCTERMS.creator, issuer)
    if entry.issue_date is not None:
        out.add(paper, DCTERMS.date, Literal(entry.issue_date.isoformat(), datatype=XSD.date))
    cover = entry.issued_via
    if cover is not None:
        cover_iri = ctx.iris.paper(cover)
        if cover_iri not in ctx.written:
            ctx.written.add(cover_iri)
            out.resource(cover_iri, LG.Paper, str(cover))
            out.add(cover_iri, LG.paperNumber, Literal(str(cover)))
        out.add(paper, LG.issuedVia, cover_iri)


def _kind(description: str, committee: URIRef, ctx: Context) -> tuple[URIRef, URIRef | None]:
    """The paper's class by its wording, and the earlier meeting when it is minutes of one."""
    if _BRIEF.search(description):
        return LG.BackgroundBrief, None
    if _MINUTES.search(description):
        date = parse_date(description)
        if date is not None:
            return LG.Minutes, ctx.meeting(committee, date)
        return LG.Paper, None
    if _ADMINISTRATION.search(description):
        return LG.AdministrationPaper, None
    return LG.Paper, None


def _issuer(ctx: Context, description: str) -> URIRef | None:
    """The body the description names as issuer: the Administration or the Secretariat."""
    if _SECRETARIAT.search(description):
        return ctx.org("立法會秘書處")
    if _ADMINISTRATION.search(description):
        return ctx.generic_body("政府當局")
    return None
