"""The child side of the executor: a process that runs queries or writes and streams the bytes back.

It imports nothing but pyoxigraph, the standard library and its messages (server/jobs.py), so
it starts fast and can be killed at any moment: a killed query leaves nothing behind, a killed
write leaves its transaction uncommitted (RocksDB), so the store stays whole either way.
"""

from __future__ import annotations

import resource
import shutil
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

# Run as a script by the pool (server/worker_pool.py), from this folder: importing the
# ``server`` package would load Flask.
from jobs import (
    Chunk,
    Done,
    DumpJob,
    Failure,
    GraphExistsJob,
    Message,
    QueryJob,
    Serialization,
    UpdateJob,
    from_wire,
    to_wire,
)

#: Bytes gathered before a chunk is sent to the web process.
CHUNK_SIZE = 64 * 1024
#: What the client is told when a query passes the worker's memory limit (server/executor.py).
MEMORY_MESSAGE = "query used too much memory"


class ResultTooLarge(Exception):
    """The serialised result passed the configured byte limit."""


class PipeWriter:
    """A binary file object that sends what pyoxigraph writes to the web process in chunks.

    The media type rides on the first Chunk, and a small result travels as one.
    """

    def __init__(self, conn: Connection, media_type: str, max_bytes: int | None) -> None:
        self.conn = conn
        self.media_type: str | None = media_type
        self.max_bytes = max_bytes
        self.sent = 0
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        """Buffer ``data``; send a chunk when enough has gathered; stop past the byte limit."""
        self.buffer += data
        if self.max_bytes is not None and self.sent + len(self.buffer) > self.max_bytes:
            raise ResultTooLarge(f"the result is larger than the limit of {self.max_bytes} bytes")
        if len(self.buffer) >= CHUNK_SIZE:
            self.flush()
        return len(data)

    def flush(self, final: bool = False) -> None:
        """Send whatever is buffered (and, if ``final``, say that nothing follows)."""
        if self.buffer or final:
            _send(self.conn, Chunk(bytes(self.buffer), final, self.media_type))
            self.media_type = None
            self.sent += len(self.buffer)
            self.buffer.clear()


def _send(conn: Connection, message: Message) -> None:
    conn.send(to_wire(message))


def serve(conn: Connection, writable_store: str | None) -> None:
    """Answer jobs from ``conn`` until it closes; a writer opens ``writable_store`` read-write."""
    stores: dict[str, ox.Store] = {}
    writer = ox.Store(writable_store) if writable_store else None
    while True:
        try:
            job = from_wire(conn.recv())
        except EOFError:
            return
        try:
            if isinstance(job, UpdateJob | GraphExistsJob):
                _write(conn, writer, job)
            elif isinstance(job, QueryJob | DumpJob):
                if job.snapshot not in stores:
                    stores.clear()
                    stores[job.snapshot] = ox.Store.read_only(job.snapshot)
                _read(conn, stores[job.snapshot], job)
            else:
                raise TypeError(f"not a job: {job!r}")
        except SyntaxError as error:
            language = "query" if isinstance(job, QueryJob) else "update"
            _send(conn, Failure(400, f"invalid {language}: {error}"))
        except ResultTooLarge as error:
            _send(conn, Failure(413, str(error)))
        except (ValueError, RuntimeError) as error:  # the request cannot be carried out
            _send(conn, Failure(400, str(error)))
        except OSError as error:
            _send(conn, Failure(500, f"store error: {error}"))
        except TypeError as error:  # a job that does not fit: a bug on the web side
            _send(conn, Failure(500, f"internal error: {error}"))
        except MemoryError:
            # The web process replaces a worker that answers 503: nothing of this one is reused.
            _send(conn, Failure(503, MEMORY_MESSAGE))
            return


def _read(conn: Connection, store: ox.Store, job: QueryJob | DumpJob) -> None:
    """Run a query (or dump a graph) and stream it in the job's serialisation."""
    out = PipeWriter(conn, job.output.media_type, job.max_bytes)
    if isinstance(job, DumpJob):
        graph = ox.DefaultGraph() if job.graph is None else ox.NamedNode(job.graph)
        if job.graph is not None and not store.contains_named_graph(graph):
            _send(conn, Failure(404, f"no graph {job.graph}"))
            return
        store.dump(out, _rdf_format(job.output), from_graph=graph)
    else:
        result = store.query(job.text, **_dataset(job))
        if isinstance(result, ox.QueryTriples):
            result.serialize(out, _rdf_format(job.output))
        else:
            results_format = ox.QueryResultsFormat.from_media_type(job.output.serializer)
            if results_format is None:
                raise TypeError(f"{job.output.serializer} cannot write {job.form} results")
            result.serialize(out, results_format)
    out.flush(final=True)


def _rdf_format(output: Serialization) -> ox.RdfFormat:
    """pyoxigraph's RDF syntax for the serialisation (a mismatch is our bug, not the client's)."""
    rdf_format = ox.RdfFormat.from_media_type(output.serializer)
    if rdf_format is None:
        raise TypeError(f"{output.serializer} is not an RDF syntax")
    return rdf_format


def _dataset(job: QueryJob) -> dict[str, object]:
    """pyoxigraph options for the protocol's dataset parameters."""
    # The default graph is the merge of the named graphs, kept in step by every write.
    options: dict[str, object] = {"base_iri": job.base_iri}
    if job.default_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs] or [
            ox.DefaultGraph()
        ]
    if job.named_graphs is not None:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return options


def _write(conn: Connection, store: ox.Store | None, job: UpdateJob | GraphExistsJob) -> None:
    """Apply one SPARQL update in one transaction, or publish a snapshot for readers."""
    if store is None:
        raise OSError("this worker cannot write")
    if isinstance(job, GraphExistsJob):
        _send(conn, Done(store.contains_named_graph(ox.NamedNode(job.graph))))
        return
    if job.text:
        store.update(job.text, base_iri=job.base_iri)
    if not job.snapshot:
        _send(conn, Done(None))
        return
    snapshot = Path(job.snapshot)
    if snapshot.exists():
        shutil.rmtree(snapshot)
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    store.flush()
    store.backup(str(snapshot))
    _send(conn, Done(str(snapshot)))


if __name__ == "__main__":
    # Ctrl-C in the terminal reaches the whole process group; the web process stops its
    # workers itself (it kills them), so a worker ignores the interrupt instead of dying noisily.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # argv: our socket's descriptor, the address-space limit in MiB (0: none), the store a
    # writer opens. A query past the limit fails to allocate: MemoryError here, or an abort in
    # pyoxigraph's Rust code; either way the web process answers 503 and replaces the worker.
    memory_mib = int(sys.argv[2])
    if memory_mib > 0:
        limit = memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    serve(Connection(int(sys.argv[1])), sys.argv[3] if len(sys.argv) > 3 else None)
