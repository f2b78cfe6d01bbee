"""One node per Member whatever the order: documents and the harvest meet on ``member/{id}``.

Documents are loaded through the real pipeline and the harvest runs against the local OData
server (tests/harvest_support.py): LegCo's recorded answers with the real agendas in
../shared (skipped when absent), and our own OData fixtures with agendas written here from
tests/data/council, naming a Member only the harvest knows and a name two Members share.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from harvest_support import (
    DATA_DIR,
    RECORDINGS,
    SHARED_DIR,
    ODataServer,
    fast_client,
    load_entity_sets,
    run_harvest,
)

from loader.harvest.run import HarvestReport
from loader.member_table import member_table
from loader.pipeline import LoadOptions, load_sources
from loader.settings import DEFAULT_BASE_IRI as ID
from loader.store import GraphStore

DOCS = SHARED_DIR / "legco-docs"
COUNCIL = Path(__file__).parent / "data" / "council" / "identity-agenda-en.txt"
HARVESTED = f"{ID}graph/odata/"
MEMBERS_IN_DOCUMENTS = f"""
    SELECT DISTINCT ?g ?m WHERE {{
        GRAPH ?g {{ ?m a <https://w3id.org/legisgraph/ontology#Member> }}
        FILTER (!STRSTARTS(STR(?g), "{HARVESTED}"))
    }}"""
needs_shared = pytest.mark.skipif(
    not (RECORDINGS.is_dir() and DOCS.is_dir()), reason=f"../shared not present: {SHARED_DIR}"
)


def _load(store: GraphStore, paths: list[Path]) -> None:
    report = load_sources(store, [str(p) for p in paths], LoadOptions(base_iri=ID))
    assert report.ok, [r.message for r in report.results]


def _harvest(store: GraphStore, sets: dict, cache: Path) -> HarvestReport:
    with ODataServer(sets, page_cap=50) as server:
        report = run_harvest(store, fast_client(server.base_url, cache), page_size=100)
    assert report.ok, report.graphs
    return report


def _build(tmp: Path, name: str, docs: list[Path], sets: dict, harvest_first: bool):
    """A store with ``docs`` loaded and ``sets`` harvested, in the order asked; its report."""
    store = GraphStore.open(tmp / name, write=True)
    if harvest_first:
        report = _harvest(store, sets, tmp / f"{name}-cache")
        _load(store, docs)
    else:
        _load(store, docs)
        report = _harvest(store, sets, tmp / f"{name}-cache")
    return store, report


def _members(store: GraphStore) -> set[tuple[str, str]]:
    return {(row["g"].value, row["m"].value) for row in store.query(MEMBERS_IN_DOCUMENTS)}


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real agendas and the recorded answers, loaded then harvested and the reverse."""
    if not (RECORDINGS.is_dir() and DOCS.is_dir()):
        pytest.skip(f"../shared not present: {SHARED_DIR}")
    tmp = tmp_path_factory.mktemp("real")
    docs = sorted(DOCS.glob("*agenda*.txt"))
    sets = load_entity_sets(RECORDINGS)
    first, report = _build(tmp, "load-first", docs, sets, harvest_first=False)
    second, _ = _build(tmp, "harvest-first", docs, sets, harvest_first=True)
    yield first, second, report
    first.close()
    second.close()


@needs_shared
def test_real_agendas_and_the_recorded_harvest_give_the_same_members_in_either_order(real):
    first, second, _ = real
    assert _members(first) == _members(second)
    assert len({m for _, m in _members(first)}) > 50


@needs_shared
def test_every_member_the_council_agendas_name_is_a_member_id_or_reported(real):
    store, _, report = real
    council = {(g, m) for g, m in _members(store) if "/meeting/council/" in g or "council" in g}
    assert len({g for g, _ in council}) >= 3, "the three council agendas' graphs"
    reported = {(item.graph, item.node): item for item in report.relinked.unlinked}
    for graph, member in sorted(council):
        tail = member.removeprefix(f"{ID}member/")
        assert tail.isdigit() or (graph, member) in reported, (graph, member)
    for (graph, member), item in reported.items():
        if (graph, member) in council:
            assert item.reason == "no ScheduleDB id known for this curated Member", item
    provisional = {str(record.iri) for record in member_table(ID).provisional()}
    assert {item.node for item in reported.values()} == provisional
    assert {item.reason for item in reported.values()} == {
        "no ScheduleDB id known for this curated Member"
    }


def _fixture_sets() -> dict:
    """Our OData fixtures plus two made-up Members sharing the English name Alan CHAN."""
    sets = copy.deepcopy(load_entity_sets(DATA_DIR))
    template = sets["ScheduleDB/odata/Tmember"][0]
    for member_id, given, chinese in ((108, "Tai-man", "大文"), (109, "Siu-ming", "小明")):
        row = dict(template, member_id=member_id, surname_eng="CHAN", firstname_eng=given)
        row.update(english_name="Alan", surname_chi="陳", firstname_chi=chinese)
        sets["ScheduleDB/odata/Tmember"].append(row)
    return sets


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    """An agenda asking questions of a Member only the harvest knows and of an ambiguous name."""
    tmp = tmp_path_factory.mktemp("fixtures")
    text = COUNCIL.read_text(encoding="utf-8")
    assert "Dr Hon Elizabeth QUAT, BBS, JP" in text and "Hon Wilson OR Chong-shing, MH" in text
    text = text.replace("Dr Hon Elizabeth QUAT, BBS, JP", "Hon Tommy CHEUNG Wing-fat")
    text = text.replace("Hon Wilson OR Chong-shing, MH", "Hon Alan CHAN")
    agenda = tmp / "agenda-en.txt"
    agenda.write_text(text, encoding="utf-8")
    sets = _fixture_sets()
    first, report = _build(tmp, "load-first", [agenda], sets, harvest_first=False)
    second, _ = _build(tmp, "harvest-first", [agenda], sets, harvest_first=True)
    yield first, second, report
    first.close()
    second.close()


def test_a_document_loaded_before_the_harvest_is_relinked_to_the_member_it_learns(fixtures):
    first, second, report = fixtures
    members = {m for _, m in _members(first)}
    assert f"{ID}member/107" in members
    assert not any("tommycheung" in m for m in members)
    assert report.relinked.relinked[f"{ID}member/name/tommycheungwing-fat"] == f"{ID}member/107"
    assert _members(first) == _members(second)


def test_a_relinked_member_keeps_the_printed_name_as_an_alternative_label(fixtures):
    first, _, _ = fixtures
    rows = first.query(
        f"""SELECT ?label WHERE {{ GRAPH ?g {{ <{ID}member/107> ?p ?label }}
            FILTER (!STRSTARTS(STR(?g), "{HARVESTED}")) }}"""
    )
    assert "Hon Tommy CHEUNG Wing-fat" in {row["label"].value for row in rows}


def test_a_name_two_members_share_stays_unlinked_and_is_reported_ambiguous(fixtures):
    first, second, report = fixtures
    node = f"{ID}member/name/alanchan"
    assert any(m == node for _, m in _members(first))
    assert any(m == node for _, m in _members(second))
    [item] = [item for item in report.relinked.unlinked if item.node == node]
    assert item.reason == f"ambiguous: {ID}member/108, {ID}member/109"
    assert item.names == "Alan CHAN / Hon Alan CHAN"
