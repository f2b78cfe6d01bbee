"""The app's handle on the store: a view for its own pages, workers for queries and writes.

Without write access the app shares the store's lock with other readers and every process
reads the live store. With write access it holds the lock exclusively (no other process may
read a store that is being written), one worker process writes, and the app's own pages and the
query workers read the snapshot published after the latest write.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, current_app

from loader.engine import EngineSettings, RemoteEngine
from loader.merge import MergeTarget
from loader.store import GraphStore, take_lock
from server.executor import ProcessExecutor, ResultStream
from server.jobs import ReadJob
from server.remote_executor import RemoteExecutor
from server.worker_pool import Limits

EXTENSION_KEY = "legisgraph.store"


class ClientCounter:
    """Requests running per client, for the per-client concurrency limit."""

    def __init__(self) -> None:
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    def enter(self, client: str, limit: int) -> bool:
        """Count one more request for ``client`` unless it already has ``limit`` running."""
        with self._lock:
            if self._running[client] >= limit:
                return False
            self._running[client] += 1
            return True

    def leave(self, client: str) -> None:
        """One of the client's requests is done."""
        with self._lock:
            self._running[client] -= 1


class Executor(Protocol):
    """Runs reads and writes away from the web thread: worker processes, or a remote engine."""

    @property
    def writable(self) -> bool:
        """Whether writes are allowed."""
        ...

    def read(self, job: ReadJob, client: Any = None) -> ResultStream:
        """Run a query or dump a graph; the result streams in the job's serialisation."""
        ...

    def write(self, update: str, base_iri: str | None = None) -> None:
        """Apply a SPARQL update in one transaction."""
        ...

    def graph_exists(self, graph: str) -> bool:
        """Whether the named graph exists in the committed state."""
        ...

    def current_snapshot(self) -> str:
        """A token that changes with every write (caches key on it)."""
        ...

    def close(self) -> None:
        """Stop whatever runs the jobs."""
        ...


class Backend(Protocol):
    """Everything the views need from the store, whichever mode it is in."""

    path: str | None
    state_path: str
    clients: ClientCounter
    executor: Executor
    merge: MergeTarget

    def reader(self) -> GraphStore | RemoteEngine:
        """A read-only view of the latest committed state, for the app's own small queries."""
        ...

    def close(self) -> None:
        """Release what the backend holds."""
        ...


class EmbeddedBackend:
    """The on-disk pyoxigraph store: a lock, query workers and a writer process."""

    #: Where the merged default graph is kept (loader.merge).
    merge = GraphStore.merge

    def __init__(
        self, path: str, *, writable: bool, readers: int, timeout: float, limits: Limits
    ) -> None:
        self.path = path
        self.state_path = path  # where derived local state (the search index) lives beside
        self.clients = ClientCounter()
        GraphStore.open(path, write=writable).close()  # creates an empty store if there is none
        self._lock = take_lock(Path(path), exclusive=writable)
        self.executor = ProcessExecutor(
            path, readers=readers, writable=writable, timeout=timeout, limits=limits
        )
        self._view_of = self.executor.snapshot
        self._view = GraphStore.view(self._view_of, materialize=True)

    def reader(self) -> GraphStore:
        """A read-only view of the latest committed state, for the app's own small queries."""
        snapshot = self.executor.current_snapshot()
        if self._view_of != snapshot:
            self._view_of = snapshot
            self._view = GraphStore.view(snapshot, materialize=True)
        return self._view

    def close(self) -> None:
        """Stop the workers and release the lock."""
        self.executor.close()
        self._view.close()
        self._lock.close()


class RemoteBackend:
    """The same for a remote engine: no lock, no workers, no local state worth keeping."""

    path = None

    def __init__(self, settings: EngineSettings, *, writable: bool, state_path: str) -> None:
        self.state_path = state_path  # the --store folder: only the search index lives there
        self.clients = ClientCounter()
        self.executor = RemoteExecutor(settings, writable=writable)
        self._engine = RemoteEngine(settings, materialize=True)
        self.merge = self._engine.merge

    def reader(self) -> RemoteEngine:
        """The engine, with the embedded store's read operations."""
        return self._engine

    def close(self) -> None:
        """Close the engine's connections."""
        self.executor.close()
        self._engine.close()


def init_app(app: Flask) -> None:
    """Open the configured store folder (created empty when missing), or the remote engine."""
    settings = engine_settings(app.config)
    writable = app.config["WRITE_ACCESS"] != "off"
    if settings is not None:
        app.extensions[EXTENSION_KEY] = RemoteBackend(
            settings, writable=writable, state_path=app.config["STORE"]
        )
        return
    readers = app.config["QUERY_WORKERS"] or os.cpu_count() or 2
    app.extensions[EXTENSION_KEY] = EmbeddedBackend(
        app.config["STORE"],
        writable=writable,
        readers=readers,
        timeout=float(app.config["QUERY_TIMEOUT"]),
        limits=Limits.from_config(app.config, readers),
    )


def engine_settings(config: Mapping[str, Any]) -> EngineSettings | None:
    """The remote engine the app is configured for, or None for the embedded store."""
    if not config.get("ENGINE_QUERY_URL"):
        return None
    return EngineSettings(
        query_url=config["ENGINE_QUERY_URL"],
        update_url=config.get("ENGINE_UPDATE_URL"),
        store_url=config.get("ENGINE_STORE_URL"),
        user=config.get("ENGINE_USER"),
        password=config.get("ENGINE_PASSWORD"),
        kind=config.get("ENGINE_KIND") or "generic",
        base_iri=config["BASE_IRI"],
        timeout=float(config["QUERY_TIMEOUT"]),
    )


def get_backend() -> Backend:
    """The backend of the current app (embedded or remote)."""
    return current_app.extensions[EXTENSION_KEY]


def get_store() -> GraphStore | RemoteEngine:
    """A read-only view of the current app's store, for its own pages."""
    return get_backend().reader()
