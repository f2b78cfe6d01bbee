"""Committee minutes (會議紀要 / "Minutes of meeting"), Chinese or English.

``extract`` turns the cleaned text of the minutes of a Panel, Subcommittee or Bills Committee
meeting into a graph: the minutes (LC Paper No., file reference), their meeting (the same IRI
and description an agenda of that meeting gives), who attended (``minutes_attendance``), the
agenda items with their papers (written as agendas write them), the numbered paragraphs
under each item, members' concerns and the Administration's replies (as in briefs), follow-up
actions (``minutes_actions``) and the papers the paragraphs cite. What is missing from a
partial text is reported as a warning; no date or committee is an error.
"""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from loader.ids import Iris
from loader.kinds.common import Extraction, NotReadable
from loader.kinds.common.context import Context, of_meeting
from loader.kinds.common.dates import parse_date
from loader.kinds.common.evidence import cross_check, learn_committee, meeting_url
from loader.kinds.common.items import AgendaLayout, Item
from loader.kinds.common.meeting import committee_of, write_item, write_meeting, write_paper_files
from loader.kinds.common.paragraphs import write_discussion, write_structure
from loader.kinds.common.script import in_script, readable
from loader.kinds.common.structure import BriefLayout, Section
from loader.kinds.minutes.actions import write_actions
from loader.kinds.minutes.attendance import Attendee, read_attendance, write_attendance
from loader.kinds.minutes.detect import TITLE
from loader.kinds.minutes.flat import unflatten
from loader.kinds.minutes.layout import MinutesLayout, read_body, split_minutes
from loader.paper_numbers import find_paper_numbers
from loader.vocab import LG, OA

_TITLE_TAIL = re.compile(r"\s*(?:會議紀要|紀要)$")
_FILE_REFERENCE = re.compile(r"^(?:Ref(?:erence)?\.?|檔號)\s*[:：]?\s*(?P<ref>[A-Z0-9][\w()/.-]*)$")
#: ``… held on Monday, 14 April 2008, at 2:30 pm in Conference Room A``: where the venue starts.
_VENUE_START = re.compile(r"\s+(?=in\s+[A-Z])")
_SECRETARIAT = re.compile(r"^(?:立法會秘書處|Legislative Council Secretariat)$", re.I)
_CHAIRMAN = re.compile(r"^(?:The\s+Chairman\b|主席(?!團))")


def extract(text: str, *, language: str, base_iri: str, origin: str | None = None) -> Extraction:
    """The graph of one cleaned set of committee minutes; ``origin`` (its URL or file name) is
    evidence of its committee and date."""
    url = meeting_url(text, origin)
    layout = split_minutes(unflatten(readable(text, language)))
    layout.header = _heading_lines(layout.header)
    heading = layout.heading
    ctx = Context(
        Iris(base_iri), language, "\n".join(line for i in layout.items for line in i.lines)
    )
    learn_committee(ctx, [_TITLE_TAIL.sub("", line) for line in layout.header], url)
    facts = cross_check(
        ctx, url, _find_committee(ctx, layout.header), heading.meeting_date, "the minutes"
    )
    committee, date = facts.committee, facts.date
    if date is None:
        raise NotReadable("no meeting date in the minutes' heading")
    if committee is None:
        raise NotReadable("no committee named in the minutes' heading")
    meeting = ctx.meeting(committee, date)
    write_meeting(ctx, meeting, date, heading)
    numbers = [found for line in layout.header for found, _, _ in find_paper_numbers(line)]
    minutes = ctx.iris.paper(numbers[0]) if numbers else ctx.iris.minutes(meeting)
    title = _write_minutes(ctx, minutes, meeting, layout, str(numbers[0]) if numbers else None)
    people, warnings = read_attendance(layout.attendance)
    members = write_attendance(ctx, meeting, minutes, people)
    if not people:
        warnings.append("no attendance list found")
    for item in layout.items:
        write_item(
            ctx, committee, meeting, Item(item.roman, item.position, item.title, papers=item.papers)
        )
    write_paper_files(
        ctx,
        committee,
        date,
        [Item(i.roman, i.position, i.title, papers=i.papers) for i in layout.items],
    )
    if layout.items:
        _write_body(ctx, meeting, minutes, title, layout, members, people)
    else:
        warnings.append("no numbered agenda items: the text may be cut short")
    if layout.items and not layout.sign_off:
        warnings.append("no Secretariat sign-off after the last item: the text may be cut short")
    warnings = facts.warnings + warnings
    return in_script(Extraction(ctx.out.graph, minutes, title, tuple(warnings)), language)


