"""The LC Paper No. grammar: every printed variant, running text and file names."""

import datetime as dt

import pytest

from loader.legco_urls import normalize_session
from loader.paper_numbers import (
    find_paper_numbers,
    panel_paper_url,
    paper_number_from_url,
    parse_paper_number,
)


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


@pytest.mark.parametrize(
    "text",
    [
        "LC Paper Nos. CB(1)1200/07-08(03) to (05)",
        "立法會CB(1)1200/07-08(03)至(05)號文件",
        "CB(1)1200/07-08(03)-(05)",
        "CB(1)1200/07-08(03), (04) and (05)",
    ],
)
def test_a_range_of_sub_numbers_names_every_paper_in_it(text: str) -> None:
    number = parse_paper_number(text)
    assert [str(n) for n in number.single_papers()] == [
        "CB(1)1200/07-08(03)",
        "CB(1)1200/07-08(04)",
        "CB(1)1200/07-08(05)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "LC Paper No.CB(1)1200/07-08(03)",
        "LC Paper No. CB (1) 1200 / 07 - 08 ( 03 )",
        "立法會CB（1）1200／07-08（03）號文件",
        "LC Paper No. CB(1)12O0/07-08(O3)",
        "LC Paper No. CB(1)1200/O7-08(03)",
    ],
)
def test_typing_slips_with_one_reading_are_mended(text: str) -> None:
    assert str(parse_paper_number(text)) == "CB(1)1200/07-08(03)"


def test_mending_keeps_offsets_and_leaves_other_words_alone() -> None:
    text = "CO2 output (LC Paper No. CB(1)12O0/07-08(O3)) and item (o)"
    [(number, start, end)] = find_paper_numbers(text)
    assert str(number) == "CB(1)1200/07-08(03)"
    assert text[start:end] == "CB(1)12O0/07-08(O3)"


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


def test_a_panel_papers_file_url_is_the_one_the_data_guide_gives() -> None:
    number = parse_paper_number("CB(1)189/2023(01)")
    url = panel_paper_url(number, "itb", dt.date(2023, 2, 13), "zh-Hant")
    assert url == (
        "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/itb20230213cb1-189-1-c.pdf"
    )
    assert paper_number_from_url(url) == number


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("CB(1)1082/07-08", "en"),
        ("CB(2)1720/2025(01)(02)", "en"),
        ("CB(1)2316/03-04(01)", "en"),
        ("CB(1)1200/07-08(01)", "zh-Hans"),
        ("AS227", "en"),
    ],
)
def test_no_file_url_where_the_convention_is_not_known(text: str, language: str) -> None:
    number = parse_paper_number(text)
    assert panel_paper_url(number, "itb", dt.date(2008, 4, 14), language) is None
