"""Every response carries a Content-Security-Policy and nosniff; no page needs inline code."""

from __future__ import annotations

import pytest
from resources_support import BROWSER_ACCEPT, parse_page, path_of, select

PAGES = ["/", "/sparql", "/ontology", "/no/such/page"]


def resource_paths(app) -> list[str]:
    """One resource page per lg: class in the sample, and each named graph."""
    rows = select(
        app,
        "SELECT (SAMPLE(?s) AS ?x) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), STR(lg:))) }"
        " GROUP BY ?c ORDER BY ?c",
    )
    graphs = app.extensions["legisgraph.store"].reader().named_graphs()
    return [path_of(row["x"]) for row in rows] + [path_of(g) for g in graphs]


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/", BROWSER_ACCEPT),
        ("/index.json", "application/json"),
        ("/sparql", BROWSER_ACCEPT),
        ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
        ("/ontology", BROWSER_ACCEPT),
        ("/ontology.ttl", "text/turtle"),
        ("/static/style.css", "text/css"),
        ("/no/such/page", BROWSER_ACCEPT),
        ("/id/no/such/resource", "application/json"),
        ("/id/bad%20iri", BROWSER_ACCEPT),
    ],
)
def test_every_response_has_the_security_headers(client, path, accept) -> None:
    with client.get(path, headers={"Accept": accept}) as response:
        policy = response.headers["Content-Security-Policy"]
        nosniff = response.headers["X-Content-Type-Options"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert nosniff == "nosniff"


def test_resource_responses_have_the_security_headers(client, app) -> None:
    for path in resource_paths(app)[:3]:
        for suffix in ("", ".ttl", ".jsonld"):
            headers = client.get(path + suffix).headers
            assert "script-src 'self'" in headers["Content-Security-Policy"], path + suffix
            assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_policy_is_a_setting(app_factory, mini_store) -> None:
    policy = "default-src 'none'"
    client = app_factory(mini_store, QUERY_WORKERS=1, CONTENT_SECURITY_POLICY=policy).test_client()
    assert client.get("/").headers["Content-Security-Policy"] == policy


def test_no_page_has_inline_scripts_styles_or_handlers(client, app) -> None:
    for path in PAGES + resource_paths(app):
        page = parse_page(
            client.get(path, headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)
        )
        assert page.style_blocks == 0, path
        assert page.inline_attributes == [], path
        # Data blocks (JSON-LD, a chart's data) are inert; code comes only from files (src).
        inline_code = [
            kind
            for kind, content in page.scripts
            if kind not in ("application/ld+json", "application/json") and content.strip()
        ]
        assert inline_code == [], path


@pytest.mark.parametrize("path", PAGES)
def test_pages_declare_their_language(client, path) -> None:
    page = parse_page(client.get(path, headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True))
    assert page.html_lang in ("en", "zh-Hant")
    assert [level for level, _ in page.headings].count(1) == 1
