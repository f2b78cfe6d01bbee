"""Fair sharing of the query workers: runaway queries from one client cannot stall the point
queries of another, and a client with many quick queries at once is not refused."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import make_app
from flask import Flask
from fuzz_http_support import fill_store

#: A cross product that counts for far longer than the time limit.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
POINT = "ASK { ?s ?p ?o }"
ACCEPT = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory) -> Iterator[Flask]:
    """Two query workers (as on a small machine) and the default sharing settings."""
    path: Path = tmp_path_factory.mktemp("fair") / "store"
    fill_store(path)
    app = make_app(path, QUERY_WORKERS=2, QUERY_TIMEOUT=6)
    yield app
    app.extensions["legisgraph.store"].close()


def _ask(app: Flask, query: str, address: str) -> tuple[int, float]:
    started = time.monotonic()
    response = app.test_client().get(
        "/sparql",
        query_string={"query": query},
        headers=ACCEPT,
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code, time.monotonic() - started


@pytest.mark.parametrize("runaways", [4, 8])
def test_runaway_queries_from_one_client_leave_point_queries_of_another_fast(
    shared_app: Flask, runaways: int
) -> None:
    stop = threading.Event()
    statuses: list[int] = []

    def attacker() -> None:
        while not stop.is_set():
            statuses.append(_ask(shared_app, RUNAWAY, "10.0.0.1")[0])

    with ThreadPoolExecutor(runaways) as pool:
        for _ in range(runaways):
            pool.submit(attacker)
        time.sleep(1.0)  # the runaways hold what they can
        times = []
        for _ in range(40):
            status, seconds = _ask(shared_app, POINT, "10.0.0.2")
            assert status == 200
            times.append(seconds)
        stop.set()
    times.sort()
    p99 = times[math.ceil(len(times) * 0.99) - 1]  # nearest rank: the slowest of 40
    # The issue names the behaviour: point queries under a second while the runaways run.
    assert p99 < 1.0, times
    assert set(statuses) <= {429, 503}, statuses  # the runaways were stopped, not answered
    assert 429 in statuses  # the per-client limit on long-running queries did it


def test_eight_quick_queries_at_once_from_one_client_are_all_answered(
    shared_app: Flask,
) -> None:
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: _ask(shared_app, POINT, "10.0.0.3"), range(8)))
    assert [status for status, _ in results] == [200] * 8


def _runaway_statuses(app: Flask, forwarded_for: list[str]) -> list[int]:
    """Two runaway queries at once through one proxy address, for the given real clients."""

    def ask(client: str) -> int:
        response = app.test_client().get(
            "/sparql",
            query_string={"query": RUNAWAY},
            headers={**ACCEPT, "X-Forwarded-For": client},
            environ_base={"REMOTE_ADDR": "10.9.9.9"},
        )
        return response.status_code

    with ThreadPoolExecutor(2) as pool:
        return sorted(pool.map(ask, forwarded_for))


def test_behind_a_trusted_proxy_the_limits_apply_to_each_real_client(app_factory, tmp_path):
    fill_store(tmp_path / "store")
    settings = {"QUERY_WORKERS": 2, "QUERY_TIMEOUT": 2, "PROXY_HOPS": 1}
    proxied = app_factory(tmp_path / "store", **settings)
    # Two real clients each run one long query: both run to the time limit.
    assert _runaway_statuses(proxied, ["192.0.2.1", "192.0.2.2"]) == [503, 503]
    # Without PROXY_HOPS both are the proxy's address: the second long query is refused.
    direct = app_factory(tmp_path / "store", **{**settings, "PROXY_HOPS": 0})
    assert _runaway_statuses(direct, ["192.0.2.1", "192.0.2.2"]) == [429, 503]


def test_workers_per_client_lets_one_client_use_the_whole_pool(app_factory, tmp_path) -> None:
    fill_store(tmp_path / "store")
    app = app_factory(tmp_path / "store", QUERY_WORKERS=2, WORKERS_PER_CLIENT=2)
    executor = app.extensions["legisgraph.store"].executor
    pool = executor._pool
    deadline = time.monotonic() + 1
    first, second = pool.acquire("10.0.0.4", deadline), pool.acquire("10.0.0.4", deadline)
    try:
        assert first is not second  # the default (all but one) would make the second wait
    finally:
        pool.release(first)
        pool.release(second)
