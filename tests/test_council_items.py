"""Council agendas yield the business before the Council: tabled papers, bills and motions.

The three real Council agendas in ../shared/legco-docs run when that folder is present; two
small agendas of our own (tests/data/council: English, and Chinese in a table layout) always run.
"""

import re

import pytest
from agenda_support import extract_agenda
from brief_support import BASE, query_rows, query_values, store_of

from loader.kinds.agenda.council_items import merge_cells
from loader.paths import ROOT
from loader.validate import validate

SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"
OWN = ROOT / "tests" / "data" / "council"

#: Read off each real agenda: date, L.N. range and year, other papers, distinct bills,
#: motions, amendments, and a few movers (bill or motion IRI tail → mover IRI tail; a bill by its
#: place among the distinct bills of the agenda; a Member by
#: the ScheduleDB member_id that LegCo's Tmember data gives the name).
REAL = {
    "council-agenda-2013-05-08-en.txt": (
        "2013-05-08",
        (62, 69, 2013),
        1,
        6,
        5,
        11,
        {
            "bill/4": "officer/financialsecretary",
            "bill/6": "member/846",
            "motion/IV-1": "officer/secretaryforfoodandhealth",
            "motion/VII-1": "member/836",
        },
    ),
    "council-agenda-2014-04-30-zh.txt": (
        "2014-04-30",
        (54, 57, 2014),
        3,
        5,
        3,
        8,
        {
            "bill/5": "officer/財政司司長",
            "motion/IV-1": "member/260",
            "motion/IV-3": "member/844",
        },
    ),
    "council-agenda-2014-07-09-en.txt": (
        "2014-07-09",
        (103, 110, 2014),
        29,
        7,
        7,
        8,
        {
            "bill/6": "officer/secretaryforfinancialservicesandthetreasury",
            "motion/IV-1": "officer/secretaryforcommerceandeconomicdevelopment",
            "motion/V-5": "member/2",
        },
    ),
}


@pytest.fixture(scope="module", params=sorted(REAL))
def real(request: pytest.FixtureRequest):
    """One real Council agenda: its expectations and store."""
    graph = extract_agenda(SHARED_DOCS / request.param)
    return REAL[request.param], store_of(graph)


@pytest.fixture(scope="module")
def own_en():
    """Our own English Council agenda: its graph and store."""
    graph = extract_agenda(OWN / "council-business-en.txt")
    return graph, store_of(graph)


@pytest.fixture(scope="module")
def own_zh():
    """Our own Chinese Council agenda in a table layout: its graph and store."""
    graph = extract_agenda(OWN / "council-business-zh.txt")
    return graph, store_of(graph)


def tabled(store, rdf_class: str, meeting: str) -> list[str]:
    """Resources of ``rdf_class`` tabled at ``meeting``."""
    return query_values(store, f"SELECT ?x {{ ?x a {rdf_class} ; lg:tabledAt <{meeting}> }}")


def short(iri: str) -> str:
    """A mover IRI without the base and meeting: ``officer/…``, ``member/…``."""
    tail = iri.removeprefix(BASE)
    return tail[tail.index("officer/") :] if "/officer/" in tail else tail


def test_real_council_agenda_tables_subsidiary_legislation_by_legal_notice(real) -> None:
    (date, (first, last, year), *_), store = real
    rows = query_rows(
        store,
        "SELECT ?s ?n ?title { ?s a lg:SubsidiaryLegislation ; lg:legalNoticeNumber ?n ; "
        f"dcterms:title ?title ; lg:tabledAt <{BASE}meeting/council/{date}> }}",
    )
    expected = {f"L.N. {n} of {year}": f"{BASE}ln/{year}/{n}" for n in range(first, last + 1)}
    assert {n: s for s, n, _ in rows} == expected
    assert all(title and not re.search(r"\d+/\d{4}$", title) for _, _, title in rows)


def test_real_council_agenda_tables_other_papers_under_its_first_item(real) -> None:
    (date, _, papers, *_), store = real
    meeting = f"{BASE}meeting/council/{date}"
    rows = query_values(
        store,
        f"SELECT ?p {{ ?p a lg:Paper ; lg:tabledAt <{meeting}> ; "
        f"lg:consideredUnder <{meeting}/item/I> ; dcterms:title ?t }}",
    )
    assert rows == sorted(f"{meeting}/paper/tabled-{n}" for n in range(1, papers + 1))


