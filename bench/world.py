"""The shared things documents talk about: committees, bodies, meetings, topics, ordinances.

Committees and government bodies come from the curated tables in ontology/ (as data); meetings,
per-session subcommittees, topics and policy documents are minted with the loader's own IRI
rules (loader.ids.Iris), so generated graphs have the same IRIs the loader would write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from bench import phrases, terms
from bench.phrases import EN, ZH
from loader.ids import Iris
from loader.paths import ONTOLOGY_DIR
from loader.settings import DEFAULT_BASE_IRI

Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, Term]

#: Committees that hold few or no topical meetings in the generated corpus.
NON_TOPICAL = {"council", "cmi", "crp"}


@dataclass(frozen=True)
class Entity:
    """A shared resource and the triples every graph that names it repeats (as the loader does)."""

    iri: ox.NamedNode
    triples: tuple[Triple, ...]
    zh: str
    en: str

    def name(self, language: str) -> str:
        """Its name in ``language``."""
        return self.zh if language == ZH else self.en


class World:
    """Everything shared between documents, built once per corpus from the curated tables."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.iris = Iris(base_iri)
        curated = _curated_entities(base_iri)
        committees = [e for e in curated if "/committee/" in e.iri.value]
        self.council = next(e for e in committees if e.iri.value.endswith("/committee/council"))
        self.committees = tuple(
            e for e in committees if e.iri.value.rsplit("/", 1)[-1] not in NON_TOPICAL
        )
        organisations = [e for e in curated if "/org/" in e.iri.value]
        self.government = next(e for e in organisations if e.iri.value.endswith("/org/hksarg"))
        self.bodies = tuple(
            e
            for e in organisations
            if (terms.TYPE, terms.lg("GovernmentBody")) in e.triples and e is not self.government
        )
        self.divisions = tuple(e for e in organisations if "/org/legco-cbd" in e.iri.value)
        self.ordinances = tuple(self._ordinance(*row) for row in phrases.ORDINANCES)

    def _ordinance(self, cap: str, zh: str, en: str) -> Entity:
        iri = ox.NamedNode(self.iris.ordinance(cap))
        triples = (
            (terms.TYPE, terms.lg("Ordinance")),
            (terms.LABEL, ox.Literal(zh, language=ZH)),
            (terms.LABEL, ox.Literal(en, language=EN)),
            (terms.PAGE, ox.NamedNode(f"https://www.elegislation.gov.hk/hk/cap{cap}")),
            (terms.lg("capNumber"), ox.Literal(cap)),
        )
        return Entity(iri, triples, zh, en)

    def subcommittee(self, session: str, number: int) -> Entity:
        """A per-session subcommittee, ``committee/{session}/hs{nn}``, named after a topic."""
        return _subcommittee(self.iris.base, session, number)

    def meeting(self, committee: Entity, date: dt.date, language: str) -> Entity:
        """The meeting of ``committee`` on ``date``, labelled in ``language``."""
        iri = ox.NamedNode(self.iris.meeting(committee.iri.value, date))
        zh = f"{committee.zh}{date.year}年{date.month}月{date.day}日會議"
        en = f"Meeting of the {committee.en} on {date.day} {phrases.MONTHS_EN[date.month - 1]}"
        en += f" {date.year}"
        council = committee is self.council
        classes = terms.lg_types("CouncilMeeting" if council else "Meeting")
        triples = tuple((terms.TYPE, c) for c in classes) + (
            (terms.LABEL, ox.Literal(zh if language == ZH else en, language=language)),
            (terms.DATE, ox.Literal(date.isoformat(), datatype=terms.XSD_DATE)),
            (terms.lg("committee"), committee.iri),
        )
        return Entity(iri, triples, zh, en)

    def topic(self, committee: Entity, topic: tuple[str, str], language: str) -> Entity:
        """``topic`` as a concept in ``committee``'s topic scheme, labelled in ``language``."""
        return _topic(self.iris.base, committee.iri.value, topic[0 if language == ZH else 1])

    def policy_document(self, topic: tuple[str, str], year: int, language: str) -> Entity:
        """A named blueprint on ``topic`` published in ``year``."""
        zh, en = f"{topic[0]}藍圖{year}", f"Blueprint for {topic[1]} {year}"
        title = zh if language == ZH else en
        iri = ox.NamedNode(self.iris.policy_document(title))
        triples = (
            (terms.TYPE, terms.lg("PolicyDocument")),
            (terms.LABEL, ox.Literal(title, language=language)),
            (terms.TITLE, ox.Literal(title, language=language)),
            (terms.DATE, ox.Literal(str(year), datatype=terms.XSD_GYEAR)),
        )
        return Entity(iri, triples, zh, en)


def session_of(date: dt.date) -> str:
    """The LegCo session of ``date``: ``2014-15`` (October to July) before 2022, then the year."""
    if date.year >= 2022:
        return str(date.year)
    start = date.year if date.month >= 10 else date.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@cache
def _subcommittee(base: str, session: str, number: int) -> Entity:
    topic = phrases.TOPICS[(number * 7 + len(session)) % len(phrases.TOPICS)]
    zh, en = f"{topic[0]}事宜小組委員會", f"Subcommittee on {topic[1]}"
    code = f"hs{number:02d}"
    iri = ox.NamedNode(Iris(base).committee(f"{session}/{code}"))
    triples = tuple((terms.TYPE, c) for c in terms.lg_types("Subcommittee")) + (
        (terms.LABEL, ox.Literal(zh, language=ZH)),
        (terms.LABEL, ox.Literal(en, language=EN)),
        (terms.lg("committeeCode"), ox.Literal(code)),
    )
    return Entity(iri, triples, zh, en)


@cache
def _topic(base: str, committee: str, label: str) -> Entity:
    iris = Iris(base)
    scheme = ox.NamedNode(iris.topic_scheme(committee))
    iri = ox.NamedNode(iris.topic(committee, label))
    language = ZH if any(ord(c) > 0x2E80 for c in label) else EN
    literal = ox.Literal(label, language=language)
    triples = (
        (terms.TYPE, terms.CONCEPT),
        (terms.TYPE, terms.lg("Topic")),
        (terms.LABEL, literal),
        (terms.PREF_LABEL, literal),
        (terms.IN_SCHEME, scheme),
    )
    return Entity(iri, triples, label, label)


@cache
def _curated_entities(base_iri: str) -> tuple[Entity, ...]:
    """Every subject of the curated committee and government-body tables, with its triples."""
    store = ox.Store()
    for name in ("legco-committees.ttl", "hk-government-bodies.ttl"):
        store.load(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE)
    by_subject: dict[str, list[Triple]] = {}
    for quad in store:
        by_subject.setdefault(quad.subject.value, []).append((quad.predicate, quad.object))
    entities = []
    for subject, triples in sorted(by_subject.items()):
        names = {
            o.language.lower(): o.value
            for p, o in triples
            if p == terms.LABEL and isinstance(o, ox.Literal) and o.language
        }
        iri = Iris(base_iri).rebase(subject, DEFAULT_BASE_IRI)
        rebased = tuple(
            (p, ox.NamedNode(Iris(base_iri).rebase(o.value, DEFAULT_BASE_IRI)))
            if isinstance(o, ox.NamedNode) and p != terms.TYPE
            else (p, o)
            for p, o in sorted(triples, key=str)
        )
        zh = names.get(ZH.lower(), names.get(EN, subject))
        entities.append(Entity(ox.NamedNode(iri), rebased, zh, names.get(EN, zh)))
    return tuple(entities)
