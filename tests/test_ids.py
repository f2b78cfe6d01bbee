"""IRI minting and the roman numerals of agenda items."""

import datetime as dt
import re

import pytest
from rdflib import URIRef

from loader.ids import Iris, from_roman, iri_segment, short_hash, to_roman
from loader.paper_numbers import PaperNumber

BASE = "https://w3id.org/legisgraph/id/"


@pytest.mark.parametrize(
    ("number", "roman"), [(1, "I"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")]
)
def test_roman_numerals_round_trip(number: int, roman: str) -> None:
    assert to_roman(number) == roman
    assert from_roman(roman) == number


@pytest.mark.parametrize("text", ["IIII", "VX", "項", "", "IC"])
def test_malformed_roman_numerals_are_rejected(text: str) -> None:
    assert from_roman(text) is None


def test_iris_follow_the_contract() -> None:
    iris = Iris(BASE)
    committee = iris.committee("panel/itb")
    meeting = iris.meeting(committee, dt.date(2023, 2, 13))
    assert meeting == URIRef(BASE + "meeting/panel/itb/2023-02-13")
    assert iris.meeting(iris.committee("2022/hs01"), dt.date(2023, 1, 31)) == URIRef(
        BASE + "meeting/2022/hs01/2023-01-31"
    )
    assert iris.agenda_item(meeting, "III") == URIRef(meeting + "/item/III")
    assert iris.agenda(meeting) == URIRef(meeting + "/agenda")
    assert iris.minutes(meeting) == URIRef(meeting + "/minutes")
    paper = iris.paper(PaperNumber(189, 1, "2023", ("01",)))
    assert paper == URIRef(BASE + "paper/CB1-189-2023-01")
    assert iris.paragraph(paper, "10") == URIRef(paper + "/para/10")
    assert iris.section(paper, 2) == URIRef(paper + "/section/2")
    assert iris.evidence(paper + "/para/10") == URIRef(paper + "/para/10/evidence")
    assert iris.question(dt.date(2023, 2, 22), 10) == URIRef(BASE + "question/2023-02-22/10")
    assert iris.ordinance("486") == URIRef(BASE + "ordinance/cap486")
    assert iris.org("ogcio") == URIRef(BASE + "org/ogcio")
    assert iris.graph(paper) == BASE + "graph/paper/CB1-189-2023-01"


def test_brief_iris_without_a_paper_number_hash_the_normalised_title() -> None:
    iris = Iris(BASE)
    meeting = iris.meeting(iris.committee("panel/itb"), dt.date(2024, 4, 8))
    first = iris.brief(meeting, "有關成立 “數字政策辦公室 ”的背景資料簡介")
    assert first == iris.brief(meeting, "有關成立“數字政策辦公室”的背景資料簡介")
    assert first.startswith(meeting + "/brief/") and len(first.rsplit("/", 1)[1]) == 8


def test_names_become_valid_iri_segments() -> None:
    iris = Iris("https://example.org/lg")
    org = iris.org_from_name("Tolling Systems (Pilot) Office")
    assert org == URIRef("https://example.org/lg/org/tollingsystemspilotoffice")
    assert iris.rebase(BASE + "org/ogcio", BASE) == URIRef("https://example.org/lg/org/ogcio")


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("“智方便”平台", "智方便平台"),
        (
            "粵港澳大灣區(內地、香港)個人信息跨境流動標準合同",
            "粵港澳大灣區內地香港個人信息跨境流動標準合同",
        ),
        ("「一網通辦」：《藍圖》", "一網通辦藍圖"),
        ("ＣＢ（１）", "CB1"),
        ("香港智慧城市藍圖 2.0", "香港智慧城市藍圖2.0"),
        ("itb20230213cb1-189-1-c", "itb20230213cb1-189-1-c"),
        ("Smart City - Phase 2", "SmartCityPhase2"),
        ("e.g. plan.", "e.gplan"),
        ("局/部門", "局部門"),
        ("Café 100%", "Café100"),
    ],
)
def test_one_rule_keeps_letters_and_digits_and_drops_punctuation(text: str, segment: str) -> None:
    assert iri_segment(text) == segment
    assert iri_segment(segment) == segment


@pytest.mark.parametrize("text", ["..", ".", "“”", "（）", " - "])
def test_a_segment_of_nothing_but_punctuation_is_a_hash_never_a_dot_segment(text: str) -> None:
    segment = iri_segment(text)
    assert segment == short_hash(text)
    assert re.fullmatch(r"[0-9a-f]{8}", segment)


def test_free_text_iris_are_the_same_whatever_the_quotes_spaces_or_width() -> None:
    iris = Iris(BASE)
    committee = iris.committee("panel/itb")
    assert iris.topic(committee, "“智方便”平台") == iris.topic(committee, '"智方便" 平台')
    assert iris.topic(committee, "“智方便”平台") == URIRef(
        BASE + "committee/panel/itb/topics/智方便平台"
    )
    assert iris.policy_document("《香港智慧城市藍圖 2.0》") == URIRef(
        BASE + "policy/香港智慧城市藍圖2.0"
    )
    assert iris.policy_document("Hong Kong (Smart) Blueprint") == URIRef(
        BASE + "policy/hongkongsmartblueprint"
    )


def test_each_language_version_of_a_paper_has_its_own_graph() -> None:
    iris = Iris(BASE)
    paper = iris.paper(PaperNumber(189, 1, "2023", ("01",)))
    english, chinese = iris.graph(paper, "en"), iris.graph(paper, "zh-Hant")
    assert english == BASE + "graph/paper/CB1-189-2023-01/en"
    assert chinese == BASE + "graph/paper/CB1-189-2023-01/zh-hant"
    release = iris.iri("question/2024-04-10/10/release/zh-hans")
    assert iris.graph(release, "zh-Hans") == BASE + "graph/question/2024-04-10/10/release/zh-hans"
