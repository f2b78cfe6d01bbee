"""A real gunicorn server on a loopback port: it answers SPARQL and keeps loads out."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from loader.paths import SAMPLES_DIR

LEGISGRAPH = Path(sys.executable).with_name("legisgraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def running_server(mini_store: Path) -> Iterator[str]:
    """`legisgraph serve` over the small store, until the test ends."""
    port = _free_port()
    process = subprocess.Popen(
        [str(LEGISGRAPH), "--store", str(mini_store), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(url + "/index.json", timeout=1)
                break
            except requests.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"server did not start:\n{output}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def test_server_answers_the_readme_query(running_server: str) -> None:
    response = requests.get(
        running_server + "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/csv"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.text.split() == ["n", "30"]
    assert response.headers["Server"].startswith("gunicorn")


def test_load_while_serving_fails_at_once_with_a_clear_message(
    running_server: str, mini_store: Path
) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(LEGISGRAPH), "--store", str(mini_store), "load", str(SAMPLES_DIR)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"store {mini_store} is in use by another process" in result.stderr
    assert "(is `legisgraph serve` running?)" in result.stderr
    assert time.monotonic() - started < 30
    assert requests.get(running_server + "/index.json", timeout=5).json()["quads"] == 30
