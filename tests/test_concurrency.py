"""Loads through the server while 16 clients query: every answer sees each document whole, in
its old or its new version, never a mix, and no client gets an error.

Each document's versions differ in every triple (a version marker in every literal) and in
their size, so a query that saw part of a replacement would show two versions in one graph, or
one version with the wrong number of triples.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict

import requests
from fuzz_support import Figures, print_figures, scaled
from serverprocess import running_server

from loader.remote import ServerTarget

TOKEN = "concurrency-token"
CLIENTS, DOCUMENTS, VERSIONS = 16, 8, 6
GRAPH = "urn:legisgraph-test:doc/{}"
QUERY = (
    "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "urn:legisgraph-test:doc/")) }'
)


def size_of(version: int) -> int:
    """Triples in every document of ``version``: each version has its own size."""
    return 30 + 7 * version


def document(number: int, version: int) -> str:
    """N-Triples of one document in one version: the version in every literal."""
    return "".join(
        f'<urn:legisgraph-test:s/{number}/{i}> <urn:legisgraph-test:p> "v{version}:{i}" .\n'
        for i in range(size_of(version))
    )


def inconsistencies(bindings: list[dict]) -> list[str]:
    """What an answer got wrong: a graph with two versions, or with the wrong size."""
    versions: dict[str, Counter] = defaultdict(Counter)
    for row in bindings:
        versions[row["g"]["value"]][int(row["o"]["value"][1:].split(":")[0])] += 1
    problems = []
    for graph, counts in versions.items():
        if len(counts) != 1:
            problems.append(f"{graph} mixes versions {dict(counts)}")
        elif (version := next(iter(counts))) and counts[version] != size_of(version):
            problems.append(f"{graph} has {counts[version]} triples of version {version}")
    return problems


def test_queries_during_loads_through_the_server_see_whole_versions(tmp_path, pytestconfig):
    figures = Figures(f"concurrency: {CLIENTS} clients querying while documents are replaced")
    settings = {
        "WRITE_ACCESS": "token",
        "WRITE_TOKEN": TOKEN,
        "QUERY_WORKERS": "2",
        "MAX_CONCURRENT_PER_CLIENT": str(CLIENTS * 2),
        "QUERY_TIMEOUT": "60",
    }
    versions = scaled(VERSIONS)
    seen: dict[str, set[int]] = defaultdict(set)
    with running_server(tmp_path / "store", tmp_path / "server.log", **settings) as url:
        target = ServerTarget(url, TOKEN)
        for number in range(DOCUMENTS):
            target.replace_graph(GRAPH.format(number), document(number, 0))
        done = threading.Event()

        def client() -> None:
            session = requests.Session()
            while not done.is_set():
                response = session.get(
                    url + "/sparql",
                    params={"query": QUERY},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=120,
                )
                if response.status_code != 200:
                    figures.record(response.status_code, "query failed", response.text)
                    continue
                bindings = response.json()["results"]["bindings"]
                problems = inconsistencies(bindings)
                graphs = {row["g"]["value"] for row in bindings}
                if len(graphs) != DOCUMENTS:
                    problems.append(f"saw {len(graphs)} of {DOCUMENTS} documents")
                for row in bindings:
                    seen[row["g"]["value"]].add(int(row["o"]["value"][1:].split(":")[0]))
                figures.record(200, "; ".join(problems) or None, "")

        threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        for version in range(1, versions + 1):
            for number in range(DOCUMENTS):
                target.replace_graph(GRAPH.format(number), document(number, version))
            time.sleep(0.2)
        writing = time.monotonic() - started
        done.set()
        for thread in threads:
            thread.join(timeout=120)
    figures.notes["documents replaced"] = DOCUMENTS * versions
    figures.notes["seconds of loading"] = round(writing, 1)
    figures.notes["versions seen per document (min)"] = min(len(v) for v in seen.values())
    figures.notes["mixed or partial answers (must be 0)"] = sum(
        1 for p in figures.problems if "mixes" in p or "triples of" in p
    )
    print_figures(pytestconfig, figures)
    assert figures.problems == []
    assert figures.tried >= CLIENTS
    assert min(len(v) for v in seen.values()) >= 2, "the clients never saw a document change"
