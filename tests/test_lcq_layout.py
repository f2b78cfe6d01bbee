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
