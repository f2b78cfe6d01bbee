"""The process's reused validator gives pyshacl's own one-call answer, whatever came before."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from loader.validate import _results, ontology_graph, shapes_graph, validate
from loader.vocab import LG

VALID = Path(__file__).parent / "data" / "shapes" / "valid.ttl"
MEETING = URIRef("https://w3id.org/legisgraph/id/meeting/panel/itb/2024-04-08")


def one_call(graph: Graph):
    """pyshacl's own validate, set up afresh for this graph (the reference answer)."""
    conforms, results, _ = pyshacl_validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_infos=False,
        allow_warnings=False,
    )
    return bool(conforms), _results(results)


@pytest.fixture
def valid_graph() -> Graph:
    return Graph().parse(VALID, format="turtle")


def broken(graph: Graph) -> Graph:
    """The valid graph with its meeting's label removed and a Chinese label tagged 'fr'."""
    graph.remove((MEETING, RDFS.label, None))
    graph.add((MEETING, LG.sourceName, Literal("x", lang="fr")))
    return graph


def test_valid_graph_gives_the_one_call_answer(valid_graph: Graph) -> None:
    report = validate(valid_graph)
    assert (report.conforms, report.results) == one_call(valid_graph)
    assert report.conforms


def test_broken_graph_gives_the_one_call_answer(valid_graph: Graph) -> None:
    graph = broken(valid_graph)
    report = validate(graph)
    assert not report.conforms
    assert (report.conforms, report.results) == one_call(graph)


def test_a_failing_graph_leaves_nothing_behind_for_the_next(valid_graph: Graph) -> None:
    copy = Graph()
    for triple in valid_graph:
        copy.add(triple)
    assert not validate(broken(valid_graph)).conforms
    assert validate(copy).conforms


def test_a_graph_stating_an_ontology_axiom_does_not_remove_it(valid_graph: Graph) -> None:
    axiom = next(ontology_graph().triples((None, RDFS.subClassOf, LG.Meeting)), None)
    assert axiom is not None, "the ontology has a subclass of lg:Meeting"
    subclass = axiom[0]
    stating = Graph()
    stating.add(axiom)
    validate(stating)
    # A meeting typed only with the subclass is a meeting only through the mixed-in axiom.
    typed = Graph()
    for triple in valid_graph:
        typed.add(triple)
    typed.remove((MEETING, RDF.type, LG.Meeting))
    typed.add((MEETING, RDF.type, subclass))
    report = validate(typed)
    assert (report.conforms, report.results) == one_call(typed)
