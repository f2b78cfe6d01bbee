"""Issue 23's endpoint cells (bench/repeated.py) run and report on a tiny corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import loadgen, repeated
from bench.corpus import bulk_load, generate
from bench.queries import MIX


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A small generated corpus in a store, when wrk and the native server are here to measure."""
    if not loadgen.wrk_available():
        pytest.skip("wrk is not installed: apt-get install -y wrk")
    if not (Path(sys.executable).parent / "oxigraph").exists():
        pytest.skip("the native Oxigraph server is not installed: pip install oxigraph")
    corpus, store = tmp_path / "corpus.nq.gz", tmp_path / "store"
    generate(corpus, 20_000, seed=42)
    bulk_load(corpus, store)
    return store


def test_repeated_and_as_shipped_cells_run_and_report(store: Path, tmp_path: Path) -> None:
    text = repeated.run(store, 1, tmp_path, 1.0)
    for query in MIX:
        row = next(line for line in text.splitlines() if line.startswith(f"| {query.name} | "))
        assert "≠" not in row, row  # our cached answer has the native server's rows
    assert "| point | " in text.split("as shipped")[1]
    failed = [
        line.rsplit("|", 2)[1].strip()
        for line in text.split("as shipped")[1].splitlines()
        if line.startswith("| ") and not line.startswith("| query")
    ]
    assert failed == ["0"] * len(repeated.AS_SHIPPED), text


def test_only_the_queries_named_are_measured(store: Path, tmp_path: Path) -> None:
    text = repeated.run(store, 1, tmp_path, 1.0, ["point", "aggregate"])
    measured = {
        line.split("|")[1].strip()
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| query")
    }
    assert measured == {"point", "aggregate"}, text
