"""What a linking run leaves behind: the links graph (with how each link was made) and the
review file of candidates a human should look at.

Each accepted link is ``<ours> owl:sameAs <http://www.wikidata.org/entity/Q…>`` plus an OWL
axiom annotation in SSSOM terms at ``{base}link/wikidata/{our path}``: the method
(semapv:LexicalMatching, or semapv:ManualMappingCuration for a human-confirmed link), the score
(sssom:confidence), the date (sssom:mapping_date: the day the Wikidata revision that was checked
was made, or the date a human gave), the revision itself (prov:wasDerivedFrom) and the reasons
(rdfs:comment). No clock time is written: the same cache gives the same graph.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from loader import __version__
from loader.ids import Iris, short_hash
from loader.linking.config import WD
from loader.linking.link import Outcome
from loader.vocab import LG

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
LINKER_AGENT = URIRef("https://w3id.org/legisgraph/linker")
REVISION_URL = "https://www.wikidata.org/w/index.php?oldid={}"
REVIEW_COLUMNS = ["iri", "label", "candidate_qid", "candidate_label", "score", "reasons"]


def links_graph_iri(base_iri: str) -> str:
    """``{base}graph/links/wikidata``: the named graph of the Wikidata links."""
    return Iris(base_iri).iri("graph/links/wikidata")


def links_graph(outcomes: Iterable[Outcome], base_iri: str) -> Graph:
    """The accepted links, each with how it was made, and the graph's own provenance."""
    iris = Iris(base_iri)
    graph_iri = URIRef(links_graph_iri(base_iri))
    activity = URIRef(f"{graph_iri}#link")
    graph = Graph()
    graph.add((graph_iri, RDF.type, PROV.Entity))
    graph.add((graph_iri, PROV.wasGeneratedBy, activity))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.wasAssociatedWith, LINKER_AGENT))
    graph.add((activity, LG.loaderVersion, Literal(__version__)))
    for outcome in outcomes:
        link = outcome.decision.accepted
        if link is None:
            continue
        ours, theirs = URIRef(outcome.decision.entity.iri), URIRef(WD + link.qid)
        path = ours[len(iris.base) :] if ours.startswith(iris.base) else short_hash(ours)
        axiom = iris.iri(f"link/wikidata/{path}")
        graph.add((ours, OWL.sameAs, theirs))
        graph.add((axiom, RDF.type, OWL.Axiom))
        graph.add((axiom, OWL.annotatedSource, ours))
        graph.add((axiom, OWL.annotatedProperty, OWL.sameAs))
        graph.add((axiom, OWL.annotatedTarget, theirs))
        graph.add((axiom, PROV.wasGeneratedBy, activity))
        method = "ManualMappingCuration" if outcome.confirmed_by_human else "LexicalMatching"
        graph.add((axiom, SSSOM.mapping_justification, SEMAPV[method]))
        graph.add((axiom, SSSOM.confidence, Literal(f"{link.score:.3f}", datatype=XSD.double)))
        date = outcome.date if outcome.confirmed_by_human else link.modified[:10] or None
        if date:
            graph.add((axiom, SSSOM.mapping_date, Literal(date, datatype=XSD.date)))
        if link.revision:
            graph.add((axiom, PROV.wasDerivedFrom, URIRef(REVISION_URL.format(link.revision))))
        comment = outcome.comment if outcome.confirmed_by_human else "; ".join(link.reasons)
        if comment:
            graph.add((axiom, RDFS.comment, Literal(comment)))
    return graph


def write_review(outcomes: Iterable[Outcome], path: Path) -> int:
    """Write the candidates to review as CSV (one row per candidate); returns the row count."""
    rows = [
        [
            outcome.decision.entity.iri,
            outcome.decision.entity.label,
            candidate.qid,
            candidate.label,
            f"{candidate.score:.3f}",
            "; ".join(candidate.reasons),
        ]
        for outcome in outcomes
        for candidate in outcome.decision.review
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(REVIEW_COLUMNS)
        writer.writerows(rows)
    return len(rows)
