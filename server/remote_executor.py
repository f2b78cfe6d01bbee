"""The executor's interface over a remote SPARQL engine: the web tier stays stateless.

Queries go to the engine's query URL with its own time limit where it has one
(loader.engine.TIMEOUT_PARAMETERS) and ours as the HTTP client's; an unreachable engine is a
``502``, a slow one a ``504``. Results in the negotiated format pass through byte for byte when
the engine speaks it, and are re-serialised by pyoxigraph (streaming, on a thread) when not.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator
from queue import Queue

import pyoxigraph as ox
import requests

from loader.engine import EngineSettings, RemoteEngine
from loader.engine_results import (
    ACCEPT_RESULTS,
    ACCEPT_TRIPLES,
    RESULT_TYPES,
    EngineError,
    as_boolean,
)
from server.errors import ApiError
from server.executor import PREFETCH_BYTES
from server.jobs import GRAPH_FORMS, DumpJob, ReadJob
from server.result_stream import ResultStream

CHUNK_SIZE = 64 * 1024
#: How long a reading of the engine's load state is trusted.
LOAD_STATE_SECONDS = 5.0
#: The number of graphs and the latest end of a load, from the provenance every load writes.
LOAD_STATE_QUERY = (
    "SELECT (COUNT(DISTINCT ?g) AS ?graphs) (MAX(STR(?end)) AS ?latest) WHERE { "
    "GRAPH ?g { ?activity <http://www.w3.org/ns/prov#endedAtTime> ?end } }"
)


class RemoteExecutor:
    """Reads and writes on a remote engine, with the embedded executor's interface."""

    #: Kept results expire after this long: writes by other processes (a CLI load, another web
    #: process) change ``current_snapshot`` only when the load state is next read.
    result_cache_seconds: float | None = LOAD_STATE_SECONDS

    def __init__(self, settings: EngineSettings, *, writable: bool) -> None:
        self.engine = RemoteEngine(settings)
        self.timeout = settings.timeout
        self._writable = writable
        self._generation = 0
        self._load_state: str | None = None
        self._load_state_at = 0.0

    @property
    def writable(self) -> bool:
        """Whether writes are allowed through this service."""
        return self._writable

    def read(self, job: ReadJob, client: object = None) -> ResultStream:
        """Run a query (or fetch a graph) on the engine and stream the negotiated format."""
        deadline = time.monotonic() + self.timeout
        if isinstance(job, DumpJob):
            return self._dump(job, deadline)
        triples = job.form in GRAPH_FORMS
        serializer = job.output.serializer
        params = {
            "default-graph-uri": list(job.default_graphs or []),
            "named-graph-uri": list(job.named_graphs or []),
        }
        accept = f"{serializer}, {ACCEPT_TRIPLES if triples else ACCEPT_RESULTS};q=0.8"
        text = job.text
        if job.base_iri:
            text = f"BASE <{job.base_iri}> {text}"  # one line: the engine's positions hold
        only_ours = job.union and not (params["default-graph-uri"] or params["named-graph-uri"])
        response = self._call(
            lambda: self.engine.send_query(text, accept=accept, params=params, only_ours=only_ours),
            "invalid query",
        )
        ask = job.form == "ASK"
        return self._respond(response, job, triples, deadline, ask)

    def _dump(self, job: DumpJob, deadline: float) -> ResultStream:
        graph = job.graph
        if graph is None:  # the engine's default graph: the union of its graphs
            query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        elif self.graph_exists(graph):
            query = (
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
            )
        else:
            raise ApiError(404, f"no graph {graph}")
        accept = f"{job.output.serializer}, {ACCEPT_TRIPLES};q=0.8"
        response = self._call(lambda: self.engine.send_query(query, accept=accept))
        return self._respond(response, job, True, deadline)

    def _respond(
        self,
        response: requests.Response,
        job: ReadJob,
        triples: bool,
        deadline: float,
        ask: bool = False,
    ) -> ResultStream:
        """Pass the engine's bytes through, or convert them; first 64 KiB before answering.

        ASK answers are always re-serialised: some engines send them as a one-column SELECT.
        """
        media_type, serializer = job.output.media_type, job.output.serializer
        answered = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if answered == serializer and not ask:
            chunks = response.iter_content(CHUNK_SIZE)
        else:
            chunks = _converted(response, answered, serializer, triples, ask)
        limited = _limited(chunks, job.max_bytes, deadline, self.timeout)
        head = bytearray()
        try:
            for chunk in limited:
                head += chunk
                if len(head) >= PREFETCH_BYTES:
                    return ResultStream(media_type, bytes(head), _rest(limited, response))
        except (EngineError, requests.RequestException, SyntaxError, ValueError) as error:
            response.close()
            raise _api_error(error) from None
        response.close()
        return ResultStream(media_type, bytes(head))

    def write(self, update: str, base_iri: str | None = None) -> None:
        """Apply an update on the engine."""
        if not self._writable:
            raise ApiError(403, "the server is read-only")
        if base_iri:
            update = f"BASE <{base_iri}> {update}"
        self._call(lambda: self.engine.update(update), "invalid update")
        self._generation += 1

    def graph_exists(self, graph: str) -> bool:
        """Whether the engine holds a non-empty named graph ``graph``."""
        query = f"ASK {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        return self._call(lambda: self.engine.ask(query))

    def current_snapshot(self) -> str:
        """A token for the engine's load state, for caches (the search index, dump ETags).

        It changes with every write through this process at once, and with writes through any
        other (another web process, a CLI load) within LOAD_STATE_SECONDS: it is read from the
        graphs' provenance, so the web tier keeps no state that must be shared.
        """
        now = time.monotonic()
        if self._load_state is None or now - self._load_state_at > LOAD_STATE_SECONDS:
            try:
                (row,) = self.engine.query(LOAD_STATE_QUERY)
                self._load_state = f"{row['graphs'].value}-{getattr(row['latest'], 'value', '')}"
            except (EngineError, ValueError):
                self._load_state = self._load_state or "unknown"
            self._load_state_at = now
        return f"remote-{self._generation}-{self._load_state}"

    def close(self) -> None:
        """Close the engine's connections."""
        self.engine.close()

    @staticmethod
    def _call(action: Callable[[], object], refused: str | None = None):
        """Run an engine call; its errors as API errors (a 400 as ``refused: detail``)."""
        try:
            return action()
        except EngineError as error:
            if refused and error.status == 400:
                raise ApiError(400, f"{refused}: {error.detail}") from None
            raise _api_error(error) from None


