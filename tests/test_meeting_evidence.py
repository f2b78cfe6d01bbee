"""A committee record's LegCo URL as evidence: committee, date, session and language read from
it, cross-checked with the heading (a disagreement is a warning naming both), and standing in for
a heading the saved page lost."""

import datetime as dt

from brief_support import BASE
from rdflib.namespace import DCTERMS

from loader.kinds import agenda
from loader.kinds.common.evidence import in_session
from loader.paths import ROOT
from loader.text import clean_text
from loader.vocab import LG

AGENDA = ROOT / "tests" / "data" / "agendas" / "agenda-en.txt"
SITE = "https://www.legco.gov.hk"


def _read(origin: str | None, text: str | None = None):
    text = clean_text(text if text is not None else AGENDA.read_text(encoding="utf-8"))
    extraction = agenda.extract(text, language="en", base_iri=BASE, origin=origin)
    meeting = extraction.graph.value(extraction.document, LG.agendaOf)
    committee = str(extraction.graph.value(meeting, LG.committee)).removeprefix(BASE)
    return committee, str(extraction.graph.value(meeting, DCTERMS.date)), extraction.warnings


def test_a_url_that_agrees_with_the_heading_adds_no_warning() -> None:
    url = f"{SITE}/yr2024/english/panels/hs/agenda/hs20240109.htm"
    assert _read(url) == ("committee/panel/hs", "2024-01-09", ())


def test_a_url_naming_another_committee_and_date_is_a_warning_naming_both() -> None:
    url = f"{SITE}/yr2024/english/panels/itb/agenda/itb20240110.htm"
    committee, date, warnings = _read(url)
    assert (committee, date) == ("committee/panel/hs", "2024-01-09")
    assert any("panel/hs" in w and "panel/itb" in w for w in warnings)
    assert any("2024-01-09" in w and "2024-01-10" in w for w in warnings)


def test_a_url_of_another_session_or_language_is_a_warning() -> None:
    url = f"{SITE}/yr18-19/chinese/panels/hs/agenda/hs20240109.htm"
    warnings = _read(url)[2]
    assert any("outside the session 2018-19" in w for w in warnings)
    assert any("zh-Hant page" in w for w in warnings)


def test_a_page_without_its_header_takes_committee_and_date_from_its_url() -> None:
    text = AGENDA.read_text(encoding="utf-8")
    body = text[text.index("I.\t") :]
    url = f"{SITE}/yr12-13/english/bc/bc52/agenda/bc5220130115.htm"
    committee, date, warnings = _read(url, body)
    assert (committee, date) == ("committee/2012-13/bc52", "2013-01-15")
    assert any("no committee named" in w for w in warnings)
    assert any("no meeting date" in w for w in warnings)


def test_sessions_run_october_to_september_with_the_summer_either_side_or_a_calendar_year():
    assert in_session(dt.date(2013, 1, 15), "12-13")
    assert not in_session(dt.date(2014, 1, 15), "12-13")
    assert in_session(dt.date(2023, 12, 1), "2023")
    assert not in_session(dt.date(2024, 1, 9), "2023")
