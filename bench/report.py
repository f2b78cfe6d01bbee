"""The benchmark's Markdown report: answers check, the measurements as ratios, issue 5's targets."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bench.loadgen import Measurement
from bench.queries import MIX

BASELINE = "oxigraph"
#: Column order and headings of the engines.
ENGINE_TITLES = {
    "oxigraph": "native Oxigraph server",
    "in-process": "in-process pyoxigraph",
    "ours": "our endpoint",
    "virtuoso": "Virtuoso",
    "ours-oxigraph": "ours ×2 → Oxigraph server",
    "ours-virtuoso": "ours ×2 → Virtuoso",
}
LIGHT = {"point", "join2"}
#: Issue 5's targets at 8 connections: minimum req/s ratio to the native server.
RATE_TARGET = {"point": 0.25, "join2": 0.25, "aggregate": 0.9, "text": 0.9, "construct": 0.9}
TARGET_CONNECTIONS = 8
#: Light queries' p50 may exceed in-process pyoxigraph's by at most this much.
LIGHT_P50_SLACK_MS = 1.0


@dataclass
class Results:
    """Everything one run measured, keyed by engine, query and connections."""

    context: dict[str, str]
    rows: dict[str, dict[str, int | str]] = field(default_factory=dict)
    cells: dict[tuple[str, str, int], Measurement] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Peak RSS (MB) of each server's processes over the run.
    memory: dict[str, float] = field(default_factory=dict)

    def engines(self) -> list[str]:
        """Engines that ran, in the report's column order."""
        return [e for e in ENGINE_TITLES if e in self.rows]

    def same_answer(self, engine: str, query: str) -> bool:
        """Whether ``engine`` returned as many rows as the baseline for ``query``."""
        mine, base = self.rows[engine].get(query), self.rows.get(BASELINE, {}).get(query)
        return isinstance(mine, int) and mine == base


def render(results: Results, connections: list[int]) -> str:
    """The whole report as Markdown."""
    lines = ["# Endpoint benchmark", ""]
    lines += [f"- {key}: {value}" for key, value in results.context.items()]
    lines += [f"- skipped {engine}: {why}" for engine, why in results.skipped.items()]
    lines += [f"- ⚠ {note}" for note in results.notes]
    lines += ["", answers(results)]
    lines += ["", measurements(results, connections), ""]
    if "ours" in results.engines() and BASELINE in results.engines():
        lines += [_targets(results), ""]
    return "\n".join(lines)


def answers(results: Results) -> str:
    """The answers check: each engine's rows per query, ≠ where they differ from the baseline."""
    engines = results.engines()
    lines = ["## Answers (rows; light queries summed over their first checked IRIs)", ""]
    lines.append("| query | what it does | " + " | ".join(engines) + " |")
    lines.append("|---|---|" + "---|" * len(engines))
    for query in MIX:
        cells = []
        for engine in engines:
            value = results.rows[engine].get(query.name, "—")
            same = engine == BASELINE or results.same_answer(engine, query.name)
            cells.append(f"{value}" if same else f"**{value} ≠**")
        lines.append(f"| {query.name} | {query.description} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def measurements(results: Results, connections: list[int]) -> str:
    """The throughput and latency table, ratios to the baseline where the answers agree."""
    engines = results.engines()
    lines = [
        "## Throughput and latency",
        "",
        f"Each cell: req/s · p50 ms · p99 ms; (×) = ratio to the {ENGINE_TITLES[BASELINE]} "
        "(req/s: higher is better; latency: lower is better). ≠ marks a different answer "
        "(no ratio); ⚠ counts failed requests.",
        "",
        "| query | conn | " + " | ".join(ENGINE_TITLES[e] for e in engines) + " |",
        "|---|---:|" + "---|" * len(engines),
    ]
    for query in MIX:
        for count in connections:
            base = results.cells.get((BASELINE, query.name, count))
            cells = []
            for engine in engines:
                cell = results.cells.get((engine, query.name, count))
                comparable = engine != BASELINE and results.same_answer(engine, query.name)
                cells.append(_cell(cell, base if comparable else None, engine == BASELINE))
            lines.append(f"| {query.name} | {count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(cell: Measurement | None, base: Measurement | None, is_base: bool) -> str:
    if cell is None:
        return "—"
    rate = f"{cell.rate:,.0f}" if cell.rate >= 10 else f"{cell.rate:.1f}"
    p50, p99 = _ms(cell.p50_ms), _ms(cell.p99_ms)
    if base is not None:
        rate += f" ({_ratio(cell.rate, base.rate)})"
        p50 += f" ({_ratio(cell.p50_ms, base.p50_ms)})"
        p99 += f" ({_ratio(cell.p99_ms, base.p99_ms)})"
    elif not is_base:
        rate += " (≠)"
    warning = f" ⚠{cell.errors}" if cell.errors else ""
    return f"{rate} · {p50} · {p99}{warning}"


def _targets(results: Results) -> str:
    lines = [
        f"## Issue 5's targets at {TARGET_CONNECTIONS} connections (our endpoint)",
        "",
        "| query | target | measured | met |",
        "|---|---|---|---|",
    ]
    for query in MIX:
        ours = results.cells.get(("ours", query.name, TARGET_CONNECTIONS))
        base = results.cells.get((BASELINE, query.name, TARGET_CONNECTIONS))
        local = results.cells.get(("in-process", query.name, TARGET_CONNECTIONS))
        if ours is None or base is None or not results.same_answer("ours", query.name):
            lines.append(f"| {query.name} | — | not comparable | — |")
            continue
        ratio = ours.rate / base.rate if base.rate else math.nan
        wanted = RATE_TARGET[query.name]
        target = f"≥ {wanted}× req/s"
        measured = f"{ratio:.2f}×"
        met = ratio >= wanted
        if query.name in LIGHT and local is not None:
            gap = ours.p50_ms - local.p50_ms
            target += f", p50 ≤ in-process + {LIGHT_P50_SLACK_MS:g} ms"
            measured += f", p50 {_ms(ours.p50_ms)} vs {_ms(local.p50_ms)} (+{gap:.2f} ms)"
            met = met and gap <= LIGHT_P50_SLACK_MS
        lines.append(f"| {query.name} | {target} | {measured} | {'yes' if met else '**no**'} |")
    return "\n".join(lines)


def _ms(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:.2f}" if value < 10 else f"{value:,.0f}"


def _ratio(value: float, base: float) -> str:
    if not base or math.isnan(base) or math.isnan(value):
        return "—"
    ratio = value / base
    return f"{ratio:.2f}×" if ratio < 10 else f"{ratio:.0f}×"
