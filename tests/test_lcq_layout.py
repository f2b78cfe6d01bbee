"""LCQ release layout: dates from URLs and trailers, Chinese numbers, titles, detection."""

import datetime as dt
from pathlib import Path

import pytest
from brief_support import BASE
from lcq_support import (
    ALL,
    TWO_OFFICERS_ZH,
    release_text,
)

from loader.kinds import lcq
from loader.kinds.lcq.layout import origin_date, split_release, zh_number
from loader.kinds.registry import choose_kind
from loader.paths import ROOT, SAMPLES_DIR
from loader.text import clean_text


def test_url_and_file_name_dates() -> None:
    assert origin_date("https://www.info.gov.hk/gia/general/202404/10/P2024041000242.htm") == (
        dt.date(2024, 4, 10)
    )
    assert origin_date("https://example.org/gia/general/201305/08/") == dt.date(2013, 5, 8)
    assert origin_date("sc-P2014070900123.htm") == dt.date(2014, 7, 9)
    assert origin_date("release.htm") is None


def test_chinese_numbers_in_titles_and_dates() -> None:
    assert [zh_number(t) for t in ("十", "二十二", "三十一", "九", "十五")] == [10, 22, 31, 9, 15]
    assert zh_number("廿") is None
    layout = split_release(release_text(TWO_OFFICERS_ZH))
    assert (layout.number, layout.today, layout.written) == (22, (11, 15), True)


def test_urgent_question_title_has_no_number_and_is_refused() -> None:
    text = (
        "LCQ: Urgent question on flooding\n\n"
        "Following is an urgent question by the Hon Chan Tai-man under Rule 24(4) of the Rules "
        "of Procedure and a reply by the Secretary for Development, Ms Bernadette Linn, in the "
        "Legislative Council today (September 13):\n\nQuestion:\n\nWill it act?\n\n"
        "Reply:\n\nPresident,\n\nYes.\n\nEnds/Wednesday, September 13, 2023\n"
    )
    layout = split_release(text)
    assert layout.urgent and layout.asker == "the Hon Chan Tai-man"
    with pytest.raises(ValueError, match="no question number"):
        lcq.extract(text, language="en", base_iri=BASE)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_releases_are_detected_as_lcq(path: Path) -> None:
    assert choose_kind(release_text(path)).name == "lcq"


def test_agendas_and_briefs_are_not_taken_for_releases() -> None:
    others = [*sorted((ROOT / "tests" / "data" / "agendas").glob("*.txt"))]
    others += sorted(SAMPLES_DIR.glob("legco/*.txt"))
    for path in others:
        assert lcq.detect(path.read_text(encoding="utf-8")) < 0.5, path.name


NAVIGATION = "Home | Press Releases | Government Information Centre | Print this page " * 50
FOOTER = "Back to top | Important notices | Privacy policy | Contact us " * 20
RELEASE = ROOT / "tests" / "data" / "lcq" / "lcq10-written-en.txt"


def _scraped(*, keep_lines: bool) -> str:
    """The release as a page scraped with the site's navigation around it (its lines kept, or
    the whole page run together as PDF or text extraction may give it)."""
    page = f"{NAVIGATION}\n{RELEASE.read_text(encoding='utf-8')}\n{FOOTER}"
    return page if keep_lines else " ".join(line.strip() for line in page.split("\n"))


@pytest.mark.parametrize("keep_lines", [True, False], ids=["lines", "run-together"])
def test_a_release_scraped_with_navigation_keeps_its_title_and_splits_the_reply(keep_lines):
    original = split_release(clean_text(RELEASE.read_text(encoding="utf-8")))
    layout = split_release(clean_text(_scraped(keep_lines=keep_lines)))
    assert layout.title == original.title == "LCQ10: Electronic services for small businesses"
    assert layout.number == 10
    assert layout.reply and layout.reply[0].startswith(original.reply[0])
    assert not any("My reply" in line for line in layout.question)
    assert "Privacy policy" not in " ".join(layout.reply)
    assert layout.issued_on == original.issued_on


def test_a_subject_run_together_with_the_page_after_it_stops_at_the_column_gap():
    layout = split_release("LCQ7: Smart government  Print this page | Email this page\n")
    assert layout.subject == "Smart government"
    assert layout.title == "LCQ7: Smart government"
