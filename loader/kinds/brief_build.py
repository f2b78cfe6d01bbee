"""Writing a brief's own text: sections, paragraphs, topics, concerns, responses, measures."""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from loader.kinds.brief_context import Context
from loader.kinds.brief_dates import find_deadline
from loader.kinds.brief_discussion import Contribution, contributions, sentences
from loader.kinds.brief_graph import short_label
from loader.kinds.brief_structure import BriefLayout, Paragraph
from loader.text import display_width
from loader.vocab import LG

_MEASURE_LEAD_IN = re.compile(
    r"措施|舉措|計劃|方案|工作|建議|initiatives?|measures?|proposals?|plans?|actions?|steps?", re.I
)
_TITLE_END = re.compile(r"[：:]")
_CLAUSE_END = re.compile(r"[，。；,;]")


def write_structure(
    ctx: Context, brief: URIRef, title: str, layout: BriefLayout, committee: URIRef | None
) -> tuple[dict[int, URIRef], dict[int, URIRef]]:
    """Sections, paragraphs and discussion topics; returns paragraph and topic IRIs by position."""
    out, iris = ctx.out, ctx.iris
    section_iris = {s.index: iris.section(brief, s.index) for s in layout.sections}
    by_index = {s.index: s for s in layout.sections}
    for section in layout.sections:
        iri = out.resource(section_iris[section.index], LG.Section, section.title)
        out.add(iri, DCTERMS.title, out.text(section.title))
        out.add(iri, LG.position, Literal(section.index, datatype=XSD.integer))
        out.add(iri, LG.partOfDocument, brief)
        if section.parent is not None:
            out.add(iri, LG.parentSection, section_iris[section.parent])
    topic_of_section = _topics(ctx, layout, committee)
    paragraphs: dict[int, URIRef] = {}
    topics: dict[int, URIRef] = {}
    for paragraph in layout.paragraphs:
        iri = iris.paragraph(brief, paragraph.number)
        label = _paragraph_label(title, paragraph.number, ctx.language)
        out.resource(iri, LG.Paragraph, label)
        out.add(iri, LG.paragraphNumber, Literal(paragraph.number))
        out.add(iri, LG.position, Literal(paragraph.position, datatype=XSD.integer))
        out.add(iri, LG.text, out.text(paragraph.text))
        out.add(iri, LG.partOfDocument, brief)
        if paragraph.section is not None:
            out.add(iri, LG.inSection, section_iris[paragraph.section])
            topic = topic_of_section.get(paragraph.section)
            if topic is None and by_index[paragraph.section].parent is not None:
                topic = topic_of_section.get(by_index[paragraph.section].parent or 0)
            if topic is not None:
                out.add(iri, LG.topic, topic)
                topics[paragraph.position] = topic
        paragraphs[paragraph.position] = iri
    return paragraphs, topics


def _paragraph_label(title: str, number: str, language: str) -> str:
    if language.startswith("zh"):
        return f"{title} 第{number}段"
    return f"{title}, paragraph {number}"


def discussion_sections(layout: BriefLayout) -> set[int]:
    """Indexes of the discussion section and every section under it."""
    inside: set[int] = set()
    for section in layout.sections:
        if section.role == "discussion" or (
            section.parent is not None and section.parent in inside
        ):
            inside.add(section.index)
    return inside


def _topics(ctx: Context, layout: BriefLayout, committee: URIRef | None) -> dict[int, URIRef]:
    """Headings under the discussion part as SKOS concepts in the committee's scheme."""
    if committee is None:
        return {}
    out, iris = ctx.out, ctx.iris
    scheme = iris.topic_scheme(committee)
    name = ctx.committee_names.get(committee, "")
    inside = discussion_sections(layout)
    found: dict[int, URIRef] = {}
    for section in layout.sections:
        if section.index not in inside or section.role == "discussion":
            continue
        topic = iris.topic(committee, section.title)
        out.resource(topic, LG.Topic, section.title)
        out.add(topic, SKOS.prefLabel, out.text(section.title))
        out.add(topic, SKOS.inScheme, scheme)
        found[section.index] = topic
    if found:
        label = f"{name}討論議題" if ctx.language.startswith("zh") else f"Topics of the {name}"
        out.add(scheme, RDF.type, SKOS.ConceptScheme)
        out.add(scheme, RDFS.label, out.text(label))
        out.add(scheme, SKOS.prefLabel, out.text(label))
    return found


