"""Dumps: the dataset, some of its graphs or their union, streamed in an RDF syntax.

Two orders. By default a dump of the embedded on-disk store comes in the store's own index
order, written by pyoxigraph with no per-statement work in Python: Oxigraph's index keys are
derived from the terms themselves (hashes and inlined values), so the same data gives the same
bytes whatever store it sits in and in whatever order or batches it was loaded (with the same
pyoxigraph version). A **sorted** dump (``export --sorted``, releases, the bundled snapshot)
orders statements by code point (loader.export_sort): the same bytes from any store, engine or
pyoxigraph version, diffable line by line, at ≈ 2–3 µs more per statement. A remote engine (and
an in-memory store) has no stable order: its dumps are always sorted.

TriG and N-Quads hold the named graphs, graph by graph in the order of their IRIs (never the
default graph, which is derived from them); Turtle, N-Triples and JSON-LD (and ``union``) hold
the union of the graphs, i.e. the store's default graph, each triple once.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import IO, Protocol

import pyoxigraph as ox

from loader.export_sort import RUN_SIZE, sorted_unique, triple_key
from loader.store import GraphStore
from loader.vocab import PREFIXES

#: zlib level for --gzip: close to the best ratio at a fraction of level 9's time.
GZIP_LEVEL = 6
#: Syntaxes with one statement per line: a store-order dump counts its lines.
LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


@dataclass(frozen=True)
class DumpFormat:
    """An RDF syntax a dump can be written in."""

    name: str
    rdf_format: ox.RdfFormat
    extension: str
    #: TriG and N-Quads say which graph each statement is in; the others hold one graph.
    keeps_graphs: bool

    @property
    def media_type(self) -> str:
        """The IANA media type of the syntax."""
        return self.rdf_format.media_type


FORMATS: dict[str, DumpFormat] = {
    "trig": DumpFormat("trig", ox.RdfFormat.TRIG, "trig", True),
    "nquads": DumpFormat("nquads", ox.RdfFormat.N_QUADS, "nq", True),
    "turtle": DumpFormat("turtle", ox.RdfFormat.TURTLE, "ttl", False),
    "ntriples": DumpFormat("ntriples", ox.RdfFormat.N_TRIPLES, "nt", False),
    "jsonld": DumpFormat("jsonld", ox.RdfFormat.JSON_LD, "jsonld", False),
}


class DumpSource(Protocol):
    """What a dump reads: the embedded GraphStore (its quads through ``raw``), or a remote
    engine (loader.engine.RemoteEngine: each graph's triples through ``graph_triples``)."""

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs."""


class DumpError(Exception):
    """A dump that cannot be written as asked (e.g. a graph that is not in the store)."""


@dataclass(frozen=True)
class DumpRequest:
    """What to write: the syntax, the graphs (none: all), whether to merge them into one, and
    whether to sort by code point instead of taking the store's own order."""

    fmt: str = "trig"
    graphs: tuple[str, ...] = ()
    union: bool = False
    sorted: bool = False

    @property
    def format(self) -> DumpFormat:
        """The syntax's description."""
        return FORMATS[self.fmt]

    @property
    def keeps_graphs(self) -> bool:
        """True when statements keep their graph names: TriG or N-Quads without --union."""
        return self.format.keeps_graphs and not self.union


def write_dump(
    store: DumpSource,
    output: IO[bytes],
    request: DumpRequest,
    *,
    compress: bool = False,
    run_size: int = RUN_SIZE,
) -> int:
    """Write the dump to ``output`` (gzipped when asked); return the statements written."""
    stored = set(store.named_graphs())
    missing = [graph for graph in request.graphs if graph not in stored]
    if missing:
        raise DumpError(f"no graph <{missing[0]}> in the store")
    with _maybe_gzip(output, compress) as stream:
        if not request.sorted and has_stable_order(store):
            written = _write_in_store_order(store, stream, request)
            if written is not None:
                return written
        return _write_sorted(store, stream, request, run_size)


def has_stable_order(store: DumpSource) -> bool:
    """True for an embedded on-disk store, whose index order depends only on its content (an
    in-memory store iterates in insertion order; a remote engine in its own)."""
    return isinstance(store, GraphStore) and store.path is not None


def _write_in_store_order(store: GraphStore, stream: IO[bytes], request: DumpRequest) -> int | None:
    """The dump in the store's index order, written by pyoxigraph; None (nothing written) when
    the selection needs the sort: several graphs merged into one, or a store without the merge."""
    syntax = request.format.rdf_format
    if request.keeps_graphs:
        graphs = [ox.NamedNode(graph) for graph in _selected(store, request)]
        if syntax == ox.RdfFormat.N_QUADS:
            return _write_nquads(store.raw, graphs, stream)
        quads = _Counter(
            chain.from_iterable(store.raw.quads_for_pattern(None, None, None, g) for g in graphs)
        )
        ox.serialize(quads, stream, syntax, prefixes=PREFIXES)
        return quads.count
    if not request.graphs and _holds_the_merge(store):
        source: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph()
    elif len(set(request.graphs)) == 1:
        source = ox.NamedNode(request.graphs[0])
    else:
        return None
    lines = _Lines(stream)
    store.raw.dump(lines, syntax, from_graph=source, prefixes=PREFIXES)
    if syntax in LINE_FORMATS:
        return lines.count
    (row,) = store.raw.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graph=source)
    return int(row[0].value)


