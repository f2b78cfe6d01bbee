"""/search and its JSON and CSV twins over the sample, and the index kept fresh after writes."""

from __future__ import annotations

import csv
import io
import re

import pytest

from loader.paths import SAMPLES_DIR
from loader.pipeline import LoadOptions, build_graph
from loader.settings import DEFAULT_BASE_IRI
from loader.sources import read_source

LG = "https://w3id.org/legisgraph/ontology#"
CONCERN = LG + "Concern"


def test_search_for_a_chinese_word_finds_the_concern_about_iam_smart(client) -> None:
    response = client.get("/search", query_string={"q": "智方便", "type": "Concern"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<mark>智方便</mark>" in page
    assert 'href="/id/meeting/panel/itb/2024-04-08/brief/' in page
    assert "/concern/" in page
    assert 'rel="alternate" type="application/json"' in page


def test_json_twin_has_ranked_hits_with_snippets_and_type_counts(client) -> None:
    response = client.get("/search.json", query_string={"q": "智方便"})
    assert response.status_code == 200
    document = response.get_json()
    assert document["terms"] == ["智方便"]
    assert document["total"] == len(document["results"]) or document["next"]
    scores = [hit["score"] for hit in document["results"]]
    assert scores == sorted(scores)
    concerns = [hit for hit in document["results"] if CONCERN in hit["types"]]
    assert concerns and all("<mark>智方便</mark>" in hit["snippet_html"] for hit in concerns)
    assert {"type": CONCERN, "count": len(concerns)} in document["types"]


def test_simplified_query_gives_the_same_results_as_traditional(client) -> None:
    traditional = client.get("/search.json", query_string={"q": "數據"}).get_json()
    simplified = client.get("/search.json", query_string={"q": "数据"}).get_json()
    assert traditional["total"] > 0
    assert [h["iri"] for h in simplified["results"]] == [h["iri"] for h in traditional["results"]]


def test_type_filter_accepts_local_prefixed_and_full_names(client) -> None:
    totals = {
        name: client.get("/search.json", query_string={"q": "智方便", "type": name}).get_json()
        for name in ("Concern", "lg:Concern", CONCERN)
    }
    assert len({d["total"] for d in totals.values()}) == 1
    for document in totals.values():
        assert all(CONCERN in hit["types"] for hit in document["results"])


def test_csv_twin_has_the_same_rows(client) -> None:
    params = {"q": "智方便", "per_page": "5"}
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv", query_string=params).text)))
    document = client.get("/search.json", query_string=params).get_json()
    assert [row["iri"] for row in rows] == [hit["iri"] for hit in document["results"]]
    assert set(rows[0]) == {"iri", "label", "types", "snippet", "score", "graph"}


def test_format_parameter_and_accept_header_choose_the_twin(client) -> None:
    by_format = client.get("/search", query_string={"q": "智方便", "format": "json"})
    by_accept = client.get(
        "/search", query_string={"q": "智方便"}, headers={"Accept": "application/json"}
    )
    assert by_format.get_json() == by_accept.get_json()
    assert by_accept.headers["Vary"] == "Accept, Accept-Language, Cookie"


def test_paging_links_keep_the_parameters(client) -> None:
    first = client.get("/search.json", query_string={"q": "智方便", "per_page": "2"}).get_json()
    assert first["next"].startswith("/search.json?")
    assert "q=%E6%99%BA%E6%96%B9%E4%BE%BF" in first["next"] and "page=2" in first["next"]
    second = client.get(first["next"]).get_json()
    assert second["prev"] is not None
    assert not {h["iri"] for h in first["results"]} & {h["iri"] for h in second["results"]}


def test_empty_query_shows_the_form_only(client) -> None:
    page = client.get("/search").get_data(as_text=True)
    assert 'role="search"' in page and 'class="hits"' not in page


@pytest.mark.parametrize("params", [{"page": "0"}, {"per_page": "x"}, {"format": "xml"}])
def test_bad_parameters_are_400(client, params) -> None:
    assert client.get("/search", query_string={"q": "智方便", **params}).status_code == 400


@pytest.fixture
def writable(tmp_path, app_factory):
    """A client of an app over an empty store that anyone may write to."""
    return app_factory(tmp_path / "store", WRITE_ACCESS="open").test_client()


def _found(client, query: str) -> list[str]:
    return [h["iri"] for h in client.get("/search.json", query_string={"q": query}).json["results"]]


def test_loading_through_the_server_makes_the_document_searchable(writable) -> None:
    source = read_source(str(next(SAMPLES_DIR.rglob("*.txt"))), cache_dir=None)
    graph_iri, graph = build_graph(source, LoadOptions(base_iri=DEFAULT_BASE_IRI))[:2]
    assert _found(writable, "智方便") == []
    response = writable.put(
        "/store",
        query_string={"graph": graph_iri},
        data=graph.serialize(format="nt"),
        content_type="application/n-triples",
    )
    assert response.status_code == 201
    assert any("/concern/" in iri for iri in _found(writable, "智方便"))


def test_index_follows_graph_store_writes_and_updates(writable) -> None:
    graph, thing = "http://example.org/g", "http://example.org/thing"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    put = writable.put(
        "/store",
        query_string={"graph": graph},
        data=f'<{thing}> {label} "舊的標籤 alpha"@zh-Hant .',
        content_type="application/n-triples",
    )
    assert put.status_code == 201
    assert _found(writable, "alpha") == [thing]
    update = (
        f"DELETE {{ GRAPH <{graph}> {{ <{thing}> {label} ?old }} }} "
        f'INSERT {{ GRAPH <{graph}> {{ <{thing}> {label} "新的標籤 beta"@zh-Hant }} }} '
        f"WHERE {{ GRAPH <{graph}> {{ <{thing}> {label} ?old }} }}"
    )
    response = writable.post("/sparql", data=update, content_type="application/sparql-update")
    assert response.status_code == 204
    assert _found(writable, "alpha") == []
    assert _found(writable, "新的标签") == [thing]
    assert writable.delete("/store", query_string={"graph": graph}).status_code == 204
    assert _found(writable, "beta") == []


@pytest.mark.parametrize(
    "lang, names",
    [
        ("en", {"Concern": "Concern", "PolicyMeasure": "Policy measure"}),
        ("zh-Hant", {"Concern": "關注事項", "PolicyMeasure": "政策措施"}),
    ],
)
def test_hit_types_show_their_labels_in_the_page_language(client, lang, names) -> None:
    page = client.get("/search", query_string={"q": "智方便", "lang": lang}).get_data(as_text=True)
    hit_types = set(re.findall(r'<span class="type" title="([^"]+)" lang="[^"]+">([^<]+)<', page))
    assert {(LG + local, label) for local, label in names.items()} <= hit_types
    assert ">PolicyMeasure<" not in page


@pytest.mark.parametrize("lang, concept", [("en", "Concept"), ("zh-Hant", "概念")])
def test_concept_facet_is_labelled_not_a_prefixed_name(client, lang, concept) -> None:
    page = client.get("/search", query_string={"q": "智方便", "lang": lang}).get_data(as_text=True)
    facets = dict(re.findall(r'href="/search\?[^"]*type=([^"&]+)" lang="[^"]+">([^<]+)</a>', page))
    assert facets["skos:Concept"] == concept
    assert ">skos:Concept<" not in page
