"""The ontology at /ontology: a bilingual page generated from the Turtle, or Turtle, or JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from flask import Blueprint, Response, render_template
from flask_babel import lazy_gettext
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from loader.ontology_files import ONTOLOGY_FILE, SHAPES_FILE, ontology_graph
from loader.vocab import LG_NAMESPACE
from server import negotiation
from server.store import get_store

bp = Blueprint("ontology", __name__)

#: The kinds of property the page lists, each in a section of its own.
_PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)

#: Axioms shown as alignments to other vocabularies, with the words the page uses for them.
ALIGNMENTS = {
    RDFS.subClassOf: lazy_gettext("subclass of"),
    RDFS.subPropertyOf: lazy_gettext("subproperty of"),
    OWL.equivalentClass: lazy_gettext("equivalent to"),
    SKOS.exactMatch: lazy_gettext("exact match"),
    SKOS.closeMatch: lazy_gettext("close match"),
}


@dataclass(frozen=True)
class Ref:
    """A link to a term: compact text, where it points and whether it is one of ours."""

    text: str
    href: str
    local: bool


@dataclass
class Term:
    """One lg: term as the page shows it: bilingual label and definition, notes, alignments."""

    iri: str
    name: str
    label_en: str
    label_zh: str
    definition_en: str
    definition_zh: str
    comments: list[str]
    alignments: list[tuple[str, Ref]]
    parents: list[Ref] = field(default_factory=list)
    children: list[Ref] = field(default_factory=list)
    domain: list[Ref] = field(default_factory=list)
    range: list[Ref] = field(default_factory=list)
    used_by: list[Ref] = field(default_factory=list)
    members: list[Term] = field(default_factory=list)


@dataclass
class OntologyView:
    """Everything the page shows that comes from the Turtle (examples come from the store)."""

    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    version: str
    license: str
    creator: str
    classes: list[Term]
    tree: list[tuple[int, Ref]]
    object_properties: list[Term]
    datatype_properties: list[Term]
    schemes: list[Term]


@bp.route("/ontology")
def page() -> Response:
    """The ontology in the representation the Accept header prefers; HTML for browsers."""
    media_type = negotiation.choose(negotiation.ONTOLOGY, "the ontology", by_name=False).media_type
    if media_type == "text/turtle":
        response = turtle()
    elif media_type == "application/ld+json":
        response = jsonld()
    else:
        view = ontology_view()
        response = Response(
            render_template("ontology/page.html", view=view, examples=class_examples(view))
        )
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/ontology.ttl")
def turtle() -> Response:
    """The ontology's Turtle file, byte for byte."""
    return Response(ONTOLOGY_FILE.read_bytes(), mimetype="text/turtle")


@bp.route("/ontology.jsonld")
def jsonld() -> Response:
    """The ontology as JSON-LD, compacted with the Turtle file's prefixes."""
    return Response(jsonld_bytes(), mimetype="application/ld+json")


@bp.route("/shapes.ttl")
def shapes() -> Response:
    """The SHACL shapes every loaded graph is checked against, byte for byte."""
    return Response(SHAPES_FILE.read_bytes(), mimetype="text/turtle")


@cache
def jsonld_bytes() -> bytes:
    """rdflib's JSON-LD serialisation of the ontology, made once per process."""
    graph = ontology_graph()
    context = {prefix: str(ns) for prefix, ns in graph.namespace_manager.namespaces() if prefix}
    return graph.serialize(format="json-ld", context=context).encode("utf-8")


def class_examples(view: OntologyView) -> dict[str, str]:
    """One instance IRI per class from the live store, for the classes that have any."""
    classes = " ".join(f"<{term.iri}>" for term in view.classes)
    query = (
        "SELECT ?c (SAMPLE(?x) AS ?example) "
        f"WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c }} GROUP BY ?c"
    )
    return {row["c"].value: row["example"].value for row in get_store().query(query)}


