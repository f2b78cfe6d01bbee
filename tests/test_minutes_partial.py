"""Minutes that are cut short, malformed or full of page furniture; names and the pipeline."""

import pytest
from brief_support import BASE, query_rows, query_values, store_of
from minutes_support import FIXTURES, extract_text, read

from loader.kinds import agenda
from loader.kinds.minutes.attendance import split_en_officer
from loader.pipeline import FAILED, LOADED, LoadOptions, load_sources
from loader.text import clean_text
from loader.validate import validate

PARTIAL = FIXTURES / "minutes-partial-en.txt"
COUNCIL_AGENDA = FIXTURES.parent / "agendas" / "council-agenda-en.txt"


def test_minutes_cut_short_mid_list_load_what_they_hold_with_warnings() -> None:
    extraction = extract_text(read(PARTIAL))
    assert extraction.warnings == (
        "the committee of the minutes is neither curated nor named by a LegCo URL: keyed by its "
        "name only (name/billscommitteeonbroadcastingamendmentbill2007), so its records in the "
        "other language may be another node",
        "attendance list cut short at 'Hon Emily LAU Wai-'",
        "no numbered agenda items: the text may be cut short",
    )
    store = store_of(extraction.graph)
    rows = query_rows(
        store,
        "SELECT ?m ?c ?d ?n { ?x a lg:Minutes ; lg:minutesOf ?m ; lg:paperNumber ?n . "
        "?m lg:committee ?c ; dcterms:date ?d . ?c a lg:Committee ; rdfs:label ?l }",
    )
    committee = BASE + "committee/name/billscommitteeonbroadcastingamendmentbill2007"
    assert rows == [
        (BASE + "meeting/name/billscommitteeonbroadcastingamendmentbill2007/2008-04-22",)
        + (committee, "2008-04-22", "CB(1)2210/07-08")
    ]
    present = query_values(
        store,
        "SELECT ?name { ?a lg:attendanceStatus lg:Present ; lg:attendee/foaf:name ?name "
        'FILTER(LANG(?name) = "en") }',
    )
    assert present == ["Jasper TSANG Yok-sing", "SIN Chung-kai"]
    assert validate(extraction.graph).conforms


def test_pipeline_reports_the_warnings_of_a_partial_source(writable_store) -> None:
    report = load_sources(writable_store, [str(PARTIAL)], LoadOptions(base_iri=BASE))
    [result] = report.results
    assert result.status == LOADED and report.ok
    assert result.warnings == tuple(
        f"{PARTIAL.name}: {warning}" for warning in extract_text(read(PARTIAL)).warnings
    )


def test_minutes_without_a_meeting_date_fail_with_a_clear_error(tmp_path, writable_store) -> None:
    text = PARTIAL.read_text(encoding="utf-8").replace("Tuesday, 22 April 2008, ", "")
    undated = tmp_path / "undated-minutes.txt"
    undated.write_text(text, encoding="utf-8")
    report = load_sources(writable_store, [str(undated)], LoadOptions(base_iri=BASE))
    [result] = report.results
    assert result.status == FAILED
    assert result.message == (
        "undated-minutes.txt: not a readable minutes: no meeting date in the minutes' heading"
    )


def test_minutes_naming_no_committee_are_refused() -> None:
    text = read(PARTIAL).replace("Bills Committee on Broadcasting (Amendment) Bill 2007\n", "")
    with pytest.raises(ValueError, match="no committee named"):
        extract_text(text)


def test_complete_minutes_load_into_their_paper_graph_without_warnings(writable_store) -> None:
    path = FIXTURES / "minutes-zh.txt"
    report = load_sources(writable_store, [str(path)], LoadOptions(base_iri=BASE))
    [result] = report.results
    assert result.status == LOADED, result.message
    assert result.graph == f"{BASE}graph/paper/CB4-160-2024/zh-hant"
    assert result.warnings == ()


def test_page_break_inside_a_paragraph_leaves_no_column_heading_in_its_text() -> None:
    raw = (FIXTURES / "minutes-en.txt").read_text(encoding="utf-8")
    broken = raw.replace(
        "on the progress of the new cable\n",
        "on the progress of the new cable\n\n- 3 -\n\n                Action\n\n",
    )
    assert broken != raw
    store = store_of(extract_text(clean_text(broken)).graph)
    texts = query_values(
        store, 'SELECT ?t { ?p lg:paragraphNumber "7" ; lg:text ?t ; lg:partOfDocument ?x }'
    )
    assert texts == [
        "The Administration was requested to provide a paper on the progress of the new cable "
        "landing station and the notification protocol before the end of June 2008."
    ]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Mr Stanley YING, JP Permanent Secretary for Commerce",
            ("Mr Stanley YING, JP", "Stanley YING", "Permanent Secretary for Commerce"),
        ),
        (
            "Mr M H AU Director-General of Telecommunications",
            ("Mr M H AU", "M H AU", "Director-General of Telecommunications"),
        ),
        (
            "Mrs Betty FUNG CHING Suk-yee Deputy Secretary",
            ("Mrs Betty FUNG CHING Suk-yee", "Betty FUNG CHING Suk-yee", "Deputy Secretary"),
        ),
        (
            "Professor LO Chung-mau, BBS, JP Secretary for Health",
            ("Professor LO Chung-mau, BBS, JP", "LO Chung-mau", "Secretary for Health"),
        ),
    ],
)
def test_officer_entries_split_into_name_and_post(entry: str, expected: tuple) -> None:
    assert split_en_officer(entry) == expected


@pytest.mark.parametrize(
    ("asker", "member"),
    [
        ("Hon SIN Chung-kai", "member/188"),
        ("林哲玄議員", "member/name/林哲玄"),
        ("陳凱欣議員", "member/929"),
    ],
)
def test_members_get_the_iri_a_council_agenda_gives_the_same_member(asker, member) -> None:
    graphs = [extract_text(read(FIXTURES / f)).graph for f in ("minutes-en.txt", "minutes-zh.txt")]
    members = set(query_values(store_of(graphs[0] + graphs[1]), "SELECT ?m { ?a lg:attendee ?m }"))
    text = read(COUNCIL_AGENDA).replace("Hon CHAN Siu-ming", asker)
    questions = agenda.extract(text, language="en", base_iri=BASE).graph
    asked = query_values(
        store_of(questions), f"SELECT ?m {{ <{BASE}question/2023-02-22/1> lg:askedBy ?m }}"
    )
    assert asked == [BASE + member]
    assert BASE + member in members


@pytest.mark.parametrize(
    ("name", "label", "relaid"),
    [
        ("minutes-zh.txt", "出席委員　：　", "出 席 委 員\n\n：\n\n"),
        ("minutes-en.txt", "Members present  :  ", "Members present\n\n:\n\n"),
    ],
)
def test_attendance_labels_read_when_spaced_out_or_their_colon_stands_alone(
    name: str, label: str, relaid: str
) -> None:
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    assert label in raw
    before = extract_text(read(FIXTURES / name)).graph
    after = extract_text(clean_text(raw.replace(label, relaid))).graph
    query = (
        "SELECT ?who ?role { ?a lg:attendanceStatus lg:Present ; lg:attendee ?who ; lg:role ?role }"
    )
    assert query_rows(store_of(after), query) == query_rows(store_of(before), query)
    assert len(query_rows(store_of(after), query)) >= 7
