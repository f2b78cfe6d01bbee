"""Government bodies through time: which body a post belonged to on a day, and its lineage.

The curated table ``ontology/hk-government-bodies.ttl`` gives every policy bureau since 1997
with the days it existed (``lg:validFrom``/``lg:validUntil``), the answering posts
(``org:Post`` ``org:postIn`` a body) and the re-organisations as W3C ORG change events. A post
as a question names it ("Secretary for Transport and Housing", "運輸及房屋局局長", "Acting
Under Secretary for …", Simplified Chinese) resolves to the body that held it on the question's
date; the body is written with its predecessors and successors, so queries can follow a policy
area across re-organisations.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import opencc
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from loader.kinds.common.context import Context
from loader.kinds.common.tables import body_table, strip_article
from loader.names import normalize_for_matching
from loader.vocab import LG, ORG

_EN_ACTING = re.compile(r"^(?:the\s+)?(?:Acting\s+)?", re.I)
_EN_DEPUTY = re.compile(r"^(?:Under|Permanent)\s+(?=Secretary\s+for\b)", re.I)
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_ZH_DEPUTY = re.compile(r"局(?:副局長|常任秘書長)$")
_EN_BUREAU = re.compile(r"^Secretary\s+for\s+(?:the\s+)?(?P<policy>.+)$", re.I)
_ZH_BUREAU = re.compile(r"^(?P<bureau>.+局)局長$")
#: Characters written two ways in Traditional Chinese (Hong Kong form last).
_ZH_VARIANTS = str.maketrans({"衛": "衞"})


@dataclass(frozen=True)
class Held:
    """Something valid between two days (inclusive; ``None`` is open): a post or a body."""

    iri: URIRef
    body: URIRef
    start: dt.date | None
    end: dt.date | None

    def on(self, day: dt.date) -> bool:
        """True when valid on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


def _key(name: str) -> str:
    return normalize_for_matching(strip_article(name)).translate(_ZH_VARIANTS)


def post_variants(post: str, language: str) -> list[str]:
    """A post as written without "Acting"/"署理", then a deputy's post as its head's post."""
    text = _to_traditional().convert(post) if language == "zh-Hans" else post
    text = _QUALIFIER.sub("", _EN_ACTING.sub("", text.strip()).removeprefix("署理")).strip()
    head = _ZH_DEPUTY.sub("局局長", _EN_DEPUTY.sub("", text))
    return list(dict.fromkeys((text, head)))


def bureau_name(post: str) -> str | None:
    """The bureau a post's words name: ``Secretary for X`` → ``X Bureau``; ``X局局長`` → ``X局``."""
    en, zh = _EN_BUREAU.match(post), _ZH_BUREAU.match(post)
    return f"{en['policy']} Bureau" if en else zh["bureau"] if zh else None


class GovernmentBodies:
    """The curated table indexed by post and body name, each with the days it was valid."""

    def __init__(self, base: str) -> None:
        self.table = body_table(base)
        self.posts = self._index(ORG.Post, lambda post: self.table.value(post, ORG.postIn))
        self.bodies = self._index(LG.GovernmentBody, lambda body: body)

    def _index(
        self, rdf_class: URIRef, body_of: Callable[[URIRef], URIRef]
    ) -> dict[str, list[Held]]:
        index: dict[str, list[Held]] = {}
        for iri in sorted(self.table.subjects(RDF.type, rdf_class)):
            held = Held(
                iri, body_of(iri), self._day(iri, LG.validFrom), self._day(iri, LG.validUntil)
            )
            for predicate in (RDFS.label, LG.abbreviation):
                for name in self.table.objects(iri, predicate):
                    index.setdefault(_key(str(name)), []).append(held)
        return index

    def _day(self, iri: URIRef, predicate: URIRef) -> dt.date | None:
        value = self.table.value(iri, predicate)
        return value.toPython() if isinstance(value, Literal) else None

    def answering_body(self, post: str, day: dt.date, language: str) -> URIRef | None:
        """The body the post belonged to on ``day``; None when the table cannot say."""
        variants = post_variants(post, language)
        names = [(self.posts, _key(variant)) for variant in variants]
        names += [(self.bodies, _key(n)) for n in map(bureau_name, variants) if n is not None]
        for index, key in names:
            found = {held.body for held in index.get(key, ()) if held.on(day)}
            if len(found) == 1:
                return found.pop()
        return None

    def ancestors(self, body: URIRef) -> set[URIRef]:
        """The change events that made ``body``, and those that made their originals, …"""
        return self._walk(body, ORG.resultingOrganization, ORG.originalOrganization)

    def descendants(self, body: URIRef) -> set[URIRef]:
        """The change events ``body`` went through, and those its results went through, …"""
        return self._walk(body, ORG.originalOrganization, ORG.resultingOrganization)

    def _walk(self, body: URIRef, inward: URIRef, outward: URIRef) -> set[URIRef]:
        events: set[URIRef] = set()
        todo = [body]
        while todo:
            for event in self.table.subjects(inward, todo.pop()):
                if event not in events:
                    events.add(event)
                    todo.extend(self.table.objects(event, outward))
        return events

    def lineage(self, body: URIRef) -> Graph:
        """``body`` described, with every re-organisation before and after it and its bodies.

        Each change event names its originals and results both ways (``org:changedBy`` and
        ``org:originalOrganization``, ``org:resultedFrom`` and ``org:resultingOrganization``).
        """
        out = Graph()
        events = self.ancestors(body) | self.descendants(body)
        bodies = {body}
        for event in events:
            for triple in self.table.triples((event, None, None)):
                out.add(triple)
            for original in self.table.objects(event, ORG.originalOrganization):
                out.add((original, ORG.changedBy, event))
                bodies.add(original)
            for result in self.table.objects(event, ORG.resultingOrganization):
                out.add((result, ORG.resultedFrom, event))
                bodies.add(result)
        for iri in bodies:
            for triple in self.table.triples((iri, None, None)):
                out.add(triple)
        return out


@cache
def government_bodies(base: str) -> GovernmentBodies:
    """The curated table for IRIs under ``base``, built once."""
    return GovernmentBodies(base)


@cache
def _lineage(base: str, body: URIRef) -> Graph:
    return government_bodies(base).lineage(body)


def write_answering_body(ctx: Context, post: str, day: dt.date) -> URIRef | None:
    """Resolve a post to its body on ``day`` and write the body with its lineage."""
    body = government_bodies(ctx.iris.base).answering_body(post, day, ctx.language)
    if body is not None:
        ctx.written.add(body)
        ctx.out.merge(_lineage(ctx.iris.base, body))
    return body
