"""Document kinds: one extractor module per kind, each turning clean text into a graph."""

from dataclasses import dataclass

from rdflib import Graph
from rdflib.term import URIRef


@dataclass(frozen=True)
class Extraction:
    """What an extractor made of one document: its triples, its main resource and title."""

    graph: Graph
    document: URIRef
    title: str
