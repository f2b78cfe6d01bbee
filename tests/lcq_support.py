"""Shared helpers for the LCQ release tests: reading a release the way the loader does."""

import mimetypes
from pathlib import Path

from brief_support import BASE
from rdflib import Graph

from loader.decode import decode
from loader.kinds import lcq
from loader.paths import ROOT
from loader.sources import Source
from loader.text import clean_text, detect_language

RELEASES = ROOT / "tests" / "data" / "lcq"
EN_HTML = RELEASES / "P2024041000242.htm"
HANT_HTML = RELEASES / "P2024041000312.htm"
HANS_HTML = RELEASES / "sc-P2024041000312.htm"
WRITTEN_EN = RELEASES / "lcq10-written-en.txt"
TWO_OFFICERS_ZH = RELEASES / "lcq22-two-officers-zh.txt"
ALL = [EN_HTML, HANT_HTML, HANS_HTML, WRITTEN_EN, TWO_OFFICERS_ZH]


def release_text(path: Path) -> str:
    """The cleaned text of a release file (HTML decoded by its declared charset)."""
    media_type, _ = mimetypes.guess_type(path.name)
    source = Source.from_bytes(path.name, path.read_bytes(), media_type=media_type)
    return clean_text(decode(source).text)


def extract_release(path: Path, origin: str | None = "") -> Graph:
    """Extract the release at ``path``; its origin is its file name unless one is given."""
    text = release_text(path)
    where = path.name if origin == "" else origin
    return lcq.extract(text, language=detect_language(text), base_iri=BASE, origin=where).graph
