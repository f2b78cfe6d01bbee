"""Driving load: wrk (Debian's HTTP benchmarking tool) for servers, worker processes in-process.

Both report the same Measurement: completed requests, wall time, p50 and p99 latency, errors.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

SELECT_ACCEPT = "application/sparql-results+json"
CONSTRUCT_ACCEPT = "application/n-triples"

WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {["Accept"] = "%(accept)s"}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 97)
end
local i = 0
function init(args)
  i = offset or 0
end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d, "
    .. "\\"status_errors\\": %%d, \\"socket_errors\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Measurement:
    """One cell of the table: throughput and latency of one engine, query and concurrency.

    ``requests`` counts successful answers only; ``errors`` counts non-2xx answers and socket
    errors (wrk's latency percentiles include the non-2xx answers).
    """

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int = 0

    @property
    def rate(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    """Whether the wrk load generator is installed."""
    return shutil.which("wrk") is not None


def run_wrk(
    endpoint: str, queries: list[str], construct: bool, connections: int, seconds: float
) -> Measurement:
    """Load ``endpoint`` with GET requests cycling through ``queries`` for ``seconds``."""
    parts = urlsplit(endpoint)
    paths = [f"{parts.path}?{urlencode({'query': q})}" for q in queries]
    script = WRK_SCRIPT % {
        "paths": ",\n".join(json.dumps(p) for p in paths),
        "accept": CONSTRUCT_ACCEPT if construct else SELECT_ACCEPT,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [
        "wrk",
        f"--threads={min(connections, 2)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        f"--timeout={max(30, round(seconds) * 3)}s",
        f"--script={handle.name}",
        f"{parts.scheme}://{parts.netloc}",
    ]
    try:
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=seconds * 4 + 60
        ).stdout
    finally:
        Path(handle.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    found = json.loads(line[len("BENCH ") :])
    return Measurement(
        requests=found["requests"] - found["status_errors"],
        seconds=found["duration_us"] / 1e6,
        p50_ms=found["p50_us"] / 1e3,
        p99_ms=found["p99_us"] / 1e3,
        errors=found["status_errors"] + found["socket_errors"],
    )


def _serialize(result: ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean) -> bytes:
    """The bytes a server would send: SPARQL JSON for solutions, N-Triples for triples."""
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES)
    return result.serialize(format=ox.QueryResultsFormat.JSON)


def _in_process_worker(store_path: str, tasks, results) -> None:
    """A client process: open the store read-only, then run each task's closed loop."""
    store = ox.Store.read_only(store_path)
    results.put("ready")
    while (task := tasks.get()) is not None:
        queries, offset, start_at, end_at = task
        time.sleep(max(0.0, start_at - time.monotonic()))
        latencies, index = [], offset
        while (began := time.monotonic()) < end_at:
            _serialize(store.query(queries[index % len(queries)]))
            latencies.append(time.monotonic() - began)
            index += 1
        results.put((latencies, time.monotonic()))


class InProcessClients:
    """``count`` client processes, each with its own read-only handle on the store."""

    def __init__(self, store_path: Path, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.tasks = [context.Queue() for _ in range(count)]
        self.results = context.Queue()
        self.processes = [
            context.Process(
                target=_in_process_worker, args=(str(store_path), tasks, self.results), daemon=True
            )
            for tasks in self.tasks
        ]
        for process in self.processes:
            process.start()
        for _ in self.processes:
            self.results.get(timeout=300)

    def run(self, queries: list[str], seconds: float) -> Measurement:
        """All clients run ``queries`` (cycling, from different offsets) for ``seconds``."""
        start_at = time.monotonic() + 0.5
        for number, tasks in enumerate(self.tasks):
            tasks.put((queries, number * 97, start_at, start_at + seconds))
        latencies, finished = [], start_at
        for _ in self.tasks:
            worker_latencies, worker_finished = self.results.get(timeout=seconds * 10 + 600)
            latencies.extend(worker_latencies)
            finished = max(finished, worker_finished)
        latencies.sort()
        return Measurement(
            requests=len(latencies),
            seconds=finished - start_at,
            p50_ms=_percentile(latencies, 50) * 1e3,
            p99_ms=_percentile(latencies, 99) * 1e3,
        )

    def close(self) -> None:
        """Stop the client processes."""
        for tasks in self.tasks:
            tasks.put(None)
        for process in self.processes:
            process.join(timeout=30)


def _percentile(ordered: list[float], percent: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]
