"""The scale benchmark: load, query, export and search at one or more corpus sizes, in one run.

    .venv/bin/python -m bench.scale                     # 100k and 1M quads: ~13 min on 2 cores
    .venv/bin/python -m bench.scale --quads 10000000 --stages query,export,search

Stages (every figure beside a baseline measured in the same run):

- load: generated documents (bench.textdocs) through `legisgraph load`, with and without SHACL
  validation, against the same quads through `Store.bulk_load`, and where a document's time goes;
- harvest: the recorded OData answers multiplied (bench.harvestrun), served on 127.0.0.1 and
  harvested by `legisgraph harvest legco`, against `Store.bulk_load` of what it wrote;
- query: the endpoint mix in-process at every size (how latency grows), and at the largest size
  issue 12's comparison: our service on the embedded store, two web processes of ours in front
  of the native Oxigraph server and of Virtuoso, and the raw engines, with each server's peak RSS;
- export (at the largest size): every dump format against pyoxigraph's own writer, rate and
  peak RSS;
- search: the full-text index's build time and query latency.

It prints the Markdown report, writes it to bench/results/scale-<quads>-<date>.md and puts it
into bench/README.md between the "scale results" markers.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import click
import pyoxigraph as ox

from bench import engines, loadgen, runner, scalereport
from bench.corpus import ensure_corpus
from bench.endpoint import commit, load_average, machine
from bench.exportrun import export_stage, search_stage
from bench.harvestrun import harvest_stage
from bench.loadrun import load_stage
from bench.queries import MIX
from bench.report import Results
from bench.virtuoso import Virtuoso
from loader.export import FORMATS
from loader.paths import ROOT

STAGES = ("load", "harvest", "query", "export", "search")
ENGINES = ("in-process", "oxigraph", "ours", "virtuoso", "ours-oxigraph", "ours-virtuoso")


def growth(store: Path, seconds: float) -> dict[str, loadgen.Measurement]:
    """Each query of the mix from one in-process client: latency at this size."""
    texts = runner.query_texts(store)
    clients = loadgen.InProcessClients(store, 1)
    try:
        return {query.name: clients.run(texts[query.name], seconds) for query in MIX}
    finally:
        clients.close()


def compare_engines(
    store: Path, nquads: Path, workdir: Path, levels: list[int], seconds: float, chosen: list[str]
) -> Results:
    """Issue 12's comparison on one store: every engine and front end, interleaved cell by cell."""
    logs = workdir / "logs"
    clients = max(levels)
    started: dict[str, engines.Server] = {}

    def keep(name: str, server: engines.Server) -> engines.Server:
        started[name] = server
        return server

    factories = {
        "in-process": None,
        "oxigraph": lambda: keep(
            "oxigraph", engines.native_oxigraph(store, workdir / "tools", logs)
        ),
        "ours": lambda: engines.ours(store, engines.SERVE_WORKERS, clients, logs),
        "virtuoso": lambda: keep("virtuoso", Virtuoso(nquads, workdir, logs)),
        "ours-oxigraph": lambda: _front(started, "oxigraph", clients, logs),
        "ours-virtuoso": lambda: _front(started, "virtuoso", clients, logs),
    }
    results = Results(context={})
    runner.run(store, {n: factories[n] for n in ENGINES if n in chosen}, results, levels, seconds)
    return results


def _front(started: dict, kind: str, clients: int, logs: Path) -> engines.Server:
    if kind not in started:
        raise engines.EngineUnavailable(f"the {kind} engine it fronts did not start")
    return engines.ours_in_front(started[kind], kind, 2, clients, logs)


@click.command()
@click.option(
    "--quads",
    default="100000,1000000",
    show_default=True,
    help="Corpus sizes, comma-separated; the largest gets the engine comparison and export.",
)
@click.option("--documents", default=500, show_default=True, help="Documents for the load.")
@click.option(
    "--kinds",
    default="",
    help="Document kinds for the load, comma-separated (default: every kind with a template; "
    "issue 13's mix was agenda,brief,minutes,lcq).",
)
@click.option(
    "--harvest-copies", default=20, show_default=True, help="Copies of the recorded OData."
)
@click.option("--seed", default=42, show_default=True, help="Corpus seed.")
@click.option("--duration", default=4.0, show_default=True, help="Seconds per query cell.")
@click.option("--connections", default="1,8", show_default=True, help="Concurrency levels.")
@click.option("--stages", default=",".join(STAGES), show_default=True)
@click.option("--engines", "chosen", default=",".join(ENGINES), show_default=True)
@click.option("--formats", default=",".join(FORMATS), show_default=True, help="Dump formats.")
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "var" / "bench",
    show_default=True,
    help="Corpora, stores, documents and logs (corpora are reused between runs).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "bench" / "results",
    show_default=True,
    help="Folder for scale-<quads>-<date>.md.",
)
@click.option(
    "--readme/--no-readme", default=True, show_default=True, help="Update bench/README.md."
)
def main(
    quads: str,
    documents: int,
    kinds: str,
    harvest_copies: int,
    seed: int,
    duration: float,
    connections: str,
    stages: str,
    chosen: str,
    formats: str,
    workdir: Path,
    out: Path,
    readme: bool,
) -> None:
    """Measure load, query, export and search at each corpus size against the raw engine."""
    began = time.perf_counter()
    sizes = sorted(int(size) for size in quads.split(","))
    wanted = set(stages.split(","))
    workdir = workdir.resolve()
    run = scalereport.ScaleRun(
        context={
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "load average at start": load_average(),
            "code": f"commit {commit()} (plus uncommitted work), pyoxigraph {ox.__version__}",
        }
    )
    if "load" in wanted:
        click.echo(f"load: {documents} documents", err=True)
        chosen_kinds = kinds.split(",") if kinds else None
        run.load = load_stage(
            workdir, documents, seed, profile_limit=min(documents, 100), kinds=chosen_kinds
        )
    if "harvest" in wanted:
        click.echo(f"harvest: recorded OData × {harvest_copies}", err=True)
        run.harvest = harvest_stage(workdir, harvest_copies)
    for size in sizes:
        click.echo(f"size {size:,}: corpus", err=True)
        nquads, store, manifest = ensure_corpus(workdir, size, seed)
        run.corpora[size] = manifest
        if "search" in wanted:
            run.search[size] = search_stage(store)
        if "query" in wanted:
            run.growth[size] = growth(store, duration)
            if size == sizes[-1]:
                levels = [int(c) for c in connections.split(",")]
                run.engines = compare_engines(
                    store, nquads, workdir, levels, duration, chosen.split(",")
                )
                run.engine_size, run.levels = size, levels
        if "export" in wanted and size == sizes[-1]:
            run.exports[size] = export_stage(
                store, manifest["stored"], workdir / "export", formats.split(",")
            )
    run.context["load average at end"] = load_average()
    run.context["whole run"] = f"{(time.perf_counter() - began) / 60:.1f} min"
    text = scalereport.render(run)
    click.echo(text)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"scale-{sizes[-1]}-{dt.date.today().isoformat()}.md"
    target.write_text(text + "\n")
    click.echo(f"written to {target}", err=True)
    if readme:
        scalereport.update_readme(ROOT / "bench" / "README.md", text, target.name)


if __name__ == "__main__":
    main()
