"""Decoding sources into text: encodings, PDF, HTML, and the bad input that must be refused."""

import codecs
from pathlib import Path

import pytest

from loader.decode import DecodeError, decode, html_to_text
from loader.paths import ROOT
from loader.sources import Source, read_source

FIXTURES = Path(__file__).parent / "data" / "sources"
REFERENCE_TEXT = (FIXTURES / "brief-zh.utf8.txt").read_text(encoding="utf-8")
SHARED_DIR = ROOT.parent / "shared"
PANEL_URL = "https://www.legco.gov.hk/yr2024/english/panels/itb/"
AGENDA_URL = PANEL_URL + "agenda/itb20240513.htm"


def fixture(name: str, **metadata: str) -> Source:
    """A fixture file as a Source, as if it had been fetched with ``metadata``."""
    return Source.from_bytes(name, (FIXTURES / name).read_bytes(), **metadata)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("brief-zh.utf8.txt", "utf-8"),
        ("brief-zh.utf8-bom.txt", "utf-8-sig"),
        ("brief-zh.utf16le.txt", "utf-16-le"),
        ("brief-zh.utf16be.txt", "utf-16-be"),
        ("brief-zh.big5.txt", "big5"),
    ],
)
def test_every_encoding_gives_the_same_text(name: str, encoding: str):
    decoded = decode(read_source(str(FIXTURES / name), cache_dir=None))
    assert decoded.text == REFERENCE_TEXT
    assert (decoded.encoding, decoded.media) == (encoding, "text")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("議員關注市民嘅意見，政府當局表示會研究啲建議。", "big5hkscs"),
        ("立法会秘书处拟备的背景资料简介。议员询问政府当局会否加快推行电子政府服务。", "gb18030"),
        ("Members’ views on the “Smart City” blueprint — café résumé.", "cp1252"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str):
    decoded = decode(Source.from_bytes("legacy.txt", text.encode(encoding)))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_utf32_with_a_bom_is_decoded():
    data = codecs.BOM_UTF32_BE + REFERENCE_TEXT.encode("utf-32-be")
    assert decode(Source.from_bytes("brief.txt", data)).text == REFERENCE_TEXT


def test_declared_charset_is_used_and_a_wrong_one_falls_back_to_detection():
    big5 = (FIXTURES / "brief-zh.big5.txt").read_bytes()
    declared = decode(Source.from_bytes("brief.txt", big5, charset="Big5"))
    misdeclared = decode(Source.from_bytes("brief.txt", big5, charset="utf-8"))
    assert declared.text == misdeclared.text == REFERENCE_TEXT
    assert (declared.encoding, misdeclared.encoding) == ("big5hkscs", "big5")


def test_newlines_are_normalised_and_nothing_else_changes():
    decoded = decode(Source.from_bytes("lines.txt", "甲 \r\n乙\r丙\f丁  \n".encode()))
    assert decoded.text == "甲 \n乙\n丙\f丁  \n"


def test_pdf_text_keeps_its_pages_apart_with_form_feeds():
    decoded = decode(fixture("brief-zh-en.pdf"))
    page_one, page_two, after = decoded.text.split("\f")
    assert "資訊科技及廣播事務委員會" in page_one
    assert "1. 本文件概述議員在過往會議上提出的主要意見。" in page_one
    assert "Background brief prepared by the Legislative Council Secretariat" in page_two
    assert (decoded.media, decoded.encoding, after) == ("pdf", "pdf", "")


