"""Shared helpers for the minutes tests: the fixtures, what each says, and extraction."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from brief_support import BASE
from rdflib import Graph

from loader.kinds import minutes
from loader.kinds.common import Extraction
from loader.paths import ROOT
from loader.text import clean_text, detect_language

FIXTURES = ROOT / "tests" / "data" / "minutes"
AGENDAS = ROOT / "tests" / "data" / "agendas"
SHARED_DOCS = ROOT.parent / "shared" / "legco-docs"


@dataclass(frozen=True)
class Expected:
    """What one set of minutes says (tests/data/minutes/expected.toml)."""

    path: Path
    minutes: str
    number: str
    reference: str
    signed: str
    meeting: str
    committee: str
    date: str
    start: str
    venue: str
    items: int
    paragraphs: int
    numbers: list[str]
    chairman: str
    deputy: str
    present: list[str]
    absent: list[str]
    attending: list[str]
    clerk: list[str]
    staff: list[list[str]]
    actions: list[list[str]]
    pairs: list[list[str]]
    officers: dict[str, list[str]]
    raised_by: list[str] = field(default_factory=list)


def load_expected() -> dict[str, Expected]:
    """Every fixture's expectations by case name, with its path resolved."""
    cases = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))
    return {
        name: Expected(**(case | {"path": FIXTURES / case["path"]})) for name, case in cases.items()
    }


def read(path: Path) -> str:
    """The cleaned text of a document, as the loader sees it."""
    return clean_text(path.read_text(encoding="utf-8"))


def extract_text(text: str) -> Extraction:
    """Extract minutes from cleaned ``text`` the way the loader does (language detected)."""
    return minutes.extract(text, language=detect_language(text), base_iri=BASE)


def extract_minutes(path: Path) -> Graph:
    """The graph of the minutes at ``path``."""
    return extract_text(read(path)).graph
