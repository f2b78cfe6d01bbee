"""Committee minutes: meeting, attendance, items, paragraphs and statements asserted by SPARQL.

Three sets of minutes of our own (tests/data/minutes: English and Chinese as a PDF decodes, and
an English HTML table layout) always run; what each says is written out in expected.toml.
"""

import pyoxigraph as ox
import pytest
from brief_support import BASE, SAMPLE, query_rows, query_values, store_of
from minutes_support import (
    AGENDAS,
    FIXTURES,
    SHARED_DOCS,
    Expected,
    extract_minutes,
    load_expected,
    read,
)
from rdflib import BNode, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.kinds import agenda, brief, minutes
from loader.kinds.registry import choose_kind
from loader.paper_numbers import find_paper_numbers
from loader.validate import validate

EXPECTED = load_expected()
CASES = [pytest.param(expected, id=name) for name, expected in EXPECTED.items()]
LG = "https://w3id.org/legisgraph/ontology#"


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[Expected, ox.Store, Graph]:
    """One set of minutes with what it says, its graph and a store to query."""
    expected: Expected = request.param
    graph = extract_minutes(expected.path)
    return expected, store_of(graph), graph


def attendance(store: ox.Store, status: str, extra: str = "") -> list[tuple[str, ...]]:
    """(name, role, …) of everyone attending with ``status`` at the one meeting; the name in the
    minutes' language (a curated Member is named in English and Chinese)."""
    return query_rows(
        store,
        "SELECT ?name ?role ?post { ?a a lg:Attendance ; lg:atMeeting ?m ; lg:attendee ?who ; "
        f"lg:attendanceStatus lg:{status} ; rdfs:label ?said . ?who foaf:name ?name . {extra} "
        "FILTER(LANG(?name) = LANG(?said)) "
        "OPTIONAL { ?a lg:role ?role } OPTIONAL { ?a lg:post ?post } }",
    )


