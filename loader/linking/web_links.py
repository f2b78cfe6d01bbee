"""Links from a loaded document to its place on LegCo's website, from the URL it was read from.

Semantics: ``schema:url`` is a document's own file or page; ``foaf:page`` is a web page about a
thing (an agenda page is about its meeting); a web page is never ``owl:sameAs`` the thing it
describes. Only LegCo's own URLs count: a copy served from elsewhere is not the document's URL
(the graph's provenance still names where the bytes came from).
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF

from loader.legco_urls import meeting_page, parse_legco_url
from loader.vocab import LG, SCHEMA


def add_source_links(graph: Graph, document: URIRef, url: str | None) -> None:
    """Add the document's schema:url and, for an agenda page, its meeting's foaf:page."""
    parsed = parse_legco_url(url) if url else None
    if parsed is None:
        return
    graph.add((document, SCHEMA.url, URIRef(parsed.url)))
    page = meeting_page(parsed)
    if page is not None:
        for meeting in graph.objects(document, LG.agendaOf):
            graph.add((meeting, FOAF.page, URIRef(page)))
