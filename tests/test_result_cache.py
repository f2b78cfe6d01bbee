"""The result cache: repeats served from memory, never a stale answer after a write."""

from __future__ import annotations

import subprocess
import time

import pytest
import requests
from engine_support import app_settings, running_engine
from serverprocess import LEGISGRAPH, running_server

from loader.engine import RemoteEngine
from loader.paths import SAMPLES_DIR
from server.jobs import QueryJob, Serialization
from server.remote_executor import LOAD_STATE_SECONDS
from server.result_cache import ResultCache
from server.sparql import RESULT_CACHE_KEY

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "http://example.org/g"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
JSON = Serialization("application/sparql-results+json", "application/sparql-results+json")


def _insert(value: int) -> str:
    triple = f"<http://example.org/s> <http://example.org/p> {value}"
    return f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {triple} }} }}"


def _count(client) -> int:
    response = client.get("/sparql", query_string={"query": COUNT})
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def _job(text: str) -> QueryJob:
    return QueryJob(text=text, form="SELECT", output=JSON)


@pytest.fixture
def writable(app_factory, tmp_path):
    """An app over an empty store with token-protected writes, and its result cache's owner."""
    return app_factory(tmp_path / "store", WRITE_ACCESS="token", WRITE_TOKEN=TOKEN)


def test_a_repeated_query_is_kept_and_answered_with_the_same_bytes_and_headers(writable) -> None:
    client = writable.test_client()
    first = client.get("/sparql", query_string={"query": COUNT})
    second = client.get("/sparql", query_string={"query": COUNT})
    assert len(writable.extensions[RESULT_CACHE_KEY]) == 1
    assert second.get_data() == first.get_data()
    for header in ("Content-Type", "Vary", "Content-Security-Policy", "X-Content-Type-Options"):
        assert second.headers.get(header) == first.headers.get(header), header


def test_a_different_format_or_dataset_is_a_different_entry(writable) -> None:
    client = writable.test_client()
    client.get("/sparql", query_string={"query": COUNT})
    xml = client.get(
        "/sparql",
        query_string={"query": COUNT},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert xml.mimetype == "application/sparql-results+xml"
    client.get("/sparql", query_string={"query": COUNT, "named-graph-uri": GRAPH})
    assert len(writable.extensions[RESULT_CACHE_KEY]) == 3


def test_an_update_through_sparql_is_seen_by_the_same_query(writable) -> None:
    client = writable.test_client()
    assert _count(client) == _count(client) == 0
    response = client.post(
        "/sparql", data=_insert(1), content_type="application/sparql-update", headers=AUTH
    )
    assert response.status_code == 204
    assert _count(client) == 1
    client.post("/sparql", data={"update": _insert(2)}, headers=AUTH)
    assert _count(client) == 2


def test_a_graph_store_write_is_seen_by_the_same_query(writable) -> None:
    client = writable.test_client()
    assert _count(client) == _count(client) == 0
    triples = "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
    response = client.put(
        "/store",
        query_string={"graph": GRAPH},
        data=triples,
        content_type="application/n-triples",
        headers=AUTH,
    )
    assert response.status_code in (201, 204), response.get_data(as_text=True)
    assert _count(client) == 1


def test_failed_queries_are_never_kept(app_factory, tmp_path) -> None:
    app = app_factory(tmp_path / "store", MAX_RESULT_BYTES=10)
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": COUNT}).status_code == 413
    assert client.get("/sparql", query_string={"query": "SELECT * WHERE {"}).status_code == 400
    assert len(app.extensions[RESULT_CACHE_KEY]) == 0


def test_a_zero_size_keeps_nothing(app_factory, tmp_path) -> None:
    app = app_factory(tmp_path / "store", RESULT_CACHE_MB=0)
    client = app.test_client()
    assert _count(client) == _count(client) == 0
    assert len(app.extensions[RESULT_CACHE_KEY]) == 0


def test_a_streamed_result_is_kept_only_when_sent_to_the_end(app_factory, tmp_path) -> None:
    app = app_factory(tmp_path / "store")
    client = app.test_client()
    big = "SELECT ?i WHERE { VALUES ?x { 0 1 2 3 4 5 6 7 8 9 } VALUES ?y { 0 1 2 3 4 5 6 7 8 9 }"
    big += " VALUES ?z { 0 1 2 3 4 5 6 7 8 9 } BIND(?x * 100 + ?y * 10 + ?z AS ?i) }"
    cut = client.get("/sparql", query_string={"query": big}, buffered=False)
    next(cut.response)  # the first 64 KiB, then the client leaves
    cut.close()
    assert len(app.extensions[RESULT_CACHE_KEY]) == 0
    whole = client.get("/sparql", query_string={"query": big})
    assert len(whole.get_data()) > 64 * 1024
    assert len(app.extensions[RESULT_CACHE_KEY]) == 1
    assert client.get("/sparql", query_string={"query": big}).get_data() == whole.get_data()


def test_the_least_recently_used_entries_go_first_within_the_byte_bound() -> None:
    cache = ResultCache(3000, entry_bytes=3000)
    keys = [cache.key(_job(f"ASK {{ <urn:{n}> ?p ?o }}"), "g1") for n in range(3)]
    cache.put(keys[0], "x/y", b"a" * 800)
    cache.put(keys[1], "x/y", b"b" * 800)
    assert cache.get(keys[0]) is not None  # now the most recently used
    cache.put(keys[2], "x/y", b"c" * 800)
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]).body == b"a" * 800 and cache.get(keys[2]) is not None
    assert cache.used <= 3000


