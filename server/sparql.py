"""The SPARQL 1.1 Protocol endpoint: query dispatch, content negotiation, service description."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from loader.results import GRAPH_FORMATS, RESULT_FORMATS
from server.errors import ApiError
from server.store import get_store

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Media types offered for SELECT/ASK results, preferred first.
RESULT_MEDIA_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Media types offered for CONSTRUCT/DESCRIBE results, preferred first.
GRAPH_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
#: rdflib serialiser names for the service description, by media type.
DESCRIPTION_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Evaluate a query sent as GET ?query=, a form POST or an application/sparql-query POST."""
    if request.method == "GET":
        queries = request.args.getlist("query")
        if not queries:
            return service_description()
        params = request.args
    else:
        content_type = request.mimetype
        if content_type == "application/sparql-query":
            queries = [request.get_data(as_text=True)]
            params = request.args
        elif content_type == "application/x-www-form-urlencoded":
            queries = request.form.getlist("query")
            params = request.form
        elif not content_type:
            raise ApiError(400, "a POST needs a Content-Type")
        else:
            raise ApiError(415, f"unsupported content type {content_type!r}")
    if len(queries) != 1:
        raise ApiError(400, "exactly one query parameter is required")
    return evaluate(queries[0], params)


def evaluate(sparql: str, params) -> Response:
    """Run one query with the protocol's dataset parameters and serialise the negotiated way."""
    options = _dataset_options(params)
    try:
        result = get_store().query(sparql, **options)
    except SyntaxError as error:
        raise ApiError(400, f"invalid query: {error}") from error
    if isinstance(result, ox.QueryTriples):
        media_type, rdf_format = _negotiate(GRAPH_MEDIA_TYPES, GRAPH_FORMATS)
        body = result.serialize(format=rdf_format)
    else:
        media_type, results_format = _negotiate(RESULT_MEDIA_TYPES, RESULT_FORMATS)
        body = result.serialize(format=results_format)
    response = Response(body, mimetype=media_type)
    response.headers["Vary"] = "Accept"
    return response


def _dataset_options(params) -> dict[str, object]:
    """default-graph-uri / named-graph-uri as pyoxigraph options; else the configured default."""
    default_graphs = [ox.NamedNode(iri) for iri in params.getlist("default-graph-uri")]
    named_graphs = [ox.NamedNode(iri) for iri in params.getlist("named-graph-uri")]
    options: dict[str, object] = {}
    if default_graphs or named_graphs:
        options["union_default_graph"] = False
        options["default_graph"] = default_graphs or ox.DefaultGraph()
        if named_graphs:
            options["named_graphs"] = named_graphs
    else:
        options["union_default_graph"] = bool(current_app.config["UNION_DEFAULT_GRAPH"])
    return options


def _negotiate(by_media_type: dict, by_name: dict):
    """The media type and format chosen by ?format= or the Accept header; 406 if none fits."""
    name = request.values.get("format")
    if name:
        if name not in by_name:
            raise ApiError(400, f"format {name!r} does not fit this result ({', '.join(by_name)})")
        chosen = by_name[name]
        return chosen.media_type, chosen
    if not request.accept_mimetypes or request.accept_mimetypes.best == "*/*":
        first = next(iter(by_media_type))
        return first, by_media_type[first]
    best = request.accept_mimetypes.best_match(list(by_media_type))
    if best is None:
        raise ApiError(406, f"none of the acceptable types is offered ({', '.join(by_media_type)})")
    return best, by_media_type[best]


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in the negotiated RDF syntax."""
    endpoint_iri = URIRef(url_for("sparql.endpoint", _external=True))
    graph = Graph()
    graph.bind("sd", SD)
    service, dataset = BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint_iri))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle"):
        graph.add((service, SD.resultFormat, FORMATS[fmt]))
    for fmt in ("SPARQL_Results_TSV", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG"):
        graph.add((service, SD.resultFormat, FORMATS[fmt]))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    if current_app.config["UNION_DEFAULT_GRAPH"]:
        graph.add((service, SD.feature, SD.UnionDefaultGraph))
    offered = list(DESCRIPTION_MEDIA_TYPES)
    accept = request.accept_mimetypes
    media_type = accept.best_match(offered) if accept and accept.best != "*/*" else offered[0]
    if media_type is None:
        raise ApiError(406, f"the service description is offered as {', '.join(offered)}")
    body = graph.serialize(format=DESCRIPTION_MEDIA_TYPES[media_type])
    response = Response(body, mimetype=media_type)
    response.headers["Vary"] = "Accept"
    return response
