"""Generate a LegCo-shaped corpus of a requested size as N-Quads and bulk-load it into a store.

    .venv/bin/python -m bench.corpus --quads 1000000 --out var/bench/corpus.nq.gz \
        --store var/bench/store

Documents (background briefs, minutes, agendas, Council questions; one named graph each) are
generated one at a time and streamed to the file, so memory stays flat at any size; the same
seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import click
import pyoxigraph as ox

from bench.documents import build_document, plan_document
from bench.world import World
from loader.store import GraphStore

#: Bumped whenever the generator's output changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 3
MANIFEST = "bench-manifest.json"


@dataclass
class CorpusStats:
    """What a generation run wrote and how long it took."""

    quads: int = 0
    documents: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def generate(output: Path, quads: int, seed: int = 42) -> CorpusStats:
    """Write whole documents to ``output`` (N-Quads; gzip if it ends in .gz) until ``quads``."""
    started = time.perf_counter()
    world, taken, kinds = World(), set(), Counter()
    stats = CorpusStats()
    output.parent.mkdir(parents=True, exist_ok=True)
    with _open_output(output) as stream:
        while stats.quads < quads:
            plan = plan_document(world, seed, stats.documents, taken)
            document = list(dict.fromkeys(build_document(plan, world).quads))
            ox.serialize(document, stream, ox.RdfFormat.N_QUADS)
            stats.quads += len(document)
            stats.documents += 1
            kinds[plan.kind] += 1
    stats.kinds = dict(sorted(kinds.items()))
    stats.seconds = time.perf_counter() - started
    return stats


def bulk_load(nquads: Path, store_dir: Path) -> tuple[int, float]:
    """Replace ``store_dir`` with the N-Quads file bulk-loaded; (quads stored, seconds)."""
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    with GraphStore.open(store_dir, write=True) as store, _open_input(nquads) as stream:
        store.bulk_load_dataset(stream, ox.RdfFormat.N_QUADS)
        store.raw.optimize()
        count = store.quad_count()
    return count, time.perf_counter() - started


def ensure_corpus(workdir: Path, quads: int, seed: int) -> tuple[Path, Path, dict]:
    """The corpus file and store for (quads, seed) under ``workdir``, built unless cached."""
    name = f"corpus-{quads}-s{seed}"
    nquads, store_dir = workdir / f"{name}.nq.gz", workdir / f"{name}.store"
    wanted = {"generator": GENERATOR_VERSION, "quads": quads, "seed": seed}
    manifest_path = store_dir / MANIFEST
    if manifest_path.exists() and nquads.exists():
        manifest = json.loads(manifest_path.read_text())
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return nquads, store_dir, manifest
    stats = generate(nquads, quads, seed)
    stored, load_seconds = bulk_load(nquads, store_dir)
    # The size asked for, not the generator's overshoot, is what the next run looks up.
    manifest = {**asdict(stats), **wanted, "stored": stored, "load_seconds": load_seconds}
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return nquads, store_dir, manifest


@contextmanager
def _open_output(path: Path) -> Iterator[IO[bytes]]:
    if path.suffix == ".gz":
        with gzip.open(path, "wb", compresslevel=1) as stream:
            yield stream
    else:
        with path.open("wb") as stream:
            yield stream


@contextmanager
def _open_input(path: Path) -> Iterator[IO[bytes]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as stream:
        yield stream


@click.command()
@click.option("--quads", default=1_000_000, show_default=True, help="At least this many quads.")
@click.option("--seed", default=42, show_default=True, help="Same seed, same corpus.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("var/bench/corpus.nq.gz"),
    show_default=True,
    help="N-Quads file to write (gzip when it ends in .gz).",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also bulk-load the corpus into this (emptied) on-disk store.",
)
def main(quads: int, seed: int, out: Path, store_dir: Path | None) -> None:
    """Generate a LegCo-shaped N-Quads corpus and optionally bulk-load it."""
    stats = generate(out, quads, seed)
    rate = stats.quads / stats.seconds
    click.echo(
        f"wrote {stats.quads} quads in {stats.documents} documents {stats.kinds} to {out} "
        f"in {stats.seconds:.1f} s ({rate:,.0f} quads/s)"
    )
    if store_dir is not None:
        stored, seconds = bulk_load(out, store_dir)
        click.echo(
            f"bulk-loaded {stored} quads into {store_dir} in {seconds:.1f} s "
            f"({stored / seconds:,.0f} quads/s)"
        )


if __name__ == "__main__":
    main()
