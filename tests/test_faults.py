"""Faults: `kill -9` of a load at random points, a server killed under load, a full disk.

After every fault the store opens, holds only whole documents (each graph isomorphic to the
graph an uninterrupted load made) and every document reported loaded; a rerun then completes
with the same dataset as the uninterrupted load. The figures are printed at the end.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from fault_support import (
    compare_store,
    difference,
    graph_of_ntriples,
    index_difference,
    kill_tree,
    loaded_before,
    make_corpus,
    write_variant,
)
from fuzz_support import RANDOM, Figures, print_figures, scaled
from serverprocess import LEGISGRAPH, SERVER_PIDS, running_server, tail

from loader.pipeline import LoadOptions, load_sources
from loader.remote import ServerTarget
from loader.search_index import SearchIndex
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore

DOCUMENTS, KILL_ROUNDS, INDEX_ROUNDS = 60, 5, 4
TOKEN = "fault-token"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    """The corpus folder and the graphs of its uninterrupted reference load."""
    folder = tmp_path_factory.mktemp("corpus")
    with GraphStore.open(folder / "reference", write=True) as reference:
        graphs = make_corpus(folder / "documents", DOCUMENTS, reference)
    assert len(graphs) >= DOCUMENTS * 0.8, f"only {len(graphs)} documents in the corpus"
    return folder / "documents", graphs


def _start_load(store: Path, documents: Path, log: Path) -> subprocess.Popen:
    command = [str(LEGISGRAPH), "--store", str(store), "load", "--cache", str(log.parent / "c")]
    with log.open("wb") as output:
        return subprocess.Popen([*command, str(documents)], stdout=output, stderr=subprocess.STDOUT)


def _graph_count(store_path: Path) -> int:
    with GraphStore.open(store_path, write=False) as store:
        return len(store.named_graphs())


def _wait_for_lines(log: Path, count: int, process: subprocess.Popen) -> None:
    while len(loaded_before(log)) < count and process.poll() is None:
        time.sleep(0.02)


def test_kill_9_of_a_load_at_random_points_loses_nothing(corpus, tmp_path, pytestconfig):
    documents, reference = corpus
    figures = Figures("faults: kill -9 of `legisgraph load` at random points")
    store_path = tmp_path / "store"
    chooser = random.Random(None if RANDOM else 14)
    rounds = scaled(KILL_ROUNDS)
    lost = 0
    for round_number in range(rounds):
        log = tmp_path / f"load-{round_number}.log"
        before = _graph_count(store_path) if round_number else 0
        remaining = len(reference) - before
        # Kill after a random number of documents of this run, and a random moment later.
        target = chooser.randint(1, max(1, remaining // (rounds - round_number + 1)))
        process = _start_load(store_path, documents, log)
        _wait_for_lines(log, target, process)
        time.sleep(chooser.uniform(0, 0.3))
        finished = process.poll() is not None
        kill_tree(process.pid)
        process.wait(timeout=30)
        with GraphStore.open(store_path, write=True) as store:
            problems = compare_store(store, reference)
            present = set(store.named_graphs())
        missing = loaded_before(log) - present
        lost += len(missing)
        problems += [f"{graph}: reported loaded, then lost" for graph in missing]
        status = "finished before the kill" if finished else "killed mid-load"
        figures.record(status, "; ".join(problems) or None, f"round {round_number}")
        figures.notes[f"round {round_number}"] = f"graphs {before} → {len(present)}"
    log = tmp_path / "rerun.log"
    rerun = _start_load(store_path, documents, log)
    assert rerun.wait(timeout=300) == 0, tail(log)
    with GraphStore.open(store_path, write=False) as store:
        final_problems = compare_store(store, reference)
        final = set(store.named_graphs())
    figures.notes["documents lost (must be 0)"] = lost
    figures.notes["rerun: graphs equal to the uninterrupted load"] = (
        f"{len(final) - len(final_problems)} of {len(reference)}"
    )
    print_figures(pytestconfig, figures)
    assert figures.problems == []
    assert figures.statuses["killed mid-load"] >= 1
    assert final == set(reference) and final_problems == []


def test_kill_9_of_a_replacement_load_leaves_a_search_index_repaired_at_next_use(
    corpus, tmp_path, pytestconfig
):
    """Issue 24: a load killed between replacing graphs and re-indexing them left the index
    with the old text for good (the rerun finds the documents unchanged). After each kill, the
    index as the next use refreshes it must equal a fresh `legisgraph index`."""
    documents, reference = corpus
    figures = Figures("faults: kill -9 of a replacement load, search index vs a fresh one")
    store_path = tmp_path / "store"
    assert _start_load(store_path, documents, tmp_path / "first.log").wait(timeout=300) == 0
    chooser = random.Random(None if RANDOM else 24)
    for round_number in range(scaled(INDEX_ROUNDS)):
        variant, log = tmp_path / f"variant-{round_number}", tmp_path / f"load-{round_number}.log"
        write_variant(documents, variant, round_number + 1)
        process = _start_load(store_path, variant, log)
        _wait_for_lines(log, chooser.randint(1, len(reference) // 2), process)
        time.sleep(chooser.uniform(0, 0.3))
        finished = process.poll() is not None
        kill_tree(process.pid)
        process.wait(timeout=30)
        with GraphStore.open(store_path, write=False) as store:
            SearchIndex.beside(store_path).refresh(store)  # as the server's first search does
        problem = index_difference(store_path, tmp_path / f"fresh-{round_number}", LEGISGRAPH)
        status = "finished before the kill" if finished else "killed mid-load"
        figures.record(status, problem, f"round {round_number}")
    print_figures(pytestconfig, figures)
    assert figures.problems == []
    assert figures.statuses["killed mid-load"] >= 1


@pytest.fixture
def writable_server(tmp_path) -> Iterator[tuple[str, Path]]:
    """A server that writes, with the token; its store and log."""
    store = tmp_path / "served"
    with running_server(
        store, tmp_path / "server.log", WRITE_ACCESS="token", WRITE_TOKEN=TOKEN, QUERY_WORKERS="2"
    ) as url:
        yield url, store


def test_server_killed_under_load_restarts_with_all_committed_data(
    corpus, tmp_path, pytestconfig
) -> None:
    documents, reference = corpus
    figures = Figures("faults: server killed with -9 during a load through it")
    store = tmp_path / "served"
    committed: list[str] = []
    settings = {"WRITE_ACCESS": "token", "WRITE_TOKEN": TOKEN, "QUERY_WORKERS": "2"}
    with running_server(store, tmp_path / "server.log", **settings) as url:
        options = LoadOptions(base_iri=DEFAULT_BASE_IRI)
        target = ServerTarget(url, TOKEN)

        def note(index: int, total: int, result) -> None:
            if result.graph:
                committed.append(result.graph)

        loader = threading.Thread(
            target=load_sources, args=(target, [str(documents)], options, note), daemon=True
        )
        loader.start()
        queries = 0
        while len(committed) < len(reference) // 3 and loader.is_alive():
            response = requests.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
            queries += response.status_code == 200
        killed = kill_tree(SERVER_PIDS[url])
        loader.join(timeout=120)
    figures.notes["processes killed"] = killed
    figures.notes["graphs committed before the kill"] = len(committed)
    figures.notes["queries answered during the load"] = queries
    with running_server(store, tmp_path / "restart.log", **settings) as url:
        for graph in committed:
            response = requests.get(
                url + "/store",
                params={"graph": graph},
                headers={"Accept": "application/n-triples"},
                timeout=30,
            )
            if response.status_code != 200:
                figures.record(response.status_code, f"{graph}: lost after the restart", graph)
                continue
            got = graph_of_ntriples(response.text)
            figures.record(200, difference(graph, got, reference[graph]), graph)
    figures.notes["documents lost (must be 0)"] = sum(1 for p in figures.problems if "lost" in p)
    print_figures(pytestconfig, figures)
    assert committed, "the server was killed before any document was committed"
    assert figures.problems == []


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip()}): run as root")


@pytest.fixture(scope="module")
def full_disk_load(corpus, tmp_path_factory) -> tuple[int, str, Path]:
    """Load the corpus onto a 3 MB tmpfs until it is full; the exit status, the output, and
    the store copied off the full disk afterwards."""
    documents, _ = corpus
    folder = tmp_path_factory.mktemp("full-disk")
    disk = folder / "disk"
    _mount_tmpfs(disk, "3m")
    try:
        log = folder / "full.log"
        status = _start_load(disk / "store", documents, log).wait(timeout=300)
        # Room again: the store moves to a disk with space, as an operator would do.
        shutil.copytree(disk / "store", folder / "store")
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    return status, log.read_text(errors="replace"), folder / "store"


def test_a_full_disk_leaves_the_store_usable_and_the_rerun_completes(
    corpus, full_disk_load, tmp_path, pytestconfig
) -> None:
    documents, reference = corpus
    status, output, store_path = full_disk_load
    figures = Figures("faults: a load onto a full disk (a 3 MB tmpfs)")
    figures.notes["exit status of the load on the full disk"] = status
    figures.notes["documents loaded before the disk filled"] = len(
        re.findall(r"^\[\d+/\d+\] loaded:", output, flags=re.M)
    )
    with GraphStore.open(store_path, write=True) as store:
        problems = compare_store(store, reference)
        figures.notes["whole graphs in the store after the full disk"] = len(store.named_graphs())
    figures.record("reopened", "; ".join(problems) or None, "store after the full disk")
    rerun_log = tmp_path / "rerun.log"
    rerun = _start_load(store_path, documents, rerun_log).wait(timeout=300)
    with GraphStore.open(store_path, write=False) as store:
        final = set(store.named_graphs())
        problems = compare_store(store, reference)
    figures.record("rerun", "; ".join(problems) or None, tail(rerun_log, 3))
    print_figures(pytestconfig, figures)
    assert status != 0, "the load on a full disk did not fail"
    assert rerun == 0 and final == set(reference)
    assert figures.problems == []


def test_a_load_onto_a_full_disk_ends_with_a_one_line_error_not_a_traceback(
    full_disk_load,
) -> None:
    status, output, _ = full_disk_load
    assert status == 1
    assert "Traceback" not in output
    failures = [line for line in output.splitlines() if "failed:" in line]
    assert failures and all("No space left on device" in line for line in failures), failures[:3]
    assert "failed;" in output.splitlines()[-1]  # the summary still ends the run
