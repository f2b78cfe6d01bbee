"""OCR of scanned PDFs (loader.ocr): a real scanned LegCo submission reads as Chinese text."""

from pathlib import Path

import pytest

from loader import ocr
from loader.decode import decode
from loader.sources import read_source

SCANNED = Path(__file__).resolve().parent.parent.parent / "shared" / "legco-docs"
SCANNED = SCANNED / "submission-2026-06-22-zh.pdf"
needs_tesseract = pytest.mark.skipif(
    not ocr.available(), reason="tesseract-ocr with chi_tra not installed (make tools)"
)


def test_a_text_layer_of_stamps_only_counts_as_scanned():
    assert ocr.is_scanned("立法會CB(3)710/2026(11)號文件\n\n\f\f\f\f")
    assert ocr.is_scanned("")
    assert not ocr.is_scanned("主席：" + "網約車服務" * 20 + "\f" + "的士" * 30)


@needs_tesseract
def test_the_first_page_of_a_scanned_submission_reads_as_its_words():
    if not SCANNED.is_file():
        pytest.skip("../shared/legco-docs not present: no scanned submission")
    data = SCANNED.read_bytes()
    text = ocr.ocr_pdf(data, layer="立法會CB(3)710/2026(11)號文件\f", max_pages=1)
    assert text.startswith("立法會CB(3)710/2026(11)號文件")
    assert "\f" not in text
    assert "網約車" in text and "運輸及物流局" in text


@needs_tesseract
def test_a_scanned_pdf_decodes_with_its_stamp_and_every_page_read():
    if not SCANNED.is_file():
        pytest.skip("../shared/legco-docs not present: no scanned submission")
    decoded = decode(read_source(str(SCANNED), cache_dir=None))
    pages = decoded.text.split("\f")
    assert len(pages) == 14
    assert all(len(page.strip()) > 50 for page in pages[:-1])
    assert "汽車交通運輸業總工會" in "".join(decoded.text.split())
