"""The store: graphs replaced all-or-nothing, and the single-writer rule enforced at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from loader.store import GraphStore, StoreInUse
from loader.validate import validate

MINI_DATASET = Path(__file__).parent / "data" / "mini.trig"

GRAPH = "https://w3id.org/legisgraph/id/graph/test"
SELECT_ALL = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
FIRST = '<https://example.org/s> <https://example.org/p> "first" .'
SECOND = '<https://example.org/s> <https://example.org/p> "second" .'


def _values(store: GraphStore) -> list[str]:
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return sorted(row["o"].value for row in rows)


def test_replace_graph_swaps_the_whole_content(writable_store) -> None:
    writable_store.replace_graph(GRAPH, FIRST)
    writable_store.replace_graph(GRAPH, SECOND)
    assert _values(writable_store) == ["second"]
    assert writable_store.named_graphs() == [GRAPH]


def test_failed_replacement_leaves_the_previous_version(writable_store) -> None:
    writable_store.replace_graph(GRAPH, FIRST)
    with pytest.raises(SyntaxError):
        writable_store.replace_graph(GRAPH, SECOND + "\n<broken")
    assert _values(writable_store) == ["first"]


def test_second_writer_is_refused_at_once(tmp_path) -> None:
    with GraphStore.open(tmp_path / "store", write=True):
        with pytest.raises(StoreInUse, match="is in use by another process"):
            GraphStore.open(tmp_path / "store", write=True)


def test_reader_is_refused_while_a_writer_holds_the_store(tmp_path) -> None:
    with GraphStore.open(tmp_path / "store", write=True):
        with pytest.raises(StoreInUse, match="being written by another process"):
            GraphStore.open(tmp_path / "store", write=False)


def test_readers_share_the_store(tmp_path) -> None:
    GraphStore.open(tmp_path / "store", write=True).close()
    with GraphStore.open(tmp_path / "store", write=False) as first:
        with GraphStore.open(tmp_path / "store", write=False) as second:
            assert first.quad_count() == second.quad_count() == 0


def test_data_survives_reopening(tmp_path) -> None:
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.replace_graph(GRAPH, FIRST)
    with GraphStore.open(tmp_path / "store", write=False) as store:
        assert _values(store) == ["first"]
        assert store.graph_size(GRAPH) == 1


def test_hand_written_fixture_graphs_conform_to_the_shapes() -> None:
    """The small dataset the app tests use is held to the same shapes as loaded documents."""
    quads = list(ox.parse(path=str(MINI_DATASET), format=ox.RdfFormat.TRIG))
    for graph_name in {q.graph_name for q in quads}:
        lines = [
            f"{q.subject} {q.predicate} {q.object} ." for q in quads if q.graph_name == graph_name
        ]
        report = validate(Graph().parse(data="\n".join(lines), format="nt"))
        assert report.conforms, report.text


def test_a_page_store_hands_out_results_that_any_thread_may_drop(tmp_path) -> None:
    """pyoxigraph's QuerySolutions raises when dropped on another thread than its own; pages
    run on many threads, so the view they read through materialises SELECT results."""
    with GraphStore.open(tmp_path / "s", write=True) as store:
        store.replace_graph(GRAPH, "<http://a> <http://b> <http://c> .")
    view = GraphStore.view(tmp_path / "s", materialize=True)
    made: list = []
    worker = threading.Thread(target=lambda: made.append(view.query(SELECT_ALL)))
    worker.start()
    worker.join()
    result = made.pop()
    assert [row["o"] for row in result] == [ox.NamedNode("http://c")]
    assert [v.value for v in result.variables] == ["s", "p", "o"]
    del result  # on this thread, not the one that made it: must not raise
    view.close()
