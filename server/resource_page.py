"""What a resource's page and its RDF twins hold: its description, incoming links and sources.

The description served for an IRI (HTML, Turtle, N-Triples, RDF/XML, JSON-LD alike) is a
concise-bounded-description-like graph over the union of all named graphs:

- every triple with the resource as subject, plus the triples of the blank nodes and hash IRIs
  (``{IRI}#load``) it points to;
- the incoming links (triples with the resource as object), per property one page of
  ``INCOMING_PAGE_SIZE`` linking resources in IRI order: the first page of each property, or the
  page asked for with ``?incoming=<property IRI>&page=<n>``.

Labels of linked resources, provenance and the kind-specific views are shown on the HTML page
only; the RDF twins carry the description itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import current_app, request

from loader.store import GraphStore
from loader.vocab import PREFIXES
from server import resource_queries as q
from server.errors import ApiError
from server.labels import best_label, label_predicates, language_rank
from server.resource_values import Presenter, Value, local_name

RDF_TYPE = PREFIXES["rdf"] + "type"


@dataclass(frozen=True)
class IncomingPage:
    """One page of the resources linking to ours with one property."""

    property: ox.NamedNode
    count: int
    page: int
    subjects: list[ox.NamedNode | ox.BlankNode]


@dataclass
class Description:
    """The resource's own triples and the incoming pages shown with it."""

    this: ox.NamedNode
    outgoing: list[ox.Triple]
    incoming: list[IncomingPage]

    def triples(self) -> list[ox.Triple]:
        """The whole description, sorted so that every serialisation is stable."""
        linked = [
            ox.Triple(subject, page.property, self.this)
            for page in self.incoming
            for subject in page.subjects
        ]
        return sorted(set(self.outgoing + linked), key=str)


@dataclass(frozen=True)
class IncomingGroup:
    """Incoming links of one property as shown: count, this page's links and paging."""

    property: Value
    property_iri: str
    count: int
    page: int
    pages: int
    links: list[Value]


@dataclass
class ResourcePage:
    """Everything the HTML page shows."""

    iri: str
    title: Value
    types: list[Value]
    properties: list[tuple[Value, list[Value]]]
    incoming: list[IncomingGroup]
    parts: list[tuple[str, Value, list[tuple[Value, list[Value]]]]]
    kinds: dict[str, object] = field(default_factory=dict)


def query(store: GraphStore, text: str, this: ox.NamedNode, **bindings):
    """Run one of the page queries with ``?this`` (and other variables) bound."""
    substitutions = {q.THIS: this} | {ox.Variable(k): v for k, v in bindings.items()}
    return store.query(text, prefixes=PREFIXES, substitutions=substitutions)


def exists(store: GraphStore, iri: str) -> bool:
    """True when the IRI is used anywhere in the store."""
    return bool(query(store, q.EXISTS, ox.NamedNode(iri)))


def incoming_request() -> tuple[str | None, int]:
    """The ``?incoming=`` property and ``?page=`` asked for (page 1 of each by default)."""
    prop = request.args.get("incoming")
    if prop is not None:
        try:
            ox.NamedNode(prop)
        except ValueError as error:
            raise ApiError(400, f"incoming= must be a property IRI: {error}") from None
    page_text = request.args.get("page", "1")
    if not page_text.isdecimal() or int(page_text) < 1:
        raise ApiError(400, f"page= must be a whole number from 1, not {page_text!r}")
    if prop is None and page_text != "1":
        raise ApiError(400, "page= needs incoming=<property IRI> to say which links to page")
    return prop, int(page_text)


def describe(store: GraphStore, iri: str) -> Description:
    """The description of ``iri`` as the module docstring defines it."""
    this = ox.NamedNode(iri)
    focus, focus_page = incoming_request()
    size = int(current_app.config["INCOMING_PAGE_SIZE"])
    outgoing = list(dict.fromkeys(query(store, q.OUTGOING, this)))
    incoming = []
    for row in query(store, q.INCOMING_COUNTS, this):
        prop = row["property"]
        page = focus_page if prop.value == focus else 1
        offset = (page - 1) * size
        subjects = [
            r["s"]
            for r in query(
                store, q.INCOMING_PAGE.substitute(limit=size, offset=offset), this, property=prop
            )
        ]
        incoming.append(IncomingPage(prop, int(row["count"].value), page, subjects))
    return Description(this, outgoing, incoming)


