"""Smoke test of bench/: the corpus generator writes valid LegCo-shaped graphs and the endpoint
benchmark's query mix answers on them in-process. No timing is asserted: benchmarks run on
demand (`python -m bench.endpoint`), never as tests."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph

from bench import report
from bench.corpus import bulk_load, generate
from bench.documents import KINDS, build_document, plan_document
from bench.loadgen import Measurement
from bench.queries import MIX
from bench.runner import query_texts, rows_in_process
from bench.world import World
from loader.validate import validate
from loader.vocab import LG_NAMESPACE

#: Classes each kind of generated document must contain.
EXPECTED_CLASSES = {
    "brief": {
        "BackgroundBrief",
        "Paragraph",
        "Section",
        "Concern",
        "GovernmentResponse",
        "PolicyMeasure",
        "Meeting",
        "Committee",
        "CouncilQuestion",
        "Topic",
    },
    "minutes": {"Minutes", "Paragraph", "Concern", "AgendaItem", "Meeting", "Committee"},
    "agenda": {"Agenda", "AgendaItem", "AdministrationPaper", "Meeting", "Committee"},
    "question": {"CouncilQuestion", "CouncilMeeting", "Council", "GovernmentBody"},
}


def _rdflib_graph(quads: list[ox.Quad]) -> Graph:
    """The quads' triples as an rdflib graph, the form the loader validates."""
    data = ox.serialize([quad.triple for quad in quads], format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode(), format="nt")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_document_kind_conforms_to_the_shapes(kind: str) -> None:
    world = World()
    document = build_document(plan_document(world, 7, 0, set(), kind=kind), world)
    graph = _rdflib_graph(document.quads)
    assert {q.graph_name for q in document.quads} == {document.graph}
    found = {
        str(o)[len(LG_NAMESPACE) :]
        for o in graph.objects(None, RDF.type)
        if str(o).startswith(LG_NAMESPACE)
    }
    assert EXPECTED_CLASSES[kind] <= found
    outcome = validate(graph)
    assert outcome.conforms, outcome.text


def test_generated_corpus_is_deterministic_and_parses(tmp_path: Path) -> None:
    first, second = tmp_path / "a.nq", tmp_path / "b.nq.gz"
    stats = generate(first, 2_000, seed=3)
    generate(second, 2_000, seed=3)
    assert first.read_bytes() == gzip.decompress(second.read_bytes())
    quads = list(ox.parse(path=str(first), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == stats.quads >= 2_000
    graphs = {q.graph_name for q in quads}
    assert len(graphs) == stats.documents
    assert all(isinstance(g, ox.NamedNode) for g in graphs)
    years = {
        int(q.object.value[:4])
        for q in quads
        if q.predicate.value == "http://purl.org/dc/terms/date" and len(q.object.value) == 10
    }
    assert years and min(years) >= 1998 and max(years) <= 2026


def test_query_mix_answers_on_a_generated_corpus(tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus.nq.gz", tmp_path / "store"
    stats = generate(corpus, 20_000, seed=42)
    stored, _ = bulk_load(corpus, store)
    assert stored == stats.quads
    texts = query_texts(store)
    assert all(len(texts[q.name]) > 1 for q in MIX if q.target)
    rows = rows_in_process(store, texts)
    assert {name for name, count in rows.items() if not count} == set()


def test_report_gives_ratios_only_for_equal_answers() -> None:
    results = report.Results(context={"corpus": "test"})
    cell = Measurement(requests=100, seconds=1.0, p50_ms=1.0, p99_ms=2.0)
    slower = Measurement(requests=50, seconds=1.0, p50_ms=2.0, p99_ms=4.0)
    results.rows = {"oxigraph": {"point": 8, "join2": 5}, "ours": {"point": 8, "join2": 4}}
    for engine, measured in (("oxigraph", cell), ("ours", slower)):
        for name in ("point", "join2"):
            results.cells[(engine, name, 8)] = measured
    text = report.render(results, [8])
    assert "| point | 8 | 100 · 1.00 · 2.00 | 50 (0.50×) · 2.00 (2.00×) · 4.00 (2.00×) |" in text
    assert "| join2 | 8 | 100 · 1.00 · 2.00 | 50 (≠) · 2.00 · 4.00 |" in text
    assert "**4 ≠**" in text
