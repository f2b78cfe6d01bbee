"""Security: read-only means read-only, no SSRF, no path traversal (pages, limits, logs and the
dependency audit are in test_security_pages.py).

Routes are enumerated from the app's URL map, so a route added later is covered: every write
method on every route, every route's parameters pointed at a loopback listener that must see no
connection, every file-serving route given traversal paths. The store holds the small dataset
and a graph of hostile literals and IRIs (tests/data/fuzz/hostile.trig).
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import requests
from flask import Flask
from fuzz_http_support import FuzzRequest, known_segments, send_over_http
from security_support import (
    AUTH,
    COUNT,
    INSERT,
    SENTINEL,
    TOKEN,
    TRIPLES,
    WRITE_METHODS,
    fill_rule,
    make_hostile_store,
    security_app,
)
from serverprocess import running_server


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """The hostile store (tests/security_support.py)."""
    return make_hostile_store(tmp_path_factory.mktemp("security"))


@pytest.fixture(scope="module")
def token_app(hostile_store: Path, tmp_path_factory) -> Iterator[Flask]:
    """An app that writes with the token, over a copy of the hostile store."""
    store = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(hostile_store, store)
    app = security_app(store, WRITE_ACCESS="token", WRITE_TOKEN=TOKEN)
    yield app
    app.extensions["legisgraph.store"].close()


@pytest.fixture(scope="module")
def read_only_app(hostile_store: Path) -> Iterator[Flask]:
    """The default app: no writes at all."""
    app = security_app(hostile_store)
    yield app
    app.extensions["legisgraph.store"].close()


def _quads(client) -> int:
    response = client.get("/sparql", query_string={"query": COUNT})
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def _write_attempts(app: Flask) -> Iterator[tuple[str, str, dict, bytes]]:
    """Every write method on every route, with an update or triples as the body."""
    yield "GET", "/sparql?" + urlencode({"update": INSERT}), {}, b""
    yield "POST", "/sparql?" + urlencode({"update": INSERT}), {}, b""
    yield "POST", "/sparql", {"Content-Type": "application/sparql-query"}, INSERT.encode()
    yield "GET", "/sparql?" + urlencode({"query": INSERT}), {}, b""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    yield "POST", "/sparql", form, urlencode({"update": INSERT}).encode()
    multipart = {"Content-Type": "multipart/form-data; boundary=b"}
    part = b'--b\r\nContent-Disposition: form-data; name="update"\r\n\r\n' + INSERT.encode()
    yield "POST", "/sparql", multipart, part + b"\r\n--b--\r\n"
    for rule in app.url_map.iter_rules():
        for method in WRITE_METHODS:
            for path in {
                fill_rule(rule.rule),
                fill_rule(rule.rule) + "?graph=urn:x:g",
                "/store?default",
            }:
                if path == "/store?default" and rule.endpoint != "gsp.graph_store":
                    continue
                for content_type, data in [
                    ("application/sparql-update", INSERT.encode()),
                    ("application/sparql-update; charset=utf-8", INSERT.encode()),
                    ("application/n-triples", TRIPLES),
                    ("text/turtle", TRIPLES),
                ]:
                    yield method, path, {"Content-Type": content_type}, data


@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
    ],
)
def test_no_write_path_changes_the_store_without_the_token(token_app: Flask, credentials):
    client = token_app.test_client()
    before = _quads(client)
    refused = 0
    for method, path, headers, body in _write_attempts(token_app):
        response = client.open(path, method=method, headers={**headers, **credentials}, data=body)
        _assert_refused(method, path, headers, body, response.status_code, (401, 403))
        refused += 1
    assert _quads(client) == before
    assert refused > 100


def test_with_the_token_the_same_update_is_applied(token_app: Flask) -> None:
    """The write attempts above are real writes: with the token, one changes the store."""
    client = token_app.test_client()
    before = _quads(client)
    response = client.post(
        "/sparql", data=INSERT, content_type="application/sparql-update", headers=AUTH
    )
    assert response.status_code == 204
    assert _quads(client) == before + 1
    assert client.delete("/store?graph=urn:x:pwned", headers=AUTH).status_code == 204


def test_a_read_only_server_refuses_every_write_path_even_with_a_token(read_only_app):
    client = read_only_app.test_client()
    before = _quads(client)
    for method, path, headers, body in _write_attempts(read_only_app):
        response = client.open(path, method=method, headers={**headers, **AUTH}, data=body)
        _assert_refused(method, path, headers, body, response.status_code, (403,))
    assert _quads(client) == before


def _assert_refused(
    method: str, path: str, headers: dict, body: bytes, status: int, denied: tuple
) -> None:
    """A write refused: on the endpoint and the Graph Store, by the access check (or as a bad
    request); elsewhere (read APIs that take POST, e.g. reconciliation) never as a success that
    created or changed something."""
    where = (method, path, headers, status)
    assert status < 500 and status not in (201, 204), where
    writes_here = (path.startswith("/store") and method in ("POST", "PUT", "DELETE")) or (
        path.startswith("/sparql") and method == "POST"
    )
    content_type = headers.get("Content-Type", "")
    updates = content_type.startswith("application/sparql-update") or (
        content_type.startswith("application/x-www-form") and b"INSERT" in body
    )
    if path.startswith("/store") and writes_here:
        assert status in denied, where
    elif path.startswith("/sparql") and writes_here and updates:
        assert status in denied, where


class Listener:
    """A loopback TCP listener that counts the connections made to it (there must be none)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.connections = 0
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        """Stop listening."""
        self._stop.set()
        self._thread.join()
        self.socket.close()


