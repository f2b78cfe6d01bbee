"""Text from documents cannot reorder the page around it: headings isolate their direction
(``dir="auto"``) and page titles wrap it in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from conftest import make_app
from flask import Flask

from loader.settings import DEFAULT_BASE_IRI

#: A right-to-left override as a crafted document could carry it, and the isolation marks.
RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"
LABEL = f"Panel on {RLO}gnitteM Meeting"
SUBJECT = f"{DEFAULT_BASE_IRI}meeting/bidi-test"


@pytest.fixture(scope="module")
def bidi_app(tmp_path_factory) -> Iterator[Flask]:
    """An app over a store with one resource whose label carries a right-to-left override."""
    path = tmp_path_factory.mktemp("bidi") / "store"
    store = ox.Store(str(path))
    graph = ox.NamedNode(f"{DEFAULT_BASE_IRI}graph/bidi")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    triple = (ox.NamedNode(SUBJECT), label, ox.Literal(LABEL, language="en"))
    for where in (graph, ox.DefaultGraph()):  # a document's graph and the merged default graph
        store.add(ox.Quad(*triple, where))
    store.flush()
    del store
    app = make_app(path)
    yield app
    app.extensions["legisgraph.store"].close()


def test_resource_heading_and_title_isolate_document_text(bidi_app: Flask) -> None:
    path = "/id/" + SUBJECT.removeprefix(DEFAULT_BASE_IRI)
    html = bidi_app.test_client().get(path).get_data(as_text=True)
    assert re.search(r'<h1 dir="auto"[^>]*>' + re.escape(LABEL) + "</h1>", html)
    assert f"<title>{FSI}{LABEL}{PDI} · legisgraph</title>" in html


def test_search_title_isolates_the_query(bidi_app: Flask) -> None:
    html = (
        bidi_app.test_client()
        .get("/search", query_string={"q": RLO + "abc"})
        .get_data(as_text=True)
    )
    assert f"<title>{FSI}{RLO}abc{PDI} · " in html