def build_page(description: Description, presenter: Presenter) -> ResourcePage:
    """The page's labelled view of a description."""
    iri = description.this.value
    outgoing = [t for t in description.outgoing if t.subject == description.this]
    presenter.prefetch(
        [t.predicate for t in outgoing]
        + [t.object for t in outgoing]
        + [page.property for page in description.incoming]
        + [s for page in description.incoming for s in page.subjects]
    )
    return ResourcePage(
        iri=iri,
        title=title_of(iri, outgoing, presenter.language),
        types=sorted(
            (presenter.term(t.object) for t in outgoing if t.predicate.value == RDF_TYPE),
            key=lambda v: v.text,
        ),
        properties=_properties(outgoing, presenter),
        incoming=_incoming(description.incoming, presenter),
        parts=_parts(description, presenter),
    )


def title_of(iri: str, triples: list[ox.Triple], language: str) -> Value:
    """The best label among the resource's own label triples; its local name without one."""
    predicates = set(label_predicates())
    candidates = [
        (t.predicate.value, t.object.value, t.object.language or "")
        for t in triples
        if t.predicate.value in predicates and isinstance(t.object, ox.Literal)
    ]
    best = best_label(candidates, language)
    if best is None:
        return Value(local_name(iri) or iri, None, iri=iri)
    return Value(best[0], best[1] or None, iri=iri)


def _properties(
    triples: list[ox.Triple], presenter: Presenter, *, with_types: bool = False
) -> list[tuple[Value, list[Value]]]:
    """Every property (rdf:type only if asked) with its values: labels first, then by label."""
    by_property: dict[str, list] = {}
    for triple in triples:
        if with_types or triple.predicate.value != RDF_TYPE:
            by_property.setdefault(triple.predicate.value, []).append(triple.object)
    predicates = label_predicates()

    def property_order(iri: str) -> tuple[int, str]:
        rank = predicates.index(iri) if iri in predicates else len(predicates)
        return rank, presenter.iri(iri).text.casefold()

    def value_order(term) -> tuple[int, str]:
        tag = term.language or "" if isinstance(term, ox.Literal) else ""
        return language_rank(tag, presenter.language), presenter.term(term).text

    return [
        (presenter.iri(p), [presenter.term(o) for o in sorted(by_property[p], key=value_order)])
        for p in sorted(by_property, key=property_order)
    ]


def _parts(description: Description, presenter: Presenter) -> list:
    """(fragment, title, properties) of each hash IRI described with the resource."""
    prefix = description.this.value + "#"
    by_part: dict[str, list[ox.Triple]] = {}
    for triple in description.outgoing:
        if isinstance(triple.subject, ox.NamedNode) and triple.subject.value.startswith(prefix):
            by_part.setdefault(triple.subject.value, []).append(triple)
    presenter.prefetch([t.object for triples in by_part.values() for t in triples])
    return [
        (
            iri[len(prefix) :],
            title_of(iri, triples, presenter.language),
            _properties(triples, presenter, with_types=True),
        )
        for iri, triples in sorted(by_part.items())
    ]


def _incoming(pages: list[IncomingPage], presenter: Presenter) -> list[IncomingGroup]:
    size = int(current_app.config["INCOMING_PAGE_SIZE"])
    groups = [
        IncomingGroup(
            property=presenter.iri(page.property.value),
            property_iri=page.property.value,
            count=page.count,
            page=page.page,
            pages=max(1, -(-page.count // size)),
            links=[presenter.term(s) for s in page.subjects],
        )
        for page in pages
    ]
    return sorted(groups, key=lambda g: g.property.text.casefold())
