"""Committee agendas: meeting, items and listed papers asserted by SPARQL, in Chinese and English.

Two small agendas of our own (tests/data/agendas) always run; the two real Panel agendas and
the three real Council agendas in ../shared/legco-docs run when that folder is present. What each
agenda says is written out in tests/data/agendas/expected.toml.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from agenda_support import extract_agenda, read
from brief_support import BASE, SAMPLE, query_rows, query_values, store_of
from rdflib import BNode, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from loader.kinds import agenda, brief
from loader.kinds.common.items import parse_time, split_layout
from loader.kinds.registry import choose_kind
from loader.paper_numbers import find_paper_numbers, paper_number_from_url
from loader.paths import ROOT
from loader.pipeline import LoadOptions, load_sources
from loader.text import clean_text
from loader.validate import validate

FIXTURES = ROOT / "tests" / "data" / "agendas"
SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"


@dataclass(frozen=True)
class Expected:
    """What one agenda says (tests/data/agendas/expected.toml), written out by reading it."""

    path: Path
    meeting: str
    committee: str
    date: str
    start: str
    venue: str
    items: int
    numbers: frozenset[str]
    revised: str | None = None
    noted: str | None = None
    kinds: dict[str, str] = field(default_factory=dict)
    issuers: dict[str, str] = field(default_factory=dict)
    vide: dict[str, str] = field(default_factory=dict)
    issued: dict[str, str] = field(default_factory=dict)
    minutes_of: dict[str, str] = field(default_factory=dict)
    only: dict[str, str] = field(default_factory=dict)


def load_expected() -> dict[str, Expected]:
    """Every agenda's expectations by case name, with its path resolved."""
    folders = {"fixture": FIXTURES, "shared": SHARED_DOCS}
    cases = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))
    out = {}
    for name, case in cases.items():
        folder, file_name = case.pop("path").split(":", 1)
        numbers = frozenset(case.pop("numbers"))
        out[name] = Expected(path=folders[folder] / file_name, numbers=numbers, **case)
    return out


EXPECTED = load_expected()
EN, ZH = EXPECTED["fixture-en"], EXPECTED["fixture-zh"]
CASES = [pytest.param(expected, id=name) for name, expected in EXPECTED.items()]


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[Expected, ox.Store, Graph]:
    """One agenda with what it says, its graph and a store to query."""
    expected: Expected = request.param
    graph = extract_agenda(expected.path)
    return expected, store_of(graph), graph


def paper_rows(store: ox.Store, predicate: str) -> dict[str, str]:
    """Paper number → value of ``predicate`` for every numbered paper that has one."""
    rows = query_rows(store, f"SELECT ?n ?v {{ ?p lg:paperNumber ?n ; {predicate} ?v }}")
    return {number: value.removeprefix(BASE) for number, value in rows}


def test_agenda_names_its_meeting_committee_date_start_and_venue(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?m ?c ?d ?start ?venue { ?a a lg:Agenda , lg:Paper ; lg:agendaOf ?m . "
        "?m a lg:Meeting ; lg:committee ?c ; dcterms:date ?d ; schema:startDate ?start ; "
        "schema:location ?venue . ?c a lg:Committee ; rdfs:label ?label }",
    )
    assert set(rows) == {
        (
            BASE + expected.meeting,
            BASE + expected.committee,
            expected.date,
            expected.start,
            expected.venue,
        )
    }


def test_revised_agenda_keeps_the_date_it_is_revised_as_at(case) -> None:
    expected, store, _ = case
    revised = query_values(store, "SELECT ?d { ?a lg:agendaOf ?m ; dcterms:modified ?d }")
    assert revised == ([expected.revised] if expected.revised else [])


def test_agenda_items_are_numbered_in_order_under_the_meeting(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store,
        "SELECT ?item ?n ?pos ?title { ?item a lg:AgendaItem ; lg:itemOf ?m ; lg:itemNumber ?n ; "
        "lg:position ?pos ; dcterms:title ?title ; rdfs:label ?label }",
    )
    assert len(rows) == expected.items
    by_position = sorted(rows, key=lambda row: int(row[2]))
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][: expected.items]
    assert [row[1] for row in by_position] == numerals
    assert [row[0] for row in by_position] == [
        f"{BASE}{expected.meeting}/item/{numeral}" for numeral in numerals
    ]


def test_every_lc_paper_no_in_the_text_is_a_paper_with_its_normalised_number(case) -> None:
    expected, store, _ = case
    numbers = set(query_values(store, "SELECT ?n { ?p a lg:Paper ; lg:paperNumber ?n }"))
    in_text = {
        str(single)
        for found, _, _ in find_paper_numbers(read(expected.path))
        for single in found.single_papers()
    }
    assert numbers == expected.numbers == in_text
    keys = query_rows(store, "SELECT ?p ?n { ?p lg:paperNumber ?n }")
    assert all(iri.startswith(BASE + "paper/CB") for iri, _ in keys)


