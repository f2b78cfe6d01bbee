"""Committee and Council agendas (議程 / "Agenda"), Chinese or English.

``extract`` turns the cleaned text of an agenda into a graph: the agenda, its meeting (committee,
date, start time, venue), the numbered agenda items with their time slots, every listed
paper by its LC Paper No. with its title, issuer, kind, issue date and "issued vide" cover paper,
and, for a Council agenda, its questions (``agenda_questions``) and the papers, subsidiary
legislation, bills and motions before the Council (``council_business``).
"""

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from loader.ids import Iris
from loader.kinds.agenda.council_business import write_council_business
from loader.kinds.agenda.questions import write_questions
from loader.kinds.common import Extraction, NotReadable
from loader.kinds.common.context import Context, of_meeting
from loader.kinds.common.evidence import cross_check, learn_committee, meeting_url
from loader.kinds.common.items import AgendaLayout, split_layout
from loader.kinds.common.meeting import (
    committee_of,
    heading_names,
    write_item,
    write_meeting,
    write_paper_files,
)
from loader.kinds.common.relayout import relayout
from loader.kinds.common.script import in_script, readable
from loader.vocab import LG


def extract(text: str, *, language: str, base_iri: str, origin: str | None = None) -> Extraction:
    """The graph of one cleaned committee agenda; ``origin`` (its URL or file name) is
    evidence of its committee and date."""
    url = meeting_url(text, origin)
    text = relayout(readable(text, language))
    layout = split_layout(text)
    if not layout.items:
        raise NotReadable("no numbered agenda items found")
    ctx = Context(Iris(base_iri), language, "")
    learn_committee(ctx, heading_names(layout), url)
    facts = cross_check(ctx, url, committee_of(ctx, layout), layout.meeting_date, "the agenda")
    committee, date = facts.committee, facts.date
    if date is None:
        raise NotReadable("no meeting date in the agenda's heading")
    if committee is None:
        raise NotReadable("no committee named in the agenda's heading")
    meeting = ctx.meeting(committee, date)
    write_meeting(ctx, meeting, date, layout)
    agenda = ctx.iris.agenda(meeting)
    title = _write_agenda(ctx, agenda, meeting, layout)
    for item in layout.items:
        write_item(ctx, committee, meeting, item)
        if item.flagged:
            for note in layout.notes:
                ctx.out.add(
                    ctx.iris.agenda_item(meeting, item.roman), SKOS.note, ctx.out.text(note)
                )
    write_paper_files(ctx, committee, date, layout.items)
    if committee == ctx.council():
        write_questions(ctx, meeting, agenda, text, date)
        write_council_business(ctx, meeting, agenda, text, layout)
    extraction = Extraction(ctx.out.graph, agenda, title, tuple(facts.warnings))
    return in_script(extraction, language)


def _write_agenda(ctx: Context, agenda: URIRef, meeting: URIRef, layout: AgendaLayout) -> str:
    out = ctx.out
    zh = ctx.language.startswith("zh")
    kind = (
        ("修訂議程" if zh else "Revised agenda")
        if layout.is_revised
        else ("議程" if zh else "Agenda")
    )
    labels = ctx.meeting_labels[meeting]
    title = of_meeting(kind, labels.get(ctx.language) or next(iter(labels.values())), ctx.language)
    out.resource(agenda, LG.Agenda, title)
    out.add(agenda, DCTERMS.title, out.text(title))
    out.add(agenda, DCTERMS.language, Literal(ctx.language))
    out.add(agenda, LG.agendaOf, meeting)
    out.add(agenda, DCTERMS.identifier, layout.agenda_number)
    if layout.revised_at is not None:
        out.add(agenda, DCTERMS.modified, Literal(layout.revised_at.isoformat(), datatype=XSD.date))
    if layout.signed_on is not None:
        out.add(agenda, DCTERMS.date, Literal(layout.signed_on.isoformat(), datatype=XSD.date))
    return title