def test_real_council_agenda_lists_bills_and_motions_with_movers(real) -> None:
    (date, _, _, bills, motions, amendments, spot), store = real
    meeting = f"{BASE}meeting/council/{date}"
    assert len(tabled(store, "lg:Bill", meeting)) == bills
    moved = tabled(store, "lg:Motion", meeting)
    assert len([m for m in moved if "/amendment/" not in m]) == motions
    assert len([m for m in moved if "/amendment/" in m]) == amendments
    rows = query_rows(store, "SELECT ?x ?m { ?x lg:mover ?m . ?m rdfs:label ?l }")
    found = {}
    for thing, mover in rows:
        key = thing.removeprefix(f"{meeting}/").removeprefix(BASE)
        found.setdefault(key, set()).add(short(mover))
    assert {key: found.get(key) for key in spot} == {key: {value} for key, value in spot.items()}


def test_real_motion_movers_are_members_or_officers(real) -> None:
    _, store = real
    kinds = query_values(
        store,
        "SELECT DISTINCT ?c { ?x a lg:Motion ; lg:mover ?m . ?m a ?c }",
    )
    assert set(kinds) <= {
        "https://w3id.org/legisgraph/ontology#Member",
        "https://w3id.org/legisgraph/ontology#PublicOfficer",
    }
    assert kinds


def test_own_agenda_tables_legal_notices_and_papers_with_presenters(own_en) -> None:
    _, store = own_en
    meeting = f"{BASE}meeting/council/2023-03-15"
    rows = query_rows(
        store,
        "SELECT ?n ?t { ?s lg:legalNoticeNumber ?n ; dcterms:title ?t ; "
        f"lg:tabledAt <{meeting}> }}",
    )
    assert rows == [
        ("L.N. 21 of 2023", "Imaginary Fees (Amendment) Regulation 2023"),
        ("L.N. 22 of 2023", "Imaginary Parks (Designation) Order 2023"),
    ]
    papers = query_rows(
        store,
        "SELECT ?p ?t ?id ?note { ?p a lg:Paper ; lg:tabledAt ?m ; dcterms:title ?t ; "
        "skos:note ?note OPTIONAL { ?p dcterms:identifier ?id } }",
    )
    assert papers == [
        (
            f"{meeting}/paper/tabled-1",
            "Imaginary Trust Fund Annual Report 2021-2022",
            "No. 51",
            "to be presented by Secretary for Home and Youth Affairs",
        ),
        (
            f"{meeting}/paper/tabled-2",
            "Report of the Panel on Imaginary Affairs 2022",
            "",
            "to be presented by Hon CHAN Siu-ming, Chairman of the Panel, who will address the "
            "Council",
        ),
    ]


def test_own_agenda_bill_keeps_each_stage_and_the_officer_in_charge(own_en) -> None:
    _, store = own_en
    bill = f"{BASE}meeting/council/2023-03-15/bill/1"
    stages = query_values(store, f"SELECT ?s {{ <{bill}> a lg:Bill ; skos:note ?s }}")
    assert stages == ["First Reading", "Second Reading (Debate to be adjourned)"]
    rows = query_rows(
        store,
        "SELECT ?b ?post { ?b a lg:Bill ; lg:mover ?o . ?o a lg:PublicOfficer ; lg:post ?post }",
    )
    assert rows == [
        (bill, "Secretary for Development"),
        (f"{BASE}meeting/council/2023-03-15/bill/2", "Secretary for Transport and Logistics"),
    ]


def test_own_agenda_motions_have_movers_wording_and_amendments(own_en) -> None:
    _, store = own_en
    meeting = f"{BASE}meeting/council/2023-03-15"
    rows = query_rows(
        store,
        f"SELECT ?x ?m ?text {{ ?x a lg:Motion ; lg:tabledAt <{meeting}> ; lg:mover ?m ; "
        "lg:text ?text }",
    )
    assert rows == [
        (
            f"{meeting}/motion/IV-1",
            f"{meeting}/officer/secretaryfordevelopment",
            "Resolved that the Imaginary Fees (Amendment) Regulation 2023 be approved.",
        ),
        (
            f"{meeting}/motion/V-1",
            f"{BASE}member/name/leemei-ling",
            "That this Council urges the Government to extend the opening hours of public "
            "libraries.",
        ),
        (
            f"{meeting}/motion/V-1/amendment/i",
            f"{BASE}member/name/wongtai-man",
            'To add "and to open more libraries" immediately before the full stop.',
        ),
    ]
    amended = query_values(
        store, f"SELECT ?m {{ <{meeting}/motion/V-1/amendment/i> dcterms:references ?m }}"
    )
    assert amended == [f"{meeting}/motion/V-1"]


