"""Content negotiation for every route: the one table of formats, and the one way to choose.

Each route offers a table (media type offered → the media type of the serialiser that writes it,
preferred first) and asks ``choose`` for one; when none fits, ``choose`` refuses with its own
406 there and then, so a job never carries a refusal to be discovered later.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from flask import request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from server.errors import ApiError
from server.jobs import GRAPH_FORMS, Serialization

#: SELECT/ASK results.
RESULTS = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
#: CONSTRUCT/DESCRIBE results and graph downloads.
GRAPHS = {
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/ld+json": "application/ld+json",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
}
#: One graph (Graph Store Protocol): no quad formats, one graph has no graph names.
TRIPLES = {k: v for k, v in GRAPHS.items() if k not in ("application/n-quads", "application/trig")}
#: A resource's description: HTML first, for browsers and clients that accept anything.
RESOURCE = {
    "text/html": "text/html",
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/ld+json": "application/ld+json",
}
#: /ontology (the page, or the Turtle file and its JSON-LD).
ONTOLOGY = {"text/html": "text/html", "text/turtle": "text/turtle",
            "application/ld+json": "application/ld+json"}  # fmt: skip
#: The service description at /sparql: media type → rdflib's serialiser name.
SERVICE_DESCRIPTION = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}
#: Search and browse lists besides their HTML page: ?format= name → media type.
LISTS = {"json": "application/json", "csv": "text/csv"}
#: Representations of an error; JSON unless the client prefers another.
ERRORS = ["application/json", "text/html", "text/plain"]

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
#: Suffixes of /queries/NAME.<suffix>, and the media type each asks for.
QUERY_SUFFIXES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
#: Suffixes of a resource's IRI that ask for one RDF serialisation, whatever Accept says.
RESOURCE_SUFFIXES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json",
}


def accepted() -> MIMEAccept:
    """The request's Accept header without media-type parameters other than q.

    ``text/turtle; charset=utf-8`` must match ``text/turtle``; werkzeug would only match it to
    an offer with the same parameters.
    """
    return _without_parameters(request.accept_mimetypes)


def _without_parameters(accept: MIMEAccept) -> MIMEAccept:
    return MIMEAccept([(value.split(";", 1)[0].strip(), q) for value, q in accept])


def choose(offered: Mapping[str, str], what: str, *, by_name: bool = True) -> Serialization:
    """The serialisation of ``what`` the request asks for (``?format=`` when ``by_name``, else
    Accept; the first offered when it accepts anything); 406 when none is offered."""
    name = request.values.get("format") if by_name else None
    accept = request.headers.get("Accept", "")
    chosen = _choose(accept, name, tuple(offered.items()))
    if chosen is None:
        listed = ", ".join(offered)
        if name:
            raise ApiError(406, f"format {name!r} does not fit {what} (offered: {listed})")
        raise ApiError(406, f"none of the acceptable types is offered for {what} ({listed})")
    return chosen


@functools.lru_cache(maxsize=512)
def _choose(
    accept_header: str, name: str | None, offered_items: tuple[tuple[str, str], ...]
) -> Serialization | None:
    """``choose`` for one Accept header and ?format=: clients repeat theirs, so it is cached."""
    offered = dict(offered_items)
    if name:
        media_type = FORMAT_NAMES.get(name, name)
        return Serialization(media_type, offered[media_type]) if media_type in offered else None
    accept = _without_parameters(parse_accept_header(accept_header, MIMEAccept))
    if not accept or accept.best == "*/*":
        first = next(iter(offered))
        return Serialization(first, offered[first])
    best = accept.best_match(list(offered))
    return None if best is None else Serialization(best, offered[best])


def for_query(form: str) -> Serialization:
    """The negotiated serialisation of a query's result: results for SELECT and ASK, an RDF
    syntax for CONSTRUCT and DESCRIBE."""
    if form in GRAPH_FORMS:
        return choose(GRAPHS, f"{form} results")
    return choose(RESULTS, f"{form} results")


def by_query_suffix(suffix: str, form: str) -> Serialization:
    """The serialisation a /queries/NAME.<suffix> download names; 406 if it does not fit."""
    media_type = QUERY_SUFFIXES[suffix]
    if (media_type in GRAPHS) != (form in GRAPH_FORMS):
        fitting = ".ttl or .jsonld" if form in GRAPH_FORMS else ".json or .csv"
        kind = "CONSTRUCT/DESCRIBE" if media_type in GRAPHS else "SELECT/ASK"
        raise ApiError(406, f".{suffix} is for {kind} results: use {fitting}")
    return Serialization(media_type, media_type)


def fits_query(suffix: str, form: str) -> bool:
    """Whether a /queries download suffix gives the kind of result ``form`` has."""
    return (QUERY_SUFFIXES[suffix] in GRAPHS) == (form in GRAPH_FORMS)


def prefers_html() -> bool:
    """True for a browser: HTML is acceptable and ranked above any RDF or results type."""
    accept = accepted()
    return accept["text/html"] > max(accept[t] for t in (*RESULTS, *GRAPHS))


def list_format(suffix: str | None) -> str:
    """``html``, ``json`` or ``csv`` for a list: the route's suffix, else ``?format=`` (400 if
    unknown), else a format Accept ranks above HTML; HTML otherwise, never a 406."""
    name = suffix or request.args.get("format")
    if name:
        if name not in (*LISTS, "html"):
            raise ApiError(400, f"format must be html, json or csv, not {name!r}")
        return name
    accept = accepted()
    best = accept.best_match(["text/html", *LISTS.values()]) if accept else None
    for name, media_type in LISTS.items():
        if best == media_type and accept[media_type] > accept["text/html"]:
            return name
    return "html"


def error_media_type() -> str:
    """How to show an error: HTML or plain text when the client prefers it, else JSON."""
    accept = request.accept_mimetypes
    best = accept.best_match(ERRORS) if accept else None
    if best == "text/html" and accept["text/html"] > accept["application/json"]:
        return "text/html"
    return "text/plain" if best == "text/plain" else "application/json"
