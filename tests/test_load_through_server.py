"""`legisgraph load --server`: documents go in through a running server, which keeps serving."""

from __future__ import annotations

import subprocess

import requests
from serverprocess import LEGISGRAPH, running_server

from loader.paths import SAMPLES_DIR

TOKEN = "load-token"
WRITES = {"WRITE_ACCESS": "token", "WRITE_TOKEN": TOKEN}
MEETINGS = "PREFIX lg: <https://w3id.org/legisgraph/ontology#> ASK { ?m a lg:Meeting }"


def _load(url: str, *extra: str) -> subprocess.CompletedProcess:
    command = [str(LEGISGRAPH), "load", "--server", url, *extra, str(SAMPLES_DIR)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _has_meetings(url: str) -> bool:
    response = requests.get(url + "/sparql", params={"query": MEETINGS}, timeout=10)
    return response.json()["boolean"]


def test_load_through_the_server_is_visible_to_the_next_query(tmp_path) -> None:
    with running_server(tmp_path / "store", tmp_path / "log", **WRITES) as url:
        assert not _has_meetings(url)
        result = _load(url, "--token", TOKEN)
        assert result.returncode == 0, result.stderr
        assert "1 loaded, 0 unchanged, 0 failed" in result.stderr
        assert _has_meetings(url)
        again = _load(url, "--token", TOKEN)
        assert "0 loaded, 1 unchanged, 0 failed" in again.stderr


def test_load_through_the_server_without_the_token_is_refused(tmp_path) -> None:
    with running_server(tmp_path / "store", tmp_path / "log", **WRITES) as url:
        result = _load(url, "--token", "wrong")
        assert result.returncode == 1
        assert "server answered 403" in result.stderr
        assert not _has_meetings(url)