@cache
def ontology_view() -> OntologyView:
    """The page's content, generated once per process from ontology/legisgraph.ttl."""
    graph = ontology_graph()
    header = graph.value(predicate=RDF.type, object=OWL.Ontology)
    classes = [_term(graph, c) for c in _ours(graph, OWL.Class)]
    by_name = {term.name: term for term in classes}
    properties = {kind: [_term(graph, p) for p in _ours(graph, kind)] for kind in _PROPERTY_KINDS}
    for term in properties[OWL.ObjectProperty] + properties[OWL.DatatypeProperty]:
        for ref in term.domain:
            if ref.local:
                by_name[ref.href.removeprefix("#")].used_by.append(_ref(graph, URIRef(term.iri)))
    schemes = [_term(graph, s) for s in _ours(graph, SKOS.ConceptScheme)]
    for scheme in schemes:
        concepts = sorted(graph.subjects(SKOS.inScheme, URIRef(scheme.iri)))
        scheme.members = [_term(graph, c) for c in concepts]
    return OntologyView(
        title_en=_text(graph, header, DCTERMS.title, "en"),
        title_zh=_text(graph, header, DCTERMS.title, "zh-Hant"),
        description_en=_text(graph, header, DCTERMS.description, "en"),
        description_zh=_text(graph, header, DCTERMS.description, "zh-Hant"),
        version=str(graph.value(header, OWL.versionInfo)),
        license=str(graph.value(header, DCTERMS.license)),
        creator=str(graph.value(header, DCTERMS.creator)),
        classes=classes,
        tree=_tree(graph, by_name),
        object_properties=properties[OWL.ObjectProperty],
        datatype_properties=properties[OWL.DatatypeProperty],
        schemes=schemes,
    )


def _ours(graph: Graph, kind: URIRef) -> list[URIRef]:
    """The lg: terms of one kind, in the order of their local names."""
    return sorted(s for s in graph.subjects(RDF.type, kind) if str(s).startswith(LG_NAMESPACE))


def _term(graph: Graph, iri: URIRef) -> Term:
    """One term's page entry, read from the graph."""
    alignments = [
        (words, ref)
        for predicate, words in ALIGNMENTS.items()
        for target in sorted(graph.objects(iri, predicate))
        for ref in _refs(graph, target)
        if not ref.local
    ]
    return Term(
        iri=str(iri),
        name=str(iri).removeprefix(LG_NAMESPACE),
        label_en=_text(graph, iri, RDFS.label, "en"),
        label_zh=_text(graph, iri, RDFS.label, "zh-Hant"),
        definition_en=_text(graph, iri, SKOS.definition, "en"),
        definition_zh=_text(graph, iri, SKOS.definition, "zh-Hant"),
        comments=sorted(str(c) for c in graph.objects(iri, RDFS.comment)),
        alignments=alignments,
        parents=_local_refs(graph, graph.objects(iri, RDFS.subClassOf))
        + _local_refs(graph, graph.objects(iri, RDFS.subPropertyOf)),
        children=_local_refs(graph, graph.subjects(RDFS.subClassOf, iri)),
        domain=_refs(graph, graph.value(iri, RDFS.domain)),
        range=_refs(graph, graph.value(iri, RDFS.range)),
    )


def _tree(graph: Graph, by_name: dict[str, Term]) -> list[tuple[int, Ref]]:
    """The lg: class hierarchy as (depth, class) rows, each root followed by its subclasses."""
    rows: list[tuple[int, Ref]] = []

    def visit(term: Term, depth: int) -> None:
        rows.append((depth, _ref(graph, URIRef(term.iri))))
        for child in term.children:
            visit(by_name[child.href.removeprefix("#")], depth + 1)

    for term in by_name.values():
        if not term.parents:
            visit(term, 0)
    return rows


def _local_refs(graph: Graph, nodes) -> list[Ref]:
    return sorted((r for n in nodes for r in _refs(graph, n) if r.local), key=lambda r: r.text)


def _refs(graph: Graph, node: Node | None) -> list[Ref]:
    """Links for a domain, range or alignment target; a union becomes one link per member."""
    if node is None:
        return []
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        return [_ref(graph, m) for m in Collection(graph, members)] if members else []
    return [_ref(graph, node)]


def _ref(graph: Graph, iri: Node) -> Ref:
    text = iri.n3(graph.namespace_manager)
    if str(iri).startswith(LG_NAMESPACE):
        return Ref(text, "#" + str(iri).removeprefix(LG_NAMESPACE), True)
    return Ref(text, str(iri), False)


def _text(graph: Graph, subject: Node | None, predicate: URIRef, language: str) -> str:
    """The value of ``predicate`` in ``language``, or an empty string."""
    for value in graph.objects(subject, predicate):
        if getattr(value, "language", None) == language:
            return str(value)
    return ""
