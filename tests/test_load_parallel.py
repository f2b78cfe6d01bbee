"""Loading a folder with graphs built in worker processes gives what loading one by one gives:
the same graphs, the same results in the same order, a bad document failing alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from loader.pipeline import (
    FAILED,
    LOADED,
    PARALLEL_FROM,
    UNCHANGED,
    LoadOptions,
    load_sources,
)
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

DATA = Path(__file__).parent / "data"
DOCUMENTS = [
    DATA / "agendas" / "agenda-en.txt",
    DATA / "agendas" / "agenda-zh.txt",
    DATA / "agendas" / "council-agenda-en.txt",
    DATA / "briefs" / "brief-en.txt",
    DATA / "minutes" / "minutes-en.txt",
    DATA / "minutes" / "minutes-zh.txt",
    DATA / "lcq" / "lcq10-written-en.txt",
    DATA / "lcq" / "P2024041000242.htm",
]
ENDED = PROV.endedAtTime


def folder(tmp_path: Path) -> Path:
    """The documents, a file no kind reads, and a byte-identical copy of the first document."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number, path in enumerate(DOCUMENTS):
        shutil.copy(path, docs / f"{number:02d}-{path.name}")
    (docs / "04a-unreadable.txt").write_text("Nothing here is a LegCo document.\n")
    shutil.copy(DOCUMENTS[0], docs / "99-copy-of-the-first.txt")
    assert len(list(docs.iterdir())) >= PARALLEL_FROM
    return docs


def graphs(store: GraphStore) -> dict[str, Graph]:
    """Each named graph as an rdflib Graph, without the load's time stamp."""
    found = {}
    for name in store.named_graphs():
        text = ox.serialize(
            (q.triple for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(name))),
            format=ox.RdfFormat.N_TRIPLES,
        )
        graph = Graph().parse(data=text, format="nt")
        graph.remove((None, ENDED, None))
        found[name] = graph
    return found


def load(tmp_path: Path, docs: Path, workers: int, name: str):
    store = GraphStore.open(tmp_path / name, write=True)
    options = LoadOptions(base_iri=DEFAULT_BASE_IRI, cache_dir=tmp_path / "cache", workers=workers)
    seen = []
    report = load_sources(store, [str(docs)], options, on_result=lambda i, n, r: seen.append(i))
    return store, report, seen


def test_workers_load_the_same_graphs_with_the_same_results_in_order(tmp_path) -> None:
    docs = folder(tmp_path)
    one, serial, _ = load(tmp_path, docs, 1, "serial")
    many, parallel, seen = load(tmp_path, docs, 2, "parallel")
    try:
        as_tuples = [
            [(r.source, r.status, r.graph, r.quads, r.warnings) for r in report.results]
            for report in (serial, parallel)
        ]
        assert as_tuples[0] == as_tuples[1]
        assert seen == list(range(1, len(parallel.results) + 1))
        statuses = {Path(r.source).name: r.status for r in parallel.results}
        assert statuses["04a-unreadable.txt"] == FAILED
        assert statuses["99-copy-of-the-first.txt"] == UNCHANGED
        assert sum(s == LOADED for s in statuses.values()) == len(DOCUMENTS)
        expected, actual = graphs(one), graphs(many)
        assert expected.keys() == actual.keys()
        for name, graph in expected.items():
            assert isomorphic(graph, actual[name]), name
    finally:
        one.close()
        many.close()
