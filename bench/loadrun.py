"""The load stage: generated documents through `legisgraph load` (with and without SHACL
validation), the same quads through `Store.bulk_load`, and where a document's time goes.

    .venv/bin/python -m bench.loadrun DOCS_DIR [--limit 150]   # the time profile alone (JSON)
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import Graph

from bench.measure import LEGISGRAPH, python_module, run_measured
from bench.textdocs import DocumentCorpus, find_templates, generate_documents
from loader import pipeline
from loader.kinds import registry
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

_SUMMARY = re.compile(r"(\d+) loaded, (\d+) unchanged, (\d+) failed; (\d+) quads written")
#: Steps of loading one document, as the loader.pipeline functions that do them.
STEPS = {
    "read + decode": ["read_source", "decode"],
    "clean + detect kind, language": ["clean_text", "choose_kind", "detect_language"],
    "SHACL validation": ["ensure_valid"],
    "provenance + links": ["_add_provenance", "add_source_links"],
    "serialise N-Triples (rdflib)": ["serialize"],
    "unchanged? (ASK)": ["_already_loaded"],
    "search index": ["update_after_load"],
}
EXTRACT = "extract (parse → RDF, rdflib)"
STORE = "store (replace graph)"


@dataclass(frozen=True)
class LoadRun:
    """One `legisgraph load` of the document folder into an empty store."""

    validate: bool
    documents: int
    failed: int
    quads: int
    seconds: float
    peak_mb: float

    @property
    def documents_per_second(self) -> float:
        """Documents loaded per second of wall time."""
        return self.documents / self.seconds

    @property
    def quads_per_second(self) -> float:
        """Quads written per second of wall time."""
        return self.quads / self.seconds


@dataclass
class LoadStage:
    """Everything the load stage measured."""

    corpus: DocumentCorpus
    runs: list[LoadRun] = field(default_factory=list)
    bulk_quads: int = 0
    bulk_seconds: float = 0.0
    profile: dict[str, float] = field(default_factory=dict)
    profiled_documents: int = 0

    @property
    def bulk_rate(self) -> float:
        """Quads per second through Store.bulk_load."""
        return self.bulk_quads / self.bulk_seconds if self.bulk_seconds else 0.0


def load_stage(
    workdir: Path, documents: int, seed: int, profile_limit: int, kinds: list[str] | None = None
) -> LoadStage:
    """Generate ``documents`` (from templates of ``kinds``, default all), load them both ways,
    bulk-load the result, profile a sample."""
    templates = [t for t in find_templates() if kinds is None or t.kind in kinds]
    name = f"docs-{documents}-s{seed}" + ("" if kinds is None else "-" + "-".join(sorted(kinds)))
    corpus = generate_documents(workdir / name, documents, seed, templates)
    stage = LoadStage(corpus)
    for validate in (True, False):
        store = workdir / f"loaded-{'validated' if validate else 'unvalidated'}.store"
        remove_store(store)
        stage.runs.append(load_documents(corpus.folder, store, validate))
        click.echo(f"  load (validate={validate}): {stage.runs[-1]}", err=True)
    loaded = workdir / "loaded-validated.store"
    nquads = workdir / "loaded.nq"
    with GraphStore.open(loaded, write=False) as source, nquads.open("wb") as stream:
        source.raw.dump(stream, ox.RdfFormat.N_QUADS)
    stage.bulk_quads, stage.bulk_seconds = bulk_load_timed(nquads, workdir / "bulk.store")
    click.echo(f"  bulk_load: {stage.bulk_quads} quads in {stage.bulk_seconds:.1f} s", err=True)
    ran = run_measured(
        python_module("bench.loadrun", str(corpus.folder), "--limit", str(profile_limit))
    )
    if ran.returncode == 0:
        found = json.loads(ran.stdout)
        stage.profile, stage.profiled_documents = found["steps"], found["documents"]
    else:
        click.echo(f"  load profile failed: {ran.stderr[-500:]}", err=True)
    return stage


def load_documents(folder: Path, store: Path, validate: bool) -> LoadRun:
    """`legisgraph --store STORE load [--no-validate] FOLDER`, timed, with its peak RSS."""
    command = [LEGISGRAPH, "--store", str(store), "load", str(folder)]
    ran = run_measured(command + ([] if validate else ["--no-validate"]))
    found = _SUMMARY.search(ran.stderr + ran.stdout)
    if found is None:
        raise click.ClickException(f"legisgraph load gave no summary: {ran.stderr[-500:]}")
    loaded, _, failed, quads = (int(value) for value in found.groups())
    return LoadRun(validate, loaded, failed, quads, ran.seconds, ran.peak_mb)


def bulk_load_timed(nquads: Path, store_dir: Path) -> tuple[int, float]:
    """Store.bulk_load of an N-Quads file into an empty store: (quads stored, seconds)."""
    remove_store(store_dir)
    with GraphStore.open(store_dir, write=True) as store, nquads.open("rb") as stream:
        started = time.perf_counter()
        store.raw.bulk_load(stream, ox.RdfFormat.N_QUADS)
        seconds = time.perf_counter() - started
        return store.quad_count(), seconds


def profile_load(
    folder: Path, limit: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[int, dict[str, float]]:
    """Load the first ``limit`` documents with every step timed; seconds per document each.

    The steps are the pipeline's own functions wrapped in timers — for good, so this runs in
    its own process (``python -m bench.loadrun``) — and the shares add up to the whole load;
    "other" is what no step covers. ``clock``: wall time, or ``time.process_time`` for the
    process's CPU time (its store's threads included), which a shared machine disturbs less.
    """
    spent: dict[str, float] = dict.fromkeys([*STEPS, EXTRACT, STORE], 0.0)

    def timed(step: str, function):
        def wrapper(*args, **kwargs):
            began = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] += clock() - began

        return wrapper

    for step, names in STEPS.items():
        for name in names:
            owner = Graph if name == "serialize" else pipeline
            setattr(owner, name, timed(step, getattr(owner, name)))
    for name, kind in list(registry.KINDS.items()):
        registry.KINDS[name] = replace(kind, extract=timed(EXTRACT, kind.extract))
    refs = list(pipeline.expand_sources([str(folder)]))[:limit]
    with tempfile.TemporaryDirectory() as scratch:
        with GraphStore.open(Path(scratch) / "store", write=True) as store:
            store.replace_graph = timed(STORE, store.replace_graph)
            started = clock()
            options = pipeline.LoadOptions(base_iri=DEFAULT_BASE_IRI, workers=1)  # steps timed here
            pipeline.load_sources(store, refs, options)
            total = clock() - started
    spent["other"] = total - sum(spent.values())
    return len(refs), {"total": total / len(refs)} | {
        step: seconds / len(refs) for step, seconds in spent.items()
    }


def remove_store(path: Path) -> None:
    """Delete a store folder and what lives beside it (search index, lock)."""
    shutil.rmtree(path, ignore_errors=True)
    for neighbour in path.parent.glob(f"{path.name}.*"):
        neighbour.unlink()


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--limit", default=150, show_default=True, help="Documents to profile.")
@click.option("--cpu", is_flag=True, help="CPU time of the process instead of wall time.")
def main(folder: Path, limit: int, cpu: bool) -> None:
    """Print, as JSON, the seconds per document each step of loading takes."""
    documents, steps = profile_load(folder, limit, time.process_time if cpu else time.perf_counter)
    json.dump({"documents": documents, "steps": steps}, sys.stdout)


if __name__ == "__main__":
    main()