def write_discussion(
    ctx: Context, layout: BriefLayout, paragraphs: dict[int, URIRef], topics: dict[int, URIRef]
) -> None:
    """Every member statement as lg:Concern, every reply as lg:GovernmentResponse."""
    inside = discussion_sections(layout)
    pending: list[Contribution] = []
    written: dict[int, URIRef] = {}
    for paragraph in layout.paragraphs:
        if paragraph.section not in inside:
            pending = []
            continue
        iri = paragraphs[paragraph.position]
        counts = {"concern": 0, "response": 0}
        for found in contributions(paragraph.text, pending):
            counts[found.kind] += 1
            resource = URIRef(f"{iri}/{found.kind}/{counts[found.kind]}")
            written[id(found)] = resource
            _write_contribution(ctx, resource, found, paragraph, iri, written)
            topic = topics.get(paragraph.position)
            if topic is not None and found.kind == "concern":
                ctx.out.add(resource, LG.topic, topic)


def _write_contribution(
    ctx: Context,
    resource: URIRef,
    found: Contribution,
    paragraph: Paragraph,
    paragraph_iri: URIRef,
    written: dict[int, URIRef],
) -> None:
    out = ctx.out
    text = paragraph.text[found.start : found.end]
    if found.kind == "concern":
        out.resource(resource, LG.Concern, short_label(text))
        out.add(resource, LG.concernKind, found.concern_kind)
    else:
        out.resource(resource, LG.GovernmentResponse, short_label(text))
        for concern in found.answers:
            out.add(resource, LG.respondsTo, written[id(concern)])
        out.add(resource, LG.respondent, ctx.generic_body(found.who))
    out.add(resource, LG.attribution, out.text(found.who))
    out.evidence(resource, paragraph_iri, paragraph.text, found.start, found.end)


def write_measures(
    ctx: Context,
    layout: BriefLayout,
    paragraphs: dict[int, URIRef],
    policy_of: dict[str, URIRef],
) -> None:
    """Listed government measures outside the discussion part as lg:PolicyMeasure."""
    inside = discussion_sections(layout)
    out = ctx.out
    for paragraph in layout.paragraphs:
        if paragraph.section in inside or not paragraph.items:
            continue
        lead_in = paragraph.text[: paragraph.items[0][1]]
        if not _MEASURE_LEAD_IN.search(lead_in):
            continue
        policy = next((iri for title, iri in policy_of.items() if title in lead_in), None)
        iri = paragraphs[paragraph.position]
        for label, start, end in paragraph.items:
            body_start = start + len(label)
            while body_start < end and paragraph.text[body_start] == " ":
                body_start += 1
            body = paragraph.text[body_start:end]
            title = _measure_title(body)
            measure = URIRef(f"{iri}/measure/{label.strip('()')}")
            out.resource(measure, LG.PolicyMeasure, title)
            out.add(measure, DCTERMS.title, out.text(title))
            out.add(measure, LG.measureLabel, Literal(label))
            out.add(measure, LG.partOfPolicy, policy)
            deadline = find_deadline(body)
            if deadline is not None:
                out.add(measure, LG.targetDate, deadline.value)
                out.add(measure, LG.targetDateText, out.text(deadline.text))
                if deadline.completed:
                    out.add(measure, LG.measureStatus, LG.StatusCompleted)
                    out.add(measure, LG.statusText, out.text(_sentence_at(body, deadline.start)))
            out.evidence(measure, iri, paragraph.text, start, end)


def _measure_title(body: str) -> str:
    colon = _TITLE_END.search(body)
    if colon and display_width(body[: colon.start()]) <= 80:
        return body[: colon.start()].strip()
    clause = _CLAUSE_END.search(body)
    return short_label(body[: clause.start()] if clause else body)


def _sentence_at(text: str, offset: int) -> str:
    for start, end in sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text