def test_results_past_the_entry_limit_or_the_callers_limit_are_not_given() -> None:
    cache = ResultCache(10_000, entry_bytes=1000)
    key = cache.key(_job("ASK {}"), "g1")
    cache.put(key, "x/y", b"z" * 1001)
    assert cache.get(key) is None
    cache.put(key, "x/y", b"z" * 900)
    assert cache.get(key, max_bytes=100) is None
    assert cache.get(key, max_bytes=900) is not None


def test_the_generation_is_part_of_the_key_and_volatile_queries_have_none() -> None:
    job = _job("SELECT * WHERE { ?s ?p ?o }")
    assert ResultCache.key(job, "g1") != ResultCache.key(job, "g2")
    for text in (
        "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "SELECT (RAND() AS ?r) WHERE {}",
        "SELECT (now() AS ?t) WHERE {}",
        "SELECT (STRUUID() AS ?u) WHERE {}",
    ):
        assert ResultCache.key(_job(text), "g1") is None, text


def test_entries_expire_after_their_maximum_age() -> None:
    cache = ResultCache(10_000, max_age=0.05)
    key = cache.key(_job("ASK {}"), "g1")
    cache.put(key, "x/y", b"true")
    assert cache.get(key) is not None
    time.sleep(0.1)
    assert cache.get(key) is None and len(cache) == 0


MEETINGS = "PREFIX lg: <https://w3id.org/legisgraph/ontology#> ASK { ?m a lg:Meeting }"


def test_a_load_by_another_process_through_the_server_is_seen(tmp_path) -> None:
    settings = {"WRITE_ACCESS": "token", "WRITE_TOKEN": TOKEN}
    with running_server(tmp_path / "store", tmp_path / "log", **settings) as url:

        def meetings() -> bool:
            reply = requests.get(url + "/sparql", params={"query": MEETINGS}, timeout=10)
            return reply.json()["boolean"]

        assert not meetings() and not meetings()  # the second answer came from the cache
        command = [str(LEGISGRAPH), "load", "--server", url, "--token", TOKEN, str(SAMPLES_DIR)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert meetings()


def test_on_a_remote_engine_writes_are_seen_at_once_here_and_within_the_bound_elsewhere(
    app_factory, tmp_path
) -> None:
    with running_engine("oxigraph", tmp_path) as settings:
        app = app_factory(
            tmp_path / "state", WRITE_ACCESS="token", WRITE_TOKEN=TOKEN, **app_settings(settings)
        )
        client = app.test_client()
        assert _count(client) == _count(client) == 0
        assert len(app.extensions[RESULT_CACHE_KEY]) == 1
        client.post("/sparql", data={"update": _insert(1)}, headers=AUTH)
        assert _count(client) == 1
        with RemoteEngine(settings) as engine:  # another process: the default graph is the merge
            triple = "<http://example.org/s> <http://example.org/p> 2"
            engine.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {triple} }} {triple} }}")
        time.sleep(LOAD_STATE_SECONDS + 0.2)
        assert _count(client) == 2