def _api_error(error: Exception) -> ApiError:
    if isinstance(error, EngineError):
        return ApiError(error.status, error.message)
    return ApiError(502, f"the SPARQL engine's answer could not be read: {error}")


def _converted(
    response: requests.Response, answered: str, serializer: str, triples: bool, ask: bool
) -> Generator[bytes, None, None]:
    """Re-serialise the engine's answer with pyoxigraph on a thread, chunk by chunk."""
    chunks: Queue[bytes | BaseException | None] = Queue(maxsize=16)
    stop = threading.Event()

    class Writer:
        buffer = bytearray()

        def write(self, data: bytes) -> int:
            if stop.is_set():
                raise BrokenPipeError("the client went away")
            self.buffer += data
            if len(self.buffer) >= CHUNK_SIZE:
                chunks.put(bytes(self.buffer))
                self.buffer.clear()
            return len(data)

        def flush(self) -> None:
            """pyoxigraph flushes at the end; the consumer takes what is buffered then."""

    def produce() -> None:
        writer = Writer()
        try:
            if triples:
                source = ox.RdfFormat.from_media_type(answered)
                if source is None:
                    raise ValueError(f"unexpected content type {answered!r}")
                parsed = ox.parse(response.raw, source)
                ox.serialize(parsed, writer, ox.RdfFormat.from_media_type(serializer))
            else:
                if answered not in RESULT_TYPES:
                    raise ValueError(f"unexpected content type {answered!r}")
                parsed = ox.parse_query_results(response.raw, RESULT_TYPES[answered])
                if ask:
                    parsed = as_boolean(parsed)
                parsed.serialize(writer, ox.QueryResultsFormat.from_media_type(serializer))
            chunks.put(bytes(writer.buffer))
            chunks.put(None)
        except BaseException as error:  # handed to the consumer, which raises it
            chunks.put(error)

    response.raw.decode_content = True
    threading.Thread(target=produce, daemon=True).start()
    try:
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


def _limited(
    chunks, max_bytes: int | None, deadline: float, timeout: float
) -> Generator[bytes, None, None]:
    """The chunks, stopping with an error past the byte limit or the time limit."""
    sent = 0
    for chunk in chunks:
        sent += len(chunk)
        if max_bytes is not None and sent > max_bytes:
            raise EngineError(413, f"the result is larger than the limit of {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise EngineError(503, f"the query took longer than the time limit of {timeout:g} s")
        yield chunk


def _rest(chunks, response: requests.Response) -> Generator[bytes, None, None]:
    """The remainder of a streamed result; an error now ends the response abruptly."""
    try:
        yield from chunks
    except Exception as error:
        raise RuntimeError(f"result cut short: {error}") from None
    finally:
        response.close()
