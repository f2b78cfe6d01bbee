"""Queries and writes run in worker processes that are killed when they pass their time limit.

pyoxigraph's ``Store.query`` cannot be interrupted from Python, so the only hard limit is the
process: each query runs in a pooled worker process over a read-only view of the store; the web
thread waits for its output with a deadline and kills the worker when the deadline passes (or the
client goes away), then starts a fresh one. Writes go to the one worker that opened the store
read-write; after each write it publishes a hard-linked snapshot that readers move to.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import threading
import time
from collections.abc import Generator
from dataclasses import replace
from pathlib import Path

from flask import has_request_context, request

from loader.index_journal import mark_stale
from server.errors import ApiError
from server.jobs import (
    Chunk,
    Done,
    Failure,
    GraphExistsJob,
    Message,
    ReadJob,
    UpdateJob,
    WriteJob,
    from_wire,
    to_wire,
)
from server.result_stream import ResultStream
from server.worker_pool import (
    Limits,
    Pool,
    PoolBusy,
    Worker,
    death_reason,
    ready_to_read,
)

#: Output gathered before the response starts, so that most failures can still be a clean error.
PREFETCH_BYTES = 64 * 1024
#: How often a waiting thread looks at the client's socket.
POLL_SECONDS = 0.05


class ProcessExecutor:
    """A pool of reader processes and at most one writer process over one on-disk store."""

    #: Kept results never expire: every write changes ``current_snapshot`` at once, and no other
    #: process can write the store while this one has it open.
    result_cache_seconds: float | None = None

    def __init__(
        self,
        store_path: str,
        *,
        readers: int,
        writable: bool,
        timeout: float,
        limits: Limits | None = None,
    ) -> None:
        self.store_path = store_path
        self.readers = readers
        self.timeout = timeout
        self.limits = limits or Limits(readers=readers)
        self._pool = Pool(self.limits)
        self.snapshot = store_path
        self._snapshots_dir = Path(f"{store_path}.snapshots")
        self._superseded: list[tuple[float, str]] = []
        self._generation = 0
        self._stale = False
        self._writer_lock = threading.Lock()
        self._writer: Worker | None = None
        if writable:
            shutil.rmtree(self._snapshots_dir, ignore_errors=True)
            self._writer = Worker(store_path)
            self.snapshot = self._publish()

    @property
    def writable(self) -> bool:
        """Whether this executor has a writer."""
        return self._writer is not None

    def read(self, job: ReadJob, client: socket.socket | None = None) -> ResultStream:
        """Run a read job; raise ApiError for errors and timeouts met before output starts."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._pool.acquire(_client_address(client), deadline)
        except PoolBusy as busy:
            raise ApiError(busy.status, busy.message) from None
        try:
            worker.conn.send(to_wire(replace(job, snapshot=self.current_snapshot())))
            head, media_type = bytearray(), job.output.media_type
            while True:
                chunk = self._receive(worker, deadline, client)
                if isinstance(chunk, Failure):
                    self._after_error(worker, chunk.status)
                    raise ApiError(chunk.status, chunk.message)
                assert isinstance(chunk, Chunk), chunk
                head += chunk.data
                if chunk.final:
                    self._release(worker)
                    return ResultStream(media_type, bytes(head))
                if len(head) >= PREFETCH_BYTES:
                    rest = self._stream(worker, deadline)
                    return ResultStream(
                        media_type, bytes(head), rest, lambda: self._replace(worker)
                    )
        except _WorkerLost as lost:
            self._replace(worker)
            raise ApiError(lost.status, lost.message) from None

    def _stream(self, worker: Worker, deadline: float) -> Generator[bytes, None, None]:
        """The rest of a result; an error after output began ends the response abruptly."""
        finished = False
        try:
            while True:
                chunk = self._receive(worker, deadline, None)
                if isinstance(chunk, Failure):
                    finished = chunk.status != 503  # out of memory: the worker is replaced
                    raise RuntimeError(f"result cut short: {chunk.message}")
                assert isinstance(chunk, Chunk), chunk
                if chunk.data:
                    yield chunk.data
                if chunk.final:
                    finished = True
                    return
        except _WorkerLost as lost:
            raise RuntimeError(f"result cut short: {lost.message}") from None
        finally:
            if finished:
                self._release(worker)
            else:
                self._replace(worker)

    def _receive(self, worker: Worker, deadline: float, client: socket.socket | None) -> Message:
        """The worker's next message; _WorkerLost at the deadline, when the client leaves, when
        the process dies, or when a long-running query may not go on (fair sharing).

        One wait per message, on the worker and the client's socket at once, until the next
        moment something must be checked (the deadline, the query turning long-running): a
        client waiting for its answer sends nothing, so its socket turns readable only when it
        leaves. A client that sent more (a pipelined request) is looked at every POLL_SECONDS.
        """
        watched = client
        while True:
            now = time.monotonic()
            wait = deadline - now
            if wait <= 0:
                raise _WorkerLost(
                    503, f"the query took longer than the time limit of {self.timeout:g} s"
                )
            if not worker.heavy:
                if (light_left := worker.started + self.limits.light_seconds - now) <= 0:
                    try:
                        self._pool.promote(worker)
                    except PoolBusy as busy:
                        raise _WorkerLost(busy.status, busy.message) from None
                else:
                    wait = min(wait, light_left)
            if client is not None and watched is None:
                wait = min(wait, POLL_SECONDS)
            # select, not Connection.poll: under gevent select yields to other connections.
            ready = ready_to_read(worker.conn, watched, wait)
            if worker.conn.fileno() in ready:
                try:
                    return from_wire(worker.conn.recv())
                except (EOFError, OSError):
                    raise _WorkerLost(*death_reason(worker)) from None
            if client is not None and (watched is None or ready):
                if _client_gone(client):
                    raise _WorkerLost(499, "the client closed the connection")
                watched = None  # it sent more than its request: poll it from now on

    def _after_error(self, worker: Worker, status: int) -> None:
        """A worker that ran out of memory is replaced; after other errors it is reused."""
        if status == 503:
            self._replace(worker)
        else:
            self._release(worker)

    def _release(self, worker: Worker) -> None:
        self._pool.release(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a worker; the pool starts its successor."""
        self._pool.replace(worker)

    def write(self, update: str, base_iri: str | None = None) -> None:
        """Apply a SPARQL update in the writer process, in one transaction.

        Readers move to a new snapshot only when they next read (``current_snapshot``), so a run
        of writes (a load through the server) costs one snapshot, not one per write.
        """
        if self._writer is None:
            raise ApiError(403, "the server is read-only")
        with self._writer_lock:
            # Marked first: a server killed after the commit leaves the marker behind.
            mark_stale(self.store_path)  # the search index compares every graph when next used
            self._ask_writer(UpdateJob(update, base_iri=base_iri))
            self._stale = True

    def graph_exists(self, graph: str) -> bool:
        """Whether the named graph exists in the committed state (asked of the writer)."""
        if self._writer is None:
            raise ApiError(403, "the server is read-only")
        with self._writer_lock:
            return bool(self._ask_writer(GraphExistsJob(graph)))

    def current_snapshot(self) -> str:
        """The path readers should open: a fresh snapshot if there were writes since the last."""
        if self._stale:
            with self._writer_lock:
                if self._stale:
                    old = self.snapshot
                    self.snapshot = self._publish()
                    self._stale = False
                    self._superseded.append((time.monotonic(), old))
                    self._remove_old_snapshots()
        return self.snapshot

    def _publish(self) -> str:
        """Have the writer make a hard-linked snapshot of the committed state; return its path."""
        self._generation += 1
        path = str(self._snapshots_dir / f"{os.getpid()}-{self._generation}")
        return str(self._ask_writer(UpdateJob(None, snapshot=path)))

    def _ask_writer(self, job: WriteJob) -> bool | str | None:
        """Send one job to the writer and wait for it, within the time limit."""
        assert self._writer is not None
        try:
            self._writer.conn.send(to_wire(job))
            if not ready_to_read(self._writer.conn, None, self.timeout):
                self._restart_writer()
                raise ApiError(
                    503, f"the update took longer than the time limit of {self.timeout:g} s"
                )
            answer = from_wire(self._writer.conn.recv())
        except (EOFError, OSError):
            self._restart_writer()
            raise ApiError(500, "the writer process stopped; the update was not applied") from None
        if isinstance(answer, Failure):
            raise ApiError(answer.status, answer.message)
        assert isinstance(answer, Done), answer
        return answer.value

    def _restart_writer(self) -> None:
        """Kill the writer (its open transaction is dropped) and start a fresh one."""
        assert self._writer is not None
        self._writer.kill()
        self._writer = Worker(self.store_path)

    def _remove_old_snapshots(self) -> None:
        """Delete snapshots no query can still be reading: superseded more than a limit ago."""
        horizon = time.monotonic() - self.timeout - 1
        while self._superseded and self._superseded[0][0] < horizon:
            _, path = self._superseded.pop(0)
            if path != self.store_path:
                shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Stop every worker, busy ones too: no query outlives the server."""
        self._pool.close()
        if self._writer is not None:
            self._writer.kill()


class _WorkerLost(Exception):
    """The worker must be killed: deadline passed, client gone, or the process died."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _client_address(client: socket.socket | None) -> str:
    """Who is asking: the request's remote address, else the socket's peer."""
    if has_request_context():
        return request.remote_addr or ""
    try:
        return str(client.getpeername()[0]) if client is not None else ""
    except (OSError, IndexError):
        return ""


def _client_gone(client: socket.socket) -> bool:
    """True when the client has closed its end of the connection."""
    try:
        readable, _, _ = select.select([client], [], [], 0)
        return bool(readable) and client.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True
