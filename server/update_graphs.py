"""Which graphs a SPARQL update writes, so that the merged default graph follows it.

The default graph is the merge of the named graphs (loader.merge): an update that writes named
graphs is sent with the few operations that bring the merge in step, in the same request. The
merge itself is derived, so an update that writes the default graph is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.term import URIRef

from loader.merge import MergeTarget
from server.errors import ApiError

DEFAULT_GRAPH_WRITE = (
    "the default graph is the merge of the named graphs and cannot be written itself: "
    "write to a named graph (GRAPH <iri> { … }, WITH <iri>, INTO GRAPH <iri>, ?graph=IRI)"
)


@dataclass
class WrittenGraphs:
    """The named graphs an update writes; ``any`` when a variable or ALL/NAMED says which."""

    named: set[str] = field(default_factory=set)
    any: bool = False
    default: bool = False

    def add(self, graph: object) -> None:
        """Note one target: an IRI, 'DEFAULT', 'NAMED'/'ALL', a variable, or None (default)."""
        if graph is None or graph == "DEFAULT":
            self.default = True
        elif isinstance(graph, URIRef):
            self.named.add(str(graph))
        else:
            self.any = True


def written_graphs(update: str, base_iri: str | None = None) -> WrittenGraphs | None:
    """The graphs ``update`` writes, or None when rdflib cannot read it (the engine will say)."""
    try:
        operations = translateUpdate(parseUpdate(update), base=base_iri).algebra
    except (ParseException, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    written = WrittenGraphs()
    for op in operations:
        if op.name in ("InsertData", "DeleteData", "DeleteWhere"):
            _templates(written, op, None)
        elif op.name == "Modify":
            for clause in (_field(op, "delete"), _field(op, "insert")):
                if clause is not None:
                    _templates(written, clause, _field(op, "withClause"))
        elif op.name == "Load":
            written.add(_field(op, "graphiri"))
        elif op.name in ("Clear", "Drop", "Create"):
            target = _field(op, "graphiri")
            written.any |= target == "ALL"  # ALL empties the merge too: rebuilt from nothing
            if target != "ALL":
                written.add(target)
        elif op.name in ("Add", "Copy", "Move"):
            source, target = op["graph"]
            written.add(target)
            if op.name == "Move":
                written.add(source)
        else:
            written.any = True
    return written


def _field(part: dict, name: str) -> object:
    """A field of rdflib's algebra node, or None (its own ``get`` means something else)."""
    return dict.get(part, name)


def _templates(written: WrittenGraphs, clause: dict, with_graph: object) -> None:
    if _field(clause, "triples"):
        written.add(with_graph)
    for graph in (_field(clause, "quads") or {}).keys():
        written.add(graph)


def keeping_merge(update: str, merge: MergeTarget, base_iri: str | None = None) -> str:
    """The update with the operations that keep the merged default graph in step after it."""
    written = written_graphs(update, base_iri)
    if written is None or written.any:
        return merge.after_any(update)
    if written.default:
        raise ApiError(400, DEFAULT_GRAPH_WRITE)
    return merge.after(written.named, update)
