"""Helpers for the dump, release and VoID tests: datasets from stores and bytes, compared."""

from __future__ import annotations

import glob
import io
import shutil
import sys
import warnings
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from loader.export import FORMATS, DumpRequest, write_dump
from loader.paths import ROOT
from loader.store import GraphStore

#: rdflib parser names, by our format names.
RDFLIB_FORMATS = {
    "trig": "trig",
    "nquads": "nquads",
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
}


def dump_bytes(store_path: Path, request: DumpRequest, **options) -> bytes:
    """The dump of the store at ``store_path`` as bytes."""
    output = io.BytesIO()
    with GraphStore.open(store_path, write=False) as store:
        write_dump(store, output, request, **options)
    return output.getvalue()


def native_dataset(store_path: Path) -> Dataset:
    """The store's named graphs as pyoxigraph's own writer dumps them, parsed by rdflib (the
    default graph is derived from them: loader.merge)."""
    with GraphStore.open(store_path, write=False) as store:
        data = store.raw.dump(format=ox.RdfFormat.N_QUADS)
    named = b"".join(line + b"\n" for line in data.splitlines() if _quad_has_graph(line))
    return parse_dataset(named, "nquads")


def _quad_has_graph(line: bytes) -> bool:
    """True for an N-Quads line with a graph name (ours never has blank-node graph names)."""
    quad = next(iter(ox.parse(line, format=ox.RdfFormat.N_QUADS)), None)
    return quad is not None and not isinstance(quad.graph_name, ox.DefaultGraph)


def parse_dataset(data: bytes, fmt: str) -> Dataset:
    """Bytes in one of our formats, parsed by rdflib into a dataset."""
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's Dataset.parse calls its own deprecated Dataset.default_context.
        warnings.filterwarnings("ignore", "Dataset.default_context", DeprecationWarning)
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return dataset


def named_graphs(dataset: Dataset) -> set[str]:
    """The IRIs of the dataset's non-empty named graphs."""
    return {
        str(graph.identifier)
        for graph in dataset.graphs()
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph)
    }


def union_of(dataset: Dataset, graphs: set[str] | None = None) -> Graph:
    """The union of the dataset's graphs (or of the named ones), as one graph."""
    union = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if graphs is None or str(name) in graphs:
            union.add((s, p, o))
    return union


def assert_isomorphic(expected: Graph, actual: Graph, what: str) -> None:
    """Fail with the triples only one side has when the graphs differ."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    raise AssertionError(
        f"{what} differs.\nonly expected:\n{only_expected.serialize(format='nt')}"
        f"\nonly actual:\n{only_actual.serialize(format='nt')}"
    )


def assert_same_dataset(expected: Dataset, actual: Dataset) -> None:
    """Same named graphs, each isomorphic, and the same default graph."""
    assert named_graphs(actual) == named_graphs(expected)
    for name in named_graphs(expected):
        assert_isomorphic(
            expected.graph(URIRef(name)), actual.graph(URIRef(name)), f"graph <{name}>"
        )
    assert_isomorphic(
        expected.graph(DATASET_DEFAULT_GRAPH_ID),
        actual.graph(DATASET_DEFAULT_GRAPH_ID),
        "the default graph",
    )


def assert_dump_round_trips(store_path: Path, fmt: str) -> Dataset:
    """The store's whole dump in ``fmt`` read back equals the store: every named graph in TriG
    and N-Quads, their union in the one-graph syntaxes. Returns the store's dataset."""
    expected = native_dataset(store_path)
    actual = parse_dataset(dump_bytes(store_path, DumpRequest(fmt)), fmt)
    if FORMATS[fmt].keeps_graphs:
        assert_same_dataset(expected, actual)
    else:
        assert named_graphs(actual) == set()
        assert_isomorphic(union_of(expected), union_of(actual), f"the {fmt} union")
    return expected


def oxigraph_binary() -> str | None:
    """The `oxigraph` command of the PyPI package: in this venv, on PATH, or from bench/."""
    beside_python = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    bench = sorted(glob.glob(str(ROOT / "var" / "bench" / "tools" / "oxigraph-*" / "bin")))
    return (
        beside_python or shutil.which("oxigraph") or shutil.which("oxigraph", path=":".join(bench))
    )
