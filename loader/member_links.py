"""One node per Member whatever the order: re-link ``member/name/…`` nodes once the Member is known.

A document names a Member the curated table cannot settle as ``member/name/{key}``; the table
itself keys a Member HansardDB names but ScheduleDB did not list as ``member/name/{chinese}``.
When the store learns the Member (a harvest writes ``member/{id}`` with every name ScheduleDB
and HansardDB give), ``relink`` rewrites every graph holding such a node: the node becomes the
Member, its labels become ``skos:altLabel``s, and the table's description comes along. It runs
after a harvest (over every graph) and after a load (over the graphs just loaded), so loading
then harvesting and harvesting then loading leave the same graphs. Writes go only through the
target's ``replace_graph``. A name no Member with an id holds stays unlinked and is reported;
a name two Members hold is reported as ambiguous, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from loader.errors import LoadError
from loader.member_table import member_table
from loader.members import MemberDirectory
from loader.vocab import LG, LG_NAMESPACE

_RENAMED = {str(RDFS.label), str(FOAF.name)}


@dataclass(frozen=True)
class Unlinked:
    """A ``member/name/…`` node left as it is, in one graph, and why."""

    graph: str
    node: str
    names: str
    reason: str


@dataclass
class RelinkReport:
    """Graphs rewritten, nodes re-linked, and the nodes left with their reasons."""

    graphs: list[str] = field(default_factory=list)
    #: Each rewritten graph's size after the rewrite, in triples.
    sizes: dict[str, int] = field(default_factory=dict)
    relinked: dict[str, str] = field(default_factory=dict)
    unlinked: list[Unlinked] = field(default_factory=list)


def identity_directory(target, base: str) -> tuple[MemberDirectory, dict[URIRef, URIRef]]:
    """Every Member with a ScheduleDB id (the table's and the store's), and the table's
    name-keyed Members each mapped to the one Member with an id both its names match."""
    table = member_table(base)
    directory = MemberDirectory.from_store(_Reader(target))
    for record in table.directory.members.values():
        if record.member_id:
            directory.add(record)
    aliases: dict[URIRef, URIRef] = {}
    for record in table.provisional():
        found = {directory.match(name).iri for name, _ in record.variants}
        found.discard(None)
        if len(found) == 1 and all(
            directory.match(name).iri in (None, *found) for name, _ in record.variants
        ):
            aliases[record.iri] = next(iter(found))
    return directory, aliases


def relink(target, base: str, graphs: Iterable[str] | None = None) -> RelinkReport:
    """Re-link the ``member/name/…`` nodes of ``graphs`` (default: every graph) in ``target``."""
    report = RelinkReport()
    nodes = _name_nodes(target, base, graphs)
    if not nodes:
        return report
    directory, aliases = identity_directory(target, base)
    table = member_table(base)
    for graph_iri in sorted(nodes):
        mapping: dict[str, URIRef] = {}
        for node, names in sorted(nodes[graph_iri].items()):
            found, reason = _settle(directory, aliases, URIRef(node), names, table)
            if found is not None:
                mapping[node] = found
                report.relinked[node] = str(found)
            else:
                report.unlinked.append(Unlinked(graph_iri, node, " / ".join(sorted(names)), reason))
        if mapping:
            rewritten = _rewritten(target, graph_iri, mapping, table)
            target.replace_graph(graph_iri, rewritten)
            report.graphs.append(graph_iri)
            report.sizes[graph_iri] = sum(1 for line in rewritten.splitlines() if line.strip())
    return report


def _settle(directory, aliases, node: URIRef, names: set[str], table) -> tuple[URIRef | None, str]:
    """The Member ``node`` stands for, or None and why (unmatched or ambiguous)."""
    if node in aliases:
        return aliases[node], "matched"
    provisional = any(record.iri == node for record in table.provisional())
    matches = [directory.match(name) for name in sorted(names)]
    found = {match.iri for match in matches if match.iri is not None}
    unsure = [match for match in matches if match.iri is None and match.candidates]
    if len(found) == 1 and all(set(found) <= set(m.candidates) for m in unsure):
        return next(iter(found)), "matched"
    if len(found) > 1 or unsure:
        candidates = sorted(set().union(found, *(m.candidates for m in unsure)))
        return None, "ambiguous: " + ", ".join(candidates)
    if provisional:
        return None, "no ScheduleDB id known for this curated Member"
    return None, "no member has this name"


def _name_nodes(target, base: str, graphs: Iterable[str] | None) -> dict[str, dict[str, set]]:
    """Graph → ``member/name/…`` node → the names the graph gives it."""
    values = ""
    if graphs is not None:
        chosen = [ox.NamedNode(graph) for graph in graphs]
        if not chosen:
            return {}
        values = "VALUES ?g { " + " ".join(str(graph) for graph in chosen) + " }"
    prefix = ox.Literal(f"{base}member/name/")
    query = f"""
        SELECT ?g ?m ?name WHERE {{
            {values}
            GRAPH ?g {{
                ?m a <{LG_NAMESPACE}Member> .
                OPTIONAL {{ ?m <{RDFS.label}>|<{FOAF.name}>|<{SKOS.altLabel}> ?name }}
            }}
            FILTER (STRSTARTS(STR(?m), {prefix}))
        }}"""
    found: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for graph, node, name in _Reader(target).rows(query):
        names = found[graph.value][node.value]
        if name is not None:
            names.add(name.value)
    return found


def _rewritten(target, graph_iri: str, mapping: dict[str, URIRef], table) -> str:
    """The graph's N-Triples with each mapped node replaced by its Member."""
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {ox.NamedNode(graph_iri)} {{ ?s ?p ?o }} }}"
    lines = set()
    for s, p, o in _Reader(target).rows(query):
        if isinstance(s, ox.NamedNode) and s.value in mapping:
            s = ox.NamedNode(mapping[s.value])
            if p.value in _RENAMED:
                p = ox.NamedNode(str(SKOS.altLabel))
        if isinstance(o, ox.NamedNode) and o.value in mapping:
            o = ox.NamedNode(mapping[o.value])
        lines.add(f"{s} {p} {o} .")
    for member in set(mapping.values()):
        for s, p, o in table.describe(member):
            lines.add(f"{s.n3()} {p.n3()} {o.n3()} .")
        lines.add(f"<{member}> <{RDF.type}> <{LG.Member}> .")
    return "\n".join(sorted(lines)) + "\n"


class _Reader:
    """SELECT rows from a GraphStore, a RemoteEngine or a ServerTarget (each has ``query``)."""

    def __init__(self, target) -> None:
        self.target = target

    def query(self, sparql: str):
        """Rows with ``row[name]`` access, as ``MemberDirectory.from_store`` reads them."""
        return self.target.query(sparql)

    def rows(self, sparql: str) -> list[tuple]:
        """Each row as a tuple of terms (None where unbound), in the SELECT's order."""
        result = self.target.query(sparql)
        names = [variable.value for variable in result.variables]
        return [tuple(row[name] for name in names) for row in result]


def relink_after_load(target, base: str, graphs: list[str]) -> list[str]:
    """Re-link the graphs a load just wrote; a note for the load's summary when any changed."""
    try:
        report = relink(target, base, graphs)
    except LoadError as error:  # a server target went away: the documents stay as loaded
        return [f"member names not re-linked: {' '.join(str(error).split())}"]
    if not report.relinked:
        return []
    return [
        f"re-linked {len(report.relinked)} member names to the Members the store knows "
        f"in {len(report.graphs)} graphs"
    ]
