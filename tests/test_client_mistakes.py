"""Client mistakes the issue-24 outside attack turned into 500s get the right 4xx, in the error
shape: page numbers past 64 bits, non-ASCII digits, JSON nested 1,000 levels, a non-ASCII
bearer token, a token that looks like JSON in the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from conftest import make_app
from flask import Flask
from fuzz_http_support import FuzzRequest, fill_store, http_requests, send_to_client, variants
from fuzz_support import Figures, check_response, fuzz_settings, print_figures
from hypothesis import given
from hypothesis import strategies as st
from sparql_fuzz_support import seed_queries

from server import config

HUGE = str(2**64 + 1)


@pytest.fixture(scope="module")
def mistakes_app(tmp_path_factory) -> Iterator[Flask]:
    """An app that takes writes with a token, so that the token comparison is reached."""
    path = tmp_path_factory.mktemp("mistakes") / "store"
    fill_store(path)
    app = make_app(path, WRITE_ACCESS="token", WRITE_TOKEN="s3cret", SERVICE_ALLOWLIST=[])
    yield app
    app.extensions["legisgraph.store"].close()


def _error(app: Flask, target: str, **kwargs) -> tuple[int, dict]:
    response = app.test_client().open(target, **kwargs)
    assert response.content_type == "application/json", response.get_data()[:200]
    return response.status_code, response.get_json()


@pytest.mark.parametrize(
    "target",
    [
        f"/search?q=council&page={HUGE}",
        f"/search.json?q=council&page={HUGE}",
        f"/search.csv?q=council&page={HUGE}",
        f"/meetings.json?page={'9' * 30}",
        f"/papers.json?page={'9' * 30}",
        f"/papers.json?page={'9' * 5000}",
        "/meetings.json?page=²",
        "/search.json?q=x&per_page=١٢",
        "/reconcile/suggest/entity?prefix=a&cursor=²",
    ],
)
def test_out_of_range_numbers_get_400(mistakes_app: Flask, target: str) -> None:
    status, body = _error(mistakes_app, target, headers={"Accept": "application/json"})
    assert status == 400
    assert set(body) == {"ok", "status", "title", "error"} and body["status"] == 400


@pytest.mark.parametrize("kind", ["[", '{"a":'])
def test_deeply_nested_reconcile_batch_gets_400(mistakes_app: Flask, kind: str) -> None:
    closer = "]" if kind == "[" else "}"
    batch = kind * 1000 + "1" + closer * 1000
    status, body = _error(mistakes_app, "/reconcile", query_string={"queries": batch})
    assert (status, body["error"]) == (400, "'queries' nests too deeply")


@pytest.mark.parametrize("token", ["tökén", "令牌", "s3cret\u202e"])
def test_non_ascii_bearer_token_is_refused_with_403(mistakes_app: Flask, token: str) -> None:
    header = f"Bearer {token}".encode().decode("latin-1")  # as a WSGI server hands it over
    status, body = _error(
        mistakes_app,
        "/sparql",
        method="POST",
        data="INSERT DATA { <x:a> <x:b> <x:c> }",
        headers={"Content-Type": "application/sparql-update", "Authorization": header},
    )
    assert (status, body["error"]) == (403, "the bearer token is not valid for writing")


@pytest.mark.parametrize("token", ["1e3", '"x"', "true", "[1]", "null", "  spaced "])
def test_write_token_is_read_from_the_environment_as_given(monkeypatch, token: str) -> None:
    monkeypatch.setenv("LEGISGRAPH_WRITE_TOKEN", token)
    monkeypatch.setenv("LEGISGRAPH_QUERY_TIMEOUT", "7")
    settings = config.from_environment()
    assert settings["WRITE_TOKEN"] == token
    assert settings["QUERY_TIMEOUT"] == 7  # the other settings still parse as JSON


def test_fuzzed_requests_with_boundary_values_and_tokens_get_no_500(
    mistakes_app: Flask, pytestconfig
) -> None:
    client = mistakes_app.test_client()
    strategy = http_requests(mistakes_app, seed_queries())
    figures = Figures("HTTP fuzz: boundary values, deep nesting, non-ASCII headers, token app")

    @fuzz_settings(600)
    @given(st.data())
    def one_request(data: st.DataObject) -> None:
        for request in variants(data.draw(strategy))[:2]:
            try:
                status, content_type, body, _ = send_to_client(client, request)
            except Exception as error:  # noqa: BLE001 - a crash is a finding, counted
                figures.record("crash", f"{type(error).__name__}: {error}", repr(request))
                continue
            figures.record(
                status,
                check_response(request.method, status, content_type, body),
                f"{request.method} {request.target[:300]} {request.headers}",
            )

    one_request()
    print_figures(pytestconfig, figures)
    assert figures.problems == []


def test_the_fuzzer_generates_the_values_that_found_the_500s() -> None:
    """The request strategy reaches past 64 bits, deep nesting and non-ASCII tokens."""
    from fuzz_http_support import BOUNDARY_VALUES, NON_ASCII_HEADER_VALUES

    seen = {"big": False, "deep": False, "non_ascii": False}

    @fuzz_settings(300)
    @given(BOUNDARY_VALUES, NON_ASCII_HEADER_VALUES)
    def draw(value: str, header: str) -> None:
        seen["big"] |= value.isdigit() and len(value) > 20
        seen["deep"] |= value.startswith("[[[[[[[[") or value.startswith('{"q":{"query":{"q"')
        seen["non_ascii"] |= not header.isascii()

    draw()
    assert all(seen.values()), seen
    assert json.dumps(FuzzRequest("GET", "/").target) == '"/"'


#: One value of each kind that found a 500: past 64 bits, a non-ASCII digit, nesting past the
#: recursion limit.
GRID_VALUES = [str(2**64 + 1), "²", "[" * 1000 + "]" * 1000]


def test_every_route_and_parameter_with_boundary_values_gets_no_500(
    mistakes_app: Flask, pytestconfig
) -> None:
    """Each route without variable parts × each parameter name the fuzzer knows × each value."""
    from fuzz_http_support import PARAMETER_NAMES

    client = mistakes_app.test_client()
    routes = sorted({r.rule for r in mistakes_app.url_map.iter_rules() if "<" not in r.rule})
    figures = Figures("HTTP grid: every route × parameter × boundary value")
    for route in routes:
        for name in PARAMETER_NAMES.elements:
            for value in GRID_VALUES:
                request = FuzzRequest("GET", route, urlencode({name: value}))
                status, content_type, body, _ = send_to_client(client, request)
                problem = check_response("GET", status, content_type, body)
                figures.record(status, problem, f"GET {route}?{name}={value[:30]}")
    print_figures(pytestconfig, figures)
    assert figures.problems == []
