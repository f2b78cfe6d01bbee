"""Content negotiation for SPARQL results: Accept with q-values, or an explicit ?format=."""

from __future__ import annotations

import functools

from flask import request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

#: SELECT/ASK: media type offered → the media type of pyoxigraph's serialiser, preferred first.
RESULTS = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
#: CONSTRUCT/DESCRIBE and graph downloads, preferred first.
GRAPHS = {
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/ld+json": "application/ld+json",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
}
#: Names accepted by ?format= (for links and tools that cannot set headers).
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}


def accepted() -> MIMEAccept:
    """The request's Accept header without media-type parameters other than q.

    ``text/turtle; charset=utf-8`` must match ``text/turtle``; werkzeug would only match it to
    an offer with the same parameters.
    """
    return _without_parameters(request.accept_mimetypes)


def _without_parameters(accept: MIMEAccept) -> MIMEAccept:
    return MIMEAccept([(value.split(";", 1)[0].strip(), q) for value, q in accept])


def choose(offered: dict[str, str]) -> tuple[str, str] | str:
    """(media type to send, serialiser media type), or the reason nothing fits (for a 406)."""
    accept = request.headers.get("Accept", "")
    return _choose(accept, request.values.get("format"), tuple(offered.items()))


@functools.lru_cache(maxsize=512)
def _choose(
    accept_header: str, name: str | None, offered_items: tuple[tuple[str, str], ...]
) -> tuple[str, str] | str:
    """``choose`` for one Accept header and ?format=: clients repeat theirs, so it is cached."""
    offered = dict(offered_items)
    if name:
        media_type = FORMAT_NAMES.get(name, name)
        if media_type in offered:
            return media_type, offered[media_type]
        return f"format {name!r} does not fit this result (offered: {', '.join(offered)})"
    accept = _without_parameters(parse_accept_header(accept_header, MIMEAccept))
    if not accept or accept.best == "*/*":
        first = next(iter(offered))
        return first, offered[first]
    best = accept.best_match(list(offered))
    if best is None:
        return f"none of the acceptable types is offered for this result ({', '.join(offered)})"
    return best, offered[best]


def prefers_html() -> bool:
    """True for a browser: HTML is acceptable and ranked above any RDF or results type."""
    accept = accepted()
    return accept["text/html"] > max(accept[t] for t in (*RESULTS, *GRAPHS))
