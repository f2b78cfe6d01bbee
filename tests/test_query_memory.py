"""A query worker has a memory limit: a query past it gets 503 "query used too much memory" in
the error shape, and the worker is replaced (the next query runs in a fresh process)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import make_app
from flask import Flask
from fuzz_http_support import fill_store
from serverprocess import LEGISGRAPH, SERVER_PIDS, free_port, query_worker_pids

#: Each level multiplies the string by ten: level 9 is a 10⁹-character string (1 GB or more).
STRING_BOMB = "SELECT (STRLEN(?s9) AS ?n) WHERE {{ {} }}".format(
    'BIND(REPLACE("x", "x", "xxxxxxxxxx") AS ?s1) '
    + " ".join(f'BIND(REPLACE(?s{i}, "x", "xxxxxxxxxx") AS ?s{i + 1})' for i in range(1, 9))
)
#: Every solution of a four-way cross product kept at once, to be sorted.
LARGE_INTERMEDIATE = """SELECT ?a ?c ?f ?i ?l WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l
} ORDER BY ?c ?f ?i ?l LIMIT 1"""
ACCEPT = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def limited_app(tmp_path_factory) -> Iterator[Flask]:
    """One query worker limited to 700 MiB of address space (an idle one uses about 550)."""
    path: Path = tmp_path_factory.mktemp("memory") / "store"
    fill_store(path)
    app = make_app(path, QUERY_WORKERS=1, QUERY_TIMEOUT=60, QUERY_MEMORY_MB=700)
    yield app
    app.extensions["legisgraph.store"].close()


def _worker_pids(app: Flask) -> set[int]:
    return {w.process.pid for w in app.extensions["legisgraph.store"].executor._pool._live}


@pytest.mark.parametrize("query", [STRING_BOMB, LARGE_INTERMEDIATE], ids=["strings", "sort"])
def test_query_past_the_memory_limit_gets_503_and_a_fresh_worker(
    limited_app: Flask, query: str
) -> None:
    client = limited_app.test_client()
    assert (
        client.get("/sparql", query_string={"query": "ASK {}"}, headers=ACCEPT).status_code == 200
    )
    before = _worker_pids(limited_app)
    response = client.get("/sparql", query_string={"query": query}, headers=ACCEPT)
    assert response.status_code == 503, response.get_data()[:300]
    assert response.get_json() == {
        "ok": False,
        "status": 503,
        "title": "Service Unavailable",
        "error": "query used too much memory",
    }
    after = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers=ACCEPT)
    assert after.status_code == 200 and after.get_json()["boolean"] is True
    assert _worker_pids(limited_app).isdisjoint(before)


def test_serve_query_memory_option_limits_each_query_worker(tmp_path: Path) -> None:
    """`legisgraph serve --query-memory 600`: the workers run with 600 MiB of address space."""
    fill_store(tmp_path / "store")
    port = free_port()
    command = [str(LEGISGRAPH), "--store", str(tmp_path / "store"), "serve", "--port", str(port)]
    command += ["--processes", "1", "--workers", "1", "--query-memory", "600"]
    with (tmp_path / "log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        SERVER_PIDS[url] = process.pid
        for _ in range(300):
            try:
                requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        (worker,) = query_worker_pids(url)
        limits = Path(f"/proc/{worker}/limits").read_text()
        line = next(row for row in limits.splitlines() if row.startswith("Max address space"))
        assert line.split()[3:5] == [str(600 * 1024 * 1024)] * 2, line
    finally:
        SERVER_PIDS.pop(url, None)
        process.terminate()
        process.wait(timeout=30)
