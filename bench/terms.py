"""The RDF terms the corpus generator writes, as pyoxigraph nodes built once."""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from loader.paths import ONTOLOGY_DIR
from loader.vocab import LG, LG_NAMESPACE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"

TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
TITLE = ox.NamedNode(DCTERMS + "title")
DATE = ox.NamedNode(DCTERMS + "date")
LANGUAGE = ox.NamedNode(DCTERMS + "language")
CREATOR = ox.NamedNode(DCTERMS + "creator")
REFERENCES = ox.NamedNode(DCTERMS + "references")
URL = ox.NamedNode(SCHEMA + "url")
PAGE = ox.NamedNode(FOAF + "page")
PRIMARY_TOPIC = ox.NamedNode(FOAF + "primaryTopic")
PREF_LABEL = ox.NamedNode(SKOS + "prefLabel")
IN_SCHEME = ox.NamedNode(SKOS + "inScheme")
CONCEPT = ox.NamedNode(SKOS + "Concept")
CONCEPT_SCHEME = ox.NamedNode(SKOS + "ConceptScheme")
SPECIFIC_RESOURCE = ox.NamedNode(OA + "SpecificResource")
QUOTE_SELECTOR = ox.NamedNode(OA + "TextQuoteSelector")
POSITION_SELECTOR = ox.NamedNode(OA + "TextPositionSelector")
HAS_SOURCE = ox.NamedNode(OA + "hasSource")
HAS_SELECTOR = ox.NamedNode(OA + "hasSelector")
EXACT = ox.NamedNode(OA + "exact")
PREFIX = ox.NamedNode(OA + "prefix")
SUFFIX = ox.NamedNode(OA + "suffix")
START = ox.NamedNode(OA + "start")
END = ox.NamedNode(OA + "end")
PROV_ENTITY = ox.NamedNode(PROV + "Entity")
PROV_ACTIVITY = ox.NamedNode(PROV + "Activity")
GENERATED_BY = ox.NamedNode(PROV + "wasGeneratedBy")
ENDED_AT = ox.NamedNode(PROV + "endedAtTime")
ASSOCIATED_WITH = ox.NamedNode(PROV + "wasAssociatedWith")
XSD_DATE = ox.NamedNode(XSD + "date")
XSD_DATETIME = ox.NamedNode(XSD + "dateTime")
XSD_NON_NEGATIVE_INTEGER = ox.NamedNode(XSD + "nonNegativeInteger")
XSD_GYEAR = ox.NamedNode(XSD + "gYear")
XSD_GYEARMONTH = ox.NamedNode(XSD + "gYearMonth")

#: The agent of every load activity, as the loader writes it.
LOADER_AGENT = ox.NamedNode("https://w3id.org/legisgraph/loader")


@cache
def lg(name: str) -> ox.NamedNode:
    """The lg: term ``name``; a name the vocabulary lacks raises (loader.vocab.LG fails closed)."""
    return ox.NamedNode(str(getattr(LG, name)))


@cache
def lg_types(name: str) -> tuple[ox.NamedNode, ...]:
    """``lg:name`` and all its lg: superclasses: the loader states them all as rdf:type."""
    found = [name]
    for parent in _lg_superclasses().get(name, ()):
        found.extend(t.value[len(LG_NAMESPACE) :] for t in lg_types(parent))
    return tuple(lg(n) for n in dict.fromkeys(found))


@cache
def _lg_superclasses() -> dict[str, tuple[str, ...]]:
    """Direct lg: superclasses of each lg: class, read from ontology/legisgraph.ttl."""
    store = ox.Store()
    store.load(path=str(ONTOLOGY_DIR / "legisgraph.ttl"), format=ox.RdfFormat.TURTLE)
    parents: dict[str, list[str]] = {}
    sub_class_of = ox.NamedNode(RDFS + "subClassOf")
    for quad in store.quads_for_pattern(None, sub_class_of, None):
        child, parent = quad.subject, quad.object
        if (
            isinstance(child, ox.NamedNode)
            and isinstance(parent, ox.NamedNode)
            and child.value.startswith(LG_NAMESPACE)
            and parent.value.startswith(LG_NAMESPACE)
        ):
            local = child.value[len(LG_NAMESPACE) :]
            parents.setdefault(local, []).append(parent.value[len(LG_NAMESPACE) :])
    return {child: tuple(sorted(p)) for child, p in parents.items()}