def test_truncated_pdf_is_refused():
    data = (FIXTURES / "brief-zh-en.pdf").read_bytes()
    with pytest.raises(DecodeError, match=r"^brief.pdf: truncated PDF"):
        decode(Source.from_bytes("brief.pdf", data[: len(data) // 2]))


def test_pdf_without_document_structure_is_refused():
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nnot a PDF body\n%%EOF\n"
    with pytest.raises(DecodeError, match=r"^broken.pdf: unreadable PDF: "):
        decode(Source.from_bytes("broken.pdf", data))


def test_html_agenda_keeps_rows_cells_and_links():
    decoded = decode(fixture("agenda-en.html", url=AGENDA_URL, media_type="text/html"))
    lines = decoded.text.split("\n")
    assert (decoded.media, decoded.encoding) == ("html", "utf-8")
    assert lines[:4] == [
        "Panel on Information Technology and Broadcasting",
        "",
        "Meeting on",
        "Monday, 13 May 2024, at 2:30 pm",
    ]
    assert "I.\tConfirmation of minutes of meeting" in lines
    assert (
        f"\tLC Paper No. CB(4)530/2024(02) <{PANEL_URL}agenda/itb20240513cb4-530-2-e.pdf>"
        "\t-\xa0Background brief prepared by the Legislative Council Secretariat"
    ) in lines
    assert (
        f"\tLC Paper No. CB(4)530/2024(01) <{PANEL_URL}papers/itb20240513cb4-530-1-e.pdf>"
    ) in lines
    assert "(issued on 6 May 2024)\t-\xa0Paper provided by the Administration" in lines
    assert "Website: https://www.legco.gov.hk/ & Back to top" in lines
    assert lines[-2:] == ["Council Business Division 4", "  Legislative Council Secretariat"]
    assert "tracker" not in decoded.text and "- Agenda" not in decoded.text


def test_html_is_recognised_without_a_media_type_and_uses_its_meta_charset():
    decoded = decode(fixture("agenda-zh.big5.html", url=AGENDA_URL.replace("english", "chinese")))
    lines = decoded.text.split("\n")
    assert (decoded.media, decoded.encoding) == ("html", "big5hkscs")
    assert "日　期：2024年5月13日(星期一)" in lines
    assert "II.\t推動數碼經濟發展" in lines
    assert (
        "\t立法會CB(4)512/2024號文件 <https://www.legco.gov.hk/yr2024/chinese/panels/itb/minutes/"
        "itb20240408.pdf>\t─2024年4月8日會議的紀要"
    ) in lines


def test_html_links_stay_relative_without_a_base_and_resolve_against_base_href():
    page = '<p><a href="papers/a.pdf">Paper</a> and <a href="b.pdf"></a></p>'
    assert html_to_text(page) == "Paper <papers/a.pdf> and <b.pdf>"
    based = '<base href="https://www.legco.gov.hk/yr2024/">' + page
    assert html_to_text(based) == (
        "Paper <https://www.legco.gov.hk/yr2024/papers/a.pdf> and "
        "<https://www.legco.gov.hk/yr2024/b.pdf>"
    )


def test_html_lists_and_headings_become_lines_and_paragraphs():
    page = "<h3>Purpose</h3><ul><li>one<li>two</ul>text<br>next<div>block</div>"
    assert html_to_text(page) == "Purpose\n\none\ntwo\n\ntext\nnext\nblock"


def test_empty_input_is_refused():
    with pytest.raises(DecodeError, match=r"^empty.txt: empty \(0 bytes\)$"):
        decode(Source.from_bytes("empty.txt", b""))


@pytest.mark.parametrize(
    "data", [b" \r\n\t\n", codecs.BOM_UTF16_LE + " \n\u3000".encode("utf-16-le")]
)
def test_whitespace_only_input_is_refused(data: bytes):
    with pytest.raises(DecodeError, match=r"^blank.txt: no text \(whitespace only\)$"):
        decode(Source.from_bytes("blank.txt", data))


def test_html_without_visible_text_is_refused():
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body> </body></html>"
    with pytest.raises(DecodeError, match="HTML page without visible text"):
        decode(Source.from_bytes("blank.html", page))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 8, "NUL bytes"),
        (b"PK\x03\x04" + bytes(range(1, 32)) * 20, "control characters"),
        (b"abc\x00def\x00" * 20, "NUL characters"),
    ],
)
def test_binary_junk_is_refused(data: bytes, reason: str):
    with pytest.raises(DecodeError, match=rf"^junk.bin: binary data \(.*{reason}"):
        decode(Source.from_bytes("junk.bin", data))


def test_bytes_that_do_not_match_their_bom_are_refused():
    data = codecs.BOM_UTF16_LE + "議程".encode("utf-16-le")[:-1]
    with pytest.raises(DecodeError, match=r"^odd.txt: invalid utf-16-le after its BOM"):
        decode(Source.from_bytes("odd.txt", data))


def _letters_by_script(text: str) -> tuple[int, int, int]:
    """Counts of CJK ideographs, ASCII letters and all letters in ``text``."""
    letters = [char for char in text if char.isalpha()]
    cjk = sum(1 for char in letters if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff")
    latin = sum(1 for char in letters if char.isascii())
    return cjk, latin, len(letters)


def shared_documents() -> list[Path]:
    folders = [SHARED_DIR / "legco-docs", SHARED_DIR / "seeds"]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.iterdir())


@pytest.mark.parametrize(
    "path", shared_documents() or [None], ids=lambda path: path.name if path else "absent"
)
def test_real_legco_documents_decode_to_mostly_cjk_or_latin_text(path: Path | None):
    if path is None:
        pytest.skip("../shared/legco-docs and ../shared/seeds not present: no real documents")
    decoded = decode(read_source(str(path), cache_dir=None))
    cjk, latin, letters = _letters_by_script(decoded.text)
    assert letters > 100
    assert max(cjk, latin) / letters > 0.5, "neither mostly Chinese nor mostly English"
    assert (cjk + latin) / letters > 0.98, "letters of other scripts: mojibake?"
