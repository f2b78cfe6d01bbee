"""Dumps: the dataset, some of its graphs or their union, sorted and streamed in an RDF syntax.

Every dump is sorted — by graph, subject, predicate (``rdf:type`` first) and object, in code
point order of the IRIs and of the N-Triples form of literals — so the same data gives the same
bytes whatever store it sits in, and two releases diff line by line. Sorting works in bounded
memory at any size: runs of ``run_size`` statements are sorted in memory and, when there is more
than one, written to temporary N-Quads files and merged (an external merge sort). pyoxigraph's
streaming writers turn the sorted statements into Turtle (one block per subject, our prefixes),
TriG, N-Quads, N-Triples or JSON-LD (a flat array of node objects, one per subject).
"""

from __future__ import annotations

import gzip
import heapq
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, count, islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from loader.store import GraphStore
from loader.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: A statement with its sort key.
Keyed = tuple[str, ox.Quad]

#: Statements sorted in memory at a time; beyond this the sort spills to temporary files.
RUN_SIZE = 20_000
#: Run files merged at once; more runs are merged in passes.
MERGE_FAN_IN = 64
#: zlib level for --gzip: close to the best ratio at a fraction of level 9's time.
GZIP_LEVEL = 6


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
    """What to write: the syntax, the graphs (none: all) and whether to merge them into one."""

    fmt: str = "trig"
    graphs: tuple[str, ...] = ()
    union: bool = False

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
    """Write the sorted dump to ``output`` (gzipped when asked); return the statements written."""
    stored = set(store.named_graphs())
    missing = [graph for graph in request.graphs if graph not in stored]
    if missing:
        raise DumpError(f"no graph <{missing[0]}> in the store")
    if request.keeps_graphs:
        # Graph by graph in key order: each graph sorted on its own is the whole dump sorted,
        # and a document's graph fits in memory, so nothing spills to merge files. Within one
        # graph the graph's part of the key is the same for all: the triple's key orders them.
        statements = chain.from_iterable(
            sorted_unique(quads, triple_key, run_size=run_size)
            for quads in _graphs_in_order(store, request)
        )
    else:
        statements = sorted_unique(_statements(store, request), triple_key, run_size=run_size)
    counted = _Counter(statements)
    records: Iterable = counted if request.format.keeps_graphs else (q.triple for q in counted)
    with _maybe_gzip(output, compress) as stream:
        ox.serialize(records, stream, request.format.rdf_format, prefixes=PREFIXES)
    return counted.count


def _statements(store: DumpSource, request: DumpRequest) -> Iterator[ox.Quad]:
    """The requested graphs' quads (default: every named graph; the default graph is their
    merge, so it adds nothing), moved to the default graph when they are to be merged."""
    if not request.graphs and _holds_the_merge(store):
        # The union of every named graph is the embedded store's default graph: read it once
        # instead of each graph's quads, each rebuilt in Python and most repeated elsewhere.
        yield from store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return
    graphs = request.graphs or store.named_graphs()
    quads = chain.from_iterable(_graph_quads(store, graph) for graph in graphs)
    for quad in quads:
        yield quad if request.keeps_graphs else ox.Quad(quad.subject, quad.predicate, quad.object)


def _holds_the_merge(store: DumpSource) -> bool:
    """True for an embedded store whose default graph holds the merge of its named graphs (a
    store written before the merge existed, opened read-only, has an empty default graph)."""
    if not isinstance(store, GraphStore):
        return False
    return bool(store.raw.query("ASK { ?s ?p ?o }")) or not store.raw.query(
        "ASK { GRAPH ?g { ?s ?p ?o } }"
    )


def _graphs_in_order(store: DumpSource, request: DumpRequest) -> Iterator[Iterator[ox.Quad]]:
    """Each requested graph's quads, the named graphs in the order of their IRIs."""
    for graph in sorted(request.graphs or store.named_graphs()):
        yield _graph_quads(store, graph)


