"""The parts papers share: numbered paragraphs, concerns and responses with their evidence,
policy measures with deadlines, sections, meetings and the papers of past meetings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import pyoxigraph as ox

from bench import phrases, terms
from bench.emit import DocumentGraph, short_label
from bench.phrases import ZH
from bench.world import Entity, World, session_of
from loader.ids import to_roman
from loader.paper_numbers import PaperNumber


@dataclass
class Paper:
    """A document being generated: its graph, its node, its title and where it stands."""

    world: World
    rng: random.Random
    doc: DocumentGraph
    node: ox.NamedNode
    title: str
    committee: Entity
    date: dt.date
    next_position: int = 1
    references: list[ox.NamedNode] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The document's language tag."""
        return self.doc.language

    def words(self, pair: tuple[str, str]) -> str:
        """The half of a (Chinese, English) pair in the document's language."""
        return pair[0] if self.language == ZH else pair[1]

    def say(self, chinese: str, english: str) -> str:
        """``chinese`` or ``english``, whichever is the document's language."""
        return chinese if self.language == ZH else english

    def section(self, heading: str, parent: ox.NamedNode | None = None) -> ox.NamedNode:
        """A headed section of this paper, numbered in document order."""
        number = self.next_position
        self.next_position += 1
        node = self.doc.resource(f"{self.node.value}/section/{number}", "Section", heading)
        self.doc.add(node, terms.TITLE, self.doc.text(heading))
        self.doc.add(node, terms.lg("partOfDocument"), self.node)
        self.doc.add(node, terms.lg("position"), ox.Literal(number))
        if parent is not None:
            self.doc.add(node, terms.lg("parentSection"), parent)
        return node

    def paragraph(self, number: int, section: ox.NamedNode, text: str) -> ox.NamedNode:
        """Numbered paragraph ``number`` of this paper, with its clean text."""
        label = self.say(f"{self.title} 第{number}段", f"{self.title}, paragraph {number}")
        node = self.doc.resource(f"{self.node.value}/para/{number}", "Paragraph", label)
        self.doc.add(node, terms.lg("inSection"), section)
        self.doc.add(node, terms.lg("paragraphNumber"), ox.Literal(str(number)))
        self.doc.add(node, terms.lg("partOfDocument"), self.node)
        self.doc.add(node, terms.lg("position"), ox.Literal(number))
        self.doc.add(node, terms.lg("text"), self.doc.text(text))
        return node

    def mention(self, paragraph: ox.NamedNode, entity: Entity) -> ox.NamedNode:
        """lg:mentions from ``paragraph`` to a shared entity written into this graph."""
        self.doc.add(paragraph, terms.lg("mentions"), self.doc.entity(entity))
        return entity.iri

    def topic(self, topic: tuple[str, str]) -> ox.NamedNode:
        """The committee's topic concept (and its scheme) in this graph."""
        entity = self.world.topic(self.committee, topic, self.language)
        scheme = ox.NamedNode(f"{self.committee.iri.value}/topics")
        name = self.say(f"{self.committee.zh}討論議題", f"Topics of the {self.committee.en}")
        label = self.doc.text(name)
        triples = (
            (terms.TYPE, terms.CONCEPT_SCHEME),
            (terms.LABEL, label),
            (terms.PREF_LABEL, label),
        )
        self.doc.entity(Entity(scheme, triples, name, name))
        return self.doc.entity(entity)


