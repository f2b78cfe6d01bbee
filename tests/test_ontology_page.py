"""/ontology: a page generated from the Turtle for people, Turtle and JSON-LD for machines."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.validate import ONTOLOGY_FILE, SHAPES_FILE
from loader.vocab import LG, LG_NAMESPACE

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def ontology_from_file() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(
            f"graphs differ:\nonly served:\n{only_actual.serialize(format='nt')}\n"
            f"only in file:\n{only_expected.serialize(format='nt')}"
        )


def class_section(html: str, name: str) -> str:
    start = html.index(f'<h3 id="{name}">')
    return html[start : html.index("</section>", start)]


def example_of(html: str, name: str) -> str | None:
    cell = re.search(r'<dd class="example">(.*?)</dd>', class_section(html, name), re.S)
    assert cell, f"no example cell for lg:{name}"
    link = re.search(r'<a href="([^"]+)">', cell.group(1))
    return link.group(1) if link else None


def test_browser_gets_a_bilingual_html_page(client) -> None:
    response = client.get("/ontology", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Vary"] == "Accept, Accept-Language, Cookie"
    html = response.get_data(as_text=True)
    assert '<span lang="zh-Hant">事務委員會</span>' in html
    assert "A standing panel of the Legislative Council" in html
    assert '<p class="definition" lang="zh-Hant">立法會常設的事務委員會' in html
    assert '<dd id="version">0.1.0</dd>' in html


def test_page_has_an_entry_for_every_term_of_the_turtle(client) -> None:
    html = client.get("/ontology").get_data(as_text=True)
    missing = [name for name in LG.__annotations__ if f'id="{name}"' not in html]
    assert not missing


def test_page_shows_hierarchy_domain_range_and_alignments(client) -> None:
    html = client.get("/ontology").get_data(as_text=True)
    brief = class_section(html, "BackgroundBrief")
    assert '<dt>Subclass of</dt><dd><a href="#Paper">' in brief
    meeting = class_section(html, "Meeting")
    assert 'subclass of <a href="https://schema.org/Event"><code>schema:Event</code></a>' in meeting
    assert 'close match <a href="https://schema.oparl.org/1.1/Meeting">' in meeting
    assert '<a href="#CouncilMeeting"><code>lg:CouncilMeeting</code></a>' in meeting
    part_of = html[html.index('<h3 id="partOfDocument">') :]
    part_of = part_of[: part_of.index("</section>")]
    assert '<a href="#Paragraph"><code>lg:Paragraph</code></a>, <a href="#Section">' in part_of
    target_date = html[html.index('<h3 id="targetDate">') :]
    assert "<code>xsd:gYearMonth</code>" in target_date[: target_date.index("</section>")]


def test_each_class_shows_an_instance_from_the_store(client, app) -> None:
    html = client.get("/ontology").get_data(as_text=True)
    store = app.extensions["legisgraph.store"].reader()
    shown = {name: example_of(html, name) for name in ("Meeting", "Paper", "Paragraph", "Vote")}
    for name, iri in shown.items():
        has_any = bool(store.query(f"ASK {{ ?x a <{LG_NAMESPACE}{name}> }}"))
        assert (iri is not None) == has_any, name
        if iri is not None:
            assert store.query(f"ASK {{ <{iri}> a <{LG_NAMESPACE}{name}> }}"), iri
    assert shown["Meeting"] is not None


def test_empty_store_says_no_instance_is_loaded(app_factory, tmp_path) -> None:
    html = app_factory(tmp_path / "empty").test_client().get("/ontology").get_data(as_text=True)
    assert example_of(html, "Meeting") is None
    assert "none loaded yet" in class_section(html, "Meeting")


def test_turtle_is_negotiated_and_is_the_file(client) -> None:
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert response.headers["Vary"] == "Accept"
    assert response.data == ONTOLOGY_FILE.read_bytes()


def test_json_ld_is_negotiated_and_holds_the_same_graph(client) -> None:
    response = client.get("/ontology", headers={"Accept": "application/ld+json, text/html;q=0.5"})
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert response.headers["Vary"] == "Accept"
    served = Graph().parse(data=response.data, format="json-ld")
    assert_same_graph(served, ontology_from_file())


def test_suffix_routes_serve_each_representation(client) -> None:
    assert client.get("/ontology.ttl").data == ONTOLOGY_FILE.read_bytes()
    shapes = client.get("/shapes.ttl")
    assert shapes.mimetype == "text/turtle"
    assert shapes.data == SHAPES_FILE.read_bytes()
    jsonld = client.get("/ontology.jsonld")
    assert jsonld.mimetype == "application/ld+json"
    assert_same_graph(Graph().parse(data=jsonld.data, format="json-ld"), ontology_from_file())


def test_unoffered_media_type_is_refused_with_406(client) -> None:
    response = client.get("/ontology", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.get_json()["error"]


def test_home_page_links_to_the_ontology(client) -> None:
    assert 'href="/ontology"' in client.get("/").get_data(as_text=True)
