"""IRI minting, the LC Paper No. grammar and LegCo URL conventions."""

import datetime as dt

import pytest
from rdflib import URIRef

from loader.ids import (
    Iris,
    PaperNumber,
    find_paper_numbers,
    from_roman,
    normalize_session,
    paper_number_from_url,
    parse_legco_url,
    parse_paper_number,
    to_roman,
)

BASE = "https://w3id.org/legisgraph/id/"


@pytest.mark.parametrize(
    ("text", "printed", "key"),
    [
        ("LC Paper No. CB(4)1395/14-15", "CB(4)1395/14-15", "CB4-1395-2014-15"),
        ("LC Paper No. CB(1)1200/07-08(04)", "CB(1)1200/07-08(04)", "CB1-1200-2007-08-04"),
        ("立法會CB(1)1520/09-10(04)號文件", "CB(1)1520/09-10(04)", "CB1-1520-2009-10-04"),
        ("LC Paper No CB(1)2316/03-04(01)", "CB(1)2316/03-04(01)", "CB1-2316-2003-04-01"),
        ("CB(2) 2656/01-02", "CB(2)2656/01-02", "CB2-2656-2001-02"),
        ("CB(1)2192/01-01(01)", "CB(1)2192/01-01(01)", "CB1-2192-2001-01-01"),
        ("CB(2)1720/2025(01)(02)(03)", "CB(2)1720/2025(01)(02)(03)", "CB2-1720-2025-01-02-03"),
        (
            "LC Paper Nos. CB(1)2034/09-10(01) and (02)",
            "CB(1)2034/09-10(01)(02)",
            "CB1-2034-2009-10-01-02",
        ),
        ("PLC Paper No. CB(2)73", "CB(2)73", "CB2-73"),
        ("AS227", "AS227", "AS-227"),
        ("CB(2)1088(01)", "CB(2)1088(01)", "CB2-1088-01"),
        ("LC Paper No. CB(1)189/2023(01)", "CB(1)189/2023(01)", "CB1-189-2023-01"),
        ("ＣＢ（１）189/2023（01）", "CB(1)189/2023(01)", "CB1-189-2023-01"),
        ("LC Paper No. CB(3)634/2026(412)", "CB(3)634/2026(412)", "CB3-634-2026-412"),
    ],
)
def test_paper_numbers_parse_in_every_variant(text: str, printed: str, key: str) -> None:
    number = parse_paper_number(text)
    assert number is not None
    assert str(number) == printed
    assert number.key == key


@pytest.mark.parametrize(
    "text", ["Ref : CB4/PL/ITB/1", "CB1/PL/ITB", "A 12/13-26", "No. 92", "L.N. 62/2013"]
)
def test_other_reference_styles_are_not_paper_numbers(text: str) -> None:
    assert parse_paper_number(text) is None


def test_paper_number_sessions_are_normalised() -> None:
    assert parse_paper_number("CB(4)1395/14-15").session == "2014-15"
    assert parse_paper_number("CB(2)1/96-97").session == "1996-97"
    assert parse_paper_number("CB(1)189/2023(01)").session == "2023"
    assert normalize_session("2014-15") == "2014-15"
    with pytest.raises(ValueError):
        normalize_session("2014/15")


def test_several_subs_name_several_papers() -> None:
    number = parse_paper_number("CB(2)1720/2025(01)(02)")
    assert [str(n) for n in number.single_papers()] == ["CB(2)1720/2025(01)", "CB(2)1720/2025(02)"]


def test_paper_numbers_are_found_in_running_text() -> None:
    text = (
        "(issued vide LC Paper No. CB(1)1083/07-08 on 18 March 2008) "
        "隨立法會CB(3) 566/13-14及CB(3) 573/13-14號文件發出"
    )
    found = [str(number) for number, _, _ in find_paper_numbers(text)]
    assert found == ["CB(1)1083/07-08", "CB(3)566/13-14", "CB(3)573/13-14"]
    number, start, end = find_paper_numbers(text)[0]
    assert text[start:end] == "CB(1)1083/07-08"


