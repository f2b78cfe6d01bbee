"""The store: graphs replaced all-or-nothing, and the single-writer rule enforced at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from loader.merge import new_graph_nquads
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


SHARED = '<https://example.org/m> <https://example.org/name> "Member"@zh-Hant .'
OTHER = "https://w3id.org/legisgraph/id/graph/other"


def _dataset(store: GraphStore) -> ox.Dataset:
    return ox.Dataset(store.raw.quads_for_pattern(None, None, None))


@pytest.mark.parametrize(
    "text",
    [
        f"{FIRST}\n{SHARED}\n",  # plain: the one-load path
        f"{FIRST}\n{SHARED}",  # plain, no final newline
        f"{FIRST} # a comment .\n{SHARED}\n",  # a comment: the SPARQL update
        f"{FIRST} {SHARED}\n",  # two statements on a line: the SPARQL update
        f"{FIRST}\r\n{SHARED}\r\n",  # CRLF: the SPARQL update
    ],
)
def test_a_new_graph_is_written_with_the_merge_as_the_sparql_update_writes_it(
    tmp_path: Path, text: str
) -> None:
    """A graph that did not exist is loaded in one go; the store ends as the update leaves it,
    a triple another graph states already stays once in the merge."""
    stores = []
    for name in ("loaded", "updated"):
        store = GraphStore.open(tmp_path / name, write=True)
        store.replace_graph(OTHER, SHARED)
        stores.append(store)
    loaded, updated = stores
    loaded.replace_graph(GRAPH, text)
    updated.raw.update(updated.merge.replace(GRAPH, text))
    assert _dataset(loaded) == _dataset(updated)
    assert loaded.graph_size(GRAPH) == 2
    assert len(list(loaded.raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 2
    for store in stores:
        store.close()


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (f"{FIRST}\n{SHARED}\n", True),
        ('<https://e.org/s> <https://e.org/p> "a \\" . b"^^<https://e.org/t> .\n', True),
        ("_:b0 <https://example.org/p> <https://example.org/o> .\n", False),
        (f"{FIRST} # note .\n", False),
        (f"{FIRST} {SECOND}\n", False),
        ("@prefix ex: <https://example.org/> .\nex:s ex:p ex:o .\n", False),
    ],
)
def test_only_plain_ntriples_are_turned_into_nquads_line_by_line(text: str, plain: bool) -> None:
    nquads = new_graph_nquads(GRAPH, text)
    assert (nquads is not None) == plain
    if nquads is not None:
        quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        named = [q.triple for q in quads if q.graph_name == ox.NamedNode(GRAPH)]
        default = [q.triple for q in quads if q.graph_name == ox.DefaultGraph()]
        assert named == default == triples


def test_a_new_graph_that_does_not_parse_leaves_nothing(writable_store) -> None:
    broken = '<https://example.org/s> <https://example.org/p> "bad \\q escape" .\n'
    assert new_graph_nquads(GRAPH, broken) is not None  # looks plain; the parser refuses it
    with pytest.raises(SyntaxError):
        writable_store.replace_graph(GRAPH, FIRST + "\n" + broken)
    assert writable_store.named_graphs() == []
    assert not writable_store.ask("ASK { ?s ?p ?o }")
