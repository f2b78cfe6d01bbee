"""LegCo URL conventions a sync builds addresses from: session folders in both layouts,
a meeting's documents in each language."""

import datetime as dt

import pytest

from loader.legco_urls import (
    committee_code_of,
    document_url,
    parse_legco_url,
    session_folder,
    sibling_url,
)


@pytest.mark.parametrize(
    ("day", "folder"),
    [
        (dt.date(2019, 3, 20), "yr18-19"),
        (dt.date(2019, 10, 9), "yr19-20"),
        (dt.date(1999, 12, 1), "yr99-00"),
        (dt.date(2021, 12, 15), "yr21-22"),
        (dt.date(2023, 2, 13), "yr2023"),
    ],
)
def test_session_folders_follow_the_layout_of_their_term(day, folder):
    assert session_folder(day) == folder


def test_an_agenda_gives_the_minutes_in_the_other_language():
    agenda = parse_legco_url(
        "http://www.legco.gov.hk/yr18-19/english/panels/itb/agenda/itb20190311.htm"
    )
    assert sibling_url(agenda, language="zh", doc_type="minutes", suffix=".pdf") == (
        "https://www.legco.gov.hk/yr18-19/chinese/panels/itb/minutes/itb20190311.pdf"
    )
    assert committee_code_of(agenda) == "itb"


def test_a_calendar_year_session_keeps_its_folder():
    url = document_url("2023", "en", "hc/sub_com/hs01", "agenda", "hs0120230131.htm")
    assert url == "https://www.legco.gov.hk/yr2023/english/hc/sub_com/hs01/agenda/hs0120230131.htm"
    assert committee_code_of(parse_legco_url(url)) == "hs01"


def test_an_unknown_site_language_is_refused():
    with pytest.raises(ValueError, match="not a site language"):
        document_url("2018-19", "fr", "counmtg", "agenda", "cm20190320.htm")
