"""The full-text search index kept beside the store: SQLite FTS5 (trigram) over labels and texts.

It lives in ``<store>.search.sqlite`` next to the store folder (the folder itself belongs to
RocksDB and the lock file). Rows are keyed by named graph, so replacing a document's graph
re-indexes that graph only; each graph's digest tells whether its indexed rows changed.

Keeping it current: a load re-indexes the graphs it replaced (``update_after_load``); a server
write marks the index stale (``mark_stale``, a file beside it), and the next ``refresh`` then
compares every graph's digest; otherwise ``refresh`` adds new graphs and drops vanished ones.
The store notes each graph in a journal before it commits it (loader/index_journal.py), and
``refresh`` re-indexes the journal's graphs too: a load killed between its store write and its
index update leaves the index repaired at its next use, not stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from loader.index_journal import (
    claim,
    give_back,
    journal_path,
    leftovers,
    read_claimed,
    stale_path,
)
from loader.search_text import fold
from loader.store import GraphStore
from loader.vocab import LG, OA

INDEX_SUFFIX = ".search.sqlite"
#: Literal-valued predicates that are indexed, with their rank weight (labels before prose).
INDEXED_PREDICATES: dict[str, float] = {
    str(RDFS.label): 3.0,
    str(SKOS.prefLabel): 3.0,
    str(DCTERMS.title): 3.0,
    str(SKOS.altLabel): 2.0,
    str(SKOS.hiddenLabel): 1.5,
    str(LG.abbreviation): 2.0,
    str(LG.paperNumber): 2.0,
    str(LG.text): 1.0,
    str(LG.statusText): 1.0,
    str(LG.targetDateText): 1.0,
    str(LG.attribution): 0.5,
}
#: Resources of these types are not search results: they annotate others (Web Annotation).
EXCLUDED_TYPES = frozenset(str(OA[name]) for name in ("SpecificResource", "TextQuoteSelector"))
#: Predicates whose values name a resource, best first: a search hit's title comes from these.
LABEL_PREDICATES = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.title))

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs(graph TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
  id INTEGER PRIMARY KEY, graph TEXT NOT NULL, subject TEXT NOT NULL, predicate TEXT NOT NULL,
  lang TEXT NOT NULL, weight REAL NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_graph ON entries(graph);
CREATE INDEX IF NOT EXISTS entries_subject ON entries(subject);
CREATE TABLE IF NOT EXISTS types(graph TEXT NOT NULL, subject TEXT NOT NULL, type TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS types_graph ON types(graph);
CREATE INDEX IF NOT EXISTS types_subject ON types(subject);
CREATE INDEX IF NOT EXISTS types_type ON types(type, subject);
CREATE TABLE IF NOT EXISTS facets(graph TEXT NOT NULL, subject TEXT NOT NULL, facet TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_graph ON facets(graph);
CREATE INDEX IF NOT EXISTS facets_subject ON facets(subject, facet);
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5(folded, tokenize='trigram');
INSERT OR IGNORE INTO meta VALUES ('schema', '1')
"""

_NAMED_ROWS = """
SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ {{ ?s ?p ?o VALUES ?p {{ {predicates} }}
  FILTER(isLiteral(?o)) }} UNION {{ ?s a ?o BIND({type} AS ?p) }} }} FILTER(isIRI(?s)) }}
""".format(predicates=" ".join(f"<{p}>" for p in INDEXED_PREDICATES), type=f"<{RDF.type}>")

#: A speech's speaker and the day it was made (the meeting's date, from any graph): the facets
#: a search can be narrowed by.
_SPEECH_FACETS = f"""
SELECT ?g ?s ?speaker ?date WHERE {{
  GRAPH ?g {{
    ?s a <{LG.Speech}> .
    OPTIONAL {{ ?s <{LG.speaker}> ?speaker }}
    OPTIONAL {{ ?s <{LG.spokenAt}> ?meeting }}
  }}
  OPTIONAL {{ ?meeting <{DCTERMS.date}> ?date }}
}}
"""
FACETS = ("speaker", "date")

Row = tuple[str, str, str, str]  # subject, predicate, language ("" for types), value


def index_path(store_path: str | os.PathLike[str]) -> Path:
    """Where the index of the store at ``store_path`` lives: beside the store folder."""
    path = Path(store_path)
    return path.with_name(path.name + INDEX_SUFFIX)


def update_after_load(target: object, graphs: Iterable[str]) -> str | None:
    """After a load into a local store: re-index the graphs it replaced (remote targets index
    themselves). The index is derived data: a failure (a full disk) is returned as a message,
    the store keeps what was loaded, and the next search or `legisgraph index` rebuilds it."""
    if not isinstance(target, GraphStore) or target.path is None:
        return None
    index = SearchIndex.beside(target.path)
    try:
        index.refresh(target, graphs)
    except (sqlite3.Error, OSError) as error:
        if index.stale_marker is not None:
            with contextlib.suppress(OSError):
                index.stale_marker.touch()
        return f"the search index was not updated ({error}); run `legisgraph index` to rebuild it"
    return None


class SearchIndex:
    """One index file, its schema, and how it is brought up to date from a store."""

    def __init__(
        self, path: Path, stale_marker: Path | None = None, journal: Path | None = None
    ) -> None:
        self.path = path
        self.stale_marker = stale_marker
        self.journal = journal

    @classmethod
    def beside(cls, store_path: str | os.PathLike[str]) -> SearchIndex:
        """The index of the store at ``store_path``."""
        return cls(index_path(store_path), stale_path(store_path), journal_path(store_path))

    def exists(self) -> bool:
        """True when the index file has been built (at least once)."""
        if not self.path.exists():
            return False
        with closing(self.connect()) as db:
            return _meta(db, "complete") == "yes"

    def connect(self) -> sqlite3.Connection:
        """A connection to the index, created with its schema when missing."""
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'facets'").fetchone():
            with _transaction(db):
                fresh = not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
                _create_schema(db)
                if not fresh:  # an index from before the facets: every graph again
                    db.execute("DELETE FROM graphs")
        return db

    def rebuild(self, store: GraphStore) -> int:
        """Build the index afresh, in one transaction; the number of entries written."""
        self.refresh(store, rebuild=True)
        with closing(self.connect()) as db:
            return db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def refresh(self, store: GraphStore, graphs: Iterable[str] = (), rebuild: bool = False) -> int:
        """Bring the index up to date (``graphs`` were replaced; ``rebuild`` starts from empty);
        the number of graphs re-indexed."""
        # Claims left by a refresh that was killed are taken over first, then today's files.
        stale_left = leftovers(self.stale_marker) if self.stale_marker is not None else []
        pending_left = leftovers(self.journal) if self.journal is not None else []
        claimed = claim(self.stale_marker) if self.stale_marker is not None else None
        pending = claim(self.journal) if self.journal is not None else None
        written = read_claimed([*pending_left, *([pending] if pending else [])])
        try:
            with closing(self.connect()) as db, _transaction(db):
                if rebuild:
                    for table in ("entries_fts", "entries", "types", "facets", "graphs", "meta"):
                        db.execute(f"DROP TABLE {table}")
                    _create_schema(db)
                full = claimed is not None or bool(stale_left) or _meta(db, "complete") != "yes"
                # The default graph is the merge of the named graphs: nothing of its own.
                current = set(store.named_graphs())
                known = {g for (g,) in db.execute("SELECT graph FROM graphs")}
                todo = current if full else ((set(graphs) | written) & current) | (current - known)
                for graph in known - current:
                    _remove(db, graph)
                changed = sum(_reindex(db, store, graph) for graph in sorted(todo))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', 'yes')")
        except BaseException:
            if claimed is not None and self.stale_marker is not None:
                claimed.replace(self.stale_marker)
            if pending is not None and self.journal is not None:
                give_back(pending, self.journal)
            raise
        for done in (claimed, pending, *stale_left, *pending_left):
            if done is not None:
                done.unlink(missing_ok=True)
        return changed


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once so that concurrent refreshes run one after another."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_schema(db: sqlite3.Connection) -> None:
    """Create what is missing of the schema (one statement at a time, inside the caller's
    transaction)."""
    for statement in _SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _remove(db: sqlite3.Connection, graph: str) -> None:
    db.execute(
        "DELETE FROM entries_fts WHERE rowid IN (SELECT id FROM entries WHERE graph = ?)", (graph,)
    )
    db.execute("DELETE FROM entries WHERE graph = ?", (graph,))
    db.execute("DELETE FROM types WHERE graph = ?", (graph,))
    db.execute("DELETE FROM facets WHERE graph = ?", (graph,))
    db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))


def _reindex(db: sqlite3.Connection, store: GraphStore, graph: str) -> bool:
    """Replace one graph's rows when its digest changed; True when it did."""
    rows = sorted(set(_graph_rows(store, graph)))
    facets = sorted(set(_facet_rows(store, graph)))
    digest = hashlib.sha256(repr((rows, facets)).encode()).hexdigest()
    known = db.execute("SELECT digest FROM graphs WHERE graph = ?", (graph,)).fetchone()
    if known is not None and known[0] == digest:
        return False
    _remove(db, graph)
    rdf_type = str(RDF.type)
    excluded = {s for s, p, _, value in rows if p == rdf_type and value in EXCLUDED_TYPES}
    rows = [row for row in rows if row[0] not in excluded]
    db.executemany(
        "INSERT INTO types VALUES (?, ?, ?)",
        [(graph, s, value) for s, p, _, value in rows if p == rdf_type],
    )
    entries = [
        (s, p, lang, INDEXED_PREDICATES[p], value)
        for s, p, lang, value in rows
        if p != rdf_type and value.strip()
    ]
    (first,) = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM entries").fetchone()
    db.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(first + n, graph, *entry) for n, entry in enumerate(entries)],
    )
    db.executemany(  # the folded text goes to the trigram index under the entry's id
        "INSERT INTO entries_fts(rowid, folded) VALUES (?, ?)",
        [(first + n, fold(entry[-1])) for n, entry in enumerate(entries)],
    )
    db.executemany("INSERT INTO facets VALUES (?, ?, ?, ?)", [(graph, *f) for f in facets])
    db.execute("INSERT INTO graphs VALUES (?, ?)", (graph, digest))
    return True


def _facet_rows(store: GraphStore, graph: str) -> Iterator[tuple[str, str, str]]:
    """(subject, facet, value) of the speeches one graph states: speaker IRI, day made."""
    solutions = store.query(_SPEECH_FACETS, substitutions={ox.Variable("g"): ox.NamedNode(graph)})
    for solution in solutions:
        subject = solution["s"]
        if not isinstance(subject, ox.NamedNode):
            continue
        if isinstance(solution["speaker"], ox.NamedNode):
            yield subject.value, "speaker", solution["speaker"].value
        if isinstance(solution["date"], ox.Literal):
            yield subject.value, "date", solution["date"].value[:10]


def _graph_rows(store: GraphStore, graph: str) -> Iterator[Row]:
    """The indexed literals and the IRI types of one graph's IRI subjects."""
    solutions = store.query(_NAMED_ROWS, substitutions={ox.Variable("g"): ox.NamedNode(graph)})
    for solution in solutions:
        value = solution["o"]
        if isinstance(value, ox.Literal):
            yield (
                solution["s"].value,
                solution["p"].value,
                (value.language or "").lower(),
                value.value,
            )
        elif isinstance(value, ox.NamedNode):
            yield solution["s"].value, solution["p"].value, "", value.value
