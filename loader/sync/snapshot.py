"""Load an open-data snapshot: a TriG or N-Quads dataset (gzipped or not), graph by graph.

The bundled ``samples/legco-open-data.nq.gz`` is what ``legisgraph harvest legco`` makes from
LegCo's recorded open-data answers (``python -m loader.sync.snapshot_build`` rebuilds it).
Each named graph replaces the store's graph of that name atomically (the default graph is
derived from them, never written); a graph the store already holds statement for statement
is left alone. Member name nodes are re-linked and the search index refreshed, as after a load.
"""

from __future__ import annotations

import gzip
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from loader.member_links import relink_after_load
from loader.pipeline import Target
from loader.search_index import update_after_load
from loader.store import GraphStore

#: Dataset syntaxes by file suffix (before any ``.gz``).
FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


class SnapshotError(Exception):
    """A snapshot file that cannot be loaded; the message says why, in one line."""


@dataclass
class SnapshotReport:
    """The graphs a snapshot wrote and those the store already held unchanged."""

    written: dict[str, int] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the end of the run."""
        return (
            f"{len(self.written)} graphs written ({sum(self.written.values())} quads), "
            f"{len(self.unchanged)} unchanged"
        )


def read_snapshot(path: Path, base_iri: str) -> dict[str, list[ox.Triple]]:
    """The snapshot's triples by named graph; every graph must be minted under ``base_iri``."""
    path = Path(path)
    suffixes = path.suffixes[-2:] if path.suffix == ".gz" else path.suffixes[-1:]
    rdf_format = FORMATS.get(suffixes[0] if suffixes else "")
    if rdf_format is None:
        raise SnapshotError(f"{path}: not a dataset (use .nq, .trig, .nq.gz or .trig.gz)")
    try:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        quads = ox.parse(io.BytesIO(data), format=rdf_format)
        graphs: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in quads:
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise SnapshotError(f"{path}: {quad.triple} is outside a named graph")
            graphs[quad.graph_name.value].append(quad.triple)
    except (OSError, EOFError, gzip.BadGzipFile, SyntaxError) as error:
        raise SnapshotError(f"{path}: {' '.join(str(error).split())}") from error
    foreign = sorted(graph for graph in graphs if not graph.startswith(base_iri))
    if foreign:
        raise SnapshotError(
            f"{path}: graph <{foreign[0]}> is not under the base IRI {base_iri} "
            "(the snapshot was made under another --base-iri)"
        )
    return dict(graphs)


def load_snapshot(target: Target, path: Path, base_iri: str) -> SnapshotReport:
    """Replace each of the snapshot's graphs in ``target``; unchanged graphs are left alone."""
    report = SnapshotReport()
    for graph_iri, triples in sorted(read_snapshot(path, base_iri).items()):
        ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if _holds(target, graph_iri, ntriples):
            report.unchanged.append(graph_iri)
            continue
        target.replace_graph(graph_iri, ntriples)
        report.written[graph_iri] = len(triples)
    written = list(report.written)
    report.notes += relink_after_load(target, base_iri, written)
    problem = update_after_load(target, written)
    if problem is not None:
        report.notes.append(problem)
    return report


def _holds(target: Target, graph_iri: str, ntriples: str) -> bool:
    """True when a local store's graph has exactly these statements (no blank nodes)."""
    if not isinstance(target, GraphStore) or "_:" in ntriples:
        return False
    buffer = io.BytesIO()
    target.dump(buffer, ox.RdfFormat.N_TRIPLES, graph_iri)
    stored = set(buffer.getvalue().decode("utf-8").splitlines())
    return stored == set(ntriples.splitlines())
