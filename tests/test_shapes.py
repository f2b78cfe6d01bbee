"""validate() accepts a conforming graph and names the exact constraint a broken one violates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from loader.paths import ONTOLOGY_DIR
from loader.validate import ONTOLOGY_FILE, SHAPES_FILE, ShapeViolation, ensure_valid, validate
from loader.vocab import LG, OA

VALID = Path(__file__).parent / "data" / "shapes" / "valid.ttl"
ID = "https://w3id.org/legisgraph/id/"

MEETING = URIRef(ID + "meeting/panel/itb/2024-04-08")
BRIEF = URIRef(ID + "paper/CB1-100-2024-04")
PARAGRAPH = URIRef(ID + "paper/CB1-100-2024-04/para/12")
CONCERN = URIRef(ID + "paper/CB1-100-2024-04/concern/1")
EVIDENCE = URIRef(ID + "paper/CB1-100-2024-04/concern/1/evidence")
POSITION = URIRef(ID + "paper/CB1-100-2024-04/concern/1/evidence/position")
QUOTE = URIRef(ID + "paper/CB1-100-2024-04/concern/1/evidence/quote")
MEASURE = URIRef(ID + "paper/CB1-100-2024-04/measure/4c")
RESPONSE = URIRef(ID + "paper/CB1-100-2024-04/response/1")
QUESTION = URIRef(ID + "question/2024-04-10/14")
ORDINANCE = URIRef(ID + "ordinance/cap486")
DPO = URIRef(ID + "org/dpo")


@dataclass(frozen=True)
class Breakage:
    """A purposeful violation: how to break the valid graph and the result it must cause."""

    name: str
    apply: Callable[[Graph], None]
    focus: URIRef
    path: str | None
    constraint: str


def set_value(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.set((subject, predicate, value))


def remove(subject: URIRef, predicate: URIRef, value=None) -> Callable[[Graph], None]:
    return lambda g: g.remove((subject, predicate, value))


BREAKAGES = [
    Breakage("missing label", remove(MEETING, RDFS.label), MEETING, "rdfs:label", "MinCount"),
    Breakage(
        "label in a language not allowed",
        set_value(MEETING, RDFS.label, Literal("réunion", lang="fr")),
        MEETING,
        "rdfs:label",
        "LanguageIn",
    ),
    Breakage(
        "untagged label",
        set_value(MEETING, RDFS.label, Literal("Meeting")),
        MEETING,
        "rdfs:label",
        "LanguageIn",
    ),
    Breakage(
        "meeting date as a plain string",
        set_value(MEETING, DCTERMS.date, Literal("2024-04-08")),
        MEETING,
        "dcterms:date",
        "Datatype",
    ),
    Breakage(
        "paragraph position as a string",
        set_value(PARAGRAPH, LG.position, Literal("12")),
        PARAGRAPH,
        "lg:position",
        "Datatype",
    ),
    Breakage(
        "question number as a string",
        set_value(QUESTION, LG.questionNumber, Literal("14")),
        QUESTION,
        "lg:questionNumber",
        "Datatype",
    ),
    Breakage(
        "missing superclass", remove(BRIEF, RDF.type, LG.Paper), BRIEF, "rdf:type", "HasValue"
    ),
    Breakage(
        "government body not typed lg:Organization",
        remove(DPO, RDF.type, LG.Organization),
        DPO,
        "rdf:type",
        "HasValue",
    ),
    Breakage(
        "meeting without date", remove(MEETING, DCTERMS.date), MEETING, "dcterms:date", "MinCount"
    ),
    Breakage(
        "paragraph in two papers",
        lambda g: g.add((PARAGRAPH, LG.partOfDocument, URIRef(ID + "paper/other"))),
        PARAGRAPH,
        "lg:partOfDocument",
        "MaxCount",
    ),
    Breakage(
        "concern without evidence", remove(CONCERN, LG.evidence), CONCERN, "lg:evidence", "MinCount"
    ),
    Breakage(
        "concern kind from another scheme",
        set_value(CONCERN, LG.concernKind, LG.StatusPlanned),
        CONCERN,
        "lg:concernKind",
        "In",
    ),
    Breakage(
        "response to nothing",
        remove(RESPONSE, LG.respondsTo),
        RESPONSE,
        "lg:respondsTo",
        "MinCount",
    ),
    Breakage(
        "target date as a plain string",
        set_value(MEASURE, LG.targetDate, Literal("2024-12")),
        MEASURE,
        "lg:targetDate",
        "Or",
    ),
    Breakage(
        "target date without its wording",
        remove(MEASURE, LG.targetDateText),
        MEASURE,
        None,
        "Or",
    ),
    Breakage(
        "evidence span that does not match the paragraph",
        set_value(POSITION, OA.end, Literal(14, datatype=XSD.nonNegativeInteger)),
        BRIEF,
        None,
        "SPARQL",
    ),
    Breakage(
        "evidence span ending before it starts",
        set_value(POSITION, OA.end, Literal(0, datatype=XSD.nonNegativeInteger)),
        POSITION,
        "oa:start",
        "LessThan",
    ),
    Breakage(
        "evidence selector as a blank node",
        lambda g: (
            g.remove((EVIDENCE, OA.hasSelector, QUOTE)),
            g.add((EVIDENCE, OA.hasSelector, _blank_quote(g))),
        ),
        EVIDENCE,
        "oa:hasSelector",
        "NodeKind",
    ),
    Breakage(
        "ordinance with a malformed chapter number",
        set_value(ORDINANCE, LG.capNumber, Literal("Cap. 486")),
        ORDINANCE,
        "lg:capNumber",
        "Pattern",
    ),
]


def _blank_quote(graph: Graph) -> BNode:
    node = BNode()
    for predicate, value in graph.predicate_objects(QUOTE):
        graph.add((node, predicate, value))
    return node


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return Graph().parse(VALID, format="turtle")


def copy_of(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_valid_graph_conforms(valid_graph: Graph) -> None:
    report = validate(valid_graph)
    assert report.conforms, report.text
    assert report.result_count == 0


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.name)
def test_broken_graph_is_rejected_with_the_specific_result(
    valid_graph: Graph, breakage: Breakage
) -> None:
    graph = copy_of(valid_graph)
    breakage.apply(graph)
    report = validate(graph)
    assert not report.conforms
    found = [
        r
        for r in report.results
        if r.focus_node == str(breakage.focus)
        and r.path == breakage.path
        and r.constraint == f"{breakage.constraint}ConstraintComponent"
    ]
    assert found, "\n".join(map(str, report.results))


def test_validation_leaves_the_graph_unchanged(valid_graph: Graph) -> None:
    graph = copy_of(valid_graph)
    validate(graph)
    assert set(graph) == set(valid_graph)


def test_ensure_valid_accepts_a_conforming_graph(valid_graph: Graph) -> None:
    ensure_valid(valid_graph, "valid.ttl")


def test_ensure_valid_raises_one_line_naming_the_source_and_first_result(
    valid_graph: Graph,
) -> None:
    graph = copy_of(valid_graph)
    graph.remove((MEETING, RDFS.label, None))
    with pytest.raises(ShapeViolation) as raised:
        ensure_valid(graph, "brief.txt")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("brief.txt: 1 SHACL violation(s); first: ")
    assert str(MEETING) in message and "rdfs:label" in message
    assert raised.value.report.result_count == 1
    assert "MinCountConstraintComponent" in raised.value.report.text


CURATED_TABLES = sorted(
    path for path in ONTOLOGY_DIR.glob("*.ttl") if path not in (ONTOLOGY_FILE, SHAPES_FILE)
)


@pytest.mark.parametrize("path", CURATED_TABLES, ids=lambda p: p.name)
def test_curated_table_conforms(path: Path) -> None:
    report = validate(Graph().parse(path, format="turtle"))
    assert report.conforms, report.text
