"""Federated queries through our endpoint: SERVICE reaches an allow-listed endpoint, joined to
our Wikidata links. The stand-in endpoint is a real engine (the oxigraph server) on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from serverprocess import free_port
from wikidata_support import WIKIDATA, WikibaseApi, build_store

from loader.paths import QUERIES_DIR
from server.cli import cli

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
MEMBERS_BORN = """
PREFIX lg: <https://w3id.org/legisgraph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?member ?item ?born WHERE {
  ?member a lg:Member ; owl:sameAs ?item .
  SERVICE <ENDPOINT> { ?item wdt:P569 ?born }
}
ORDER BY ?member
"""


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The oxigraph server on a loopback port holding tests/data/wikidata/endpoint.ttl."""
    if not OXIGRAPH.exists():
        pytest.fail(f"the oxigraph server binary is missing ({OXIGRAPH}): pip install oxigraph")
    folder = tmp_path_factory.mktemp("stand-in")
    location = folder / "data"
    subprocess.run(
        [OXIGRAPH, "load", "--location", location, "--file", WIKIDATA / "endpoint.ttl"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(url, params={"query": "ASK {}"}, timeout=2)
                break
            except requests.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "server.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our fixture documents with their Wikidata links made by `legisgraph link wikidata`."""
    folder = tmp_path_factory.mktemp("federated")
    store = build_store(folder / "store")
    with WikibaseApi() as api:
        args = ["--store", str(store), "link", "wikidata", "--api-url", api.api_url]
        args += ["--interval", "0", "--cache", str(folder / "cache")]
        args += ["--review-file", str(folder / "review.csv")]
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return store


def select(client, query: str) -> list[dict[str, str]]:
    response = client.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = response.get_json()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in rows]


def test_members_linked_to_wikidata_get_facts_from_the_allow_listed_endpoint(
    app_factory, linked_store, stand_in
) -> None:
    client = app_factory(linked_store, SERVICE_ALLOWLIST=[stand_in], QUERY_TIMEOUT=20).test_client()
    rows = select(client, MEMBERS_BORN.replace("ENDPOINT", stand_in))
    assert rows == [
        {
            "member": "https://w3id.org/legisgraph/id/member/name/chansiu-ming",
            "item": "http://www.wikidata.org/entity/Q900001",
            "born": "1970-05-01T00:00:00Z",
        }
    ]


def test_library_federated_example_runs_against_the_stand_in(
    app_factory, linked_store, stand_in
) -> None:
    path = QUERIES_DIR / "wikidata-bodies.rq"
    if not path.exists():
        pytest.skip("queries/wikidata-bodies.rq (the query library's federated example) is absent")
    query = path.read_text(encoding="utf-8").replace(WIKIDATA_ENDPOINT, stand_in)
    client = app_factory(linked_store, SERVICE_ALLOWLIST=[stand_in], QUERY_TIMEOUT=20).test_client()
    rows = select(client, query)
    assert {"item": "http://www.wikidata.org/entity/Q900020"}.items() <= next(
        row for row in rows if row["name"] == "Environment and Ecology Bureau"
    ).items()


def test_service_to_a_loopback_endpoint_not_on_the_allow_list_is_refused(
    app_factory, linked_store, stand_in
) -> None:
    client = app_factory(linked_store).test_client()
    response = client.get(
        "/sparql", query_string={"query": MEMBERS_BORN.replace("ENDPOINT", stand_in)}
    )
    assert response.status_code == 403
    assert stand_in in response.get_json()["error"]
