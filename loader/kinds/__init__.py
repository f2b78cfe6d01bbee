"""Document kinds: one extractor module per kind, each turning clean text into a graph."""

from dataclasses import dataclass

from rdflib import Graph
from rdflib.term import URIRef


@dataclass(frozen=True)
class Extraction:
    """What an extractor made of one document: its triples, its main resource and title.

    ``warnings`` name what a partial or malformed document lacked while still loading what it
    has (one line each, e.g. "no numbered agenda items: the text may be cut short").
    """

    graph: Graph
    document: URIRef
    title: str
    warnings: tuple[str, ...] = ()
