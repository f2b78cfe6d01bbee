"""Dumps in the store's own order: the same data gives the same bytes in any on-disk store,
whatever order and batches it was loaded in, and every dump round trips to the store."""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from dumps_support import (
    assert_dump_round_trips,
    assert_isomorphic,
    dump_bytes,
    named_graphs,
    parse_dataset,
    union_of,
)

from loader.export import FORMATS, DumpRequest, _Lines, write_dump
from loader.store import GraphStore
from loader.sync.snapshot_build import SNAPSHOT

EX = "http://example.org/"


@pytest.fixture(scope="module")
def real_quads(sample_store) -> list[ox.Quad]:
    """Real named-graph quads: the bundled open-data snapshot (16 graphs harvested from
    LegCo's answers) and the bundled sample document as the pipeline loads it."""
    quads = list(ox.parse(gzip.decompress(SNAPSHOT.read_bytes()), format=ox.RdfFormat.N_QUADS))
    with GraphStore.open(sample_store, write=False) as store:
        quads += [q for q in store.raw if not isinstance(q.graph_name, ox.DefaultGraph)]
    return quads


@pytest.fixture(scope="module")
def stores(real_quads, tmp_path_factory) -> list[Path]:
    """The same quads in three stores, written three ways: one transaction; graph by graph
    through the loader's own write (the merge kept in step), graphs in reverse order and each
    graph's triples shuffled; shuffled quads in uneven batches through the bulk loader."""
    root = tmp_path_factory.mktemp("order")
    with GraphStore.open(root / "whole", write=True) as store:
        store.load_dataset(
            ox.serialize(real_quads, format=ox.RdfFormat.N_QUADS), rdf_format=ox.RdfFormat.N_QUADS
        )
    shuffled = random.Random(23).sample(real_quads, len(real_quads))
    by_graph: dict[str, list[ox.Triple]] = {}
    for quad in shuffled:
        by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
    with GraphStore.open(root / "by-graph", write=True) as store:
        for graph in sorted(by_graph, reverse=True):
            ntriples = ox.serialize(by_graph[graph], format=ox.RdfFormat.N_TRIPLES).decode()
            store.replace_graph(graph, ntriples)
    with GraphStore.open(root / "batches", write=True) as store:
        for n, start in enumerate(range(0, len(shuffled), 997)):
            batch = shuffled[start : start + 997]
            store.raw.bulk_extend(batch) if n % 2 else store.raw.extend(batch)
        store.bulk_derive_merge()
    return [root / "whole", root / "by-graph", root / "batches"]


def _requests(store: Path) -> list[DumpRequest]:
    """Every format whole, as a union, one graph of it and one graph merged."""
    with GraphStore.open(store, write=False) as opened:
        graph = opened.named_graphs()[3]
    return [
        DumpRequest(fmt, graphs=graphs, union=union)
        for fmt in FORMATS
        for graphs in ((), (graph,))
        for union in (False, True)
    ]


@pytest.mark.parametrize("gzipped", [False, True])
def test_the_same_quads_loaded_in_any_order_or_batches_give_the_same_bytes(stores, gzipped):
    first, *others = stores
    for request in _requests(first):
        expected = dump_bytes(first, request, compress=gzipped)
        assert len(expected) > 1000, request
        for other in others:
            assert dump_bytes(other, request, compress=gzipped) == expected, (other.name, request)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_store_order_dump_round_trips_to_the_store(stores, fmt) -> None:
    store = stores[1]
    expected = assert_dump_round_trips(store, fmt)
    graph = sorted(named_graphs(expected))[5]
    one = parse_dataset(dump_bytes(store, DumpRequest(fmt, graphs=(graph,), union=True)), fmt)
    assert_isomorphic(union_of(expected, {graph}), union_of(one), f"graph <{graph}> as {fmt}")


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_named_graphs_come_whole_in_the_order_of_their_iris(stores, fmt) -> None:
    data = dump_bytes(stores[2], DumpRequest(fmt))
    order = [quad.graph_name.value for quad in ox.parse(data, format=FORMATS[fmt].rdf_format)]
    runs = [graph for n, graph in enumerate(order) if n == 0 or order[n - 1] != graph]
    assert runs == sorted(set(order)) and len(runs) > 10


def test_nquads_keep_literals_that_span_the_writers_chunks(tmp_path) -> None:
    """pyoxigraph writes 8 KB at a time; a line cut between two writes, and literals holding
    ' .', line breaks and tabs, still become one N-Quads line each."""
    tricky = ["ends with .", "line\n .\nbreaks", "tab\there", "x" * 20_000, '"quoted" . ']
    quads = [
        ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(text * 3), g)
        for n, text in enumerate(tricky * 40)
        for g in (ox.NamedNode(f"{EX}g1"), ox.NamedNode(f"{EX}g2"))
    ]
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.raw.extend(quads)
        store.raw.update(store.merge.rebuild())
    data = dump_bytes(tmp_path / "store", DumpRequest("nquads"))
    assert sorted(map(str, ox.parse(data, format=ox.RdfFormat.N_QUADS))) == sorted(map(str, quads))
    assert len(data.splitlines()) == len(quads)


def test_ntriples_cut_anywhere_between_two_writes_become_whole_nquads_lines() -> None:
    graph = ox.NamedNode(f"{EX}g")
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal(text))
        for text in ("a .", "b\n .\n", "c")
    ]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    expected = ox.serialize([ox.Quad(*t, graph) for t in triples], format=ox.RdfFormat.N_QUADS)
    for cut in range(len(text) + 1):
        output = io.BytesIO()
        lines = _Lines(output, graph)
        lines.write(text[:cut])
        lines.write(text[cut:])
        assert (output.getvalue(), lines.count) == (expected, 3), cut


def test_several_graphs_merged_into_one_are_sorted(stores) -> None:
    with GraphStore.open(stores[0], write=False) as store:
        graphs = tuple(store.named_graphs()[:3])
    for fmt in ("turtle", "nquads"):
        request = DumpRequest(fmt, graphs=graphs, union=True)
        sorted_request = DumpRequest(fmt, graphs=graphs, union=True, sorted=True)
        assert dump_bytes(stores[0], request) == dump_bytes(stores[0], sorted_request)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_in_memory_store_has_no_stable_order_and_is_dumped_sorted(real_quads, fmt) -> None:
    dumps = []
    for quads in (real_quads, real_quads[::-1]):
        store = GraphStore(ox.Store(), None, None)
        store.raw.extend(quads)
        store.raw.update(store.merge.rebuild())
        plain, ordered = io.BytesIO(), io.BytesIO()
        write_dump(store, plain, DumpRequest(fmt))
        write_dump(store, ordered, DumpRequest(fmt, sorted=True))
        assert plain.getvalue() == ordered.getvalue()
        dumps.append(plain.getvalue())
    assert dumps[0] == dumps[1]
