"""A real gunicorn server on a loopback port: it answers SPARQL and keeps loads out."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from serverprocess import LEGISGRAPH, running_server

from loader.paths import SAMPLES_DIR


@pytest.fixture(scope="module")
def server(mini_store: Path, tmp_path_factory) -> Iterator[str]:
    """`legisgraph serve` over the small store."""
    with running_server(mini_store, tmp_path_factory.mktemp("serve") / "server.log") as url:
        yield url


def test_server_answers_the_readme_query(server: str) -> None:
    response = requests.get(
        server + "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/csv"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.text.split() == ["n", "30"]
    assert response.headers["Server"].startswith("gunicorn")


def test_load_while_serving_fails_at_once_with_a_clear_message(
    server: str, mini_store: Path
) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(LEGISGRAPH), "--store", str(mini_store), "load", str(SAMPLES_DIR)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"store {mini_store} is in use by another process" in result.stderr
    assert "(is `legisgraph serve` running?)" in result.stderr
    assert time.monotonic() - started < 30
    assert requests.get(server + "/index.json", timeout=5).json()["quads"] == 30


def test_reads_are_open_to_any_origin(server: str) -> None:
    response = requests.options(
        server + "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    head = requests.head(server + "/sparql", params={"query": "ASK {}"}, timeout=5)
    assert head.status_code == 200
    assert head.headers["Content-Type"].startswith("application/sparql-results+json")


def test_a_complete_result_has_a_content_length_and_a_long_one_is_streamed(server: str) -> None:
    small = requests.get(
        server + "/sparql",
        params={"query": "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 3
    assert int(small.headers["Content-Length"]) == len(small.content)
    assert "Transfer-Encoding" not in small.headers
    # 1,800 solutions of 40-odd bytes each: past the 64 KiB the web process gathers first.
    values = " ".join(f'"{"x" * 40}{i}"' for i in range(1800))
    large = requests.post(
        server + "/sparql",
        data=f"SELECT ?v WHERE {{ VALUES ?v {{ {values} }} }}".encode(),
        headers={"Accept": "text/csv", "Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert large.status_code == 200 and len(large.text.splitlines()) == 1801
    assert large.headers.get("Transfer-Encoding") == "chunked"
