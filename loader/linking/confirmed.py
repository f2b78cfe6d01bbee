"""The human-confirmed links table (ontology/confirmed-links.ttl): confirmations and rejections.

Format (Turtle, IRIs relative to the default instance base like the other curated tables)::

    <member/name/wongtai-man> owl:sameAs wd:Q123 .        # confirmed: always linked
    <member/name/chansiu-ming> owl:differentFrom wd:Q456 . # rejected: never linked nor reviewed

A confirmation may carry who, when and why as an OWL axiom annotation; ``dcterms:date`` becomes
the link's mapping date::

    [] a owl:Axiom ; owl:annotatedSource <member/name/wongtai-man> ;
       owl:annotatedProperty owl:sameAs ; owl:annotatedTarget wd:Q123 ;
       dcterms:creator "A. Researcher" ; dcterms:date "2026-03-01"^^xsd:date ;
       rdfs:comment "Checked against the LegCo member page." .
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from loader.ids import Iris
from loader.linking.config import WD
from loader.paths import ONTOLOGY_DIR
from loader.settings import DEFAULT_BASE_IRI

CONFIRMED_FILE = ONTOLOGY_DIR / "confirmed-links.ttl"


class TableError(ValueError):
    """The table contradicts itself or names something that is not a Wikidata item."""


@dataclass(frozen=True)
class Confirmed:
    """A link a human confirmed, with the date and comment they gave (if any)."""

    qid: str
    date: str | None
    comment: str | None


@dataclass(frozen=True)
class HumanDecisions:
    """Confirmed links by our IRI, and rejected (our IRI, Q-id) pairs."""

    confirmed: dict[str, Confirmed]
    rejected: frozenset[tuple[str, str]]

    def rejected_for(self, iri: str) -> set[str]:
        """The Q-ids a human said ``iri`` is not."""
        return {qid for ours, qid in self.rejected if ours == iri}


def load_decisions(path: Path, base_iri: str) -> HumanDecisions:
    """Read the table at ``path``, moving its IRIs under ``base_iri``."""
    graph = Graph().parse(path, format="turtle")
    iris = Iris(base_iri)

    def ours(node: object) -> str:
        return str(iris.rebase(str(node), DEFAULT_BASE_IRI))

    confirmed: dict[str, Confirmed] = {}
    for subject, target in sorted(graph.subject_objects(OWL.sameAs)):
        iri, qid = ours(subject), _qid(target, path)
        if iri in confirmed and confirmed[iri].qid != qid:
            raise TableError(f"{path}: {iri} is confirmed as both {confirmed[iri].qid} and {qid}")
        axiom = _axiom(graph, subject, target)
        date = graph.value(axiom, DCTERMS.date) if axiom is not None else None
        comment = graph.value(axiom, RDFS.comment) if axiom is not None else None
        confirmed[iri] = Confirmed(qid, _text(date), _text(comment))
    rejected = {(ours(s), _qid(t, path)) for s, t in graph.subject_objects(OWL.differentFrom)}
    for iri, qid in rejected:
        if iri in confirmed and confirmed[iri].qid == qid:
            raise TableError(f"{path}: {iri} is both confirmed and rejected as {qid}")
    return HumanDecisions(confirmed, frozenset(rejected))


def _axiom(graph: Graph, source: object, target: object) -> object | None:
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        if (
            graph.value(axiom, OWL.annotatedSource) == source
            and graph.value(axiom, OWL.annotatedProperty) == OWL.sameAs
            and graph.value(axiom, OWL.annotatedTarget) == target
        ):
            return axiom
    return None


def _qid(node: object, path: Path) -> str:
    text = str(node)
    local = text[len(WD) :] if text.startswith(WD) else ""
    if not isinstance(node, URIRef) or local[:1] != "Q" or not local[1:].isdigit():
        raise TableError(f"{path}: {text} is not a Wikidata item IRI ({WD}Q…)")
    return local


def _text(node: object | None) -> str | None:
    return None if node is None else str(node)
