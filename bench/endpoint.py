"""The endpoint benchmark: one store, one query mix, four engines, 1/8/32 connections.

    .venv/bin/python -m bench.endpoint            # 1M generated quads, 10 s per cell

Engines, all in the same run and interleaved cell by cell: in-process pyoxigraph (the raw
engine), the native Oxigraph server, our endpoint and Virtuoso. Every query is first run once
per engine and its rows counted; throughput and latency are given as ratios to the native
Oxigraph server wherever the answers agree. The Markdown table is printed and written to
bench/results/endpoint-<date>.md. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

import click
import pyoxigraph as ox

from bench import engines, loadgen, repeated, report, runner
from bench.corpus import ensure_corpus
from bench.queries import MIX
from bench.virtuoso import Virtuoso
from loader.paths import ROOT

ALL_ENGINES = ("in-process", "oxigraph", "ours", "virtuoso")


def machine() -> str:
    """Cores, CPU model and memory of this machine, for the record."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB RAM, {platform.platform()}"


def load_average() -> str:
    """1/5/15-minute load averages: other work on the machine skews the numbers."""
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _version(command: list[str], line: int = 0) -> str:
    """Line ``line`` of what ``command`` prints about itself."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[line] if len(text) > line else "unknown"


def commit() -> str:
    """The checkout's commit, so a result names the endpoint code it measured (read-only)."""
    return _version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])


@click.command()
@click.option("--quads", default=1_000_000, show_default=True, help="Generated corpus size.")
@click.option("--seed", default=42, show_default=True, help="Corpus seed.")
@click.option(
    "--store",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Benchmark this existing store (e.g. the sample) instead of a generated corpus.",
)
@click.option("--duration", default=10.0, show_default=True, help="Seconds per cell.")
@click.option("--connections", default="1,8,32", show_default=True, help="Concurrency levels.")
@click.option("--engines", "chosen", default=",".join(ALL_ENGINES), show_default=True)
@click.option(
    "--workers",
    default=engines.SERVE_WORKERS,
    show_default=True,
    help="Our query workers per web process (default: as `legisgraph serve` sizes them).",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "var" / "bench",
    show_default=True,
    help="Corpus, stores, tool venvs and logs (reused between runs).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "bench" / "results",
    show_default=True,
    help="Folder for endpoint-<date>.md.",
)
@click.option(
    "--queries",
    default=",".join(q.name for q in MIX),
    show_default=True,
    help="Queries of the mix to run (bench/queries.py).",
)
@click.option(
    "--repeated/--no-repeated",
    "with_repeated",
    default=True,
    show_default=True,
    help="Also issue 23's cells: repeated queries (result cache) and one client as shipped.",
)
def main(
    quads: int,
    seed: int,
    store: Path | None,
    duration: float,
    connections: str,
    chosen: str,
    workers: int,
    workdir: Path,
    out: Path,
    queries: str,
    with_repeated: bool,
) -> None:
    """Benchmark our SPARQL endpoint against in-process pyoxigraph, Oxigraph and Virtuoso."""
    if not loadgen.wrk_available():
        raise click.ClickException("wrk is not installed: apt-get install -y wrk")
    levels = [int(c) for c in connections.split(",")]
    names = [q for q in queries.split(",") if q]
    if unknown := set(names) - {q.name for q in MIX}:
        raise click.BadParameter(
            f"no such query: {', '.join(sorted(unknown))}", param_hint="--queries"
        )
    selected = [e for e in ALL_ENGINES if e in chosen.split(",")]
    workdir = workdir.resolve()
    logs = workdir / "logs"
    store = store.resolve() if store is not None else None
    if store is None:
        nquads, store, manifest = ensure_corpus(workdir, quads, seed)
        corpus = (
            f"generated (seed {seed}): {manifest['stored']:,} quads in "
            f"{manifest['documents']:,} documents {manifest['kinds']}; generated in "
            f"{manifest['seconds']:.1f} s, bulk-loaded in {manifest['load_seconds']:.1f} s"
        )
    else:
        nquads = workdir / f"{store.name}.nq"
        if "virtuoso" in selected:
            with open(nquads, "wb") as stream:
                ox.Store.read_only(str(store)).dump(stream, ox.RdfFormat.N_QUADS)
        corpus = f"existing store {store}"
    results = report.Results(
        context={
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "load average at start": load_average(),
            "corpus": corpus,
            "per cell": f"{duration:g} s, wrk {_version(['wrk', '--version'])}",
            "engines": f"pyoxigraph {ox.__version__}; native `oxigraph serve-read-only` "
            f"{ox.__version__} (the store's default graph); ours `legisgraph serve --workers "
            f"{workers}` at commit {commit()} (result cache off, per-client limits lifted for the "
            f"one-address load: bench/engines.py); Virtuoso {_version(['virtuoso-t', '-?'], 1)}",
        }
    )
    factories = {
        "in-process": None,
        "oxigraph": lambda: engines.native_oxigraph(store, workdir / "tools", logs),
        "ours": lambda: engines.ours(store, workers, max(levels), logs),
        "virtuoso": lambda: Virtuoso(nquads, workdir, logs),
    }
    chosen_factories = {name: factories[name] for name in selected}
    runner.run(store, chosen_factories, results, levels, duration, names)
    extra = ""
    if with_repeated and {"oxigraph", "ours"} <= set(selected):
        extra = "\n" + repeated.run(store, workers, workdir, duration, names) + "\n"
    results.context["load average at end"] = load_average()
    text = report.render(results, levels) + extra
    click.echo(text)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"endpoint-{dt.date.today().isoformat()}.md"
    target.write_text(text + "\n")
    click.echo(f"written to {target}", err=True)


if __name__ == "__main__":
    main()
