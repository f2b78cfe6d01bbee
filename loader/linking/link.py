"""Reconcile our members, committees, bodies and the Council with Wikidata items.

For each entity of the chosen kinds (read from the store by SPARQL): a confirmed link from the
human table is taken as it is; otherwise its names are searched in Wikidata (Chinese names with
``language=zh``, others with ``en``), the candidates fetched, their classes followed up
``P279`` to check the type, and each candidate scored and decided (loader.linking.decisions).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from loader.linking.config import Kind, LinkConfig
from loader.linking.confirmed import HumanDecisions
from loader.linking.decisions import Decision, OurEntity, Scored, decide, score
from loader.linking.wikidata import Entity, WikidataApi
from loader.names import has_han, person_name
from loader.store import GraphStore
from loader.vocab import PREFIXES

#: Our names for an entity: its labels and name variants. Only labels and foaf:name are searched.
NAMES_QUERY = """
SELECT DISTINCT ?s ?p ?name WHERE {
  ?s a ?class .
  FILTER NOT EXISTS { VALUES ?except { EXCEPT } ?s a ?except }
  VALUES ?p { rdfs:label skos:altLabel foaf:name }
  ?s ?p ?name .
  FILTER(isLiteral(?name))
}
"""
SEARCHED = {PREFIXES["rdfs"] + "label", PREFIXES["foaf"] + "name"}
#: Label languages in the order one is picked as the entity's label in the review file.
LABEL_ORDER = ("zh-hant", "zh", "en")


@dataclass(frozen=True)
class Outcome:
    """One entity's result: a decision made here, or a link a human confirmed."""

    decision: Decision
    confirmed_by_human: bool = False
    date: str | None = None
    comment: str | None = None


def read_entities(store: GraphStore, kind: Kind) -> list[tuple[OurEntity, list[str]]]:
    """The kind's entities with the names to search, sorted by IRI."""
    excepted = " ".join(f"<{c}>" for c in kind.except_classes) or "<urn:x-none>"
    query = NAMES_QUERY.replace("EXCEPT", excepted).replace("?class", f"<{kind.our_class}>")
    names: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for row in store.query(query, prefixes=PREFIXES):
        names[row["s"].value].add((row["p"].value, row["name"].language or "", row["name"].value))
    out = []
    for iri in sorted(names):
        found = sorted(names[iri])
        labels = sorted(
            ((lang, text) for p, lang, text in found if p.endswith("#label")), key=_rank
        )
        label = labels[0][1] if labels else found[0][2]
        entity = OurEntity(
            iri, kind.name, label, tuple(sorted({(lang, text) for _, lang, text in found}))
        )
        out.append((entity, _search_strings(entity, found)))
    return out


def _rank(pair: tuple[str, str]) -> tuple[int, str, str]:
    lang = pair[0].lower()
    return (LABEL_ORDER.index(lang) if lang in LABEL_ORDER else len(LABEL_ORDER), *pair)


def _search_strings(entity: OurEntity, found: list[tuple[str, str, str]]) -> list[str]:
    texts = {text for predicate, _, text in found if predicate in SEARCHED}
    if entity.kind == "member":
        texts = {person_name(text) for text in texts}
    return sorted(texts)


def reconcile(
    store: GraphStore,
    kinds: list[str],
    config: LinkConfig,
    api: WikidataApi,
    humans: HumanDecisions,
) -> list[Outcome]:
    """Decide every entity of ``kinds``; the outcomes are in (kind, IRI) order."""
    outcomes = []
    for name in kinds:
        kind = config.kinds[name]
        for entity, searches in read_entities(store, kind):
            confirmed = humans.confirmed.get(entity.iri)
            if confirmed is not None:
                link = Scored(confirmed.qid, confirmed.qid, 1.0, True, True, (), 0, "")
                decision = Decision(entity, link, (), ())
                outcomes.append(Outcome(decision, True, confirmed.date, confirmed.comment))
                continue
            candidates = _candidates(api, searches, config.search_limit)
            scored = [
                score(entity, candidate, kind, _classes(api, candidate, kind, config))
                for candidate in candidates.values()
            ]
            rejected = humans.rejected_for(entity.iri)
            outcomes.append(Outcome(decide(entity, scored, config, rejected)))
    return outcomes


def _candidates(api: WikidataApi, searches: list[str], limit: int) -> dict[str, Entity]:
    qids: list[str] = []
    for text in searches:
        qids += api.search(text, "zh" if has_han(text) else "en", limit)
    return api.entities(qids)


def _classes(api: WikidataApi, entity: Entity, kind: Kind, config: LinkConfig) -> frozenset[str]:
    """The candidate's classes (P31) and their superclasses (P279), as far as the kind needs."""
    closure = set(entity.claims.get("P31", ()))
    level = set(closure)
    for _ in range(config.subclass_depth):
        if closure & kind.wikidata_classes or not level:
            break
        parents = api.entities(level)
        level = {p for c in parents.values() for p in c.claims.get("P279", ())} - closure
        closure |= level
    return frozenset(closure)
