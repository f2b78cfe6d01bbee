"""The query worker processes and how clients share them.

Fair sharing, so that no client can stall the others:

- a client holds at most all but one of the pool's workers at once (``per_client``); its
  further queries wait their turn (they are not refused), so other clients always find one;
- a query still running after ``light_seconds`` is long-running: it leaves the pool, which
  starts a fresh worker in its place, so quick queries keep a lane long-running ones cannot fill;
- at most ``heavy`` long-running queries run at once (``503`` past that) and at most
  ``heavy_per_client`` per client (``429`` past that): the limit per client applies to heavy
  work, not to a client with many quick queries;
- a long-running query's worker that finished cleanly is kept as a spare (up to ``heavy``
  of them), and the next query to leave the pool is replaced by a spare instead of a new
  process: starting a worker and opening the store each time cost about a third of the
  throughput of queries past ``light_seconds`` (bench/README.md, issue 23).
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

#: The worker program: it needs nothing but pyoxigraph and the standard library.
WORKER_SCRIPT = Path(__file__).with_name("query_worker.py")
#: What a client is told when its query passed the worker's memory limit.
MEMORY_MESSAGE = "query used too much memory"


@dataclass(frozen=True)
class Limits:
    """How many query workers there are, and how clients may use them."""

    readers: int
    #: A query running longer than this (seconds) is long-running.
    light_seconds: float = 0.5
    #: Long-running queries at once (0: as many as there are readers).
    heavy: int = 0
    #: Long-running queries one client may have at once.
    heavy_per_client: int = 1
    #: Address space of one query worker, in MiB (0: unlimited).
    memory_mib: int = 0
    #: Pool workers one client may hold at once (0: all but one).
    per_client: int = 0

    @classmethod
    def from_config(cls, config: Mapping[str, Any], readers: int) -> Limits:
        """The limits an app's settings give (README "Configuration")."""
        return cls(
            readers=readers,
            light_seconds=float(config["LIGHT_QUERY_SECONDS"]),
            heavy=int(config["LONG_QUERIES"]) or readers,
            heavy_per_client=int(config["LONG_QUERIES_PER_CLIENT"]),
            memory_mib=int(config["QUERY_MEMORY_MB"]),
            per_client=int(config["WORKERS_PER_CLIENT"]),
        )

    @property
    def share(self) -> int:
        """Pool workers one client may hold at once: all but one (one if there is one),
        unless set."""
        return self.per_client or max(1, self.readers - 1)


class Worker:
    """One worker process (``server/query_worker.py``) and our end of its socket."""

    def __init__(self, writable_store: str | None, memory_mib: int = 0) -> None:
        ours, theirs = socket.socketpair()
        # Run as a script, not ``-m server.query_worker``: the package would import Flask and
        # the rest of the app, and a worker that replaces a killed one should start at once.
        # Under gevent the descriptors start non-blocking; the worker (and our reads of whole
        # messages once select says one has begun) need blocking ones.
        os.set_blocking(theirs.fileno(), True)
        command = [sys.executable, str(WORKER_SCRIPT), str(theirs.fileno()), str(memory_mib)]
        if writable_store is not None:
            command.append(writable_store)
        self.process = subprocess.Popen(command, pass_fds=[theirs.fileno()])
        theirs.close()
        fd = ours.detach()
        os.set_blocking(fd, True)
        self.conn = Connection(fd)
        self.client = ""
        self.started = 0.0
        self.heavy = False
        self.memory_limited = memory_mib > 0

    def kill(self) -> None:
        """Stop the process at once; whatever it was doing is abandoned."""
        self.process.kill()
        self.process.wait(timeout=10)
        self.conn.close()


