"""LegCo Secretariat background briefs (背景資料簡介 / "Background brief"), Chinese or English.

``extract`` turns the cleaned text of a brief into a graph: the brief, its sections and
numbered paragraphs, discussion topics, members' concerns and the Administration's replies,
listed measures, meetings, Council questions, cited ordinances and policy documents, named
bodies, and the appendix of relevant papers. Every extracted statement points to its paragraph.
"""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from loader.ids import Iris, short_hash
from loader.kinds.brief.appendix import parse_appendix
from loader.kinds.brief.detect import SECRETARIAT, TITLE_LINE
from loader.kinds.brief.links import write_appendix, write_meetings, write_references
from loader.kinds.brief.measures import write_measures
from loader.kinds.brief.raised import write_raised_at
from loader.kinds.common import Extraction, NotReadable
from loader.kinds.common.context import Context
from loader.kinds.common.dates import parse_date
from loader.kinds.common.paragraphs import discussion_sections, write_discussion, write_structure
from loader.kinds.common.structure import BriefLayout, split_layout
from loader.kinds.common.tables import looks_like_committee
from loader.paper_numbers import find_paper_numbers
from loader.vocab import LG

_PREPARED_BY = re.compile(r"\s*prepared by the Legislative Council Secretariat\s*", re.I)
#: A title line that names only the kind of paper; the subject follows on the next line.
_GENERIC_TITLE = re.compile(
    r"(?:立法會秘書處(?:為.{0,30}?會議)?擬備的)?(?:最新)?背景資料簡介"
    r"|(?:updated\s+)?background brief(?:\s+prepared by the Legislative Council Secretariat)?"
    r"(?:\s+for the meeting (?:on|of) .{0,30})?",
    re.I,
)
_HEADER_NOISE = re.compile(
    r"^(?:LC Paper No|立法會CB|Ref\b|檔號|For (?:discussion|information))", re.I
)


def extract(text: str, *, language: str, base_iri: str) -> Extraction:
    """The graph of one cleaned background brief."""
    layout = split_layout(text)
    if not layout.paragraphs:
        raise NotReadable("no numbered paragraphs found")
    iris = Iris(base_iri)
    body = "\n".join(p.text for p in layout.paragraphs)
    ctx = Context(iris, language, body)
    appendix = parse_appendix(layout.appendix, ctx.committee_key)
    for row in appendix.rows:
        if not row.council:
            ctx.learn(row.committee, row.urls)
    ctx.define_all()
    title, committee_name, meeting_date, number = _read_header(layout)
    committee = ctx.committee(committee_name) if committee_name else None
    meeting = ctx.meeting(committee, meeting_date) if committee and meeting_date else None
    if number is not None:
        brief = iris.paper(number)
    elif meeting is not None:
        brief = iris.brief(meeting, title)
    else:
        brief = iris.iri(f"brief/{short_hash(title)}")
    _write_brief(ctx, brief, title, layout, meeting, number)
    paragraphs, topics = write_structure(ctx, brief, title, layout, committee)
    written = write_discussion(ctx, layout, paragraphs, topics)
    policy_of = write_references(ctx, brief, layout, paragraphs)
    write_measures(ctx, layout, paragraphs, policy_of)
    named = write_meetings(ctx, brief, layout, paragraphs, committee)
    signed = parse_date(layout.sign_off_date or "")
    before = min((d for d in (signed, meeting_date) if d is not None), default=None)
    write_raised_at(ctx, layout, written, named, before, discussion_sections(layout))
    write_appendix(ctx, brief, appendix)
    return Extraction(graph=ctx.out.graph, document=brief, title=title)


def _read_header(layout: BriefLayout) -> tuple[str, str | None, object, object]:
    """Title, committee name, meeting date and LC Paper No. from the lines above "Purpose"."""
    header = layout.header
    title_at = next((i for i, line in enumerate(header) if TITLE_LINE.match(line)), None)
    if title_at is None:
        title_lines = [line for line in header if not _HEADER_NOISE.match(line)][-1:]
    else:
        title_lines = [header[title_at]] + [
            line
            for line in header[title_at + 1 :]
            if not parse_date(line) and not looks_like_committee(line)
        ]
    if len(title_lines) > 1 and _GENERIC_TITLE.fullmatch(title_lines[0]):
        title_lines = title_lines[1:]
    title = _PREPARED_BY.sub(" ", " ".join(title_lines)).strip() or "Background brief"
    committee = next(
        (line for line in header if looks_like_committee(line) and not TITLE_LINE.match(line)),
        None,
    )
    meeting_date = next((parse_date(line) for line in header if parse_date(line)), None)
    numbers = [found for line in header for found, _, _ in find_paper_numbers(line)]
    return title, committee, meeting_date, numbers[0] if numbers else None


def _write_brief(
    ctx: Context,
    brief: URIRef,
    title: str,
    layout: BriefLayout,
    meeting: URIRef | None,
    number: object,
) -> None:
    out = ctx.out
    out.resource(brief, LG.BackgroundBrief, title)
    out.add(brief, DCTERMS.title, out.text(title))
    out.add(brief, DCTERMS.language, Literal(ctx.language))
    out.add(brief, LG.forMeeting, meeting)
    if number is not None:
        out.add(brief, LG.paperNumber, Literal(str(number)))
    date = parse_date(layout.sign_off_date or "")
    if date is not None:
        out.add(brief, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date))
    secretariat = next(
        (ctx.org(line) for line in layout.sign_off if SECRETARIAT.search(line)), None
    )
    divisions = [
        ctx.org(line, LG.Organization) for line in layout.sign_off if not SECRETARIAT.search(line)
    ]
    for division in divisions:
        if secretariat is not None:
            ctx.sub_organization(division, secretariat)
        out.add(brief, DCTERMS.creator, division)
    if not divisions:
        out.add(brief, DCTERMS.creator, secretariat)