def _write_nquads(raw: ox.Store, graphs: list[ox.NamedNode], stream: IO[bytes]) -> int:
    """Each graph's triples as N-Triples from pyoxigraph, turned into N-Quads in that graph."""
    written = 0
    for graph in graphs:
        lines = _Lines(stream, graph)
        raw.dump(lines, ox.RdfFormat.N_TRIPLES, from_graph=graph)
        written += lines.count
    return written


class _Lines:
    """The output as pyoxigraph's writer sees it: counts the lines passing through and, given a
    graph, writes each N-Triples line as an N-Quads line in that graph. (An N-Triples line ends
    in `` .`` and a line break, and no term holds a line break: they are escaped.) Flushes are
    not passed on: a gzip stream would write a sync marker each time."""

    def __init__(self, output: IO[bytes], graph: ox.NamedNode | None = None) -> None:
        self._output = output
        self._ending = f" {graph} .\n".encode() if graph is not None else b""
        self._partial = b""
        self.count = 0

    def write(self, data: bytes) -> int:
        """Pass ``data`` on (whole lines, put into the graph, when one is set)."""
        self.count += data.count(b"\n")
        if not self._ending:
            self._output.write(data)
            return len(data)
        text = self._partial + data
        end = text.rfind(b"\n") + 1
        self._output.write(text[:end].replace(b" .\n", self._ending))
        self._partial = text[end:]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: the output is flushed by whoever owns it."""


def _write_sorted(store: DumpSource, stream: IO[bytes], request: DumpRequest, run_size: int) -> int:
    """The dump in code point order (loader.export_sort), each statement keyed in Python."""
    if request.keeps_graphs:
        # Graph by graph in key order: each graph sorted on its own is the whole dump sorted,
        # and a document's graph fits in memory, so nothing spills to merge files. Within one
        # graph the graph's part of the key is the same for all: the triple's key orders them.
        statements = chain.from_iterable(
            sorted_unique(_graph_quads(store, graph), triple_key, run_size=run_size)
            for graph in _selected(store, request)
        )
    else:
        statements = sorted_unique(_statements(store, request), triple_key, run_size=run_size)
    counted = _Counter(statements)
    records: Iterable = counted if request.format.keeps_graphs else (q.triple for q in counted)
    ox.serialize(records, stream, request.format.rdf_format, prefixes=PREFIXES)
    return counted.count


def _selected(store: DumpSource, request: DumpRequest) -> list[str]:
    """The requested graphs (default: every named graph), once each, in the order of their IRIs."""
    return sorted(set(request.graphs or store.named_graphs()))


def _statements(store: DumpSource, request: DumpRequest) -> Iterator[ox.Quad]:
    """The requested graphs' triples (default: every named graph; the default graph is their
    merge, so it adds nothing), in the default graph: they are to be merged."""
    if not request.graphs and _holds_the_merge(store):
        # The union of every named graph is the embedded store's default graph: read it once
        # instead of each graph's quads, each rebuilt in Python and most repeated elsewhere.
        yield from store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return
    quads = chain.from_iterable(_graph_quads(store, graph) for graph in _selected(store, request))
    for quad in quads:
        yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _holds_the_merge(store: DumpSource) -> bool:
    """True for an embedded store whose default graph holds the merge of its named graphs (a
    store written before the merge existed, opened read-only, has an empty default graph)."""
    if not isinstance(store, GraphStore):
        return False
    return bool(store.raw.query("ASK { ?s ?p ?o }")) or not store.raw.query(
        "ASK { GRAPH ?g { ?s ?p ?o } }"
    )


def _graph_quads(store: DumpSource, graph: str) -> Iterator[ox.Quad]:
    """One graph's quads: straight from the embedded store, or from a remote engine's CONSTRUCT."""
    name = ox.NamedNode(graph)
    if isinstance(store, GraphStore):
        return store.raw.quads_for_pattern(None, None, None, name)
    return (ox.Quad(t.subject, t.predicate, t.object, name) for t in store.graph_triples(graph))


class _Counter:
    """Pass statements through, counting them."""

    def __init__(self, items: Iterable[ox.Quad]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[ox.Quad]:
        for item in self._items:
            self.count += 1
            yield item


@contextmanager
def _maybe_gzip(output: IO[bytes], compress: bool) -> Iterator[IO[bytes]]:
    """``output`` itself, or a gzip stream into it with no name or time in its header."""
    if not compress:
        yield output
        return
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=output, mtime=0, compresslevel=GZIP_LEVEL
    ) as stream:
        yield stream
