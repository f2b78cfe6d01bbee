"""The home page says what the dataset holds, in HTML and in its JSON twin."""

from __future__ import annotations

import pytest


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


LANGUAGE_CHOICES = [
    ({"lang": "zh-Hant"}, {}, None, "zh-Hant"),
    ({}, {}, "zh-Hant", "zh-Hant"),
    ({}, {"Accept-Language": "zh-HK,zh;q=0.9"}, None, "zh-Hant"),
    ({}, {"Accept-Language": "zh-HK"}, "en", "en"),
    ({"lang": "en"}, {}, "zh-Hant", "en"),
    ({}, {}, None, "en"),
]


HEADINGS = [("/", "已載入的文件"), ("/dumps/", "數據下載及發行版本")]


@pytest.mark.parametrize("path, heading", HEADINGS)
@pytest.mark.parametrize("query, headers, cookie, language", LANGUAGE_CHOICES)
def test_home_and_dumps_pages_follow_the_reader_language(
    mini_app, path: str, heading: str, query: dict, headers: dict, cookie, language: str
) -> None:
    client = mini_app.test_client()
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get(path, query_string=query, headers=headers)
    html = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in html
    assert (heading in html) == (language == "zh-Hant")
    assert (">Search</a>" in html) == (language == "en")
    assert "Accept-Language" in response.headers["Vary"]


def test_site_chrome_is_in_the_page_language(mini_client) -> None:
    english = mini_client.get("/?lang=en").get_data(as_text=True)
    chinese = mini_client.get("/?lang=zh-Hant").get_data(as_text=True)
    for label, endpoint in (("Search", "搜尋"), ("Meetings", "會議"), ("Dumps", "數據下載")):
        assert f">{label}</a>" in english and f">{label}</a>" not in chinese
        assert f">{endpoint}</a>" in chinese
    assert ">SPARQL</a>" in english and ">SPARQL</a>" in chinese
    assert '<nav aria-label="網站">' in chinese and '<nav aria-label="Site">' in english
    footer = chinese[chinese.index("<footer>") :]
    assert "資料" in footer and "Data:" not in footer


def test_home_documents_show_kinds_by_their_ontology_labels(mini_client) -> None:
    english = mini_client.get("/?lang=en").get_data(as_text=True)
    chinese = mini_client.get("/?lang=zh-Hant").get_data(as_text=True)
    assert '<td lang="en" title="https://w3id.org/legisgraph/ontology#BackgroundBrief">' in english
    assert ">Background brief</td>" in english
    assert ">背景資料簡介</td>" in chinese
    assert ">BackgroundBrief<" not in english + chinese
    assert '<td lang="zh-hant">有關郊野公園管理的背景資料簡介</td>' in english.lower()


def test_favicon_ico_leads_to_the_site_icon(mini_client) -> None:
    response = mini_client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/static/favicon.svg")
