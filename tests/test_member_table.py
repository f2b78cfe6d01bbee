"""The curated Members table: one lg:Member per person across documents and languages.

Fixtures of our own always run (a Council agenda in English and in Chinese, Chinese minutes,
and the LCQ releases in tests/data/lcq); the real Council agendas in ../shared/legco-docs and
LegCo's recorded ScheduleDB Tmember answer in ../shared/legco-api-samples run when present.
"""

import json

import pyoxigraph as ox
import pytest
from agenda_support import extract_agenda
from brief_support import BASE, query_rows, query_values, store_of
from lcq_support import EN_HTML, HANS_HTML, HANT_HTML, extract_release
from minutes_support import FIXTURES as MINUTES
from minutes_support import extract_minutes
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import FOAF, RDF, RDFS

from loader.member_table import MEMBER_TABLE, MemberTable, member_table
from loader.paths import ROOT
from loader.settings import DEFAULT_BASE_IRI
from loader.validate import validate
from loader.vocab import LG

COUNCIL = ROOT / "tests" / "data" / "council"
SHARED = ROOT.parent / "shared"
TMEMBER = SHARED / "legco-api-samples" / "ScheduleDB_odata_Tmember-5e5b0e__schedule-6.json"
TABLE = member_table(DEFAULT_BASE_IRI)


@pytest.mark.parametrize(
    "written",
    [
        "Hon Andrew LEUNG Kwan-yuen, SBS, JP",
        "Hon Andrew LEUNG Kwan-yuen (President)",
        "梁君彥議員",
        "梁君彥議員 (主席)",
        "ANDREW LEUNG",
        "LEUNG KWAN-YUEN",
        "Kwan-yuen LEUNG",
        "梁君彦议员",
    ],
)
def test_every_way_legco_writes_a_name_resolves_to_the_member_id(written: str) -> None:
    assert TABLE.resolve(written) == URIRef(f"{BASE}member/260")


def test_spellings_the_parts_do_not_give_come_from_alternative_labels() -> None:
    regina = URIRef(f"{BASE}member/279")
    assert TABLE.resolve("REGINA IP") == TABLE.resolve("葉劉淑儀議員") == regina


def test_a_member_without_a_member_id_is_keyed_by_the_chinese_name() -> None:
    assert TABLE.resolve("LAU KONG-WAH") == TABLE.resolve("劉江華議員")
    assert TABLE.resolve("劉江華") == URIRef(f"{BASE}member/name/劉江華")


@pytest.mark.parametrize("written", ["Hon Someone ELSE", "MOK", "Kenneth LEUNG Yuk-wai", "李美玲"])
def test_a_name_the_table_does_not_give_resolves_to_nothing(written: str) -> None:
    assert TABLE.resolve(written) is None


def test_a_name_two_curated_members_share_resolves_to_nothing() -> None:
    graph = Graph()
    for member_id, chinese in (("1", "甲"), ("2", "乙")):
        iri = URIRef(f"{BASE}member/{member_id}")
        graph.add((iri, RDF.type, LG.Member))
        graph.add((iri, FOAF.familyName, Literal("CHAN", lang="en")))
        graph.add((iri, FOAF.firstName, Literal("Alan", lang="en")))
        graph.add((iri, RDFS.label, Literal(chinese, lang="zh-Hant")))
    table = MemberTable(graph)
    assert table.resolve("Hon Alan CHAN") is None
    assert table.resolve("乙議員") == URIRef(f"{BASE}member/2")


def test_the_table_moves_under_another_base() -> None:
    base = "http://example.org/id/"
    assert member_table(base).resolve("梁君彥") == URIRef(f"{base}member/260")


def test_the_table_is_data_every_curated_member_has_a_name_in_both_languages() -> None:
    graph = Graph().parse(MEMBER_TABLE, format="turtle")
    members = set(graph.subjects(RDF.type, LG.Member))
    assert len(members) > 100
    for member in members:
        languages = {label.language for label in graph.objects(member, RDFS.label)}
        assert languages == {"en", "zh-Hant"}, member


def test_every_recorded_schedule_member_resolves_to_its_member_id() -> None:
    if not TMEMBER.exists():
        pytest.skip(f"../shared/legco-api-samples not present: {TMEMBER.name}")
    records = json.loads(TMEMBER.read_text(encoding="utf-8"))["value"]
    for record in records:
        expected = URIRef(f"{BASE}member/{record['member_id']}")
        chinese = record["surname_chi"].strip() + record["firstname_chi"].strip() + "議員"
        english = " ".join(
            " ".join(record[f] for f in ("english_name", "surname_eng", "firstname_eng")).split()
        )
        assert TABLE.resolve(chinese) == expected, chinese
        assert TABLE.resolve(f"{record['title_eng']} {english}") == expected, english


@pytest.fixture(scope="module")
def documents() -> ox.Store:
    """An English and a Chinese Council agenda, Chinese minutes and the LCQ releases, merged."""
    graphs = [
        extract_agenda(COUNCIL / "identity-agenda-en.txt"),
        extract_agenda(COUNCIL / "identity-agenda-zh.txt"),
        extract_minutes(MINUTES / "identity-minutes-zh.txt"),
        extract_release(EN_HTML),
        extract_release(HANT_HTML),
        extract_release(HANS_HTML),
    ]
    for graph in graphs:
        report = validate(graph)
        assert report.conforms, report.text
    merged = Graph()
    for graph in graphs:
        merged += graph
    return store_of(merged)


