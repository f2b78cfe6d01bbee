"""Dereferenceable IRIs: content negotiation, status codes and what resource pages show."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from requests.utils import parse_header_links
from resources_support import (
    BROWSER_ACCEPT,
    HOSTILE_TRIG,
    assert_same_graph,
    load_trig,
    parse_page,
    path_of,
    select,
)

RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@pytest.fixture(scope="module")
def committee(app) -> dict[str, str]:
    """The committee with the most meetings in the sample, and how many it has."""
    (row,) = select(
        app,
        "SELECT ?c (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m lg:committee ?c }"
        " GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 1",
    )
    return row


@pytest.fixture(scope="module")
def bilingual_meeting(app) -> dict[str, str]:
    """A meeting of the sample labelled in both languages."""
    return select(
        app,
        "SELECT ?m ?en ?zh WHERE { ?m a lg:Meeting ; rdfs:label ?en , ?zh"
        ' FILTER(lang(?en) = "en" && langMatches(lang(?zh), "zh-Hant")) } ORDER BY ?m LIMIT 1',
    )[0]


def graph_of(body: bytes | str, rdf_format: str) -> Graph:
    return Graph().parse(data=body, format=rdf_format)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (BROWSER_ACCEPT, "text/html"),
        ("*/*", "text/html"),
        (None, "text/html"),
        ("text/turtle", "text/turtle"),
        ("text/turtle; charset=utf-8", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("text/html;q=0.1, text/turtle", "text/turtle"),
    ],
)
def test_accept_header_chooses_the_representation(client, committee, accept, media_type) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get(path_of(committee["c"]), headers=headers)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


SUFFIXES = [
    (".ttl", "text/turtle"),
    (".nt", "application/n-triples"),
    (".rdf", "application/rdf+xml"),
    (".jsonld", "application/ld+json"),
]


@pytest.mark.parametrize(("suffix", "media_type"), SUFFIXES)
def test_suffix_chooses_the_format_whatever_the_accept_header(
    client, committee, suffix, media_type
):
    path = path_of(committee["c"])
    by_suffix = client.get(path + suffix, headers={"Accept": BROWSER_ACCEPT})
    by_accept = client.get(path, headers={"Accept": media_type})
    assert by_suffix.status_code == 200
    assert by_suffix.mimetype == media_type
    rdf_format = RDF_TYPES[media_type]
    assert_same_graph(graph_of(by_suffix.data, rdf_format), graph_of(by_accept.data, rdf_format))


def test_format_parameter_chooses_the_format(client, committee) -> None:
    response = client.get(path_of(committee["c"]) + "?format=turtle")
    assert response.mimetype == "text/turtle"


@pytest.mark.parametrize("accept", ["image/png", "application/sparql-results+json"])
def test_unoffered_type_is_406_in_the_error_shape(client, committee, accept) -> None:
    response = client.get(path_of(committee["c"]), headers={"Accept": accept})
    assert response.status_code == 406
    assert set(response.get_json()) == {"ok", "status", "title", "error"}


def test_link_headers_name_every_format_and_each_link_serves_it(client, committee) -> None:
    response = client.get(path_of(committee["c"]), headers={"Accept": BROWSER_ACCEPT})
    links = parse_header_links(response.headers["Link"])
    assert {link["rel"] for link in links} == {"alternate"}
    assert {link["type"] for link in links} == {"text/html", *RDF_TYPES}
    for link in links:
        served = client.get(link["url"].removeprefix("http://localhost"))
        assert served.status_code == 200, link
        assert served.mimetype == link["type"]


def test_description_holds_own_triples_and_incoming_links(client, app, committee) -> None:
    served = graph_of(client.get(path_of(committee["c"]) + ".nt").data, "nt")
    this = f"<{committee['c']}>"
    store = app.extensions["legisgraph.store"].reader()
    expected = store.query(
        f"CONSTRUCT {{ {this} ?p ?o . ?s ?q {this} }}"
        f" WHERE {{ {{ {this} ?p ?o }} UNION {{ ?s ?q {this} }} }}"
    )
    assert_same_graph(served, graph_of(ox.serialize(expected, format=ox.RdfFormat.N_TRIPLES), "nt"))


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/id/nothing/is/called/this", 404),
        ("/id/nothing.ttl", 404),
        ("/id/a%20space", 400),
        ("/id/a%3Cangle%3E", 400),
        ("/id/bad%25zzpercent", 400),
        ("/id/empty//segment", 400),
        ("/id/dot/../segment", 400),
    ],
)
def test_unknown_is_404_and_malformed_is_400_as_pages_and_as_json(client, path, status) -> None:
    page = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == status
    assert page.mimetype == "text/html"
    parsed = parse_page(page.get_data(as_text=True))
    assert [level for level, _ in parsed.headings] == [1]
    assert parsed.headings[0][1].startswith(str(status))
    data = client.get(path, headers={"Accept": "application/json"})
    assert data.status_code == status
    assert set(data.get_json()) == {"ok", "status", "title", "error"}


def test_literal_with_script_renders_as_text(app_factory, tmp_path) -> None:
    client = app_factory(load_trig(tmp_path / "store", HOSTILE_TRIG), QUERY_WORKERS=1).test_client()
    html = client.get("/id/test/hostile", headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    scripts = parse_page(html).scripts
    assert [kind for kind, _ in scripts] == ["application/ld+json"]
    embedded = graph_of(scripts[0][1], "json-ld")
    assert_same_graph(embedded, graph_of(client.get("/id/test/hostile.jsonld").data, "json-ld"))


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_pages_have_a_language_one_h1_and_no_skipped_heading_level(client, app, language) -> None:
    iris = [
        row["x"]
        for row in select(
            app,
            "SELECT (SAMPLE(?s) AS ?x) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), STR(lg:))) }"
            " GROUP BY ?c ORDER BY ?c",
        )
    ] + [g for g in app.extensions["legisgraph.store"].reader().named_graphs()]
    for iri in iris:
        page = parse_page(client.get(path_of(iri) + f"?lang={language}").get_data(as_text=True))
        assert page.html_lang == language, iri
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1, (iri, page.headings)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), iri


def test_embedded_jsonld_is_the_same_graph_as_the_jsonld_twin(client, committee) -> None:
    path = path_of(committee["c"])
    scripts = parse_page(client.get(path).get_data(as_text=True)).scripts
    (embedded,) = [body for kind, body in scripts if kind == "application/ld+json"]
    json.loads(embedded)
    twin = client.get(path + ".jsonld").data
    assert_same_graph(graph_of(embedded, "json-ld"), graph_of(twin, "json-ld"))


def test_language_switch_changes_the_title_and_is_remembered(client, bilingual_meeting) -> None:
    path = path_of(bilingual_meeting["m"])
    english = parse_page(client.get(path + "?lang=en").get_data(as_text=True))
    assert english.headings[0][1] == bilingual_meeting["en"]
    chinese = client.get(path + "?lang=zh-Hant")
    assert parse_page(chinese.get_data(as_text=True)).headings[0][1] == bilingual_meeting["zh"]
    assert "lang=zh-Hant" in chinese.headers["Set-Cookie"]
    remembered = parse_page(client.get(path).get_data(as_text=True))
    assert remembered.headings[0][1] == bilingual_meeting["zh"]
    assert remembered.html_lang == "zh-Hant"


@pytest.mark.parametrize(
    ("accept_language", "label"), [("zh-HK,zh;q=0.9", "zh"), ("en-GB", "en"), ("zh-TW", "zh")]
)
def test_accept_language_chooses_the_title(app, bilingual_meeting, accept_language, label) -> None:
    client = app.test_client()
    html = client.get(path_of(bilingual_meeting["m"]), headers={"Accept-Language": accept_language})
    assert parse_page(html.get_data(as_text=True)).headings[0][1] == bilingual_meeting[label]


def test_language_switch_links_keep_the_other_parameters(client, committee) -> None:
    html = client.get(path_of(committee["c"]) + "?incoming=x:y&lang=en").get_data(as_text=True)
    assert "?incoming=x%3Ay&amp;lang=zh-Hant" in html


def test_label_falls_back_to_the_other_language(client, app) -> None:
    row = select(
        app,
        "SELECT ?s ?label WHERE { ?s a lg:BackgroundBrief ; rdfs:label ?label"
        " FILTER NOT EXISTS { ?s rdfs:label ?en FILTER(langMatches(lang(?en), 'en')) } }"
        " ORDER BY ?s LIMIT 1",
    )[0]
    html = client.get(path_of(row["s"]) + "?lang=en").get_data(as_text=True)
    assert f'<h1 dir="auto" lang="zh-hant">{row["label"]}</h1>' in html


def test_dates_are_written_the_way_each_language_writes_them(client, app) -> None:
    row = select(app, "SELECT ?s ?d WHERE { ?s a lg:BackgroundBrief ; dcterms:date ?d } LIMIT 1")[0]
    year, month, day = (int(part) for part in row["d"].split("-"))
    months = "January February March April May June July August September October November December"
    zh = client.get(path_of(row["s"]) + "?lang=zh-Hant").get_data(as_text=True)
    en = client.get(path_of(row["s"]) + "?lang=en").get_data(as_text=True)
    assert f'<time datetime="{row["d"]}">{year}年{month}月{day}日</time>' in zh
    assert f'<time datetime="{row["d"]}">{day} {months.split()[month - 1]} {year}</time>' in en


def test_links_are_labelled_local_links_not_bare_iris(client, app, bilingual_meeting) -> None:
    (row,) = select(
        app,
        f"SELECT ?c ?label WHERE {{ <{bilingual_meeting['m']}> lg:committee ?c ."
        " ?c rdfs:label ?label FILTER(lang(?label) = 'en') }",
    )
    html = client.get(path_of(bilingual_meeting["m"]) + "?lang=en").get_data(as_text=True)
    assert re.search(rf'<a href="{re.escape(path_of(row["c"]))}"[^>]*>{row["label"]}</a>', html)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_site_navigation_and_footer_are_in_the_page_language(client, committee, lang) -> None:
    search, meetings, footer = (
        ("Search", "Meetings", "Data:") if lang == "en" else ("搜尋", "會議", "資料：")
    )
    for path in (path_of(committee["c"]), "/meetings", "/search?q=x", "/queries"):
        separator = "&" if "?" in path else "?"
        html = client.get(f"{path}{separator}lang={lang}", headers={"Accept": BROWSER_ACCEPT}).text
        assert parse_page(html).html_lang == lang, path
        nav = html[html.index('<nav aria-label="') : html.index("</nav>")]
        assert f">{search}</a>" in nav and f">{meetings}</a>" in nav and ">SPARQL</a>" in nav
        assert footer in html[html.index("<footer>") :], path
