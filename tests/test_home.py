"""The home page says what the dataset holds, in HTML and in its JSON twin."""

from __future__ import annotations


def test_home_page_shows_counts_and_documents(mini_client) -> None:
    response = mini_client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<dd id="quad-count">30</dd>' in html
    assert '<dd id="graph-count">2</dd>' in html
    assert "有關郊野公園管理的背景資料簡介" in html
    assert "Management of country parks" in html
    assert 'href="/sparql"' in html


def test_home_json_twin_lists_the_loaded_documents(mini_client) -> None:
    summary = mini_client.get("/index.json").get_json()
    assert summary["quads"] == 30
    assert summary["graphs"] == 2
    assert summary["sparql_endpoint"] == "http://localhost/sparql"
    titles = sorted(doc["title"] for doc in summary["documents"])
    assert titles == ["Management of country parks", "有關郊野公園管理的背景資料簡介"]
    kinds = {doc["kind"].rsplit("#", 1)[-1] for doc in summary["documents"]}
    assert kinds == {"BackgroundBrief", "AdministrationPaper"}


def test_home_page_links_its_json_twin(mini_client) -> None:
    html = mini_client.get("/").get_data(as_text=True)
    assert '<link rel="alternate" type="application/json" href="/index.json">' in html


def test_empty_store_home_page_says_how_to_load(app_factory, tmp_path) -> None:
    client = app_factory(tmp_path / "empty").test_client()
    html = client.get("/").get_data(as_text=True)
    assert '<dd id="quad-count">0</dd>' in html
    assert "legisgraph load" in html