class PoolBusy(Exception):
    """No worker may be given to this query: ``status`` and ``message`` say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Pool:
    """Reader processes shared fairly between clients (see the module's docstring)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._spares: list[Worker] = []  # finished long-running workers, ready to rejoin
        # Queries waiting, in arrival order, each with its own condition: a change wakes only
        # the query whose turn it is, not every waiting one (each wake-up costs the web
        # process's one core a lock round and a scan of the line).
        self._waiting: deque[tuple[threading.Condition, str]] = deque()
        self._pool_size = 0  # pool workers alive or starting (long-running ones not counted)
        self._held: Counter[str] = Counter()
        self._heavy: Counter[str] = Counter()
        self._live: set[Worker] = set()
        self._closed = False

    def acquire(self, client: str, deadline: float) -> Worker:
        """A worker for ``client``, waiting for its turn until ``deadline``.

        Turns go in arrival order among the queries whose client is within its share: a
        connection whose next query arrives as a worker comes free does not pass those waiting.
        """
        with self._lock:
            if self._closed:
                raise PoolBusy(503, "the server is shutting down")
            if not self._waiting and self._held[client] < self.limits.share:
                worker = self._take()  # nobody waits: no ticket, no condition
                if worker is not None:
                    return self._hand(worker, client)
            ticket = (threading.Condition(self._lock), client)
            self._waiting.append(ticket)
            try:
                while True:
                    if self._closed:
                        raise PoolBusy(503, "the server is shutting down")
                    if self._next_turn() is ticket:
                        worker = self._take()
                        if worker is not None:
                            return self._hand(worker, client)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise PoolBusy(
                            503, f"all {self.limits.readers} query workers are busy; retry later"
                        )
                    ticket[0].wait(remaining)
            finally:
                self._waiting.remove(ticket)
                self._wake()  # the next in line may go now

    def _hand(self, worker: Worker, client: str) -> Worker:
        self._held[client] += 1
        worker.client, worker.started = client, time.monotonic()
        return worker

    def _wake(self) -> None:
        """Wake the query whose turn it is (if any); the others sleep on."""
        if (ticket := self._next_turn()) is not None:
            ticket[0].notify()

    def _next_turn(self) -> tuple[threading.Condition, str] | None:
        """The longest-waiting query whose client holds fewer workers than its share."""
        share = self.limits.share
        return next((t for t in self._waiting if self._held[t[1]] < share), None)

    def _take(self) -> Worker | None:
        if self._idle:
            return self._idle.pop()
        if self._pool_size < self.limits.readers:
            self._pool_size += 1
            return self._start()
        return None

    def _refill(self) -> None:
        """Put a spare, or else a new worker, in the place of one that left the pool, so it is
        warm when needed."""
        if not self._closed and self._pool_size < self.limits.readers:
            self._pool_size += 1
            self._idle.append(self._spares.pop() if self._spares else self._start())
        self._wake()

    def _start(self) -> Worker:
        worker = Worker(None, self.limits.memory_mib)
        self._live.add(worker)
        return worker

    def promote(self, worker: Worker) -> None:
        """Move a query past ``light_seconds`` out of the pool, or raise PoolBusy."""
        with self._lock:
            if worker.heavy:
                return
            if self._heavy[worker.client] >= self.limits.heavy_per_client:
                raise PoolBusy(
                    429,
                    f"at most {self.limits.heavy_per_client} long-running queries at once from"
                    f" one client (this one ran past {self.limits.light_seconds:g} s)",
                )
            if self._heavy.total() >= self.limits.heavy:
                raise PoolBusy(
                    503, f"all {self.limits.heavy} slots for long-running queries are busy"
                )
            worker.heavy = True
            self._heavy[worker.client] += 1
            self._held[worker.client] -= 1
            self._pool_size -= 1
            self._refill()

    def release(self, worker: Worker) -> None:
        """Give a worker back after a finished query (a long-running one becomes a spare, or
        is stopped when there are enough)."""
        if worker.heavy:
            with self._lock:
                if not self._closed and len(self._spares) < self.limits.heavy:
                    self._heavy[worker.client] -= 1
                    worker.heavy, worker.client = False, ""
                    self._spares.append(worker)
                    self._wake()
                    return
            self.replace(worker)
            return
        with self._lock:
            self._held[worker.client] -= 1
            self._idle.append(worker)
            self._wake()

    def replace(self, worker: Worker) -> None:
        """Kill a worker whose process must not be reused; the pool starts another on demand."""
        worker.kill()
        with self._lock:
            self._live.discard(worker)
            if worker.heavy:
                self._heavy[worker.client] -= 1
            else:
                self._held[worker.client] -= 1
                self._pool_size -= 1
                self._refill()

    def close(self) -> None:
        """Stop every worker, busy ones too: no query outlives the server."""
        with self._lock:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
            self._idle.clear()
            self._spares.clear()
            for condition, _ in self._waiting:
                condition.notify()
        for worker in workers:
            worker.kill()


def ready_to_read(conn: Connection, client: socket.socket | None, timeout: float) -> set[int]:
    """Descriptors of the worker's connection and the client's socket that have something to
    read (or closed), waiting at most ``timeout`` seconds; -1 when the client's socket is gone."""
    watched = [conn.fileno()] if client is None else [conn.fileno(), client.fileno()]
    try:
        ready, _, _ = select.select(watched, [], [], timeout)
    except (OSError, ValueError):
        if client is None:
            raise
        return {-1}  # the client's socket was closed under us
    return set(ready)


def death_reason(worker: Worker) -> tuple[int, str]:
    """Why a worker's process ended: its memory limit (an abort or MemoryError) or a crash."""
    try:
        code = worker.process.wait(timeout=5)
    except Exception:  # noqa: BLE001 - still running or not ours to wait for: a plain crash
        code = None
    # Rust aborts when an allocation fails; the kernel's OOM killer sends SIGKILL.
    if code in (-signal.SIGABRT, -signal.SIGKILL) and worker.memory_limited:
        return 503, MEMORY_MESSAGE
    return 500, "the query worker stopped unexpectedly"
