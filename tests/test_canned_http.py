"""Canned queries over HTTP (/queries, /queries/NAME and its formats) and the query editor page."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from queries_support import cookbook_store

from loader.canned import load_library
from server import create_app, query_editor

LIBRARY = load_library()
HTML = {"Accept": "text/html"}
PAST_DUE_ON_JULY_2024 = [
    "https://w3id.org/legisgraph/id/meeting/panel/itb/2024-04-08/brief/7e191147/para/4/measure/a"
]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app over the cookbook's test data."""
    path = cookbook_store(tmp_path_factory.mktemp("cookbook"))
    app = create_app({"TESTING": True, "STORE": str(path), "QUERY_WORKERS": 2, "QUERY_TIMEOUT": 10})
    yield app
    app.extensions["legisgraph.store"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A client of that app."""
    return app.test_client()


def _csv_column(data: bytes, column: str) -> list[str]:
    return [row[column] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]


def test_list_page_shows_every_query_in_both_languages(client: FlaskClient) -> None:
    page = client.get("/queries", headers=HTML).get_data(as_text=True)
    for canned in LIBRARY.values():
        assert f'href="/queries/{canned.name}"' in page
        assert canned.title["zh-Hant"] in page and canned.title["en"].replace("'", "&#39;") in page


def test_list_json_has_headers_parameters_and_runnable_sparql(client: FlaskClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries.json").get_json()["queries"]}
    assert set(listed) == set(LIBRARY)
    past_due = listed["measures-past-due"]
    assert past_due["parameters"] == [
        {
            "name": "on",
            "type": "date",
            "default": "2025-01-01",
            "example": "2024-07-01",
            "description": "the day to check (YYYY-MM-DD)",
        }
    ]
    assert past_due["downloads"]["csv"].endswith("/queries/measures-past-due.csv")
    for query in listed.values():
        if not query["services"]:  # parsing it would not call out, running it would
            ox.Store().query(query["bound_sparql"])


def test_query_page_shows_form_labelled_results_and_sparql(client: FlaskClient) -> None:
    response = client.get("/queries/concerns-on-topic?lang=en", headers=HTML)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert 'name="topic" value="智方便"' in page
    brief = "meeting/panel/itb/2024-04-08/brief/7e191147"
    assert (
        f'<a href="/id/{brief}" lang="zh-hant" title="https://w3id.org/legisgraph/id/{brief}">'
        "有關成立“數字政策辦公室”的背景資料簡介</a>"
    ) in page
    assert '<time datetime="2023">2023</time>' in page
    assert "FILTER (CONTAINS(LCASE(STR(?topicName)), LCASE(?topic)))" in page
    assert "VALUES (?topic) { (&#34;智方便&#34;) }" in page


def test_query_page_links_to_its_own_parameter_set(client: FlaskClient) -> None:
    page = client.get("/queries/measures-past-due?on=2024-07-01", headers=HTML).get_data(True)
    assert 'href="/queries/measures-past-due?on=2024-07-01" rel="bookmark"' in page
    assert 'href="/queries/measures-past-due.csv?on=2024-07-01"' in page


def test_stable_url_gives_the_same_answer_each_time(client: FlaskClient) -> None:
    first = client.get("/queries/measures-past-due.csv?on=2024-07-01").data
    assert first == client.get("/queries/measures-past-due.csv?on=2024-07-01").data
    assert _csv_column(first, "measure") == PAST_DUE_ON_JULY_2024


@pytest.mark.parametrize(
    ("path", "headers", "media_type"),
    [
        ("/queries/measures-past-due.json", {}, "application/sparql-results+json"),
        ("/queries/measures-past-due.xml", {}, "application/sparql-results+xml"),
        ("/queries/measures-past-due.csv", {}, "text/csv"),
        ("/queries/measures-past-due.tsv", {}, "text/tab-separated-values"),
        ("/queries/measures-past-due", {"Accept": "text/csv"}, "text/csv"),
        ("/queries/measures-past-due", {"Accept": "application/json"}, "application/json"),
        ("/queries/measures-past-due?format=tsv", {}, "text/tab-separated-values"),
        ("/queries/measures-past-due", {}, "application/sparql-results+json"),
        ("/queries/meeting-agenda-graph.ttl", {}, "text/turtle"),
        ("/queries/meeting-agenda-graph.nt", {}, "application/n-triples"),
        ("/queries/meeting-agenda-graph.jsonld", {}, "application/ld+json"),
        ("/queries/meeting-agenda-graph", {"Accept": "text/turtle"}, "text/turtle"),
    ],
)
def test_results_come_in_the_format_asked_for(client, path, headers, media_type) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


def test_json_results_hold_the_expected_rows(client: FlaskClient) -> None:
    data = client.get("/queries/measures-past-due.json?on=2024-07-01").get_json()
    assert [b["measure"]["value"] for b in data["results"]["bindings"]] == PAST_DUE_ON_JULY_2024


def test_turtle_results_are_the_meetings_graph(client: FlaskClient) -> None:
    data = client.get("/queries/meeting-agenda-graph.ttl").data
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    papers = {t.subject.value for t in triples if t.predicate.value.endswith("#consideredUnder")}
    assert len(papers) == 6


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/queries/no-such-query", 404, "no query named"),
        ("/queries/measures-past-due.pdf", 404, "no query named"),
        ("/queries/measures-past-due?on=tomorrow", 400, "not a date"),
        ("/queries/measures-past-due?colour=red", 400, "no parameter colour"),
        ("/queries/meeting-papers?meeting=https://w3id.org/x y", 400, "not an absolute IRI"),
        ("/queries/measures-past-due.ttl", 406, "use .json or .csv"),
        ("/queries/meeting-agenda-graph.csv", 406, "use .ttl or .jsonld"),
    ],
)
def test_mistakes_get_a_clear_error(client, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert words in response.get_json()["error"]


@pytest.mark.parametrize("value", ['"}#\n', "} UNION { ?s ?p ?o }", "<http://x y>"])
def test_hostile_parameter_values_are_only_values(client: FlaskClient, value: str) -> None:
    response = client.get("/queries/concerns-on-topic.json", query_string={"topic": value})
    assert response.status_code == 200
    assert response.get_json()["results"]["bindings"] == []


def test_canned_queries_keep_the_sparql_endpoint_s_length_limit(
    app: Flask, client: FlaskClient
) -> None:
    topic = "x" * app.config["MAX_QUERY_BYTES"]
    response = client.get("/queries/concerns-on-topic.json", query_string={"topic": topic})
    assert response.status_code == 413
    assert "longer than the limit" in response.get_json()["error"]


def test_a_value_with_curly_quotes_finds_the_topic_that_has_them(client: FlaskClient) -> None:
    data = client.get("/queries/concerns-on-topic.csv", query_string={"topic": "“智方便”"}).data
    assert len(_csv_column(data, "concern")) == 6


def test_federated_query_obeys_the_service_allow_list(app_factory, tmp_path_factory) -> None:
    path = cookbook_store(tmp_path_factory.mktemp("cookbook"))
    client = app_factory(path, SERVICE_ALLOWLIST=[]).test_client()
    response = client.get("/queries/wikidata-bodies.json")
    assert response.status_code == 403
    assert "query.wikidata.org" in response.get_json()["error"]


def test_federated_query_page_says_it_needs_the_network(client: FlaskClient) -> None:
    page = client.get("/queries", headers=HTML).get_data(as_text=True)
    assert "needs network access" in page


@pytest.fixture
def vendor(tmp_path, monkeypatch) -> object:
    """Point the editor at a folder of our own (empty until a test writes the built files)."""
    monkeypatch.setattr(query_editor, "vendor_dir", lambda: tmp_path)
    return tmp_path


def test_editor_serves_yasgui_from_this_server_when_installed(client, vendor) -> None:
    for name, path in query_editor.VENDOR_FILES.items():
        (vendor / path).parent.mkdir(parents=True, exist_ok=True)
        (vendor / path).write_text(f"/* {name} */")
    page = client.get("/editor?query=ASK%20%7B%7D", headers=HTML).get_data(as_text=True)
    assert 'src="/editor/vendor/yasgui.min.js"' in page
    assert 'href="/editor/vendor/yasgui.min.css"' in page
    assert 'src="/static/editor.js"' in page and 'src="/static/editor-table.js"' in page
    assert 'data-default-query="PREFIX lg: &lt;https://w3id.org/legisgraph/ontology#&gt;' in page
    assert "<script>" not in page  # no inline scripts: the CSP allows this origin's files only
    prefixes = json.loads(page.split('data-prefixes="')[1].split('"')[0].replace("&#34;", '"'))
    assert prefixes["lg"] == "https://w3id.org/legisgraph/ontology#"
    with client.get("/editor/vendor/yasgui.min.js") as response:
        assert response.data == b"/* yasgui.min.js */"
        assert response.mimetype == "text/javascript"


def test_editor_falls_back_to_the_plain_form_without_yasgui(client, vendor) -> None:
    page = client.get("/editor?query=ASK%20%7B%7D", headers=HTML).get_data(as_text=True)
    assert 'id="editor-missing"' in page and "npm ci --prefix var/editor" in page
    assert '<textarea name="query" rows="14" cols="100" aria-label="SPARQL query">ASK {}' in page
    assert "yasgui.min.js" not in page
    assert client.get("/editor/vendor/yasgui.min.js").status_code == 404


def test_editor_escapes_the_query_it_is_given(client: FlaskClient, vendor) -> None:
    page = client.get("/editor", query_string={"query": '"><script>x</script>'}, headers=HTML)
    text = page.get_data(as_text=True)
    assert "&#34;&gt;&lt;script&gt;x&lt;/script&gt;</textarea>" in text  # in the plain form
    assert "<script>x</script>" not in text


def test_only_the_built_files_are_served(client: FlaskClient) -> None:
    assert client.get("/editor/vendor/package.json").status_code == 404


def test_sparql_page_links_to_the_editor_and_the_library(client: FlaskClient) -> None:
    page = client.get("/sparql", headers=HTML).get_data(as_text=True)
    assert 'href="/editor" id="editor-link"' in page and 'href="/queries"' in page


RESULT_SUFFIXES = {"json", "xml", "csv", "tsv"}
GRAPH_SUFFIXES = {"ttl", "nt", "jsonld"}


def _download_links(page: str, name: str) -> list[str]:
    links = page[page.index('<p class="links">') :]
    links = links[: links.index("</p>")]
    return [
        href.replace("&amp;", "&")
        for href in re.findall(rf'href="(/queries/{name}\.[^"]+)"', links)
    ]


def test_query_pages_offer_only_the_downloads_that_fit_the_query_form(client) -> None:
    for canned in LIBRARY.values():
        page = client.get(f"/queries/{canned.name}", headers=HTML).get_data(as_text=True)
        suffixes = {
            re.match(r"/queries/[^.]+\.(\w+)", href).group(1)
            for href in _download_links(page, canned.name)
        }
        graph = re.search(r"^\s*(CONSTRUCT|DESCRIBE)\b", canned.text, re.MULTILINE | re.IGNORECASE)
        assert suffixes == (GRAPH_SUFFIXES if graph else RESULT_SUFFIXES), canned.name


@pytest.mark.parametrize("name", ["meeting-agenda-graph", "measures-past-due"])
def test_every_offered_download_is_served(client, name: str) -> None:
    page = client.get(f"/queries/{name}", headers=HTML).get_data(as_text=True)
    links = _download_links(page, name)
    assert links
    for href in links:
        assert client.get(href).status_code == 200, href
    alternates = re.findall(r'<link rel="alternate" type="[^"]+" href="([^"]+)">', page)
    assert [a.replace("&amp;", "&") for a in alternates] == links


@pytest.mark.parametrize("lang, one, many", [("en", "1 row", "rows"), ("zh-Hant", "共 1 行", "行")])
def test_result_count_is_worded_for_one_and_for_many(client, lang, one, many) -> None:
    single = client.get(f"/queries/measures-past-due?on=2024-07-01&lang={lang}", headers=HTML)
    assert f'<p class="count">{one}</p>' in single.get_data(as_text=True)
    several = client.get(f"/queries/dataset-graphs?lang={lang}", headers=HTML).get_data(True)
    count = re.search(r'<p class="count">([^<]+)</p>', several).group(1)
    assert count.endswith(many) and not count.startswith(("1 ", "共 1 "))


def test_open_in_the_editor_puts_the_query_in_the_fragment(client) -> None:
    page = client.get("/queries/attendance-rate", headers=HTML).get_data(as_text=True)
    link = re.search(r'href="(/editor[^"]*)">Open in the editor<', page).group(1)
    assert link.startswith("/editor#query=")  # never in the request line: long queries fit


def test_library_and_link_header_list_only_the_downloads_that_fit(client) -> None:
    described = {q["name"]: q for q in client.get("/queries.json").get_json()["queries"]}
    assert set(described["meeting-agenda-graph"]["downloads"]) == GRAPH_SUFFIXES
    assert set(described["measures-past-due"]["downloads"]) == RESULT_SUFFIXES
    header = client.get("/queries/measures-past-due", headers={"Accept": "text/csv"}).headers
    assert "text/turtle" not in header["Link"] and "text/csv" in header["Link"]
