"""LegCo URL conventions: session, language, committee key, document type and date."""

import datetime as dt

import pytest

from loader.legco_urls import parse_legco_url


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
