"""Running the cells: answers checked first, then every engine in turn within each cell.

Engines are interleaved (for each connection count, for each query, every engine one after the
other) rather than measured one engine at a time, so that anything else the machine does during
the run falls on all engines alike and the ratios stay fair.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import ExitStack
from pathlib import Path

import click
import pyoxigraph as ox
import requests

from bench import loadgen
from bench.engines import EngineUnavailable, Server
from bench.queries import MIX, Query, sample_targets
from bench.report import Results

#: Parameterised queries are checked on this many of their IRIs (rows summed).
CHECKED_IRIS = 20
IN_PROCESS = "in-process"


def query_texts(store_path: Path) -> dict[str, list[str]]:
    """Per query, the texts the load cycles through (one per sampled IRI, or just one)."""
    store = ox.Store.read_only(str(store_path))
    targets = sample_targets(store)
    return {
        q.name: [q.text(iri) for iri in targets[q.target]] if q.target else [q.text()] for q in MIX
    }


def rows_in_process(store_path: Path, texts: dict[str, list[str]]) -> dict[str, int | str]:
    """Rows (or triples) of each query's checked texts, straight from pyoxigraph."""
    store = ox.Store.read_only(str(store_path))
    return {
        name: sum(len(list(store.query(q))) for q in queries[:CHECKED_IRIS])
        for name, queries in texts.items()
    }


def rows_over_http(endpoint: str, texts: dict[str, list[str]]) -> dict[str, int | str]:
    """Rows (or triples) of each query's checked texts, asked of a server as the load will."""
    found: dict[str, int | str] = {}
    for query in (q for q in MIX if q.name in texts):
        total: int | str = 0
        for text in texts[query.name][:CHECKED_IRIS]:
            accept = loadgen.CONSTRUCT_ACCEPT if query.is_construct else loadgen.SELECT_ACCEPT
            reply = requests.get(
                endpoint, params={"query": text}, headers={"Accept": accept}, timeout=600
            )
            if not reply.ok:
                total = f"HTTP {reply.status_code}"
                break
            total += _count(reply, query)
        found[query.name] = total
    return found


def _count(reply: requests.Response, query: Query) -> int:
    if query.is_construct:
        return sum(1 for line in reply.text.splitlines() if line.strip() and line[0] != "#")
    return len(reply.json()["results"]["bindings"])


def run(
    store: Path,
    factories: dict[str, Callable[[], Server] | None],
    results: Results,
    connections: list[int],
    seconds: float,
    queries: Collection[str] | None = None,
) -> None:
    """Measure every engine (None: in-process) on every query (or those named) at every
    connection count."""
    texts = {n: t for n, t in query_texts(store).items() if queries is None or n in queries}
    with ExitStack() as stack:
        servers: dict[str, Server] = {}
        for name, factory in factories.items():
            if factory is None:
                results.rows[name] = rows_in_process(store, texts)
                continue
            try:
                server = stack.enter_context(factory())
            except EngineUnavailable as error:
                results.skipped[name] = str(error)
                click.echo(f"skipped {name}: {error}", err=True)
                continue
            click.echo(f"{name}: up at {server.endpoint}", err=True)
            servers[name] = server
            results.context.update(server.facts())
            results.rows[name] = rows_over_http(server.endpoint, texts)
        for count in connections:
            clients = loadgen.InProcessClients(store, count) if IN_PROCESS in factories else None
            try:
                for query in (q for q in MIX if q.name in texts):
                    for name in results.engines():
                        if name == IN_PROCESS and clients is not None:
                            cell = clients.run(texts[query.name], seconds)
                        else:
                            cell = _load_server(
                                servers[name], query, texts, count, seconds, results
                            )
                        results.cells[(name, query.name, count)] = cell
                        _progress(name, query.name, count, cell)
            finally:
                if clients is not None:
                    clients.close()
        results.memory.update({name: server.peak_mb() for name, server in servers.items()})


def _load_server(
    server: Server,
    query: Query,
    texts: dict[str, list[str]],
    count: int,
    seconds: float,
    results: Results,
) -> loadgen.Measurement:
    """One wrk cell; a server that stopped answering a trivial query is noted and restarted."""
    if not server.healthy():
        results.notes.append(
            f"{server.name} did not answer ASK {{}} before the {query.name} × {count} cell "
            f"(after the previous cell's clients disconnected); restarted"
        )
        click.echo(f"  {results.notes[-1]}", err=True)
        server.stop()
        server.start()
    return loadgen.run_wrk(server.endpoint, texts[query.name], query.is_construct, count, seconds)


def _progress(engine: str, query: str, count: int, cell: loadgen.Measurement) -> None:
    click.echo(
        f"  {engine:10} {query:9} c={count:<3} {cell.rate:9.1f} req/s  p50 {cell.p50_ms:8.2f} ms"
        f"  p99 {cell.p99_ms:8.2f} ms  errors {cell.errors}",
        err=True,
    )
