"""`legisgraph export`: every format and option, in store order and --sorted, repeatable,
round trips. (Store order across stores and load orders: tests/test_export_order.py.)"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from dumps_support import (
    assert_dump_round_trips,
    assert_isomorphic,
    assert_same_dataset,
    dump_bytes,
    named_graphs,
    native_dataset,
    oxigraph_binary,
    parse_dataset,
    union_of,
)

from loader.export import FORMATS, DumpError, DumpRequest, write_dump
from loader.export_sort import sorted_unique, triple_key
from loader.store import GraphStore
from loader.vocab import PREFIXES
from server.cli import cli

BRIEF_GRAPH = "https://w3id.org/legisgraph/id/graph/meeting/panel/ea/2025-05-12/brief/0a1b2c3d"
PAPER_GRAPH = "https://w3id.org/legisgraph/id/graph/paper/CB2-10-2025-01"
EX = "http://example.org/"


def _run(runner, store: Path, *args: str):
    return runner.invoke(cli, ["--store", str(store), "export", *args], catch_exceptions=False)


def _store_of(path: Path, quads: list[ox.Quad]) -> Path:
    with GraphStore.open(path, write=True) as store:
        for quad in quads:
            store.raw.add(quad)
        store.raw.update(store.merge.rebuild())  # written raw: derive the default graph
    return path


def _shared_triple_store(path: Path) -> Path:
    """Two graphs that share one triple, each with one of its own, and a blank node."""
    s, p, shared = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("shared")
    blank = ox.BlankNode("b1")
    g1, g2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")
    return _store_of(
        path,
        [
            ox.Quad(s, p, shared, g1),
            ox.Quad(s, p, shared, g2),
            ox.Quad(s, p, ox.Literal("one"), g1),
            ox.Quad(s, p, blank, g2),
            ox.Quad(blank, p, ox.Literal("in a blank node", language="en"), g2),
        ],
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_round_trips_through_rdflib(sample_store, fmt) -> None:
    assert_dump_round_trips(sample_store, fmt)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_graph_option_keeps_only_the_named_graphs(mini_store, fmt) -> None:
    actual = parse_dataset(dump_bytes(mini_store, DumpRequest(fmt, graphs=(PAPER_GRAPH,))), fmt)
    assert named_graphs(actual) == {PAPER_GRAPH}
    expected = native_dataset(mini_store)
    assert_isomorphic(union_of(expected, {PAPER_GRAPH}), union_of(actual), f"graph <{PAPER_GRAPH}>")


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_graph_option_on_a_union_format_gives_those_graphs_merged(mini_store, fmt) -> None:
    both = (PAPER_GRAPH, BRIEF_GRAPH)
    actual = parse_dataset(dump_bytes(mini_store, DumpRequest(fmt, graphs=both)), fmt)
    expected = union_of(native_dataset(mini_store), set(both))
    assert_isomorphic(expected, union_of(actual), "the union of both graphs")
    one = parse_dataset(dump_bytes(mini_store, DumpRequest(fmt, graphs=(BRIEF_GRAPH,))), fmt)
    assert len(union_of(one)) == 17


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "ntriples", "jsonld"])
def test_union_holds_each_shared_triple_once(tmp_path, fmt) -> None:
    store = _shared_triple_store(tmp_path / "store")
    data = dump_bytes(store, DumpRequest(fmt, union=True))
    dataset = parse_dataset(data, fmt)
    assert named_graphs(dataset) == set()
    assert len(union_of(dataset)) == 4
    if fmt in ("nquads", "ntriples"):
        assert data.decode().count('"shared"') == 1
        assert len(data.splitlines()) == 4


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_sorted_union_read_from_the_merge_gives_the_bytes_of_every_graph_named(
    tmp_path, fmt
) -> None:
    store = _shared_triple_store(tmp_path / "store")
    with GraphStore.open(store, write=False) as opened:
        every = tuple(opened.named_graphs())
    whole = dump_bytes(store, DumpRequest(fmt, sorted=True))
    assert whole == dump_bytes(store, DumpRequest(fmt, graphs=every, sorted=True))
    assert whole == dump_bytes(store, DumpRequest(fmt, sorted=True), run_size=1)


def test_a_store_without_the_merge_still_exports_its_union(tmp_path) -> None:
    with GraphStore.open(_shared_triple_store(tmp_path / "new"), write=False) as store:
        named = [q for q in store.raw if not isinstance(q.graph_name, ox.DefaultGraph)]
    old = ox.Store(str(tmp_path / "old"))  # written as before the merge existed
    old.extend(named)
    old.flush()
    del old
    data = dump_bytes(tmp_path / "old", DumpRequest("ntriples"))
    assert len(data.splitlines()) == 4


def test_unknown_graph_is_refused(mini_store) -> None:
    with GraphStore.open(mini_store, write=False) as store, pytest.raises(DumpError) as error:
        write_dump(store, io.BytesIO(), DumpRequest("trig", graphs=(EX + "none",)))
    assert str(error.value) == f"no graph <{EX}none> in the store"


@pytest.mark.parametrize("sort", [False, True])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_repeated_exports_are_byte_identical(mini_store, fmt, sort) -> None:
    first = dump_bytes(mini_store, DumpRequest(fmt, sorted=sort))
    assert first == dump_bytes(mini_store, DumpRequest(fmt, sorted=sort))
    assert dump_bytes(mini_store, DumpRequest(fmt, sorted=sort), compress=True) == dump_bytes(
        mini_store, DumpRequest(fmt, sorted=sort), compress=True
    )


@pytest.mark.parametrize("sort", [False, True])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_same_data_in_another_store_gives_the_same_bytes(
    mini_store, tmp_path, fmt, sort
) -> None:
    with GraphStore.open(mini_store, write=False) as store:
        quads = list(store.raw)
    reloaded = _store_of(tmp_path / "reversed", list(reversed(quads)))
    request = DumpRequest(fmt, sorted=sort)
    assert dump_bytes(reloaded, request) == dump_bytes(mini_store, request)


def test_sorted_turtle_has_one_sorted_block_per_subject_with_types_first(sample_store) -> None:
    text = dump_bytes(sample_store, DumpRequest("turtle", sorted=True)).decode()
    lines = text.splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix")]
    assert {line.split()[1] for line in prefixes} == {f"{name}:" for name in PREFIXES}
    blocks = [line for line in lines if not line.startswith(("@prefix", "\t"))]
    subjects = [block.split(" ", 1)[0] for block in blocks]
    assert len(subjects) == len(set(subjects)) > 100
    assert subjects == sorted(subjects, key=lambda s: s.strip("<>"))
    typed = [block for block in blocks if " a " in block]
    assert typed and all(block.split(" ", 2)[1] == "a" for block in typed)
    assert "lg:Paragraph" in text and "rdfs:label" in text


@pytest.mark.parametrize("fmt", ["trig", "turtle", "nquads"])
def test_sorting_through_files_gives_the_same_bytes_as_in_memory(sample_store, fmt) -> None:
    in_memory = dump_bytes(sample_store, DumpRequest(fmt, sorted=True))
    spilled = dump_bytes(sample_store, DumpRequest(fmt, sorted=True), run_size=97)
    assert spilled == in_memory


def test_sorting_through_files_merges_in_passes_and_keeps_blank_nodes(tmp_path) -> None:
    store = _shared_triple_store(tmp_path / "store")
    with GraphStore.open(store, write=False) as opened:
        triples = (ox.Quad(q.subject, q.predicate, q.object) for q in opened.raw)
        merged = list(sorted_unique(triples, triple_key, run_size=1, fan_in=2))
    keys = [triple_key(quad) for quad in merged]
    assert keys == sorted(set(keys)) and len(keys) == 4
    blank_subject = next(q.subject for q in merged if isinstance(q.subject, ox.BlankNode))
    assert ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), blank_subject) in merged
    in_memory = dump_bytes(store, DumpRequest("turtle", sorted=True))
    assert dump_bytes(store, DumpRequest("turtle", sorted=True), run_size=1) == in_memory
    graph = parse_dataset(in_memory, "turtle")
    assert_isomorphic(union_of(native_dataset(store)), union_of(graph), "the union")


@pytest.mark.parametrize("sort", [False, True])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_gzip_output_decompresses_to_the_plain_bytes(mini_store, fmt, sort) -> None:
    packed = dump_bytes(mini_store, DumpRequest(fmt, sorted=sort), compress=True)
    assert gzip.decompress(packed) == dump_bytes(mini_store, DumpRequest(fmt, sorted=sort))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dump_loaded_into_an_empty_store_gives_back_the_dataset(sample_store, tmp_path, fmt):
    data = dump_bytes(sample_store, DumpRequest(fmt))
    copy = tmp_path / "copy"
    with GraphStore.open(copy, write=True) as store:
        store.load_dataset(data, rdf_format=FORMATS[fmt].rdf_format)
    assert_same_dataset(native_dataset(sample_store), native_dataset(copy))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dump_loaded_by_the_oxigraph_command_gives_back_the_dataset(sample_store, tmp_path, fmt):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` command (PyPI package oxigraph) is not installed")
    dump = tmp_path / f"dump.{FORMATS[fmt].extension}"
    dump.write_bytes(dump_bytes(sample_store, DumpRequest(fmt)))
    location = str(tmp_path / "oxigraph")
    subprocess.run([binary, "load", "--location", location, "--file", str(dump)], check=True)
    dumped = subprocess.run(
        [binary, "dump", "--location", location, "--format", "nq"],
        check=True,
        capture_output=True,
    ).stdout
    assert_same_dataset(native_dataset(sample_store), parse_dataset(dumped, "nquads"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_command_writes_each_format_to_a_file(runner, mini_store, tmp_path, fmt) -> None:
    output = tmp_path / f"dump.{FORMATS[fmt].extension}"
    result = _run(runner, mini_store, "--format", fmt, "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == dump_bytes(mini_store, DumpRequest(fmt))
    assert "30 statements written" in result.output
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_command_sorted_writes_the_code_point_order(runner, mini_store, tmp_path, fmt):
    output = tmp_path / f"dump.{FORMATS[fmt].extension}"
    result = _run(runner, mini_store, "--format", fmt, "--sorted", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == dump_bytes(mini_store, DumpRequest(fmt, sorted=True))
    assert "30 statements written" in result.output


def test_export_command_writes_trig_to_standard_output_by_default(runner, mini_store) -> None:
    result = _run(runner, mini_store)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == dump_bytes(mini_store, DumpRequest("trig"))


def test_export_command_options_combine(runner, mini_store, tmp_path) -> None:
    output = tmp_path / "paper.nq.gz"
    args = ["--format", "nquads", "--graph", PAPER_GRAPH, "--union", "--gzip", "-o", str(output)]
    result = _run(runner, mini_store, *args)
    assert result.exit_code == 0, result.output
    request = DumpRequest("nquads", graphs=(PAPER_GRAPH,), union=True)
    assert gzip.decompress(output.read_bytes()) == dump_bytes(mini_store, request)
    assert "13 statements written (nquads, gzip)" in result.output


def test_export_command_refuses_an_unknown_graph_and_writes_nothing(runner, mini_store, tmp_path):
    output = tmp_path / "dump.trig"
    result = _run(runner, mini_store, "--graph", EX + "none", "-o", str(output))
    assert result.exit_code == 1
    assert f"Error: no graph <{EX}none> in the store" in result.output
    assert list(tmp_path.iterdir()) == []


MEASURE_EXPORT = """
import os, sys
from loader.export import DumpRequest, write_dump
from loader.store import GraphStore

