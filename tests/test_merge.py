"""The default graph is the RDF merge of the named graphs: each triple counted once, always.

Property tests drive random sequences of writes — document loads and replacements, deletions,
harvests, SPARQL updates and Graph Store writes — and check after each sequence that the
default graph holds exactly the distinct triples of the named graphs, and that the union
export states as many.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SHARED_DIR, make_app
from engine_support import app_settings, running_engine
from flask import Flask
from harvest_support import DATA_DIR, ODataServer, fast_client, load_entity_sets, run_harvest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loader.export import DumpRequest, write_dump
from loader.merge import merge_counts
from loader.paths import SAMPLES_DIR
from loader.pipeline import LoadOptions, build_graph, expand_sources, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source
from loader.store import GraphStore

EX = "http://example.org/"
GRAPHS = [f"{DEFAULT_BASE_IRI}graph/test/{name}" for name in "abc"]
TRIPLES = [
    f"<{EX}{s}> <{EX}{p}> <{EX}{o}> ." for s in ("s1", "s2") for p in ("p0", "p1") for o in "xyz"
]
AGENDAS = sorted((SHARED_DIR / "legco-docs").glob("*agenda*.txt"))


def union_statements(store: GraphStore) -> int:
    """Statements in the union export (N-Triples, --union) of the store."""
    return write_dump(store, io.BytesIO(), DumpRequest("ntriples", union=True))


def assert_merge_in_step(store: GraphStore) -> None:
    """COUNT(*) over the default graph = distinct triples of the named graphs = union export."""
    merged, distinct = merge_counts(store)
    assert merged == distinct == union_statements(store), (merged, distinct)


@pytest.fixture(scope="module")
def document_graphs(tmp_path_factory) -> list[tuple[str, str]]:
    """(graph IRI, N-Triples) of real documents and of a real harvest, to write in any order."""
    options = LoadOptions(base_iri=DEFAULT_BASE_IRI)
    sources = list(expand_sources([str(SAMPLES_DIR), *map(str, AGENDAS)]))
    graphs = []
    for ref in sources:
        graph_iri, graph, _ = build_graph(read_source(ref, cache_dir=None), options)
        graphs.append((graph_iri, graph.serialize(format="nt")))
    folder = tmp_path_factory.mktemp("harvest")
    with ODataServer(load_entity_sets(DATA_DIR)) as server:
        client = fast_client(server.base_url, folder / "cache")
        with GraphStore.open(folder / "store", write=True) as harvested:
            run_harvest(harvested, client)
            for graph_iri in harvested.named_graphs():
                buffer = io.BytesIO()
                harvested.raw.dump(
                    buffer, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri)
                )
                graphs.append((graph_iri, buffer.getvalue().decode("utf-8")))
    return graphs


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_default_graph_is_the_set_of_named_graph_triples_after_any_loads(
    data, document_graphs, tmp_path_factory
) -> None:
    steps = data.draw(
        st.lists(
            st.tuples(st.sampled_from(["write", "drop"]), st.integers(0, len(document_graphs) - 1)),
            min_size=1,
            max_size=12,
        )
    )
    with GraphStore.open(tmp_path_factory.mktemp("merge") / "store", write=True) as store:
        for action, index in steps:
            graph_iri, ntriples = document_graphs[index]
            if action == "write":
                store.replace_graph(graph_iri, ntriples)
            else:
                store.drop_graph(graph_iri)
        assert_merge_in_step(store)


@pytest.mark.skipif(not AGENDAS, reason="../shared/legco-docs is absent")
def test_real_agendas_count_every_member_and_triple_once(tmp_path) -> None:
    with GraphStore.open(tmp_path / "store", write=True) as store:
        report = load_sources(store, map(str, AGENDAS), LoadOptions(base_iri=DEFAULT_BASE_IRI))
        assert report.ok, report.results
        assert_merge_in_step(store)
        lg = "https://w3id.org/legisgraph/ontology#"
        rows = list(store.query(f"SELECT ?m WHERE {{ ?m a <{lg}Member> }}"))
        assert len(rows) == len({row["m"] for row in rows}) > 10
        member = rows[0]["m"]
        described = list(store.query(f"SELECT ?p ?o WHERE {{ {member} ?p ?o }}"))
        assert len(described) == len({(r["p"], r["o"]) for r in described})
        # Which documents state a triple stays answerable: the named graphs are kept.
        sources = list(store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {member} a <{lg}Member> }} }}"))
        assert len(sources) >= 1


def test_a_store_from_before_the_merge_gets_it_when_opened_for_writing(tmp_path) -> None:
    raw = ox.Store(str(tmp_path / "store"))
    for graph in GRAPHS[:2]:
        raw.update(f"INSERT DATA {{ GRAPH <{graph}> {{ {TRIPLES[0]} {TRIPLES[1]} }} }}")
    del raw
    with GraphStore.open(tmp_path / "store", write=True) as store:
        assert merge_counts(store) == (2, 2)


# Through the app, on every engine: SPARQL Update and the Graph Store Protocol.


@contextmanager
def writable_app(engine_name: str, workdir: Path) -> Iterator[Flask]:
    """A writable app over an empty embedded store, or in front of a fresh engine."""
    settings: dict[str, object] = {"WRITE_ACCESS": "open"}
    if engine_name == "embedded":
        app = make_app(workdir / "store", **settings)
        yield app
        app.extensions["legisgraph.store"].close()
        return
    with running_engine(engine_name, workdir) as engine:
        app = make_app(workdir / "store", **settings, **app_settings(engine))
        yield app
        app.extensions["legisgraph.store"].close()


@pytest.fixture(scope="module")
def app_for_writes(engine_name: str, tmp_path_factory) -> Iterator[Flask]:
    with writable_app(engine_name, tmp_path_factory.mktemp("writes")) as app:
        yield app


def _count(client, query: str) -> int:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 200, response.text
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def _default_triples(client) -> set[tuple[str, str, str]]:
    response = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o }"})
    rows = response.get_json()["results"]["bindings"]
    return {(r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows}


def _triples_of(lines: list[str]) -> set[tuple[str, str, str]]:
    return {tuple(part.strip("<>") for part in line.rstrip(" .").split(" ")) for line in lines}


WRITES = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(GRAPHS), st.sets(st.sampled_from(TRIPLES))),
    st.tuples(
        st.just("insert"), st.sampled_from(GRAPHS), st.sets(st.sampled_from(TRIPLES), min_size=1)
    ),
    st.tuples(st.just("delete"), st.sampled_from(GRAPHS), st.sampled_from(["p0", "p1"])),
    st.tuples(st.just("copy"), st.sampled_from(GRAPHS), st.sampled_from(GRAPHS)),
    st.tuples(st.just("move"), st.sampled_from(GRAPHS), st.sampled_from(GRAPHS)),
    st.tuples(st.just("derive"), st.sampled_from(GRAPHS), st.just("")),
    st.tuples(st.just("drop"), st.sampled_from(GRAPHS), st.just("")),
)


def _apply(client, model: dict[str, set], write: tuple) -> None:
    """Send one write to the app and make the same change to the model of the named graphs."""
    action, graph, arg = write
    if action == "put":
        body = "\n".join(sorted(arg))
        response = client.put(
            f"/store?graph={graph}", data=body, content_type="application/n-triples"
        )
        model[graph] = _triples_of(sorted(arg))
    elif action == "drop":
        response = client.post("/sparql", data={"update": f"DROP SILENT GRAPH <{graph}>"})
        model.pop(graph, None)
    else:
        update, change = _update(action, graph, arg, model)
        response = client.post("/sparql", data={"update": update})
        change()
    assert response.status_code in (201, 204), response.text
    for name in [g for g, triples in model.items() if not triples]:
        del model[name]  # an engine need not keep an empty graph


def _update(action: str, graph: str, arg, model: dict[str, set]):
    merged = set().union(*model.values()) if model else set()
    if action == "insert":
        body = " ".join(sorted(arg))
        return f"INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}", lambda: model.setdefault(
            graph, set()
        ).update(_triples_of(sorted(arg)))
    if action == "delete":
        predicate = f"{EX}{arg}"
        update = f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s <{predicate}> ?o }} }}"
        kept = {t for t in model.get(graph, set()) if t[1] != predicate}
        return update, lambda: model.__setitem__(graph, kept)
    if action in ("copy", "move"):
        source = arg
        update = f"{action.upper()} SILENT GRAPH <{source}> TO GRAPH <{graph}>"

        def change() -> None:
            if source == graph:
                return
            model[graph] = set(model.get(source, set()))
            if action == "move":
                model.pop(source, None)

        return update, change
    # derive: reads the merged default graph, writes one named graph.
    update = f"INSERT {{ GRAPH <{graph}> {{ ?s <{EX}p1> ?o }} }} WHERE {{ ?s <{EX}p0> ?o }}"
    derived = {(s, f"{EX}p1", o) for s, p, o in merged if p == f"{EX}p0"}
    return update, lambda: model.setdefault(graph, set()).update(derived)


@pytest.mark.engine
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(WRITES, min_size=1, max_size=8))
def test_updates_and_graph_store_writes_keep_the_default_graph_the_merge(
    app_for_writes, writes
) -> None:
    client = app_for_writes.test_client()
    # Virtuoso takes DROP ALL as a no-op: the graphs are dropped one by one.
    reset = " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in GRAPHS)
    assert client.post("/sparql", data={"update": reset}).status_code == 204
    model: dict[str, set] = {}
    for write in writes:
        _apply(client, model, write)
    expected = set().union(*model.values()) if model else set()
    assert _default_triples(client) == expected
    distinct = (
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == _count(client, distinct)
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == len(expected)


@pytest.mark.engine
@pytest.mark.parametrize(
    "update",
    [
        f"INSERT DATA {{ {TRIPLES[0]} }}",
        "CLEAR DEFAULT",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPHS[0]}> {{ ?s ?p ?o }} }}",
        f"COPY <{GRAPHS[0]}> TO DEFAULT",
    ],
)
def test_writing_the_derived_default_graph_is_refused_with_a_reason(app_for_writes, update) -> None:
    response = app_for_writes.test_client().post("/sparql", data={"update": update})
    assert response.status_code == 400
    assert "merge of the named graphs" in response.get_json()["error"]


@pytest.mark.engine
def test_graph_store_writes_to_the_default_graph_are_refused(app_for_writes) -> None:
    client = app_for_writes.test_client()
    response = client.put("/store?default", data=TRIPLES[0], content_type="application/n-triples")
    assert response.status_code == 400
    assert "merge of the named graphs" in response.get_json()["error"]