def test_minutes_name_their_meeting_committee_date_start_and_venue(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?m ?c ?d ?start ?venue { ?x a lg:Minutes , lg:Paper ; lg:minutesOf ?m . "
        "?m a lg:Meeting ; lg:committee ?c ; dcterms:date ?d ; schema:startDate ?start ; "
        "schema:location ?venue . FILTER NOT EXISTS { ?x lg:consideredUnder ?any } }",
    )
    assert rows == [
        (BASE + expected.meeting, BASE + expected.committee, expected.date)
        + (expected.start, expected.venue)
    ]


def test_minutes_paper_keeps_its_number_file_reference_and_sign_off_date(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?x ?n ?ref ?date ?lang { ?x a lg:Minutes ; lg:paperNumber ?n ; "
        "lg:fileReference ?ref ; dcterms:date ?date ; dcterms:language ?lang ; dcterms:title ?t }",
    )
    language = "zh-Hant" if "zh" in expected.path.name else "en"
    assert rows == [
        (BASE + expected.minutes, expected.number, expected.reference, expected.signed, language)
    ]


def test_agenda_items_are_numbered_in_order_under_the_meeting(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?item ?n ?pos { ?item a lg:AgendaItem ; lg:itemOf ?m ; lg:itemNumber ?n ; "
        f"lg:position ?pos ; dcterms:title ?title FILTER(?m = <{BASE}{expected.meeting}>) }}",
    )
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][: expected.items]
    assert [row[1] for row in sorted(rows, key=lambda row: int(row[2]))] == numerals
    assert {row[0] for row in rows} == {f"{BASE}{expected.meeting}/item/{n}" for n in numerals}


def test_every_lc_paper_no_in_the_text_is_a_paper_with_its_normalised_number(case) -> None:
    expected, store, _ = case
    numbers = set(query_values(store, "SELECT ?n { ?p a lg:Paper ; lg:paperNumber ?n }"))
    in_text = {
        str(single)
        for found, _, _ in find_paper_numbers(read(expected.path))
        for single in found.single_papers()
    }
    assert numbers == set(expected.numbers) == in_text


def test_members_present_and_absent_carry_the_chair_roles(case) -> None:
    expected, store, _ = case
    present = attendance(store, "Present")
    roles = {name: role.removeprefix(LG) for name, role, _ in present}
    assert sorted(roles) == sorted(expected.present)
    assert roles[expected.chairman] == "Chairman"
    assert roles[expected.deputy] == "DeputyChairman"
    others = set(expected.present) - {expected.chairman, expected.deputy}
    assert {roles[name] for name in others} == {"OrdinaryMember"}
    absent = attendance(store, "Absent")
    assert [(name, role.removeprefix(LG)) for name, role, _ in absent] == [
        (name, "OrdinaryMember") for name in expected.absent
    ]
    members = query_values(store, "SELECT ?m { ?a lg:attendee ?m . ?m a lg:Member }")
    assert len(members) == len(expected.present) + len(expected.absent) + len(expected.attending)


def test_members_attending_who_are_not_committee_members_are_in_attendance(case) -> None:
    expected, store, _ = case
    rows = attendance(store, "InAttendance", "?who a lg:Member .")
    assert rows == [(name, "", "") for name in expected.attending]


def test_public_officers_attend_with_their_posts_for_their_items(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?name ?post (GROUP_CONCAT(?n ; separator=' ') AS ?items) { "
        "?a lg:attendee ?who ; lg:attendanceStatus lg:InAttendance ; lg:post ?post ; "
        "lg:forAgendaItem/lg:itemNumber ?n . ?who a lg:PublicOfficer ; foaf:name ?name ; "
        "lg:post ?post ; rdfs:label ?label } GROUP BY ?name ?post",
    )
    found = {name: [post, " ".join(sorted(items.split()))] for name, post, items in rows}
    assert found == expected.officers


def test_clerk_and_staff_are_in_attendance_with_their_posts(case) -> None:
    expected, store, _ = case
    rows = attendance(store, "InAttendance", "?who a lg:PublicOfficer .")
    by_role = {role.removeprefix(LG): [] for _, role, _ in rows}
    for name, role, post in rows:
        by_role[role.removeprefix(LG)].append([name, post])
    assert by_role.get("Clerk") == [expected.clerk]
    assert by_role.get("SecretariatStaff") == expected.staff


def test_paragraphs_sit_in_sections_about_their_agenda_items(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?p ?n ?item { ?p a lg:Paragraph ; lg:partOfDocument ?x ; lg:paragraphNumber ?n ; "
        "lg:position ?pos ; lg:text ?text ; lg:inSection ?s . ?s foaf:primaryTopic ?item . "
        f"?item lg:itemOf <{BASE}{expected.meeting}> . ?x a lg:Minutes }}",
    )
    assert sorted(int(n) for _, n, _ in rows) == list(range(1, expected.paragraphs + 1))
    texts = query_values(store, "SELECT ?t { ?p a lg:Paragraph ; lg:text ?t }")
    noise = ("Action", "經辦人／部門", "- 2 -")
    assert not [text for text in texts if any(word in text for word in noise)]


def test_concerns_pair_with_the_responses_that_answer_them(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?concern ?response { ?r a lg:GovernmentResponse , lg:Contribution ; "
        "lg:respondsTo ?c ; lg:raisedAt ?m ; lg:respondent ?body ; "
        "lg:evidence/oa:hasSelector/oa:exact ?response . ?c a lg:Concern ; lg:raisedAt ?m ; "
        "lg:concernKind ?kind ; lg:sourceParagraph/lg:partOfDocument ?x ; "
        f"lg:evidence/oa:hasSelector/oa:exact ?concern FILTER(?m = <{BASE}{expected.meeting}>) }}",
    )
    for concern, response in expected.pairs:
        assert any(c.startswith(concern) and r.startswith(response) for c, r in rows), concern


def test_concern_opening_with_a_listed_members_name_is_raised_by_that_member(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?exact ?name { ?c a lg:Concern ; lg:raisedBy ?who ; "
        "lg:evidence/oa:hasSelector/oa:exact ?exact ; rdfs:label ?said . ?who foaf:name ?name "
        "FILTER(LANG(?name) = LANG(?said)) }",
    )
    if not expected.raised_by:
        assert rows == []
        return
    words, name = expected.raised_by
    assert [(exact.startswith(words), who) for exact, who in rows] == [(True, name)]


def test_action_items_say_who_is_to_act_with_evidence(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?exact ?by { ?a a lg:ActionItem , lg:Contribution ; lg:actionBy ?by ; "
        "lg:raisedAt ?m ; lg:sourceParagraph ?p ; lg:evidence ?e . ?e oa:hasSource ?p ; "
        "oa:hasSelector/oa:exact ?exact . ?p a lg:Paragraph }",
    )
    found = [[exact, by.removeprefix(BASE)] for exact, by in rows]
    assert len(found) == len(expected.actions)
    for (exact, by), (words, agent) in zip(sorted(found), sorted(expected.actions), strict=True):
        assert exact.startswith(words) and by == agent


def test_minutes_graph_conforms_to_the_shapes(case) -> None:
    _, _, graph = case
    report = validate(graph)
    assert report.conforms, report.text


def test_extraction_is_deterministic(case) -> None:
    expected, _, graph = case
    again = extract_minutes(expected.path)
    assert isomorphic(graph, again), graph_diff(to_isomorphic(graph), to_isomorphic(again))
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_detect_tells_minutes_from_agendas_and_briefs(case) -> None:
    expected, _, _ = case
    text = read(expected.path)
    assert minutes.detect(text) >= 0.5 > brief.detect(text)
    assert minutes.detect(text) > agenda.detect(text)
    assert choose_kind(text).name == "minutes"


@pytest.mark.parametrize("path", sorted(AGENDAS.glob("*.txt")) + [SAMPLE], ids=lambda p: p.name)
def test_agendas_and_briefs_are_not_taken_for_minutes(path) -> None:
    text = read(path)
    assert minutes.detect(text) < 0.5
    assert choose_kind(text).name != "minutes"


@pytest.mark.parametrize(
    ("minutes_file", "agenda_path"),
    [
        ("minutes-zh.txt", AGENDAS / "agenda-zh.txt"),
        ("minutes-table-en.txt", AGENDAS / "agenda-en.txt"),
        ("minutes-en.txt", SHARED_DOCS / "itb-agenda-2008-04-14-en.txt"),
    ],
)
def test_minutes_and_agenda_of_one_meeting_share_the_meeting_and_its_items(
    minutes_file: str, agenda_path
) -> None:
    if not agenda_path.exists():
        pytest.skip(f"../shared/legco-docs not present: {agenda_path.name} is a recording")
    text = read(agenda_path)
    language = "zh-Hant" if "zh" in minutes_file else "en"
    agenda_graph = agenda.extract(text, language=language, base_iri=BASE).graph
    graph = extract_minutes(FIXTURES / minutes_file) + agenda_graph
    store = store_of(graph)
    meetings = query_values(
        store, "SELECT DISTINCT ?m { ?a lg:agendaOf ?m . ?x a lg:Minutes ; lg:minutesOf ?m }"
    )
    assert len(meetings) == 1
    items = query_rows(
        store,
        f"SELECT ?i (COUNT(?t) AS ?n) {{ ?i lg:itemOf <{meetings[0]}> ; dcterms:title ?t }}"
        " GROUP BY ?i",
    )
    assert items and all(int(n) >= 1 for _, n in items)
    labels = query_values(store, f"SELECT ?l {{ <{meetings[0]}> rdfs:label ?l }}")
    assert len(labels) == 2


def test_named_members_and_officers_are_who_raised_and_who_answered() -> None:
    graph = extract_minutes(FIXTURES / "discussion-en.txt")
    assert validate(graph).conforms
    rows = query_rows(
        store_of(graph),
        "SELECT ?concern ?member ?response ?body { ?c a lg:Concern ; lg:raisedBy ?member ; "
        "lg:evidence/oa:hasSelector/oa:exact ?concern . ?r a lg:GovernmentResponse ; "
        "lg:respondsTo ?c ; lg:respondent ?body ; lg:evidence/oa:hasSelector/oa:exact ?response }",
    )
    found = sorted(
        (concern.split()[1], member.removeprefix(BASE), " ".join(response.split()[:3]), body)
        for concern, member, response, body in rows
    )
    government, ogcio = f"{BASE}org/hksarg", f"{BASE}org/ogcio"
    assert found == [
        ("Chairman", "member/188", "The Deputy Secretary", f"{BASE}org/citb"),
        ("Emily", "member/114", "The Government Chief", ogcio),
        ("LUI", "member/name/luiming-wah", "The Director-General of", government),
    ]
