"""The service on a real remote engine: CLI, load, stateless web tier, engine down or slow."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from engine_support import app_settings, running_engine
from serverprocess import running_server, tail

from loader.engine import EngineSettings
from loader.paths import SAMPLES_DIR
from server.cli import cli

# The document graphs (on Virtuoso GRAPH ?g also sees the merge graph: README, Scale-out).
COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "https://w3id.org/legisgraph/id/")) }'
)


def engine_environment(settings: EngineSettings) -> dict[str, str]:
    """LEGISGRAPH_ENGINE_* variables that point every command at the engine."""
    return {f"LEGISGRAPH_{key}": value for key, value in app_settings(settings).items() if value}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EngineSettings]:
    """An empty, writable remote engine of each kind."""
    with running_engine(request.param, tmp_path) as settings:
        yield settings


def test_every_command_works_on_the_remote_engine(runner, engine, tmp_path) -> None:
    env = engine_environment(engine)
    store = ["--store", str(tmp_path / "unused-store")]
    loaded = runner.invoke(cli, [*store, "load", str(SAMPLES_DIR)], env=env)
    assert loaded.exit_code == 0, loaded.output
    info = runner.invoke(cli, [*store, "info"], env=env)
    assert info.exit_code == 0, info.output
    assert "graphs: 1" in info.output
    quads = int(info.output.split("quads: ")[1].split()[0])
    assert quads > 1000
    counted = runner.invoke(cli, [*store, "query", "--format", "csv", COUNT], env=env)
    assert counted.output.split() == ["n", str(quads)]
    dump = tmp_path / "dump.nq"
    exported = runner.invoke(
        cli, [*store, "export", "--format", "nquads", "-o", str(dump)], env=env
    )
    assert exported.exit_code == 0, exported.output
    assert len(list(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))) == quads
    again = runner.invoke(cli, [*store, "load", str(SAMPLES_DIR)], env=env)
    assert "1 unchanged" in again.output
    assert not (tmp_path / "unused-store").exists(), "nothing is written beside a remote engine"


def test_remote_engine_errors_are_click_errors(runner, tmp_path) -> None:
    env = {"LEGISGRAPH_ENGINE_QUERY_URL": f"http://127.0.0.1:{_closed_port()}/query"}
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "query", COUNT], env=env)
    assert result.exit_code == 1
    assert "cannot be reached" in result.output


def test_web_processes_in_front_of_one_engine_give_the_same_answers(tmp_path) -> None:
    with running_engine("oxigraph", tmp_path) as settings:
        env = {
            key.removeprefix("LEGISGRAPH_"): v for key, v in engine_environment(settings).items()
        }
        writer_env = {**env, "WRITE_ACCESS": "token", "WRITE_TOKEN": "s3cret"}
        with (
            running_server(tmp_path / "a", tmp_path / "a.log", **writer_env) as first,
            running_server(tmp_path / "b", tmp_path / "b.log", **env) as second,
        ):
            from loader.pipeline import LoadOptions, load_sources
            from loader.remote import ServerTarget

            report = load_sources(
                ServerTarget(first, "s3cret"),
                [str(SAMPLES_DIR)],
                LoadOptions(base_iri=settings.base_iri),
            )
            assert report.ok, report.results
            answers = [_count(url) for url in (first, second)]
            assert answers[0] == answers[1] > 1000, tail(tmp_path / "b.log")


def test_engine_down_is_502_and_the_service_recovers(app_factory, tmp_path) -> None:
    with running_engine("oxigraph", tmp_path / "one") as settings:
        app = app_factory(tmp_path / "unused", **app_settings(settings))
        client = app.test_client()
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    # Not the query answered before: the result cache may repeat that for LOAD_STATE_SECONDS.
    down = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    assert down.status_code == 502
    assert "cannot be reached" in down.get_json()["error"]
    port = int(settings.query_url.split(":")[2].split("/")[0])
    with running_engine("oxigraph", tmp_path / "two", port=port):
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_slow_engine_is_504_within_the_time_limit(app_factory, tmp_path) -> None:
    with _silent_listener() as url:
        app = app_factory(tmp_path / "unused", ENGINE_QUERY_URL=url, QUERY_TIMEOUT=1)
        started = time.monotonic()
        response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
        assert response.status_code == 504
        assert "did not answer" in response.get_json()["error"]
        assert time.monotonic() - started < 5


def _count(url: str) -> int:
    response = requests.get(
        f"{url}/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"}, timeout=30
    )
    response.raise_for_status()
    return int(response.text.split()[1])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _silent_listener:  # noqa: N801 - used as a context manager like a function
    """A TCP listener on loopback that accepts connections and never answers: a stuck engine."""

    def __enter__(self) -> str:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
        for connection in self.accepted:
            connection.close()
