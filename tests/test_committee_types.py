"""Committee types from names and URL folders, committees keyed by a name pair, FCR/PWSC/EC
papers, and the short or sub-headed flattened minutes the loader used to misread."""

import pytest
from brief_support import BASE
from corpus_support import flattened
from minutes_support import FIXTURES
from rdflib.namespace import RDF, RDFS

from loader.kinds.common.relayout import is_flat
from loader.kinds.common.tables import committee_class
from loader.kinds.minutes.flat import unflatten
from loader.kinds.registry import choose_kind
from loader.legco_urls import committee_key
from loader.paper_numbers import find_paper_numbers, parse_paper_number
from loader.text import clean_text, detect_language
from loader.vocab import LG


@pytest.mark.parametrize(
    "name, folder, expected",
    [
        ("House Committee", "", LG.HouseCommittee),
        ("財務委員會", "", LG.FinanceCommittee),
        ("人事編制小組委員會", "", LG.EstablishmentSubcommittee),
        ("Public Works Subcommittee", "", LG.PublicWorksSubcommittee),
        ("Public Accounts Committee", "", LG.PublicAccountsCommittee),
        ("Bills Committee on Apology Bill", "", LG.BillsCommittee),
        ("《道歉條例草案》委員會", "", LG.BillsCommittee),
        ("Subcommittee on Poverty", "", LG.Subcommittee),
        ("LegCo Panel on Housing", "", LG.Panel),
        ("", "fc/pwsc", LG.PublicWorksSubcommittee),
        ("", "esc", LG.EstablishmentSubcommittee),
        ("", "bc/bc52", LG.BillsCommittee),
        ("", "hc/sub_leg/sc103", LG.Subcommittee),
        ("", "panels/ca/mabl", LG.Subcommittee),
        ("", "panels/itb", LG.Panel),
        ("", "pac", LG.PublicAccountsCommittee),
        ("Committee on Something", "", LG.Committee),
    ],
)
def test_a_committee_is_typed_by_its_name_words_else_its_url_folder(name, folder, expected):
    assert committee_class(name, folder) == expected


def test_finance_subcommittee_folders_printed_alone_name_the_enduring_body():
    assert [committee_key(f, "2024") for f in ("esc", "fc/pwsc", "pac", "hs01")] == [
        "esc",
        "pwsc",
        "pac",
        "2024/hs01",
    ]


@pytest.mark.parametrize(
    "text, printed, key",
    [
        ("FCR(2024-25)12", "FCR(2024-25)12", "FCR-2024-25-12"),
        ("PWSC（2023－24）5", "PWSC(2023-24)5", "PWSC-2023-24-5"),
        ("EC(2003-04)3", "EC(2003-04)3", "EC-2003-04-3"),
    ],
)
def test_finance_committee_papers_parse_with_their_financial_year(text, printed, key):
    number = parse_paper_number(text)
    assert number is not None and (str(number), number.key) == (printed, key)


def test_finance_papers_are_found_in_running_text_but_not_inside_words():
    text = "FCR(2024-25)12 HEAD 708, SEC(2024-25)3 and LC Paper No. CB(1)12/24-25(01)"
    assert [str(n) for n, _, _ in find_paper_numbers(text)] == [
        "FCR(2024-25)12",
        "CB(1)12/24-25(01)",
    ]


SHORT = (
    "Panel on Housing Minutes of meeting held on Monday, 14 April 2008, at 2:30 pm "
    "Members present : Hon SIN Chung-kai (Chairman) Hon Albert HO "
    "Clerk in attendance : Miss Erin TSANG I. Any other business "
    "1. There being no other business, the meeting ended at 4:35 pm."
)


def test_very_short_minutes_on_one_line_are_read_as_flattened():
    assert len(SHORT) < 400 and is_flat(SHORT)
    text = clean_text(SHORT)
    kind = choose_kind(text)
    extraction = kind.extract(text, language="en", base_iri=BASE, origin=None)
    graph = extraction.graph
    assert kind.name == "minutes"
    assert len(set(graph.subjects(RDF.type, LG.Attendance))) == 3
    assert len(set(graph.subjects(RDF.type, LG.AgendaItem))) == 1


def test_a_short_line_of_prose_is_not_taken_for_flattened_text():
    assert not is_flat("The Panel met on 14 April 2008 to discuss broadband coverage.")


def test_a_sub_heading_in_flattened_english_minutes_gets_a_line_of_its_own():
    text = (FIXTURES / "minutes-en.txt").read_text(encoding="utf-8")
    lines = unflatten(clean_text(flattened(text))).split("\n")
    assert "Discussion" in lines
    assert not [line for line in lines if line.endswith("December 2006. Discussion")]


def test_an_uncurated_committee_named_in_both_languages_is_one_node_keyed_by_the_pair():
    text = (FIXTURES / "minutes-en.txt").read_text(encoding="utf-8")
    english, chinese = "Subcommittee on Broadband Access", "寬頻接達小組委員會"
    text = text.replace(
        "Panel on Information Technology and Broadcasting", f"{english}\n{chinese}", 1
    )
    text = clean_text(text)
    extraction = choose_kind(text).extract(
        text, language=detect_language(text), base_iri=BASE, origin=None
    )
    graph = extraction.graph
    meeting = graph.value(extraction.document, LG.minutesOf)
    committee = graph.value(meeting, LG.committee)
    assert committee.startswith(BASE + "committee/name/")
    labels = {(label.language, str(label)) for label in graph.objects(committee, RDFS.label)}
    assert {("en", english), ("zh-Hant", chinese)} <= labels
    assert (committee, RDF.type, LG.Subcommittee) in graph
    assert not [w for w in extraction.warnings if "name only" in w]


def test_an_uncurated_committee_named_in_one_language_without_a_url_is_warned_about():
    text = (FIXTURES / "minutes-en.txt").read_text(encoding="utf-8")
    text = clean_text(
        text.replace(
            "Panel on Information Technology and Broadcasting",
            "Subcommittee on Broadband Access",
            1,
        )
    )
    extraction = choose_kind(text).extract(text, language="en", base_iri=BASE, origin=None)
    assert [w for w in extraction.warnings if "keyed by its name only" in w]
