"""Fault-test support: a corpus of many small documents, a reference load, per-graph comparison.

The corpus is made from the fixture documents that load today, each also with every year in it
moved forward by 1, 2, … years: new meeting dates and paper numbers give each copy its own graph,
and the text differs throughout. Copies that fail or that would share a graph are left out.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV

from loader.pipeline import LOADED, LoadOptions, load_source
from loader.search_index import index_path
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

DATA_DIR = Path(__file__).parent / "data"
#: Fixture folders whose documents are copied into the corpus.
CORPUS_SOURCES = ["agendas", "briefs", "minutes", "council", "lcq"]
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def shift_years(text: str, years: int) -> str:
    """The text with every four-digit year moved forward by ``years``."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)


def make_corpus(folder: Path, wanted: int, reference: GraphStore) -> dict[str, Graph]:
    """Write up to ``wanted`` documents to ``folder``, each loaded into ``reference`` (its own
    graph); return each document's graph (without its load time), by graph IRI."""
    folder.mkdir(parents=True, exist_ok=True)
    options = LoadOptions(base_iri=DEFAULT_BASE_IRI, cache_dir=None)
    originals = sorted(p for name in CORPUS_SOURCES for p in (DATA_DIR / name).glob("*.txt"))
    graphs: dict[str, Graph] = {}
    shift = 0
    while len(graphs) < wanted and shift < 40:
        for original in originals:
            if len(graphs) >= wanted:
                break
            path = folder / f"{shift:02d}-{original.name}"
            path.write_text(shift_years(original.read_text(encoding="utf-8"), shift), "utf-8")
            result = load_source(reference, str(path), options)
            if result.status != LOADED or result.graph in graphs:
                path.unlink()
                continue
            graphs[result.graph] = stored_graph(reference, result.graph)
        shift += 1
    return graphs


def stored_graph(store: GraphStore, graph_iri: str) -> Graph:
    """One named graph of the store, less the time its load ended (which differs per load)."""
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_TRIPLES, graph_iri)
    graph = Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    graph.remove((None, PROV.endedAtTime, None))
    return graph


def graph_of_ntriples(data: str) -> Graph:
    """A graph from N-Triples text, less the time its load ended."""
    graph = Graph().parse(data=data, format="nt")
    graph.remove((None, PROV.endedAtTime, None))
    return graph


def difference(graph_iri: str, got: Graph, expected: Graph) -> str | None:
    """None when the graphs are isomorphic, else a message with graph_diff's triples."""
    if isomorphic(got, expected):
        return None
    _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    return (
        f"{graph_iri}: {len(only_got)} triples only in the store, "
        f"{len(only_expected)} only in the reference, e.g. "
        f"{sorted(only_got)[:2]} / {sorted(only_expected)[:2]}"
    )


def compare_store(store: GraphStore, reference: dict[str, Graph]) -> list[str]:
    """What is wrong with the store: graphs the reference lacks, or that differ from it."""
    problems = []
    for graph_iri in store.named_graphs():
        if graph_iri not in reference:
            problems.append(f"{graph_iri}: not in the reference load")
            continue
        problem = difference(graph_iri, stored_graph(store, graph_iri), reference[graph_iri])
        if problem:
            problems.append(problem)
    return problems


def loaded_before(log: Path) -> set[str]:
    """The graphs a `legisgraph load` reported loaded (its progress lines on stderr)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"^\[\d+/\d+\] loaded: .* → (\S+)$", text, flags=re.M))


def descendants(pid: int) -> list[int]:
    """The process ids of every process below ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, p in parents.items() if p == parent]
        found += children
        frontier += children
    return found


def kill_tree(root: int) -> int:
    """SIGKILL a process and everything it started, all at once; how many were killed.

    Each process is stopped before its children are listed again, so one that forks (a load's
    process pool) cannot leave a child behind holding the store's lock; the call returns once
    every one of them has exited.
    """
    stopped: list[int] = []
    while new := [pid for pid in [root, *descendants(root)] if pid not in stopped]:
        for pid in new:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)  # none of them may react to the others dying
            stopped.append(pid)
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in stopped[1:]) and time.monotonic() < deadline:
        time.sleep(0.01)
    return len(stopped)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie has exited: its files, the store's lock, are closed)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def write_variant(documents: Path, folder: Path, round_number: int) -> None:
    """The corpus again with new wording ("the" → "the very …"): the same graphs, new text."""
    folder.mkdir(parents=True, exist_ok=True)
    wording = " very" * round_number
    for path in sorted(documents.iterdir()):
        text = re.sub(r"\b(the|The)\b", rf"\1{wording}", path.read_text(encoding="utf-8"))
        (folder / path.name).write_text(text, encoding="utf-8")


def index_rows(index_file: Path) -> dict[str, Counter]:
    """What a search index holds, table by table, without its row ids."""
    import sqlite3

    with closing(sqlite3.connect(index_file)) as db:
        return {
            "entries": Counter(
                db.execute("SELECT graph, subject, predicate, lang, weight, text FROM entries")
            ),
            "types": Counter(db.execute("SELECT graph, subject, type FROM types")),
            "graphs": Counter(db.execute("SELECT graph, digest FROM graphs")),
            "folded": Counter(db.execute("SELECT folded FROM entries_fts")),
        }


def index_difference(store_path: Path, scratch: Path, legisgraph: Path) -> str | None:
    """None when the store's search index equals a fresh `legisgraph index` of a copy of the
    store, else what differs."""
    copy = scratch / "store"
    shutil.copytree(store_path, copy)
    subprocess.run(
        [str(legisgraph), "--store", str(copy), "index"], check=True, capture_output=True
    )
    ours = index_rows(index_path(store_path))
    fresh = index_rows(index_path(copy))
    problems = [
        f"{table}: {sum((ours[table] - fresh[table]).values())} rows only in the index, "
        f"{sum((fresh[table] - ours[table]).values())} only in a fresh one"
        for table in fresh
        if ours[table] != fresh[table]
    ]
    return "; ".join(problems) or None
