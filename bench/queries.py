"""The benchmark's query mix, and the resources the light queries are pointed at.

Every query reads the union of all graphs (as researchers query our endpoint) and touches only
triples that live in one document's graph, or counts DISTINCT, so engines that keep the union
as a bag (Oxigraph, Virtuoso) and ones that make it a set give the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

PREFIXES = """PREFIX lg: <https://w3id.org/legisgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@dataclass(frozen=True)
class Query:
    """One query of the mix; ``target`` names the kind of IRI that fills ``{iri}``, if any."""

    name: str
    description: str
    sparql: str
    target: str | None = None

    @property
    def is_construct(self) -> bool:
        """Whether it returns triples (CONSTRUCT) rather than solutions."""
        return self.sparql.lstrip().upper().startswith("CONSTRUCT")

    def text(self, iri: str | None = None) -> str:
        """The full query, with ``iri`` filled in for a parameterised one."""
        body = self.sparql.replace("{iri}", f"<{iri}>") if self.target else self.sparql
        return PREFIXES + body


MIX = (
    Query(
        "point",
        "one paragraph's triples, by IRI (a different paragraph each request)",
        "SELECT ?p ?o WHERE { {iri} ?p ?o }",
        target="paragraph",
    ),
    Query(
        "join2",
        "a paper's concerns via its paragraphs, with responses (a different paper each request)",
        """SELECT ?concern ?label ?response WHERE {
  ?paragraph lg:partOfDocument {iri} .
  ?concern lg:sourceParagraph ?paragraph ; a lg:Concern ; rdfs:label ?label .
  OPTIONAL { ?response lg:respondsTo ?concern }
}""",
        target="paper",
    ),
    Query(
        "aggregate",
        "papers per committee for meetings in 2010-2019 (date filter, GROUP BY, COUNT DISTINCT)",
        """SELECT ?committee (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper lg:forMeeting ?meeting .
  ?meeting dcterms:date ?date ; lg:committee ?committee .
  FILTER(?date >= "2010-01-01"^^xsd:date && ?date < "2020-01-01"^^xsd:date)
} GROUP BY ?committee ORDER BY DESC(?papers) ?committee""",
    ),
    Query(
        "text",
        "concerns whose label mentions data (數據 / data): CONTAINS over every concern label",
        """SELECT ?concern ?label WHERE {
  ?concern a lg:Concern ; rdfs:label ?label .
  FILTER(CONTAINS(?label, "數據") || CONTAINS(?label, "data"))
}""",
    ),
    Query(
        "construct",
        "every suggestion members made, with label, paragraph and topic (large CONSTRUCT)",
        """CONSTRUCT {
  ?concern a lg:Concern ; rdfs:label ?label ; lg:sourceParagraph ?paragraph ; lg:topic ?topic .
} WHERE {
  ?concern lg:concernKind lg:SuggestionMade ; rdfs:label ?label ;
    lg:sourceParagraph ?paragraph ; lg:topic ?topic .
}""",
    ),
)

#: How each target kind is found in a store: a SELECT of ?x, in a stable order.
TARGETS = {
    "paragraph": "SELECT ?x WHERE { ?x a lg:Paragraph } ORDER BY ?x",
    "paper": "SELECT DISTINCT ?x WHERE { ?p lg:partOfDocument ?x . ?c lg:sourceParagraph ?p }"
    " ORDER BY ?x",
}


def sample_targets(store: ox.Store, count: int = 1000) -> dict[str, list[str]]:
    """``count`` IRIs per target kind, spread evenly over the store, the same on every run."""
    found = {}
    for kind, sparql in TARGETS.items():
        rows = store.query(PREFIXES + sparql)
        iris = [row["x"].value for row in rows]
        step = max(1, len(iris) // count)
        found[kind] = iris[::step][:count]
    return found