def test_listed_papers_are_considered_under_their_item(case) -> None:
    expected, store, _ = case
    under = paper_rows(store, "lg:consideredUnder")
    covers = set(expected.vide.values())
    assert set(under) == expected.numbers - covers
    assert all(item.startswith(expected.meeting + "/item/") for item in under.values())


def test_paper_kinds_follow_their_wording(case) -> None:
    expected, store, _ = case
    rows = query_rows(store, "SELECT ?n ?c { ?p lg:paperNumber ?n ; a ?c FILTER(?c != lg:Paper) }")
    kinds = {number: cls.rsplit("#", 1)[1] for number, cls in rows}
    for number, kind in expected.kinds.items():
        assert kinds.get(number, "Paper") == kind, number


def test_issuers_issue_dates_and_issued_vide_covers(case) -> None:
    expected, store, _ = case
    issuers = paper_rows(store, "dcterms:creator")
    assert {n: issuers.get(n) for n in expected.issuers} == expected.issuers
    vide = paper_rows(store, "lg:issuedVia/lg:paperNumber")
    assert vide == expected.vide
    issued = paper_rows(store, "dcterms:date")
    assert {n: issued.get(n) for n in expected.issued} == expected.issued


def test_one_language_qualifier_sets_the_papers_language(case) -> None:
    expected, store, _ = case
    assert paper_rows(store, "dcterms:language") == expected.only


def test_the_meetings_own_papers_have_the_file_urls_their_numbers_encode(case) -> None:
    expected, store, _ = case
    rows = query_rows(
        store, "SELECT ?n ?url { ?p a lg:Paper ; lg:paperNumber ?n ; schema:url ?url }"
    )
    assert rows, "a Panel agenda's own papers have file URLs"
    folder = expected.committee.removeprefix("committee/panel/")
    stamp = expected.date.replace("-", "")
    for number, url in rows:
        assert str(paper_number_from_url(url)) == number
        assert f"/panels/{folder}/papers/{folder}" in url
        assert stamp.endswith(url.rsplit("/", 1)[1][len(folder) :].split("cb", 1)[0])
        language = "zh-Hant" if "/chinese/" in url else "en"
        assert expected.only.get(number, language) == language


def test_real_agenda_paper_urls_follow_the_published_file_names() -> None:
    path = SHARED_DOCS / "itb-agenda-2008-04-14-en.txt"
    store = store_of(extract_agenda(path))
    urls = paper_rows(store, "schema:url")
    rows = query_rows(store, "SELECT ?n ?url { ?p lg:paperNumber ?n ; schema:url ?url }")
    by_number: dict[str, set[str]] = {}
    for number, url in rows:
        by_number.setdefault(number, set()).add(url)
    site = "https://www.legco.gov.hk/yr07-08"
    assert by_number["CB(1)1200/07-08(01)"] == {
        f"{site}/english/panels/itb/papers/itb0414cb1-1200-1-e.pdf",
        f"{site}/chinese/panels/itb/papers/itb0414cb1-1200-1-c.pdf",
    }
    assert by_number["CB(1)1200/07-08(07)"] == {
        f"{site}/chinese/panels/itb/papers/itb0414cb1-1200-7-c.pdf"
    }
    assert "CB(1)1082/07-08" not in urls and "CB(1)1083/07-08" not in urls


def test_minutes_point_to_the_earlier_meeting_of_the_same_committee(case) -> None:
    expected, store, _ = case
    assert paper_rows(store, "lg:minutesOf") == expected.minutes_of


def test_starred_item_carries_the_agenda_note(case) -> None:
    expected, store, _ = case
    rows = query_rows(store, "SELECT ?n ?note { ?i lg:itemNumber ?n ; skos:note ?note }")
    assert [n for n, _ in rows] == ([expected.noted] if expected.noted else [])
    assert all("議員" in note for _, note in rows)


def test_agenda_graph_conforms_to_the_shapes(case) -> None:
    _, _, graph = case
    report = validate(graph)
    assert report.conforms, report.text


def test_extraction_is_deterministic(case) -> None:
    expected, _, graph = case
    again = extract_agenda(expected.path)
    assert isomorphic(graph, again), graph_diff(to_isomorphic(graph), to_isomorphic(again))
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_detect_tells_agendas_from_briefs(case) -> None:
    expected, _, _ = case
    text = read(expected.path)
    assert agenda.detect(text) >= 0.5 > brief.detect(text)
    assert choose_kind(text).name == "agenda"


def test_sample_brief_is_still_a_brief_and_not_an_agenda() -> None:
    text = clean_text(SAMPLE.read_text(encoding="utf-8"))
    assert brief.detect(text) >= 0.5 > agenda.detect(text)
    assert choose_kind(text).name == "brief"


def test_same_paper_in_two_agendas_is_one_resource_titled_in_both_languages() -> None:
    graph = extract_agenda(EN.path) + extract_agenda(ZH.path)
    store = store_of(graph)
    rows = query_rows(
        store,
        'SELECT ?p ?title { ?p lg:paperNumber "CB(4)790/2023(01)" ; dcterms:title ?title }',
    )
    assert {iri for iri, _ in rows} == {BASE + "paper/CB4-790-2023-01"}
    assert len(rows) == 2
    assert validate(graph).conforms


