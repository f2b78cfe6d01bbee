"""Whole HTTP requests for the fuzz tests, built from the app's URL map, and two ways to send them.

Every route the app registers is covered (a new blueprint is fuzzed without touching this file):
its variable parts are filled with known-good values (resource paths of the fuzz store, query
names, dump names) or hostile segments. ``send_to_client`` sends a request through Flask's test
client (for volume), ``send_over_http`` to a real ``legisgraph serve`` (gunicorn) with
``http.client``, which sends the path and headers as given.
"""

from __future__ import annotations

import http.client
import time
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlencode

import pyoxigraph as ox
from flask import Flask
from flask.testing import FlaskClient
from fuzz_support import HOSTILE
from hypothesis import strategies as st
from sparql_fuzz_support import queries

from loader.paths import QUERIES_DIR

DATA_DIR = Path(__file__).parent / "data"
#: The fuzz store: the small hand-written dataset plus a graph of hostile literals and IRIs.
FUZZ_DATA = [DATA_DIR / "mini.trig", DATA_DIR / "fuzz" / "hostile.trig"]
WRITE_METHODS = ["POST", "PUT", "DELETE", "PATCH"]


@dataclass(frozen=True)
class FuzzRequest:
    """One request as sent: method, percent-encoded path, query string, headers, body."""

    method: str
    path: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def target(self) -> str:
        """The request target: path and query string."""
        return self.path + ("?" + self.query if self.query else "")


def fill_store(path: Path) -> None:
    """Write the fuzz store's data into the on-disk store at ``path``."""
    from loader.store import GraphStore

    with GraphStore.open(path, write=True) as store:
        for data in FUZZ_DATA:
            store.load_dataset(path=str(data), rdf_format=ox.RdfFormat.TRIG)


def known_segments(app: Flask) -> dict[str, list[str]]:
    """Good values for the variable parts of routes, by the rule's endpoint."""
    base = app.config["BASE_IRI"]
    subjects = {
        q.subject.value
        for data in FUZZ_DATA
        for q in ox.parse(path=str(data), format=ox.RdfFormat.TRIG)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base)
    }
    resources = sorted(s[len(base) :] for s in subjects)
    names = sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    return {
        "resources.resource": resources + [r + ".ttl" for r in resources[:3]],
        "queries.run": names + [n + ".csv" for n in names[:3]],
        "dumps.file": ["legisgraph.trig", "legisgraph.nq.gz", "releases/0.1.0/manifest.json"],
        "static": ["style.css", "nothing.js"],
        "editor.vendor": ["yasgui.min.js", "x.css"],
        "gsp.graph_store": ["x", "0a1b2c3d"],
    }


SEGMENTS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=20),
    st.sampled_from(["..", "../..", "%2e%2e/%2e%2e/etc/passwd", "a/../../b", "//x", "a;b", "~"]),
)
ACCEPT_TYPES = st.sampled_from(
    [
        "text/html",
        "application/json",
        "application/sparql-results+json",
        "text/csv",
        "application/sparql-results+xml",
        "text/turtle",
        "application/ld+json",
        "*/*",
        "text/*",
        "application/n-triples",
        "application/rdf+xml",
        "application/trig",
        "image/png",
        "",
        "text/turtle; charset=utf-8",
        "x",
        ";",
        "*/json",
        "application/n-quads",
    ]  # fmt: skip
)
Q_VALUES = st.sampled_from(["", ";q=0", ";q=1", ";q=0.5", ";q=abc", ";q=-1", ";q=1e9", ";q="])
ACCEPTS = st.lists(st.tuples(ACCEPT_TYPES, Q_VALUES).map("".join), max_size=4).map(", ".join)
CONTENT_TYPES = st.sampled_from(
    [
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
        "application/sparql-query; charset=latin1",
        "application/x-www-form-urlencoded; charset=utf-16",
        "text/turtle",
        "application/n-triples",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "text/plain",
        "application/json",
        "",
        "application/sparql-query; charset=UTF-8",
    ]  # fmt: skip
)
HEADER_NAMES = st.sampled_from(
    [
        "Accept-Language",
        "Accept-Encoding",
        "If-None-Match",
        "If-Modified-Since",
        "Range",
        "Cookie",
        "X-Forwarded-For",
        "Origin",
        "Authorization",
        "Access-Control-Request-Method",
    ]  # fmt: skip
)
#: Characters a header value may carry (no controls or line breaks: those end the header).
HEADER_CHARACTERS = st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"])
#: Header values outside ASCII (and outside Latin-1): sent as UTF-8 bytes over HTTP.
NON_ASCII_HEADER_VALUES = st.one_of(
    st.text(st.characters(min_codepoint=0xA0, max_codepoint=0x2FFFF, exclude_categories=["Cs"]),
            min_size=1, max_size=20),
    st.sampled_from(["Bearer ü", "Bearer 令牌", "Bearer \u202etoken", "zh-Hant-香港"]),
)  # fmt: skip