def _heading_lines(header: list[str]) -> list[str]:
    """Heading lines with a venue that clean-up joined to the date line put on its own line."""
    out: list[str] = []
    for line in header:
        if parse_date(line) and not line.startswith("in "):
            parts = _VENUE_START.split(line)
            out.extend([" ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
        else:
            out.append(line)
    return out


def _find_committee(ctx: Context, header: list[str]) -> URIRef | None:
    """The committee the heading names, found as agendas find it, the Council banner aside.

    Minutes are always of a committee: the ``立法會 / Legislative Council`` banner above the
    heading is the publisher, never the body that met.
    """
    council = ctx.iris.committee("council")
    names = [
        _TITLE_TAIL.sub("", line)
        for line in header
        if not TITLE.match(line) and ctx.tables.committee(_TITLE_TAIL.sub("", line)) != council
    ]
    return committee_of(ctx, AgendaLayout(header=names, items=[], sign_off=[]))


def _write_minutes(
    ctx: Context, minutes: URIRef, meeting: URIRef, layout: MinutesLayout, number: str | None
) -> str:
    out = ctx.out
    zh = ctx.language.startswith("zh")
    labels = ctx.meeting_labels[meeting]
    meeting_label = labels.get(ctx.language) or next(iter(labels.values()))
    title = of_meeting("紀要" if zh else "Minutes", meeting_label, ctx.language)
    out.resource(minutes, LG.Minutes, title)
    out.add(minutes, DCTERMS.title, out.text(title))
    out.add(minutes, DCTERMS.language, Literal(ctx.language))
    out.add(minutes, LG.minutesOf, meeting)
    if number is not None:
        out.add(minutes, LG.paperNumber, Literal(number))
    for line in layout.header:
        reference = _FILE_REFERENCE.match(line)
        if reference:
            out.add(minutes, LG.fileReference, Literal(reference["ref"]))
    signed = next((parse_date(line) for line in layout.sign_off if parse_date(line)), None)
    if signed is not None:
        out.add(minutes, DCTERMS.date, Literal(signed.isoformat(), datatype=XSD.date))
    if any(_SECRETARIAT.match(line) for line in layout.sign_off):
        out.add(minutes, DCTERMS.creator, ctx.org("立法會秘書處"))
    return title


def _write_body(
    ctx: Context,
    meeting: URIRef,
    minutes: URIRef,
    title: str,
    layout: MinutesLayout,
    members: dict[str, URIRef],
    people: list[Attendee],
) -> None:
    """Paragraphs under their items, contributions, actions and cited papers."""
    body = read_body(layout.items)
    sections = [
        Section(
            index,
            heading,
            1 if parent is None else 2,
            "discussion" if parent is None else None,
            parent,
        )
        for index, heading, parent in body.sections
    ]
    brief_layout = BriefLayout([], sections, body.paragraphs, [], None, [])
    paragraphs, _ = write_structure(ctx, minutes, title, brief_layout, None)
    romans = {item.position: item.roman for item in layout.items}
    for index, position in body.item_of_section.items():
        item = ctx.iris.agenda_item(meeting, romans[position])
        ctx.out.add(ctx.iris.section(minutes, index), FOAF.primaryTopic, item)
    write_discussion(ctx, brief_layout, paragraphs, {})
    graph = ctx.out.graph
    for contribution in set(graph.subjects(RDF.type, LG.Contribution)):
        ctx.out.add(contribution, LG.raisedAt, meeting)
    chair = next((ctx.member_iri(p.name) for p in people if p.role == LG.Chairman), None)
    _attribute_named_members(ctx, members, chair)
    pairs = [(p, paragraphs[p.position]) for p in body.paragraphs]
    write_actions(ctx, meeting, pairs, body.markers, chair)
    for paragraph, iri in pairs:
        _write_cited_papers(ctx, minutes, iri, paragraph.text)


def _attribute_named_members(
    ctx: Context, members: dict[str, URIRef], chair: URIRef | None
) -> None:
    """A concern whose words open with a listed Member's name was raised by that Member; one
    the Chairman raised (「主席…」, "The Chairman asked …"), by the Member in the chair."""
    graph = ctx.out.graph
    for concern in set(graph.subjects(RDF.type, LG.Concern)):
        selectors = graph.objects(graph.value(concern, LG.evidence), OA.hasSelector)
        exact = next((str(e) for s in selectors for e in graph.objects(s, OA.exact)), "")
        opening = exact[:40]
        named = [iri for name, iri in members.items() if _short_name(name) in opening]
        if _CHAIRMAN.match(opening) and chair is not None:
            named = [chair]
        if len(named) == 1:
            ctx.out.add(concern, LG.raisedBy, named[0])


def _short_name(name: str) -> str:
    """How running text names a Member: ``Emily LAU`` for ``Emily LAU Wai-hing``."""
    tokens = name.split()
    if len(tokens) > 2 and tokens[0][:1].isupper() and tokens[0][1:].islower():
        return " ".join(tokens[:-1])
    return name


def _write_cited_papers(ctx: Context, minutes: URIRef, paragraph: URIRef, text: str) -> None:
    """Each LC Paper No. in a paragraph: the paper, mentioned there, referenced by the minutes."""
    out = ctx.out
    for found, _, _ in find_paper_numbers(text):
        for number in found.single_papers():
            paper = ctx.iris.paper(number)
            if paper not in ctx.written:
                ctx.written.add(paper)
                out.resource(paper, LG.Paper, str(number))
                out.add(paper, LG.paperNumber, Literal(str(number)))
            out.add(paragraph, LG.mentions, paper)
            out.add(minutes, DCTERMS.references, paper)