def test_meeting_named_in_two_agendas_is_one_resource() -> None:
    store = store_of(extract_agenda(EN.path) + extract_agenda(ZH.path))
    rows = query_rows(
        store,
        "SELECT ?m { ?a lg:agendaOf ?m . ?minutes lg:minutesOf ?m }",
    )
    assert rows == [(BASE + EN.meeting,)]


def test_panel_is_preferred_to_a_council_banner_above_it() -> None:
    text = "立法會\nLegislative Council\n\n" + read(EN.path)
    graph = agenda.extract(text, language="en", base_iri=BASE).graph
    committees = query_values(store_of(graph), "SELECT ?c { ?m a lg:Meeting ; lg:committee ?c }")
    assert set(committees) == {BASE + EN.committee}


def test_qualifiers_are_kept_as_notes_on_the_paper() -> None:
    store = store_of(extract_agenda(EN.path))
    notes = query_values(
        store, 'SELECT ?note { ?p lg:paperNumber "CB(4)30/2024(01)" ; skos:note ?note }'
    )
    assert notes == ["Chinese version only", "Restricted to members"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday, 14 April 2008, at 2:30 p.m.", "14:30"),
        ("(12 noon)", "12:00"),
        ("at 9 am", "09:00"),
        ("時間：下午2時正", "14:00"),
        ("（中午12時15分）", "12:15"),
        ("時間：上午10時45分", "10:45"),
    ],
)
def test_clock_times_are_read_in_both_languages(text: str, expected: str) -> None:
    found = parse_time(text)
    assert found is not None and found.strftime("%H:%M") == expected


def test_items_must_run_in_sequence_and_the_agenda_number_is_kept() -> None:
    text = (
        "A 13/14-24\nLegislative Council\nAgenda\nWednesday 30 April 2014 at 11:00 am\n\n"
        "I. Tabling of Papers\nL.N. No.\nII. Questions for Written Replies\n"
    )
    layout = split_layout(text)
    assert [item.roman for item in layout.items] == ["I", "II"]
    graph = agenda.extract(text, language="en", base_iri=BASE).graph
    rows = query_rows(
        store_of(graph),
        "SELECT ?m ?id { ?a lg:agendaOf ?m ; dcterms:identifier ?id . ?m a lg:CouncilMeeting }",
    )
    assert rows == [(BASE + "meeting/council/2014-04-30", "A 13/14-24")]


@pytest.mark.parametrize(
    ("name", "date", "number", "items"),
    [
        ("council-agenda-2013-05-08-en.txt", "2013-05-08", "A 12/13-26", 7),
        ("council-agenda-2014-04-30-zh.txt", "2014-04-30", "A 13/14-24", 4),
        ("council-agenda-2014-07-09-en.txt", "2014-07-09", "A 13/14-36", 5),
    ],
)
def test_real_council_agendas_load_their_meeting_and_items(
    name: str, date: str, number: str, items: int
) -> None:
    graph = extract_agenda(SHARED_DOCS / name)
    store = store_of(graph)
    rows = query_rows(
        store,
        "SELECT ?m ?d ?id { ?a lg:agendaOf ?m ; dcterms:identifier ?id . "
        f"?m a lg:CouncilMeeting ; lg:committee <{BASE}committee/council> ; dcterms:date ?d }}",
    )
    assert rows == [(f"{BASE}meeting/council/{date}", date, number)]
    assert len(query_values(store, "SELECT ?i { ?i a lg:AgendaItem }")) == items
    assert validate(graph).conforms


def test_text_without_numbered_items_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no numbered agenda items"):
        agenda.extract("Panel on Health Services\n\nAgenda\n", language="en", base_iri=BASE)


def test_agenda_without_a_meeting_date_is_refused_with_a_clear_error() -> None:
    text = "Panel on Health Services\n\nAgenda\n\nI. Any other business\n\nII. Close\n"
    with pytest.raises(ValueError, match="no meeting date"):
        agenda.extract(text, language="en", base_iri=BASE)


def test_pipeline_loads_both_agendas_into_their_own_graphs_sharing_one_paper(
    writable_store,
) -> None:
    options = LoadOptions(base_iri=BASE)
    report = load_sources(writable_store, [str(EN.path), str(ZH.path)], options)
    assert report.ok, report.results
    graphs = {result.graph for result in report.results}
    assert graphs == {
        f"{BASE}graph/{EN.meeting}/agenda/en",
        f"{BASE}graph/{ZH.meeting}/agenda/zh-hant",
    }
    solutions = writable_store.query(
        "SELECT DISTINCT ?g { GRAPH ?g { ?p <https://w3id.org/legisgraph/ontology#paperNumber> "
        '"CB(4)790/2023(01)" } }'
    )
    assert sorted(row["g"].value for row in solutions) == sorted(graphs)