def people(store: ox.Store, member: str) -> set[str]:
    """What ``member`` does in the merged documents: (property, thing) as short strings."""
    rows = query_rows(
        store,
        f"SELECT ?p ?x {{ VALUES ?p {{ lg:askedBy lg:mover lg:attendee lg:raisedBy }} "
        f"?x ?p <{BASE}{member}> }}",
    )
    return {f"{p.rsplit('#', 1)[1]} {x.removeprefix(BASE)}" for p, x in rows}


def test_one_member_whichever_document_and_language_names_her(documents) -> None:
    assert people(documents, "member/839") == {
        "askedBy question/2024-05-08/1",
        "askedBy question/2024-04-10/10",
        "attendee meeting/panel/itb/2024-05-13/attendance/member-839",
        "raisedBy paper/CB4-300-2024/para/2/concern/1",
    }
    assert people(documents, "member/905") == {
        "askedBy question/2024-05-08/2",
        "askedBy question/2024-04-10/10",
        "attendee meeting/panel/itb/2024-05-13/attendance/member-905",
    }
    assert people(documents, "member/260") == {
        "mover meeting/council/2024-05-08/motion/II-1",
        "attendee meeting/panel/itb/2024-05-13/attendance/member-260",
    }


def test_a_curated_member_carries_the_tables_names_and_every_printed_form(documents) -> None:
    rows = query_rows(
        documents,
        f"SELECT ?id ?label ?written {{ <{BASE}member/839> a lg:Member ; lg:memberId ?id ; "
        "rdfs:label ?label ; skos:altLabel ?written }",
    )
    assert {(member_id, label) for member_id, label, _ in rows} == {
        ("839", "Elizabeth QUAT"),
        ("839", "葛珮帆"),
    }
    assert {written for _, _, written in rows} == {
        "Dr Hon Elizabeth QUAT, BBS, JP",
        "Hon Elizabeth Quat",
        "葛珮帆議員",
        "葛珮帆議員, BBS, JP",
    }
    keyed_by_name = "SELECT ?m { ?m a lg:Member FILTER CONTAINS(STR(?m), '/name/') }"
    assert query_values(documents, keyed_by_name) == []


def test_documents_mint_the_same_member_triples_on_any_machine() -> None:
    path = COUNCIL / "identity-agenda-zh.txt"
    first, again = extract_agenda(path), extract_agenda(path)
    assert isomorphic(first, again), graph_diff(to_isomorphic(first), to_isomorphic(again))


def test_real_english_and_chinese_council_agendas_share_their_askers() -> None:
    docs = SHARED / "legco-docs"
    if not docs.is_dir():
        pytest.skip(f"../shared/legco-docs not present: {docs}")
    askers = []
    for name in ("council-agenda-2014-04-30-zh.txt", "council-agenda-2014-07-09-en.txt"):
        store = store_of(extract_agenda(docs / name))
        askers.append(set(query_values(store, "SELECT DISTINCT ?m { ?q lg:askedBy ?m }")))
        assert all("/name/" not in member for member in askers[-1]), askers[-1]
    shared = {member.removeprefix(BASE) for member in askers[0] & askers[1]}
    # 涂謹申 / James TO, 田北辰 / Michael TIEN, 謝偉銓 / Tony TSE, 郭偉强 / KWOK Wai-keung
    assert shared == {"member/209", "member/837", "member/848", "member/849"}


RECORDINGS = SHARED / "legco-api-samples"


def test_the_committed_table_is_what_the_builder_makes_from_the_recordings() -> None:
    if not RECORDINGS.is_dir():
        pytest.skip(f"../shared/legco-api-samples not present: {RECORDINGS}")
    from loader.member_table_build import RECORDED, build_table, read_recordings, table_text

    built = table_text(build_table(read_recordings(RECORDINGS)), RECORDED)
    assert built == MEMBER_TABLE.read_text(encoding="utf-8")


def test_the_builder_keeps_what_the_recordings_say_about_each_member() -> None:
    graph = Graph().parse(MEMBER_TABLE, format="turtle")
    andrew = URIRef(f"{BASE}member/260")
    assert (andrew, LG.speakerId, Literal("63")) in graph
    assert {URIRef(f"{BASE}term/{n}") for n in (5, 6)} <= set(graph.objects(andrew, LG.inTerm))
    audrey = URIRef(f"{BASE}member/name/余若薇")
    assert TABLE.resolve("EU Yuet-mee") == TABLE.resolve("AUDREY EU") == audrey
    assert LG.inTerm not in set(TABLE.describe(andrew).predicates())


def test_the_builder_refuses_a_folder_without_odata_answers(tmp_path) -> None:
    from loader.member_table_build import main

    assert main(["--recordings", str(tmp_path), "-o", str(tmp_path / "out.ttl")]) == 1
    assert not (tmp_path / "out.ttl").exists()
