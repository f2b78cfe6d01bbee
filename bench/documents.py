"""The document kinds the generator writes, one named graph each, and how a corpus mixes them.

Each kind is a function from a Plan (which meeting, which language, a seeded random source) to
the document's graph. Adding a kind (e.g. Hansard, harvested responses) is one function and one
entry in KINDS.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

import pyoxigraph as ox

from bench import discussion, phrases, terms
from bench.discussion import Paper
from bench.emit import DocumentGraph
from bench.phrases import EN, ZH
from bench.world import Entity, World, session_of
from loader.ids import to_roman

FIRST_DAY, LAST_DAY = dt.date(1998, 7, 1), dt.date(2026, 12, 31)
#: Meetings drawn for a document before it takes a further slot on an already used one.
FREE_MEETING_DRAWS = 1000
#: Council questions numbered per meeting; further slots are numbered after them.
QUESTIONS_PER_MEETING = 22


@dataclass(frozen=True)
class Plan:
    """What one document is about: its kind, meeting, language and random source."""

    kind: str
    committee: Entity
    date: dt.date
    language: str
    rng: random.Random
    #: n > 0: the n-th further Council question on a meeting (once all have one).
    slot: int = 0


def _new_paper(plan: Plan, world: World, iri: str, kind: str, title: str) -> Paper:
    doc = DocumentGraph(world.iris.graph(iri), plan.language)
    node = doc.resource(iri, kind, title)
    doc.add(node, terms.LANGUAGE, ox.Literal(plan.language))
    return Paper(world, plan.rng, doc, node, title, plan.committee, plan.date)


def _meeting(paper: Paper, date: dt.date) -> ox.NamedNode:
    paper.doc.entity(paper.committee)
    return paper.doc.entity(paper.world.meeting(paper.committee, date, paper.language))


def brief(plan: Plan, world: World) -> DocumentGraph:
    """A background brief: purpose, background with a blueprint's measures, past discussions
    by subject with members' concerns and the government's responses, latest development."""
    rng, meeting_date = plan.rng, plan.date
    topic = rng.choice(phrases.TOPICS)
    title = (
        f"有關{topic[0]}的背景資料簡介"
        if plan.language == ZH
        else f"Background brief on {topic[1]}"
    )
    issued = meeting_date - dt.timedelta(days=rng.randint(3, 20))
    meeting = world.meeting(plan.committee, meeting_date, plan.language)
    if rng.random() < 0.5:
        iri = world.iris.paper(discussion.paper_number(rng, issued))
    else:
        iri = world.iris.brief(meeting.iri.value, title)
    paper = _new_paper(plan, world, iri, "BackgroundBrief", title)
    paper.doc.add(paper.node, terms.TITLE, paper.doc.text(title))
    paper.doc.date(paper.node, issued)
    paper.doc.add(paper.node, terms.lg("forMeeting"), _meeting(paper, meeting_date))
    paper.doc.add(paper.node, terms.CREATOR, paper.doc.entity(rng.choice(world.divisions)))
    headings = [paper.words(pair) for pair in phrases.BRIEF_SECTIONS]
    number = 1
    purpose = paper.section(headings[0])
    paper.mention(paper.paragraph(number, purpose, _purpose(paper, topic)), plan.committee)
    background = paper.section(headings[1])
    for _ in range(rng.randint(1, 3)):
        number += 1
        body = rng.choice(world.bodies)
        sentence = phrases.background_sentence(
            rng, topic, (body.zh, body.en), issued.year - 2, plan.language
        )
        paragraph = paper.paragraph(number, background, sentence)
        paper.mention(paragraph, body)
        if rng.random() < 0.3:
            ordinance = paper.mention(paragraph, rng.choice(world.ordinances))
            paper.doc.add(ordinance, terms.lg("sourceParagraph"), paragraph)
            paper.references.append(ordinance)
    number += 1
    discussion.measures(paper, number, background, topic)
    previous = paper.section(headings[2])
    number += 1
    summary = paper.paragraph(number, previous, _previous(paper, topic))
    for days in sorted(rng.sample(range(30, 1500), rng.randint(1, 5)), reverse=True):
        discussion.past_meeting(paper, summary, max(FIRST_DAY, meeting_date - dt.timedelta(days)))
    for _ in range(rng.randint(2, 5)):
        subject = rng.choice(phrases.TOPICS)
        subsection = paper.section(paper.words(subject), previous)
        for _ in range(rng.randint(1, 4)):
            number += 1
            discussion.discussion(paper, number, subsection, subject)
    latest = paper.section(headings[3])
    for _ in range(rng.randint(0, 2)):
        number += 1
        paper.paragraph(number, latest, _latest(paper, topic, meeting_date))
        paper.references.append(_council_question(paper, meeting_date))
    paper.references.append(meeting.iri)
    for reference in dict.fromkeys(paper.references):
        paper.doc.add(paper.node, terms.REFERENCES, reference)
    return _finish(paper, "BackgroundBrief", f"brief-{iri.rsplit('/', 1)[-1]}.txt")


def minutes(plan: Plan, world: World) -> DocumentGraph:
    """Minutes of a meeting: per agenda item, numbered paragraphs of concerns and responses."""
    rng = plan.rng
    meeting = world.meeting(plan.committee, plan.date, plan.language)
    title = meeting.name(plan.language)
    title = (
        f"{title}紀要" if plan.language == ZH else f"Minutes of the {title[0].lower()}{title[1:]}"
    )
    paper = _new_paper(plan, world, f"{meeting.iri.value}/minutes", "Minutes", title)
    node = _meeting(paper, plan.date)
    paper.doc.add(paper.node, terms.TITLE, paper.doc.text(title))
    paper.doc.date(paper.node, plan.date + dt.timedelta(days=rng.randint(20, 70)))
    paper.doc.add(paper.node, terms.lg("minutesOf"), node)
    paper.doc.add(paper.node, terms.lg("forMeeting"), node)
    number = 0
    for item_number in range(1, rng.randint(2, 5) + 1):
        topic = rng.choice(phrases.TOPICS)
        item = _agenda_item(paper, node, item_number, paper.words(topic))
        section = paper.section(_item_label(paper, item_number, paper.words(topic)))
        for _ in range(rng.randint(1, 5)):
            number += 1
            discussion.discussion(paper, number, section, topic)
        paper.doc.add(paper.node, terms.REFERENCES, item)
    return _finish(paper, "Minutes", f"minutes-{plan.date:%Y%m%d}.pdf")


def agenda(plan: Plan, world: World) -> DocumentGraph:
    """An agenda: numbered items, each with the papers considered under it."""
    rng = plan.rng
    meeting = world.meeting(plan.committee, plan.date, plan.language)
    title = meeting.name(plan.language)
    title = (
        f"{title}議程" if plan.language == ZH else f"Agenda of the {title[0].lower()}{title[1:]}"
    )
    paper = _new_paper(plan, world, f"{meeting.iri.value}/agenda", "Agenda", title)
    node = _meeting(paper, plan.date)
    paper.doc.add(paper.node, terms.lg("agendaOf"), node)
    paper.doc.add(paper.node, terms.lg("forMeeting"), node)
    for item_number in range(1, rng.randint(3, 8) + 1):
        item = _agenda_item(paper, node, item_number, paper.words(rng.choice(phrases.TOPICS)))
        for _ in range(rng.randint(0, 3)):
            number = discussion.paper_number(rng, plan.date)
            word = "政府當局文件" if plan.language == ZH else "Administration's paper"
            iri = world.iris.paper(number)
            considered = paper.doc.resource(iri, "AdministrationPaper", f"{word} {number}")
            paper.doc.add(considered, terms.LANGUAGE, ox.Literal(plan.language))
            url = discussion.paper_url(paper, number, plan.date)
            paper.doc.add(considered, terms.URL, ox.NamedNode(url))
            paper.doc.add(considered, terms.lg("forMeeting"), node)
            paper.doc.add(considered, terms.lg("consideredUnder"), item)
            paper.doc.add(considered, terms.lg("paperNumber"), ox.Literal(str(number)))
    return _finish(paper, "Agenda", f"agenda-{plan.date:%Y%m%d}.htm")


def question(plan: Plan, world: World) -> DocumentGraph:
    """A Council question: asked at a Council meeting, answered by a government body."""
    rng = plan.rng
    topic = rng.choice(phrases.TOPICS)
    number = rng.randint(1, 22)
    number = number if not plan.slot else QUESTIONS_PER_MEETING + plan.slot
    iri = world.iris.question(plan.date, number)
    doc = DocumentGraph(world.iris.graph(iri), plan.language)
    aspect, _ = phrases.topic_text(rng, topic, plan.language)
    title = (
        f"{topic[0]}的{aspect}" if plan.language == ZH else f"{aspect.capitalize()} of {topic[1]}"
    )
    node = doc.resource(iri, "CouncilQuestion", title)
    doc.add(node, terms.TITLE, doc.text(title))
    doc.date(node, plan.date)
    doc.add(
        node, terms.lg("askedAt"), doc.entity(world.meeting(world.council, plan.date, doc.language))
    )
    doc.entity(world.council)
    doc.add(node, terms.lg("questionNumber"), ox.Literal(number))
    kind = "OralQuestion" if rng.random() < 0.3 else "WrittenQuestion"
    doc.add(node, terms.lg("questionType"), terms.lg(kind))
    doc.add(node, terms.lg("answeringBody"), doc.entity(rng.choice(world.bodies)))
    sentences = [
        phrases.concern_sentence(rng, "QuestionRaised", topic, plan.language)[0]
        for _ in range(rng.randint(2, 4))
    ]
    doc.add(node, terms.lg("text"), doc.text(("" if plan.language == ZH else " ").join(sentences)))
    doc.provenance(node, "CouncilQuestion", f"question-{plan.date:%Y%m%d}-{number}.htm", plan.date)
    return doc


#: Document kinds and their share of a generated corpus.
KINDS: dict[str, tuple[float, Callable[[Plan, World], DocumentGraph]]] = {
    "brief": (0.3, brief),
    "minutes": (0.3, minutes),
    "agenda": (0.2, agenda),
    "question": (0.2, question),
}


def plan_document(
    world: World, seed: int, index: int, taken: set[tuple[str, str]], kind: str | None = None
) -> Plan:
    """The ``index``-th document of the corpus of ``seed`` (of ``kind``, or drawn by weight),
    on a meeting no other document of its kind has."""
    rng = random.Random(f"legisgraph-bench:{seed}:{index}")
    names = list(KINDS)
    drawn = rng.choices(names, weights=[KINDS[n][0] for n in names])[0]
    kind = kind or drawn
    language = ZH if rng.random() < 0.6 else EN
    for _ in range(FREE_MEETING_DRAWS):
        date = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        if kind == "question":
            committee = world.council
            date += dt.timedelta(days=(2 - date.weekday()) % 7)  # Council meets on Wednesdays
        elif rng.random() < 0.15:
            committee = world.subcommittee(session_of(date), rng.randint(1, 6))
        else:
            committee = rng.choice(world.committees)
        key = (kind, f"{committee.iri.value}/{date}")
        if date <= LAST_DAY and key not in taken:
            taken.add(key)
            return Plan(kind, committee, date, language, rng)
    # Past ~7,000 documents every Council Wednesday has a question: further ones share them.
    if kind != "question":
        raise RuntimeError(f"no meeting left without a {kind}: the corpus is too large")
    date -= dt.timedelta(days=7) if date > LAST_DAY else dt.timedelta(0)
    slot = next(n for n in count(1) if (kind, f"{committee.iri.value}/{date}#{n}") not in taken)
    taken.add((kind, f"{committee.iri.value}/{date}#{slot}"))
    return Plan(kind, committee, date, language, rng, slot)


def build_document(plan: Plan, world: World) -> DocumentGraph:
    """The graph of the planned document."""
    return KINDS[plan.kind][1](plan, world)


def _purpose(paper: Paper, topic: tuple[str, str]) -> str:
    if paper.language == ZH:
        return (
            f"本文件提供有關{topic[0]}的背景資料，"
            f"並綜述{paper.committee.zh}委員就相關事宜提出的意見及關注。"
        )
    return (
        f"This paper provides background information on {topic[1]} and summarizes the views "
        f"and concerns expressed by members of the {paper.committee.en}."
    )


def _previous(paper: Paper, topic: tuple[str, str]) -> str:
    if paper.language == ZH:
        return f"{paper.committee.zh}曾在多次會議上討論{topic[0]}的相關事宜。"
    return f"The {paper.committee.en} discussed issues relating to {topic[1]} at several meetings."


def _latest(paper: Paper, topic: tuple[str, str], date: dt.date) -> str:
    if paper.language == ZH:
        return f"議員曾在{date.year}年的立法會會議上就{topic[0]}提出質詢。"
    return f"Members raised questions on {topic[1]} at Council meetings in {date.year}."


def _council_question(paper: Paper, before: dt.date) -> ox.NamedNode:
    rng, world = paper.rng, paper.world
    day = before - dt.timedelta(days=rng.randint(7, 700))
    day = max(FIRST_DAY, day - dt.timedelta(days=(day.weekday() - 2) % 7))
    number = rng.randint(1, 22)
    topic = rng.choice(phrases.TOPICS)
    node = paper.doc.resource(
        world.iris.question(day, number), "CouncilQuestion", paper.words(topic)
    )
    paper.doc.date(node, day)
    paper.doc.add(node, terms.TITLE, paper.doc.text(paper.words(topic)))
    council = paper.doc.entity(world.meeting(world.council, day, paper.language))
    paper.doc.entity(world.council)
    paper.doc.add(node, terms.lg("askedAt"), council)
    paper.doc.add(node, terms.lg("questionNumber"), ox.Literal(number))
    return node


def _agenda_item(paper: Paper, meeting: ox.NamedNode, number: int, title: str) -> ox.NamedNode:
    roman = to_roman(number)
    item = paper.doc.resource(
        f"{meeting.value}/item/{roman}", "AgendaItem", _item_label(paper, number, title)
    )
    paper.doc.add(item, terms.TITLE, paper.doc.text(title))
    paper.doc.add(item, terms.lg("itemNumber"), ox.Literal(roman))
    paper.doc.add(item, terms.lg("itemOf"), meeting)
    paper.doc.add(item, terms.lg("position"), ox.Literal(number))
    return item


def _item_label(paper: Paper, number: int, title: str) -> str:
    roman = to_roman(number)
    return f"議程第{roman}項：{title}" if paper.language == ZH else f"Item {roman}: {title}"


def _finish(paper: Paper, kind: str, source_name: str) -> DocumentGraph:
    paper.doc.provenance(paper.node, kind, source_name, paper.date)
    return paper.doc
