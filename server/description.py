"""The SPARQL 1.1 Service Description of the endpoint, in the negotiated RDF syntax."""

from __future__ import annotations

from flask import Response, current_app, url_for
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from server import negotiation
from server.errors import ApiError

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: rdflib serialiser names, by the media type offered.
SYNTAXES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads",
                  "TriG"]  # fmt: skip


def service_description() -> Response:
    """What the endpoint supports: languages, result formats, features, the default dataset."""
    endpoint = URIRef(url_for("sparql.endpoint", _external=True))
    graph = Graph()
    graph.bind("sd", SD)
    service, dataset, default_graph = BNode(), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if current_app.config["WRITE_ACCESS"] != "off":
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, SD.feature, SD.BasicFederatedQuery))
    if current_app.config["UNION_DEFAULT_GRAPH"]:
        graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    if "dumps.well_known_void" in current_app.view_functions:  # the VoID/DCAT description
        graph.add((dataset, RDFS.seeAlso, URIRef(url_for("dumps.well_known_void", _external=True))))
    graph.add((default_graph, RDF.type, SD.Graph))
    accept = negotiation.accepted()
    offered = list(SYNTAXES)
    media_type = accept.best_match(offered) if accept and accept.best != "*/*" else offered[0]
    if media_type is None:
        raise ApiError(406, f"the service description is offered as {', '.join(offered)}")
    response = Response(graph.serialize(format=SYNTAXES[media_type]), mimetype=media_type)
    response.headers["Vary"] = "Accept"
    return response
