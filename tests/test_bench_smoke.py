"""Smoke test of bench/: the corpus generators write valid LegCo-shaped graphs and documents,
the endpoint benchmark's query mix answers on them in-process, and every stage of the scale
benchmark runs and reports on a tiny corpus. No timing is asserted: benchmarks run on demand
(`python -m bench.endpoint`, `python -m bench.scale`), never as tests."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph

from bench import report
from bench.corpus import MANIFEST, bulk_load, ensure_corpus, generate
from bench.documents import KINDS, build_document, plan_document
from bench.exportrun import SEARCHES, export_stage, search_stage
from bench.harvestrun import multiplied_sets
from bench.loadgen import Measurement
from bench.loadrun import load_stage
from bench.measure import group_peak_mb, run_measured
from bench.queries import MIX
from bench.rewrite import Rewrite
from bench.runner import query_texts, rows_in_process
from bench.scalereport import BEGIN, ScaleRun, render, update_readme
from bench.textdocs import find_templates, generate_documents
from bench.world import World
from loader.kinds import registry
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
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


def test_a_built_corpus_is_reused_by_the_next_run(tmp_path: Path) -> None:
    nquads, store, manifest = ensure_corpus(tmp_path, 2_000, seed=3)
    built = (nquads.stat().st_mtime_ns, (store / MANIFEST).stat().st_mtime_ns)
    again = ensure_corpus(tmp_path, 2_000, seed=3)
    assert again == (nquads, store, manifest)
    assert (nquads.stat().st_mtime_ns, (store / MANIFEST).stat().st_mtime_ns) == built
    assert manifest["stored"] >= 2_000


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


def test_rewrite_moves_every_date_form_by_the_same_weeks_and_renumbers_papers() -> None:
    rewrite = Rewrite(days=21, paper_offset=100, year=2024)
    text = (
        "Tuesday, 9 January 2024 | ２０２４年２月６日(星期二) | 2024 年 4 月 8 日 | "
        "今日（十一月十五日）"
        " | (February 22) | April 10, 2024 | P2024041000242 | general/202404/10/ | "
        "CB(4)12/2024(03) | CB (4) 12 / 2024 (03) | 立法會CB(1)1501/09-10號 | itb20230213.htm"
    )
    assert rewrite.apply(text) == (
        "Tuesday, 30 January 2024 | ２０２４年２月２７日(星期二) | 2024 年 4 月 29 日 | "
        "今日（十二月六日）"
        " | (March 14) | May 1, 2024 | P2024050100242 | general/202405/01/ | "
        "CB(4)113/2024(03) | CB (4) 113 / 2024 (03) | 立法會CB(1)1602/09-10號 | itb20230306.htm"
    )
    years_back = Rewrite(days=-7 * 522, paper_offset=0, year=2024)
    assert years_back.apply("yr17-18 yr2023 CB(4)12/2024") == "yr07-08 yr2013 CB(4)13/2014"


def test_rewritten_documents_of_every_kind_load_as_new_valid_graphs(tmp_path: Path) -> None:
    templates = find_templates()
    assert {t.kind for t in templates} == set(registry.KINDS)
    one_each = list({t.kind: t for t in templates}.values())
    one_each += [t for t in templates if t.codec not in ("utf-8",) or t.bom][:2]
    corpus = generate_documents(tmp_path / "docs", 2 * len(one_each), seed=5, templates=one_each)
    with GraphStore.open(tmp_path / "store", write=True) as store:
        outcome = load_sources(store, [str(corpus.folder)], LoadOptions(base_iri=DEFAULT_BASE_IRI))
        graphs = [r.graph for r in outcome.results]
    assert outcome.ok, [r.message for r in outcome.results if r.message]
    assert len(set(graphs)) == corpus.documents == 2 * len(one_each)
    assert set(corpus.kinds) == set(registry.KINDS)


def test_scale_stages_run_and_report_on_a_tiny_corpus(tmp_path: Path) -> None:
    stage = load_stage(tmp_path, documents=3, seed=1, profile_limit=2)
    assert [run.validate for run in stage.runs] == [True, False]
    assert all(run.documents == 3 and run.failed == 0 and run.peak_mb > 0 for run in stage.runs)
    assert stage.bulk_quads == stage.runs[0].quads
    assert stage.profiled_documents == 2 and stage.profile["SHACL validation"] > 0
    store = tmp_path / "loaded-validated.store"
    exports = export_stage(store, stage.bulk_quads, tmp_path / "export", ["turtle"])
    assert [(e.fmt, e.writer) for e in exports] == [("turtle", "ours"), ("turtle", "raw")]
    search = search_stage(store)
    assert search.entries > 0 and set(search.latency_ms) == set(SEARCHES)
    run = ScaleRun(context={"whole run": "0.5 min"}, load=stage, search={10: search})
    run.exports = {10: exports}
    text = render(run)
    assert "| `legisgraph load` | 3 (0) |" in text
    assert "| export turtle at 10 quads ≥ 0.8× raw rate" in text
    assert "| SHACL validation |" in text
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nintro\n")
    update_readme(readme, text, "scale-10.md")
    update_readme(readme, text, "scale-10.md")
    written = readme.read_text()
    assert written.startswith("# Benchmarks\n\nintro\n") and written.count(BEGIN) == 1
    assert "##### Load" in written


def test_peak_memory_of_a_subprocess_and_of_a_process_group_is_measured() -> None:
    grow = "x = bytearray(60 * 2**20); import sys; sys.stdout.write('ok'); sys.stdout.flush()"
    ran = run_measured([sys.executable, "-c", grow + "; import time; time.sleep(0.5)"])
    assert ran.returncode == 0 and ran.stdout == "ok" and ran.peak_mb >= 60
    waiting = grow + "; sys.stdin.read()"
    process = subprocess.Popen(
        [sys.executable, "-c", waiting],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert process.stdout.read(2) == b"ok"
        assert group_peak_mb(process.pid) >= 60
    finally:
        process.communicate(b"")


def test_multiplied_odata_copies_are_new_meetings_on_days_of_their_own() -> None:
    recorded, tripled = multiplied_sets(1), multiplied_sets(3)
    meetings = tripled["ScheduleDB/odata/Tmeeting"]
    assert len(meetings) == 3 * len(recorded["ScheduleDB/odata/Tmeeting"])
    assert len({m["slot_id"] for m in meetings}) == len(meetings)
    questions = tripled["OpenData/HansardDB/Questions"]
    count = len(recorded["OpenData/HansardDB/Questions"])
    days = [
        {q["MeetingDate"][:10] for q in questions[i * count : (i + 1) * count]} for i in range(3)
    ]
    assert all(days) and not (days[0] & days[1] or days[0] & days[2] or days[1] & days[2])
    assert tripled["ScheduleDB/odata/Tmember"] == recorded["ScheduleDB/odata/Tmember"]


def test_council_questions_share_meetings_once_every_wednesday_has_one() -> None:
    world, taken = World(), set()
    plans = [plan_document(world, 1, i, taken, kind="question") for i in range(1_600)]
    assert any(plan.slot for plan in plans)
    assert all(plan.date.weekday() == 2 for plan in plans)
    assert len({build_document(plan, world).graph for plan in plans}) == len(plans)
