"""Writing a brief's own text: sections, paragraphs, cross-references, topics, contributions."""

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from loader.kinds.common.context import Context
from loader.kinds.common.crossrefs import editorial_notes
from loader.kinds.common.discussion import Contribution, contributions
from loader.kinds.common.graph import short_label
from loader.kinds.common.structure import BriefLayout, Paragraph
from loader.member_table import member_table
from loader.names import parse_name
from loader.vocab import LG


@dataclass(frozen=True)
class Written:
    """A contribution written from a paragraph, and its IRI."""

    resource: URIRef
    paragraph: Paragraph
    found: Contribution


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
    _write_cross_references(ctx, layout, paragraphs)
    return paragraphs, topics


def _write_cross_references(
    ctx: Context, layout: BriefLayout, paragraphs: dict[int, URIRef]
) -> None:
    """「(見上文第6段)」: the paragraph lg:mentions the paragraph it points the reader to."""
    by_number = {p.number: paragraphs[p.position] for p in layout.paragraphs}
    for paragraph in layout.paragraphs:
        source = paragraphs[paragraph.position]
        for note in editorial_notes(paragraph.text):
            for number in note.paragraphs:
                target = by_number.get(number)
                if target is not None and target != source:
                    ctx.out.add(source, LG.mentions, target)


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
        out.add(scheme, RDF.type, SKOS.ConceptScheme)
        for language, name in (ctx.committee_labels.get(committee) or {ctx.language: ""}).items():
            label = _scheme_label(name, language)
            out.add(scheme, RDFS.label, Literal(label, lang=language))
            out.add(scheme, SKOS.prefLabel, Literal(label, lang=language))
    return found


def _scheme_label(committee: str, language: str) -> str:
    if language.startswith("zh"):
        return f"{committee}討論議題"
    return f"Topics of the {committee}" if committee else "Discussion topics"


def write_discussion(
    ctx: Context, layout: BriefLayout, paragraphs: dict[int, URIRef], topics: dict[int, URIRef]
) -> list[Written]:
    """Every member statement as lg:Concern, every reply as lg:GovernmentResponse; returns
    them in order, for dating them by the meetings the text names."""
    inside = discussion_sections(layout)
    pending: list[Contribution] = []
    written: dict[int, URIRef] = {}
    made: list[Written] = []
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
            made.append(Written(resource, paragraph, found))
            _write_contribution(ctx, resource, found, paragraph, iri, written)
            topic = topics.get(paragraph.position)
            if topic is not None and found.kind == "concern":
                ctx.out.add(resource, LG.topic, topic)
    return made


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
        out.add(resource, LG.raisedBy, _named_member(ctx, found.who))
    else:
        out.resource(resource, LG.GovernmentResponse, short_label(text))
        for concern in found.answers:
            out.add(resource, LG.respondsTo, written[id(concern)])
        out.add(resource, LG.respondent, _respondent(ctx, found.who))
    out.add(resource, LG.attribution, out.text(found.who))
    out.evidence(resource, paragraph_iri, paragraph.text, found.start, found.end)


_ARTICLE = re.compile(r"^the\s+", re.I)
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")
_SECRETARY = re.compile(
    r"^(?:Acting\s+)?(?:(?:Deputy|Permanent|Under|Principal\s+Assistant|Assistant)\s+)*"
    r"Secretary\s+for\s+(?:the\s+)?(?P<policy>.+)$"
)


def _respondent(ctx: Context, who: str) -> URIRef | None:
    """The body that answered: the one a generic word names ("the Administration"), the
    curated bureau or office an officer's post belongs to (``Deputy Secretary for X`` → ``X
    Bureau``, ``Government Chief Information Officer`` → its Office), else the Government."""
    generic = ctx.generic_body(who)
    if generic is not None:
        return generic
    post = _ARTICLE.sub("", who.strip())
    while _BRACKETED.search(post):
        post = _BRACKETED.sub("", post)
    secretary = _SECRETARY.match(post)
    names = [f"{secretary['policy']} Bureau"] if secretary else []
    names += [f"Office of the {post}", post]
    for name in names:
        if ctx.tables.org(name) is not None:
            return ctx.org(name)
    return ctx.generic_body("政府當局")


def _named_member(ctx: Context, who: str) -> URIRef | None:
    """The curated Member a concern's words name (``Ms Emily LAU``), else None: a name the
    table does not know is attributed only where an attendance list gives it (minutes)."""
    name = parse_name(who).name
    if name == who.strip() or member_table(ctx.iris.base).resolve(name) is None:
        return None
    return ctx.member(name, who)
