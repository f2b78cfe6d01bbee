"""Turn a source's bytes into text: PDF through pdfminer.six, HTML with its block structure kept,
plain text in the encodings LegCo documents come in (UTF-8/16/32 with or without BOM, Big5,
Big5-HKSCS, GB18030)."""

import codecs
import io
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import charset_normalizer
from pdfminer.high_level import extract_text

from loader.ocr import OcrUnavailable, is_scanned, ocr_pdf
from loader.sources import Source, SourceError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Legacy encodings detection may choose from: the ones Hong Kong documents use, and Windows-1252
#: for old English pages. A short list keeps charset-normalizer from guessing Johab or Shift_JIS.
LEGACY_ENCODINGS = ("big5", "big5hkscs", "cp950", "gb18030", "gbk", "gb2312", "cp1252")
#: Most "mess" (charset-normalizer's chaos ratio) a detected encoding may leave in the text.
MAX_CHAOS = 0.1
#: Most control characters (besides tab, newlines and form feed) a text may have, as a share.
MAX_CONTROL_SHARE = 0.05
#: Declared charset labels decoded as their supersets, as browsers do (WHATWG Encoding Standard).
_SUPERSETS = {
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
#: C0 and C1 control characters other than tab, the newlines and form feed.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class DecodeError(SourceError, ValueError):
    """Bytes that give no usable text; ``str()`` is one line naming the source and the reason."""


@dataclass(frozen=True)
class DecodedText:
    """A document's text with newlines as ``\\n`` (pages of a PDF end with ``\\f``).

    ``encoding`` is the codec the bytes were decoded with (``"pdf"`` for PDFs, whose text comes
    from their fonts' mappings); ``media`` is ``"text"``, ``"pdf"`` or ``"html"``.
    """

    text: str
    encoding: str
    media: str


def decode(source: Source) -> DecodedText:
    """Decode a source into text, or raise DecodeError saying why it has none."""
    data = source.data
    if not data:
        raise DecodeError(source.name, "empty (0 bytes)")
    if b"%PDF-" in data[:1024]:
        return DecodedText(_pdf_text(source), "pdf", "pdf")
    is_html = source.media_type in _HTML_TYPES or bool(
        _HTML_START.match(data[:1024].decode("latin-1"))
    )
    declared = source.charset
    if declared is None and is_html:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    text, encoding = _decode_bytes(source.name, data, declared)
    _check_is_text(source.name, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_html or _HTML_START.match(text[:1024]):
        text = html_to_text(text, base_url=source.url)
        if not text.strip():
            raise DecodeError(source.name, "no text (an HTML page without visible text)")
        return DecodedText(text, encoding, "html")
    if not text.strip():
        raise DecodeError(source.name, "no text (whitespace only)")
    return DecodedText(text, encoding, "text")


def _pdf_text(source: Source) -> str:
    if b"%%EOF" not in source.data[-2048:]:
        raise DecodeError(source.name, "truncated PDF (no %%EOF at the end)")
    try:
        text = extract_text(io.BytesIO(source.data))
    except Exception as error:  # pdfminer fails on damaged files with many exception types
        detail = " ".join(str(error).split()) or type(error).__name__
        raise DecodeError(source.name, f"unreadable PDF: {detail}") from None
    if is_scanned(text):
        text = _scanned_text(source, text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _scanned_text(source: Source, layer: str) -> str:
    """A PDF without a text layer read by OCR (loader.ocr), or why it cannot be."""
    try:
        text = ocr_pdf(source.data, layer=layer)
    except (OcrUnavailable, subprocess.TimeoutExpired) as error:
        raise DecodeError(source.name, f"PDF has no text layer and OCR failed: {error}") from None
    if not text.replace("\f", "").strip():
        raise DecodeError(source.name, "PDF has no extractable text, even by OCR")
    return text


def _decode_bytes(name: str, data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode by BOM, else the declared charset, else strict UTF-8, else confident detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as error:
                raise DecodeError(
                    name, f"invalid {encoding} after its BOM: {error.reason}"
                ) from None
    codec = _codec(declared)
    if codec is not None:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass  # a wrong declaration is common on old pages: detect instead
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if match is not None and match.chaos <= MAX_CHAOS:
        try:
            return data.decode(match.encoding), match.encoding
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodeError(name, "binary data (NUL bytes and no UTF-16/32 byte order mark)")
    tried = f"declared {declared}, " if declared else ""
    raise DecodeError(
        name, f"unknown encoding ({tried}not UTF-8, no BOM, no confident Big5/GB18030 match)"
    )


def _codec(label: str | None) -> str | None:
    """Python's codec for a declared charset label, or None when Python has no such codec."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        return codecs.lookup(_SUPERSETS.get(label, label)).name
    except LookupError:
        return None


def _check_is_text(name: str, text: str) -> None:
    if "\x00" in text:
        raise DecodeError(name, "binary data (contains NUL characters)")
    controls = len(_CONTROLS.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise DecodeError(name, f"binary data ({controls / len(text):.0%} control characters)")


_SKIPPED = {"script", "style", "title", "noscript", "template"}
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre"}
_PARAGRAPHS |= {"table", "hr", "address", "figure", "form", "fieldset"}
_LINES = {"div", "li", "dt", "dd", "tr", "caption", "section", "article", "header", "footer"}
_LINES |= {"nav", "main", "aside", "center", "figcaption", "details", "summary", "option"}
_CELLS = {"td", "th"}
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def html_to_text(html: str, base_url: str | None = None) -> str:
    """Visible text of an HTML page, its block structure kept as line breaks.

    Conventions: headings, paragraphs, lists and tables are separated by a blank line; divs,
    list items and table rows start a new line; ``<br>`` is a newline; a table row is one line
    with its cells separated by a tab (unless a cell holds line breaks of its own); a link with
    an ``href`` is its text followed by a space and the absolute URL in angle brackets —
    ``Agenda <https://www.legco.gov.hk/…/agenda.htm>`` — or just ``<URL>`` when it has no text
    or its text is the URL. Relative links are resolved against ``<base href>``, else
    ``base_url``; without either they stay relative. ``javascript:`` and same-page ``#`` links
    are left out. Whitespace collapses as a browser collapses it, except inside ``<pre>``.
    """
    parser = _TextRenderer(base_url)
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextRenderer(HTMLParser):
    """Collects text and line breaks while html.parser walks the page."""

    def __init__(self, base_url: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.parts: list[str] = []
        self.pending_newlines = 0
        self.pending_space = False
        self.at_cell_start = False
        self.skipping = 0
        self.in_pre = 0
        self.cells_in_row: list[int] = []
        self.links: list[tuple[int, str | None]] = []

    def close(self) -> None:
        """Finish parsing; links left open at the end still get their URL."""
        super().close()
        while self.links:
            self._end_link(*self.links.pop())

    def text(self) -> str:
        """The collected text: trailing spaces and runs of blank lines removed."""
        lines = [line.rstrip(" ") for line in "".join(self.parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")

    def _break(self, newlines: int) -> None:
        if not self.at_cell_start:
            self.pending_newlines = max(self.pending_newlines, newlines)

    def _flush(self) -> None:
        if self.pending_newlines and self.parts:
            self.parts.append("\n" * self.pending_newlines)
        elif self.pending_space and self.parts and not self.parts[-1].endswith(("\n", "\t")):
            self.parts.append(" ")
        self.pending_newlines, self.pending_space = 0, False

    def _write(self, text: str) -> None:
        self._flush()
        self.parts.append(text)
        self.at_cell_start = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "base":
            href = dict(attrs).get("href")
            if href:
                self.base_url = urljoin(self.base_url or "", href)
        elif tag == "br":
            if not self.at_cell_start:
                self.pending_newlines += 1
        elif tag == "a":
            if self.links:  # links do not nest: a new one ends an unclosed one
                self._end_link(*self.links.pop())
            self.links.append((len(self.parts), dict(attrs).get("href")))
        elif tag in _CELLS:
            self._start_cell()
        elif tag in _PARAGRAPHS or tag in _LINES:
            self._break(2 if tag in _PARAGRAPHS else 1)
            if tag == "pre":
                self.in_pre += 1
            elif tag == "table":
                self.cells_in_row.append(0)
            elif tag == "tr" and self.cells_in_row:
                self.cells_in_row[-1] = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "a" and self.links:
            self._end_link(*self.links.pop())
        elif tag in _CELLS:
            self.pending_newlines, self.pending_space, self.at_cell_start = 0, False, False
        elif tag in _PARAGRAPHS or tag in _LINES:
            self._break(2 if tag in _PARAGRAPHS else 1)
            if tag == "pre":
                self.in_pre = max(0, self.in_pre - 1)
            elif tag == "table" and self.cells_in_row:
                self.cells_in_row.pop()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_pre:
            self._write(data)
            return
        collapsed = _WHITESPACE.sub(" ", data)
        words = collapsed.strip(" ")
        if collapsed.startswith(" "):
            self.pending_space = True
        if words:
            self._write(words)
            self.pending_space = collapsed.endswith(" ")

    def _start_cell(self) -> None:
        """Start a table cell: a tab after the row's previous cell, breaks at its start dropped."""
        if not self.cells_in_row:
            self.cells_in_row.append(0)
        self.pending_space = False
        self._flush()
        if self.cells_in_row[-1] > 0:
            self.parts.append("\t")
        self.cells_in_row[-1] += 1
        self.at_cell_start = True

    def _end_link(self, start: int, href: str | None) -> None:
        """Append `` <URL>`` after the link's text, before any break its content asked for."""
        if not href or href.startswith("#") or href.lower().startswith("javascript:"):
            return
        url = urljoin(self.base_url, href.strip()) if self.base_url else href.strip()
        text = "".join(self.parts[start:]).strip()
        if text == url:
            return
        if text:
            self.parts.append(f" <{url}>")
        else:
            self._write(f"<{url}>")
