"""Loading a PDF end to end: the sample rendered as a real PDF gives the graph of its text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_pipeline
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from test_pipeline import SAMPLE, _content, _load, _options

from loader.decode import decode
from loader.pipeline import FAILED, LOADED, load_sources
from loader.sources import read_source

#: The sample's content graph loaded from the .txt: test_pipeline's fixture, reused.
reference_content = test_pipeline.reference_content

#: ReportLab's built-in Adobe-CNS1 font; the CMap that makes readers map it back to Unicode.
FONT, CMAP = "MSung-Light", "UniCNS-UCS2-H"
FONT_SIZE, LEADING, MARGIN = 10, 14, 60
#: Source lines per page: the sample's 459 lines become 11 pages, so page breaks fall mid-paragraph.
LINES_PER_PAGE = 45


def _register_font() -> None:
    """Register the font with the CNS CMap (ReportLab pairs it with a GB one by default)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(cidfonts.defaultUnicodeEncodings, FONT, ("cht", CMAP))
        font = cidfonts.UnicodeCIDFont(FONT)
    assert font.encoding.name == CMAP
    pdfmetrics.registerFont(font)


def _render_pdf(path: Path, lines: list[str]) -> int:
    """Draw one PDF text line per source line, with `- n -` atop pages after the first."""
    _register_font()
    width, height = A4
    assert max(pdfmetrics.stringWidth(line, FONT, FONT_SIZE) for line in lines) < width - 2 * MARGIN
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    for number, page in enumerate(pages, start=1):
        canvas.setFont(FONT, FONT_SIZE)
        y = height - MARGIN
        if number > 1:
            canvas.drawCentredString(width / 2, y, f"- {number} -")
        for line in page:
            y -= LEADING
            if line:
                canvas.drawString(MARGIN, y, line)
        canvas.showPage()
    canvas.save()
    return len(pages)


def _render_textless_pdf(path: Path) -> None:
    """A two-page PDF with no text: a greyscale raster image (a scan), then a lone rectangle."""
    pixels = bytes((x * y) % 256 for y in range(64) for x in range(64))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(Image.frombytes("L", (64, 64), pixels)), 72, 400, 300, 300)
    canvas.showPage()
    canvas.rect(72, 400, 300, 200, stroke=1, fill=1)
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    """The sample's text as an 11-page PDF whose pages break inside paragraphs."""
    path = tmp_path_factory.mktemp("pdf") / "brief.pdf"
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    pages = _render_pdf(path, lines)
    extracted = decode(read_source(str(path), cache_dir=None))
    assert extracted.media == "pdf"
    assert extracted.text.count("\f") == pages > 10
    page_numbers = re.findall(r"^- (\d+) -$", extracted.text.replace("\f", "\n"), re.M)
    assert {str(n) for n in range(2, pages + 1)} <= set(page_numbers)
    return path


def test_sample_as_a_pdf_gives_the_same_graph(reference_content, sample_pdf, tmp_path) -> None:
    store, results = _load(tmp_path, str(sample_pdf))
    with store:
        assert [r.status for r in results] == [LOADED], results
        content = _content(store)
    missing = sorted(reference_content - content)
    extra = sorted(content - reference_content)
    assert not missing and not extra, (
        f"only from the .txt ({len(missing)}): {missing[:20]}\n"
        f"only from the PDF ({len(extra)}): {extra[:20]}"
    )


def test_pdf_without_text_fails_clearly_and_leaves_the_store_unchanged(
    sample_pdf, tmp_path
) -> None:
    scanned = tmp_path / "scanned.pdf"
    _render_textless_pdf(scanned)
    store, _ = _load(tmp_path, str(sample_pdf))
    with store:
        graphs, quads, content = store.named_graphs(), store.quad_count(), _content(store)
        report = load_sources(store, [str(scanned)], _options(tmp_path))
        (result,) = report.results
        assert result.status == FAILED, result
        assert result.message.startswith("scanned.pdf: "), result.message
        assert "no extractable text" in result.message, result.message
        assert "\n" not in result.message
        assert store.named_graphs() == graphs
        assert store.quad_count() == quads
        assert _content(store) == content