def discussion(paper: Paper, number: int, section: ox.NamedNode, topic: tuple[str, str]) -> None:
    """A paragraph of what members raised and how the government answered, with evidence."""
    rng, language = paper.rng, paper.language
    kinds = [rng.choice(tuple(phrases.CONCERN_KINDS)) for _ in range(rng.choice((1, 1, 2)))]
    concerns = [phrases.concern_sentence(rng, kind, topic, language) for kind in kinds]
    body = rng.choice(paper.world.bodies)
    year = paper.date.year + rng.randint(0, 3)
    answers = [
        phrases.response_sentence(rng, topic, (body.zh, body.en), year, language)
        for _ in range(rng.choice((0, 1, 1, 2)))
    ]
    sentences = [s for s, _ in concerns] + [s for s, _ in answers]
    text, spans = _join(sentences, language)
    paragraph = paper.paragraph(number, section, text)
    topic_node = paper.topic(topic)
    paper.doc.add(paragraph, terms.lg("topic"), topic_node)
    paper.mention(paragraph, body)
    concern_nodes = []
    for index, ((sentence, attribution), kind) in enumerate(zip(concerns, kinds, strict=True)):
        node = paper.doc.resource(
            f"{paragraph.value}/concern/{index + 1}", "Concern", short_label(sentence)
        )
        paper.doc.add(node, terms.lg("attribution"), paper.doc.text(attribution))
        paper.doc.add(node, terms.lg("concernKind"), terms.lg(kind))
        paper.doc.evidence(node, paragraph, text, *spans[index])
        paper.doc.add(node, terms.lg("sourceParagraph"), paragraph)
        paper.doc.add(node, terms.lg("topic"), topic_node)
        concern_nodes.append(node)
    for index, (sentence, attribution) in enumerate(answers):
        node = paper.doc.resource(
            f"{paragraph.value}/response/{index + 1}", "GovernmentResponse", short_label(sentence)
        )
        respondent = paper.world.government if rng.random() < 0.7 else body
        paper.doc.add(node, terms.lg("attribution"), paper.doc.text(attribution))
        paper.doc.evidence(node, paragraph, text, *spans[len(concerns) + index])
        paper.doc.add(node, terms.lg("respondent"), paper.doc.entity(respondent))
        paper.doc.add(node, terms.lg("respondsTo"), concern_nodes[index % len(concern_nodes)])
        paper.doc.add(node, terms.lg("sourceParagraph"), paragraph)


def measures(paper: Paper, number: int, section: ox.NamedNode, topic: tuple[str, str]) -> None:
    """A paragraph listing a blueprint's measures (a), (b), ... with normalised deadlines."""
    rng, language = paper.rng, paper.language
    year = paper.date.year - rng.randint(0, 4)
    policy = paper.world.policy_document(topic, year, language)
    intro = (
        f"政府於{year}年推出《{policy.zh}》，提出多項措施，包括："
        if language == ZH
        else f"In {year}, the Government published the {policy.en}, with measures including:"
    )
    items = []
    for index in range(rng.randint(2, 6)):
        label = f"({chr(ord('a') + index)})"
        due = phrases.deadline(rng, paper.date.year + rng.randint(0, 3), language)
        title, sentence = phrases.measure_text(rng, rng.choice(phrases.TOPICS), due, language)
        items.append(
            (label, title, due, f"{label}{sentence}" if language == ZH else f"{label} {sentence}")
        )
    text = "\n".join([intro] + [line for _, _, _, line in items])
    paragraph = paper.paragraph(number, section, text)
    policy_node = paper.mention(paragraph, policy)
    paper.doc.add(policy_node, terms.lg("sourceParagraph"), paragraph)
    paper.references.append(policy_node)
    cursor = len(intro) + 1
    for label, title, due, line in items:
        node = paper.doc.resource(f"{paragraph.value}/measure/{label[1]}", "PolicyMeasure", title)
        paper.doc.add(node, terms.TITLE, paper.doc.text(title))
        paper.doc.evidence(node, paragraph, text, cursor, cursor + len(line))
        paper.doc.add(node, terms.lg("measureLabel"), ox.Literal(label))
        paper.doc.add(node, terms.lg("partOfPolicy"), policy_node)
        paper.doc.add(node, terms.lg("sourceParagraph"), paragraph)
        datatype = terms.XSD_GYEAR if due.datatype == "gYear" else terms.XSD_GYEARMONTH
        paper.doc.add(node, terms.lg("targetDate"), ox.Literal(due.value, datatype=datatype))
        paper.doc.add(node, terms.lg("targetDateText"), paper.doc.text(due.text))
        cursor += len(line) + 1


