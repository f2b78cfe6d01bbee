"""The default graph as the RDF merge of the named graphs, kept in step with every write.

Each document's statements live in its own named graph (provenance: ``GRAPH ?g`` says which
documents state a triple). Shared things — Members, committees, meetings — are described by
many documents, so one triple can sit in several named graphs. Oxigraph and Virtuoso evaluate
a "union default graph" as a bag, which counts such a triple once per graph; SPARQL says the
default graph is an RDF graph, a set. So the store keeps the merge itself: the default graph
holds each triple of any named graph exactly once, and every write that changes named graphs
updates it in the same SPARQL update request (one transaction on Oxigraph).

Where the merge lives: the engine's real default graph (the embedded store, the native Oxigraph
server, any engine with a default graph of its own), or, on Virtuoso, which has none, the graph
:data:`VIRTUOSO_MERGE_GRAPH`, made the default graph of each query by a pragma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

#: Where the merge lives on an engine without a default graph of its own (Virtuoso).
VIRTUOSO_MERGE_GRAPH = "urn:x-legisgraph:merged-default-graph"

_IRI = r'<[^<>"{}|^`\\\s]*>'
_LITERAL = rf'"(?:[^"\\\r\n]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^{_IRI})?'
#: N-Triples as serialisers write it: one statement a line, single spaces, no blank nodes and
#: no comments — text that becomes N-Quads by naming the graph before each line's final dot.
_PLAIN_NTRIPLES = re.compile(rf"(?:{_IRI} {_IRI} (?:{_IRI}|{_LITERAL}) \.\n)*")
_STATEMENT_END = re.compile(r" \.$", re.MULTILINE)


class MergeTarget:
    """Where the merged default graph is kept: the real default graph, or a named graph."""

    def __init__(self, graph_iri: str | None = None, scope: str | None = None) -> None:
        self.graph_iri = graph_iri
        #: Only named graphs whose IRI starts with this count (a shared engine's own graphs don't).
        self.scope = scope

    def _in_merge(self, pattern: str = "?s ?p ?o") -> str:
        """``pattern`` addressed to the merge, in a template or a graph pattern."""
        return f"GRAPH <{self.graph_iri}> {{ {pattern} }}" if self.graph_iri else pattern

    def _others(self, graphs: Iterable[str]) -> str:
        """A filter keeping ``?other`` out of ``graphs`` and out of the merge graph itself."""
        excluded = [f"<{g}>" for g in graphs]
        if self.graph_iri:
            excluded.append(f"<{self.graph_iri}>")
        return f"FILTER(?other NOT IN ({', '.join(excluded)}))" if excluded else ""

    def forget(self, graphs: Iterable[str]) -> str:
        """Remove from the merge what only ``graphs`` state (run before they change)."""
        graphs = list(graphs)
        return " ;\n".join(
            f"DELETE {{ {self._in_merge()} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} {self._others(graphs)} }} }}"
            for graph in graphs
        )

    def absorb(self, graphs: Iterable[str]) -> str:
        """Add what ``graphs`` state to the merge (run after they changed)."""
        return " ;\n".join(
            f"INSERT {{ {self._in_merge()} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            for graph in graphs
        )

    def around(self, graphs: Iterable[str], update: str) -> str:
        """``update``, which writes only ``graphs``, with the merge kept in step around it."""
        graphs = sorted(set(graphs))
        if not graphs:
            return update
        body = _without_final_semicolon(update)
        return f"{self.forget(graphs)} ;\n{body}\n;\n{self.absorb(graphs)}"

    def after(self, graphs: Iterable[str], update: str) -> str:
        """``update``, which writes only ``graphs`` but may read the merge (a user's
        DELETE/INSERT … WHERE), followed by a sweep of what no graph states any more."""
        sweep = (
            f"DELETE {{ {self._in_merge()} }} WHERE {{ {self._in_merge()} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} {self._others([])} }} }}"
        )
        absorb = self.absorb(sorted(set(graphs)))
        tail = f" ;\n{absorb}" if absorb else ""
        return f"{_without_final_semicolon(update)}\n;\n{sweep}{tail}"

    def after_any(self, update: str) -> str:
        """``update``, whose written graphs are not known, followed by a rebuild of the merge."""
        return f"{_without_final_semicolon(update)}\n;\n{self.rebuild()}"

    def replace(self, graph_iri: str, ntriples: str) -> str:
        """Replace one named graph's content and keep the merge in step: one update request."""
        graph = ox.NamedNode(graph_iri)
        write = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}} }}"
        return self.around([graph_iri], write)

    def drop(self, graph_iri: str) -> str:
        """Remove one named graph and what only it stated from the merge."""
        return self.around([graph_iri], f"DROP SILENT GRAPH {ox.NamedNode(graph_iri)}")

    def rebuild(self) -> str:
        """Derive the whole merge afresh from every named graph (a migration, or a repair)."""
        outside = f"FILTER(?other != <{self.graph_iri}>)" if self.graph_iri else ""
        if self.scope:
            outside = f"FILTER(STRSTARTS(STR(?other), {ox.Literal(self.scope)}))"
        target = f"GRAPH <{self.graph_iri}>" if self.graph_iri else "DEFAULT"
        return (
            f"CLEAR SILENT {target} ;\n"
            f"INSERT {{ {self._in_merge()} }} "
            f"WHERE {{ GRAPH ?other {{ ?s ?p ?o }} {outside} }}"
        )


def new_graph_nquads(graph_iri: str, ntriples: str) -> str | None:
    """N-Quads writing a graph that does not exist yet, and the merge with it, in one load:
    each triple in the graph and in the default graph (the merge is a set, so a triple other
    graphs state already is not doubled; a new graph has nothing to forget). None when the text
    is not plain N-Triples (the SPARQL update of :meth:`MergeTarget.replace` handles any)."""
    text = ntriples if ntriples.endswith("\n") or not ntriples else ntriples + "\n"
    if not _PLAIN_NTRIPLES.fullmatch(text):
        return None
    named = _STATEMENT_END.sub(f" {ox.NamedNode(graph_iri)} .", text)
    return named + text


def _without_final_semicolon(update: str) -> str:
    """The update without the one trailing ';' the grammar allows, so that more can follow."""
    body = update.rstrip()
    return body[:-1] if body.endswith(";") else body


#: The number of triples in the merged default graph.
MERGED_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: The number of distinct triples over all named graphs (what the merge must hold).
DISTINCT_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
)


def merge_counts(store: object) -> tuple[int, int]:
    """(triples in the default graph, distinct triples in the named graphs): equal in step."""
    merged, distinct = (store.query(q) for q in (MERGED_COUNT, DISTINCT_COUNT))
    return int(next(iter(merged))["n"].value), int(next(iter(distinct))["n"].value)
