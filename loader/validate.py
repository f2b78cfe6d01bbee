"""Check graphs against ontology/shapes.ttl with pyshacl, so no malformed graph is stored.

pyshacl's one-call ``validate`` redoes per-call work that does not depend on the graph: it
copies the data graph, mixes the ontology's axioms into the copy, builds every shape from the
shapes graph and parses the SPARQL constraint's query anew (together ≈ 40 % of a typical
document's validation). So each process keeps one :class:`_Checker`: the ontology mixed in
once (pyshacl's own ``inoculate``), one ``Validator`` whose shapes are built once, and parsed
queries cached by their text. A graph is validated by adding its triples beside the mixed-in
ontology, running the validator and taking them out again: pyshacl sees the same graph it
would have built itself, so the results are the same.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.rdfutil.inoculate import inoculate
from pyshacl.shape import Shape
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from loader.ontology_files import ONTOLOGY_FILE as ONTOLOGY_FILE  # re-exported
from loader.ontology_files import SHAPES_FILE as SHAPES_FILE  # re-exported
from loader.ontology_files import ontology_graph, shapes_graph


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node broke which constraint on which path, and why."""

    focus_node: str
    path: str | None
    constraint: str
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"<{self.focus_node}>{path}: {self.message} ({self.constraint})"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one graph: conformance, pyshacl's text and each result."""

    conforms: bool
    text: str
    results: tuple[ValidationResult, ...]

    @property
    def result_count(self) -> int:
        """How many results (violations) the report holds."""
        return len(self.results)


class ShapeViolation(ValueError):
    """A graph that does not conform to the shapes; ``report`` holds every result."""

    def __init__(self, message: str, report: ValidationReport) -> None:
        super().__init__(message)
        self.report = report


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph`` without inference: lg: superclasses must be stated, not inferred."""
    conforms, results_graph, text = _checker().run(graph)
    return ValidationReport(bool(conforms), str(text), _results(results_graph))


class _QueryCachingGraph(Graph):
    """An rdflib Graph that parses each SPARQL query text once (pyshacl re-sends the SPARQL
    constraint's text for every focus node; rdflib's parser takes ≈ 50 ms per parse)."""

    def query(self, query_object: str | Query, *args: object, **kwargs: object) -> Result:
        """Graph.query, with a query text replaced by its parsed form, parsed once."""
        if isinstance(query_object, str):
            query_object = self._prepared(query_object)
        return super().query(query_object, *args, **kwargs)

    def _prepared(self, text: str) -> Query:
        cached = self.__dict__.setdefault("_parsed", {})
        if text not in cached:
            cached[text] = prepareQuery(text, initNs=dict(self.namespaces()))
        return cached[text]


class _Checker:
    """One process's validator: the ontology mixed in once, the shapes built once."""

    def __init__(self) -> None:
        self.graph = _QueryCachingGraph(bind_namespaces="none")
        data = DataGraph.from_rdflib(self.graph)
        inoculate(data, ontology_graph())  # what pyshacl mixes into every data graph
        self.ontology = frozenset(self.graph)
        self.validator = Validator(
            data,
            shacl_graph=shapes_graph(),
            options={
                "inference": "none",
                "inplace": True,
                "abort_on_first": False,
                "allow_infos": False,
                "allow_warnings": False,
            },
        )
        self.lock = threading.Lock()
        targets = [_Targets.of(shape, self.graph) for shape in self.validator.shacl_graph.shapes]
        targeted = [t for t in targets if t.always or t.classes or t.predicates]
        # shapes are chosen by IRI: with a targeted blank-node shape, every run takes them all
        chosen_by_iri = all(isinstance(t.shape, URIRef) for t in targeted)
        self.targets = targeted if targeted and chosen_by_iri else None
        self.ontology_types = frozenset(self.graph.objects(None, RDF.type))
        self.ontology_predicates = frozenset(self.graph.predicates(unique=True))

    def run(self, graph: Graph) -> tuple[bool, Graph, str]:
        """Validate ``graph``'s triples with the ontology beside them; leave only the ontology."""
        with self.lock:
            added = [triple for triple in graph if triple not in self.ontology]
            self.validator.options["use_shapes"] = self.shapes_for(graph)
            for triple in added:
                self.graph.add(triple)
            try:
                return self.validator.run()
            finally:
                for triple in added:
                    self.graph.remove(triple)

    def shapes_for(self, graph: Graph) -> list[Node] | None:
        """The shapes that can find a focus node in ``graph`` beside the ontology (the others
        cannot report anything), in pyshacl's order; None (every shape) when the graph states
        subclass axioms, which change what a class target covers."""
        if self.targets is None or (None, RDFS.subClassOf, None) in graph:
            return None
        types = self.ontology_types.union(graph.objects(None, RDF.type))
        predicates = self.ontology_predicates.union(graph.predicates(unique=True))
        chosen = [t.shape for t in self.targets if t.can_find(types, predicates)]
        # pyshacl takes an empty list for "every shape": one that finds nothing says the same
        return chosen or [self.targets[0].shape]


