"""The SPARQL 1.1 Service Description of the endpoint, in the negotiated RDF syntax."""

from __future__ import annotations

from flask import Response, current_app, url_for
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from server import negotiation

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

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
    chosen = negotiation.choose(
        negotiation.SERVICE_DESCRIPTION, "the service description", by_name=False
    )
    response = Response(graph.serialize(format=chosen.serializer), mimetype=chosen.media_type)
    response.headers["Vary"] = "Accept"
    return response
