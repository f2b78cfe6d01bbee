"""/dumps/: live dumps streamed with validators, releases from disk with ranges, no traversal."""

from __future__ import annotations

import gzip
import hashlib
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import DATA_DIR
from dumps_support import dump_bytes
from rdflib import Graph, Namespace, URIRef
from serverprocess import running_server

from loader.export import DumpRequest
from loader.release import write_release
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from server import dump_stream

VOID = Namespace("http://rdfs.org/ns/void#")
PAPER_GRAPH = "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01"
LIVE = {
    "legisgraph.trig": ("trig", "application/trig"),
    "legisgraph.nq": ("nquads", "application/n-quads"),
    "legisgraph.ttl": ("turtle", "text/turtle; charset=utf-8"),
    "legisgraph.nt": ("ntriples", "application/n-triples"),
    "legisgraph.jsonld": ("jsonld", "application/ld+json"),
}


@pytest.fixture(scope="module")
def releases(mini_store, tmp_path_factory) -> Path:
    """A releases folder holding release v1 of the small dataset."""
    folder = tmp_path_factory.mktemp("releases")
    with GraphStore.open(mini_store, write=False) as store:
        write_release(store, "v1", folder, base_iri=DEFAULT_BASE_IRI)
    return folder


def _get(client, path: str, **options):
    """GET, read the body and close the response (files sent from disk are closed too)."""
    with client.get(path, **options) as response:
        response.get_data()
    return response


@pytest.fixture
def http(app_factory, mini_store, releases):
    """A client of an app over the small dataset that knows the releases."""
    return app_factory(mini_store, RELEASES_DIR=str(releases)).test_client()