def _ssrf_queries(url: str) -> list[str]:
    """Ways a query could make the engine fetch ``url``."""
    escaped = "".join(f"\\u{ord(c):04x}" for c in "SERVICE")
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {escaped} <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX evil: <{url}> SELECT * WHERE {{ SERVICE evil:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"DESCRIBE <{url}>",
        f"SELECT * WHERE {{ <{url}> ?p ?o }}",
    ]


def _ssrf_requests(app: Flask, url: str) -> Iterator[FuzzRequest]:
    host = url.removeprefix("http://").rstrip("/")
    for query in _ssrf_queries(url):
        yield FuzzRequest("GET", "/sparql", urlencode({"query": query}))
        yield FuzzRequest("GET", "/sparql", urlencode({"query": query}), {"Host": host})
    for update in [f"LOAD <{url}>", f"LOAD SILENT <{url}> INTO GRAPH <urn:x>", "LOAD <x>"]:
        for headers in ({}, AUTH):
            yield FuzzRequest(
                "POST",
                "/sparql",
                "",
                {**headers, "Host": host, "Content-Type": "application/sparql-update"},
                update.encode(),
            )
    parameters = [
        "url", "uri", "iri", "graph", "default-graph-uri", "named-graph-uri", "source", "q",
        "query", "format", "lang", "committee", "from", "to", "next", "redirect",
    ]  # fmt: skip
    known = known_segments(app)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        values = [url, quote(url, safe=""), "http:" + url.removeprefix("http:")]
        values += known.get(rule.endpoint, [])[:1]
        for value in values:
            path = fill_rule(rule.rule, value)
            query = urlencode([(name, url) for name in parameters])
            yield FuzzRequest("GET", path, query, {"Host": host, "Referer": url})
    yield FuzzRequest("GET", "/id/" + url, "", {"Accept": "text/turtle"})
    yield FuzzRequest(
        "PUT",
        "/store",
        urlencode({"graph": url}),
        {**AUTH, "Content-Type": "text/turtle"},
        f"<{url}> a <{url}> .".encode(),
    )


def test_no_request_makes_the_server_connect_anywhere(token_app, hostile_store, tmp_path):
    listener = Listener()
    try:
        settings = {"WRITE_ACCESS": "token", "WRITE_TOKEN": TOKEN, "QUERY_WORKERS": "1"}
        store = tmp_path / "store"
        shutil.copytree(hostile_store, store)
        statuses = []
        with running_server(store, tmp_path / "log", **settings) as server:
            host, port = server.removeprefix("http://").split(":")
            for request in _ssrf_requests(token_app, listener.url):
                status, *_ = send_over_http(host, int(port), request, 30)
                statuses.append(status)
    finally:
        listener.close()
    assert 500 not in statuses
    assert len(statuses) > 50
    assert listener.connections == 0, "the server connected to the listener"


TRAVERSALS = [
    "../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt",
    "....//secret.txt", "..%5csecret.txt", "%252e%252e%252fsecret.txt", "..;/secret.txt",
    "releases/../../secret.txt", "releases/0.1.0/../../../secret.txt", "/etc/passwd",
    "%2fetc%2fpasswd", "../../../../../../etc/passwd", "..%00/secret.txt",
    "%c0%ae%c0%ae/secret.txt", "../../../setup.cfg", "../../pyproject.toml",
    "..\\..\\setup.cfg",
]  # fmt: skip
#: Text that would show that a file outside the served folders was sent.
LEAKS = [SENTINEL, "root:x:0:0", "[metadata]", "[build-system]", "install_requires"]


def _file_routes(app: Flask) -> list[str]:
    """Rules with a variable part that names a file or a path (static files, dumps, …)."""
    return sorted({r.rule for r in app.url_map.iter_rules() if "<" in r.rule})


def test_no_file_serving_route_follows_a_traversal_path(read_only_app, hostile_store, tmp_path):
    routes = _file_routes(read_only_app)
    assert any(r.startswith("/static/") for r in routes) and any("dumps" in r for r in routes)
    client = read_only_app.test_client()
    tried = 0
    with running_server(
        hostile_store,
        tmp_path / "log",
        QUERY_WORKERS="1",
        RELEASES_DIR=str(hostile_store.parent / "releases"),
    ) as server:
        host, port = server.removeprefix("http://").split(":")
        for rule in routes:
            for traversal in TRAVERSALS:
                path = rule.split("<", 1)[0] + traversal
                status, _, body, _ = send_over_http(host, int(port), FuzzRequest("GET", path), 30)
                local = client.get(path)
                for code, text in [(status, body), (local.status_code, local.get_data())]:
                    assert code >= 300, (path, code)
                    assert not any(leak.encode() in text for leak in LEAKS), path
                tried += 1
    assert tried >= len(TRAVERSALS) * 4


def test_the_listener_counts_a_connection() -> None:
    """The SSRF checks can fail: a connection to the listener is counted."""
    listener = Listener()
    try:
        with pytest.raises(requests.RequestException):
            requests.get(listener.url, timeout=2)
    finally:
        listener.close()
    assert listener.connections == 1
