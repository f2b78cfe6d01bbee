"""Shared helpers for the background-brief tests: the inputs, extraction and SPARQL look-ups.

The sample is the real Chinese brief in samples/legco/; two small briefs of our own (English,
and Chinese on another subject and committee) prove the extractor reads the kind, not the file.
"""

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from loader.kinds.brief import extract
from loader.paths import ROOT, SAMPLES_DIR
from loader.text import clean_text, detect_language
from loader.vocab import PREFIXES

BASE = "https://w3id.org/legisgraph/id/"
SAMPLE = SAMPLES_DIR / "legco" / "000_54c751b2ffb728be.txt"
FIXTURES = ROOT / "tests" / "data" / "briefs"
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + (
    "PREFIX id: <https://w3id.org/legisgraph/id/>\n"
)


def extract_brief(path: Path, base: str = BASE) -> Graph:
    """Extract the brief at ``path`` the way the loader does: cleaned, language detected."""
    text = clean_text(path.read_text(encoding="utf-8"))
    return extract(text, language=detect_language(text), base_iri=base).graph


def store_of(graph: Graph) -> ox.Store:
    """An in-memory store holding ``graph``, so facts can be asserted by SPARQL."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def query_rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Sorted solutions of ``query`` as tuples of lexical values ("" for unbound)."""
    solutions = store.query(PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return sorted(tuple("" if row[n] is None else row[n].value for n in names) for row in solutions)


def query_values(store: ox.Store, query: str) -> list[str]:
    """The first variable's sorted values of ``query``."""
    return [row[0] for row in query_rows(store, query)]