HEADER_VALUES = st.one_of(
    st.sampled_from(
        [
            "zh-Hant",
            "en;q=0.1, *;q=abc",
            "gzip, br",
            "identity;q=0",
            '"abc"',
            "*",
            "Tue, 99 Foo 2024 25:61:61 GMT",
            "bytes=0-1",
            "bytes=5-1,-1,9999999999-",
            "lang=zh-Hant",
            "lang=<script>",
            "999.1.1.1",
            "Bearer x",
            "Basic Og==",
        ]  # fmt: skip
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
    NON_ASCII_HEADER_VALUES,
    st.builds("Bearer {}".format, st.text(HEADER_CHARACTERS, max_size=10)),
)
PARAMETER_NAMES = st.sampled_from(
    [
        "query",
        "update",
        "format",
        "lang",
        "page",
        "per_page",
        "q",
        "type",
        "graph",
        "default",
        "default-graph-uri",
        "named-graph-uri",
        "committee",
        "from",
        "to",
        "using-graph-uri",
        "limit",
        "offset",
        "sort",
        "url",
        "iri",
        "queries",
        "prefix",
        "cursor",
        "extend",
        "callback",
        "id",
        "ids",
    ]  # fmt: skip
)


def _nested(depth: int, kind: str) -> str:
    """JSON nested ``depth`` levels deep: the parser's recursion, not its size, is the test."""
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"q":{"query":' * depth + '"x"' + "}}" * depth


#: Values past what code usually expects: integers beyond 64 bits, negative and non-ASCII digits,
#: floats, deep JSON nesting (what the issue-24 outside attack found and the fuzzer missed).
BOUNDARY_VALUES = st.one_of(
    st.integers(min_value=2**31, max_value=2**300).map(str),
    st.integers(max_value=-1).map(str),
    st.integers(min_value=0, max_value=3).map(str),
    st.sampled_from(["²", "١٢", "٣", "1e3", "0x10", "1.5", "+1", " 1", "00000000000000000001"]),
    st.builds(_nested, st.integers(min_value=1, max_value=3000), st.sampled_from(["list", "o"])),
    st.just("9" * 5000),
)


def encode_path(template: str, values: list[str]) -> str:
    """The rule's path with each ``<…>`` filled by the next value, percent-encoded."""
    parts = template.split("<")
    path = parts[0]
    for value, part in zip(values, parts[1:], strict=False):
        path += quote(value, safe="/%;~") + part.split(">", 1)[1]
    return path


@st.composite
def paths(draw, rules: list[tuple[str, str]], known: dict[str, list[str]]) -> str:
    """A path of one of the app's routes, its variables filled with good or hostile values."""
    template, endpoint = draw(st.sampled_from(rules))
    count = template.count("<")
    good = known.get(endpoint)
    values = [
        draw(st.sampled_from(good)) if good and draw(st.booleans()) else draw(SEGMENTS)
        for _ in range(count)
    ]
    path = encode_path(template, values)
    return draw(st.sampled_from([path, path, path + "/", path.upper(), "/" + path, path + "%"]))


def http_requests(app: Flask, seeds: list[str]) -> st.SearchStrategy[FuzzRequest]:
    """Requests to any route of ``app``: SPARQL in every protocol form, odd headers and
    parameters."""
    rules = sorted({(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()})
    return _requests(paths(rules, known_segments(app)), queries(seeds))


@st.composite
def _requests(draw, route_paths: st.SearchStrategy[str], texts: st.SearchStrategy[str]):
    method = draw(st.sampled_from(["GET"] * 6 + ["POST"] * 3 + ["HEAD", "OPTIONS"] + WRITE_METHODS))
    sparql = draw(st.integers(0, 2)) > 0
    path = "/sparql" if sparql else draw(route_paths)
    values = st.one_of(SEGMENTS, texts, BOUNDARY_VALUES)
    params = draw(st.lists(st.tuples(PARAMETER_NAMES, values), max_size=3))
    headers = {"Accept": draw(ACCEPTS)} if draw(st.booleans()) else {}
    headers.update(draw(st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=2)))
    body = b""
    if sparql:
        text = draw(texts)
        how = draw(st.sampled_from(["get", "form", "direct", "direct"]))
        if how == "get":
            params.insert(0, ("query", text))
        elif how == "form":
            method = "POST"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode([(draw(st.sampled_from(["query", "update"])), text)]).encode()
        else:
            method = "POST"
            headers["Content-Type"] = draw(CONTENT_TYPES)
            body = _encode(text, draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "big5"])))
    elif method in WRITE_METHODS and draw(st.booleans()):
        headers["Content-Type"] = draw(CONTENT_TYPES)
        body = draw(st.binary(max_size=64))
    query = urlencode(params)
    if draw(st.integers(0, 9)) == 0:
        query += draw(st.sampled_from(["&&=", "&%zz=1", "&query", "&a=%FF%FE", "&=&"]))
    return FuzzRequest(method, path, query, {k: v for k, v in headers.items() if v}, body)