def _graph_quads(store: DumpSource, graph: str) -> Iterator[ox.Quad]:
    """One graph's quads: straight from the embedded store, or from a remote engine's CONSTRUCT."""
    name = ox.NamedNode(graph)
    if isinstance(store, GraphStore):
        return store.raw.quads_for_pattern(None, None, None, name)
    return (ox.Quad(t.subject, t.predicate, t.object, name) for t in store.graph_triples(graph))


def _node_key(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """IRIs by their text; blank nodes after every IRI; the default graph before everything."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "\uffff" + term.value
    return ""


def triple_key(quad: ox.Quad) -> str:
    """Sort key of a statement without its graph; equal keys mean equal triples.

    Tab separates the parts: no IRI or escaped literal contains one and it sorts before every
    character they do contain, so comparing keys compares the parts one after the other. (The
    common cases — an IRI subject, an IRI or literal object — are spelled out: this runs once
    per statement of every dump.)
    """
    subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
    subject_key = subject.value if type(subject) is ox.NamedNode else _node_key(subject)
    object_key = "<" + obj.value if type(obj) is ox.NamedNode else str(obj)
    return f"{subject_key}\t{'' if predicate == RDF_TYPE else predicate}\t{object_key}"


def sorted_unique(
    quads: Iterator[ox.Quad],
    key: Callable[[ox.Quad], str],
    *,
    run_size: int = RUN_SIZE,
    fan_in: int = MERGE_FAN_IN,
) -> Iterator[ox.Quad]:
    """The quads in key order without repeats, holding at most ``run_size`` in memory."""
    first = _sorted_run(islice(quads, run_size), key)
    if len(first) < run_size:
        yield from _unique(first)
        return
    with tempfile.TemporaryDirectory(prefix="legisgraph-sort-") as work:
        names = (Path(work) / f"run-{n:06d}" for n in count())
        runs = [_write_run(next(names), first)]
        del first
        while chunk := _sorted_run(islice(quads, run_size), key):
            runs.append(_write_run(next(names), chunk))
        while len(runs) > fan_in:
            runs = [
                _write_run(next(names), _merge(runs[i : i + fan_in]))
                for i in range(0, len(runs), fan_in)
            ]
        yield from _unique(_merge(runs))


def _sorted_run(quads: Iterable[ox.Quad], key: Callable[[ox.Quad], str]) -> list[Keyed]:
    run = [(key(quad), quad) for quad in quads]
    run.sort(key=itemgetter(0))
    return run


def _write_run(path: Path, run: Iterable[Keyed]) -> Path:
    """A sorted run as N-Quads (``path``.nq) and its keys, one a line (``path``.keys): keys
    hold no line break (IRIs cannot, literals are in their escaped N-Triples form), and
    reading them back is cheaper than building them again."""
    with path.with_suffix(".keys").open("w", encoding="utf-8", newline="\n") as keys:
        ox.serialize(_keys_written(run, keys), str(path.with_suffix(".nq")), ox.RdfFormat.N_QUADS)
    return path


def _keys_written(run: Iterable[Keyed], keys: IO[str]) -> Iterator[ox.Quad]:
    for key, quad in run:
        keys.write(key + "\n")
        yield quad


def _merge(runs: list[Path]) -> Iterator[Keyed]:
    """Merge sorted run files, deleting each once it has been read to the end."""
    return heapq.merge(*(_read_run(path) for path in runs), key=itemgetter(0))


def _read_run(path: Path) -> Iterator[Keyed]:
    quads, keys = path.with_suffix(".nq"), path.with_suffix(".keys")
    with keys.open(encoding="utf-8", newline="\n") as lines:
        parsed = ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS)
        for line, quad in zip(lines, parsed, strict=True):
            yield line[:-1], quad
    os.unlink(quads)
    os.unlink(keys)


def _unique(run: Iterable[Keyed]) -> Iterator[ox.Quad]:
    previous = None
    for current, quad in run:
        if current != previous:
            yield quad
            previous = current


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
