"""Only the shapes whose targets occur in a graph are run, with pyshacl's one-call answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from test_validate_reuse import one_call

from loader.validate import _checker, validate
from loader.vocab import LG, OA

VALID = Path(__file__).parent / "data" / "shapes" / "valid.ttl"
SHAPES = "https://w3id.org/legisgraph/shapes#"
THING = URIRef("https://example.org/thing")
POSITION = URIRef(
    "https://w3id.org/legisgraph/id/paper/CB1-100-2024-04/concern/1/evidence/position"
)


def chosen(graph: Graph) -> set[str] | None:
    """The local names of the shapes run on ``graph`` (None: every shape)."""
    shapes = _checker().shapes_for(graph)
    return None if shapes is None else {str(s).removeprefix(SHAPES) for s in shapes}


def same_as_one_call(graph: Graph) -> bool:
    report = validate(graph)
    return (report.conforms, report.results) == one_call(graph)


def test_a_graph_of_meetings_runs_the_meeting_and_label_shapes_only() -> None:
    graph = Graph()
    graph.add((THING, RDF.type, LG.CouncilMeeting))
    assert chosen(graph) == {"LabelShape", "MeetingTypesShape", "MeetingShape"}
    assert not validate(graph).conforms
    assert same_as_one_call(graph)


def test_a_predicate_target_is_chosen_by_the_predicate() -> None:
    graph = Graph()
    graph.add((THING, LG.partOfDocument, URIRef("https://example.org/paper")))
    assert "EvidenceTextShape" in chosen(graph)
    graph.add((THING, LG.sourceSha256, Literal("not a digest")))
    assert "GraphProvenanceShape" in chosen(graph)
    assert not validate(graph).conforms
    assert same_as_one_call(graph)


def test_an_empty_graph_gives_the_one_call_answer() -> None:
    assert same_as_one_call(Graph())


def test_a_graph_stating_subclass_axioms_runs_every_shape() -> None:
    """Its axioms make instances of its own classes targets of ours: no shape is skipped."""
    graph = Graph()
    local = URIRef("https://example.org/LocalMeeting")
    graph.add((local, RDFS.subClassOf, LG.Meeting))
    graph.add((THING, RDF.type, local))
    assert chosen(graph) is None
    report = validate(graph)
    assert not report.conforms  # a meeting without its date and committee
    assert same_as_one_call(graph)


@pytest.mark.parametrize("start", [3, 10_000])
def test_the_real_document_shapes_agree_with_one_call_when_evidence_breaks(start: int) -> None:
    graph = Graph().parse(VALID, format="turtle")
    graph.set((POSITION, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    assert not validate(graph).conforms
    assert same_as_one_call(graph)