@dataclass(frozen=True)
class _Targets:
    """What a shape's targets (pyshacl's own reading of them) need to find a focus node."""

    shape: Node
    always: bool  #: target nodes or SPARQL-based targets: run on every graph
    classes: frozenset[Node]  #: instances of these (the target classes and their subclasses)
    predicates: frozenset[Node]  #: subjects or objects of these

    @classmethod
    def of(cls, shape: Shape, ontology: Graph) -> _Targets:
        """``shape``'s targets, class targets widened by the ontology's subclass axioms."""
        nodes, classes, implicit, objects_of, subjects_of = (set(t) for t in shape.target())
        always = bool(nodes) or (shape.node, SH.target, None) in shape.sg.graph
        widened = classes | implicit
        for target in list(widened):
            widened.update(ontology.transitive_subjects(RDFS.subClassOf, target))
        return cls(shape.node, always, frozenset(widened), frozenset(objects_of | subjects_of))

    def can_find(self, types: frozenset[Node], predicates: frozenset[Node]) -> bool:
        """True when the data's types and predicates may give this shape a focus node."""
        return (
            self.always
            or not self.classes.isdisjoint(types)
            or not self.predicates.isdisjoint(predicates)
        )


@cache
def _checker() -> _Checker:
    return _Checker()


def ensure_valid(graph: Graph, source_name: str) -> None:
    """Raise ShapeViolation, naming ``source_name`` and the first result, if ``graph`` fails."""
    report = validate(graph)
    if report.conforms:
        return
    first = report.results[0] if report.results else "no result detail"
    raise ShapeViolation(
        f"{source_name}: {report.result_count} SHACL violation(s); first: {first}", report
    )


def _results(results_graph: Graph) -> tuple[ValidationResult, ...]:
    """The report's top-level results (not nested sh:detail ones), in a stable order."""
    found = [
        ValidationResult(
            focus_node=str(results_graph.value(result, SH.focusNode)),
            path=_term_text(results_graph, results_graph.value(result, SH.resultPath)),
            constraint=_local_name(results_graph.value(result, SH.sourceConstraintComponent)),
            message=" ".join(str(m) for m in results_graph.objects(result, SH.resultMessage)),
        )
        for report in results_graph.subjects(RDF.type, SH.ValidationReport)
        for result in results_graph.objects(report, SH.result)
    ]
    return tuple(sorted(found, key=lambda r: (r.focus_node, r.path or "", r.constraint)))


def _term_text(graph: Graph, term: Node | None) -> str | None:
    """A result path as compact text: a prefixed name, or Turtle-ish text for a complex path."""
    if term is None:
        return None
    return term.n3(graph.namespace_manager)


def _local_name(term: Node | None) -> str:
    text = str(term or "")
    return text.rsplit("#", 1)[-1]
