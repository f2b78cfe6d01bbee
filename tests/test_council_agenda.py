"""Council agendas yield their questions: number, asker, kind, text, parts and answering post.

The three real Council agendas in ../shared/legco-docs run when that folder is present; a small
agenda of our own (tests/data/agendas/council-agenda-en.txt) always runs.
"""

import datetime as dt

import pytest
from agenda_support import extract_agenda
from brief_support import BASE, SAMPLE, extract_brief, query_rows, query_values, store_of
from rdflib import BNode
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.ids import Iris
from loader.kinds.agenda.questions import find_questions
from loader.names import person_name
from loader.paths import ROOT
from loader.validate import validate

SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"
OWN = ROOT / "tests" / "data" / "agendas" / "council-agenda-en.txt"

#: What each real agenda says, read off the documents: date, oral and written counts, and some
#: askers with the ScheduleDB member_id LegCo's Tmember data gives the name.
REAL = {
    "council-agenda-2013-05-08-en.txt": (
        "2013-05-08",
        0,
        22,
        {
            1: ("Starry LEE", "269"),
            4: ("CHAN Kin-por", "273"),
            12: ("KWOK Ka-ki", "254"),
            16: ("Mrs Regina IP", "279"),
            22: ("Emily LAU", "114"),
        },
    ),
    "council-agenda-2014-04-30-zh.txt": (
        "2014-04-30",
        0,
        18,
        {1: ("譚耀宗", "199"), 9: ("李慧琼", "269"), 16: ("陳健波", "273"), 18: ("郭偉强", "849")},
    ),
    "council-agenda-2014-07-09-en.txt": (
        "2014-07-09",
        6,
        16,
        {
            1: ("Alan LEONG", "259"),
            4: ("Elizabeth QUAT", "839"),
            6: ("Kenneth LEUNG", "846"),
            7: ("WONG Kwok-hing", "266"),
            22: ("WU Chi-wai", "834"),
        },
    ),
}


@pytest.fixture(scope="module", params=sorted(REAL))
def real(request: pytest.FixtureRequest):
    """One real Council agenda: its expectations, graph and store."""
    graph = extract_agenda(SHARED_DOCS / request.param)
    return REAL[request.param], graph, store_of(graph)


@pytest.fixture(scope="module")
def own():
    """Our own Council agenda: its graph and store."""
    graph = extract_agenda(OWN)
    return graph, store_of(graph)


def kind_counts(store) -> dict[str, int]:
    """Question type (local name) → number of questions of that type."""
    rows = query_rows(
        store,
        "SELECT ?t (COUNT(?q) AS ?n) { ?q a lg:CouncilQuestion ; lg:questionType ?t } GROUP BY ?t",
    )
    return {kind.rsplit("#", 1)[1]: int(count) for kind, count in rows}


def askers(store) -> dict[int, str]:
    """Question number → the asking member's name (a Member the curated table lacks)."""
    rows = query_rows(
        store,
        "SELECT ?n ?name { ?q a lg:CouncilQuestion ; lg:questionNumber ?n ; lg:askedBy ?m . "
        "?m a lg:Member ; foaf:name ?name ; rdfs:label ?l }",
    )
    return {int(number): name for number, name in rows}


def curated_askers(store) -> dict[int, tuple[str, set[str]]]:
    """Question number → (the asking Member's ScheduleDB member_id, its printed names)."""
    rows = query_rows(
        store,
        "SELECT ?n ?id ?written { ?q a lg:CouncilQuestion ; lg:questionNumber ?n ; "
        "lg:askedBy ?m . ?m a lg:Member ; lg:memberId ?id ; skos:altLabel ?written }",
    )
    found: dict[int, tuple[str, set[str]]] = {}
    for number, member_id, written in rows:
        found.setdefault(int(number), (member_id, set()))[1].add(written)
    return found


def test_real_council_agenda_questions_are_asked_at_the_council_meeting(real) -> None:
    (date, oral, written, _), _, store = real
    rows = query_values(
        store,
        "SELECT ?m { ?q a lg:CouncilQuestion ; lg:askedAt ?m . "
        f'?m a lg:CouncilMeeting , lg:Meeting ; dcterms:date "{date}"^^xsd:date }}',
    )
    assert rows == [f"{BASE}meeting/council/{date}"] * (oral + written)


def test_real_council_agenda_numbers_its_questions_in_sequence(real) -> None:
    (date, oral, written, _), _, store = real
    rows = query_rows(store, "SELECT ?q ?n { ?q a lg:CouncilQuestion ; lg:questionNumber ?n }")
    numbers = sorted(int(number) for _, number in rows)
    assert numbers == list(range(1, oral + written + 1))
    assert {q for q, _ in rows} == {f"{BASE}question/{date}/{n}" for n in numbers}


def test_real_council_agenda_tells_oral_from_written_questions(real) -> None:
    (_, oral, written, _), _, store = real
    expected = {"OralQuestion": oral, "WrittenQuestion": written}
    assert kind_counts(store) == {kind: n for kind, n in expected.items() if n}


def test_real_council_agenda_names_each_asking_member(real) -> None:
    (_, _, _, spot), _, store = real
    found = curated_askers(store)
    assert {number: found.get(number, ("", set()))[0] for number in spot} == {
        number: member_id for number, (_, member_id) in spot.items()
    }
    for number, (name, _) in spot.items():
        assert any(name in written for written in found[number][1])


