"""PROV-O for a harvested graph: the pages it came from, when LegCo sent them, how many records.

The times are the servers' Date headers, kept in the cache with each page, so rebuilding from
the cache (``--offline``) gives the very same graph as the harvest that fetched the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, VOID, XSD

from loader import __version__
from loader.harvest.odata import Page
from loader.pipeline import LOADER_AGENT
from loader.vocab import LG


def add_provenance(graph: Graph, graph_iri: str, pages: Iterable[Page], records: int) -> None:
    """State where ``graph`` came from: each page URL used, the fetch times, the record count."""
    pages = sorted(pages, key=lambda page: page.url)
    node = URIRef(graph_iri)
    activity = URIRef(f"{graph_iri}#harvest")
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, PROV.wasGeneratedBy, activity))
    graph.add((node, VOID.entities, Literal(records)))
    for source in sorted({page.url.split("?", 1)[0] for page in pages}):
        graph.add((node, PROV.hadPrimarySource, URIRef(source)))
        graph.add((node, LG.sourceName, Literal(source)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.wasAssociatedWith, LOADER_AGENT))
    graph.add((activity, LG.loaderVersion, Literal(__version__)))
    for page in pages:
        graph.add((activity, PROV.used, URIRef(page.url)))
    if pages:
        times = sorted(page.fetched_at for page in pages)
        for predicate, when in ((PROV.startedAtTime, times[0]), (PROV.endedAtTime, times[-1])):
            graph.add((activity, predicate, Literal(when.isoformat(), datatype=XSD.dateTime)))