def kilobytes(field):
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith(field)).split()[1])

store = GraphStore.open(sys.argv[1], write=False)
scanned = sum(1 for _ in store.raw)  # the engine's own caches, warmed by a plain scan
before = kilobytes("VmRSS:")
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # restart the peak (VmHWM) from here
with open(os.devnull, "wb") as sink:
    count = write_dump(store, sink, DumpRequest(sys.argv[2], sorted=sys.argv[3] == "sorted"))
print(count, (kilobytes("VmHWM:") - before) // 1024)
"""


@pytest.fixture(scope="module")
def large_store(tmp_path_factory) -> Path:
    """200k quads of long literals in 100 graphs."""
    path = tmp_path_factory.mktemp("large") / "store"
    graphs = [ox.NamedNode(f"{EX}graph/{n}") for n in range(100)]
    with GraphStore.open(path, write=True) as store:
        store.raw.bulk_extend(
            ox.Quad(
                ox.NamedNode(f"{EX}paper/{n % 100}/para/{n // 100}"),
                ox.NamedNode(f"{EX}p{n % 7}"),
                ox.Literal(f"段落 paragraph text number {n} " * 3, language="zh-Hant"),
                graphs[n % 100],
            )
            for n in range(200_000)
        )
        store.bulk_derive_merge()
    return path


@pytest.mark.parametrize(
    "fmt,order",
    [("turtle", "sorted"), ("nquads", "sorted"), ("turtle", "store"), ("nquads", "store")],
)
def test_export_of_a_large_store_keeps_memory_bounded(large_store, fmt, order) -> None:
    """Sorted in runs through temporary files, or streamed in store order: the export's own
    peak memory stays small (sorted all at once in memory, these quads and their keys take
    about 190 MB)."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_EXPORT, str(large_store), fmt, order],
        check=True,
        capture_output=True,
        text=True,
    )
    count, growth_mb = map(int, result.stdout.split())
    assert count == 200_000
    assert growth_mb < 80, f"the export grew peak memory by {growth_mb} MB"


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle"])
def test_dump_holds_the_named_graphs_not_the_derived_merge(tmp_path, fmt) -> None:
    shared = f'<{EX}s> <{EX}p> "shared" .'
    with GraphStore.open(tmp_path / "store", write=True) as store:
        store.replace_graph(EX + "a", shared + f'\n<{EX}s> <{EX}p> "only a" .')
        store.replace_graph(EX + "b", shared)
    data = dump_bytes(tmp_path / "store", DumpRequest(fmt))
    statements = list(ox.parse(data, format=FORMATS[fmt].rdf_format))
    # Named graphs keep every statement with its graph; the union states each triple once.
    assert len(statements) == (3 if FORMATS[fmt].keeps_graphs else 2)
