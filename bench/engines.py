"""The HTTP engines under test, each started as a subprocess on a free loopback port.

- ours: `legisgraph --store DIR serve` (this project's endpoint);
- oxigraph: the native Oxigraph server (PyPI package `oxigraph`, same version as our
  pyoxigraph), installed by the benchmark into its own venv, never into the project's;
- virtuoso: see bench/virtuoso.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from bench.measure import group_peak_mb
from server.config import serving_layout

LOOPBACK = "127.0.0.1"
#: Query workers per web process of `legisgraph serve` on this machine, as shipped.
SERVE_WORKERS = serving_layout(os.cpu_count() or 1, writable=False)[1]


class EngineUnavailable(Exception):
    """An engine that cannot run here; the message says how to make it available."""


def free_port() -> int:
    """A currently free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class Server:
    """A server process we start, wait for, and stop (its whole process group, by its id)."""

    def __init__(
        self,
        name: str,
        endpoint: str,
        command: list[str],
        log: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.endpoint = endpoint
        self.command = command
        self.log = log
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self, ready_within: float = 180.0) -> None:
        """Start the server and wait until its endpoint answers ASK {}."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **(self.env or {})},
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EngineUnavailable(f"{self.name} exited early; see {self.log}")
            try:
                reply = requests.get(self.endpoint, params={"query": "ASK {}"}, timeout=5)
                if reply.ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise EngineUnavailable(f"{self.name} did not answer within {ready_within:.0f} s")

    def facts(self) -> dict[str, str]:
        """What the report should say about how this server was set up."""
        return {}

    def healthy(self, within: float = 5.0) -> bool:
        """Whether the server answers ASK {} within ``within`` seconds."""
        try:
            return requests.get(self.endpoint, params={"query": "ASK {}"}, timeout=within).ok
        except requests.RequestException:
            return False

    def peak_mb(self) -> float:
        """Peak resident memory so far of the server's processes (summed over its group)."""
        if self.process is None or self.process.poll() is not None:
            return 0.0
        return group_peak_mb(self.process.pid)

    def stop(self) -> None:
        """Terminate the server's process group; kill it if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def ours(
    store: Path, workers: int, clients: int, logs: Path, *, cache_mb: int = 0, name: str = "ours"
) -> Server:
    """Our endpoint: ``legisgraph --store DIR serve --port P --workers N``.

    All load comes from one address, so the per-client limits are lifted for it
    (``load_generator_limits``); a real deployment keeps its defaults. ``cache_mb`` is the
    result cache (0, the default here: every request runs its query).
    """
    port = free_port()
    legisgraph = Path(sys.executable).parent / "legisgraph"
    command = [str(legisgraph), "--store", str(store), "serve", "--host", LOOPBACK]
    command += ["--port", str(port), "--workers", str(workers)]
    env = {**load_generator_limits(workers, clients), "LEGISGRAPH_RESULT_CACHE_MB": str(cache_mb)}
    return Server(name, f"http://{LOOPBACK}:{port}/sparql", command, logs / f"{name}.log", env)


def ours_as_shipped(store: Path, workers: int, logs: Path, *, cache_mb: int = 0) -> Server:
    """Our endpoint with every per-client limit at its default: what one ordinary client gets."""
    port = free_port()
    legisgraph = Path(sys.executable).parent / "legisgraph"
    command = [str(legisgraph), "--store", str(store), "serve", "--host", LOOPBACK]
    command += ["--port", str(port), "--workers", str(workers)]
    env = {"LEGISGRAPH_RESULT_CACHE_MB": str(cache_mb)}
    endpoint = f"http://{LOOPBACK}:{port}/sparql"
    return Server("ours-defaults", endpoint, command, logs / "ours-defaults.log", env)


def load_generator_limits(workers: int, clients: int) -> dict[str, str]:
    """Settings that let one address (the load generator) use the server as many clients would.

    By default one client may hold all query workers but one, one long-running query
    (past LIGHT_QUERY_SECONDS; 429 beyond), and the server runs as many long-running queries as
    it has workers (503 beyond): right against one greedy client, but the benchmark's 8 or 32
    connections stand for that many users.
    """
    return {
        "LEGISGRAPH_MAX_CONCURRENT_PER_CLIENT": str(clients),
        "LEGISGRAPH_WORKERS_PER_CLIENT": str(workers),
        "LEGISGRAPH_LONG_QUERIES_PER_CLIENT": str(clients),
        "LEGISGRAPH_LONG_QUERIES": str(max(clients, workers)),
    }


def ours_in_front(engine: Server, kind: str, processes: int, clients: int, logs: Path) -> Server:
    """Our service as a stateless web tier in front of a running engine (README Scale-out):
    ``legisgraph serve --processes N`` with LEGISGRAPH_ENGINE_QUERY_URL pointing at it."""
    port = free_port()
    legisgraph = Path(sys.executable).parent / "legisgraph"
    state = logs.parent / f"front-{kind}.store"  # only the service's own state (search index)
    command = [str(legisgraph), "--store", str(state), "serve", "--host", LOOPBACK]
    command += ["--port", str(port), "--processes", str(processes)]
    env = {
        "LEGISGRAPH_ENGINE_QUERY_URL": engine.endpoint,
        "LEGISGRAPH_ENGINE_KIND": kind,
        "LEGISGRAPH_MAX_CONCURRENT_PER_CLIENT": str(clients),
        "LEGISGRAPH_RESULT_CACHE_MB": "0",
    }
    endpoint = f"http://{LOOPBACK}:{port}/sparql"
    return Server(f"ours-{kind}", endpoint, command, logs / f"ours-{kind}.log", env)


def native_oxigraph(store: Path, tools: Path, logs: Path) -> Server:
    """The native Oxigraph server, read-only, querying the store's default graph (the merge of
    the named graphs) like our endpoint."""
    binary = ensure_oxigraph_cli(tools)
    port = free_port()
    command = [str(binary), "serve-read-only", "--location", str(store)]
    command += ["--bind", f"{LOOPBACK}:{port}"]
    return Server("oxigraph", f"http://{LOOPBACK}:{port}/query", command, logs / "oxigraph.log")


def ensure_oxigraph_cli(tools: Path) -> Path:
    """The `oxigraph` CLI of our pyoxigraph's version, pip-installed into a venv under ``tools``."""
    version = ox.__version__
    beside = Path(sys.executable).parent / "oxigraph"  # the test extra's, if the same version
    if beside.exists() and _version_of(beside) == version:
        return beside
    venv = tools / f"oxigraph-{version}"
    binary = venv / "bin" / "oxigraph"
    if binary.exists():
        return binary
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, f"oxigraph=={version}"], check=True)
    except subprocess.CalledProcessError as error:
        raise EngineUnavailable(
            f"could not pip-install oxigraph=={version} into {venv}: {error}"
        ) from error
    return binary


def _version_of(binary: Path) -> str:
    """The version an ``oxigraph`` binary reports (``oxigraph 0.5.13`` → ``0.5.13``)."""
    try:
        done = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip().rpartition(" ")[2]
