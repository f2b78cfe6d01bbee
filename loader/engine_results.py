"""Reading a remote engine's answers into pyoxigraph's own result types, and its errors."""

from __future__ import annotations

import pyoxigraph as ox
import requests

from loader.errors import LoadError
from loader.store import QueryResult

#: What we ask the engine for, by query form: formats pyoxigraph parses. (Virtuoso answers a
#: CONSTRUCT with non-standard JSON when results JSON is acceptable, so forms are told apart.)
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
ACCEPT_TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


class EngineError(LoadError):
    """The engine could not be reached, timed out, or refused the request."""

    def __init__(self, status: int, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail or message


def parse_response(response: requests.Response) -> QueryResult:
    """pyoxigraph results from an engine's response, by its Content-Type."""
    media_type = media_type_of(response)
    if media_type in RESULT_TYPES:
        return ox.parse_query_results(response.content, RESULT_TYPES[media_type])
    # pyoxigraph cannot build QueryTriples from parsed triples; an in-memory store can.
    scratch = ox.Store()
    scratch.bulk_extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in ox.parse(response.content, rdf_format_of(response))
    )
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def as_boolean(result: QueryResult) -> ox.QueryBoolean:
    """An ASK answer as a boolean: Virtuoso sends it as a one-column SELECT (__ASK_RETVAL)."""
    if isinstance(result, ox.QueryBoolean):
        return result
    if not isinstance(result, ox.QuerySolutions):
        raise EngineError(502, "the SPARQL engine answered an ASK query with triples")
    truth = any(_true(value) for row in result for value in row)
    # pyoxigraph builds QueryBoolean only as a query's answer; an empty store gives it.
    return ox.Store().query("ASK {}" if truth else "ASK { FILTER(false) }")


def _true(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value.lower() not in ("0", "false", "")


def media_type_of(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def rdf_format_of(response: requests.Response) -> ox.RdfFormat:
    media_type = media_type_of(response)
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise EngineError(502, f"the SPARQL engine answered with unexpected type {media_type!r}")
    return rdf_format
