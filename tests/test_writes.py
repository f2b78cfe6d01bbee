"""Writes through the endpoint and the Graph Store Protocol: refused unless allowed."""

from __future__ import annotations

import pytest
from conftest import make_app

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "http://example.org/g"
INSERT = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/s> <http://example.org/p> 1 }} }}"
TRIPLES = "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A client of an app over an empty store with token-protected writes."""
    store = tmp_path_factory.mktemp("writes") / "store"
    app = make_app(store, WRITE_ACCESS="token", WRITE_TOKEN=TOKEN)
    yield app.test_client()
    app.extensions["legisgraph.store"].close()


def _count(client, graph: str = GRAPH) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query})
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def _update(client, text: str, headers: dict | None = None):
    return client.post(
        "/sparql", data=text, content_type="application/sparql-update", headers=headers or {}
    )


def test_update_without_a_token_is_401_and_changes_nothing(client) -> None:
    response = _update(client, INSERT)
    assert response.status_code == 401
    assert _count(client) == 0


def test_update_with_a_wrong_token_is_403(client) -> None:
    response = _update(client, INSERT, {"Authorization": "Bearer wrong"})
    assert response.status_code == 403


def test_update_with_the_token_is_visible_to_the_next_query(client) -> None:
    response = _update(client, INSERT, AUTH)
    assert response.status_code == 204
    assert _count(client) == 1


def test_form_update_is_accepted_too(client) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/s> <http://example.org/p> 2 }} }}"
    )
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 204
    assert _count(client) == 2


def test_update_sent_with_get_is_400(client) -> None:
    response = client.get("/sparql", query_string={"update": INSERT}, headers=AUTH)
    assert response.status_code == 400


def test_invalid_update_is_400_and_changes_nothing(client) -> None:
    before = _count(client)
    response = _update(client, "INSERT DATA { <broken", AUTH)
    assert response.status_code == 400
    assert "invalid" in response.get_json()["error"]
    assert _count(client) == before


def test_graph_store_put_creates_then_replaces(client) -> None:
    target = "/store?graph=http://example.org/put"
    created = client.put(target, data=TRIPLES, content_type="application/n-triples", headers=AUTH)
    assert created.status_code == 201
    replaced = client.put(
        target, data=TRIPLES.replace("/c>", "/d>"), content_type="text/turtle", headers=AUTH
    )
    assert replaced.status_code == 204
    body = client.get(target, headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert body.strip() == "<http://example.org/a> <http://example.org/b> <http://example.org/d> ."


def test_graph_store_post_adds_and_delete_removes(client) -> None:
    target = "/store?graph=http://example.org/post"
    client.post(target, data=TRIPLES, content_type="application/n-triples", headers=AUTH)
    more = TRIPLES.replace("/c>", "/e>")
    assert (
        client.post(target, data=more, content_type="application/n-triples", headers=AUTH)
    ).status_code == 204
    assert _count(client, "http://example.org/post") == 2
    assert client.delete(target, headers=AUTH).status_code == 204
    assert client.get(target).status_code == 404
    assert client.delete(target, headers=AUTH).status_code == 404


def test_graph_store_post_to_the_store_creates_a_new_graph(client) -> None:
    response = client.post("/store", data=TRIPLES, content_type="text/turtle", headers=AUTH)
    assert response.status_code == 201
    location = response.headers["Location"]
    assert client.get(location, headers={"Accept": "text/turtle"}).status_code == 200


def test_graph_store_refuses_unparseable_and_unknown_media_types(client) -> None:
    target = "/store?graph=http://example.org/bad"
    bad = client.put(target, data="<a> <b", content_type="text/turtle", headers=AUTH)
    assert bad.status_code == 400
    odd = client.put(target, data="x", content_type="image/png", headers=AUTH)
    assert odd.status_code == 415


@pytest.mark.parametrize("method", ["put", "post", "delete"])
def test_graph_store_writes_need_the_token(client, method: str) -> None:
    response = getattr(client, method)(
        "/store?graph=http://example.org/g", data=TRIPLES, content_type="application/n-triples"
    )
    assert response.status_code == 401


def test_read_only_server_refuses_every_write_path(mini_client) -> None:
    assert _update(mini_client, INSERT, AUTH).status_code == 403
    assert mini_client.post("/sparql", data={"update": INSERT}).status_code == 403
    for method in ("put", "post", "delete"):
        response = getattr(mini_client, method)(
            "/store?graph=http://example.org/g", data=TRIPLES, content_type="application/n-triples"
        )
        assert response.status_code == 403
    assert mini_client.get("/store?default").status_code == 200
