"""The embedded Oxigraph store: the one module that opens it, locks it and writes it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

import pyoxigraph as ox

LOCK_FILE_NAME = "legisgraph.lock"

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class Solutions(list):
    """A SELECT result read to its end: the rows, and ``variables`` as pyoxigraph gives them.

    pyoxigraph's ``QuerySolutions`` belongs to the thread that made it: dropped on another one
    (by the garbage collector, say, when a traceback kept it alive) it raises. A web server's
    pages run on many threads, so they read results through a store that hands out these.
    """

    def __init__(self, result: ox.QuerySolutions) -> None:
        super().__init__(result)
        self.variables = result.variables


def materialized(result: QueryResult) -> QueryResult | Solutions:
    """``result`` with a SELECT's rows read into a :class:`Solutions`; others as they are."""
    return Solutions(result) if isinstance(result, ox.QuerySolutions) else result


class StoreInUse(Exception):
    """Another process holds the store in a way that conflicts with the requested access."""


class GraphStore:
    """A pyoxigraph store with legisgraph's locking rules and the few operations we need.

    Locking: writers take an exclusive ``flock`` on ``<store>/legisgraph.lock``, readers
    (``serve``, ``query``, ``info``, ``export``) a shared one. RocksDB allows one writing
    process and opening read-only beside a writer is undefined, so a conflict fails at once
    with a clear message instead of hanging or reading half-written data.
    """

    #: Its default graph holds triples of its own (a remote engine's is the union of its graphs).
    default_graph_is_union = False

    def __init__(
        self,
        store: ox.Store,
        path: Path | None,
        lock: IO[bytes] | None,
        *,
        materialize: bool = False,
    ) -> None:
        self._store = store
        self.path = path
        self._lock = lock
        self.materialize = materialize

    @staticmethod
    def exists(path: str | os.PathLike[str]) -> bool:
        """True when ``path`` holds a store (not merely a folder)."""
        return _is_initialised(Path(path))

    @classmethod
    def view(cls, path: str | os.PathLike[str], *, materialize: bool = False) -> GraphStore:
        """A read-only view of a store or snapshot whose lock the caller already holds
        (``materialize``: SELECT results as :class:`Solutions`, safe to drop on any thread)."""
        return cls(ox.Store.read_only(str(path)), Path(path), None, materialize=materialize)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, write: bool) -> GraphStore:
        """Open the on-disk store at ``path`` for writing (exclusive) or reading (shared)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        lock = take_lock(path, exclusive=write)
        try:
            if write or not _is_initialised(path):
                store = _open_writable(path)
                if not write:
                    del store
                    store = ox.Store.read_only(str(path))
            else:
                store = ox.Store.read_only(str(path))
        except BaseException:
            lock.close()
            raise
        return cls(store, path, lock)

    def close(self) -> None:
        """Release the database handle and the lock."""
        self._store = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store, for the few callers that stream from it directly."""
        if self._store is None:
            raise RuntimeError("the store is closed")
        return self._store

    def query(self, sparql: str, *, union_default_graph: bool = True, **options) -> QueryResult:
        """Run a SPARQL query; by default the default graph is the union of all graphs."""
        result = self.raw.query(sparql, use_default_graph_as_union=union_default_graph, **options)
        return materialized(result) if self.materialize else result

    def ask(self, query: str) -> bool:
        """Answer an ASK query over the dataset as stored (no union default graph)."""
        return bool(self.query(query, union_default_graph=False))

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace a named graph's content in one transaction: all of it or nothing."""
        iri = ox.NamedNode(graph_iri)
        self.raw.update(
            f"DROP SILENT GRAPH {iri} ; INSERT DATA {{ GRAPH {iri} {{\n{ntriples}\n}} }}"
        )

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode))

    def quad_count(self) -> int:
        """Number of quads in the whole dataset."""
        return len(self.raw)

    def graph_size(self, graph_iri: str) -> int:
        """Number of triples in one named graph."""
        (row,) = self.raw.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph_iri)} {{ ?s ?p ?o }} }}"
        )
        return int(row[0].value)

    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat, graph_iri: str | None = None):
        """Serialise the dataset (or one graph) with pyoxigraph's own writer."""
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        self.raw.dump(output, rdf_format, from_graph=graph)


def take_lock(path: Path, *, exclusive: bool) -> IO[bytes]:
    """Take the advisory lock at once or raise StoreInUse naming the likely holder."""
    lock = open(path / LOCK_FILE_NAME, "ab")
    try:
        fcntl.flock(lock, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        if exclusive:
            raise StoreInUse(
                f"store {path} is in use by another process (is `legisgraph serve` running?)"
            ) from None
        raise StoreInUse(
            f"store {path} is being written by another process (is `legisgraph load` running, "
            "or `legisgraph serve` with writes allowed?)"
        ) from None
    return lock


def _is_initialised(path: Path) -> bool:
    return (path / "CURRENT").exists()


def _open_writable(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreInUse(f"store {path} is in use by another process") from error
        raise
