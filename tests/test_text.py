"""Clean-up of extraction artefacts, matching keys and language detection."""

from pathlib import Path

import pytest

from loader.paths import ROOT, SAMPLES_DIR
from loader.text import clean_text, detect_language

SAMPLE = SAMPLES_DIR / "legco" / "000_54c751b2ffb728be.txt"
FIXTURES = ROOT / "tests" / "data" / "briefs"
SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"


def _documents() -> list[Path]:
    return [SAMPLE, *sorted(FIXTURES.glob("*.txt"))]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_clean_text_is_idempotent_on_bundled_documents(path: Path) -> None:
    once = clean_text(path.read_text(encoding="utf-8"))
    assert clean_text(once) == once


def test_clean_text_is_idempotent_on_shared_legco_documents() -> None:
    if not SHARED_DOCS.is_dir():
        pytest.skip("../shared/legco-docs not present: real agendas and submissions are shared")
    for path in sorted(SHARED_DOCS.glob("*.txt")):
        once = clean_text(path.read_text(encoding="utf-8"))
        assert clean_text(once) == once, path.name


def test_spaces_inside_cjk_words_and_quotes_are_removed() -> None:
    text = "概述議員在資 訊科 技及廣 播事務委 員會 (“事 務 委員會 ”)的意見。\n"
    assert clean_text(text) == "概述議員在資訊科技及廣播事務委員會(“事務委員會”)的意見。\n"


def test_stray_spaces_inside_brackets_are_removed() -> None:
    assert clean_text("修訂《個人資料 (私隱 )條例》(第 486 章 )。\n") == (
        "修訂《個人資料(私隱)條例》(第486章)。\n"
    )
    assert clean_text('members of the Panel ( "the Panel" ) said so.\n') == (
        'members of the Panel ("the Panel") said so.\n'
    )


@pytest.mark.parametrize("marker", ["- 3 -", "-3-", "Page 3", "Page 3 of 9", "第 3 頁", "\f"])
def test_page_number_lines_are_removed(marker: str) -> None:
    text = "政府會制訂相關指引，要求部門加強測試力度，並由數字政策辦公"
    text += f"\n\n{marker}\n\n室擔當統籌角色。\n"
    expected = "政府會制訂相關指引，要求部門加強測試力度，並由數字政策辦公室擔當統籌角色。\n"
    assert clean_text(text) == expected


def test_cjk_lines_broken_mid_sentence_are_joined_across_blank_lines() -> None:
    first = "3. 施政報告亦提到政府擬成立新辦公室，將現時的政府資訊科技總監辦公室"
    text = first + "\n\n與效率促進辦公室合併。\n"
    assert clean_text(text) == first + "與效率促進辦公室合併。\n"


def test_headings_and_numbered_paragraphs_stay_on_their_own_lines() -> None:
    text = (
        "政府當局表示會優化首次登記時的身份驗證程序，並會大幅增加自助登記站的數目\n"
        "(有關進展見上文第 6 段 )\n\n加強網絡安全保護\n\n"
        "20. 議員詢問政府當局會透過何等措施協助中小企妥善應對風險。\n"
    )
    lines = clean_text(text).splitlines()
    assert "加強網絡安全保護" in lines
    assert lines[-1].startswith("20. 議員詢問")


def test_english_lines_join_within_a_paragraph_but_not_across_headings() -> None:
    text = (
        "5.    Members asked how the data collected by the readers would\n"
        "be protected.\n\nArrangements for vehicles\n\n6.    Some members considered that the\n\n"
        "Administration should allow other means.\n"
    )
    assert clean_text(text).splitlines() == [
        "5.  Members asked how the data collected by the readers would be protected.",
        "",
        "Arrangements for vehicles",
        "",
        "6.  Some members considered that the",
        "",
        "Administration should allow other means.",
    ]


def test_urls_are_kept_whole_and_one_per_line() -> None:
    urls = [
        "https://www.legco.gov.hk/yr2023/chinese/panels/itb/agenda/itb20230213.htm",
        "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/itb20230213cb1-189-1-c.pdf",
    ]
    assert clean_text("\n".join(urls) + "\n").splitlines() == urls


def test_table_cells_separated_by_column_gaps_are_not_joined() -> None:
    text = (
        "2023 年 2 月 22 日  第10項質詢：配合國家構建數據基礎制度的措施\n"
        "2023 年 4 月 26 日  第9項質詢：推動電子政務的發展\n"
    )
    assert clean_text(text).splitlines() == [
        "2023年2月22日  第10項質詢：配合國家構建數據基礎制度的措施",
        "2023年4月26日  第9項質詢：推動電子政務的發展",
    ]


def test_clean_text_keeps_full_width_forms_for_storage() -> None:
    assert "（" in clean_text("立法會ＣＢ（１）號文件（草稿）\n")


def test_english_printed_with_full_width_digits_keeps_its_spaces_and_lines() -> None:
    text = (
        "Monday, １４ April ２００８, at ２:３０ pm\n\n"
        "-Minutes of meeting held on ２９ January ２００８\n\nII. Information paper\n"
    )
    assert clean_text(text).splitlines() == [
        "Monday, １４ April ２００８, at ２:３０ pm",
        "",
        "-Minutes of meeting held on ２９ January ２００８",
        "",
        "II. Information paper",
    ]


def test_full_width_digits_among_chinese_still_lose_stray_spaces() -> None:
    assert clean_text("於 ２０１０年 ４月 １２日 舉行\n") == "於２０１０年４月１２日舉行\n"


def test_notes_of_a_saved_copy_stay_on_lines_of_their_own() -> None:
    text = (
        "# KIND: Panel agenda (資訊科技及廣播事務委員會), Traditional Chinese\n"
        "# TEST DATA - use from ../shared\n\n資訊科技及廣播事務委員會\n"
    )
    assert clean_text(text).splitlines() == [
        "# KIND: Panel agenda (資訊科技及廣播事務委員會), Traditional Chinese",
        "# TEST DATA - use from ../shared",
        "",
        "資訊科技及廣播事務委員會",
    ]


def test_detect_language_tells_traditional_simplified_and_english() -> None:
    assert detect_language(clean_text(SAMPLE.read_text(encoding="utf-8"))) == "zh-Hant"
    assert (
        detect_language("本文件提供有关政府当局成立数字政策办公室的背景资料，并概述议员的意见。")
        == "zh-Hans"
    )
    english = (FIXTURES / "brief-en.txt").read_text(encoding="utf-8")
    assert detect_language(english) == "en"


def test_detect_language_of_chinese_text_with_many_urls_is_chinese() -> None:
    text = (
        "相關文件一覽表載於附錄。\n" + "https://www.legco.gov.hk/yr2023/chinese/panels/itb/a.htm\n"
    )
    assert detect_language(text * 3) == "zh-Hant"
