"""Runaway queries are stopped at their limit, abandoned ones stop burning CPU, SERVICE cannot reach
addresses off the allow-list, and real SPARQL clients work against the server."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from serverprocess import cpu_seconds, query_worker_pids, running_server

LIMIT = 2
#: A cross product of the sample with itself three times: billions of rows, minutes of work.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
STREAMING_RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
POINT = "SELECT ?p ?o WHERE { <https://w3id.org/legisgraph/id/meeting/panel/itb/2023-02-13> ?p ?o }"


@pytest.fixture(scope="module")
def server(sample_store: Path, tmp_path_factory) -> Iterator[str]:
    """The sample served with a short time limit."""
    log = tmp_path_factory.mktemp("protection") / "server.log"
    with running_server(sample_store, log, QUERY_TIMEOUT=str(LIMIT), QUERY_WORKERS="2") as url:
        yield url


def _get(server: str, query: str, **kwargs) -> requests.Response:
    return requests.get(server + "/sparql", params={"query": query}, timeout=30, **kwargs)


def _busy_cpu(server: str, seconds: float = 1.0) -> float:
    """CPU seconds the server's query workers burn during ``seconds`` of wall time."""
    pids = query_worker_pids(server)
    assert pids, "found none of the server's query workers to measure"
    before = cpu_seconds(pids)
    time.sleep(seconds)
    return cpu_seconds(pids) - before


def test_runaway_query_gets_503_at_its_limit_while_others_are_served(server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["response"] = _get(server, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    point_started = time.monotonic()
    point = _get(server, POINT)
    point_seconds = time.monotonic() - point_started
    thread.join()
    response = outcome["response"]
    assert response.status_code == 503
    assert f"time limit of {LIMIT} s" in response.json()["error"]
    assert outcome["seconds"] < LIMIT + 1
    assert point.status_code == 200 and point.json()["results"]["bindings"]
    assert point_seconds < LIMIT, "the point query waited for the runaway one"
    assert _busy_cpu(server) < 0.3, "a query worker kept burning CPU after the limit"


def test_streaming_runaway_ends_in_a_visible_error_not_a_silent_200(server: str) -> None:
    response = requests.get(
        server + "/sparql",
        params={"query": STREAMING_RUNAWAY},
        headers={"Accept": "text/tab-separated-values"},
        stream=True,
        timeout=30,
    )
    assert response.status_code == 200
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        for _ in response.iter_content(chunk_size=1 << 16):
            pass
    assert _busy_cpu(server) < 0.3


def test_client_that_goes_away_stops_its_query(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        request = requests.Request("GET", server + "/sparql", params={"query": RUNAWAY}).prepare()
        sock.sendall(f"GET {request.path_url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        time.sleep(0.5)
    time.sleep(0.5)
    assert _busy_cpu(server, 0.5) < 0.2, "the abandoned query is still running"


def test_service_to_an_address_off_the_allow_list_is_refused_without_connecting(
    server: str,
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(1.0)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        response = _get(server, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
        assert response.status_code == 403
        assert "not allowed" in response.json()["error"]
        with pytest.raises(TimeoutError):
            listener.accept()


def test_oversized_query_is_413(server: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 200_000
    response = requests.post(
        server + "/sparql", data=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_sparqlwrapper_reads_results(server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert int(bindings[0]["n"]["value"]) > 1000


def test_rdflib_sparqlstore_reads_triples(server: str) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    meeting = URIRef("https://w3id.org/legisgraph/id/meeting/panel/itb/2023-02-13")
    assert len(list(graph.predicate_objects(meeting))) >= 3


def test_abandoned_streaming_results_give_their_workers_back(server: str) -> None:
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 300000"
    host, port = server.removeprefix("http://").split(":")
    path = requests.Request("GET", server + "/sparql", params={"query": big}).prepare().path_url
    for _ in range(4):  # twice as many as there are workers
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            # reset the connection at once: the first write of the result meets a closed socket
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    deadline = time.monotonic() + LIMIT
    while (status := _get(server, "ASK {}").status_code) == 429 and time.monotonic() < deadline:
        time.sleep(0.1)  # the four requests are still finishing: one client may run four at once
    assert status == 200, "the workers are still held by abandoned results"
    assert time.monotonic() < deadline
