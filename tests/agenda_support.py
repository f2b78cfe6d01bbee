"""Shared helpers for the agenda tests: reading an agenda (real or our own) and extracting it."""

from pathlib import Path

import pytest
from brief_support import BASE
from rdflib import Graph

from loader.kinds import agenda
from loader.text import clean_text, detect_language


def read(path: Path) -> str:
    """The cleaned text of an agenda, skipping when a ../shared recording is absent."""
    if not path.exists():
        pytest.skip(f"../shared/legco-docs not present: {path.name} is a third-party recording")
    return clean_text(path.read_text(encoding="utf-8"))


def extract_agenda(path: Path) -> Graph:
    """Extract the agenda at ``path`` the way the loader does: cleaned, language detected."""
    text = read(path)
    return agenda.extract(text, language=detect_language(text), base_iri=BASE).graph
