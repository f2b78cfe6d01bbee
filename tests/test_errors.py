"""Every error, whatever raised it, has the one canonical shape in the representation asked for."""

from __future__ import annotations

import pytest

from server.errors import error_body

ERROR_KEYS = set(error_body(400, "Bad Request", "x"))

#: (method, path, request options, expected status) for each kind of error the app produces.
ERROR_CASES = [
    ("GET", "/no/such/page", {}, 404),
    ("GET", "/sparql", {"query_string": {"query": "SELECT"}}, 400),
    ("POST", "/sparql", {"data": "x", "content_type": "text/plain"}, 415),
    ("POST", "/sparql", {"data": b"x"}, 400),
    (
        "GET",
        "/sparql",
        {"query_string": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}},
        406,
    ),
    ("DELETE", "/sparql", {}, 405),
    ("PUT", "/", {}, 405),
]


def assert_error_shape(response, status: int) -> None:
    """The response is a JSON error document with exactly the canonical keys."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False
    assert body["status"] == status
    assert body["error"]


@pytest.mark.parametrize("method,path,options,status", ERROR_CASES)
def test_every_error_has_the_canonical_json_shape(mini_client, method, path, options, status):
    options = dict(options)
    headers = {"Accept": "application/json", **options.pop("headers", {})}
    response = mini_client.open(path, method=method, headers=headers, **options)
    assert_error_shape(response, status)


def test_browsers_get_errors_as_a_page(mini_client) -> None:
    response = mini_client.get("/no/such/page", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "404 Not Found" in response.get_data(as_text=True)


def test_plain_text_clients_get_errors_as_text(mini_client) -> None:
    response = mini_client.get(
        "/sparql", query_string={"query": "SELECT"}, headers={"Accept": "text/plain"}
    )
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).startswith("400 Bad Request: invalid query")


def test_method_not_allowed_keeps_the_allow_header(mini_client) -> None:
    response = mini_client.delete("/sparql")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
