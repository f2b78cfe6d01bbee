"""Every SPARQL query behind the resource pages, in one place.

The resource is never written into the text: it is bound to ``?this`` (and an incoming property
to ``?property``) with pyoxigraph's ``substitutions``, which SELECT queries must project. Lists
of IRIs the store itself returned go in VALUES blocks written from pyoxigraph terms
(``values``); page sizes are integers. All run over the union of the named graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from string import Template

import pyoxigraph as ox

THIS = ox.Variable("this")
PROPERTY = ox.Variable("property")


def values(terms: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """Terms in SPARQL syntax for a VALUES block (pyoxigraph writes and escapes them)."""
    return " ".join(str(term) for term in terms)


#: Is the IRI used anywhere, as subject or object?
EXISTS = "ASK { { ?this ?p ?o } UNION { ?s ?p ?this } }"

#: Is the IRI a named graph?
IS_GRAPH = "ASK { GRAPH ?this { ?s ?p ?o } }"

GRAPH_SIZE = "SELECT ?this (COUNT(*) AS ?triples) WHERE { GRAPH ?this { ?s ?p ?o } } GROUP BY ?this"

#: What the resource states: its triples, and those of the blank nodes and the hash IRIs
#: (``{this}#load``) it points to, one level deep.
OUTGOING = """
CONSTRUCT { ?this ?p ?o . ?part ?pp ?po }
WHERE {
  { ?this ?p ?o }
  UNION
  { ?this ?p ?part
    FILTER(isBlank(?part) || (isIRI(?part) && STRSTARTS(STR(?part), CONCAT(STR(?this), "#"))))
    ?part ?pp ?po }
}
"""

#: How many resources link to it, per property.
INCOMING_COUNTS = """
SELECT ?this ?property (COUNT(DISTINCT ?s) AS ?count)
WHERE { ?s ?property ?this }
GROUP BY ?this ?property ORDER BY ?property
"""

#: One page of the resources that link to it with one property, in IRI order.
INCOMING_PAGE = Template("""
SELECT DISTINCT ?this ?property ?s WHERE { ?s ?property ?this }
ORDER BY ?s LIMIT $limit OFFSET $offset
""")

#: Candidate labels of many IRIs at once.
# The predicates are a FILTER, not a second VALUES block: Oxigraph joins two VALUES blocks with
# a scan of the whole graph (1.3 s on a 2M-quad store for 200 IRIs; 5 ms this way).
LABELS = Template("""
SELECT ?s ?p ?label WHERE { VALUES ?s { $subjects } ?s ?p ?label FILTER(?p IN ($predicates)) }
""")

#: The documents (named graphs) that state something about it, with their provenance.
PROVENANCE = """
SELECT DISTINCT ?this ?graph ?source ?sha ?primary ?derived ?kind ?topic ?loaded ?version WHERE {
  { SELECT DISTINCT ?this ?graph WHERE { GRAPH ?graph { ?this ?anyp ?anyo } } }
  GRAPH ?graph {
    OPTIONAL { ?graph lg:sourceName ?source }
    OPTIONAL { ?graph lg:sourceSha256 ?sha }
    OPTIONAL { ?graph prov:hadPrimarySource ?primary }
    OPTIONAL { ?graph prov:wasDerivedFrom ?derived }
    OPTIONAL { ?graph lg:documentKind ?kind }
    OPTIONAL { ?graph foaf:primaryTopic ?topic }
    OPTIONAL { ?graph prov:wasGeneratedBy ?activity .
               OPTIONAL { ?activity prov:endedAtTime ?loaded }
               OPTIONAL { ?activity lg:loaderVersion ?version } }
  }
}
ORDER BY ?graph LIMIT 100
"""

#: The paragraphs it was read from and the exact words quoted as its evidence.
EVIDENCE = """
SELECT DISTINCT ?this ?paragraph ?exact ?prefix ?suffix WHERE {
  { ?this lg:evidence ?evidence . ?evidence oa:hasSource ?paragraph .
    OPTIONAL { ?evidence oa:hasSelector ?selector .
               ?selector a oa:TextQuoteSelector ; oa:exact ?exact .
               OPTIONAL { ?selector oa:prefix ?prefix }
               OPTIONAL { ?selector oa:suffix ?suffix } } }
  UNION
  { ?this lg:sourceParagraph ?paragraph
    FILTER NOT EXISTS { ?this lg:evidence/oa:hasSource ?paragraph } }
}
ORDER BY ?paragraph ?exact LIMIT 100
"""

#: Exact quoted words of many resources (for the concern / response view).
QUOTES = Template("""
SELECT DISTINCT ?s ?exact WHERE {
  VALUES ?s { $subjects }
  ?s lg:evidence/oa:hasSelector ?selector . ?selector a oa:TextQuoteSelector ; oa:exact ?exact
}
""")

#: A meeting's agenda items, in agenda order.
MEETING_ITEMS = """
SELECT DISTINCT ?this ?item ?number ?position WHERE {
  ?item lg:itemOf ?this
  OPTIONAL { ?item lg:itemNumber ?number } OPTIONAL { ?item lg:position ?position }
}
ORDER BY ?position ?item LIMIT 500
"""

#: The papers considered under each of a meeting's agenda items.
ITEM_PAPERS = """
SELECT DISTINCT ?this ?item ?paper ?number WHERE {
  ?item lg:itemOf ?this . ?paper lg:consideredUnder ?item
  OPTIONAL { ?paper lg:paperNumber ?number }
}
ORDER BY ?item ?number ?paper LIMIT 2000
"""

#: Papers for a meeting that are not tied to one of its items (agenda, minutes, briefs).
MEETING_PAPERS = """
SELECT DISTINCT ?this ?paper ?number WHERE {
  ?paper lg:forMeeting ?this
  OPTIONAL { ?paper lg:paperNumber ?number }
  FILTER NOT EXISTS { ?paper lg:consideredUnder/lg:itemOf ?this }
}
ORDER BY ?number ?paper LIMIT 500
"""

#: A document's paragraphs in reading order, with their section.
PAPER_PARAGRAPHS = """
SELECT DISTINCT ?this ?paragraph ?number ?text ?section ?position WHERE {
  ?paragraph lg:partOfDocument ?this ; a lg:Paragraph
  OPTIONAL { ?paragraph lg:paragraphNumber ?number }
  OPTIONAL { ?paragraph lg:text ?text }
  OPTIONAL { ?paragraph lg:inSection ?section }
  OPTIONAL { ?paragraph lg:position ?position }
}
ORDER BY ?position ?paragraph LIMIT 2000
"""

#: The government responses to a concern or question.
RESPONSES = (
    "SELECT DISTINCT ?this ?other WHERE { ?other lg:respondsTo ?this } ORDER BY ?other LIMIT 100"
)

#: The concerns or questions a government response answers.
ANSWERS = (
    "SELECT DISTINCT ?this ?other WHERE { ?this lg:respondsTo ?other } ORDER BY ?other LIMIT 100"
)

#: A member's memberships of bodies (W3C ORG), with the role when stated.
MEMBERSHIPS = """
SELECT DISTINCT ?this ?membership ?organization ?role WHERE {
  ?membership org:member ?this
  OPTIONAL { ?membership org:organization ?organization }
  OPTIONAL { ?membership org:role ?role }
}
ORDER BY ?organization ?membership LIMIT 500
"""

#: Council questions a member asked, latest first.
QUESTIONS_ASKED = """
SELECT DISTINCT ?this ?question ?date WHERE {
  ?question lg:askedBy ?this OPTIONAL { ?question dcterms:date ?date }
}
ORDER BY DESC(?date) ?question LIMIT 500
"""

#: Concerns a member raised.
CONCERNS_RAISED = """
SELECT DISTINCT ?this ?concern WHERE { ?concern lg:raisedBy ?this } ORDER BY ?concern LIMIT 500
"""