@pytest.mark.parametrize("name", sorted(LIVE))
def test_live_dump_is_the_export_streamed(http, mini_store, name) -> None:
    fmt, media_type = LIVE[name]
    response = http.get(f"/dumps/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert "Content-Length" not in response.headers  # streamed in chunks
    assert response.data == dump_bytes(mini_store, DumpRequest(fmt))
    packed = http.get(f"/dumps/{name}.gz")
    assert packed.headers["Content-Type"] == "application/gzip"
    assert gzip.decompress(packed.data) == response.data
    assert packed.headers["ETag"] != response.headers["ETag"]


def test_one_named_graph_as_turtle(http, mini_store) -> None:
    response = http.get("/dumps/graph.ttl", query_string={"graph": PAPER_GRAPH})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert response.data == dump_bytes(mini_store, DumpRequest("turtle", graphs=(PAPER_GRAPH,)))


@pytest.mark.parametrize(
    "query,status",
    [({}, 400), ({"graph": [PAPER_GRAPH, PAPER_GRAPH]}, 400), ({"graph": "http://x.org/g"}, 404)],
)
def test_graph_dump_needs_one_graph_of_the_store(http, query, status) -> None:
    response = http.get("/dumps/graph.ttl", query_string=query)
    assert response.status_code == status
    assert response.json["ok"] is False and response.json["status"] == status


def test_conditional_get_answers_not_modified(http) -> None:
    first = http.get("/dumps/legisgraph.trig")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert modified == "Fri, 27 Nov 2026 01:00:01 GMT"  # the latest load in tests/data/mini.trig
    by_tag = http.get("/dumps/legisgraph.trig", headers={"If-None-Match": etag})
    assert by_tag.status_code == 304 and by_tag.data == b""
    assert by_tag.headers["ETag"] == etag
    by_date = http.get("/dumps/legisgraph.trig", headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    other = http.get("/dumps/legisgraph.trig", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200 and other.data == first.data


def test_head_gives_the_headers_without_writing_a_dump(http) -> None:
    before = threading.active_count()
    response = http.head("/dumps/legisgraph.nq")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["ETag"] == http.get("/dumps/legisgraph.nq").headers["ETag"]
    assert threading.active_count() == before


def test_client_that_stops_reading_stops_the_writer(app_factory, sample_store, monkeypatch):
    monkeypatch.setattr(dump_stream, "CHUNK_BYTES", 256)
    monkeypatch.setattr(dump_stream, "PIPE_CHUNKS", 2)
    client = app_factory(sample_store).test_client()
    response = client.get("/dumps/legisgraph.nq", buffered=False)
    chunks = iter(response.response)
    assert next(chunks)
    assert any(t.name == "dump-writer" for t in threading.enumerate())
    response.close()
    assert not any(t.name == "dump-writer" for t in threading.enumerate())


def test_etag_changes_after_a_load(app_factory, tmp_path) -> None:
    path = tmp_path / "store"
    with GraphStore.open(path, write=True) as store:
        store.load_dataset(path=str(DATA_DIR / "mini.trig"), rdf_format=ox.RdfFormat.TRIG)
    client = app_factory(path, WRITE_ACCESS="open").test_client()
    before = client.get("/dumps/legisgraph.nq")
    put = client.put(
        "/store",
        query_string={"graph": "http://example.org/g"},
        data=b'<http://example.org/s> <http://example.org/p> "new" .',
        content_type="application/n-triples",
    )
    assert put.status_code == 201, put.data
    after = client.get("/dumps/legisgraph.nq", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b'"new"' in after.data and b'"new"' not in before.data


def test_release_file_is_served_whole_in_ranges_and_conditionally(http, releases) -> None:
    path = releases / "v1" / "legisgraph.trig"
    data = path.read_bytes()
    whole = _get(http, "/dumps/releases/v1/legisgraph.trig")
    assert whole.status_code == 200 and whole.data == data
    assert whole.headers["Content-Length"] == str(len(data))
    assert whole.headers["ETag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert "immutable" in whole.headers["Cache-Control"]
    part = _get(http, "/dumps/releases/v1/legisgraph.trig", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.data == data[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(data)}"
    same = _get(
        http, "/dumps/releases/v1/legisgraph.trig", headers={"If-None-Match": whole.headers["ETag"]}
    )
    assert same.status_code == 304
    packed = _get(http, "/dumps/releases/v1/legisgraph.ttl.gz")
    assert packed.mimetype == "application/gzip"
    assert gzip.decompress(packed.data) == (releases / "v1" / "legisgraph.ttl").read_bytes()
    assert _get(http, "/dumps/releases/v1/manifest.json").json["version"] == "v1"
    assert _get(http, "/dumps/releases/v1/void.ttl").mimetype == "text/turtle"


@pytest.mark.parametrize(
    "path", ["/dumps/releases/v2/legisgraph.trig", "/dumps/releases/v1/other.txt", "/dumps/x.ttl"]
)
def test_unknown_release_or_file_is_not_found(http, path) -> None:
    response = _get(http, path)
    assert response.status_code == 404
    assert response.json["ok"] is False


@pytest.mark.parametrize(
    "path",
    [
        "/dumps/../../etc/passwd",
        "/dumps/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/dumps/%2E%2E/%2E%2E/etc/passwd",
        "/dumps/releases/..%2f..%2f..%2fetc%2fpasswd",
        "/dumps/releases/v1/..%2f..%2fmanifest.json",
        "/dumps/releases/v1/%2fetc%2fpasswd",
        "/dumps/..%5c..%5cetc%5cpasswd",
        "/dumps/releases/v1/..%5cv1%5cmanifest.json",
        "/dumps/%2fetc%2fpasswd",
        "/dumps/releases/%2e%2e",
        "/dumps/releases/v1/legisgraph.trig%00.txt",
    ],
)
def test_path_traversal_is_refused(http, path) -> None:
    response = _get(http, path, follow_redirects=True)
    assert response.status_code in (400, 404), path
    assert response.json["ok"] is False
    assert b"root:" not in response.data


def test_dumps_page_lists_releases_and_live_dumps(http, releases) -> None:
    page = http.get("/dumps/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="release-v1"' in html
    assert 'href="http://localhost/dumps/releases/v1/legisgraph.trig.gz"' in html
    assert 'href="http://localhost/dumps/legisgraph.nq"' in html
    index = http.get("/dumps/index.json").json
    (release,) = index["releases"]
    assert release["version"] == "v1" and release["quads"] == 30
    for entry in release["files"]:
        data = _get(http, entry["url"]).data
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert {d["name"] for d in index["live"]} == set(LIVE) | {f"{n}.gz" for n in LIVE}


def test_live_description_links_the_dumps_and_the_endpoint(http) -> None:
    response = http.get("/dumps/void.ttl")
    assert response.mimetype == "text/turtle"
    description = Graph().parse(data=response.data, format="turtle")
    dataset = URIRef(f"{DEFAULT_BASE_IRI}dataset")
    links = set(description.objects(dataset, VOID.dataDump))
    assert URIRef("http://localhost/dumps/legisgraph.trig") in links and len(links) == 10
    assert description.value(dataset, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    again = http.get("/dumps/void.ttl", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_real_server_streams_a_live_dump_in_chunks_and_serves_release_ranges(
    mini_store, releases, tmp_path
) -> None:
    log = tmp_path / "server.log"
    with running_server(mini_store, log, RELEASES_DIR=str(releases)) as url:
        live = requests.get(f"{url}/dumps/legisgraph.ttl", timeout=30)
        part = requests.get(
            f"{url}/dumps/releases/v1/legisgraph.nq", headers={"Range": "bytes=0-99"}, timeout=30
        )
    assert live.status_code == 200
    assert live.headers["Transfer-Encoding"] == "chunked"
    assert live.content == dump_bytes(mini_store, DumpRequest("turtle"))
    assert part.status_code == 206
    assert part.content == (releases / "v1" / "legisgraph.nq").read_bytes()[:100]


def test_a_writer_that_fails_ends_the_stream_with_an_error() -> None:
    def write(output) -> None:
        output.write(b"@prefix lg: <https://w3id.org/legisgraph/ontology#> .\n")
        raise OSError("disk gone")

    with pytest.raises(RuntimeError, match="dump cut short: disk gone"):
        list(dump_stream.stream_writes(write))
    assert not any(t.name == "dump-writer" for t in threading.enumerate())


def test_release_files_are_served_from_a_releases_dir_given_relative_to_the_server(
    app_factory, mini_store, releases, monkeypatch
) -> None:
    monkeypatch.chdir(releases.parent)
    client = app_factory(mini_store, RELEASES_DIR=releases.name).test_client()
    with client.get("/dumps/releases/v1/manifest.json") as response:
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["version"] == "v1"