@pytest.mark.parametrize(
    ("url", "printed"),
    [
        (
            "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/itb20230213cb1-189-1-c.pdf",
            "CB(1)189/2023(01)",
        ),
        (
            "https://www.legco.gov.hk/yr18-19/english/bc/bc03/reports/bc0320190220cb1-566-e.pdf",
            "CB(1)566/18-19",
        ),
        (
            "https://www.legco.gov.hk/yr07-08/chinese/panels/itb/papers/itb1112cb1-242-c.pdf",
            "CB(1)242/07-08",
        ),
        (
            "https://www.legco.gov.hk/yr2026/chinese/hc/sub_leg/sc103/papers/sc103cb3-634-1-c.pdf",
            "CB(3)634/2026(01)",
        ),
        (
            "https://www.legco.gov.hk/yr2026/chinese/hc/sub_leg/sc103/papers/sc103cb3-662-3-5-ec.pdf",
            "CB(3)662/2026(03)(04)(05)",
        ),
    ],
)
def test_paper_numbers_come_from_file_names_and_session_folders(url: str, printed: str) -> None:
    assert str(paper_number_from_url(url)) == printed


def test_agendas_and_minutes_have_no_paper_number_in_their_file_name() -> None:
    assert (
        paper_number_from_url(
            "https://www.legco.gov.hk/yr2023/chinese/panels/itb/agenda/itb20230213.htm"
        )
        is None
    )
    assert paper_number_from_url("https://example.org/yr2023/itb20230213cb1-189-1-c.pdf") is None


@pytest.mark.parametrize(
    ("url", "session", "language", "key", "code", "doc_type", "date"),
    [
        (
            "https://www.legco.gov.hk/yr2023/chinese/panels/itb/agenda/itb20230213.htm",
            "2023",
            "zh-Hant",
            "panel/itb",
            "itb",
            "agenda",
            dt.date(2023, 2, 13),
        ),
        (
            "https://www.legco.gov.hk/yr2022/chinese/hc/sub_com/hs01/agenda/hs0120230131.htm",
            "2022",
            "zh-Hant",
            "2022/hs01",
            "hs01",
            "agenda",
            dt.date(2023, 1, 31),
        ),
        (
            "http://www.legco.gov.hk/yr18-19/english/counmtg/agenda/cm20190320.htm",
            "2018-19",
            "en",
            "council",
            "counmtg",
            "agenda",
            dt.date(2019, 3, 20),
        ),
        (
            "https://www.legco.gov.hk/yr18-19/english/counmtg/hansard/cm20190220-translate-e.pdf",
            "2018-19",
            "en",
            "council",
            "counmtg",
            "hansard",
            dt.date(2019, 2, 20),
        ),
        (
            "https://www.legco.gov.hk/yr18-19/chinese/counmtg/voting/cm_vote_20190320.xml",
            "2018-19",
            "zh-Hant",
            "council",
            "counmtg",
            "voting",
            dt.date(2019, 3, 20),
        ),
        (
            "https://www.legco.gov.hk/yr18-19/english/bc/bc03/reports/bc0320190220cb1-566-e.pdf",
            "2018-19",
            "en",
            "2018-19/bc03",
            "bc03",
            "reports",
            dt.date(2019, 2, 20),
        ),
        (
            "https://legco.gov.hk/yr07-08/english/panels/itb/agenda/itag0414.htm",
            "2007-08",
            "en",
            "panel/itb",
            "itb",
            "agenda",
            None,
        ),
        (
            "https://www.legco.gov.hk/yr13-14/cn/panels/itb/minutes/itb20140113.pdf",
            "2013-14",
            "zh-Hans",
            "panel/itb",
            "itb",
            "minutes",
            dt.date(2014, 1, 13),
        ),
        (
            "https://www.legco.gov.hk/yr2026/chinese/hc/sub_leg/sc103/papers/sc103cb3-634-1-c.pdf",
            "2026",
            "zh-Hant",
            "2026/sc103",
            "sc103",
            "papers",
            None,
        ),
    ],
)
def test_legco_urls_are_parsed_into_their_parts(
    url, session, language, key, code, doc_type, date
) -> None:
    parsed = parse_legco_url(url)
    assert (parsed.session, parsed.language, parsed.committee_key) == (session, language, key)
    assert (parsed.committee_code, parsed.doc_type, parsed.date) == (code, doc_type, date)


def test_urls_outside_the_legco_site_are_not_parsed() -> None:
    assert parse_legco_url("https://www.elegislation.gov.hk/hk/cap486") is None
    assert parse_legco_url("https://www.legco.gov.hk/en/legco-business/committees.html") is None


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
    assert org == URIRef("https://example.org/lg/org/tollingsystems%28pilot%29office")
    assert iris.rebase(BASE + "org/ogcio", BASE) == URIRef("https://example.org/lg/org/ogcio")