def test_member_moving_an_amendment_is_the_member_who_asks(own_en) -> None:
    _, store = own_en
    rows = query_values(
        store,
        "SELECT DISTINCT ?m { ?q a lg:CouncilQuestion ; lg:askedBy ?m . ?x lg:mover ?m }",
    )
    assert rows == [f"{BASE}member/name/wongtai-man"]


def test_table_layout_in_chinese_gives_the_same_business(own_zh) -> None:
    _, store = own_zh
    meeting = f"{BASE}meeting/council/2023-03-15"
    notices = query_rows(store, "SELECT ?s ?t { ?s a lg:SubsidiaryLegislation ; dcterms:title ?t }")
    assert notices == [
        (f"{BASE}ln/2023/21", "2023年虛構收費(修訂)規例"),
        (f"{BASE}ln/2023/22", "2023年虛構公園(指定)令"),
    ]
    bills = query_rows(
        store, "SELECT ?b ?stage ?post { ?b a lg:Bill ; skos:note ?stage ; lg:mover/lg:post ?post }"
    )
    bill = f"{meeting}/bill/1"
    assert bills == [(bill, "二讀(辯論中止待續)", "發展局局長"), (bill, "首讀", "發展局局長")]
    moved = query_values(store, f"SELECT ?m {{ <{meeting}/motion/IV-1> lg:mover ?m }}")
    assert moved == [f"{BASE}member/name/李美玲", f"{BASE}member/name/陳小明"]
    paper = query_rows(
        store,
        "SELECT ?id ?t { ?p a lg:Paper ; lg:tabledAt ?m ; dcterms:identifier ?id ; "
        "dcterms:title ?t }",
    )
    assert paper == [("No. 51", "虛構信託基金2021-2022年度年報")]


def test_legal_notice_in_both_languages_is_one_resource(own_en, own_zh) -> None:
    store = store_of(own_en[0] + own_zh[0])
    rows = query_rows(
        store,
        f"SELECT (LANG(?t) AS ?l) ?t {{ <{BASE}ln/2023/21> lg:legalNoticeNumber ?n ; "
        "dcterms:title ?t }",
    )
    assert rows == [
        ("en", "Imaginary Fees (Amendment) Regulation 2023"),
        ("zh-hant", "2023年虛構收費(修訂)規例"),
    ]


@pytest.mark.parametrize("name", ["council-business-en.txt", "council-business-zh.txt"])
def test_own_council_agendas_conform_to_the_shapes(name: str) -> None:
    report = validate(extract_agenda(OWN / name))
    assert report.conforms, report.text


def test_table_cells_are_merged_back_into_lines() -> None:
    cells = ["1.", "Title of an Order", "62/2013", "2.", "A Bill 2013", ":", "Secretary for X"]
    assert merge_cells(cells) == [
        "1. Title of an Order 62/2013",
        "2. A Bill 2013 : Secretary for X",
    ]


def test_a_bill_in_the_english_and_the_chinese_agenda_is_one_resource(own_en, own_zh) -> None:
    store = store_of(own_en[0] + own_zh[0])
    rows = query_rows(
        store,
        "SELECT ?b ?title ?mover { ?b a lg:Bill ; dcterms:title ?title ; lg:mover ?mover "
        "FILTER(CONTAINS(?title, '升降機') || CONTAINS(?title, 'Lifts')) }",
    )
    meeting = f"{BASE}meeting/council/2023-03-15"
    assert {(bill, title) for bill, title, _ in rows} == {
        (f"{meeting}/bill/1", "Imaginary Lifts (Amendment) Bill 2023"),
        (f"{meeting}/bill/1", "2023年虛構升降機(修訂)條例草案"),
    }
    assert {mover for _, _, mover in rows} == {f"{meeting}/officer/secretaryfordevelopment"} | {
        f"{meeting}/officer/發展局局長"
    }


def test_real_bills_are_keyed_by_their_place_in_the_meetings_bills_section(real) -> None:
    (date, _, _, bills, *_), store = real
    meeting = f"{BASE}meeting/council/{date}"
    found = tabled(store, "lg:Bill", meeting)
    assert sorted(found) == sorted(f"{meeting}/bill/{n}" for n in range(1, bills + 1))
