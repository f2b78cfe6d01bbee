"""The export and search stages: each dump format against pyoxigraph's own writer on the same
store (rate and peak memory of each as a subprocess), and the full-text index's build time and
query latency.

Writers: ``ours`` is `legisgraph export` as shipped (the store's own order), ``sorted`` is
`legisgraph export --sorted` (code-point order, as releases are written), ``raw`` is
pyoxigraph's writer alone.

    .venv/bin/python -m bench.exportrun STORE FORMAT OUT   # the raw writer alone (JSON)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import click
import pyoxigraph as ox

from bench.measure import LEGISGRAPH, python_module, run_measured
from loader.export import FORMATS
from loader.search_index import SearchIndex, index_path
from loader.search_query import search

#: Search queries timed at each size: a two-character Chinese word (a LIKE scan), longer
#: Chinese and English terms (the trigram index), and two terms together.
SEARCHES = ("數據", "智慧城市", "broadband", "data privacy")
SEARCH_REPEATS = 5
#: The writers the scale benchmark compares; "sorted" is measured when asked for.
WRITERS = ("ours", "raw")


@dataclass(frozen=True)
class ExportRun:
    """One dump of the whole store: ours (`legisgraph export`, with or without --sorted) or
    pyoxigraph's."""

    fmt: str
    writer: str
    quads: int
    seconds: float
    peak_mb: float
    size_mb: float

    @property
    def rate(self) -> float:
        """Stored quads per second."""
        return self.quads / self.seconds


def export_stage(
    store: Path,
    quads: int,
    scratch: Path,
    formats: list[str],
    writers: tuple[str, ...] = WRITERS,
) -> list[ExportRun]:
    """Every format, by each writer in turn, each in its own process (peak RSS from wait4)."""
    scratch.mkdir(parents=True, exist_ok=True)
    runs = []
    for fmt in formats:
        out = scratch / f"dump.{FORMATS[fmt].extension}"
        for writer in writers:
            if writer == "raw":
                command = python_module("bench.exportrun", str(store), fmt, str(out))
            else:
                command = [LEGISGRAPH, "--store", str(store), "export", "--format", fmt]
                command += ["-o", str(out)] + (["--sorted"] if writer == "sorted" else [])
            ran = run_measured(command)
            if ran.returncode != 0:
                raise click.ClickException(f"{writer} {fmt} export failed: {ran.stderr[-500:]}")
            size = out.stat().st_size / 1e6
            out.unlink()
            runs.append(ExportRun(fmt, writer, quads, ran.seconds, ran.peak_mb, size))
            click.echo(f"  export {runs[-1]}", err=True)
    return runs


def raw_dump(store_path: Path, fmt: str, out: Path) -> int:
    """pyoxigraph's writer, unsorted, on the statements our dump holds: the named graphs' quads
    through ox.serialize for TriG / N-Quads (``Store.dump`` would add the default graph, the
    derived merge, doubling its work); for the one-graph syntaxes the union of the named
    graphs, which is the store's default graph, through ``Store.dump`` in Rust."""
    store = ox.Store.read_only(str(store_path))
    syntax = FORMATS[fmt]
    with out.open("wb") as stream:
        if syntax.keeps_graphs:
            graphs = (store.quads_for_pattern(None, None, None, g) for g in store.named_graphs())
            ox.serialize(chain.from_iterable(graphs), stream, syntax.rdf_format)
        else:
            store.dump(stream, syntax.rdf_format, from_graph=ox.DefaultGraph())
    return len(store)


@dataclass(frozen=True)
class SearchStage:
    """Index build (`legisgraph index`) and per-query latency (median of repeats, ms)."""

    entries: int
    seconds: float
    peak_mb: float
    size_mb: float
    latency_ms: dict[str, float]
    hits: dict[str, int]


def search_stage(store: Path) -> SearchStage:
    """Rebuild the store's search index from scratch, then time each query of SEARCHES."""
    for stale in index_path(store).parent.glob(f"{index_path(store).name}*"):
        stale.unlink()
    ran = run_measured([LEGISGRAPH, "--store", str(store), "index"])
    if ran.returncode != 0:
        raise click.ClickException(f"legisgraph index failed: {ran.stderr[-500:]}")
    entries = int("".join(c for c in ran.stdout.split("entries")[0] if c.isdigit()) or 0)
    index = SearchIndex.beside(store)
    latency, hits = {}, {}
    for query in SEARCHES:
        times = []
        for _ in range(SEARCH_REPEATS):
            began = time.perf_counter()
            found = search(index, query)
            times.append((time.perf_counter() - began) * 1e3)
        latency[query], hits[query] = statistics.median(times), found.total
    size = index_path(store).stat().st_size / 1e6
    return SearchStage(entries, ran.seconds, ran.peak_mb, size, latency, hits)


@click.command()
@click.argument("store", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("fmt", type=click.Choice(list(FORMATS)))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def main(store: Path, fmt: str, out: Path) -> None:
    """Write the store with pyoxigraph's own writer; print quads and seconds as JSON."""
    started = time.perf_counter()
    quads = raw_dump(store, fmt, out)
    json.dump({"quads": quads, "seconds": time.perf_counter() - started}, sys.stdout)


if __name__ == "__main__":
    main()