def past_meeting(paper: Paper, paragraph: ox.NamedNode, date: dt.date) -> None:
    """An earlier meeting of the committee, with its agenda, minutes and discussed item."""
    world, doc, rng = paper.world, paper.doc, paper.rng
    meeting = world.meeting(paper.committee, date, paper.language)
    node = paper.mention(paragraph, meeting)
    doc.entity(paper.committee)
    doc.add(node, terms.lg("sourceParagraph"), paragraph)
    paper.references.append(node)
    when = meeting.name(paper.language)
    for kind, suffix, link, zh, en in (
        ("Agenda", "agenda", "agendaOf", "議程", "Agenda of the"),
        ("Minutes", "minutes", "minutesOf", "紀要", "Minutes of the"),
    ):
        label = paper.say(f"{when}{zh}", f"{en} {when[0].lower()}{when[1:]}")
        document = doc.resource(f"{node.value}/{suffix}", kind, label)
        doc.add(document, terms.lg(link), node)
        doc.add(document, terms.lg("forMeeting"), node)
        paper.references.append(document)
    topic = paper.words(rng.choice(phrases.TOPICS))
    item_number = to_roman(rng.randint(1, 6))
    item_label = paper.say(f"議程第{item_number}項：{topic}", f"Item {item_number}: {topic}")
    item = doc.resource(f"{node.value}/item/{item_number}", "AgendaItem", item_label)
    doc.add(item, terms.TITLE, doc.text(topic))
    doc.add(item, terms.lg("itemNumber"), ox.Literal(item_number))
    doc.add(item, terms.lg("itemOf"), node)
    if rng.random() < 0.5:
        follow_up(paper, node, date)


def follow_up(paper: Paper, meeting: ox.NamedNode, date: dt.date) -> ox.NamedNode:
    """A follow-up paper with an LC Paper No., issued after a past meeting."""
    number = paper_number(paper.rng, date)
    word = "跟進文件" if paper.language == ZH else "Follow-up paper"
    node = paper.doc.resource(paper.world.iris.paper(number), "FollowUpPaper", f"{word} {number}")
    paper.doc.add(node, terms.LANGUAGE, ox.Literal(paper.language))
    paper.doc.add(node, terms.URL, ox.NamedNode(paper_url(paper, number, date)))
    paper.doc.add(node, terms.lg("forMeeting"), meeting)
    paper.doc.add(node, terms.lg("paperNumber"), ox.Literal(str(number)))
    paper.references.append(node)
    return node


def paper_number(rng: random.Random, date: dt.date) -> PaperNumber:
    """A plausible LC Paper No. of the session of ``date``."""
    return PaperNumber(rng.randint(100, 1999), rng.randint(1, 4), session_of(date), ("01",))


def paper_url(paper: Paper, number: PaperNumber, date: dt.date) -> str:
    """Where LegCo would publish the paper: ``https://www.legco.gov.hk/yr2023/...pdf``."""
    session = session_of(date)
    folder = f"yr{session if len(session) == 4 else session[2:]}"
    language = "chinese" if paper.language == ZH else "english"
    code = paper.committee.iri.value.rsplit("/", 1)[-1]
    stem = f"{code}{date:%Y%m%d}cb{number.division}-{number.serial}-1-{language[0]}"
    return f"https://www.legco.gov.hk/{folder}/{language}/panels/{code}/papers/{stem}.pdf"


def _join(sentences: list[str], language: str) -> tuple[str, list[tuple[int, int]]]:
    """The sentences as one paragraph and each one's (start, end) in code points."""
    separator = "" if language == ZH else " "
    spans, cursor = [], 0
    for sentence in sentences:
        spans.append((cursor, cursor + len(sentence)))
        cursor += len(sentence) + len(separator)
    return separator.join(sentences), spans
