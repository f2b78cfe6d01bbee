"""Helpers for the resource-page tests: small stores, local paths, and reading pages back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.paths import ROOT
from loader.pipeline import LoadOptions, load_sources
from loader.store import GraphStore
from loader.vocab import PREFIXES

BASE = "https://w3id.org/legisgraph/id/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
AGENDAS = ROOT / "tests" / "data" / "agendas"
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

#: A resource whose literals try to break out of the page and out of the JSON-LD block.
HOSTILE_TRIG = """
@prefix lg: <https://w3id.org/legisgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/legisgraph/id/graph/test/hostile> {
  <https://w3id.org/legisgraph/id/test/hostile> a lg:Paper ;
    rdfs:label "<script>alert(1)</script>"@en ;
    lg:text "</script><script>alert(2)</script><!--"@en .
}
"""


def load_files(path: Path, files: list[Path], base: str = BASE) -> Path:
    """A store at ``path`` with ``files`` loaded through the real pipeline under ``base``."""
    with GraphStore.open(path, write=True) as store:
        report = load_sources(store, [str(f) for f in files], LoadOptions(base_iri=base))
    assert report.ok, report.results
    return path


def load_trig(path: Path, trig: str) -> Path:
    """A store at ``path`` holding the TriG text."""
    with GraphStore.open(path, write=True) as store:
        store.load_dataset(trig.encode("utf-8"), rdf_format=ox.RdfFormat.TRIG)
    return path


def path_of(iri: str, base: str = BASE, resource_path: str = "/id/") -> str:
    """The local path the server answers an IRI under ``base`` at."""
    assert iri.startswith(base), iri
    return resource_path + iri[len(base) :]


def select(app, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the app's store, as {variable: lexical value}."""
    store = app.extensions["legisgraph.store"].reader()
    solutions = store.query(PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    """Isomorphic graphs, or a failure listing the triples only one of them has."""
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        raise AssertionError(
            f"graphs differ:\nonly in the first:\n{only_actual.serialize(format='nt')}\n"
            f"only in the second:\n{only_expected.serialize(format='nt')}"
        )


class PageParser(HTMLParser):
    """The parts of a page the tests look at: html lang, headings, scripts, styles, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.style_blocks = 0
        self.inline_attributes: list[str] = []
        self.hrefs: list[str] = []
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self._script: tuple[str | None, list[str]] | None = None
        self._capture: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "textarea":  # raw text to a browser, as script and style are to the parser
            self.set_cdata_mode(tag)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [tag]
        if tag == "script":
            self._script = (attributes.get("type"), [])
        if tag == "style":
            self.style_blocks += 1
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        self.inline_attributes += [
            name for name in attributes if name == "style" or name.startswith("on")
        ]
        if attributes.get("id"):
            self._capture[attributes["id"]] = []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((int(tag[1]), "".join(self._heading[1:]).strip()))
            self._heading = None
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._script is not None:
            self._script[1].append(data)
        for parts in self._capture.values():
            parts.append(data)

    def text_from(self, element_id: str) -> str:
        """The page's text from the start of the element with ``element_id`` to the end."""
        return "".join(self._capture.get(element_id, []))


def parse_page(html: str) -> PageParser:
    """The page read by PageParser."""
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser
