"""Load sources into the store: read → decode → clean → extract → validate → replace the graph."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, XSD

from loader import __version__
from loader.decode import decode
from loader.errors import LoadError
from loader.ids import Iris
from loader.kinds.common import NotReadable
from loader.kinds.registry import UnknownKind, choose_kind
from loader.linking.web_links import add_source_links
from loader.member_links import relink_after_load
from loader.search_index import update_after_load
from loader.sources import Source, SourceError, read_source
from loader.text import clean_text, detect_language
from loader.validate import ShapeViolation, ensure_valid
from loader.vocab import LG, LG_NAMESPACE

#: File suffixes taken when a directory is named as a source.
DOCUMENT_SUFFIXES = {".txt", ".pdf", ".html", ".htm"}

#: The agent every load activity is associated with.
LOADER_AGENT = URIRef("https://w3id.org/legisgraph/loader")

LOADED, UNCHANGED, FAILED = "loaded", "unchanged", "failed"

#: Runs of at least this many sources are built in worker processes (fewer: a pool's start-up
#: costs more than it saves).
PARALLEL_FROM = 8
#: Documents handed to each worker ahead of the writer, so that no worker waits for work.
AHEAD_PER_WORKER = 4


@dataclass(frozen=True)
class LoadOptions:
    """How to load: where IRIs live, which kind to force, caching and validation."""

    base_iri: str
    kind: str | None = None
    cache_dir: Path | None = None
    offline: bool = False
    validate: bool = True
    #: Processes that build graphs (parse, extract, validate) while this one writes them;
    #: None: one per core. 1 builds everything here.
    workers: int | None = None


@dataclass(frozen=True)
class LoadResult:
    """What happened to one source."""

    source: str
    status: str
    graph: str | None = None
    quads: int = 0
    message: str = ""
    #: What a loaded but partial or malformed source lacked, one line each (see Extraction).
    warnings: tuple[str, ...] = ()


@dataclass
class LoadReport:
    """The outcome of a whole run, for the summary line and the exit status."""

    results: list[LoadResult] = field(default_factory=list)
    #: What went wrong around the documents (the search index), to tell the user.
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many sources ended with ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def quads_written(self) -> int:
        """Quads written by this run: each replaced graph counted at its new size."""
        return sum(r.quads for r in self.results if r.status == LOADED)

    @property
    def ok(self) -> bool:
        """True when no source failed."""
        return self.count(FAILED) == 0

    def summary(self) -> str:
        """One line: loaded / unchanged / failed and quads written."""
        return (
            f"{self.count(LOADED)} loaded, {self.count(UNCHANGED)} unchanged, "
            f"{self.count(FAILED)} failed; {self.quads_written} quads written"
        )


def expand_sources(refs: Iterable[str]) -> Iterator[str]:
    """URLs and files as given; directories as their document files, sorted."""
    for ref in refs:
        path = Path(ref)
        if "://" not in ref and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield str(child)
        else:
            yield ref


class Target(Protocol):
    """Where graphs go: the embedded store, or a running server (loader.remote)."""

    def ask(self, query: str) -> bool:
        """Answer a SPARQL ASK query over the stored named graphs."""

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace one named graph's content atomically."""


def load_sources(
    store: Target,
    refs: Iterable[str],
    options: LoadOptions,
    on_result: Callable[[int, int, LoadResult], None] | None = None,
) -> LoadReport:
    """Load every source; a failure is reported and the run goes on with the next one."""
    sources = list(expand_sources(refs))
    report = LoadReport()
    workers = options.workers or os.cpu_count() or 1
    if workers > 1 and len(sources) >= PARALLEL_FROM:
        results = _load_in_parallel(store, sources, options, workers)
    else:
        results = (load_source(store, ref, options) for ref in sources)
    for index, result in enumerate(results, start=1):
        report.results.append(result)
        if on_result is not None:
            on_result(index, len(sources), result)
    loaded = [r.graph for r in report.results if r.status == LOADED and r.graph]
    report.notes += relink_after_load(store, options.base_iri, loaded)
    problem = update_after_load(store, loaded)
    if problem is not None:
        report.notes.append(problem)
    return report


def load_source(store: Target, ref: str, options: LoadOptions) -> LoadResult:
    """Load one source into its own named graph, replaced atomically, or report why not."""
    try:
        source = read_source(ref, cache_dir=options.cache_dir, offline=options.offline)
        if options.kind is None and _already_loaded(store, source.sha256):
            return LoadResult(ref, UNCHANGED, message="same content already loaded")
        graph_iri, graph, warnings = build_graph(source, options)
        store.replace_graph(graph_iri, graph.serialize(format="nt"))
    except (SourceError, ShapeViolation, LoadError) as error:
        return LoadResult(ref, FAILED, message=_one_line(error))
    except OSError as error:  # the store could not write (a full disk): its transaction is void
        return LoadResult(ref, FAILED, message=f"the store could not write: {_one_line(error)}")
    return LoadResult(ref, LOADED, graph=graph_iri, quads=len(graph), warnings=warnings)


@dataclass(frozen=True)
class Built:
    """A document's finished graph as a worker hands it to the writer."""

    source: str
    sha256: str
    graph_iri: str
    ntriples: str
    quads: int
    warnings: tuple[str, ...]


def _load_in_parallel(
    store: Target, sources: list[str], options: LoadOptions, workers: int
) -> Iterator[LoadResult]:
    """Load ``sources`` with graphs built in ``workers`` processes and written here, one at a
    time and in the sources' order (so results, and what a repeated document finds, are the
    same as loading them one after the other)."""
    pending: deque[LoadResult | Future] = deque()
    written: set[str] = set()
    # fork: workers start at once with everything imported, and no script is re-run in them
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for ref in sources:
            pending.append(_read_or_submit(store, ref, options, pool))
            while len(pending) > workers * AHEAD_PER_WORKER:
                yield _finish(store, pending.popleft(), options, written)
        while pending:
            yield _finish(store, pending.popleft(), options, written)


def _read_or_submit(
    store: Target, ref: str, options: LoadOptions, pool: ProcessPoolExecutor
) -> LoadResult | Future:
    """Read the source here (and skip it when unchanged); build its graph in the pool."""
    try:
        source = read_source(ref, cache_dir=options.cache_dir, offline=options.offline)
        if options.kind is None and _already_loaded(store, source.sha256):
            return LoadResult(ref, UNCHANGED, message="same content already loaded")
    except (SourceError, LoadError) as error:  # LoadError: a server target went away
        return LoadResult(ref, FAILED, message=_one_line(error))
    return pool.submit(build_for_writer, ref, source, options)


def build_for_writer(ref: str, source: Source, options: LoadOptions) -> Built | LoadResult:
    """In a worker: the source's graph as N-Triples for the writer, or why it failed."""
    try:
        graph_iri, graph, warnings = build_graph(source, options)
    except (ShapeViolation, LoadError) as error:
        return LoadResult(ref, FAILED, message=_one_line(error))
    ntriples = graph.serialize(format="nt")
    return Built(ref, source.sha256, graph_iri, ntriples, len(graph), warnings)


def _finish(
    store: Target, item: LoadResult | Future, options: LoadOptions, written: set[str]
) -> LoadResult:
    """Write a built graph (unless an earlier source of this run had the same content)."""
    built = item.result() if isinstance(item, Future) else item
    if isinstance(built, LoadResult):
        return built
    if options.kind is None and built.sha256 in written:
        return LoadResult(built.source, UNCHANGED, message="same content already loaded")
    try:
        store.replace_graph(built.graph_iri, built.ntriples)
    except LoadError as error:  # a server target refused or went away: this source failed
        return LoadResult(built.source, FAILED, message=_one_line(error))
    except OSError as error:
        return LoadResult(
            built.source, FAILED, message=f"the store could not write: {_one_line(error)}"
        )
    written.add(built.sha256)
    return LoadResult(
        built.source, LOADED, graph=built.graph_iri, quads=built.quads, warnings=built.warnings
    )


def build_graph(source: Source, options: LoadOptions) -> tuple[str, Graph, tuple[str, ...]]:
    """The named graph IRI, triples (content plus provenance) and warnings for one source."""
    decoded = decode(source)
    text = clean_text(decoded.text)
    if not text.strip():
        raise LoadError(f"{source.name}: no text after clean-up")
    try:
        kind = choose_kind(text, options.kind)
    except UnknownKind as error:
        raise LoadError(f"{source.name}: {error}") from error
    language = detect_language(text)
    origin = {"origin": source.url or source.name} if kind.reads_origin else {}
    if kind.reads_pdf and decoded.media == "pdf":
        origin["pdf"] = source.data
    try:
        extraction = kind.extract(text, language=language, base_iri=options.base_iri, **origin)
    except NotReadable as error:
        raise LoadError(f"{source.name}: not a readable {kind.name}: {error}") from error
    except Exception as error:  # noqa: BLE001 - a bug in one extractor fails one document
        raise LoadError(
            f"internal error while reading {source.name} as {kind.name}: "
            f"{type(error).__name__}: {error}"
        ) from error
    if options.validate:
        ensure_valid(extraction.graph, source.name)
    graph_iri = Iris(options.base_iri).graph(extraction.document, language)
    graph = extraction.graph
    _add_provenance(graph, URIRef(graph_iri), extraction.document, source, kind.rdf_class, language)
    add_source_links(graph, extraction.document, source.url)
    return graph_iri, graph, tuple(f"{source.name}: {w}" for w in extraction.warnings)


def _add_provenance(
    graph: Graph, graph_iri: URIRef, document: URIRef, source: Source, kind: URIRef, language: str
) -> None:
    """PROV-O for the graph: what it came from, how and when it was made."""
    activity = URIRef(f"{graph_iri}#load")
    graph.add((graph_iri, RDF.type, PROV.Entity))
    graph.add((graph_iri, FOAF.primaryTopic, document))
    graph.add((graph_iri, LG.sourceName, Literal(source.name)))
    graph.add((graph_iri, LG.sourceSha256, Literal(source.sha256)))
    graph.add((graph_iri, LG.documentKind, kind))
    graph.add((graph_iri, DCTERMS.language, Literal(language)))
    graph.add((graph_iri, PROV.wasGeneratedBy, activity))
    if source.url:
        graph.add((graph_iri, PROV.hadPrimarySource, URIRef(source.url)))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.endedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    graph.add((activity, PROV.wasAssociatedWith, LOADER_AGENT))
    graph.add((activity, LG.loaderVersion, Literal(__version__)))


def _already_loaded(store: Target, sha256: str) -> bool:
    """True when a graph made from exactly these bytes by this loader version is stored."""
    values = f"{ox.Literal(sha256)} {ox.Literal(__version__)}"
    return store.ask(
        f"PREFIX lg: <{LG_NAMESPACE}> PREFIX prov: <{PROV}> "
        f"ASK {{ VALUES (?sha ?v) {{ ({values}) }} "
        "GRAPH ?g { ?g lg:sourceSha256 ?sha ; prov:wasGeneratedBy/lg:loaderVersion ?v } }"
    )


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
