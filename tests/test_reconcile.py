"""/reconcile speaks the W3C Reconciliation Service API 0.2 the way OpenRefine uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from wikidata_support import build_store

from loader.store import GraphStore
from server import create_app

LG = "https://w3id.org/legisgraph/ontology#"
BASE = "https://w3id.org/legisgraph/id/"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    """A client of an app over members, the Council, committees and bodies from our fixtures."""
    store = build_store(tmp_path_factory.mktemp("reconcile") / "store")
    app = create_app({"TESTING": True, "STORE": str(store), "QUERY_WORKERS": 1})
    yield app.test_client()
    app.extensions["legisgraph.store"].close()


def post(client: FlaskClient, queries: dict) -> dict:
    """Send a batch as OpenRefine does: a form-encoded POST with a ``queries`` field."""
    response = client.post(
        "/reconcile",
        data={"queries": json.dumps(queries, ensure_ascii=False)},
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_manifest_describes_the_service(client) -> None:
    manifest = client.get("/reconcile").get_json()
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == BASE
    assert manifest["schemaSpace"] == LG
    assert [t["id"] for t in manifest["defaultTypes"]] == [
        LG + "Member",
        LG + "Committee",
        LG + "Organization",
    ]
    assert manifest["view"]["url"] == "http://localhost/id/{{id}}"
    assert manifest["preview"]["url"] == "http://localhost/reconcile/preview?id={{id}}"
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        assert client.get(service["service_path"] + "?prefix=a").status_code == 200


def test_openrefine_batch_finds_members_with_titles_and_bodies_in_either_script(client) -> None:
    results = post(
        client,
        {
            "q0": {
                "query": "Dr Hon WONG Tai-man, JP",
                "type": LG + "Member",
                "type_strict": "should",
            },
            "q1": {"query": "wong tai man", "type": LG + "Member", "limit": 3},
            "q2": {"query": "環境及生態局", "type": LG + "Organization"},
            "q3": {"query": "环境及生态局"},
            "q4": {"query": "Environment and Ecology Bureau", "type": "body"},
        },
    )
    assert [c["id"] for c in results["q0"]["result"]] == ["member/name/wongtai-man"]
    assert results["q0"]["result"][0]["match"] is True
    assert results["q0"]["result"][0]["score"] == 100
    assert results["q1"]["result"][0]["id"] == "member/name/wongtai-man"
    for key in ("q2", "q3", "q4"):
        best = results[key]["result"][0]
        assert (best["id"], best["match"]) == ("org/eeb", True), key
    assert results["q2"]["result"][0]["name"] == "環境及生態局"
    assert results["q4"]["result"][0]["name"] == "Environment and Ecology Bureau"
    assert results["q2"]["result"][0]["type"] == [{"id": LG + "Organization", "name": "Body"}]


def test_near_names_are_candidates_but_not_matches(client) -> None:
    result = post(client, {"q": {"query": "Environment & Ecology Bureaux"}})["q"]["result"]
    assert result[0]["id"] == "org/eeb"
    assert result[0]["match"] is False and 60 <= result[0]["score"] < 100
    assert result == sorted(result, key=lambda c: -c["score"])


def test_type_restricts_the_candidates(client) -> None:
    result = post(client, {"q": {"query": "環境及生態局", "type": "member"}})["q"]["result"]
    assert result == []


def test_properties_raise_the_score_of_the_entity_that_has_them(client) -> None:
    queries = {
        "with": {
            "query": "Environment Bureau",
            "properties": [{"pid": "lg:abbreviation", "v": "EEB"}],
        },
        "without": {"query": "Environment Bureau"},
    }
    results = post(client, queries)
    with_property = next(c for c in results["with"]["result"] if c["id"] == "org/eeb")
    without = next(c for c in results["without"]["result"] if c["id"] == "org/eeb")
    assert with_property["score"] > without["score"]
    assert {"id": "properties", "value": 1.0} in with_property["features"]


def test_an_id_as_query_returns_that_entity(client) -> None:
    result = post(client, {"q": {"query": "committee/council"}})["q"]["result"]
    assert [(c["id"], c["score"], c["match"]) for c in result] == [("committee/council", 100, True)]


def test_get_with_queries_answers_like_post(client) -> None:
    queries = {"q0": {"query": "CHAN Siu-ming"}}
    response = client.get("/reconcile", query_string={"queries": json.dumps(queries)})
    assert response.get_json() == post(client, queries)


@pytest.mark.parametrize(
    ("queries", "status"),
    [
        ("{not json", 400),
        ('["a list"]', 400),
        ('{"q": {"query": ""}}', 400),
        ('{"q": {"query": "x", "type": "party"}}', 400),
        ('{"q": {"query": "x", "properties": [{"pid": "lg:nothing", "v": "1"}]}}', 400),
        (json.dumps({f"q{i}": {"query": "x"} for i in range(51)}), 413),
    ],
)
def test_bad_batches_get_an_error_saying_what_to_fix(client, queries: str, status: int) -> None:
    response = client.post("/reconcile", data={"queries": queries})
    assert response.status_code == status
    assert response.get_json()["ok"] is False and response.get_json()["error"]


def test_preview_shows_names_types_and_the_resource_page(client) -> None:
    html = client.get("/reconcile/preview?id=org/eeb").get_data(as_text=True)
    assert "環境及生態局" in html and "Environment and Ecology Bureau" in html
    assert 'href="/id/org/eeb"' in html
    twin = client.get("/reconcile/preview.json?id=org/eeb").get_json()
    assert twin["iri"] == BASE + "org/eeb" and twin["name"] == "環境及生態局"
    assert client.get("/reconcile/preview?id=org/nothing").status_code == 404


def test_preview_may_be_framed_by_openrefine(client) -> None:
    policy = client.get("/reconcile/preview?id=org/eeb").headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self'" in policy


def test_preview_is_a_bare_card_without_the_site_chrome(client) -> None:
    response = client.get("/reconcile/preview?id=org/eeb")
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>")
    for chrome in ("<header", "<nav", "<footer", "/static/style.css", 'class="brand"'):
        assert chrome not in html, chrome
    assert 'href="/static/preview.css"' in html
    assert '<h1 dir="auto" lang="zh-Hant">環境及生態局</h1>' in html
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_preview_shows_markup_in_names_as_text(app_factory, tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.load_dataset(
            f"""<{BASE}graph/x> {{ <{BASE}member/x> a <{LG}Member> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "{hostile}"@en . }}""".encode(),
            rdf_format=ox.RdfFormat.TRIG,
        )
    html = app_factory(tmp_path / "store").test_client().get("/reconcile/preview?id=member/x").text
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_suggest_entity_completes_a_prefix_in_pages(client) -> None:
    result = client.get("/reconcile/suggest/entity?prefix=環境").get_json()["result"]
    ids = [item["id"] for item in result]
    assert {"org/eeb", "committee/panel/ea"} <= set(ids)
    assert all(item["name"].startswith("環境") for item in result)
    second = client.get("/reconcile/suggest/entity?prefix=環境&cursor=1").get_json()["result"]
    assert [item["id"] for item in second] == ids[1:]


def test_suggest_type_and_property(client) -> None:
    types = client.get("/reconcile/suggest/type?prefix=mem").get_json()["result"]
    assert types == [{"id": LG + "Member", "name": "Member"}]
    properties = client.get("/reconcile/suggest/property?prefix=member").get_json()["result"]
    assert {"id": LG + "memberId", "name": "LegCo member id"} in properties


def test_jsonp_wraps_get_answers_for_a_valid_callback(client) -> None:
    response = client.get("/reconcile?callback=jQuery123_456")
    assert response.mimetype == "application/javascript"
    text = response.get_data(as_text=True)
    assert text.startswith("/**/jQuery123_456(") and text.endswith(");")
    assert json.loads(text[len("/**/jQuery123_456(") : -2])["versions"] == ["0.2"]


@pytest.mark.parametrize("callback", ["alert(1)//", "a b", "x" * 300, "1abc", "a..b"])
def test_jsonp_refuses_a_callback_that_is_not_a_plain_name(client, callback: str) -> None:
    response = client.get("/reconcile/suggest/type", query_string={"callback": callback})
    assert response.status_code == 400
    assert response.mimetype == "application/json"


def test_identifiers_follow_the_configured_base_iri(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "STORE": str(tmp_path / "s"),
            "QUERY_WORKERS": 1,
            "BASE_IRI": "https://example.org/x/",
        }
    )
    try:
        manifest = app.test_client().get("/reconcile").get_json()
    finally:
        app.extensions["legisgraph.store"].close()
    assert manifest["identifierSpace"] == "https://example.org/x/"
