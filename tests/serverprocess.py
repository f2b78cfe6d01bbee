"""Run `legisgraph serve` as a real process on a free loopback port, for tests that need HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

LEGISGRAPH = Path(sys.executable).with_name("legisgraph")
#: The process id of each running server, by its URL.
SERVER_PIDS: dict[str, int] = {}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(store: Path, log_path: Path, **settings: str) -> Iterator[str]:
    """Serve ``store`` with LEGISGRAPH_<NAME> settings, logging to ``log_path``; yield its URL.

    The log goes to a file, not a pipe: nobody reads a pipe while the tests run, and a full one
    would block the server.
    """
    port = free_port()
    env = {**os.environ, **{f"LEGISGRAPH_{k}": v for k, v in settings.items()}}
    command = [str(LEGISGRAPH), "--store", str(store), "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    requests.get(url + "/index.json", timeout=2)
                    break
                except requests.ConnectionError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"server did not start:\n{tail(log_path)}") from None
                    time.sleep(0.2)
            SERVER_PIDS[url] = process.pid
            yield url
        finally:
            SERVER_PIDS.pop(url, None)
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def query_worker_pids(server_url: str) -> list[int]:
    """Process ids of the query workers that the server at ``server_url`` started."""
    parents: dict[int, int] = {}
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        if any(part.endswith(b"server/query_worker.py") for part in cmdline):
            workers.append(int(entry.name))
    return [pid for pid in workers if _descends_from(pid, SERVER_PIDS[server_url], parents)]


def _descends_from(pid: int, ancestor: int, parents: dict[int, int]) -> bool:
    while pid in parents and pid > 1:
        pid = parents[pid]
        if pid == ancestor:
            return True
    return False


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) used so far by the given processes that still exist."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")