#: Accept headers each generated request is sent again with, to exercise negotiation of its answer.
VARIANT_ACCEPTS = [
    "text/html", "application/sparql-results+xml", "text/csv", "text/turtle;q=0.9, */*;q=0.1",
    "application/ld+json", "application/n-triples", "image/png", "*/*;q=abc", "",
]  # fmt: skip


def variants(request: FuzzRequest) -> list[FuzzRequest]:
    """The request as generated, and again with two other Accept headers (chosen from it)."""
    start = zlib.crc32(request.target.encode("utf-8", "replace")) % len(VARIANT_ACCEPTS)
    accepts = [VARIANT_ACCEPTS[(start + step) % len(VARIANT_ACCEPTS)] for step in (0, 4)]
    return [request] + [
        replace(request, headers={**request.headers, "Accept": accept}) for accept in accepts
    ]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def send_to_client(client: FlaskClient, request: FuzzRequest) -> tuple[int, str, bytes, float]:
    """Send through the test client: status, Content-Type, body and seconds taken."""
    started = time.monotonic()
    # A real server hands the app header bytes decoded as Latin-1 (PEP 3333); do the same.
    headers = {k: v.encode("utf-8").decode("latin-1") for k, v in request.headers.items()}
    target, overrides = request.target, {}
    if request.path.startswith("//"):  # the test client would read "//x" as a host name
        target = "/" + ("?" + request.query if request.query else "")
        overrides = {"PATH_INFO": unquote_to_bytes(request.path).decode("latin-1")}
    response = client.open(
        target,
        method=request.method,
        headers=headers,
        data=request.body,
        environ_overrides=overrides,
    )
    with response:
        body = response.get_data()
    return response.status_code, response.content_type or "", body, time.monotonic() - started


def send_over_http(
    host: str, port: int, request: FuzzRequest, timeout: float
) -> tuple[int, str, bytes, float]:
    """Send to a real server over a fresh connection; raises on a broken or hung connection."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.putrequest(request.method, request.target, skip_accept_encoding=True)
        for name, value in request.headers.items():
            connection.putheader(name, value.encode("utf-8"))
        if request.body or request.method in ("POST", "PUT"):
            connection.putheader("Content-Length", str(len(request.body)))
        connection.endheaders(request.body or None)
        response = connection.getresponse()
        body = response.read()
        content_type = response.getheader("Content-Type") or ""
        return response.status, content_type, body, time.monotonic() - started
    finally:
        connection.close()


def describe(request: FuzzRequest) -> str:
    """The request in one line, for a problem report (and a regression test)."""
    return f"{request.method} {request.target} {request.headers} {request.body[:200]!r}"