def test_real_council_agenda_conforms_to_the_shapes(real) -> None:
    _, graph, _ = real
    report = validate(graph)
    assert report.conforms, report.text


def test_real_council_agenda_extraction_is_deterministic() -> None:
    path = SHARED_DOCS / "council-agenda-2014-04-30-zh.txt"
    first, again = extract_agenda(path), extract_agenda(path)
    assert isomorphic(first, again), graph_diff(to_isomorphic(first), to_isomorphic(again))
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


def test_answering_post_is_kept_and_names_its_bureau_when_curated() -> None:
    store = store_of(extract_agenda(SHARED_DOCS / "council-agenda-2013-05-08-en.txt"))
    rows = query_rows(
        store,
        "SELECT ?n ?post ?body { ?q lg:questionNumber ?n ; lg:answeringPost ?post "
        "OPTIONAL { ?q lg:answeringBody ?b . ?b a lg:GovernmentBody ; rdfs:label ?body "
        'FILTER(lang(?body) = "en") } } ',
    )
    by_number = {int(n): (post, body) for n, post, body in rows}
    assert by_number[3] == (
        "Secretary for Financial Services and the Treasury",
        "Financial Services and the Treasury Bureau",
    )
    assert by_number[15] == (
        "Chief Secretary for Administration",
        "Chief Secretary for Administration's Office",
    )


def test_chinese_questions_split_into_numbered_parts() -> None:
    store = store_of(extract_agenda(SHARED_DOCS / "council-agenda-2014-04-30-zh.txt"))
    rows = query_rows(
        store,
        "SELECT ?label ?pos ?text { ?p a lg:Paragraph ; "
        f"dcterms:isPartOf <{BASE}question/2014-04-30/1> ; "
        "lg:paragraphNumber ?label ; lg:position ?pos ; lg:text ?text ; "
        f"lg:partOfDocument <{BASE}meeting/council/2014-04-30/agenda> }}",
    )
    assert [(label, pos) for label, pos, _ in rows] == [("一", "1"), ("三", "3"), ("二", "2")]
    third = next(text for label, _, text in rows if label == "三")
    assert third.startswith("當局和郵輪碼頭營運商會否推出新措施") and "(三)" not in third


def test_own_agenda_yields_oral_and_starred_written_questions(own) -> None:
    _, store = own
    assert kind_counts(store) == {"OralQuestion": 2, "WrittenQuestion": 1}
    assert askers(store) == {1: "CHAN Siu-ming", 2: "WONG Tai-man", 10: "LEE Mei-ling"}


def test_own_agenda_keeps_every_answering_post(own) -> None:
    _, store = own
    rows = query_rows(
        store,
        f"SELECT ?post ?body {{ <{BASE}question/2023-02-22/2> lg:answeringPost ?post "
        f"OPTIONAL {{ <{BASE}question/2023-02-22/2> lg:answeringBody ?body }} }}",
    )
    posts = {post for post, _ in rows}
    assert posts == {"Secretary for Home and Youth Affairs", "Chief Secretary for Administration"}
    assert {body for _, body in rows} == {f"{BASE}org/hyab", f"{BASE}org/cso"}


def test_own_agenda_keeps_question_text_and_parts(own) -> None:
    graph, store = own
    text = query_values(store, f"SELECT ?t {{ <{BASE}question/2023-02-22/1> lg:text ?t }}")
    assert len(text) == 1 and text[0].endswith("of the details?") and "(a) how many" in text[0]
    parts = query_rows(
        store,
        f"SELECT ?n ?t {{ ?p dcterms:isPartOf <{BASE}question/2023-02-22/10> ; "
        "lg:paragraphNumber ?n ; lg:text ?t }",
    )
    assert [n for n, _ in parts] == ["1", "2", "3"]
    report = validate(graph)
    assert report.conforms, report.text


def test_question_named_in_a_brief_and_in_the_agenda_is_one_resource(own) -> None:
    graph, _ = own
    merged = extract_brief(SAMPLE) + graph
    store = store_of(merged)
    rows = query_rows(
        store,
        "SELECT ?q ?brief ?member { ?brief a lg:BackgroundBrief ; dcterms:references ?q . "
        "?q a lg:CouncilQuestion ; lg:askedBy ?member }",
    )
    question = Iris(BASE).question(dt.date(2023, 2, 22), 10)
    assert [(q, member) for q, _, member in rows] == [
        (str(question), f"{BASE}member/name/leemei-ling")
    ]


def test_urgent_section_heading_marks_urgent_questions() -> None:
    text = "I. Urgent Question\n\n1. Hon HO Ka-yan to ask:\n\nWill it act?\n\nII. Bills\n"
    (question,) = find_questions(text)
    assert question.kind.endswith("UrgentQuestion") and question.number == 1


def test_member_names_drop_honorifics_and_titles() -> None:
    assert person_name("Dr Hon KWOK Ka-ki") == "KWOK Ka-ki"
    assert person_name("Hon Andrew LEUNG Kwan-yuen, SBS, JP") == "Andrew LEUNG Kwan-yuen"
    assert person_name("陳健波議員") == "陳健波"
