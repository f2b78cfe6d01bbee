"""Security of what the pages and the server show: hostile data rendered inert, a
Content-Security-Policy on every route, size and concurrency limits, no leaked token, and a
dependency audit. Shares the hostile store and apps of test_security.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import requests
from flask import Flask
from fuzz_http_support import known_segments
from security_support import (
    AUTH,
    INSERT,
    TOKEN,
    TRIPLES,
    fill_rule,
    make_hostile_store,
    security_app,
)
from serverprocess import running_server


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """The hostile store (tests/security_support.py)."""
    return make_hostile_store(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def read_only_app(hostile_store: Path) -> Iterator[Flask]:
    """The default app over the hostile store: no writes at all."""
    app = security_app(hostile_store)
    yield app
    app.extensions["legisgraph.store"].close()


class PageScan(HTMLParser):
    """What in a page could run: scripts, event handlers, script URLs, active elements."""

    ACTIVE = {"iframe", "object", "embed", "svg", "style", "base", "frame", "img"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.script_links: list[str] = []
        self._script: str | None = None
        self._data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            scheme = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name in ("href", "src", "action", "formaction", "data", "srcdoc") and (
                scheme.startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                self.script_links.append(f"<{tag} {name}={value!r}>")
        if tag in ("textarea", "title"):
            self.set_cdata_mode(tag)  # text only, as browsers read it (a breakout ends it)
        if tag == "script":
            kind = values.get("type") or "text/javascript"
            src = values.get("src") or ""
            data_block = kind in ("application/ld+json", "application/json")  # inert, if whole
            if not data_block and not (src.startswith("/") and "//" not in src):
                self.findings.append(f"<script type={kind!r} src={src!r}>")
            self._script, self._data = kind, []
        elif tag in self.ACTIVE and not (tag == "img" and set(values) <= {"src", "alt"}):
            self.findings.append(f"<{tag}> element")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._data.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._data)
            if self._script in ("application/ld+json", "application/json") and text.strip():
                try:
                    json.loads(text)
                except ValueError:
                    self.findings.append(f"JSON data block broken out of: {text[:80]!r}")
            self._script = None


HOSTILE_VALUE = "<script>alert(1)</script>"


def _html_paths(app: Flask) -> list[str]:
    """Every page: each route without variables, with hostile parameters too; each resource
    of the hostile graph; each canned query; search; error pages with hostile paths."""
    known = known_segments(app)
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and "<" not in rule.rule:
            hostile = urlencode(
                {
                    name: HOSTILE_VALUE
                    for name in (
                        "q",
                        "lang",
                        "committee",
                        "type",
                        "page",
                        "member",
                        "topic",
                        "from",
                    )  # fmt: skip
                }
            )
            paths += [rule.rule, f"{rule.rule}?{hostile}"]
    paths += ["/id/" + r for r in known["resources.resource"] if "." not in r.rsplit("/", 1)[-1]]
    paths += [f"/queries/{name}?committee={quote(HOSTILE_VALUE)}" for name in known["queries.run"]]
    paths += ["/" + quote(HOSTILE_VALUE), "/id/" + quote(HOSTILE_VALUE), "/queries/%3Cb%3E"]
    paths += ["/search?q=" + quote(HOSTILE_VALUE), "/search?q=alert", "/search?q=script"]
    return paths


def _scan_pages(app: Flask) -> tuple[int, list[str], list[str]]:
    """Pages scanned, what could run in them, and links with script or HTML-data URLs."""
    client = app.test_client()
    browser = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
    pages, findings, links = 0, [], []
    for path in _html_paths(app):
        with client.get(path, headers=browser) as response:
            policy = response.headers.get("Content-Security-Policy", "")
            assert "script-src 'self'" in policy, path
            if response.mimetype != "text/html":
                continue
            scan = PageScan()
            scan.feed(response.get_data(as_text=True))
            findings += [f"{path}: {finding}" for finding in scan.findings]
            links += [f"{path}: {link}" for link in scan.script_links]
            pages += 1
    return pages, findings, links


def test_hostile_literals_and_iris_are_inert_on_every_html_page(read_only_app) -> None:
    pages, findings, _ = _scan_pages(read_only_app)
    assert pages >= 30
    assert findings == []


def test_iris_with_script_schemes_are_not_rendered_as_links(read_only_app) -> None:
    _, _, links = _scan_pages(read_only_app)
    assert links == []


def test_every_route_sends_the_content_security_policy(read_only_app) -> None:
    client = read_only_app.test_client()
    known = known_segments(read_only_app)
    for rule in read_only_app.url_map.iter_rules():
        for value in known.get(rule.endpoint, [])[:1] + ["x"]:
            for method in sorted(rule.methods - {"PUT", "DELETE", "PATCH"}):
                with client.open(fill_rule(rule.rule, value), method=method) as response:
                    headers = response.headers
                assert "default-src" in headers.get("Content-Security-Policy", ""), rule.rule
                assert headers.get("X-Content-Type-Options") == "nosniff", rule.rule


def test_bodies_over_the_size_limits_get_413(app_factory, hostile_store) -> None:
    app = app_factory(
        hostile_store,
        MAX_CONTENT_LENGTH=2000,
        MAX_QUERY_BYTES=1000,
        RELEASES_DIR=str(hostile_store.parent / "releases"),
    )
    client = app.test_client()
    long_query = "ASK {} #" + "x" * 1500
    big = b"x" * 5000
    answers = [
        client.post("/sparql", data=long_query, content_type="application/sparql-query"),
        client.get("/sparql", query_string={"query": long_query}),
        client.post("/sparql", data=big, content_type="application/sparql-query"),
        client.post("/sparql", data={"query": "ASK {}" + " " * 3000}),
    ]
    for response in answers:
        assert response.status_code == 413
        assert set(response.get_json()) == {"ok", "status", "title", "error"}


def test_one_client_past_its_concurrency_limit_gets_429(app_factory, hostile_store) -> None:
    # One worker: the last query below waits for the runaway's worker to be replaced, so no
    # replacement is still starting when the app is closed.
    app = app_factory(
        hostile_store,
        MAX_CONCURRENT_PER_CLIENT=1,
        QUERY_TIMEOUT=3,
        QUERY_WORKERS=1,
        RELEASES_DIR=str(hostile_store.parent / "releases"),
    )
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    first: dict[str, int] = {}
    thread = threading.Thread(
        target=lambda: first.update(
            status=app.test_client().get("/sparql", query_string={"query": runaway}).status_code
        )
    )
    thread.start()
    try:
        statuses = set()
        for _ in range(50):
            response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
            statuses.add(response.status_code)
            if response.status_code == 429:
                assert "at most 1 queries" in response.get_json()["error"]
                break
            threading.Event().wait(0.05)
    finally:
        thread.join()
    assert 429 in statuses
    assert first["status"] == 503
    assert app.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_the_write_token_never_appears_in_the_log_or_in_answers(hostile_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(hostile_store, store)
    log = tmp_path / "server.log"
    settings = {"WRITE_ACCESS": "token", "WRITE_TOKEN": TOKEN, "QUERY_WORKERS": "1"}
    answers = []
    with running_server(store, log, **settings) as url:
        for headers in (AUTH, {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN}):
            for path, body, kind in [
                ("/sparql", INSERT, "application/sparql-update"),
                ("/sparql", "INSERT DATA { <broken", "application/sparql-update"),
                ("/store?graph=urn:x:g", TRIPLES.decode(), "application/n-triples"),
                ("/store?graph=urn:x:g", "<broken", "text/turtle"),
            ]:
                response = requests.post(
                    url + path, data=body, timeout=30, headers={**headers, "Content-Type": kind}
                )
                answers.append(response.status_code)
                assert TOKEN not in response.text
    assert {204, 400, 401, 403} <= set(answers)
    text = log.read_text(errors="replace")
    assert "POST /sparql" in text, "the access log is not where the test looks"
    assert TOKEN not in text


def test_dependencies_have_no_known_vulnerabilities() -> None:
    """pip-audit over the environment; skipped, saying why, when it cannot audit from here."""
    if shutil.which("pip-audit", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("pip-audit is not installed (it comes with the test extra)")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--progress-spinner",
            "off",
            "--skip-editable",
            "--format",
            "json",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        dependencies = json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        pytest.skip(f"pip-audit could not reach its vulnerability service: {result.stderr[-300:]}")
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        pytest.skip(
            f"pip-audit could not audit any of {len(dependencies)} packages: the vulnerability "
            f"service is not reachable from here ({dependencies[0]['skip_reason']})"
        )
    vulnerable = {d["name"]: [v["id"] for v in d["vulns"]] for d in audited if d.get("vulns")}
    assert vulnerable == {}
