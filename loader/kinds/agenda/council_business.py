"""Writing a Council agenda's business: subsidiary legislation, tabled papers, bills, motions.

IRIs: subsidiary legislation by its Legal Notice, ``ln/{year}/{number}``; a tabled paper without
an LC Paper No. by its place among the other papers, ``{meeting}/paper/tabled-{n}``; a bill by
its place among the distinct bills of the meeting's agenda, in the order they are first listed,
``{meeting}/bill/{n}``; a motion by the agenda section and its number,
``{meeting}/motion/{roman}-{n}``, an amendment ``{motion}/amendment/{i}``.

Bills are keyed by place because an agenda gives nothing else that is the same in both
languages (no gazette date, no bill number; the titles are translations), while the Chinese and
English agendas of one meeting list the same bills in the same order. So both versions describe
one ``lg:Bill`` with a title in each language; the same bill before another meeting is another
resource with the same titles (BillsDB's ``bill/{file stem}`` from the harvest is the bill across
meetings).

A public officer named only by post is the holder of that post at the meeting,
``{meeting}/officer/{post}``; a Member is resolved as questions resolve askers
(``Context.member``).
"""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from loader.ids import iri_segment
from loader.kinds.agenda.council_items import BillEntry, MotionEntry, TabledItem, read_business
from loader.kinds.common.context import Context
from loader.kinds.common.graph import short_label
from loader.kinds.common.items import AgendaLayout
from loader.names import HONORIFIC, normalize_for_matching, person_name
from loader.vocab import LG

_EN_MEMBER = re.compile(r"\bHon\b")
_EN_MEMBERS = re.compile(rf"(?:,\s*|\s+and\s+)(?=(?:{HONORIFIC}\s+)*Hon\b)")
_ZH_MEMBERS = re.compile(r"(?<=議員)[、及和]")
_ARTICLE = re.compile(r"^the\s+", re.I)


def write_council_business(
    ctx: Context, meeting: URIRef, agenda: URIRef, text: str, layout: AgendaLayout
) -> None:
    """Write the tabled papers, bills and motions of a Council agenda."""
    business = read_business(text, layout)
    others = 0
    for item in business.tabled:
        if item.legal_notice is not None:
            _write_subsidiary(ctx, meeting, agenda, item)
        else:
            others += 1
            _write_paper(ctx, meeting, agenda, item, others)
    order: dict[str, int] = {}
    for bill in business.bills:
        number = order.setdefault(normalize_for_matching(bill.title), len(order) + 1)
        _write_bill(ctx, meeting, agenda, bill, number)
    for motion in business.motions:
        _write_motion(ctx, meeting, agenda, motion)


def _write_subsidiary(ctx: Context, meeting: URIRef, agenda: URIRef, item: TabledItem) -> None:
    assert item.legal_notice is not None
    number, year = item.legal_notice
    out = ctx.out
    iri = ctx.iris.iri(f"ln/{year}/{number}")
    out.resource(iri, LG.SubsidiaryLegislation, item.title)
    out.add(iri, DCTERMS.title, out.text(item.title))
    out.add(iri, LG.legalNoticeNumber, Literal(f"L.N. {number} of {year}"))
    out.add(iri, LG.tabledAt, meeting)
    out.add(agenda, DCTERMS.references, iri)


def _write_paper(
    ctx: Context, meeting: URIRef, agenda: URIRef, item: TabledItem, position: int
) -> None:
    out = ctx.out
    iri = ctx.iris.meeting_paper(meeting, f"tabled-{position}")
    out.resource(iri, LG.Paper, short_label(item.title))
    out.add(iri, DCTERMS.title, out.text(item.title))
    out.add(iri, LG.tabledAt, meeting)
    out.add(iri, LG.consideredUnder, ctx.iris.agenda_item(meeting, item.section))
    if item.sessional_number:
        out.add(iri, DCTERMS.identifier, Literal(f"No. {item.sessional_number}"))
    for note in item.notes:
        out.add(iri, SKOS.note, out.text(note))
    out.add(agenda, DCTERMS.references, iri)


def _write_bill(
    ctx: Context, meeting: URIRef, agenda: URIRef, bill: BillEntry, number: int
) -> None:
    out = ctx.out
    iri = URIRef(f"{meeting}/bill/{number}")
    out.resource(iri, LG.Bill, bill.title)
    out.add(iri, DCTERMS.title, out.text(bill.title))
    out.add(iri, LG.tabledAt, meeting)
    out.add(iri, SKOS.note, out.text(bill.stage))
    for person in people(ctx, meeting, bill.mover or ""):
        out.add(iri, LG.mover, person)
    out.add(agenda, DCTERMS.references, iri)


def _write_motion(ctx: Context, meeting: URIRef, agenda: URIRef, motion: MotionEntry) -> None:
    out = ctx.out
    iri = URIRef(f"{meeting}/motion/{motion.section}-{motion.number}")
    _motion(ctx, meeting, iri, motion.title, motion)
    out.add(agenda, DCTERMS.references, iri)
    zh = ctx.language.startswith("zh")
    for amendment in motion.amendments:
        target = URIRef(f"{iri}/amendment/{amendment.number}")
        label = (
            f"{motion.title}的修正案({amendment.number})"
            if zh
            else f"Amendment ({amendment.number}) to: {motion.title}"
        )
        _motion(ctx, meeting, target, label, amendment)
        out.add(target, DCTERMS.references, iri)


def _motion(ctx: Context, meeting: URIRef, iri: URIRef, title: str, motion: MotionEntry) -> None:
    out = ctx.out
    out.resource(iri, LG.Motion, short_label(title, 120))
    out.add(iri, DCTERMS.title, out.text(title))
    out.add(iri, LG.tabledAt, meeting)
    if motion.lines:
        out.add(iri, LG.text, out.text("\n".join(motion.lines)))
    for person in people(ctx, meeting, motion.mover or ""):
        out.add(iri, LG.mover, person)


def people(ctx: Context, meeting: URIRef, words: str) -> list[URIRef]:
    """The Members or public officers ``words`` names (``Hon A and Hon B``, ``甲議員、乙議員``)."""
    words = words.strip()
    if not words:
        return []
    if _EN_MEMBER.search(words):
        return [_member(ctx, part) for part in _EN_MEMBERS.split(words) if part.strip()]
    if words.endswith("議員"):
        return [_member(ctx, part) for part in _ZH_MEMBERS.split(words) if part.strip()]
    return [_officer(ctx, meeting, _ARTICLE.sub("", words))]


def _member(ctx: Context, words: str) -> URIRef:
    return ctx.member(person_name(words), words.strip())


def _officer(ctx: Context, meeting: URIRef, post: str) -> URIRef:
    """The holder of ``post`` at the meeting: the records name the post, not the person."""
    iri = URIRef(f"{meeting}/officer/{iri_segment(normalize_for_matching(post))}")
    ctx.out.resource(iri, LG.PublicOfficer, post)
    ctx.out.add(iri, LG.post, ctx.out.text(post))
    return iri
