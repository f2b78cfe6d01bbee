"""Deciding a link: score each candidate, then accept, send to review, or reject.

Rules, in order (thresholds from ontology/wikidata-config.ttl):

1. A human's word wins: a pair in the confirmed-links table (``owl:sameAs``) is accepted
   without asking Wikidata; a pair marked ``owl:differentFrom`` is never linked nor reviewed.
2. A candidate that is not an instance of the kind's Wikidata class (``P31``, or a subclass of
   it) is rejected: a film or a family name is never a member.
3. score = 0.7 × name similarity + 0.3 × share of the required facts the candidate has.
4. Exactly one candidate with score ≥ acceptAt and every required fact → accepted. Two or more
   such candidates are ambiguous: all go to review.
5. Other candidates with score ≥ reviewAt go to review; the rest are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from loader.linking.config import Kind, LinkConfig
from loader.linking.names import similarity
from loader.linking.wikidata import Entity
from loader.names import person_name

NAME_WEIGHT = 0.7
FACT_WEIGHT = 0.3


@dataclass(frozen=True)
class OurEntity:
    """One of our entities to link: its IRI, kind, and names as (language, text)."""

    iri: str
    kind: str
    label: str
    names: tuple[tuple[str, str], ...]

    def match_names(self) -> list[str]:
        """The names compared with candidates' (people without their titles)."""
        names = [text for _, text in self.names]
        if self.kind == "member":
            names = [person_name(text) for text in names]
        return sorted(set(names))


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and why."""

    qid: str
    label: str
    score: float
    type_ok: bool
    facts_ok: bool
    reasons: tuple[str, ...]
    revision: int
    modified: str


@dataclass(frozen=True)
class Decision:
    """What happened to one entity: at most one accepted candidate, some to review."""

    entity: OurEntity
    accepted: Scored | None
    review: tuple[Scored, ...]
    rejected: tuple[Scored, ...]


def score(entity: OurEntity, candidate: Entity, kind: Kind, classes: frozenset[str]) -> Scored:
    """The candidate's score, type check and facts, with the reasons spelt out."""
    best, ours, theirs = 0.0, "", ""
    for name in entity.match_names():
        for _, other in candidate.names():
            value = similarity(name, other)
            if value > best:
                best, ours, theirs = value, name, other
    type_ok = bool(classes & kind.wikidata_classes)
    reasons = [f"name {best:.2f} ({ours} ~ {theirs})" if best else "name 0.00"]
    instance_of = ",".join(sorted(candidate.claims.get("P31", ()))) or "none"
    reasons.append(f"type {'ok' if type_ok else 'wrong'} (P31 {instance_of})")
    required = [fact for fact in kind.facts if fact.required]
    held = 0
    for fact in kind.facts:
        has = any(candidate.claims.get(p, frozenset()) & fact.values for p in fact.properties)
        held += has and fact.required
        reasons.append(f"{fact.label}: {'yes' if has else 'no'}")
    share = held / len(required) if required else 1.0
    return Scored(
        qid=candidate.qid,
        label=candidate.label(prefer_chinese=any(n.startswith("zh") for n, _ in entity.names)),
        score=round(NAME_WEIGHT * best + FACT_WEIGHT * share, 3),
        type_ok=type_ok,
        facts_ok=held == len(required),
        reasons=tuple(reasons),
        revision=candidate.revision,
        modified=candidate.modified,
    )


def decide(
    entity: OurEntity, scored: list[Scored], config: LinkConfig, rejected_by_human: set[str]
) -> Decision:
    """Accept, review or reject each scored candidate by the rules in the module docstring."""
    ranked = sorted(scored, key=lambda s: (-s.score, s.qid))
    rejected = [s for s in ranked if s.qid in rejected_by_human or not s.type_ok]
    open_ = [s for s in ranked if s not in rejected]
    qualified = [s for s in open_ if s.score >= config.accept_at and s.facts_ok]
    if len(qualified) == 1:
        return Decision(entity, qualified[0], (), tuple(rejected))
    review = []
    for s in open_:
        if s in qualified:
            note = f"ambiguous: {len(qualified)} candidates qualify"
            review.append(replace(s, reasons=(*s.reasons, note)))
        elif s.score >= config.review_at:
            review.append(s)
        else:
            rejected.append(s)
    return Decision(entity, None, tuple(review), tuple(rejected))
