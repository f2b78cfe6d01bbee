"""Issue 23's extra cells: repeated queries (the result cache) and one client on the defaults.

- repeated: every query of the mix with one fixed text (a canned query, a page, a dashboard
  refreshing), at 8 connections, on the native Oxigraph server and on our endpoint with its
  result cache on (the main table runs ours with the cache off: its light queries cycle through
  1,000 IRIs and its engine-bound ones would otherwise be repeats);
- as shipped: our endpoint with every per-client limit at its default, loaded by one client
  (wrk, one address) at 8 connections: the refusals (429/503) an ordinary client meets.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import ExitStack
from pathlib import Path

import click

from bench import engines, loadgen, runner
from bench.engines import EngineUnavailable
from bench.loadgen import Measurement
from bench.queries import MIX, Query

CONNECTIONS = 8
CACHE_MB = 64
#: Queries the as-shipped server is loaded with: the light ones, and one engine-bound one.
AS_SHIPPED = ("point", "join2", "text")


def run(
    store: Path, workers: int, workdir: Path, seconds: float, queries: Collection[str] | None = None
) -> str:
    """Measure both sections (on every query of the mix, or those named); their Markdown."""
    logs = workdir / "logs"
    mix = [q for q in MIX if queries is None or q.name in queries]
    every = runner.query_texts(store)
    texts = {q.name: every[q.name] for q in mix}
    once = {name: found[:1] for name, found in texts.items()}
    with ExitStack() as stack:
        try:
            native = stack.enter_context(engines.native_oxigraph(store, workdir / "tools", logs))
        except EngineUnavailable as error:
            return f"## Issue 23: repeated queries\n\nskipped: {error}"
        cached = stack.enter_context(
            engines.ours(store, workers, CONNECTIONS, logs, cache_mb=CACHE_MB, name="ours-cached")
        )
        shipped = stack.enter_context(engines.ours_as_shipped(store, workers, logs))
        native_rows = runner.rows_over_http(native.endpoint, once)
        cached_rows = runner.rows_over_http(cached.endpoint, once)
        repeated = {}
        for query in mix:
            for server in (native, cached):
                cell = loadgen.run_wrk(
                    server.endpoint, once[query.name], query.is_construct, CONNECTIONS, seconds
                )
                repeated[(server.name, query.name)] = cell
                _progress(server.name, f"{query.name}×1", cell)
        as_shipped = {}
        for query in (q for q in mix if q.name in AS_SHIPPED):
            name = query.name
            cell = loadgen.run_wrk(
                shipped.endpoint, texts[name], query.is_construct, CONNECTIONS, seconds
            )
            as_shipped[name] = cell
            _progress(shipped.name, name, cell)
    same = {q.name: native_rows[q.name] == cached_rows[q.name] for q in mix}
    return "\n\n".join(
        [_repeated_table(repeated, same, native_rows, mix), _as_shipped_table(as_shipped)]
    )


def _repeated_table(
    cells: dict[tuple[str, str], Measurement],
    same: dict[str, bool],
    rows: dict,
    mix: list[Query],
) -> str:
    lines = [
        f"## Issue 23: repeated queries at {CONNECTIONS} connections (one text per query)",
        "",
        f"Our endpoint with `RESULT_CACHE_MB={CACHE_MB}`; target ≥ 1× the native server's req/s.",
        "",
        "| query | rows | native Oxigraph server | ours, result cache on | ratio | met |",
        "|---|---:|---|---|---:|---|",
    ]
    for query in mix:
        base, ours = cells[("oxigraph", query.name)], cells[("ours-cached", query.name)]
        if not same[query.name]:
            lines.append(f"| {query.name} | ≠ | {_cell(base)} | {_cell(ours)} | — | — |")
            continue
        ratio = ours.rate / base.rate if base.rate else 0.0
        met = "yes" if ratio >= 1 and not ours.errors else "**no**"
        lines.append(
            f"| {query.name} | {rows[query.name]} | {_cell(base)} | {_cell(ours)} "
            f"| {ratio:.2f}× | {met} |"
        )
    return "\n".join(lines)


def _as_shipped_table(cells: dict[str, Measurement]) -> str:
    lines = [
        f"## Issue 23: one client, {CONNECTIONS} connections, our endpoint as shipped",
        "",
        "Default per-client limits, result cache off; light queries cycle through 1,000 IRIs. "
        "Failed = non-2xx answers (429/503) and socket errors.",
        "",
        "| query | ours: req/s · p50 ms · p99 ms | failed |",
        "|---|---|---:|",
    ]
    for name, cell in cells.items():
        lines.append(f"| {name} | {_cell(cell)} | {cell.errors} |")
    return "\n".join(lines)


def _cell(cell: Measurement) -> str:
    rate = f"{cell.rate:,.0f}" if cell.rate >= 10 else f"{cell.rate:.1f}"
    warning = f" ⚠{cell.errors}" if cell.errors else ""
    return f"{rate} · {cell.p50_ms:.2f} · {cell.p99_ms:.2f}{warning}"


def _progress(engine: str, query: str, cell: Measurement) -> None:
    click.echo(
        f"  {engine:14} {query:12} c={CONNECTIONS} {cell.rate:9.1f} req/s  p50 "
        f"{cell.p50_ms:8.2f} ms  p99 {cell.p99_ms:8.2f} ms  errors {cell.errors}",
        err=True,
    )
