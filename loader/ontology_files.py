"""The ontology and the SHACL shapes as files and parsed graphs, without pyshacl.

Web processes show and label with the ontology but never validate: they import this module,
not ``loader.validate``, so pyshacl stays out of them.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph

from loader.paths import ONTOLOGY_DIR

ONTOLOGY_FILE = ONTOLOGY_DIR / "legisgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once per process."""
    return Graph(bind_namespaces="none").parse(SHAPES_FILE, format="turtle")


@cache
def ontology_graph() -> Graph:
    """The ontology, parsed once per process; mixed into the data graph for sh:class checks."""
    return Graph(bind_namespaces="none").parse(ONTOLOGY_FILE, format="turtle")
