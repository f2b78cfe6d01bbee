"""Building one document's named graph as pyoxigraph quads, the way the loader shapes it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pyoxigraph as ox

from bench import terms
from bench.world import Entity, Term

#: Characters of context kept before and after a quoted span (oa:prefix / oa:suffix).
CONTEXT_CHARS = 32
#: Longest label before it is cut with an ellipsis, as the loader labels long statements.
LABEL_CHARS = 60


class DocumentGraph:
    """The quads of one document's named graph; shared entities are written once per graph."""

    def __init__(self, graph_iri: str, language: str) -> None:
        self.graph = ox.NamedNode(graph_iri)
        self.language = language
        self.quads: list[ox.Quad] = []
        self._entities: set[str] = set()

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: Term) -> None:
        """One triple in this document's graph."""
        self.quads.append(ox.Quad(subject, predicate, obj, self.graph))

    def text(self, value: str) -> ox.Literal:
        """A literal in the document's language."""
        return ox.Literal(value, language=self.language)

    def resource(self, iri: str, lg_class: str, label: str) -> ox.NamedNode:
        """A new resource typed ``lg_class`` (and its superclasses) with a label; its node."""
        node = ox.NamedNode(iri)
        for cls in terms.lg_types(lg_class):
            self.add(node, terms.TYPE, cls)
        self.add(node, terms.LABEL, self.text(label))
        return node

    def entity(self, entity: Entity) -> ox.NamedNode:
        """Write a shared entity's triples into this graph (once) and return its node."""
        if entity.iri.value not in self._entities:
            self._entities.add(entity.iri.value)
            for predicate, obj in entity.triples:
                self.add(entity.iri, predicate, obj)
        return entity.iri

    def date(self, subject: ox.NamedNode, day: dt.date) -> None:
        """dcterms:date as xsd:date."""
        self.add(subject, terms.DATE, ox.Literal(day.isoformat(), datatype=terms.XSD_DATE))

    def evidence(
        self, resource: ox.NamedNode, paragraph: ox.NamedNode, text: str, start: int, end: int
    ) -> None:
        """lg:evidence: a Web Annotation selecting ``text[start:end]`` of the paragraph."""
        evidence = ox.NamedNode(resource.value + "/evidence")
        position = ox.NamedNode(evidence.value + "/position")
        quote = ox.NamedNode(evidence.value + "/quote")
        exact = text[start:end]
        self.add(resource, terms.lg("evidence"), evidence)
        self.add(evidence, terms.TYPE, terms.SPECIFIC_RESOURCE)
        self.add(evidence, terms.LABEL, self.text(short_label(exact)))
        self.add(evidence, terms.HAS_SOURCE, paragraph)
        self.add(evidence, terms.HAS_SELECTOR, position)
        self.add(evidence, terms.HAS_SELECTOR, quote)
        self.add(position, terms.TYPE, terms.POSITION_SELECTOR)
        self.add(position, terms.START, _offset(start))
        self.add(position, terms.END, _offset(end))
        self.add(quote, terms.TYPE, terms.QUOTE_SELECTOR)
        self.add(quote, terms.EXACT, ox.Literal(exact))
        self.add(quote, terms.PREFIX, ox.Literal(text[max(0, start - CONTEXT_CHARS) : start]))
        self.add(quote, terms.SUFFIX, ox.Literal(text[end : end + CONTEXT_CHARS]))

    def provenance(self, document: ox.NamedNode, kind: str, source: str, when: dt.date) -> None:
        """The graph's PROV-O description; the time is the document's date, for determinism."""
        graph = self.graph
        activity = ox.NamedNode(graph.value + "#load")
        self.add(graph, terms.TYPE, terms.PROV_ENTITY)
        self.add(graph, terms.PRIMARY_TOPIC, document)
        self.add(graph, terms.lg("sourceName"), ox.Literal(source))
        self.add(
            graph, terms.lg("sourceSha256"), ox.Literal(hashlib.sha256(source.encode()).hexdigest())
        )
        self.add(graph, terms.lg("documentKind"), terms.lg(kind))
        self.add(graph, terms.LANGUAGE, ox.Literal(self.language))
        self.add(graph, terms.GENERATED_BY, activity)
        self.add(activity, terms.TYPE, terms.PROV_ACTIVITY)
        ended = ox.Literal(f"{when.isoformat()}T00:00:00+00:00", datatype=terms.XSD_DATETIME)
        self.add(activity, terms.ENDED_AT, ended)
        self.add(activity, terms.ASSOCIATED_WITH, terms.LOADER_AGENT)
        self.add(activity, terms.lg("loaderVersion"), ox.Literal("bench"))


def short_label(text: str) -> str:
    """A label for a long statement: its first characters, cut with an ellipsis."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS] + "…"


def _offset(value: int) -> ox.Literal:
    """A code-point offset, typed as the shapes require (xsd:nonNegativeInteger)."""
    return ox.Literal(str(value), datatype=terms.XSD_NON_NEGATIVE_INTEGER)
