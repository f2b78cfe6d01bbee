"""A PDF Hansard's speech bookmarks: the named destinations (``SP_LKF206``,
``SP_LC_DPSD_00206``) of its ``/Names`` tree or ``/Dests`` dictionary, each with the page and
height it points at and the line of text printed there, and each given to the speech that line
opens — so a speech read from the PDF is keyed by its bookmark as the JSON form and HansardDB's
Rundown key it."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral

from loader.kinds.hansard.record import Speech

#: Bookmarks of speeches (``EV_…`` mark events, ``orq01`` questions).
_SPEECH = re.compile(r"^SP_[A-Z0-9_]+$")
#: How far (in points) a line's top may stand above the height a destination names.
_SLACK = 3.0
#: How many characters of a line must agree with the start of a speech.
_PREFIX = 10
_QUESTION_NUMBER = re.compile(r"^\d{1,2}\.")
_COLONS = str.maketrans({":": "：", "︰": "："})
#: A note between a speaker's name and the colon: ``(譯文)``, ``(in Cantonese)``.
_NOTE = re.compile(r"[(（][^)）]{1,20}[)）](?=：)")


@dataclass(frozen=True)
class Destination:
    """A named destination: its name, page (0-based), height and the line printed there."""

    name: str
    sheet: int
    top: float | None
    line: str = ""


def speech_destinations(pdf: bytes) -> list[Destination]:
    """The PDF's speech bookmarks in reading order with the line each points at; none when the
    PDF has none or cannot be read (the speeches then keep their ``p{order}`` keys)."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(pdf)))
        pages = list(PDFPage.create_pages(document))
        found = _named(document, {page.pageid: index for index, page in enumerate(pages)})
        return _with_lines(pages, found)
    except Exception:  # noqa: BLE001 - pdfminer fails on damaged files with many exception types
        return []


def assign_bookmarks(speeches: list[Speech], destinations: list[Destination]) -> int:
    """Give each destination's name to the speech its line opens, in reading order (a speech
    that already has a bookmark keeps it); returns how many were given."""
    given, start = 0, 0
    for destination in destinations:
        line = _QUESTION_NUMBER.sub("", _squeezed(destination.line))[:_PREFIX]
        if len(line) < 4:
            continue
        for index in range(start, len(speeches)):
            speech = speeches[index]
            opening = _squeezed(f"{speech.label}：{speech.text}")
            if speech.bookmark is None and opening.startswith(line):
                speech.bookmark = destination.name
                given, start = given + 1, index + 1
                break
    return given


def _squeezed(text: str) -> str:
    """Text to compare: colons alike, width folded, no spaces, no ``(譯文)``-style note before
    the colon that ends a speaker label."""
    text = unicodedata.normalize("NFKC", text.translate(_COLONS)).translate(_COLONS)
    return _NOTE.sub("", re.sub(r"\s+", "", text))


def _named(document: PDFDocument, pages: dict[int, int]) -> list[Destination]:
    """Speech destinations of the ``/Names`` → ``/Dests`` tree and the older ``/Dests`` dict."""
    catalog = document.catalog
    pairs: list[tuple[object, object]] = []
    names = resolve1(catalog.get("Names"))
    if isinstance(names, dict) and "Dests" in names:
        _walk(names["Dests"], pairs, depth=0)
    old = resolve1(catalog.get("Dests"))
    if isinstance(old, dict):
        pairs.extend(old.items())
    found = []
    for key, value in pairs:
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        place = _place(value, pages)
        if _SPEECH.match(name) and place is not None:
            found.append(Destination(name, *place))
    return sorted(found, key=lambda d: (d.sheet, -(d.top if d.top is not None else 1e9)))


def _walk(node: object, pairs: list[tuple[object, object]], depth: int) -> None:
    node = resolve1(node)
    if not isinstance(node, dict) or depth > 32:
        return
    flat = resolve1(node.get("Names")) or []
    pairs.extend(zip(flat[0::2], flat[1::2], strict=False))
    for kid in resolve1(node.get("Kids")) or []:
        _walk(kid, pairs, depth + 1)


def _place(value: object, pages: dict[int, int]) -> tuple[int, float | None] | None:
    """A destination's page index and the height its view starts at (``/XYZ`` and ``/FitH``)."""
    value = resolve1(value)
    if isinstance(value, dict):
        value = resolve1(value.get("D"))
    if not isinstance(value, list) or not value or not isinstance(value[0], PDFObjRef):
        return None
    sheet = pages.get(value[0].objid)
    if sheet is None:
        return None
    mode = value[1].name if len(value) > 1 and isinstance(value[1], PSLiteral) else ""
    at = {"XYZ": 3, "FitH": 2, "FitBH": 2}.get(mode)
    top = resolve1(value[at]) if at is not None and len(value) > at else None
    return sheet, float(top) if isinstance(top, int | float) else None


def _with_lines(pages: list[PDFPage], found: list[Destination]) -> list[Destination]:
    """Each destination with the first line of text at or below the height it names; only
    the pages that carry a destination are laid out (characters only, no text grouping)."""
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    chars: dict[int, list[LTChar]] = {}
    out = []
    for destination in found:
        if destination.sheet not in chars:
            interpreter.process_page(pages[destination.sheet])
            chars[destination.sheet] = [c for c in device.get_result() if isinstance(c, LTChar)]
        out.append(_at_line(destination, chars[destination.sheet]))
    return out


def _at_line(destination: Destination, chars: list[LTChar]) -> Destination:
    limit = (destination.top if destination.top is not None else 1e9) + _SLACK
    below = [c for c in chars if c.y1 <= limit and c.get_text().strip()]
    if not below:
        return destination
    top = max(c.y1 for c in below)
    line = sorted((c for c in below if abs(c.y1 - top) < 2), key=lambda c: c.x0)
    text = "".join(c.get_text() for c in line)
    return Destination(destination.name, destination.sheet, destination.top, text)
