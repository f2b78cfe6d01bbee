"""The /sparql endpoint: the three ways to send a query, content negotiation, protocol errors."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading

import pytest
from rdflib import Graph

# Our graphs only: on Virtuoso GRAPH ?g also sees the merge graph (README, Scale-out).
COUNT_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "https://w3id.org/legisgraph/id/")) }'
)
MEETINGS_QUERY = (
    "PREFIX lg: <https://w3id.org/legisgraph/ontology#> SELECT ?m WHERE { ?m a lg:Meeting }"
)
CONSTRUCT_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"


def _count(response) -> int:
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def test_get_query_returns_sparql_json_by_default(mini_client) -> None:
    response = mini_client.get("/sparql", query_string={"query": COUNT_QUERY})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert _count(response) == 30


def test_form_post_and_direct_post_give_the_same_answer(mini_client) -> None:
    form = mini_client.post("/sparql", data={"query": COUNT_QUERY})
    direct = mini_client.post(
        "/sparql", data=COUNT_QUERY.encode(), content_type="application/sparql-query"
    )
    assert _count(form) == _count(direct) == 30


def test_default_graph_is_the_union_of_named_graphs(mini_client) -> None:
    response = mini_client.get("/sparql", query_string={"query": MEETINGS_QUERY})
    bindings = response.get_json()["results"]["bindings"]
    assert [b["m"]["value"] for b in bindings] == [
        "https://w3id.org/legisgraph/id/meeting/panel/ea/2025-05-12"
    ]


def test_without_the_merge_the_default_graph_is_an_ordinary_writable_graph(
    app_factory, tmp_path
) -> None:
    client = app_factory(tmp_path / "store", UNION_DEFAULT_GRAPH=False, WRITE_ACCESS="open")
    client = client.test_client()
    triple = "<http://example.org/s> <http://example.org/p> <http://example.org/o> ."
    assert client.put("/store?default", data=triple, content_type="text/turtle").status_code < 300
    named = "<http://example.org/s> <http://example.org/p> <http://example.org/named> ."
    client.put("/store?graph=http://example.org/g", data=named, content_type="text/turtle")
    response = client.get("/sparql", query_string={"query": "SELECT ?o WHERE { ?s ?p ?o }"})
    objects = [b["o"]["value"] for b in response.get_json()["results"]["bindings"]]
    assert objects == ["http://example.org/o"]


def test_default_graph_uri_parameter_selects_one_graph(mini_client) -> None:
    graph = "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01"
    response = mini_client.get(
        "/sparql",
        query_string={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": graph,
        },
    )
    assert _count(response) == 13


@pytest.mark.parametrize(
    "accept,media_type",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_results_follow_the_accept_header(mini_client, accept, media_type) -> None:
    response = mini_client.get(
        "/sparql", query_string={"query": COUNT_QUERY}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


def test_csv_result_holds_the_count(mini_client) -> None:
    response = mini_client.get(
        "/sparql", query_string={"query": COUNT_QUERY}, headers={"Accept": "text/csv"}
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["n"], ["30"]]


@pytest.mark.parametrize(
    "accept,media_type,rdflib_format",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_construct_results_follow_the_accept_header(
    mini_client, accept, media_type, rdflib_format
) -> None:
    response = mini_client.get(
        "/sparql", query_string={"query": CONSTRUCT_QUERY}, headers={"Accept": accept}
    )
    assert response.mimetype == media_type
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    assert len(graph) == 5


def test_format_parameter_overrides_accept(mini_client) -> None:
    response = mini_client.get(
        "/sparql",
        query_string={"query": COUNT_QUERY, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.mimetype == "text/csv"


def test_unacceptable_media_type_is_406(mini_client) -> None:
    response = mini_client.get(
        "/sparql", query_string={"query": COUNT_QUERY}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406


def test_malformed_query_is_400_with_the_parser_message(mini_client) -> None:
    response = mini_client.get("/sparql", query_string={"query": "SELECT WHERE {"})
    assert response.status_code == 400
    assert "invalid query" in response.get_json()["error"]


def test_unsupported_content_type_is_415(mini_client) -> None:
    response = mini_client.post("/sparql", data=COUNT_QUERY, content_type="text/plain")
    assert response.status_code == 415


def test_duplicate_query_parameters_are_400(mini_client) -> None:
    response = mini_client.get("/sparql", query_string=[("query", COUNT_QUERY)] * 2)
    assert response.status_code == 400


def test_get_without_query_returns_the_service_description(mini_client) -> None:
    response = mini_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    answer = graph.query(
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
        "ASK { ?s a sd:Service ; sd:endpoint <http://localhost/sparql> ; "
        "sd:feature sd:UnionDefaultGraph }"
    )
    assert answer.askAnswer


def test_json_results_keep_language_tags(mini_client) -> None:
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE "
        "{ <https://w3id.org/legisgraph/id/meeting/panel/ea/2025-05-12> rdfs:label ?l }"
    )
    response = mini_client.get("/sparql", query_string={"query": query})
    languages = {
        b["l"]["xml:lang"].casefold() for b in json.loads(response.data)["results"]["bindings"]
    }
    assert languages == {"zh-hant", "en"}  # Oxigraph normalises language tags to lower case


def test_graph_read_in_a_results_type_is_406_naming_the_graph_formats(mini_client) -> None:
    graph = "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01"
    response = mini_client.get(
        "/store",
        query_string={"graph": graph},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 406, response.get_data(as_text=True)
    assert "text/turtle" in response.get_json()["error"]


def test_select_star_csv_columns_follow_the_order_the_query_names_them(mini_client) -> None:
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
    response = mini_client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200
    # Read as CSV: an engine's own CSV may quote its header (Virtuoso does).
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert header == ["g", "s", "p", "o"]


def test_misspelt_query_form_is_400_naming_the_query_forms(mini_client) -> None:
    response = mini_client.get("/sparql", query_string={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert "SELECT, ASK, CONSTRUCT or DESCRIBE" in error
    assert "'SELEC'" in error
    assert "expected CONSTRUCT" not in error


@pytest.mark.parametrize("form", ["SELECT *", "ASK"])
def test_an_allowed_service_is_called_by_the_query_worker_only(app_factory, tmp_path, form):
    """The web process must not evaluate a query to check it: pyoxigraph calls SERVICE at once."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        calls: list[int] = []

        def accept() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                calls.append(1)
                connection.close()

        counter = threading.Thread(target=accept)
        counter.start()
        client = app_factory(tmp_path / "store", SERVICE_ALLOWLIST=[target]).test_client()
        where = "WHERE" if form.startswith("SELECT") else ""
        query = f"{form} {where} {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
        response = client.get("/sparql", query_string={"query": query})
        counter.join(timeout=5)
    assert response.status_code >= 400  # the listener is no SPARQL endpoint
    assert calls == [1]
